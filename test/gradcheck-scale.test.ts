// gradcheck when the parameters dwarf ε: the nudge θ ± ε is near float64's spacing of θ, and
// the difference then measures rounding, not backpropagation. initlab says so (no verdict,
// exit 1) with an ε that resolves the parameters, and never "check the gradients" for it.
// Expected values: numpy's own central differences on the same networks.
// Fixture: /usr/bin/python3 scripts/make_gradcheck_scale_fixture.py > test/fixtures/gradcheck_scale.json
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

interface Case {
  scale: number;
  largestParameter: number;
  roundingFloor: number;
  difference: number;
  suggestedEpsilon: number;
  differenceAtSuggested: number;
}
const { cases }: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/gradcheck_scale.json', import.meta.url), 'utf8'),
);

const gradcheck = (scale: number, extra: string[] = []) =>
  cli([
    'gradcheck',
    '--init',
    'random',
    '--scale',
    String(scale),
    '--activation',
    'tanh',
    ...extra,
  ]);

describe('gradcheck with parameters much larger than ε', { timeout: 60_000 }, () => {
  for (const c of cases) {
    const unresolved = c.difference >= 2e-7;
    it(`random ×${c.scale}: numpy's difference ${c.difference.toExponential(2)}; ${unresolved ? 'no verdict, and --epsilon ' + c.suggestedEpsilon + ' resolves it' : 'agrees'}`, () => {
      const r = gradcheck(c.scale, ['--json']);
      const doc = JSON.parse(r.stdout);
      expect(doc.largestParameter).toBe(c.largestParameter); // the same weights, bit for bit
      expect(doc.roundingFloor).toBe(c.roundingFloor);
      // both differences are rounding noise of the same size (the orders of the sums differ)
      expect(doc.difference / c.difference).toBeGreaterThan(1 / 3);
      expect(doc.difference / c.difference).toBeLessThan(3);
      expect(doc.resolved).toBe(!unresolved);
      expect(r.status).toBe(unresolved ? 1 : 0);
      if (!unresolved) return;
      expect(doc.suggestedEpsilon).toBe(c.suggestedEpsilon);
      const text = gradcheck(c.scale);
      expect(text.stdout).toMatch(
        /^difference = \S+: no verdict: ε = 1e-7 is too small for parameters as large as /,
      );
      expect(text.stdout).toContain(`rerun with --epsilon ${c.suggestedEpsilon}`);
      expect(text.stdout).not.toContain('check the gradients');
      // numpy agrees at the suggested ε, and so does initlab
      expect(c.differenceAtSuggested).toBeLessThan(2e-7);
      const again = gradcheck(c.scale, ['--epsilon', String(c.suggestedEpsilon)]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/backpropagation agrees with the finite differences/);
    });
  }
});
