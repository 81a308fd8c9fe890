// The run doctor: each failure the notebook and the literature show, and its siblings,
// named from the run's own record; a run that trains draws no complaint.
import { chanceRun } from './helpers/doctor-record.js';
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_DEFAULTS, NOTEBOOK_TRAIN_SPEC } from '../src/experiments/notebook-config.js';
import { buildNetwork, runExperiment, type RunConfig } from '../src/experiments/run.js';
import { isSymmetric } from '../src/experiments/verdict.js';
import { datasetFromSpec } from '../src/data/registry.js';
import {
  biasesAtStart,
  type Diagnosis,
  diagnoseRun,
  type DoctorInput,
} from '../src/train/doctor.js';
import { train } from '../src/train/train.js';
import type { Network } from '../src/nn/network.js';
import { cli } from './helpers.js';

const data = datasetFromSpec(NOTEBOOK_TRAIN_SPEC);
const kinds = (d: Diagnosis) => d.findings.map((f) => f.kind);

/** A notebook run (15,000 iterations unless told) and its diagnosis. */
function notebookRun(over: Partial<RunConfig> & { init: string }): Diagnosis {
  const o = runExperiment({ ...NOTEBOOK_DEFAULTS, ...over }, data, null);
  return diagnoseRun({ ...o.result, symmetric: isSymmetric(o.initial) && isSymmetric(o.network) });
}

/** A ReLU net trained from a network the caller may first damage. */
function deepRun(
  layers: number[],
  init: string,
  damage: (net: Network) => void = () => {},
  lr = 0.05,
  iterations = 1500,
): Diagnosis {
  const net = buildNetwork({ init, seed: 1, layers, activation: 'relu' });
  damage(net);
  const r = train(net, data, {
    learningRate: lr,
    iterations,
    recordEvery: 500,
    diagnosticsEvery: 500,
  });
  // these nets are judged by their record alone: count them as failed runs (chance accuracy)
  return diagnoseRun({
    ...r,
    trainAccuracy: 0.5,
    learningRate: lr,
    symmetric: false,
    init,
    activation: 'relu',
    biasesAtStart: biasesAtStart(net),
  });
}

describe("the notebook's runs", () => {
  it('zeros: symmetry never broken, and nothing else blamed', () => {
    const d = notebookRun({ init: 'zeros' });
    expect(kinds(d)).toEqual(['symmetry']);
    expect(d.findings[0].fix).toMatch(/he/);
  });
  it('a constant initialization is the same failure (ones, constant:value=0.3)', () => {
    for (const init of ['ones', 'constant:value=0.3'])
      expect(kinds(notebookRun({ init, iterations: 2000 }))[0], init).toBe('symmetry');
  });
  it('random ×10: saturated outputs (the cost starts ~1774, far above ln 2)', () => {
    const d = notebookRun({ init: 'random' });
    expect(kinds(d)[0]).toBe('saturated-output');
    expect(d.findings[0].amount).toBeGreaterThan(1000);
  });
  it('He: no complaint', () => {
    expect(notebookRun({ init: 'he' })).toEqual({ ok: true, findings: [] });
  });
  it('lr 50 and lr 1e4: divergence, with a lower learning rate as the fix', () => {
    for (const learningRate of [50, 1e4]) {
      const d = notebookRun({ init: 'he', learningRate, iterations: 3000 });
      expect(kinds(d), `lr ${learningRate}`).toEqual(['diverged']);
      expect(d.findings[0].fix).toContain(`--lr ${learningRate / 10}`);
    }
  });
});

