// The page's charts: the same plot specs as the CLI's report, rendered into the page's DOM.
import * as Plot from '@observablehq/plot';
import type { Dataset } from '../../src/data/dataset.js';
import { accuracyTitle } from '../../src/format.js';
import { Matrix } from '../../src/linalg/matrix.js';
import {
  BOUNDARY_FRAME,
  type CostSeries,
  costCurveSpec,
  decisionBoundarySpec,
  histogramSpec,
  layerStatsSpec,
  type PlotSpec,
} from '../../src/plot/specs.js';
import {
  PROBABILITY_COLORS,
  PROBABILITY_THRESHOLDS,
  rgbBytes,
  seriesColors,
} from '../../src/plot/palette.js';
import { accessibleName, nameChart } from '../../src/plot/accessible.js';
import { shareLayerAxes } from '../../src/plot/histograms.js';
import type { DataSummary, RunUpdate } from './job.js';
import { GRID } from './job.js';
import { CHART_LABEL_MAX, clip } from './echo.js';

/** `spec` rendered into `into` (replacing what was there), named for assistive technology. */
export function render(spec: PlotSpec, into: Element): SVGSVGElement {
  const svg = nameChart(Plot.plot(spec) as unknown as SVGSVGElement, accessibleName(spec));
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  into.replaceChildren(svg);
  return svg;
}

export const datasetOf = (x: number[][], y: number[]): Dataset => ({
  X: Matrix.fromRows(x),
  Y: Matrix.fromRows([y]),
});

export interface History {
  [init: string]: { iteration: number; train: number; test: number }[];
}

export function costChart(
  history: History,
  into: Element,
  title = 'Cost (train solid, test dotted)',
): SVGSVGElement {
  const series: CostSeries[] = Object.entries(history).map(([init, pts]) => ({
    label: clip(init, CHART_LABEL_MAX),
    init,
    points: pts.map((p) => ({ iteration: p.iteration, cost: p.train })),
    test: pts.map((p) => ({ iteration: p.iteration, cost: p.test })),
  }));
  return render(costCurveSpec(series, title), into);
}

// which data each boundary figure's points were drawn from
const figureData = new WeakMap<Element, DataSummary>();

/**
 * The most training points a boundary figure draws: each is two SVG rings, and 100,000 points
 * (three runs' figures) froze the page for over half a minute before the first result.
 */
export const BOUNDARY_POINTS = 2000;

/** Every k-th of the m training points, k = ⌈m / BOUNDARY_POINTS⌉ (all of them when they are few). */
export const drawnPoints = (m: number): number => Math.ceil(m / Math.ceil(m / BOUNDARY_POINTS));

// each dataset's drawn points as a Dataset, made once
const pointSets = new WeakMap<DataSummary, Dataset>();
function pointsOf(data: DataSummary): Dataset {
  let p = pointSets.get(data);
  if (!p) {
    const stride = Math.ceil(data.Y.length / BOUNDARY_POINTS);
    const every = <T>(xs: T[]) => (stride > 1 ? xs.filter((_, j) => j % stride === 0) : xs);
    pointSets.set(data, (p = datasetOf(data.X.map(every), every(data.Y))));
  }
  return p;
}

/** The figure of one run's boundary in `into`, made with its points layer (drawn once) if missing. */
export function boundaryFigure(data: DataSummary, init: string, into: Element): HTMLElement {
  const existing = into.querySelector<HTMLElement>(`figure[data-init="${CSS.escape(init)}"]`);
  if (existing && figureData.get(existing) === data) return existing;
  existing?.remove(); // drawn for other data
  const fig = Object.assign(document.createElement('figure'), { className: 'boundary' });
  fig.dataset.init = init;
  // as wide as its column allows (never wider than the report's frame), in the frame's
  // proportions: both layers' SVGs and the live canvas scale with it, so the colour key at
  // the right edge stays inside the column at every width
  Object.assign(fig.style, {
    maxWidth: `${BOUNDARY_FRAME.width}px`,
    aspectRatio: `${BOUNDARY_FRAME.width} / ${BOUNDARY_FRAME.height}`,
  });
  const top = document.createElement('div');
  render(
    decisionBoundarySpec(null, pointsOf(data), '', { layers: 'points', extent: data.extent }),
    top,
  );
  // the shading layer beneath carries the figure's name; this layer repeats its axes and key
  top.firstElementChild?.setAttribute('aria-hidden', 'true');
  const title = Object.assign(document.createElement('div'), { className: 'live-title' });
  fig.append(document.createElement('div'), top, title);
  figureData.set(fig, data);
  into.append(fig);
  return fig;
}

