// Mean-field signal propagation through a wide, deep, fully connected network at
// initialization: h^l = W^l φ(h^{l−1}) + b^l with W_ij ~ N(0, σ_w²/N), b_i ~ N(0, σ_b²).
// Sources: Poole et al. 2016, "Exponential expressivity in deep neural networks through
// transient chaos" (the length and correlation maps, χ₁, the order-to-chaos transition);
// Schoenholz et al. 2017, "Deep Information Propagation" (the depth scales ξ_q, ξ_c and the
// trainable depth ≈ 6 ξ_c). Gaussian integrals by adaptive quadrature (theory/quadrature.ts).
import type { ShouldStop } from '../stop.js';
import { gaussianExpectation, gaussianExpectation2 } from './quadrature.js';
import type { ScalarActivation } from './activation-calculus.js';

/** σ_w² (the weights' variance times fan_in) and σ_b² (the biases' variance). */
export interface MeanFieldPoint {
  /** σ_w²: the weights' variance times fan_in. */
  weightVar: number;
  /** σ_b²: the biases' variance. */
  biasVar: number;
}

/** A pre-activation variance this small is taken as zero (all units at φ(0)). */
const Q_FLOOR = 1e-200;

/** P(u1 > 0, u2 > 0) for unit normals with correlation c: (π − arccos c)/(2π) (Sheppard 1899). */
const bothPositive = (c: number) => (Math.PI - Math.acos(c)) / (2 * Math.PI);

/** E[max(z1, 0) max(z2, 0)] for unit normals with correlation c: the arc-cosine kernel of degree 1 (Cho & Saul 2009). */
const arcCosine = (c: number) =>
  (Math.sqrt(Math.max(0, 1 - c * c)) + (Math.PI - Math.acos(c)) * c) / (2 * Math.PI);

/** A pre-activation far enough out that every activation of the catalogue is on its tail. */
const FAR = 1e16;

/**
 * The slopes [left, right] an activation behaves with at q → ∞: its own for the positively
 * homogeneous ones; for the others the slope on each side that is unbounded (ELU, SELU: the
 * right one; the left side saturates), zero for bounded activations (tanh, sigmoid).
 */
function tailSlopes(act: ScalarActivation): readonly [number, number] {
  if (act.slopes) return act.slopes;
  const up = act.d2phi(FAR) === 0 ? act.dphi(FAR) : 0;
  const down = act.d2phi(-FAR) === 0 ? act.dphi(-FAR) : 0;
  return [down, up];
}

/**
 * q^{l+1} − q^l as q → ∞ where the length map's slope there is 1 (the `grows` regime): each
 * side of φ that saturates at a level L (slope 0 there: ELU's and SELU's left side, −λα) is
 * where half the pre-activations land, adding σ_w² L²/2; the bias adds σ_b². The unbounded
 * sides are slope·u with no offset for every activation of the catalogue, so they add nothing
 * beyond the slope-1 term. ELU with α = 0.5 at σ_w² = 2, σ_b² = 0: 0.25 a layer.
 */
export function lengthStepAtInfinity(act: ScalarActivation, p: MeanFieldPoint): number {
  if (act.slopes) return p.biasVar;
  const [down, up] = tailSlopes(act);
  const level = (u: number, slope: number) => (slope === 0 ? act.phi(u) ** 2 : 0);
  return (p.weightVar * (level(-FAR, down) + level(FAR, up))) / 2 + p.biasVar;
}

/** E[φ(u)²] / q for u ~ N(0, q) of a homogeneous φ with these slopes: (left² + right²)/2. */
const homogeneousGain = ([a, b]: readonly [number, number]) => (a * a + b * b) / 2;

/** E[φ(u1) φ(u2)] / q for a homogeneous φ, corr(u1, u2) = c: φ(u) = b·relu(u) − a·relu(−u). */
const homogeneousCross = ([a, b]: readonly [number, number], c: number) =>
  (a * a + b * b) * arcCosine(c) - 2 * a * b * arcCosine(-c);

/** E[φ′(u1) φ′(u2)] for a homogeneous φ, corr(u1, u2) = c: the orthant probabilities times the slopes. */
const homogeneousSlopeCross = ([a, b]: readonly [number, number], c: number) =>
  (a * a + b * b) * bothPositive(c) + a * b * (1 - 2 * bothPositive(c));

/**
 * A step off 0 on either side: F(±AT_ZERO) are F's one-sided limits at 0. As q → 0, u = √q z
 * lands on either side of 0 with probability ½, so E[F(u)] → (F(0⁺) + F(0⁻))/2, not F(0):
 * for SELU and ELU with α ≠ 1, φ′ jumps at 0 (λ on the right, λα on the left) and φ′(0)
 * alone would be the left slope only.
 */
