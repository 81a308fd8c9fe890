// The process's main thread: it runs the command on a worker thread and stays free for
// signals. A JavaScript signal handler cannot run while its thread is busy in synchronous
// code (a wide layer's product, an orthogonal initialization), so handling Ctrl-C on the
// thread doing the work would wait for that work. Here:
//   1st SIGINT / SIGTERM / SIGHUP: the shared stop flag is set; the work stops at its next
//     check, prints what finished and exits 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP);
//     a stop that finds the result already complete changes nothing: exit 0 (see 'exit');
//   2nd signal, or 1.7 s without an end: the process exits at once with that code (a
//     worker is ended with the process, even mid-loop). Nothing runs 2 s past a stop.
// Commands without long work (help, version, serve) run here directly, and so does `worker`.
import { Worker } from 'node:worker_threads';
import { shareFilesPending, watchStdout } from './stdout.js';
import {
  exitCodeFor,
  flagFor,
  signalOf,
  STOP_NONE,
  STOP_SIGNALS,
  stopMessage,
  stoppedJson,
  type SupervisedData,
} from './interrupt.js';

/** How long a stopped command may take to finish cleanly before the process ends anyway (ms). */
export const STOP_GRACE_MS = 1700;
/** How long a command that has seen the stop may take to write what it finished (ms from the signal). */
export const STOP_SEEN_LIMIT_MS = 30_000;

/** Commands run on this thread: the server and `worker` (each handles its own signals; a worker's cells run on threads of their own, and a stop waits for them) and help. */
const INLINE_COMMANDS = new Set(['serve', 'worker', 'help']);

/**
 * Catalogues (`init --list`, `data --list`, `reproduce --list`) print a fixed text: no work
 * to stop, so no worker thread, which costs 30 ms to start on an idle machine and 90 ms on a
 * busy one. (theory is not among them: --depth 10000 runs for minutes.)
 */
const CATALOGUE_COMMANDS = ['init', 'data', 'reproduce'];

/** True when the arguments ask for no long work: help, the version, a catalogue (--list), the commands above. */
function runsInline(argv: string[]): boolean {
  if (argv.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V'))
    return true;
  if (argv.includes('--list') && CATALOGUE_COMMANDS.includes(argv[0])) return true;
  return argv.length > 0 && INLINE_COMMANDS.has(argv[0]);
}

/** Runs `initlab argv` with the work on a worker thread; resolves when the worker has ended. */
export async function start(argv: string[]): Promise<void> {
  if (runsInline(argv)) {
    const { main } = await import('./main.js');
    return main(argv);
  }
  // the work's output passes through this thread's streams, so their errors (a closed pipe,
  // a full disk) arrive here, not on the worker
  const filesPending = new Int32Array(new SharedArrayBuffer(4));
  shareFilesPending(filesPending);
  watchStdout();
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const stopSeen = new Int32Array(new SharedArrayBuffer(4));
  const data: SupervisedData = {
    argv,
    stop,
    filesPending,
    stopSeen,
    tty: {
      stdout: !!process.stdout.isTTY,
      stderr: !!process.stderr.isTTY,
      columns: process.stderr.columns,
    },
  };
  // the worker's stdout is read here and always drained: after `| head` has gone, a run still
  // writing its report must never wait on a pipe nobody reads (stdout.ts drops what follows)
  const worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
    workerData: data,
    stdout: true,
  });
  let printed = false;
  worker.stdout.on('data', (chunk: Buffer) => {
    printed = true;
    process.stdout.write(chunk);
  });

  let signals = 0;
  let ended = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // after the command has ended its result is whole: a stop now has nothing left to stop
    if (ended) return;
    signals++;
    const code = exitCodeFor(Atomics.load(stop, 0) || flagFor(signal));
    if (signals > 1) {
      process.stderr.write(`\ninitlab: stopped at once (second ${signal})\n`);
      process.exit(code);
    }
    Atomics.store(stop, 0, flagFor(signal));
    Atomics.notify(stop, 0); // wakes a command held at a test pause (test-pause.ts)
    process.stderr.write(`\n${stopMessage(signal)}\n`);
    const giveUp = (message: string) => {
      process.stderr.write(`initlab: ${message}\n`);
      // --json promises a document on stdout: one that says the command was stopped
      if (!printed && argv.includes('--json'))
        process.stdout.write(`${stoppedJson(message, code)}\n`, () => process.exit(code));
      else process.exit(code);
    };
    setTimeout(() => {
      // the work read the stop (stopSeen) and is on its way out, writing what it finished:
      // that is a clean stop however long the writing takes (a report's figures), up to a limit
      if (Atomics.load(stopSeen, 0) === 1)
        setTimeout(
          () =>
            giveUp(
              `stopped: writing what was finished took longer than ${STOP_SEEN_LIMIT_MS / 1000} s after the stop, so it is lost`,
            ),
          STOP_SEEN_LIMIT_MS - STOP_GRACE_MS,
        ).unref();
      else
        giveUp(
          `stopped: the work did not reach a point where it could stop cleanly within ${(STOP_GRACE_MS / 1000).toFixed(1)} s, so what it was doing is lost`,
        );
    }, STOP_GRACE_MS).unref();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

  await new Promise<void>((resolve) => {
    worker.on('error', (e: Error & { code?: string }) => {
      // an exception the command did not catch, or the worker's heap exhausted
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      process.stderr.write(
        oom
          ? `initlab: ran out of memory (JavaScript heap); choose smaller sizes\n`
          : `initlab: internal error: ${e.message} (run with --debug for details, and please report it)\n`,
      );
      if (argv.includes('--debug') && e.stack) process.stderr.write(`${e.stack}\n`);
      process.exitCode = 1;
    });
    worker.on('exit', (code) => {
      ended = true;
      if (code !== 0 || !process.exitCode) process.exitCode = code || process.exitCode || 0;
      // One rule for every command: the exit code says whether the result is whole. A stop
      // the work honoured cut it short: the command set 130 / 143 / 129 itself (and --json
      // says "interrupted"). A stop that came after the result was complete (or during work
      // that could not stop and finished anyway) cut nothing: the command's own code stands.
      const flag = Atomics.load(stop, 0);
      if (flag !== STOP_NONE && process.exitCode === 0)
        process.stderr.write(
          `initlab: the ${signalOf(flag)} stopped nothing: the work had finished (or could not stop and finished), and its result is complete (exit 0)\n`,
        );
      resolve();
    });
  });
}
