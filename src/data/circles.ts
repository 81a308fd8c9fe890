// scikit-learn's make_circles (sklearn >= 0.24 semantics: n_out = n // 2, n_in = n − n_out).
import { libmCos, libmSin } from '../rng/libm-sincos.js';
import type { RandomState } from '../rng/random-state.js';
import { DataError } from '../errors.js';
import type { Dataset } from './dataset.js';
import { finishTwoClass, twoArcs } from './two-class.js';

/** make_circles' parameters, under scikit-learn's names in camelCase. */
export interface CirclesOptions {
  /** Number of points m (n // 2 on the outer circle, the rest on the inner). */
  nSamples: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Inner circle's radius over the outer's, in [0, 1) (default 0.8). */
  factor?: number;
  /** Shuffle the points as scikit-learn does (default true). */
  shuffle?: boolean;
}

/**
 * A large circle (label 0) around a smaller one (label 1), as sklearn.datasets.make_circles,
 * drawn from `rs` in scikit-learn's order: X (2 × m), Y (1 × m).
 * @throws DataError when factor is not in [0, 1)
 */
export function makeCircles(
  rs: RandomState,
  { nSamples, noise = 0, factor = 0.8, shuffle = true }: CirclesOptions,
): Dataset {
  if (!(factor >= 0 && factor < 1)) throw new DataError(`factor must be in [0, 1), got ${factor}`);
  const points = twoArcs(
    nSamples,
    2 * Math.PI,
    false,
    (t) => [libmCos(t), libmSin(t)],
    (t) => [libmCos(t) * factor, libmSin(t) * factor],
  );
  return finishTwoClass(points, rs, shuffle, noise);
}
