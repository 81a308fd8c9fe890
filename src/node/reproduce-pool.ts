// Runs a split reproduction's tasks on worker threads (piscina), one per core by default:
// he2015's twelve training runs are independent, so two cores take about half the time. The
// results are put back in task order, so the verdict never depends on the number of threads.
import { Piscina } from 'piscina';
import { reproductionResult } from '../reproduce/registry.js';
import type { Reproduction, ReproductionResult } from '../reproduce/result.js';
import type { ReproduceTask } from './reproduce-worker.js';

/** Runs `r` with its tasks spread over `workers` threads; `r` must have `split`. */
export async function runReproductionOnPool(
  r: Reproduction,
  o: { quick: boolean; seed: number },
  workers: number,
): Promise<ReproductionResult> {
  const split = r.split!;
  const t0 = performance.now();
  const tasks = split.tasks(o);
  const pool = new Piscina({
    filename: new URL('./reproduce-worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
  });
  try {
    const done = await Promise.all(
      tasks.map((task) => pool.run({ name: r.name, task } satisfies ReproduceTask)),
    );
    return reproductionResult(r, o, split.conclude(o, done), (performance.now() - t0) / 1000);
  } finally {
    await pool.destroy();
  }
}
