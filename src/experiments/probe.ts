// The classic depth experiment: random inputs through a deep plain network, no training,
// and the spread of each layer's activations. Small weights make the signal vanish,
// large ones make it explode or saturate; He / Xavier keep it steady.
// Draw order (so numpy can replay it): one RandomState(seed); X = randn(width, samples),
// row by row; then each layer's (width × width) weights from the initializer on the same
// RandomState; no biases (unless --bias-std, or the initializer's own rule); H_l = act(W_l · H_{l-1} + b_l).
// An explosion past float64's range is reported, never shown: the probe stops at the first layer
// whose pre-activations or activations are not all finite numbers (an overflow shows there as
// Infinity, and as NaN where Infinity − Infinity meets in a sum; ReLU would then turn the NaN
// into 0 and every later layer would look dead), as training stops at a non-finite cost.
// Activations that vanish to exact zeros are real values, and the probe goes on through them.
import { siblingSeed } from '../rng/sibling-seed.js';
import { UsageError } from '../errors.js';
import { activationFromName } from '../nn/activations.js';
import { getKernels } from '../nn/backends.js';
import { resolveInitializer } from '../nn/initializers.js';
import type { Kernels } from '../nn/kernels.js';
import { RandomState } from '../rng/random-state.js';
import { moments, scaledMoments, type Moments } from '../nn/moments.js';
import { checkProbe } from '../limits.js';
import { checkStop, type ShouldStop } from '../stop.js';
import { OPTIONS } from '../options.js';
import { checkValue } from '../validate.js';
import {
  backwardNorms,
  columnCorrelation,
  columnSquares,
  jacobianSpectrum,
  type JacobianSpectrum,
  measuredWeightVar,
} from './probe-measures.js';

/** The depth experiment: one batch of N(0, 1) inputs through `depth` random layers. */
export interface ProbeConfig {
  /** Initializer spec, e.g. `he` or `random:scale=0.01`. */
  init: string;
  /** Multiplier for `random`. */
  scale?: number;
  /** Number of layers. */
  depth: number;
  /** Units per layer (and input features). */
  width: number;
  /** Activation of every layer (a registry SPEC). */
  activation: string;
  /** Number of input examples m. */
  samples: number;
  /** Seed of the RandomState that draws the inputs and weights. */
  seed: number;
  /** Standard deviation of N(0, biasStd²) biases, drawn after each layer's weights (default 0: none, as before). */
  biasStd?: number;
  /**
   * σ_w: each layer's drawn weights are rescaled so that fan_in × their mean square is σ_w²
   * exactly, whatever the initializer's shape (normal, uniform, truncated, orthogonal); default:
   * as the initializer draws them.
   */
  sigmaW?: number;
  /** Give samples 0 and 1 this correlation (sample 1 is rebuilt from them, same length); default: as drawn. */
  c0?: number;
  /** Also a backward pass from a N(0, 1) output gradient drawn from RandomState(siblingSeed(seed)): seed + 1, or seed − 1 for the largest seed. */
  backward?: boolean;
  /** Also the singular values of the input-output Jacobian at sample 0 (ml-matrix SVD). */
  jacobian?: boolean;
}

/** One layer of the probe: the statistics of its values over width × samples entries. */
export interface ProbeLayer {
  /** Layer number, from 1. */
  layer: number;
  /** Mean and std of the activations (width × samples values). */
  mean: number;
  /** Population std of the activations. */
  std: number;
  /** σ_w² as drawn: fan_in × the mean square of this layer's weights. */
  weightVar: number;
  /** σ_b² as drawn: the mean square of its biases. */
  biasVar: number;
  /** q^l: the mean square of the pre-activations. */
  q: number;
  /** c^l: the correlation of samples 0 and 1's pre-activations (absent with one sample). */
  c?: number;
  /** Per example: (‖a^l‖²/n) / (‖x‖²/n) (Hanin & Rolnick's M_l), its mean and spread over the examples. */
  lengthRatio: Moments;
  /** With `backward`: RMS of the back-propagated gradient ∂/∂h^l and of the weight gradient ∂/∂W^l. */
  backprop?: number;
  /** With `backward`: RMS of the weight gradient ∂/∂W^l. */
  weightGrad?: number;
}

/** The probe's layers and how it ended. */
export interface ProbeResult {
  /** Every layer computed, up to the last one whose values are all finite. */
  layers: ProbeLayer[];
  /** 'diverged': a layer's values left float64's range, and the probe stopped there. */
  stopReason: 'completed' | 'diverged';
  /** The first layer (1-based) with a non-finite value, when diverged; it is not in `layers`. */
  divergedAt?: number;
  /** What was found there, in words (how many values overflowed or became NaN, and where). */
  divergence?: string;
  /** The inputs' mean square and samples 0 and 1's correlation (what the theory starts from). */
  input?: {
    /** Mean square of the inputs' entries: q⁰. */
    q: number;
    /** Correlation of samples 0 and 1 (absent with one sample): c⁰. */
    c?: number;
  };
  /** With `jacobian`: the singular values of ∂h^L/∂x at sample 0, summarized. */
  jacobian?: JacobianSpectrum;
}

