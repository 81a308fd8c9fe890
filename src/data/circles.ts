// scikit-learn's make_circles (sklearn >= 0.24 semantics: n_out = n // 2, n_in = n − n_out).
import { libmCos, libmSin } from '../rng/libm-sincos.js';
import type { RandomState } from '../rng/random-state.js';
import { DataError } from '../errors.js';
import type { Dataset } from './dataset.js';
import { finishTwoClass, linspace } from './two-class.js';

export interface CirclesOptions {
  nSamples: number;
  noise?: number;
  factor?: number;
  shuffle?: boolean;
}

/** A large circle (label 0) around a smaller one (label 1), as sklearn.datasets.make_circles. */
export function makeCircles(rs: RandomState, { nSamples, noise = 0, factor = 0.8, shuffle = true }: CirclesOptions): Dataset {
  if (!(factor >= 0 && factor < 1)) throw new DataError(`factor must be in [0, 1), got ${factor}`);
  const nOut = Math.floor(nSamples / 2);
  const nIn = nSamples - nOut;
  const tOut = linspace(0, 2 * Math.PI, nOut, false);
  const tIn = linspace(0, 2 * Math.PI, nIn, false);
  const x = new Float64Array(nSamples);
  const y = new Float64Array(nSamples);
  for (let i = 0; i < nOut; i++) {
    x[i] = libmCos(tOut[i]);
    y[i] = libmSin(tOut[i]);
  }
  for (let i = 0; i < nIn; i++) {
    x[nOut + i] = libmCos(tIn[i]) * factor;
    y[nOut + i] = libmSin(tIn[i]) * factor;
  }
  return finishTwoClass({ x, y, nOuter: nOut }, rs, shuffle, noise);
}
