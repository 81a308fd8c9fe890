// The forward and backward passes of a network in the notebook's shapes: X (n_0 × m),
// each layer's Z and A (n_l × m) kept in a workspace for the backward pass.
import { DataError } from '../errors.js';
import type { Matrix } from '../linalg/matrix.js';
import { getKernels } from './backends.js';
import { type Kernels, tsKernels } from './kernels.js';
import type { Network } from './network.js';
import { stage } from './stage.js';
import type { Workspace } from './workspace.js';

function checkInput(net: Network, X: Matrix, ws: Workspace): void {
  if (X.rows !== net.dims[0])
    throw new DataError(
      `the network takes ${net.dims[0]} features per example, the data has ${X.rows}`,
    );
  if (X.cols !== ws.m)
    throw new DataError(`workspace is for ${ws.m} examples, the data has ${X.cols}`);
}

/**
 * LINEAR → ACTIVATION for every layer on X (n_0 × m); leaves Z and A of each layer in `ws`.
 * @returns the output layer's activations (n_L × m), a view of `ws`
 * @throws DataError when X does not have n_0 rows or `ws` is not for m examples
 */
export function forward(
  net: Network,
  X: Matrix,
  ws: Workspace,
  k: Kernels = tsKernels,
): Float64Array {
  checkInput(net, X, ws);
  const m = ws.m;
  let prev = X.data;
  for (let l = 0; l < net.W.length; l++) {
    const n = net.dims[l + 1];
    k.linearForward(net.W[l].data, net.b[l].data, prev, n, net.dims[l], m, ws.Z[l]);
    k.activate(net.activations[l], ws.Z[l], ws.A[l], n * m);
    prev = ws.A[l];
  }
  return ws.output;
}

/**
 * The notebook's backward pass after `forward` on the same X: dZ_L = (1/m)(A_L − Y),
 * then for each layer dW = dZ·A_prevᵀ, db = Σ dZ, dA_prev = Wᵀ·dZ, dZ_prev = dA_prev ⊙ act'.
 * The gradients are left in `ws` (dW, db, dZ, dA).
 * @throws DataError when Y is not (n_L × m)
 */
export function backward(
  net: Network,
  X: Matrix,
  Y: Matrix,
  ws: Workspace,
  k: Kernels = tsKernels,
): void {
  const m = ws.m;
  const L = net.W.length;
  if (Y.cols !== m || Y.rows !== net.dims[L])
    throw new DataError(`Y must be (${net.dims[L]} × ${m}), got (${Y.rows} × ${Y.cols})`);
  k.outputGradient(ws.A[L - 1], Y.data, net.dims[L] * m, ws.dZ[L - 1]);
  for (let l = L - 1; l >= 0; l--) {
    const n = net.dims[l + 1];
    const kk = net.dims[l];
    const prev = l === 0 ? X.data : ws.A[l - 1];
    k.weightGradients(ws.dZ[l], prev, n, kk, m, ws.dW[l], ws.db[l]);
    if (l > 0) {
      k.backwardLinear(net.W[l].data, ws.dZ[l], n, kk, m, ws.dA[l - 1]);
      k.activateBackward(
        net.activations[l - 1],
        ws.dA[l - 1],
        ws.Z[l - 1],
        ws.A[l - 1],
        ws.dZ[l - 1],
        kk * m,
      );
    }
  }
}

/**
 * The output probabilities for X (n_0 × m): m values in a fresh array (wasm kernels where
 * they run: forward passes are bit-identical on both).
 * @throws DataError when X does not have n_0 rows
 */
export function predictProba(net: Network, X: Matrix, k: Kernels = getKernels()): Float64Array {
  const s = stage(net, X, null, k);
  return forward(s.net, s.X, s.ws, k).slice();
}
