// How many iterations `trainAsync` runs between two looks at the clock.

/** An advance takes about 1/SLICE_PARTS of a slice, so the slice ends close to its time. */
export const SLICE_PARTS = 5;
/** The most iterations one advance may run, however fast they are. */
export const MAX_STEPS = 10_000;
/** The shortest time an iteration is taken to last (ms): a timer that read 0 does not give infinity. */
export const MIN_ITERATION_MS = 1e-4;

/**
 * The iterations of the next advance, from the last one (`steps` iterations in `elapsedMs`
 * milliseconds): as many as fill a fifth of a `sliceMs` slice, from 1 to 10,000. A wide
 * network's iteration can take 100 ms, where a fixed count would hold Ctrl-C for seconds.
 */
export function nextSteps(steps: number, elapsedMs: number, sliceMs: number): number {
  const perIteration = Math.max(elapsedMs / steps, MIN_ITERATION_MS);
  return Math.max(1, Math.min(MAX_STEPS, Math.floor(sliceMs / SLICE_PARTS / perIteration)));
}
