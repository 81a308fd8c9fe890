// numpy's legacy `np.random.RandomState`, algorithm for algorithm, so that a seed
// gives the numbers numpy gives. References are to numpy/random/src/legacy and
// numpy/random/src/distributions (numpy 1.17+, unchanged since for RandomState).
import { UsageError } from '../errors.js';
import { libmLog } from './libm-log.js';
import { MT19937 } from './mt19937.js';

/** The largest seed numpy's RandomState accepts: 2^32 − 1. */
export const MAX_SEED = 0xffffffff;

/** Throws a UsageError unless `seed` is an integer in 0..2^32-1, as numpy requires. */
export function checkSeed(seed: number, what = 'seed'): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new UsageError(
      `${what} must be an integer between 0 and 4294967295 (2^32-1), got ${seed}`,
    );
  }
  return seed;
}

/**
 * numpy's legacy `np.random.RandomState`: MT19937 with numpy's algorithms for uniforms,
 * Gaussians (the polar method, C library log), integers and permutations, so a seed gives
 * numpy's very draws (numpy/random/_legacy, numpy/random/src/legacy).
 */
export class RandomState {
  private readonly mt: MT19937;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: number) {
    this.mt = new MT19937(checkSeed(seed));
  }

  /** Like `np.random.seed(seed)`: resets the stream and drops the cached Gaussian. */
  seed(seed: number): void {
    this.mt.seed(checkSeed(seed));
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** One raw 32-bit draw. */
  nextUint32(): number {
    return this.mt.nextUint32();
  }

  /** One uniform double in [0, 1). */
  nextDouble(): number {
    return this.mt.nextDouble();
  }

  /** `random_sample(size)`: uniform doubles in [0, 1). */
  randomSample(size = 1): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.mt.nextDouble();
    return out;
  }

  /**
   * One standard normal by the legacy polar method (legacy_gauss): draws come in
   * pairs; the second is cached and returned by the next call, even across calls
   * of `randn`, exactly as numpy does, bit for bit (log as glibc computes it: ./libm-log.ts).
   */
  gaussian(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const g = this.gauss;
      this.gauss = 0;
      return g;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2.0 * this.mt.nextDouble() - 1.0;
      x2 = 2.0 * this.mt.nextDouble() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    // the C library's log, not Math.log, which rounds differently in a few percent of cases
    const f = Math.sqrt((-2.0 * libmLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `randn(size)`: standard normals; a (rows × cols) array is rows·cols draws in row-major order. */
  randn(size = 1): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.gaussian();
    return out;
  }

  /** `normal(loc, scale, size)`: loc + scale · gaussian, one draw per element. */
  normal(loc = 0, scale = 1, size = 1): Float64Array {
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = loc + scale * this.gaussian();
    return out;
  }

  /** `uniform(low, high, size)`: low + (high − low) · random_sample. */
  uniform(low = 0, high = 1, size = 1): Float64Array {
    const out = new Float64Array(size);
    const range = high - low;
    for (let i = 0; i < size; i++) out[i] = low + range * this.mt.nextDouble();
    return out;
  }

  /**
   * One integer in [0, max] by numpy's masked rejection (random_interval / the
   * masked path of random_bounded_uint64_fill): draw, mask to the smallest
   * all-ones mask covering max, reject values above max. 32-bit draws while max
   * fits in 32 bits, else 64-bit draws (hi·2^32 + lo), as numpy does.
   */
  interval(max: number): number {
    if (!Number.isSafeInteger(max) || max < 0)
      throw new RangeError(`interval bound must be a safe non-negative integer, got ${max}`);
    if (max === 0) return 0;
    if (max <= MAX_SEED) {
      let mask = max;
      mask |= mask >>> 1;
      mask |= mask >>> 2;
      mask |= mask >>> 4;
      mask |= mask >>> 8;
      mask |= mask >>> 16;
      mask >>>= 0;
      let v: number;
      while ((v = (this.mt.nextUint32() & mask) >>> 0) > max);
      return v;
    }
    // Ranges above 2^32: 64-bit masked draws, done in BigInt to keep every bit.
    const bmax = BigInt(max);
    let mask = bmax;
    for (const s of [1n, 2n, 4n, 8n, 16n, 32n]) mask |= mask >> s;
    let v: bigint;
    do {
      const hi = BigInt(this.mt.nextUint32());
      const lo = BigInt(this.mt.nextUint32());
      v = ((hi << 32n) | lo) & mask;
    } while (v > bmax);
    return Number(v);
  }

  /**
   * `randint(low, high, size)` with numpy's default 64-bit integer dtype: integers
   * in [low, high). A range of exactly 2^32 values uses one raw 32-bit draw each.
   */
  randint(low: number, high: number, size = 1): number[] {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low) {
      throw new RangeError(`randint needs integers low < high, got ${low}, ${high}`);
    }
    const rng = high - 1 - low;
    const out: number[] = new Array(size);
    for (let i = 0; i < size; i++) {
      out[i] = rng === MAX_SEED ? low + this.mt.nextUint32() : low + this.interval(rng);
    }
    return out;
  }

  /** In-place `shuffle` of a 1-d array: Fisher–Yates from the end, j = interval(i). */
  shuffle<T>(items: { length: number; [i: number]: T }): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
  }

  /** `permutation(n)`: a shuffled 0..n-1. */
  permutation(n: number): number[] {
    const idx = Array.from({ length: n }, (_, i) => i);
    this.shuffle(idx);
    return idx;
  }
}
