// `initlab probe --out DIR`: the figure of the measured network beside the theory's curves,
// and the predicted back-propagated gradient against the measured one and He et al.'s formula.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probe } from '../src/experiments/probe.js';
import { probeTheory } from '../src/experiments/probe-theory.js';
import { probeTheorySpecs } from '../src/plot/probe-theory-spec.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-probe-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('the theory of the backward pass', () => {
  it('He ReLU: every layer keeps E[δ²] = E[φ′²] = 1/2 (He et al. 2015: σ_w² · 1/2 = 1 per layer)', () => {
    const r = probe({
      init: 'he',
      depth: 6,
      width: 200,
      activation: 'relu',
      samples: 50,
      seed: 2,
      backward: true,
    });
    // from the drawn σ_w² (≈ 2): the product of σ_w²/2 over the layers above
    const t = probeTheory(r, 'relu');
    let square = 0.5;
    for (let i = t.length - 1; i >= 0; i--) {
      if (i < t.length - 1) square *= r.layers[i + 1].weightVar / 2;
      expect(rel(t[i].backprop, Math.sqrt(square)), `layer ${i + 1}`).toBeLessThan(1e-9);
    }
  });
  it('tanh, width 400, ordered and chaotic: the measured RMS within 6% of the prediction at every layer', () => {
    for (const [init, scale] of [
      ['xavier', undefined],
      ['random', 0.1],
    ] as const) {
      const r = probe({
        init,
        scale,
        depth: 10,
        width: 400,
        activation: 'tanh',
        samples: 100,
        seed: 5,
        biasStd: 0.2,
        backward: true,
      });
      const t = probeTheory(r, 'tanh');
      r.layers.forEach((l, i) =>
        expect(rel(l.backprop!, t[i].backprop), `${init} layer ${l.layer}`).toBeLessThan(0.06),
      );
    }
  });
});

describe('the figure', () => {
  it('one panel per measured quantity: q always, c with two samples, the gradient with --backward', () => {
    const one = probe({ init: 'he', depth: 3, width: 30, activation: 'relu', samples: 1, seed: 0 });
    expect(probeTheorySpecs(one, probeTheory(one, 'relu'))).toHaveLength(1);
    const all = probe({
      init: 'he',
      depth: 3,
      width: 30,
      activation: 'relu',
      samples: 4,
      seed: 0,
      backward: true,
    });
    expect(probeTheorySpecs(all, probeTheory(all, 'relu'))).toHaveLength(3);
  });
  it('probe --out writes the report folder with its marker; results.json carries the theory', () => {
    const out = join(dir, 'rep');
    const net = 'probe --init xavier --activation tanh --width 40 --samples 8 --depth 4'.split(' ');
    const r = cli([...net, '--bias-std', '0.1', '--c0', '0.4', '--backward', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    for (const f of [
      'probe-theory.svg',
      'probe-theory.png',
      'results.json',
      'index.html',
      '.initlab-report.json',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    const j = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(j.theory).toHaveLength(4);
    expect(typeof j.theory[0].backprop).toBe('number');
    expect(readFileSync(join(out, 'probe-theory.svg'), 'utf8')).toContain(
      'correlation of two inputs',
    );
  });
  it('a folder that is not a report is refused before the run, with one line (exit 1, as for train)', () => {
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep');
    const r = cli(['probe', '--width', '10', '--samples', '4', '--out', mine]);
    expect(r.status).toBe(cli(['train', '--out', mine]).status);
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep');
  });
});
