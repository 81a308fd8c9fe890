// Full-batch gradient descent, the notebook's loop: forward, (cost when recorded),
// backward, update. Buffers are allocated once; the cost is only computed on the
// iterations that are recorded, and a non-finite cost or parameter stops the run.
import type { Dataset } from '../data/dataset.js';
import { fuseTraining } from '../nn/fused-training.js';
import type { FusedSteps, Kernels } from '../nn/kernels.js';
import { getKernels } from '../nn/backends.js';
import { naiveCrossEntropy, softplus } from '../nn/loss.js';
import { isFiniteNetwork, type Network } from '../nn/network.js';
import { backward, forward } from '../nn/propagation.js';
import { stage } from '../nn/stage.js';
import type { Matrix } from '../linalg/matrix.js';
import { createOptimizer, type Optimizer, type OptimizerSpec } from '../nn/optimizers.js';
import { MiniBatches } from './mini-batches.js';
import { nextSteps } from './slice-steps.js';
import { forwardCost, lastCost, type StagedSet, stageSet } from './staged-set.js';
import { type DiagnosticsPoint, layerStats } from './diagnostics.js';
import { OPTIONS } from '../options.js';
import { checkValue } from '../validate.js';
import { decayedRate, type LrDecay } from './lr-decay.js';

/** A cost recorded during training. */
export interface CostPoint {
  /** Iterations (epochs, with costReport `epoch-mean`) done before this cost was taken. */
  iteration: number;
  /** On `testData`, at traced iterations when it was given. */
  testCost?: number;
  /** Cross-entropy computed from the logits (finite whenever the logits are). */
  cost: number;
  /** The notebook's formula on the probabilities; only when asked for (may be Infinity). */
  naiveCost?: number;
  /** With a learning-rate decay: the rate of the next update (after epoch e, as the course prints it). */
  learningRate?: number;
}

/**
 * What a recorded cost is.
 * - `full`: the cost of the whole training set at iteration 0 and every `recordEvery`
 *   iterations, before that iteration's update (the Initialization notebook's print).
 * - `epoch-mean`: the Optimization notebook's print: per epoch, the sum over its mini-batches
 *   of each batch's summed cross-entropy, taken before that batch's update, divided by the
 *   number of examples. `iterations`, `recordEvery`, `traceEvery` and the points'
 *   `iteration` then count epochs (passes over the training set), not updates.
 */
export type CostReport = 'full' | 'epoch-mean';
/** Every CostReport, the default first. */
export const costReports: readonly CostReport[] = ['full', 'epoch-mean'];

/** How `train` runs: the notebook's loop with its options. */
export interface TrainOptions {
  /** The step size of each update (> 0; the initial rate with an lrDecay). */
  learningRate: number;
  /** Updates to run (epochs, with costReport `epoch-mean`). */
  iterations: number;
  /** Record the cost at iteration 0 and every `recordEvery` after it. */
  recordEvery: number;
  /** Also keep the cost every `traceEvery` iterations in `trace` (for plots; default: only the records). */
  traceEvery?: number;
  /** Also trace the cost on this data (a test set), at the same iterations as `trace`. */
  testData?: Dataset;
  /** Per-layer statistics (activations, gradients, weights) at iteration 0 and every `diagnosticsEvery` after (0: none). */
  diagnosticsEvery?: number;
  /** Also compute the notebook's naive cost at each record. */
  naiveLoss?: boolean;
  /** gd (the notebook's, default), momentum or adam. */
  optimizer?: OptimizerSpec;
  /** Mini-batch size (default: the whole training set, as the notebook). */
  batchSize?: number;
  /** Seed of the mini-batch shuffles: epoch e is shuffled with RandomState((shuffleSeed + e) mod 2^32) (default 0). */
  shuffleSeed?: number;
  /** What the recorded costs are (default `full`; see CostReport). */
  costReport?: CostReport;
  /** The learning rate by epoch (an epoch: every mini-batch once; one update in full batch); default constant. */
  lrDecay?: LrDecay;
  /** The kernel backend (default: wasm SIMD where it runs, else the TypeScript reference). */
  kernels?: Kernels;
  /** Called at every record, after the cost is known. */
  onRecord?: (point: CostPoint) => void;
  /** Called every `progressEvery` iterations with the number done. */
  onProgress?: (done: number) => void;
  /** How often `onProgress` and `shouldStop` are called, in iterations (default 100). */
  progressEvery?: number;
  /** Checked every `progressEvery` iterations; true stops the run there (e.g. on Ctrl-C). */
  shouldStop?: () => boolean;
}

