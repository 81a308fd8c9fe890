// The initializer catalogue against its formulas: moments of large draws, truncation
// bounds, orthogonality, fan conventions; orthogonal against numpy's QR.
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import {
  defaultParams,
  initializers,
  resolveInitializer,
  TRUNCATED_NORMAL_STD,
} from '../src/nn/initializers.js';
import { initializeNetwork } from '../src/nn/network.js';
import { forward } from '../src/nn/propagation.js';
import { variance } from '../src/nn/moments.js';
import { Workspace } from '../src/nn/workspace.js';
import { RandomState } from '../src/rng/random-state.js';
import { UsageError } from '../src/errors.js';
import { flag } from '../src/cli/setup.js';
import { extra, maxRelErr } from './helpers.js';

const FAN_OUT = 300;
const FAN_IN = 400; // 120,000 draws per check

function draw(spec: string, fanOut = FAN_OUT, fanIn = FAN_IN, seed = 42) {
  const { init, opts } = resolveInitializer(spec);
  return init.weights(new RandomState(seed), fanOut, fanIn, opts);
}
const mean = (w: Float64Array) => w.reduce((s, x) => s + x, 0) / w.length;

/** Mean within 5 standard errors, variance within 5 standard errors of its estimate (excess kurtosis ≤ 0 here). */
function expectMoments(w: Float64Array, m: number, v: number) {
  expect(Math.abs(mean(w) - m)).toBeLessThan(5 * Math.sqrt(v / w.length));
  expect(Math.abs(variance(w) / v - 1)).toBeLessThan(5 * Math.sqrt(2 / w.length));
}

const fi = FAN_IN,
  fo = FAN_OUT,
  avg = (fi + fo) / 2;
const cases: [string, number, number][] = [
  ['random', 0, 100],
  ['random:scale=0.01', 0, 1e-4],
  ['he', 0, 2 / fi],
  ['xavier', 0, 1 / fi],
  ['random-normal:mean=0.5,std=2', 0.5, 4],
  ['random-uniform:min=-1,max=3', 1, 16 / 12],
  ['truncated-normal:std=0.3', 0, 0.09 * TRUNCATED_NORMAL_STD ** 2],
  ['variance-scaling', 0, 1 / fi],
  ['variance-scaling:scale=3,mode=fan_out,distribution=normal', 0, 3 / fo],
  ['variance-scaling:mode=fan_avg,distribution=uniform', 0, 1 / avg],
  ['he-normal', 0, 2 / fi], // Keras: truncated, with the 0.8796 correction (TF.js forgets it: variance 0.77 × this)
  ['he-uniform', 0, 2 / fi],
  ['glorot-normal', 0, 1 / avg],
  ['glorot-uniform', 0, 1 / avg],
  ['lecun-normal', 0, 1 / fi],
  ['lecun-uniform', 0, 1 / fi],
  ['kaiming-normal', 0, 2 / fi],
  ['kaiming-normal:nonlinearity=tanh,mode=fan_out', 0, 25 / 9 / fo],
  ['kaiming-normal:a=0.2', 0, 2 / (1 + 0.04) / fi],
  ['kaiming-uniform:nonlinearity=relu', 0, 2 / fi],
  ['kaiming-uniform:nonlinearity=linear,mode=fan_out', 0, 1 / fo],
];

describe('initializers: moments of large draws', () => {
  for (const [spec, m, v] of cases) it(spec, () => expectMoments(draw(spec), m, v));
  it("the check fails for the wrong variance (TF.js's uncorrected heNormal)", () => {
    expect(() =>
      expectMoments(draw('truncated-normal:std=' + Math.sqrt(2 / fi)), 0, 2 / fi),
    ).toThrow();
  });
});

describe('initializers: bounds', () => {
  it('truncated draws stay within 2 standard deviations', () => {
    const std = Math.sqrt(2 / fi) / TRUNCATED_NORMAL_STD;
    expect(Math.max(...draw('he-normal').map(Math.abs))).toBeLessThanOrEqual(2 * std);
    expect(
      Math.max(...draw('truncated-normal:mean=1,std=0.5').map((x) => Math.abs(x - 1))),
    ).toBeLessThanOrEqual(1);
    // and they do reach near the bounds
    expect(Math.max(...draw('he-normal').map(Math.abs))).toBeGreaterThan(1.9 * std);
  });
  it('uniform draws stay within their limits', () => {
    const limit = Math.sqrt(6 / fi);
    const w = draw('he-uniform');
    expect(Math.max(...w)).toBeLessThanOrEqual(limit);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-limit);
  });
  it('constant, ones, zeros and identity are what they say', () => {
    expect(new Set(draw('constant:value=0.3', 3, 4))).toEqual(new Set([0.3]));
    expect(new Set(draw('ones', 3, 4))).toEqual(new Set([1]));
    expect(Array.from(draw('identity:gain=2', 2, 3))).toEqual([2, 0, 0, 0, 2, 0]);
  });
});