/** Floats the backward pass and the Jacobian may keep (every layer's weights and pre-activations): 800 MB. */
const KEPT_FLOATS = 100_000_000;

/** Counts of ±Infinity and NaN among the first n values of a. */
function nonFinite(a: Float64Array, n: number): { inf: number; nan: number } {
  let inf = 0;
  let nan = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (v - v !== 0) {
      if (v !== v) nan++;
      else inf++;
    }
  }
  return { inf, nan };
}

/**
 * Rebuilds column 1 of H (rows × m) as c0·u + √(1 − c0²)·v, u and v the unit directions of
 * columns 0 and 1 (Gram–Schmidt), at column 0's length: the two inputs then have correlation c0.
 */
function setPairCorrelation(H: Float64Array, rows: number, m: number, c0: number): void {
  let uu = 0,
    uv = 0;
  for (let i = 0; i < rows; i++) {
    uu += H[i * m] ** 2;
    uv += H[i * m] * H[i * m + 1];
  }
  const v = new Float64Array(rows);
  for (let i = 0; i < rows; i++) v[i] = H[i * m + 1] - (uv / uu) * H[i * m];
  let vv = 0;
  for (let i = 0; i < rows; i++) vv += v[i] * v[i];
  const s = Math.sqrt(1 - c0 * c0);
  for (let i = 0; i < rows; i++) H[i * m + 1] = c0 * H[i * m] + s * v[i] * Math.sqrt(uu / vv);
}

/** Why `total` values called `what` left float64's range, or undefined when all are finite. */
function leftRange(what: string, a: Float64Array, total: number): string | undefined {
  const c = nonFinite(a, total);
  if (!c.inf && !c.nan) return undefined;
  const parts = [
    c.inf ? `${c.inf} are ±Infinity` : '',
    c.nan ? `${c.nan} NaN (Infinity − Infinity within a sum, or 0 × Infinity)` : '',
  ].filter(Boolean);
  return `its ${total} ${what} left float64's range: ${parts.join(', ')}`;
}

/**
 * Scales a fan_in-wide layer's weights W (rows × fan_in, row-major) in place so that fan_in
 * times their mean square is `weightVar` (σ_w²). Throws UsageError where every weight is 0
 * (zeros, constant:value=0): no scale turns them into a variance.
 */
function rescaleToWeightVar(W: Float64Array, fanIn: number, weightVar: number, name: string) {
  const drawn = measuredWeightVar(W, fanIn, W.length);
  if (!(drawn > 0))
    throw new UsageError(
      `--sigma-w rescales the drawn weights, and ${name} draws them all 0: choose an initializer with a spread`,
    );
  const factor = Math.sqrt(weightVar / drawn);
  for (let i = 0; i < W.length; i++) W[i] *= factor;
}

/**
 * Runs the probe: per layer (1..depth), the mean and standard deviation of its activations
 * (width × samples values). Stops early, with stopReason 'diverged', at the first layer whose
 * pre-activations or activations are not all finite. Throws UsageError for sizes out of range
 * and for data-dependent initializers; `shouldStop` is checked before each layer (a stop
 * throws StopRequested).
 */
