// Sweeps: seed ranges, the grid, the summary, and the same numbers on any number of workers.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGrid, parseRange, summarize } from '../../src/experiments/sweep.js';
import { cli } from '../helpers.js';

describe('sweep', () => {
  it('parses seed ranges and expands the grid', () => {
    expect(parseRange('1-3,7,5')).toEqual([1, 2, 3, 7, 5]);
    expect(() => parseRange('1-3,7,2')).toThrow(/seed 2 is given twice/);
    expect(() => parseRange('5-1')).toThrow(/backwards/);
    expect(() => parseRange('a')).toThrow(/--seeds must be/);
    expect(expandGrid(['he', 'xavier'], [1, 2], [0.1])).toHaveLength(4);
  });
  it('summarizes with population std, min and max', () => {
    const rows = [0.5, 0.7].map((a, i) => ({
      init: 'he',
      seed: i,
      learningRate: 0.1,
      finalCost: a,
      trainAccuracy: a,
      testAccuracy: a,
      stopReason: 'completed',
    }));
    const [s] = summarize(rows);
    expect(s.testAccuracy).toEqual({ mean: 0.6, std: expect.closeTo(0.1, 12), min: 0.5, max: 0.7 });
  });
  it('gives the same numbers on 1 worker and on 2, and writes its folder', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'initlab-sweep-')), 's');
    const args = [
      'sweep',
      '--inits',
      'he,xavier',
      '--seeds',
      '1-4',
      '--lr',
      '0.05,0.1',
      '--iterations',
      '300',
      '--json',
      '--quiet',
    ];
    const one = JSON.parse(cli([...args, '--workers', '1', '--no-report']).stdout);
    const two = JSON.parse(cli([...args, '--workers', '2', '--out', out]).stdout);
    expect(one.runs).toHaveLength(16);
    expect(two.runs).toEqual(one.runs);
    expect(two.summary).toEqual(one.summary);
    expect(readdirSync(out).sort()).toEqual([
      '.initlab-report.json',
      'distribution.png',
      'distribution.svg',
      'index.html',
      'results.json',
      'sweep.csv',
    ]);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n')).toHaveLength(17);
  });
});
