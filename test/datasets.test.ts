import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import { makeCircles } from '../src/data/circles.js';
import { RandomState } from '../src/rng/random-state.js';
import { DataError, UsageError } from '../src/errors.js';
import { extra, maxRelErr, ref } from './helpers.js';

describe('datasets equal scikit-learn', () => {
  it("the notebook's train and test sets", () => {
    const train = datasetFromSpec('circles:n=300,noise=0.05,seed=1');
    const test = datasetFromSpec('circles:n=100,noise=0.05,seed=2');
    expect(maxRelErr(train.X.toArray(), ref.data.train_X)).toBeLessThanOrEqual(1e-12);
    expect(train.Y.toArray()).toEqual(ref.data.train_Y);
    expect(maxRelErr(test.X.toArray(), ref.data.test_X)).toBeLessThanOrEqual(1e-12);
    expect(test.Y.toArray()).toEqual(ref.data.test_Y);
  });

  for (const [spec, want] of Object.entries<any>(extra.datasets)) {
    it(spec, () => {
      const d = datasetFromSpec(spec);
      // points on the noiseless circle can be ~1e-16 instead of 0: compare those absolutely
      const err = Math.max(
        ...d.X.toArray().flatMap((row, i) =>
          row.map((x, j) => {
            const w = want.X[i][j];
            return Math.abs(w) < 1e-12 ? Math.abs(x - w) : Math.abs(x - w) / Math.abs(w);
          }),
        ),
      );
      expect(err).toBeLessThanOrEqual(1e-12);
      expect(d.Y.toArray()).toEqual(want.Y);
    });
  }

  it('the same seed gives the same data; labels are balanced as n // 2 and n − n // 2', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 400 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, seed) => {
          const a = makeCircles(new RandomState(seed), { nSamples: n, noise: 0.1 });
          const b = makeCircles(new RandomState(seed), { nSamples: n, noise: 0.1 });
          expect(a.X.data).toEqual(b.X.data);
          const ones = a.Y.data.reduce((s, y) => s + y, 0);
          expect(ones).toBe(n - Math.floor(n / 2));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects bad specs with a usage error that says what is accepted', () => {
    expect(() => datasetFromSpec('spiralz')).toThrow(
      /unknown dataset "spiralz"; accepted: circles, moons/,
    );
    expect(() => datasetFromSpec('circles:n=0')).toThrow(/n must be an integer from 1 to/);
    expect(() => datasetFromSpec('circles:noise=-1')).toThrow(UsageError);
    expect(() => datasetFromSpec('circles:factor=1')).toThrow(
      /factor must be a finite number >= 0 and < 1, got "1"/,
    );
    expect(() => datasetFromSpec('circles:seed=4294967296')).toThrow(/seed/);
    expect(() => datasetFromSpec('circles:n')).toThrow(/not key=value/);
    expect(() => datasetFromSpec('circles:bogus=3')).toThrow(/unknown parameter "bogus"/);
    expect(() => makeCircles(new RandomState(0), { nSamples: 10, factor: 2 })).toThrow(DataError);
  });
});

describe('the other generators', () => {
  for (const name of ['xor', 'blobs', 'spiral', 'flower', 'moons', 'circles']) {
    it(`${name}: deterministic per seed, different across seeds, both labels present`, () => {
      const a = datasetFromSpec(`${name}:n=120,seed=7`);
      const b = datasetFromSpec(`${name}:n=120,seed=7`);
      const c = datasetFromSpec(`${name}:n=120,seed=8`);
      expect(a.X.data).toEqual(b.X.data);
      expect(a.X.data).not.toEqual(c.X.data);
      expect(a.X.shape).toEqual([2, 120]);
      const ones = a.Y.data.reduce((s, y) => s + y, 0);
      expect(ones).toBeGreaterThan(20);
      expect(ones).toBeLessThan(100);
    });
  }
  it('xor labels follow the quadrants without noise', () => {
    const d = datasetFromSpec('xor:n=200,noise=0,seed=3');
    for (let j = 0; j < 200; j++)
      expect(d.Y.data[j]).toBe(d.X.get(0, j) * d.X.get(1, j) < 0 ? 1 : 0);
  });
  it('blobs sit around their centres', () => {
    const d = datasetFromSpec('blobs:n=2000,spread=0.1,distance=2,seed=1');
    let sum1 = 0;
    for (let j = 0; j < 2000; j++) if (d.Y.data[j] === 1) sum1 += d.X.get(0, j);
    expect(sum1 / 1000).toBeCloseTo(2, 1);
  });
  it('the keys each generator takes are checked', () => {
    expect(() => datasetFromSpec('spiral:turns=0')).toThrow(
      /turns must be a finite number > 0, got "0"/,
    );
    expect(() => datasetFromSpec('blobs:noise=1')).toThrow(
      /unknown parameter "noise"; accepted: n, spread, distance, seed/,
    );
  });
});
