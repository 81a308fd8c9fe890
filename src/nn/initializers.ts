// The initializer registry: how each layer's weight matrix W (fanOut × fanIn) is drawn,
// with its formula, its fan convention and its equivalents elsewhere. Biases start at 0.
// Draws come from one RandomState, layer after layer and row by row within a layer (the
// order of numpy's randn(n_l, n_{l-1})), normals from numpy's legacy Gaussian.
import { UsageError } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { RandomState } from '../rng/random-state.js';
import { resolveSpec } from '../spec.js';
import {
  type DrawMoments,
  fixedMoments,
  type LayerMoments,
  normalMoments,
  TRUNCATED_NORMAL_STD,
  truncatedMoments,
  uniformMoments,
} from './draw-moments.js';
import { defaultsOf, type ParamDef, type ParamSchema, type ParamValue } from '../validate.js';
import {
  type OrthogonalConvention,
  type OrthogonalHooks,
  orthogonalConventions,
  orthogonalWeights,
} from './orthogonal.js';

export type { ParamDef, ParamValue } from '../validate.js';
/** An initializer's parameters by key (`scale`, `gain`, `mode`, …). */
export type InitializerOptions = Record<string, ParamValue>;

/** A weight initializer of the catalogue: its formula, its frameworks' names and how it draws. */
export interface Initializer {
  /** Its name in the catalogue and in SPECs (`he`, `glorot-uniform`, …). */
  readonly name: string;
  /** The formula, in words. */
  readonly description: string;
  /** Which fan the scale uses. */
  readonly fan: string;
  /** The same initializer's name in Keras, PyTorch and TensorFlow.js, where they have it. */
  readonly equivalents: {
    /** Keras' name and arguments. */
    keras?: string;
    /** PyTorch's torch.nn.init call. */
    pytorch?: string;
    /** TensorFlow.js' name and arguments. */
    tfjs?: string;
  };
  /** Whether it consumes random draws (zeros does not, so the notebook never seeds for it). */
  readonly random: boolean;
  /** Its own parameters and their own defaults (the schema SPECs are checked against). */
  readonly params: ParamSchema;
  /** W (fanOut × fanIn, row-major); `hooks.shouldStop` lets a long draw (orthogonal) be interrupted. */
  weights(
    rs: RandomState,
    fanOut: number,
    fanIn: number,
    p: InitializerOptions,
    hooks?: OrthogonalHooks,
  ): Float64Array;
  /** Data-dependent ones (LSUV) rescale the drawn network on a batch: see lsuv.ts. */
  readonly needsData?: boolean;
  /**
   * A layer's biases (fanOut values), drawn right after its weights, for the framework presets
   * whose layers start with random biases (PyTorch's Linear); absent: biases start at 0.
   */
  biases?(rs: RandomState, fanOut: number, fanIn: number, p: InitializerOptions): Float64Array;
  /**
   * One weight's mean and variance and one bias' variance in a fanOut × fanIn layer, stated
   * from this entry's definition (exact, nothing sampled), or why it has none: what places it
   * in mean-field theory's (σ_w² = fan_in · Var(W), σ_b² = Var(b)) plane.
   */
  moments(fanOut: number, fanIn: number, p: InitializerOptions): LayerMoments;
}

export { TRUNCATED_NORMAL_STD } from './draw-moments.js';

const num = (p: InitializerOptions, k: string) => p[k] as number;

function normal(rs: RandomState, n: number, mean: number, std: number): Float64Array {
  const w = rs.randn(n);
  for (let i = 0; i < n; i++) w[i] = mean + std * w[i];
  return w;
}

/** Normal draws beyond two standard deviations drawn again (Keras' / TF's truncated normal). */
function truncatedNormal(rs: RandomState, n: number, mean: number, std: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let g: number;
    do g = rs.gaussian();
    while (g < -2 || g > 2);
    w[i] = mean + std * g;
  }
  return w;
}

const uniform = (rs: RandomState, n: number, low: number, high: number) => rs.uniform(low, high, n);

