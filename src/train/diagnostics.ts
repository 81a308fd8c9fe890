// Per-layer statistics: what initialization does to the signal on its way through the
// network (activations), on its way back (gradients), and what the weights look like.
import type { Kernels } from '../nn/kernels.js';
import type { Matrix } from '../nn/matrix.js';
import { NUMPY_BUFSIZE, numpySum, pairwiseSum } from '../nn/sum.js';
import { forward, type Network, stage, type Workspace } from '../nn/network.js';

export interface Moments {
  mean: number;
  std: number;
}

export interface LayerStats {
  layer: number;
  activation: Moments & {
    /** Fraction of units whose output is 0 for every example (dead ReLUs; 0 for other activations). */
    dead: number;
    /** Fraction of outputs in the flat tails: |tanh| > 0.99, sigmoid < 0.01 or > 0.99 (0 for others). */
    saturated: number;
  };
  gradient: { weightNorm: number; biasNorm: number };
  weight: Moments & { norm: number };
}

export interface DiagnosticsPoint {
  iteration: number;
  layers: LayerStats[];
}

/**
 * Population mean and standard deviation of a[0 .. n), bit for bit numpy's `np.mean(a)` and
 * `np.std(a)` (ddof=0): the sum, then the sum of squared deviations from the mean, each in
 * numpy's pairwise order (see ../nn/sum.ts), the squares formed a block of 8,192 at a time.
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

function deadFraction(A: Float64Array, units: number, m: number): number {
  let dead = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let j = 0; j < m && !alive; j++) alive = A[u * m + j] !== 0;
    if (!alive) dead++;
  }
  return dead / units;
}

function saturatedFraction(kind: string, A: Float64Array): number {
  if (kind !== 'tanh' && kind !== 'sigmoid') return 0;
  let s = 0;
  for (let i = 0; i < A.length; i++) {
    const a = A[i];
    if (kind === 'tanh' ? Math.abs(a) > 0.99 : a < 0.01 || a > 0.99) s++;
  }
  return s / A.length;
}

/** Statistics of every layer from a workspace that holds a forward and a backward pass of `net`. */
export function layerStats(net: Network, ws: Workspace): LayerStats[] {
  return net.W.map((W, l) => {
    const units = net.dims[l + 1];
    const kind = net.activations[l].name.split(':')[0];
    const A = ws.A[l];
    return {
      layer: l + 1,
      activation: {
        ...scaledMoments(A),
        dead: kind === 'relu' ? deadFraction(A, units, ws.m) : 0,
        saturated: saturatedFraction(kind, A),
      },
      gradient: { weightNorm: scaledNorm(ws.dW[l]), biasNorm: scaledNorm(ws.db[l]) },
      weight: { ...scaledMoments(W.data), norm: scaledNorm(W.data) },
    };
  });
}

/** Counts of `values` in `bins` equal bins over [lo, hi] (values outside are clamped into the end bins). */
export function histogram(values: Float64Array, bins: number, lo: number, hi: number): { x0: number; x1: number; count: number }[] {
  const counts = new Array(bins).fill(0);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) / w)));
    counts[b]++;
  }
  return counts.map((count, b) => ({ x0: lo + b * w, x1: lo + (b + 1) * w, count }));
}

/** Histograms (`bins` equal bins over each layer's own range) of every layer's activations on X. */
export function activationHistograms(net: Network, X: Matrix, kernels: Kernels, bins = 20): { layer: number; bins: { x0: number; x1: number; count: number }[] }[] {
  const s = stage(net, X, null, kernels);
  forward(s.net, s.X, s.ws, kernels);
  return s.ws.A.map((A, l) => {
    let lo = Infinity, hi = -Infinity;
    for (const v of A) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
    return { layer: l + 1, bins: histogram(A, bins, lo, hi) };
  });
}
