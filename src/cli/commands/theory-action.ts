// What `initlab theory` does once its flags are parsed.
import { scalarActivation } from '../../theory/activation-calculus.js';
import {
  criticalWeightVar,
  meanField,
  pairTrajectory,
  type MeanFieldSummary,
} from '../../theory/mean-field.js';
import { readNumber, type ParamDef } from '../../validate.js';
import { keepRunningWithoutStdout, requireStdout } from '../stdout.js';
import { toJson } from '../json.js';
import { UsageError } from '../../errors.js';
import { parseInits } from '../setup.js';
import { MAX_PHASE_CELLS, phaseDiagram } from '../../theory/phase-diagram.js';
import type { ScalarActivation } from '../../theory/activation-calculus.js';
import { VERSION } from '../version.js';
import { interruptExitCode, watchInterrupt } from '../interrupt.js';
import type { TheoryFlags } from './theory.js';

// The same ParamDef schemas as every other option (validate.ts): a refusal names the flag,
// what was given and what is accepted, `--c0 must be a finite number from -1 to 1, got "2"`.
const THEORY_OPTIONS = {
  weightVar: { gt: 0, max: 1e6, doc: 'σ_w², the weight variance times fan_in' },
  biasVar: { min: 0, max: 1e6, doc: 'σ_b², the bias variance' },
  q0: { gt: 0, max: 1e12, doc: "the inputs' squared length per unit" },
  c0: { min: -1, max: 1, doc: 'the correlation of two inputs' },
  depth: { integer: true, min: 1, max: 10000, doc: 'layers to follow with --c0' },
  weightVarMax: { gt: 0.1, max: 1000, doc: "the phase diagram's largest σ_w²" },
  biasVarMax: { gt: 0, max: 100, doc: "the phase diagram's largest σ_b²" },
  gridSide: { integer: true, min: 2, max: 200, doc: 'grid points along one axis' },
  width: {
    integer: true,
    min: 1,
    max: 1e6,
    doc: 'the layer width the initializers are placed for',
  },
} as const satisfies Record<string, ParamDef>;

const fmt = (x: number | null, digits = 10) =>
  x === null
    ? 'none'
    : Number.isFinite(x)
      ? String(Number(x.toPrecision(digits)))
      : x > 0
        ? '∞'
        : String(x);

