// The orthogonal QR with its block updates shared between threads (src/node/orthogonal-threads.ts)
// gives the one-thread draw bit for bit, whatever the shape, the convention and the number of
// threads; and that draw still equals numpy's (the fixture of test/orthogonal.test.ts checks
// small layers; here the large ones that are shared out). Runs on the built helpers in dist/.
import { afterAll, describe, expect, it } from 'vitest';
import { createOrthogonalThreads } from '../dist/node/orthogonal-threads.js';
import { orthogonalWeights, shareOrthogonalWork } from '../dist/nn/orthogonal.js';
import { RandomState } from '../src/rng/random-state.js';

const two = createOrthogonalThreads(2);
const three = createOrthogonalThreads(3);
afterAll(() => {
  two.close();
  three.close();
  shareOrthogonalWork(null);
});

/** The first index where a and b differ, or -1. */
const firstDifference = (a: Float64Array, b: Float64Array): number =>
  a.length !== b.length ? 0 : a.findIndex((x, i) => !Object.is(x, b[i]));

describe('orthogonal draws on more threads', () => {
  // shapes past the size from which rows are shared: square, tall, wide; odd row counts so a
  // share ends on an unpaired row; sizes that are not a whole number of 32-reflector panels
  const shapes: [number, number][] = [
    [420, 420],
    [433, 421],
    [407, 611],
    [640, 419],
  ];
  for (const [fanOut, fanIn] of shapes)
    for (const convention of ['keras', 'pytorch'] as const)
      it(`${fanOut} × ${fanIn}, ${convention}: the one-thread draw bit for bit, on 2 and 3 threads`, () => {
        const draws = new RandomState(fanOut + fanIn).randn(fanOut * fanIn);
        const one = orthogonalWeights(draws, fanOut, fanIn, 1.5, convention, { threads: null });
        expect(two.ready()).toBe(2);
        const onTwo = orthogonalWeights(draws, fanOut, fanIn, 1.5, convention, { threads: two });
        const onThree = orthogonalWeights(draws, fanOut, fanIn, 1.5, convention, {
          threads: three,
        });
        expect(firstDifference(one, onTwo)).toBe(-1);
        expect(firstDifference(one, onThree)).toBe(-1);
      });

  it('the threads set for the process are used by default, and the draw is orthonormal', () => {
    const n = 450;
    const draws = new RandomState(5).randn(n * n);
    let shared = 0; // helper jobs started: the default must reach the helpers
    shareOrthogonalWork({
      module: two.module,
      memory: (pages) => two.memory(pages),
      ready: () => two.ready(),
      start: (t, memory, args) => (shared++, two.start(t, memory, args)),
      wait: () => two.wait(),
    });
    const W = orthogonalWeights(draws, n, n, 1, 'keras');
    shareOrthogonalWork(null);
    expect(shared).toBeGreaterThan(2 * Math.ceil(n / 32) - 2);
    expect(firstDifference(W, orthogonalWeights(draws, n, n, 1, 'keras'))).toBe(-1);
    let worst = 0;
    for (let a = 0; a < n; a += 7)
      for (let b = a; b < n; b += 5) {
        let s = 0;
        for (let k = 0; k < n; k++) s += W[a * n + k] * W[b * n + k];
        worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
      }
    expect(worst).toBeLessThan(1e-12);
  });

  it('helpers start only for a draw that repays their start, and then serve smaller ones', () => {
    const fresh = createOrthogonalThreads(2);
    try {
      const draw = (n: number) =>
        orthogonalWeights(new RandomState(n).randn(n * n), n, n, 1, 'keras', { threads: fresh });
      draw(450);
      expect(fresh.ready(false)).toBe(1);
      draw(820);
      expect(fresh.ready(false)).toBe(2);
    } finally {
      fresh.close();
    }
  });

  it('a stop asked during a shared draw still stops it', () => {
    let asks = 0;
    expect(() =>
      orthogonalWeights(new RandomState(1).randn(500 * 500), 500, 500, 1, 'keras', {
        threads: two,
        shouldStop: () => ++asks > 3,
      }),
    ).toThrow(/orthogonal/);
  });
});
