// A data set copied into a run's arena with the workspace of its forward passes, and the
// one way a run measures its cost on such a set.
import type { Dataset } from '../data/dataset.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Allocator, Kernels } from '../nn/kernels.js';
import { stableCrossEntropy } from '../nn/loss.js';
import type { Network } from '../nn/network.js';
import { forward } from '../nn/propagation.js';
import { copyInto } from '../nn/stage.js';
import { Workspace } from '../nn/workspace.js';

/** X (n_0 × m) and Y (1 × m) in a run's arena, with a workspace for m examples. */
export interface StagedSet {
  X: Matrix;
  Y: Matrix;
  ws: Workspace;
}

/** Copies `data` into buffers from `alloc`, with its workspace for a network of these dims. */
export function stageSet(data: Dataset, dims: readonly number[], alloc: Allocator): StagedSet {
  const X = copyInto(alloc, data.X);
  const Y = copyInto(alloc, data.Y);
  return { X, Y, ws: new Workspace(dims, X.cols, alloc) };
}

/** The mean cross-entropy (from the logits) of the forward pass last run on `set`. */
export const lastCost = (set: StagedSet): number =>
  stableCrossEntropy(set.ws.logits, set.Y.data, set.X.cols);

/** A forward pass of `net` over `set`, then its mean cross-entropy (from the logits). */
export function forwardCost(net: Network, set: StagedSet, k: Kernels): number {
  forward(net, set.X, set.ws, k);
  return lastCost(set);
}
