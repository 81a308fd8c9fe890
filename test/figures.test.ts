// The figures the report and the web lab share, rendered (Observable Plot in linkedom)
// and read back: scale types, tick texts, label positions, colours, accessible names.
import chroma from 'chroma-js';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../src/linalg/matrix.js';
import { composeGrid, renderFigure } from '../src/node/render.js';
import { histogram } from '../src/train/diagnostics.js';
import { shareLayerAxes } from '../src/plot/histograms.js';
import { initColor, PROBABILITY_COLORS } from '../src/plot/palette.js';
import * as plotSpecs from '../src/plot/specs.js';

type El = Element;
const all = (el: El, selector: string) => [...el.querySelectorAll(selector)];
/** The texts of an axis's tick labels ("x", "y", "fx"). */
const ticks = (el: El, axis: string) =>
  all(el, `g[aria-label="${axis}-axis tick label"] text`).map((t) => t.textContent ?? '');
/** The pixel y of a text or a dot, from Plot's translate(x,y) or cy. */
const yOf = (e: El) =>
  Number(
    e.getAttribute('cy') ??
      /translate\([^,]+,([^)]+)\)/.exec(e.getAttribute('transform') ?? '')?.[1],
  );
const SI = /\d[yzafpnµmkMGTPEZY]$/;
const PLAIN = /^-?(\d{1,3}(,\d{3})*(\.\d+)?|\d(\.\d+)?e[+-]\d+)$/;

const layerValues = (f: (l: number) => number, n = 8) =>
  Array.from({ length: n }, (_, i) => ({ layer: i + 1, value: f(i + 1) }));

describe('depth views show vanishing and exploding signal', () => {
  // random ×0.01 in an 8-layer ReLU net shrinks the signal about 100× per layer: 1e-2 … 1e-16
  const vanishing = layerValues((l) => 10 ** (-2 * l));
  const series = [
    { label: 'random:scale=0.01', start: vanishing, end: vanishing },
    { label: 'he', start: layerValues(() => 0.8), end: layerValues(() => 0.9) },
    { label: 'zeros', start: layerValues(() => 0), end: layerValues(() => 0) },
  ];
  const spec = plotSpecs.layerStatsSpec(series, 'activation std by layer');
  const fig = renderFigure(spec);

  it('puts the per-layer std on a log axis with plain power-of-ten ticks', () => {
    expect((spec.y as { type: string }).type).toBe('log');
    const y = ticks(fig.element, 'y');
    expect(y.length).toBeGreaterThanOrEqual(3);
    for (const t of y) {
      expect(t).toMatch(PLAIN);
      expect(t).not.toMatch(SI);
    }
    expect(y).toContain('1');
    expect(y.some((t) => /^1e-1[4-6]$/.test(t))).toBe(true);
  });

  it('1e-2 … 1e-16 land at distinct heights, evenly spaced (no zero line)', () => {
    const dots = all(fig.element, 'circle').filter(
      (c) => c.getAttribute('stroke') === initColor('random')!.line,
    );
    const start = dots.slice(0, 8).map(yOf); // the first panel's eight layers
    const steps = start.slice(1).map((y, i) => y - start[i]);
    for (const s of steps) expect(s).toBeGreaterThan(10);
    expect(Math.max(...steps) - Math.min(...steps)).toBeLessThan(0.5);
  });

  it('names the series that sit at exactly 0 instead of drawing them off the axis', () => {
    expect(
      all(fig.element, 'text')
        .map((t) => t.textContent)
        .join('|'),
    ).toMatch(/0 \(off the log axis\): zeros/);
  });

  it('a statistic that does not span a decade stays on a linear axis', () => {
    const flat = plotSpecs.layerStatsSpec(
      [{ label: 'he', start: layerValues(() => 0.8), end: layerValues((l) => 0.5 + l / 20) }],
      'std',
    );
    expect((flat.y as { type: string }).type).toBe('linear');
  });
});

