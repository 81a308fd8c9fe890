// The test set follows the training data (issue 11, case 1): a generated training set is
// scored on the same generator with the same parameters and seed + 1, the notebook's own
// pair stays, and CSV training data has no test set unless --test names one. Expected
// test sets and accuracies: scikit-learn and a numpy network, by
// scripts/make_test_set_reference.py (test/fixtures/test_set_reference.json).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import { defaultTestSpec, resolveTestSpec } from '../src/experiments/test-spec.js';
import { cli, maxRelErr } from './helpers.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/test_set_reference.json', import.meta.url), 'utf8'),
);
interface Case {
  args: string[];
  testSpec: string;
  test: { X: number[][]; Y: number[][] };
  trainAccuracy: number;
  testAccuracy: number;
}
const cases: Case[] = fixture.cases;

const json = (args: string[]) => {
  const r = cli([
    ...args,
    '--json',
    ...(['data', 'predict'].includes(args[0]) ? [] : ['--no-report', '--quiet']),
  ]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const tmp = mkdtempSync(join(tmpdir(), 'initlab-testset-'));

describe('the default test set follows --train', () => {
  for (const c of cases) {
    it(`train ${c.args.join(' ')} → ${c.testSpec}`, () => {
      const doc = json(['train', ...c.args]);
      expect(doc.test).toBe(c.testSpec);
      expect(doc.testSpec).toBe(c.testSpec);
      expect(doc.testSource).toBe('default');
      expect(doc.runs[0].trainAccuracy).toBe(c.trainAccuracy);
      expect(doc.runs[0].testAccuracy).toBe(c.testAccuracy);
      // the SPEC it names is scikit-learn's test set
      const data = json(['data', '--dataset', c.testSpec]);
      expect(maxRelErr(data.X, c.test.X)).toBeLessThanOrEqual(1e-12);
      expect(data.Y).toEqual(c.test.Y);
    });
  }

  const moons = cases[0]; // he, seed 3, moons:n=300,noise=0.2,seed=3, 2000 iterations
  it('compare, notebook and sweep use the same rule', () => {
    const cmp = json(['compare', '--inits', 'xavier,he', ...moons.args.slice(2)]);
    expect(cmp.test).toBe(moons.testSpec);
    expect(cmp.runs[1].testAccuracy).toBe(moons.testAccuracy);
    const nb = json(['notebook', ...moons.args.slice(2)]);
    expect(nb.testSpec).toBe(moons.testSpec);
    expect(nb.runs.find((r: any) => r.init === 'he').testAccuracy).toBe(moons.testAccuracy);
    const sw = json([
      'sweep',
      '--inits',
      'he',
      '--seeds',
      '3',
      '--workers',
      '1',
      ...moons.args.slice(2),
    ]);
    expect(sw.test).toBe(moons.testSpec);
    expect(sw.runs[0].testAccuracy).toBe(moons.testAccuracy);
    expect(sw.summary[0].testAccuracy.mean).toBe(moons.testAccuracy);
  }, 60_000);

  it("text output names a test SPEC that is not the notebook's, and keeps the notebook's line for its own", () => {
    const r = cli(['train', ...moons.args, '--no-report', '--quiet']);
    expect(r.stdout).toContain(
      `On the test set (${moons.testSpec}):\nAccuracy: ${moons.testAccuracy}`,
    );
    const nb = cli(['train', '--iterations', '10', '--no-report', '--quiet']);
    expect(nb.stdout).toContain('On the test set:\nAccuracy:');
  });

  it('the report names the test SPEC it used and where it came from', () => {
    const out = join(tmp, 'moons-report');
    const args = 'train --init he --train moons:n=300,noise=0.2,seed=3 --iterations 20'.split(' ');
    const r = cli([...args, '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(
      html.includes(
        '<dt>test data</dt><dd>moons:n=300,noise=0.2,seed=4 (default: follows the training data)</dd>',
      ),
    ).toBe(true);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect([results.test, results.testSpec, results.testSource]).toEqual([
      'moons:n=300,noise=0.2,seed=4',
      'moons:n=300,noise=0.2,seed=4',
      'default',
    ]);
  });

  it("predict without --data scores the test set that follows the model's training data", () => {
    const model = join(tmp, 'moons-model.json');
    const t = cli(['train', ...moons.args, '--save', model, '--no-report', '--quiet']);
    expect(t.status, t.stderr).toBe(0);
    const p = json(['predict', '--model', model]);
    expect(p.data).toBe(moons.testSpec);
    expect(p.accuracy).toBe(moons.testAccuracy);
    expect(p.predictions).toHaveLength(moons.test.Y[0].length);
  });

  it('--test still chooses, and an empty --test is refused', () => {
    const doc = json([
      'train',
      '--iterations',
      '5',
      '--train',
      'moons:seed=3',
      '--test',
      'circles:n=40,seed=9',
    ]);
    expect([doc.test, doc.testSource]).toEqual(['circles:n=40,seed=9', 'given']);
    const r = cli(['train', '--iterations', '5', '--test', '', '--no-report']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--test/);
  });

  it('every generator: the default test set is the one its SPEC with seed + 1 makes', () => {
    const specs = [
      'xor:n=50,noise=0.1,seed=4',
      'blobs:n=60,spread=0.3,distance=2',
      'spiral:seed=0,n=70,turns=2',
      'flower:n=100,seed=6',
      'moons:shuffle=false,n=31',
      'circles:factor=0.3',
    ];
    const expected = [
      'xor:n=50,noise=0.1,seed=5',
      'blobs:n=60,spread=0.3,distance=2,seed=2',
      'spiral:seed=1,n=70,turns=2',
      'flower:n=100,seed=7',
      'moons:shuffle=false,n=31,seed=2',
      'circles:factor=0.3,seed=2',
    ];
    specs.forEach((spec, i) => {
      const train = datasetFromSpec(spec);
      expect(defaultTestSpec(spec, train)).toBe(expected[i]);
      const test = datasetFromSpec(expected[i]);
      expect(test.X.cols).toBe(train.X.cols); // same n
      expect(Array.from(test.X.data)).not.toEqual(Array.from(train.X.data)); // another draw
    });
    expect(resolveTestSpec('x.csv', datasetFromSpec('moons'), undefined, true)).toEqual({
      spec: null,
      source: 'none',
    });
  });
});

describe('CSV training data has no test set unless --test names one', () => {
  const file = join(tmp, 'moons.csv');
  const made = cli(['data', '--dataset', 'moons:n=300,noise=0.2,seed=3', '--csv']);
  writeFileSync(file, made.stdout);
  const moons = cases[0];

  it('text, table, --json and the report say "no test set", never a number', () => {
    const out = join(tmp, 'report');
    const twenty = ['--iterations', '20', '--print-every', '10', '--out', out, '--quiet'];
    const r = cli(['compare', '--inits', 'he,zeros', '--train', file, ...twenty]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/On the test set/);
    expect(r.stdout.match(/no test set/g)?.length).toBeGreaterThanOrEqual(4); // two runs, two table rows
    expect(r.stdout).toMatch(/He initialization\s+\d+\.\d%\s+no test set/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect([results.test, results.testSpec, results.testSource]).toEqual([null, null, 'none']);
    expect(results.runs.map((x: any) => x.testAccuracy)).toEqual([null, null]);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(/<dt>test data<\/dt><dd>no test set/.test(html)).toBe(true);
    expect(html.match(/<td[^>]*>no test set<\/td>/g)).toHaveLength(2);
    expect(/test \d/.test(html)).toBe(false); // no "test 50.0%" in a figure title either
  });

  it('--json: testAccuracy null; sweep too', () => {
    const doc = json(['train', '--train', file, '--iterations', '20']);
    expect(doc.runs[0].testAccuracy).toBeNull();
    expect(doc.testSpec).toBeNull();
    /** He over `seeds`, 20 iterations on the CSV file, on one worker. */
    const sweepHe = (seeds: string) => [
      ...['sweep', '--inits', 'he', '--seeds', seeds, '--workers', '1'],
      ...['--train', file, '--iterations', '20'],
    ];
    const sw = json(sweepHe('1-2'));
    expect(sw.test).toBeNull();
    expect(sw.runs.map((x: any) => x.testAccuracy)).toEqual([null, null]);
    expect(sw.summary[0].testAccuracy).toBeNull();
    const text = cli([...sweepHe('1'), '--no-report', '--quiet']);
    expect(text.stdout).toMatch(/test accuracy\s+no test set/);
  });

  it('predict with a model trained on a CSV file asks for --data instead of guessing', () => {
    const model = join(tmp, 'csv-model.json');
    expect(
      cli([
        'train',
        '--train',
        file,
        '--iterations',
        '5',
        '--save',
        model,
        '--no-report',
        '--quiet',
      ]).status,
    ).toBe(0);
    const r = cli(['predict', '--model', model]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no default test set; give --data/);
    expect(cli(['predict', '--model', model, '--data', file]).status).toBe(0);
  });

  it('with --test, the CSV run is scored on it (the same numbers as the generated moons)', () => {
    const doc = json([
      'train',
      ...moons.args.filter(
        (a, i, all) =>
          a !== 'moons:n=300,noise=0.2,seed=3' && all[i + 1] !== 'moons:n=300,noise=0.2,seed=3',
      ),
      '--train',
      file,
      '--test',
      moons.testSpec,
    ]);
    expect([doc.testSpec, doc.testSource]).toEqual([moons.testSpec, 'given']);
    expect(doc.runs[0].testAccuracy).toBe(moons.testAccuracy);
  });
});
