// Shared test helpers: the committed reference fixtures, tolerant comparisons, the built CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built command line, as npm installs it. */
export const BIN = fileURLToPath(new URL('../bin/initlab.js', import.meta.url));
/** Runs `initlab args...` in a real process (from `cwd` if given). */
export const cli = (args: string[], cwd?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, maxBuffer: 1 << 26 });

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

/** numpy 1.24 / scikit-learn 1.2 numbers for the notebook (copied from ../shared/reference). */
export const ref = load('notebook_reference.json');
/** More numpy vectors made by scripts/make_extra_reference.py. */
export const extra = load('extra_reference.json');

/** The largest relative difference between two (nested) number arrays; Infinity on a shape mismatch. */
export function maxRelErr(a: unknown, b: unknown): number {
  if (Array.isArray(b) || ArrayBuffer.isView(b)) {
    const bb = Array.from(b as ArrayLike<unknown>);
    const aa =
      Array.isArray(a) || ArrayBuffer.isView(a) ? Array.from(a as ArrayLike<unknown>) : null;
    if (!aa || aa.length !== bb.length) return Infinity;
    return Math.max(0, ...bb.map((x, i) => maxRelErr(aa[i], x)));
  }
  if (typeof a !== 'number' || typeof b !== 'number') return Infinity;
  if (a === b) return 0;
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}
