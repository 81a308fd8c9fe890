// Ten times the default sizes work, in time linear in the size: wide layers, many examples,
// long sweeps and long seed ranges. Expected values are set by construction (alternating
// 0/1 outcomes have mean 0.5, population std 0.5, min 0, max 1) or by plain loops.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvTable, toCsv } from '../src/data/csv.js';
import { datasetFromSpec } from '../src/data/registry.js';
import { maxOf, minOf } from '../src/extent.js';
import { parseRange, type SweepRow, summarize } from '../src/experiments/sweep.js';
import { formatNumpy } from '../src/format.js';
import { sweepCsv } from '../src/node/sweep-report.js';
import { costCurveSpec, sweepSpec } from '../src/plot/specs.js';
import { sparkline } from '../src/plot/sparkline.js';
import { cli } from './helpers.js';

// The old quadratic paths took 42 s for 60,000 sweep rows (about 17 minutes for 300,000);
// linear ones take about a second here. The bound leaves room for a loaded machine.
const LINEAR_MS = 15_000;

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

/** Sweep rows: three initializers (one a SPEC with a comma), test accuracy alternating 0, 1 within each. */
function sweepRows(count: number): SweepRow[] {
  const inits = ['he', 'xavier', 'random:scale=1,mode=x'];
  return Array.from({ length: count }, (_, i) => ({
    init: inits[i % 3],
    seed: i,
    learningRate: 0.01,
    finalCost: i,
    trainAccuracy: 0.25,
    testAccuracy: Math.floor(i / 3) % 2,
    stopReason: 'done',
  }));
}

/** Every .ts file under a folder of the repository. */
function sources(folder: string): string[] {
  const root = fileURLToPath(new URL(`../${folder}/`, import.meta.url));
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, f));
}

