// The page's charts: the same plot specs as the CLI's report, rendered into the page's DOM.
import * as Plot from '@observablehq/plot';
import type { Dataset } from '../../src/data/dataset.js';
import { Matrix } from '../../src/nn/matrix.js';
import { costCurveSpec, decisionBoundarySpec, histogramSpec, layerStatsSpec, type PlotSpec } from '../../src/plot/specs.js';
import { RUN_COLORS } from '../../src/plot/palette.js';
import type { DataSummary, RunUpdate } from './job.js';
import { GRID } from './job.js';

export function render(spec: PlotSpec, into: Element): SVGSVGElement {
  const svg = Plot.plot(spec) as unknown as SVGSVGElement;
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  into.replaceChildren(svg);
  return svg;
}

export const datasetOf = (x: number[][], y: number[]): Dataset => ({ X: Matrix.fromRows(x), Y: Matrix.fromRows([y]) });

export interface History {
  [init: string]: { iteration: number; train: number; test: number }[];
}

export function costChart(history: History, into: Element, title = 'Cost (train solid, test dotted)'): SVGSVGElement {
  const series = Object.entries(history).flatMap(([init, pts]) => [
    { label: `${init}`, points: pts.map((p) => ({ iteration: p.iteration, cost: p.train })) },
  ]);
  const spec = costCurveSpec(series, title);
  // the test costs, dotted, in the colour of their run
  const tests = Object.entries(history).flatMap(([init, pts], i) => pts.filter((p) => Number.isFinite(p.test)).map((p) => ({ ...p, init, color: RUN_COLORS[i % RUN_COLORS.length] })));
  spec.marks = [...(spec.marks ?? []), Plot.line(tests, { x: 'iteration', y: 'test', z: 'init', stroke: 'color', strokeDasharray: '2,3', strokeWidth: 1.5 })];
  return render(spec, into);
}

export function boundaries(updates: RunUpdate[], data: DataSummary, into: Element): SVGSVGElement[] {
  const points = datasetOf(data.X, data.Y);
  const cells = updates.map((u) => {
    const div = document.createElement('figure');
    render(decisionBoundarySpec({ values: u.grid, size: GRID, extent: u.extent }, points, `${u.init}: train ${(100 * u.trainAccuracy).toFixed(1)}%, test ${(100 * u.testAccuracy).toFixed(1)}%`), div);
    div.setAttribute('data-init', u.init);
    return div;
  });
  into.replaceChildren(...cells);
  return cells.map((c) => c.querySelector('svg') as SVGSVGElement);
}

export function layers(updates: RunUpdate[], first: Map<string, RunUpdate['diagnostics']>, chart: Element, hist: Element): void {
  const stats = (d: RunUpdate['diagnostics']) => (d ? d.layers.map((l) => ({ layer: l.layer, std: l.activation.std, dead: l.activation.dead })) : []);
  const series = updates.filter((u) => u.diagnostics).map((u) => ({ label: u.init, start: stats(first.get(u.init) ?? u.diagnostics), end: stats(u.diagnostics) }));
  if (series.length) render(layerStatsSpec(series, 'activation std by layer'), chart);
  const cells = updates.flatMap((u, i) => u.histograms.map((h) => {
    const div = document.createElement('div');
    const dead = u.diagnostics?.layers[h.layer - 1]?.activation.dead ?? 0;
    render(histogramSpec(h.bins, `${u.init}, layer ${h.layer}${dead ? `: ${(100 * dead).toFixed(0)}% dead` : ''}`, RUN_COLORS[i % RUN_COLORS.length]), div);
    return div;
  }));
  hist.replaceChildren(...cells);
}
