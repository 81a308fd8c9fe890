// The run doctor: reads a finished run's own record (its costs, how it stopped, its per-layer
// diagnostics at initialization and at the end) and names what went wrong, where, and what
// to change. Pure: the CLI prints it, `--json` carries it, the report and the web lab show it.
// The causes are the ones the initialization literature names: symmetry never broken (the
// notebook's zeros run), dead ReLUs (Lu et al. 2019, "Dying ReLU and initialization"),
// saturated outputs and hidden units (Glorot & Bengio 2010), back-propagated gradients that
// vanish or explode with depth (Hochreiter 1991; Schoenholz et al. 2017), and divergence;
// before all of them, inputs far from the unit scale every initialization assumes.
import { type InputScale, inputsOffScale, LARGE_INPUT } from '../data/scale.js';
import type { CostPoint, StopReason } from './train.js';
import type { DiagnosticsPoint } from './diagnostics.js';
import { describeDivergence, divergenceOf, SATURATED_START } from './divergence.js';
import type { Network } from '../nn/network.js';
import { placeInitializer } from '../theory/initializer-placement.js';

/** The failures the doctor can name, one per cause it knows how to fix. */
export type FindingKind =
  | 'data-scale'
  | 'diverged'
  | 'symmetry'
  | 'saturated-output'
  | 'saturated-hidden'
  | 'dead-relu'
  | 'vanishing-gradient'
  | 'exploding-gradient'
  | 'stuck';

/** One thing the doctor found: what, where (1-based layer), how much, why, and what to do. */
export interface Finding {
  /** Which failure. */
  kind: FindingKind;
  /** The layer concerned, when there is one (1 = the first hidden layer). */
  layer?: number;
  /** The fraction of units or outputs concerned, or the gradient's ratio from the last layer to the first. */
  amount?: number;
  /** Why it happened, in a sentence. */
  cause: string;
  /** What to change, in a sentence (a flag or initializer to use). */
  fix: string;
}

/** The doctor's verdict on one run. */
export interface Diagnosis {
  /** True when nothing was found: the run trained. */
  ok: boolean;
  /** What was found, most fundamental cause first (empty when ok). */
  findings: Finding[];
}

/** What the doctor reads: a finished run's record (the CLI's RunResult or the web lab's run) and whether it stayed symmetric. */
export interface DoctorInput {
  /** Why the run ended. */
  stopReason: StopReason;
  /** The iteration where the cost or the weights stopped being finite, for a diverged run. */
  divergedAt?: number;
  /** The recorded costs, iteration 0 first. */
  costs: CostPoint[];
  /** The cost after the last iteration, when computed (the recorded costs may stop short of it). */
  finalCost?: number;
  /** Accuracy on the training set at the end, from 0 to 1. */
  trainAccuracy: number;
  /** The learning rate the run used (α). */
  learningRate: number;
  /** Per-layer statistics, at iteration 0 first and the last record last (empty: those checks are skipped). */
  diagnostics: DiagnosticsPoint[];
  /** Every hidden unit had the same incoming weights at the start and still has at the end (experiments/verdict.ts isSymmetric). */
  symmetric: boolean;
  /** The initializer's registry name (`he`, `xavier`, …); unknown: no advice assumes it. */
  init?: string;
  /** The hidden layers' activation (`relu`, `tanh`, …); unknown: no advice assumes it. */
  activation?: string;
  /** Per layer, first hidden first: its biases at initialization; unknown: no advice about them. */
  biasesAtStart?: BiasesAtStart[];
  /**
   * The training inputs' scale (data/scale.ts inputScale). When given and far from unit
   * scale, a failed run is put down to the data, not to the initialization or the learning rate.
   */
  inputScale?: InputScale;
}

/** One layer's biases at initialization, as the doctor reads them. */
export interface BiasesAtStart {
  /** Their mean. */
  mean: number;
  /** Their largest magnitude (0: every bias started at 0). */
  maxAbs: number;
}

/**
 * σ_w² = fan_in · Var(W) of the run's initializer SPEC, from the registry entry's own moments
 * (theory/initializer-placement.ts), when it is a fan-scaled point of the plane (he: 2,
 * xavier and glorot on a square layer: 1); undefined for an unknown SPEC, a fixed scale
 * (random, whose σ_w² follows the width) or no point at all (ones, identity, lsuv).
 */