function scaledNormal(rs: RandomState, n: number, factor: number): Float64Array {
  const w = rs.randn(n);
  for (let i = 0; i < n; i++) w[i] = w[i] * factor; // randn(...) * factor, as the notebook
  return w;
}

type Mode = 'fan_in' | 'fan_out' | 'fan_avg';
const fanOf = (mode: Mode, fanIn: number, fanOut: number) =>
  mode === 'fan_in' ? fanIn : mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;

/** The variance VarianceScaling asks for: scale / fan, the fan at least 1 (Keras' max(1, fan)). */
const scaleOverFan = (scale: number, mode: Mode, fanIn: number, fanOut: number) =>
  scale / Math.max(1, fanOf(mode, fanIn, fanOut));

const isTruncated = (distribution: string) =>
  distribution === 'truncated_normal' || distribution === 'normal';

/** Keras' VarianceScaling: variance scale / fan (`normal` is Keras' old name of `truncated_normal`). */
function varianceScaling(
  rs: RandomState,
  fanOut: number,
  fanIn: number,
  scale: number,
  mode: Mode,
  distribution: string,
): Float64Array {
  const n = fanOut * fanIn;
  const s = scaleOverFan(scale, mode, fanIn, fanOut);
  if (isTruncated(distribution))
    return truncatedNormal(rs, n, 0, Math.sqrt(s) / TRUNCATED_NORMAL_STD);
  if (distribution === 'untruncated_normal') return normal(rs, n, 0, Math.sqrt(s));
  const limit = Math.sqrt(3 * s);
  return uniform(rs, n, -limit, limit);
}

/** VarianceScaling's draw in numbers: each distribution's own variance at the std or limit it draws with. */
function varianceScalingMoments(
  fanOut: number,
  fanIn: number,
  scale: number,
  mode: Mode,
  distribution: string,
): DrawMoments {
  const s = scaleOverFan(scale, mode, fanIn, fanOut);
  if (isTruncated(distribution))
    return truncatedMoments(
      0,
      Math.sqrt(s) / TRUNCATED_NORMAL_STD,
      `normal(0, √(scale/${mode})/0.8796…) truncated at ±2 std, whose variance is 0.8796…² std²: Var(W) = scale/${mode}`,
    );
  if (distribution === 'untruncated_normal')
    return normalMoments(0, Math.sqrt(s), `normal(0, √(scale/${mode})): Var(W) = scale/${mode}`);
  const limit = Math.sqrt(3 * s);
  return uniformMoments(
    -limit,
    limit,
    `uniform(±√(3·scale/${mode})): Var(W) = limit²/3 = scale/${mode}`,
  );
}

/** PyTorch's calculate_gain. */
export function gainFor(nonlinearity: string, a: number): number {
  switch (nonlinearity) {
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu':
      return Math.sqrt(2 / (1 + a * a));
    case 'tanh':
      return 5 / 3;
    case 'selu':
      return 3 / 4;
    default:
      return 1; // linear, sigmoid
  }
}

/** gain × an orthogonal matrix, drawn and factored as `convention`'s framework does (see orthogonalWeights). */
function orthogonal(
  rs: RandomState,
  fanOut: number,
  fanIn: number,
  gain: number,
  convention: OrthogonalConvention,
  hooks?: OrthogonalHooks,
): Float64Array {
  return orthogonalWeights(rs.randn(fanOut * fanIn), fanOut, fanIn, gain, convention, hooks);
}

/** `random`'s own default scale: the notebook's "large random" ×10. */
export const RANDOM_SCALE = 10;

