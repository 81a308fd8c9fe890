// Mean-field theory against SciPy (scripts/make_theory_reference.py: nested scipy quad and
// brentq, written apart from initlab) and against closed forms (ReLU's arc-cosine map).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scalarActivation } from '../src/theory/activation-calculus.js';
import {
  criticalWeightVar,
  lengthFixedPoint,
  meanField,
  pairTrajectory,
} from '../src/theory/mean-field.js';
import { gaussianExpectation } from '../src/theory/quadrature.js';
import { cli } from './helpers.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/theory_reference.json', import.meta.url), 'utf8'),
);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('Gaussian quadrature', () => {
  it('gives the unit normal moments and E|z| to 1e-12', () => {
    expect(gaussianExpectation(() => 1)).toBeCloseTo(1, 12);
    expect(gaussianExpectation((z) => z * z)).toBeCloseTo(1, 12);
    expect(gaussianExpectation((z) => z ** 4)).toBeCloseTo(3, 11);
    expect(gaussianExpectation((z) => Math.abs(z))).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
  });
});

describe('mean-field maps against SciPy', () => {
  for (const p of ref.points) {
    it(`${p.activation} at σ_w² = ${p.weightVar}, σ_b² = ${p.biasVar}`, () => {
      const m = meanField(scalarActivation(p.activation), {
        weightVar: p.weightVar,
        biasVar: p.biasVar,
      });
      for (const key of ['qStar', 'chi1', 'chiC', 'xiQ', 'xiC'] as const)
        expect(rel(m[key]!, p[key]), key).toBeLessThan(1e-7);
      expect(Math.abs(m.cStar! - p.cStar), 'cStar').toBeLessThan(1e-8);
      expect(m.phase).toBe(p.chi1 < 1 ? 'ordered' : 'chaotic');
    });
  }
  it('the critical line: χ₁ = 1', () => {
    for (const c of ref.critical) {
      const got = criticalWeightVar(scalarActivation(c.activation), c.biasVar);
      expect(rel(got!.weightVar, c.weightVar), `${c.activation} σ_b² = ${c.biasVar}`).toBeLessThan(
        1e-8,
      );
    }
  });
  it("the issue's landmarks: tanh critical at 1.760955 with q* = 0.570048; ξ_c = 3.627, χ₁ = 0.75903 at σ_w² = 1", () => {
    const tanh = scalarActivation('tanh');
    const crit = criticalWeightVar(tanh, 0.05)!;
    expect(crit.weightVar).toBeCloseTo(1.760955, 6);
    expect(crit.qStar).toBeCloseTo(0.570048, 6);
    const m = meanField(tanh, { weightVar: 1, biasVar: 0.05 });
    expect(m.xiC).toBeCloseTo(3.627, 3);
    expect(m.chi1).toBeCloseTo(0.75903, 5);
  });
});

describe('ReLU in closed form', () => {
  const relu = scalarActivation('relu');
  it('at σ_w² = 2, σ_b² = 0 the correlation map is the arc-cosine map', () => {
    const arccos = (c: number) => (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c) / Math.PI;
    ref.arccosInputs.forEach((c0: number, i: number) => {
      const [first] = pairTrajectory(relu, { weightVar: 2, biasVar: 0 }, 1, c0, 1);
      expect(Math.abs(first.c - ref.arccos[i])).toBeLessThan(1e-10);
      expect(Math.abs(first.c - arccos(c0))).toBeLessThan(1e-10);
    });
    const path = pairTrajectory(relu, { weightVar: 2, biasVar: 0 }, 1, 0.2, 4).map((l) => l.c);
    expect(path.map((c) => Number(c.toFixed(3)))).toEqual([0.425, 0.56, 0.65, 0.713]);
  });
  it('q is kept at σ_w² = 2 (neutral), grows without bound above it or with a bias, and settles below', () => {
    expect(lengthFixedPoint(relu, { weightVar: 2, biasVar: 0 }, 3)).toEqual({
      q: 3,
      kind: 'neutral',
    });
    expect(lengthFixedPoint(relu, { weightVar: 2.5, biasVar: 0 }).kind).toBe('unbounded');
    expect(lengthFixedPoint(relu, { weightVar: 2, biasVar: 0.1 }).kind).toBe('unbounded');
    expect(rel(lengthFixedPoint(relu, { weightVar: 1, biasVar: 0.1 }).q, 0.2)).toBeLessThan(1e-12); // q = q/2 + 0.1
    expect(criticalWeightVar(relu, 0.3)!.weightVar).toBeCloseTo(2, 10);
  });
});

describe('depth scales where the per-layer rate is exactly 1', () => {
  // tanh at σ_w² = 1, σ_b² = 0: q* = 0, where the q map's slope is σ_w²·tanh'(0)² = 1, so
  // ξ_q = −1/ln 1 = +∞ (Schoenholz et al. 2017, eq. 5): q decays algebraically, not with a finite
  // depth scale. ln 1 is +0 in float64, and −1/+0 had printed −inf.
  it('tanh at σ_w² = 1: ξ_q is +Infinity, never −Infinity', () => {
    const m = meanField(scalarActivation('tanh'), { weightVar: 1, biasVar: 0 });
    expect(m.qStar).toBe(0);
    expect(m.xiQ).toBe(Infinity);
    const j = JSON.parse(
      cli(['theory', '--activation', 'tanh', '--weight-var', '1', '--json']).stdout,
    );
    expect(j.xiQ).toBe('inf');
  });
});

describe('initlab theory', () => {
  it('prints the point, its phase and the critical line, and --json carries the same numbers', () => {
    const text = cli(['theory', '--activation', 'tanh', '--weight-var', '1', '--bias-var', '0.05']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/ordered/);
    expect(text.stdout).toMatch(/1\.760955/);
    const point = 'theory --activation tanh --weight-var 1 --bias-var 0.05'.split(' ');
    const r = cli([...point, '--c0', '0.5', '--depth', '3', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.chi1).toBeCloseTo(0.7590316471853936, 10);
    expect(j.xiC).toBeCloseTo(3.62697561805297, 8);
    expect(j.critical.weightVar).toBeCloseTo(1.7609546396067395, 9);
    expect(j.layers).toHaveLength(3);
  });
  it('refuses what it cannot compute, in one line', () => {
    for (const args of [
      ['--weight-var', '-1'],
      ['--bias-var', 'x'],
      ['--activation', 'nope'],
      ['--weight-var', '1e400'],
      ['--c0', '1.5'],
      ['--depth', '0'],
    ]) {
      const r = cli(['theory', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
