// Bounded work, refused up front (issue 12, case 4): every size and count is held to a limit
// derived from memory and time before anything is allocated, the message says what the
// work needs, the limit and why, and the web lab's URL is held to the same module.
//
// Inputs tried, by kind (64 in all):
//   memory of a training command (train, compare, notebook, sweep) ... 10
//   time of a command that shows nothing until it ends ............... 6
//   memory of init's printout and of probe / predict ................. 8
//   counts (LSUV rounds, layers, workers, threads) .................... 14
//   workers reduced to what can run, with a note ..................... 3
//   the web lab's field and limits agreeing with the CLI's ............ 17
//   the estimates against their formulas ............................. 6
import { availableParallelism } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { checkLabRun } from '../src/lab-limits.js';
import {
  checkTraining,
  estimateTraining,
  forwardMacs,
  iterationMacs,
  LAB_LIMITS,
  LIMITS,
  parameters,
  workerCount,
  workspaceFloats,
} from '../src/limits.js';
import { initializers } from '../src/nn/initializers.js';
import { initializeNetwork, parameterCount } from '../src/nn/network.js';
import { Workspace } from '../src/nn/workspace.js';
import { datasetFromSpec } from '../src/data/registry.js';
import { defaultTestSpec } from '../src/experiments/test-spec.js';
import { readState } from '../web/src/url-state.js';
import { formatNumpy } from '../src/format.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-limits-'));

/** One line on stderr, exit 2, the limit named, and answered quickly (nothing was allocated). */
function refused(args: string[], message: RegExp): void {
  const t = Date.now();
  const r = cli(args);
  const lines = r.stderr.trim().split('\n');
  expect(r.status, r.stderr).toBe(2);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).toMatch(/the limit is/);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(Date.now() - t).toBeLessThan(8000);
}

describe('memory of a training command, refused before any allocation', () => {
  const cases: [string[], RegExp][] = [
    [
      ['train', '--layers', '2,100000000,1'],
      /--layers 2,100000000,1 needs about .* GB of memory .*the limit is 2\.0 GB/,
    ],
    [['train', '--layers', '2,10000000,1'], /needs about .* GB/],
    [['train', '--layers', '2,30000,30000,1'], /900,150,001 parameters/],
    [
      ['train', '--layers', '2,20000,20000,1', '--optimizer', 'adam'],
      /parameters with their gradients/,
    ],
    [['compare', '--inits', 'he,xavier,zeros', '--layers', '2,12000,12000,1'], /needs about/],
    [['notebook', '--layers', '2,100000000,1', '--no-report'], /needs about/],
    [
      ['train', '--iterations', '1000000000', '--print-every', '1'],
      /recorded costs \(--iterations \/ --print-every\)/,
    ],
    [
      [
        'train',
        '--iterations',
        '100000000',
        '--print-every',
        '100000000',
        '--diagnostics-every',
        '1',
      ],
      /per-layer diagnostics/,
    ],
    [
      ['train', '--train', 'circles:n=5000000', '--layers', '2,100,1'],
      /activations of 5,000,000 examples/,
    ],
    [['sweep', '--layers', '2,30000,30000,1', '--seeds', '1'], /needs about/],
  ];
  for (const [args, message] of cases) it(args.join(' '), () => refused(args, message));
});

describe('time of work that cannot show results as it goes', () => {
  const cases: [string[], RegExp][] = [
    [
      ['gradcheck', '--layers', '2,300,300,1'],
      /183,003 forward passes .*hours; the limit is 15 minutes/,
    ],
    [['gradcheck', '--layers', '2,200,200,1'], /forward passes/],
    [
      ['probe', '--depth', '10000', '--width', '2000', '--samples', '2000'],
      /takes about .*; the limit is 15 minutes/,
    ],
    [
      ['train', '--backend', 'ts', '--layers', '2,5000,5000,1'],
      /per iteration .*the limit is 60 s, since a stop is honoured between iterations/,
    ],
    [['init', '--init', 'orthogonal', '--layers', '2,12000,12000,1', '--json'], /the limit is/],
    [
      [
        'train',
        '--init',
        'lsuv:tol=1e-300,max-iter=10000',
        '--layers',
        '2,300,300,300,1',
        '--train',
        'circles:n=3000',
      ],
      /up to 10000 rescaling rounds per layer.*the limit is 15 minutes/,
    ],
  ];
  for (const [args, message] of cases) it(args.join(' '), () => refused(args, message));
});

