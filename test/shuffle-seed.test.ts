// Seeds counted on from a run's seed stay valid for every seed an input accepts: epoch e's
// mini-batches are shuffled with RandomState((shuffle seed + e) mod 2^32), the course's seed + e
// wherever that is a seed, 0, 1, … past 2^32 − 1 (src/rng/seed-after.ts). It used to fail: the
// CLI refused the top seeds with mini-batches, and the web lab stopped mid-run with a DataError.
// Expected costs: the course's numpy code path (scripts/optimization_reference.py) at each seed,
//   cd scripts && /usr/bin/python3 make_shuffle_seed_fixture.py > ../test/fixtures/shuffle_seed.json
// Cases: 9 (shuffle seed, weight seed) pairs from 0 to 2^32 − 1, through train; the top seeds
// through --seed alone, compare, the notebook command and sweep; he2015's weight seeds.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { he2015Tasks } from '../src/reproduce/he2015.js';
import { MAX_SEED } from '../src/rng/random-state.js';
import { seedAfter } from '../src/rng/seed-after.js';
import { cli } from './helpers.js';

interface Run {
  shuffleSeed: number;
  weightSeed: number;
  epochSeeds: number[];
  costs: number[];
}
const ref: {
  spec: string;
  layers: number[];
  learningRate: number;
  batchSize: number;
  epochs: number;
  runs: Run[];
} = JSON.parse(readFileSync(new URL('./fixtures/shuffle_seed.json', import.meta.url), 'utf8'));

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The fixture's data, network and mini-batches, as flags every training command takes. */
const SETUP = Object.entries({
  train: ref.spec,
  layers: ref.layers.join(','),
  lr: ref.learningRate,
  'batch-size': ref.batchSize,
}).flatMap(([k, v]) => [`--${k}`, String(v)]);
const QUIET_JSON = ['--no-report', '--quiet', '--json'];

/** The fixture's set-up through `train` (or `compare` of he and xavier); `seeds` are the seed flags. */
const trainArgs = (seeds: string[], extra: string[] = [], command = 'train') => [
  command,
  ...(command === 'compare' ? ['--inits', 'he,xavier'] : ['--init', 'he']),
  ...seeds,
  ...SETUP,
  ...extra,
  ...QUIET_JSON,
];

describe('seedAfter: (seed + k) mod 2^32', () => {
  it('is seed + k inside the range and counts on from 0 past its top', () => {
    expect(seedAfter(0, 0)).toBe(0);
    expect(seedAfter(11, 3)).toBe(14);
    expect(seedAfter(MAX_SEED - 1, 1)).toBe(MAX_SEED);
    expect(seedAfter(MAX_SEED, 1)).toBe(0);
    expect(seedAfter(MAX_SEED, 3)).toBe(2);
    expect(seedAfter(MAX_SEED - 2, 1e9)).toBe(1e9 - 3);
    for (const r of ref.runs)
      r.epochSeeds.forEach((s, e) => expect(seedAfter(r.shuffleSeed, e)).toBe(s));
    for (const [seed, k] of [
      [-1, 0],
      [2 ** 32, 0],
      [1.5, 0],
      [0, -1],
      [0, 0.5],
    ])
      expect(() => seedAfter(seed, k)).toThrow(RangeError);
  });

  it("he2015's three weight seeds follow --seed, at every seed", () => {
    const seeds = (seed: number, quick: boolean) => [
      ...new Set(he2015Tasks({ quick, seed }).map((t) => t.seed)),
    ];
    expect(seeds(0, false)).toEqual([1, 2, 3]);
    expect(seeds(MAX_SEED - 1, false)).toEqual([MAX_SEED, 0, 1]);
    expect(seeds(MAX_SEED, false)).toEqual([0, 1, 2]);
    expect(seeds(MAX_SEED, true)).toEqual([0]);
  });
});

describe('mini-batches at every seed, as numpy shuffles them', { timeout: 120_000 }, () => {
  for (const r of ref.runs) {
    it(`shuffle seed ${r.shuffleSeed}, weights seed ${r.weightSeed}: epochs shuffled with ${r.epochSeeds.join(', ')}`, () => {
      // the weights' seed alone also sets the shuffles: the top seed as a user gives it
      const seeds =
        r.shuffleSeed === r.weightSeed
          ? ['--seed', String(r.weightSeed)]
          : ['--seed', String(r.weightSeed), '--shuffle-seed', String(r.shuffleSeed)];
      const p = cli(
        trainArgs(seeds, [
          '--cost-report',
          'epoch-mean',
          '--iterations',
          String(ref.epochs),
          '--print-every',
          '1',
          '--loss',
          'naive',
        ]),
      );
      expect(p.status, p.stderr).toBe(0);
      expect(p.stderr).toBe('');
      const run = JSON.parse(p.stdout).runs[0];
      expect(run.shuffleSeed).toBe(r.shuffleSeed);
      const costs = run.costs.map((c: { naiveCost: number }) => c.naiveCost);
      expect(costs).toHaveLength(ref.epochs);
      costs.forEach((c: number, e: number) => expect(relErr(c, r.costs[e])).toBeLessThan(1e-9));
    });
  }

  it('the costs tell the seeds apart (a wrong epoch seed could not pass)', () => {
    const first = new Set(ref.runs.map((r) => r.costs[1]));
    expect(first.size).toBe(ref.runs.length);
  });

  // 30 updates of 64 from 300 examples: 6 epochs, the last ones past the top
  const updates = ['--iterations', '30'];
  for (const seed of [0, 7, MAX_SEED - 3, MAX_SEED]) {
    it(`--seed ${seed}: train, compare and the notebook command run, and agree`, () => {
      const train = cli(trainArgs(['--seed', String(seed)], updates));
      expect(train.status, train.stderr).toBe(0);
      const he = JSON.parse(train.stdout).runs[0];
      const compare = cli(trainArgs(['--seed', String(seed)], updates, 'compare'));
      expect(compare.status, compare.stderr).toBe(0);
      const runs = JSON.parse(compare.stdout).runs;
      expect(runs.map((r: { init: string }) => r.init)).toEqual(['he', 'xavier']);
      expect(runs[0].finalCost).toBe(he.finalCost);
      const notebook = cli([
        'notebook',
        '--seed',
        String(seed),
        '--batch-size',
        '64',
        '--iterations',
        '10',
        '--no-report',
        '--quiet',
        '--json',
      ]);
      expect(notebook.status, notebook.stderr).toBe(0);
      expect(JSON.parse(notebook.stdout).runs).toHaveLength(3);
    });
  }

  it('sweep over the top seeds with mini-batches: every cell runs, each as train runs it', () => {
    const p = cli([
      'sweep',
      '--inits',
      'he',
      '--seeds',
      `${MAX_SEED - 2}-${MAX_SEED}`,
      ...SETUP,
      ...updates,
      ...QUIET_JSON,
    ]);
    expect(p.status, p.stderr).toBe(0);
    const doc = JSON.parse(p.stdout);
    expect(doc.interrupted).toBe(false);
    expect(doc.runs).toHaveLength(3);
    for (const row of doc.runs) {
      const train = JSON.parse(cli(trainArgs(['--seed', String(row.seed)], updates)).stdout);
      expect(row.finalCost).toBe(train.runs[0].finalCost);
    }
  });
});