export async function runTheory(flags: TheoryFlags): Promise<void> {
  const f = {
    weightVar: readNumber(THEORY_OPTIONS.weightVar, flags.weightVar, '--weight-var') as number,
    biasVar: readNumber(THEORY_OPTIONS.biasVar, flags.biasVar, '--bias-var') as number,
    q0: readNumber(THEORY_OPTIONS.q0, flags.q0, '--q0') as number,
    c0: readNumber(THEORY_OPTIONS.c0, flags.c0, '--c0'),
    depth: readNumber(THEORY_OPTIONS.depth, flags.depth, '--depth') as number,
  };
  const act = scalarActivation(flags.activation);
  if (flags.phaseDiagram) return runPhaseDiagram(act, flags, f.q0);
  if (flags.out !== undefined)
    throw new UsageError('--out writes the phase diagram: give --phase-diagram with it');
  if (flags.inits !== undefined)
    throw new UsageError(
      '--inits places initializers on the phase diagram: give --phase-diagram with it',
    );
  requireStdout('the results');
  const point = { weightVar: f.weightVar, biasVar: f.biasVar };
  const m = meanField(act, point, f.q0);
  const critical = criticalWeightVar(act, f.biasVar, f.q0);
  const stopped = watchInterrupt();
  const layers =
    f.c0 === undefined ? undefined : pairTrajectory(act, point, f.q0, f.c0, f.depth, stopped);
  // a stop during --depth: what was followed is printed, marked as cut short, with the stop's exit code
  const interrupted = layers !== undefined && layers.length < f.depth && stopped();
  if (interrupted) process.exitCode = interruptExitCode();
  if (flags.json) {
    process.stdout.write(
      `${toJson({ ...m, q0: f.q0, critical: critical && { biasVar: f.biasVar, ...critical }, ...(layers && { c0: f.c0, layers }), ...(interrupted && { interrupted: true }) })}\n`,
    );
    return;
  }
  const lines = [
    `mean-field theory: ${m.activation}, σ_w² = ${f.weightVar}, σ_b² = ${f.biasVar}  (Poole et al. 2016; Schoenholz et al. 2017)`,
    `  q*    ${fmt(m.qStar).padEnd(16)} ${lengthWords(m, f.q0)}`,
    `  χ₁    ${fmt(m.chi1).padEnd(16)} σ_w² E[φ′(√q* z)²]${m.lengthKind === 'unbounded' ? ' as q → ∞' : ''}: ${m.phase}${phaseWords(m)}`,
    `  c*    ${fmt(m.cStar).padEnd(16)} the correlation two inputs settle at`,
    `  χ_c   ${fmt(m.chiC).padEnd(16)} slope of the correlation map at c*`,
    `  ξ_q   ${fmt(m.xiQ, 6).padEnd(16)} layers for the length to settle`,
    `  ξ_c   ${fmt(m.xiC, 6).padEnd(16)} layers for the correlation to settle; trainable depth ≈ 6 ξ_c = ${fmt(m.trainableDepth, 4)}`,
    ...whyNone(m),
    critical
      ? `  critical line at σ_b² = ${f.biasVar}: σ_w² = ${fmt(critical.weightVar, 7)} (q* = ${fmt(critical.qStar, 7)})`
      : `  critical line at σ_b² = ${f.biasVar}: none (χ₁ stays below 1 up to σ_w² = 1e6)`,
  ];
  if (layers) {
    lines.push('', `two inputs, q0 = ${f.q0}, c0 = ${f.c0}:`, 'layer             q             c');
    for (const l of layers)
      lines.push(
        `${String(l.layer).padStart(5)} ${fmt(l.q, 8).padStart(13)} ${fmt(l.c, 8).padStart(13)}`,
      );
    if (interrupted) lines.push(`interrupted after layer ${layers.length} of ${f.depth}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The symbols of the summary's fields, for the lines that say why one has no value. */
const SYMBOL = {
  cStar: 'c*',
  chiC: 'χ_c',
  xiQ: 'ξ_q',
  xiC: 'ξ_c',
  trainableDepth: '6 ξ_c',
} as const;

/** One line per distinct reason a field is none, naming the fields it covers. */
function whyNone(m: MeanFieldSummary): string[] {
  const byReason = new Map<string, string[]>();
  for (const key of Object.keys(SYMBOL) as (keyof typeof SYMBOL)[]) {
    const why = m.undefinedBecause?.[key];
    if (why !== undefined) byReason.set(why, [...(byReason.get(why) ?? []), SYMBOL[key]]);
  }
  return [...byReason].map(([why, keys]) => `  ${keys.join(', ')} none: ${why}`);
}

/** What the phase means for this network, in words, after its name. */
function phaseWords(m: MeanFieldSummary): string {
  if (m.lengthStep !== undefined && m.phase !== 'critical')
    return m.phase === 'chaotic'
      ? ' (above 1 at every finite q, tending to 1 as q grows: gradients grow, ever more slowly)'
      : ' (below 1 at every finite q, tending to 1 as q grows: gradients shrink, ever more slowly)';
  if (m.phase === 'ordered') return ' (< 1: inputs become alike, gradients vanish)';
  if (m.phase === 'critical') return ' (= 1: the edge of chaos)';
  return m.cStar === null
    ? ' (> 1: gradients explode)'
    : ' (> 1: nearby inputs decorrelate, gradients explode)';
}

/** What the length does with depth, in words, after q*'s value. */
function lengthWords(m: MeanFieldSummary, q0: number): string {
  const rate = fmt(m.lengthRate, 6);
  switch (m.lengthRegime) {
    case 'kept':
      return `every q is kept: the inputs' own q0 = ${q0}`;
    case 'explodes':
      return `none: q is multiplied by ${rate} a layer, without bound`;
    case 'grows':
      return `none: q grows by ${fmt(m.lengthStep ?? null, 6)} a layer, without bound`;
    case 'vanishes':
      return `q → 0: the signal shrinks by ${rate} a layer`;
    default:
      return `fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b², approached by ${rate} a layer`;
  }
}

/** `--grid cols,rows`: two whole numbers. */
function readGrid(text: string): [number, number] {
  const parts = text.split(',');
  if (parts.length !== 2)
    throw new UsageError(`--grid takes two numbers, cols,rows (like 27,13), got "${text}"`);
  const [cols, rows] = parts.map(
    (p, i) =>
      readNumber(THEORY_OPTIONS.gridSide, p.trim(), `--grid (${i ? 'rows' : 'cols'})`) as number,
  );
  if (cols * rows > MAX_PHASE_CELLS)
    throw new UsageError(
      `--grid ${cols},${rows} is ${cols * rows} points; the limit is ${MAX_PHASE_CELLS} (lower cols or rows)`,
    );
  return [cols, rows];
}

/** `initlab theory --phase-diagram`: the grid, the critical line, the initializers; a table, JSON and/or a report folder. */
async function runPhaseDiagram(
  act: ScalarActivation,
  flags: TheoryFlags,
  q0: number,
): Promise<void> {
  const wMax = readNumber(
    THEORY_OPTIONS.weightVarMax,
    flags.weightVarMax,
    '--weight-var-max',
  ) as number;
  const bMax = readNumber(THEORY_OPTIONS.biasVarMax, flags.biasVarMax, '--bias-var-max') as number;
  const width = readNumber(THEORY_OPTIONS.width, flags.width, '--width') as number;
  const [cols, rows] = readGrid(flags.grid);
  if (flags.out !== undefined) {
    const { checkOutputDir } = await import('../../node/outputs.js');
    checkOutputDir(flags.out, '--out');
    keepRunningWithoutStdout();
  } else requireStdout('the phase diagram');
  const d = phaseDiagram(
    act,
    { min: 0.1, max: wMax, count: cols },
    { min: 0, max: bMax, count: rows },
    { q0, width, ...(flags.inits !== undefined && { initializers: parseInits(flags.inits) }) },
  );
  // each initializer's own verdict, at the full precision of meanField
  const placed = d.initializers.map((p) => ({ ...p, ...pick(meanField(act, p, q0)) }));
  const doc = { ...d, initializers: placed };
  if (flags.out !== undefined) {
    const { writeFigureReport } = await import('../../node/figure-report.js');
    const { phaseDiagramLegendSpec, phaseDiagramSpec } =
      await import('../../plot/phase-diagram-spec.js');
    const files = await writeFigureReport(
      flags.out,
      {
        title: `initlab theory: the phase diagram of ${d.activation}`,
        config: [
          ['activation', d.activation],
          ['σ_w²', `0.1 to ${wMax} (${cols} points)`],
          ['σ_b²', `0 to ${bMax} (${rows} points)`],
          ['q0', String(q0)],
          ['layer width (initializers)', String(width)],
        ],
        table: {
          head: ['initializer', 'σ_w²', 'σ_b²', 'phase', 'χ₁', 'trainable depth 6ξ_c'],
          rows: placed.map((p) => [
            p.names.join(', '),
            fmt(p.weightVar, 6),
            fmt(p.biasVar, 6),
            p.phase,
            fmt(p.chi1, 6),
            fmt(p.trainableDepth, 4),
          ]),
        },
        figures: [
          {
            name: 'phase-diagram',
            heading: 'Order, chaos and the trainable depth',
            text: 'Schoenholz et al. 2017: signals cross a network of depth L only where L ≲ 6 ξ_c; ξ_c diverges on the order-to-chaos line χ₁ = 1, where initializations train deepest. Points: where each initializer puts a square layer.',
            caption: `${d.activation}: 6ξ_c over (σ_w², σ_b²), the critical line and the initializers`,
            panels: [phaseDiagramSpec(d), phaseDiagramLegendSpec()],
            columns: 1,
          },
        ],
        results: doc,
      },
      VERSION,
    );
    process.stderr.write(`report: ${flags.out}/index.html (${files.length} files)\n`);
  }
  if (flags.json) {
    process.stdout.write(`${toJson(doc)}\n`);
    return;
  }
  const lines = [
    `phase diagram: ${d.activation}, σ_w² from 0.1 to ${wMax}, σ_b² from 0 to ${bMax}  (Schoenholz et al. 2017)`,
    '',
    'order-to-chaos line (χ₁ = 1):',
    '      σ_b²         σ_w²',
  ];
  const every = Math.max(1, Math.floor(d.critical.length / 8));
  d.critical.forEach((c, i) => {
    if (i % every === 0 || i === d.critical.length - 1)
      lines.push(
        `${fmt(c.biasVar, 6).padStart(10)} ${(c.weightVar === null ? 'none' : fmt(c.weightVar, 7)).padStart(12)}`,
      );
  });
  lines.push(
    '',
    `initializers (square layers of ${width}):`,
    'initializer                                   σ_w²       σ_b²  phase      trainable depth 6ξ_c',
  );
  for (const p of placed)
    lines.push(
      `${p.names.join(', ').padEnd(44)} ${fmt(p.weightVar, 5).padStart(6)} ${fmt(p.biasVar, 4).padStart(10)}  ${p.phase.padEnd(10)} ${fmt(p.trainableDepth, 4)}`,
    );
  // the entries with no point say why, as --json's `unplaced` does
  if (d.unplaced.length)
    lines.push('', 'not placed:', ...d.unplaced.map((u) => `  ${u.name}: ${u.reason}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

const pick = (m: ReturnType<typeof meanField>) => ({
  phase: m.phase,
  chi1: m.chi1,
  qStar: m.qStar,
  xiC: m.xiC,
  trainableDepth: m.trainableDepth,
});
