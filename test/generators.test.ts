// Every dataset generator at every size: sizes 1…7, a spread up to 1001, ten times the default
// and an odd large one, bit for bit against scikit-learn (circles, moons), a numpy port of the
// course's function (flower) and numpy ports of initlab's documented definitions (xor, blobs,
// spiral), with numpy's sin and cos being the C library's.
// Fixture: /usr/bin/python3 scripts/make_generator_reference.py > test/fixtures/generators_reference.json
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCircles } from '../src/data/circles.js';
import type { Dataset } from '../src/data/dataset.js';
import { makeMoons } from '../src/data/moons.js';
import { makeFlower } from '../src/data/planar.js';
import { datasetFromSpec, datasetNames } from '../src/data/registry.js';
import { makeBlobs, makeSpiral, makeXor } from '../src/data/toy.js';
import { UsageError } from '../src/errors.js';
import { RandomState } from '../src/rng/random-state.js';

interface Case {
  generator: string;
  params: Record<string, number | boolean>;
  X?: number[][];
  Y: number[][];
  m?: number;
  cols?: number[];
  Xcols?: number[][];
  sums?: number[];
  sha256?: string;
}

const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/generators_reference.json', import.meta.url), 'utf8'),
);

/** The generator functions themselves, called with a case's parameters (n = 1 included). */
const direct: Record<string, (p: Record<string, any>) => Dataset> = {
  circles: (p) =>
    makeCircles(new RandomState(p.seed), {
      nSamples: p.n,
      noise: p.noise,
      factor: p.factor,
      shuffle: p.shuffle,
    }),
  moons: (p) =>
    makeMoons(new RandomState(p.seed), { nSamples: p.n, noise: p.noise, shuffle: p.shuffle }),
  flower: (p) =>
    makeFlower(new RandomState(p.seed), { nSamples: p.n, noise: p.noise, petal: p.petal }),
  xor: (p) => makeXor(new RandomState(p.seed), p.n, p.noise),
  blobs: (p) => makeBlobs(new RandomState(p.seed), p.n, p.spread, p.distance),
  spiral: (p) => makeSpiral(new RandomState(p.seed), p.n, p.noise, p.turns),
};

