// Per-layer diagnostics during training, and their histograms.
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../../src/data/registry.js';
import { initializers } from '../../src/nn/initializers.js';
import { initializeNetwork } from '../../src/nn/network.js';
import { histogram } from '../../src/train/diagnostics.js';
import { train } from '../../src/train/train.js';

describe('diagnostics', () => {
  it('per-layer statistics at 0 and every k iterations, dead ReLUs counted', () => {
    const data = datasetFromSpec('circles:n=100');
    const net = initializeNetwork([2, 8, 8, 1], initializers.he, { seed: 2 });
    const r = train(net, data, {
      learningRate: 0.1,
      iterations: 50,
      recordEvery: 10,
      diagnosticsEvery: 20,
    });
    expect(r.diagnostics.map((d) => d.iteration)).toEqual([0, 20, 40]);
    const l1 = r.diagnostics[0].layers[0];
    expect(l1.layer).toBe(1);
    expect(l1.activation.std).toBeGreaterThan(0);
    expect(l1.gradient.weightNorm).toBeGreaterThan(0);
    expect(l1.weight.std).toBeCloseTo(1, 0);
    // a layer of zeros is all dead
    const dead = initializeNetwork([2, 4, 1], initializers.zeros);
    const rd = train(dead, data, {
      learningRate: 0.1,
      iterations: 1,
      recordEvery: 1,
      diagnosticsEvery: 1,
    });
    expect(rd.diagnostics[0].layers[0].activation.dead).toBe(1);
  });
  it('histograms count every value once', () => {
    const h = histogram(Float64Array.of(-5, 0, 0.5, 1, 9), 4, -1, 1);
    expect(h.map((b) => b.count)).toEqual([1, 0, 1, 3]);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(5);
  });
});