const MODE: ParamDef = {
  default: 'fan_in',
  choices: ['fan_in', 'fan_out', 'fan_avg'],
  doc: 'which fan divides the scale',
};
const MODE_TORCH: ParamDef = {
  default: 'fan_in',
  choices: ['fan_in', 'fan_out'],
  doc: 'which fan divides the gain²',
};
const NONLINEARITY: ParamDef = {
  default: 'leaky_relu',
  choices: ['relu', 'leaky_relu', 'tanh', 'selu', 'linear', 'sigmoid'],
  doc: 'sets the gain as torch.nn.init.calculate_gain',
};
const A: ParamDef = {
  default: 0,
  min: 0,
  doc: 'negative slope of the leaky ReLU (gain sqrt(2 / (1 + a²)))',
};
const GAIN: ParamDef = { default: 1, min: 0, doc: 'multiplier' };
// keras is the default: it is what every non-square layer drew before the choice existed
// (square layers drew PyTorch's W = Q, non-square wide ones Keras' layout: neither, whole).
const CONVENTION: ParamDef = {
  default: 'keras',
  choices: [...orthogonalConventions],
  doc: 'keras: the recipe on the kernel (fan_in × fan_out = Wᵀ); pytorch: on W itself. They agree when fan_out > fan_in; a square W is Qᵀ in one and Q in the other; with fan_out < fan_in the draws fill the factored matrix in another order',
};

/** PyTorch's fan: fan_in unless mode is fan_out. */
const torchFan = (p: InitializerOptions, fanOut: number, fanIn: number) =>
  p.mode === 'fan_out' ? fanOut : fanIn;
/** kaiming_normal_'s std: gain / √fan. */
const kaimingStd = (p: InitializerOptions, fanOut: number, fanIn: number) =>
  gainFor(p.nonlinearity as string, num(p, 'a')) / Math.sqrt(torchFan(p, fanOut, fanIn));
/** kaiming_uniform_'s bound: gain · √(3 / fan). */
const kaimingBound = (p: InitializerOptions, fanOut: number, fanIn: number) =>
  gainFor(p.nonlinearity as string, num(p, 'a')) * Math.sqrt(3 / torchFan(p, fanOut, fanIn));

function preset(
  name: string,
  scale: number,
  mode: Mode,
  distribution: 'truncated_normal' | 'uniform',
  keras: string,
  pytorch: string,
  tfjs: string,
  who: string,
): Initializer {
  const formula =
    distribution === 'uniform'
      ? `uniform(±sqrt(3·${scale} / ${mode}))`
      : `normal(0, sqrt(${scale} / ${mode}) / ${TRUNCATED_NORMAL_STD}) truncated at 2 std`;
  return {
    name,
    description: `${who}: ${formula}`,
    fan: mode,
    equivalents: { keras, pytorch, tfjs },
    random: true,
    params: {},
    weights: (rs, fanOut, fanIn) => varianceScaling(rs, fanOut, fanIn, scale, mode, distribution),
    moments: (fanOut, fanIn) => varianceScalingMoments(fanOut, fanIn, scale, mode, distribution),
  };
}