const specOf = (c: Case) =>
  `${c.generator}:${Object.entries(c.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;

/** Bit for bit: the draws are numpy's and sin/cos the C library's. */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) expect.fail(`${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

/** SHA-256 of the values as little-endian float64, as the fixture script hashes numpy's array. */
function sha256(values: Float64Array): string {
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
  return createHash('sha256').update(bytes).digest('hex');
}

function expectMatches(d: Dataset, c: Case): void {
  const n = c.params.n as number;
  expect(d.X.shape).toEqual([2, n]);
  expect(Array.from(d.Y.data)).toEqual(c.Y[0]);
  for (let i = 0; i < d.X.data.length; i++)
    if (!Number.isFinite(d.X.data[i])) expect.fail(`non-finite value at ${i}`);
  if (c.X) {
    for (let f = 0; f < 2; f++)
      expectClose(d.X.data.subarray(f * n, (f + 1) * n), c.X[f], `X[${f}]`);
    return;
  }
  for (let f = 0; f < 2; f++) {
    const row = d.X.data.subarray(f * n, (f + 1) * n);
    expectClose(
      c.cols!.map((j) => row[j]),
      c.Xcols![f],
      `X[${f}] sampled`,
    );
    let sum = 0;
    let abs = 0;
    for (const v of row) {
      sum += v;
      abs += Math.abs(v);
    }
    expect(Math.abs(sum - c.sums![f])).toBeLessThanOrEqual(1e-12 * abs + 1e-12);
  }
  expect(sha256(d.X.data), 'every value of X, bit for bit').toBe(c.sha256);
}

describe('every generator equals its reference at every size', () => {
  it('covers every registered generator at n = 1…7 and at large n', () => {
    for (const name of datasetNames()) {
      const ns = new Set(
        fixture.cases.filter((c) => c.generator === name).map((c) => c.params.n as number),
      );
      for (let n = 1; n <= 7; n++) expect(ns.has(n), `${name} n=${n}`).toBe(true);
      expect(
        [...ns].some((n) => n >= 3000 && n % 2 === 1),
        `${name}: an odd large n`,
      ).toBe(true);
    }
  });

  for (const c of fixture.cases) {
    const spec = specOf(c);
    it(spec, () => {
      expectMatches(direct[c.generator](c.params), c);
      expectMatches(datasetFromSpec(spec), c); // n = 1 included: scikit-learn returns one point
    });
  }

  it("moons:n=2 without noise or shuffle is scikit-learn's (1, 0) label 0 and (0, 0.5) label 1", () => {
    const d = datasetFromSpec('moons:n=2,noise=0,shuffle=false');
    expect(d.X.toArray()).toEqual([
      [1, 0],
      [0, 0.5],
    ]);
    expect(d.Y.toArray()).toEqual([[0, 1]]);
  });

  it("circles:n=1 and moons:n=1 are scikit-learn's single inner point, label 1", () => {
    expect(datasetFromSpec('circles:n=1,noise=0').X.toArray()).toEqual([[0.8], [0]]);
    expect(datasetFromSpec('moons:n=1,noise=0').X.toArray()).toEqual([[0], [0.5]]);
    expect(datasetFromSpec('moons:n=1').Y.toArray()).toEqual([[1]]);
  });

  it('n=0 is refused in one line for every generator', () => {
    for (const name of datasetNames())
      expect(() => datasetFromSpec(`${name}:n=0`)).toThrow(/n must be an integer from 1/);
  });

  it("flower:n=151 has 151 points, the last at the origin with label 0 as in the course's arrays", () => {
    const d = datasetFromSpec('flower:n=151');
    expect(d.X.cols).toBe(151);
    expect([d.X.get(0, 150), d.X.get(1, 150), d.Y.data[150]]).toEqual([0, 0, 0]);
  });
});

describe('generator invariants over random sizes and seeds', () => {
  // ones per generator, as each documents it
  const ones: Record<string, (n: number) => number> = {
    circles: (n) => n - Math.floor(n / 2),
    moons: (n) => n - Math.floor(n / 2),
    spiral: (n) => n - Math.floor(n / 2),
    flower: (n) => Math.floor(n / 2),
    blobs: (n) => Math.floor(n / 2),
  };
  for (const name of datasetNames()) {
    it(`${name}: n points, 0/1 labels, finite values, for any n and seed`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 2, max: 3001 }),
          fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          (n, seed) => {
            const d = datasetFromSpec(`${name}:n=${n},seed=${seed}`);
            expect(d.X.shape).toEqual([2, n]);
            expect(d.Y.shape).toEqual([1, n]);
            let count = 0;
            for (const y of d.Y.data) {
              expect(y === 0 || y === 1).toBe(true);
              count += y;
            }
            for (const v of d.X.data) expect(Number.isFinite(v)).toBe(true);
            if (ones[name]) expect(count).toBe(ones[name](n));
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  it('xor without noise labels each point by its quadrant', () => {
    const d = datasetFromSpec('xor:n=3001,noise=0,seed=5');
    for (let j = 0; j < 3001; j++)
      expect(d.Y.data[j]).toBe(d.X.get(0, j) * d.X.get(1, j) < 0 ? 1 : 0);
  });

  it('spiral without noise puts the points of each arm at radius (k+1)/count', () => {
    const n = 3001;
    const half = Math.floor(n / 2);
    const d = datasetFromSpec(`spiral:n=${n},noise=0`);
    for (let i = 0; i < n; i++) {
      const k = i < half ? i : i - half;
      const count = i < half ? half : n - half;
      expect(Math.hypot(d.X.get(0, i), d.X.get(1, i))).toBeCloseTo((k + 1) / count, 12);
    }
  });
});

describe('generated data is checked like CSV data', () => {
  it.each([
    ['blobs:distance=1e400', 'distance'],
    ['blobs:distance=-1e400', 'distance'],
    ['blobs:spread=1e400', 'spread'],
    ['flower:petal=1e400', 'petal'],
    ['spiral:noise=1e400', 'noise'],
    ['xor:noise=1e400', 'noise'],
    ['moons:noise=1e400', 'noise'],
    ['circles:noise=1e400', 'noise'],
    ['spiral:turns=1e400', 'turns'],
  ])('%s is refused in one line: its points would not be finite', (spec, key) => {
    let err: unknown;
    try {
      datasetFromSpec(spec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).not.toContain('\n');
    // refused either by the key's own check or by the finite check on the points
    expect((err as Error).message).toMatch(new RegExp(`${key}|finite`));
  });

  it('the finite check names the SPEC and the first bad value', () => {
    expect(() => datasetFromSpec('blobs:distance=-1e308,spread=1e308')).toThrow(
      /^dataset "blobs:distance=-1e308,spread=1e308": feature 1 of example 1 is not a finite number \(Infinity\)/,
    );
  });
});
