// Full-batch gradient descent, the notebook's loop: forward, (cost when recorded),
// backward, update. Buffers are allocated once; the cost is only computed on the
// iterations that are recorded, and a non-finite cost or parameter stops the run.
import type { Dataset } from '../data/dataset.js';
import { fuseTraining } from '../nn/fused-training.js';
import type { FusedSteps, Kernels } from '../nn/kernels.js';
import { getKernels } from '../nn/backends.js';
import { naiveCrossEntropy, softplus, stableCrossEntropy } from '../nn/loss.js';
import { backward, forward, isFiniteNetwork, type Network, parameterCount, stage, Workspace } from '../nn/network.js';
import { Matrix } from '../nn/matrix.js';
import { createOptimizer, type Optimizer, type OptimizerSpec } from '../nn/optimizers.js';
import { RandomState } from '../rng/random-state.js';
import { type DiagnosticsPoint, layerStats } from './diagnostics.js';
import { OPTIONS } from '../options.js';
import { checkValue } from '../validate.js';
import { decayedRate, type LrDecay } from './lr-decay.js';

export interface CostPoint {
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

export interface TrainOptions {
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
  /** Seed of the mini-batch shuffles: epoch e is shuffled with RandomState(shuffleSeed + e) (default 0). */
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
  progressEvery?: number;
  /** Checked every `progressEvery` iterations; true stops the run there (e.g. on Ctrl-C). */
  shouldStop?: () => boolean;
}

export type StopReason = 'completed' | 'diverged' | 'interrupted';

export interface TrainResult {
  costs: CostPoint[];
  /** Per-layer statistics, when diagnosticsEvery was given. */
  diagnostics: DiagnosticsPoint[];
  /** The cost every `traceEvery` iterations, plus the final cost at `iterationsRun`. */
  trace: CostPoint[];
  /** Cost of the final parameters (after the last update), stable formula; for a diverged run the last finite cost recorded. */
  finalCost: number;
  /** Iterations actually run (epochs, with costReport `epoch-mean`). */
  iterationsRun: number;
  stopReason: StopReason;
  /** The iteration at which a non-finite cost or parameter was seen, when diverged. */
  divergedAt?: number;
  seconds: number;
}

/** The options' own schemas (src/options.ts), under the names TrainOptions gives them. @throws UsageError */
export function checkTrainOptions(o: Pick<TrainOptions, 'learningRate' | 'iterations' | 'recordEvery' | 'batchSize'>): void {
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

function finiteSum(a: Float64Array): boolean {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j];
  return Number.isFinite(s);
}

/** Copies the columns `idx[from..from+count)` of a row-major (rows × m) array into `out` (rows × count). */
function gatherColumns(src: Float64Array, rows: number, m: number, idx: number[], from: number, count: number, out: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const so = r * m;
    const oo = r * count;
    for (let c = 0; c < count; c++) out[oo + c] = src[so + idx[from + c]];
  }
}

/**
 * A training run that can be advanced in slices (so a caller can yield to the event
 * loop, for Ctrl-C or a page that must stay responsive) and finished at any point.
 */
export class Trainer {
  private readonly o: TrainOptions;
  private readonly k: Kernels;
  private readonly net: Network;
  private readonly X: Matrix;
  private readonly Y: Matrix;
  private readonly ws: Workspace;
  private readonly copyBack: () => void;
  private readonly optimizer: Optimizer;
  private readonly params: Float64Array[];
  private readonly start = performance.now();
  private readonly traceEvery: number;
  private readonly test?: { X: Matrix; Y: Matrix; ws: Workspace };
  // mini-batches (absent for full-batch gradient descent)
  private readonly batch?: { size: number; seed: number; X: Matrix[]; Y: Matrix[]; ws: Workspace[]; order: number[]; epoch: number; offset: number };
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
    const B = o.batchSize && o.batchSize < m ? o.batchSize : 0;
    this.batchesPerEpoch = B ? Math.ceil(m / B) : 1;
    this.perEpoch = o.costReport === 'epoch-mean' ? this.batchesPerEpoch : 1;
    this.steps = o.iterations * this.perEpoch;
    const sizes = target.W.flatMap((w, l) => [w.data.length, target.b[l].data.length]);
    const rest = B ? m % B : 0;
    const batchFloats = B ? Workspace.floats(dims, B) + (B * (dims[0] + 1)) + (rest ? Workspace.floats(dims, rest) + rest * (dims[0] + 1) : 0) : 0;
    const optimizerFloats = (o.optimizer?.name === 'adam' ? 2 : o.optimizer?.name === 'momentum' ? 1 : 0) * parameterCount(dims);
    const mt = o.testData?.X.cols ?? 0;
    const testFloats = mt ? Workspace.floats(dims, mt) + mt * (dims[0] + 1) : 0;
    // one arena per run: weights, data, buffers and optimizer state side by side, allocated once
    const staged = stage(target, data.X, data.Y, this.k, batchFloats + optimizerFloats + testFloats);
    this.net = staged.net;
    this.X = staged.X;
    this.Y = staged.Y as Matrix;
    this.ws = staged.ws;
    this.copyBack = staged.copyBack;
    this.params = this.net.W.flatMap((w, l) => [w.data, this.net.b[l].data]);
    this.optimizer = createOptimizer(o.optimizer ?? { name: 'gd' }, sizes, staged.alloc);
    // the notebook's case (full batch, gd at a fixed rate): fused iterations between the ones recorded
    const plain = !B && (o.optimizer?.name ?? 'gd') === 'gd' && !o.lrDecay && o.costReport !== 'epoch-mean';
    this.fused = plain ? fuseTraining(this.net, this.X, this.Y, this.ws, this.k) : null;
    if (o.testData) {
      const T = o.testData;
      const X = new Matrix(T.X.rows, T.X.cols, staged.alloc(T.X.data.length));
      X.data.set(T.X.data);
      const Y = new Matrix(1, T.Y.cols, staged.alloc(T.Y.cols));
      Y.data.set(T.Y.data);
      this.test = { X, Y, ws: new Workspace(dims, T.X.cols, staged.alloc) };
    }
    if (B) {
      const counts = rest ? [B, rest] : [B];
      this.batch = {
        size: B,
        seed: o.shuffleSeed ?? 0,
        X: counts.map((c) => new Matrix(dims[0], c, staged.alloc(dims[0] * c))),
        Y: counts.map((c) => new Matrix(1, c, staged.alloc(c))),
        ws: counts.map((c) => new Workspace(dims, c, staged.alloc)),
        order: [],
        epoch: -1,
        offset: m, // forces a shuffle before the first batch
      };
    }
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

