// Optimizers over a flat list of parameter arrays [W1, b1, W2, b2, …] and their gradients.
// gd is the notebook's update; momentum and Adam follow the course's formulas
// (v = β·v + (1 − β)·dW; Adam with bias correction), state allocated once per run.
import { resolveSpec } from '../spec.js';
import { defaultsOf, type ParamSchema } from '../validate.js';
import type { Allocator, Kernels } from './kernels.js';

/** An optimizer and its parameters; those left out take its defaults (the course's). */
export interface OptimizerSpec {
  /** `gd` (the notebook's W ← W − lr·dW), `momentum` or `adam`. */
  name: 'gd' | 'momentum' | 'adam';
  /** Momentum's β, the weight of the past velocity (default 0.9). */
  beta?: number;
  /** Adam's β₁, for the first moment (default 0.9). */
  beta1?: number;
  /** Adam's β₂, for the second moment (default 0.999). */
  beta2?: number;
  /** Adam's ε, added to the root of the second moment (default 1e-8). */
  epsilon?: number;
}

export interface Optimizer {
  readonly spec: Required<OptimizerSpec>;
  /** One update of every parameter array from its gradient. */
  step(params: Float64Array[], grads: Float64Array[], lr: number, k: Kernels): void;
}

export const optimizerNames = ['gd', 'momentum', 'adam'] as const;

const BETA = (d: number, doc: string) => ({ default: d, min: 0, lt: 1, doc });

/** Each optimizer's own parameters and their own defaults (the course's). */
export const optimizers: Record<
  OptimizerSpec['name'],
  { description: string; params: ParamSchema }
> = {
  gd: { description: "gradient descent (the notebook's update)", params: {} },
  momentum: {
    description: 'v = β·v + (1 − β)·dW, W −= lr·v',
    params: { beta: BETA(0.9, 'momentum β') },
  },
  adam: {
    description: 'Adam with bias correction',
    params: {
      beta1: BETA(0.9, 'first-moment decay β1'),
      beta2: BETA(0.999, 'second-moment decay β2'),
      epsilon: { default: 1e-8, min: 0, positive: true, doc: 'added to the denominator' },
    },
  },
};

/**
 * `gd`, `momentum:beta=0.9`, `adam:beta1=0.9,beta2=0.999,epsilon=1e-8` → the spec, every
 * parameter of the optimizer filled in (given or its default).
 * @throws UsageError for an unknown name, key or value
 */
export function parseOptimizer(text: string): OptimizerSpec {
  const { name, params } = resolveSpec(text, 'optimizer', optimizers);
  return { name: name as OptimizerSpec['name'], ...(params as Record<string, number>) };
}

export function createOptimizer(spec: OptimizerSpec, sizes: number[], alloc: Allocator): Optimizer {
  // an OptimizerSpec built by hand may leave parameters out: they take the optimizer's own defaults
  const defaults = {
    ...defaultsOf(optimizers.momentum.params),
    ...defaultsOf(optimizers.adam.params),
  };
  const full = { ...defaults, ...spec } as Required<OptimizerSpec>;
  if (full.name === 'gd') {
    return {
      spec: full,
      step: (P, G, lr, k) => {
        for (let i = 0; i < P.length; i++) k.update(P[i], G[i], lr, P[i].length);
      },
    };
  }
  if (full.name === 'momentum') {
    const v = sizes.map((n) => alloc(n));
    const b = full.beta;
    return {
      spec: full,
      step(P, G, lr) {
        for (let i = 0; i < P.length; i++) {
          const p = P[i],
            g = G[i],
            vi = v[i];
          for (let j = 0; j < p.length; j++) {
            vi[j] = b * vi[j] + (1 - b) * g[j];
            p[j] = p[j] - lr * vi[j];
          }
        }
      },
    };
  }
  const v = sizes.map((n) => alloc(n));
  const s = sizes.map((n) => alloc(n));
  const { beta1: b1, beta2: b2, epsilon: eps } = full;
  let t = 0;
  return {
    spec: full,
    step(P, G, lr) {
      t++;
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      for (let i = 0; i < P.length; i++) {
        const p = P[i],
          g = G[i],
          vi = v[i],
          si = s[i];
        for (let j = 0; j < p.length; j++) {
          vi[j] = b1 * vi[j] + (1 - b1) * g[j];
          si[j] = b2 * si[j] + (1 - b2) * g[j] * g[j];
          p[j] = p[j] - (lr * (vi[j] / c1)) / (Math.sqrt(si[j] / c2) + eps);
        }
      }
    },
  };
}
