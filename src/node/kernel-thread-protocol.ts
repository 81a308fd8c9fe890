// The control block the threaded kernels share with each helper thread: a few Int32 slots the
// two sides wait on and signal with Atomics, followed by the job's arguments as float64s.

/** Int32 slots of the control block. */
export const Slot = {
  /** Job number, raised by the main thread to start a job. */
  Seq: 0,
  /** Job number the helper finished last. */
  Done: 1,
  Op: 2,
  Arena: 3,
  /** 1 when the helper's last job threw. */
  Failed: 4,
  /** 1 once the helper waits for jobs. */
  Ready: 5,
} as const;

/** What a job asks of the helper. */
export const Op = { Stop: 0, Forward: 1, Backward: 2, Gradients: 3 } as const;

/** Bytes before the arguments (16 Int32 slots). */
export const ARGS_OFFSET = 64;
/** Bytes of a whole control block: the slots and up to 16 arguments. */
export const CONTROL_BYTES = ARGS_OFFSET + 16 * 8;

/** Posted to a helper: an arena's memory to instantiate on, or (no memory) the arena is gone. */
export interface ArenaMessage {
  id: number;
  memory?: WebAssembly.Memory;
}
