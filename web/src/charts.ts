// The page's charts: the same plot specs as the CLI's report, rendered into the page's DOM.
import * as Plot from '@observablehq/plot';
import type { Dataset } from '../../src/data/dataset.js';
import { Matrix } from '../../src/linalg/matrix.js';
import { BOUNDARY_FRAME, costCurveSpec, decisionBoundarySpec, histogramSpec, layerStatsSpec, type PlotSpec } from '../../src/plot/specs.js';
import { PROBABILITY_COLORS, PROBABILITY_THRESHOLDS, RUN_COLORS } from '../../src/plot/palette.js';
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

// which data each boundary figure's points were drawn from
const figureData = new WeakMap<Element, DataSummary>();

// each dataset's points as a Dataset, made once
const pointSets = new WeakMap<DataSummary, Dataset>();
function pointsOf(data: DataSummary): Dataset {
  let p = pointSets.get(data);
  if (!p) pointSets.set(data, (p = datasetOf(data.X, data.Y)));
  return p;
}

/** The figure of one run's boundary in `into`, made with its points layer (drawn once) if missing. */
export function boundaryFigure(data: DataSummary, init: string, into: Element): HTMLElement {
  const existing = into.querySelector<HTMLElement>(`figure[data-init="${CSS.escape(init)}"]`);
  if (existing && figureData.get(existing) === data) return existing;
  existing?.remove(); // drawn for other data
  const fig = Object.assign(document.createElement('figure'), { className: 'boundary' });
  fig.dataset.init = init;
  const top = document.createElement('div');
  render(decisionBoundarySpec(null, pointsOf(data), '', { layers: 'points', extent: data.extent }), top);
  const title = Object.assign(document.createElement('div'), { className: 'live-title' });
  fig.append(document.createElement('div'), top, title);
  figureData.set(fig, data);
  into.append(fig);
  return fig;
}

// PROBABILITY_COLORS as bytes, for painting the live shading
const BAND_RGB = PROBABILITY_COLORS.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));

/**
 * While training runs: the probability grid painted into a small canvas (the report's band
 * colours, cell by cell) that the browser scales onto the plot's frame — a frame's worth of work.
 */
function paintLive(u: RunUpdate, holder: Element): void {
  let canvas = holder.querySelector('canvas');
  if (!canvas) {
    canvas = Object.assign(document.createElement('canvas'), { width: GRID, height: GRID, className: 'live-shading' });
    const { width, height, marginLeft, marginRight, marginTop, marginBottom } = BOUNDARY_FRAME;
    Object.assign(canvas.style, { left: `${marginLeft}px`, top: `${marginTop}px`, width: `${width - marginLeft - marginRight}px`, height: `${height - marginTop - marginBottom}px` });
    holder.replaceChildren(canvas);
  }
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(GRID, GRID);
  for (let i = 0; i < GRID * GRID; i++) {
    const v = u.grid[i];
    let band = 0;
    while (band < PROBABILITY_THRESHOLDS.length && v >= PROBABILITY_THRESHOLDS[band]) band++;
    const [r, g, b] = BAND_RGB[band];
    img.data.set([r, g, b, 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * Decision boundaries, one figure per run: a shading layer under a points layer (drawn once,
 * by boundaryFigure). While training runs (`live`) the shading is a painted canvas; the last
 * frame draws it with the report's plot spec (bands, the 0.5 line, the title).
 */
export function boundaries(updates: RunUpdate[], data: DataSummary, into: Element, live = false): void {
  const figures = updates.map((u) => {
    const fig = boundaryFigure(data, u.init, into);
    const title = `${u.init}: train ${(100 * u.trainAccuracy).toFixed(1)}%, ${u.testAccuracy === null ? 'no test set' : `test ${(100 * u.testAccuracy).toFixed(1)}%`}`;
    const [shading, , caption] = fig.children;
    if (live) {
      paintLive(u, shading);
      caption.textContent = title;
    } else {
      render(decisionBoundarySpec({ values: u.grid, size: GRID, extent: u.extent }, pointsOf(data), title, { layers: 'shading' }), shading);
      caption.textContent = '';
    }
    return fig;
  });
  for (const child of [...into.children]) if (!figures.includes(child as HTMLElement)) child.remove();
}

type Stat = (l: NonNullable<RunUpdate['diagnostics']>['layers'][number]) => number;

export function layers(updates: RunUpdate[], first: Map<string, RunUpdate['diagnostics']>, activationChart: Element, gradientChart: Element, hist: Element): void {
  const series = (stat: Stat) => updates.filter((u) => u.diagnostics).map((u) => {
    const of = (d: RunUpdate['diagnostics']) => (d ? d.layers.map((l) => ({ layer: l.layer, value: stat(l) })) : []);
    return { label: u.init, start: of(first.get(u.init) ?? u.diagnostics), end: of(u.diagnostics) };
  });
  if (updates.some((u) => u.diagnostics)) {
    render(layerStatsSpec(series((l) => l.activation.std), 'activation std by layer'), activationChart);
    render(layerStatsSpec(series((l) => l.gradient.weightNorm), 'weight-gradient norm by layer'), gradientChart);
  }
  const cells = updates.flatMap((u, i) => u.histograms.map((h) => {
    const div = document.createElement('div');
    const dead = u.diagnostics?.layers[h.layer - 1]?.activation.dead ?? 0;
    render(histogramSpec(h.bins, `${u.init}, layer ${h.layer}${dead ? `: ${(100 * dead).toFixed(0)}% dead` : ''}`, RUN_COLORS[i % RUN_COLORS.length]), div);
    return div;
  }));
  hist.replaceChildren(...cells);
}
