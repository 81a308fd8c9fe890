// The worker thread the supervisor (cli/supervisor.ts) runs a command on. Its stdout and
// stderr are piped to the main thread's; the exit code is the command's.
import { workerData } from 'node:worker_threads';
import type { SupervisedData } from './interrupt.js';
import { main } from './main.js';
import { shareFilesPending } from './stdout.js';
import { pauseAtFirstOutput, pauseUntilStopped, testPausePoint } from './test-pause.js';

const { argv, tty, filesPending, stop } = workerData as SupervisedData;
shareFilesPending(filesPending); // a closed stdout is seen by the supervisor, which must know files are still to come
// a worker's streams are pipes to the main thread: say what they end in, for the progress bar
if (tty.stderr) Object.assign(process.stderr, { isTTY: true, columns: tty.columns ?? 80 });
if (tty.stdout) Object.assign(process.stdout, { isTTY: true });
// tests only (INITLAB_TEST_PAUSE): wait for a stop at a known point
const pause = testPausePoint();
if (pause === 'start') pauseUntilStopped('start', stop);
if (pause === 'output') pauseAtFirstOutput(stop);
await main(argv);