const list: Initializer[] = [
  {
    name: 'zeros',
    description: "all weights 0: fails to break symmetry (the notebook's first run)",
    fan: '-',
    random: false,
    params: {},
    equivalents: { keras: 'Zeros()', pytorch: 'nn.init.zeros_', tfjs: 'tf.initializers.zeros()' },
    weights: (_rs, fanOut, fanIn) => new Float64Array(fanOut * fanIn),
    moments: () => fixedMoments(0, 'every weight 0: Var(W) = 0'),
  },
  {
    name: 'ones',
    description: 'all weights 1 (symmetric, like zeros)',
    fan: '-',
    random: false,
    params: {},
    equivalents: { keras: 'Ones()', pytorch: 'nn.init.ones_', tfjs: 'tf.initializers.ones()' },
    weights: (_rs, fanOut, fanIn) => new Float64Array(fanOut * fanIn).fill(1),
    moments: () => fixedMoments(1, 'every weight 1: mean 1, Var(W) = 0'),
  },
  {
    name: 'constant',
    description: 'all weights = value',
    fan: '-',
    random: false,
    params: { value: { default: 0.1, doc: 'the weight' } },
    equivalents: {
      keras: 'Constant(value)',
      pytorch: 'nn.init.constant_',
      tfjs: 'tf.initializers.constant({value})',
    },
    weights: (_rs, fanOut, fanIn, p) => new Float64Array(fanOut * fanIn).fill(num(p, 'value')),
    moments: (_fanOut, _fanIn, p) =>
      fixedMoments(num(p, 'value'), 'every weight = value: mean value, Var(W) = 0'),
  },
  {
    name: 'random',
    description: 'standard normal × scale (default 10: the notebook\'s "large random")',
    fan: '-',
    random: true,
    params: {
      scale: {
        default: RANDOM_SCALE,
        // a standard deviation, as the frameworks take it (PyTorch's normal_ refuses std < 0)
        min: 0,
        doc: 'multiplier of the N(0, 1) draws (also --scale, which sets this one parameter and no other)',
      },
    },
    equivalents: {
      keras: 'RandomNormal(0, scale)',
      pytorch: 'nn.init.normal_(w, 0, scale)',
      tfjs: 'tf.initializers.randomNormal({stddev: scale})',
    },
    weights: (rs, fanOut, fanIn, p) => scaledNormal(rs, fanOut * fanIn, num(p, 'scale')),
    moments: (_fanOut, _fanIn, p) =>
      normalMoments(0, num(p, 'scale'), 'normal(0, scale²): Var(W) = scale², whatever the fan'),
  },
  {
    name: 'he',
    description:
      'standard normal × sqrt(2 / fan_in) (He et al. 2015, as the notebook writes it: untruncated)',
    fan: 'fan_in',
    random: true,
    params: {},
    equivalents: {
      keras: 'VarianceScaling(2, "fan_in", "untruncated_normal")',
      pytorch: 'nn.init.kaiming_normal_(w, nonlinearity="relu")',
      tfjs: 'tf.initializers.varianceScaling({scale: 2, distribution: "normal"}) (truncated)',
    },
    weights: (rs, fanOut, fanIn) => scaledNormal(rs, fanOut * fanIn, Math.sqrt(2.0 / fanIn)),
    moments: (_fanOut, fanIn) =>
      normalMoments(0, Math.sqrt(2.0 / fanIn), 'normal(0, 2/fan_in): Var(W) = 2/fan_in'),
  },
  {
    name: 'xavier',
    description:
      "standard normal × sqrt(1 / fan_in) (as the notebook describes Xavier; LeCun's normal, untruncated)",
    fan: 'fan_in',
    random: true,
    params: {},
    equivalents: {
      keras: 'VarianceScaling(1, "fan_in", "untruncated_normal")',
      pytorch: 'nn.init.kaiming_normal_(w, nonlinearity="linear")',
      tfjs: '-',
    },
    weights: (rs, fanOut, fanIn) => scaledNormal(rs, fanOut * fanIn, Math.sqrt(1.0 / fanIn)),
    moments: (_fanOut, fanIn) =>
      normalMoments(0, Math.sqrt(1.0 / fanIn), 'normal(0, 1/fan_in): Var(W) = 1/fan_in'),
  },
  {
    name: 'random-normal',
    description: 'normal(mean, std)',
    fan: '-',
    random: true,
    params: {
      mean: { default: 0, doc: 'mean' },
      std: { default: 0.05, min: 0, doc: 'standard deviation' },
    },
    equivalents: {
      keras: 'RandomNormal(mean, stddev)',
      pytorch: 'nn.init.normal_(w, mean, std)',
      tfjs: 'tf.initializers.randomNormal({mean, stddev})',
    },
    weights: (rs, fanOut, fanIn, p) => normal(rs, fanOut * fanIn, num(p, 'mean'), num(p, 'std')),
    moments: (_fanOut, _fanIn, p) =>
      normalMoments(
        num(p, 'mean'),
        num(p, 'std'),
        'normal(mean, std²): Var(W) = std², whatever the fan',
      ),
  },
  {
    name: 'random-uniform',
    description: 'uniform(min, max)',
    fan: '-',
    random: true,
    params: {
      min: { default: -0.05, doc: 'lower bound' },
      max: { default: 0.05, doc: 'upper bound' },
    },
    equivalents: {
      keras: 'RandomUniform(minval, maxval)',
      pytorch: 'nn.init.uniform_(w, a, b)',
      tfjs: 'tf.initializers.randomUniform({minval, maxval})',
    },
    weights: (rs, fanOut, fanIn, p) => uniform(rs, fanOut * fanIn, num(p, 'min'), num(p, 'max')),
    moments: (_fanOut, _fanIn, p) =>
      uniformMoments(
        num(p, 'min'),
        num(p, 'max'),
        'uniform(min, max): mean (min + max)/2, Var(W) = (max − min)²/12, whatever the fan',
      ),
  },
  {
    name: 'truncated-normal',
    description: 'normal(mean, std), draws beyond 2 std drawn again',
    fan: '-',
    random: true,
    params: {
      mean: { default: 0, doc: 'mean' },
      std: { default: 0.05, min: 0, doc: 'standard deviation before truncation' },
    },
    equivalents: {
      keras: 'TruncatedNormal(mean, stddev)',
      pytorch: 'nn.init.trunc_normal_(w, mean, std, -2std, 2std)',
      tfjs: 'tf.initializers.truncatedNormal({mean, stddev})',
    },
    weights: (rs, fanOut, fanIn, p) =>
      truncatedNormal(rs, fanOut * fanIn, num(p, 'mean'), num(p, 'std')),
    moments: (_fanOut, _fanIn, p) =>
      truncatedMoments(
        num(p, 'mean'),
        num(p, 'std'),
        'normal(mean, std²) truncated at ±2 std, not corrected: Var(W) = 0.8796…² std², whatever the fan',
      ),
  },
  {
    name: 'variance-scaling',
    description:
      'variance scale / fan: truncated normal (std corrected by 0.8796…; Keras also calls it "normal"), untruncated normal, or uniform(±sqrt(3·scale / fan))',
    fan: 'mode',
    random: true,
    params: {
      scale: { default: 1, min: 0, positive: true, doc: 'target variance × fan' },
      mode: MODE,
      distribution: {
        default: 'truncated_normal',
        choices: ['truncated_normal', 'untruncated_normal', 'uniform'],
        aliases: { normal: 'truncated_normal' },
        doc: 'shape of the draws, spelt as Keras spells them ("normal" is Keras\' alias of truncated_normal)',
      },
    },
    equivalents: {
      keras: 'VarianceScaling(scale, mode, distribution)',
      pytorch: '-',
      tfjs: 'tf.initializers.varianceScaling (its truncated normal skips the 0.8796 correction)',
    },
    weights: (rs, fanOut, fanIn, p) =>
      varianceScaling(rs, fanOut, fanIn, num(p, 'scale'), p.mode as Mode, p.distribution as string),
    moments: (fanOut, fanIn, p) =>
      varianceScalingMoments(
        fanOut,
        fanIn,
        num(p, 'scale'),
        p.mode as Mode,
        p.distribution as string,
      ),
  },
  preset(
    'he-normal',
    2,
    'fan_in',
    'truncated_normal',
    'HeNormal()',
    '-',
    'tf.initializers.heNormal() (no truncation correction)',
    'He et al. 2015 (Keras)',
  ),
  preset(
    'he-uniform',
    2,
    'fan_in',
    'uniform',
    'HeUniform()',
    'nn.init.kaiming_uniform_(w, nonlinearity="relu")',
    'tf.initializers.heUniform()',
    'He et al. 2015 (Keras)',
  ),
  preset(
    'glorot-normal',
    1,
    'fan_avg',
    'truncated_normal',
    'GlorotNormal()',
    '-',
    'tf.initializers.glorotNormal() (no truncation correction)',
    'Glorot & Bengio 2010 (Keras)',
  ),
  preset(
    'glorot-uniform',
    1,
    'fan_avg',
    'uniform',
    'GlorotUniform()',
    'nn.init.xavier_uniform_',
    'tf.initializers.glorotUniform()',
    'Glorot & Bengio 2010 (Keras)',
  ),
  preset(
    'lecun-normal',
    1,
    'fan_in',
    'truncated_normal',
    'LecunNormal()',
    '-',
    'tf.initializers.leCunNormal() (no truncation correction)',
    'LeCun et al. 1998 (Keras)',
  ),
  preset(
    'lecun-uniform',
    1,
    'fan_in',
    'uniform',
    'LecunUniform()',
    '-',
    'tf.initializers.leCunUniform()',
    'LeCun et al. 1998 (Keras)',
  ),
  {
    name: 'kaiming-normal',
    description: 'normal(0, gain / sqrt(fan)), untruncated, gain from the nonlinearity (PyTorch)',
    fan: 'mode',
    random: true,
    params: { a: A, mode: MODE_TORCH, nonlinearity: NONLINEARITY },
    equivalents: {
      keras: 'VarianceScaling(gain², mode, "untruncated_normal")',
      pytorch: 'nn.init.kaiming_normal_(w, a, mode, nonlinearity)',
      tfjs: '-',
    },
    weights: (rs, fanOut, fanIn, p) => normal(rs, fanOut * fanIn, 0, kaimingStd(p, fanOut, fanIn)),
    moments: (fanOut, fanIn, p) =>
      normalMoments(0, kaimingStd(p, fanOut, fanIn), 'normal(0, gain²/fan): Var(W) = gain²/fan'),
  },
  {
    name: 'kaiming-uniform',
    description: 'uniform(±gain · sqrt(3 / fan)), gain from the nonlinearity (PyTorch)',
    fan: 'mode',
    random: true,
    params: { a: A, mode: MODE_TORCH, nonlinearity: NONLINEARITY },
    equivalents: {
      keras: 'VarianceScaling(gain², mode, "uniform")',
      pytorch: 'nn.init.kaiming_uniform_(w, a, mode, nonlinearity)',
      tfjs: '-',
    },
    weights: (rs, fanOut, fanIn, p) => {
      const bound = kaimingBound(p, fanOut, fanIn);
      return uniform(rs, fanOut * fanIn, -bound, bound);
    },
    moments: (fanOut, fanIn, p) => {
      const bound = kaimingBound(p, fanOut, fanIn);
      return uniformMoments(
        -bound,
        bound,
        'uniform(±gain·√(3/fan)): Var(W) = bound²/3 = gain²/fan',
      );
    },
  },
  // The frameworks' own layer defaults, whole (weights and biases), so their consequences can be seen
  {
    name: 'pytorch-linear',
    description:
      "PyTorch nn.Linear's default: kaiming_uniform with a = √5, i.e. uniform(±1/sqrt(fan_in)), and biases uniform(±1/sqrt(fan_in))",
    fan: 'fan_in',
    random: true,
    params: {},
    equivalents: {
      keras: '-',
      pytorch: 'nn.Linear(fan_in, fan_out) (reset_parameters)',
      tfjs: '-',
    },
    weights: (rs, fanOut, fanIn) =>
      uniform(rs, fanOut * fanIn, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)),
    biases: (rs, fanOut, fanIn) => uniform(rs, fanOut, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)),
    moments: (_fanOut, fanIn) => {
      const w = uniformMoments(
        -1 / Math.sqrt(fanIn),
        1 / Math.sqrt(fanIn),
        'weights and biases uniform(±1/√fan_in): Var(W) = Var(b) = 1/(3 fan_in)',
      );
      return { ...w, biasVariance: w.weightVariance };
    },
  },
  preset(
    'keras-dense',
    1,
    'fan_avg',
    'uniform',
    'Dense(units) (kernel glorot_uniform, bias zeros)',
    '-',
    "tf.layers.dense({kernelInitializer: 'glorotUniform'}) (TF.js's own default kernel is glorotNormal: tfjs-truncated-normal:mode=fan_avg)",
    "Keras Dense's default, glorot_uniform with zero biases",
  ),
  preset(
    'flax-dense',
    1,
    'fan_in',
    'truncated_normal',
    'LecunNormal() kernel, zeros bias',
    '-',
    '-',
    "Flax's nn.Dense default (flax.linen.Dense), lecun_normal with zero biases",
  ),
  // The traps: framework formulas that miss the variance they are named for (probe them to see it)
  {
    name: 'tfjs-truncated-normal',
    description:
      "TF.js's varianceScaling with distribution 'normal' (behind its heNormal, glorotNormal, leCunNormal, and glorotNormal is tf.layers.dense()'s default kernel: mode=fan_avg): normal(0, sqrt(scale / fan)) truncated at 2 std without Keras' correction, so Var = 0.7737… · scale / fan, 23% short",
    fan: 'mode',
    random: true,
    params: {
      scale: {
        default: 1,
        min: 0,
        positive: true,
        doc: 'the variance × fan asked for (and missed)',
      },
      mode: MODE,
    },
    equivalents: {
      keras: 'VarianceScaling(0.7737 · scale, mode, "truncated_normal")',
      pytorch: '-',
      tfjs: 'tf.initializers.varianceScaling({scale, mode, distribution: "normal"})',
    },
    weights: (rs, fanOut, fanIn, p) =>
      truncatedNormal(
        rs,
        fanOut * fanIn,
        0,
        Math.sqrt(scaleOverFan(num(p, 'scale'), p.mode as Mode, fanIn, fanOut)),
      ),
    moments: (fanOut, fanIn, p) =>
      truncatedMoments(
        0,
        Math.sqrt(scaleOverFan(num(p, 'scale'), p.mode as Mode, fanIn, fanOut)),
        'normal(0, √(scale/fan)) truncated at ±2 std without the correction: Var(W) = 0.8796…² scale/fan',
      ),
  },
  {
    name: 'pytorch-selu',
    description:
      "PyTorch's kaiming_normal_(w, nonlinearity='selu'): normal(0, gain / sqrt(fan_in)) with calculate_gain('selu') = 3/4, so σ_w² = 9/16 where self-normalizing nets need 1 (Klambauer et al. 2017; PyTorch's docs advise nonlinearity='linear')",
    fan: 'fan_in',
    random: true,
    params: {},
    equivalents: {
      keras: 'VarianceScaling(0.5625, "fan_in", "untruncated_normal")',
      pytorch: "nn.init.kaiming_normal_(w, nonlinearity='selu')",
      tfjs: '-',
    },
    weights: (rs, fanOut, fanIn) =>
      normal(rs, fanOut * fanIn, 0, gainFor('selu', 0) / Math.sqrt(fanIn)),
    moments: (_fanOut, fanIn) =>
      normalMoments(
        0,
        gainFor('selu', 0) / Math.sqrt(fanIn),
        'normal(0, (3/4)²/fan_in): Var(W) = 9/(16 fan_in)',
      ),
  },
  {
    name: 'orthogonal',
    description:
      'gain × an orthonormal matrix: QR of a Gaussian matrix with the sign fix (Saxe et al. 2014), as Keras (default) or PyTorch lays it out',
    fan: '-',
    random: true,
    params: { gain: GAIN, convention: CONVENTION },
    equivalents: {
      keras: 'Orthogonal(gain) (convention=keras)',
      pytorch: 'nn.init.orthogonal_(w, gain) (convention=pytorch)',
      tfjs: 'tf.initializers.orthogonal({gain}) (convention=keras)',
    },
    weights: (rs, fanOut, fanIn, p, hooks) =>
      orthogonal(rs, fanOut, fanIn, num(p, 'gain'), p.convention as OrthogonalConvention, hooks),
    // Q from the sign-fixed QR of a Gaussian matrix is Haar-distributed: its entries share one
    // law, symmetric about 0, and its min(fan_in, fan_out) orthonormal rows or columns hold
    // gain² · min(…) of squared weight among fan_in · fan_out entries
    moments: (fanOut, fanIn, p) =>
      normalMoments(
        0,
        num(p, 'gain') / Math.sqrt(Math.max(fanIn, fanOut)),
        'gain × orthonormal rows (fan_out ≤ fan_in) or columns: E[W] = 0, Var(W) = gain²/max(fan_in, fan_out), exactly (σ_w² = gain² on a square layer)',
      ),
  },
  {
    name: 'identity',
    description: 'gain on the diagonal, 0 elsewhere (rectangular: the leading diagonal)',
    fan: '-',
    random: false,
    params: { gain: GAIN },
    equivalents: {
      keras: 'Identity(gain)',
      pytorch: 'nn.init.eye_ (× gain)',
      tfjs: 'tf.initializers.identity({gain})',
    },
    weights: (_rs, fanOut, fanIn, p) => {
      const w = new Float64Array(fanOut * fanIn);
      for (let i = 0; i < Math.min(fanOut, fanIn); i++) w[i * fanIn + i] = num(p, 'gain');
      return w;
    },
    moments: () => ({
      undefinedBecause:
        'a fixed matrix (gain on the diagonal): each unit takes one input, not a sum of many independent draws, so no (σ_w², σ_b²) describes it',
    }),
  },
  {
    name: 'lsuv',
    description:
      'orthogonal, then each layer rescaled on the training batch until its output variance is 1 within tol (Mishkin & Matas 2016)',
    fan: 'data',
    random: true,
    params: {
      tol: { default: 0.1, min: 0, positive: true, doc: 'accepted |variance − 1|' },
      'max-iter': {
        default: 10,
        min: 1,
        max: LIMITS.lsuvRounds,
        integer: true,
        doc: 'rescaling rounds per layer',
      },
    },
    equivalents: { keras: '-', pytorch: '-', tfjs: '-' },
    needsData: true,
    weights: (rs, fanOut, fanIn, _p, hooks) => orthogonal(rs, fanOut, fanIn, 1, 'keras', hooks),
    moments: () => ({
      undefinedBecause:
        'each layer is rescaled on the training batch, so its variance depends on the data',
    }),
  },
];

