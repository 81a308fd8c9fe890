// A worker thread of the sweep pool: runs grid points; the data of each SPEC is made once per thread.
import type { Dataset } from '../data/dataset.js';
import type { RunConfig } from '../experiments/run.js';
import { runSweepJob, type SweepJob, type SweepRow } from '../experiments/sweep.js';
import { loadData } from '../cli/setup.js';

export interface SweepTask {
  job: SweepJob;
  base: Omit<RunConfig, 'init' | 'seed' | 'learningRate'>;
  trainSpec: string;
  testSpec: string;
}

const cache = new Map<string, Dataset>();
const data = (spec: string) => {
  let d = cache.get(spec);
  if (!d) cache.set(spec, (d = loadData(spec)));
  return d;
};

export default function run(task: SweepTask): SweepRow {
  return runSweepJob(task.job, task.base, data(task.trainSpec), data(task.testSpec));
}
