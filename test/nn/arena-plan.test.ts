// One arena per run, sized by the layout that fills it.
import { describe, expect, it } from 'vitest';
import { Matrix } from '../../src/linalg/matrix.js';
import { allocateInOneArena } from '../../src/nn/arena-plan.js';
import { tsKernels, type Kernels } from '../../src/nn/kernels.js';
import { getKernels } from '../../src/nn/backends.js';
import { initializeNetwork } from '../../src/nn/network.js';
import { initializers } from '../../src/nn/initializers.js';
import { stage } from '../../src/nn/stage.js';
import { Workspace } from '../../src/nn/workspace.js';

/** tsKernels whose arenas remember their size and refuse to hand out more than it. */
function strictKernels(sizes: number[]): Kernels {
  return {
    ...tsKernels,
    arena(floats) {
      sizes.push(floats);
      let left = floats;
      return (n) => {
        if (n > left) throw new Error(`arena of ${floats} asked for ${n} more with ${left} left`);
        left -= n;
        return new Float64Array(n);
      };
    },
  };
}

/** What an arena holds for arrays of these lengths: each rounded up to whole 16-byte blocks (two floats), the wasm arena's alignment. */
const blocks = (lengths: number[]) => lengths.reduce((s, n) => s + n + (n % 2), 0);

/** The lengths a layout asks for, in order. */
function lengthsOf(layout: (alloc: (n: number) => Float64Array) => unknown): number[] {
  const asked: number[] = [];
  layout((n) => {
    asked.push(n);
    return new Float64Array(n);
  });
  return asked;
}

describe('allocateInOneArena', () => {
  it('asks once for the floats the layout takes, each array rounded up to whole 16-byte blocks', () => {
    const sizes: number[] = [];
    const out = allocateInOneArena(strictKernels(sizes), (alloc) => [alloc(3), alloc(0), alloc(7)]);
    expect(sizes).toEqual([4 + 0 + 8]);
    expect(out.map((a) => a.length)).toEqual([3, 0, 7]);
  });
  it('a workspace takes Workspace.floats', () => {
    const sizes: number[] = [];
    allocateInOneArena(strictKernels(sizes), (alloc) => new Workspace([3, 5, 2, 1], 11, alloc));
    const lengths = lengthsOf((alloc) => new Workspace([3, 5, 2, 1], 11, alloc));
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(Workspace.floats([3, 5, 2, 1], 11));
    expect(sizes).toEqual([blocks(lengths)]);
  });
  it('stage: the copies hold the values, and what `more` lays out shares the arena', () => {
    const sizes: number[] = [];
    const net = initializeNetwork([2, 4, 1], initializers.he, { seed: 5 });
    const X = Matrix.fromRows([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const Y = Matrix.fromRows([[0, 1, 1]]);
    const s = stage(net, X, Y, strictKernels(sizes), (alloc) => alloc(13));
    const ws = lengthsOf((alloc) => new Workspace([2, 4, 1], 3, alloc));
    expect(sizes).toEqual([blocks([4 * 2, 4, 1 * 4, 1]) + blocks(ws) + blocks([6, 3, 13])]);
    expect(Array.from(s.X.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(s.Y!.data)).toEqual([0, 1, 1]);
    expect(s.extra).toHaveLength(13);
    s.net.W[0].data.fill(0.5);
    s.copyBack();
    expect(Array.from(net.W[0].data)).toEqual(new Array(8).fill(0.5));
  });
  it('the wasm backend accepts a layout it sized itself', () => {
    const k = getKernels('wasm');
    const w = allocateInOneArena(k, (alloc) => new Workspace([2, 64, 1], 1000, alloc));
    expect(w.Z[0]).toHaveLength(64 * 1000);
  });
});
