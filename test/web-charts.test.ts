// The web lab's charts (web/src/charts.ts) drawn into a linkedom page: the same colours,
// keys, axes and accessible names as the report's figures.
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { initColor } from '../src/plot/palette.js';

type Charts = typeof import('../web/src/charts.js');
let charts: Charts;
let doc: Document;

beforeAll(async () => {
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, {
    window,
    document,
    CSS: { escape: (s: string) => s.replace(/["\\]/g, '\\$&') },
  });
  doc = document as unknown as Document;
  charts = await import('../web/src/charts.js');
});

const holder = () => doc.body.appendChild(doc.createElement('div'));
const all = (el: Element, selector: string) => [...el.querySelectorAll(selector)];
const named = (svg: Element) => [
  svg.getAttribute('role'),
  (svg.getAttribute('aria-label') ?? '').length > 0,
  svg.firstElementChild?.tagName.toLowerCase(),
];

const GRID = 60;
const stats = (std: number, layer: number) => ({
  layer,
  activation: { mean: 0, std, dead: 0, saturated: 0 },
  gradient: { weightNorm: std, biasNorm: 0, backprop: std },
  weight: { mean: 0, std: 1, norm: 1 },
});
/** A finished run's update: its grid, per-layer std and histograms (uniform over ±std·√3). */
function update(init: string, stds: number[], grid: (j: number) => number) {
  return {
    init,
    iteration: 100,
    done: true,
    curve: [],
    trainAccuracy: 0.5,
    testAccuracy: null,
    extent: [-1.5, 1.5] as [number, number],
    network: null,
    grid: Float64Array.from({ length: GRID * GRID }, (_, j) => grid(j)),
    diagnostics: { iteration: 100, layers: stds.map((s, l) => stats(s, l + 1)) },
    histograms: stds.map((s, l) => ({
      layer: l + 1,
      bins: Array.from({ length: 16 }, (_, k) => ({
        x0: s * Math.sqrt(3) * (-1 + k / 8),
        x1: s * Math.sqrt(3) * (-1 + (k + 1) / 8),
        count: 10,
      })),
    })),
  };
}
const data = {
  extent: [-1.5, 1.5] as [number, number],
  X: [
    [0.5, 0.5],
    [-0.5, -0.5],
  ],
  Y: [1, 0],
  testX: [],
  testY: [],
  testSpec: null,
};

describe("the web lab's charts", () => {
  it("cost: each initializer in the report's colour, test costs dotted, the chart named", () => {
    const into = holder();
    const pts = (c: number) =>
      [0, 50, 100].map((iteration, k) => ({
        iteration,
        train: c / (k + 1),
        test: c / (k + 1) + 0.05,
      }));
    const svg = charts.costChart({ xavier: pts(0.8), he: pts(0.9) }, into);
    expect(named(svg)).toEqual(['img', true, 'title']);
    const strokes = all(svg, 'path').map(
      (p) => p.getAttribute('stroke') ?? p.parentElement?.getAttribute('stroke'),
    );
    expect(strokes).toContain(initColor('he')!.line);
    expect(strokes).toContain(initColor('xavier')!.line);
    expect(all(svg, '[stroke-dasharray]').length).toBeGreaterThan(0);
  });

  it('boundaries: a colour key on each figure, no boundary line for a constant prediction', () => {
    const into = holder();
    charts.boundaries(
      [update('zeros', [0, 0], () => 0.5), update('he', [0.8, 0.7], (j) => (j % GRID) / GRID)],
      data,
      into,
    );
    const figures = all(into, 'figure');
    expect(figures).toHaveLength(2);
    for (const f of figures) {
      expect(
        all(f, 'g').some((g) => (g.getAttribute('aria-label') ?? '').startsWith('colour key')),
      ).toBe(true);
      expect(named(f.querySelector('svg')!)).toEqual(['img', true, 'title']);
    }
    const black = (f: Element) =>
      all(f, '[aria-label="contour"]').filter((g) => g.getAttribute('stroke') === 'black').length;
    expect(figures.map(black)).toEqual([0, 1]);
  });

  it('depth views: std on a log axis when it spans decades; histograms of a layer on one x axis, std written', () => {
    const updates = [
      update('he', [0.8, 0.9, 1], () => 0.6),
      update('random:scale=0.01', [1e-2, 1e-4, 1e-6], () => 0.5),
    ];
    const [activation, gradient, hist] = [holder(), holder(), holder()];
    charts.layers(updates, new Map(), activation, gradient, hist);
    expect(activation.querySelector('svg')!.getAttribute('aria-label')).toMatch(/log scale/);
    const cells = [...hist.children];
    expect(cells).toHaveLength(6);
    const xTicks = (cell: Element) =>
      all(cell, 'g[aria-label="x-axis tick label"] text')
        .map((t) => t.textContent)
        .join(' ');
    for (let l = 0; l < 3; l++) expect(xTicks(cells[3 + l])).toBe(xTicks(cells[l])); // run 2's layer l beside run 1's
    expect(all(cells[4], 'text').map((t) => t.textContent)).toContain('std 1e-4');
    for (const c of cells) expect(named(c.querySelector('svg')!)).toEqual(['img', true, 'title']);
  });

  it('a diverged run (activations and costs no longer finite) draws without throwing', () => {
    const diverged = update('random-normal:std=1e300', [Infinity, NaN], () => NaN);
    diverged.histograms = [
      {
        layer: 1,
        bins: Array.from({ length: 16 }, () => ({ x0: -Infinity, x1: Infinity, count: 5 })),
      },
      { layer: 2, bins: Array.from({ length: 16 }, () => ({ x0: NaN, x1: NaN, count: 5 })) },
    ];
    const [activation, gradient, hist, boundary, cost] = [
      holder(),
      holder(),
      holder(),
      holder(),
      holder(),
    ];
    expect(() =>
      charts.layers(
        [update('he', [0.8, 0.9], () => 0.6), diverged],
        new Map(),
        activation,
        gradient,
        hist,
      ),
    ).not.toThrow();
    expect(hist.children).toHaveLength(4);
    expect(() => charts.boundaries([diverged], data, boundary)).not.toThrow();
    expect(() =>
      charts.costChart({ diverged: [{ iteration: 0, train: Infinity, test: NaN }] }, cost),
    ).not.toThrow();
  });
});
