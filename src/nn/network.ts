// A fully-connected network of any depth in the notebook's shapes: W_l (n_l × n_{l-1}),
// b_l (n_l × 1), X (n_0 × m). Forward keeps its cache in a workspace allocated once
// per batch size; backward writes the gradients next to it.
import { DataError, UsageError } from '../errors.js';
import { RandomState } from '../rng/random-state.js';
import { type Activation, relu, sigmoid } from './activations.js';
import { defaultParams, type InitializerOptions, type Initializer, takesScaleFlag } from './initializers.js';
import { type Allocator, type Kernels, tsKernels } from './kernels.js';
import { getKernels } from './backends.js';
import { checkLsuvRounds } from '../limits.js';
import { checkStop, type ShouldStop } from '../stop.js';
import { Matrix } from './matrix.js';
import { scaledMoments } from './moments.js';

export interface Network {
  /** Layer sizes [n_0, n_1, …, n_L]. */
  readonly dims: readonly number[];
  /** Activation of layers 1..L (index 0 is layer 1); the last must be sigmoid for the cross-entropy loss. */
  readonly activations: readonly Activation[];
  /** W[l] is layer l+1's weight matrix, b[l] its bias column. */
  readonly W: Matrix[];
  readonly b: Matrix[];
}

/** Checks a layers list such as [2, 10, 5, 1]. */
export function checkDims(dims: readonly number[]): void {
  if (dims.length < 2) throw new UsageError(`layers needs at least an input and an output size, got [${dims.join(',')}]`);
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1) throw new UsageError(`every layer size must be an integer >= 1, got [${dims.join(',')}]`);
  }
}

/** Hidden layers use `hidden` (ReLU by default), the output layer sigmoid. */
export function defaultActivations(dims: readonly number[], hidden: Activation = relu): Activation[] {
  return dims.slice(1).map((_, l) => (l === dims.length - 2 ? sigmoid : hidden));
}

export interface InitOptions {
  /** Seed of the RandomState the weights are drawn from (the notebook uses 3). */
  seed?: number;
  /** Draw from this RandomState instead of a fresh one seeded with `seed`. */
  rng?: RandomState;
  activations?: Activation[];
  /** The initializer's parameters; those left out take their defaults. */
  params?: InitializerOptions;
  /** Shortcut for `random`'s params.scale (the notebook's ×10); ignored by every other initializer. */
  scale?: number;
  /** A batch (features × examples) for data-dependent initializers (lsuv). */
  data?: Matrix;
  /**
   * Asked between layers, between LSUV's rounds (true throws StopRequested) and during long
   * draws (orthogonal's QR: true throws OrthogonalInterrupted).
   */
  shouldStop?: ShouldStop;
}

/** A network with weights from `init` (in numpy's draw order) and zero biases (or the preset's, drawn after each layer's weights). */
export function initializeNetwork(dims: readonly number[], init: Initializer, opts: InitOptions = {}): Network {
  checkDims(dims);
  const rs = opts.rng ?? new RandomState(opts.seed ?? 3);
  // the scale shortcut is random's (the notebook's ×10): another initializer's own `scale` keeps its own default
  const params: InitializerOptions = { ...defaultParams(init), ...(opts.scale !== undefined && takesScaleFlag(init) ? { scale: opts.scale } : {}), ...opts.params };
  const W: Matrix[] = [];
  const b: Matrix[] = [];
  for (let l = 1; l < dims.length; l++) {
    if (l > 1) checkStop(opts.shouldStop, 'initialization'); // between layers (a long draw asks on its own)
    W.push(new Matrix(dims[l], dims[l - 1], init.weights(rs, dims[l], dims[l - 1], params, { shouldStop: opts.shouldStop })));
    b.push(new Matrix(dims[l], 1, init.biases?.(rs, dims[l], dims[l - 1], params)));
  }
  const activations = opts.activations ?? defaultActivations(dims);
  if (activations.length !== dims.length - 1) throw new UsageError(`${dims.length - 1} layers need ${dims.length - 1} activations, got ${activations.length}`);
  // the output gradient (A − Y)/m is the one of sigmoid followed by cross-entropy
  if (activations[activations.length - 1].name !== 'sigmoid') throw new UsageError(`the output layer must use sigmoid (binary cross-entropy), got ${activations[activations.length - 1].name}`);
  const net = { dims: [...dims], activations, W, b };
  if (init.needsData) {
    if (!opts.data) throw new UsageError(`initialization "${init.name}" is data-dependent: give it a batch (initializeNetwork's data option)`);
    lsuv(net, opts.data, params.tol as number, params['max-iter'] as number, opts.shouldStop);
  }
  return net;
}