// PROBABILITY_COLORS as bytes, for painting the live shading
const BAND_RGB = PROBABILITY_COLORS.map(rgbBytes);

/**
 * While training runs: the probability grid painted into a small canvas (the report's band
 * colours, cell by cell) that the browser scales onto the plot's frame — a frame's worth of work.
 */
function paintLive(u: RunUpdate, holder: Element): void {
  let canvas = holder.querySelector('canvas');
  if (!canvas) {
    canvas = Object.assign(document.createElement('canvas'), {
      width: GRID,
      height: GRID,
      className: 'live-shading',
    });
    // the plot's inner frame, as fractions of the figure (which scales with its column)
    const { width, height, marginLeft, marginRight, marginTop, marginBottom } = BOUNDARY_FRAME;
    const percent = (part: number, whole: number) => `${(100 * part) / whole}%`;
    Object.assign(canvas.style, {
      left: percent(marginLeft, width),
      top: percent(marginTop, height),
      width: percent(width - marginLeft - marginRight, width),
      height: percent(height - marginTop - marginBottom, height),
    });
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

function nameLive(canvas: HTMLCanvasElement | null, name: string): void {
  canvas?.setAttribute('role', 'img');
  canvas?.setAttribute('aria-label', name);
}

/**
 * Decision boundaries, one figure per run: a shading layer under a points layer (drawn once,
 * by boundaryFigure). While training runs (`live`) the shading is a painted canvas; the last
 * frame draws it with the report's plot spec (bands, the 0.5 line, the title).
 */
export function boundaries(
  updates: RunUpdate[],
  data: DataSummary,
  into: Element,
  live = false,
): void {
  const figures = updates.map((u) => {
    const fig = boundaryFigure(data, u.init, into);
    const title = accuracyTitle(clip(u.init, CHART_LABEL_MAX), u.trainAccuracy, u.testAccuracy);
    const [shading, , caption] = fig.children;
    if (live) {
      paintLive(u, shading);
      caption.textContent = title;
      // while the canvas stands in for the plot, it carries the figure's name
      nameLive(shading.querySelector('canvas'), `${title}: decision boundary while training`);
    } else {
      render(
        decisionBoundarySpec(
          { values: u.grid, size: GRID, extent: u.extent },
          pointsOf(data),
          title,
          { layers: 'shading' },
        ),
        shading,
      );
      caption.textContent = '';
    }
    return fig;
  });
  for (const child of [...into.children])
    if (!figures.includes(child as HTMLElement)) child.remove();
}

type Stat = (l: NonNullable<RunUpdate['diagnostics']>['layers'][number]) => number;

export function layers(
  updates: RunUpdate[],
  first: Map<string, RunUpdate['diagnostics']>,
  activationChart: Element,
  gradientChart: Element,
  hist: Element,
): void {
  const series = (stat: Stat) =>
    updates
      .filter((u) => u.diagnostics)
      .map((u) => {
        const of = (d: RunUpdate['diagnostics']) =>
          d ? d.layers.map((l) => ({ layer: l.layer, value: stat(l) })) : [];
        return {
          label: clip(u.init, CHART_LABEL_MAX),
          init: u.init,
          start: of(first.get(u.init) ?? u.diagnostics),
          end: of(u.diagnostics),
        };
      });
  if (updates.some((u) => u.diagnostics)) {
    render(
      layerStatsSpec(
        series((l) => l.activation.std),
        'activation std by layer',
      ),
      activationChart,
    );
    render(
      layerStatsSpec(
        series((l) => l.gradient.weightNorm),
        'weight-gradient norm by layer',
      ),
      gradientChart,
    );
  }
  // a layer's histograms share one x axis across the runs, so their spreads compare
  const colors = seriesColors(updates.map((u) => u.init));
  const shared = shareLayerAxes(
    updates.map((u) => u.histograms.map((h) => h.bins)),
    16,
  );
  const cells = updates.flatMap((u, i) =>
    u.histograms.map((h, l) => {
      const div = document.createElement('div');
      const stats = u.diagnostics?.layers[h.layer - 1]?.activation;
      const dead = stats?.dead ?? 0;
      render(
        histogramSpec(
          shared.bins[i][l],
          `${clip(u.init, CHART_LABEL_MAX)}, layer ${h.layer}${dead ? `: ${(100 * dead).toFixed(0)}% dead` : ''}`,
          colors[i].line,
          { domain: shared.ranges[l], std: stats?.std },
        ),
        div,
      );
      return div;
    }),
  );
  hist.replaceChildren(...cells);
}
