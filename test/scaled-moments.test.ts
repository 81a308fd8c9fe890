// Train's per-layer diagnostics (and the probe) report the mean, spread and norm of values of
// any finite magnitude: a layer of 1e300s has a finite spread, not "inf", and one of 1e-300s a
// spread above 0. Expected values: exact rational arithmetic, test/fixtures/scaled_moments.json
// (scripts/make_scaled_moments_fixture.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scaledMoments, scaledNorm } from '../src/train/diagnostics.js';
import { cli } from './helpers.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/scaled_moments.json', import.meta.url), 'utf8'),
);
const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('mean, std and norm at every finite magnitude, against exact arithmetic', () => {
  for (const c of fixture.cases) {
    it(c.label, () => {
      const a = Float64Array.from(c.values as number[]);
      const m = scaledMoments(a);
      // subnormal inputs carry fewer significant bits, so their moments are only that exact
      const tol = Math.abs(c.values[0]) < 1e-307 ? 1e-6 : 1e-13;
      expect(relErr(m.mean, c.mean), 'mean').toBeLessThan(
        c.label === 'mixed signs' ? 1e-15 : tol * 1e3,
      );
      expect(relErr(m.std, c.std), 'std').toBeLessThan(tol);
      expect(relErr(scaledNorm(a), c.norm), 'norm').toBeLessThan(tol);
    });
  }
  it('non-finite values stay non-finite', () => {
    expect(scaledNorm(Float64Array.from([1, Infinity]))).toBe(Infinity);
    expect(scaledMoments(Float64Array.from([1, NaN])).std).toBeNaN();
  });
});

describe('initlab train --json: diagnostics of finite layers are finite numbers', () => {
  it('blobs:distance=1e300 (activations near 1e300 at iteration 0)', () => {
    const r = cli([
      'train',
      '--train',
      'blobs:distance=1e300',
      '--test',
      'blobs:distance=1e300,seed=2',
      '--iterations',
      '1',
      '--print-every',
      '1',
      '--no-report',
      '--json',
    ]);
    const doc = JSON.parse(r.stdout);
    const first = doc.runs[0].diagnostics[0];
    expect(first.iteration).toBe(0);
    for (const l of first.layers) {
      if (l.layer === 3) continue; // the sigmoid output: exactly 1 everywhere, spread 0 is right
      expect(typeof l.activation.std, `layer ${l.layer} activation std`).toBe('number');
      expect(l.activation.std).toBeGreaterThan(1e298);
      expect(Number.isFinite(l.weight.norm)).toBe(true);
    }
  });
});

describe('sweep summary of huge finite costs', () => {
  it('the spread of 1e300-sized costs is finite (fixture "huge 1e300")', async () => {
    const { summarize } = await import('../src/experiments/sweep.js');
    const c = fixture.cases.find((k: { label: string }) => k.label === 'huge 1e300');
    const rows = (c.values as number[]).map((v, seed) => ({
      init: 'random',
      seed,
      learningRate: 0.01,
      finalCost: Math.abs(v),
      trainAccuracy: 0.5,
      testAccuracy: 0.5,
      stopReason: 'completed',
    }));
    const [s] = summarize(rows);
    expect(Number.isFinite(s.finalCost!.std)).toBe(true);
    expect(s.finalCost!.std).toBeGreaterThan(1e298);
  });
});