export function probe(
  cfg: ProbeConfig,
  kernels: Kernels = getKernels(),
  shouldStop?: ShouldStop,
): ProbeResult {
  for (const k of ['depth', 'width', 'samples'] as const) checkValue(OPTIONS[k], cfg[k], k);
  const { init, opts } = resolveInitializer(
    cfg.init,
    cfg.scale === undefined ? {} : { scale: cfg.scale },
  );
  if (init.needsData)
    throw new UsageError(
      `probe draws its inputs at random; "${init.name}" needs data (use initlab train)`,
    );
  // the width × width weights, the activations and the time, before anything is allocated
  checkProbe({
    depth: cfg.depth,
    width: cfg.width,
    samples: cfg.samples,
    init: init.name,
    backend: kernels.name,
  });
  const act = activationFromName(cfg.activation);
  const { width: w, samples: n } = cfg;
  const biasStd = cfg.biasStd ?? 0;
  if (!(biasStd >= 0) || !Number.isFinite(biasStd))
    throw new UsageError(`--bias-std must be a finite number >= 0, got ${biasStd}`);
  // an initializer with its own bias rule (pytorch-linear) draws them as a network would
  if (init.biases && cfg.biasStd !== undefined)
    throw new UsageError(
      `${init.name} draws its own biases; --bias-std would replace them: drop --bias-std, or use an initializer with zero biases`,
    );
  if (cfg.sigmaW !== undefined && !(cfg.sigmaW >= 0 && Number.isFinite(cfg.sigmaW)))
    throw new UsageError(`--sigma-w must be a finite number >= 0, got ${cfg.sigmaW}`);
  if (cfg.c0 !== undefined && !(cfg.c0 >= -1 && cfg.c0 <= 1))
    throw new UsageError(`--c0 is a correlation: between -1 and 1, got ${cfg.c0}`);
  if (cfg.c0 !== undefined && n < 2)
    throw new UsageError('--c0 needs two samples: give --samples 2 or more');
  const kept =
    (cfg.backward ? cfg.depth * (w * w + w * n) : 0) + (cfg.jacobian ? cfg.depth * (w * w + w) : 0);
  if (kept > KEPT_FLOATS)
    throw new UsageError(
      `--backward / --jacobian keep every layer's weights and pre-activations: ${((kept * 8) / 1e9).toFixed(1)} GB here, and the limit is ${(KEPT_FLOATS * 8) / 1e9} GB; lower --depth, --width or --samples`,
    );
  const rs = new RandomState(cfg.seed);
  const alloc = kernels.arena(2 * w * n + w * w + w);
  let H = alloc(w * n);
  H.set(rs.randn(w * n));
  if (cfg.c0 !== undefined) setPairCorrelation(H, w, n, cfg.c0);
  const X = cfg.backward ? H.slice() : undefined;
  const inputSquares = columnSquares(H, w, n);
  let qx = 0;
  for (let j = 0; j < n; j++) qx += inputSquares[j];
  const input = { q: qx / (w * n), ...(n >= 2 ? { c: columnCorrelation(H, w, n, 0, 1) } : {}) };
  let Z = alloc(w * n);
  const W = alloc(w * w);
  const bias = alloc(w);
  const layers: ProbeLayer[] = [];
  const keptWeights: Float64Array[] = [];
  const keptPre: Float64Array[] = [];
  const keptColumn: Float64Array[] = [];
  const diverged = (l: number, divergence: string): ProbeResult => ({
    layers,
    stopReason: 'diverged',
    divergedAt: l,
    divergence,
  });
  for (let l = 1; l <= cfg.depth; l++) {
    checkStop(shouldStop, 'the probe');
    W.set(init.weights(rs, w, w, opts));
    const wBad = leftRange('weights', W, w * w);
    if (wBad) return diverged(l, wBad);
    if (cfg.sigmaW !== undefined) rescaleToWeightVar(W, w, cfg.sigmaW ** 2, init.name);
    if (init.biases) bias.set(init.biases(rs, w, w, opts));
    else if (biasStd > 0) {
      bias.set(rs.randn(w));
      for (let i = 0; i < w; i++) bias[i] *= biasStd;
    }
    kernels.linearForward(W, bias, H, w, w, n, Z);
    // before the activation, which may hide them (ReLU maps NaN to 0)
    const pre = leftRange('pre-activations W·h', Z, w * n);
    if (pre) return diverged(l, pre);
    let q = 0;
    for (let i = 0; i < w * n; i++) q += Z[i] * Z[i];
    q /= w * n;
    const c = n >= 2 ? columnCorrelation(Z, w, n, 0, 1) : undefined;
    if (cfg.backward) {
      keptWeights.push(W.slice());
      keptPre.push(Z.slice());
    }
    if (cfg.jacobian) {
      if (!cfg.backward) keptWeights.push(W.slice());
      const col = new Float64Array(w);
      for (let i = 0; i < w; i++) col[i] = Z[i * n];
      keptColumn.push(col);
    }
    kernels.activate(act, Z, Z, w * n); // in place: the pre-activations are not needed again
    const post = leftRange(`${act.name} activations`, Z, w * n);
    if (post) return diverged(l, post);
    [H, Z] = [Z, H];
    const m = scaledMoments(H);
    // finite values whose spread still exceeds float64 (beyond 1e308): an explosion all the same
    if (!Number.isFinite(m.mean) || !Number.isFinite(m.std))
      return diverged(
        l,
        `the mean or spread of its ${act.name} activations exceeds float64's range`,
      );
    const squares = columnSquares(H, w, n);
    for (let j = 0; j < n; j++) squares[j] /= inputSquares[j];
    let bv = 0;
    for (let i = 0; i < w; i++) bv += bias[i] * bias[i];
    layers.push({
      layer: l,
      ...m,
      weightVar: measuredWeightVar(W, w, w * w),
      biasVar: bv / w,
      q,
      ...(c === undefined ? {} : { c }),
      lengthRatio: moments(squares),
    });
  }
  if (cfg.backward) {
    const G = new RandomState(siblingSeed(cfg.seed)).randn(w * n);
    backwardNorms(act, keptWeights, keptPre, X!, G, w, n).forEach((b, i) => {
      layers[i].backprop = b.backprop;
      layers[i].weightGrad = b.weightGrad;
    });
  }
  if (cfg.jacobian)
    return {
      layers,
      stopReason: 'completed',
      input,
      jacobian: jacobianSpectrum(act, keptWeights, keptColumn, w),
    };
  return { layers, stopReason: 'completed', input };
}
