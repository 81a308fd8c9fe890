// What the probe measures beyond each layer's spread, so that mean-field theory can be put
// beside it: the weights' σ_w² and the biases' σ_b² as drawn, two inputs' correlation, the
// per-example squared-length ratios of Hanin & Rolnick, a backward pass and the singular
// values of the input-output Jacobian.
import { moments } from '../nn/moments.js';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Activation } from '../nn/activations.js';

/** fan_in × the mean square of W (fanOut × fanIn): σ_w² as the draws have it (Var(w) · fan_in for centred weights). */
export function measuredWeightVar(W: Float64Array, fanIn: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += W[i] * W[i];
  return (s / len) * fanIn;
}

/** The correlation of columns a and b of H (rows × m). */
export function columnCorrelation(
  H: Float64Array,
  rows: number,
  m: number,
  a: number,
  b: number,
): number {
  let aa = 0,
    bb = 0,
    ab = 0;
  for (let i = 0; i < rows; i++) {
    const x = H[i * m + a],
      y = H[i * m + b];
    aa += x * x;
    bb += y * y;
    ab += x * y;
  }
  return ab / Math.sqrt(aa * bb);
}

/** Per example j: ‖H[:, j]‖² (rows × m). */
export function columnSquares(H: Float64Array, rows: number, m: number): Float64Array {
  const s = new Float64Array(m);
  for (let i = 0; i < rows; i++) for (let j = 0; j < m; j++) s[j] += H[i * m + j] * H[i * m + j];
  return s;
}

/** ‖v‖₂ / √len: the root mean square of v. */
export function rms(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s / v.length);
}

/**
 * A backward pass from a random output gradient G (width × m), through the stored layers:
 * per layer l (1-based), the RMS of ∂/∂h^l (the back-propagated gradient at the
 * pre-activations) and of ∂/∂W^l = ∂/∂h^l · (a^{l−1})ᵀ / m (the weight gradient, which can
 * look healthy while the first vanishes).
 */
export function backwardNorms(
  act: Activation,
  weights: Float64Array[],
  pre: Float64Array[],
  X: Float64Array,
  G: Float64Array,
  w: number,
  m: number,
): { backprop: number; weightGrad: number }[] {
  const depth = weights.length;
  let delta = G.slice();
  const dZ = new Float64Array(w * m);
  const out: { backprop: number; weightGrad: number }[] = new Array(depth);
  const aPrev = new Float64Array(w * m);
  for (let l = depth; l >= 1; l--) {
    const Z = pre[l - 1];
    const A = new Float64Array(w * m);
    act.forward(Z, A, w * m);
    act.backward(delta, Z, A, dZ, w * m);
    if (l === 1) aPrev.set(X);
    else act.forward(pre[l - 2], aPrev, w * m);
    let gw = 0;
    for (let i = 0; i < w; i++) {
      for (let k = 0; k < w; k++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += dZ[i * m + j] * aPrev[k * m + j];
        gw += (s / m) ** 2;
      }
    }
    out[l - 1] = { backprop: rms(dZ), weightGrad: Math.sqrt(gw / (w * w)) };
    const W = weights[l - 1];
    const next = new Float64Array(w * m);
    for (let i = 0; i < w; i++) {
      for (let k = 0; k < w; k++) {
        const wik = W[i * w + k];
        if (wik === 0) continue;
        for (let j = 0; j < m; j++) next[k * m + j] += wik * dZ[i * m + j];
      }
    }
    delta = next;
  }
  return out;
}

/** A summary of the singular values s_i of an input-output Jacobian. */
export interface JacobianSpectrum {
  /** Mean of the s_i. */
  mean: number;
  /** Population std of the s_i. */
  std: number;
  /** The smallest s_i. */
  min: number;
  /** The largest s_i. */
  max: number;
  /** Mean of the s_i², the eigenvalues of J Jᵀ. */
  squaredMean: number;
  /** Population variance of the s_i². */
  squaredVariance: number;
}

/**
 * The singular values of the input-output Jacobian ∂h^L/∂x = D_L W_L ⋯ D_1 W_1 (width ×
 * width) at one example, D_l = diag(φ′(h^l)); by ml-matrix's SVD. Summarized as their mean,
 * std, extremes, and the mean and variance of their squares (Pennington et al. 2017's
 * spectrum of J Jᵀ).
 */
export function jacobianSpectrum(
  act: Activation,
  weights: Float64Array[],
  preColumn: Float64Array[],
  w: number,
): JacobianSpectrum {
  let J = new Float64Array(w * w);
  for (let i = 0; i < w; i++) J[i * w + i] = 1;
  const ones = new Float64Array(w).fill(1);
  const d = new Float64Array(w);
  const a = new Float64Array(w);
  for (let l = 0; l < weights.length; l++) {
    act.forward(preColumn[l], a, w);
    act.backward(ones, preColumn[l], a, d, w); // φ′(h) per unit
    const W = weights[l];
    const next = new Float64Array(w * w);
    for (let i = 0; i < w; i++) {
      const row = next.subarray(i * w, (i + 1) * w);
      for (let k = 0; k < w; k++) {
        const wik = W[i * w + k];
        if (wik === 0) continue;
        const jr = J.subarray(k * w, (k + 1) * w);
        for (let j = 0; j < w; j++) row[j] += wik * jr[j];
      }
      for (let j = 0; j < w; j++) row[j] *= d[i];
    }
    J = next;
  }
  const M = new Matrix(w, w);
  for (let i = 0; i < w; i++) for (let j = 0; j < w; j++) M.set(i, j, J[i * w + j]);
  const s = new SingularValueDecomposition(M, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  }).diagonal;
  const sq = s.map((x) => x * x);
  const sv = moments(s);
  const sqm = moments(sq);
  let min = Infinity,
    max = -Infinity;
  for (const x of s) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return {
    mean: sv.mean,
    std: sv.std,
    min,
    max,
    squaredMean: sqm.mean,
    squaredVariance: sqm.std ** 2,
  };
}
