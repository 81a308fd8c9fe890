// Plot specifications (Observable Plot options) for every figure initlab draws. Pure:
// rendering them needs a `document`, which the caller passes (linkedom in Node, the
// page's own in the browser).
import * as Plot from '@observablehq/plot';
import type { Dataset } from '../data/dataset.js';
import type { CostPoint } from '../train/train.js';
import type { ProbabilityGrid } from './grid.js';
import { CLASS_COLORS, PROBABILITY_COLORS, PROBABILITY_THRESHOLDS, RUN_COLORS } from './palette.js';
import { maxOf, minOf } from '../extent.js';

export type PlotSpec = Plot.PlotOptions;

/** Fixed geometry of the decision-boundary plots, so a point's pixel is known. */
export const BOUNDARY_FRAME = { width: 420, height: 420, marginTop: 36, marginRight: 16, marginBottom: 40, marginLeft: 44 };

const titleMark = (title: string) => Plot.text([title], { frameAnchor: 'top', dy: -22, fontSize: 14, fontWeight: 'bold' });

/** Plot's y-axis type for cost curves: log when the costs span more than two decades. */
function costScale(costs: number[]): 'log' | 'linear' {
  const f = costs.filter((c) => Number.isFinite(c) && c > 0);
  return f.length && maxOf(f) / minOf(f) > 100 ? 'log' : 'linear';
}

export interface CostSeries {
  label: string;
  points: CostPoint[];
}

/** Cost against iterations; one line per series, labelled at its end (the legend sits on the lines). */
export function costCurveSpec(series: CostSeries[], title: string): PlotSpec {
  const rows = series.flatMap((s, i) => s.points.filter((p) => Number.isFinite(p.cost)).map((p) => ({ ...p, label: s.label, color: RUN_COLORS[i % RUN_COLORS.length] })));
  const ends = series.map((s, i) => ({ ...s.points[s.points.length - 1], label: s.label, color: RUN_COLORS[i % RUN_COLORS.length] })).filter((p) => Number.isFinite(p.cost));
  const type = costScale(rows.map((r) => r.cost));
  // a flat curve (the zeros run) would otherwise magnify its rounding noise to the full height
  const lo = minOf(rows.map((r) => r.cost));
  const hi = maxOf(rows.map((r) => r.cost));
  const flat = rows.length > 0 && hi - lo <= 1e-6 * Math.abs(hi);
  return {
    width: 640,
    height: 360,
    marginTop: 36,
    marginRight: series.length > 1 ? 16 + 7 * maxOf(series.map((s) => s.label.length)) : 20,
    marginLeft: 56,
    x: { label: 'iteration', grid: true },
    y: { label: type === 'log' ? 'cost (cross-entropy, log scale)' : 'cost (cross-entropy)', type, grid: true, tickFormat: '~g', ...(flat ? { domain: [0, 2 * hi || 1] } : {}) },
    marks: [
      titleMark(title),
      Plot.line(rows, { x: 'iteration', y: 'cost', z: 'label', stroke: 'color', strokeWidth: 2 }),
      ...(series.length > 1 ? [Plot.text(ends, { x: 'iteration', y: 'cost', text: 'label', fill: 'color', textAnchor: 'start', dx: 6, fontSize: 12 })] : []),
    ],
  };
}

/** The probability over the plane as filled bands, the 0.5 boundary as a line, points as rings of their class. */
/**
 * `layers`: 'all', or one of the two layers the web lab stacks, so that while training runs
 * it redraws only the shading and title ('shading') under points drawn once ('points').
 */
