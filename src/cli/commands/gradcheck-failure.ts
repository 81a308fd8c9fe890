// When `initlab gradcheck` fails, and the one line on stderr that says what to do. A gradient
// check is a test: a script runs it to learn whether backpropagation can be trusted, so only
// the verdicts that confirm it (`agrees`, `zero`) exit 0. The three others exit 1, "a failure
// of the run", as `unresolved` always did: `disagrees` (the gradients differ), and
// `unresolved` and `kinks`, which give no verdict at these weights (rounding, or ReLU's kink,
// could explain the difference) and so confirm nothing either.
import type { GradientCheckResult } from '../../train/gradient-check.js';
import type { GradientCheckVerdict } from '../../train/gradient-verdict.js';

/**
 * Above this step the finite differences' own truncation error (∝ ε² times the cost's third
 * derivative) can pass the 2e-7 threshold on its own; the default, 1e-7, is far below it.
 */
export const TRUNCATION_EPSILON = 1e-5;

/**
 * The stderr line (without the `initlab: ` prefix) for a check that failed, or null for one
 * that passed (`agrees`, `zero`: exit 0).
 * @param suggested the ε an `unresolved` check proposes (as its --json `suggestedEpsilon`)
 */
export function gradcheckFailure(
  verdict: GradientCheckVerdict,
  c: GradientCheckResult,
  suggested: number | undefined,
): string | null {
  const d = c.difference.toExponential(1);
  switch (verdict) {
    case 'agrees':
    case 'zero':
      return null;
    case 'unresolved':
      return suggested !== undefined && suggested < 1
        ? `the gradient check has no verdict at ε = ${c.epsilon} (rounding makes the difference): rerun with --epsilon ${suggested}`
        : `the gradient check has no verdict (rounding makes the difference, and no --epsilon below 1 resolves it): check a model at a smaller scale, or one whose gradient does not vanish`;
    case 'kinks':
      return `the gradient check has no verdict: difference ${d}, with ${c.kinks} hidden pre-activations on a ReLU kink; rerun with another --seed or --init, whose weights put none there`;
    case 'disagrees':
      return c.epsilon > TRUNCATION_EPSILON
        ? `the gradient check failed: difference ${d} > 2e-7 (largest at ${c.worstParameter}); at --epsilon ${c.epsilon} the finite differences' truncation error (∝ ε²) can make it alone: rerun with --epsilon 1e-7`
        : `the gradient check failed: difference ${d} > 2e-7 (largest at ${c.worstParameter}): backpropagation disagrees with the finite differences for this model; please report it with this command line`;
  }
}
