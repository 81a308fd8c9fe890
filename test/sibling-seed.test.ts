// Derived seeds stay in numpy's range (0 … 2^32 − 1) and never equal, or wrap onto, the seed
// they come from: the default test set (training seed + 1; seed − 1 for the largest), the
// probe's backward pass. (The mini-batch shuffles, seed + epoch counted on modulo 2^32 past the
// top, are tested in test/shuffle-seed.test.ts.)
// Expected values: the documented formula (src/rng/sibling-seed.ts), at every edge of the range.
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import { defaultTestSpec } from '../src/experiments/test-spec.js';
import { MAX_SEED } from '../src/rng/random-state.js';
import { siblingSeed } from '../src/rng/sibling-seed.js';
import { cli } from './helpers.js';

const EDGES: [number, number][] = [
  [0, 1],
  [1, 2],
  [2 ** 31, 2 ** 31 + 1],
  [2 ** 32 - 2, 2 ** 32 - 1],
  [2 ** 32 - 1, 2 ** 32 - 2],
];

describe('derived seeds', { timeout: 120_000 }, () => {
  it('siblingSeed: seed + 1, seed − 1 for the largest; in range, never the seed, never 0', () => {
    expect(MAX_SEED).toBe(2 ** 32 - 1);
    for (const [seed, sibling] of EDGES) expect(siblingSeed(seed)).toBe(sibling);
    for (let s = 0; s < 2000; s++) {
      const seed = s < 1000 ? s : MAX_SEED - (s - 1000);
      const d = siblingSeed(seed);
      expect(d).not.toBe(seed);
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(MAX_SEED);
      expect(Number.isInteger(d)).toBe(true);
    }
    for (const bad of [-1, 2 ** 32, 1.5, NaN]) expect(() => siblingSeed(bad)).toThrow(RangeError);
  });

  for (const [seed, sibling] of EDGES) {
    it(`the default test set of moons:seed=${seed} has seed ${sibling}, in the library and the CLI's --json`, () => {
      const spec = `moons:n=20,noise=0.2,seed=${seed}`;
      expect(defaultTestSpec(spec, datasetFromSpec(spec))).toBe(
        `moons:n=20,noise=0.2,seed=${sibling}`,
      );
      const r = cli([
        'train',
        '--init',
        'he',
        '--train',
        spec,
        '--iterations',
        '2',
        '--json',
        '--no-report',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc.testSpec).toBe(`moons:n=20,noise=0.2,seed=${sibling}`);
      expect(doc.testSource).toBe('default');
    });
  }

  it("the notebook's pair stays seed 1 → seed 2", () => {
    const doc = JSON.parse(
      cli(['train', '--init', 'he', '--iterations', '2', '--json', '--no-report']).stdout,
    );
    expect(doc.testSpec).toBe('circles:n=100,noise=0.05,seed=2');
  });

  it('the probe draws its backward gradient at the largest seed (from 2^32 − 2)', () => {
    const r = cli([
      'probe',
      '--init',
      'he',
      '--seed',
      String(MAX_SEED),
      '--backward',
      '--depth',
      '3',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    for (const l of JSON.parse(r.stdout).layers) expect(Number.isFinite(l.backprop)).toBe(true);
  });
});
