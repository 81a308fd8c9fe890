// Plot specifications (Observable Plot options) for every figure initlab draws. Pure:
// rendering them needs a `document`, which the caller passes (linkedom in Node, the
// page's own in the browser).
import * as Plot from '@observablehq/plot';
import type { Dataset } from '../data/dataset.js';
import type { CostPoint } from '../train/train.js';
import type { ProbabilityGrid } from './grid.js';
import {
  CLASS_COLORS,
  CLASS_EDGE,
  PROBABILITY_COLORS,
  PROBABILITY_THRESHOLDS,
  RUN_COLORS,
  seriesColors,
} from './palette.js';
import { maxOf, minOf } from '../extent.js';
import { endLabels } from './dodge.js';
import { decadeDomain, decadeTicks, plainTicks, spansDecades } from './ticks.js';

export type PlotSpec = Plot.PlotOptions;

/**
 * Fixed geometry of the decision-boundary plots, so a point's pixel is known: a square
 * plot area (360 × 360 px) with the probability colour key in the right margin.
 */
export const BOUNDARY_FRAME = {
  width: 476,
  height: 436,
  marginTop: 36,
  marginRight: 72,
  marginBottom: 40,
  marginLeft: 44,
};

const titleMark = (title: string) =>
  Plot.text([title], { frameAnchor: 'top', dy: -22, fontSize: 14, fontWeight: 'bold' });

/** Plot's y-axis options for values that may span decades: a log axis with power-of-ten ticks when they do. */
function valueAxis(
  values: number[],
  label: string,
  logRatio = 100,
): Plot.ScaleOptions & { label: string } {
  if (!spansDecades(values, logRatio))
    return { label, type: 'linear', grid: true, tickFormat: plainTicks };
  const domain = decadeDomain(values);
  return {
    label: `${label} (log scale)`,
    type: 'log',
    domain,
    ticks: decadeTicks(domain[0], domain[1]),
    grid: true,
    tickFormat: plainTicks,
  };
}

export interface CostSeries {
  label: string;
  points: CostPoint[];
  /** The initializer SPEC that picks the series' colour (default: the label). */
  init?: string;
  /** Costs on the test set, drawn dotted in the series' colour. */
  test?: CostPoint[];
}

/**
 * Cost against iterations; one line per series in its initializer's colour (test costs
 * dotted), labelled at its end with labels dodged apart (the legend sits on the lines);
 * a log axis when the costs span more than two decades (random ×10 starts near 1,800).
 */
export function costCurveSpec(series: CostSeries[], title: string): PlotSpec {
  const colors = seriesColors(series.map((s) => s.init ?? s.label));
  const rowsOf = (points: CostPoint[] | undefined, i: number) =>
    (points ?? [])
      .filter((p) => Number.isFinite(p.cost))
      .map((p) => ({
        iteration: p.iteration,
        cost: p.cost,
        label: series[i].label,
        color: colors[i].line,
      }));
  const rows = series.flatMap((s, i) => rowsOf(s.points, i));
  const tests = series.flatMap((s, i) => rowsOf(s.test, i));
  const ends = series
    .map((s, i) => ({ ...s.points[s.points.length - 1], label: s.label, color: colors[i].text }))
    .filter((p) => Number.isFinite(p.cost));
  const all = [...rows, ...tests].map((r) => r.cost);
  const y = valueAxis(all, 'cost (cross-entropy)');
  // a flat curve (the zeros run) would otherwise magnify its rounding noise to the full height
  const lo = minOf(all);
  const hi = maxOf(all);
  const flat = y.type === 'linear' && all.length > 0 && hi - lo <= 1e-6 * Math.abs(hi);
  return {
    width: 640,
    height: 360,
    marginTop: 36,
    marginRight: series.length > 1 ? 16 + 7 * maxOf(series.map((s) => s.label.length)) : 20,
    marginLeft: 56,
    ariaLabel: `${title}: cost against iteration for ${series.map((s) => s.label).join(', ')}${y.type === 'log' ? ' (log scale)' : ''}`,
    x: { label: 'iteration', grid: true, tickFormat: plainTicks },
    y: { ...y, ...(flat ? { domain: [0, 2 * hi || 1] } : {}) },
    marks: [
      titleMark(title),
      Plot.line(rows, { x: 'iteration', y: 'cost', z: 'label', stroke: 'color', strokeWidth: 2 }),
      ...(tests.length
        ? [
            Plot.line(tests, {
              x: 'iteration',
              y: 'cost',
              z: 'label',
              stroke: 'color',
              strokeDasharray: '2,3',
              strokeWidth: 1.5,
            }),
          ]
        : []),
      ...(series.length > 1
        ? [
            endLabels(ends, {
              x: 'iteration',
              y: 'cost',
              text: 'label',
              fill: 'color',
              textAnchor: 'start',
              dx: 6,
              fontSize: 12,
            }),
          ]
        : []),
    ],
  };
}

