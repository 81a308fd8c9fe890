// Per-layer statistics: what initialization does to the signal on its way through the
// network (activations), on its way back (gradients), and what the weights look like.
import type { Kernels } from '../nn/kernels.js';
import type { Matrix } from '../linalg/matrix.js';
import { type Moments, scaledMoments, scaledNorm } from '../nn/moments.js';
import { type Network } from '../nn/network.js';
import { forward } from '../nn/propagation.js';
import { stage } from '../nn/stage.js';
import { type Workspace } from '../nn/workspace.js';

export { moments, scaledMoments, scaledNorm, type Moments } from '../nn/moments.js';

/** One layer's statistics at one iteration. */
export interface LayerStats {
  /** Layer number, 1 for the first hidden layer. */
  layer: number;
  /** Mean and std of the layer's outputs A_l (n_l × m) over all its entries, and where they sit. */
  activation: Moments & {
    /** Fraction of units whose output is 0 for every example (dead ReLUs; 0 for other activations). */
    dead: number;
    /** Fraction of outputs in the flat tails: |tanh| > 0.99, sigmoid < 0.01 or > 0.99 (0 for others). */
    saturated: number;
  };
  /** Norms of the layer's gradients dW_l (n_l × n_{l-1}) and db_l (n_l × 1), and the back-propagated one. */
  gradient: {
    /** ‖dW_l‖ (Frobenius). */
    weightNorm: number;
    /** ‖db_l‖. */
    biasNorm: number;
    /** RMS of the back-propagated gradient ∂cost/∂Z_l at this layer's pre-activations (it can vanish while the weight gradients look healthy). */
    backprop: number;
  };
  /** Mean and std of the weights W_l, with their Frobenius norm. */
  weight: Moments & {
    /** ‖W_l‖. */
    norm: number;
  };
}

/** Every layer's statistics at one iteration. */
export interface DiagnosticsPoint {
  /** The iteration they were taken at (before its update). */
  iteration: number;
  /** One entry per layer, first hidden layer first. */
  layers: LayerStats[];
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
      gradient: {
        weightNorm: scaledNorm(ws.dW[l]),
        biasNorm: scaledNorm(ws.db[l]),
        backprop: scaledNorm(ws.dZ[l].subarray(0, units * ws.m)) / Math.sqrt(units * ws.m),
      },
      weight: { ...scaledMoments(W.data), norm: scaledNorm(W.data) },
    };
  });
}

/** Counts of `values` in `bins` equal bins over [lo, hi] (values outside are clamped into the end bins). */
export function histogram(
  values: Float64Array,
  bins: number,
  lo: number,
  hi: number,
): { x0: number; x1: number; count: number }[] {
  const counts = new Array(bins).fill(0);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) / w)));
    counts[b]++;
  }
  return counts.map((count, b) => ({ x0: lo + b * w, x1: lo + (b + 1) * w, count }));
}

/** Histograms (`bins` equal bins over each layer's own range) of every layer's activations on X. */
export function activationHistograms(
  net: Network,
  X: Matrix,
  kernels: Kernels,
  bins = 20,
): { layer: number; bins: { x0: number; x1: number; count: number }[] }[] {
  const s = stage(net, X, null, kernels);
  forward(s.net, s.X, s.ws, kernels);
  return s.ws.A.map((A, l) => {
    let lo = Infinity,
      hi = -Infinity;
    for (const v of A) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (!(hi > lo)) {
      lo -= 0.5;
      hi += 0.5;
    }
    return { layer: l + 1, bins: histogram(A, bins, lo, hi) };
  });
}
