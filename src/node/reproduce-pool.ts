// Runs a split reproduction's tasks on worker threads (piscina), one per core by default:
// he2015's twelve training runs are independent, so two cores take about half the time. The
// results are put back in task order, so the verdict never depends on the number of threads.
import { Piscina } from 'piscina';
import { reproductionResult } from '../reproduce/registry.js';
import type { Reproduction, ReproductionResult } from '../reproduce/result.js';
import type { ReproduceTask } from './reproduce-worker.js';
import { type ShouldStop, StopRequested } from '../stop.js';

/** How often the waiting thread looks at the stop check while the pool works (ms). */
const STOP_POLL_MS = 50;

/**
 * Runs `r` with its tasks spread over `workers` threads; `r` must have `split`.
 * @throws StopRequested when `shouldStop` says stop while the tasks run (their threads are ended)
 */
export async function runReproductionOnPool(
  r: Reproduction,
  o: { quick: boolean; seed: number },
  workers: number,
  shouldStop?: ShouldStop,
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
  // this thread only waits, so it can watch for a stop and end the pool's threads at once
  const abort = new AbortController();
  const watch = setInterval(() => {
    if (shouldStop?.()) abort.abort();
  }, STOP_POLL_MS);
  try {
    const done = await Promise.all(
      tasks.map((task) =>
        pool.run({ name: r.name, task } satisfies ReproduceTask, { signal: abort.signal }),
      ),
    );
    return reproductionResult(r, o, split.conclude(o, done), (performance.now() - t0) / 1000);
  } catch (e) {
    if (abort.signal.aborted) throw new StopRequested(`the reproduction ${r.name}`);
    throw e;
  } finally {
    clearInterval(watch);
    await pool.destroy();
  }
}