  private diverged(at: number): void {
    this.stopReason = 'diverged';
    this.divergedAt = at;
  }

  /** The cost of the current weights on the whole training set (forward pass into the full workspace). */
  private fullCost(): number {
    forward(this.net, this.X, this.ws, this.k);
    return stableCrossEntropy(this.ws.logits, this.Y.data, this.X.cols);
  }

  /** The next mini-batch, reshuffling with RandomState(shuffleSeed + epoch) at each epoch. */
  private nextBatch(): { X: Matrix; Y: Matrix; ws: Workspace } {
    const b = this.batch!;
    const m = this.X.cols;
    if (b.offset >= m) {
      b.epoch++;
      b.order = new RandomState((b.seed + b.epoch) % 4294967296).permutation(m);
      b.offset = 0;
    }
    const count = Math.min(b.size, m - b.offset);
    const slot = count === b.size ? 0 : 1;
    gatherColumns(this.X.data, this.X.rows, m, b.order, b.offset, count, b.X[slot].data);
    gatherColumns(this.Y.data, 1, m, b.order, b.offset, count, b.Y[slot].data);
    b.offset += count;
    return { X: b.X[slot], Y: b.Y[slot], ws: b.ws[slot] };
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
      if (this.fused && !record && !traced && !(o.diagnosticsEvery && i % o.diagnosticsEvery === 0)) {
        if (!this.runFused(end, progressEvery)) break;
        continue;
      }
      let X = this.X, Y = this.Y, ws = this.ws;
      if (this.batch) {
        if (record || traced) {
          const cost = this.fullCost();
          if (!this.recordCost(i, cost, record, traced)) break;
        }
        ({ X, Y, ws } = this.nextBatch());
        forward(net, X, ws, k);
        if (!finiteSum(ws.logits)) { this.diverged(this.iteration); break; }
        if (epochMean) this.addToEpoch(ws, Y);
      } else {
        forward(net, X, ws, k);
        // divergence shows in the logits at once (m additions: cheap next to the forward pass)
        if (!finiteSum(ws.logits)) { this.diverged(i); break; }
        if (epochMean) this.addToEpoch(ws, Y);
        else if ((record || traced) && !this.recordCost(i, stableCrossEntropy(ws.logits, Y.data, X.cols), record, traced)) break;
      }
      backward(net, X, Y, ws, k);
      if (o.diagnosticsEvery && i % o.diagnosticsEvery === 0) this.diagnostics.push({ iteration: i, layers: layerStats(net, ws) });
      this.optimizer.step(this.params, ws.gradients, this.rateAt(i), k);
      this.i = i + 1;
      if (epochMean && this.i % this.perEpoch === 0 && !this.endEpoch(this.i / this.perEpoch - 1)) break;
      if (this.i % (progressEvery * this.perEpoch) === 0) {
        o.onProgress?.(this.iteration);
        if (o.shouldStop?.()) this.interrupt();
      }
    }
    return this.done;
  }

  /** The iterations up to the next record, trace, diagnostics or progress report, in one fused call; false when the run diverged. */
  private runFused(end: number, progressEvery: number): boolean {
    const i = this.i;
    const next = (every: number) => (every > 0 ? (Math.floor(i / every) + 1) * every : Infinity);
    const stop = Math.min(end, next(this.o.recordEvery), next(this.traceEvery), next(this.o.diagnosticsEvery ?? 0), next(progressEvery));
    this.i = i + this.fused!.run(stop - i, this.o.learningRate);
    if (this.i < stop) {
      this.diverged(this.i);
      return false;
    }
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
  private addToEpoch(ws: Workspace, Y: Matrix): void {
    this.epochSum += stableCostSum(ws.logits, Y.data, Y.cols);
    if (this.o.naiveLoss) this.epochNaiveSum += naiveCostSum(ws.output, Y.data, Y.cols);
  }

  /** Closes epoch `e` of an epoch-mean run: records its mean cost when due; false when the run diverged. */
  private endEpoch(e: number): boolean {
    const m = this.X.cols;
    const cost = this.epochSum / m;
    const naive = this.epochNaiveSum / m;
    this.epochSum = 0;
    this.epochNaiveSum = 0;
    const record = e % this.o.recordEvery === 0;
    const traced = e % this.traceEvery === 0;
    if (record) {
      // the epoch's costs were taken before its updates: a blow-up in them shows in the next epoch's logits
      if (!Number.isFinite(cost)) {
        this.diverged(e);
        return false;
      }
      const point: CostPoint = { iteration: e, cost };
      if (this.o.naiveLoss) point.naiveCost = naive;
      if (this.o.lrDecay) point.learningRate = this.rateAt((e + 1) * this.batchesPerEpoch);
      this.costs.push(point);
      this.o.onRecord?.(point);
    }
    if (traced && Number.isFinite(cost)) this.trace.push(this.withTest({ iteration: e, cost }));
    return true;
  }

  /** Keeps a cost (record and/or trace); false when the run diverged here. */
  private recordCost(i: number, cost: number, record: boolean, traced: boolean): boolean {
    if (record) {
      if (!Number.isFinite(cost) || !isFiniteNetwork(this.net)) {
        this.diverged(i);
        return false;
      }
      const point: CostPoint = { iteration: i, cost };
      if (this.o.lrDecay) point.learningRate = this.rateAt(i);
      if (this.o.naiveLoss) {
        if (this.batch) forward(this.net, this.X, this.ws, this.k); // the full-set forward pass the naive loss reads
        point.naiveCost = naiveCrossEntropy(this.ws.output, this.Y.data, this.X.cols);
      }
      this.costs.push(point);
      this.o.onRecord?.(point);
    }
    if (traced && Number.isFinite(cost)) this.trace.push(this.withTest({ iteration: i, cost }));
    return true;
  }

  /** Adds the cost on the test data, when there is some. */
  private withTest(p: CostPoint): CostPoint {
    if (this.test) {
      forward(this.net, this.test.X, this.test.ws, this.k);
      p.testCost = stableCrossEntropy(this.test.ws.logits, this.test.Y.data, this.test.X.cols);
    }
    return p;
  }

  /** Ends the run: the final cost, the weights copied back into the network trained. */
  finish(): TrainResult {
    let finalCost = NaN;
    if (this.stopReason !== 'diverged') {
      finalCost = this.fullCost();
      if (!Number.isFinite(finalCost) || !isFiniteNetwork(this.net)) this.diverged(this.iteration);
      else this.trace.push(this.withTest({ iteration: this.iteration, cost: finalCost }));
    }
    if (this.stopReason === 'diverged') finalCost = this.costs.length ? this.costs[this.costs.length - 1].cost : NaN;
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

/** Trains `target` in place on `data`, in one go. */
export function train(target: Network, data: Dataset, o: TrainOptions): TrainResult {
  const t = new Trainer(target, data, o);
  t.advance(Infinity);
  return t.finish();
}

/**
 * The same run in slices of about `sliceMs`, yielding to the event loop between them, so
 * signals (Ctrl-C) and other work get through; `shouldStop` is checked at each slice.
 */
export async function trainAsync(target: Network, data: Dataset, o: TrainOptions & { sliceMs?: number }): Promise<TrainResult> {
  const t = new Trainer(target, data, o);
  const slice = o.sliceMs ?? 50;
  // Iterations per advance, sized from the last one to take about a fifth of a slice: a wide
  // network's iteration can take 100 ms, and a fixed count would hold Ctrl-C for seconds.
  let step = 1;
  while (!t.done) {
    const until = performance.now() + slice;
    for (;;) {
      const t0 = performance.now();
      const over = t.advance(step);
      const now = performance.now();
      step = Math.max(1, Math.min(10_000, Math.floor(slice / 5 / Math.max((now - t0) / step, 1e-4))));
      if (over || now >= until) break;
    }
    await new Promise((r) => setTimeout(r, 0)); // a macrotask: lets signals and messages in (Node and browsers alike)
    if (o.shouldStop?.()) t.interrupt();
  }
  return t.finish();
}