describe('memory of a printout, a probe, a prediction', () => {
  const model = join(dir, 'model.json');
  it('a model to predict with', () =>
    expect(
      cli([
        'train',
        '--layers',
        '2,1000,1',
        '--iterations',
        '1',
        '--save',
        model,
        '--no-report',
        '--quiet',
      ]).status,
    ).toBe(0));
  const cases: [string[], RegExp][] = [
    [['init', '--layers', '2,10000000,1', '--json'], /prints 40,000,001 parameters/],
    [['init', '--layers', '2,10000000,1'], /prints 40,000,001 parameters/],
    [
      ['init', '--layers', '2,3000000,1'],
      /prints 12,000,001 parameters, which needs about 3\.7 GB/,
    ],
    [
      ['probe', '--width', '20000'],
      /--width 20000 with --samples 1000 needs about 6\.4 GB \(a 20000 × 20000 weight matrix/,
    ],
    [['probe', '--width', '1000', '--samples', '1000000'], /needs about/],
    [['probe', '--width', '16000', '--samples', '10', '--depth', '1'], /weight matrix/],
    [
      ['predict', '--model', model, '--data', 'circles:n=1000000'],
      /predicting 1000000 examples with a 2-1000-1 network .*the limit is/,
    ],
  ];
  for (const [args, message] of cases) it(args.join(' '), () => refused(args, message));
  it('a printout within the limit is printed (numpy text of 600,000 values, no call-stack overflow)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [i / 7, -i / 3]);
    const text = formatNumpy(rows);
    expect(text.split('\n')).toHaveLength(300_000);
    expect(text.startsWith('[[')).toBe(true);
  });
});

