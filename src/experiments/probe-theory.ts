// Mean-field predictions for a probe, layer by layer, from the σ_w² and σ_b² each layer was
// actually drawn with: what a wide network of that depth should show (Poole et al. 2016;
// Schoenholz et al. 2017). Layer 1 is linear in the inputs; the maps act from layer 2 on.
import { scalarActivation } from '../theory/activation-calculus.js';
import {
  activationMoments,
  chi1,
  derivativeMoment,
  lengthMap,
  pairTrajectory,
} from '../theory/mean-field.js';
import type { ProbeResult } from './probe.js';

/** What the mean-field theory predicts for one layer of a probe. */
export interface ProbeTheoryLayer {
  /** Layer number, from 1. */
  layer: number;
  /** Predicted mean square of the pre-activations. */
  q: number;
  /** Predicted std of the activations. */
  std: number;
  /** Predicted correlation of samples 0 and 1 (when the probe had two). */
  c?: number;
  /** χ₁ at this layer's q: the back-propagated gradient's squared growth per layer. */
  chi1: number;
  /**
   * Predicted RMS of the back-propagated gradient ∂/∂h^l from a N(0, 1) output gradient (what
   * `--backward` measures): E[δ_L²] = E[φ′(h^L)²], and E[δ_l²] = E[δ_{l+1}²] σ_w²(l+1) E[φ′(h^l)²]
   * going down (Schoenholz et al. 2017, eq. 10, with each layer's own σ_w²).
   */
  backprop: number;
  /**
   * Set where the maps have nothing to follow: q = 0 (every unit sits at φ(0), so two inputs'
   * correlation is undefined) or q = ∞ (the drawn σ_w² or the signal overflowed float64).
   */
  degenerate?: string;
}

/** Why a layer's theory is degenerate, or undefined when it is not. */
function degeneracy(q: number, weightVar: number): string | undefined {
  if (!Number.isFinite(weightVar))
    return "σ_w² overflowed float64 (the weights' scale squared times fan_in): q = ∞, correlations undefined";
  if (q === 0)
    return 'q = 0: every unit gets the same input φ(0), so two inputs cannot be told apart (correlation undefined)';
  if (q === Infinity) return 'q = ∞: the signal overflowed float64; correlations undefined';
  if (Number.isNaN(q)) return 'q undefined: an earlier layer overflowed float64';
  return undefined;
}

/** The predictions for every measured layer. @throws UsageError for an activation the theory cannot read */
export function probeTheory(r: ProbeResult, activation: string): ProbeTheoryLayer[] {
  const act = scalarActivation(activation);
  const out: ProbeTheoryLayer[] = [];
  const input = r.input ?? { q: 1 };
  let q = 0;
  let c = input.c;
  for (const l of r.layers) {
    const p = { weightVar: l.weightVar, biasVar: l.biasVar };
    if (out.length === 0) {
      q = p.weightVar * input.q + p.biasVar;
      if (c !== undefined) c = (p.weightVar * c * input.q + p.biasVar) / q;
    } else if (c !== undefined) {
      ({ q, c } = pairTrajectory(act, p, q, c, 1)[0]);
    } else {
      q = lengthMap(act, p, q);
    }
    const degenerate = degeneracy(q, p.weightVar);
    if (degenerate !== undefined && c !== undefined && !(Number.isFinite(c) && q > 0))
      c = undefined;
    out.push({
      layer: l.layer,
      q,
      std: activationMoments(act, q).std,
      ...(c === undefined ? {} : { c }),
      chi1: chi1(act, p, q),
      backprop: NaN,
      ...(degenerate === undefined ? {} : { degenerate }),
    });
  }
  // the backward pass runs from the last layer down: each step multiplies by the next layer's σ_w² and this layer's E[φ′²]
  let square = 1;
  for (let i = out.length - 1; i >= 0; i--) {
    if (i < out.length - 1) square *= r.layers[i + 1].weightVar;
    square *= derivativeMoment(act, out[i].q, 1);
    out[i].backprop = Math.sqrt(square);
  }
  return out;
}
