// gradcheck where the gradients are zero, tiny or kinked: a relative error with a zero (or
// rounding-sized) denominator must not pass for a verdict. Every verdict branch, text and
// --json, against numpy's central differences on the same networks and the verdict rule
// documented in src/train/gradient-verdict.ts, applied to numpy's numbers; and each verdict's
// exit code from the CLI (0 for agrees and zero, 1 with one stderr line for the others: a
// step ε so large that truncation error alone passes 2e-7 is the command line's disagreement).
// Fixture: /usr/bin/python3 scripts/make_gradcheck_zero_fixture.py > test/fixtures/gradcheck_zero.json
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../src/data/registry.js';
import type { Activation } from '../src/nn/activations.js';
import { tanh, sigmoid } from '../src/nn/activations.js';
import { initializers } from '../src/nn/initializers.js';
import { initializeNetwork } from '../src/nn/network.js';
import { gradientCheckDetails } from '../src/train/gradient-check.js';
import { AGREES, gradientCheckVerdict } from '../src/train/gradient-verdict.js';
import { cli } from './helpers.js';

interface Case {
  init: string;
  activation: string;
  train: string;
  layers: number[];
  seed: number;
  epsilon: number;
  cost: number;
  difference: number;
  resolvedDifference: number;
  gradientFloor: number;
  largestGradient: number;
  largestApprox: number;
  largestDisagreement: number;
  zeroGradients: number;
  parameters: number;
  kinks: number;
  verdict: string;
}
const { cases }: { cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/gradcheck_zero.json', import.meta.url), 'utf8'),
);

const args = (c: Case) => [
  'gradcheck',
  '--init',
  c.init,
  '--activation',
  c.activation,
  '--train',
  c.train,
  '--layers',
  c.layers.join(','),
  '--seed',
  String(c.seed),
  '--epsilon',
  String(c.epsilon),
];

/** The first words of each verdict's line, after "difference = …: ". */
const TEXT: Record<string, RegExp> = {
  zero: /: the gradient is zero here: .* are both 0 to within the cost's rounding/,
  agrees: /: backpropagation agrees with the finite differences/,
  unresolved: /: no verdict: the gradients are so small .*(rerun with --epsilon|no ε resolves)/,
  kinks:
    /: larger than 2e-7, and \d+ hidden pre-activations lie within a nudge of their activation's kink/,
  // every disagreement the command line reaches is at a large ε: the line names truncation
  disagrees:
    /: larger than 2e-7, at a step ε = \S+ large enough for the finite differences' truncation error \(∝ ε²\) to pass 2e-7 alone; they differ most at \S+/,
};

/** The one stderr line of each verdict that fails (exit 1): what to do. */
const FAILURE: Record<string, RegExp> = {
  unresolved:
    /^initlab: the gradient check has no verdict .*(rerun with --epsilon \S+|check a model)[^\n]*\n$/,
  kinks:
    /^initlab: the gradient check has no verdict: .* on a ReLU kink; rerun with another --seed or --init[^\n]*\n$/,
  disagrees:
    /^initlab: the gradient check failed: difference \S+ > 2e-7 \(largest at \S+\); at --epsilon \S+ the finite differences' truncation error .*rerun with --epsilon 1e-7\n$/,
};

/** A tanh whose backward step is wrong in the way the fixture's `wrong` and `dead` are. */
const brokenTanh = (kind: string): Activation => ({
  name: 'tanh',
  forward: tanh.forward,
  backward(dA, _z, a, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = kind === 'dead' ? 0 : dA[i] * (1 - a[i]);
  },
});

describe('gradcheck verdicts with zero, tiny and kinked gradients', { timeout: 120_000 }, () => {
  for (const c of cases.filter((k) => k.activation in { relu: 1, tanh: 1, sigmoid: 1 })) {
    it(`${c.init} ${c.activation} on ${c.train}, ε ${c.epsilon}: numpy's verdict is ${c.verdict}`, () => {
      const r = cli([...args(c), '--json']);
      const doc = JSON.parse(r.stdout);
      expect(doc.verdict).toBe(c.verdict);
      // only a verdict that confirms backpropagation passes; the others exit 1 with one line saying what to do
      const passes = c.verdict === 'agrees' || c.verdict === 'zero';
      expect(r.status, r.stderr).toBe(passes ? 0 : 1);
      expect(r.stderr).toMatch(passes ? /^$/ : FAILURE[c.verdict]);
      expect(doc.resolved).toBe(c.verdict !== 'unresolved');
      expect(Math.abs(doc.cost - c.cost)).toBeLessThanOrEqual(1e-13 * Math.abs(c.cost));
      expect(doc.gradientFloor / c.gradientFloor).toBeCloseTo(1, 12);
      expect(doc.parameters).toBe(c.parameters);
      expect(doc.zeroGradients).toBe(c.zeroGradients);
      expect(doc.kinks).toBe(c.kinks);
      // the gradients themselves: equal to within the rounding floor, component by component
      expect(Math.abs(doc.largestGradient - c.largestGradient)).toBeLessThanOrEqual(
        c.gradientFloor,
      );
      expect(Math.abs(doc.largestApprox - c.largestApprox)).toBeLessThanOrEqual(c.gradientFloor);
      if (c.verdict === 'kinks' || c.verdict === 'disagrees')
        expect(doc.difference / c.difference).toBeCloseTo(1, 3);
      if (c.verdict === 'agrees')
        expect(Math.min(doc.difference, doc.resolvedDifference)).toBeLessThan(AGREES);
      if (c.verdict === 'unresolved') expect(doc.suggestedEpsilon).toBeGreaterThan(c.epsilon);
      const text = cli(args(c));
      expect(text.status, text.stderr).toBe(r.status);
      expect(text.stderr).toBe(r.stderr);
      expect(text.stdout).toMatch(/^difference = \S+/);
      expect(text.stdout).toMatch(TEXT[c.verdict]);
      expect(text.stdout).not.toContain('check the gradients'); // no case here blames backpropagation
    });
  }

  it('the unresolved case agrees at the ε it suggests, as numpy does there', () => {
    const c = cases.find((k) => k.verdict === 'unresolved')!;
    const at = cases.find(
      (k) => k.init === c.init && k.layers.join() === c.layers.join() && k !== c,
    )!;
    const suggested = JSON.parse(cli([...args(c), '--json']).stdout).suggestedEpsilon;
    expect(suggested).toBe(at.epsilon);
    expect(at.verdict).toBe('agrees');
    const again = cli(args(at));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(TEXT.agrees);
  });

  for (const c of cases.filter((k) => k.activation === 'wrong' || k.activation === 'dead')) {
    it(`a broken backward pass (${c.activation}) disagrees, as in numpy`, () => {
      const net = initializeNetwork(c.layers, initializers.he, {
        seed: c.seed,
        activations: [...c.layers.slice(2).map(() => brokenTanh(c.activation)), sigmoid],
      });
      const r = gradientCheckDetails(net, datasetFromSpec(c.train), { epsilon: c.epsilon });
      expect(c.verdict).toBe('disagrees');
      expect(gradientCheckVerdict(r)).toBe('disagrees');
      expect(r.difference / c.difference).toBeCloseTo(1, 6);
      expect(r.kinks).toBe(0);
    });
  }
});
