// What `initlab data` does once its flags are parsed.
import { datasets } from '../../data/registry.js';
import { toCsv } from '../../data/csv.js';
import { loadData } from '../setup.js';
import { UsageError } from '../../errors.js';
import { pyFloat } from '../../format.js';
import { toJson } from '../json.js';
import type { DataFlags } from './data.js';
import { requireStdout } from '../stdout.js';

export function printData(flags: DataFlags): void {
  requireStdout(flags.list ? 'the list' : 'the data');
  if (flags.list && flags.json) {
    // as init --list --json: the catalogue for programs
    process.stdout.write(
      `${toJson({ datasets: Object.values(datasets).map((d) => ({ name: d.name, description: d.description, keys: d.keys })) })}\n`,
    );
    return;
  }
  if (flags.list) {
    for (const d of Object.values(datasets))
      process.stdout.write(
        `${d.name.padEnd(10)} ${d.description}\n${' '.repeat(11)}keys: ${d.keys}\n`,
      );
    return;
  }
  if (flags.json && flags.csv) throw new UsageError('choose one of --json and --csv');
  const { X, Y } = loadData(flags.dataset);
  if (flags.json) {
    process.stdout.write(`${toJson({ X: X.toArray(), Y: Y.toArray() })}\n`);
    return;
  }
  if (flags.csv) {
    process.stdout.write(toCsv({ X, Y }));
    return;
  }
  const header = [...Array.from({ length: X.rows }, (_, f) => `x${f + 1}`), 'label'].join(',');
  const ones = Y.data.reduce((s, y) => s + y, 0);
  process.stdout.write(
    `${flags.dataset}: ${X.cols} examples, ${X.rows} features, ${ones} labelled 1 and ${X.cols - ones} labelled 0\n`,
  );
  process.stdout.write(`first examples (${header}):\n`);
  for (let j = 0; j < Math.min(5, X.cols); j++)
    process.stdout.write(
      `  ${Array.from({ length: X.rows }, (_, f) => pyFloat(X.get(f, j))).join(', ')} → ${Y.data[j]}\n`,
    );
  process.stdout.write('use --json or --csv for all of it\n');
}
