// Measurements on wide, deep, random networks at initialization (no training): what the
// published analyses predict, measured on finite networks drawn from numpy's RandomState.
// Layer l: h^l = W^l φ(h^{l−1}) + b^l (h^0 = x, φ applied from layer 1 on); W^l is N × N.
import { checkReproductionStop } from './stop-hook.js';
import { columnCorrelation, columnSquares } from '../experiments/probe-measures.js';
import { moments } from '../nn/moments.js';
import { getKernels } from '../nn/backends.js';
import type { Kernels } from '../nn/kernels.js';
import { orthogonalWeights } from '../nn/orthogonal.js';
import { RandomState } from '../rng/random-state.js';
import type { ScalarActivation } from '../theory/activation-calculus.js';

/** How a layer's weights are drawn, always with variance σ_w²/N per entry. */
export type WeightLaw = 'gaussian' | 'uniform' | 'orthogonal';

export interface DeepNet {
  width: number;
  depth: number;
  act: ScalarActivation;
  /** σ_w²: the entries' variance times N. */
  weightVar: number;
  /** σ_b²: the biases' variance. */
  biasVar: number;
  law: WeightLaw;
}

/** One layer's weights (N × N, row-major) and biases (N) from `rs`. */
export function drawLayer(net: DeepNet, rs: RandomState): { W: Float64Array; b: Float64Array } {
  checkReproductionStop(); // every reproduction draws its layers here: where a stop is seen
  const n = net.width;
  let W: Float64Array;
  if (net.law === 'gaussian') {
    W = rs.randn(n * n);
    const s = Math.sqrt(net.weightVar / n);
    for (let i = 0; i < W.length; i++) W[i] *= s;
  } else if (net.law === 'uniform') {
    const a = Math.sqrt((3 * net.weightVar) / n); // U(±a) has variance a²/3
    W = rs.uniform(-a, a, n * n);
  } else {
    W = orthogonalWeights(rs.randn(n * n), n, n, Math.sqrt(net.weightVar), 'pytorch');
  }
  const b = net.biasVar > 0 ? rs.randn(n) : new Float64Array(n);
  if (net.biasVar > 0) for (let i = 0; i < n; i++) b[i] *= Math.sqrt(net.biasVar);
  return { W, b };
}

/** Per layer: the mean squared pre-activation q^l, and for columns taken in pairs their correlation c^l. */
export interface ForwardLayer {
  layer: number;
  q: number;
  /** Mean over the pairs (columns 0–1, 2–3, …) of the pre-activations' correlation; NaN with one column. */
  c: number;
  /** Std of the activations φ(h^l) over units and examples. */
  std: number;
  /** Per example: (‖φ(h^l)‖²/N) / (‖x‖²/N), Hanin & Rolnick's M_l (ReLU nets). */
  ratios: Float64Array;
}

/**
 * Propagates the columns of X (N × m) through one drawn network; keeps each layer's
 * pre-activations when `keep` (for a backward pass). Throws nothing: non-finite values propagate.
 */
export function forwardPass(
  net: DeepNet,
  X: Float64Array,
  m: number,
  rs: RandomState,
  { keep = false, kernels = getKernels() as Kernels } = {},
) {
  const n = net.width;
  const alloc = kernels.arena(3 * n * m + n * n + n);
  let A = alloc(n * m);
  A.set(X);
  const Z = alloc(n * m);
  const W = alloc(n * n);
  const b = alloc(n);
  const inputNorms = columnSquares(X, n, m);
  const layers: ForwardLayer[] = [];
  const weights: Float64Array[] = [];
  const pre: Float64Array[] = [];
  for (let l = 1; l <= net.depth; l++) {
    const drawn = drawLayer(net, rs);
    W.set(drawn.W);
    b.set(drawn.b);
    if (keep) weights.push(drawn.W);
    kernels.linearForward(W, b, A, n, n, m, Z);
    if (keep) pre.push(Z.slice());
    let q = 0;
    for (let i = 0; i < n * m; i++) q += Z[i] * Z[i];
    q /= n * m;
    const c = pairCorrelation(Z, n, m);
    for (let i = 0; i < n * m; i++) A[i] = net.act.phi(Z[i]);
    const sq = columnSquares(A, n, m);
    const ratios = new Float64Array(m);
    for (let j = 0; j < m; j++) ratios[j] = sq[j] / inputNorms[j];
    layers.push({ layer: l, q, c, std: moments(A).std, ratios });
  }
  return { layers, weights, pre };
}

