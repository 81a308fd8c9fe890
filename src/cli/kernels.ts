// The kernels a command runs on: --backend picks the reference or the fast ones, and --threads
// how many cores the fast ones may use for wide layers (loaded only when more than one).
import { availableParallelism } from 'node:os';
import * as z from 'zod/mini';
import { getKernels } from '../nn/backends.js';
import type { Kernels } from '../nn/kernels.js';
import { checkedNumber, int, parseOrThrow } from '../validate.js';
import type { KernelFlags } from './flags.js';

const threadsSchema = z.optional(checkedNumber(int('--threads'), z.minimum(1, { message: '--threads must be a whole number from 1 to 256' }), z.maximum(256, { message: '--threads must be a whole number from 1 to 256' })));

/** The kernels to train on, and `close` to call when the command is done with them. */
export async function commandKernels(flags: KernelFlags): Promise<{ kernels: Kernels; threads: number; close(): void }> {
  const asked = parseOrThrow(threadsSchema, flags.threads, 'invalid option');
  // more threads than cores only take turns on them: the same numbers, more waiting
  const threads = Math.min(asked ?? availableParallelism(), availableParallelism());
  if (asked !== undefined && threads < asked) process.stderr.write(`initlab: --threads ${asked}: using ${threads} (the machine has ${threads} cores)\n`);
  const kernels = getKernels(flags.backend);
  if (kernels.name !== 'wasm' || threads === 1) return { kernels, threads: 1, close() {} };
  const { createThreadedKernels } = await import('../node/threaded-kernels.js');
  const threaded = createThreadedKernels(threads);
  return { kernels: threaded, threads, close: () => threaded.close() };
}
