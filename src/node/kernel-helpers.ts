// Helper threads that run wasm kernels on shared memories (kernel-thread.ts is their body):
// starting them, handing one a job through its control block, and waiting for it. Used by the
// threaded training kernels (threaded-kernels.ts) and the threaded orthogonal QR
// (orthogonal-threads.ts). The caller blocks while it waits (Atomics.wait): the kernels are
// synchronous calls, and Node lets the main thread wait.
import { MessageChannel, Worker } from 'node:worker_threads';
import {
  ARGS_OFFSET,
  type ArenaMessage,
  CONTROL_BYTES,
  SHARED_KERNELS,
  type SharedKernel,
  Slot,
  STOP,
} from './kernel-thread-protocol.js';

/** How long a helper may take to start before the work stays on one thread. */
const START_TIMEOUT_MS = 30_000;

/** One helper thread and its control block. */
export interface KernelHelper {
  worker: Worker;
  ctl: Int32Array;
  args: Float64Array;
  /** Posts a memory to instantiate on (or, without one, one to forget). */
  post(message: ArenaMessage): void;
  /** Ids of the memories this helper holds. */
  sent: Set<number>;
}

/**
 * Starts `count` helpers running `module` (a shared-memory build) and waits until each is
 * ready; an empty list (and a warning) when they do not start within 30 s, so the caller
 * keeps the work on its own thread. Helpers never keep the process alive.
 */
export function startKernelHelpers(module: WebAssembly.Module, count: number): KernelHelper[] {
  const started = Array.from({ length: count }, () => {
    const control = new SharedArrayBuffer(CONTROL_BYTES);
    const { port1, port2 } = new MessageChannel();
    // execArgv: [] so that flags of the parent (-e, --input-type, ...) never reach the helper
    const worker = new Worker(new URL('./kernel-thread.js', import.meta.url), {
      workerData: { module, control, port: port2 },
      transferList: [port2],
      execArgv: [],
    });
    worker.unref(); // a run's end is the process's end: helpers never hold it open
    worker.on('error', () => {}); // a failed start is handled below, by the ready flag
    port1.unref();
    return {
      worker,
      ctl: new Int32Array(control, 0, ARGS_OFFSET / 4),
      args: new Float64Array(control, ARGS_OFFSET),
      post: (m: ArenaMessage) => port1.postMessage(m),
      sent: new Set<number>(),
    };
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  const ready = started.every(
    (h) =>
      Atomics.load(h.ctl, Slot.Ready) === 1 ||
      Atomics.wait(h.ctl, Slot.Ready, 0, Math.max(0, deadline - Date.now())) !== 'timed-out',
  );
  if (ready) return started;
  for (const h of started) void h.worker.terminate();
  process.emitWarning(
    `initlab: the kernel threads did not start within ${START_TIMEOUT_MS / 1000} s; the work runs on one thread`,
  );
  return [];
}

/**
 * Hands `h` job number `seq`: `kernel(...args)` on the memory `arena` (sent to it beforehand
 * with the id `arena.id`). Returns at once; `waitForHelper` waits for the job to end.
 */
export function startOnHelper(
  h: KernelHelper,
  seq: number,
  kernel: SharedKernel,
  arena: { id: number; memory: WebAssembly.Memory },
  args: number[],
): void {
  if (!h.sent.has(arena.id)) {
    h.post({ id: arena.id, memory: arena.memory });
    h.sent.add(arena.id);
  }
  h.args.set(args);
  h.ctl[Slot.ArgCount] = args.length;
  h.ctl[Slot.Op] = SHARED_KERNELS.indexOf(kernel) + 1;
  h.ctl[Slot.Arena] = arena.id;
  Atomics.store(h.ctl, Slot.Seq, seq); // publishes the arguments above
  Atomics.notify(h.ctl, Slot.Seq);
}

/** Waits until `h` has finished job `seq`; true when that job threw. */
export function waitForHelper(h: KernelHelper, seq: number): boolean {
  for (let d = Atomics.load(h.ctl, Slot.Done); d !== seq; d = Atomics.load(h.ctl, Slot.Done))
    Atomics.wait(h.ctl, Slot.Done, d);
  return h.ctl[Slot.Failed] === 1;
}

/** Ends `h` (its next job is the stop). */
export function stopHelper(h: KernelHelper, seq: number): void {
  h.ctl[Slot.Op] = STOP;
  Atomics.store(h.ctl, Slot.Seq, seq);
  Atomics.notify(h.ctl, Slot.Seq);
}
