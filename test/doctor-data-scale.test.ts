// The run doctor names the data's scale, not the learning rate or the initialization, when a
// run fails on inputs far from the unit scale every initialization assumes: generated data
// with huge noise or petals, CSV files with huge or tiny values. Expected scales: numpy's
// max |x| and largest per-feature np.std of the same data.
// Fixture: /usr/bin/python3 scripts/make_data_scale_fixture.py > test/fixtures/data_scale.json
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromSpec, datasets } from '../src/data/registry.js';
import { inputScale, inputsOffScale } from '../src/data/scale.js';
import { Matrix } from '../src/linalg/matrix.js';
import { diagnoseRun, type DoctorInput } from '../src/train/doctor.js';
import { cli } from './helpers.js';

interface Case {
  spec: string;
  largest: number;
  spread: number;
}
const { cases }: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/data_scale.json', import.meta.url), 'utf8'),
);
const dir = mkdtempSync(join(tmpdir(), 'initlab-scale-'));

/** The same data the fixture measured, as a --train argument (CSV files written here). */
function trainArg(c: Case): string {
  if (c.spec === 'csv') {
    const lines = Array.from(
      { length: 40 },
      (_, i) => `${1e200 * (i + 1)},${-1e199 * (i + 1)},${i % 2}`,
    );
    writeFileSync(join(dir, 'huge.csv'), `x1,x2,label\n${lines.join('\n')}\n`);
    return join(dir, 'huge.csv');
  }
  if (c.spec === 'csv-tiny') {
    const d = datasetFromSpec('circles');
    const m = d.X.cols;
    const lines = Array.from(
      { length: m },
      (_, j) => `${d.X.data[j] / 1e6},${d.X.data[m + j] / 1e6},${d.Y.data[j]}`,
    );
    writeFileSync(join(dir, 'tiny.csv'), `x1,x2,label\n${lines.join('\n')}\n`);
    return join(dir, 'tiny.csv');
  }
  return c.spec;
}

/** A short He run on the case's data. */
const train = (c: Case, ...extra: string[]) =>
  cli([
    'train',
    '--init',
    'he',
    '--train',
    trainArg(c),
    '--iterations',
    '300',
    '--no-report',
    ...extra,
  ]);

describe('the doctor names the data scale', { timeout: 120_000 }, () => {
  for (const c of cases) {
    it(`${c.spec}: max |x| ${c.largest.toPrecision(3)} is the cause, never the learning rate`, () => {
      const r = train(c, '--json');
      // a diverged run exits 1, with one line on stderr that names the data too
      expect(r.status === 0 ? r.stderr : r.stderr.trim().split('\n'), r.stderr).toHaveLength(
        r.status === 0 ? 0 : 1,
      );
      if (r.status !== 0) expect(r.stderr).toMatch(/standardize the features, not --lr/);
      const run = JSON.parse(r.stdout).runs[0];
      expect(run.doctor.ok).toBe(false);
      expect(run.doctor.findings).toHaveLength(1);
      const f = run.doctor.findings[0];
      expect(f.kind).toBe('data-scale');
      expect(Math.abs(f.amount - c.largest)).toBeLessThanOrEqual(1e-15 * c.largest);
      expect(f.fix).toMatch(/standardize the features/);
      expect(`${f.cause} ${f.fix}`).not.toMatch(/learning rate \d|--lr|smaller scale/);
      const text = train(c);
      const lines = text.stdout.split('\n').filter((l) => l.startsWith('doctor:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/the inputs are far (larger|smaller) than the unit scale/);
    });
  }

  it("inputScale equals numpy's max |x| and largest feature std", () => {
    for (const c of cases.filter((k) => !k.spec.startsWith('csv'))) {
      const s = inputScale(datasetFromSpec(c.spec).X);
      expect(s.largest).toBe(c.largest);
      expect(Math.abs(s.spread - c.spread)).toBeLessThanOrEqual(1e-12 * c.spread);
      expect(inputsOffScale(s)).toBe(true);
    }
    expect(inputsOffScale(inputScale(datasetFromSpec('circles').X))).toBe(false);
    expect(inputScale(new Matrix(2, 3))).toEqual({ largest: 0, spread: 0 });
  });

  it('data of unit scale keeps the other findings: a diverged run there still names the learning rate', () => {
    const run: DoctorInput = {
      stopReason: 'diverged',
      divergedAt: 12,
      costs: [{ iteration: 0, cost: 0.7 }],
      trainAccuracy: 0.5,
      learningRate: 10,
      diagnostics: [],
      symmetric: false,
      inputScale: inputScale(datasetFromSpec('circles').X),
    };
    const d = diagnoseRun(run);
    expect(d.findings.map((f) => f.kind)).toEqual(['diverged']);
    expect(d.findings[0].fix).toMatch(/lower the learning rate/);
    // the same run on huge inputs: the data, alone
    const huge = diagnoseRun({ ...run, inputScale: { largest: 1e9, spread: 1e8 } });
    expect(huge.findings.map((f) => f.kind)).toEqual(['data-scale']);
    // a run that trained is fine whatever its inputs' scale
    expect(
      diagnoseRun({
        ...run,
        stopReason: 'completed',
        trainAccuracy: 1,
        costs: [
          { iteration: 0, cost: 0.7 },
          { iteration: 1, cost: 0.01 },
        ],
        finalCost: 0.01,
        inputScale: { largest: 1e9, spread: 1e8 },
      }).ok,
    ).toBe(true);
  });

  // every numeric parameter of every generator at a value near float64's limit: the data is
  // finite (and the doctor speaks of its scale), or refused with one line that says what to give
  for (const [name, def] of Object.entries(datasets))
    for (const [key, p] of Object.entries(def.params)) {
      if (key === 'n' || key === 'seed' || typeof p.default !== 'number') continue;
      it(`${name}:${key}=1e308 gives finite data or one line saying what to give`, () => {
        const r = cli(['data', '--dataset', `${name}:${key}=1e308`, '--json']);
        if (r.status === 0) {
          for (const row of JSON.parse(r.stdout).X)
            for (const v of row) expect(Number.isFinite(v)).toBe(true);
          return;
        }
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/(must be|give \w+.* values whose points stay within)/);
      });
    }
});
