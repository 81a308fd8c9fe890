// scikit-learn's make_moons: two interleaving half circles.
import { libmCos, libmSin } from '../rng/libm-sincos.js';
import type { RandomState } from '../rng/random-state.js';
import type { Dataset } from './dataset.js';
import { finishTwoClass, linspace } from './two-class.js';

export interface MoonsOptions {
  nSamples: number;
  noise?: number;
  shuffle?: boolean;
}

export function makeMoons(rs: RandomState, { nSamples, noise = 0, shuffle = true }: MoonsOptions): Dataset {
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const tOut = linspace(0, Math.PI, nOut);
  const tIn = linspace(0, Math.PI, nIn);
  const x = new Float64Array(nSamples);
  const y = new Float64Array(nSamples);
  for (let i = 0; i < nOut; i++) {
    x[i] = libmCos(tOut[i]);
    y[i] = libmSin(tOut[i]);
  }
  for (let i = 0; i < nIn; i++) {
    x[nOut + i] = 1 - libmCos(tIn[i]);
    y[nOut + i] = 1 - libmSin(tIn[i]) - 0.5;
  }
  return finishTwoClass({ x, y, nOuter: nOut }, rs, shuffle, noise);
}
