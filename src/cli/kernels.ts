// The kernels a command runs on: --backend picks the reference or the fast ones, and --threads
// how many cores the fast ones may use for wide layers (loaded only when more than one).
import { availableParallelism } from 'node:os';
import { UsageError } from '../errors.js';
import { getKernels, type BackendName } from '../nn/backends.js';
import type { Kernels } from '../nn/kernels.js';

/** The kernels to train on, and `close` to call when the command is done with them. */
export async function commandKernels(backend: string, threads: string | undefined): Promise<{ kernels: Kernels; threads: number; close(): void }> {
  if (!['auto', 'wasm', 'ts'].includes(backend)) throw new UsageError(`--backend must be auto, wasm or ts, got "${backend}"`);
  const n = threads === undefined ? availableParallelism() : Number(threads);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--threads must be a whole number from 1 to 256, got "${threads}"`);
  const kernels = getKernels(backend as BackendName | 'auto');
  if (kernels.name !== 'wasm' || n === 1) return { kernels, threads: 1, close() {} };
  const { createThreadedKernels } = await import('../node/threaded-kernels.js');
  const threaded = createThreadedKernels(n);
  return { kernels: threaded, threads: n, close: () => threaded.close() };
}