/** How a run ended: all its iterations, a non-finite cost or weight, or a stop request. */
export type StopReason = 'completed' | 'diverged' | 'interrupted';

/** What a training run gives back (the network itself is trained in place). */
export interface TrainResult {
  /** The recorded costs: iteration 0 and every `recordEvery` after. */
  costs: CostPoint[];
  /** Per-layer statistics, when diagnosticsEvery was given. */
  diagnostics: DiagnosticsPoint[];
  /** The cost every `traceEvery` iterations, plus the final cost at `iterationsRun`. */
  trace: CostPoint[];
  /** Cost of the final parameters (after the last update), stable formula; for a diverged run the last finite cost recorded. */
  finalCost: number;
  /** Iterations actually run (epochs, with costReport `epoch-mean`). */
  iterationsRun: number;
  /** How the run ended. */
  stopReason: StopReason;
  /** The iteration at which a non-finite cost or parameter was seen, when diverged. */
  divergedAt?: number;
  /** Wall-clock time of the run, in seconds. */
  seconds: number;
}

/** The options' own schemas (src/options.ts), under the names TrainOptions gives them. @throws UsageError */
export function checkTrainOptions(
  o: Pick<TrainOptions, 'learningRate' | 'iterations' | 'recordEvery' | 'batchSize'>,
): void {
  checkValue(OPTIONS.learningRate, o.learningRate, 'learningRate');
  checkValue(OPTIONS.iterations, o.iterations, 'iterations');
  checkValue(OPTIONS.printEvery, o.recordEvery, 'recordEvery');
  if (o.batchSize !== undefined) checkValue(OPTIONS.batchSize, o.batchSize, 'batchSize');
}

/** Σ over the `count` examples of softplus(z) − y·z: the cross-entropy summed, not averaged. */
function stableCostSum(logits: Float64Array, Y: Float64Array, count: number): number {
  let s = 0;
  for (let j = 0; j < count; j++) s += softplus(logits[j]) - Y[j] * logits[j];
  return s;
}

/** Σ of −log(a)·y − log(1 − a)·(1 − y), as the Optimization notebook's compute_cost (np.sum: a NaN term stays). */
function naiveCostSum(A: Float64Array, Y: Float64Array, count: number): number {
  let s = 0;
  for (let j = 0; j < count; j++) s += -Math.log(A[j]) * Y[j] + -Math.log(1 - A[j]) * (1 - Y[j]);
  return s;
}

/** Σ of a's values: finite unless one of them is not (or they overflow together). */
function sum(a: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j];
  return s;
}

/**
 * A training run that can be advanced in slices (so a caller can yield to the event
 * loop, for Ctrl-C or a page that must stay responsive) and finished at any point.
 * @throws UsageError when an option is out of range (see checkTrainOptions)
 */
export class Trainer {
  private readonly o: TrainOptions;
  private readonly k: Kernels;
  private readonly net: Network;
  /** The whole training set, staged. */
  private readonly full: StagedSet;
  private readonly copyBack: () => void;
  private readonly optimizer: Optimizer;
  private readonly params: Float64Array[];
  private readonly start = performance.now();
  private readonly traceEvery: number;
  private readonly test?: StagedSet;
  /** Absent for full-batch gradient descent. */
  private readonly batches?: MiniBatches;
  readonly costs: CostPoint[] = [];
  readonly trace: CostPoint[] = [];
  readonly diagnostics: DiagnosticsPoint[] = [];
  private i = 0;
  // epoch-mean reports: updates per epoch, and this epoch's cost sums so far
  private readonly perEpoch: number;
  private readonly batchesPerEpoch: number;
  private readonly steps: number;
  private epochSum = 0;
  private epochNaiveSum = 0;
  private stopReason: StopReason | null = null;
  private divergedAt?: number;
  private readonly fused: FusedSteps | null;

