// Every list flag refuses a value given twice, in one line naming the flag and the value:
// --inits (the same initializer and parameters, however spelled), --seeds (repeats and
// overlapping ranges) and --lr (the same number, however written), for sweep and compare.
import { describe, expect, it } from 'vitest';
import { parseInits } from '../src/cli/setup.js';
import { parseRange } from '../src/experiments/sweep.js';
import { UsageError } from '../src/errors.js';
import { firstRepeat } from '../src/list-repeats.js';
import { cli } from './helpers.js';

describe('a value given twice to a list flag is refused', () => {
  it('firstRepeat names the repeat and the earlier item it repeats', () => {
    expect(firstRepeat([3, 1, 4, 1, 5], (v) => v)).toEqual({ item: 1, earlier: 1 });
    expect(firstRepeat(['a', 'B', 'b'], (v) => v.toLowerCase())).toEqual({
      item: 'b',
      earlier: 'B',
    });
    expect(firstRepeat([1, 2, 3], (v) => v)).toBeUndefined();
  });

  it.each([
    ['1,1', 1],
    ['1-5,3', 3],
    ['1-10,5-15', 5],
    ['7,2-8', 7],
  ])('--seeds %s: seed %d is given twice', (text, seed) => {
    expect(() => parseRange(text)).toThrow(UsageError);
    expect(() => parseRange(text)).toThrow(
      new RegExp(`^--seeds "${text}": seed ${seed} is given twice`),
    );
  });

  it('--inits: the same initializer and parameters, however spelled', () => {
    expect(() => parseInits('he,he')).toThrow(/"he" is given twice$/);
    expect(() => parseInits('random,random:scale=10')).toThrow(
      /"random:scale=10" is given twice \(as "random": the same initializer and parameters\)/,
    );
    expect(() => parseInits('orthogonal:gain=1,orthogonal')).toThrow(/is given twice/);
    // different parameters are different initializers
    expect(parseInits('random,random:scale=1')).toEqual(['random', 'random:scale=1']);
    // under --scale 3, random is random:scale=3, not random:scale=10
    expect(parseInits('random,random:scale=10', '--inits', 3)).toHaveLength(2);
    expect(() => parseInits('random,random:scale=3', '--inits', 3)).toThrow(/is given twice/);
  });

  it.each([
    [
      ['sweep', '--seeds', '1,1', '--no-report'],
      /^initlab: --seeds "1,1": seed 1 is given twice; give each seed once\n$/,
    ],
    [
      ['sweep', '--lr', '0.01,1e-2', '--no-report'],
      /^initlab: --lr "0.01,1e-2": the rate 0.01 is given twice; give each rate once\n$/,
    ],
    [
      ['sweep', '--inits', 'random,random:scale=10', '--no-report'],
      /^initlab: --inits "random,random:scale=10": "random:scale=10" is given twice/,
    ],
    [['compare', '--inits', 'he,he:', '--no-report'], /^initlab: --inits "he,he:": /],
  ])('%j exits 2 with one line', (args, message) => {
    const r = cli(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
