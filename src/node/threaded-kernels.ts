// The wasm kernels on more than one core, for wide layers. Arenas live in shared memories;
// each large product (forward, backward, weight gradients) is cut into one share per thread:
// the main thread computes its own share while helper threads compute theirs, on the same
// memory. Shares are whole columns (examples) or whole rows of the result, and every kernel
// sums each element in the same order whatever its share, so the numbers are exactly those
// of the single-threaded kernels. Small products stay on the calling thread: waking a helper
// costs tens of microseconds, more than the notebook's whole iteration saves.
import { availableParallelism } from 'node:os';
import { KERNELS_SHARED_WASM_BASE64 } from '../generated/kernels-shared-wasm.js';
import type { Kernels } from '../nn/kernels.js';
import { createWasmKernels, type WasmExports } from '../nn/wasm-kernels.js';
import {
  type KernelHelper,
  startKernelHelpers,
  startOnHelper,
  stopHelper,
  waitForHelper,
} from './kernel-helpers.js';
import type { SharedKernel } from './kernel-thread-protocol.js';

/** Multiply-adds in a product below which it runs on one thread (about 0.1 ms of work). */
export const SPLIT_WORK = 1 << 21;
/** Largest memory a shared arena may have: the shared build's declared maximum (4 GiB). */
const MAX_PAGES = 65536;

let sharedModule: WebAssembly.Module | undefined;

/** Options of `createThreadedKernels`. */
export interface ThreadedKernelOptions {
  /** Multiply-adds from which a product is shared out (default SPLIT_WORK; 0: every product). */
  minWork?: number;
}

/** Kernels that share wide layers' products between threads, and own those threads. */
export interface ThreadedKernels extends Kernels {
  /** Threads a product is shared between (the caller's included). */
  readonly threads: number;
  /** Ends the helper threads; the kernels must not be used afterwards. */
  close(): void;
}

/**
 * Kernels that compute wide layers on `threads` threads (the caller's and `threads − 1`
 * helpers, started at the first product large enough to share). Call `close()` when done;
 * helpers never keep the process alive.
 */
export function createThreadedKernels(
  threads: number = availableParallelism(),
  options: ThreadedKernelOptions = {},
): ThreadedKernels {
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`threads must be a whole number >= 1, got ${threads}`);
  const minWork = options.minWork ?? SPLIT_WORK;
  sharedModule ??= new WebAssembly.Module(Buffer.from(KERNELS_SHARED_WASM_BASE64, 'base64'));
  const module = sharedModule;
  const arenaIds = new WeakMap<
    ArrayBufferLike,
    { id: number; x: WasmExports; memory: WebAssembly.Memory }
  >();
  let nextArena = 1;
  let helpers: KernelHelper[] | null = null;
  let seq = 0;
  // when an arena is collected, helpers that hold it let it go too
  const released = new FinalizationRegistry<number>((id) => {
    for (const h of helpers ?? []) if (h.sent.delete(id)) h.post({ id });
  });

  const base = createWasmKernels({
    module,
    memory: (pages) => {
      if (pages > MAX_PAGES)
        throw new Error(
          `an arena of ${pages} pages is over the shared memory's limit (${MAX_PAGES})`,
        );
      return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    },
    onArena: (memory, x, buffer) => {
      const id = nextArena++;
      arenaIds.set(buffer, { id, x, memory });
      released.register(buffer, id);
    },
  });

  /** Boundaries of `parts` shares of `total` columns or rows, multiples of 4 but for the last. */
  const bounds = (total: number, parts: number): number[] =>
    Array.from({ length: parts + 1 }, (_, t) =>
      t === parts ? total : Math.round((total * t) / parts / 4) * 4,
    );

  /**
   * Runs `kernel(...args, lo, hi)` on every thread, each on its share [lo, hi) of `total` columns
   * or rows: the helpers' shares through their control blocks, the first one here.
   */
  function shared(
    buffer: ArrayBufferLike,
    kernel: Exclude<SharedKernel, 'applyBlock'>,
    total: number,
    args: number[],
  ): void {
    const arena = arenaIds.get(buffer);
    if (!arena)
      throw new Error(
        'threaded kernels were given an array outside their arenas (allocate it with arena())',
      );
    helpers ??= startKernelHelpers(module, threads - 1);
    const b = bounds(total, helpers.length + 1);
    seq++;
    helpers.forEach((h, t) => startOnHelper(h, seq, kernel, arena, [...args, b[t + 1], b[t + 2]]));
    let failed = false;
    try {
      (arena.x[kernel] as (...a: number[]) => void)(...args, b[0], b[1]);
    } finally {
      // the helpers' shares are written into memory the caller reads next: wait for all of them
      for (const h of helpers) failed = waitForHelper(h, seq) || failed;
    }
    if (failed) throw new Error('a kernel thread failed');
  }

  return {
    ...base,
    threads,
    // products split by columns (examples) or, for weight gradients, by rows of dW
    linearForward(W, b, A, n, k, m, Z) {
      if (threads < 2 || n * k * m < minWork) return base.linearForward(W, b, A, n, k, m, Z);
      shared(W.buffer, 'linearForwardColumns', m, [
        W.byteOffset,
        b.byteOffset,
        A.byteOffset,
        n,
        k,
        m,
        Z.byteOffset,
      ]);
    },
    backwardLinear(W, dZ, n, k, m, dA) {
      if (threads < 2 || n * k * m < minWork) return base.backwardLinear(W, dZ, n, k, m, dA);
      shared(W.buffer, 'backwardLinearColumns', m, [
        W.byteOffset,
        dZ.byteOffset,
        n,
        k,
        m,
        dA.byteOffset,
      ]);
    },
    weightGradients(dZ, A, n, k, m, dW, db) {
      if (threads < 2 || n * k * m < minWork) return base.weightGradients(dZ, A, n, k, m, dW, db);
      shared(dZ.buffer, 'weightGradientsRows', n, [
        dZ.byteOffset,
        A.byteOffset,
        n,
        k,
        m,
        dW.byteOffset,
        db.byteOffset,
      ]);
    },
    close() {
      for (const h of helpers ?? []) stopHelper(h, ++seq);
      helpers = null;
    },
  };
}