/** Population variance of an array. */
export function variance(a: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < a.length; i++) mean += a[i];
  mean /= a.length;
  let v = 0;
  for (let i = 0; i < a.length; i++) v += (a[i] - mean) ** 2;
  return v / a.length;
}

/**
 * LSUV (Mishkin & Matas 2016): layer by layer, divide W by the standard deviation of the
 * layer's output (pre-activation) on the batch until its variance is within tol of 1.
 */
function lsuv(net: Network, X: Matrix, tol: number, maxIter: number, shouldStop?: ShouldStop): void {
  checkLsuvRounds(maxIter);
  if (X.rows !== net.dims[0]) throw new DataError(`lsuv: the batch has ${X.rows} features, the network takes ${net.dims[0]}`);
  const ws = new Workspace(net.dims, X.cols);
  for (let l = 0; l < net.W.length; l++) {
    for (let it = 0; it < maxIter; it++) {
      checkStop(shouldStop, 'the LSUV initialization');
      forward(net, X, ws);
      // the spread scaled by a power of two, so that a batch of 1e200s (variance 1e400) or of
      // 1e-200s (variance 1e-400) is rescaled by its true spread, not zeroed or left alone
      const std = scaledMoments(ws.Z[l]).std;
      if (!(std > 0) || Math.abs(std * std - 1) < tol) break; // a dead layer (spread 0) cannot be rescaled
      const f = 1 / std;
      if (!Number.isFinite(f)) break; // a subnormal spread: its inverse leaves float64
      const w = net.W[l].data;
      for (let i = 0; i < w.length; i++) w[i] *= f;
    }
  }
}

export function cloneNetwork(net: Network): Network {
  return { dims: [...net.dims], activations: [...net.activations], W: net.W.map((w) => w.clone()), b: net.b.map((x) => x.clone()) };
}

/** Buffers for one batch size: Z/A per layer (the cache), dZ/dA, and the gradients. */
export class Workspace {
  readonly m: number;
  readonly Z: Float64Array[];
  readonly A: Float64Array[];
  readonly dZ: Float64Array[];
  readonly dA: Float64Array[];
  readonly dW: Float64Array[];
  readonly db: Float64Array[];
  /** [dW1, db1, dW2, db2, …]: the gradients in the order optimizers take them. */
  readonly gradients: Float64Array[];

  constructor(dims: readonly number[], m: number, alloc: Allocator = (n) => new Float64Array(n)) {
    this.m = m;
    const layers = dims.slice(1);
    this.Z = layers.map((n) => alloc(n * m));
    this.A = layers.map((n) => alloc(n * m));
    this.dZ = layers.map((n) => alloc(n * m));
    this.dA = layers.map((n) => alloc(n * m));
    this.dW = layers.map((n, l) => alloc(n * dims[l]));
    this.db = layers.map((n) => alloc(n));
    this.gradients = this.dW.flatMap((dW, l) => [dW, this.db[l]]);
  }

  /** How many values a workspace for these dims and m holds (to size an arena). */
  static floats(dims: readonly number[], m: number): number {
    return dims.slice(1).reduce((s, n, l) => s + 4 * n * m + n * dims[l] + n, 0);
  }

  /** The output layer's activations (1 × m for a binary classifier). */
  get output(): Float64Array {
    return this.A[this.A.length - 1];
  }

  /** The output layer's pre-activations (logits). */
  get logits(): Float64Array {
    return this.Z[this.Z.length - 1];
  }
}

function checkInput(net: Network, X: Matrix, ws: Workspace): void {
  if (X.rows !== net.dims[0]) throw new DataError(`the network takes ${net.dims[0]} features per example, the data has ${X.rows}`);
  if (X.cols !== ws.m) throw new DataError(`workspace is for ${ws.m} examples, the data has ${X.cols}`);
}

/** LINEAR → ACTIVATION for every layer; leaves Z and A of each layer in `ws`. */
export function forward(net: Network, X: Matrix, ws: Workspace, k: Kernels = tsKernels): Float64Array {
  checkInput(net, X, ws);
  const m = ws.m;
  let prev = X.data;
  for (let l = 0; l < net.W.length; l++) {
    const n = net.dims[l + 1];
    k.linearForward(net.W[l].data, net.b[l].data, prev, n, net.dims[l], m, ws.Z[l]);
    k.activate(net.activations[l], ws.Z[l], ws.A[l], n * m);
    prev = ws.A[l];
  }
  return ws.output;
}

