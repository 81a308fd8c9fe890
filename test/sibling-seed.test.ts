// Derived seeds stay in numpy's range (0 … 2^32 − 1) and never equal, or wrap onto, the seed
// they come from: the default test set (training seed + 1; seed − 1 for the largest), the
// probe's backward pass, and the mini-batch shuffles (epoch e: RandomState(seed + e), as the
// course; refused up front when the last epoch would pass 2^32 − 1, which numpy refuses too).
// Expected values: the documented formula (src/rng/sibling-seed.ts), at every edge of the range.
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import { defaultTestSpec } from '../src/experiments/test-spec.js';
import { MAX_SEED } from '../src/rng/random-state.js';
import { siblingSeed } from '../src/rng/sibling-seed.js';
import { epochsShuffled } from '../src/train/mini-batches.js';
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

  // circles n=300 in batches of 64: 5 batches an epoch, so 20 iterations are 4 epochs
  it('epochsShuffled counts the epochs a run shuffles', () => {
    expect(epochsShuffled(300, 64, 20)).toBe(4);
    expect(epochsShuffled(300, 64, 21)).toBe(5);
    expect(epochsShuffled(300, 64, 7, true)).toBe(7);
    expect(epochsShuffled(300, 0, 20)).toBe(0);
    expect(epochsShuffled(300, 300, 20)).toBe(0);
  });
  const batches = ['--batch-size', '64', '--iterations', '20', '--no-report'];
  it('a shuffle seed whose last epoch passes 2^32 − 1 is refused in one line; the largest that fits runs', () => {
    for (const args of [
      ['train', '--init', 'he', '--shuffle-seed', String(MAX_SEED - 2), ...batches],
      ['train', '--init', 'he', '--seed', String(MAX_SEED), ...batches],
      ['sweep', '--inits', 'he', '--seeds', `${MAX_SEED - 3}-${MAX_SEED - 2}`, ...batches],
    ]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/beyond the largest seed 4294967295; give at most 4294967292$/);
    }
    const fits = cli(['train', '--init', 'he', '--shuffle-seed', String(MAX_SEED - 3), ...batches]);
    expect(fits.status, fits.stderr).toBe(0);
  });
});
