// Mean-field theory where it used to break: just above the order-to-chaos line (c* within χ₁ − 1
// of 1), the positively homogeneous activations (no q* off σ_w²·g = 1), and inputs at the ends
// of float64. References: scripts/make_theory_edge_reference.py (SciPy, apart from initlab).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activations } from '../src/nn/activations.js';
import { scalarActivation } from '../src/theory/activation-calculus.js';
import {
  criticalWeightVar,
  lengthMap,
  meanField,
  pairTrajectory,
  type MeanFieldSummary,
} from '../src/theory/mean-field.js';
import { integrate } from '../src/theory/quadrature.js';
import { cli } from './helpers.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/theory_edge_reference.json', import.meta.url), 'utf8'),
);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Every depth scale is a non-negative number, ∞, or null with a reason: never NaN or negative. */
function expectSane(m: MeanFieldSummary, label: string) {
  for (const key of ['xiQ', 'xiC', 'trainableDepth', 'cStar', 'chiC'] as const) {
    const v = m[key];
    if (v === null) expect(m.undefinedBecause?.[key], `${label} ${key} reason`).toMatch(/\w/);
    else {
      expect(Number.isNaN(v), `${label} ${key} = ${v}`).toBe(false);
      expect(v, `${label} ${key}`).toBeGreaterThanOrEqual(0);
    }
  }
  expect(m.lengthRate, `${label} lengthRate`).toBeGreaterThanOrEqual(0);
  expect(Number.isNaN(m.chi1)).toBe(false);
}

describe('just above the critical line', () => {
  it("the issue's case: tanh σ_w² = 1.760955, σ_b² = 0.05 has c* < 1 and a positive ξ_c", () => {
    const m = meanField(scalarActivation('tanh'), { weightVar: 1.760955, biasVar: 0.05 });
    expect(m.phase).toBe('chaotic');
    expect(m.cStar!).toBeLessThan(1);
    expect(m.xiC!).toBeGreaterThan(1e6); // χ₁ − 1 = 7.7e-8: ξ_c ≈ 1/(χ₁ − 1)
  });
  for (const p of ref.aboveLine) {
    it(`${p.activation} at σ_w² = ${p.weightVar.toFixed(6)} (χ₁ − 1 = ${(p.chi1 - 1).toExponential(2)}) equals SciPy`, () => {
      const m = meanField(scalarActivation(p.activation), {
        weightVar: p.weightVar,
        biasVar: p.biasVar,
      });
      expect(rel(m.chi1, p.chi1)).toBeLessThan(1e-9);
      // 1 − c* and ξ_c divide by χ₁ − 1: their accuracy is that of the integrals over it
      const tol = 1e-9 / (p.chi1 - 1);
      expect(rel(1 - m.cStar!, p.oneMinusCStar)).toBeLessThan(Math.max(1e-6, tol));
      expect(rel(m.xiC!, p.xiC)).toBeLessThan(Math.max(1e-6, tol));
    });
  }
  it('a dense band around the line, for every activation: no NaN and no negative depth scale', () => {
    for (const name of Object.keys(activations)) {
      const act = scalarActivation(name);
      for (const biasVar of [0, 0.05]) {
        const line = criticalWeightVar(act, biasVar);
        if (!line) continue;
        for (const d of [-1e-3, -1e-7, -1e-10, 0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2]) {
          const weightVar = line.weightVar * (1 + d);
          expectSane(
            meanField(act, { weightVar, biasVar }, 1, 1e-9),
            `${name} σ_b² ${biasVar} δ ${d}`,
          );
        }
      }
    }
  }, 120_000);
});

