// What an initializer's draw is, as numbers: the mean and variance of one weight (and the
// variance of one bias) stated from the initializer's own definition, never sampled. Mean-field
// theory reads a layer through σ_w² = fan_in · Var(W) and σ_b² = Var(b) (Poole et al. 2016),
// so these are what place an initializer in the (σ_w², σ_b²) plane.

/**
 * The standard deviation of a unit normal truncated to [-2, 2]: √(1 − 4φ(2)/(Φ(2) − Φ(−2))),
 * 0.8796256610342397504… Keras and Flax divide the std by it so that truncated draws keep the
 * variance asked for; TF.js does not.
 */
export const TRUNCATED_NORMAL_STD = 0.87962566103423978;

/** The variance of a unit normal truncated to [-2, 2] (0.7737…): the square of TRUNCATED_NORMAL_STD. */
export const TRUNCATED_NORMAL_VARIANCE = TRUNCATED_NORMAL_STD * TRUNCATED_NORMAL_STD;

/** One layer's draw in numbers, exact over the initializer's distribution. */
export interface DrawMoments {
  /** E[W_ij], the same for every entry (0 for every symmetric draw). */
  weightMean: number;
  /** Var(W_ij), the same for every entry: σ_w² = fan_in times this. */
  weightVariance: number;
  /** Var(b_i): σ_b² (0 where biases start at 0). */
  biasVariance: number;
  /** How the numbers follow from the definition, in words. */
  rule: string;
}

/** An initializer whose entries have no one mean and variance over the draw, and why. */
export interface NoDrawMoments {
  /** Why (e.g. a fixed matrix, or a scale found on data). */
  undefinedBecause: string;
}

/** Either the draw's moments or why it has none. */
export type LayerMoments = DrawMoments | NoDrawMoments;

/** Whether the moments are defined. */
export const hasMoments = (m: LayerMoments): m is DrawMoments => !('undefinedBecause' in m);

/** Every weight `value`, biases 0: no spread at all. */
export const fixedMoments = (value: number, rule: string): DrawMoments => ({
  weightMean: value,
  weightVariance: 0,
  biasVariance: 0,
  rule,
});

/** N(mean, std²) weights, biases 0. */
export const normalMoments = (mean: number, std: number, rule: string): DrawMoments => ({
  weightMean: mean,
  weightVariance: std * std,
  biasVariance: 0,
  rule,
});

/** N(mean, std²) redrawn outside mean ± 2 std: the variance is std² times the truncated unit normal's. */
export const truncatedMoments = (mean: number, std: number, rule: string): DrawMoments => ({
  weightMean: mean,
  weightVariance: std * std * TRUNCATED_NORMAL_VARIANCE,
  biasVariance: 0,
  rule,
});

/** The variance of uniform(low, high): (high − low)² / 12. */
export const uniformVariance = (low: number, high: number): number =>
  ((high - low) * (high - low)) / 12;

/** uniform(low, high) weights, biases 0. */
export const uniformMoments = (low: number, high: number, rule: string): DrawMoments => ({
  weightMean: (low + high) / 2,
  weightVariance: uniformVariance(low, high),
  biasVariance: 0,
  rule,
});
