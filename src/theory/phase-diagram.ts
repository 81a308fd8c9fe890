// The (σ_w², σ_b²) plane of one activation, as Schoenholz et al. 2017 draw it (their Fig. 1):
// the order-to-chaos line χ₁ = 1, the correlation depth scale ξ_c over a grid (a network
// deeper than about 6 ξ_c does not train), and where common initializers sit in the plane.
import { TRUNCATED_NORMAL_STD } from '../nn/initializers.js';
import type { ScalarActivation } from './activation-calculus.js';
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

/** Where an initializer puts a square layer of `width` units: σ_w² = fan_in · Var(W), σ_b² = Var(b). */
export interface InitializerPoint {
  /** Registry names that land on this point. */
  names: string[];
  /** σ_w² = fan_in · Var(W) of the initializer. */
  weightVar: number;
  /** σ_b² = Var(b) of the initializer (0 for zero biases). */
  biasVar: number;
  /** How σ_w² and σ_b² follow from the framework's formula. */
  formula: string;
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
}

/** `count` evenly spaced values from min to max. */
export function axisValues(a: GridAxis): number[] {
  if (a.count === 1) return [a.min];
  return Array.from({ length: a.count }, (_, i) => a.min + ((a.max - a.min) * i) / (a.count - 1));
}

/**
 * The initializers placed in the plane, for a square layer of `width` units (fan_in = fan_out
 * = width, so Glorot's fan_avg is fan_in). Sources: He et al. 2015 (Var = 2/fan_in); LeCun
 * 1998 / the notebook's Xavier (1/fan_in); Keras' glorot_uniform (uniform(±√(6/(fan_in +
 * fan_out))), Var = limit²/3); Keras/Flax lecun_normal (truncated normal with the std
 * divided by 0.8796…, Var = 1/fan_in); PyTorch nn.Linear (kaiming_uniform with a = √5:
 * uniform(±1/√fan_in), Var = 1/(3 fan_in), and biases uniform(±1/√fan_in)); TF.js's
 * glorotNormal, the default of tf.layers.dense (truncated at 2 std without the correction:
 * Var = 0.8796…² / fan_in); PyTorch's kaiming_normal_ with nonlinearity='selu'
 * (calculate_gain('selu') = 3/4: Var = (3/4)² / fan_in).
 */
export function initializerPoints(width: number): InitializerPoint[] {
  return [
    { names: ['he'], weightVar: 2, biasVar: 0, formula: 'N(0, 2/fan_in)' },
    {
      names: ['xavier', 'lecun-normal', 'keras-dense', 'flax-dense'],
      weightVar: 1,
      biasVar: 0,
      formula:
        'Var(W) = 1/fan_in (glorot_uniform: limit²/3 = 2/(fan_in + fan_out) = 1/fan_in on a square layer)',
    },
    {
      names: ['tfjs-truncated-normal'],
      weightVar: TRUNCATED_NORMAL_STD ** 2,
      biasVar: 0,
      formula: 'truncated at ±2 std, std √(1/fan_in) not divided by 0.8796…: σ_w² = 0.8796…²',
    },
    {
      names: ['pytorch-selu'],
      weightVar: 9 / 16,
      biasVar: 0,
      formula: "N(0, gain²/fan_in), calculate_gain('selu') = 3/4",
    },
    {
      names: ['pytorch-linear'],
      weightVar: 1 / 3,
      biasVar: 1 / (3 * width),
      formula: 'uniform(±1/√fan_in) weights and biases: σ_w² = 1/3, σ_b² = 1/(3 fan_in)',
    },
  ];
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
  { q0 = 1, width = 100, criticalCount = 41 } = {},
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
  return {
    activation: act.name,
    q0,
    weightVars,
    biasVars,
    cells,
    critical,
    initializers: initializerPoints(width),
  };
}