describe('counts', () => {
  const cases: [string[], RegExp][] = [
    [
      ['train', '--init', 'lsuv:max-iter=1e15'],
      /max-iter must be (a whole number|an integer) from 1 to 10000/,
    ],
    [['train', '--init', 'lsuv:max-iter=1.5'], /max-iter must be (a whole number|an integer)/],
    [['train', '--init', 'lsuv:max-iter=10001'], /max-iter/],
    [['compare', '--inits', 'he,lsuv:max-iter=1e15'], /max-iter/],
    [['init', '--init', 'lsuv:max-iter=1e15'], /max-iter/],
    [['gradcheck', '--init', 'lsuv:max-iter=2.5'], /max-iter/],
    [['sweep', '--inits', 'lsuv:max-iter=1e15', '--seeds', '1'], /max-iter/],
    [
      ['train', '--layers', ['2', ...Array(1000).fill('3'), '1'].join(',')],
      /1002 sizes; the limit is 1000/,
    ],
    [['init', '--layers', ['2', ...Array(1000).fill('3'), '1'].join(',')], /the limit is 1000/],
    [['train', '--layers', '2,1000000000,1'], /a layer of 1000000000 units is over the limit/],
    [
      ['sweep', '--workers', '257', '--seeds', '1'],
      /--workers must be (a whole number|an integer) from 1 to 256/,
    ],
    [
      ['sweep', '--workers', '0', '--seeds', '1'],
      /--workers must be (a whole number|an integer) from 1 to 256/,
    ],
    [['sweep', '--workers', '1.5', '--seeds', '1'], /--workers/],
    [['train', '--threads', '257'], /--threads/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' ').slice(0, 80), () => {
      const r = cli(args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});

describe('workers: at most the jobs, the cores and what fits in memory, and it says so', () => {
  it('--workers 256 for 4 jobs starts no more than min(4, cores) threads', () => {
    const r = cli([
      'sweep',
      '--inits',
      'he,xavier',
      '--seeds',
      '1-2',
      '--iterations',
      '50',
      '--workers',
      '256',
      '--json',
      '--no-report',
      '--quiet',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const used = Math.min(4, availableParallelism());
    expect(JSON.parse(r.stdout).workers).toBe(used);
    expect(r.stderr).toMatch(new RegExp(`--workers 256: using ${used} \\(`));
  });
  it('workerCount: each bound in turn', () => {
    expect(workerCount(8, 3, 16, 1e6)).toEqual({
      workers: 3,
      note: '--workers 8: using 3 (the grid has 3 runs)',
    });
    expect(workerCount(8, 100, 2, 1e6)).toEqual({
      workers: 2,
      note: '--workers 8: using 2 (the machine has 2 cores)',
    });
    const big = workerCount(8, 100, 16, LIMITS.memoryBytes / 3);
    expect(big.workers).toBe(3);
    expect(big.note).toMatch(/fill the 2\.0 GB memory limit/);
    expect(workerCount(2, 100, 16, 1e6)).toEqual({ workers: 2 });
  });
  it('--threads above the cores is reduced, with a note', () => {
    const r = cli([
      'train',
      '--iterations',
      '5',
      '--threads',
      '64',
      '--no-report',
      '--json',
      '--quiet',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).threads).toBeLessThanOrEqual(availableParallelism());
    expect(r.stderr).toMatch(/--threads 64: using \d+/);
  });
});

describe('the web lab holds the same limits', () => {
  const hidden = (sizes: number[], sep = ',') => sizes.join(sep);
  it('50 hidden layers of 2048: the text cap does not refuse what the number caps accept; memory refuses it, as the CLI does', () => {
    for (const sep of [',', ', ', ' , ']) {
      const { errors } = readState(
        `?hidden=${encodeURIComponent(hidden(Array(50).fill(2048), sep))}`,
      );
      expect(errors.hidden).toMatch(/needs about .* GB of memory.*the limit is 2\.0 GB/);
    }
    refused(
      ['train', '--layers', ['2', ...Array(50).fill(2048), '1'].join(','), '--no-report'],
      /needs about .* GB of memory/,
    );
  });
  it('the longest list the caps allow, written with spaces, is within the text cap', () => {
    expect(
      hidden(Array(LAB_LIMITS.hiddenLayers).fill(LAB_LIMITS.layerSize), ' , ').length,
    ).toBeLessThanOrEqual(LAB_LIMITS.hiddenTextLength);
    expect(
      readState(`?hidden=${encodeURIComponent(hidden(Array(50).fill(8), ' , '))}`).errors,
    ).toEqual({});
  });
  it('LSUV: its rounds are counted in the field that names them, and their time in the job', () => {
    expect(readState(`?inits=${encodeURIComponent('lsuv:max-iter=1e15')}`).errors.inits).toMatch(
      /max-iter must be (a whole number|an integer) from 1 to 10000/,
    );
    expect(readState(`?inits=${encodeURIComponent('he,lsuv:max-iter=1.5')}`).errors.inits).toMatch(
      /max-iter/,
    );
    expect(
      readState(
        `?inits=${encodeURIComponent('lsuv:tol=1e-300,max-iter=10000')}&hidden=300,300,300&data=${encodeURIComponent('circles:n=3000')}`,
      ).errors.hidden,
    ).toMatch(/up to 10000 rescaling rounds per layer/);
  });
  it('the count and size caps', () => {
    expect(readState(`?hidden=${hidden(Array(51).fill(4))}`).errors.hidden).toMatch(
      /at most 50 layers/,
    );
    expect(readState('?hidden=2049').errors.hidden).toMatch(/from 1 to 2048/);
  });
  // the page and the command line agree, network by network, on what fits
  const jobs: [number[], string, string][] = [
    [[10, 5], 'he', 'circles'],
    [[2048, 2048], 'he', 'circles'],
    [[2048, 2048, 2048], 'he,xavier,glorot-uniform,orthogonal', 'circles'],
    [[1000], 'he', 'circles:n=100000'],
    [[100, 100], 'he', 'circles:n=100000'],
    [[2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048, 2048], 'he', 'circles'],
    [Array(40).fill(1024), 'he', 'circles'],
  ];
  for (const [sizes, inits, data] of jobs) {
    it(`${sizes.length} hidden layers of ${Math.max(...sizes)}, ${inits}, ${data}`, () => {
      const page = readState(`?hidden=${hidden(sizes)}&inits=${inits}&data=${data}&it=1000`).errors
        .hidden;
      const d = datasetFromSpec(data);
      // the test set follows the data as the page and the CLI derive it (the notebook's 100 for circles)
      const mTest = datasetFromSpec(defaultTestSpec(data, d)).X.cols;
      let cliSays: string | undefined;
      try {
        checkLabRun({
          hidden: sizes,
          features: 2,
          m: d.X.cols,
          mTest,
          inits: inits.split(','),
          iterations: 1000,
          batchSize: 0,
          optimizer: 'gd',
        });
      } catch (e) {
        cliSays = (e as Error).message;
      }
      expect(page).toBe(cliSays);
    });
  }
});

describe('the estimates against their formulas', () => {
  it("parameters: Σ n_l·(n_{l-1} + 1), the notebook's 2-10-5-1 has 91", () => {
    expect(parameters([2, 10, 5, 1])).toBe(91);
    for (const dims of [
      [2, 10, 5, 1],
      [3, 1],
      [2, 7, 7, 7, 1],
    ]) {
      expect(parameters(dims)).toBe(parameterCount(dims));
      const net = initializeNetwork(dims, initializers.he);
      expect(parameters(dims)).toBe([...net.W, ...net.b].reduce((s, M) => s + M.data.length, 0));
    }
  });
  it('forward multiply-adds Σ n_l·n_{l-1}·m; an iteration three times that', () => {
    expect(forwardMacs([2, 10, 5, 1], 300)).toBe((20 + 50 + 5) * 300);
    expect(iterationMacs([2, 10, 5, 1], 300)).toBe(3 * 75 * 300);
  });
  it('workspace floats match what a Workspace allocates', () => {
    for (const [dims, m] of [
      [[2, 10, 5, 1], 300],
      [[4, 3, 1], 7],
    ] as [number[], number][]) {
      const ws = new Workspace(dims, m);
      const allocated = [ws.Z, ws.A, ws.dZ, ws.dA, ws.dW, ws.db]
        .flat()
        .reduce((s, a) => s + a.length, 0);
      expect(workspaceFloats(dims, m)).toBe(allocated);
      expect(workspaceFloats(dims, m)).toBe(Workspace.floats(dims, m));
    }
  });
  it('the estimate grows with what it counts, and the notebook is far below the limit', () => {
    const base = { dims: [2, 10, 5, 1], m: 300, mTest: 100, iterations: 15000, printEvery: 1000 };
    const e = estimateTraining(base);
    expect(e.bytes).toBeLessThan(LIMITS.memoryBytes / 1000);
    expect(estimateTraining({ ...base, optimizer: 'adam' }).bytes).toBeGreaterThan(e.bytes);
    expect(estimateTraining({ ...base, printEvery: 1 }).bytes).toBeGreaterThan(e.bytes);
    expect(estimateTraining({ ...base, runs: 3 }).bytes).toBeGreaterThan(e.bytes);
    expect(() => checkTraining(base)).not.toThrow();
  });
  it('a limit error is a UsageError (exit 2)', () => {
    expect(() =>
      checkTraining({ dims: [2, 1e8, 1], m: 300, mTest: 0, iterations: 1, printEvery: 1 }),
    ).toThrow(UsageError);
  });
  it('the library refuses LSUV rounds beyond the limit too', () => {
    const X = datasetFromSpec('circles:n=20').X;
    expect(() =>
      initializeNetwork([2, 3, 1], initializers.lsuv, {
        data: X,
        params: { tol: 0.1, 'max-iter': 1e15 },
      }),
    ).toThrow(/max-iter must be (a whole number|an integer) from 1 to 10000/);
  });
});

writeFileSync(join(dir, 'done'), '');
