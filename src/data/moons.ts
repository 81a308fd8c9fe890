// scikit-learn's make_moons: two interleaving half circles.
import type { RandomState } from '../rng/random-state.js';
import type { Dataset } from './dataset.js';
import { finishTwoClass, linspace } from './two-class.js';

/** make_moons' parameters, under scikit-learn's names in camelCase. */
export interface MoonsOptions {
  /** Number of points m (n // 2 on the upper moon, the rest on the lower). */
  nSamples: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Shuffle the points as scikit-learn does (default true). */
  shuffle?: boolean;
}

/**
 * Two interleaving half circles (label 0 above, 1 below), as sklearn.datasets.make_moons,
 * drawn from `rs` in scikit-learn's order: X (2 × m), Y (1 × m).
 */
export function makeMoons(rs: RandomState, { nSamples, noise = 0, shuffle = true }: MoonsOptions): Dataset {
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const tOut = linspace(0, Math.PI, nOut);
  const tIn = linspace(0, Math.PI, nIn);
  const x = new Float64Array(nSamples);
  const y = new Float64Array(nSamples);
  for (let i = 0; i < nOut; i++) {
    x[i] = Math.cos(tOut[i]);
    y[i] = Math.sin(tOut[i]);
  }
  for (let i = 0; i < nIn; i++) {
    x[nOut + i] = 1 - Math.cos(tIn[i]);
    y[nOut + i] = 1 - Math.sin(tIn[i]) - 0.5;
  }
  return finishTwoClass({ x, y, nOuter: nOut }, rs, shuffle, noise);
}