export function decisionBoundarySpec(grid: ProbabilityGrid | null, points: Dataset, title: string, { layers = 'all' as 'all' | 'shading' | 'points', extent = grid?.extent ?? ([-1.5, 1.5] as [number, number]) } = {}): PlotSpec {
  const [lo, hi] = extent;
  const contour = grid ? { width: grid.size, height: grid.size, x1: lo, x2: hi, y1: hi, y2: lo } : null;
  const pts = Array.from({ length: points.X.cols }, (_, j) => ({ x: points.X.get(0, j), y: points.X.get(1, j), label: points.Y.data[j] }))
    .filter((p) => p.x >= lo && p.x <= hi && p.y >= lo && p.y <= hi);
  return {
    ...BOUNDARY_FRAME,
    x: { domain: [lo, hi], label: 'x1' },
    y: { domain: [lo, hi], label: 'x2' },
    color: { type: 'threshold', domain: PROBABILITY_THRESHOLDS, range: PROBABILITY_COLORS },
    marks: [
      ...(layers !== 'points' ? [titleMark(title)] : []),
      ...(grid && contour && layers !== 'points' ? [
        Plot.contour(grid.values, { ...contour, fill: Plot.identity, thresholds: [0, ...PROBABILITY_THRESHOLDS], stroke: null }),
        Plot.contour(grid.values, { ...contour, thresholds: [0.5], stroke: 'black', strokeWidth: 1.5, fill: null }),
      ] : []),
      // a white halo under each ring keeps it visible on any shade; the ring's centre shows the shade
      // beneath; crisp edges, so ring pixels never blend into colours that look like a shade
      ...(layers !== 'shading' ? [
        Plot.dot(pts, { x: 'x', y: 'y', r: 3, stroke: 'white', strokeWidth: 2.2, fill: null, shapeRendering: 'crispEdges' }),
        Plot.dot(pts, { x: 'x', y: 'y', r: 3, stroke: (d: { label: number }) => CLASS_COLORS[d.label], strokeWidth: 1.2, fill: null, shapeRendering: 'crispEdges' }),
        Plot.frame(),
      ] : []),
    ],
  };
}

/** The dataset itself: train points as filled dots, test points as rings. */
export function datasetSpec(train: Dataset, test: Dataset | null, title: string, extent: [number, number] = [-1.5, 1.5]): PlotSpec {
  const rows = (d: Dataset, set: string) => Array.from({ length: d.X.cols }, (_, j) => ({ x: d.X.get(0, j), y: d.X.get(1, j), label: d.Y.data[j], set }));
  const all = [...rows(train, 'train'), ...(test ? rows(test, 'test') : [])];
  return {
    width: 420,
    height: 420,
    marginTop: 36,
    x: { label: 'x1', domain: extent },
    y: { label: 'x2', domain: extent },
    marks: [
      titleMark(title),
      Plot.dot(all.filter((r) => r.set === 'train'), { x: 'x', y: 'y', r: 3, fill: (d: { label: number }) => CLASS_COLORS[d.label] }),
      Plot.dot(all.filter((r) => r.set === 'test'), { x: 'x', y: 'y', r: 3.5, stroke: (d: { label: number }) => CLASS_COLORS[d.label], strokeWidth: 1.2 }),
      Plot.text(['● train   ○ test   orange: label 0   purple: label 1'], { frameAnchor: 'bottom', dy: -4, fontSize: 11 }),
      Plot.frame(),
    ],
  };
}

