// Optimizers over a flat list of parameter arrays [W1, b1, W2, b2, …] and their gradients.
// gd is the notebook's update; momentum and Adam follow the course's formulas
// (v = β·v + (1 − β)·dW; Adam with bias correction), state allocated once per run.
import { UsageError } from '../errors.js';
import { parseSpec } from '../spec.js';
import type { Allocator, Kernels } from './kernels.js';

export interface OptimizerSpec {
  name: 'gd' | 'momentum' | 'adam';
  beta?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface Optimizer {
  readonly spec: Required<OptimizerSpec>;
  /** One update of every parameter array from its gradient. */
  step(params: Float64Array[], grads: Float64Array[], lr: number, k: Kernels): void;
}

export const optimizerNames = ['gd', 'momentum', 'adam'] as const;

const DEFAULTS = { beta: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** `gd`, `momentum:beta=0.9`, `adam:beta1=0.9,beta2=0.999,epsilon=1e-8` → the spec. */
export function parseOptimizer(text: string): OptimizerSpec {
  const { name, params } = parseSpec(text, 'optimizer');
  if (!(optimizerNames as readonly string[]).includes(name)) throw new UsageError(`unknown optimizer "${name}"; accepted: ${optimizerNames.join(', ')}`);
  const allowed: Record<string, string[]> = { gd: [], momentum: ['beta'], adam: ['beta1', 'beta2', 'epsilon'] };
  const spec: OptimizerSpec = { name: name as OptimizerSpec['name'] };
  for (const [k, v] of Object.entries(params)) {
    if (!allowed[name].includes(k)) throw new UsageError(`optimizer ${name} takes no "${k}"${allowed[name].length ? `; accepted: ${allowed[name].join(', ')}` : ''}`);
    const x = Number(v);
    const ok = k === 'epsilon' ? x > 0 && Number.isFinite(x) : x >= 0 && x < 1;
    if (!ok) throw new UsageError(`optimizer ${name}: ${k} must be ${k === 'epsilon' ? 'a positive number' : 'in [0, 1)'}, got "${v}"`);
    (spec as unknown as Record<string, number>)[k] = x;
  }
  return spec;
}

export function createOptimizer(spec: OptimizerSpec, sizes: number[], alloc: Allocator): Optimizer {
  const full = { ...DEFAULTS, ...spec } as Required<OptimizerSpec>;
  if (full.name === 'gd') {
    return { spec: full, step: (P, G, lr, k) => { for (let i = 0; i < P.length; i++) k.update(P[i], G[i], lr, P[i].length); } };
  }
  if (full.name === 'momentum') {
    const v = sizes.map((n) => alloc(n));
    const b = full.beta;
    return {
      spec: full,
      step(P, G, lr) {
        for (let i = 0; i < P.length; i++) {
          const p = P[i], g = G[i], vi = v[i];
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
        const p = P[i], g = G[i], vi = v[i], si = s[i];
        for (let j = 0; j < p.length; j++) {
          vi[j] = b1 * vi[j] + (1 - b1) * g[j];
          si[j] = b2 * si[j] + (1 - b2) * g[j] * g[j];
          p[j] = p[j] - (lr * (vi[j] / c1)) / (Math.sqrt(si[j] / c2) + eps);
        }
      }
    },
  };
}
