// Stop requests (Ctrl-C, SIGTERM) as the work sees them. Signals reach only the main thread,
// and a JavaScript handler there cannot run while that thread is busy in synchronous code;
// so the command line does its work on a worker thread (cli/supervisor.ts) and the main
// thread, always free, writes the request into a shared flag that the work reads with
// Atomics at its checks, however deep in a synchronous loop it is. Without a supervisor
// (the library's callers, tests importing the commands), handlers on this thread set the flag.
import { isMainThread, workerData } from 'node:worker_threads';

/**
 * Values of the shared flag: no stop, a stop by SIGINT (Ctrl-C), by SIGTERM, or by SIGHUP
 * (the terminal closed, an ssh session dropped): each stops as cleanly as Ctrl-C.
 */
export const STOP_NONE = 0;
export const STOP_SIGINT = 1;
export const STOP_SIGTERM = 2;
export const STOP_SIGHUP = 3;

/** The signals that ask for a stop. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The flag value for a signal. */
export const flagFor = (signal: string): number =>
  signal === 'SIGTERM' ? STOP_SIGTERM : signal === 'SIGHUP' ? STOP_SIGHUP : STOP_SIGINT;

/** The exit code of a command stopped by this signal: 128 + its number, as shells report it. */
export const exitCodeFor = (flag: number): number =>
  flag === STOP_SIGTERM ? 143 : flag === STOP_SIGHUP ? 129 : 130;

/** The signal a flag value stands for. */
export const signalOf = (flag: number): string =>
  flag === STOP_SIGTERM ? 'SIGTERM' : flag === STOP_SIGHUP ? 'SIGHUP' : 'SIGINT';

/** The one-element Int32Array on a SharedArrayBuffer that the supervisor hands its worker. */
export interface SupervisedData {
  argv: string[];
  stop: Int32Array;
  /** Set to 1 by the worker when its command has files still to write (see stdout.ts). */
  filesPending: Int32Array;
  /**
   * Set to 1 by the worker when its work has read the stop (watchInterrupt's check said
   * true): it is ending cleanly, and the supervisor lets it finish writing what it has.
   */
  stopSeen?: Int32Array;
  /** Whether the supervisor's stdout / stderr are terminals, and their width. */
  tty: { stdout: boolean; stderr: boolean; columns?: number };
}

const supervised = (): SupervisedData | null => {
  const d = workerData as Partial<SupervisedData> | null;
  return !isMainThread && d && d.stop instanceof Int32Array && Array.isArray(d.argv)
    ? (d as SupervisedData)
    : null;
};

let flag: Int32Array | null = null;

function stopFlag(): Int32Array {
  if (flag) return flag;
  const s = supervised();
  if (s) {
    flag = s.stop;
    return flag;
  }
  // unsupervised: this thread's own handlers; a second signal ends the process at once
  flag = new Int32Array(new SharedArrayBuffer(4));
  const own = flag;
  const onSignal = (signal: NodeJS.Signals) => {
    if (Atomics.load(own, 0) !== STOP_NONE) process.exit(exitCodeFor(Atomics.load(own, 0)));
    Atomics.store(own, 0, flagFor(signal));
    process.stderr.write(`\n${stopMessage(signal)}\n`);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return flag;
}

/** What is printed when the first stop request arrives. */
export const stopMessage = (signal: string): string =>
  `interrupted (${signal}): finishing what is running, then stopping (Ctrl-C again to quit now)`;

/** Starts listening for stop requests; returns the check that long work calls (cheap: one atomic read). */
export function watchInterrupt(): () => boolean {
  const f = stopFlag();
  const seen = supervised()?.stopSeen;
  return () => {
    const stop = Atomics.load(f, 0) !== STOP_NONE;
    if (stop && seen) Atomics.store(seen, 0, 1);
    return stop;
  };
}

/** The exit code for a command that stopped on request (130 after Ctrl-C, 143 after SIGTERM). */
export function interruptExitCode(): number {
  return exitCodeFor(Atomics.load(stopFlag(), 0));
}

/** True once a stop was asked for (without starting to listen when nothing did yet). */
export function stopWasRequested(): boolean {
  const f = flag ?? supervised()?.stop;
  return !!f && Atomics.load(f, 0) !== STOP_NONE;
}

/**
 * What `--json` prints for a command stopped before it had a document of its own:
 * `{"interrupted": true, "signal": "SIGINT" | "SIGTERM" | "SIGHUP", "exitCode": 130 | 143 | 129, "message": ..., "runs": []}`.
 */
export const stoppedJson = (message: string, exitCode: number): string =>
  JSON.stringify({
    interrupted: true,
    signal: exitCode === 143 ? 'SIGTERM' : exitCode === 129 ? 'SIGHUP' : 'SIGINT',
    exitCode,
    message,
    runs: [],
  });