function initWeightVar(spec: string | undefined): number | undefined {
  if (spec === undefined) return undefined;
  try {
    const p = placeInitializer(spec, SQUARE_LAYER);
    return 'reason' in p || p.scalesWithWidth ? undefined : p.weightVar;
  } catch {
    return undefined; // a SPEC the registry refuses: no advice assumes it
  }
}
/** Any width serves: a fan-scaled σ_w² is the same at every square layer. */
const SQUARE_LAYER = 100;
/** Whether the SPEC's σ_w² is `target` within 5% (TF.js's uncorrected 0.774 · target is not). */
const startsAt = (spec: string | undefined, target: number) =>
  Math.abs((initWeightVar(spec) ?? NaN) / target - 1) <= 0.05;
/** He's σ_w² = 2, what ReLU layers need. */
const isHeLike = (spec: string | undefined) => startsAt(spec, 2);
/** σ_w² = 1, LeCun's and Glorot's (on a square layer), what tanh layers need. */
const isXavierLike = (spec: string | undefined) => startsAt(spec, 1);

/** The registry name without its parameters (`he:scale=2` → `he`). */
const baseName = (spec: string | undefined) => spec?.split(':')[0];

/**
 * The initializer that keeps σ_w² · E[φ′²] near 1 for the activation, as an --init SPEC:
 * he for the rectifiers; for sigmoid, whose φ′ is at most 1/4, σ_w² = 1/φ′(0)² = 16 (Glorot &
 * Bengio 2010 scale sigmoid's uniform bound by 4); xavier for the rest; undefined when unknown.
 */
function matchingInit(activation: string | undefined): string | undefined {
  const a = baseName(activation);
  if (a === undefined) return undefined;
  if (a === 'relu' || a === 'leaky-relu') return 'he';
  return a === 'sigmoid' ? SIGMOID_INIT : 'xavier';
}

/** The variance sigmoid layers need: 16/fan_in. */
const SIGMOID_INIT = 'variance-scaling:scale=16';
/** σ_w² of SIGMOID_INIT. */
const SIGMOID_WEIGHT_VAR = 16;

/** True when the run already started from the variance its activation needs. */
function initAlreadyMatches(run: DoctorInput): boolean {
  const want = matchingInit(run.activation);
  const init = baseName(run.init);
  if (want === undefined || init === undefined) return false;
  if (want === SIGMOID_INIT) return startsAt(run.init, SIGMOID_WEIGHT_VAR);
  return want === 'he' ? isHeLike(run.init) : isXavierLike(run.init);
}

/** The initializer to suggest: the one the activation needs, or both when the activation is unknown. */
function suggestInit(run: DoctorInput): string {
  const want = matchingInit(run.activation);
  if (want === undefined) return 'he for ReLU, xavier for tanh';
  // sigmoid's outputs average 1/2, not 0, which biases every layer above: the right variance
  // alone (σ_w² φ′(0)² = 1) starts such a net well but does not make it train, tanh does
  if (want === SIGMOID_INIT)
    return `--activation tanh with --init xavier (sigmoid's outputs average 1/2, not 0, which slows every layer above), or keep sigmoid with --init ${SIGMOID_INIT} (σ_w² = 1/φ′(0)² = 16)`;
  return `--init ${want} for ${baseName(run.activation)}`;
}

const LN2 = Math.log(2);
/** A layer with at least this fraction of dead units (or saturated outputs) is named. */
const LAYER_FRACTION = 0.5;
/** The back-propagated gradient shrinking (or growing) by this factor from the last layer to the first. */
const GRADIENT_RATIO = 1e3;
/** A final cost within this of ln 2 with chance accuracy: the network predicts the class prior. */
const STUCK_BAND = 0.02;
/** A final cost still within this of ln 2, at most NEAR_CHANCE_ACCURACY right: it barely learned. */
const NEAR_CHANCE_BAND = 0.05;
const NEAR_CHANCE_ACCURACY = 0.7;
/** A run this accurate on its training set, with a cost below ln 2, trained: nothing to fix. */
const TRAINED_ACCURACY = 0.9;

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const sig = (x: number) => String(Number(x.toPrecision(3)));

