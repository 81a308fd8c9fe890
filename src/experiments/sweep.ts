// Sweeps: the same experiment over a grid of initializers × seeds × learning rates, and
// the spread of the outcomes, so one lucky seed does not decide which initializer wins.
import type { Dataset } from '../data/dataset.js';
import { UsageError } from '../errors.js';
import { maxOf, minOf } from '../extent.js';
import { scaledMoments } from '../train/diagnostics.js';
import { type RunConfig, runExperiment } from './run.js';

export interface SweepJob {
  init: string;
  seed: number;
  learningRate: number;
}

export interface SweepRow extends SweepJob {
  finalCost: number;
  trainAccuracy: number;
  /** null when the sweep has no test set (CSV training data without --test). */
  testAccuracy: number | null;
  /** 'completed', 'diverged' (train/divergence.ts, the rule train's doctor uses), or on the queue 'failed: REASON'. */
  stopReason: string;
  /** Why the row is not 'completed': the run doctor's words for a divergence, the failure for a failed cell; null for a completed run (always present in a sweep's output). */
  reason?: string | null;
}

export interface Spread {
  mean: number;
  std: number;
  min: number;
  max: number;
}

export interface SweepSummary {
  init: string;
  learningRate: number;
  runs: number;
  /** Runs that left float64's range: their last costs and accuracies are not outcomes, so the spreads leave them out. */
  diverged: number;
  /** Runs the spreads are taken over: runs − diverged. */
  summarized: number;
  /** null when every run diverged. */
  finalCost: Spread | null;
  /** null when every run diverged. */
  trainAccuracy: Spread | null;
  /** null when the sweep has no test set, or every run diverged. */
  testAccuracy: Spread | null;
}

/**
 * "1-20", "3", "1-3,7,10-12" → the integers, in order (linear in the count).
 * @throws UsageError for a malformed part, a backwards range, or a seed given twice ("1,1",
 *   overlapping ranges): like every list flag, a repeat is refused rather than run twice or dropped
 */
export function parseRange(text: string, what = '--seeds'): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new UsageError(`${what} must be integers or ranges like 1-20,25; got "${text}"`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) throw new UsageError(`${what}: the range ${part} runs backwards`);
    if (b > 4294967295) throw new UsageError(`${what}: seeds go up to 4294967295`);
    if (b - a > 100_000) throw new UsageError(`${what}: ${part} is more than 100000 seeds`);
    for (let s = a; s <= b; s++) {
      if (seen.has(s))
        throw new UsageError(`${what} "${text}": seed ${s} is given twice; give each seed once`);
      seen.add(s);
      out.push(s);
    }
  }
  return out;
}

/** Every (init, learning rate, seed), in that nesting order. */
export function expandGrid(inits: string[], seeds: number[], learningRates: number[]): SweepJob[] {
  const jobs = inits.flatMap((init) =>
    learningRates.flatMap((learningRate) => seeds.map((seed) => ({ init, seed, learningRate }))),
  );
  if (jobs.length > 1_000_000)
    throw new UsageError(`the grid has ${jobs.length} runs; at most 1000000`);
  return jobs;
}

/** One grid point: the experiment with this init, seed and learning rate. */
export function runSweepJob(
  job: SweepJob,
  base: Omit<RunConfig, 'init' | 'seed' | 'learningRate'>,
  train: Dataset,
  test: Dataset | null,
): SweepRow {
  const r = runExperiment({ ...base, ...job }, train, test).result;
  // init: the run's label, which names a --scale given to random (random:scale=3)
  return {
    ...job,
    init: r.init,
    finalCost: r.finalCost,
    trainAccuracy: r.trainAccuracy,
    testAccuracy: r.testAccuracy,
    stopReason: r.stopReason,
    reason: r.divergence ?? null,
  };
}

/** Mean and std as numpy's np.mean / np.std give them (pairwise sums: a naive running sum over 60,000 equal costs put the mean below their minimum; costs beyond about 2^400 scaled so their spread stays finite), min and max. */
function spread(xs: number[]): Spread {
  return { ...scaledMoments(xs), min: minOf(xs), max: maxOf(xs) };
}

/**
 * Per (init, learning rate), in order of first appearance: mean ± std (population), min and
 * max of each outcome over the runs that did not diverge (a diverged run's last finite cost
 * or NaN would make the group's statistics NaN or meaningless), and how many diverged.
 * Linear in the rows.
 */
export function summarize(rows: SweepRow[]): SweepSummary[] {
  const groups = new Map<string, SweepRow[]>();
  for (const r of rows) {
    const key = `${r.init}\u0000${r.learningRate}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => {
    const kept = g.filter((r) => r.stopReason !== 'diverged');
    const some = kept.length > 0;
    return {
      init: g[0].init,
      learningRate: g[0].learningRate,
      runs: g.length,
      diverged: g.length - kept.length,
      summarized: kept.length,
      finalCost: some ? spread(kept.map((r) => r.finalCost)) : null,
      trainAccuracy: some ? spread(kept.map((r) => r.trainAccuracy)) : null,
      testAccuracy:
        some && !kept.some((r) => r.testAccuracy === null)
          ? spread(kept.map((r) => r.testAccuracy as number))
          : null,
    };
  });
}
