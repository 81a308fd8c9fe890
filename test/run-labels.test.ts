// Every title and label names the parameters a run actually used: `random` under --scale 3 is
// "random:scale=3", never the notebook's "large random" (which is random's own ×10), in the
// text, the table, JSON, the report and the sweep summary.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInitializer } from '../src/nn/initializers.js';
import { cli } from './helpers.js';

const quick = ['--iterations', '5', '--quiet'];

describe('labels name the parameters drawn with', { timeout: 60_000 }, () => {
  it('resolveInitializer: --scale shows in the label only where it changed the draws', () => {
    expect(resolveInitializer('random').label).toBe('random');
    expect(resolveInitializer('random', { scale: 3 }).label).toBe('random:scale=3');
    expect(resolveInitializer('random', { scale: 10 }).label).toBe('random'); // random's own default
    expect(resolveInitializer('random:scale=2', { scale: 3 }).label).toBe('random:scale=2');
    expect(resolveInitializer('he', { scale: 3 }).label).toBe('he');
  });

  it('compare --inits random,he --scale 3: text, table and JSON', () => {
    const r = cli(['compare', '--inits', 'random,he', '--scale', '3', '--no-report', ...quick]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('== random:scale=3 initialization (seed 3');
    expect(r.stdout).toMatch(/3-layer NN with random:scale=3 initialization /);
    expect(r.stdout).not.toContain('large random');
    const doc = JSON.parse(
      cli(['compare', '--inits', 'random,he', '--scale', '3', '--no-report', '--json', ...quick])
        .stdout,
    );
    expect(doc.runs.map((x: { init: string }) => x.init)).toEqual(['random:scale=3', 'he']);
  });

  it('the default scale keeps the notebook\'s "large random" title', () => {
    const r = cli(['compare', '--inits', 'random', '--no-report', ...quick]);
    expect(r.stdout).toContain('== large random initialization (seed 3');
  });

  it('train --init random --scale 0.5: the report and its CSV', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'initlab-labels-')), 'report');
    const r = cli(['train', '--init', 'random', '--scale', '0.5', '--out', out, ...quick]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('initlab train: random:scale=0.5');
    expect(html).not.toContain('large random');
    expect(readFileSync(join(out, 'costs.csv'), 'utf8').split('\n')[0]).toBe(
      'iteration,random:scale=0.5 initialization',
    );
  });

  it('sweep --inits random,he --scale 3: rows and summary', () => {
    const doc = JSON.parse(
      cli([
        'sweep',
        '--inits',
        'random,he',
        '--scale',
        '3',
        '--seeds',
        '1-2',
        '--no-report',
        '--json',
        ...quick,
      ]).stdout,
    );
    expect(doc.summary.map((s: { init: string }) => s.init)).toEqual(['random:scale=3', 'he']);
    expect(new Set(doc.runs.map((x: { init: string }) => x.init))).toEqual(
      new Set(['random:scale=3', 'he']),
    );
  });
});