/** Mean over the pairs of columns (0–1, 2–3, …) of their correlation; NaN with one column. */
function pairCorrelation(Z: Float64Array, n: number, m: number): number {
  if (m < 2) return NaN;
  const pairs = Math.floor(m / 2);
  let sum = 0;
  for (let p = 0; p < pairs; p++) sum += columnCorrelation(Z, n, m, 2 * p, 2 * p + 1);
  return sum / pairs;
}

/**
 * A backward pass from a random N(0, 1) gradient at the last layer's output: per layer, the
 * std of the back-propagated gradient ∂/∂h^l and of the weight gradient ∂/∂W^l (averaged
 * over the m examples). `pre` and `weights` come from forwardPass(…, { keep: true }); X is the input.
 */
export function backwardPass(
  net: DeepNet,
  X: Float64Array,
  m: number,
  weights: Float64Array[],
  pre: Float64Array[],
  rs: RandomState,
) {
  const n = net.width;
  let delta = rs.randn(n * m); // ∂/∂a^L, then ∂/∂h^l going down
  const out: { layer: number; backpropStd: number; weightGradStd: number }[] = [];
  for (let l = net.depth; l >= 1; l--) {
    const h = pre[l - 1];
    for (let i = 0; i < n * m; i++) delta[i] *= net.act.dphi(h[i]);
    // ∂/∂W^l = δ^l · (a^{l−1})ᵀ / m
    const prevA = l === 1 ? X : pre[l - 2].map((v) => net.act.phi(v));
    const dW = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += delta[i * m + j] * prevA[k * m + j];
        dW[i * n + k] = s / m;
      }
    }
    out.push({ layer: l, backpropStd: moments(delta).std, weightGradStd: moments(dW).std });
    // ∂/∂a^{l−1} = (W^l)ᵀ δ^l
    const W = weights[l - 1];
    const next = new Float64Array(n * m);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        const w = W[i * n + k];
        for (let j = 0; j < m; j++) next[k * m + j] += w * delta[i * m + j];
      }
    delta = next;
  }
  return out.reverse();
}

/**
 * The first two moments of the eigenvalues of J Jᵀ, J = ∂h^L/∂h^0 (N × N) at input x (N):
 * m1 = tr(J Jᵀ)/N and m2 = tr((J Jᵀ)²)/N, so their variance is m2 − m1² (Pennington et
 * al. 2017's σ²_JJᵀ) without an eigensolver.
 */
export function jacobianMoments(
  net: DeepNet,
  x: Float64Array,
  rs: RandomState,
  kernels: Kernels = getKernels(),
): { m1: number; m2: number; variance: number } {
  const n = net.width;
  // every buffer from the kernels' arena: the wasm kernels read and write only their own memory
  const alloc = kernels.arena(3 * n * n + 4 * n);
  let J = alloc(n * n);
  for (let i = 0; i < n; i++) J[i * n + i] = 1;
  let next = alloc(n * n);
  const W = alloc(n * n);
  const zero = alloc(n);
  const b = alloc(n);
  const h = alloc(n);
  const a = alloc(n);
  a.set(x);
  for (let l = 1; l <= net.depth; l++) {
    const drawn = drawLayer(net, rs);
    W.set(drawn.W);
    b.set(drawn.b);
    kernels.linearForward(W, b, a, n, n, 1, h);
    kernels.linearForward(W, zero, J, n, n, n, next); // W J
    for (let i = 0; i < n; i++) {
      const d = net.act.dphi(h[i]);
      for (let j = 0; j < n; j++) next[i * n + j] *= d; // D W J
    }
    [J, next] = [next, J];
    for (let i = 0; i < n; i++) a[i] = net.act.phi(h[i]);
  }
  // A = J Jᵀ: A_ij = Σ_k J_ik J_jk
  let tr = 0,
    tr2 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      const ri = i * n,
        rj = j * n;
      for (let k = 0; k < n; k++) s += J[ri + k] * J[rj + k];
      if (i === j) {
        tr += s;
        tr2 += s * s;
      } else tr2 += 2 * s * s;
    }
  }
  const m1 = tr / n;
  const m2 = tr2 / n;
  return { m1, m2, variance: m2 - m1 * m1 };
}
