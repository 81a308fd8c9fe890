// The course's Optimization notebook from the CLI: its moons data, its mini-batch shuffles
// (epoch e with RandomState(11 + e)) and its per-epoch cost (the mean over the epoch of the
// mini-batches' costs before their updates), against scripts/optimization_reference.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import { initializers } from '../src/nn/initializers.js';
import { initializeNetwork } from '../src/nn/network.js';
import { train } from '../src/train/train.js';
import { decayedRate, parseLrDecay } from '../src/train/lr-decay.js';
import { UsageError } from '../src/errors.js';
import { cli } from './helpers.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/optimization_reference.json', import.meta.url), 'utf8'),
);
const OPTIMIZERS: Record<string, string> = {
  gd: 'gd',
  momentum: 'momentum:beta=0.9',
  adam: 'adam:beta1=0.9,beta2=0.999,epsilon=1e-8',
};

const courseArgs = (optimizer: string, epochs: number, every: number, loss: string) => [
  'train',
  '--init',
  'he',
  '--seed',
  '3',
  '--train',
  ref.dataset.spec,
  '--layers',
  ref.layers.join(','),
  '--lr',
  String(ref.learningRate),
  '--batch-size',
  String(ref.batchSize),
  '--shuffle-seed',
  String(ref.shuffleSeed),
  '--cost-report',
  'epoch-mean',
  '--optimizer',
  OPTIMIZERS[optimizer],
  '--iterations',
  String(epochs),
  '--print-every',
  String(every),
  '--loss',
  loss,
  '--no-report',
  '--quiet',
];

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the Optimization notebook', () => {
  it('its dataset: np.random.seed(3); make_moons(300, noise=.2) is moons:n=300,noise=0.2,seed=3', () => {
    // the same points: the global RandomState seeded with 3 draws what random_state=3 draws
    // (to the last bit once the Gaussian's log is numpy's; a few noise values are 1 ulp off before that)
    const d = datasetFromSpec(ref.dataset.spec);
    const X: number[] = ref.dataset.X.flat();
    expect(d.X.data.length).toBe(X.length);
    expect(Math.max(...X.map((x, i) => Math.abs(d.X.data[i] - x)))).toBeLessThan(1e-15);
    expect(Array.from(d.Y.data)).toEqual(ref.dataset.Y.flat());
  });

  for (const name of Object.keys(OPTIMIZERS)) {
    it(`${name}: every epoch's printed cost to 1e-9 (--loss naive, the course's formula)`, () => {
      const r = cli([...courseArgs(name, ref.epochs, 1, 'naive'), '--json']);
      expect(r.status, r.stderr).toBe(0);
      const run = JSON.parse(r.stdout).runs[0];
      expect(run.costReport).toBe('epoch-mean');
      expect(run.shuffleSeed).toBe(11);
      const costs = run.costs as { iteration: number; cost: number; naiveCost: number }[];
      expect(costs.map((p) => p.iteration)).toEqual(
        ref.costs[name].map((_: number, e: number) => e),
      );
      costs.forEach((p, e) => {
        expect(relErr(p.naiveCost, ref.costs[name][e])).toBeLessThan(1e-9);
        expect(relErr(p.cost, ref.costs[name][e])).toBeLessThan(1e-9); // the stable formula agrees here
      });
    });
  }

  for (const name of Object.keys(OPTIMIZERS)) {
    it(`${name}: the course's run, 10,000 epochs printed every 1,000, line for line to 1e-9`, () => {
      const r = cli(courseArgs(name, ref.courseEpochs, 1000, 'naive'));
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => l.startsWith('Cost after epoch '));
      expect(lines.map((l) => Number(l.slice('Cost after epoch '.length).split(':')[0]))).toEqual(
        ref.printed[name].map((_: number, i: number) => i * 1000),
      );
      lines.forEach((l, i) =>
        expect(relErr(Number(l.split(': ')[1]), ref.printed[name][i])).toBeLessThan(1e-9),
      );
    }, 120_000);
  }

  it('prints "Cost after epoch e" every --print-every epochs, as the course does', () => {
    const r = cli(courseArgs('adam', 300, 100, 'naive'));
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('Cost after'));
    expect(lines.map((l) => l.replace(/: .*/, ''))).toEqual([
      'Cost after epoch 0',
      'Cost after epoch 100',
      'Cost after epoch 200',
    ]);
    lines.forEach((l, i) =>
      expect(relErr(Number(l.split(': ')[1]), ref.costs.adam[i * 100])).toBeLessThan(1e-9),
    );
    expect(r.stdout).toContain('300 epochs');
  });

  it("the shuffles follow --shuffle-seed whatever the weights' seed, and follow --seed without it", () => {
    const data = datasetFromSpec(ref.dataset.spec);
    const run = (weightsSeed: number, shuffleSeed?: number) => {
      const net = initializeNetwork(ref.layers, initializers.he, { seed: weightsSeed });
      return train(net, data, {
        learningRate: 0.0007,
        iterations: 3,
        recordEvery: 1,
        batchSize: 64,
        shuffleSeed,
        costReport: 'epoch-mean',
      }).costs.map((p) => p.cost);
    };
    // same weights (seed 3), shuffles from 11: the course; another shuffle seed changes epochs 1.. (epoch 0's sum is order-free up to rounding)
    const course = run(3, 11);
    expect(relErr(course[1], ref.costs.gd[1])).toBeLessThan(1e-9);
    expect(Math.abs(run(3, 12)[1] - course[1])).toBeGreaterThan(1e-9);
    // the CLI without --shuffle-seed shuffles with --seed, as before
    const a = JSON.parse(
      cli([
        ...courseArgs('gd', 3, 1, 'stable').filter(
          (_, i, all) => all[i - 1] !== '--shuffle-seed' && _ !== '--shuffle-seed',
        ),
        '--json',
      ]).stdout,
    ).runs[0];
    expect(a.shuffleSeed).toBe(3);
    expect(relErr(a.costs[1].cost, run(3, 3)[1])).toBeLessThan(1e-12);
  });

  it("counts epochs in full batch too: each epoch one update, its cost the whole set's before it", () => {
    const data = datasetFromSpec(ref.dataset.spec);
    const fresh = () => initializeNetwork(ref.layers, initializers.he, { seed: 3 });
    const epochs = train(fresh(), data, {
      learningRate: 0.01,
      iterations: 20,
      recordEvery: 5,
      costReport: 'epoch-mean',
    });
    const full = train(fresh(), data, { learningRate: 0.01, iterations: 20, recordEvery: 5 });
    expect(epochs.iterationsRun).toBe(20);
    expect(epochs.costs.map((p) => p.iteration)).toEqual([0, 5, 10, 15]);
    epochs.costs.forEach((p, i) => expect(relErr(p.cost, full.costs[i].cost)).toBeLessThan(1e-14));
  });

  for (const run of ref.decay as {
    optimizer: string;
    learningRate: number;
    decay: string;
    decayRate: number;
    printedCosts: number[];
    printedRates: number[];
  }[]) {
    it(`learning-rate decay (2021 version): ${run.optimizer} at ${run.learningRate}, ${run.decay}: costs and rates, 5,000 epochs, to 1e-9`, () => {
      const args = courseArgs(run.optimizer, ref.decayEpochs, 1000, 'naive');
      args[args.indexOf('--lr') + 1] = String(run.learningRate);
      const r = cli([...args, '--lr-decay', `${run.decay}:rate=${run.decayRate}`, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout).runs[0];
      expect(doc.lrDecay.kind).toBe(run.decay);
      const costs = doc.costs as { iteration: number; naiveCost: number; learningRate: number }[];
      expect(costs.map((p) => p.iteration)).toEqual(run.printedCosts.map((_, i) => i * 1000));
      costs.forEach((p, i) => {
        expect(relErr(p.naiveCost, run.printedCosts[i])).toBeLessThan(1e-9);
        expect(relErr(p.learningRate, run.printedRates[i])).toBeLessThan(1e-15);
      });
    }, 120_000);
  }

  it('prints the learning rate after each printed epoch, as the course does', () => {
    const r = cli([...courseArgs('gd', 3, 1, 'naive'), '--lr-decay', 'inverse']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /Cost after epoch 0: .*\nlearning rate after epoch 0: 0\.0007\nCost after epoch 1: .*\nlearning rate after epoch 1: 0\.00035\n/,
    );
  });

  it('an epoch-mean run that blows up stops at the epoch where it did, with the costs before it', () => {
    const data = datasetFromSpec(ref.dataset.spec);
    // one update per epoch (full batch): epoch 0's cost is finite, its update overflows the weights
    const net = initializeNetwork(ref.layers, initializers.random, {
      seed: 3,
      params: { scale: 1e75 },
    });
    const r = train(net, data, {
      learningRate: 1e200,
      iterations: 50,
      recordEvery: 1,
      costReport: 'epoch-mean',
    });
    expect(r.stopReason).toBe('diverged');
    expect(r.divergedAt).toBe(1);
    expect(r.iterationsRun).toBe(1);
    expect(r.costs.map((p) => p.iteration)).toEqual([0]);
    expect(Number.isFinite(r.costs[0].cost)).toBe(true);
  });

  it('parses the decays with their own defaults and refuses the rest in one line', () => {
    expect(parseLrDecay('none')).toBeUndefined();
    expect(parseLrDecay('inverse')).toEqual({ kind: 'inverse', rate: 1, interval: 1000 });
    expect(parseLrDecay('scheduled:rate=0.5,interval=10')).toEqual({
      kind: 'scheduled',
      rate: 0.5,
      interval: 10,
    });
    for (const bad of [
      'step',
      'inverse:interval=3',
      'scheduled:interval=0',
      'inverse:rate=-1',
      'inverse:rate=x',
      'none:rate=1',
    ])
      expect(() => parseLrDecay(bad)).toThrow(UsageError);
    // lr0 / (1 + rate · e) and lr0 / (1 + rate · floor(e / interval)), the course's formulas
    expect(decayedRate(0.1, 4, { kind: 'inverse', rate: 1, interval: 1000 })).toBe((1 / 5) * 0.1);
    expect(decayedRate(0.1, 2999, { kind: 'scheduled', rate: 1, interval: 1000 })).toBe(
      (1 / 3) * 0.1,
    );
  });

  it('refuses a bad --shuffle-seed or --cost-report in one line (exit 2)', () => {
    for (const bad of [
      ['--shuffle-seed', '-1'],
      ['--shuffle-seed', 'x'],
      ['--cost-report', 'mean'],
      ['--lr-decay', 'cosine'],
      ['--lr-decay', 'scheduled:interval=0.5'],
    ]) {
      const r = cli(['train', '--no-report', '--iterations', '1', ...bad]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
