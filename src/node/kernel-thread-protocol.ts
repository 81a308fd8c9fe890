// The control block the threaded kernels share with each helper thread: a few Int32 slots the
// two sides wait on and signal with Atomics, followed by the job's arguments as float64s.
import type { WasmExports } from '../nn/wasm-kernels.js';

/** Int32 slots of the control block. */
export const Slot = {
  /** Job number, raised by the main thread to start a job. */
  Seq: 0,
  /** Job number the helper finished last. */
  Done: 1,
  Op: 2,
  Arena: 3,
  /** How many arguments follow. */
  ArgCount: 6,
  /** 1 when the helper's last job threw. */
  Failed: 4,
  /** 1 once the helper waits for jobs. */
  Ready: 5,
} as const;

/**
 * What a job asks of the helper: Op 0 stops it, Op i > 0 runs the kernel SHARED_KERNELS[i - 1]
 * on the arguments (each thread's share of columns or rows among them).
 */
export const STOP = 0;
export const SHARED_KERNELS = [
  'linearForwardColumns',
  'backwardLinearColumns',
  'weightGradientsRows',
  // the orthogonal QR's block update (assembly/orthogonal.ts), on its own module
  'applyBlock',
] as const satisfies readonly (keyof WasmExports | 'applyBlock')[];
export type SharedKernel = (typeof SHARED_KERNELS)[number];

/** Bytes before the arguments (16 Int32 slots). */
export const ARGS_OFFSET = 64;
/** Bytes of a whole control block: the slots and up to 16 arguments. */
export const CONTROL_BYTES = ARGS_OFFSET + 16 * 8;

/** Posted to a helper: an arena's memory to instantiate on, or (no memory) the arena is gone. */
export interface ArenaMessage {
  id: number;
  memory?: WebAssembly.Memory;
}
