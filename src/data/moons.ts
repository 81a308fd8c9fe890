// scikit-learn's make_moons: two interleaving half circles.
import { libmCos, libmSin } from '../rng/libm-sincos.js';
import type { RandomState } from '../rng/random-state.js';
import type { Dataset } from './dataset.js';
import { finishTwoClass, twoArcs } from './two-class.js';

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
export function makeMoons(
  rs: RandomState,
  { nSamples, noise = 0, shuffle = true }: MoonsOptions,
): Dataset {
  const points = twoArcs(
    nSamples,
    Math.PI,
    true,
    (t) => [libmCos(t), libmSin(t)],
    (t) => [1 - libmCos(t), 1 - libmSin(t) - 0.5],
  );
  return finishTwoClass(points, rs, shuffle, noise);
}
