// Full-batch gradient descent on a small network, whole iterations per kernel call, where the
// backend can (the wasm kernels: assembly/train-steps.ts). The numbers are those of forward,
// backward and the gd update called one by one (src/nn/propagation.ts), bit for bit.
import type { FusedSteps, Kernels } from './kernels.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Network } from './network.js';
import type { Workspace } from './workspace.js';

/**
 * Multiply-adds in a layer's product from which the loop stays unfused: calls cost nothing
 * next to such products, and Node's threaded kernels share them out from this size
 * (src/node/threaded-kernels.ts, SPLIT_WORK), which a fused call, on one thread, would not.
 */
export const FUSED_MAX_WORK = 1 << 21;

/**
 * The fused loop over `net` (already staged in backend `k`'s arena with X, Y and `ws`), or null
 * when the backend has none, a layer is too wide (FUSED_MAX_WORK) or an activation is one the
 * fused loop does not compute.
 */
export function fuseTraining(
  net: Network,
  X: Matrix,
  Y: Matrix,
  ws: Workspace,
  k: Kernels,
): FusedSteps | null {
  if (!k.fuse) return null;
  const m = X.cols;
  const dims = net.dims;
  if (dims.slice(1).some((n, l) => n * dims[l] * m >= FUSED_MAX_WORK)) return null;
  const layers = net.W.map((W, l) => ({
    n: dims[l + 1],
    k: dims[l],
    W: W.data,
    b: net.b[l].data,
    Z: ws.Z[l],
    A: ws.A[l],
    dZ: ws.dZ[l],
    dA: ws.dA[l],
    dW: ws.dW[l],
    db: ws.db[l],
    activation: net.activations[l],
  }));
  return k.fuse(layers, X.data, Y.data, m);
}