  constructor(target: Network, data: Dataset, o: TrainOptions) {
    checkTrainOptions(o);
    this.o = o;
    this.k = o.kernels ?? getKernels(); // wasm SIMD where it runs, else the TypeScript reference
    this.traceEvery = o.traceEvery ?? o.recordEvery;
    const m = data.X.cols;
    const dims = target.dims;
    const batchSize = o.batchSize && o.batchSize < m ? o.batchSize : 0;
    const sizes = target.W.flatMap((w, l) => [w.data.length, target.b[l].data.length]);
    // one arena per run: weights, data, buffers and optimizer state side by side, sized by this layout
    const staged = stage(target, data.X, data.Y, this.k, (alloc) => ({
      optimizer: createOptimizer(o.optimizer ?? { name: 'gd' }, sizes, alloc),
      test: o.testData ? stageSet(o.testData, dims, alloc) : undefined,
      batches: batchSize
        ? new MiniBatches(m, dims, batchSize, o.shuffleSeed ?? 0, alloc)
        : undefined,
    }));
    this.net = staged.net;
    this.full = { X: staged.X, Y: staged.Y as Matrix, ws: staged.ws };
    this.copyBack = staged.copyBack;
    this.params = this.net.W.flatMap((w, l) => [w.data, this.net.b[l].data]);
    ({ optimizer: this.optimizer, test: this.test, batches: this.batches } = staged.extra);
    this.batchesPerEpoch = this.batches?.perEpoch ?? 1;
    this.perEpoch = o.costReport === 'epoch-mean' ? this.batchesPerEpoch : 1;
    this.steps = o.iterations * this.perEpoch;
    // the notebook's case (full batch, gd at a fixed rate): fused iterations between the ones recorded
    const plain =
      !batchSize &&
      (o.optimizer?.name ?? 'gd') === 'gd' &&
      !o.lrDecay &&
      o.costReport !== 'epoch-mean';
    this.fused = plain
      ? fuseTraining(this.net, this.full.X, this.full.Y, this.full.ws, this.k)
      : null;
  }

  get done(): boolean {
    return this.stopReason !== null || this.i >= this.steps;
  }

  /** Iterations done (epochs done, with costReport `epoch-mean`). */
  get iteration(): number {
    return Math.floor(this.i / this.perEpoch);
  }

  /** The weights as they are now (the run's own copy in its arena: read it, do not keep it). */
  get current(): Network {
    return this.net;
  }

  /** Stops the run where it is (it can still be finished). */
  interrupt(): void {
    if (!this.done) this.stopReason = 'interrupted';
  }

  /**
   * The run's one divergence test: a non-finite `value` (a cost, or the sum of the logits)
   * or, with `weightsToo`, a non-finite weight stops the run as diverged at `at`.
   * @returns true when the run diverged
   */
  private diverges(at: number, value: number, weightsToo = false): boolean {
    if (Number.isFinite(value) && !(weightsToo && !isFiniteNetwork(this.net))) return false;
    this.stopReason = 'diverged';
    this.divergedAt = at;
    return true;
  }

