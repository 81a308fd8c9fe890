// Beyond the notebook: the depth probe, gradient checking, diagnostics and sweeps.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import { probe } from '../src/experiments/probe.js';
import { expandGrid, parseRange, summarize } from '../src/experiments/sweep.js';
import { getKernels } from '../src/nn/backends.js';
import { initializers } from '../src/nn/initializers.js';
import { initializeNetwork } from '../src/nn/network.js';
import { gradientCheck } from '../src/train/gradient-check.js';
import { histogram } from '../src/train/diagnostics.js';
import { train } from '../src/train/train.js';
import { cli, extra, maxRelErr } from './helpers.js';


describe('probe', () => {
  for (const [name, want] of Object.entries<any[]>(extra.probe)) {
    it(`equals numpy: ${name}`, () => {
      const m = /^(\S+) (\S+) seed=(\d+) depth=(\d+) width=(\d+) samples=(\d+)$/.exec(name)!;
      for (const backend of ['ts', 'wasm'] as const) {
        const r = probe({ init: m[1], activation: m[2], seed: +m[3], depth: +m[4], width: +m[5], samples: +m[6] }, getKernels(backend));
        expect(maxRelErr(r.layers.map((l) => l.std), want.map((l) => l.std))).toBeLessThan(1e-9);
        expect(r.layers.map((l) => l.layer)).toEqual(want.map((l) => l.layer));
      }
    });
  }
  it('shows the depth behaviour the issue names (10 tanh layers of 500, 1,000 samples, seed 0)', () => {
    const run = (args: string[]) => JSON.parse(cli(['probe', '--depth', '10', '--width', '500', '--samples', '1000', '--seed', '0', '--json', ...args]).stdout).layers.map((l: any) => l.std);
    const small = run(['--init', 'random', '--scale', '0.01', '--activation', 'tanh']);
    expect(small[0]).toBeCloseTo(0.213, 3);
    expect(small[9] / 2.97e-7).toBeCloseTo(1, 2);
    const unit = run(['--init', 'random', '--scale', '1', '--activation', 'tanh']);
    for (const s of unit) expect(s).toBeCloseTo(0.982, 3);
    const he = run(['--init', 'he', '--activation', 'relu']);
    for (const s of he) expect(s > 0.7 && s < 0.83).toBe(true);
  });
  it('refuses what it cannot do', () => {
    expect(cli(['probe', '--depth', '0']).stderr).toMatch(/--depth must be an integer from 1/);
    expect(cli(['probe', '--init', 'lsuv']).stderr).toMatch(/needs data/);
  });
});

describe('gradient check', () => {
  it('backprop agrees with finite differences; a broken gradient does not', () => {
    const data = datasetFromSpec('circles:n=40');
    const net = initializeNetwork([2, 5, 3, 1], initializers.he, { seed: 1 });
    expect(gradientCheck(net, data)).toBeLessThan(1e-7);
    const json = JSON.parse(cli(['gradcheck', '--json']).stdout);
    expect(json.difference).toBeLessThan(1e-6);
    // a check that cannot fail is no check: nudge one weight's effect by hand
    const broken = { ...net, activations: net.activations.map((a, l) => (l === 0 ? { ...a, backward: (dA: Float64Array, z: Float64Array, A: Float64Array, dZ: Float64Array, n: number) => { a.backward(dA, z, A, dZ, n); dZ[0] *= 3; } } : a)) };
    expect(gradientCheck(broken, data)).toBeGreaterThan(1e-4);
  });
});

describe('diagnostics', () => {
  it('per-layer statistics at 0 and every k iterations, dead ReLUs counted', () => {
    const data = datasetFromSpec('circles:n=100');
    const net = initializeNetwork([2, 8, 8, 1], initializers.he, { seed: 2 });
    const r = train(net, data, { learningRate: 0.1, iterations: 50, recordEvery: 10, diagnosticsEvery: 20 });
    expect(r.diagnostics.map((d) => d.iteration)).toEqual([0, 20, 40]);
    const l1 = r.diagnostics[0].layers[0];
    expect(l1.layer).toBe(1);
    expect(l1.activation.std).toBeGreaterThan(0);
    expect(l1.gradient.weightNorm).toBeGreaterThan(0);
    expect(l1.weight.std).toBeCloseTo(1, 0);
    // a layer of zeros is all dead
    const dead = initializeNetwork([2, 4, 1], initializers.zeros);
    const rd = train(dead, data, { learningRate: 0.1, iterations: 1, recordEvery: 1, diagnosticsEvery: 1 });
    expect(rd.diagnostics[0].layers[0].activation.dead).toBe(1);
  });
  it('histograms count every value once', () => {
    const h = histogram(Float64Array.of(-5, 0, 0.5, 1, 9), 4, -1, 1);
    expect(h.map((b) => b.count)).toEqual([1, 0, 1, 3]);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(5);
  });
});

describe('sweep', () => {
  it('parses seed ranges and expands the grid', () => {
    expect(parseRange('1-3,7,5')).toEqual([1, 2, 3, 7, 5]);
    expect(() => parseRange('1-3,7,2')).toThrow(/seed 2 is given twice/);
    expect(() => parseRange('5-1')).toThrow(/backwards/);
    expect(() => parseRange('a')).toThrow(/--seeds must be/);
    expect(expandGrid(['he', 'xavier'], [1, 2], [0.1])).toHaveLength(4);
  });
  it('summarizes with population std, min and max', () => {
    const rows = [0.5, 0.7].map((a, i) => ({ init: 'he', seed: i, learningRate: 0.1, finalCost: a, trainAccuracy: a, testAccuracy: a, stopReason: 'completed' }));
    const [s] = summarize(rows);
    expect(s.testAccuracy).toEqual({ mean: 0.6, std: expect.closeTo(0.1, 12), min: 0.5, max: 0.7 });
  });
  it('gives the same numbers on 1 worker and on 2, and writes its folder', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'initlab-sweep-')), 's');
    const args = ['sweep', '--inits', 'he,xavier', '--seeds', '1-4', '--lr', '0.05,0.1', '--iterations', '300', '--json', '--quiet'];
    const one = JSON.parse(cli([...args, '--workers', '1', '--no-report']).stdout);
    const two = JSON.parse(cli([...args, '--workers', '2', '--out', out]).stdout);
    expect(one.runs).toHaveLength(16);
    expect(two.runs).toEqual(one.runs);
    expect(two.summary).toEqual(one.summary);
    expect(readdirSync(out).sort()).toEqual(['.initlab-report.json', 'distribution.png', 'distribution.svg', 'index.html', 'results.json', 'sweep.csv']);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n')).toHaveLength(17);
  });
});