describe('positively homogeneous activations (ReLU, leaky ReLU, linear)', () => {
  for (const p of ref.homogeneous) {
    it(`${p.activation} σ_w² = ${p.weightVar}, σ_b² = ${p.biasVar}: ${p.lengthRegime}, ${p.phase}`, () => {
      const m = meanField(scalarActivation(p.activation), {
        weightVar: p.weightVar,
        biasVar: p.biasVar,
      });
      expectSane(m, p.activation);
      expect(m.lengthRegime).toBe(p.lengthRegime);
      expect(m.phase).toBe(p.phase);
      expect(rel(m.chi1, p.chi1)).toBeLessThan(1e-12);
      expect(rel(m.lengthRate, p.lengthRate)).toBeLessThan(1e-12);
      if (p.xiC === 'inf') expect(m.xiC).toBe(Infinity);
      else if (p.xiC === null) expect(m.xiC).toBeNull();
      else expect(rel(m.xiC!, p.xiC)).toBeLessThan(1e-12);
      if (p.cStar === null) expect(m.cStar).toBeNull();
      if (p.xiQ === null) expect(m.xiQ).toBeNull();
      else if (p.xiQ !== undefined) expect(rel(m.xiQ!, p.xiQ)).toBeLessThan(1e-12);
      if (p.qStar !== undefined) expect(Math.abs(m.qStar - p.qStar)).toBeLessThan(1e-12);
      if (p.lengthStep !== undefined) expect(m.lengthStep).toBe(p.lengthStep);
      else expect(m.lengthStep).toBeUndefined();
    });
  }
  it('--json of ReLU σ_w² = 3 carries nulls with reasons, never "nan" or a negative ξ', () => {
    const r = cli(['theory', '--activation', 'relu', '--weight-var', '3', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/nan|-inf/);
    const j = JSON.parse(r.stdout);
    expect(j.lengthRegime).toBe('explodes');
    expect(j.lengthRate).toBe(1.5);
    expect(j.xiC).toBeNull();
    expect(j.undefinedBecause.xiC).toMatch(/no fixed point/);
  });
});

describe('ELU and SELU without bias just above their line, where q* is tiny (1e-4 … 1e-20)', () => {
  for (const p of ref.nearZero) {
    it(`${p.activation} σ_w² = ${p.weightVar}: q* = ${p.qStar.toExponential(3)} equals SciPy`, () => {
      const m = meanField(scalarActivation(p.activation), { weightVar: p.weightVar, biasVar: 0 });
      expectSane(m, p.activation);
      // q* ∝ (σ_w² − line)²: its accuracy is the integrals' (~1e-16) over the distance to the line
      expect(rel(m.qStar, p.qStar)).toBeLessThan(Math.max(1e-9, 1e-15 / p.aboveLine));
      expect(rel(m.chi1, p.chi1)).toBeLessThan(1e-12);
      if (p.cStar === undefined) {
        expect(m.phase).toBe('critical'); // χ₁ − 1 below the 1e-9 band
        return;
      }
      expect(m.phase).toBe('chaotic');
      const tol = Math.max(1e-6, 1e-9 / (p.chi1 - 1));
      expect(rel(1 - m.cStar!, 1 - p.cStar)).toBeLessThan(tol);
      expect(rel(m.xiC!, p.xiC)).toBeLessThan(tol);
    });
  }
});

describe('the critical line without bias, for activations with φ(0) = 0', () => {
  // q* = 0 below the line, where χ₁ = σ_w² (φ′(0⁺)² + φ′(0⁻)²)/2: the line is where that is 1.
  // SELU's λ and α: Klambauer et al. 2017, eq. 14
  const lambda = 1.0507009873554804934193349852946;
  const alpha = 1.6732632423543772848170429916717;
  const cases: [string, number][] = [
    ['tanh', 1],
    ['elu', 1],
    ['elu:alpha=0.5', 2 / (1 + 0.25)],
    ['elu:alpha=3', 2 / (1 + 9)],
    ['selu', 2 / (lambda ** 2 * (1 + alpha ** 2))],
  ];
  for (const [name, line] of cases)
    it(`${name}: σ_w² = ${line.toPrecision(10)} with q* = 0`, () => {
      const got = criticalWeightVar(scalarActivation(name), 0)!;
      expect(rel(got.weightVar, line)).toBeLessThan(1e-12);
      expect(got.qStar).toBe(0);
    });
});

describe('ELU and SELU where q grows by a constant step (σ_w² = 2/λ²)', () => {
  for (const p of ref.grows) {
    it(`${p.activation} σ_b² = ${p.biasVar}: q grows by ${p.lengthStep.toPrecision(6)} a layer, chaotic at every finite q`, () => {
      const m = meanField(scalarActivation(p.activation), {
        weightVar: p.weightVar,
        biasVar: p.biasVar,
      });
      expectSane(m, p.activation);
      expect(m.lengthRegime).toBe('grows');
      expect(m.qStar).toBe(Infinity);
      expect(rel(m.lengthStep!, p.lengthStep)).toBeLessThan(1e-12);
      expect(m.phase).toBe(p.phase);
      expect(rel(m.chi1, p.chi1)).toBeLessThan(1e-12);
      for (const key of ['cStar', 'chiC', 'xiC', 'xiQ', 'trainableDepth'] as const)
        expect(m[key], key).toBeNull();
      // the reason quotes χ₁ at the inputs' q0 = 1, which the fixture has in closed form
      expect(m.undefinedBecause!.xiC).toContain(String(Number(p.chi1AtInputs.toPrecision(6))));
    });
  }
  it('the CLI prints the step and no depth scale, in text and --json', () => {
    const args = [
      'theory',
      '--activation',
      'elu:alpha=0.5',
      '--weight-var',
      '2',
      '--bias-var',
      '0',
    ];
    const text = cli(args);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/q grows by 0\.25 a layer/);
    expect(text.stdout).toMatch(/chaotic/);
    const j = JSON.parse(cli([...args, '--json']).stdout);
    expect(j).toMatchObject({
      lengthRegime: 'grows',
      lengthStep: 0.25,
      phase: 'chaotic',
      xiC: null,
    });
  });
});

