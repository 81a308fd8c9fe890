// Every initializer's (σ_w², σ_b²) as the probe (and so its theory) reads them from a drawn layer,
// against the framework's own formula (scripts/make_registry_variance_reference.py, written from
// Keras', PyTorch's and TF.js' documented rules with SciPy's truncnorm; nothing from initlab).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probe } from '../src/experiments/probe.js';
import { initializers } from '../src/nn/initializers.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/registry_variance.json', import.meta.url), 'utf8'),
) as { width: number; entries: Record<string, { weightVar: number; biasVar: number }> };

describe('each registry entry puts a layer where its formula says', () => {
  it('the reference covers every initializer that draws without data', () => {
    const names = Object.values(initializers)
      .filter((i) => !i.needsData)
      .map((i) => i.name);
    expect(Object.keys(ref.entries).sort()).toEqual(names.sort());
  });
  for (const [name, want] of Object.entries(ref.entries)) {
    it(`${name}: σ_w² = ${want.weightVar.toPrecision(6)}, σ_b² = ${want.biasVar.toPrecision(6)}`, () => {
      const [layer] = probe({
        init: name,
        depth: 1,
        width: ref.width,
        samples: 2,
        seed: 0,
        activation: 'tanh',
      }).layers;
      // 90,000 weights: the mean square's relative spread is ≤ √(2/90000) ≈ 0.5%; 300 biases ≈ 5%
      if (want.weightVar === 0) expect(layer.weightVar).toBe(0);
      else expect(Math.abs(layer.weightVar / want.weightVar - 1)).toBeLessThan(0.03);
      if (want.biasVar === 0) expect(layer.biasVar).toBe(0);
      else expect(Math.abs(layer.biasVar / want.biasVar - 1)).toBeLessThan(0.2);
    });
  }
  it('pytorch-linear refuses --bias-std, which would replace its own biases', () => {
    expect(() =>
      probe({
        init: 'pytorch-linear',
        depth: 1,
        width: 4,
        samples: 2,
        seed: 0,
        activation: 'tanh',
        biasStd: 0.1,
      }),
    ).toThrow(/draws its own biases/);
  });
});
