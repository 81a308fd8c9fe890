// A helper thread of the threaded kernels (threaded-kernels.ts) and the threaded orthogonal QR
// (orthogonal-threads.ts): it runs its share of each wide-layer product or block update on the
// same shared memory as the main thread. It waits on its control
// block rather than on messages, so a call costs a wake-up, not a message round trip.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import {
  ARGS_OFFSET,
  type ArenaMessage,
  SHARED_KERNELS,
  type SharedKernel,
  Slot,
  STOP,
} from './kernel-thread-protocol.js';

const { module, control, port } = workerData as {
  module: WebAssembly.Module;
  control: SharedArrayBuffer;
  port: MessagePort;
};
const ctl = new Int32Array(control, 0, ARGS_OFFSET / 4);
const args = new Float64Array(control, ARGS_OFFSET);
// each memory's instance of the module: the training kernels' or the orthogonal QR's
type Kernel = (...a: number[]) => void;
const arenas = new Map<number, Record<SharedKernel, Kernel>>();

// arenas arrive (and leave) as messages posted before the first job that needs them
function drainMessages(): void {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const msg = m.message as ArenaMessage;
    if (msg.memory)
      arenas.set(
        msg.id,
        new WebAssembly.Instance(module, { env: { memory: msg.memory } })
          .exports as unknown as Record<SharedKernel, Kernel>,
      );
    else arenas.delete(msg.id);
  }
}

Atomics.store(ctl, Slot.Ready, 1);
Atomics.notify(ctl, Slot.Ready);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, Slot.Seq, seen);
  seen = Atomics.load(ctl, Slot.Seq);
  const op = ctl[Slot.Op];
  if (op === STOP) break;
  drainMessages();
  const x = arenas.get(ctl[Slot.Arena]);
  ctl[Slot.Failed] = 0;
  try {
    if (!x) throw new Error(`arena ${ctl[Slot.Arena]} was never sent to this thread`);
    x[SHARED_KERNELS[op - 1]](...args.subarray(0, ctl[Slot.ArgCount]));
  } catch {
    ctl[Slot.Failed] = 1; // the main thread reports it
  }
  Atomics.store(ctl, Slot.Done, seen);
  Atomics.notify(ctl, Slot.Done);
}
port.close();
