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
  /** Checked as jobs finish: true stops handing out new ones (what ran is kept). */
  shouldStop?: () => boolean;
}

export async function runOnPool(tasks: SweepTask[], o: PoolOptions): Promise<{ rows: (SweepRow | undefined)[]; interrupted: boolean }> {
  const pool = new Piscina({ filename: new URL('./sweep-worker.js', import.meta.url).href, minThreads: o.workers, maxThreads: o.workers, idleTimeout: 1000, workerData: o.data });
  const rows: (SweepRow | undefined)[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  let interrupted = false;
  // each lane takes the next job when its last one finishes, so Ctrl-C stops within one job per lane
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      if (o.shouldStop?.()) {
        interrupted = true;
        return;
      }
      const i = next++;
      rows[i] = (await pool.run(tasks[i])) as SweepRow;
      o.onDone?.(++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.workers, tasks.length) }, lane));
  } finally {
    await pool.destroy();
  }
  return { rows, interrupted };
}
