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
      const err = Math.max(...d.X.toArray().flatMap((row, i) => row.map((x, j) => {
        const w = want.X[i][j];
        return Math.abs(w) < 1e-12 ? Math.abs(x - w) : Math.abs(x - w) / Math.abs(w);
      })));
      expect(err).toBeLessThanOrEqual(1e-12);
      expect(d.Y.toArray()).toEqual(want.Y);
    });
  }

  it('the same seed gives the same data; labels are balanced as n // 2 and n − n // 2', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 400 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, seed) => {
      const a = makeCircles(new RandomState(seed), { nSamples: n, noise: 0.1 });
      const b = makeCircles(new RandomState(seed), { nSamples: n, noise: 0.1 });
      expect(a.X.data).toEqual(b.X.data);
      const ones = a.Y.data.reduce((s, y) => s + y, 0);
      expect(ones).toBe(n - Math.floor(n / 2));
    }), { numRuns: 50 });
  });

  it('rejects bad specs with a usage error that says what is accepted', () => {
    expect(() => datasetFromSpec('spiralz')).toThrow(/unknown dataset "spiralz"; accepted: circles, moons/);
    expect(() => datasetFromSpec('circles:n=1')).toThrow(/at least 2/);
    expect(() => datasetFromSpec('circles:noise=-1')).toThrow(UsageError);
    expect(() => datasetFromSpec('circles:factor=1')).toThrow(/factor must be in \[0, 1\)/);
    expect(() => datasetFromSpec('circles:seed=4294967296')).toThrow(/seed/);
    expect(() => datasetFromSpec('circles:n')).toThrow(/not key=value/);
    expect(() => datasetFromSpec('circles:bogus=3')).toThrow(/unknown key "bogus"/);
    expect(() => makeCircles(new RandomState(0), { nSamples: 10, factor: 2 })).toThrow(DataError);
  });
});
