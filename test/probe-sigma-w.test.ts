// probe --sigma-w: every initializer's drawn weights rescaled to σ_w²/fan_in mean square, so the
// probe and the theory beside it run at the σ_w² the user asked for, in that initializer's shape.
// The expected value is the definition itself: fan_in × mean(W²) = σ_w².
import { describe, expect, it } from 'vitest';
import { probe } from '../src/experiments/probe.js';
import { initializers } from '../src/nn/initializers.js';
import { cli } from './helpers.js';

/** Initializers whose own defaults draw every weight 0: no scale gives them a variance. */
const ALL_ZERO = new Set(['zeros']);

describe('probe --sigma-w', () => {
  for (const [name, init] of Object.entries(initializers)) {
    if (init.needsData) continue;
    it(`${name}: every layer at σ_w² = 1.44${ALL_ZERO.has(name) ? ': refused, all 0' : ''}`, () => {
      const run = () =>
        probe({
          init: name,
          depth: 3,
          width: 64,
          activation: 'tanh',
          samples: 8,
          seed: 5,
          sigmaW: 1.2,
        });
      if (ALL_ZERO.has(name)) {
        expect(run).toThrow(/sigma-w.*all 0/);
        return;
      }
      for (const l of run().layers) expect(Math.abs(l.weightVar - 1.44)).toBeLessThan(1e-12);
    });
  }
  it('from the CLI, with the theory at that σ_w², and refusals in one line', () => {
    const r = cli([
      'probe',
      '--init',
      'orthogonal',
      '--sigma-w',
      '1.5',
      '--activation',
      'tanh',
      '--depth',
      '4',
      '--width',
      '100',
      '--samples',
      '50',
      '--theory',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const l of j.layers) expect(Math.abs(l.weightVar - 2.25)).toBeLessThan(1e-12);
    expect(j.theory.length).toBe(4);
    for (const bad of ['-1', 'x', 'Infinity']) {
      const e = cli(['probe', '--sigma-w', bad, '--depth', '2', '--width', '10', '--samples', '4']);
      expect(e.status).toBe(2);
      expect(e.stderr.trim().split('\n')).toHaveLength(1);
      expect(e.stderr).toMatch(/--sigma-w/);
    }
    const z = cli([
      'probe',
      '--init',
      'zeros',
      '--sigma-w',
      '1',
      '--depth',
      '2',
      '--width',
      '10',
      '--samples',
      '4',
    ]);
    expect(z.status).toBe(2);
    expect(z.stderr).toMatch(/all 0/);
  });
});