/** Every initializer by name (`initlab init --list`). */
export const initializers: Record<string, Initializer> = Object.fromEntries(
  list.map((i) => [i.name, i]),
);

/** The initializers' names, in catalogue order. */
export const initializerNames = (): string[] => Object.keys(initializers);

/** Every parameter at its default, for direct calls of `weights`. */
export const defaultParams = (init: Initializer): InitializerOptions => defaultsOf(init.params);

/** An initializer SPEC resolved: the initializer and its parameters, every one filled in. */
export interface ResolvedInitializer {
  /** The initializer named. */
  init: Initializer;
  /** Its parameters: the SPEC's values over its defaults. */
  opts: InitializerOptions;
  /** The name as written in results, e.g. `random` or `random:scale=1` (also for `random` under --scale 1). */
  label: string;
}

/**
 * The CLI's and the web lab's `--scale` / scale field: the notebook's multiplier of
 * `random`, and of no other initializer (variance-scaling's `scale` is its own parameter,
 * with its own default 1).
 */
export interface InitializerOverrides {
  /** random's `scale`, where the SPEC does not give it. */
  scale?: number;
}

/** Whether `--scale` means anything for this initializer. */
export const takesScaleFlag = (init: Initializer): boolean => init.name === 'random';

/**
 * `he`, `random:scale=0.01`, `variance-scaling:scale=2,mode=fan_out` → the initializer and
 * its parameters: the ones the SPEC gives, checked, and the initializer's own defaults for
 * the rest; `overrides.scale` (the CLI's --scale) sets random's scale only.
 * @throws UsageError for an unknown name, key or value, or random-uniform's min above max
 */
export function resolveInitializer(
  spec: string,
  overrides: InitializerOverrides = {},
): ResolvedInitializer {
  const { name, entry: init, params, given } = resolveSpec(spec, 'initialization', initializers);
  const opts: InitializerOptions = { ...params } as InitializerOptions;
  if (overrides.scale !== undefined && takesScaleFlag(init) && !given.includes('scale'))
    opts.scale = overrides.scale;
  if (name === 'random-uniform' && (opts.min as number) > (opts.max as number))
    throw new UsageError(
      `initialization "${name}": min (${opts.min}) must not exceed max (${opts.max})`,
    );
  // the label names what was drawn: random under --scale 3 is `random:scale=3`, not `random`
  // (whose title is the notebook's "large random", ×10)
  const scaled = opts.scale !== params.scale ? `scale=${opts.scale}` : '';
  const written = given.length ? spec.trim() : name;
  return { init, opts, label: scaled ? `${written}${given.length ? ',' : ':'}${scaled}` : written };
}
