// The training worker: runs one owner's job (a lesson step, or the lab) on initlab's float64
// core (wasm kernels where they run), in steps paced at STEPS_PER_SECOND, so a run can be
// watched and pause / step / speed take effect between steps. Each owner has its own worker,
// so runs never cancel each other. Exposed with Comlink.
import * as Comlink from 'comlink';
import { parseCsv } from '../../src/data/csv.js';
import type { Dataset } from '../../src/data/dataset.js';
import { validateDataset } from '../../src/data/dataset.js';
import { datasetFromSpec } from '../../src/data/registry.js';
import { NOTEBOOK_DEFAULTS } from '../../src/experiments/notebook-config.js';
import { notebookData } from '../../src/experiments/notebook.js';
import { buildNetwork, runExperiment } from '../../src/experiments/run.js';
import { resolveTestSpec } from '../../src/experiments/test-spec.js';
import { isSymmetric, verdict } from '../../src/experiments/verdict.js';
import { describeDiagnosis, diagnoseRun, biasesAtStart } from '../../src/train/doctor.js';
import { inLabWords } from './doctor-words.js';
import { inputScale } from '../../src/data/scale.js';
import { getKernels } from '../../src/nn/backends.js';
import { modelToJson } from '../../src/nn/model-format.js';
import { cloneNetwork, type Network } from '../../src/nn/network.js';
import { predictProba } from '../../src/nn/propagation.js';
import { parseOptimizer } from '../../src/nn/optimizers.js';
import { plotExtent, probabilityGrid } from '../../src/plot/grid.js';
import { activationHistograms } from '../../src/train/diagnostics.js';
import { accuracyOf, threshold } from '../../src/train/metrics.js';
import { Trainer, type TrainResult } from '../../src/train/train.js';
import { checkLabRun } from '../../src/lab-limits.js';
import { GRID, STEPS_PER_SECOND, type DataSummary, type JobConfig, type RunUpdate } from './job.js';
import { networkPicture } from './unit-pictures.js';
import { probe, type ProbeConfig, type ProbeResult } from '../../src/experiments/probe.js';
import { probeTheory, type ProbeTheoryLayer } from '../../src/experiments/probe-theory.js';

interface Run {
  init: string;
  trainer: Trainer;
  network: Network;
  /** The trainer's own copy of the weights (in its arena), read for live views. */
  live: () => Network;
  /** The weights before training (the verdict checks whether symmetry ever broke). */
  initial: Network;
  /** How many trace points were sent already. */
  sent: number;
  /** Set when the run is finished (Trainer.finish: the final cost, how it stopped). */
  result?: TrainResult;
}

const kernels = getKernels();
let runs: Run[] = [];
let data: { train: Dataset; test: Dataset | null; extent: [number, number] } | null = null;
let job: JobConfig | null = null;
let paused = true;
let speed = 200; // iterations per run per step
let stepBudget = 0;
let generation = 0;
/** The run whose units the network view draws (null: none). */
let watched: string | null = null;
// time spent training (in Trainer.advance) and iterations done, for throughput measurements
let trainMs = 0;
let trained = 0;
/**
 * The longest the worker trains without reading its messages: a step of a heavy network
 * ([2, 256, 256, 256, 1], or 100,000 points) takes seconds, and pause and stop must not
 * wait for it. A step is cut into slices of about this long.
 */
const SLICE_MS = 50;
/** While a step is cut into slices, the page hears how far it got at most this often. */
const PROGRESS_MS = 1000;
/** Milliseconds one iteration of every run took lately (NaN: not measured for this job yet). */
let msPerIteration = NaN;

/** How many iterations (of at most `left`) fit in one slice; one while the cost is unknown. */
const sliceOf = (left: number): number =>
  Number.isNaN(msPerIteration)
    ? 1
    : Math.max(1, Math.min(left, Math.floor(SLICE_MS / Math.max(msPerIteration, 1e-6))));

/** Advances every run by `n` iterations, timing them; a run that ends is finished. */
function advanceAll(n: number): void {
  const t = performance.now();
  for (const r of runs) {
    const before = r.trainer.iteration;
    r.trainer.advance(n);
    trained += r.trainer.iteration - before;
  }
  const ms = performance.now() - t;
  trainMs += ms;
  msPerIteration = ms / n;
  // a run that is done is finished before the update that says so, which then carries how it ended
  for (const r of runs) if (r.trainer.done && !r.result) r.result = r.trainer.finish();
}

/** Lets the messages waiting for the worker (pause, stop, speed) in. */
const readMessages = () => new Promise((r) => setTimeout(r, 0));

