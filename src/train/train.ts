// Full-batch gradient descent, the notebook's loop: forward, (cost when recorded),
// backward, update. Buffers are allocated once; the cost is only computed on the
// iterations that are recorded, and a non-finite cost or parameter stops the run.
import type { Dataset } from '../data/dataset.js';
import { UsageError } from '../errors.js';
import type { Kernels } from '../nn/kernels.js';
import { getKernels } from '../nn/backends.js';
import { naiveCrossEntropy, stableCrossEntropy } from '../nn/loss.js';
import { backward, forward, isFiniteNetwork, type Network, stage, updateNetwork } from '../nn/network.js';

export interface CostPoint {
  iteration: number;
  /** Cross-entropy computed from the logits (finite whenever the logits are). */
  cost: number;
  /** The notebook's formula on the probabilities; only when asked for (may be Infinity). */
  naiveCost?: number;
}

export interface TrainOptions {
  learningRate: number;
  iterations: number;
  /** Record the cost at iteration 0 and every `recordEvery` after it. */
  recordEvery: number;
  /** Also keep the cost every `traceEvery` iterations in `trace` (for plots; default: only the records). */
  traceEvery?: number;
  /** Also compute the notebook's naive cost at each record. */
  naiveLoss?: boolean;
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
  /** The cost every `traceEvery` iterations, plus the final cost at `iterationsRun`. */
  trace: CostPoint[];
  /** Cost of the final parameters (after the last update), stable formula; for a diverged run the last finite cost recorded. */
  finalCost: number;
  /** Iterations actually run. */
  iterationsRun: number;
  stopReason: StopReason;
  /** The iteration at which a non-finite cost or parameter was seen, when diverged. */
  divergedAt?: number;
  seconds: number;
}

export function checkTrainOptions(o: Pick<TrainOptions, 'learningRate' | 'iterations' | 'recordEvery'>): void {
  if (!(o.learningRate > 0) || !Number.isFinite(o.learningRate)) throw new UsageError(`learning rate must be a positive number, got ${o.learningRate}`);
  if (!Number.isInteger(o.iterations) || o.iterations < 1) throw new UsageError(`iterations must be an integer >= 1, got ${o.iterations}`);
  if (!Number.isInteger(o.recordEvery) || o.recordEvery < 1) throw new UsageError(`print-every must be an integer >= 1, got ${o.recordEvery}`);
}

function finiteSum(a: Float64Array): boolean {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j];
  return Number.isFinite(s);
}

/** Trains `target` in place on `data`. */
export function train(target: Network, data: Dataset, o: TrainOptions): TrainResult {
  checkTrainOptions(o);
  const start = performance.now();
  const k = o.kernels ?? getKernels(); // wasm SIMD where it runs, else the TypeScript reference
  // one arena per run: buffers, weights and data side by side, allocated once
  const staged = stage(target, data.X, data.Y, k);
  const { net, ws, X } = staged;
  const Y = staged.Y as NonNullable<typeof staged.Y>;
  const m = X.cols;
  const costs: CostPoint[] = [];
  const trace: CostPoint[] = [];
  const traceEvery = o.traceEvery ?? o.recordEvery;
  const progressEvery = o.progressEvery ?? 100;
  let stopReason: StopReason = 'completed';
  let divergedAt: number | undefined;
  let i = 0;
  for (; i < o.iterations; i++) {
    forward(net, X, ws, k);
    // divergence shows in the logits at once (m additions: cheap next to the forward pass)
    if (!finiteSum(ws.logits)) {
      stopReason = 'diverged';
      divergedAt = i;
      break;
    }
    const record = i % o.recordEvery === 0;
    if (!record && i % traceEvery === 0) {
      const cost = stableCrossEntropy(ws.logits, Y.data, m);
      if (Number.isFinite(cost)) trace.push({ iteration: i, cost });
    }
    if (record) {
      const point: CostPoint = { iteration: i, cost: stableCrossEntropy(ws.logits, Y.data, m) };
      if (o.naiveLoss) point.naiveCost = naiveCrossEntropy(ws.output, Y.data, m);
      if (!Number.isFinite(point.cost) || !isFiniteNetwork(net)) {
        stopReason = 'diverged';
        divergedAt = i;
        break;
      }
      costs.push(point);
      if (i % traceEvery === 0) trace.push({ iteration: i, cost: point.cost });
      o.onRecord?.(point);
    }
    backward(net, X, Y, ws, k);
    updateNetwork(net, ws, o.learningRate, k);
    if ((i + 1) % progressEvery === 0) {
      o.onProgress?.(i + 1);
      if (o.shouldStop?.()) {
        i++;
        stopReason = 'interrupted';
        break;
      }
    }
  }
  let finalCost = NaN;
  if (stopReason !== 'diverged') {
    forward(net, X, ws, k);
    finalCost = stableCrossEntropy(ws.logits, Y.data, m);
    if (!Number.isFinite(finalCost) || !isFiniteNetwork(net)) {
      stopReason = 'diverged';
      divergedAt = i;
    } else trace.push({ iteration: i, cost: finalCost });
  }
  if (stopReason === 'diverged') finalCost = costs.length ? costs[costs.length - 1].cost : NaN;
  staged.copyBack();
  return { costs, trace, finalCost, iterationsRun: i, stopReason, divergedAt, seconds: (performance.now() - start) / 1000 };
}
