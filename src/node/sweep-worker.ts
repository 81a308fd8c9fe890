// A worker thread of the sweep pool: runs grid points on the data the pool was started with.
// The data arrives made (as plain arrays in workerData), so a worker loads only the training
// code, not the parsers and validators that made it: that halves a worker's start-up.
import { workerData } from 'node:worker_threads';
import type { Dataset } from '../data/dataset.js';
import type { RunConfig } from '../experiments/run.js';
import { runSweepJob, type SweepJob, type SweepRow } from '../experiments/sweep.js';
import { Matrix } from '../linalg/matrix.js';

export interface SweepTask {
  job: SweepJob;
  base: Omit<RunConfig, 'init' | 'seed' | 'learningRate'>;
}

/** A dataset as it crosses to a worker (class instances arrive as plain objects). */
export interface PlainDataset {
  X: { rows: number; cols: number; data: Float64Array };
  Y: { rows: number; cols: number; data: Float64Array };
}
export interface SweepData {
  train: PlainDataset;
  /** null: the sweep has no test set. */
  test: PlainDataset | null;
}

const revive = (d: PlainDataset): Dataset => ({
  X: new Matrix(d.X.rows, d.X.cols, d.X.data),
  Y: new Matrix(d.Y.rows, d.Y.cols, d.Y.data),
});
const { train, test } = workerData as SweepData;
const data = { train: revive(train), test: test ? revive(test) : null };

export default function run(task: SweepTask): SweepRow {
  return runSweepJob(task.job, task.base, data.train, data.test);
}