const AT_ZERO = 1e-300;

/** F's one-sided limits at 0: [F(0⁺), F(0⁻)]. */
const atZero = (f: (u: number) => number): [number, number] => [f(AT_ZERO), f(-AT_ZERO)];

/**
 * E[F(u1) G(u2)] when every unit sits at one of two points, u's sign deciding which (q → 0:
 * F(0±); q → ∞: F(±∞)): the four sign patterns weighed by their probabilities at correlation c.
 */
function signPatterns(c: number, [fp, fm]: number[], [gp, gm]: number[]): number {
  const same = bothPositive(c);
  const term = (x: number, y: number, w: number) => (w === 0 ? 0 : x * y * w);
  return (
    term(fp, gp, same) + term(fm, gm, same) + term(fp, gm, 0.5 - same) + term(fm, gp, 0.5 - same)
  );
}

/** Offsets from a kink, in units of the activation's own scale, where the quadrature also splits. */
const SPREAD = [0.5, 2, 8, 32];

/**
 * Break points for a Gaussian integral in z where the activation's kinks sit at `at` and its
 * features are `width` wide in z (1/√q: at large q, tanh is a step 1/√q wide). Splitting at
 * a geometric spread of offsets around each kink gives the adaptive rule pieces on which it
 * converges at once, instead of halving its way down to the step (thousands of evaluations
 * for each inner integral of a two-dimensional one).
 */
function splitPoints(at: readonly number[], width: number): number[] {
  if (!(width < 0.1)) return [...at]; // features as wide as the Gaussian itself: the rule copes
  const out: number[] = [];
  for (const k of at) {
    out.push(k);
    for (const d of SPREAD) out.push(k - d * width, k + d * width);
  }
  return out;
}

/** E[F(√q z)] for z ~ N(0, 1); q = 0 gives the mean of F's one-sided limits at 0, q = ∞ of its limits at ±∞ (NaN if q is NaN). */
function expect1(act: ScalarActivation, q: number, f: (u: number) => number): number {
  if (Number.isNaN(q)) return NaN;
  if (q <= 0) return (f(AT_ZERO) + f(-AT_ZERO)) / 2;
  if (q === Infinity) return (f(Infinity) + f(-Infinity)) / 2;
  const s = Math.sqrt(Math.max(q, Q_FLOOR));
  return gaussianExpectation(
    (z) => f(s * z),
    splitPoints(
      act.kinks.map((k) => k / s),
      1 / s,
    ),
  );
}

/** The default relative tolerance of the two-dimensional Gaussian integrals. */
const RTOL2 = 1e-12;

/** E[F(u1) G(u2)] for (u1, u2) jointly normal with variances q and correlation c, to `rtol` relative. */
function expect2(
  act: ScalarActivation,
  q: number,
  c: number,
  f: (u: number) => number,
  g: (u: number) => number,
  rtol = RTOL2,
): number {
  if (Number.isNaN(q) || Number.isNaN(c)) return NaN;
  if (c >= 1) return expect1(act, q, (u) => f(u) * g(u));
  if (c <= -1) return expect1(act, q, (u) => f(u) * g(-u));
  // every unit at one of two points, its sign deciding which
  if (q <= 0) return signPatterns(c, atZero(f), atZero(g));
  if (q === Infinity)
    return signPatterns(c, [f(Infinity), f(-Infinity)], [g(Infinity), g(-Infinity)]);
  const s = Math.sqrt(Math.max(q, Q_FLOOR));
  const r = Math.sqrt(1 - c * c);
  const bound = Math.sqrt(expect1(act, q, (u) => f(u) ** 2) * expect1(act, q, (u) => g(u) ** 2)); // Cauchy–Schwarz
  return gaussianExpectation2(
    (z1, z2) => f(s * z1) * g(s * (c * z1 + r * z2)),
    splitPoints(
      act.kinks.map((k) => k / s),
      1 / s,
    ),
    (z1) =>
      splitPoints(
        act.kinks.map((k) => (k / s - c * z1) / r),
        1 / (s * r),
      ),
    bound,
    rtol,
  );
}

/** The relative tolerance of squaredDifference's integrals (see there). */
const DIFFERENCE_RTOL = 1e-9;

/**
 * E[(F(u1) − F(u2))²] for (u1, u2) with variances q and correlation 1 − ε, integrated as the
 * squared difference itself (u1,2 = √q (a x ± b y), a = √(1 − ε/2), b = √(ε/2)): where the
 * two inputs are nearly alike this stays accurate to `rtol` relative, while E[F²] − E[F F]
 * would lose every digit to cancellation.
 */