describe('activation histograms compare across initializers', () => {
  // three runs' layer-1 activations: uniform spreads with the std of He, Xavier and random ×0.01
  const spread = (std: number) =>
    Float64Array.from({ length: 2000 }, (_, i) => std * Math.sqrt(3) * (-1 + (2 * i + 1) / 2000));
  const runs = [
    ['he', 1.41],
    ['xavier', 1],
    ['random:scale=0.01', 0.0141],
  ] as const;
  const own = runs.map(([, std]) => {
    const v = spread(std);
    return [histogram(v, 20, v[0], v[v.length - 1])];
  });
  const shared = shareLayerAxes(own, 20);
  const figs = runs.map(([name, std], i) =>
    renderFigure(
      plotSpecs.histogramSpec(shared.bins[i][0], `${name}, layer 1`, initColor(name)!.line, {
        domain: shared.ranges[0],
        std,
      }),
    ),
  );

  it('share one x axis with plain ticks (never "500m")', () => {
    const x = figs.map((f) => ticks(f.element, 'x'));
    expect(x[1]).toEqual(x[0]);
    expect(x[2]).toEqual(x[0]);
    for (const t of x.flat()) {
      expect(t).toMatch(PLAIN);
      expect(t).not.toMatch(SI);
    }
  });

  it('He, Xavier and random ×0.01 look different: their bars cover widths in the ratio of their spreads', () => {
    const width = (f: { element: El }) => {
      const bars = all(f.element, 'rect').filter((r) => Number(r.getAttribute('height')) > 0);
      const left = Math.min(...bars.map((r) => Number(r.getAttribute('x'))));
      const right = Math.max(
        ...bars.map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width'))),
      );
      return right - left;
    };
    const [he, xavier, small] = figs.map(width);
    expect(he).toBeGreaterThan(1.2 * xavier);
    expect(xavier).toBeGreaterThan(5 * small);
  });

  it("write each panel's std under its title", () => {
    const texts = figs.map((f) => all(f.element, 'text').map((t) => t.textContent));
    expect(texts[0]).toContain('std 1.41');
    expect(texts[2]).toContain('std 0.0141');
  });
});

