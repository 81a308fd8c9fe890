// The classic depth experiment: random inputs through a deep plain network, no training,
// and the spread of each layer's activations. Small weights make the signal vanish,
// large ones make it explode or saturate; He / Xavier keep it steady.
// Draw order (so numpy can replay it): one RandomState(seed); X = randn(width, samples),
// row by row; then each layer's (width × width) weights from the initializer on the same
// RandomState; no biases; H_l = act(W_l · H_{l-1}).
import { UsageError } from '../errors.js';
import { activationFromName } from '../nn/activations.js';
import { getKernels } from '../nn/backends.js';
import { resolveInitializer } from '../nn/initializers.js';
import type { Kernels } from '../nn/kernels.js';
import { RandomState } from '../rng/random-state.js';
import { moments } from '../train/diagnostics.js';
import { checkProbe } from '../limits.js';
import { checkStop, type ShouldStop } from '../stop.js';
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

/** Runs the probe; `shouldStop` is checked before each layer (a stop throws StopRequested). */
export function probe(cfg: ProbeConfig, kernels: Kernels = getKernels(), shouldStop?: ShouldStop): { layers: ProbeLayer[] } {
  for (const k of ['depth', 'width', 'samples'] as const) checkValue(OPTIONS[k], cfg[k], k);
  const { init, opts } = resolveInitializer(cfg.init, cfg.scale === undefined ? {} : { scale: cfg.scale });
  if (init.needsData) throw new UsageError(`probe draws its inputs at random; "${init.name}" needs data (use initlab train)`);
  // the width × width weights, the activations and the time, before anything is allocated
  checkProbe({ depth: cfg.depth, width: cfg.width, samples: cfg.samples, init: init.name, backend: kernels.name });
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
    checkStop(shouldStop, 'the probe');
    W.set(init.weights(rs, w, w, opts));
    kernels.linearForward(W, zeroBias, H, w, w, n, Z);
    kernels.activate(act, Z, Z, w * n); // in place: the pre-activations are not needed again
    [H, Z] = [Z, H];
    layers.push({ layer: l, ...moments(H) });
  }
  return { layers };
}
