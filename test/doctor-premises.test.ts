// The run doctor's advice holds only where its premise does: each case below is one the doctor
// used to get wrong (a fix that made the run worse, a premise false for the activation, a
// symmetry that a one-unit layer never had). The expected words follow from the run's setup:
// the notebook's ×10 start has a first cost of ~1774 (saturated), sigmoid's φ′ is at most 1/4
// (σ_w² = 16 keeps σ_w² E[φ′²] near 1 at small q; Glorot & Bengio 2010), and a layer of one
// unit has no other unit to be a copy of.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const doctorLines = (args: string[]) =>
  cli(['train', '--no-report', ...args])
    .stdout.split('\n')
    .filter((l) => l.startsWith('doctor:'));

describe("the doctor's advice follows the run's actual state", () => {
  it('units killed by an oversized start: the fix is the scale, not a smaller learning rate', () => {
    const lines = doctorLines(['--init', 'random', '--iterations', '3000']);
    const dead = lines.find((l) => l.includes('dead ReLUs'));
    expect(dead).toBeDefined();
    expect(dead).toMatch(/Fix: start from a smaller scale \(--init he for relu\)/);
    expect(dead).not.toMatch(/lower the learning rate/);
  }, 60_000);

  it("sigmoid under xavier: not 'already keeps σ_w² E[φ′²] near 1'; the sigmoid variance is named", () => {
    const lines = doctorLines([
      '--init',
      'xavier',
      '--activation',
      'sigmoid',
      '--iterations',
      '3000',
      '--layers',
      '2,10,10,10,10,10,10,10,10,1',
    ]);
    const vanishing = lines.find((l) => l.includes('vanishing gradients'));
    expect(vanishing).toBeDefined();
    expect(vanishing).not.toMatch(/already keeps/);
    expect(vanishing).toMatch(/--init variance-scaling:scale=16 \(σ_w² = 1\/φ′\(0\)² = 16\)/);
  }, 60_000);

  it('a net whose hidden layers are one unit wide never had a symmetry to break', () => {
    for (const init of ['he', 'zeros']) {
      const lines = doctorLines(['--init', init, '--layers', '2,1,1', '--iterations', '3000']);
      expect(lines.join('\n'), init).not.toMatch(/symmetry never broken/);
    }
    // and a wider layer of copies still is named
    const copies = doctorLines(['--init', 'zeros', '--layers', '2,1,3,1', '--iterations', '300']);
    expect(copies.join('\n')).toMatch(/symmetry never broken/);
  }, 60_000);
});