/**
 * Several runs' costs on one axis (the lesson's three runs, the report's comparison):
 * each line named at its end with its final cost, "he 0.0648"; otherwise as costCurveSpec.
 */
export function combinedCostSpec(series: CostSeries[], title = 'Cost of each run'): PlotSpec {
  const named = series.map((s) => {
    const last = s.points[s.points.length - 1];
    return {
      ...s,
      init: s.init ?? s.label,
      label:
        last && Number.isFinite(last.cost) ? `${s.label} ${last.cost.toPrecision(3)}` : s.label,
    };
  });
  return costCurveSpec(named, title);
}

/** Whether some of `values` fall on each side of the class edge (so there is a boundary to draw). */
function hasBoundary(values: ArrayLike<number>): boolean {
  let below = false;
  let above = false;
  for (let i = 0; i < values.length && !(below && above); i++) {
    if (values[i] < CLASS_EDGE) below = true;
    else above = true;
  }
  return below && above;
}

/**
 * The colour key of the probability shading, drawn in the right margin: the bands as a
 * vertical bar from 0 (bottom) to 1 (top), the 0.5 boundary as a black line across it,
 * plain ticks and the name of the quantity. A Plot mark given as a function (Plot calls it
 * with the plot's dimensions and document), so it renders in the page and in linkedom alike.
 */