/** The layer (1-based) where `value` is largest, and that value. */
function worstLayer(
  point: DiagnosticsPoint | undefined,
  value: (l: DiagnosticsPoint['layers'][number]) => number,
  hiddenOnly = true,
): { layer: number; amount: number } | null {
  if (!point) return null;
  const layers = hiddenOnly ? point.layers.slice(0, -1) : point.layers;
  let best: { layer: number; amount: number } | null = null;
  for (const l of layers) {
    const v = value(l);
    if (Number.isFinite(v) && (best === null || v > best.amount))
      best = { layer: l.layer, amount: v };
  }
  return best;
}

/**
 * Names the causes of a failed run and their fixes; `{ ok: true, findings: [] }` for a run
 * that trained. Findings come most fundamental first (a divergence or an unbroken symmetry
 * explains everything after it). When the run failed and its inputs are far from unit scale
 * (`inputScale`), the one finding is `data-scale`: every other symptom (divergence, saturated
 * outputs, dead units) follows from it, and no initialization or learning rate would fix it.
 */
export function diagnoseRun(run: DoctorInput): Diagnosis {
  const found = diagnoseModel(run);
  const scale = run.inputScale;
  if (found.ok || !scale || !inputsOffScale(scale)) return found;
  return { ok: false, findings: [dataScaleFinding(run, scale)] };
}

function dataScaleFinding(run: DoctorInput, scale: InputScale): Finding {
  const first = run.costs[0]?.cost ?? NaN;
  const last = run.finalCost ?? run.costs[run.costs.length - 1]?.cost ?? NaN;
  const what =
    run.stopReason === 'diverged'
      ? `its cost stopped being a finite number at iteration ${run.divergedAt}`
      : `its cost went from ${sig(first)} to ${sig(last)}`;
  const size = `max |x| = ${sig(scale.largest)}, the largest feature std ${sig(scale.spread)}`;
  return {
    kind: 'data-scale',
    amount: scale.largest,
    cause:
      scale.largest > LARGE_INPUT
        ? `the inputs are far larger than the unit scale every initialization assumes (${size}): the first layer's outputs are that many times too large whatever the weights, and ${what}; neither the initialization nor the learning rate is the cause`
        : `the inputs are far smaller than the unit scale every initialization assumes (${size}): the network's outputs start as little more than its biases, and ${what}`,
    fix: "standardize the features (subtract each one's mean, divide by its std, as scikit-learn's StandardScaler), or choose the dataset's parameters so that its points are of size about 1, as the registry's defaults are",
  };
}

