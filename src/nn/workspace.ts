// The buffers of one batch size: each layer's cache (Z, A), the backward pass's dZ and dA,
// and the gradients dW, db, allocated once and reused by every iteration.
import type { Allocator } from './kernels.js';

/** Buffers for one batch size: Z/A per layer (the cache), dZ/dA, and the gradients. */
export class Workspace {
  /** Examples per batch: the columns of every per-example buffer. */
  readonly m: number;
  /** Z[l]: layer l+1's pre-activations (n_{l+1} × m), row-major. */
  readonly Z: Float64Array[];
  /** A[l]: layer l+1's outputs (n_{l+1} × m). */
  readonly A: Float64Array[];
  /** dZ[l]: the cost's gradient with respect to Z[l] (n_{l+1} × m). */
  readonly dZ: Float64Array[];
  /** dA[l]: the cost's gradient with respect to A[l] (n_{l+1} × m); the output layer's is not used. */
  readonly dA: Float64Array[];
  /** dW[l]: the gradient of layer l+1's weights (n_{l+1} × n_l). */
  readonly dW: Float64Array[];
  /** db[l]: the gradient of layer l+1's biases (n_{l+1} values). */
  readonly db: Float64Array[];
  /** The gradients in the order optimizers take them: dW1, db1, dW2, db2, … */
  readonly gradients: Float64Array[];

  /**
   * @param dims layer sizes [n_0, …, n_L]
   * @param m examples per batch (the columns of every buffer)
   * @param alloc where the buffers come from (a backend's arena; plain arrays by default)
   */
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
