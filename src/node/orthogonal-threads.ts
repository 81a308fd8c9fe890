// The orthogonal QR's block updates on more than one core (src/nn/orthogonal.ts shares each
// update out by rows through this): helper threads (kernel-thread.ts) run the shared-memory
// build of assembly/orthogonal.ts on the same memory as the caller. Each row's numbers are the
// same whichever thread computes it, so the draw is the same bit for bit as on one thread.
import { availableParallelism } from 'node:os';
import { ORTHOGONAL_SHARED_WASM_BASE64 } from '../generated/orthogonal-shared-wasm.js';
import type { OrthogonalThreads } from '../nn/orthogonal.js';
import * as kernelHelpers from './kernel-helpers.js';

/** Orthogonal-QR helper threads, and `close` to end them. */
export interface ClosableOrthogonalThreads extends OrthogonalThreads {
  /** Ends the helper threads (a later draw starts them again). */
  close(): void;
}

/**
 * Helper threads for orthogonal draws on `threads` threads in all (the caller's included;
 * default: every core). Nothing starts until a draw large enough to repay the start asks
 * (`ready`); helpers never keep the process alive.
 */
export function createOrthogonalThreads(
  threads: number = availableParallelism(),
): ClosableOrthogonalThreads {
  let module: WebAssembly.Module | undefined;
  let helpers: kernelHelpers.KernelHelper[] | null = null;
  let busy: { h: kernelHelpers.KernelHelper; job: number }[] = [];
  let seq = 0;
  // each draw's memory gets an id; a helper keeps only the latest one
  const ids = new WeakMap<WebAssembly.Memory, number>();
  let nextId = 1;
  return {
    get module() {
      module ??= new WebAssembly.Module(Buffer.from(ORTHOGONAL_SHARED_WASM_BASE64, 'base64'));
      return module;
    },
    memory(pages) {
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
      ids.set(memory, nextId++);
      return memory;
    },
    ready(start = true) {
      if (threads < 2 || (!helpers && !start)) return 1;
      helpers ??= kernelHelpers.startKernelHelpers(this.module, threads - 1);
      return helpers.length + 1;
    },
    start(t, memory, args) {
      const h = helpers?.[t - 1];
      const id = ids.get(memory);
      if (!h || id === undefined)
        throw new Error('orthogonal threads: start() needs ready() and a memory from memory()');
      // the helper lets go of the previous draw's memory before it takes this one
      for (const old of h.sent) if (old !== id) (h.post({ id: old }), h.sent.delete(old));
      kernelHelpers.startOnHelper(h, ++seq, 'applyBlock', { id, memory }, args);
      busy.push({ h, job: seq });
    },
    wait() {
      let failed = false;
      for (const { h, job } of busy) failed = kernelHelpers.waitForHelper(h, job) || failed;
      busy = [];
      if (failed) throw new Error('an orthogonal QR thread failed');
    },
    close() {
      for (const h of helpers ?? []) kernelHelpers.stopHelper(h, ++seq);
      helpers = null;
    },
  };
}
