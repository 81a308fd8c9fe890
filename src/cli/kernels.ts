// The kernels a command runs on: --backend picks the reference or the fast ones, and --threads
// how many cores the fast ones may use for wide layers (loaded only when more than one).
import { availableParallelism } from 'node:os';
import { getKernels } from '../nn/backends.js';
import type { Kernels } from '../nn/kernels.js';
import { OPTIONS } from '../options.js';
import { readNumber } from '../validate.js';
import { type KernelFlags, OPTION_FLAGS } from './flags.js';

/** The kernels to train on, and `close` to call when the command is done with them. */
export async function commandKernels(flags: KernelFlags): Promise<{ kernels: Kernels; threads: number; close(): void }> {
  const asked = readNumber(OPTIONS.threads, flags.threads, OPTION_FLAGS.threads);
  // more threads than cores only take turns on them: the same numbers, more waiting
  const threads = Math.min(asked ?? availableParallelism(), availableParallelism());
  if (asked !== undefined && threads < asked) process.stderr.write(`initlab: --threads ${asked}: using ${threads} (the machine has ${threads} cores)\n`);
  const kernels = getKernels(flags.backend);
  if (kernels.name !== 'wasm' || threads === 1) return { kernels, threads: 1, close() {} };
  const { createThreadedKernels } = await import('../node/threaded-kernels.js');
  const threaded = createThreadedKernels(threads);
  return { kernels: threaded, threads, close: () => threaded.close() };
}
