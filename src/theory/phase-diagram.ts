// The (σ_w², σ_b²) plane of one activation, as Schoenholz et al. 2017 draw it (their Fig. 1):
// the order-to-chaos line χ₁ = 1, the correlation depth scale ξ_c over a grid (a network
// deeper than about 6 ξ_c does not train), and where the registry's initializers sit in the plane (initializer-placement.ts).
import { initializerNames } from '../nn/initializers.js';
import type { ScalarActivation } from './activation-calculus.js';
import {
  type InitializerPoint,
  placeInitializers,
  type UnplacedInitializer,
} from './initializer-placement.js';
import { correlationSeries, seriesAt } from './hermite-series.js';
import {
  bracketedRoot,
  chi1 as chi1At,
  criticalWeightVar,
  lengthFixedPoint,
  meanField,
  type MeanFieldPoint,
  type Phase,
} from './mean-field.js';

export {
  initializerPoints,
  placeInitializer,
  placeInitializers,
  type InitializerPoint,
  type Placements,
  type UnplacedInitializer,
} from './initializer-placement.js';

/** A grid axis: `count` values evenly spaced from `min` to `max`, both included. */
export interface GridAxis {
  /** First value of the axis (σ_w² or σ_b², dimensionless). */
  min: number;
  /** Last value of the axis. */
  max: number;
  /** How many evenly spaced values, ends included (1: just `min`). */
  count: number;
}

/** One cell of the grid. */
export interface PhaseCell {
  /** σ_w², the weight variance times fan_in. */
  weightVar: number;
  /** σ_b², the bias variance. */
  biasVar: number;
  /** Ordered (χ₁ < 1), critical or chaotic (χ₁ > 1). */
  phase: Phase;
  /** χ₁ = σ_w² E[φ′(√q* z)²], the slope of the correlation map at c = 1. */
  chi1: number;
  /** Correlation depth scale (layers); null where the theory has none (q grows without bound). */
  xiC: number | null;
  /** 6 ξ_c, Schoenholz et al.'s trainable depth; null with ξ_c. */
  trainableDepth: number | null;
  /** Why ξ_c is null there (present only then). */
  undefinedBecause?: string;
}

/** The (σ_w², σ_b²) plane of one activation: the grid of cells, the critical line and the initializers placed in it. */
export interface PhaseDiagram {
  /** The activation's catalogue name (e.g. `tanh`). */
  activation: string;
  /** The inputs' squared length per unit (matters only where q* is not unique). */
  q0: number;
  /** The σ_w² axis, ascending. */
  weightVars: number[];
  /** The σ_b² axis, ascending. */
  biasVars: number[];
  /** biasVars.length × weightVars.length cells, row by row (row r: biasVars[r]). */
  cells: PhaseCell[][];
  /** The order-to-chaos line: σ_w² where χ₁ = 1 at σ_b² from the bias axis' start to its end, denser near the start (null: none below 1e6). */
  critical: {
    /** σ_b² of this point of the line. */
    biasVar: number;
    /** The critical σ_w² (χ₁ = 1) at that σ_b², or null where there is none below 1e6. */
    weightVar: number | null;
    /** The length fixed point q* on the line, or null with weightVar. */
    qStar: number | null;
  }[];
  /** The chosen initializers' points, one per distinct (σ_w², σ_b²). */
  initializers: InitializerPoint[];
  /** The chosen initializers with no point in the plane, each with its reason. */
  unplaced: UnplacedInitializer[];
}

/** `count` evenly spaced values from min to max. */
export function axisValues(a: GridAxis): number[] {
  if (a.count === 1) return [a.min];
  return Array.from({ length: a.count }, (_, i) => a.min + ((a.max - a.min) * i) / (a.count - 1));
}

/** The series' dropped terms may move E[φφ] or χ_c by at most this (relative) before the exact quadrature takes over. */
const SERIES_TOLERANCE = 1e-11;

/**
 * The phase, χ₁ and ξ_c of one point, as meanField has them: the ordered phase from χ₁ alone,
 * the chaotic one from the Mehler series of the correlation map (hermite-series.ts), or from
 * meanField's nested quadrature where the series has not converged (c* close to 1).
 */
