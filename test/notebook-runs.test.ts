// The notebook's three runs through the library, against numpy's numbers.
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_DEFAULTS } from '../src/experiments/notebook-config.js';
import { notebookData } from '../src/experiments/notebook.js';
import { runExperiment } from '../src/experiments/run.js';
import { networkToDict } from '../src/nn/network.js';
import { getKernels } from '../src/nn/backends.js';
import { maxRelErr, ref } from './helpers.js';

const data = notebookData();

describe.each([
  ['zeros', 1e-9, 'ts'],
  ['he', 1e-9, 'ts'],
  ['random', 1e-2, 'ts'], // ×10 weights: rounding order moves the trajectory (see the reference README)
  ['zeros', 1e-9, 'wasm'],
  ['he', 1e-9, 'wasm'],
  ['random', 1e-2, 'wasm'],
] as const)('%s run (%s kernels)', (init, tol, backend) => {
  const want = ref.runs[init];
  const out = runExperiment(
    { ...NOTEBOOK_DEFAULTS, init, printEvery: 100, naiveLoss: true },
    data.train,
    data.test,
    { kernels: getKernels(backend) },
  );
  const r = out.result;

  it('records the cost at 0, 100, …, 14900', () => {
    expect(r.costs.map((c) => c.iteration)).toEqual(Array.from({ length: 150 }, (_, i) => i * 100));
  });
  it('stable cost at iteration 0', () => {
    expect(maxRelErr(r.costs[0].cost, want.stable_cost_iteration_0)).toBeLessThanOrEqual(1e-12);
  });
  // The ×10 run is chaotic between iterations 300 and 700 (implementations disagree there by
  // tens of percent); the reference holds it to 1% on the printed costs, every 1,000 iterations.
  const stride = init === 'random' ? 10 : 1;
  it(`costs every ${100 * stride} iterations`, () => {
    const printed = (want.costs_every_100 as (number | string)[]).filter(
      (_, i) => i % stride === 0,
    );
    const got = r.costs.map((c) => c.naiveCost).filter((_, i) => i % stride === 0);
    // "inf" where the notebook's formula overflows: the naive loss must overflow there too
    printed.forEach((p, i) => {
      if (p === 'inf') expect(got[i]).toBe(Infinity);
    });
    const finite = printed
      .map((p, i) => [p, got[i], i * 100 * stride] as const)
      .filter(([p]) => typeof p === 'number');
    // Except at iteration 7000, where the ×10 run's cost plunges and its timing is at the mercy of
    // rounding: there numpy itself, with its dot products summed in plain order instead of by
    // OpenBLAS, prints 0.48295 against the reference's 0.47227 (+2.3%).
    for (const [want, have, at] of finite)
      expect(maxRelErr(have, want), `iteration ${at}`).toBeLessThanOrEqual(
        init === 'random' && at === 7000 ? 3e-2 : tol,
      );
  });
  it("accuracies and every prediction equal numpy's", () => {
    expect(r.trainAccuracy).toBe(want.train_accuracy);
    expect(r.testAccuracy).toBe(want.test_accuracy);
    expect(Array.from(out.trainPredictions)).toEqual(want.train_predictions);
    expect(Array.from(out.testPredictions!)).toEqual(want.test_predictions);
  });
  if (init !== 'random') {
    it('final parameters', () => {
      const got = networkToDict(out.network);
      for (const [k, v] of Object.entries<number[][]>(want.final_parameters)) {
        // relative to the matrix's scale, absolute below 1: the zeros run's b3 is rounding noise around 0
        const scale = Math.max(...v.flat().map(Math.abs), 1);
        const err = Math.max(...v.flat().map((x, i) => Math.abs(x - got[k].flat()[i]) / scale));
        expect(err, k).toBeLessThanOrEqual(1e-9);
      }
    });
  }
});
