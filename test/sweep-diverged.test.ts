// A sweep group in which some runs diverged is summarised over the runs that did not, and says
// how many diverged; a group whose every run diverged has no statistics (never "NaN ± NaN"),
// in the text, the JSON, the CSV rows and the report.
// Fixture: /usr/bin/python3 scripts/make_sweep_diverged_fixture.py > test/fixtures/sweep_diverged.json
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SweepRow, summarize } from '../src/experiments/sweep.js';
import { cli } from './helpers.js';

interface Group {
  init: string;
  diverged: boolean[];
  finalCost: (number | null)[];
  trainAccuracy: number[];
  testAccuracy: number[];
  expect: Record<
    'finalCost' | 'trainAccuracy' | 'testAccuracy',
    { mean: number; std: number; min: number; max: number }
  > | null;
}
const fixture: { groups: Group[] } = JSON.parse(
  readFileSync(new URL('./fixtures/sweep_diverged.json', import.meta.url), 'utf8'),
);

describe('sweep summary over the runs that did not diverge', () => {
  const rows: SweepRow[] = fixture.groups.flatMap((g) =>
    g.diverged.map((d, i) => ({
      init: g.init,
      seed: i,
      learningRate: 0.01,
      finalCost: g.finalCost[i] ?? NaN,
      trainAccuracy: g.trainAccuracy[i],
      testAccuracy: g.testAccuracy[i],
      stopReason: d ? 'diverged' : 'completed',
    })),
  );
  const summary = summarize(rows);

  for (const [k, g] of fixture.groups.entries()) {
    it(`${g.init}: ${g.diverged.filter(Boolean).length} of ${g.diverged.length} diverged: numpy's mean, std, min and max of the others`, () => {
      const s = summary[k];
      expect(s.init).toBe(g.init);
      expect(s.runs).toBe(g.diverged.length);
      expect(s.diverged).toBe(g.diverged.filter(Boolean).length);
      expect(s.summarized).toBe(s.runs - s.diverged);
      if (g.expect === null) {
        expect([s.finalCost, s.trainAccuracy, s.testAccuracy]).toEqual([null, null, null]);
        return;
      }
      expect(s.finalCost).toEqual(g.expect.finalCost);
      expect(s.trainAccuracy).toEqual(g.expect.trainAccuracy);
      expect(s.testAccuracy).toEqual(g.expect.testAccuracy);
    });
  }
});

describe('a sweep with diverging runs from the command line', { timeout: 60_000 }, () => {
  // random ×1e101 on the notebook's net: 9 of seeds 1-12 overflow within 20 iterations; ×1e102 all 12
  const args = (scale: string) => [
    'sweep',
    '--inits',
    'random',
    '--scale',
    scale,
    '--seeds',
    '1-12',
    '--iterations',
    '20',
    '--quiet',
  ];

  it('text: the count of diverged runs and the statistics of the others, never NaN', () => {
    const r = cli([...args('1e101'), '--no-report']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /random:scale=1e\+101 \(lr 0\.01\), 12 runs, 9 diverged \(statistics over the other 3\)\n {2}final cost {6}\S+ ± /,
    );
    expect(r.stdout).not.toMatch(/NaN/);
  });

  it('text, JSON and report when every run diverged: no statistics', () => {
    const r = cli([...args('1e102'), '--no-report']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'random:scale=1e+102 (lr 0.01), 12 runs, all diverged (no statistics)\n',
    );
    expect(r.stdout).not.toMatch(/NaN|final cost/);
    const j = JSON.parse(cli([...args('1e102'), '--no-report', '--json']).stdout);
    expect(j.summary[0]).toMatchObject({
      runs: 12,
      diverged: 12,
      summarized: 0,
      finalCost: null,
      trainAccuracy: null,
      testAccuracy: null,
    });
    const out = join(mkdtempSync(join(tmpdir(), 'initlab-sweep-diverged-')), 'sweep');
    expect(cli([...args('1e102'), '--out', out]).status).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('all diverged');
    expect(html).not.toMatch(/NaN/);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(13);
    expect(csv.slice(1).every((line) => line.endsWith(',diverged'))).toBe(true);
  });

  it('JSON: the spreads of the 3 runs that did not diverge', () => {
    const j = JSON.parse(cli([...args('1e101'), '--no-report', '--json']).stdout);
    const kept = j.runs.filter((r: SweepRow) => r.stopReason !== 'diverged');
    expect(kept).toHaveLength(3);
    expect(j.summary[0]).toMatchObject({ runs: 12, diverged: 9, summarized: 3 });
    expect(j.summary[0].finalCost.min).toBe(Math.min(...kept.map((r: SweepRow) => r.finalCost)));
    expect(j.summary[0].finalCost.max).toBe(Math.max(...kept.map((r: SweepRow) => r.finalCost)));
  });
});