/** The findings without looking at the inputs' scale. */
function diagnoseModel(run: DoctorInput): Diagnosis {
  const findings: Finding[] = [];
  const first = run.costs[0]?.cost ?? NaN;
  const finite = run.costs.filter((c) => Number.isFinite(c.cost));
  // where the run ended: its final cost, else the last recorded one
  const last =
    run.finalCost !== undefined && Number.isFinite(run.finalCost)
      ? run.finalCost
      : (finite[finite.length - 1]?.cost ?? NaN);
  const start = run.diagnostics[0];
  const end = run.diagnostics[run.diagnostics.length - 1];

  // one divergence rule for every command (train/divergence.ts): the sweep's rows say the same
  const diverged = divergenceOf(run);
  if (diverged) {
    const words = describeDivergence(diverged, run.learningRate);
    // the doctor knows the run's initializer, so its fix for a too-large start says whether
    // the initializer's scale is already the one the activation needs
    const fix =
      diverged.firstCost > SATURATED_START
        ? initAlreadyMatches(run)
          ? `the weights already have the variance ${baseName(run.activation)} needs: scale the inputs to unit variance, or lower the learning rate (try --lr ${sig(run.learningRate / 10)})`
          : `start from a smaller scale (${suggestInit(run)})`
        : words.fix;
    findings.push({ kind: 'diverged', cause: words.cause, fix });
    return { ok: false, findings };
  }

  // whatever its start looked like (a vanishing gradient, saturated units), a run that
  // learned its training set needs no fix
  if (run.trainAccuracy >= TRAINED_ACCURACY && last < LN2 - STUCK_BAND)
    return { ok: true, findings };

  if (run.symmetric) {
    findings.push({
      kind: 'symmetry',
      cause:
        'symmetry never broken: every hidden unit started with the same weights, so each gets the same gradient and stays a copy of the others (a constant or zeros initialization)',
      fix: `draw the weights at random (${suggestInit(run)})`,
    });
  }

  if (first > SATURATED_START) {
    findings.push({
      kind: 'saturated-output',
      amount: first,
      cause: `saturated outputs: the cost starts at ${sig(first)}, far above ln 2 ≈ 0.693, because oversized weights push the output sigmoid to 0 or 1 on the wrong side, where its gradient is tiny`,
      fix: initAlreadyMatches(run)
        ? `the weights already have the variance ${baseName(run.activation)} needs: scale the inputs to unit variance`
        : `scale the weights down to the variance ${baseName(run.activation) ?? 'the activation'} needs (${suggestInit(run)})`,
    });
  }

  const saturated = worstLayer(start, (l) => l.activation.saturated);
  if (saturated && saturated.amount >= LAYER_FRACTION) {
    findings.push({
      kind: 'saturated-hidden',
      layer: saturated.layer,
      amount: saturated.amount,
      cause: `hidden layer ${saturated.layer} starts saturated: ${pct(saturated.amount)} of its outputs sit in the flat tails of tanh/sigmoid, where almost no gradient passes`,
      fix: isXavierLike(run.init)
        ? 'the weights already have variance 1/fan_in: scale the inputs to unit variance, or use a ReLU activation'
        : 'use smaller weights (xavier: variance 1/fan_in) or a ReLU activation',
    });
  }

  // some dead units are harmless in a net that trained; a whole dead layer never is
  const failed =
    run.trainAccuracy < 0.9 || (Number.isFinite(last) && Math.abs(last - LN2) < STUCK_BAND);
  const deadAt = (point: DiagnosticsPoint | undefined) => {
    const w = worstLayer(point, (l) => l.activation.dead);
    return w && w.amount >= LAYER_FRACTION && (failed || w.amount === 1) ? w : null;
  };
  const deadFinding = (d: { layer: number; amount: number }, bornDead: boolean): Finding => ({
    kind: 'dead-relu',
    layer: d.layer,
    amount: d.amount,
    cause: `dead ReLUs: ${pct(d.amount)} of layer ${d.layer}'s units output 0 for every example${bornDead ? ' from the start' : ' by the end'}, so no gradient flows through them${d.amount === 1 ? ' and nothing below them learns' : ''}`,
    fix: bornDead
      ? bornDeadFix(run, d.layer)
      : // an oversized start (a saturated first cost) kills units in its first huge steps: a
        // smaller learning rate keeps those steps and only slows the rest
        first > SATURATED_START && !initAlreadyMatches(run)
        ? `start from a smaller scale (${suggestInit(run)}): the oversized weights' first steps switched them off (the first cost is ${sig(first)})`
        : `lower the learning rate (try --lr ${sig(run.learningRate / 10)}) or use leaky-relu`,
  });
  const bornDead = run.symmetric ? null : deadAt(start);
  const wholeLayerDead = bornDead !== null && bornDead.amount === 1;
  if (wholeLayerDead) findings.push(deadFinding(bornDead, true));

  // the back-propagated gradient from the output layer down to the first hidden layer, at
  // initialization (a layer born dead stops it outright: said above)
  if (start && start.layers.length >= 3 && !run.symmetric && !wholeLayerDead) {
    const top = start.layers[start.layers.length - 1].gradient.backprop;
    const bottom = start.layers[0].gradient.backprop;
    if (top > 0 && Number.isFinite(top) && Number.isFinite(bottom)) {
      const ratio = bottom / top;
      const hops = start.layers.length - 1;
      if (ratio < 1 / GRADIENT_RATIO) {
        findings.push({
          kind: 'vanishing-gradient',
          amount: ratio,
          cause: `vanishing gradients: the back-propagated gradient shrinks ${sig(1 / ratio)}-fold from the last layer to the first (×${sig(ratio ** (1 / hops))} per layer), so the first layers barely learn`,
          fix: initAlreadyMatches(run)
            ? `${baseName(run.init)} already keeps σ_w² · E[φ′²] near 1 per layer at the start: what remains is depth itself (use fewer or wider layers; see initlab theory)`
            : `keep σ_w² · E[φ′²] near 1 per layer: ${suggestInit(run)} (see initlab theory), or fewer layers`,
        });
      } else if (ratio > GRADIENT_RATIO) {
        findings.push({
          kind: 'exploding-gradient',
          amount: ratio,
          cause: `exploding gradients: the back-propagated gradient grows ${sig(ratio)}-fold from the last layer to the first (×${sig(ratio ** (1 / hops))} per layer)`,
          fix: initAlreadyMatches(run)
            ? `${baseName(run.init)} already has the variance ${baseName(run.activation)} needs: use fewer layers or a lower learning rate`
            : `use smaller weights (${suggestInit(run)}) or a lower learning rate`,
        });
      }
    }
  }

  // part of a layer dead from the start, or units that died during training
  if (bornDead && !wholeLayerDead) findings.push(deadFinding(bornDead, true));
  const diedLater = run.symmetric || bornDead ? null : deadAt(end);
  if (diedLater) findings.push(deadFinding(diedLater, false));

  const atChance =
    Number.isFinite(last) && Math.abs(last - LN2) < STUCK_BAND && run.trainAccuracy <= 0.6;
  const nearChance =
    Number.isFinite(last) &&
    Math.abs(last - LN2) < NEAR_CHANCE_BAND &&
    run.trainAccuracy <= NEAR_CHANCE_ACCURACY;
  if ((atChance || nearChance) && findings.length === 0) {
    // a start with less variance than the activation needs (σ_w² = 1 on ReLU halves the
    // signal a layer) leaves the output near 1/2 and its gradients small: training crawls
    const fix = initAlreadyMatches(run)
      ? 'try a larger learning rate or more iterations (and check the initialization with initlab probe)'
      : `start from the variance ${baseName(run.activation) ?? 'the activation'} needs (${suggestInit(run)}), or try a larger learning rate or more iterations`;
    findings.push({
      kind: 'stuck',
      amount: last,
      cause: atChance
        ? `stuck at chance: the cost ends at ${sig(last)} ≈ ln 2, the network predicts one class for everything`
        : `barely learned: the cost ends at ${sig(last)}, within ${NEAR_CHANCE_BAND} of chance's ln 2 ≈ 0.693, with ${pct(run.trainAccuracy)} of the training set right`,
      fix,
    });
  }
  return { ok: findings.length === 0, findings };
}

