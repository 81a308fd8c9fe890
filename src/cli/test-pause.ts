// TEST-ONLY: holds a command at a known point until a stop arrives, so a test can deliver
// Ctrl-C exactly there instead of guessing with a timer. Nothing happens unless the
// environment variable INITLAB_TEST_PAUSE names the point:
//   start   before the command reads its arguments: a stop there lands before any work;
//   output  at the command's first write to stdout: with --json that is its finished
//           document, so a stop there lands after the result is complete.
// At the point the command writes `initlab-test: paused at POINT` on stderr, then waits (at
// most TEST_PAUSE_MS) for the supervisor to set the shared stop flag; the signal's own
// handling is untouched. Only a supervised command (bin/initlab.js, the work on a worker
// thread) can wait: elsewhere the signal's handler would run on the waiting thread itself.
import { STOP_NONE } from './interrupt.js';

/** The points a test can pause at. */
export type TestPausePoint = 'start' | 'output';

/** The longest a paused command waits for its stop (ms): a test that never sends one still ends. */
export const TEST_PAUSE_MS = 30_000;

/** The point INITLAB_TEST_PAUSE names, if any. */
export const testPausePoint = (): TestPausePoint | undefined => {
  const v = process.env.INITLAB_TEST_PAUSE;
  return v === 'start' || v === 'output' ? v : undefined;
};

/** Says it is paused at `point`, then blocks until `stop` holds a stop request (or TEST_PAUSE_MS pass). */
export function pauseUntilStopped(point: TestPausePoint, stop: Int32Array): void {
  process.stderr.write(`initlab-test: paused at ${point}\n`);
  Atomics.wait(stop, 0, STOP_NONE, TEST_PAUSE_MS);
}

/** Pauses at the first write to stdout (the `output` point), once. */
export function pauseAtFirstOutput(stop: Int32Array): void {
  const write = process.stdout.write.bind(process.stdout);
  let paused = false;
  process.stdout.write = ((...args: Parameters<typeof write>) => {
    if (!paused) {
      paused = true;
      pauseUntilStopped('output', stop);
    }
    return write(...args);
  }) as typeof process.stdout.write;
}
