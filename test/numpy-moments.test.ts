// Means and spreads as numpy gives them: the sweep's per-initializer summary and the per-layer
// diagnostics equal np.mean / np.std bit for bit (numpy sums pairwise; a running sum drifts:
// over 60,001 equal costs it put the mean below their minimum). Expected values:
// test/fixtures/numpy_moments.json (scripts/make_numpy_moments_fixture.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarize, type SweepRow } from '../src/experiments/sweep.js';
import { moments } from '../src/train/diagnostics.js';

interface Case {
  label: string;
  values?: number[];
  formula?: { n: number; base: number; step: number };
  mean: number;
  std: number;
}
const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/numpy_moments.json', import.meta.url), 'utf8'),
);

const valuesOf = (c: Case): number[] =>
  c.values ??
  Array.from(
    { length: c.formula!.n },
    (_, i) => c.formula!.base + ((i * c.formula!.step) % 1000) * 1e-6,
  );

describe('moments equal np.mean and np.std bit for bit', () => {
  for (const c of fixture.cases) {
    it(c.label, () => {
      const xs = valuesOf(c);
      const m = moments(Float64Array.from(xs));
      expect(m.mean).toBe(c.mean);
      expect(m.std).toBe(c.std);
    });
  }
});

describe('sweep summary: mean and std of each outcome as numpy gives them', () => {
  for (const c of fixture.cases.filter(
    (k) => k.label.startsWith('cost') || k.label.startsWith('formula'),
  )) {
    it(c.label, () => {
      const xs = valuesOf(c);
      const rows: SweepRow[] = xs.map((finalCost, seed) => ({
        init: 'he',
        seed,
        learningRate: 0.01,
        finalCost,
        trainAccuracy: 0.5,
        testAccuracy: 0.5,
        stopReason: 'completed',
      }));
      const [s] = summarize(rows);
      expect(s.runs).toBe(xs.length);
      expect(s.finalCost!.mean).toBe(c.mean);
      expect(s.finalCost!.std).toBe(c.std);
    });
  }
});
