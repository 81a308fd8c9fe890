// The framework traps as presets, and what the probe shows of them: the σ_w² each draws
// (the frameworks' documented formulas) and the signal it leaves after 20 layers, against
// SciPy's mean-field values (scripts/make_trap_reference.py → test/fixtures/trap_reference.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probe } from '../src/experiments/probe.js';
import { probeTheory } from '../src/experiments/probe-theory.js';
import { cli } from './helpers.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/trap_reference.json', import.meta.url), 'utf8'),
);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const run = (init: string, activation: string, depth: number) =>
  probe({ init, depth, width: 500, activation, samples: 200, seed: 0 });

describe('the traps in the probe', () => {
  for (const c of ref.cases) {
    it(`${c.trap} vs ${c.corrected} on ${c.activation}: σ_w² as documented, and the last layer's std as the theory says`, () => {
      const stds: number[] = [];
      for (const [init, weightVar, std] of [
        [c.trap, c.trapWeightVar, c.trapStd],
        [c.corrected, c.correctedWeightVar, c.correctedStd],
      ]) {
        const r = run(init, c.activation, c.depth);
        // 250,000 draws per layer: their mean square is within ~0.3% of the variance
        for (const l of r.layers)
          expect(rel(l.weightVar, weightVar), `${init} layer ${l.layer} σ_w²`).toBeLessThan(0.015);
        const last = r.layers[r.layers.length - 1];
        const theory = probeTheory(r, c.activation);
        // against the maps from the σ_w² drawn, and SciPy's from the nominal one. SELU damps the
        // finite-width wander of the length (a few percent at width 500); ReLU does not: its log
        // length walks by ~√(5/n) a layer (Hanin & Rolnick 2018), ≈ 0.3 over 20 layers of 500
        // for one example, of which the examples' shared weights leave about half in the mean
        const tolerance = c.activation === 'relu' ? 0.25 : 0.06;
        expect(
          rel(last.std, theory[theory.length - 1].std),
          `${init} measured vs drawn theory`,
        ).toBeLessThan(tolerance);
        expect(
          rel(theory[theory.length - 1].std, std),
          `${init} drawn theory vs SciPy`,
        ).toBeLessThan(0.08);
        stds.push(last.std);
      }
      // the consequence: the trap's signal against the corrected one's, as the theory has it
      expect(rel(stds[0] / stds[1], c.trapStd / c.correctedStd), 'trap / corrected').toBeLessThan(
        c.activation === 'relu' ? 0.35 : 0.1,
      );
    });
  }
  it('the CLI probe takes the presets by name and shows the shrink: pytorch-selu ends near 0.24, lecun-normal near 1', () => {
    const std = (init: string) => {
      const r = cli([
        'probe',
        '--init',
        init,
        '--activation',
        'selu',
        '--depth',
        '20',
        '--width',
        '300',
        '--samples',
        '100',
        '--json',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const layers = JSON.parse(r.stdout).layers;
      return layers[layers.length - 1].std as number;
    };
    const selu = ref.cases.find((c: { trap: string }) => c.trap === 'pytorch-selu');
    expect(rel(std('pytorch-selu'), selu.trapStd)).toBeLessThan(0.15);
    expect(rel(std('lecun-normal'), 1)).toBeLessThan(0.1);
  });
});