function cellDepthScale(
  act: ScalarActivation,
  p: MeanFieldPoint,
  q0: number,
): { phase: Phase; chi1: number; xiC: number | null; why?: string } {
  const fixed = lengthFixedPoint(act, p, q0);
  const q = fixed.q;
  const chi = chi1At(act, p, q);
  const exact = () => {
    const m = meanField(act, p, q0, 1e-9);
    return { phase: m.phase, chi1: m.chi1, xiC: m.xiC, why: m.undefinedBecause?.xiC };
  };
  // the ordered phase, the line and unbounded q need no two-dimensional integral; the
  // rectifiers' maps are closed forms
  if (!(Math.abs(chi - 1) > 1e-9) || chi < 1 || !Number.isFinite(q) || !(q > 1e-200) || act.slopes)
    return exact();
  const series = correlationSeries(act, q);
  const h = (c: number) => (p.weightVar * seriesAt(series, q, c).phiPhi + p.biasVar) / q - c;
  const top = 1 - 1e-6;
  if (h(0) <= 0 || h(top) >= 0) return exact();
  const cStar = bracketedRoot(h, 0, top, 1e-13);
  const at = seriesAt(series, q, cStar);
  const chiC = p.weightVar * at.slope;
  if (
    !(chiC < 1) ||
    p.weightVar * at.phiPhiError > SERIES_TOLERANCE * q ||
    p.weightVar * at.slopeError > SERIES_TOLERANCE * chiC
  )
    return exact();
  return { phase: 'chaotic', chi1: chi, xiC: -1 / Math.log(chiC) };
}

/** A grid this large would take minutes: the limit on rows × columns. */
export const MAX_PHASE_CELLS = 10_000;

/**
 * The phase diagram of `act` over the grid (σ_w² along `weight`, σ_b² along `bias`), the
 * critical line at `criticalCount` values of σ_b² over the bias axis, and the initializers
 * of a square layer of `width` units. In the chaotic phase ξ_c comes from the correlation
 * map's Mehler series (exact quadrature where the series has not converged), about 1e-10
 * relative; the critical line from meanField's quadrature, to 1e-12.
 */
export function phaseDiagram(
  act: ScalarActivation,
  weight: GridAxis,
  bias: GridAxis,
  {
    q0 = 1,
    width = 100,
    criticalCount = 41,
    initializers = initializerNames(),
  }: {
    /** The inputs' squared length per unit. */
    q0?: number;
    /** The square layer's width the initializers are placed for. */
    width?: number;
    /** Points of the critical line. */
    criticalCount?: number;
    /** The initializer SPECs to place (default: every registry entry at its own defaults). */
    initializers?: readonly string[];
  } = {},
): PhaseDiagram {
  const weightVars = axisValues(weight);
  const biasVars = axisValues(bias);
  const cells = biasVars.map((b) =>
    weightVars.map((w): PhaseCell => {
      const m = cellDepthScale(act, { weightVar: w, biasVar: b }, q0);
      return {
        weightVar: w,
        biasVar: b,
        phase: m.phase,
        chi1: m.chi1,
        xiC: m.xiC,
        trainableDepth: m.xiC === null ? null : 6 * m.xiC,
        ...(m.why === undefined ? {} : { undefinedBecause: m.why }),
      };
    }),
  );
  // denser near the bias axis' start, where the line bends fastest (at σ_b² = 0 it leaves σ_w² = 1 like √σ_b²)
  const span = bias.max - bias.min;
  const criticalBias = Array.from(
    { length: criticalCount },
    (_, i) => bias.min + span * (i / Math.max(1, criticalCount - 1)) ** 2,
  );
  const critical = criticalBias.map((b) => {
    const c = criticalWeightVar(act, b, q0);
    return { biasVar: b, weightVar: c?.weightVar ?? null, qStar: c?.qStar ?? null };
  });
  const { placed, unplaced } = placeInitializers(width, initializers);
  return {
    activation: act.name,
    q0,
    weightVars,
    biasVars,
    cells,
    critical,
    initializers: placed,
    unplaced,
  };
}
