// Orthogonal initialization against numpy implementations of Keras' and PyTorch's recipes
// (scripts/orthogonal_reference.py), both conventions, every layer shape; the stop hook.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveInitializer } from '../src/nn/initializers.js';
import { initializeNetwork } from '../src/nn/network.js';
import {
  OrthogonalInterrupted,
  orthogonalWeights,
  orthonormalColumns,
} from '../src/nn/orthogonal.js';
import { RandomState } from '../src/rng/random-state.js';
import { UsageError } from '../src/errors.js';
import { cli } from './helpers.js';

interface Case {
  convention: 'keras' | 'pytorch';
  layers: number[];
  seed: number;
  gain: number;
  weights: Record<string, number[][]>;
}
const fixture: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/orthogonal_reference.json', import.meta.url), 'utf8'),
);

/** Largest absolute difference between W (row-major) and a nested array of the same shape. */
function maxAbsDiff(W: Float64Array, expected: number[][]): number {
  const flat = expected.flat();
  if (flat.length !== W.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < W.length; i++) worst = Math.max(worst, Math.abs(W[i] - flat[i]));
  return worst;
}

const specOf = (c: Case) =>
  `orthogonal:convention=${c.convention}${c.gain !== 1 ? `,gain=${c.gain}` : ''}`;

describe('orthogonal conventions', () => {
  for (const c of fixture.cases) {
    it(`${c.convention}: layers ${c.layers.join(',')} seed ${c.seed} gain ${c.gain} equals numpy to 1e-12`, () => {
      const { init, opts } = resolveInitializer(specOf(c));
      const net = initializeNetwork(c.layers, init, { params: opts, seed: c.seed });
      net.W.forEach((w, l) =>
        expect(maxAbsDiff(w.data, c.weights[`W${l + 1}`])).toBeLessThan(1e-12),
      );
    });
    it(`${c.convention}: layers ${c.layers.join(',')} seed ${c.seed}: the TypeScript loops too`, () => {
      const rs = new RandomState(c.seed);
      for (let l = 1; l < c.layers.length; l++) {
        const [fanIn, fanOut] = [c.layers[l - 1], c.layers[l]];
        const w = orthogonalWeights(rs.randn(fanOut * fanIn), fanOut, fanIn, c.gain, c.convention, {
          engine: 'ts',
        });
        expect(maxAbsDiff(w, c.weights[`W${l}`])).toBeLessThan(1e-12);
      }
    });
  }

  it('the default is keras, and it differs from pytorch on square layers only by a transpose', () => {
    const d = resolveInitializer('orthogonal');
    expect(d.opts.convention).toBe('keras');
    const keras = d.init.weights(new RandomState(4), 7, 7, d.opts);
    const p = resolveInitializer('orthogonal:convention=pytorch');
    const torch = p.init.weights(new RandomState(4), 7, 7, p.opts);
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 7; j++) expect(keras[i * 7 + j]).toBe(torch[j * 7 + i]);
  });

  it('the two agree on layers with more outputs than inputs, and differ on wider ones', () => {
    const draw = (convention: string, fanOut: number, fanIn: number) => {
      const r = resolveInitializer(`orthogonal:convention=${convention}`);
      return Array.from(r.init.weights(new RandomState(8), fanOut, fanIn, r.opts));
    };
    expect(draw('keras', 9, 4)).toEqual(draw('pytorch', 9, 4));
    expect(draw('keras', 4, 9)).not.toEqual(draw('pytorch', 4, 9));
  });

  it('refuses an unknown convention in one line', () => {
    expect(() => resolveInitializer('orthogonal:convention=tf')).toThrow(UsageError);
    expect(() => resolveInitializer('orthogonal:convention=tf')).toThrow(
      /convention must be one of keras, pytorch/,
    );
  });

  it('the CLI draws each convention (init --json)', () => {
    for (const c of fixture.cases.filter((x) => x.layers.join() === '3,5,4,4,2')) {
      const r = cli([
        'init',
        '--init',
        specOf(c),
        '--layers',
        c.layers.join(','),
        '--seed',
        String(c.seed),
        '--json',
      ]);
      expect(r.status, r.stderr).toBe(0);
      const dict = JSON.parse(r.stdout) as Record<string, number[][]>;
      for (let l = 1; l < c.layers.length; l++)
        expect(
          maxAbsDiff(Float64Array.from(dict[`W${l}`].flat()), c.weights[`W${l}`]),
        ).toBeLessThan(1e-12);
    }
  });
});

describe('orthogonal QR', () => {
  it('columns are orthonormal to 1e-12 across panel boundaries (130 × 97), both engines agreeing', () => {
    const rows = 130,
      cols = 97;
    const A = new RandomState(9).randn(rows * cols);
    const Q = orthonormalColumns(A, rows, cols);
    const Qts = orthonormalColumns(A, rows, cols, { engine: 'ts' });
    expect(Math.max(...Q.map((q, i) => Math.abs(q - Qts[i])))).toBeLessThan(1e-13);
    let worst = 0;
    for (let a = 0; a < cols; a++) {
      for (let b = a; b < cols; b++) {
        let s = 0;
        for (let k = 0; k < rows; k++) s += Q[k * cols + a] * Q[k * cols + b];
        worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('a zero column gives a zero column (numpy: sign(0) = 0)', () => {
    const A = Float64Array.from([0, 1, 0, 2, 0, 3]); // 3 × 2, first column zero
    const Q = orthonormalColumns(A, 3, 2);
    expect([Q[0], Q[2], Q[4]].map(Math.abs)).toEqual([0, 0, 0]);
  });

  it('initializeNetwork passes its shouldStop to the draw', () => {
    const { init, opts } = resolveInitializer('orthogonal');
    expect(() =>
      initializeNetwork([2, 300, 300, 1], init, { params: opts, seed: 1, shouldStop: () => true }),
    ).toThrow(OrthogonalInterrupted);
  });

  for (const engine of ['wasm', 'ts'] as const) {
    it(`${engine}: asks shouldStop between Householder steps and stops when it answers true`, () => {
      let asked = 0;
      const draws = new RandomState(1).randn(200 * 200);
      expect(() =>
        orthogonalWeights(draws, 200, 200, 1, 'keras', { engine, shouldStop: () => ++asked > 5 }),
      ).toThrow(OrthogonalInterrupted);
      expect(asked).toBe(6);
      // answering false all along changes nothing
      let calls = 0;
      const w = orthogonalWeights(draws, 200, 200, 1, 'keras', {
        engine,
        shouldStop: () => (calls++, false),
      });
      expect(calls).toBeGreaterThan(10);
      expect(Array.from(w)).toEqual(
        Array.from(orthogonalWeights(draws, 200, 200, 1, 'keras', { engine })),
      );
    });
  }

  it("a 2,4000,4000,1 network's 4000 × 4000 layer is asked often and stops at once", () => {
    const draws = new RandomState(2).randn(4000 * 4000);
    const asks: number[] = [];
    let stopped = 0;
    expect(() =>
      orthogonalWeights(draws, 4000, 4000, 1, 'keras', {
        shouldStop: () => {
          asks.push(performance.now());
          return asks[asks.length - 1] - asks[0] > 600; // a Ctrl-C 0.6 s into the factorization
        },
      }),
    ).toThrow(OrthogonalInterrupted);
    stopped = performance.now();
    const gaps = asks.slice(1).map((t, i) => t - asks[i]);
    expect(asks.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(250); // a few ms each when the machine is idle
    expect(stopped - asks[asks.length - 1]).toBeLessThan(50); // nothing heavy after the answer
  });
});
