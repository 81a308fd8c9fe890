// One way to validate (issue 12, case 6): every registry entry's parameters and every option
// are checked by one schema each and one SPEC parser, from every command, model files and
// the web lab's URL; each refusal is one line naming what was given and what is accepted,
// in the user's words (a flag on the command line, a field label in the page).
//
// Bad inputs tried, per kind (counted as they run and checked at the end, so the numbers stay
// true): empty value 82, hexadecimal 132, a second "=" 66, non-finite 389, out of bounds 173,
// unknown word 19, prototype key 215, unknown key 49, key given twice 59 — 1184 in all, of
// which 100 through a real process (one line on stderr, exit 2 or, in a model file, 1). From:
//   - in-process, every parameter of every entry of the four registries:
//       empty value, hexadecimal, a second "=", non-finite (1e400, -1e400, Infinity, -Infinity,
//       NaN, inf), out of bounds (negative / zero / too large / not whole, where refused),
//       an unknown word for a choice or a boolean; per entry: prototype keys (__proto__,
//       constructor, toString, hasOwnProperty, valueOf), an unknown key, a key given twice;
//   - in-process, every numeric option read under its flag and under its web field;
//   - as a real process, each registry from each command that reads it (a rotating three
//     of the kinds per pair), the model file's activations, and --scale where it means nothing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromSpec, datasets } from '../src/data/registry.js';
import { UsageError } from '../src/errors.js';
import { activationFromName, activations } from '../src/nn/activations.js';
import { initializers, resolveInitializer } from '../src/nn/initializers.js';
import { parseOptimizer, optimizers } from '../src/nn/optimizers.js';
import { OPTIONS } from '../src/options.js';
import { parseSpec } from '../src/spec.js';
import { acceptedText, checkValue, type ParamDef, readParam } from '../src/validate.js';
import { initializeNetwork } from '../src/nn/network.js';
import { train } from '../src/train/train.js';
import { FIELD_LABELS, readState } from '../web/src/url-state.js';
import { OPTION_FLAGS } from '../src/cli/flags.js';
import { ACTIVATION_NAMES, INITIALIZER_NAMES } from '../src/registry-names.js';
import { cli } from './helpers.js';

type Kind =
  | 'empty'
  | 'hex'
  | 'two ='
  | 'non-finite'
  | 'out of bounds'
  | 'unknown word'
  | 'prototype key'
  | 'unknown key'
  | 'given twice';

const NON_FINITE = ['1e400', '-1e400', 'Infinity', '-Infinity', 'NaN', 'inf'];
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Values a parameter must refuse, by kind, derived from its schema. */
function badValues(def: ParamDef): [Kind, string][] {
  const out: [Kind, string][] = [
    ['empty', ''],
    ['two =', '1=2'],
  ];
  if (def.choices)
    return [
      ...out,
      ['unknown word', 'bogus'],
      ['unknown word', def.choices[0].toUpperCase() + '_x'],
    ];
  if (typeof def.default === 'boolean') return [...out, ['unknown word', 'maybe'], ['hex', '0x1']];
  out.push(
    ['hex', '0x10'],
    ['hex', '0X1F'],
    ...NON_FINITE.map((v): [Kind, string] => ['non-finite', v]),
  );
  if (def.min !== undefined)
    out.push(['out of bounds', String(def.min - 1)], ['out of bounds', String(def.min - 1e-3)]);
  if (def.positive) out.push(['out of bounds', '0']);
  if (def.gt !== undefined) out.push(['out of bounds', String(def.gt)]);
  if (def.lt !== undefined) out.push(['out of bounds', String(def.lt)]);
  if (def.max !== undefined) out.push(['out of bounds', String(def.max + 1)]);
  if (def.integer) out.push(['out of bounds', '1.5']);
  return out;
}