/** A sweep's outcomes: test accuracy of every run per initializer (one panel per learning rate), mean as a tick. */
export function sweepSpec(rows: { init: string; learningRate: number; seed: number; testAccuracy: number }[], title: string): PlotSpec {
  // one pass over the rows (a sweep can have 10⁵ of them): colours and group means by Map
  const colorOf = new Map<string, string>();
  for (const r of rows) if (!colorOf.has(r.init)) colorOf.set(r.init, RUN_COLORS[colorOf.size % RUN_COLORS.length]);
  const inits = [...colorOf.keys()];
  // only the fields the marks read (copying every field with a spread is ten times slower)
  const data = rows.map((r) => ({ init: r.init, testAccuracy: r.testAccuracy, lr: `lr ${r.learningRate}`, color: colorOf.get(r.init)! }));
  const groups = new Map<string, { init: string; lr: string; sum: number; count: number }>();
  for (const r of data) {
    const k = `${r.init}\u0000${r.lr}`;
    const g = groups.get(k) ?? { init: r.init, lr: r.lr, sum: 0, count: 0 };
    g.sum += r.testAccuracy;
    g.count += 1;
    groups.set(k, g);
  }
  const means = [...groups.values()].map((g) => ({ init: g.init, lr: g.lr, testAccuracy: g.sum / g.count }));
  const panels = new Set(data.map((r) => r.lr)).size;
  return {
    width: Math.max(420, 90 * inits.length * panels + 80),
    height: 380,
    marginTop: 40,
    marginBottom: 40,
    x: { label: null, domain: inits },
    y: { label: `${title}: test accuracy (dots: runs, ticks: means)`, grid: true },
    fx: { label: null },
    marks: [
      Plot.dot(data, { x: 'init', y: 'testAccuracy', fx: 'lr', fill: 'color', r: 3, fillOpacity: 0.5 }),
      Plot.tickY(means, { x: 'init', y: 'testAccuracy', fx: 'lr', stroke: 'black', strokeWidth: 2 }),
    ],
  };
}

export interface LayerSeries {
  label: string;
  /** One number per layer (an activation std, a gradient norm…), at initialization and at the end. */
  start: { layer: number; value: number }[];
  end: { layer: number; value: number }[];
}

/** A per-layer statistic, one line per run, at initialization and after training (two panels). */
export function layerStatsSpec(series: LayerSeries[], metric: string): PlotSpec {
  const rows = series.flatMap((s, i) => [
    ...s.start.map((p) => ({ ...p, when: '1 at initialization', label: s.label, color: RUN_COLORS[i % RUN_COLORS.length] })),
    ...s.end.map((p) => ({ ...p, when: '2 after training', label: s.label, color: RUN_COLORS[i % RUN_COLORS.length] })),
  ]);
  const positive = rows.filter((r) => r.value > 0).map((r) => r.value);
  // symlog when the values span decades: unlike log, it keeps a zero (the zeros run) on the chart
  const log = positive.length > 0 && maxOf(positive) / minOf(positive) > 100;
  const layers = [...new Set(rows.map((r) => r.layer))];
  return {
    width: 640,
    height: 320,
    marginTop: 40,
    marginRight: 16 + 7 * maxOf(series.map((s) => s.label.length)),
    x: { label: 'layer', ticks: layers, tickFormat: 'd' },
    y: { label: `${metric}${log ? ' (symlog scale)' : ''}`, type: log ? 'symlog' : 'linear', grid: true, tickFormat: '~g' },
    fx: { label: null, tickFormat: (w: unknown) => String(w).slice(2) },
    marks: [
      Plot.line(rows, { x: 'layer', y: 'value', z: 'label', stroke: 'color', fx: 'when', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'layer', y: 'value', stroke: 'color', fx: 'when', r: 3 }),
      Plot.text(rows.filter((r) => r.layer === layers[layers.length - 1] && r.when.startsWith('2')), { x: 'layer', y: 'value', text: 'label', fill: 'color', fx: 'when', textAnchor: 'start', dx: 8 }),
    ],
  };
}

/** One layer's activation histogram, small (a cell of a grid of them). */
export function histogramSpec(bins: { x0: number; x1: number; count: number }[], title: string, color = RUN_COLORS[0]): PlotSpec {
  return {
    width: 220,
    height: 150,
    marginTop: 28,
    marginLeft: 44,
    marginRight: 14,
    x: { label: null, tickFormat: '~s', ticks: 3 },
    y: { label: null, ticks: 3 },
    marks: [
      Plot.text([title], { frameAnchor: 'top', dy: -18, fontSize: 11, fontWeight: 'bold' }),
      Plot.rectY(bins, { x1: 'x0', x2: 'x1', y: 'count', fill: color, inset: 0.5 }),
      Plot.ruleY([0]),
    ],
  };
}
