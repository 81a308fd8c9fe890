// The initializer registry: how each layer's weight matrix W (fanOut × fanIn) is drawn.
// Biases always start at zero. Draws come from one RandomState, layer after layer and
// row by row within a layer, the order numpy's `randn(n_l, n_{l-1})` uses.
import { UsageError } from '../errors.js';
import type { RandomState } from '../rng/random-state.js';
import { parseSpec } from '../spec.js';

export interface InitializerOptions {
  /** Multiplier of the standard normal draws for `random` (the notebook's ×10). */
  scale?: number;
}

export interface Initializer {
  readonly name: string;
  readonly description: string;
  /** Whether it consumes random draws (zeros does not, so the notebook never seeds for it). */
  readonly random: boolean;
  weights(rs: RandomState, fanOut: number, fanIn: number, opts: InitializerOptions): Float64Array;
}

function scaledNormal(rs: RandomState, fanOut: number, fanIn: number, factor: number): Float64Array {
  const w = rs.randn(fanOut * fanIn);
  for (let i = 0; i < w.length; i++) w[i] = w[i] * factor;
  return w;
}

export const initializers: Record<string, Initializer> = {
  zeros: {
    name: 'zeros',
    description: 'all weights 0: fails to break symmetry (the notebook\'s first run)',
    random: false,
    weights: (_rs, fanOut, fanIn) => new Float64Array(fanOut * fanIn),
  },
  random: {
    name: 'random',
    description: 'standard normal × scale (default 10: the notebook\'s "large random")',
    random: true,
    weights: (rs, fanOut, fanIn, opts) => scaledNormal(rs, fanOut, fanIn, opts.scale ?? 10),
  },
  he: {
    name: 'he',
    description: 'standard normal × sqrt(2 / fan_in) (He et al. 2015; the notebook\'s recommended method)',
    random: true,
    weights: (rs, fanOut, fanIn) => scaledNormal(rs, fanOut, fanIn, Math.sqrt(2.0 / fanIn)),
  },
  xavier: {
    name: 'xavier',
    description: 'standard normal × sqrt(1 / fan_in) (as the notebook describes Xavier)',
    random: true,
    weights: (rs, fanOut, fanIn) => scaledNormal(rs, fanOut, fanIn, Math.sqrt(1.0 / fanIn)),
  },
};

export const initializerNames = (): string[] => Object.keys(initializers);

export interface ResolvedInitializer {
  init: Initializer;
  opts: InitializerOptions;
  /** The name as written in results, e.g. `random` or `random:scale=1`. */
  label: string;
}

/** `he`, `random`, `random:scale=0.01` → the initializer and its options (flags give defaults). */
export function resolveInitializer(spec: string, defaults: InitializerOptions = {}): ResolvedInitializer {
  const { name, params } = parseSpec(spec, 'initializer');
  const init = Object.hasOwn(initializers, name) ? initializers[name] : undefined;
  if (!init) throw new UsageError(`unknown initialization "${name}"; accepted: ${initializerNames().join(', ')}`);
  const opts: InitializerOptions = { ...defaults };
  for (const [k, v] of Object.entries(params)) {
    if (k !== 'scale' || name !== 'random') throw new UsageError(`initialization "${name}" takes no "${k}"${name === 'random' ? '; accepted: scale' : ''}`);
    const x = Number(v);
    if (!Number.isFinite(x)) throw new UsageError(`initialization "${spec}": scale must be a finite number, got "${v}"`);
    opts.scale = x;
  }
  return { init, opts, label: Object.keys(params).length ? spec.trim() : name };
}
