// The phase diagram against SciPy (scripts/make_phase_diagram_reference.py →
// test/fixtures/phase_diagram_reference.json): ξ_c per cell, the order-to-chaos line and the
// initializers' places; the Mehler series against the nested quadrature; the CLI.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scalarActivation } from '../src/theory/activation-calculus.js';
import { correlationSeries, seriesAt } from '../src/theory/hermite-series.js';
import { correlationMap, correlationSlope, lengthFixedPoint } from '../src/theory/mean-field.js';
import { initializerPoints, phaseDiagram } from '../src/theory/phase-diagram.js';
import { cli } from './helpers.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/phase_diagram_reference.json', import.meta.url), 'utf8'),
);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const dir = mkdtempSync(join(tmpdir(), 'initlab-phase-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('phase diagram = SciPy', () => {
  for (const c of ref.cells) {
    it(`${c.activation} at σ_w² = ${c.weightVar}, σ_b² = ${c.biasVar}: ξ_c and 6ξ_c to 1e-6`, () => {
      const d = phaseDiagram(
        scalarActivation(c.activation),
        { min: c.weightVar, max: c.weightVar, count: 1 },
        { min: c.biasVar, max: c.biasVar, count: 1 },
        { criticalCount: 1 },
      );
      const cell = d.cells[0][0];
      expect(cell.phase).toBe(c.chi1 < 1 ? 'ordered' : 'chaotic');
      expect(rel(cell.chi1, c.chi1)).toBeLessThan(1e-8);
      expect(rel(cell.xiC!, c.xiC)).toBeLessThan(1e-6);
      expect(rel(cell.trainableDepth!, 6 * c.xiC)).toBeLessThan(1e-6);
    });
  }
  it('the order-to-chaos line at the SciPy σ_b² values, to 1e-7', () => {
    for (const c of ref.critical) {
      const d = phaseDiagram(
        scalarActivation(c.activation),
        { min: 1, max: 1, count: 1 },
        { min: c.biasVar, max: c.biasVar, count: 1 },
        { criticalCount: 1 },
      );
      expect(
        rel(d.critical[0].weightVar!, c.weightVar),
        `${c.activation} σ_b² ${c.biasVar}`,
      ).toBeLessThan(1e-7);
    }
  });
  it("every initializer sits at its framework formula's σ_w² and σ_b²", () => {
    const placed = initializerPoints(ref.width);
    for (const e of ref.initializers) {
      const p = placed.find((q) => q.names.includes(e.name));
      expect(p, e.name).toBeDefined();
      expect(rel(p!.weightVar, e.weightVar), e.name).toBeLessThan(1e-12);
      expect(Math.abs(p!.biasVar - e.biasVar), e.name).toBeLessThan(1e-15);
    }
  });
  it('a ReLU net beyond σ_w² = 2 has no depth scale (its signal grows without bound): null, never a negative ξ_c', () => {
    const d = phaseDiagram(
      scalarActivation('relu'),
      { min: 1, max: 3, count: 3 },
      { min: 0, max: 0.1, count: 2 },
      { criticalCount: 3 },
    );
    expect(d.cells.map((r) => r[2].xiC)).toEqual([null, null]);
    expect(d.cells.every((r) => r[0].xiC! > 0)).toBe(true);
    for (const c of d.critical) expect(c.weightVar).toBeCloseTo(2, 9);
  });
});

describe('the Mehler series', () => {
  it("gives the nested quadrature's correlation map and slope (tanh, SELU, ELU at several q and c)", () => {
    for (const [name, w, b] of [
      ['tanh', 2.5, 0.1],
      ['selu', 1.5, 0.1],
      ['elu', 1.9, 0.2],
    ] as const) {
      const act = scalarActivation(name);
      const p = { weightVar: w, biasVar: b };
      const q = lengthFixedPoint(act, p).q;
      const series = correlationSeries(act, q);
      for (const c of [0, 0.3, 0.6, 0.85]) {
        const at = seriesAt(series, q, c);
        expect(
          rel((w * at.phiPhi + b) / q, correlationMap(act, p, q, c)),
          `${name} c ${c}`,
        ).toBeLessThan(1e-9);
        expect(
          rel(w * at.slope, correlationSlope(act, p, q, c)),
          `${name} slope c ${c}`,
        ).toBeLessThan(1e-8);
      }
    }
  });
});

describe('initlab theory --phase-diagram', () => {
  it('--json gives the grid, the line and the initializers with their phase; --out writes the figure', () => {
    const out = join(dir, 'pd');
    const r = cli([
      ...'theory --phase-diagram --activation tanh --grid 5,3 --json'.split(' '),
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.weightVars).toHaveLength(5);
    expect(j.biasVars).toHaveLength(3);
    expect(j.cells).toHaveLength(3);
    expect(j.cells[0]).toHaveLength(5);
    const he = j.initializers.find((p: { names: string[] }) => p.names.includes('he'));
    expect(he.phase).toBe('chaotic');
    for (const f of [
      'phase-diagram.svg',
      'phase-diagram.png',
      'results.json',
      'index.html',
      '.initlab-report.json',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
  });
  it('a bad grid or --out without --phase-diagram is one line, exit 2', () => {
    for (const args of [
      ['--phase-diagram', '--grid', '5'],
      ['--phase-diagram', '--grid', '1,3'],
      ['--phase-diagram', '--grid', '500,500'],
      ['--phase-diagram', '--weight-var-max', '0'],
      ['--out', join(dir, 'x')],
    ]) {
      const bad = cli(['theory', ...args]);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
