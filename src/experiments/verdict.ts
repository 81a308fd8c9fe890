// A one-line verdict per run, read off what happened (not off the initializer's name),
// in the spirit of the notebook's closing table.
import type { Network } from '../nn/network.js';
import type { RunResult } from './run.js';
import { divergenceOf } from '../train/divergence.js';

/** True when some hidden layer has two or more units and, in every hidden layer, all units have identical incoming weights and biases: symmetry never broke. */
export function isSymmetric(net: Network): boolean {
  // a layer of one unit has nothing to be symmetric with: a net whose hidden layers are all
  // one unit wide ([2, 1, 1]) cannot fail to break a symmetry it does not have
  let units = false;
  for (let l = 0; l < net.W.length - 1; l++) {
    const W = net.W[l];
    if (W.rows < 2) continue;
    units = true;
    for (let i = 1; i < W.rows; i++) {
      for (let j = 0; j < W.cols; j++) if (W.get(i, j) !== W.get(0, j)) return false;
      if (net.b[l].data[i] !== net.b[l].data[0]) return false;
    }
  }
  return units;
}

const LN2 = Math.log(2);

/** What a verdict reads off a run: how it stopped, its first cost and its train accuracy (the CLI's RunResult, or the web lab's finished run). */
export type VerdictInput = Pick<
  RunResult,
  'stopReason' | 'divergedAt' | 'costs' | 'trainAccuracy'
> &
  Partial<Pick<RunResult, 'finalCost'>>;

/**
 * The closing table's comment on a run, read off what happened: divergence (train/divergence.ts), symmetry never
 * broken (initial and trained weights), an oversized first cost, or the train accuracy.
 */
export function verdict(run: VerdictInput, initial: Network, trained: Network): string {
  // the same rule as the run doctor's and the sweep rows' (train/divergence.ts)
  const diverged = divergenceOf(run);
  if (diverged)
    return `${diverged.iteration !== undefined ? `diverged at iteration ${diverged.iteration}` : `diverged: ${diverged.what}`}: lower the learning rate or use a smaller initialization`;
  if (isSymmetric(initial) && isSymmetric(trained))
    return 'fails to break symmetry: every hidden unit learns the same thing';
  const start = run.costs[0]?.cost ?? NaN;
  // A cost far above ln 2 (chance) at iteration 0 means saturated sigmoids from oversized weights.
  if (start > 10 * LN2)
    return `weights too large: cost starts at ${start.toPrecision(4)} (saturated outputs) and training is slow`;
  if (run.trainAccuracy >= 0.95) return 'works well: symmetry broken at a sensible scale';
  if (run.trainAccuracy <= 0.6) return 'barely better than chance';
  return 'learns, but slowly';
}