function probabilityKey(): Plot.RenderFunction {
  return (
    _index,
    _scales,
    _values,
    { width, height, marginTop, marginRight, marginBottom },
    context,
  ) => {
    const doc = context.document;
    const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
      const e = doc.createElementNS('http://www.w3.org/2000/svg', tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const g = el('g', {
      'aria-label': 'colour key: probability of label 1',
      'font-size': 10,
      'font-family': 'system-ui, sans-serif',
    });
    const x = width - marginRight + 12;
    const top = marginTop;
    const bottom = height - marginBottom;
    const yOf = (p: number) => bottom - p * (bottom - top);
    const edges = [0, ...PROBABILITY_THRESHOLDS, 1];
    PROBABILITY_COLORS.forEach((color, k) => {
      g.appendChild(
        el('rect', {
          x,
          y: yOf(edges[k + 1]),
          width: 12,
          height: yOf(edges[k]) - yOf(edges[k + 1]),
          fill: color,
        }),
      );
    });
    g.appendChild(
      el('rect', {
        x,
        y: top,
        width: 12,
        height: bottom - top,
        fill: 'none',
        stroke: '#767676',
        'stroke-width': 0.5,
      }),
    );
    g.appendChild(
      el('line', {
        x1: x - 2,
        x2: x + 14,
        y1: yOf(0.5),
        y2: yOf(0.5),
        stroke: 'black',
        'stroke-width': 1.5,
      }),
    );
    for (const p of [0, 0.5, 1])
      g.appendChild(
        el('text', { x: x + 16, y: yOf(p), dy: '0.32em', fill: '#222' }, plainTicks(p)),
      );
    const mid = (top + bottom) / 2;
    g.appendChild(
      el(
        'text',
        {
          x: x + 44,
          y: mid,
          'text-anchor': 'middle',
          transform: `rotate(90 ${x + 44} ${mid})`,
          fill: '#222',
        },
        'probability of label 1',
      ),
    );
    return g as unknown as SVGElement;
  };
}

/**
 * The probability over the plane as filled bands, the 0.5 boundary as a black line, points
 * as rings of their class, and the colour key beside the plot. A grid on one side of 0.5
 * everywhere (the zeros run's constant prediction) has no boundary: no line is drawn and a
 * note says so; the frame is light grey so it never reads as a boundary.
 * `layers`: 'all', or one of the two layers the web lab stacks, so that while training runs
 * it redraws only the shading and title ('shading') under points and key drawn once ('points').
 */
export function decisionBoundarySpec(
  grid: ProbabilityGrid | null,
  points: Dataset,
  title: string,
  {
    layers = 'all' as 'all' | 'shading' | 'points',
    extent = grid?.extent ?? ([-1.5, 1.5] as [number, number]),
  } = {},
): PlotSpec {
  const [lo, hi] = extent;
  const contour = grid
    ? { width: grid.size, height: grid.size, x1: lo, x2: hi, y1: hi, y2: lo }
    : null;
  const pts = Array.from({ length: points.X.cols }, (_, j) => ({
    x: points.X.get(0, j),
    y: points.X.get(1, j),
    label: points.Y.data[j],
  })).filter((p) => p.x >= lo && p.x <= hi && p.y >= lo && p.y <= hi);
  const boundary = grid ? hasBoundary(grid.values) : false;
  return {
    ...BOUNDARY_FRAME,
    ariaLabel: `${title ? `${title}: ` : ''}decision boundary of the model over x1 and x2, shaded by the probability of label 1${grid && !boundary ? ' (the same prediction everywhere: no boundary)' : ''}`,
    x: { domain: [lo, hi], label: 'x1', tickFormat: plainTicks },
    y: { domain: [lo, hi], label: 'x2', tickFormat: plainTicks },
    color: { type: 'threshold', domain: PROBABILITY_THRESHOLDS, range: PROBABILITY_COLORS },
    marks: [
      ...(layers !== 'points' ? [titleMark(title)] : []),
      ...(grid && contour && layers !== 'points'
        ? [
            Plot.contour(grid.values, {
              ...contour,
              fill: Plot.identity,
              thresholds: [0, ...PROBABILITY_THRESHOLDS],
              stroke: null,
            }),
            ...(boundary
              ? [
                  Plot.contour(grid.values, {
                    ...contour,
                    thresholds: [CLASS_EDGE],
                    stroke: 'black',
                    strokeWidth: 1.5,
                    fill: null,
                  }),
                ]
              : [
                  Plot.text(['the same prediction everywhere: no boundary'], {
                    frameAnchor: 'bottom',
                    dy: -8,
                    fontSize: 11,
                    fill: '#222',
                    stroke: 'white',
                    strokeWidth: 3,
                    paintOrder: 'stroke',
                  }),
                ]),
          ]
        : []),
      // a white halo under each ring keeps it visible on any shade; the ring's centre shows the shade
      // beneath; crisp edges, so ring pixels never blend into colours that look like a shade
      ...(layers !== 'shading'
        ? [
            Plot.dot(pts, {
              x: 'x',
              y: 'y',
              r: 3,
              stroke: 'white',
              strokeWidth: 2.2,
              fill: null,
              shapeRendering: 'crispEdges',
            }),
            Plot.dot(pts, {
              x: 'x',
              y: 'y',
              r: 3,
              stroke: (d: { label: number }) => CLASS_COLORS[d.label],
              strokeWidth: 1.2,
              fill: null,
              shapeRendering: 'crispEdges',
            }),
            Plot.frame({ stroke: '#b0b0b0', strokeWidth: 0.75 }),
            probabilityKey(),
          ]
        : []),
    ],
  };
}

/** The dataset itself: train points as filled dots, test points as rings. */
export function datasetSpec(
  train: Dataset,
  test: Dataset | null,
  title: string,
  extent: [number, number] = [-1.5, 1.5],
): PlotSpec {
  const rows = (d: Dataset, set: string) =>
    Array.from({ length: d.X.cols }, (_, j) => ({
      x: d.X.get(0, j),
      y: d.X.get(1, j),
      label: d.Y.data[j],
      set,
    }));
  const all = [...rows(train, 'train'), ...(test ? rows(test, 'test') : [])];
  return {
    width: 420,
    height: 420,
    marginTop: 36,
    ariaLabel: `${title}: the points over x1 and x2, orange label 0, purple label 1`,
    x: { label: 'x1', domain: extent, tickFormat: plainTicks },
    y: { label: 'x2', domain: extent, tickFormat: plainTicks },
    marks: [
      titleMark(title),
      Plot.dot(
        all.filter((r) => r.set === 'train'),
        { x: 'x', y: 'y', r: 3, fill: (d: { label: number }) => CLASS_COLORS[d.label] },
      ),
      Plot.dot(
        all.filter((r) => r.set === 'test'),
        {
          x: 'x',
          y: 'y',
          r: 3.5,
          stroke: (d: { label: number }) => CLASS_COLORS[d.label],
          strokeWidth: 1.2,
        },
      ),
      Plot.text(['● train · ○ test · orange: label 0 · purple: label 1'], {
        frameAnchor: 'bottom',
        dy: -4,
        fontSize: 11,
      }),
      Plot.frame(),
    ],
  };
}

/**
 * A sweep's outcomes: the accuracy of every run per initializer (one panel per learning rate),
 * mean as a tick; test accuracy, or train accuracy when the sweep has no test set.
 */
export function sweepSpec(
  rows: {
    init: string;
    learningRate: number;
    seed: number;
    trainAccuracy: number;
    testAccuracy: number | null;
  }[],
  title: string,
  metric: 'testAccuracy' | 'trainAccuracy' = 'testAccuracy',
): PlotSpec {
  // one pass over the rows (a sweep can have 10⁵ of them): colours and group means by Map
  const seen = new Set<string>();
  for (const r of rows) seen.add(r.init);
  const inits = [...seen];
  const colors = seriesColors(inits);
  const colorOf = new Map(inits.map((init, i) => [init, colors[i].line]));
  // only the fields the marks read (copying every field with a spread is ten times slower)
  const data = rows.map((r) => ({
    init: r.init,
    accuracy: r[metric] ?? NaN,
    lr: `lr ${r.learningRate}`,
    color: colorOf.get(r.init)!,
  }));
  const groups = new Map<string, { init: string; lr: string; sum: number; count: number }>();
  for (const r of data) {
    const k = `${r.init}\u0000${r.lr}`;
    const g = groups.get(k) ?? { init: r.init, lr: r.lr, sum: 0, count: 0 };
    g.sum += r.accuracy;
    g.count += 1;
    groups.set(k, g);
  }
  const means = [...groups.values()].map((g) => ({
    init: g.init,
    lr: g.lr,
    accuracy: g.sum / g.count,
  }));
  const panels = new Set(data.map((r) => r.lr)).size;
  return {
    width: Math.max(420, 90 * inits.length * panels + 80),
    height: 380,
    marginTop: 40,
    marginBottom: 40,
    ariaLabel: `${title}: ${metric === 'testAccuracy' ? 'test' : 'train'} accuracy of every run by initializer (${inits.join(', ')}), one panel per learning rate`,
    x: { label: null, domain: inits },
    y: {
      label: `${title}: ${metric === 'testAccuracy' ? 'test' : 'train'} accuracy (dots: runs, ticks: means)`,
      grid: true,
      tickFormat: plainTicks,
    },
    fx: { label: null },
    marks: [
      Plot.dot(data, { x: 'init', y: 'accuracy', fx: 'lr', fill: 'color', r: 3, fillOpacity: 0.5 }),
      Plot.tickY(means, { x: 'init', y: 'accuracy', fx: 'lr', stroke: 'black', strokeWidth: 2 }),
    ],
  };
}

export interface LayerSeries {
  label: string;
  /** The initializer SPEC that picks the series' colour (default: the label). */
  init?: string;
  /** One number per layer (an activation std, a gradient norm…), at initialization and at the end. */
  start: { layer: number; value: number }[];
  end: { layer: number; value: number }[];
}

/**
 * A per-layer statistic, one line per run, at initialization and after training (two
 * panels). Values spanning more than a decade go on a log axis, where a signal vanishing
 * to 1e-16 or exploding to 1e+5 stays readable; values of 0 cannot sit on it and are
 * named in a note instead ("0 (off the log axis): zeros").
 */
export function layerStatsSpec(series: LayerSeries[], metric: string): PlotSpec {
  const colors = seriesColors(series.map((s) => s.init ?? s.label));
  const rows = series.flatMap((s, i) => [
    ...s.start.map((p) => ({
      ...p,
      when: '1 at initialization',
      label: s.label,
      color: colors[i].line,
      text: colors[i].text,
    })),
    ...s.end.map((p) => ({
      ...p,
      when: '2 after training',
      label: s.label,
      color: colors[i].line,
      text: colors[i].text,
    })),
  ]);
  const y = valueAxis(
    rows.map((r) => r.value),
    metric,
    10,
  );
  const log = y.type === 'log';
  const drawn = log ? rows.filter((r) => r.value > 0 && Number.isFinite(r.value)) : rows;
  const offAxis = log ? [...new Set(rows.filter((r) => r.value === 0).map((r) => r.label))] : [];
  const layers = [...new Set(rows.map((r) => r.layer))];
  const last = layers[layers.length - 1];
  return {
    width: 640,
    height: 320,
    marginTop: 40,
    marginBottom: offAxis.length ? 52 : 30,
    marginRight: 16 + 7 * maxOf(series.map((s) => s.label.length)),
    ariaLabel: `${metric} for ${series.map((s) => s.label).join(', ')}, at initialization and after training${log ? ' (log scale)' : ''}`,
    x: { label: 'layer', ticks: layers, tickFormat: 'd' },
    y,
    fx: { label: null, tickFormat: (w: unknown) => String(w).slice(2) },
    marks: [
      Plot.line(drawn, {
        x: 'layer',
        y: 'value',
        z: 'label',
        stroke: 'color',
        fx: 'when',
        strokeWidth: 2,
      }),
      Plot.dot(drawn, { x: 'layer', y: 'value', stroke: 'color', fx: 'when', r: 3 }),
      endLabels(
        drawn.filter((r) => r.layer === last && r.when.startsWith('2')),
        {
          x: 'layer',
          y: 'value',
          text: 'label',
          fill: 'text',
          fx: 'when',
          textAnchor: 'start',
          dx: 8,
        },
      ),
      ...(offAxis.length
        ? [
            Plot.text([`0 (off the log axis): ${offAxis.join(', ')}`], {
              frameAnchor: 'bottom-left',
              dy: 44,
              fontSize: 11,
              fill: '#222',
            }),
          ]
        : []),
    ],
  };
}

/**
 * One layer's activation histogram, small (a cell of a grid of them). `domain`: the x
 * range shared with the other runs' histograms of the same layer (see histograms.ts), so
 * panels compare; `std`: the activations' standard deviation, written under the title.
 */
export function histogramSpec(
  bins: { x0: number; x1: number; count: number }[],
  title: string,
  color = RUN_COLORS[0],
  { domain, std }: { domain?: [number, number]; std?: number } = {},
): PlotSpec {
  const subtitle = std === undefined ? null : `std ${plainTicks(Number(std.toPrecision(3)))}`;
  return {
    width: 220,
    height: subtitle ? 164 : 150,
    marginTop: subtitle ? 42 : 28,
    marginLeft: 44,
    marginRight: 14,
    ariaLabel: `${title}: histogram of the activations${subtitle ? `, ${subtitle}` : ''}`,
    x: { label: null, tickFormat: plainTicks, ticks: 3, ...(domain ? { domain } : {}) },
    y: { label: null, ticks: 3, tickFormat: plainTicks },
    marks: [
      Plot.text([title], {
        frameAnchor: 'top',
        dy: subtitle ? -32 : -18,
        fontSize: 11,
        fontWeight: 'bold',
      }),
      ...(subtitle
        ? [Plot.text([subtitle], { frameAnchor: 'top', dy: -18, fontSize: 10, fill: '#222' })]
        : []),
      Plot.rectY(bins, { x1: 'x0', x2: 'x1', y: 'count', fill: color, inset: 0.5 }),
      Plot.ruleY([0]),
    ],
  };
}
