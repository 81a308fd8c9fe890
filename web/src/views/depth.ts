// The depth view: a plain deep network with weights N(0, σ_w² / fan-in) and biases
// N(0, σ_b²), no training; how the spread of the signal changes layer by layer, forward and
// backward, measured (src/experiments/probe.ts, in this view's own worker) against the
// mean-field theory (Poole et al. 2016; Schoenholz et al. 2017: src/theory/mean-field.ts),
// and where (σ_w², σ_b²) sits on the phase diagram.
import { maxOf } from '../../../src/extent.js';
import { scalarActivation } from '../../../src/theory/activation-calculus.js';
import { criticalWeightVar, meanField } from '../../../src/theory/mean-field.js';
import { render } from '../charts.js';
import { drawSized } from '../sized.js';
import type { PlotSpec } from '../../../src/plot/specs.js';
import { clipMessage } from '../echo.js';
import { Session } from '../session.js';
import { depthSpec, type LayerValue, phaseSpec } from './depth-figures.js';
import { $ } from './page.js';

/** The probe's size: wide enough for the theory to hold, small enough to redraw while a slider moves. */
export const DEPTH = 30;
export const WIDTH = 100;
export const SAMPLES = 64;

export class DepthView {
  /** This view's own worker, started on first sight of the view. */
  #session: Session | null = null;
  /** A probe is being computed; `#pending` says whether the sliders moved meanwhile. */
  #busy = false;
  #pending = false;

  constructor() {
    for (const id of ['d-sw', 'd-sb', 'd-act'])
      $(id).addEventListener('input', () => this.update());
  }

  /** The settings shown: σ_w, σ_b and the activation. */
  #settings(): { sw: number; sb: number; act: string } {
    return {
      sw: Number(($('d-sw') as HTMLInputElement).value),
      sb: Number(($('d-sb') as HTMLInputElement).value),
      act: ($('d-act') as HTMLSelectElement).value,
    };
  }

  /** Measures and draws for the current settings (one probe at a time; the latest settings win). */
  async update(): Promise<void> {
    if (this.#busy) {
      this.#pending = true;
      return;
    }
    this.#busy = true;
    const { sw, sb, act } = this.#settings();
    // said at once (the view's worker starts on first sight), replaced by the result's note
    $('depth-stage').setAttribute('aria-busy', 'true');
    if (!$('depth-forward').firstChild) $('depth-note').textContent = `Measuring ${DEPTH} layers…`;
    $('d-sw-value').textContent = `σ_w = ${sw.toFixed(2)} (σ_w² = ${(sw * sw).toFixed(2)})`;
    $('d-sb-value').textContent = `σ_b = ${sb.toFixed(2)} (σ_b² = ${(sb * sb).toFixed(3)})`;
    try {
      this.#session ??= new Session();
      const { result, theory } = await this.#session.api.probe({
        init: `random-normal:std=${sw / Math.sqrt(WIDTH)}`,
        biasStd: sb,
        depth: DEPTH,
        width: WIDTH,
        samples: SAMPLES,
        activation: act,
        seed: 1,
      });
      const forward = result.layers.map((l) => ({ layer: l.layer, value: l.std }));
      const predicted = theory.map((t) => ({ layer: t.layer, value: t.std }));
      const backward = result.layers.map((l) => ({ layer: l.layer, value: l.backprop ?? NaN }));
      renderSized(
        depthSpec(forward, predicted, 'Forward: spread of the activations', 'std'),
        $('depth-forward'),
      );
      const backwardPredicted = backwardTheory(
        backward,
        theory.map((t) => t.chi1),
      );
      renderSized(
        depthSpec(backward, backwardPredicted, 'Backward: spread of the gradient', 'RMS of ∂/∂h'),
        $('depth-backward'),
      );
      this.#phase(act, sw * sw, sb * sb);
      // the numbers behind the dots and the lines, for whoever reads the page's data (and its tests)
      $('depth-forward').dataset.measured = JSON.stringify(forward.map((p) => p.value));
      $('depth-forward').dataset.theory = JSON.stringify(predicted.map((p) => p.value));
      $('depth-backward').dataset.measured = JSON.stringify(backward.map((p) => p.value));
      $('depth-backward').dataset.theory = JSON.stringify(backwardPredicted.map((p) => p.value));
      const zeros = forward.filter((p) => p.value === 0).length;
      const stopped =
        result.stopReason === 'diverged'
          ? ` The signal left float64's range at layer ${result.divergedAt}: ${result.divergence}.`
          : '';
      $('depth-error').textContent = '';
      $('depth-note').textContent =
        `${zeros ? `${zeros} layer(s) output exact zeros (not on the log axis).` : ''}${stopped}`;
    } catch (e) {
      $('depth-error').textContent = clipMessage((e as Error).message.replace(/^Error: /, ''));
    } finally {
      this.#busy = false;
      $('depth-stage').removeAttribute('aria-busy');
      if (this.#pending) {
        this.#pending = false;
        void this.update();
      }
    }
  }

  #phase(act: string, weightVar: number, biasVar: number): void {
    const a = scalarActivation(act);
    const summary = meanField(a, { weightVar, biasVar });
    const yMax = Math.max(1, biasVar * 1.25);
    const line = Array.from({ length: 41 }, (_, i) => (i / 40) * yMax).flatMap((b) => {
      const c = criticalWeightVar(a, b);
      return c ? [{ weightVar: c.weightVar, biasVar: b }] : [];
    });
    const xMax = Math.max(4, weightVar * 1.25, 1.1 * maxOf(line.map((p) => p.weightVar)));
    renderSized(phaseSpec(line, { weightVar, biasVar }, xMax, yMax), $('depth-phase'));
    const words = {
      ordered: 'ordered: signals shrink and inputs become alike with depth',
      critical: 'critical: the signal keeps its size through depth',
      chaotic: 'chaotic: signals grow, or nearby inputs decorrelate, with depth',
    };
    $('depth-summary').textContent =
      `χ₁ = ${summary.chi1.toPrecision(3)}: ${words[summary.phase]}. Depth scale ξ_c = ${summary.xiC === null ? `none (${summary.undefinedBecause?.xiC})` : Number.isFinite(summary.xiC) ? `${summary.xiC.toPrecision(3)} layers` : '∞ layers'}.`;
  }
}

/** `spec` drawn into `box` at the box's width (and again when it changes), at the spec's own height. */
const renderSized = (spec: PlotSpec, box: HTMLElement) =>
  drawSized(box, spec.width ?? 420, (width) => render({ ...spec, width }, box));

/**
 * The theory's backward curve for δ^l = ∂/∂h^l = φ′(h^l) ⊙ W^{l+1}ᵀ δ^{l+1}:
 * E[(δ^l)²] = σ_w² E[φ′(h^l)²] E[(δ^{l+1})²] = χ₁(q^l) E[(δ^{l+1})²] (Schoenholz et al. 2017,
 * §4), anchored at the measured last layer and carried back with each layer's χ₁.
 */
export function backwardTheory(measured: LayerValue[], chi1: number[]): LayerValue[] {
  const last = measured.at(-1);
  if (!last || !(last.value > 0)) return [];
  const out: LayerValue[] = [{ layer: last.layer, value: last.value }];
  for (let i = measured.length - 2; i >= 0; i--)
    out.unshift({ layer: measured[i].layer, value: out[0].value * Math.sqrt(chi1[i]) });
  return out;
}
