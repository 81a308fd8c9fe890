// One training run described by plain values (what the CLI, the report and the
// JSON share): initializer, seed, layers, data; and what came out of it.
import type { Dataset } from '../data/dataset.js';
import { type Activation, activationFromName, sigmoid } from '../nn/activations.js';
import { UsageError } from '../errors.js';
import { checkNoEmptyEntry, splitSpecList } from '../spec.js';
import { resolveInitializer } from '../nn/initializers.js';
import type { Kernels } from '../nn/kernels.js';
import { cloneNetwork, initializeNetwork, type Network } from '../nn/network.js';
import { accuracyOf, predictLabels } from '../train/metrics.js';
import {
  type CostPoint,
  type CostReport,
  type StopReason,
  train,
  trainAsync,
  type TrainOptions,
  type TrainResult,
} from '../train/train.js';
import type { LrDecay } from '../train/lr-decay.js';
import { describeDivergence, divergenceOf } from '../train/divergence.js';
import type { DiagnosticsPoint } from '../train/diagnostics.js';
import type { ShouldStop } from '../stop.js';

/** One training run's settings, as the CLI and the web lab give them. */
export interface RunConfig extends Pick<
  TrainOptions,
  'naiveLoss' | 'optimizer' | 'batchSize' | 'costReport' | 'lrDecay'
> {
  /** Initializer spec, e.g. `he` or `random:scale=1`. */
  init: string;
  /** Seed of the weights' RandomState. */
  seed: number;
  /** random's multiplier (the CLI's --scale), for `random` only; absent: random's own default (the notebook's 10). */
  scale?: number;
  /** Layer sizes [n_0, …, n_L]; n_0 must be the data's feature count, n_L is 1. */
  layers: number[];
  /** Hidden-layer activation name (the output layer is sigmoid). */
  activation: string;
  /** The step size (the initial one with lrDecay). */
  learningRate: number;
  /** Updates to run (epochs with costReport `epoch-mean`). */
  iterations: number;
  /** Record the cost at iteration 0 and every `printEvery` after. */
  printEvery: number;
  /** Epoch e's mini-batches are shuffled with RandomState((shuffleSeed + e) mod 2^32); default: `seed`. */
  shuffleSeed?: number;
}

/** A run's outcome, as `--json` prints it. */
export interface RunResult {
  /** The initializer as written (`he`, `random:scale=1`, …). */
  init: string;
  /** Seed of the weights. */
  seed: number;
  /** Layer sizes [n_0, …, n_L]. */
  layers: number[];
  /** Hidden-layer activation(s), as given. */
  activation: string;
  /** The learning rate (the initial one with an lrDecay). */
  learningRate: number;
  /** Iterations asked for (epochs, when costReport is `epoch-mean`). */
  iterations: number;
  /** What `costs` holds: see CostReport. */
  costReport: CostReport;
  /** Seed of the mini-batch shuffles, when there are mini-batches. */
  shuffleSeed?: number;
  /** The learning-rate decay, when there is one (learningRate is then the initial rate). */
  lrDecay?: LrDecay;
  /** The recorded costs (iteration 0 and every printEvery). */
  costs: CostPoint[];
  /** Per-layer statistics at iteration 0 and every `diagnosticsEvery` iterations. */
  diagnostics: DiagnosticsPoint[];
  /** Cost of the trained weights on the training set (the last finite one recorded, if diverged). */
  finalCost: number;
  /** Fraction of the training examples the trained network labels right. */
  trainAccuracy: number;
  /** Accuracy on the test set; null when the run has none (a CSV training set with no --test). */
  testAccuracy: number | null;
  /** How the run ended: 'diverged' by the one rule of train/divergence.ts (a non-finite cost or weight, or a final cost far above the first). */
  stopReason: StopReason;
  /** The iteration where a non-finite cost or weight was seen, when diverged that way. */
  divergedAt?: number;
  /** Why the run counts as diverged, in the run doctor's words; absent when it did not. */
  divergence?: string;
  /** Iterations actually run. */
  iterationsRun: number;
  /** Wall-clock time of the training, in seconds. */
  seconds: number;
}

/** A run's result and what plots need: the networks and the predictions. */
export interface RunOutput {
  /** The outcome, as `--json` prints it. */
  result: RunResult;
  /** The cost at a finer cadence than the records, for plots. */
  trace: CostPoint[];
  /** The trained network. */
  network: Network;
  /** The network as it was before training (for diagnostics and plots). */
  initial: Network;
  /** 0/1 predictions on the training set, one per example. */
  trainPredictions: Uint8Array;
  /** null when the run has no test set. */
  testPredictions: Uint8Array | null;
}

/** Callbacks and a kernel backend for a run (the training options that are not settings). */
export interface RunHooks extends Pick<
  TrainOptions,
  'onRecord' | 'onProgress' | 'progressEvery' | 'shouldStop' | 'traceEvery' | 'diagnosticsEvery'
> {
  /** Kernel backend (default: wasm SIMD where it runs). */
  kernels?: Kernels;
}