interface Registry {
  what: string;
  entries: Record<string, { params: Readonly<Record<string, ParamDef>> }>;
  resolve(spec: string): unknown;
}
const registries: Registry[] = [
  { what: 'initialization', entries: initializers, resolve: resolveInitializer },
  { what: 'activation', entries: activations, resolve: activationFromName },
  { what: 'optimizer', entries: optimizers, resolve: parseOptimizer },
  { what: 'dataset', entries: datasets, resolve: datasetFromSpec },
];

/** Every bad SPEC of a registry: [kind, spec, text the message must quote]. */
function badSpecs(r: Registry): [Kind, string, string][] {
  const out: [Kind, string, string][] = [];
  for (const [name, entry] of Object.entries(r.entries)) {
    for (const [key, def] of Object.entries(entry.params)) {
      for (const [kind, value] of badValues(def))
        out.push([
          kind,
          `${name}:${key}=${value}`,
          kind === 'empty' || kind === 'two =' ? key : value,
        ]);
      out.push(['given twice', `${name}:${key}=1,${key}=1`, key]);
    }
    for (const key of PROTO_KEYS) out.push(['prototype key', `${name}:${key}=1`, key]);
    out.push(['unknown key', `${name}:bogus=1`, 'bogus']);
  }
  return out;
}

const counts = new Map<Kind, number>();
const count = (kind: Kind) => counts.set(kind, (counts.get(kind) ?? 0) + 1);

function refused(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const m = (e as Error).message;
    expect(m).not.toContain('\n');
    return m;
  }
  throw new Error('accepted');
}

