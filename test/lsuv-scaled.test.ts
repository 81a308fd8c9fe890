// LSUV rescales each layer by the true spread of its outputs, at any magnitude of the batch:
// a batch of ~1e198s (output variance ~1e397, beyond float64) once zeroed W1, and one of
// ~1e-199s (variance underflowing to 0) left it unscaled. Expected weights: numpy,
// test/fixtures/lsuv_scaled.json (scripts/make_lsuv_scaled_fixture.py).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const fixture: { layers: number[]; cases: { k: number; X: number[][]; W: number[][][] }[] } =
  JSON.parse(readFileSync(new URL('./fixtures/lsuv_scaled.json', import.meta.url), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'initlab-lsuv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('init --init lsuv on batches of extreme magnitude, against numpy', () => {
  for (const c of fixture.cases) {
    it(`batch × 2^${c.k}`, () => {
      const file = join(dir, `batch${c.k}.csv`);
      const m = c.X[0].length;
      // every number printed by String() reads back to the same float64
      const lines = Array.from(
        { length: m },
        (_, j) => `${String(c.X[0][j])},${String(c.X[1][j])},${j % 2}`,
      );
      writeFileSync(file, `x1,x2,label\n${lines.join('\n')}\n`);
      const r = cli([
        'init',
        '--init',
        'lsuv',
        '--layers',
        fixture.layers.join(','),
        '--data',
        file,
        '--json',
      ]);
      expect(r.stderr).toBe('');
      const got = JSON.parse(r.stdout);
      c.W.forEach((W, l) => {
        const G: number[][] = got[`W${l + 1}`];
        W.forEach((row, i) =>
          row.forEach((want, j) => {
            // the QR behind the orthogonal start differs from LAPACK's in the last bits
            expect(Math.abs(G[i][j] - want), `W${l + 1}[${i}][${j}]`).toBeLessThanOrEqual(
              1e-10 * Math.abs(want) + 1e-12 * Math.max(...row.map(Math.abs)),
            );
          }),
        );
      });
    });
  }
});
