// One layer's Jacobian D·W: the free-probability prediction of its mean singular value against
// SciPy (scripts/make_jacobian_spectrum_reference.py → test/fixtures/jacobian_spectrum.json,
// brentq + quad on the Silverstein–Bai equation, each case also checked against numpy SVDs of
// 2000 × 2000 matrices), and glorot2010's check built on it, which a wrong init must fail.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glorot2010Experiment } from '../src/reproduce/glorot2010.js';
import { meanSingularValueDW } from '../src/theory/jacobian-spectrum.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/jacobian_spectrum.json', import.meta.url), 'utf8'),
) as { cases: { what: string; weightVar: number; slopes: number[]; meanSingularValue: number }[] };

describe('mean singular value of D·W = SciPy', () => {
  for (const c of ref.cases)
    it(`${c.what}: ${c.meanSingularValue.toPrecision(8)} to 1e-9`, () => {
      const got = meanSingularValueDW(c.weightVar, c.slopes);
      expect(Math.abs(got / c.meanSingularValue - 1)).toBeLessThan(1e-9);
    });
  it('equal slopes give the quarter-circle law 8s/(3π), s = d·σ_w, to 1e-12', () => {
    for (const [w, d] of [
      [1 / 3, 1],
      [1, 1],
      [2, 0.7],
      [16, 0.25],
    ]) {
      const want = (8 * d * Math.sqrt(w)) / (3 * Math.PI);
      expect(Math.abs(meanSingularValueDW(w, [d, d, d]) / want - 1), `${w} ${d}`).toBeLessThan(
        1e-12,
      );
    }
  });
  it('depends on the slopes only through their law (order and repetition do not matter)', () => {
    const a = meanSingularValueDW(1, [0.2, 0.9, 0.5]);
    expect(meanSingularValueDW(1, [0.5, 0.2, 0.9, 0.9, 0.5, 0.2])).toBeCloseTo(a, 12);
  });
});

describe("glorot2010's Jacobian check", () => {
  const jacobian = (checks: { what: string; pass: boolean }[], init: string) =>
    checks.find((c) => c.what.includes('Jacobian D·W') && c.what.includes(init))!;
  it("passes with the paper's inits (quick)", () => {
    const { checks } = glorot2010Experiment({ quick: true, seed: 0 });
    for (const c of checks) expect(c.pass, c.what).toBe(true);
  });
  for (const [init, drawn, why] of [
    ['normalized', 3, 'the normalized init with its 1/3 missing'],
    ['normalized', 2, 'Var = 2/n'],
    ['normalized', 0.7737, "TF.js's truncation without its correction"],
    ['standard', 1, 'the standard init with its 1/3 missing'],
  ] as const)
    it(`fails when the ${init} init is drawn at σ_w² = ${drawn} (${why})`, () => {
      const { checks } = glorot2010Experiment({
        quick: true,
        seed: 0,
        drawnWeightVar: { [init]: drawn },
      });
      expect(jacobian(checks, init).pass).toBe(false);
      // the other init is untouched and still holds
      const other = init === 'normalized' ? 'standard' : 'normalized';
      expect(jacobian(checks, other).pass).toBe(true);
    });
});
