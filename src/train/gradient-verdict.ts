// What a gradient check's numbers mean. The course's ratio ‖g − g̃‖ / (‖g‖ + ‖g̃‖) is a
// verdict only when the two gradients are resolved above rounding: a zero gradient (zero
// weights, a balanced output) makes it a ratio of rounding noise, 1 or any other number, and
// parameters or costs too large for ε make it measure rounding, not backpropagation.
import type { GradientCheckResult } from './gradient-check.js';

/** The course's threshold: a difference below it means backpropagation is right. */
export const AGREES = 2e-7;

/**
 * What a gradient check concluded:
 * - `zero`: every component of both gradients is within the cost's rounding floor
 *   (`gradientFloor`): the gradient is zero there and the two agree (the ratio is not judged);
 * - `agrees`: the difference is below 2e-7, over every parameter or over those whose gradient
 *   is above the floor (`resolvedDifference`: the zero ones agree already);
 * - `unresolved`: rounding, not backpropagation, makes the difference (see
 *   `unresolvedBySize` and `unresolvedByCost`);
 * - `kinks`: the difference is above 2e-7 and hidden pre-activations sit within a nudge of
 *   a kink (ReLU's at 0), where finite differences and backpropagation legitimately differ;
 * - `disagrees`: above 2e-7 with none of these reasons: check the gradients.
 */
export type GradientCheckVerdict = 'agrees' | 'zero' | 'unresolved' | 'kinks' | 'disagrees';

/**
 * ε is too small a nudge for parameters this large: the rounding floor u·max|θ|/ε reaches
 * half the threshold and the difference is within 100× of it (a wrong gradient gives ~1e-1).
 */
export const unresolvedBySize = (c: GradientCheckResult): boolean =>
  c.roundingFloor >= AGREES / 2 && c.difference <= 100 * c.roundingFloor;

/** No component differs by more than the cost's rounding floor: the gradients are too small for ε. */
export const unresolvedByCost = (c: GradientCheckResult): boolean =>
  c.largestDisagreement <= c.gradientFloor;

/** The verdict, tried in the order the type lists them (zero first: its ratio means nothing). */
export function gradientCheckVerdict(c: GradientCheckResult): GradientCheckVerdict {
  if (c.zeroGradients === c.parameters) return 'zero';
  if (c.difference < AGREES || c.resolvedDifference < AGREES) return 'agrees';
  if (unresolvedBySize(c) || unresolvedByCost(c)) return 'unresolved';
  return c.kinks > 0 ? 'kinks' : 'disagrees';
}

/**
 * For an `unresolvedByCost` check: the smallest power of ten ε' at which the cost's rounding
 * floor (∝ 1/ε) falls to the threshold times the largest gradient component,
 * ε' ≥ ε·gradientFloor / (AGREES·max(max|g|, max|g̃|)). Larger ε' bring truncation error
 * (∝ ε'²), so callers should offer only small ones.
 */
export function costResolvingEpsilon(c: GradientCheckResult): number {
  const scale = Math.max(c.largestGradient, c.largestApprox);
  return Number(`1e${Math.ceil(Math.log10((c.epsilon * c.gradientFloor) / (scale * AGREES)))}`);
}
