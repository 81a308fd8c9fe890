// Activations as small objects: the forward map and its backward step side by side
// (TensorFlow Playground's { output, der } idea), each looping over a whole buffer.
import { resolveSpec } from '../spec.js';
import type { ParamSchema } from '../validate.js';

/** An activation function over whole buffers: its forward map and its backward step. */
export interface Activation {
  /** Registry name with parameters, e.g. `leaky-relu:slope=0.01`. */
  readonly name: string;
  /** a[i] = f(z[i]) for i < n. */
  forward(z: Float64Array, a: Float64Array, n: number): void;
  /** dZ[i] = dA[i] · f'(z[i]) for i < n (a = f(z) given too, where it is cheaper). */
  backward(dA: Float64Array, z: Float64Array, a: Float64Array, dZ: Float64Array, n: number): void;
}

/** ReLU: max(0, z); its derivative is taken as 0 at z = 0, as numpy's `np.int64(A > 0)`. */
export const relu: Activation = {
  name: 'relu',
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : 0;
  },
  // the notebook multiplies by (a > 0), which is the same as z > 0
  backward(dA, z, a, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = a[i] > 0 ? dA[i] : 0;
  },
};

/** The logistic function 1 / (1 + e^−z), the output layer's. */
export const sigmoid: Activation = {
  name: 'sigmoid',
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = 1 / (1 + Math.exp(-z[i]));
  },
  backward(dA, z, a, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = dA[i] * a[i] * (1 - a[i]);
  },
};

/** The hyperbolic tangent. */
export const tanh: Activation = {
  name: 'tanh',
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
  },
  backward(dA, z, a, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = dA[i] * (1 - a[i] * a[i]);
  },
};

/** The identity z ↦ z (a linear layer). */
export const linear: Activation = {
  name: 'linear',
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = z[i];
  },
  backward(dA, z, a, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = dA[i];
  },
};

/** Leaky ReLU: z for z > 0, else slope·z (slope 0.01 by default, as PyTorch's and Keras'). */
export function leakyRelu(slope = 0.01): Activation {
  return {
    name: `leaky-relu:slope=${slope}`,
    forward(z, a, n) {
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : slope * z[i];
    },
    backward(dA, z, a, dZ, n) {
      for (let i = 0; i < n; i++) dZ[i] = z[i] > 0 ? dA[i] : slope * dA[i];
    },
  };
}

/** ELU (Clevert et al. 2016): z for z > 0, else alpha·(e^z − 1). */
export function elu(alpha = 1): Activation {
  return {
    name: `elu:alpha=${alpha}`,
    forward(z, a, n) {
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : alpha * Math.expm1(z[i]);
    },
    backward(dA, z, a, dZ, n) {
      for (let i = 0; i < n; i++) dZ[i] = z[i] > 0 ? dA[i] : dA[i] * (a[i] + alpha);
    },
  };
}

// Klambauer et al. 2017, the constants as in PyTorch / Keras.
/** SELU's α, to 17 digits (Klambauer et al. 2017, eq. 14; PyTorch's and TensorFlow's constant). */
export const SELU_ALPHA = 1.6732632423543772;
/** SELU's λ, to 17 digits (Klambauer et al. 2017, eq. 14; PyTorch's and TensorFlow's constant). */
export const SELU_SCALE = 1.0507009873554805;

/** SELU (Klambauer et al. 2017): λ·z for z > 0, else λ·α·(e^z − 1), the self-normalizing activation. */
export const selu: Activation = {
  name: 'selu',
  forward(z, a, n) {
    for (let i = 0; i < n; i++)
      a[i] = z[i] > 0 ? SELU_SCALE * z[i] : SELU_SCALE * SELU_ALPHA * Math.expm1(z[i]);
  },
  backward(dA, z, a, dZ, n) {
    for (let i = 0; i < n; i++)
      dZ[i] = z[i] > 0 ? SELU_SCALE * dA[i] : dA[i] * (a[i] + SELU_SCALE * SELU_ALPHA);
  },
};

/** An activation of the catalogue: what it computes, its SPEC keys, how to build it. */
export interface ActivationEntry {
  /** The formula in one line. */
  description: string;
  /** Its own parameters and their own defaults (the schema SPECs are checked against). */
  params: ParamSchema;
  /** Builds the activation from checked parameters (every key of `params`, filled in). */
  make(params: Record<string, number>): Activation;
}

/** Every activation by name (`--activation NAME[:key=value]`). */
export const activations: Record<string, ActivationEntry> = {
  relu: { description: 'max(0, z)', params: {}, make: () => relu },
  'leaky-relu': {
    description: 'z if z > 0 else slope·z',
    params: { slope: { default: 0.01, min: 0, doc: 'slope for z < 0 (as Keras, not negative)' } },
    make: (p) => leakyRelu(p.slope),
  },
  tanh: { description: 'tanh(z)', params: {}, make: () => tanh },
  sigmoid: { description: '1 / (1 + e^-z)', params: {}, make: () => sigmoid },
  linear: { description: 'z (identity)', params: {}, make: () => linear },
  elu: {
    description: 'z if z > 0 else alpha·(e^z − 1)',
    params: { alpha: { default: 1, min: 0, doc: 'scale of the negative part' } },
    make: (p) => elu(p.alpha),
  },
  selu: {
    description: 'scaled ELU with the self-normalizing constants',
    params: {},
    make: () => selu,
  },
};

/**
 * `relu`, `leaky-relu:slope=0.2`, … → the activation, its parameters checked against the
 * entry's schema (the same SPEC parser as every registry).
 * @throws UsageError for an unknown name, key or value
 */
export function activationFromName(spec: string): Activation {
  const { entry, params } = resolveSpec(spec, 'activation', activations);
  return entry.make(params as Record<string, number>);
}