/** The run doctor on a finished run, read off the same record as the CLI's (train/doctor.ts). */
function doctorLines(run: Run, r: TrainResult, trainAccuracy: number, net: Network): string[] {
  const symmetric = isSymmetric(run.initial) && isSymmetric(net);
  const lines = describeDiagnosis(
    diagnoseRun({
      stopReason: r.stopReason,
      divergedAt: r.divergedAt,
      costs: run.trainer.trace,
      finalCost: r.finalCost,
      trainAccuracy,
      learningRate: job!.learningRate,
      diagnostics: run.trainer.diagnostics,
      symmetric,
      init: run.init,
      activation: job!.activation,
      biasesAtStart: biasesAtStart(run.initial),
      // as the CLI does: data far from unit scale is named before the learning rate
      inputScale: inputScale(data!.train.X),
    }),
  );
  return lines.map(inLabWords);
}

function report(run: Run, extras: boolean): RunUpdate {
  const d = data!;
  const net = run.live();
  const trainProbs = predictProba(net, d.train.X, kernels);
  const it = run.trainer.iteration;
  const newPoints = run.trainer.trace.slice(run.sent);
  run.sent = run.trainer.trace.length;
  const diag = extras ? (run.trainer.diagnostics.at(-1) ?? null) : null;
  const trainAccuracy = accuracyOf(threshold(trainProbs), d.train.Y.data);
  const r = run.result;
  const finished = r
    ? {
        stopReason: r.stopReason,
        divergedAt: r.divergedAt,
        verdict: verdict({ ...r, trainAccuracy }, run.initial, net),
        doctor: doctorLines(run, r, trainAccuracy, net),
      }
    : {};
  return {
    init: run.init,
    iteration: it,
    // "done" only once finished, so the last update carries how the run ended
    done: r !== undefined,
    ...finished,
    curve: newPoints.map((p) => ({
      iteration: p.iteration,
      train: p.cost,
      test: p.testCost ?? NaN,
    })),
    trainAccuracy,
    testAccuracy: d.test
      ? accuracyOf(threshold(predictProba(net, d.test.X, kernels)), d.test.Y.data)
      : null,
    grid: probabilityGrid(net, GRID, d.extent).values,
    extent: d.extent,
    diagnostics: diag,
    histograms: extras ? activationHistograms(net, d.train.X, kernels, 16) : [],
    network: run.init === watched ? networkPicture(net, d.train, d.extent, kernels) : null,
  };
}

