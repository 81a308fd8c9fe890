// The probe beside the theory: per layer, the measured network as dots and the mean-field
// prediction (from each layer's own σ_w², σ_b²) as a line, one panel per quantity: the
// pre-activations' mean square q^l (log scale), two inputs' correlation c^l, and the RMS of
// the back-propagated gradient (log scale). Pure; the caller renders the panels.
import * as Plot from '@observablehq/plot';
import type { ProbeResult } from '../experiments/probe.js';
import type { ProbeTheoryLayer } from '../experiments/probe-theory.js';
import { RUN_COLORS } from './palette.js';
import type { PlotSpec } from './specs.js';

/** One panel's numbers: a measured and a predicted value per layer. */
interface PanelRow {
  layer: number;
  measured: number;
  theory: number;
}

const MEASURED = RUN_COLORS[0];
const THEORY = RUN_COLORS[1];

function panelSpec(rows: PanelRow[], title: string, axis: string, log: boolean): PlotSpec {
  // a log axis cannot show zeros (a signal that vanished exactly): those points are left out
  const shown = (v: number) => Number.isFinite(v) && (!log || v > 0);
  const layers = rows.map((r) => r.layer);
  return {
    width: 400,
    height: 300,
    marginTop: 52,
    marginLeft: 60,
    x: {
      label: 'layer',
      grid: true,
      ...(layers.length <= 30 ? { ticks: layers, tickFormat: 'd' } : {}),
    },
    y: {
      label: `${axis}${log ? ' (log scale)' : ''}`,
      type: log ? 'log' : 'linear',
      grid: true,
      tickFormat: '~g',
    },
    marks: [
      Plot.text([title], { frameAnchor: 'top', dy: -36, fontSize: 13, fontWeight: 'bold' }),
      Plot.text(['line: theory · dots: measured'], { frameAnchor: 'top', dy: -22, fontSize: 10 }),
      Plot.line(
        rows.filter((r) => shown(r.theory)),
        { x: 'layer', y: 'theory', stroke: THEORY, strokeWidth: 2 },
      ),
      Plot.dot(
        rows.filter((r) => shown(r.measured)),
        { x: 'layer', y: 'measured', stroke: MEASURED, r: 3.5 },
      ),
    ],
  };
}

/**
 * The panels for one probe and its predictions (`theory[i]` belongs to `r.layers[i]`): q^l
 * always; c^l when the probe had two samples or more; the back-propagated gradient's RMS
 * when it ran `--backward`. Layers past a divergence are absent from both.
 */
export function probeTheorySpecs(r: ProbeResult, theory: ProbeTheoryLayer[]): PlotSpec[] {
  const pair = (get: (i: number) => [number | undefined, number | undefined]): PanelRow[] =>
    r.layers.map((l, i) => {
      const [measured, predicted] = get(i);
      return { layer: l.layer, measured: measured ?? NaN, theory: predicted ?? NaN };
    });
  const panels = [
    panelSpec(
      pair((i) => [r.layers[i].q, theory[i]?.q]),
      'q^l: mean square of the pre-activations',
      'q^l',
      true,
    ),
  ];
  if (r.layers.some((l) => l.c !== undefined))
    panels.push(
      panelSpec(
        pair((i) => [r.layers[i].c, theory[i]?.c]),
        'c^l: correlation of two inputs',
        'c^l',
        false,
      ),
    );
  if (r.layers.some((l) => l.backprop !== undefined))
    panels.push(
      panelSpec(
        pair((i) => [r.layers[i].backprop, theory[i]?.backprop]),
        'RMS of the back-propagated gradient',
        'RMS of ∂/∂h^l',
        true,
      ),
    );
  return panels;
}