describe('every parameter of every registry entry: bad values refused in words', () => {
  for (const r of registries) {
    it(r.what, () => {
      for (const [kind, spec, quoted] of badSpecs(r)) {
        const m = refused(() => r.resolve(spec));
        count(kind);
        // what was given, and what is accepted
        expect(m, spec).toContain(quoted);
        expect(m, spec).toMatch(
          /must be|accepted:|takes no parameters|given twice|more than one "="|empty value/,
        );
        expect(m, spec).not.toMatch(/Invalid input|undefined|\[object/);
      }
    });
  }

  it('prototype keys are unknown keys, never "given twice" and never read through a prototype', () => {
    for (const key of PROTO_KEYS) {
      expect(parseSpec(`circles:${key}=1`, 'dataset').params[key]).toBe('1');
      expect(refused(() => datasetFromSpec(`circles:${key}=1`))).toBe(
        `dataset "circles": unknown parameter "${key}"; accepted: n, noise, seed, factor, shuffle`,
      );
    }
  });

  it('prototype names are unknown entries of every registry', () => {
    for (const r of registries) {
      for (const key of PROTO_KEYS) {
        const m = refused(() => r.resolve(key));
        count('prototype key');
        expect(m).toMatch(new RegExp(`^unknown ${r.what} "${key.toLowerCase()}"; accepted: `));
      }
    }
  });

  it('the cases of the issue', () => {
    expect(refused(() => activationFromName('leaky-relu:slope='))).toMatch(
      /slope has an empty value/,
    );
    expect(refused(() => activationFromName('leaky-relu:slope=0x10'))).toBe(
      'activation "leaky-relu": slope must be a finite number >= 0, got "0x10"',
    );
    expect(refused(() => activationFromName('relu:bogus=1'))).toBe(
      'activation "relu" takes no parameters, got "bogus"',
    );
    expect(refused(() => activationFromName('elu:alpha=1=2'))).toMatch(
      /"alpha=1=2" has more than one "="/,
    );
    expect(refused(() => datasetFromSpec('circles:n=5,'))).toBe(
      'dataset spec "circles:n=5,": an empty key=value pair (a stray ",")',
    );
    expect(refused(() => parseOptimizer('adam:=1'))).toBe(
      'optimizer spec "adam:=1": "=1" is not key=value',
    );
  });

  it("the --help name lists are the registries' names", () => {
    expect([...INITIALIZER_NAMES]).toEqual(Object.keys(initializers));
    expect([...ACTIVATION_NAMES]).toEqual(Object.keys(activations));
  });

  it("good values still pass, Keras' spellings included", () => {
    expect(resolveInitializer('variance-scaling:distribution=normal').opts.distribution).toBe(
      'truncated_normal',
    );
    expect(
      resolveInitializer('variance-scaling:distribution=untruncated_normal').opts.distribution,
    ).toBe('untruncated_normal');
    // spaces around the name and before a key, as between list entries; never around "=" or in a value
    expect(activationFromName(' leaky-relu : slope=0.2').name).toBe('leaky-relu:slope=0.2');
    expect(() => activationFromName('leaky-relu:slope = 0.2')).toThrow(UsageError);
    expect(() => activationFromName('leaky-relu:slope=0.2 ')).toThrow(UsageError);
    expect(parseOptimizer('adam:epsilon=1e-7')).toEqual({
      name: 'adam',
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
    });
    expect(datasetFromSpec('circles:n=10,shuffle=no').X.cols).toBe(10);
  });
});

// the CLI's flag for every core option; the web lab's numeric fields
const FLAGS = Object.entries(OPTION_FLAGS) as [keyof typeof OPTIONS, string][];
const FIELDS = ['seed', 'scale', 'lr', 'it', 'bs', 'speed'] as const;

describe('every option: one schema, named as the user knows it', () => {
  it('under its flag', () => {
    expect(Object.keys(OPTION_FLAGS).sort()).toEqual(Object.keys(OPTIONS).sort()); // every option has its flag
    for (const [option, name] of FLAGS) {
      for (const [kind, value] of badValues(OPTIONS[option]).filter(([k]) => k !== 'two =')) {
        const m = refused(() => readParam(OPTIONS[option], value, name));
        count(kind);
        expect(m.startsWith(`${name} must be `), m).toBe(true);
        expect(m).toContain(`, got ${JSON.stringify(value)}`);
      }
    }
  });

  it('under its web field: the field label, never a flag or an internal key', () => {
    for (const field of FIELDS) {
      for (const value of [
        '',
        '0x10',
        'abc',
        ...NON_FINITE,
        '1=2',
        ...(field === 'scale' ? [] : ['-5']),
      ]) {
        const { errors } = readState(`${field}=${encodeURIComponent(value)}`);
        const m = errors[field];
        expect(m, `${field}=${value}`).toBeDefined();
        count(
          value === ''
            ? 'empty'
            : value.startsWith('0x')
              ? 'hex'
              : NON_FINITE.includes(value)
                ? 'non-finite'
                : value === '1=2'
                  ? 'two ='
                  : 'out of bounds',
        );
        expect(m).toMatch(new RegExp(`^${FIELD_LABELS[field].replace(/[()]/g, '\\$&')} must be `));
        expect(m).toContain(JSON.stringify(value));
        expect(m).not.toMatch(/--|Invalid input/);
      }
    }
  });

  it('library calls hold numbers to the same schemas, under their own names', () => {
    const net = initializeNetwork([2, 3, 1], initializers.he);
    const data = datasetFromSpec('circles:n=20');
    for (const [options, message] of [
      [
        { learningRate: NaN, iterations: 1, recordEvery: 1 },
        'learningRate must be a finite number > 0, got NaN',
      ],
      [
        { learningRate: Infinity, iterations: 1, recordEvery: 1 },
        'learningRate must be a finite number > 0, got Infinity',
      ],
      [
        { learningRate: 0.1, iterations: 1.5, recordEvery: 1 },
        'iterations must be an integer from 1 to 1000000000, got 1.5',
      ],
      [
        { learningRate: 0.1, iterations: 1, recordEvery: 0 },
        'recordEvery must be an integer >= 1, got 0',
      ],
      [
        { learningRate: 0.1, iterations: 1, recordEvery: 1, batchSize: -1 },
        'batchSize must be an integer >= 0, got -1',
      ],
    ] as const)
      expect(refused(() => train(net, data, options))).toBe(message);
    expect(checkValue(OPTIONS.epsilon, 0.5, 'epsilon')).toBe(0.5);
    expect(acceptedText({ doc: '', min: 0, lt: 1 })).toBe('a finite number >= 0 and < 1');
    expect(acceptedText({ doc: '', integer: true, min: 1, max: 10 })).toBe(
      'an integer from 1 to 10',
    );
    expect(acceptedText({ doc: '', choices: ['a', 'b'], aliases: { c: 'a' } })).toBe(
      'one of a, b, c (= a)',
    );
  });

  it('SPEC fields and the activation count speak of the page, not the command line', () => {
    const { errors } = readState(
      'act=relu,tanh,relu&inits=he:bogus=1&opt=adam:beta1=2&data=circles:__proto__=1',
    );
    expect(errors.act).toBe(
      'Activation: give one activation or one per hidden layer (2), got 3: "relu,tanh,relu"',
    );
    expect(errors.inits).toMatch(/initialization "he" takes no parameters, got "bogus"/);
    expect(errors.opt).toMatch(
      /optimizer "adam": beta1 must be a finite number >= 0 and < 1, got "2"/,
    );
    expect(errors.data).toMatch(/dataset "circles": unknown parameter "__proto__"/);
    expect(readState('hidden=10,x').errors.hidden).toBe(
      'Hidden layers must be sizes like 10,5 (each from 1 to 2048, at most 50 layers), got "10,x"',
    );
    for (const m of Object.values(errors)) expect(m).not.toMatch(/--/);
  });
});

// ---------------------------------------------------------------------------- real processes
const dir = mkdtempSync(join(tmpdir(), 'initlab-validation-'));

/** The flags through which each registry is reached, per command. */
const ROUTES: Record<string, [string, (spec: string) => string[]][]> = {
  initialization: [
    ['init', (s) => ['init', '--init', s]],
    ['train', (s) => ['train', '--init', s]],
    ['compare', (s) => ['compare', '--inits', `he,${s}`]],
    ['sweep', (s) => ['sweep', '--inits', s]],
    ['probe', (s) => ['probe', '--init', s]],
    ['gradcheck', (s) => ['gradcheck', '--init', s]],
  ],
  activation: [
    ['train', (s) => ['train', '--activation', s]],
    ['compare', (s) => ['compare', '--activation', s]],
    ['notebook', (s) => ['notebook', '--activation', s]],
    ['sweep', (s) => ['sweep', '--activation', s]],
    ['probe', (s) => ['probe', '--activation', s]],
    ['gradcheck', (s) => ['gradcheck', '--activation', s]],
  ],
  optimizer: [
    ['train', (s) => ['train', '--optimizer', s]],
    ['compare', (s) => ['compare', '--optimizer', s]],
    ['notebook', (s) => ['notebook', '--optimizer', s]],
    ['sweep', (s) => ['sweep', '--optimizer', s]],
  ],
  dataset: [
    ['data', (s) => ['data', '--dataset', s]],
    ['train --train', (s) => ['train', '--train', s]],
    ['train --test', (s) => ['train', '--test', s]],
    ['compare', (s) => ['compare', '--train', s]],
    ['notebook', (s) => ['notebook', '--test', s]],
    ['sweep', (s) => ['sweep', '--train', s]],
    ['gradcheck', (s) => ['gradcheck', '--train', s]],
    ['predict', (s) => ['predict', '--model', MODEL, '--data', s]],
    ['init --data', (s) => ['init', '--data', s]],
  ],
};
const MODEL = join(dir, 'model.json');

/** Training commands get a short run and no report: should a bad input ever be accepted, the test stays quick and writes nothing. */
const safe = (args: string[]): string[] =>
  ['train', 'compare', 'notebook', 'sweep'].includes(args[0])
    ? [
        ...args,
        '--iterations',
        '1',
        '--no-report',
        '--quiet',
        ...(args[0] === 'sweep' ? ['--seeds', '1'] : []),
      ]
    : args;

/** One bad SPEC per kind for a registry, from its entries that have parameters. */
function samples(r: Registry): [Kind, string, string][] {
  const all = badSpecs(r);
  const kinds = [...new Set(all.map(([k]) => k))];
  return kinds.map(
    (k) =>
      all.filter(([kk]) => kk === k)[
        Math.floor(all.length / 7) % all.filter(([kk]) => kk === k).length
      ],
  );
}

describe('from every command: one line, exit 2, the same words', () => {
  it('a model to predict with', () => {
    const r = cli(['train', '--iterations', '1', '--save', MODEL, '--no-report', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
  });
  for (const r of registries) {
    const bad = samples(r);
    ROUTES[r.what].forEach(([command, args], i) => {
      // a rotating three of the kinds per command, so that every kind meets several commands
      for (let j = 0; j < 3; j++) {
        const [kind, spec, quoted] = bad[(i * 3 + j) % bad.length];
        it(`${r.what} from ${command}: ${kind} (${spec})`, () => {
          const p = cli(safe(args(spec)));
          count(kind);
          expect(p.status, p.stderr).toBe(2);
          const lines = p.stderr.trim().split('\n');
          expect(lines).toHaveLength(1);
          expect(lines[0]).toContain(quoted);
          expect(lines[0]).not.toMatch(/Invalid input|internal error/);
          expect(p.stdout).toBe('');
        });
      }
    });
  }

  it('a model file naming an activation with an unknown or bad parameter is refused', () => {
    for (const [act, quoted] of [
      ['relu:bogus=1', 'bogus'],
      ['leaky-relu:slope=0x10', '0x10'],
      ['elu:alpha=', 'alpha'],
      ['elu:__proto__=1', '__proto__'],
    ]) {
      const file = join(dir, 'spoiled.json');
      const m = JSON.parse(readFileSync(MODEL, 'utf8'));
      m.activations[0] = act;
      writeFileSync(file, JSON.stringify(m));
      const p = cli(['predict', '--model', file]);
      count(
        act.includes('bogus') || act.includes('__proto__')
          ? 'unknown key'
          : act.endsWith('=')
            ? 'empty'
            : 'hex',
      );
      expect(p.status).toBe(1);
      expect(p.stderr.trim().split('\n')).toHaveLength(1);
      expect(p.stderr).toMatch(new RegExp(`spoiled\\.json: layer 1: .*${quoted}`));
    }
  });

  it('options: the flag, the value and what is accepted, from every command', () => {
    const cases: [Kind, string[], string][] = [
      [
        'out of bounds',
        ['probe', '--depth', '0'],
        '--depth must be an integer from 1 to 10000, got "0"',
      ],
      [
        'hex',
        ['probe', '--width', '0x10'],
        '--width must be an integer from 1 to 20000, got "0x10"',
      ],
      [
        'empty',
        ['probe', '--samples', ''],
        '--samples must be an integer from 1 to 1000000, got ""',
      ],
      [
        'out of bounds',
        ['sweep', '--workers', '0'],
        '--workers must be an integer from 1 to 256, got "0"',
      ],
      [
        'hex',
        ['sweep', '--lr', '0.1,0x10'],
        '--lr (each of "0.1,0x10") must be a finite number > 0, got "0x10"',
      ],
      [
        'out of bounds',
        ['gradcheck', '--epsilon', '0'],
        '--epsilon must be a finite number > 0 and < 1, got "0"',
      ],
      [
        'out of bounds',
        ['train', '--threads', '0'],
        '--threads must be an integer from 1 to 256, got "0"',
      ],
      [
        'non-finite',
        ['init', '--seed', '1e400'],
        '--seed must be an integer from 0 to 4294967295, got "1e400" (beyond the range of a float64)',
      ],
      [
        'out of bounds',
        ['train', '--diagnostics-every', '-1'],
        '--diagnostics-every must be an integer >= 0, got "-1"',
      ],
      [
        'out of bounds',
        ['compare', '--batch-size', '1.5'],
        '--batch-size must be an integer >= 0, got "1.5"',
      ],
      ['empty', ['notebook', '--print-every', ''], '--print-every must be an integer >= 1, got ""'],
      [
        'non-finite',
        ['probe', '--seed', 'NaN'],
        '--seed must be an integer from 0 to 4294967295, got "NaN"',
      ],
      ['hex', ['serve', '--port', '0x50'], '--port must be an integer from 0 to 65535, got "0x50"'],
      [
        'out of bounds',
        ['serve', '--port', '65536'],
        '--port must be an integer from 0 to 65535, got "65536"',
      ],
    ];
    for (const [kind, args, message] of cases) {
      const p = cli(safe(args));
      count(kind);
      expect(p.status, args.join(' ')).toBe(2);
      expect(p.stderr.trim()).toBe(`initlab: ${message}`);
    }
  });

  it('--scale 1e400 is refused alike by every command that takes --scale', () => {
    for (const command of [
      ['train'],
      ['compare'],
      ['notebook'],
      ['init'],
      ['probe', '--init', 'random'],
      ['gradcheck'],
      ['sweep'],
    ]) {
      const p = cli(safe([...command, '--scale', '1e400']));
      count('non-finite');
      expect(p.status, command.join(' ')).toBe(2);
      expect(p.stderr.trim()).toBe(
        'initlab: --scale must be a finite number >= 0, got "1e400" (beyond the range of a float64)',
      );
    }
  });

  it('--scale given where no initializer is random is refused (it would change nothing); with random in the list it applies to random only', () => {
    for (const command of [
      ['init', '--init', 'variance-scaling'],
      ['train', '--init', 'he'],
      ['compare', '--inits', 'he,xavier'],
      ['sweep', '--inits', 'he'],
      ['probe', '--init', 'he'],
      ['gradcheck', '--init', 'variance-scaling'],
    ]) {
      const p = cli(safe([...command, '--scale', '2']));
      expect(p.status, command.join(' ')).toBe(2);
      expect(p.stderr.trim()).toMatch(
        /^initlab: --scale is the multiplier of initialization random only, and .* random; give an initializer's own parameters in its SPEC/,
      );
    }
    const twice = cli(['init', '--init', 'random:scale=1', '--scale', '2']);
    expect(twice.status).toBe(2);
    expect(twice.stderr.trim()).toBe(
      'initlab: --scale 2 would change nothing: random:scale=1 gives its own scale; give it once',
    );
    const doc = JSON.parse(
      cli([
        'compare',
        '--inits',
        'variance-scaling,random',
        '--scale',
        '1',
        '--iterations',
        '1',
        '--json',
        '--no-report',
        '--quiet',
      ]).stdout,
    );
    const init = (name: string) =>
      JSON.parse(cli(['init', '--init', name, '--layers', '2,10,5,1', '--json']).stdout);
    expect(init('variance-scaling').W1[0][0]).toBeCloseTo(1.4378290432078356, 12); // its own scale 1, not 10 (fixture: registry_defaults.json)
    expect(doc.runs.map((r: { init: string }) => r.init)).toEqual([
      'variance-scaling',
      'random:scale=1',
    ]); // the label names the scale drawn with
  });
});

describe('how many bad inputs were tried, per kind', () => {
  it("at least these many per kind (the suite's stated counts)", () => {
    const c = Object.fromEntries(counts);
    // the counts stated at the top of this file: floors, since a registry entry added later only adds cases
    expect(c).toEqual({
      empty: expect.toSatisfy((n: number) => n >= 82),
      hex: expect.toSatisfy((n: number) => n >= 131),
      'two =': expect.toSatisfy((n: number) => n >= 66),
      'non-finite': expect.toSatisfy((n: number) => n >= 389),
      'out of bounds': expect.toSatisfy((n: number) => n >= 172),
      'unknown word': expect.toSatisfy((n: number) => n >= 19),
      'prototype key': expect.toSatisfy((n: number) => n >= 215),
      'unknown key': expect.toSatisfy((n: number) => n >= 49),
      'given twice': expect.toSatisfy((n: number) => n >= 59),
    });
  });
});
