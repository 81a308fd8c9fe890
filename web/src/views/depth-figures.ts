// The depth view's figures (small local specs until the shared ones exist): per-layer
// spread on a log axis, measurement as dots and the mean-field theory as a line, and the
// point on the (σ_w², σ_b²) phase diagram with its order-to-chaos line.
import * as Plot from '@observablehq/plot';
import { RUN_COLORS } from '../../../src/plot/palette.js';
import type { PlotSpec } from '../../../src/plot/specs.js';

export interface LayerValue {
  layer: number;
  value: number;
}

/** Only values a log axis can show: positive and finite (an exact zero is said in the caption instead). */
const shown = (xs: LayerValue[]) => xs.filter((p) => p.value > 0 && Number.isFinite(p.value));

/**
 * Measured values (dots) and the theory's (a line) per layer, y on a log axis so 1e-16 and
 * 1e+16 both show. Width × height: 420 × 300 px.
 */
export function depthSpec(
  measured: LayerValue[],
  theory: LayerValue[],
  title: string,
  yLabel: string,
): PlotSpec {
  return {
    width: 420,
    height: 300,
    marginLeft: 56,
    title,
    ariaLabel: `${title}: ${yLabel} by layer, measured (dots) and predicted by the mean-field theory (line), on a log scale`,
    x: { label: 'layer →', grid: true },
    y: { type: 'log', label: `↑ ${yLabel} (log scale)`, grid: true, tickFormat: '~g' },
    color: { domain: ['measured', 'theory'], range: [RUN_COLORS[0], RUN_COLORS[4]], legend: true },
    marks: [
      Plot.line(shown(theory), { x: 'layer', y: 'value', stroke: () => 'theory', strokeWidth: 2 }),
      Plot.dot(shown(measured), { x: 'layer', y: 'value', fill: () => 'measured', r: 3 }),
    ],
  };
}

/**
 * The (σ_w², σ_b²) plane: the critical line χ₁ = 1 (ordered below-left, chaotic beyond) and
 * the chosen point. Width × height: 360 × 300 px.
 */
export function phaseSpec(
  critical: { weightVar: number; biasVar: number }[],
  point: { weightVar: number; biasVar: number },
  xMax: number,
  yMax: number,
): PlotSpec {
  return {
    width: 360,
    height: 300,
    title: 'Where this network sits',
    ariaLabel: `Phase diagram: the order-to-chaos line in the plane of weight variance and bias variance, and this network's point at σ_w² = ${point.weightVar.toFixed(2)}, σ_b² = ${point.biasVar.toFixed(2)}`,
    x: { domain: [0, xMax], label: 'σ_w² →', grid: true },
    y: { domain: [0, yMax], label: '↑ σ_b²', grid: true },
    marks: [
      Plot.line(critical, { x: 'weightVar', y: 'biasVar', stroke: '#1d1d1d', strokeWidth: 2 }),
      Plot.text([{ x: xMax * 0.03, y: yMax * 0.6, t: 'ordered' }], {
        x: 'x',
        y: 'y',
        text: 't',
        textAnchor: 'start',
        fill: '#1d1d1d',
        fontSize: 12,
      }),
      Plot.text([{ x: xMax * 0.97, y: yMax * 0.6, t: 'chaotic' }], {
        x: 'x',
        y: 'y',
        text: 't',
        textAnchor: 'end',
        fill: '#1d1d1d',
        fontSize: 12,
      }),
      Plot.dot([point], {
        x: 'weightVar',
        y: 'biasVar',
        r: 6,
        fill: RUN_COLORS[4],
        stroke: 'white',
      }),
    ],
  };
}
