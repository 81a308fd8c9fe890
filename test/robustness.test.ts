// Bad input of every kind gets one clear line and the right exit code; parsers throw only
// initlab's typed errors; saved models round-trip; runs replay bit for bit; a killed
// writer never leaves a half-written report.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  ftruncateSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../src/data/csv.js';
import { datasetFromSpec } from '../src/data/registry.js';
import { InitlabError } from '../src/errors.js';
import { activationFromName } from '../src/nn/activations.js';
import { initializers, resolveInitializer } from '../src/nn/initializers.js';
import { Matrix } from '../src/linalg/matrix.js';
import { parseModel, serializeModel } from '../src/nn/model-format.js';
import { defaultActivations, initializeNetwork } from '../src/nn/network.js';
import { RandomState } from '../src/rng/random-state.js';
import { parseSpec } from '../src/spec.js';
import { train } from '../src/train/train.js';
import { parseInits, parseLayers } from '../src/cli/setup.js';
import { BIN, cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-robust-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// a good model to spoil
const trained = cli([
  'train',
  '--iterations',
  '20',
  '--save',
  join(dir, 'good.json'),
  '--no-report',
  '--quiet',
]);
const good = () => JSON.parse(readFileSync(join(dir, 'good.json'), 'utf8'));
const spoiled = (name: string, change: (m: any) => void) => {
  const m = good();
  change(m);
  return file(name, JSON.stringify(m));
};

type Case = [string, string[], number, RegExp];
const cases: Case[] = [
  // CSV files
  ['empty CSV', ['data', '--dataset', file('empty.csv', '')], 1, /empty\.csv: no examples/],
  ['header-only CSV', ['data', '--dataset', file('header.csv', 'x1,x2,label\n')], 1, /no examples/],
  [
    'ragged CSV',
    ['data', '--dataset', file('ragged.csv', '1,2,0\n1,2,3,1\n')],
    1,
    /ragged\.csv:2:1: 4 columns, but earlier lines have 3/,
  ],
  [
    'non-numeric cell',
    ['data', '--dataset', file('word.csv', '1,2,0\n1,abc,1\n')],
    1,
    /word\.csv:2:3: "abc" is not a number/,
  ],
  [
    'NaN cell',
    ['data', '--dataset', file('nan.csv', '1,NaN,0\n')],
    1,
    /nan\.csv:1:3: NaN is not allowed/,
  ],
  [
    'Infinity cell',
    ['data', '--dataset', file('inf.csv', '1,2,0\nInfinity,2,1\n')],
    1,
    /inf\.csv:2:1: Infinity is not allowed/,
  ],
  ['overflowing number', ['data', '--dataset', file('big.csv', '1e999,2,0\n')], 1, /overflows/],
  [
    'label other than 0/1',
    ['data', '--dataset', file('label.csv', '1,2,0\n1,2,2\n')],
    1,
    /label\.csv:2:5: label 2 must be 0 or 1/,
  ],
  [
    'header in the middle',
    ['data', '--dataset', file('mid.csv', '1,2,0\nx1,x2,label\n')],
    1,
    /mid\.csv:2:1: a header line in the middle/,
  ],
  [
    'one column',
    ['data', '--dataset', file('one.csv', '1\n0\n')],
    1,
    /at least one feature column/,
  ],
  [
    'empty cell',
    ['data', '--dataset', file('hole.csv', '1,,0\n')],
    1,
    /hole\.csv:1:3: an empty cell/,
  ],
  ['missing CSV', ['data', '--dataset', join(dir, 'nope.csv')], 1, /nope\.csv does not exist/],
  ['directory as CSV', ['data', '--dataset', `${dir}/`], 1, /is not a file/],
  [
    'CSV width vs --layers',
    ['train', '--train', file('three.csv', '1,2,3,0\n3,2,1,1\n'), '--test', join(dir, 'three.csv')],
    2,
    /--layers starts with 2 inputs but the training data has 3 features/,
  ],
  // model files
  [
    'truncated model',
    ['predict', '--model', file('trunc.json', '{"format":"initlab-model","vers')],
    1,
    /not valid JSON .*truncated/,
  ],
  [
    'not a model',
    ['predict', '--model', file('other.json', '{"hello":1}')],
    1,
    /not an initlab model/,
  ],
  [
    'future model version',
    [
      'predict',
      '--model',
      spoiled('v2.json', (m) => {
        m.version = 2;
      }),
    ],
    1,
    /version 2 is not supported; this initlab reads version 1/,
  ],
  [
    'missing matrix',
    [
      'predict',
      '--model',
      spoiled('noW2.json', (m) => {
        delete m.parameters.W2;
      }),
    ],
    1,
    /parameters\.W2 is missing/,
  ],
  [
    'mis-shaped matrix',
    [
      'predict',
      '--model',
      spoiled('shape.json', (m) => {
        m.parameters.W1.shape = [2, 10];
      }),
    ],
    1,
    /parameters\.W1 must have shape \[10, 2\]/,
  ],
  [
    'non-finite weight',
    [
      'predict',
      '--model',
      spoiled('nanw.json', (m) => {
        m.parameters.b1.float64 = Buffer.from(
          Float64Array.from({ length: 10 }, (_, i) => (i === 3 ? NaN : 0)).buffer,
        ).toString('base64');
      }),
    ],
    1,
    /parameters\.b1 has a non-finite value \(NaN\) at row 4, column 1/,
  ],
  [
    'short weights',
    [
      'predict',
      '--model',
      spoiled('short.json', (m) => {
        m.parameters.W3.float64 = Buffer.from(new Float64Array(2).buffer).toString('base64');
      }),
    ],
    1,
    /parameters\.W3 holds 2 values, expected 5/,
  ],
  [
    'bad base64',
    [
      'predict',
      '--model',
      spoiled('b64.json', (m) => {
        m.parameters.W3.float64 = '%%%';
      }),
    ],
    1,
    /not valid base64/,
  ],
  [
    'unknown activation',
    [
      'predict',
      '--model',
      spoiled('act.json', (m) => {
        m.activations[0] = 'swish';
      }),
    ],
    1,
    /layer 1: unknown activation "swish"/,
  ],
  ['no --model', ['predict'], 2, /required option '--model <file>' not specified/],
  [
    'missing model file',
    ['predict', '--model', join(dir, 'absent.json')],
    1,
    /absent\.json does not exist/,
  ],
  [
    'model vs data width',
    ['predict', '--model', join(dir, 'good.json'), '--data', join(dir, 'three.csv')],
    2,
    /the model takes 2 features/,
  ],
  // numerics and output
  [
    'diverging run',
    ['train', '--lr', '1e300', '--iterations', '50', '--no-report'],
    1,
    /diverged at iteration \d+ .*lower --lr/,
  ],
  [
    'report over a file',
    ['train', '--iterations', '5', '--out', file('afile', 'x')],
    1,
    /exists and is not a folder/,
  ],
];

describe('bad input: one clear line, the right exit code', () => {
  it('the model to spoil was saved', () => expect(trained.status, trained.stderr).toBe(0));
  for (const [name, args, code, message] of cases) {
    it(name, () => {
      const r = cli(args);
      expect(r.status, r.stderr).toBe(code);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a 1 GB CSV is refused before it is read', () => {
    const p = join(dir, 'huge.csv');
    const fd = openSync(p, 'w');
    ftruncateSync(fd, 2 ** 30);
    closeSync(fd);
    const t = Date.now();
    const r = cli(['data', '--dataset', p]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /huge\.csv is 1\.0 GB; initlab reads CSV files up to 200\.0 MB/,
    );
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('a CSV with a BOM, CRLF line ends, a header and semicolons is read', () => {
    const p = file('ok.csv', '\ufeffa;b;label\r\n0.5;-1;1\r\n2;3e-1;0\r\n');
    const r = cli(['data', '--dataset', p, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      X: [
        [0.5, 2],
        [-1, 0.3],
      ],
      Y: [[1, 0]],
    });
  });

  it('a diverging run prints no NaN and keeps what it had', () => {
    const r = cli(['train', '--lr', '1e300', '--iterations', '50', '--no-report', '--json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.runs[0].stopReason).toBe('diverged');
    expect(doc.runs[0].costs.length).toBeGreaterThanOrEqual(1);
    expect(r.stdout).not.toMatch(/nan|NaN|null/);
  });

  it("train --save then predict gives the training run's accuracy", () => {
    const model = join(dir, 'he.json');
    const t = JSON.parse(cli(['train', '--save', model, '--no-report', '--json']).stdout);
    const p = JSON.parse(cli(['predict', '--model', model, '--json']).stdout);
    expect(p.accuracy).toBe(t.runs[0].testAccuracy);
    expect(p.predictions).toHaveLength(100);
  });
});

describe('parsers throw only typed errors, whatever the input', () => {
  const typedOrNothing = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof InitlabError))
        throw new Error(`untyped ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    }
  };
  const texts = fc.oneof(
    fc.string(),
    fc.string({
      unit: fc.constantFrom('0', '1', ',', ';', '\n', '\r', '.', 'e', '-', ' ', 'x', '=', ':', 'n'),
    }),
  );
  it('SPECs, layers, initializers, activations', () => {
    fc.assert(
      fc.property(texts, (s) => {
        typedOrNothing(() => parseSpec(s, 'dataset'));
        typedOrNothing(() => datasetFromSpec(s.slice(0, 40).replace(/n=\d{5,}/g, 'n=9')));
        typedOrNothing(() => parseLayers(s));
        typedOrNothing(() => parseInits(s));
        typedOrNothing(() => resolveInitializer(s));
        typedOrNothing(() => activationFromName(s));
      }),
      { numRuns: 500 },
    );
  });
  it('CSV text', () => {
    fc.assert(
      fc.property(texts, (s) => typedOrNothing(() => parseCsv(s, 'fuzz.csv'))),
      { numRuns: 500 },
    );
  });
  it('model files, including spoiled real ones', () => {
    const text = serializeModel(initializeNetwork([2, 3, 1], initializers.he));
    fc.assert(
      fc.property(texts, fc.nat(text.length), (s, cut) => {
        typedOrNothing(() => parseModel(s));
        typedOrNothing(() => parseModel(text.slice(0, cut) + s));
      }),
      { numRuns: 500 },
    );
  });
});

describe('round trips and replays', () => {
  it('save then load gives the same network, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 5 }),
        fc.constantFrom('relu', 'tanh', 'leaky-relu:slope=0.2', 'elu', 'selu', 'linear'),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (dims, act, seed) => {
          const d = [...dims, 1];
          const net = initializeNetwork(d, initializers.random, {
            seed,
            scale: 1e-3 + (seed % 1000),
            activations: defaultActivations(d, activationFromName(act)),
          });
          net.b.forEach((b, l) =>
            b.data.set(new RandomState((seed ^ l) >>> 0).normal(0, 1e-300, b.data.length)),
          );
          const back = parseModel(serializeModel(net, { seed })).network;
          expect(back.dims).toEqual(d);
          expect(back.activations.map((a) => a.name)).toEqual(net.activations.map((a) => a.name));
          net.W.forEach((w, l) =>
            expect(new Uint8Array(back.W[l].data.buffer)).toEqual(new Uint8Array(w.data.buffer)),
          );
          net.b.forEach((b, l) =>
            expect(new Uint8Array(back.b[l].data.buffer)).toEqual(new Uint8Array(b.data.buffer)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('CSV written then read is the same dataset', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
            fc.constantFrom(0, 1),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (rows) => {
          const X = Matrix.fromRows([rows.map((r) => r[0]), rows.map((r) => r[1])]);
          const Y = Matrix.fromRows([rows.map((r) => r[2])]);
          const back = parseCsv(toCsv({ X, Y }));
          expect(back.X.data).toEqual(X.data);
          expect(back.Y.data).toEqual(Y.data);
        },
      ),
    );
  });

  it('a run is bitwise deterministic for a seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('he', 'xavier', 'random'),
        (seed, init) => {
          const data = datasetFromSpec(`circles:n=60,seed=${seed}`);
          const once = () => {
            const net = initializeNetwork([2, 6, 3, 1], initializers[init], { seed, scale: 1 });
            const r = train(net, data, { learningRate: 0.1, iterations: 30, recordEvery: 10 });
            return [r.costs.map((c) => c.cost), ...net.W.map((w) => Array.from(w.data))];
          };
          expect(once()).toEqual(once());
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** Starts `initlab args`, sends SIGINT after `afterMs`, and returns how it ended (SIGKILL after 20 s: never left running). */
async function interrupted(
  args: string[],
  afterMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  await new Promise((r) => setTimeout(r, afterMs));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const result = { code: await code, stdout, stderr };
  clearTimeout(timer);
  return result;
}

describe('Ctrl-C', () => {
  it('stops a long run cleanly, keeps its history and says where it stopped', async () => {
    const r = await interrupted(
      ['train', '--iterations', '100000000', '--print-every', '10000', '--json', '--no-report'],
      1500,
    );
    expect(r.code).toBe(130);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.stopReason).toBe('interrupted');
    expect(run.iterationsRun).toBeGreaterThan(10000);
    expect(run.costs.length).toBeGreaterThan(1);
    expect(r.stderr).toMatch(/interrupted/);
  });

  it('stops a wide network within a slice, not after a fixed count of slow iterations', async () => {
    // one iteration of this network takes tens of milliseconds: a stop only at every 100th
    // iteration (progress's count) would report at least 100 here
    const r = await interrupted(
      [
        'train',
        '--layers',
        '2,256,256,256,1',
        '--train',
        'circles:n=2000',
        '--iterations',
        '100000',
        '--json',
        '--no-report',
        '--quiet',
      ],
      1500,
    );
    expect(r.code).toBe(130);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.stopReason).toBe('interrupted');
    expect(run.iterationsRun).toBeGreaterThan(0);
    expect(run.iterationsRun).toBeLessThan(100);
  });
});

describe('Ctrl-C during a sweep', () => {
  it('keeps the runs that finished and says the grid is incomplete', async () => {
    const r = await interrupted(
      ['sweep', '--seeds', '1-60', '--iterations', '3000', '--json', '--no-report', '--quiet'],
      2500,
    );
    expect(r.code).toBe(130);
    const doc = JSON.parse(r.stdout);
    expect(doc.interrupted).toBe(true);
    expect(doc.runs.length).toBeGreaterThan(0);
    expect(doc.runs.length).toBeLessThan(180);
    expect(doc.summary.length).toBeGreaterThan(0);
  });
});

describe('nothing half-written', () => {
  it('killing a report writer at any moment leaves the old report or the new one, whole', async () => {
    const out = join(dir, 'kill', 'report');
    mkdirSync(join(dir, 'kill'));
    expect(cli(['train', '--iterations', '10', '--out', out, '--quiet']).status).toBe(0);
    const oldIndex = readFileSync(join(out, 'index.html'), 'utf8');
    for (const delay of [150, 300, 450, 600, 800, 1000, 1300]) {
      const child = spawn(
        process.execPath,
        [BIN, 'compare', '--inits', 'he,xavier', '--iterations', '10', '--out', out, '--quiet'],
        { stdio: 'ignore' },
      );
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL'); // no effect if it has finished already: then the new report must be whole
      await exited;
      const files = readdirSync(out);
      const index = readFileSync(join(out, 'index.html'), 'utf8');
      if (index === oldIndex) continue; // the old report, untouched
      // else the new one, complete: every figure of both runs and the JSON
      expect(files).toEqual(
        expect.arrayContaining([
          'results.json',
          'costs.csv',
          'compare-boundaries.png',
          'xavier-initialization-boundary.png',
          'he-initialization-cost.png',
        ]),
      );
      expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs).toHaveLength(2);
    }
    // stale temporary folders of the killed writers are cleared by the next write
    expect(cli(['train', '--iterations', '10', '--out', out, '--quiet']).status).toBe(0);
    expect(readdirSync(join(dir, 'kill'))).toEqual(['report']);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });
});
