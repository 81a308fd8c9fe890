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

/** E[F(√q z)] for z ~ N(0, 1). */
function expect1(act: ScalarActivation, q: number, f: (u: number) => number): number {
  const s = Math.sqrt(Math.max(q, Q_FLOOR));
  return gaussianExpectation(
    (z) => f(s * z),
    act.kinks.map((k) => k / s),
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
  const s = Math.sqrt(Math.max(q, Q_FLOOR));
  if (c >= 1) return expect1(act, q, (u) => f(u) * g(u));
  if (c <= -1) return expect1(act, q, (u) => f(u) * g(-u));
  const r = Math.sqrt(1 - c * c);
  const bound = Math.sqrt(expect1(act, q, (u) => f(u) ** 2) * expect1(act, q, (u) => g(u) ** 2)); // Cauchy–Schwarz
  return gaussianExpectation2(
    (z1, z2) => f(s * z1) * g(s * (c * z1 + r * z2)),
    act.kinks.map((k) => k / s),
    (z1) => act.kinks.map((k) => (k / s - c * z1) / r),
    bound,
    rtol,
  );
}

/** The length map q ↦ σ_w² E[φ(√q z)²] + σ_b²: one layer's pre-activation variance from the last. */
export function lengthMap(act: ScalarActivation, p: MeanFieldPoint, q: number): number {
  if (q <= 0) return p.weightVar * act.phi(0) ** 2 + p.biasVar; // every unit at φ(0)
  return p.weightVar * expect1(act, q, (u) => act.phi(u) ** 2) + p.biasVar;
}

/** d(length map)/dq = σ_w² E[φ′(u)² + φ(u) φ″(u)] (Stein's lemma), u ~ N(0, q). */
export function lengthMapSlope(act: ScalarActivation, p: MeanFieldPoint, q: number): number {
  return p.weightVar * expect1(act, q, (u) => act.dphi(u) ** 2 + act.phi(u) * act.d2phi(u));
}

/** χ₁ = σ_w² E[φ′(√q z)²]: how a small perturbation of one input grows (> 1) or shrinks (< 1) per layer. */
export function chi1(act: ScalarActivation, p: MeanFieldPoint, q: number): number {
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
  if (q <= Q_FLOOR) return 1;
  return (p.weightVar * expect2(act, q, c, act.phi, act.phi, rtol) + p.biasVar) / q;
}

/** χ_c = σ_w² E[φ′(u1) φ′(u2)]: the slope of the correlation map at c (Schoenholz et al. eq. 6). */
export function correlationSlope(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q: number,
  c: number,
  rtol = RTOL2,
): number {
  return p.weightVar * expect2(act, q, c, act.dphi, act.dphi, rtol);
}

/**
 * lim E[φ(√q z)²] / q as q → ∞: 0 for bounded activations; for the piecewise-linear ones
 * (and ELU, SELU, whose negative side is bounded) the mean of the squared slopes' halves.
 */
function asymptoticGain(act: ScalarActivation): number {
  const big = 1e16;
  const up = act.dphi(big);
  const down = act.d2phi(-big) === 0 ? act.dphi(-big) : 0;
  return (up * up + down * down) / 2;
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

/**
 * The length map's fixed point q*. `kind`: `stable` (layers converge to it), `neutral` (every
 * q is fixed, as for ReLU at σ_w² = 2, σ_b² = 0: q* is the input's own q0), `unbounded` (q
 * grows layer after layer without limit; q = Infinity).
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
  const growth = p.weightVar * asymptoticGain(act);
  const g = (q: number) => lengthMap(act, p, q) - q;
  if (growth > 1 + 1e-12) return { q: Infinity, kind: 'unbounded' };
  if (growth >= 1 - 1e-12) {
    // slope 1 far out: the map's excess over q tends to a constant; > 0 means endless growth
    const far = g(1e12);
    if (Math.abs(far) <= 1e-12 * 1e12 && Math.abs(g(q0)) <= 1e-12 * Math.max(q0, 1))
      return { q: q0, kind: 'neutral' };
    if (far > 0) return { q: Infinity, kind: 'unbounded' };
  }
  let lo = 0;
  if (g(0) <= 0) {
    // q = 0 is a fixed point (φ(0) = 0, σ_b² = 0); a positive one exists only where it repels
    const tiny = 1e-12;
    if (lengthMapSlope(act, p, tiny) <= 1 || g(tiny) <= 0) return { q: 0, kind: 'stable' };
    lo = tiny;
  }
  let hi = Math.max(q0, 1);
  while (g(hi) > 0) hi *= 4;
  const q = bracketedRoot(g, lo, hi);
  return { q, kind: 'stable' };
}

/**
 * The correlation map's stable fixed point c* at length q*: 1 in the ordered phase (χ₁ ≤ 1:
 * inputs end up alike), below 1 in the chaotic phase (χ₁ > 1). The map is convex on [0, 1]
 * with C(1) = 1 and C(0) ≥ 0, so in the chaotic phase it has one root in [0, 1).
 */
export function correlationFixedPoint(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q: number,
  chi: number,
  rtol = RTOL2,
): number {
  if (!(q > Q_FLOOR) || !Number.isFinite(q) || chi <= 1) return 1;
  const h = (c: number) => correlationMap(act, p, q, c, rtol) - c;
  if (h(0) <= 0) return 0;
  const top = 1 - 1e-6;
  if (h(top) >= 0) return 1; // too close to the critical line to tell c* from 1
  return bracketedRoot(h, 0, top, Math.max(1e-13, rtol / 10));
}

/** −1/ln x: a depth scale from a per-layer rate x (Infinity at x = 1; NaN where x ≤ 0). */
const depthScale = (x: number) => (x > 0 ? (x === 1 ? Infinity : -1 / Math.log(x)) : NaN); // ln 1 is +0: −1/+0 would be −Infinity

/** Where χ₁ puts a network: below 1 ordered (correlations go to 1), 1 critical, above 1 chaotic. */
export type Phase = 'ordered' | 'critical' | 'chaotic';

/** Everything the theory says about one (activation, σ_w², σ_b²). */
export interface MeanFieldSummary extends MeanFieldPoint {
  /** The activation's registry name. */
  activation: string;
  /** Fixed point of the length map (Infinity when q grows without bound). */
  qStar: number;
  /** How layers approach q* (see lengthFixedPoint). */
  lengthKind: 'stable' | 'neutral' | 'unbounded';
  /** χ₁ = σ_w² E[φ′(√q* z)²]: the mean squared singular value of a layer's Jacobian. */
  chi1: number;
  /** Ordered, critical or chaotic, from χ₁. */
  phase: Phase;
  /** Fixed point of the correlation map c*. */
  cStar: number;
  /** Slope of the correlation map at c*: χ₁ in the ordered phase. */
  chiC: number;
  /** Layers over which the length converges to q*: −1/ln(dq^{l+1}/dq^l at q*). */
  xiQ: number;
  /** Layers over which two inputs' correlation converges to c*: −1/ln χ_c. */
  xiC: number;
  /** Schoenholz et al.'s rule of thumb: nets deeper than about 6 ξ_c do not train. */
  trainableDepth: number;
}

/** χ₁ within this of 1 counts as the critical line itself. */
const CRITICAL_BAND = 1e-9;

/**
 * q*, χ₁, the phase, c*, χ_c, ξ_q, ξ_c and the trainable depth for one point; `q0` is the
 * inputs' length where the length map leaves every q fixed (or as the start otherwise).
 * `rtol` is the two-dimensional integrals' relative tolerance (the chaotic phase's c* and χ_c):
 * 1e-12 by default; a figure's grid may take 1e-9 (about twice as fast, still ~1e-10 accurate).
 */
export function meanField(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q0 = 1,
  rtol = RTOL2,
): MeanFieldSummary {
  const fixed = lengthFixedPoint(act, p, q0);
  const qEval = Number.isFinite(fixed.q) ? fixed.q : 1e16; // homogeneous tails: the limit as q → ∞
  const chi = chi1(act, p, qEval);
  const phase: Phase =
    Math.abs(chi - 1) <= CRITICAL_BAND ? 'critical' : chi < 1 ? 'ordered' : 'chaotic';
  const cStar =
    phase === 'chaotic' && Number.isFinite(fixed.q)
      ? correlationFixedPoint(act, p, fixed.q, chi, rtol)
      : 1;
  const chiC = cStar < 1 ? correlationSlope(act, p, fixed.q, cStar, rtol) : chi;
  const slopeQ = Number.isFinite(fixed.q) ? lengthMapSlope(act, p, fixed.q) : NaN;
  const xiC = phase === 'critical' ? Infinity : depthScale(chiC);
  return {
    activation: act.name,
    weightVar: p.weightVar,
    biasVar: p.biasVar,
    qStar: fixed.q,
    lengthKind: fixed.kind,
    chi1: chi,
    phase,
    cStar,
    chiC,
    xiQ: fixed.kind === 'neutral' ? Infinity : depthScale(slopeQ),
    xiC,
    trainableDepth: 6 * xiC,
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
    return chi1(act, p, Number.isFinite(fixed.q) ? fixed.q : 1e16) - 1;
  };
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
    const cross = p.weightVar * expect2(act, q, c, act.phi, act.phi) + p.biasVar;
    const next = lengthMap(act, p, q);
    c = next > Q_FLOOR ? Math.min(1, Math.max(-1, cross / next)) : 1;
    q = next;
    out.push({ layer: l, q, c });
    if (!Number.isFinite(q)) break;
  }
  return out;
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
  const mean = expect1(act, q, act.phi);
  const second = expect1(act, q, (u) => act.phi(u) ** 2);
  return { mean, std: Math.sqrt(Math.max(0, second - mean * mean)) };
}

/** E[φ′(u)^(2k)] for u ~ N(0, q): Pennington et al. 2017's μ_k. */
export function derivativeMoment(act: ScalarActivation, q: number, k: number): number {
  return expect1(act, q, (u) => act.dphi(u) ** (2 * k));
}
