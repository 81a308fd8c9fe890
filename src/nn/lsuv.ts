// Layer-sequential unit-variance initialization: rescales a network's weights on a batch.
import { DataError } from '../errors.js';
import { checkLsuvRounds } from '../limits.js';
import type { Matrix } from '../linalg/matrix.js';
import { checkStop, type ShouldStop } from '../stop.js';
import { scaledMoments } from './moments.js';
import type { Network } from './network.js';
import { forward } from './propagation.js';
import { Workspace } from './workspace.js';

/**
 * LSUV (Mishkin & Matas 2016): layer by layer, divide W by the standard deviation of the
 * layer's output (pre-activation) on the batch until its variance is within tol of 1.
 * @throws DataError when the batch X (n_0 × m) does not have the network's n_0 features
 * @throws UsageError when maxIter is out of range, StopRequested when `shouldStop` says so
 */
export function lsuv(
  net: Network,
  X: Matrix,
  tol: number,
  maxIter: number,
  shouldStop?: ShouldStop,
): void {
  checkLsuvRounds(maxIter);
  if (X.rows !== net.dims[0])
    throw new DataError(`lsuv: the batch has ${X.rows} features, the network takes ${net.dims[0]}`);
  const ws = new Workspace(net.dims, X.cols);
  for (let l = 0; l < net.W.length; l++) {
    for (let it = 0; it < maxIter; it++) {
      checkStop(shouldStop, 'the LSUV initialization');
      forward(net, X, ws);
      // the spread scaled by a power of two, so that a batch of 1e200s (variance 1e400) or of
      // 1e-200s (variance 1e-400) is rescaled by its true spread, not zeroed or left alone
      const std = scaledMoments(ws.Z[l]).std;
      if (!(std > 0) || Math.abs(std * std - 1) < tol) break; // a dead layer (spread 0) cannot be rescaled
      const f = 1 / std;
      if (!Number.isFinite(f)) break; // a subnormal spread: its inverse leaves float64
      const w = net.W[l].data;
      for (let i = 0; i < w.length; i++) w[i] *= f;
    }
  }
}