const api = {
  /** Validates and loads a job; throws a message the page shows next to the control at fault. */
  load(config: JobConfig): DataSummary {
    generation++;
    const train = validateDataset(
      config.csv ? parseCsv(config.train, 'dropped CSV') : datasetFromSpec(config.train),
    );
    // the test set follows the training data (same generator, next seed), as in the CLI; a CSV has none unless named
    const { spec: testSpec } = resolveTestSpec(
      config.train,
      train,
      config.test || undefined,
      !!config.csv,
    );
    const test = testSpec === null ? null : validateDataset(datasetFromSpec(testSpec));
    if (test && test.X.rows !== train.X.rows)
      throw new Error(
        `test: the test data has ${test.X.rows} features, the training data ${train.X.rows}`,
      );
    if (config.layers[0] !== train.X.rows)
      throw new Error(`layers: the data has ${train.X.rows} features`);
    const optimizer = parseOptimizer(config.optimizer);
    // a dropped CSV's size is known only here: the same memory and time limits as the URL's
    checkLabRun({
      hidden: config.layers.slice(1, -1),
      features: train.X.rows,
      m: train.X.cols,
      mTest: test ? test.X.cols : 0,
      inits: config.inits,
      iterations: config.iterations,
      batchSize: config.batchSize,
      optimizer: config.optimizer,
    });
    data = { train, test, extent: plotExtent(train) };
    job = config;
    runs = config.inits.map((init) => {
      const network = buildNetwork(
        {
          init,
          seed: config.seed,
          scale: config.scale,
          layers: config.layers,
          activation: config.activation,
        },
        train,
      );
      const trainer = new Trainer(network, train, {
        learningRate: config.learningRate,
        iterations: config.iterations,
        recordEvery: config.printEvery,
        traceEvery: Math.max(1, Math.floor(config.iterations / 300)),
        diagnosticsEvery: Math.max(1, Math.floor(config.iterations / 50)),
        optimizer,
        batchSize: config.batchSize,
        shuffleSeed: config.seed,
        testData: test ?? undefined,
        kernels,
      });
      return {
        init,
        trainer,
        network,
        initial: cloneNetwork(network),
        live: () => trainer.current,
        sent: 0,
      };
    });
    paused = true;
    stepBudget = 0;
    msPerIteration = NaN;
    const cols = (d: Dataset) => Array.from({ length: d.X.rows }, (_, f) => Array.from(d.X.row(f)));
    return {
      extent: data.extent,
      X: cols(train),
      Y: Array.from(train.Y.data),
      testX: test ? cols(test) : [],
      testY: test ? Array.from(test.Y.data) : [],
      testSpec,
    };
  },

  /**
   * Runs until done or replaced, calling `onUpdate` about every `frameMs`; `extras` adds
   * per-layer statistics and histograms to each update (the lab shows them, the lesson not);
   * `startPaused` waits for step or resume before the first step.
   */
  async play(
    onUpdate: (updates: RunUpdate[]) => void,
    frameMs = 100,
    extras = true,
    startPaused = false,
  ): Promise<void> {
    const mine = generation;
    paused = startPaused;
    let last = 0;
    const send = () => onUpdate(runs.map((r) => report(r, extras)));
    send();
    // when the next step is due: steps are paced, so a run takes iterations / (speed × STEPS_PER_SECOND) seconds
    let due = performance.now();
    while (mine === generation && runs.some((r) => !r.trainer.done)) {
      if (paused && stepBudget <= 0) {
        await new Promise((r) => setTimeout(r, 30));
        due = performance.now(); // a pause is not made up for either
        continue;
      }
      // one step of `speed` iterations (or what Step asked for), in slices with the messages
      // read between them, so a pause or a stop lands within a slice even on a heavy network
      const stepping = paused;
      let left = stepping ? Math.min(stepBudget, speed) : speed;
      while (left > 0 && mine === generation && (stepping || !paused)) {
        if (runs.every((r) => r.trainer.done)) break;
        const n = sliceOf(left);
        advanceAll(n);
        left -= n;
        if (stepping) stepBudget -= n;
        if (left > 0) {
          if (performance.now() - last >= PROGRESS_MS) {
            last = performance.now();
            send();
          }
          await readMessages();
        }
      }
      if (mine !== generation) break;
      const now = performance.now();
      if (now - last >= frameMs || runs.every((r) => r.result) || (paused && stepBudget <= 0)) {
        last = now;
        send();
      }
      // wait for the next step's turn (letting pause / step / speed messages in); a slow step is not made up for
      due = Math.max(due + 1000 / STEPS_PER_SECOND, performance.now() - 1000 / STEPS_PER_SECOND);
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    }
  },

  /**
   * Seconds this worker's training loop takes for the notebook's He run (15,000 iterations,
   * cost traced every 50, statistics every 300): the same call bench/web.mjs times in Node.
   */
  engineSeconds(): number {
    const d = notebookData();
    return runExperiment({ ...NOTEBOOK_DEFAULTS, init: 'he' }, d.train, d.test, {
      kernels,
      traceEvery: 50,
      diagnosticsEvery: 300,
    }).result.seconds;
  },

  /**
   * The depth experiment (src/experiments/probe.ts) with its backward pass, and the mean-field
   * theory's prediction for every layer it measured (src/experiments/probe-theory.ts).
   */
  probe(cfg: ProbeConfig): { result: ProbeResult; theory: ProbeTheoryLayer[] } {
    const result = probe({ ...cfg, backward: true }, kernels);
    return { result, theory: probeTheory(result, cfg.activation) };
  },

  /** Iterations trained and the milliseconds spent training them, since the page loaded. */
  throughput(): { iterations: number; ms: number } {
    return { iterations: trained, ms: trainMs };
  },
  pause(): void {
    paused = true;
  },
  /** Ends the current run's loop (its owner reset it); the next load starts afresh. */
  stop(): void {
    generation++;
    paused = true;
  },
  resume(): void {
    paused = false;
  },
  step(iterations: number): void {
    stepBudget += iterations;
  },
  /** Iterations per run per step (STEPS_PER_SECOND steps a second). */
  setSpeed(iterationsPerStep: number): void {
    speed = Math.max(1, Math.min(100_000, Math.round(iterationsPerStep)));
  },
  /** Which run's units the updates carry for the network view (null: none). */
  watch(init: string | null): void {
    watched = init;
  },
  /** Every run's trained (or training) model, by initialization. */
  exportModels(): { init: string; json: string }[] {
    return runs.map((r) => ({ init: r.init, json: api.exportModel(r.init) }));
  },
  /** The trained (or training) model of one run, as initlab's model file. */
  exportModel(init: string): string {
    const r = runs.find((x) => x.init === init);
    if (!r || !job) throw new Error('no such run');
    return JSON.stringify(
      modelToJson(cloneNetwork(r.live()), {
        init,
        seed: job.seed,
        learningRate: job.learningRate,
        iterations: r.trainer.iteration,
        trainData: job.csv ? 'dropped CSV' : job.train,
        createdBy: 'initlab web lab',
      }),
    );
  },
};

export type WorkerApi = typeof api;
Comlink.expose(api);
