// The course's Gradient Checking notebook, N-dimensional case (and two more draws of it),
// against scripts/gradcheck_reference.py: the library with given parameters, X and Y, and
// the CLI on a saved model, with the course's naive cost and the stable one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relu, sigmoid } from '../src/nn/activations.js';
import { Matrix } from '../src/linalg/matrix.js';
import { serializeModel } from '../src/nn/model-format.js';
import type { Network } from '../src/nn/network.js';
import { courseGradientCheckCase, gradientCheck } from '../src/train/gradient-check.js';
import { DataError } from '../src/errors.js';
import { cli } from './helpers.js';

interface Case {
  seed: number;
  X: number[][];
  Y: number[];
  parameters: Record<string, number[][]>;
  difference: { naive: number; stable: number };
}
const ref: {
  epsilon: number;
  cases: Case[];
  huge: Omit<Case, 'seed' | 'difference'> & { epsilon: number; difference: number };
} = JSON.parse(
  readFileSync(new URL('./fixtures/gradcheck_reference.json', import.meta.url), 'utf8'),
);

// Differences this small are rounding noise divided by 2ε: two correct implementations agree
// on their size, within about a factor of 2, not on their digits.
const within2 = (got: number, want: number) => {
  expect(got).toBeGreaterThan(want / 2);
  expect(got).toBeLessThan(want * 2);
};

const networkOf = (c: Case): Network => {
  const W = [1, 2, 3].map((l) => Matrix.fromRows(c.parameters[`W${l}`]));
  const b = [1, 2, 3].map((l) => Matrix.fromRows(c.parameters[`b${l}`]));
  return { dims: [4, 5, 3, 1], activations: [relu, relu, sigmoid], W, b };
};

const dir = mkdtempSync(join(tmpdir(), 'initlab-gradcheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("gradient check, the course's N-dimensional case", () => {
  it("the course's case (seed 1) gives ~1.19e-7 with its naive cost, ~1e-9 with the stable one", () => {
    const c = ref.cases[0];
    expect(c.seed).toBe(1);
    const naive = gradientCheck(c.parameters, { X: c.X, Y: c.Y }, { loss: 'naive' });
    within2(naive, c.difference.naive);
    expect(naive).toBeGreaterThan(5e-8); // the course's 1.1885552035482147e-07
    within2(gradientCheck(c.parameters, { X: c.X, Y: c.Y }), c.difference.stable);
  });

  for (const c of ref.cases) {
    it(`seed ${c.seed}: parameter dictionary, Network and epsilon given as a number agree with numpy within 2×`, () => {
      within2(
        gradientCheck(c.parameters, { X: c.X, Y: c.Y }, { loss: 'naive', epsilon: ref.epsilon }),
        c.difference.naive,
      );
      within2(
        gradientCheck(
          networkOf(c),
          { X: Matrix.fromRows(c.X), Y: new Matrix(1, 3, Float64Array.from(c.Y)) },
          { loss: 'naive' },
        ),
        c.difference.naive,
      );
      within2(gradientCheck(networkOf(c), { X: c.X, Y: [c.Y] }, 1e-7), c.difference.stable);
    });

    it(`seed ${c.seed}: the CLI on the saved parameters, --loss naive and stable`, () => {
      const model = join(dir, `case-${c.seed}.json`);
      writeFileSync(model, serializeModel(networkOf(c)));
      const csv = join(dir, `case-${c.seed}.csv`);
      writeFileSync(
        csv,
        c.Y.map((y, j) => [...c.X.map((row) => String(row[j])), String(y)].join(',')).join('\n') +
          '\n',
      );
      for (const loss of ['naive', 'stable'] as const) {
        const r = cli(['gradcheck', '--model', model, '--train', csv, '--loss', loss, '--json']);
        expect(r.status, r.stderr).toBe(0);
        const doc = JSON.parse(r.stdout);
        expect(doc.loss).toBe(loss);
        within2(doc.difference, c.difference[loss]);
      }
    });
  }

  it("courseGradientCheckCase draws the course's case (seed 1, x first, then W1, b1, …)", () => {
    const c = courseGradientCheckCase();
    const want = ref.cases[0];
    const close = (a: number[][], b: number[][]) =>
      Math.max(...a.flat().map((x, i) => Math.abs(x - b.flat()[i])));
    expect(c.Y).toEqual(want.Y);
    expect(close(c.X, want.X)).toBeLessThan(1e-15);
    for (const k of Object.keys(want.parameters))
      expect(close(c.parameters[k], want.parameters[k])).toBeLessThan(1e-15);
  });

  it("gradcheck --course-case --loss naive prints the course's ~1.19e-7; stable ~1e-9", () => {
    const naive = cli(['gradcheck', '--course-case', '--loss', 'naive', '--json']);
    expect(naive.status, naive.stderr).toBe(0);
    within2(JSON.parse(naive.stdout).difference, ref.cases[0].difference.naive);
    const stable = cli(['gradcheck', '--course-case', '--json']);
    within2(JSON.parse(stable.stdout).difference, ref.cases[0].difference.stable);
    const text = cli(['gradcheck', '--course-case', '--loss', 'naive']);
    expect(text.stdout).toMatch(/^difference = 1\.\d+e-7: /);
  });

  it('leaves the parameters as they were', () => {
    const c = ref.cases[0];
    const net = networkOf(c);
    const before = net.W.map((w) => Array.from(w.data));
    gradientCheck(net, { X: c.X, Y: c.Y }, { loss: 'naive' });
    expect(net.W.map((w) => Array.from(w.data))).toEqual(before);
  });

  it('refuses parameters that do not fit the data or each other', () => {
    const c = ref.cases[0];
    expect(() => gradientCheck({ ...c.parameters, b2: [[1], [2]] }, { X: c.X, Y: c.Y })).toThrow(
      DataError,
    );
    expect(() => gradientCheck(c.parameters, { X: c.X.slice(0, 3), Y: c.Y })).toThrow(/features/);
    const r = cli(['gradcheck', '--loss', 'exact']);
    expect(r.status).toBe(2);
  });
});

describe('gradient check at the edges of float64', () => {
  it('finite gradients whose squares overflow (the seed-1 case × 2^270): a difference, not NaN', () => {
    const h = ref.huge;
    const d = gradientCheck(
      h.parameters,
      { X: h.X, Y: h.Y },
      { epsilon: h.epsilon, loss: 'stable' },
    );
    expect(Number.isFinite(d)).toBe(true);
    within2(d, h.difference);
  });
  it('a cost that is not finite is refused, never reported as a difference', () => {
    const c = courseGradientCheckCase();
    const p = { ...c.parameters, W3: c.parameters.W3.map((r) => r.map((v) => v * 1e308 * 10)) };
    expect(() => gradientCheck(p, { X: c.X, Y: c.Y })).toThrow(DataError);
  });
  for (const init of ['random:scale=1e150', 'constant:value=1e200']) {
    it(`initlab gradcheck --init ${init}: exit 1, one line on stderr, no "difference = NaN"`, () => {
      for (const extra of [[], ['--json']]) {
        const r = cli(['gradcheck', '--init', init, ...extra]);
        expect(r.status).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/gradient check: .*(Infinity|NaN)/);
      }
    });
  }
});
