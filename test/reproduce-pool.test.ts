// he2015's training runs on a pool of threads: the verdict and the figure are the serial
// run's, whatever order the runs finish in and however many threads there are.
import { describe, expect, it } from 'vitest';
import { he2015, he2015Conclude, he2015Tasks, he2015Train } from '../src/reproduce/he2015.js';
import { cli } from './helpers.js';

describe('he2015 split into tasks', () => {
  it('the runs concluded in any order give the serial verdict; the CLI (one thread per core) gives the same numbers', () => {
    const o = { quick: true, seed: 0 };
    const done = he2015Tasks(o).map(he2015Train);
    const serial = he2015Conclude(o, done);
    const reversed = he2015Conclude(o, [...done].reverse());
    expect(reversed).toEqual(serial);
    expect(he2015.split).toBeDefined();
    const r = cli(['reproduce', 'he2015', '--quick', '--json', '--no-report']);
    expect(r.status, r.stderr).toBe(0);
    const pooled = JSON.parse(r.stdout).reproductions[0];
    // JSON carries Infinity as "inf"
    expect(pooled.checks.map((c: { measured: number | string }) => c.measured)).toEqual(
      serial.checks.map((c) => (Number.isFinite(c.measured) ? c.measured : 'inf')),
    );
    expect(pooled.pass).toBe(true);
  }, 600_000);
});
