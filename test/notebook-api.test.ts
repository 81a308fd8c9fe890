// initlab/notebook: the notebook's functions, used as the notebook uses them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  backwardPropagation,
  computeLoss,
  forwardPropagation,
  initializeParametersHe,
  initializeParametersRandom,
  initializeParametersZeros,
  loadDataset,
  Matrix,
  model,
  parametersToArrays,
  predict,
  predictDec,
  updateParameters,
} from '../src/notebook/index.js';
import { maxRelErr, ref } from './helpers.js';

describe('initlab/notebook', () => {
  const [trainX, trainY, testX, testY] = loadDataset();

  it("loadDataset gives the notebook's data", () => {
    expect(trainX.shape).toEqual([2, 300]);
    expect(testY.shape).toEqual([1, 100]);
    expect(maxRelErr(trainX.toArray(), ref.data.train_X)).toBeLessThanOrEqual(1e-12);
    expect(testY.toArray()).toEqual(ref.data.test_Y);
  });

  it("the three initializers give the notebook's cells", () => {
    expect(parametersToArrays(initializeParametersZeros([3, 2, 1]))).toEqual(
      ref.init_examples['zeros_[3,2,1]'],
    );
    const r = parametersToArrays(initializeParametersRandom([3, 2, 1]));
    const h = parametersToArrays(initializeParametersHe([2, 4, 1]));
    for (const k of ['W1', 'W2']) {
      expect(maxRelErr(r[k], ref.init_examples['random_[3,2,1]'][k])).toBeLessThanOrEqual(1e-12);
      expect(maxRelErr(h[k], ref.init_examples['he_[2,4,1]'][k])).toBeLessThanOrEqual(1e-12);
    }
  });

  it("a hand-written loop of forward, loss, backward, update is the model's loop", () => {
    let parameters = initializeParametersHe([2, 10, 5, 1]);
    const costs: number[] = [];
    for (let i = 0; i < 2001; i++) {
      const [a3, cache] = forwardPropagation(trainX, parameters);
      if (i % 1000 === 0) costs.push(computeLoss(a3, trainY));
      const grads = backwardPropagation(trainX, trainY, cache);
      parameters = updateParameters(parameters, grads, 0.01);
    }
    expect(maxRelErr(costs, ref.runs.he.printed_costs.slice(0, 3))).toBeLessThanOrEqual(1e-9);
  });

  it('model prints the costs and predict the accuracy, as the notebook', () => {
    const lines: string[] = [];
    const print = (s: string) => lines.push(s);
    const parameters = model(trainX, trainY, { initialization: 'he', print });
    expect(lines).toHaveLength(15);
    expect(lines[14]).toMatch(/^Cost after iteration 14000: 0\.07357895962677/);
    const p = predict(trainX, trainY, parameters, print);
    expect(lines[15]).toBe('Accuracy: 0.9933333333333333');
    expect(Array.from(p.data)).toEqual(ref.runs.he.train_predictions);
    predict(testX, testY, parameters, print);
    expect(lines[16]).toBe('Accuracy: 0.96');
    expect(Array.from(predictDec(parameters, testX).data)).toEqual(ref.runs.he.test_predictions);
  });

  it('model with random prints inf at iteration 0', () => {
    const lines: string[] = [];
    model(trainX, trainY, {
      initialization: 'random',
      numIterations: 1,
      print: (s) => lines.push(s),
    });
    expect(lines).toEqual(['Cost after iteration 0: inf']);
  });

  it('rejects mis-shaped parameters with a clear message', () => {
    const p = initializeParametersHe([2, 3, 1]);
    p.b1 = new Matrix(2, 1);
    expect(() => forwardPropagation(trainX, p)).toThrow(/b1 must be \(3 × 1\)/);
  });
});

describe('examples/notebook.ts', () => {
  it("runs the notebook's cells and prints its numbers", () => {
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const r = spawnSync(tsx, [fileURLToPath(new URL('../examples/notebook.ts', import.meta.url))], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('W1 = [[ 17.88628473   4.36509851   0.96497468]');
    expect(r.stdout).toContain('Cost after iteration 0: inf');
    expect(r.stdout).toContain('Cost after iteration 14000: 0.07357895962677');
    expect(r.stdout.match(/^Accuracy: .*$/gm)).toEqual([
      'Accuracy: 0.5',
      'Accuracy: 0.5',
      'Accuracy: 0.83',
      'Accuracy: 0.86',
      'Accuracy: 0.9933333333333333',
      'Accuracy: 0.96',
    ]);
  });
});
