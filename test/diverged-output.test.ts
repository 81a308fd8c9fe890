// A run that diverged shows no accuracy: its outputs are not numbers, so none is read off them
// (as the probe never shows an explosion as zero).
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('a diverged run in the text output', () => {
  for (const init of ['random:scale=1e200', 'constant:value=1e300']) {
    it(`${init}: "not computed" where an accuracy would be, "diverged" in the table`, () => {
      const r = cli([
        'compare',
        '--inits',
        `he,${init}`,
        '--iterations',
        '5',
        '--no-report',
        '--quiet',
      ]);
      expect(r.status, r.stderr).toBe(1); // a diverged run is a failure of the run
      const lines = r.stdout.split('\n');
      const start = lines.findIndex((l) => l.startsWith(`== ${init}`));
      const section = lines.slice(
        start,
        lines.findIndex((l, i) => i > start && l.startsWith('Model')),
      );
      expect(section.filter((l) => l.startsWith('Accuracy:'))).toEqual([
        'Accuracy: not computed (the run diverged at iteration 0)',
        'Accuracy: not computed (the run diverged at iteration 0)',
      ]);
      const row = lines.find(
        (l) => l.includes(init) && l.includes('diverged') && !l.startsWith('=='),
      )!;
      expect(row.split(/\s{2,}/).slice(1, 3)).toEqual(['diverged', 'diverged']);
      // the He run beside it still shows its numbers
      expect(r.stdout).toMatch(/Accuracy: 0\.\d+/);
    });
  }
});
