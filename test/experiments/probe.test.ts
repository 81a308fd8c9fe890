// The depth probe: numpy's layer statistics, the depth behaviour, what it refuses.
import { describe, expect, it } from 'vitest';
import { probe } from '../../src/experiments/probe.js';
import { getKernels } from '../../src/nn/backends.js';
import { cli, extra, maxRelErr } from '../helpers.js';

describe('probe', () => {
  for (const [name, want] of Object.entries<any[]>(extra.probe)) {
    it(`equals numpy: ${name}`, () => {
      const m = /^(\S+) (\S+) seed=(\d+) depth=(\d+) width=(\d+) samples=(\d+)$/.exec(name)!;
      for (const backend of ['ts', 'wasm'] as const) {
        const r = probe(
          { init: m[1], activation: m[2], seed: +m[3], depth: +m[4], width: +m[5], samples: +m[6] },
          getKernels(backend),
        );
        expect(
          maxRelErr(
            r.layers.map((l) => l.std),
            want.map((l) => l.std),
          ),
        ).toBeLessThan(1e-9);
        expect(r.layers.map((l) => l.layer)).toEqual(want.map((l) => l.layer));
      }
    });
  }
  it('shows the depth behaviour the issue names (10 tanh layers of 500, 1,000 samples, seed 0)', () => {
    const run = (args: string[]) =>
      JSON.parse(
        cli([
          'probe',
          '--depth',
          '10',
          '--width',
          '500',
          '--samples',
          '1000',
          '--seed',
          '0',
          '--json',
          ...args,
        ]).stdout,
      ).layers.map((l: any) => l.std);
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