function squaredDifference(
  act: ScalarActivation,
  q: number,
  eps: number,
  f: (u: number) => number,
  rtol = RTOL2,
): number {
  // the difference itself is rounded to ~1e-16/|F(u1) − F(u2)| relative: asking much more than
  // 1e-10 of it only feeds rounding noise to the adaptive rule
  rtol = Math.max(rtol, DIFFERENCE_RTOL);
  const s = Math.sqrt(q);
  const a = Math.sqrt(1 - eps / 2);
  const b = Math.sqrt(eps / 2);
  return gaussianExpectation2(
    (x, y) => (f(s * (a * x + b * y)) - f(s * (a * x - b * y))) ** 2,
    // in x, a kink matters where the two inputs straddle it, |a x − k/s| < b |y|: a band b/a
    // wide however large q is, which the outer rule must see (SELU's φ′ jumps at 0)
    splitPoints(
      act.kinks.map((k) => k / (s * a)),
      Math.min(1 / (s * a), b / a),
    ),
    (x) =>
      splitPoints(
        act.kinks.flatMap((k) => [(k / s - a * x) / b, -(k / s - a * x) / b]),
        1 / (s * b),
      ),
    0, // the integrand is never negative: a tolerance relative to its own integral is enough
    rtol,
    true, // y ↦ −y swaps u1 and u2: the square is even in y
  );
}

/** The length map q ↦ σ_w² E[φ(√q z)²] + σ_b²: one layer's pre-activation variance from the last. */
export function lengthMap(act: ScalarActivation, p: MeanFieldPoint, q: number): number {
  if (act.slopes)
    return q <= 0 ? p.biasVar : p.weightVar * homogeneousGain(act.slopes) * q + p.biasVar;
  if (q <= 0) return p.weightVar * act.phi(0) ** 2 + p.biasVar; // every unit at φ(0)
  return p.weightVar * expect1(act, q, (u) => act.phi(u) ** 2) + p.biasVar;
}

/**
 * d(length map)/dq = σ_w² E[u φ(u) φ′(u)] / q, u ~ N(0, q) (the derivative under the integral;
 * by Stein's lemma the same as σ_w² E[φ′² + φ φ″], whose two terms cancel at large q, while
 * u φ φ′ ≥ 0 for tanh, the rectifiers and ELU). At q = 0: σ_w² (φ′(0)² + φ(0) φ″(0)), averaged
 * over the two sides of 0 where φ′ jumps there (SELU, ELU with α ≠ 1).
 */
export function lengthMapSlope(act: ScalarActivation, p: MeanFieldPoint, q: number): number {
  if (act.slopes) return p.weightVar * homogeneousGain(act.slopes);
  if (q === Infinity) return p.weightVar * homogeneousGain(tailSlopes(act));
  if (q <= Q_FLOOR) {
    const [right, left] = atZero((u) => act.dphi(u) ** 2 + act.phi(u) * act.d2phi(u));
    return (p.weightVar * (right + left)) / 2;
  }
  return (p.weightVar * expect1(act, q, (u) => u * act.phi(u) * act.dphi(u))) / q;
}

/** χ₁ = σ_w² E[φ′(√q z)²]: how a small perturbation of one input grows (> 1) or shrinks (< 1) per layer. */
export function chi1(act: ScalarActivation, p: MeanFieldPoint, q: number): number {
  if (act.slopes) return p.weightVar * homogeneousGain(act.slopes);
  return p.weightVar * expect1(act, q, (u) => act.dphi(u) ** 2);
}

/** The correlation map at length q: c ↦ (σ_w² E[φ(u1) φ(u2)] + σ_b²) / q, with corr(u1, u2) = c. */
export function correlationMap(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q: number,
  c: number,
  rtol = RTOL2,
): number {
  if (q <= Q_FLOOR) {
    // q → 0 with φ(0) = 0 and no bias: φ acts as its tangent lines at 0, a homogeneous map
    if (act.phi(0) === 0 && p.biasVar === 0)
      return p.weightVar * homogeneousCross([act.dphi(-AT_ZERO), act.dphi(AT_ZERO)], c);
    return 1;
  }
  if (act.slopes) return p.weightVar * homogeneousCross(act.slopes, c) + p.biasVar / q;
  return (p.weightVar * expect2(act, q, c, act.phi, act.phi, rtol) + p.biasVar) / q;
}

/**
 * χ_c = σ_w² E[φ′(u1) φ′(u2)] at correlation c (Schoenholz et al. 2017, eq. 5): the slope of
 * the map of the two inputs' covariance at fixed q, so the slope of the correlation map where q
 * sits at q*. At c = 1 it is χ₁; for ReLU σ_w²/2 at any q.
 */
