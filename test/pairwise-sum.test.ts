// Sums in numpy's order: src/nn/sum.ts, the costs and the bias gradients of every backend,
// against what numpy 1.24 returns (test/fixtures/pairwise_sums.json, made by
// scripts/make_pairwise_fixture.py from inputs this test rebuilds bit for bit).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createThreadedKernels } from '../dist/node/threaded-kernels.js';
import { getKernels } from '../src/nn/backends.js';
import { type Kernels, tsKernels } from '../src/nn/kernels.js';
import { naiveCrossEntropy, stableCrossEntropy } from '../src/nn/loss.js';
import { numpySum, pairwiseSum } from '../src/nn/sum.js';
import { RandomState } from '../src/rng/random-state.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/pairwise_sums.json', import.meta.url), 'utf8'),
);

/** The fixture's recipe: RandomState(seed): randn(n) · 2^randint(−40, 41, n). */
function vector(seed: number, n: number): Float64Array {
  const rs = new RandomState(seed);
  const g = rs.randn(n);
  const k = rs.randint(-40, 41, n);
  return g.map((v, i) => v * 2 ** k[i]);
}

const leftToRight = (x: Float64Array) => {
  let s = 0;
  for (const v of x) s += v;
  return s;
};

describe('numpySum equals np.sum bit for bit', () => {
  it('on vectors of every length from 1 to 300 and on long ones (past 128, 8192 and beyond)', () => {
    let differsFromPlain = 0;
    for (const c of fixture.vectors) {
      const x = vector(c.seed, c.n);
      const s = numpySum(x);
      expect(s, `n = ${c.n}`).toBe(c.sum);
      expect(numpySum(x) / c.n, `mean, n = ${c.n}`).toBe(c.mean);
      if (leftToRight(x) !== c.sum) differsFromPlain++;
    }
    // the order matters on these inputs: a plain sum misses most of them
    expect(differsFromPlain).toBeGreaterThan(fixture.vectors.length / 2);
  });
  it("sums a slice where it starts, and numpy's own small cases", () => {
    const x = vector(1005, 5);
    const padded = new Float64Array(9);
    padded.set(x, 4);
    expect(numpySum(padded, 4, 5)).toBe(fixture.vectors[4].sum);
    expect(numpySum(new Float64Array(0))).toBe(0);
    expect(Object.is(numpySum(Float64Array.of(-0)), 0)).toBe(true); // np.sum([-0.0]) is 0.0: the reduction starts from 0
    expect(pairwiseSum([1, 2, 3, 4, 5, 6, 7, 8, 9], 0, 9)).toBe(45);
  });
});

describe('bias gradients are np.sum(dZ, axis=1) on every backend', () => {
  const threaded = createThreadedKernels(2, { minWork: 0 });
  const backends: [string, Kernels][] = [
    ['ts', tsKernels],
    ['wasm', getKernels('wasm')],
    ['threads', threaded],
  ];
  for (const [name, K] of backends) {
    it(name, () => {
      for (const c of fixture.rows) {
        const { rows: n, cols: m } = c;
        const k = 1;
        const alloc = K.arena(n * m + k * m + n * k + n);
        const dZ = alloc(n * m);
        dZ.set(vector(c.seed, n * m));
        const A = alloc(k * m).fill(1);
        const dW = alloc(n * k);
        const db = alloc(n);
        K.weightGradients(dZ, A, n, k, m, dW, db);
        expect(Array.from(db), `${n} × ${m}`).toEqual(c.sums);
      }
    });
  }
  it('closes the threads', () => threaded.close());
});

describe("the costs sum their terms in numpy's order", () => {
  it("the zeros run's cost: 300 terms of log 2 give the notebook's 0.6931471805599453, not 0.6931471805599467", () => {
    const m = 300;
    const Y = Float64Array.from({ length: m }, (_, j) => j % 2);
    expect(naiveCrossEntropy(new Float64Array(m).fill(0.5), Y, m)).toBe(0.6931471805599453);
    expect(stableCrossEntropy(new Float64Array(m), Y, m)).toBe(0.6931471805599453);
    // what a left-to-right sum gives (the printed value before)
    let s = 0;
    for (let j = 0; j < m; j++) s += Math.LN2;
    expect(s / m).toBe(0.6931471805599467);
  });
});

describe('the stable cost', () => {
  it("is the notebook's formula, term for term, while the outputs stay within sigmoid(±1)", () => {
    const rs = new RandomState(9);
    const m = 257;
    const z = rs.uniform(-1, 1, m);
    const Y = Float64Array.from(rs.randint(0, 2, m));
    const A = z.map((v) => 1 / (1 + Math.exp(-v))); // the sigmoid layer's own expression
    expect(stableCrossEntropy(z, Y, m)).toBe(naiveCrossEntropy(A, Y, m));
  });
  it("keeps its digits where the notebook's formula cannot: confident outputs of either label", () => {
    // log(1 + e^-z) = log1p(e^-z) is the exact form of each term (documented identity)
    for (const z of [5, 30, 300, 700]) {
      const want = Math.log1p(Math.exp(-z));
      expect(
        Math.abs(stableCrossEntropy(Float64Array.of(z), Float64Array.of(1), 1) - want) / want,
      ).toBeLessThan(1e-15);
      expect(
        Math.abs(stableCrossEntropy(Float64Array.of(-z), Float64Array.of(0), 1) - want) / want,
      ).toBeLessThan(1e-15);
    }
    expect(stableCrossEntropy(Float64Array.of(1e4), Float64Array.of(0), 1)).toBe(1e4);
    expect(naiveCrossEntropy(Float64Array.of(1), Float64Array.of(0), 1)).toBe(Infinity);
  });
});
