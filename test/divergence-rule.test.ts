// One divergence rule for every command (issue 17, case 1): a run whose cost blew up but stayed
// finite is as diverged as one whose cost overflowed, and a sweep's row says so in the run
// doctor's own words. The same configuration goes through `train` (its doctor is the
// reference) and `sweep` (on threads here; on the queue in test/queue.test.ts).
//
// Inputs tried, by kind:
//   the rule on hand-made cost lists (its stated thresholds: final > 1.5 × first and > ln 2 + 0.1) .. 8
//   cost rose but stayed finite: elu lr 5 (0.98 → 3.7), elu lr 30 (→ 1e26), tanh lr 50 ................ 3
//   cost overflowed: random ×1e200, linear lr 5 ......................................................... 2
//   runs that did not diverge: he lr 0.01 (trains), linear lr 1 (stuck at ln 2), zeros (symmetric) ...... 3
import { describe, expect, it } from 'vitest';
import { divergenceOf } from '../src/train/divergence.js';
import { cli } from './helpers.js';

const LN2 = Math.log(2);
const costs = (...cs: number[]) => cs.map((cost, i) => ({ iteration: 100 * i, cost }));

describe('the rule', () => {
  it('a final cost above 1.5 × the first and above ln 2 + 0.1 is a divergence; below either bound it is not', () => {
    const rose = divergenceOf({ stopReason: 'completed', costs: costs(0.9812, 2, 3.7463) });
    expect(rose).toMatchObject({ kind: 'cost-rose', firstCost: 0.9812, lastCost: 3.7463 });
    expect(rose?.what).toBe('its cost rose from 0.981 to 3.75');
    // 1.4 × the first: slow or noisy, not diverged
    expect(divergenceOf({ stopReason: 'completed', costs: costs(0.7, 0.98) })).toBeNull();
    // 4 × the first but still near chance (below ln 2 + 0.1): not diverged
    expect(divergenceOf({ stopReason: 'completed', costs: costs(0.19, 0.76) })).toBeNull();
    // just above both bounds
    expect(
      divergenceOf({ stopReason: 'completed', costs: costs(0.2, LN2 + 0.1 + 1e-9) })?.kind,
    ).toBe('cost-rose');
    // the final cost, when given, is where the run ended (the records may stop short of it)
    expect(
      divergenceOf({ stopReason: 'completed', costs: costs(0.9, 0.5), finalCost: 2e11 }),
    ).toMatchObject({ kind: 'cost-rose', lastCost: 2e11 });
    expect(
      divergenceOf({ stopReason: 'completed', costs: costs(0.9, 5e5), finalCost: 0.1 }),
    ).toBeNull();
  });

  it('a non-finite cost is a divergence at its iteration, whatever the costs before it', () => {
    expect(
      divergenceOf({ stopReason: 'diverged', divergedAt: 12, costs: costs(0.69, 0.5) }),
    ).toMatchObject({
      kind: 'non-finite',
      iteration: 12,
      what: 'its cost stopped being a finite number at iteration 12',
    });
    // a stopped run that rose is judged by its costs like any other
    expect(divergenceOf({ stopReason: 'interrupted', costs: costs(0.7, 9) })?.kind).toBe(
      'cost-rose',
    );
    expect(divergenceOf({ stopReason: 'completed', costs: [] })).toBeNull();
  });
});

interface Row {
  stopReason: string;
  reason: string | null;
  finalCost: number;
  divergence?: string;
  doctor?: { findings: { kind: string; cause: string }[] };
}

const CASES: { name: string; args: string[]; diverged: boolean }[] = [
  { name: 'elu lr 5: cost 0.98 → 3.7', args: ['--activation', 'elu', '--lr', '5'], diverged: true },
  { name: 'elu lr 30: cost → 1e26', args: ['--activation', 'elu', '--lr', '30'], diverged: true },
  { name: 'tanh lr 50', args: ['--activation', 'tanh', '--lr', '50'], diverged: true },
  {
    name: 'random ×1e200: overflow',
    args: ['--init', 'random:scale=1e200', '--lr', '0.01'],
    diverged: true,
  },
  { name: 'linear lr 5: overflow', args: ['--activation', 'linear', '--lr', '5'], diverged: true },
  { name: 'he lr 0.01: trains', args: ['--lr', '0.01'], diverged: false },
  {
    name: 'linear lr 1: stuck at ln 2',
    args: ['--activation', 'linear', '--lr', '1'],
    diverged: false,
  },
  { name: 'zeros: symmetric', args: ['--init', 'zeros', '--lr', '0.5'], diverged: false },
];

describe('train and sweep say the same of the same run', { timeout: 120_000 }, () => {
  for (const c of CASES) {
    it(c.name, () => {
      const init = c.args.includes('--init') ? c.args[c.args.indexOf('--init') + 1] : 'he';
      const rest = c.args.filter((_, i) => c.args[i] !== '--init' && c.args[i - 1] !== '--init');
      const common = ['--iterations', '300', '--quiet', '--json', '--no-report'];
      const t = cli(['train', '--init', init, ...rest, ...common]);
      expect(t.status, t.stderr).toBe(c.diverged ? 1 : 0);
      const run = (JSON.parse(t.stdout) as { runs: Row[] }).runs[0];
      const finding = run.doctor?.findings.find((f) => f.kind === 'diverged');
      expect(finding !== undefined).toBe(c.diverged);
      expect(run.stopReason).toBe(c.diverged ? 'diverged' : 'completed');
      expect(run.divergence).toBe(finding?.cause);

      const s = cli(['sweep', '--inits', init, '--seeds', '3', ...rest, ...common]);
      expect(s.status, s.stderr).toBe(0);
      const row = (JSON.parse(s.stdout) as { runs: Row[] }).runs[0];
      expect(row.stopReason).toBe(run.stopReason);
      expect(row.reason).toBe(finding?.cause ?? null);
      expect(row.finalCost).toBe(run.finalCost);
      if (c.diverged) expect(t.stderr).toMatch(/^initlab: the \S+ run diverged .*lower --lr/m);
    });
  }
});