  /** Runs up to `count` more iterations; returns true when the run is over. */
  advance(count: number): boolean {
    const o = this.o;
    const { net, k } = this;
    const epochMean = o.costReport === 'epoch-mean';
    const end = Math.min(this.steps, this.i + count * this.perEpoch);
    const progressEvery = o.progressEvery ?? 100;
    while (this.i < end && this.stopReason === null) {
      const i = this.i;
      const record = !epochMean && i % o.recordEvery === 0;
      const traced = !epochMean && i % this.traceEvery === 0;
      // a traced cost alone (no record, no test cost, which would read the updated weights)
      // comes from the fused iteration's forward pass, still in the buffers after it
      if (
        this.fused &&
        !record &&
        !(traced && this.test) &&
        !(o.diagnosticsEvery && i % o.diagnosticsEvery === 0)
      ) {
        if (!this.runFused(end, progressEvery, traced)) break;
        continue;
      }
      // with mini-batches a recorded cost is the whole set's, before the batch's update
      if (
        this.batches &&
        (record || traced) &&
        !this.recordCost(i, forwardCost(net, this.full, k), record, traced)
      )
        break;
      const set = this.batches ? this.batches.next(this.full) : this.full;
      forward(net, set.X, set.ws, k);
      // divergence shows in the logits at once (m additions: cheap next to the forward pass)
      if (this.diverges(this.iteration, sum(set.ws.logits))) break;
      if (epochMean) this.addToEpoch(set);
      else if (
        !this.batches &&
        (record || traced) &&
        !this.recordCost(i, lastCost(set), record, traced)
      )
        break;
      backward(net, set.X, set.Y, set.ws, k);
      if (o.diagnosticsEvery && i % o.diagnosticsEvery === 0)
        this.diagnostics.push({ iteration: i, layers: layerStats(net, set.ws) });
      this.optimizer.step(this.params, set.ws.gradients, this.rateAt(i), k);
      this.i = i + 1;
      if (epochMean && this.i % this.perEpoch === 0 && !this.endEpoch(this.i / this.perEpoch - 1))
        break;
      if (this.i % (progressEvery * this.perEpoch) === 0) {
        o.onProgress?.(this.iteration);
        if (o.shouldStop?.()) this.interrupt();
      }
    }
    return this.done;
  }

  /**
   * The iterations up to the next record, trace, diagnostics or progress report, in one fused
   * call (only iteration i when it is `traced`: its cost is then read from the forward pass it
   * leaves behind, as the step-by-step path reads it before the backward pass, which writes
   * other buffers); false when the run diverged.
   */
  private runFused(end: number, progressEvery: number, traced: boolean): boolean {
    const i = this.i;
    const next = (every: number) => (every > 0 ? (Math.floor(i / every) + 1) * every : Infinity);
    const stop = traced
      ? i + 1
      : Math.min(
          end,
          next(this.o.recordEvery),
          next(this.traceEvery),
          next(this.o.diagnosticsEvery ?? 0),
          next(progressEvery),
        );
    this.i = i + this.fused!.run(stop - i, this.o.learningRate);
    // fewer iterations than asked: the next one's logits summed to a non-finite number
    if (this.i < stop && this.diverges(this.i, Number.NaN)) return false;
    if (traced) this.recordCost(i, lastCost(this.full), false, true);
    if (this.i % progressEvery === 0) {
      this.o.onProgress?.(this.iteration);
      if (this.o.shouldStop?.()) this.interrupt();
    }
    return true;
  }

  /** The learning rate of update `step` (epoch 0 at the initial rate, epoch e at decay(lr0, e − 1)). */
  private rateAt(step: number): number {
    const d = this.o.lrDecay;
    if (!d) return this.o.learningRate;
    const epoch = Math.floor(step / this.batchesPerEpoch);
    return epoch === 0 ? this.o.learningRate : decayedRate(this.o.learningRate, epoch - 1, d);
  }

  /** Adds a mini-batch's summed costs (before its update) to the epoch's. */
  private addToEpoch({ ws, Y }: StagedSet): void {
    this.epochSum += stableCostSum(ws.logits, Y.data, Y.cols);
    if (this.o.naiveLoss) this.epochNaiveSum += naiveCostSum(ws.output, Y.data, Y.cols);
  }