describe('line-end labels never collide', () => {
  const ending = (end: number) =>
    [0, 500, 1000].map((iteration, k) => ({ iteration, cost: k === 2 ? end : 0.9 - 0.2 * k }));
  const labelYs = (f: { element: El }, names: string[]) =>
    all(f.element, 'text')
      .filter((t) => names.includes(t.textContent ?? ''))
      .map(yOf);

  it('he, xavier and orthogonal ending at one cost are at least a line apart', () => {
    const names = ['he', 'xavier', 'orthogonal'];
    const f = renderFigure(
      plotSpecs.costCurveSpec(
        names.map((label) => ({ label, points: ending(0.3) })),
        'cost',
      ),
    );
    const ys = labelYs(f, names).sort((a, b) => a - b);
    expect(ys).toHaveLength(3);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(12);
  });

  it("so are the depth view's labels, panel by panel, and on a log axis", () => {
    const names = ['he', 'xavier', 'orthogonal', 'lecun-normal'];
    const same = layerValues(() => 0.5, 4);
    const f = renderFigure(
      plotSpecs.layerStatsSpec(
        names.map((label, i) => ({
          label,
          start: layerValues((l) => 10 ** (-l * i), 4),
          end: same,
        })),
        'std',
      ),
    );
    const ys = labelYs(f, names).sort((a, b) => a - b);
    expect(ys).toHaveLength(4);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(12);
  });

  it("labels written in the series' colours read on white (contrast ≥ 4.5:1)", () => {
    const names = ['zeros', 'random', 'he', 'xavier', 'orthogonal', 'lecun-normal', 'lsuv'];
    const f = renderFigure(
      plotSpecs.costCurveSpec(
        names.map((label, i) => ({ label, points: ending(0.1 * (i + 1)) })),
        'cost',
      ),
    );
    const fills = all(f.element, 'text')
      .filter((t) => names.includes(t.textContent ?? ''))
      .map((t) => t.getAttribute('fill')!);
    expect(fills).toHaveLength(names.length);
    for (const c of fills) expect(chroma.contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
  });
});

describe('decision boundaries', () => {
  const points = {
    X: Matrix.fromRows([
      [0.5, -0.5],
      [-0.5, 0.5],
    ]),
    Y: Matrix.fromRows([[1, 0]]),
  };
  const size = 30;
  const constant = {
    values: new Float64Array(size * size).fill(0.5),
    size,
    extent: [-1.5, 1.5] as [number, number],
  };
  const leftRight = {
    values: Float64Array.from({ length: size * size }, (_, j) => (j % size) / (size - 1)),
    size,
    extent: [-1.5, 1.5] as [number, number],
  };
  const blackPaths = (el: El) =>
    all(el, '[aria-label="contour"]').filter(
      (g) =>
        g.getAttribute('stroke') === 'black' ||
        all(g, 'path').some((p) => p.getAttribute('stroke') === 'black'),
    );

  it("carry a colour key: every band colour in order, the 0.5 line, plain ticks and the quantity's name", () => {
    for (const grid of [constant, leftRight]) {
      const f = renderFigure(plotSpecs.decisionBoundarySpec(grid, points, 'run'));
      const key = all(f.element, 'g').find((g) =>
        (g.getAttribute('aria-label') ?? '').startsWith('colour key'),
      );
      expect(key).toBeDefined();
      const fills = all(key!, 'rect')
        .map((r) => r.getAttribute('fill'))
        .filter((c) => c !== 'none');
      expect(fills).toEqual(PROBABILITY_COLORS);
      expect(all(key!, 'text').map((t) => t.textContent)).toEqual([
        '0',
        '0.5',
        '1',
        'probability of label 1',
      ]);
      expect(all(key!, 'line').map((l) => l.getAttribute('stroke'))).toEqual(['black']);
    }
  });

  it('a constant prediction (the zeros run) draws no boundary and no black frame, and says so', () => {
    const f = renderFigure(plotSpecs.decisionBoundarySpec(constant, points, 'zeros'));
    expect(blackPaths(f.element)).toEqual([]);
    for (const frame of all(f.element, '[aria-label="frame"]'))
      expect(frame.getAttribute('stroke')).not.toMatch(/^(black|#000|#000000|currentColor)$/);
    expect(all(f.element, 'text').map((t) => t.textContent)).toContain(
      'the same prediction everywhere: no boundary',
    );
    expect(f.element.getAttribute('aria-label')).toMatch(/no boundary/);
    // and the same check finds the line where there is a boundary
    expect(
      blackPaths(renderFigure(plotSpecs.decisionBoundarySpec(leftRight, points, 'he')).element),
    ).toHaveLength(1);
  });

  it('the note reads on any band: dark text on a white halo (contrast ≥ 4.5:1)', () => {
    const f = renderFigure(plotSpecs.decisionBoundarySpec(constant, points, 'zeros'));
    const note = all(f.element, 'text').find(
      (t) => t.textContent === 'the same prediction everywhere: no boundary',
    )!;
    const g = note.parentElement!;
    const attr = (name: string) => note.getAttribute(name) ?? g.getAttribute(name);
    expect([attr('stroke'), attr('paint-order')]).toEqual(['white', 'stroke']);
    expect(Number(attr('stroke-width'))).toBeGreaterThanOrEqual(2);
    expect(chroma.contrast(attr('fill')!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // without the halo the darkest purple band would not do
    expect(chroma.contrast(attr('fill')!, PROBABILITY_COLORS.at(-1)!)).toBeLessThan(4.5);
  });

  it("the web lab's layers: the key with the points (drawn once), not twice", () => {
    const key = (layers: 'points' | 'shading') =>
      all(
        renderFigure(plotSpecs.decisionBoundarySpec(leftRight, points, 'he', { layers })).element,
        'g',
      ).filter((g) => (g.getAttribute('aria-label') ?? '').startsWith('colour key')).length;
    expect([key('points'), key('shading')]).toEqual([1, 0]);
  });
});

describe('the combined cost chart', () => {
  // the notebook's three runs, roughly: zeros flat at ln 2, random ×10 from 1774, He down to 0.065
  const run = (label: string, f: (t: number) => number) => ({
    label,
    points: Array.from({ length: 16 }, (_, k) => ({ iteration: 1000 * k, cost: f(k / 15) })),
  });
  const three = [
    run('zeros', () => Math.LN2),
    run('random', (t) => 0.38 + 1774 * (1 - t) ** 8),
    run('he', (t) => 0.88 * 0.0737 ** t),
  ];

  it("draws the runs on one log axis when they span decades, each in its initializer's colour", () => {
    const spec = plotSpecs.combinedCostSpec(three);
    expect((spec.y as { type: string }).type).toBe('log');
    const f = renderFigure(spec);
    const strokes = all(f.element, 'g[aria-label="line"] path').map((p) =>
      p.getAttribute('stroke'),
    );
    expect(strokes).toEqual(['zeros', 'random', 'he'].map((n) => initColor(n)!.line));
    const y = ticks(f.element, 'y');
    expect(y).toEqual(expect.arrayContaining(['0.1', '1', '10', '100', '1,000']));
    for (const t of y) expect(t).toMatch(PLAIN);
  });

  it('names each line with its final cost', () => {
    const texts = all(renderFigure(plotSpecs.combinedCostSpec(three)).element, 'text').map(
      (t) => t.textContent,
    );
    expect(texts).toEqual(expect.arrayContaining(['zeros 0.693', 'random 0.380', 'he 0.0649']));
  });

  it('stays linear when the costs span less than two decades', () => {
    expect((plotSpecs.combinedCostSpec([three[0], three[2]]).y as { type: string }).type).toBe(
      'linear',
    );
  });
});

describe('every chart has an accessible name', () => {
  const data = {
    X: Matrix.fromRows([
      [0, 0],
      [1, 1],
    ]),
    Y: Matrix.fromRows([[0, 1]]),
  };
  const specs: [string, plotSpecs.PlotSpec][] = [
    [
      'cost',
      plotSpecs.costCurveSpec(
        [
          {
            label: 'he',
            points: [
              { iteration: 0, cost: 1 },
              { iteration: 1, cost: 0.5 },
            ],
          },
        ],
        'Cost with He',
      ),
    ],
    ['boundary', plotSpecs.decisionBoundarySpec(null, data, 'he')],
    ['dataset', plotSpecs.datasetSpec(data, null, 'The data')],
    [
      'sweep',
      plotSpecs.sweepSpec(
        [{ init: 'he', learningRate: 0.01, seed: 1, trainAccuracy: 0.9, testAccuracy: 0.8 }],
        'sweep',
      ),
    ],
    [
      'layers',
      plotSpecs.layerStatsSpec(
        [{ label: 'he', start: layerValues(() => 1, 2), end: layerValues(() => 1, 2) }],
        'std',
      ),
    ],
    ['histogram', plotSpecs.histogramSpec([{ x0: 0, x1: 1, count: 3 }], 'he, layer 1')],
  ];
  it.each(specs)('%s: role="img", an aria-label and a matching <title> first', (_, spec) => {
    const svg = renderFigure(spec).element;
    expect(svg.getAttribute('role')).toBe('img');
    const name = svg.getAttribute('aria-label') ?? '';
    expect(name.length).toBeGreaterThan(5);
    expect(svg.firstElementChild?.tagName.toLowerCase()).toBe('title');
    expect(svg.firstElementChild?.textContent).toBe(name);
  });

  it.each(specs)(
    '%s: every labelled mark inside has a role (ARIA allows no label without)',
    (_, spec) => {
      const svg = renderFigure(spec).element;
      const labelled = all(svg, '[aria-label]');
      expect(labelled.length).toBeGreaterThan(0); // Plot labels its marks ("line", "dot", axes)
      for (const el of labelled)
        expect([el.tagName, el.getAttribute('role')]).toEqual([
          el.tagName,
          el.tagName.toLowerCase() === 'g' ? 'group' : 'graphics-symbol',
        ]);
    },
  );

  it('a grid of figures is named as a whole', () => {
    const grid = composeGrid(
      specs.slice(0, 2).map(([, s]) => renderFigure(s)),
      2,
      'two figures',
    );
    expect(grid.element.getAttribute('role')).toBe('img');
    expect(grid.svg).toMatch(/^<svg[^>]*><title>two figures<\/title>/);
  });
});

describe('reproduction figures', () => {
  it('dodge their series labels and write them in readable colours on a plain log axis', async () => {
    const { reproductionSpec } = await import('../src/plot/reproduction-spec.js');
    // three theory curves meeting at both ends: the labels must still be a line apart
    const points = ['he', 'xavier', 'orthogonal'].flatMap((series, i) =>
      [1, 5, 10].map((x) => ({
        series,
        kind: 'theory' as const,
        x,
        y: x === 5 ? 10 ** -(i + 1) : 1e-3,
      })),
    );
    const f = renderFigure(reproductionSpec({ x: 'depth', y: 'variance', logY: true, points }));
    const labels = all(f.element, 'text').filter((t) =>
      ['he', 'xavier', 'orthogonal'].includes(t.textContent ?? ''),
    );
    const ys = labels.map(yOf).sort((a, b) => a - b);
    expect(ys).toHaveLength(3);
    for (let i = 1; i < 3; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(12);
    for (const t of labels)
      expect(chroma.contrast(t.getAttribute('fill')!, '#fff')).toBeGreaterThanOrEqual(4.5);
    for (const t of ticks(f.element, 'y')) expect(t).toMatch(PLAIN);
    expect(f.element.getAttribute('role')).toBe('img');
  });
});