/**
 * The fix for a layer born dead, from what the run started with: negative biases are the
 * cause only when they were negative; with zero (or positive) biases the layer's inputs
 * alone turned every unit off, as happens in deep narrow ReLU nets (Lu et al. 2019).
 */
function bornDeadFix(run: DoctorInput, layer: number): string {
  const biases = run.biasesAtStart?.[layer - 1];
  const he = isHeLike(run.init) ? '' : ', with he weights';
  if (biases && biases.mean < 0)
    return `start the biases at 0 (layer ${layer}'s start at mean ${sig(biases.mean)})${he}, or use leaky-relu`;
  const state = biases
    ? biases.maxAbs === 0
      ? `the biases already start at 0, so the weights alone switched the units off: `
      : `its biases start at mean ${sig(biases.mean)} (not negative), so the weights switched the units off: `
    : '';
  return `${state}use leaky-relu, or wider layers or fewer of them (deep narrow ReLU nets are born dead, Lu et al. 2019)${he.replace(', with', ', or')}`;
}

/** Each layer's biases at initialization, first hidden layer first: what `biasesAtStart` wants. */
export function biasesAtStart(net: Network): BiasesAtStart[] {
  return net.b.map((b) => {
    let sum = 0;
    let maxAbs = 0;
    for (const v of b.data) {
      sum += v;
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    return { mean: b.data.length ? sum / b.data.length : 0, maxAbs };
  });
}

/** The diagnosis as text: one line per finding, "cause → fix"; one line when all is well. */
export function describeDiagnosis(d: Diagnosis): string[] {
  if (d.ok) return ['doctor: no problem found'];
  return d.findings.map((f) => `doctor: ${f.cause}. Fix: ${f.fix}.`);
}
