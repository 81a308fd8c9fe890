// A stop during a reproduction. The reproductions are long synchronous loops over drawn
// networks; rather than thread a check through each one's every loop, the layer draw they all
// share (deep-net.ts) and he2015's training record call `checkReproductionStop`, which reads
// the check of the reproduction now running (set by `runStoppable`). A stop there throws
// StopRequested: the reproduction is abandoned whole, never judged on part of its data.
import { checkStop, type ShouldStop } from '../stop.js';

let current: ShouldStop | undefined;

/**
 * Runs `work` with `shouldStop` as the check `checkReproductionStop` reads.
 * @throws StopRequested from `work` when a stop was asked for while it ran
 */
export function runStoppable<T>(shouldStop: ShouldStop | undefined, work: () => T): T {
  const outer = current;
  current = shouldStop;
  try {
    return work();
  } finally {
    current = outer;
  }
}

/** @throws StopRequested when the running reproduction's check says stop. */
export function checkReproductionStop(): void {
  checkStop(current, 'the reproduction');
}
