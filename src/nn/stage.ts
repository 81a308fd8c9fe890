// A network and its data copied into one arena of a kernel backend, where a run works.
import { Matrix } from '../linalg/matrix.js';
import { allocateInOneArena } from './arena-plan.js';
import type { Allocator, Kernels } from './kernels.js';
import type { Network } from './network.js';
import { Workspace } from './workspace.js';

/** A copy of a network and of its data in one arena, and the workspace for (X, Y). */
export interface Staged<Extra> {
  /** The arena's copy of the network (the same dims and activations). */
  net: Network;
  /** The arena's copy of X (n_0 × m). */
  X: Matrix;
  /** The arena's copy of Y (1 × m), or null when none was given. */
  Y: Matrix | null;
  /** The workspace of a forward/backward pass over all m examples. */
  ws: Workspace;
  /** What `more` allocated in the same arena. */
  extra: Extra;
  /** Writes the arena's weights back into the network that was staged. */
  copyBack(): void;
}

/** A copy of `M` in buffers from `alloc`. */
export function copyInto(alloc: Allocator, M: Matrix): Matrix {
  const a = alloc(M.data.length);
  a.set(M.data);
  return new Matrix(M.rows, M.cols, a);
}

/**
 * A copy of `net` and of (X, Y) in one arena of backend `k`, with its workspace: what a
 * run trains on. `more` lays out whatever else the run needs in the same arena (optimizer
 * state, mini-batches, a test set); the arena's size is counted from that layout itself.
 */
export function stage<Extra = undefined>(
  net: Network,
  X: Matrix,
  Y: Matrix | null,
  k: Kernels,
  more?: (alloc: Allocator) => Extra,
): Staged<Extra> {
  return allocateInOneArena(k, (alloc) => {
    const staged: Network = {
      dims: net.dims,
      activations: net.activations,
      W: net.W.map((w) => copyInto(alloc, w)),
      b: net.b.map((b) => copyInto(alloc, b)),
    };
    const ws = new Workspace(net.dims, X.cols, alloc);
    const X2 = copyInto(alloc, X);
    const Y2 = Y ? copyInto(alloc, Y) : null;
    return {
      net: staged,
      X: X2,
      Y: Y2,
      ws,
      extra: more?.(alloc) as Extra,
      copyBack(): void {
        net.W.forEach((w, l) => w.data.set(staged.W[l].data));
        net.b.forEach((b, l) => b.data.set(staged.b[l].data));
      },
    };
  });
}
