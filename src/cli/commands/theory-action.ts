// What `initlab theory` does once its flags are parsed.
import { scalarActivation } from '../../theory/activation-calculus.js';
import { criticalWeightVar, meanField, pairTrajectory } from '../../theory/mean-field.js';
import { readNumber, type ParamDef } from '../../validate.js';
import { requireStdout } from '../stdout.js';
import { toJson } from '../json.js';
import type { TheoryFlags } from './theory.js';

// The same ParamDef schemas as every other option (validate.ts): a refusal names the flag,
// what was given and what is accepted, `--c0 must be a finite number from -1 to 1, got "2"`.
const THEORY_OPTIONS = {
  weightVar: { gt: 0, max: 1e6, doc: 'σ_w², the weight variance times fan_in' },
  biasVar: { min: 0, max: 1e6, doc: 'σ_b², the bias variance' },
  q0: { gt: 0, max: 1e12, doc: "the inputs' squared length per unit" },
  c0: { min: -1, max: 1, doc: 'the correlation of two inputs' },
  depth: { integer: true, min: 1, max: 10000, doc: 'layers to follow with --c0' },
} as const satisfies Record<string, ParamDef>;

const fmt = (x: number, digits = 10) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : x > 0 ? '∞' : String(x));

export function runTheory(flags: TheoryFlags): void {
  const f = {
    weightVar: readNumber(THEORY_OPTIONS.weightVar, flags.weightVar, '--weight-var') as number,
    biasVar: readNumber(THEORY_OPTIONS.biasVar, flags.biasVar, '--bias-var') as number,
    q0: readNumber(THEORY_OPTIONS.q0, flags.q0, '--q0') as number,
    c0: readNumber(THEORY_OPTIONS.c0, flags.c0, '--c0'),
    depth: readNumber(THEORY_OPTIONS.depth, flags.depth, '--depth') as number,
  };
  const act = scalarActivation(flags.activation);
  requireStdout('the results');
  const point = { weightVar: f.weightVar, biasVar: f.biasVar };
  const m = meanField(act, point, f.q0);
  const critical = criticalWeightVar(act, f.biasVar, f.q0);
  const layers = f.c0 === undefined ? undefined : pairTrajectory(act, point, f.q0, f.c0, f.depth);
  if (flags.json) {
    process.stdout.write(`${toJson({ ...m, q0: f.q0, critical: critical && { biasVar: f.biasVar, ...critical }, ...(layers && { c0: f.c0, layers }) })}\n`);
    return;
  }
  const lines = [
    `mean-field theory: ${m.activation}, σ_w² = ${f.weightVar}, σ_b² = ${f.biasVar}  (Poole et al. 2016; Schoenholz et al. 2017)`,
    `  q*    ${fmt(m.qStar).padEnd(16)} ${m.lengthKind === 'neutral' ? `every q is kept: the inputs' own q0 = ${f.q0}` : m.lengthKind === 'unbounded' ? 'none: the length grows layer after layer without bound' : 'fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²'}`,
    `  χ₁    ${fmt(m.chi1).padEnd(16)} σ_w² E[φ′(√q* z)²]: ${m.phase}${m.phase === 'ordered' ? ' (< 1: inputs become alike, gradients vanish)' : m.phase === 'chaotic' ? ' (> 1: nearby inputs decorrelate, gradients explode)' : ' (= 1: the edge of chaos)'}`,
    `  c*    ${fmt(m.cStar).padEnd(16)} the correlation two inputs settle at`,
    `  χ_c   ${fmt(m.chiC).padEnd(16)} slope of the correlation map at c*`,
    `  ξ_q   ${fmt(m.xiQ, 6).padEnd(16)} layers for the length to settle`,
    `  ξ_c   ${fmt(m.xiC, 6).padEnd(16)} layers for the correlation to settle; trainable depth ≈ 6 ξ_c = ${fmt(m.trainableDepth, 4)}`,
    critical
      ? `  critical line at σ_b² = ${f.biasVar}: σ_w² = ${fmt(critical.weightVar, 7)} (q* = ${fmt(critical.qStar, 7)})`
      : `  critical line at σ_b² = ${f.biasVar}: none (χ₁ stays below 1 up to σ_w² = 1e6)`,
  ];
  if (layers) {
    lines.push('', `two inputs, q0 = ${f.q0}, c0 = ${f.c0}:`, 'layer             q             c');
    for (const l of layers) lines.push(`${String(l.layer).padStart(5)} ${fmt(l.q, 8).padStart(13)} ${fmt(l.c, 8).padStart(13)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
