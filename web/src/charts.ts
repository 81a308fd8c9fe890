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
import { charsIn, shortNames, tooltipWholeNames } from './chart-names.js';
import { drawSized, widthFor } from './sized.js';

/**
 * `spec` rendered into `into` (replacing what was there), named for assistive technology by
 * `name` (default: the spec's own accessible name).
 */
export function render(spec: PlotSpec, into: Element, name = accessibleName(spec)): SVGSVGElement {
  const svg = nameChart(Plot.plot(spec) as unknown as SVGSVGElement, name);
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  into.replaceChildren(svg);
  return svg;
}

/** `value` held inside [lo, hi]. */
const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/** A chart's height (CSS px) for its width: `ratio` of it, kept inside [lo, hi] so a phone's chart is not a strip nor a wide one a wall. */
export const heightFor = (width: number, ratio: number, lo: number, hi: number): number =>
  Math.round(clamp(width * ratio, lo, hi));

/**
 * The most characters a line-end label may have so that the labels' margin (the specs
 * reserve 16 px and 7 px a character) takes at most `share` of a chart `width` px wide.
 */
const endLabelChars = (width: number, share: number) =>
  Math.max(6, Math.floor((share * width - 16) / 7));

/**
 * A chart's text naming one run ("he: train 99.3%…") shortened to `px` pixels of `fontSize`
 * text: the name gives way, the rest of the text stays. Returns the name as shown.
 */
function nameWithin(name: string, rest: number, px: number, fontSize: number): string {
  return shortNames([name], Math.max(6, charsIn(px, fontSize) - rest))[0];
}

export const datasetOf = (x: number[][], y: number[]): Dataset => ({
  X: Matrix.fromRows(x),
  Y: Matrix.fromRows([y]),
});

export interface History {
  [init: string]: { iteration: number; train: number; test: number }[];
}

/** The height of a cost chart `width` px wide (the lab's stays short enough for the first screen). */
export type ChartHeight = (width: number) => number;

/**
 * Cost against iteration, one line per run, drawn into `into` for its width (and again when
 * that width changes). Line-end labels take at most 30% of the width: a longer name is
 * shortened there, with the whole name as its tooltip and in the chart's accessible name.
 */
export function costChart(
  history: History,
  into: Element,
  title = 'Cost (train solid, test dotted)',
  height: ChartHeight = (w) => heightFor(w, 0.5625, 220, 360),
): SVGSVGElement {
  const inits = Object.keys(history);
  const seriesOf = (labels: string[]): CostSeries[] =>
    inits.map((init, i) => ({
      label: labels[i],
      init,
      points: history[init].map((p) => ({ iteration: p.iteration, cost: p.train })),
      test: history[init].map((p) => ({ iteration: p.iteration, cost: p.test })),
    }));
  let svg!: SVGSVGElement;
  drawSized(into, 640, (width) => {
    const shown = shortNames(inits, endLabelChars(width, 0.3));
    const whole = accessibleName(costCurveSpec(seriesOf(inits), title));
    svg = render(
      { ...costCurveSpec(seriesOf(shown), title), width, height: height(width) },
      into,
      whole,
    );
    tooltipWholeNames(svg, new Map(shown.map((s, i) => [s, inits[i]])));
  });
  return svg;
}

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

/** What one boundary figure shows: its points, and the run's latest update (none before the first). */
interface FigureState {
  data: DataSummary;
  update: RunUpdate | null;
  live: boolean;
  /** The width its points layer was drawn for (CSS px). */
  pointsWidth: number;
}
const figureStates = new WeakMap<Element, FigureState>();

/**
 * The size (CSS px) of a boundary figure `width` px wide: the report's margins and colour key
 * around a square plot area as wide as the rest (so 476 px gives the report's 476 × 436).
 */
export function boundaryFrame(width: number): typeof BOUNDARY_FRAME {
  const { marginLeft, marginRight, marginTop, marginBottom } = BOUNDARY_FRAME;
  const side = Math.max(40, width - marginLeft - marginRight);
  return {
    ...BOUNDARY_FRAME,
    width: side + marginLeft + marginRight,
    height: side + marginTop + marginBottom,
  };
}

