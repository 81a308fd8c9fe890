// Where a benchmark's tables go: bench/results/ (committed) only when the run was given
// --write; otherwise bench/build/results/ (ignored by git), so a benchmark run never
// overwrites the committed numbers unless asked to.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** True when this run may replace the committed results. */
export const writeCommitted = process.argv.includes('--write');

/** Writes { file name: text } and says where. */
export function writeResults(files) {
  const dir = writeCommitted ? join(here, 'results') : join(here, 'build', 'results');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const where = relative(process.cwd(), dir) || '.';
  console.log(
    `wrote ${Object.keys(files).join(', ')} in ${where}${writeCommitted ? '' : ' (add --write to replace the committed bench/results)'}`,
  );
}
