// How far each of glorot2010's checks lands from its target over seeds: the spread that sets
// the tolerances (README, reproduction tolerances), and how far a wrong init lands (the
// normalized init with its 1/3 missing, σ_w² = 3; Var = 2/n, σ_w² = 2; TF.js's uncorrected
// truncation, 0.774; the standard init with its 1/3 missing, σ_w² = 1).
// Usage: node bench/glorot2010-spread.mjs [seeds] [quick|full]   (after npm run build)
// Prints each seed's gaps (measured − target, relative where the check is) and the largest.
import { glorot2010Experiment } from '../dist/reproduce/glorot2010.js';

const seeds = Number(process.argv[2] ?? 10);
const size = process.argv[3] ?? 'quick';
const quick = size === 'quick';
const gap = (c) => (c.relative ? c.measured / c.target - 1 : c.measured - c.target);
const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(5)}`;
const worst = new Map();
for (let seed = 0; seed < seeds; seed++) {
  const { checks } = glorot2010Experiment({ quick, seed });
  for (const c of checks)
    worst.set(c.what, { c, gap: Math.max(worst.get(c.what)?.gap ?? 0, Math.abs(gap(c))) });
  console.log(`${size} seed ${seed}: ${checks.map((c) => signed(gap(c))).join(' ')}`);
}
for (const { c, gap: g } of worst.values())
  console.log(
    `largest |gap| ${g.toFixed(5)} (tolerance ${c.tolerance}${c.relative ? ' relative' : ''}): ${c.what}`,
  );
for (const [init, drawn] of [
  ['normalized', 3],
  ['normalized', 2],
  ['normalized', 0.7737],
  ['standard', 1],
]) {
  const { checks } = glorot2010Experiment({ quick, seed: 0, drawnWeightVar: { [init]: drawn } });
  const mine = checks.filter((c) => c.what.includes(init));
  console.log(
    `${size} wrong init, ${init} drawn at σ_w² = ${drawn}: ${mine.map((c) => `${c.pass ? 'pass' : 'FAIL'} ${signed(gap(c))}`).join(', ')}`,
  );
}
