// What `initlab theory` does once its flags are parsed.
import * as z from 'zod/mini';
import { scalarActivation } from '../../theory/activation-calculus.js';
import { criticalWeightVar, meanField, pairTrajectory } from '../../theory/mean-field.js';
import { checkedNumber, int, num, parseOrThrow } from '../../validate.js';
import { toJson } from '../json.js';
import type { TheoryFlags } from './theory.js';

/** A finite number given as text, then held to `checks` (z.number() alone would say only "Invalid input" for 1e400). */
const finiteNumber = (label: string, ...checks: z.core.$ZodCheck<number>[]) =>
  z.pipe(num(label), z.number({ error: `${label} must be a finite number` }).check(...checks));

const theorySchema = z.object({
  weightVar: finiteNumber('--weight-var', z.gt(0, { message: '--weight-var (σ_w²) must be above 0' }), z.lte(1e6, { message: '--weight-var (σ_w²) must be at most 1e6' })),
  biasVar: finiteNumber('--bias-var', z.minimum(0, { message: '--bias-var (σ_b²) must be 0 or more' }), z.lte(1e6, { message: '--bias-var (σ_b²) must be at most 1e6' })),
  q0: finiteNumber('--q0', z.gt(0, { message: '--q0 must be above 0' }), z.lte(1e12, { message: '--q0 must be at most 1e12' })),
  c0: z.optional(finiteNumber('--c0', z.minimum(-1, { message: '--c0 is a correlation: between -1 and 1' }), z.maximum(1, { message: '--c0 is a correlation: between -1 and 1' }))),
  depth: checkedNumber(int('--depth'), z.minimum(1, { message: '--depth must be between 1 and 10000' }), z.maximum(10000, { message: '--depth must be between 1 and 10000' })),
});

const fmt = (x: number, digits = 10) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : x > 0 ? '∞' : String(x));

export function runTheory(flags: TheoryFlags): void {
  const f = parseOrThrow(theorySchema, flags, 'invalid option');
  const act = scalarActivation(flags.activation);
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