/** The initialized network of a run; `shouldStop` can end a long initialization (it throws StopRequested). */
export function buildNetwork(
  cfg: Pick<RunConfig, 'init' | 'seed' | 'scale' | 'layers' | 'activation'>,
  data?: Dataset,
  shouldStop?: ShouldStop,
): Network {
  const { init, opts } = resolveInitializer(cfg.init, { scale: cfg.scale });
  return initializeNetwork(cfg.layers, init, {
    params: opts,
    seed: cfg.seed,
    activations: hiddenActivations(cfg.layers, cfg.activation),
    data: data?.X,
    shouldStop,
  });
}

/**
 * `relu` for every hidden layer, or one per hidden layer: `relu,tanh,relu`. The output is
 * sigmoid. `name` is how the caller's user knows the setting (the CLI's `--activation`).
 * @throws UsageError for a wrong count or a bad activation SPEC
 */
export function hiddenActivations(
  layers: number[],
  spec: string,
  name = 'activation',
): Activation[] {
  checkNoEmptyEntry(spec, name);
  const names = splitSpecList(spec);
  const hidden = layers.length - 2;
  if (names.length !== 1 && names.length !== hidden)
    throw new UsageError(
      `${name}: give one activation or one per hidden layer (${hidden}), got ${names.length}: ${JSON.stringify(spec)}`,
    );
  const acts = names.map(activationFromName);
  return [...Array.from({ length: hidden }, (_, l) => acts[names.length === 1 ? 0 : l]), sigmoid];
}

function trainOptions(cfg: RunConfig, hooks: RunHooks): TrainOptions {
  return {
    learningRate: cfg.learningRate,
    iterations: cfg.iterations,
    recordEvery: cfg.printEvery,
    naiveLoss: cfg.naiveLoss,
    optimizer: cfg.optimizer,
    batchSize: cfg.batchSize,
    shuffleSeed: cfg.shuffleSeed ?? cfg.seed,
    costReport: cfg.costReport,
    lrDecay: cfg.lrDecay,
    ...hooks,
  };
}

/** A run whose network is built and not yet trained: what both the sync and async paths share. */
interface StartedRun {
  cfg: RunConfig;
  network: Network;
  /** A copy of the network before training. */
  initial: Network;
  trainSet: Dataset;
  testSet: Dataset | null;
  hooks: RunHooks;
  options: TrainOptions;
}

function startRun(
  cfg: RunConfig,
  trainSet: Dataset,
  testSet: Dataset | null,
  hooks: RunHooks,
): StartedRun {
  const network = buildNetwork(cfg, trainSet, hooks.shouldStop);
  const options = trainOptions(cfg, hooks);
  return { cfg, network, initial: cloneNetwork(network), trainSet, testSet, hooks, options };
}

function conclude(run: StartedRun, r: TrainResult): RunOutput {
  const { cfg, network, initial, trainSet, testSet, hooks } = run;
  const trainPredictions = predictLabels(network, trainSet, hooks.kernels);
  const testPredictions = testSet ? predictLabels(network, testSet, hooks.kernels) : null;
  const result: RunResult = {
    init: resolveInitializer(cfg.init, { scale: cfg.scale }).label,
    seed: cfg.seed,
    layers: [...cfg.layers],
    activation: cfg.activation,
    learningRate: cfg.learningRate,
    iterations: cfg.iterations,
    costReport: cfg.costReport ?? 'full',
    ...(cfg.batchSize ? { shuffleSeed: cfg.shuffleSeed ?? cfg.seed } : {}),
    ...(cfg.lrDecay ? { lrDecay: cfg.lrDecay } : {}),
    costs: r.costs,
    diagnostics: r.diagnostics,
    finalCost: r.finalCost,
    trainAccuracy: accuracyOf(trainPredictions, trainSet.Y.data),
    testAccuracy: testSet && testPredictions ? accuracyOf(testPredictions, testSet.Y.data) : null,
    stopReason: r.stopReason,
    iterationsRun: r.iterationsRun,
    seconds: r.seconds,
  };
  if (r.divergedAt !== undefined) result.divergedAt = r.divergedAt;
  // a cost that blew up but stayed finite is a divergence too, whatever command reads the run
  const diverged = r.stopReason === 'interrupted' ? null : divergenceOf(r);
  if (diverged) {
    result.stopReason = 'diverged';
    result.divergence = describeDivergence(diverged, cfg.learningRate).cause;
  }
  return { result, trace: r.trace, network, initial, trainPredictions, testPredictions };
}

/**
 * Builds the network, trains it and measures it, in one go; `testSet` null: no test accuracy.
 * @throws UsageError for an unknown initializer or activation, or settings out of range
 * @throws DataError when the data does not fit the layers
 */
export function runExperiment(
  cfg: RunConfig,
  trainSet: Dataset,
  testSet: Dataset | null,
  hooks: RunHooks = {},
): RunOutput {
  const run = startRun(cfg, trainSet, testSet, hooks);
  return conclude(run, train(run.network, trainSet, run.options));
}

/** The same, yielding to the event loop while it trains (Ctrl-C, progress, a responsive page). */
export async function runExperimentAsync(
  cfg: RunConfig,
  trainSet: Dataset,
  testSet: Dataset | null,
  hooks: RunHooks = {},
): Promise<RunOutput> {
  const run = startRun(cfg, trainSet, testSet, hooks);
  return conclude(run, await trainAsync(run.network, trainSet, run.options));
}