/** The figure of one run's boundary in `into`, made with its points layer if missing; drawn for its width. */
export function boundaryFigure(data: DataSummary, init: string, into: Element): HTMLElement {
  const existing = into.querySelector<HTMLElement>(`figure[data-init="${CSS.escape(init)}"]`);
  if (existing && figureStates.get(existing)?.data === data) return existing;
  existing?.remove(); // drawn for other data
  const fig = Object.assign(document.createElement('figure'), { className: 'boundary' });
  fig.dataset.init = init;
  // as wide as its column allows, never wider than the report's frame (the CSS caps it there)
  fig.style.maxWidth = `${BOUNDARY_FRAME.width}px`;
  const title = Object.assign(document.createElement('div'), { className: 'live-title' });
  fig.append(document.createElement('div'), document.createElement('div'), title);
  figureStates.set(fig, { data, update: null, live: false, pointsWidth: 0 });
  into.append(fig);
  drawSized(fig, BOUNDARY_FRAME.width, (width) => drawFigure(fig, width));
  return fig;
}

/**
 * One boundary figure drawn for `width`: the points layer (again only when the width
 * changed), and beneath it the latest update's shading, as a painted canvas while training
 * runs, else with the report's plot spec.
 */
function drawFigure(fig: HTMLElement, width: number): void {
  const state = figureStates.get(fig)!;
  const frame = boundaryFrame(width);
  fig.style.height = `${frame.height}px`;
  const [shading, top, caption] = fig.children as unknown as HTMLElement[];
  if (state.pointsWidth !== frame.width) {
    state.pointsWidth = frame.width;
    const points = decisionBoundarySpec(null, pointsOf(state.data), '', {
      layers: 'points',
      extent: state.data.extent,
    });
    render({ ...points, ...frame }, top);
    // the shading layer beneath carries the figure's name; this layer repeats its axes and key
    top.firstElementChild?.setAttribute('aria-hidden', 'true');
  }
  const u = state.update;
  if (!u) return;
  const wholeTitle = accuracyTitle(u.init, u.trainAccuracy, u.testAccuracy);
  // the title is 14-px bold text across the figure: the name gives way to the accuracies
  const name = nameWithin(u.init, wholeTitle.length - u.init.length, frame.width - 12, 15);
  const title = accuracyTitle(name, u.trainAccuracy, u.testAccuracy);
  if (state.live) {
    paintLive(u, shading, frame);
    caption.textContent = title;
    caption.title = name === u.init ? '' : wholeTitle;
    // while the canvas stands in for the plot, it carries the figure's name
    nameLive(shading.querySelector('canvas'), `${wholeTitle}: decision boundary while training`);
  } else {
    const spec = decisionBoundarySpec(
      { values: u.grid, size: GRID, extent: u.extent },
      pointsOf(state.data),
      title,
      { layers: 'shading' },
    );
    const svg = render(
      { ...spec, ...frame },
      shading,
      wholeTitle + accessibleName(spec).slice(title.length),
    );
    tooltipWholeNames(svg, new Map([[name, u.init]]));
    caption.textContent = '';
    caption.title = '';
  }
}

// PROBABILITY_COLORS as bytes, for painting the live shading
const BAND_RGB = PROBABILITY_COLORS.map(rgbBytes);

/**
 * While training runs: the probability grid painted into a small canvas (the report's band
 * colours, cell by cell) that the browser scales onto the plot's frame — a frame's worth of work.
 */