describe('orthogonal', () => {
  const gram = (w: Float64Array, rows: number, cols: number, byRows: boolean) => {
    const n = byRows ? rows : cols;
    let worst = 0;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let s = 0;
        for (let k = 0; k < (byRows ? cols : rows); k++)
          s += byRows ? w[a * cols + k] * w[b * cols + k] : w[k * cols + a] * w[k * cols + b];
        worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
      }
    }
    return worst;
  };
  it('columns (tall) or rows (wide) are orthonormal to 1e-12', () => {
    expect(gram(draw('orthogonal', 60, 20), 60, 20, false)).toBeLessThan(1e-12);
    expect(gram(draw('orthogonal', 20, 60), 20, 60, true)).toBeLessThan(1e-12);
    expect(gram(draw('orthogonal', 50, 50), 50, 50, true)).toBeLessThan(1e-12);
    const g = draw('orthogonal:gain=3', 10, 10).map((x) => x / 3);
    expect(gram(g, 10, 10, true)).toBeLessThan(1e-12);
  });
  it("equals numpy's QR with the sign fix", () => {
    const o = extra.orthogonal;
    expect(maxRelErr(Array.from(draw('orthogonal', 5, 3, 0)), o['seed=0 5x3'].flat())).toBeLessThan(
      1e-12,
    );
    expect(
      maxRelErr(Array.from(draw('orthogonal:gain=2', 3, 5, 1)), o['seed=1 3x5 gain=2'].flat()),
    ).toBeLessThan(1e-12);
    // that recipe keeps W = Q on a square layer: PyTorch's layout (Keras' is Qᵀ, test/orthogonal.test.ts)
    expect(
      maxRelErr(Array.from(draw('orthogonal:convention=pytorch', 4, 4, 7)), o['seed=7 4x4'].flat()),
    ).toBeLessThan(1e-12);
  });
});

describe('lsuv', () => {
  it('leaves every layer with output variance 1 within tol on the batch', () => {
    const data = datasetFromSpec('circles:n=300');
    const dims = [2, 50, 50, 50, 1];
    const net = initializeNetwork(dims, initializers.lsuv, {
      seed: 1,
      data: data.X,
      params: { tol: 0.01, 'max-iter': 20 },
    });
    const ws = new Workspace(dims, 300);
    forward(net, data.X, ws);
    for (const Z of ws.Z) expect(Math.abs(variance(Z) - 1)).toBeLessThan(0.01);
  });
  it('needs data', () => {
    expect(() => initializeNetwork([2, 3, 1], initializers.lsuv)).toThrow(/data-dependent/);
  });
});

describe('the registry', () => {
  it('documents each entry: formula, fan, equivalents, parameter defaults', () => {
    for (const init of Object.values(initializers)) {
      expect(init.description.length).toBeGreaterThan(10);
      expect(init.fan).toBeTruthy();
      expect(Object.keys(init.equivalents)).toEqual(
        expect.arrayContaining(['keras', 'pytorch', 'tfjs']),
      );
    }
  });
  it("defaults are the frameworks' and papers' documented ones", () => {
    // written from the sources, not from the registry: Keras' initializer signatures
    // (RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling, Orthogonal, Identity),
    // PyTorch's nn.init.kaiming_*_ signatures, Mishkin & Matas 2016's Algorithm 1 (Tol_var 0.1,
    // T_max 10), TF.js' VarianceScaling, the notebook's ×10, and initlab's own `constant` value (0.1)
    const documented: Record<string, Record<string, number | string | boolean>> = {
      constant: { value: 0.1 },
      random: { scale: 10 },
      'random-normal': { mean: 0, std: 0.05 },
      'random-uniform': { min: -0.05, max: 0.05 },
      'truncated-normal': { mean: 0, std: 0.05 },
      'variance-scaling': { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' },
      'kaiming-normal': { a: 0, mode: 'fan_in', nonlinearity: 'leaky_relu' },
      'kaiming-uniform': { a: 0, mode: 'fan_in', nonlinearity: 'leaky_relu' },
      orthogonal: { gain: 1, convention: 'keras' },
      identity: { gain: 1 },
      lsuv: { tol: 0.1, 'max-iter': 10 },
      // TF.js' VarianceScaling config defaults (scale 1.0, mode 'fanIn'), its truncation kept as TF.js does
      'tfjs-truncated-normal': { scale: 1, mode: 'fan_in' },
    };
    for (const init of Object.values(initializers))
      expect(defaultParams(init), init.name).toEqual(documented[init.name] ?? {});
  });
  it('rejects bad parameters with what is accepted', () => {
    expect(() => resolveInitializer('he-normal:scale=2')).toThrow(
      /initialization "he-normal" takes no parameters, got "scale"/,
    );
    expect(() => resolveInitializer('variance-scaling:mode=fan_sum')).toThrow(
      /mode must be one of fan_in, fan_out, fan_avg/,
    );
    expect(() => resolveInitializer('random-normal:std=-1')).toThrow(
      /std must be a finite number >= 0, got "-1"/,
    );
    expect(() => resolveInitializer('variance-scaling:scale=0')).toThrow(
      /scale must be a finite number > 0, got "0"/,
    );
    expect(() => resolveInitializer('random-uniform:min=2,max=1')).toThrow(UsageError);
    // random's scale is a standard deviation too: negative in the SPEC or through --scale is refused
    expect(() => resolveInitializer('random:scale=-1')).toThrow(
      /scale must be a finite number >= 0, got "-1"/,
    );
    expect(() => flag('scale', '-1')).toThrow(/--scale must be a finite number >= 0, got "-1"/);
  });
});
