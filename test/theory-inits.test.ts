// theory --phase-diagram --inits: any registry entry, with only its own defaults or with its
// parameters, is placed (or listed as unplaced, with why) from every command line.
import { describe, expect, it } from 'vitest';
import { initializers } from '../src/nn/initializers.js';
import { cli } from './helpers.js';

const diagram = (inits: string) => {
  const r = cli(['theory', '--phase-diagram', '--grid', '3,2', '--inits', inits, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as {
    initializers: { names: string[]; weightVar: number; biasVar: number }[];
    unplaced: { name: string; reason: string }[];
  };
};

describe('theory --phase-diagram --inits', () => {
  it('every registry entry with its own defaults: placed or unplaced with a reason, never both', () => {
    for (const name of Object.keys(initializers)) {
      const d = diagram(name);
      const placed = d.initializers.filter((p) => p.names.includes(name));
      const unplaced = d.unplaced.filter((u) => u.name === name);
      expect(placed.length + unplaced.length, name).toBe(1);
      if (unplaced.length) expect(unplaced[0].reason.length).toBeGreaterThan(20);
    }
  });
  it("parameters count: orthogonal's gain², variance-scaling's scale on a square layer, he's 2", () => {
    const d = diagram('he,orthogonal:gain=1.2,variance-scaling:scale=3,mode=fan_avg');
    const at = (n: string) => d.initializers.find((p) => p.names.includes(n))!;
    expect(at('he').weightVar).toBe(2);
    expect(Math.abs(at('orthogonal:gain=1.2').weightVar - 1.44)).toBeLessThan(1e-12);
    expect(Math.abs(at('variance-scaling:scale=3,mode=fan_avg').weightVar - 3)).toBeLessThan(1e-12);
  });
  it("the text output names the entries it did not place, with why, as --json's unplaced", () => {
    const r = cli(['theory', '--phase-diagram', '--grid', '3,2', '--inits', 'he,ones,lsuv']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/not placed:\n {2}ones: .*mean 1/);
    expect(r.stdout).toMatch(/ {2}lsuv: .*data/);
  });
  it('refusals in one line: an unknown name, --inits without --phase-diagram', () => {
    for (const args of [
      ['theory', '--phase-diagram', '--inits', 'nope'],
      ['theory', '--inits', 'he'],
    ]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