export function correlationSlope(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q: number,
  c: number,
  rtol = RTOL2,
): number {
  if (act.slopes) return p.weightVar * homogeneousSlopeCross(act.slopes, c);
  return p.weightVar * expect2(act, q, c, act.dphi, act.dphi, rtol);
}

/**
 * lim E[φ(√q z)²] / q as q → ∞: 0 for bounded activations; for the piecewise-linear ones
 * (and ELU, SELU, whose negative side is bounded) the mean of the squared slopes' halves.
 */
function asymptoticGain(act: ScalarActivation): number {
  return homogeneousGain(tailSlopes(act));
}

/** A root of f in [lo, hi] where f(lo) ≥ 0 ≥ f(hi), by bisection with secant steps (Illinois), to `rtol`. */
export function bracketedRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  rtol = 1e-14,
): number {
  let a = lo,
    b = hi,
    fa = f(a),
    fb = f(b),
    side = 0;
  for (let i = 0; i < 200 && b - a > rtol * Math.max(Math.abs(a), Math.abs(b), 1e-300); i++) {
    let x = (a * fb - b * fa) / (fb - fa);
    if (!(x > a && x < b)) x = 0.5 * (a + b);
    const fx = f(x);
    if (fx === 0) return x;
    if (fx > 0 === fa > 0) {
      a = x;
      fa = fx;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = x;
      fb = fx;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return Math.abs(fa) < Math.abs(fb) ? a : b;
}

/** |rate − 1| below this counts as a rate of exactly 1 (q kept, or growing by σ_b² a layer). */
const UNIT_RATE = 1e-12;

/**
 * The length map's fixed point q*. `kind`: `stable` (layers converge to it; q* = 0 means the
 * signal vanishes), `neutral` (every q is fixed, as for ReLU at σ_w² = 2, σ_b² = 0: q* is the
 * input's own q0), `unbounded` (q grows layer after layer without limit; q = Infinity).
 * @throws RangeError when σ_w² or σ_b² is negative or not finite
 */
export function lengthFixedPoint(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q0 = 1,
): {
  /** The fixed point q* (Infinity when unbounded). */
  q: number;
  /** How layers approach it. */
  kind: 'stable' | 'neutral' | 'unbounded';
} {
  if (!(p.weightVar >= 0 && p.weightVar < Infinity && p.biasVar >= 0 && p.biasVar < Infinity))
    throw new RangeError(
      `σ_w² and σ_b² must be finite and ≥ 0, got ${p.weightVar} and ${p.biasVar}`,
    );
  const growth = p.weightVar * asymptoticGain(act);
  if (act.slopes) {
    // q ↦ growth·q + σ_b² is linear: a fixed point only below rate 1 (or every q at rate 1 without bias)
    if (Math.abs(growth - 1) <= UNIT_RATE)
      return p.biasVar === 0 ? { q: q0, kind: 'neutral' } : { q: Infinity, kind: 'unbounded' };
    if (growth > 1) return { q: Infinity, kind: 'unbounded' };
    return { q: p.biasVar / (1 - growth), kind: 'stable' };
  }
  const g = (q: number) => lengthMap(act, p, q) - q;
  if (growth > 1 + UNIT_RATE) return { q: Infinity, kind: 'unbounded' };
  if (growth >= 1 - UNIT_RATE) {
    // slope 1 far out: the map's excess over q tends to a constant; > 0 means endless growth
    const step = lengthStepAtInfinity(act, p);
    if (step === 0 && Math.abs(g(q0)) <= 1e-12 * Math.max(q0, 1)) return { q: q0, kind: 'neutral' };
    if (step > 0) return { q: Infinity, kind: 'unbounded' };
  }
  let lo = 0;
  if (g(0) <= 0) {
    // q = 0 is a fixed point (φ(0) = 0, σ_b² = 0); a positive one exists only where it repels.
    // Just above the critical line that one sits near ((σ_w² − 1)/k)² (ELU: E[φ(u)²] = q − k q^{3/2}
    // + …), far below any fixed small q: it is searched downwards on the ratio q′/q − 1, which
    // keeps its relative accuracy however small q is
    if (lengthMapSlope(act, p, 0) <= 1) return { q: 0, kind: 'stable' };
    const ratio = (q: number) => lengthMap(act, p, q) / q - 1;
    const tiny = 1e-12;
    let below = tiny;
    while (ratio(below) <= 0 && below > 1e-280) below /= 1e6;
    if (!(ratio(below) > 0)) return { q: 0, kind: 'stable' }; // the excess over 1 is in the rounding
    if (below < tiny) return { q: bracketedRoot(ratio, below, below * 1e6), kind: 'stable' };
    lo = tiny;
  }
  let hi = Math.max(q0, 1);
  // the map grows at most like σ_w²·max φ² + σ_b² (bounded φ) or slower than q: a bracket exists
  while (g(hi) > 0 && hi < 1e300) hi *= 4;
  const q = bracketedRoot(g, lo, hi);
  return { q, kind: 'stable' };
}

/**
 * The correlation map's stable fixed point c* at length q*: 1 in the ordered phase (χ₁ ≤ 1:
 * inputs end up alike), below 1 in the chaotic phase (χ₁ > 1). The map C is convex on [0, 1]
 * with C(1) = 1, C′(1) = χ₁ and C(0) ≥ 0, so in the chaotic phase it has one root in [0, 1).
 * It is found as the root of R(ε) = (1 − C(1 − ε))/ε − 1, which falls from χ₁ − 1 at ε → 0
 * to −C(0) at ε = 1, with 1 − C computed without cancellation (squaredDifference): so c* is
 * found however close to 1 it lies, as it does just above the critical line (1 − c* ≈
 * 2(χ₁ − 1)/C″(1)). Returns `eps` = 1 − c* too (accurate where c* itself rounds to 1), and
 * `eps` = 0 when c* cannot be told from 1 (χ₁ − 1 within the integrals' rounding).
 */
export function correlationFixedPoint(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q: number,
  chi: number,
  rtol = RTOL2,
): number {
  return correlationFixedPointGap(act, p, q, chi, rtol).cStar;
}

/** c* and ε = 1 − c* (see correlationFixedPoint). */
function correlationFixedPointGap(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q: number,
  chi: number,
  rtol: number,
): { cStar: number; eps: number } {
  if (!(q > Q_FLOOR) || !Number.isFinite(q) || !(chi > 1)) return { cStar: 1, eps: 0 };
  if (act.slopes) {
    // the arc-cosine form: C(c) = σ_w² κ(c) + σ_b²/q*, exact, so the plain difference is exact enough
    const h = (c: number) => correlationMap(act, p, q, c) - c;
    if (h(0) <= 0) return { cStar: 0, eps: 1 };
    let top = 1 - 1e-3;
    while (h(top) >= 0 && top < 1 - 1e-15) top = 1 - (1 - top) / 16;
    if (h(top) >= 0) return { cStar: 1, eps: 0 };
    const c = bracketedRoot(h, 0, top, 1e-15);
    return { cStar: c, eps: 1 - c };
  }
  const excess = (eps: number) =>
    (p.weightVar * squaredDifference(act, q, eps, act.phi, rtol)) / (2 * q * eps) - 1;
  if (excess(1) >= 0) return { cStar: 0, eps: 1 }; // C(0) = 0: inputs end up uncorrelated
  // start from the expansion 1 − c* ≈ 2(χ₁ − 1)/C″(1), C″(1) = σ_w² q E[φ″(u)²], then widen
  const curvature = p.weightVar * q * expect1(act, q, (u) => act.d2phi(u) ** 2);
  const guess = (2 * (chi - 1)) / curvature;
  let lo = guess > 1e-15 && guess < 0.25 ? guess / 4 : 1 / 16;
  let hi = Math.min(1, lo * 16);
  while (excess(lo) <= 0) {
    if (lo < 1e-15) return { cStar: 1, eps: 0 }; // χ₁ − 1 below what the integrals resolve
    hi = lo;
    lo /= 16;
  }
  while (hi < 1 && excess(hi) > 0) {
    lo = hi;
    hi = Math.min(1, hi * 16);
  }
  const eps = bracketedRoot(excess, lo, hi, 1e-10);
  return { cStar: 1 - eps, eps };
}

/** −1/ln x: a depth scale from a per-layer rate x < 1 (0 at x = 0; Infinity at x = 1; null above 1, where nothing converges). */
const depthScale = (x: number): number | null =>
  !(x >= 0) || x > 1 ? null : x === 1 ? Infinity : -1 / Math.log(x); // ln 1 is +0: −1/+0 would be −Infinity

/** Where χ₁ puts a network: below 1 ordered (correlations go to 1), 1 critical, above 1 chaotic. */
export type Phase = 'ordered' | 'critical' | 'chaotic';

/**
 * What q does layer after layer: `settles` at a q* > 0, `vanishes` (q* = 0), `kept` (every q is
 * a fixed point), `explodes` (× lengthRate > 1 a layer, no fixed point), `grows` (rate 1, no
 * fixed point: by a constant `lengthStep` a layer, σ_b² plus what a saturated side of φ adds).
 */
export type LengthRegime = 'settles' | 'vanishes' | 'kept' | 'explodes' | 'grows';

/** Everything the theory says about one (activation, σ_w², σ_b²). */
export interface MeanFieldSummary extends MeanFieldPoint {
  /** The activation's registry name. */
  activation: string;
  /** Fixed point of the length map (Infinity when q grows without bound). */
  qStar: number;
  /** How layers approach q* (see lengthFixedPoint). */
  lengthKind: 'stable' | 'neutral' | 'unbounded';
  /** What q does with depth. */
  lengthRegime: LengthRegime;
  /**
   * The per-layer factor of the length's deviation: d q^{l+1}/d q^l at q* (at q → ∞ when q
   * grows without bound: the factor q itself is multiplied by each layer).
   */
  lengthRate: number;
  /**
   * In the `grows` regime only: q's increase per layer as q → ∞ (σ_b² for the rectifiers and
   * linear; ELU and SELU add σ_w² (λα)²/2 from their saturated left side). See lengthStepAtInfinity.
   */
  lengthStep?: number;
  /** χ₁ = σ_w² E[φ′(√q* z)²]: the mean squared singular value of a layer's Jacobian (at q → ∞ when q is unbounded). */
  chi1: number;
  /**
   * Ordered, critical or chaotic, from χ₁; in the `grows` regime of ELU and SELU, from χ₁ at the
   * inputs' q0 (above its limit 1 at every finite q: chaotic, with c*, χ_c and ξ_c null).
   */
  phase: Phase;
  /** Fixed point of the correlation map c*; null where q has no fixed point (see `undefinedBecause`). */
  cStar: number | null;
  /** χ_c = σ_w² E[φ′(u1) φ′(u2)] at c* (Schoenholz et al. 2017, eq. 5): χ₁ where c* = 1; null with c*. */
  chiC: number | null;
  /** Layers over which the length converges to q*: −1/ln(lengthRate); null when q does not converge. */
  xiQ: number | null;
  /** Layers over which two inputs' correlation converges to c*: −1/ln χ_c (never negative); null with c*. */
  xiC: number | null;
  /** Schoenholz et al.'s rule of thumb: nets deeper than about 6 ξ_c do not train; null with ξ_c. */
  trainableDepth: number | null;
  /** Why each null field has no value, by field name (absent when every field has one). */
  undefinedBecause?: Partial<Record<'cStar' | 'chiC' | 'xiQ' | 'xiC' | 'trainableDepth', string>>;
}

/** χ₁ within this of 1 counts as the critical line itself. */
const CRITICAL_BAND = 1e-9;

/** The phase χ₁ puts a network in. */
const phaseOf = (chi: number): Phase =>
  Math.abs(chi - 1) <= CRITICAL_BAND ? 'critical' : chi < 1 ? 'ordered' : 'chaotic';

const num = (x: number) => String(Number(x.toPrecision(6)));

/**
 * q*, χ₁, the phase, c*, χ_c, ξ_q, ξ_c and the trainable depth for one point; `q0` is the
 * inputs' length where the length map leaves every q fixed (or as the start otherwise).
 * `rtol` is the two-dimensional integrals' relative tolerance (the chaotic phase's c* and χ_c):
 * 1e-12 by default; a figure's grid may take 1e-9 (about twice as fast, still ~1e-10 accurate).
 * Depth scales are never negative: ∞ on the critical line, null (with the reason in
 * `undefinedBecause`) where the quantity they measure does not converge.
 * @throws RangeError when σ_w² or σ_b² is negative or not finite
 */
export function meanField(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q0 = 1,
  rtol = RTOL2,
): MeanFieldSummary {
  const fixed = lengthFixedPoint(act, p, q0);
  const bounded = Number.isFinite(fixed.q);
  const chi = chi1(act, p, bounded ? fixed.q : Infinity); // homogeneous tails: the limit as q → ∞
  const lengthRate = lengthMapSlope(act, p, bounded ? fixed.q : Infinity);
  const lengthRegime: LengthRegime =
    fixed.kind === 'neutral'
      ? 'kept'
      : bounded
        ? fixed.q > 0
          ? 'settles'
          : 'vanishes'
        : lengthRate > 1 + UNIT_RATE
          ? 'explodes'
          : 'grows';
  const lengthStep = lengthRegime === 'grows' ? lengthStepAtInfinity(act, p) : undefined;
  // where q grows by a constant step, χ₁ only tends to its limit: a non-homogeneous φ (ELU,
  // SELU) has χ₁ above the limit 1 at every finite q, so every layer is (ever more slightly)
  // chaotic; the phase is read from the inputs' own length, where the network starts
  const chiAtInputs = lengthStep !== undefined && !act.slopes ? chi1(act, p, q0) : undefined;
  const phase = phaseOf(chiAtInputs ?? chi);
  const why: NonNullable<MeanFieldSummary['undefinedBecause']> = {};
  // a slope above 1 at a bounded q* is q* = 0 repelling by less than the integrals resolve: critical
  const xiQ =
    fixed.kind === 'neutral' ? Infinity : bounded ? depthScale(Math.min(lengthRate, 1)) : null;
  if (xiQ === null)
    why.xiQ =
      lengthRegime === 'explodes'
        ? `q has no fixed point: it is multiplied by ${num(lengthRate)} a layer`
        : `q has no fixed point: it grows by ${num(lengthStep!)} a layer (${act.slopes ? 'σ_b²' : 'σ_b² plus σ_w² times half the square of the level where φ saturates'})`;
  let cStar: number | null = 1;
  let chiC: number | null = chi;
  let xiC: number | null = phase === 'critical' ? Infinity : depthScale(chi);
  if (lengthStep !== undefined) {
    // Schoenholz et al.'s c*, χ_c and ξ_c are defined at q*; here q never settles and the
    // correlation map changes from layer to layer, its slope at c = 1 creeping towards 1
    cStar = chiC = xiC = null;
    const trend =
      chiAtInputs === undefined
        ? 'χ₁ = 1 at every q, and two inputs’ correlation creeps to 1 more slowly than any depth scale'
        : `χ₁ tends to 1 from ${chiAtInputs > 1 ? 'above' : 'below'} as q grows (${num(chiAtInputs)} at q = ${num(q0)})`;
    const reason = `q has no fixed point (it grows by ${num(lengthStep)} a layer): c* and χ_c are defined at q*; ${trend}`;
    why.cStar = why.chiC = why.xiC = why.trainableDepth = reason;
  } else if (!bounded && phase === 'chaotic') {
    // Schoenholz et al. define c*, χ_c and ξ_c at q*: without one, the correlation map changes
    // from layer to layer, tending to the bias-free map of the activation's tails, whose slope
    // at c = 1 is exactly 1 (correlations creep to 1 polynomially, not at a depth scale)
    cStar = chiC = xiC = null;
    const reason = `q has no fixed point (multiplied by ${num(lengthRate)} a layer): c* and χ_c are defined at q*; the gradients grow by χ₁ = ${num(chi)} a layer instead`;
    why.cStar = why.chiC = why.xiC = why.trainableDepth = reason;
  } else if (phase === 'chaotic') {
    const gap = correlationFixedPointGap(act, p, fixed.q, chi, rtol);
    if (gap.eps === 0) {
      xiC = Infinity; // c* not separable from 1: on the critical line to the integrals' accuracy
    } else {
      cStar = gap.cStar;
      // 1 − χ_c = (1 − χ₁) + σ_w² E[(φ′(u1) − φ′(u2))²]/2: accurate where χ_c is close to 1
      const spread = act.slopes
        ? chi - correlationSlope(act, p, fixed.q, gap.cStar)
        : (p.weightVar * squaredDifference(act, fixed.q, gap.eps, act.dphi, rtol)) / 2;
      const gapToOne = 1 - chi + spread;
      chiC = 1 - gapToOne;
      xiC = gapToOne <= 0 ? Infinity : gapToOne >= 1 ? 0 : -1 / Math.log1p(-gapToOne);
    }
  }
  return {
    activation: act.name,
    weightVar: p.weightVar,
    biasVar: p.biasVar,
    qStar: fixed.q,
    lengthKind: fixed.kind,
    lengthRegime,
    lengthRate,
    ...(lengthStep !== undefined ? { lengthStep } : {}),
    chi1: chi,
    phase,
    cStar,
    chiC,
    xiQ,
    xiC,
    trainableDepth: xiC === null ? null : 6 * xiC,
    ...(Object.keys(why).length ? { undefinedBecause: why } : {}),
  };
}

/**
 * The order-to-chaos line: the σ_w² where χ₁ = 1 at this σ_b² (with q* there), or null when
 * χ₁ stays below 1 up to σ_w² = 1e6.
 */
export function criticalWeightVar(
  act: ScalarActivation,
  biasVar: number,
  q0 = 1,
): {
  /** The critical σ_w² (the weights' variance times fan_in). */
  weightVar: number;
  /** The length map's fixed point q* there. */
  qStar: number;
} | null {
  const excess = (w: number) => {
    const p = { weightVar: w, biasVar };
    const fixed = lengthFixedPoint(act, p, q0);
    return chi1(act, p, fixed.q) - 1;
  };
  if (biasVar === 0 && act.phi(0) === 0) {
    // no bias and φ(0) = 0: below the line q* = 0 and χ₁ = σ_w² E0, E0 the mean of φ′(0±)², so
    // χ₁ reaches 1 at exactly 1/E0; above it χ₁(q*) − 1 can be second order in σ_w² − 1/E0
    // (ELU, SELU), too flat for a root finder to place closer than ~1e-8: take 1/E0 itself
    // where χ₁ does cross 1 there
    const [right, left] = atZero((u) => act.dphi(u) ** 2);
    const w0 = 2 / (right + left);
    if (excess(w0 * (1 - 1e-9)) < 0 && excess(w0 * (1 + 1e-4)) > 0)
      return { weightVar: w0, qStar: 0 };
  }
  let hi = 1;
  while (excess(hi) < 0) {
    hi *= 2;
    if (hi > 1e6) return null;
  }
  let lo = hi / 2;
  while (lo > 1e-12 && excess(lo) >= 0) lo /= 2;
  // excess rises with σ_w²: the root finder wants f(lo) ≥ 0 ≥ f(hi), so flip the sign
  const w = bracketedRoot((x) => -excess(x), lo, hi, 1e-13);
  return { weightVar: w, qStar: lengthFixedPoint(act, { weightVar: w, biasVar }, q0).q };
}

/** One layer of two inputs propagated together: their common length q and correlation c. */
export interface PairLayer {
  /** Layer number l, from 1. */
  layer: number;
  /** The pre-activations' mean square q^l. */
  q: number;
  /** The two inputs' pre-activation correlation c^l. */
  c: number;
}

/**
 * Two inputs of length q0 with correlation c0, layer by layer through `depth` layers: the
 * finite-depth prediction a measured network is compared with (q^l, c^l for l = 1 … depth).
 * With `shouldStop`, checked before each layer, it returns the layers done when it says stop.
 */
export function pairTrajectory(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q0: number,
  c0: number,
  depth: number,
  shouldStop?: ShouldStop,
): PairLayer[] {
  const out: PairLayer[] = [];
  let q = q0,
    c = c0;
  // each layer is a 2-D Gaussian integral (milliseconds): thousands of layers take long enough
  // to be stopped, and the layers done so far are the answer up to there
  for (let l = 1; l <= depth && !shouldStop?.(); l++) {
    const next = lengthMap(act, p, q);
    c = nextCorrelation(act, p, q, c, next);
    q = next;
    out.push({ layer: l, q, c });
    if (!Number.isFinite(q) || Number.isNaN(c)) break; // nothing further to follow
  }
  return out;
}

/**
 * Two inputs' correlation one layer on, from their common length q (`next` = the length map at
 * q). NaN where it is undefined: both inputs at 0 (next = 0) or lengths out of float64's range
 * for a bounded map. At q = ∞ the bias no longer counts and the map is the activation's tails'
 * (the arc-cosine map for the rectifiers).
 */
function nextCorrelation(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q: number,
  c: number,
  next: number,
): number {
  if (Number.isNaN(q) || Number.isNaN(c) || Number.isNaN(next)) return NaN;
  const tails = tailSlopes(act);
  if (q === Infinity && homogeneousGain(tails) > 0) {
    const x = homogeneousCross(tails, c) / homogeneousGain(tails);
    return Math.min(1, Math.max(-1, x));
  }
  if (!(next > Q_FLOOR) || next === Infinity) return next === 0 || next === Infinity ? NaN : 1;
  const cross = act.slopes
    ? p.weightVar * q * homogeneousCross(act.slopes, c) + p.biasVar
    : p.weightVar * expect2(act, q, c, act.phi, act.phi) + p.biasVar;
  return Math.min(1, Math.max(-1, cross / next));
}

/** Mean and standard deviation of φ(u) for u ~ N(0, q): a layer's activations as the theory sees them. */
export function activationMoments(
  act: ScalarActivation,
  q: number,
): {
  /** E[φ(u)]. */
  mean: number;
  /** √Var[φ(u)]. */
  std: number;
} {
  if (q === Infinity && homogeneousGain(tailSlopes(act)) > 0)
    return { mean: Infinity, std: Infinity };
  const mean = expect1(act, q, act.phi);
  const second = expect1(act, q, (u) => act.phi(u) ** 2);
  return { mean, std: Math.sqrt(Math.max(0, second - mean * mean)) };
}

/** E[φ′(u)^(2k)] for u ~ N(0, q): Pennington et al. 2017's μ_k. */
export function derivativeMoment(act: ScalarActivation, q: number, k: number): number {
  return expect1(act, q, (u) => act.dphi(u) ** (2 * k));
}