describe('no data-sized spread or apply', { timeout: 60_000 }, () => {
  it('src/ and web/src/ spread no array into Math.max/min or push, and call no .apply', () => {
    // each of these passes every element as a call argument: past ~10⁵ the stack overflows
    const banned = /Math\.(max|min)\([^)]*\.\.\.|\.push\(\s*\.\.\.|\.apply\(/;
    const found: string[] = [];
    for (const path of [...sources('src'), ...sources('web/src')]) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.trimStart().startsWith('//') && banned.test(line))
            found.push(`${path}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('maxOf / minOf take a million values and agree with a loop, NaN and empty included', () => {
    const xs = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i) * i);
    let hi = -Infinity;
    let lo = Infinity;
    for (const x of xs) {
      if (x > hi) hi = x;
      if (x < lo) lo = x;
    }
    expect(maxOf(xs)).toBe(hi);
    expect(minOf(xs)).toBe(lo);
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([1, NaN, 3])).toBeNaN();
    expect(minOf([3, NaN, 1])).toBeNaN();
  });

  it('formats a 1000 × 1000 matrix as numpy prints it (no call-stack overflow)', () => {
    const rows = Array.from({ length: 1000 }, (_, i) =>
      Array.from({ length: 1000 }, (_, j) => (i - j) / 7),
    );
    const text = formatNumpy(rows);
    expect(text.startsWith('[[')).toBe(true);
    expect(text.trimEnd().endsWith(']]')).toBe(true);
  });

  it('draws a sparkline and a cost curve of a million points', () => {
    const costs = Array.from({ length: 1_000_000 }, (_, i) => 1 / (i + 1));
    expect(sparkline(costs)).toHaveLength(40);
    const spec = costCurveSpec(
      [{ label: 'he', points: costs.map((cost, iteration) => ({ iteration, cost })) }],
      'cost',
    );
    expect(spec.marks?.length).toBeGreaterThan(0);
  });

  it('init --layers 2,600,600,1 prints its weights (the call-stack overflow is gone)', () => {
    const r = cli(['init', '--init', 'he', '--layers', '2,600,600,1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('W2');
  });

  it('init --layers 2,600,600,1 --json gives a 600 × 600 W2', () => {
    const r = cli(['init', '--init', 'he', '--layers', '2,600,600,1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const W2 = doc.W2 ?? doc.parameters?.W2;
    expect(W2).toHaveLength(600);
    expect(W2[0]).toHaveLength(600);
  });

  it('train runs a 2,600,600,1 network with its report', () => {
    const r = cli([
      'train',
      '--init',
      'he',
      '--layers',
      '2,600,600,1',
      '--iterations',
      '3',
      '--no-report',
    ]);
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('linear paths at ten times the defaults', { timeout: 60_000 }, () => {
  it('--seeds 0-100000 parses in well under a second, in order; an overlap is refused as quickly', () => {
    const [seeds, ms] = timed(() => parseRange('0-100000'));
    expect(seeds).toHaveLength(100_001);
    expect(seeds[0]).toBe(0);
    expect(seeds[100_000]).toBe(100_000);
    expect(ms).toBeLessThan(LINEAR_MS / 5);
    const [mixed, ms2] = timed(() => parseRange('100001-100003,0-100000'));
    expect(mixed.slice(0, 6)).toEqual([100001, 100002, 100003, 0, 1, 2]);
    expect(mixed).toHaveLength(100_004);
    expect(ms2).toBeLessThan(LINEAR_MS / 5);
    expect(() => parseRange('0-100000,100000-100001')).toThrow(/seed 100000 is given twice/);
  });

  it('summarizes 300,000 sweep rows (past the old ~120,000 overflow) in linear time', () => {
    const rows = sweepRows(300_000);
    const [summary, ms] = timed(() => summarize(rows));
    expect(ms).toBeLessThan(LINEAR_MS);
    expect(summary.map((s) => s.init)).toEqual(['he', 'xavier', 'random:scale=1,mode=x']);
    for (const s of summary) {
      expect(s.runs).toBe(100_000);
      expect(s.testAccuracy).toEqual({ mean: 0.5, std: 0.5, min: 0, max: 1 });
      expect(s.trainAccuracy!.mean).toBe(0.25);
    }
    // finalCost of group g is g, g+3, …: min g, max 299997 + g
    expect(summary[1].finalCost!.min).toBe(1);
    expect(summary[1].finalCost!.max).toBe(299_998);
  });

  it('the sweep figure of 300,000 rows groups its means in one pass', () => {
    const rows = sweepRows(300_000);
    const [spec, ms] = timed(() => sweepSpec(rows, 'sweep'));
    expect(ms).toBeLessThan(LINEAR_MS);
    expect(spec.x?.domain).toEqual(['he', 'xavier', 'random:scale=1,mode=x']);
  });

  it('sweep.csv of 300,000 rows is CSV: a SPEC with a comma stays in one quoted cell', () => {
    const rows = sweepRows(300_000);
    const [text, ms] = timed(() => sweepCsv(rows));
    expect(ms).toBeLessThan(LINEAR_MS);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(300_001);
    expect(lines[0]).toBe('init,seed,learningRate,finalCost,trainAccuracy,testAccuracy,stopReason');
    expect(lines[3]).toBe('"random:scale=1,mode=x",2,0.01,2,0.25,0,done');
  });

  it('3000 examples (ten times the notebook) go through CSV and back unchanged', () => {
    const d = datasetFromSpec('circles:n=3000,noise=0.1');
    const back = parseCsv(toCsv(d));
    expect(back.X.data).toEqual(d.X.data);
    expect(back.Y.data).toEqual(d.Y.data);
  });

  it('a CSV of 200,000 examples is read in linear time', () => {
    const lines = ['x1,x2,label'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i / 7},${-i},${i % 2}`);
    const [t, ms] = timed(() => readCsvTable(lines.join('\n'), 'big.csv'));
    expect(t.X.cols).toBe(200_000);
    expect(t.X.get(0, 199_999)).toBe(199_999 / 7);
    expect(t.Y!.data[199_999]).toBe(1);
    expect(ms).toBeLessThan(LINEAR_MS);
  });

  it('data prints 3000 generated examples as JSON', () => {
    const r = cli(['data', '--dataset', 'moons:n=3001', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.X[0]).toHaveLength(3001);
  });
});
