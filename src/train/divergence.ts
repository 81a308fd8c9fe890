// The one rule that says a training run diverged, shared by every command that reports runs
// (train, compare, notebook, sweep on threads or on the queue, the run doctor, the verdict,
// the web lab): a cost or weight that stopped being a finite number, or a cost that ended far
// above where it started. Cross-entropy starts near ln 2 ≈ 0.69 for a sensible initialization
// and only falls while gradient descent works; a run that ends at 3.7, 5e5 or 2e11 is an
// overshooting step size that happened to stay inside float64's range, not a result.
import type { CostPoint, StopReason } from './train.js';

/** What the rule reads: how the trainer stopped and the costs it recorded. */
export interface DivergenceInput {
  /** Why the trainer ended ('diverged': a non-finite cost or weight). */
  stopReason: StopReason;
  /** The iteration where the cost or the weights stopped being finite, for a trainer's 'diverged'. */
  divergedAt?: number;
  /** The recorded costs, iteration 0 first. */
  costs: CostPoint[];
  /** The cost after the last iteration, when computed (the recorded costs may stop short of it). */
  finalCost?: number;
}

/** A diverged run: which way, and the words every command uses for it. */
export interface Divergence {
  /** 'non-finite': the cost or weights left float64's range; 'cost-rose': the final cost is far above the first. */
  kind: 'non-finite' | 'cost-rose';
  /** The first recorded cost (iteration 0). */
  firstCost: number;
  /** The final cost (the last finite one, for a non-finite run). */
  lastCost: number;
  /** For 'non-finite': the iteration where it happened. */
  iteration?: number;
  /** What happened, as a clause: "its cost rose from 0.981 to 3.75". */
  what: string;
}

const LN2 = Math.log(2);
/** A final cost above this multiple of the first… */
const ROSE_FACTOR = 1.5;
/** …and this far above chance (ln 2) is a divergence, not slow learning. */
const ROSE_MARGIN = 0.1;

/** Three significant digits, without trailing zeros. */
const sig = (x: number) => String(Number(x.toPrecision(3)));

/**
 * Whether a finished run diverged, and how; null for a run that did not. Linear in the
 * recorded costs. A run the trainer stopped on a non-finite value always diverged; a run that
 * completed diverged when its final cost (else its last finite recorded cost) is more than
 * 1.5 × its first cost and more than ln 2 + 0.1.
 */
export function divergenceOf(run: DivergenceInput): Divergence | null {
  const first = run.costs[0]?.cost ?? Number.NaN;
  let lastFinite = Number.NaN;
  for (let i = run.costs.length - 1; i >= 0; i--)
    if (Number.isFinite(run.costs[i].cost)) {
      lastFinite = run.costs[i].cost;
      break;
    }
  const last =
    run.finalCost !== undefined && Number.isFinite(run.finalCost) ? run.finalCost : lastFinite;
  const nonFinite = (what: string): Divergence => ({
    kind: 'non-finite',
    firstCost: first,
    lastCost: last,
    ...(run.divergedAt !== undefined ? { iteration: run.divergedAt } : {}),
    what,
  });
  if (run.stopReason === 'diverged' && run.divergedAt !== undefined)
    return nonFinite(`its cost stopped being a finite number at iteration ${run.divergedAt}`);
  const rose =
    Number.isFinite(first) &&
    Number.isFinite(last) &&
    last > ROSE_FACTOR * first &&
    last > LN2 + ROSE_MARGIN;
  // a run already marked diverged (a RunResult read back) keeps that verdict
  if (!rose)
    return run.stopReason === 'diverged'
      ? nonFinite('its cost or weights stopped being finite numbers')
      : null;
  return {
    kind: 'cost-rose',
    firstCost: first,
    lastCost: last,
    what: `its cost rose from ${sig(first)} to ${sig(last)}`,
  };
}

/** A first cost this far above ln 2 comes from confidently wrong outputs: weights started too large. */
export const SATURATED_START = 10 * LN2;

/**
 * The words for a divergence, the same in train's doctor and a sweep row's `reason`: what
 * happened and why (`cause`), and what to change (`fix`).
 */
export function describeDivergence(
  d: Divergence,
  learningRate: number,
): { cause: string; fix: string } {
  const tooLarge = d.firstCost > SATURATED_START;
  return {
    cause: `the run diverged: ${d.what}; ${tooLarge ? `the weights started too large (the first cost is already ${sig(d.firstCost)})` : `each step of learning rate ${learningRate} overshoots`}`,
    fix: tooLarge
      ? 'start from a smaller scale (he for ReLU, xavier for tanh)'
      : `lower the learning rate (try --lr ${sig(learningRate / 10)})`,
  };
}