describe('extreme inputs return, with a stated regime', () => {
  it('σ_w² = σ_b² = 1e6 for every activation', () => {
    for (const name of Object.keys(activations)) {
      const m = meanField(scalarActivation(name), { weightVar: 1e6, biasVar: 1e6 }, 1, 1e-9);
      expectSane(m, name);
    }
  }, 60_000);
  it('the length map at q = 0 and q = ∞ is a number, not a hang', () => {
    for (const name of Object.keys(activations)) {
      const act = scalarActivation(name);
      expect(Number.isNaN(lengthMap(act, { weightVar: 1, biasVar: 0 }, 0))).toBe(false);
      expect(Number.isNaN(lengthMap(act, { weightVar: 1, biasVar: 0 }, Infinity))).toBe(false);
      const path = pairTrajectory(act, { weightVar: 1, biasVar: 0 }, Infinity, 0.5, 5);
      expect(path.length).toBeGreaterThan(0);
    }
  });
  it('an integrand that turns non-finite ends the integral at once with NaN', () => {
    let calls = 0;
    const v = integrate(
      (x) => {
        calls++;
        return x > 0.5 ? NaN : x;
      },
      0,
      1,
    );
    expect(v).toBeNaN();
    expect(calls).toBeLessThanOrEqual(4 * 15); // the first four panels at most
  });
  it('probe --init zeros --theory and --scale 1e200 --theory state the degenerate layer', () => {
    for (const args of [
      ['--init', 'zeros'],
      ['--init', 'random', '--scale', '1e200'],
    ]) {
      const r = cli([
        'probe',
        ...args,
        '--theory',
        '--depth',
        '3',
        '--width',
        '20',
        '--samples',
        '20',
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/theory from layer 1: /);
    }
  });
});

describe('q* = 0 where φ′ jumps at 0 (SELU, ELU with α ≠ 1), no bias', () => {
  // As q → 0, u = √q z falls on either side of 0 with probability ½, so
  // χ₁ → σ_w² (φ′(0⁺)² + φ′(0⁻)²)/2 and the critical σ_w² at σ_b² = 0 is 2/(φ′(0⁺)² + φ′(0⁻)²).
  // SELU's constants are Klambauer et al. 2017's (φ′(0⁺) = λ, φ′(0⁻) = λα); ELU's are 1 and α.
  const lambda = 1.0507009873554805;
  const alpha = 1.6732632423543772;
  const cases: [string, number, number][] = [
    ['selu', lambda, lambda * alpha],
    ['elu:alpha=2', 1, 2],
    ['elu:alpha=0.5', 1, 0.5],
  ];
  for (const [name, right, left] of cases) {
    const gain = (right * right + left * left) / 2;
    it(`${name}: below the line (q* = 0) χ₁ = σ_w² (φ′(0⁺)² + φ′(0⁻)²)/2, ordered, and the line at 1/that`, () => {
      const act = scalarActivation(name);
      for (const w of [0.3 / gain, 0.6 / gain, 0.9 / gain, 0.99 / gain]) {
        const m = meanField(act, { weightVar: w, biasVar: 0 });
        expect(rel(m.chi1, w * gain), `${name} σ_w² ${w}`).toBeLessThan(1e-9);
        expect(m.phase, `${name} σ_w² ${w}`).toBe('ordered');
        expect(rel(m.xiC!, -1 / Math.log(w * gain)), `${name} σ_w² ${w} ξ_c`).toBeLessThan(1e-6);
        expectSane(m, `${name} σ_w² ${w}`);
      }
      const line = criticalWeightVar(act, 0);
      expect(rel(line!.weightVar, 1 / gain)).toBeLessThan(1e-6);
    });
  }
});
