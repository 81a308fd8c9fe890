// Where an initializer puts a layer in mean-field theory's (σ_w², σ_b²) plane: σ_w² =
// fan_in · Var(W), σ_b² = Var(b) (Poole et al. 2016), read from the registry entry's own
// `moments` (stated from its definition), so a new entry or a SPEC's parameters land at the
// right place with no list here to keep in step with the registry.
import { hasMoments } from '../nn/draw-moments.js';
import { initializerNames, resolveInitializer } from '../nn/initializers.js';

/** Where an initializer puts a square layer of `width` units: σ_w² = fan_in · Var(W), σ_b² = Var(b). */
export interface InitializerPoint {
  /** Registry names (or SPECs, as given) that land on this point. */
  names: string[];
  /** σ_w² = fan_in · Var(W) of the initializer. */
  weightVar: number;
  /** σ_b² = Var(b) of the initializer (0 for zero biases). */
  biasVar: number;
  /** How σ_w² and σ_b² follow from each one's definition (`name: rule`, one per name, "; " between). */
  formula: string;
  /** True when σ_w² changes with the layer's width (a fixed scale, e.g. random's 10: σ_w² = 100 · width). */
  scalesWithWidth: boolean;
}

/** An initializer the plane has no point for, and why. */
export interface UnplacedInitializer {
  /** Its registry name or SPEC, as given. */
  name: string;
  /** Why it has no (σ_w², σ_b²). */
  reason: string;
}

/** Every chosen initializer, placed or not. */
export interface Placements {
  /** The points, one per distinct (σ_w², σ_b²), in the order their first initializer came. */
  placed: InitializerPoint[];
  /** The initializers with no point, each with its reason. */
  unplaced: UnplacedInitializer[];
}

/** Relative gap below which two initializers share a point (rounding of the same formula). */
const SAME_POINT = 1e-12;

const close = (a: number, b: number) =>
  Math.abs(a - b) <= SAME_POINT * Math.max(Math.abs(a), Math.abs(b));

/**
 * One initializer SPEC on a square layer of `width` units (fan_in = fan_out = width, so
 * Glorot's fan_avg is fan_in too): σ_w² = width · Var(W) and σ_b² = Var(b), from the registry
 * entry's own `moments` (its definition, truncation corrections included; nothing sampled).
 * The rules where mean-field's premise, independent zero-mean weights, fails: a draw with
 * mean ≠ 0 (ones, constant:value≠0, a shifted random-normal or random-uniform) gives every
 * unit the same extra input and has no point; so do a fixed matrix (identity) and a scale
 * found on data (lsuv). zeros is σ_w² = 0; orthogonal is σ_w² = gain² exactly; a fixed scale
 * (random, random-normal, …) lands at width · scale², flagged `scalesWithWidth`.
 * @throws UsageError for a SPEC the registry refuses
 */
export function placeInitializer(
  spec: string,
  width: number,
): InitializerPoint | UnplacedInitializer {
  const { init, opts, label } = resolveInitializer(spec);
  const at = (n: number) => init.moments(n, n, opts);
  const m = at(width);
  if (!hasMoments(m)) return { name: label, reason: m.undefinedBecause };
  if (m.weightMean !== 0)
    return {
      name: label,
      reason: `its weights have mean ${m.weightMean} ≠ 0: every unit of a layer gets the same extra input (mean · Σx), which mean-field theory (independent zero-mean weights) does not describe`,
    };
  // the same formula at twice the width: a fan-scaled σ_w² is unchanged, a fixed scale's doubles
  const twice = at(2 * width);
  const weightVar = width * m.weightVariance;
  return {
    names: [label],
    weightVar,
    biasVar: m.biasVariance,
    formula: `${label}: ${m.rule}`,
    scalesWithWidth: hasMoments(twice) && !close(2 * width * twice.weightVariance, weightVar),
  };
}

/**
 * The initializers placed in the plane for a square layer of `width` units: by default every
 * registry entry at its own defaults, or the SPECs given; those landing on one (σ_w², σ_b²)
 * share a point (e.g. he, he-normal, he-uniform and kaiming-normal at σ_w² = 2), in the order
 * they come. Rules and sources: `placeInitializer` and each entry's `moments`.
 * @throws UsageError for a SPEC the registry refuses
 */
export function placeInitializers(
  width: number,
  specs: readonly string[] = initializerNames(),
): Placements {
  const placed: InitializerPoint[] = [];
  const unplaced: UnplacedInitializer[] = [];
  for (const spec of specs) {
    const p = placeInitializer(spec, width);
    if ('reason' in p) {
      unplaced.push(p);
      continue;
    }
    // a fixed scale that lands on a fan-scaled point at this width keeps its own point: it
    // moves when the width does
    const same = placed.find(
      (q) =>
        close(q.weightVar, p.weightVar) &&
        close(q.biasVar, p.biasVar) &&
        q.scalesWithWidth === p.scalesWithWidth,
    );
    if (same === undefined) placed.push(p);
    else {
      same.names = same.names.concat(p.names);
      same.formula += `; ${p.formula}`;
    }
  }
  return { placed, unplaced };
}

/** The points of `placeInitializers` (every registry entry by default, or the SPECs given). */
export function initializerPoints(
  width: number,
  specs: readonly string[] = initializerNames(),
): InitializerPoint[] {
  return placeInitializers(width, specs).placed;
}
