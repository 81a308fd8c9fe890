// How large a dataset's inputs are. Initialization schemes (Glorot & Bengio 2010; He et al.
// 2015) assume inputs of about unit variance: their weights keep that scale through the
// layers, so inputs a thousand or a billion times larger (or smaller) come out of the first
// layer that much larger (or smaller), whatever the initializer. The run doctor reads this
// before it blames the initialization or the learning rate.
import type { Matrix } from '../linalg/matrix.js';

/** The scale of X's values (features × m). */
export interface InputScale {
  /** max |x| over every feature of every example. */
  largest: number;
  /** The largest standard deviation of a feature over the examples (population, as numpy's np.std). */
  spread: number;
}

/**
 * max |x| and the largest per-feature standard deviation of X (features × m, examples as
 * columns). The deviations are taken from each feature's mean and scaled by max |x| before
 * squaring, so that values near float64's limit (1e308) do not overflow to Infinity.
 */
export function inputScale(X: Matrix): InputScale {
  let largest = 0;
  for (const v of X.data) largest = Math.max(largest, Math.abs(v));
  if (largest === 0 || !Number.isFinite(largest)) return { largest, spread: 0 };
  let spread = 0;
  for (let f = 0; f < X.rows; f++) {
    const row = X.data.subarray(f * X.cols, (f + 1) * X.cols);
    let mean = 0;
    for (const v of row) mean += v / largest / X.cols;
    let sq = 0;
    for (const v of row) sq += (v / largest - mean) ** 2;
    spread = Math.max(spread, Math.sqrt(sq / X.cols) * largest);
  }
  return { largest, spread };
}

/** Inputs this far above unit scale (max |x|) make any variance-preserving initialization oversized. */
export const LARGE_INPUT = 1e2;
/** Inputs this far below unit scale (max |x|) reach the output as little more than the biases. */
export const SMALL_INPUT = 1e-2;

/** True when the inputs are outside [SMALL_INPUT, LARGE_INPUT] in size (or all 0). */
export const inputsOffScale = (s: InputScale): boolean =>
  s.largest > LARGE_INPUT || s.largest < SMALL_INPUT;
