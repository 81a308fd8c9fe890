// The probe's measurements for the theory (σ_w², σ_b², q, c, length ratios, backward pass,
// Jacobian spectrum) against numpy replaying the same draws
// (scripts/make_probe_measures_reference.py), and the predictions beside them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probe } from '../src/experiments/probe.js';
import { probeTheory } from '../src/experiments/probe-theory.js';
import { getKernels } from '../src/nn/backends.js';
import { cli } from './helpers.js';

const ref = JSON.parse(
  readFileSync(new URL('./fixtures/probe_measures_reference.json', import.meta.url), 'utf8'),
);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

describe('probe measurements = numpy', () => {
  for (const c of ref.cases) {
    for (const backend of ['ts', 'wasm'] as const) {
      it(`seed ${c.seed}, ${c.depth} layers of ${c.width}, bias std ${c.biasStd}, c0 ${c.c0} (${backend})`, () => {
        const r = probe(
          {
            init: 'he',
            depth: c.depth,
            width: c.width,
            activation: 'relu',
            samples: c.samples,
            seed: c.seed,
            biasStd: c.biasStd,
            c0: c.c0,
            backward: true,
            jacobian: true,
          },
          getKernels(backend),
        );
        expect(r.stopReason).toBe('completed');
        r.layers.forEach((l, i) => {
          const e = c.layers[i];
          for (const k of ['mean', 'std', 'weightVar', 'q', 'c', 'backprop', 'weightGrad'] as const)
            expect(rel(l[k] as number, e[k]), `layer ${l.layer} ${k}`).toBeLessThan(1e-9);
          expect(Math.abs(l.biasVar - e.biasVar), `layer ${l.layer} biasVar`).toBeLessThan(1e-12);
          expect(rel(l.lengthRatio.mean, e.lengthRatio.mean)).toBeLessThan(1e-9);
          expect(rel(l.lengthRatio.std, e.lengthRatio.std)).toBeLessThan(1e-7);
        });
        for (const k of ['mean', 'std', 'max', 'squaredMean', 'squaredVariance'] as const)
          expect(rel(r.jacobian![k], c.jacobian[k]), `jacobian ${k}`).toBeLessThan(1e-8);
      });
    }
  }
  it("without the new options the draws and numbers are the probe's as before (no bias draws)", () => {
    const a = probe({ init: 'he', depth: 3, width: 30, activation: 'relu', samples: 10, seed: 4 });
    const b = probe({
      init: 'he',
      depth: 3,
      width: 30,
      activation: 'relu',
      samples: 10,
      seed: 4,
      biasStd: 0,
      backward: true,
    });
    expect(b.layers.map((l) => l.std)).toEqual(a.layers.map((l) => l.std));
    expect(a.layers.every((l) => l.biasVar === 0)).toBe(true);
  });
});

describe('the theory beside the probe', () => {
  it('tanh at σ_w² ≈ 1, σ_b² ≈ 0.05, width 400: measured std, q and c within a few percent of the maps', () => {
    const r = probe({
      init: 'xavier',
      depth: 8,
      width: 400,
      activation: 'tanh',
      samples: 200,
      seed: 1,
      biasStd: Math.sqrt(0.05),
      c0: 0.5,
    });
    const t = probeTheory(r, 'tanh');
    r.layers.forEach((l, i) => {
      expect(rel(l.std, t[i].std), `layer ${l.layer} std`).toBeLessThan(0.05);
      expect(rel(l.q, t[i].q), `layer ${l.layer} q`).toBeLessThan(0.08);
      // one pair in one network: c moves by ~1/√400 a layer, and the moves add up
      expect(Math.abs(l.c! - t[i].c!), `layer ${l.layer} c`).toBeLessThan(0.15);
    });
  });
  it('the CLI: --theory --backward --json carries both; a bad --c0 or --bias-std is one line', () => {
    const net = 'probe --init he --activation relu --width 50 --samples 20 --depth 3'.split(' ');
    const r = cli([...net, '--theory', '--backward', '--c0', '0.3', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.layers).toHaveLength(3);
    expect(j.theory).toHaveLength(3);
    expect(typeof j.layers[0].backprop).toBe('number');
    expect(j.input.c).toBeCloseTo(0.3, 12);
    for (const args of [
      ['--c0', '2'],
      ['--bias-std', '-1'],
      ['--bias-std', 'x'],
    ]) {
      const bad = cli(['probe', '--width', '10', '--samples', '4', ...args]);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
