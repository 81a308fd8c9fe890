// Standard output as a place results go: a closed pipe ends the program quietly (as Unix
// tools do), a full disk or a closed descriptor is a named failure, never a stack trace
// and never a silent exit 0 with nothing written.
import { readFileSync, readlinkSync } from 'node:fs';
import { FileError } from '../errors.js';
import { describeSystemError } from '../node/fs-errors.js';

let watching = false;
let filesPending = false;
/** Shared between the supervisor and the worker thread that runs the command (cli/supervisor.ts). */
let sharedPending: Int32Array | null = null;

/** The flag the worker sets and the supervisor (whose stdout the pipe errors reach) reads. */
export function shareFilesPending(flag: Int32Array): void {
  sharedPending = flag;
}

/**
 * For a command that will write files (a report, a model): when the reader of stdout goes
 * away (`initlab train | head -1`), the run goes on without printing and still writes them,
 * rather than ending with exit 0 and nothing saved.
 */
export function keepRunningWithoutStdout(): void {
  filesPending = true;
  if (sharedPending) Atomics.store(sharedPending, 0, 1);
}

const pending = () =>
  filesPending || (sharedPending !== null && Atomics.load(sharedPending, 0) === 1);

/** Turns a failed write to stdout into one line on stderr (exit 1); EPIPE exits quietly (0), or goes on silently when files are still to be written. */
export function watchStdout(): void {
  if (watching) return;
  watching = true;
  process.stderr.on('error', () => {}); // `2>&1 | true`: nowhere left to say anything; the exit code still tells
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' && pending()) {
      // what is still printed has no reader: drop it, and let the run finish its files
      process.stdout.write = ((...args: unknown[]) => {
        const done = args.find((a) => typeof a === 'function') as (() => void) | undefined;
        if (done) queueMicrotask(done);
        return true;
      }) as typeof process.stdout.write;
      return;
    }
    if (e.code === 'EPIPE') process.exit(0); // `initlab data --csv | head`: the reader has what it wanted
    try {
      process.stderr.write(`initlab: cannot write to standard output: ${describeSystemError(e)}\n`);
    } finally {
      process.exit(1);
    }
  });
}

/**
 * Was standard output closed when initlab started (`>&-`)? Node then puts /dev/null, opened
 * read-write, on descriptor 1; a shell's `> /dev/null` opens it write-only. Linux only
 * (it reads /proc); elsewhere the answer is no.
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    return !!flags && (parseInt(flags[1], 8) & 3) === 2; // O_RDWR
  } catch {
    return false;
  }
}

/** For commands whose only result is what they print: refuse to run with stdout closed (FileError). */
export function requireStdout(what: string): void {
  if (stdoutWasClosed())
    throw new FileError(
      `standard output is closed, so ${what} would go nowhere; redirect it to a file (or to /dev/null to discard it)`,
    );
}
