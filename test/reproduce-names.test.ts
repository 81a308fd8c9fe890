// reproduce's names: --list NAME lists only those; a name given twice is refused in one line,
// as every list flag refuses a repeat; an unknown name is refused before anything runs.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('reproduce NAME…', () => {
  it('--list with names lists only those, in the registry order', () => {
    const r = cli(['reproduce', '--list', '--json', 'hanin2018', 'he2015']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).reproductions.map((x: { name: string }) => x.name)).toEqual([
      'he2015',
      'hanin2018',
    ]);
    const text = cli(['reproduce', '--list', 'glorot2010']);
    expect(text.stdout.trim().split('\n')[0]).toMatch(/^glorot2010 /);
    expect(text.stdout).not.toMatch(/he2015/);
  });
  it('a name given twice, however spelled, and an unknown name: one line, exit 2', () => {
    for (const args of [['hanin2018', 'HANIN2018'], ['--list', 'he2015', 'he2015'], ['nope']]) {
      const r = cli(['reproduce', ...args, '--quick']);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
