// The few kernels where training spends its time, behind one interface so that a
// faster backend can stand in for this readable reference. All matrices are
// row-major Float64Arrays; m (examples) is the innermost, contiguous axis.
import type { Activation } from './activations.js';
import { numpySum } from './sum.js';

/** Hands out arrays the kernels can work on (for wasm: views into its memory). */
export type Allocator = (length: number) => Float64Array;

/** The few loops training spends its time in, over row-major float64 buffers; a backend implements them. */
export interface Kernels {
  /** The backend's name (`ts`, `wasm`, …). */
  readonly name: string;
  /**
   * Room for `floats` values in total; returns the allocator for this run's buffers.
   * Arrays from an earlier arena of the same backend may be invalid afterwards.
   */
  arena(floats: number): Allocator;
  /** A = act(Z) over len values. */
  activate(act: Activation, Z: Float64Array, A: Float64Array, len: number): void;
  /** dZ = dA ⊙ act'(Z) over len values. */
  activateBackward(
    act: Activation,
    dA: Float64Array,
    Z: Float64Array,
    A: Float64Array,
    dZ: Float64Array,
    len: number,
  ): void;
  /** Z (n × m) = W (n × k) · A (k × m) + b (n), b broadcast along the examples. */
  linearForward(
    W: Float64Array,
    b: Float64Array,
    A: Float64Array,
    n: number,
    k: number,
    m: number,
    Z: Float64Array,
  ): void;
  /** dZ = (1/m) · (A − Y): the sigmoid + cross-entropy output gradient, as the notebook writes it. */
  outputGradient(A: Float64Array, Y: Float64Array, m: number, dZ: Float64Array): void;
  /** dW (n × k) = dZ (n × m) · Aprevᵀ (m × k); db (n) = row sums of dZ, summed as numpy's np.sum (src/nn/sum.ts). */
  weightGradients(
    dZ: Float64Array,
    Aprev: Float64Array,
    n: number,
    k: number,
    m: number,
    dW: Float64Array,
    db: Float64Array,
  ): void;
  /** dAprev (k × m) = Wᵀ (k × n) · dZ (n × m). */
  backwardLinear(
    W: Float64Array,
    dZ: Float64Array,
    n: number,
    k: number,
    m: number,
    dAprev: Float64Array,
  ): void;
  /** P ← P − lr · G, elementwise over len values. */
  update(P: Float64Array, G: Float64Array, lr: number, len: number): void;
  /**
   * Whole iterations of full-batch gradient descent in one call (forward, the divergence
   * check, backward, update), giving exactly the numbers of the kernels above called one by
   * one; null when this backend cannot run these layers so. Optional: the reference has none.
   */
  fuse?(
    layers: readonly FusedLayer[],
    X: Float64Array,
    Y: Float64Array,
    m: number,
  ): FusedSteps | null;
}

/** One layer of a fused run: sizes, parameters and workspace buffers (all from one arena), activation. */
export interface FusedLayer {
  /** Units of this layer: W is n × k, Z, A, dZ and dA are n × m. */
  n: number;
  /** Units of the layer before it (fan_in). */
  k: number;
  /** Weights, n × k row-major. */
  W: Float64Array;
  /** Biases, n × 1. */
  b: Float64Array;
  /** Pre-activations, n × m. */
  Z: Float64Array;
  /** Outputs, n × m. */
  A: Float64Array;
  /** ∂cost/∂Z, n × m. */
  dZ: Float64Array;
  /** ∂cost/∂A, n × m. */
  dA: Float64Array;
  /** ∂cost/∂W, n × k. */
  dW: Float64Array;
  /** ∂cost/∂b, n × 1. */
  db: Float64Array;
  /** The layer's activation (the fused loop computes relu and sigmoid). */
  activation: Activation;
}

/** Runs a fused training loop on the buffers it was made for. */
export interface FusedSteps {
  /**
   * Runs up to `count` iterations at learning rate `lr`; returns how many ran. Fewer means
   * that the next iteration's logits summed to a non-finite number: its forward pass is in
   * the workspace, its update was not made.
   */
  run(count: number, lr: number): number;
}

/**
 * The TypeScript reference kernels. `check` is called once per row of every matrix product
 * (a row is k·m or n·m multiply-adds): a single iteration of a wide network can take many
 * seconds, and a stop asked for meanwhile must not wait for its end. `check` throws to
 * abandon the product (the CLI's throws StopRequested); it must be cheap (one atomic read).
 */
export function makeTsKernels(check: () => void = () => {}): Kernels {
  return {
    name: 'ts',
    arena: () => (length) => new Float64Array(length),
    activate: (act, Z, A, len) => act.forward(Z, A, len),
    activateBackward: (act, dA, Z, A, dZ, len) => act.backward(dA, Z, A, dZ, len),
    linearForward(W, b, A, n, k, m, Z) {
      for (let i = 0; i < n; i++) {
        check();
        const zo = i * m;
        for (let j = 0; j < m; j++) Z[zo + j] = 0;
        for (let p = 0; p < k; p++) {
          const w = W[i * k + p];
          const ao = p * m;
          for (let j = 0; j < m; j++) Z[zo + j] += w * A[ao + j];
        }
        const bi = b[i];
        for (let j = 0; j < m; j++) Z[zo + j] += bi;
      }
    },
    outputGradient(A, Y, m, dZ) {
      const inv = 1.0 / m;
      for (let j = 0; j < m; j++) dZ[j] = inv * (A[j] - Y[j]);
    },
    weightGradients(dZ, Aprev, n, k, m, dW, db) {
      for (let i = 0; i < n; i++) {
        check();
        const zo = i * m;
        for (let p = 0; p < k; p++) {
          const ao = p * m;
          let s = 0;
          for (let j = 0; j < m; j++) s += dZ[zo + j] * Aprev[ao + j];
          dW[i * k + p] = s;
        }
        // np.sum(dZ, axis=1): numpy's pairwise order, bit for bit
        db[i] = numpySum(dZ, zo, m);
      }
    },
    backwardLinear(W, dZ, n, k, m, dAprev) {
      for (let p = 0; p < k; p++) {
        check();
        const o = p * m;
        for (let j = 0; j < m; j++) dAprev[o + j] = 0;
        for (let i = 0; i < n; i++) {
          const w = W[i * k + p];
          const zo = i * m;
          for (let j = 0; j < m; j++) dAprev[o + j] += w * dZ[zo + j];
        }
      }
    },
    update(P, G, lr, len) {
      for (let i = 0; i < len; i++) P[i] = P[i] - lr * G[i];
    },
  };
}

/** The reference kernels without a stop check (the library's default, the web lab's worker). */
export const tsKernels: Kernels = makeTsKernels();
