// The classic depth experiment: random inputs through a deep plain network, no training,
// and the spread of each layer's activations. Small weights make the signal vanish,
// large ones make it explode or saturate; He / Xavier keep it steady.
// Draw order (so numpy can replay it): one RandomState(seed); X = randn(width, samples),
// row by row; then each layer's (width × width) weights from the initializer on the same
// RandomState; no biases; H_l = act(W_l · H_{l-1}).
// An explosion past float64's range is reported, never shown: the probe stops at the first layer
// whose pre-activations or activations are not all finite numbers (an overflow shows there as
// Infinity, and as NaN where Infinity − Infinity meets in a sum; ReLU would then turn the NaN
// into 0 and every later layer would look dead), as training stops at a non-finite cost.
// Activations that vanish to exact zeros are real values, and the probe goes on through them.
import { UsageError } from '../errors.js';
import { activationFromName } from '../nn/activations.js';
import { getKernels } from '../nn/backends.js';
import { resolveInitializer } from '../nn/initializers.js';
import type { Kernels } from '../nn/kernels.js';
import { RandomState } from '../rng/random-state.js';
import { moments } from '../train/diagnostics.js';
import { OPTIONS } from '../options.js';
import { checkValue } from '../validate.js';

export interface ProbeConfig {
  /** Initializer spec, e.g. `he` or `random:scale=0.01`. */
  init: string;
  /** Multiplier for `random`. */
  scale?: number;
  depth: number;
  width: number;
  activation: string;
  samples: number;
  seed: number;
}

export interface ProbeLayer {
  layer: number;
  mean: number;
  std: number;
}

export interface ProbeResult {
  /** Every layer computed, up to the last one whose values are all finite. */
  layers: ProbeLayer[];
  /** 'diverged': a layer's values left float64's range, and the probe stopped there. */
  stopReason: 'completed' | 'diverged';
  /** The first layer (1-based) with a non-finite value, when diverged; it is not in `layers`. */
  divergedAt?: number;
  /** What was found there, in words (how many values overflowed or became NaN, and where). */
  divergence?: string;
}

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
 * Mean and (population) standard deviation of finite values, accurate at any magnitude: values
 * beyond about 2^±400 would overflow or underflow in their squares (a layer of 1e-200s would
 * show a spread of exactly 0, one of 1e200s an infinite one), so they are first scaled by a power
 * of two (exact), and the results scaled back.
 */
function layerMoments(a: Float64Array): { mean: number; std: number } {
  let big = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > big) big = v;
  }
  if (big === 0 || (big >= 2 ** -400 && big <= 2 ** 400)) return moments(a);
  const e = Math.round(Math.log2(big));
  // 2^-e in two factors, each within float64's range (e runs from −1074 to 1024)
  const e1 = Math.trunc(e / 2);
  const s1 = 2 ** -e1;
  const s2 = 2 ** -(e - e1);
  const scaled = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) scaled[i] = a[i] * s1 * s2;
  const m = moments(scaled);
  return { mean: m.mean * 2 ** e1 * 2 ** (e - e1), std: m.std * 2 ** e1 * 2 ** (e - e1) };
}

function describeNonFinite(what: string, c: { inf: number; nan: number }, total: number): string {
  const parts = [c.inf ? `${c.inf} are ±Infinity` : '', c.nan ? `${c.nan} NaN (Infinity − Infinity within a sum, or 0 × Infinity)` : ''].filter(Boolean);
  return `its ${total} ${what} left float64's range: ${parts.join(', ')}`;
}


/**
 * Runs the probe: per layer (1..depth), the mean and standard deviation of its activations
 * (width × samples values). Stops early, with stopReason 'diverged', at the first layer whose
 * pre-activations or activations are not all finite. Throws UsageError for sizes out of range
 * and for data-dependent initializers.
 */
export function probe(cfg: ProbeConfig, kernels: Kernels = getKernels()): ProbeResult {
  for (const k of ['depth', 'width', 'samples'] as const) checkValue(OPTIONS[k], cfg[k], k);
  if (cfg.width * cfg.samples > 50_000_000) throw new UsageError(`--width × --samples must be at most 50000000 (memory), got ${cfg.width * cfg.samples}`);
  const { init, opts } = resolveInitializer(cfg.init, cfg.scale === undefined ? {} : { scale: cfg.scale });
  if (init.needsData) throw new UsageError(`probe draws its inputs at random; "${init.name}" needs data (use initlab train)`);
  const act = activationFromName(cfg.activation);
  const { width: w, samples: n } = cfg;
  const rs = new RandomState(cfg.seed);
  const alloc = kernels.arena(2 * w * n + w * w + w);
  let H = alloc(w * n);
  H.set(rs.randn(w * n));
  let Z = alloc(w * n);
  const W = alloc(w * w);
  const zeroBias = alloc(w);
  const layers: ProbeLayer[] = [];
  for (let l = 1; l <= cfg.depth; l++) {
    W.set(init.weights(rs, w, w, opts));
    const wBad = nonFinite(W, w * w);
    if (wBad.inf || wBad.nan) return { layers, stopReason: 'diverged', divergedAt: l, divergence: describeNonFinite('weights', wBad, w * w) };
    kernels.linearForward(W, zeroBias, H, w, w, n, Z);
    // before the activation, which may hide them (ReLU maps NaN to 0)
    const pre = nonFinite(Z, w * n);
    if (pre.inf || pre.nan) return { layers, stopReason: 'diverged', divergedAt: l, divergence: describeNonFinite('pre-activations W·h', pre, w * n) };
    kernels.activate(act, Z, Z, w * n); // in place: the pre-activations are not needed again
    const post = nonFinite(Z, w * n);
    if (post.inf || post.nan) return { layers, stopReason: 'diverged', divergedAt: l, divergence: describeNonFinite(`${act.name} activations`, post, w * n) };
    [H, Z] = [Z, H];
    const m = layerMoments(H);
    // finite values whose spread still exceeds float64 (beyond 1e308): an explosion all the same
    if (!Number.isFinite(m.mean) || !Number.isFinite(m.std)) return { layers, stopReason: 'diverged', divergedAt: l, divergence: `the mean or spread of its ${act.name} activations exceeds float64's range` };
    layers.push({ layer: l, ...m });
  }
  return { layers, stopReason: 'completed' };
}
