// One rule for a value, in every parser that reads one: a value is accepted only in its one
// documented form (src/validate.ts), never with spaces around or inside it, a plus sign, a bare
// point, hex, an exponent where a whole number is asked for, or nothing. Every SPEC parser
// (datasets, initializers, activations, optimizers, learning-rate decays), the sweep's seed
// axis and the numeric flags are given the same table of odd spellings. Expected: refused with
// one line that quotes the value, the plain spelling read as its number.
import { describe, expect, it } from 'vitest';
import { pointsOfSpec, datasetFromSpec } from '../src/data/registry.js';
import { UsageError } from '../src/errors.js';
import { parseRange } from '../src/experiments/sweep.js';
import { activationFromName } from '../src/nn/activations.js';
import { resolveInitializer } from '../src/nn/initializers.js';
import { parseOptimizer } from '../src/nn/optimizers.js';
import { parseLrDecay } from '../src/train/lr-decay.js';
import { cli } from './helpers.js';

/** Odd spellings of the whole number 5, and of the number 0.5. */
const ODD_INTEGERS = [
  ' 5',
  '5 ',
  ' 5 ',
  '5\t',
  '+5',
  '5.',
  '5.0',
  '0x5',
  '5e0',
  '',
  '5 0',
  '٥',
  '５',
  'Infinity',
  '5_0',
];
const ODD_NUMBERS = [
  ' 0.5',
  '0.5 ',
  '\t0.5',
  '+0.5',
  '.5',
  '0.5.',
  '0x5',
  '',
  '0. 5',
  '0 .5',
  'NaN',
  'Infinity',
  '½',
  '0,5',
];

/** Each parser: what it reads, and where the value goes. */
const PARSERS: { what: string; kind: 'integer' | 'number'; read: (v: string) => number }[] = [
  { what: 'dataset circles:n', kind: 'integer', read: (v) => pointsOfSpec(`circles:n=${v}`) },
  {
    what: 'dataset circles:noise',
    kind: 'number',
    read: (v) => {
      datasetFromSpec(`circles:n=3,noise=${v}`);
      return 0.5;
    },
  },
  {
    what: 'dataset moons:noise',
    kind: 'number',
    read: (v) => {
      datasetFromSpec(`moons:n=3,noise=${v}`);
      return 0.5;
    },
  },
  {
    what: 'initializer orthogonal:gain',
    kind: 'number',
    read: (v) => resolveInitializer(`orthogonal:gain=${v}`).opts.gain as number,
  },
  {
    what: 'initializer kaiming-normal:a',
    kind: 'number',
    read: (v) => resolveInitializer(`kaiming-normal:a=${v}`).opts.a as number,
  },
  {
    what: 'initializer lsuv:max-iter',
    kind: 'integer',
    read: (v) => resolveInitializer(`lsuv:max-iter=${v}`).opts['max-iter'] as number,
  },
  {
    what: 'activation leaky-relu:slope',
    kind: 'number',
    read: (v) => Number(activationFromName(`leaky-relu:slope=${v}`).name.split('=')[1]),
  },
  {
    what: 'optimizer adam:beta1',
    kind: 'number',
    read: (v) => parseOptimizer(`adam:beta1=${v}`).beta1 as number,
  },
  {
    what: 'optimizer momentum:beta',
    kind: 'number',
    read: (v) => parseOptimizer(`momentum:beta=${v}`).beta as number,
  },
  {
    what: 'lr decay inverse:rate',
    kind: 'number',
    read: (v) => parseLrDecay(`inverse:rate=${v}`)!.rate,
  },
  {
    what: 'lr decay scheduled:interval',
    kind: 'integer',
    read: (v) => parseLrDecay(`scheduled:interval=${v}`)!.interval,
  },
];

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  return '';
}

describe('one documented spelling for every value', () => {
  for (const p of PARSERS) {
    const odd = p.kind === 'integer' ? ODD_INTEGERS : ODD_NUMBERS;
    const plain = p.kind === 'integer' ? '5' : '0.5';
    it(`${p.what}: ${plain} reads as ${plain}; ${odd.length} other spellings are refused in one line`, () => {
      expect(p.read(plain)).toBe(Number(plain));
      if (p.kind === 'number') expect(p.read('5e-1')).toBe(0.5); // the exponent is part of a number's form
      for (const v of odd) {
        const message = refusal(() => p.read(v));
        expect(message, `${p.what} accepted ${JSON.stringify(v)}`).not.toBe('');
        expect(message).not.toContain('\n');
        // the value is quoted as given (an empty one is named as empty)
        if (v.trim() === v && v !== '') expect(message).toContain(JSON.stringify(v).slice(1, -1));
      }
    });
  }

  it('a space before "=" is refused too, and spaces may still separate the pairs', () => {
    expect(refusal(() => pointsOfSpec('circles:n =5'))).toMatch(/a space before "="; write n=5/);
    expect(pointsOfSpec(' circles: n=5, noise=0.1')).toBe(5);
    expect(datasetFromSpec('circles:n=4, shuffle=false').X.cols).toBe(4);
  });

  it("the sweep's seed axis: a list (spaces around its commas), each entry in decimal digits", () => {
    expect(parseRange('5, 7-8')).toEqual([5, 7, 8]);
    for (const v of ['+5', '5.', '5.0', '0x5', '5e0', '', '5 0', '٥', 'Infinity', '-5'])
      expect(
        refusal(() => parseRange(v)),
        JSON.stringify(v),
      ).not.toBe('');
  });

  it('through the command line: exit 2, one line, the plain spelling suggested', () => {
    const cases: [string[], RegExp][] = [
      [
        ['data', '--dataset', 'circles:n= 5'],
        /n must be an integer .* got " 5" \(write it in decimal digits only: 5\)$/,
      ],
      [
        ['data', '--dataset', 'circles:noise=+0.1'],
        /noise must be .* got "\+0\.1" \(write it as 0\.1/,
      ],
      [
        ['init', '--init', 'orthogonal:gain=.5', '--layers', '2,2'],
        /gain must be .* got "\.5" \(write it as 0\.5/,
      ],
      [['train', '--lr', ' 0.1'], /--lr must be .* got " 0\.1" \(write it as 0\.1/],
      [['train', '--optimizer', 'adam:beta1=0.9 '], /beta1 must be .* got "0\.9 "/],
      [
        ['train', '--lr-decay', 'scheduled:interval=1e3'],
        /interval must be an integer .* got "1e3" \(write it in decimal digits only: 1000\)$/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  });
});