  /** Closes epoch `e` of an epoch-mean run: records its mean cost when due; false when the run diverged. */
  private endEpoch(e: number): boolean {
    const m = this.full.X.cols;
    const cost = this.epochSum / m;
    const naive = this.epochNaiveSum / m;
    this.epochSum = 0;
    this.epochNaiveSum = 0;
    // the epoch's costs were taken before its updates: a blow-up in them shows in the next epoch's logits
    if (e % this.o.recordEvery === 0) {
      if (this.diverges(e, cost)) return false;
      const point: CostPoint = { iteration: e, cost };
      if (this.o.naiveLoss) point.naiveCost = naive;
      if (this.o.lrDecay) point.learningRate = this.rateAt((e + 1) * this.batchesPerEpoch);
      this.keep(point);
    }
    if (e % this.traceEvery === 0 && Number.isFinite(cost))
      this.trace.push(this.withTest({ iteration: e, cost }));
    return true;
  }

  /**
   * Keeps the whole set's cost at iteration i (record and/or trace), read from the forward
   * pass just run on it; false when the run diverged here.
   */
  private recordCost(i: number, cost: number, record: boolean, traced: boolean): boolean {
    if (record) {
      if (this.diverges(i, cost, true)) return false;
      const point: CostPoint = { iteration: i, cost };
      if (this.o.lrDecay) point.learningRate = this.rateAt(i);
      if (this.o.naiveLoss)
        point.naiveCost = naiveCrossEntropy(
          this.full.ws.output,
          this.full.Y.data,
          this.full.X.cols,
        );
      this.keep(point);
    }
    if (traced && Number.isFinite(cost)) this.trace.push(this.withTest({ iteration: i, cost }));
    return true;
  }

  private keep(point: CostPoint): void {
    this.costs.push(point);
    this.o.onRecord?.(point);
  }

  /** Adds the cost on the test data, when there is some. */
  private withTest(p: CostPoint): CostPoint {
    if (this.test) p.testCost = forwardCost(this.net, this.test, this.k);
    return p;
  }

  /** Ends the run: the final cost, the weights copied back into the network trained. */
  finish(): TrainResult {
    let finalCost = NaN;
    if (this.stopReason !== 'diverged') {
      finalCost = forwardCost(this.net, this.full, this.k);
      if (!this.diverges(this.iteration, finalCost, true))
        this.trace.push(this.withTest({ iteration: this.iteration, cost: finalCost }));
    }
    // a diverged run's final cost is the last finite one it recorded
    if (this.stopReason === 'diverged') finalCost = this.costs.at(-1)?.cost ?? NaN;
    this.copyBack();
    return {
      costs: this.costs,
      diagnostics: this.diagnostics,
      trace: this.trace,
      finalCost,
      iterationsRun: this.iteration,
      stopReason: this.stopReason ?? 'completed',
      divergedAt: this.divergedAt,
      seconds: (performance.now() - this.start) / 1000,
    };
  }
}

/**
 * Trains `target` in place on `data` (X: n_0 × m, Y: 1 × m), in one go.
 * @throws UsageError when learningRate, iterations, recordEvery or batchSize is out of range
 * @throws DataError when X does not have the network's n_0 features or Y is not (1 × m)
 */
export function train(target: Network, data: Dataset, o: TrainOptions): TrainResult {
  const t = new Trainer(target, data, o);
  t.advance(Infinity);
  return t.finish();
}

/**
 * The same run in slices of about `sliceMs`, yielding to the event loop between them, so
 * signals (Ctrl-C) and other work get through; `shouldStop` is checked at each slice.
 * @throws UsageError and DataError as `train` does (the promise rejects)
 */
export async function trainAsync(
  target: Network,
  data: Dataset,
  o: TrainOptions & { sliceMs?: number },
): Promise<TrainResult> {
  const t = new Trainer(target, data, o);
  const slice = o.sliceMs ?? 50;
  // iterations per advance, sized from the last one (see nextSteps)
  let step = 1;
  while (!t.done) {
    const until = performance.now() + slice;
    for (;;) {
      const t0 = performance.now();
      const over = t.advance(step);
      const now = performance.now();
      step = nextSteps(step, now - t0, slice);
      if (over || now >= until) break;
    }
    await new Promise((r) => setTimeout(r, 0)); // a macrotask: lets signals and messages in (Node and browsers alike)
    if (o.shouldStop?.()) t.interrupt();
  }
  return t.finish();
}
