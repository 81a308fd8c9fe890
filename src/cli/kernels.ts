// The kernels a command runs on: --backend picks the reference or the fast ones, and --threads
// how many cores the fast ones may use for wide layers (loaded only when more than one).
import { availableParallelism } from 'node:os';
import { getKernels } from '../nn/backends.js';
import { type Kernels, makeTsKernels } from '../nn/kernels.js';
import { StopRequested } from '../stop.js';
import { shareOrthogonalWork } from '../nn/orthogonal.js';
import { createOrthogonalThreads } from '../node/orthogonal-threads.js';
import { watchInterrupt } from './interrupt.js';

/**
 * How long a stop may wait for the TypeScript kernels' product under way to end (ms). Up to
 * this, the iteration is left to finish, so a run stopped between two iterations keeps its
 * final numbers; past it, the product is abandoned: the supervisor ends the process 1.7 s
 * after a stop, and the command needs the rest to print what finished (its --json object).
 */
export const PRODUCT_STOP_MS = 600;

/**
 * The check the TypeScript kernels call once per row of a product: it throws StopRequested
 * once a stop has been pending for PRODUCT_STOP_MS. One atomic read while nothing is asked.
 */
function productStopCheck(): () => void {
  const shouldStop = watchInterrupt();
  let since = 0;
  return () => {
    if (!shouldStop()) return;
    const now = performance.now();
    since ||= now;
    if (now - since > PRODUCT_STOP_MS) throw new StopRequested('a training iteration');
  };
}
import { OPTIONS } from '../options.js';
import { readNumber } from '../validate.js';
import { type KernelFlags, OPTION_FLAGS } from './flags.js';

/** The kernels to train on, and `close` to call when the command is done with them. */
export async function commandKernels(
  flags: KernelFlags,
): Promise<{ kernels: Kernels; threads: number; close(): void }> {
  const asked = readNumber(OPTIONS.threads, flags.threads, OPTION_FLAGS.threads);
  // more threads than cores only take turns on them: the same numbers, more waiting
  const threads = Math.min(asked ?? availableParallelism(), availableParallelism());
  if (asked !== undefined && threads < asked)
    process.stderr.write(
      `initlab: --threads ${asked}: using ${threads} (the machine has ${threads} cores)\n`,
    );
  drawOrthogonalOn(threads);
  const chosen = getKernels(flags.backend);
  const kernels = chosen.name === 'ts' ? makeTsKernels(productStopCheck()) : chosen;
  if (kernels.name !== 'wasm' || threads === 1) return { kernels, threads: 1, close() {} };
  const { createThreadedKernels } = await import('../node/threaded-kernels.js');
  const threaded = createThreadedKernels(threads);
  return { kernels: threaded, threads, close: () => threaded.close() };
}

/**
 * Large orthogonal draws of this process share their QR's block updates between `threads`
 * threads (the helpers start at the first draw big enough to gain from them).
 */
export function drawOrthogonalOn(threads: number = availableParallelism()): void {
  shareOrthogonalWork(threads > 1 ? createOrthogonalThreads(threads) : null);
}