describe('deep ReLU nets', () => {
  const layers = [2, 16, 16, 16, 16, 16, 1];
  it('negative biases kill a layer: the layer is named, with its fraction', () => {
    for (const layer of [1, 3, 5]) {
      const d = deepRun(layers, 'he', (net) => net.b[layer - 1].data.fill(-10));
      const f = d.findings.find((x) => x.kind === 'dead-relu');
      expect(f, `layer ${layer}`).toBeDefined();
      expect(f!.layer).toBe(layer);
      expect(f!.amount).toBe(1);
      expect(f!.fix).toMatch(/start the biases at 0 \(layer \d's start at mean -10\)/);
      expect(f!.fix).not.toMatch(/with he weights/); // they already were he
    }
  });
  it('three quarters of a layer killed: the layer and 75%', () => {
    const d = deepRun(layers, 'he', (net) => {
      for (let i = 0; i < 12; i++) net.b[1].data[i] = -10;
    });
    const f = d.findings.find((x) => x.kind === 'dead-relu');
    expect(f?.layer).toBe(2);
    expect(f?.amount).toBe(0.75);
  });
  it('30 layers with variance 1/n: the back-propagated gradient vanishes (≈ √(1/2) per layer, He et al. 2015)', () => {
    const d = deepRun([2, ...Array(30).fill(32), 1], 'xavier', undefined, 0.05, 100);
    const f = d.findings.find((x) => x.kind === 'vanishing-gradient');
    expect(f).toBeDefined();
    expect(f!.amount!).toBeLessThan(1e-3);
    // per layer the shrink is near √(1/2) for ReLU at σ_w² = 1 (one layer of 32 units moves it by a few percent)
    expect(f!.amount! ** (1 / 30)).toBeGreaterThan(0.6);
    expect(f!.amount! ** (1 / 30)).toBeLessThan(0.8);
  });
  it('the same depth with He: no vanishing gradient', () => {
    expect(kinds(deepRun([2, ...Array(30).fill(32), 1], 'he', undefined, 0.05, 100))).not.toContain(
      'vanishing-gradient',
    );
  });
});

/** One layer's statistics, as a run's record has them. */
const layer = (n: number, backprop: number, dead = 0, saturated = 0) => ({
  layer: n,
  activation: { mean: 0, std: 1, dead, saturated },
  gradient: { weightNorm: 1, biasNorm: 1, backprop },
  weight: { mean: 0, std: 1, norm: 1 },
});
const base: DoctorInput = chanceRun;

describe('from a record alone', () => {
  it('exploding gradients: named with the growth', () => {
    const d = diagnoseRun({
      ...base,
      diagnostics: [{ iteration: 0, layers: [layer(1, 1e4), layer(2, 1e2), layer(3, 1)] }],
    });
    expect(kinds(d)).toEqual(['exploding-gradient']);
    expect(d.findings[0].amount).toBe(1e4);
  });
  it('a saturated tanh layer at the start is named', () => {
    const d = diagnoseRun({
      ...base,
      diagnostics: [{ iteration: 0, layers: [layer(1, 1), layer(2, 1, 0, 0.8), layer(3, 1)] }],
    });
    expect(d.findings.find((f) => f.kind === 'saturated-hidden')?.layer).toBe(2);
  });
  it('stuck at ln 2 with nothing else to blame: said so', () => {
    expect(kinds(diagnoseRun(base))).toEqual(['stuck']);
  });
});

describe('advice holds only where its premise does', () => {
  const deadLayer: DoctorInput = {
    ...base,
    diagnostics: [{ iteration: 0, layers: [layer(1, 1), layer(2, 1, 1), layer(3, 1)] }],
  };
  const fixOf = (run: DoctorInput, kind: string) =>
    diagnoseRun(run).findings.find((f) => f.kind === kind)?.fix ?? '';
  it('a layer born dead with biases already at 0 is not told to start them at 0', () => {
    const zero = { mean: 0, maxAbs: 0 };
    const fix = fixOf(
      { ...deadLayer, init: 'he', activation: 'relu', biasesAtStart: [zero, zero, zero] },
      'dead-relu',
    );
    expect(fix).toMatch(/already start at 0/);
    expect(fix).not.toMatch(/start the biases at 0/);
    expect(fix).not.toMatch(/(with|or) he weights/);
  });
  it('positive biases: not blamed either; unknown biases: no claim about them', () => {
    const up = { mean: 0.1, maxAbs: 0.2 };
    expect(fixOf({ ...deadLayer, biasesAtStart: [up, up, up] }, 'dead-relu')).not.toMatch(
      /start the biases at 0/,
    );
    expect(fixOf(deadLayer, 'dead-relu')).not.toMatch(/bias/);
  });
  it('negative biases: named with their mean; xavier weights: he suggested too', () => {
    const down = { mean: -2, maxAbs: 2 };
    const fix = fixOf(
      { ...deadLayer, init: 'xavier', activation: 'relu', biasesAtStart: [down, down, down] },
      'dead-relu',
    );
    expect(fix).toMatch(/start the biases at 0 \(layer 2's start at mean -2\), with he weights/);
  });
  it('vanishing gradients under he with ReLU: depth is named, not he again', () => {
    const run: DoctorInput = {
      ...deadLayer,
      init: 'he',
      activation: 'relu',
      diagnostics: [{ iteration: 0, layers: [layer(1, 1e-5), layer(2, 1e-3), layer(3, 1)] }],
    };
    const fix = fixOf(run, 'vanishing-gradient');
    expect(fix).toMatch(/already/);
    expect(fix).not.toMatch(/--init he/);
    expect(fixOf({ ...run, init: 'random-normal' }, 'vanishing-gradient')).toMatch(
      /--init he for relu/,
    );
  });
  it('saturated outputs under xavier: the inputs, not the weights', () => {
    const run: DoctorInput = {
      ...deadLayer,
      diagnostics: [],
      costs: [
        { iteration: 0, cost: 50 },
        { iteration: 100, cost: 40 },
      ],
      init: 'xavier',
      activation: 'tanh',
    };
    expect(fixOf(run, 'saturated-output')).toMatch(/scale the inputs/);
    expect(fixOf({ ...run, init: 'random' }, 'saturated-output')).toMatch(/--init xavier for tanh/);
  });
  it('symmetry under tanh suggests xavier, not he', () => {
    const fix = fixOf(
      { ...deadLayer, diagnostics: [], symmetric: true, activation: 'tanh', init: 'zeros' },
      'symmetry',
    );
    expect(fix).toMatch(/--init xavier for tanh/);
  });
});

describe('initlab train', () => {
  it('prints the doctor\'s lines and --json carries {"doctor":{"ok","findings"}}', () => {
    const text = cli(['train', '--init', 'zeros', '--iterations', '200', '--no-report']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^doctor: symmetry never broken.*Fix: /m);
    const j = JSON.parse(
      cli(['train', '--init', 'he', '--iterations', '200', '--no-report', '--json']).stdout,
    );
    expect(j.runs[0].doctor).toHaveProperty('ok');
    expect(Array.isArray(j.runs[0].doctor.findings)).toBe(true);
    expect(typeof j.runs[0].diagnostics[0].layers[0].gradient.backprop).toBe('number');
  });
});

describe('a run judged by where it ended', () => {
  const vanishingStart = [{ iteration: 0, layers: [layer(1, 1e-6), layer(2, 1e-3), layer(3, 1)] }];
  it('a run that learned its training set gets no finding, whatever its start looked like', () => {
    const d = diagnoseRun({
      ...base,
      costs: [
        { iteration: 0, cost: 0.69 },
        { iteration: 3000, cost: 0.03 },
      ],
      trainAccuracy: 0.993,
      diagnostics: vanishingStart,
    });
    expect(d).toEqual({ ok: true, findings: [] });
  });
  it('the same start in a run that did not learn: the vanishing gradient is named', () => {
    expect(kinds(diagnoseRun({ ...base, diagnostics: vanishingStart }))).toContain(
      'vanishing-gradient',
    );
  });
  it('a cost still within 0.05 of ln 2 with 61% right is not "no problem": the variance ReLU needs is named', () => {
    const d = diagnoseRun({
      ...base,
      costs: [
        { iteration: 0, cost: 0.6931 },
        { iteration: 15000, cost: 0.6717 },
      ],
      trainAccuracy: 0.61,
      init: 'keras-dense',
      activation: 'relu',
    });
    expect(kinds(d)).toEqual(['stuck']);
    expect(d.findings[0].cause).toMatch(/barely learned/);
    expect(d.findings[0].fix).toMatch(/--init he for relu/);
    // under he already: the learning rate and the budget, not he again
    const he = diagnoseRun({ ...base, init: 'he', activation: 'relu' });
    expect(he.findings[0].fix).not.toMatch(/--init he/);
  });
  it('sigmoid: tanh is the first fix, the σ_w² = 16 variance the second', () => {
    const d = diagnoseRun({ ...base, init: 'xavier', activation: 'sigmoid' });
    expect(d.findings[0].fix).toMatch(
      /--activation tanh with --init xavier.*or keep sigmoid with --init variance-scaling:scale=16/,
    );
  });
});