/**
 * The notebook's backward pass after `forward` on the same X: dZ_L = (1/m)(A_L − Y),
 * then for each layer dW = dZ·A_prevᵀ, db = Σ dZ, dA_prev = Wᵀ·dZ, dZ_prev = dA_prev ⊙ act'.
 */
export function backward(net: Network, X: Matrix, Y: Matrix, ws: Workspace, k: Kernels = tsKernels): void {
  const m = ws.m;
  const L = net.W.length;
  if (Y.cols !== m || Y.rows !== net.dims[L]) throw new DataError(`Y must be (${net.dims[L]} × ${m}), got (${Y.rows} × ${Y.cols})`);
  k.outputGradient(ws.A[L - 1], Y.data, net.dims[L] * m, ws.dZ[L - 1]);
  for (let l = L - 1; l >= 0; l--) {
    const n = net.dims[l + 1];
    const kk = net.dims[l];
    const prev = l === 0 ? X.data : ws.A[l - 1];
    k.weightGradients(ws.dZ[l], prev, n, kk, m, ws.dW[l], ws.db[l]);
    if (l > 0) {
      k.backwardLinear(net.W[l].data, ws.dZ[l], n, kk, m, ws.dA[l - 1]);
      k.activateBackward(net.activations[l - 1], ws.dA[l - 1], ws.Z[l - 1], ws.A[l - 1], ws.dZ[l - 1], kk * m);
    }
  }
}

/** Parameter count of a network with these layer sizes. */
export const parameterCount = (dims: readonly number[]): number => dims.slice(1).reduce((s, n, l) => s + n * dims[l] + n, 0);

/**
 * Arrays one layer may take from a run's arena, at most: its weights and biases, the
 * workspaces of the full batch, of the mini-batches and of the test set (six arrays each),
 * the gradients and the optimizer's state, with room to spare.
 */
const ARRAYS_PER_LAYER = 48;

/**
 * A copy of `net` and of (X, Y) in one arena of backend `k`, with its workspace: what a
 * run trains on, with room for `extraFloats` more. `copyBack` writes the trained weights into `net`.
 */
export function stage(net: Network, X: Matrix, Y: Matrix | null, k: Kernels, extraFloats = 0) {
  const m = X.cols;
  // room for each array's alignment padding too: the wasm arena starts every array on 16 bytes,
  // up to one float lost per array, and a deep network carves thousands of small arrays
  const padding = ARRAYS_PER_LAYER * net.dims.length;
  const alloc = k.arena(Workspace.floats(net.dims, m) + parameterCount(net.dims) + X.data.length + (Y ? Y.data.length : 0) + extraFloats + padding);
  const copy = (M: Matrix) => {
    const a = alloc(M.data.length);
    a.set(M.data);
    return new Matrix(M.rows, M.cols, a);
  };
  const staged: Network = { dims: net.dims, activations: net.activations, W: net.W.map(copy), b: net.b.map(copy) };
  const ws = new Workspace(net.dims, m, alloc);
  return {
    /** For `extraFloats` more values in the same arena. */
    alloc,
    net: staged,
    X: copy(X),
    Y: Y ? copy(Y) : null,
    ws,
    copyBack(): void {
      net.W.forEach((w, l) => w.data.set(staged.W[l].data));
      net.b.forEach((b, l) => b.data.set(staged.b[l].data));
    },
  };
}

/** The output probabilities for X, in a fresh array (wasm kernels where they run: forward passes are bit-identical on both). */
export function predictProba(net: Network, X: Matrix, k: Kernels = getKernels()): Float64Array {
  const s = stage(net, X, null, k);
  return forward(s.net, s.X, s.ws, k).slice();
}

/** True when every weight and bias is a finite number. */
export function isFiniteNetwork(net: Network): boolean {
  for (const M of [...net.W, ...net.b]) {
    for (let i = 0; i < M.data.length; i++) if (!Number.isFinite(M.data[i])) return false;
  }
  return true;
}

/** Parameters as the notebook's dictionary: { W1, b1, W2, b2, … } in nested arrays. */
export function networkToDict(net: Network): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  net.W.forEach((w, l) => {
    out[`W${l + 1}`] = w.toArray();
    out[`b${l + 1}`] = net.b[l].toArray();
  });
  return out;
}
