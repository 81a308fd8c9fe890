// The CLI as a user and other programs meet it: the built bin, real processes.
import { describe, expect, it } from 'vitest';
import { cli as runCli, extra, maxRelErr, ref } from './helpers.js';

function cli(args: string[]) {
  const r = runCli(args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (args: string[]) => {
  const r = cli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('initlab (the notebook)', () => {
  const text = cli(['--no-report', '--quiet']);
  const doc = json(['--no-report']);

  it("prints the notebook's costs and accuracies in its format", () => {
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Cost after iteration 1000: 0.68798259197280');
    expect(text.stdout).toMatch(/Cost after iteration 0: 1773\.58595493738\d*/);
    expect(text.stdout).toContain('Accuracy: 0.9933333333333333');
    expect(text.stdout).toContain('Accuracy: 0.86');
  });
  it('ends with the comparison table and a verdict per run', () => {
    const table = text.stdout.slice(text.stdout.lastIndexOf('Model'));
    expect(table).toMatch(
      /3-layer NN with zeros initialization\s+50\.0%\s+50\.0%.*fails to break symmetry/,
    );
    expect(table).toMatch(
      /3-layer NN with large random initialization\s+83\.0%\s+86\.0%.*too large/,
    );
    expect(table).toMatch(/3-layer NN with He initialization\s+99\.3%\s+96\.0%.*works well/);
  });
  it("--json: one document with the contract's fields", () => {
    expect(doc.runs.map((r: any) => r.init)).toEqual(['zeros', 'random', 'he']);
    for (const r of doc.runs) {
      for (const k of [
        'init',
        'seed',
        'layers',
        'learningRate',
        'iterations',
        'costs',
        'trainAccuracy',
        'testAccuracy',
      ])
        expect(r).toHaveProperty(k);
      expect(r.costs.map((c: any) => c.iteration)).toEqual(
        Array.from({ length: 15 }, (_, i) => i * 1000),
      );
      const want = ref.runs[r.init];
      const wanted = [want.stable_cost_iteration_0, ...want.printed_costs.slice(1)];
      // the ×10 run: 1%, and 3% at iteration 7000 where its cost plunges (the README's claim, as in
      // notebook-runs.test.ts: an ulp in the data moves the plunge, e.g. glibc's sines against numpy's AVX-512 ones)
      r.costs.forEach((c: any, i: number) => {
        const tol = r.init !== 'random' ? 1e-9 : c.iteration === 7000 ? 3e-2 : 1e-2;
        expect(maxRelErr([c.cost], [wanted[i]]), `${r.init} at ${c.iteration}`).toBeLessThanOrEqual(
          tol,
        );
      });
      expect([r.trainAccuracy, r.testAccuracy]).toEqual([want.train_accuracy, want.test_accuracy]);
    }
  });
  it('--loss naive prints inf for the random run, as the notebook did', () => {
    const naive = ['compare', '--inits', 'random', '--iterations', '1', '--loss', 'naive'];
    expect(cli([...naive, '--no-report']).stdout).toContain('Cost after iteration 0: inf');
    const d = json([...naive, '--no-report']);
    expect(d.runs[0].costs[0].naiveCost).toBe('inf');
    expect(d.runs[0].costs[0].cost).toBeCloseTo(ref.runs.random.stable_cost_iteration_0, 9);
  });
});

describe('initlab train against numpy on other settings', () => {
  for (const [name, want] of Object.entries<any>(extra.runs)) {
    it(name, () => {
      const r = json([...want.args, '--no-report']).runs[0];
      expect(
        maxRelErr(
          r.costs.map((c: any) => c.cost),
          want.costs,
        ),
      ).toBeLessThanOrEqual(1e-9);
      if (want.train_accuracy !== undefined) expect(r.trainAccuracy).toBe(want.train_accuracy);
    });
  }
});

describe('initlab init and data', () => {
  it("prints the notebook's init cells", () => {
    expect(cli(['init', '--init', 'random', '--layers', '3,2,1']).stdout).toBe(
      'W1 = [[ 17.88628473   4.36509851   0.96497468]\n [-18.63492703  -2.77388203  -3.54758979]]\nb1 = [[0.]\n [0.]]\nW2 = [[-0.82741481 -6.27000677]]\nb2 = [[0.]]\n',
    );
    const he = json(['init', '--init', 'he', '--layers', '2,4,1', '--seed', '3']);
    for (const [k, v] of Object.entries(ref.init_examples['he_[2,4,1]']))
      expect(maxRelErr(he[k], v)).toBeLessThanOrEqual(1e-12);
  });
  it('data --json and --csv carry the same numbers', () => {
    const d = json(['data', '--dataset', 'circles:n=100,noise=0.05,seed=2']);
    expect(maxRelErr(d.X, ref.data.test_X)).toBeLessThanOrEqual(1e-12);
    expect(d.Y).toEqual(ref.data.test_Y);
    const lines = cli(['data', '--dataset', 'circles:n=100,noise=0.05,seed=2', '--csv'])
      .stdout.trim()
      .split('\n');
    expect(lines[0]).toBe('x1,x2,label');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(d.X[0]);
  });
  it('data moons equals scikit-learn', () => {
    const d = json(['data', '--dataset', 'moons:n=50,noise=0.2,seed=5']);
    expect(maxRelErr(d.X, extra.datasets['moons:n=50,noise=0.2,seed=5'].X)).toBeLessThanOrEqual(
      1e-12,
    );
  });
});

describe('bad input: one line on stderr, exit code 2, no stack trace', () => {
  const cases: [string[], RegExp][] = [
    [
      ['train', '--init', 'nope'],
      /unknown initialization "nope"; accepted: zeros, ones, constant, random, he, xavier, .*orthogonal, identity, lsuv/,
    ],
    [['train', '--layers', '2,-1,1'], /every layer size must be >= 1/],
    [['train', '--layers', '2'], /--layers must be comma-separated/],
    [['train', '--layers', '2,x,1'], /--layers must be comma-separated/],
    [['train', '--layers', '2,0,1'], />= 1/],
    [['train', '--layers', '3,4,1'], /has 2 features/],
    [['train', '--layers', '2,4,2'], /must end with 1/],
    [
      ['train', '--iterations', '-5'],
      /--iterations must be an integer from 1 to 1000000000, got "-5"/,
    ],
    [['train', '--iterations', '1.5'], /--iterations must be an integer/],
    [['train', '--lr', '0'], /--lr must be a finite number > 0, got "0"/],
    [['train', '--lr', '-0.1'], /--lr must be a finite number > 0, got "-0.1"/],
    [['train', '--lr', 'fast'], /--lr must be a finite number > 0, got "fast"/],
    [
      ['train', '--seed', '99999999999'],
      /--seed must be an integer from 0 to 4294967295, got "99999999999"/,
    ],
    [['train', '--seed', '-1'], /--seed must be an integer from 0 to 4294967295, got "-1"/],
    [['train', '--print-every', '0'], /--print-every must be an integer >= 1/],
    [['train', '--bogus'], /unknown option '--bogus'/],
    [
      ['train', '--train', 'spirals'],
      /unknown dataset "spirals"; accepted: circles, moons, xor, blobs, spiral, flower/,
    ],
    [['train', '--train', 'circles:n=abc'], /n must be an integer/],
    [
      ['train', '--test', 'circles:noise=-1'],
      /dataset "circles": noise must be a finite number >= 0, got "-1"/,
    ],
    [['train', '--activation', 'swish'], /unknown activation "swish"/],
    [['train', '--loss', 'huber'], /--loss/],
    [['train', '--init', 'he,xavier'], /initlab compare/],
    [['compare', '--inits', 'he,glorot'], /unknown initialization "glorot"/],
    [['init', '--init', 'he', '--layers', '2'], /--layers/],
    [
      ['data', '--dataset', 'circles:factor=1.5'],
      /dataset "circles": factor must be a finite number >= 0 and < 1, got "1.5"/,
    ],
    [['data', '--dataset', 'circles:n=5,n=6'], /given twice/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const r = cli(args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
  }
});

describe('help', () => {
  for (const cmd of [[], ['notebook'], ['train'], ['compare'], ['init'], ['data']]) {
    it(`initlab ${cmd.join(' ')} --help`, () => {
      const r = cli([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: initlab/);
    });
  }
});