function paintLive(u: RunUpdate, holder: Element, frame: typeof BOUNDARY_FRAME): void {
  let canvas = holder.querySelector('canvas');
  if (!canvas) {
    canvas = Object.assign(document.createElement('canvas'), {
      width: GRID,
      height: GRID,
      className: 'live-shading',
    });
    holder.replaceChildren(canvas);
  }
  // the plot's inner frame at the figure's present size
  const { width, height, marginLeft, marginRight, marginTop, marginBottom } = frame;
  Object.assign(canvas.style, {
    left: `${marginLeft}px`,
    top: `${marginTop}px`,
    width: `${width - marginLeft - marginRight}px`,
    height: `${height - marginTop - marginBottom}px`,
  });
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
 * Decision boundaries, one figure per run: a shading layer under a points layer (drawn once
 * per width, by drawFigure). While training runs (`live`) the shading is a painted canvas;
 * the last frame draws it with the report's plot spec (bands, the 0.5 line, the title).
 */
export function boundaries(
  updates: RunUpdate[],
  data: DataSummary,
  into: Element,
  live = false,
): void {
  const figures = updates.map((u) => {
    const fig = boundaryFigure(data, u.init, into);
    Object.assign(figureStates.get(fig)!, { update: u, live });
    return fig;
  });
  // every width read before any figure is drawn: one layout of the page, not one per figure
  const widths = figures.map((fig) => widthFor(fig, BOUNDARY_FRAME.width));
  figures.forEach((fig, i) =>
    drawSized(fig, BOUNDARY_FRAME.width, (width) => drawFigure(fig, width), widths[i]),
  );
  for (const child of [...into.children])
    if (!figures.includes(child as HTMLElement)) child.remove();
}

type Stat = (l: NonNullable<RunUpdate['diagnostics']>['layers'][number]) => number;

/**
 * "Inside the network": two per-layer statistics by run (line-end labels at most 25% of each
 * chart's width, shortened names with their whole name as tooltip and accessible name) and
 * a grid of activation histograms, each drawn for its own cell's width.
 */
export function layers(
  updates: RunUpdate[],
  first: Map<string, RunUpdate['diagnostics']>,
  activationChart: Element,
  gradientChart: Element,
  hist: Element,
): void {
  const measured = updates.filter((u) => u.diagnostics);
  const series = (stat: Stat, labels: string[]) =>
    measured.map((u, i) => {
      const of = (d: RunUpdate['diagnostics']) =>
        d ? d.layers.map((l) => ({ layer: l.layer, value: stat(l) })) : [];
      return {
        label: labels[i],
        init: u.init,
        start: of(first.get(u.init) ?? u.diagnostics),
        end: of(u.diagnostics),
      };
    });
  const inits = measured.map((u) => u.init);
  const statChart = (stat: Stat, metric: string, into: Element, width: number) =>
    drawSized(
      into,
      640,
      (width) => {
        const shown = shortNames(inits, endLabelChars(width, 0.25));
        const svg = render(
          {
            ...layerStatsSpec(series(stat, shown), metric),
            width,
            height: heightFor(width, 0.5, 220, 320),
          },
          into,
          accessibleName(layerStatsSpec(series(stat, inits), metric)),
        );
        tooltipWholeNames(svg, new Map(shown.map((s, i) => [s, inits[i]])));
      },
      width,
    );
  // a layer's histograms share one x axis across the runs, so their spreads compare
  const colors = seriesColors(updates.map((u) => u.init));
  const shared = shareLayerAxes(
    updates.map((u) => u.histograms.map((h) => h.bins)),
    16,
  );
  // the cells kept while their number stays (a live redraw), and in the page before they are
  // drawn, so each is drawn for the width the grid gives it
  const count = updates.reduce((n, u) => n + u.histograms.length, 0);
  if (hist.children.length !== count)
    hist.replaceChildren(...Array.from({ length: count }, () => document.createElement('div')));
  const cells = [...hist.children];
  // every width read before any chart is drawn: one layout of the page, not one per chart
  const [activationWidth, gradientWidth] = [activationChart, gradientChart].map((c) =>
    widthFor(c, 640),
  );
  const cellWidths = cells.map((c) => widthFor(c, 220));
  if (measured.length) {
    statChart((l) => l.activation.std, 'activation std by layer', activationChart, activationWidth);
    statChart(
      (l) => l.gradient.weightNorm,
      'weight-gradient norm by layer',
      gradientChart,
      gradientWidth,
    );
  }
  let k = 0;
  updates.forEach((u, i) =>
    u.histograms.forEach((h, l) => {
      const stats = u.diagnostics?.layers[h.layer - 1]?.activation;
      const dead = stats?.dead ?? 0;
      const rest = `, layer ${h.layer}${dead ? `: ${(100 * dead).toFixed(0)}% dead` : ''}`;
      const cell = cells[k];
      drawSized(
        cell,
        220,
        (width) => {
          // the title is 11-px bold text across the cell: the name gives way to the layer
          const name = nameWithin(u.init, rest.length, width - 8, 11.5);
          const spec = histogramSpec(shared.bins[i][l], `${name}${rest}`, colors[i].line, {
            domain: shared.ranges[l],
            std: stats?.std,
          });
          const svg = render(
            { ...spec, width },
            cell,
            u.init + accessibleName(spec).slice(name.length),
          );
          tooltipWholeNames(svg, new Map([[name, u.init]]));
        },
        cellWidths[k++],
      );
    }),
  );
}
