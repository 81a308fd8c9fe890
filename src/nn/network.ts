// A fully-connected network of any depth in the notebook's shapes, W_l (n_l × n_{l-1}) and
// b_l (n_l × 1), and its construction. Its passes are in propagation.ts, their buffers in
// workspace.ts, the data-dependent LSUV rescaling in lsuv.ts.
import { UsageError } from '../errors.js';
import { Matrix } from '../linalg/matrix.js';
import { RandomState } from '../rng/random-state.js';
import { checkStop, type ShouldStop } from '../stop.js';
import { type Activation, relu, sigmoid } from './activations.js';
import {
  defaultParams,
  type InitializerOptions,
  type Initializer,
  takesScaleFlag,
} from './initializers.js';
import { lsuv } from './lsuv.js';

/** A fully-connected binary classifier: layer l maps n_{l-1} inputs to n_l outputs. */
export interface Network {
  /** Layer sizes [n_0, n_1, …, n_L]. */
  readonly dims: readonly number[];
  /** Activation of layers 1..L (index 0 is layer 1); the last must be sigmoid for the cross-entropy loss. */
  readonly activations: readonly Activation[];
  /** W[l] is layer l+1's weight matrix, b[l] its bias column. */
  readonly W: Matrix[];
  /** b[l] is layer l+1's bias column (n_{l+1} × 1). */
  readonly b: Matrix[];
}

/** Checks a layers list such as [2, 10, 5, 1]. */
export function checkDims(dims: readonly number[]): void {
  if (dims.length < 2)
    throw new UsageError(
      `layers needs at least an input and an output size, got [${dims.join(',')}]`,
    );
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1)
      throw new UsageError(`every layer size must be an integer >= 1, got [${dims.join(',')}]`);
  }
}

/** Hidden layers use `hidden` (ReLU by default), the output layer sigmoid. */
export function defaultActivations(
  dims: readonly number[],
  hidden: Activation = relu,
): Activation[] {
  return dims.slice(1).map((_, l) => (l === dims.length - 2 ? sigmoid : hidden));
}

/** How `initializeNetwork` draws a network. */
export interface InitOptions {
  /**
   * Seed of the RandomState the weights are drawn from (0 when neither `seed` nor `rng` is
   * given; the notebook's is 3, in its own configuration).
   */
  seed?: number;
  /** Draw from this RandomState instead of a fresh one seeded with `seed`. */
  rng?: RandomState;
  /** Activation of each layer (L of them, the last sigmoid); default ReLU hidden layers and a sigmoid output. */
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

/**
 * A network of layer sizes `dims` = [n_0, …, n_L] with weights from `init` (W_l: n_l × n_{l-1},
 * in numpy's draw order) and zero biases (or the preset's, drawn after each layer's weights).
 * @throws UsageError for fewer than two sizes or a size that is not a whole number ≥ 1, an
 *   activation list of the wrong length or without a sigmoid output, or a data-dependent
 *   initializer (lsuv) without `data`
 * @throws DataError when lsuv's batch does not have n_0 features
 */
export function initializeNetwork(
  dims: readonly number[],
  init: Initializer,
  opts: InitOptions = {},
): Network {
  checkDims(dims);
  const rs = opts.rng ?? new RandomState(opts.seed ?? 0);
  // the scale shortcut is random's (the notebook's ×10): another initializer's own `scale` keeps its own default
  const params: InitializerOptions = {
    ...defaultParams(init),
    ...(opts.scale !== undefined && takesScaleFlag(init) ? { scale: opts.scale } : {}),
    ...opts.params,
  };
  const W: Matrix[] = [];
  const b: Matrix[] = [];
  for (let l = 1; l < dims.length; l++) {
    if (l > 1) checkStop(opts.shouldStop, 'initialization'); // between layers (a long draw asks on its own)
    W.push(
      new Matrix(
        dims[l],
        dims[l - 1],
        init.weights(rs, dims[l], dims[l - 1], params, { shouldStop: opts.shouldStop }),
      ),
    );
    b.push(new Matrix(dims[l], 1, init.biases?.(rs, dims[l], dims[l - 1], params)));
  }
  const activations = opts.activations ?? defaultActivations(dims);
  if (activations.length !== dims.length - 1)
    throw new UsageError(
      `${dims.length - 1} layers need ${dims.length - 1} activations, got ${activations.length}`,
    );
  // the output gradient (A − Y)/m is the one of sigmoid followed by cross-entropy
  if (activations[activations.length - 1].name !== 'sigmoid')
    throw new UsageError(
      `the output layer must use sigmoid (binary cross-entropy), got ${activations[activations.length - 1].name}`,
    );
  const net = { dims: [...dims], activations, W, b };
  if (init.needsData) {
    if (!opts.data)
      throw new UsageError(
        `initialization "${init.name}" is data-dependent: give it a batch (initializeNetwork's data option)`,
      );
    lsuv(net, opts.data, params.tol as number, params['max-iter'] as number, opts.shouldStop);
  }
  return net;
}

/** A copy of `net` with its own weights and biases. */
export function cloneNetwork(net: Network): Network {
  return {
    dims: [...net.dims],
    activations: [...net.activations],
    W: net.W.map((w) => w.clone()),
    b: net.b.map((x) => x.clone()),
  };
}

/** Parameter count of a network with these layer sizes. */
export const parameterCount = (dims: readonly number[]): number =>
  dims.slice(1).reduce((s, n, l) => s + n * dims[l] + n, 0);

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
