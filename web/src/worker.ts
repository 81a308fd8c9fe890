// The training worker: runs the page's job on initlab's float64 core (wasm kernels where
// they run), in slices, so pause / step / speed take effect between slices and the page
// stays responsive. Exposed with Comlink.
import * as Comlink from 'comlink';
import { parseCsv } from '../../src/data/csv.js';
import type { Dataset } from '../../src/data/dataset.js';
import { validateDataset } from '../../src/data/dataset.js';
import { datasetFromSpec } from '../../src/data/registry.js';
import { buildNetwork } from '../../src/experiments/run.js';
import { getKernels } from '../../src/nn/backends.js';
import { modelToJson } from '../../src/nn/model-format.js';
import { cloneNetwork, forward, type Network, predictProba, stage } from '../../src/nn/network.js';
import { parseOptimizer } from '../../src/nn/optimizers.js';
import { probabilityGrid } from '../../src/plot/grid.js';
import { histogram } from '../../src/train/diagnostics.js';
import { accuracyOf, threshold } from '../../src/train/metrics.js';
import { Trainer } from '../../src/train/train.js';
import { GRID, type DataSummary, type JobConfig, type RunUpdate } from './job.js';

interface Run {
  init: string;
  trainer: Trainer;
  network: Network;
  /** The trainer's own copy of the weights (in its arena), read for live views. */
  live: () => Network;
  /** How many trace points were sent already. */
  sent: number;
}

const kernels = getKernels();
let runs: Run[] = [];
let data: { train: Dataset; test: Dataset; extent: [number, number] } | null = null;
let job: JobConfig | null = null;
let paused = true;
let speed = 200; // iterations per run per slice
let stepBudget = 0;
let generation = 0;

function extentOf(d: Dataset): [number, number] {
  let r = 1.5;
  for (const v of d.X.data) r = Math.max(r, Math.abs(v) * 1.1);
  r = r === 1.5 ? r : Math.ceil(r * 2) / 2;
  return [-r, r];
}

function histograms(net: Network, d: Dataset) {
  const s = stage(net, d.X, null, kernels);
  forward(s.net, s.X, s.ws, kernels);
  return s.ws.A.map((A, l) => {
    let lo = Infinity, hi = -Infinity;
    for (const v of A) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) { lo -= 0.5; hi += 0.5; }
    return { layer: l + 1, bins: histogram(A, 16, lo, hi) };
  });
}

function report(run: Run): RunUpdate {
  const d = data!;
  const net = run.live();
  const trainProbs = predictProba(net, d.train.X, kernels);
  const testProbs = predictProba(net, d.test.X, kernels);
  const it = run.trainer.iteration;
  const newPoints = run.trainer.trace.slice(run.sent);
  run.sent = run.trainer.trace.length;
  const diag = run.trainer.diagnostics.at(-1) ?? null;
  return {
    init: run.init,
    iteration: it,
    done: run.trainer.done,
    curve: newPoints.map((p) => ({ iteration: p.iteration, train: p.cost, test: p.testCost ?? NaN })),
    trainAccuracy: accuracyOf(threshold(trainProbs), d.train.Y.data),
    testAccuracy: accuracyOf(threshold(testProbs), d.test.Y.data),
    grid: probabilityGrid(net, GRID, d.extent).values,
    extent: d.extent,
    diagnostics: diag,
    histograms: histograms(net, d.train),
  };
}

const api = {
  /** Validates and loads a job; throws a message the page shows next to the control at fault. */
  load(config: JobConfig): DataSummary {
    generation++;
    const train = validateDataset(config.csv ? parseCsv(config.train, 'dropped CSV') : datasetFromSpec(config.train));
    const test = config.csv ? train : datasetFromSpec(config.test);
    if (config.layers[0] !== train.X.rows) throw new Error(`layers: the data has ${train.X.rows} features`);
    const optimizer = parseOptimizer(config.optimizer);
    data = { train, test, extent: extentOf(train) };
    job = config;
    runs = config.inits.map((init) => {
      const network = buildNetwork({ init, seed: config.seed, scale: config.scale, layers: config.layers, activation: config.activation }, train);
      const trainer = new Trainer(network, train, {
        learningRate: config.learningRate,
        iterations: config.iterations,
        recordEvery: config.printEvery,
        traceEvery: Math.max(1, Math.floor(config.iterations / 300)),
        diagnosticsEvery: Math.max(1, Math.floor(config.iterations / 50)),
        optimizer,
        batchSize: config.batchSize,
        shuffleSeed: config.seed,
        testData: test,
        kernels,
      });
      return { init, trainer, network, live: () => trainer.current, sent: 0 };
    });
    paused = true;
    const cols = (d: Dataset) => Array.from({ length: d.X.rows }, (_, f) => Array.from(d.X.row(f)));
    return { X: cols(train), Y: Array.from(train.Y.data), testX: cols(test), testY: Array.from(test.Y.data) };
  },

  /** Runs until done, paused or replaced, calling `onUpdate` about every `frameMs`. */
  async play(onUpdate: (updates: RunUpdate[]) => void, frameMs = 100): Promise<void> {
    const mine = generation;
    paused = false;
    let last = 0;
    onUpdate(runs.map(report));
    while (mine === generation && runs.some((r) => !r.trainer.done)) {
      if (paused && stepBudget <= 0) {
        await new Promise((r) => setTimeout(r, 30));
        continue;
      }
      const n = paused ? Math.min(stepBudget, speed) : speed;
      for (const r of runs) r.trainer.advance(n);
      if (paused) stepBudget -= n;
      const now = performance.now();
      if (now - last >= frameMs || runs.every((r) => r.trainer.done) || (paused && stepBudget <= 0)) {
        last = now;
        onUpdate(runs.map(report));
      }
      await new Promise((r) => setTimeout(r, 0)); // let pause / step / speed messages in
    }
    if (mine === generation) for (const r of runs) r.trainer.finish();
  },

  pause(): void {
    paused = true;
  },
  resume(): void {
    paused = false;
  },
  step(iterations: number): void {
    stepBudget += iterations;
  },
  setSpeed(iterationsPerSlice: number): void {
    speed = Math.max(1, Math.min(100_000, Math.round(iterationsPerSlice)));
  },
  /** The trained (or training) model of one run, as initlab's model file. */
  exportModel(init: string): string {
    const r = runs.find((x) => x.init === init);
    if (!r || !job) throw new Error('no such run');
    return JSON.stringify(modelToJson(cloneNetwork(r.live()), { init, seed: job.seed, learningRate: job.learningRate, iterations: r.trainer.iteration, trainData: job.csv ? 'dropped CSV' : job.train, createdBy: 'initlab web lab' }));
  },
};

export type WorkerApi = typeof api;
Comlink.expose(api);
