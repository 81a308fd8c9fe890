// Stopping long synchronous work on request. The core cannot see signals; callers hand it a
// `shouldStop` check (the CLI's reads a flag another thread sets, see cli/interrupt.ts), and
// work that has nothing useful to show before it ends throws StopRequested at its next check.

/** A check that long work calls between steps; true means: stop as soon as you can. */
export type ShouldStop = () => boolean;

/** Thrown by work stopped before it had a result (an initialization, a gradient check, a probe). */
export class StopRequested extends Error {
  constructor(what: string) {
    super(`stopped during ${what}; nothing was finished`);
    this.name = 'StopRequested';
  }
}

/** Throws StopRequested when `shouldStop` says so. */
export function checkStop(shouldStop: ShouldStop | undefined, what: string): void {
  if (shouldStop?.()) throw new StopRequested(what);
}
