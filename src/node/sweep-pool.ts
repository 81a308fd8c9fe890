// Runs sweep jobs on a pool of worker threads (piscina). The rows come back in grid order
// whatever the number of workers, so the numbers never depend on it.
import { Piscina } from 'piscina';
import type { SweepRow } from '../experiments/sweep.js';
import type { SweepData, SweepTask } from './sweep-worker.js';

export interface PoolOptions {
  workers: number;
  /** The training and test sets every job uses, handed to each worker once. */
  data: SweepData;
  onDone?: (done: number) => void;
  /** Polled every 50 ms: true ends the jobs under way (their threads are terminated) and starts no more; the finished ones are kept. */
  shouldStop?: () => boolean;
}

export async function runOnPool(
  tasks: SweepTask[],
  o: PoolOptions,
): Promise<{ rows: (SweepRow | undefined)[]; interrupted: boolean }> {
  const pool = new Piscina({
    filename: new URL('./sweep-worker.js', import.meta.url).href,
    minThreads: o.workers,
    maxThreads: o.workers,
    idleTimeout: 1000,
    workerData: o.data,
  });
  const rows: (SweepRow | undefined)[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  let interrupted = false;
  // a job can run for minutes: on a stop the pool is destroyed at once (its threads are
  // terminated mid-job), and the jobs under way are dropped rather than waited for
  let destroyed: Promise<void> | null = null;
  const destroy = () => (destroyed ??= pool.destroy());
  const poll = setInterval(() => {
    if (!interrupted && o.shouldStop?.()) {
      interrupted = true;
      void destroy();
    }
  }, 50);
  // each lane takes the next job when its last one finishes
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !interrupted) {
      if (o.shouldStop?.()) {
        interrupted = true; // asked before this job began: it never starts
        break;
      }
      const i = next++;
      try {
        rows[i] = (await pool.run(tasks[i])) as SweepRow;
      } catch (e) {
        if (interrupted) return; // terminated by the stop: the job did not finish
        throw e;
      }
      o.onDone?.(++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.workers, tasks.length) }, lane));
  } finally {
    clearInterval(poll);
    await destroy();
  }
  // interrupted means the grid is incomplete: a stop that came as the last job finished cut nothing
  return { rows, interrupted: interrupted && done < tasks.length };
}
