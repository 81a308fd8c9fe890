// Mean, standard deviation and norm of float64 arrays: numpy's order of summation (so the
// numbers equal np.mean / np.std), and scaled by a power of two where squares would leave
// float64's range. Used by the per-layer diagnostics, the probe, the sweep summary and LSUV.
import { NUMPY_BUFSIZE, numpySum, pairwiseSum } from './sum.js';

/** Population mean and standard deviation (ddof = 0) of some values. */
export interface Moments {
  /** The mean. */
  mean: number;
  /** The population standard deviation. */
  std: number;
}

/**
 * Population mean and standard deviation of a[0 .. n), bit for bit numpy's `np.mean(a)` and
 * `np.std(a)` (ddof=0): the sum, then the sum of squared deviations from the mean, each in
 * numpy's pairwise order (see ./sum.ts), the squares formed a block of 8,192 at a time.
 */
export function moments(a: ArrayLike<number>, n = a.length): Moments {
  const mean = numpySum(a, 0, n) / n;
  const block = new Float64Array(Math.min(n, NUMPY_BUFSIZE));
  let v = 0;
  for (let b = 0; b < n; b += NUMPY_BUFSIZE) {
    const len = Math.min(NUMPY_BUFSIZE, n - b);
    for (let i = 0; i < len; i++) {
      const d = a[b + i] - mean;
      block[i] = d * d;
    }
    v += pairwiseSum(block, 0, len);
  }
  return { mean, std: Math.sqrt(v / n) };
}

/**
 * The power of two 2^e nearest the largest |value|, when that lies beyond about 2^±400 (where
 * squares overflow or underflow), else 0: the exponent to scale by before squaring. Non-finite
 * values give 0 too, so their statistics stay Infinity or NaN, as they are.
 */
function scaleExponent(a: ArrayLike<number>): number {
  let big = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > big) big = v;
  }
  if (big === 0 || !Number.isFinite(big) || (big >= 2 ** -400 && big <= 2 ** 400)) return 0;
  return Math.round(Math.log2(big));
}

/** a × 2^-e (exact), in two factors so that each stays within float64's range (e from −1074 to 1024). */
function scaled(a: ArrayLike<number>, e: number): Float64Array {
  const s1 = 2 ** -Math.trunc(e / 2);
  const s2 = 2 ** -(e - Math.trunc(e / 2));
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * s1 * s2;
  return out;
}

const unscale = (x: number, e: number) => x * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));

/**
 * Mean and population standard deviation of values of any finite magnitude: a layer of 1e200s
 * would otherwise show an infinite spread (its squares overflow) and one of 1e-200s a spread of
 * exactly 0, so such values are first scaled by a power of two (exact) and the results scaled back.
 */
export function scaledMoments(a: ArrayLike<number>): Moments {
  const e = scaleExponent(a);
  if (e === 0) return moments(a);
  const m = moments(scaled(a, e));
  return { mean: unscale(m.mean, e), std: unscale(m.std, e) };
}

/** Euclidean norm, scaled like scaledMoments so finite values never give Infinity or 0 by their squares alone. */
export function scaledNorm(a: ArrayLike<number>): number {
  const e = scaleExponent(a);
  const b = e === 0 ? a : scaled(a, e);
  let s = 0;
  for (let i = 0; i < b.length; i++) s += b[i] * b[i];
  return unscale(Math.sqrt(s), e);
}

/** Population variance of a (np.var, ddof=0): the square of `moments(a).std`. */
export const variance = (a: ArrayLike<number>): number => moments(a).std ** 2;
