import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomState } from '../src/rng/random-state.js';
import { UsageError } from '../src/errors.js';
import { extra, maxRelErr, ref } from './helpers.js';

const TOL = 1e-12;

describe('RandomState against numpy (notebook reference, seeds 0-3)', () => {
  for (const seed of ['0', '1', '2', '3']) {
    const r = ref.rng[seed];
    it(`seed ${seed}`, () => {
      expect(new RandomState(+seed).randint(0, 2 ** 32, 5)).toEqual(r.uint32_first_5);
      expect(maxRelErr(new RandomState(+seed).randn(7), r.randn_7)).toBeLessThanOrEqual(TOL);
      const rs = new RandomState(+seed);
      const first = rs.randn(3);
      const second = rs.randn(3); // starts with the Gaussian cached by the first call
      expect(
        maxRelErr([Array.from(first), Array.from(second)], r.randn_3_then_3),
      ).toBeLessThanOrEqual(TOL);
      expect(Array.from(new RandomState(+seed).randomSample(5))).toEqual(r.random_sample_5);
      for (const [n, key] of [
        [10, 'shuffle_arange_10'],
        [300, 'shuffle_arange_300'],
      ] as const) {
        const idx = Array.from({ length: n }, (_, i) => i);
        new RandomState(+seed).shuffle(idx);
        expect(idx).toEqual(r[key]);
      }
      const normal = new RandomState(+seed).normal(0, 0.05, 8);
      expect(maxRelErr(Array.from(normal), r['normal_scale_0.05_4x2'].flat())).toBeLessThanOrEqual(
        TOL,
      );
      expect(
        maxRelErr(new RandomState(+seed).uniform(-1, 1, 5), r['uniform_-1_1_5']),
      ).toBeLessThanOrEqual(TOL);
    });
  }
});

describe('RandomState against numpy (more seeds, bounded integers)', () => {
  for (const [seed, r] of Object.entries<any>(extra.rng)) {
    it(`seed ${seed}`, () => {
      const s = Number(seed);
      expect(maxRelErr(new RandomState(s).randn(9), r.randn_9)).toBeLessThanOrEqual(TOL);
      expect(Array.from(new RandomState(s).randomSample(4))).toEqual(r.random_sample_4);
      expect(new RandomState(s).randint(0, 10, 8)).toEqual(r.randint_0_10_8);
      expect(new RandomState(s).randint(5, 1000, 6)).toEqual(r.randint_5_1000_6);
      expect(new RandomState(s).randint(0, 2 ** 40, 3)).toEqual(r.randint_0_2p40_3);
      expect(maxRelErr(new RandomState(s).normal(2, 3, 5), r.normal_2_3_5)).toBeLessThanOrEqual(
        TOL,
      );
      expect(maxRelErr(new RandomState(s).uniform(-2, 5, 4), r.uniform_m2_5_4)).toBeLessThanOrEqual(
        TOL,
      );
      const a = Array.from({ length: 17 }, (_, i) => i);
      new RandomState(s).shuffle(a);
      expect(a).toEqual(r.shuffle_17);
      expect(new RandomState(s).permutation(12)).toEqual(r.permutation_12);
      const rs = new RandomState(s);
      const g1 = rs.randn(1);
      const g2 = rs.normal(0, 1, 2);
      expect(
        maxRelErr([Array.from(g1), Array.from(g2)], r.randn1_then_normal2),
      ).toBeLessThanOrEqual(TOL);
    });
  }
});

describe('RandomState properties', () => {
  it('accepts exactly the seeds numpy accepts', () => {
    for (const bad of [-1, 2 ** 32, 1.5, NaN, Infinity])
      expect(() => new RandomState(bad)).toThrow(UsageError);
    expect(() => new RandomState(0)).not.toThrow();
    expect(() => new RandomState(2 ** 32 - 1)).not.toThrow();
  });

  it('re-seeding replays the stream and drops the cached Gaussian', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const rs = new RandomState(seed);
        const a = rs.randn(3);
        rs.seed(seed);
        expect(rs.randn(3)).toEqual(a);
      }),
      { numRuns: 50 },
    );
  });

  it('uniform doubles lie in [0, 1) and bounded integers in their range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        (seed, span) => {
          const rs = new RandomState(seed);
          for (const x of rs.randomSample(20)) expect(x >= 0 && x < 1).toBe(true);
          for (const v of rs.randint(-3, -3 + span, 20))
            expect(v >= -3 && v < -3 + span).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shuffle is a permutation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 200 }),
        (seed, n) => {
          const p = new RandomState(seed).permutation(n);
          expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        },
      ),
      { numRuns: 100 },
    );
  });
});
