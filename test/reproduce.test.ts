// The published results (short versions, as npm test runs them): every check passes, the CLI
// gives the verdicts, the figures and results.json, and a verdict can fail.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secondMomentOfM } from '../src/reproduce/hanin2018.js';
import { isometrySlope } from '../src/reproduce/pennington2017.js';
import { reproductions, runReproduction } from '../src/reproduce/registry.js';
import { check } from '../src/reproduce/result.js';
import { cli } from './helpers.js';

describe('initlab reproduce (quick)', () => {
  for (const r of reproductions) {
    it(`${r.name}: every check passes`, () => {
      const res = runReproduction(r, { quick: true, seed: 0 });
      expect(
        res.checks
          .filter((c) => !c.pass)
          .map((c) => `${c.what}: ${c.measured} vs ${c.target} ± ${c.tolerance}`),
      ).toEqual([]);
      expect(res.pass).toBe(true);
      expect(
        res.figure.points.some((p) => p.kind === 'measured') &&
          res.figure.points.some((p) => p.kind === 'theory'),
      ).toBe(true);
    });
  }
  it('a check fails outside its tolerance, and on a non-finite measurement', () => {
    expect(check('x', 1, 1.2, 0.1, 's').pass).toBe(false);
    expect(check('x', 1, 1.05, 0.1, 's').pass).toBe(true);
    expect(check('x', 10, 11.5, 0.1, 's', true).pass).toBe(false);
    expect(check('x', 0, NaN, 1, 's').pass).toBe(false);
  });
  it("the closed forms: Hanin & Rolnick's Π(1 + 5/n), Pennington et al.'s slopes", () => {
    expect(secondMomentOfM(500, 10)).toBeCloseTo(1.01 ** 10, 12);
    expect(secondMomentOfM(32, 30)).toBeCloseTo(77.9, 1);
    expect(isometrySlope('linear', 'orthogonal')).toBeCloseTo(0, 12);
    expect(isometrySlope('linear', 'gaussian')).toBeCloseTo(1, 12);
    expect(isometrySlope('relu', 'gaussian')).toBeCloseTo(2, 9);
    expect(isometrySlope('relu', 'orthogonal')).toBeCloseTo(1, 9);
  });
  it('the CLI: --list, a verdict in JSON, a report folder with a figure each, one line for an unknown name', () => {
    const list = cli(['reproduce', '--list', '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).reproductions.map((r: { name: string }) => r.name)).toEqual(
      reproductions.map((r) => r.name),
    );
    const dir = mkdtempSync(join(tmpdir(), 'initlab-reproduce-'));
    const out = join(dir, 'rep');
    const r = cli(['reproduce', 'hanin2018', 'pennington2017', '--quick', '--json', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.pass).toBe(true);
    expect(doc.reproductions.map((x: { name: string }) => x.name)).toEqual([
      'hanin2018',
      'pennington2017',
    ]);
    expect(readdirSync(out).sort()).toEqual([
      '.initlab-report.json',
      'hanin2018.png',
      'hanin2018.svg',
      'index.html',
      'pennington2017.png',
      'pennington2017.svg',
      'results.json',
    ]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('PASS');
    const bad = cli(['reproduce', 'nope2099']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
