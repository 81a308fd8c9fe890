// The catalogue's activations as scalar functions with their first two derivatives: what
// the mean-field integrals need (the training engine works on whole buffers instead).
import { activationFromName, SELU_ALPHA, SELU_SCALE } from '../nn/activations.js';
import { parseSpec } from '../spec.js';

/** φ, φ′, φ″ of one activation, and the pre-activations where it is not smooth. */
export interface ScalarActivation {
  /** Registry name with its parameters, e.g. `leaky-relu:slope=0.01`. */
  readonly name: string;
  /** φ(u). */
  phi(u: number): number;
  /** φ′(u), the derivative (one-sided at a kink). */
  dphi(u: number): number;
  /** φ″(u), the second derivative (one-sided at a kink). */
  d2phi(u: number): number;
  /** Pre-activation values where φ, φ′ or φ″ jumps or kinks (the quadrature splits there). */
  readonly kinks: readonly number[];
  /**
   * For positively homogeneous activations (φ(λu) = λφ(u), λ > 0: ReLU, leaky ReLU, linear) the
   * slopes [left, right]: φ(u) = left·u below 0 and right·u above. Their Gaussian integrals are
   * closed forms (the arc-cosine kernel, Cho & Saul 2009) and their q has no fixed point off
   * σ_w²·(left² + right²)/2 = 1, which the theory reports as such.
   */
  readonly slopes?: readonly [number, number];
}

const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));

function piecewiseExp(name: string, scale: number, alpha: number): ScalarActivation {
  // u > 0: scale·u; u ≤ 0: scale·alpha·(e^u − 1)
  return {
    name,
    phi: (u) => (u > 0 ? scale * u : scale * alpha * Math.expm1(u)),
    dphi: (u) => (u > 0 ? scale : scale * alpha * Math.exp(u)),
    d2phi: (u) => (u > 0 ? 0 : scale * alpha * Math.exp(u)),
    kinks: [0],
  };
}

/**
 * The scalar form of a catalogue activation (`tanh`, `leaky-relu:slope=0.2`, …): the SPEC is
 * read by the activation registry itself, so the same names, parameters and defaults hold.
 * @throws UsageError for a name or parameter the registry refuses.
 */
export function scalarActivation(spec: string): ScalarActivation {
  const resolved = activationFromName(spec).name; // e.g. "elu:alpha=1": the registry's own defaults filled in
  const { name, params } = parseSpec(resolved, 'activation');
  const p = (k: string) => Number(params[k]);
  switch (name) {
    case 'relu':
      return {
        name: resolved,
        phi: (u) => (u > 0 ? u : 0),
        dphi: (u) => (u > 0 ? 1 : 0),
        d2phi: () => 0,
        kinks: [0],
        slopes: [0, 1],
      };
    case 'leaky-relu': {
      const s = p('slope');
      return {
        name: resolved,
        phi: (u) => (u > 0 ? u : s * u),
        dphi: (u) => (u > 0 ? 1 : s),
        d2phi: () => 0,
        kinks: [0],
        slopes: [s, 1],
      };
    }
    case 'linear':
      return {
        name: resolved,
        phi: (u) => u,
        dphi: () => 1,
        d2phi: () => 0,
        kinks: [],
        slopes: [1, 1],
      };
    case 'tanh':
      return {
        name: resolved,
        phi: Math.tanh,
        dphi: (u) => {
          const t = Math.tanh(u);
          return 1 - t * t;
        },
        d2phi: (u) => {
          const t = Math.tanh(u);
          return -2 * t * (1 - t * t);
        },
        kinks: [0],
      };
    case 'sigmoid':
      return {
        name: resolved,
        phi: sigmoid,
        dphi: (u) => {
          const s = sigmoid(u);
          return s * (1 - s);
        },
        d2phi: (u) => {
          const s = sigmoid(u);
          return s * (1 - s) * (1 - 2 * s);
        },
        kinks: [0],
      };
    case 'elu':
      return piecewiseExp(resolved, 1, p('alpha'));
    case 'selu':
      return piecewiseExp(resolved, SELU_SCALE, SELU_ALPHA);
    default:
      // a new registry entry must say its derivatives here before the theory can use it
      throw new Error(`activation "${name}" has no scalar form for the theory`);
  }
}
