// Flags that contradict each other are refused, never settled by "the last one wins":
// `--labels --no-labels`, `--seed 1 --seed 2`, `--no-report --out DIR`, `--model` beside the
// flags that would draw a network it replaces. Read as commander parses, so the refusal comes
// before any work, in one line.
import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';

/**
 * Per command, groups of flags that cannot be given together: the first flag of a group
 * against each of the others, with why. A flag given at its default counts only when typed.
 */
const EXCLUSIVE: Readonly<
  Record<string, readonly (readonly [string, readonly string[], string])[]>
> = {
  notebook: [['--no-report', ['--out', '--show-test'], 'no report is written']],
  train: [['--no-report', ['--out', '--show-test'], 'no report is written']],
  compare: [['--no-report', ['--out', '--show-test'], 'no report is written']],
  sweep: [['--no-report', ['--out'], 'no sweep folder is written']],
  reproduce: [
    ['--no-report', ['--out'], 'no report is written'],
    [
      '--list',
      ['--quick', '--seed', '--no-report', '--out'],
      '--list only lists the reproductions',
    ],
  ],
  data: [['--list', ['--dataset', '--csv'], '--list only lists the generators']],
  init: [
    [
      '--list',
      ['--init', '--layers', '--seed', '--scale', '--data'],
      '--list only lists the initializers',
    ],
  ],
  gradcheck: [
    [
      '--model',
      ['--init', '--seed', '--scale', '--layers', '--activation'],
      'the model brings its own layers, activations and weights',
    ],
    [
      '--course-case',
      ['--model', '--init', '--seed', '--scale', '--layers', '--activation', '--train'],
      'the course case brings its own network and data',
    ],
  ],
};

/** How a flag is shown: its long name as typed (`--no-labels`). */
const flagOf = (option: Option): string => option.long ?? option.flags;

/**
 * Makes `cmd` refuse, while it parses: a flag and its negation (`--x` and `--no-x`) both
 * given, one flag given twice with different values, and the pairs of EXCLUSIVE.
 * @throws UsageError (from the parse) naming both flags and what to do
 */
export function refuseContradictions(cmd: Command): void {
  const seen = new Map<string, { flag: string; value: unknown }>();
  const typed = new Set<string>();
  const groups = EXCLUSIVE[cmd.name()] ?? [];
  for (const option of cmd.options as Option[]) {
    const flag = flagOf(option);
    cmd.on(`option:${option.name()}`, (value: unknown) => {
      const key = option.attributeName();
      const before = seen.get(key);
      if (before && before.flag !== flag)
        throw new UsageError(`${before.flag} and ${flag} contradict each other; give one of them`);
      if (before && before.value !== value) {
        throw new UsageError(
          `${flag} is given twice (${JSON.stringify(before.value)}, then ${JSON.stringify(value)}); give it once`,
        );
      }
      seen.set(key, { flag, value });
      typed.add(flag);
      for (const [first, others, why] of groups) {
        const clash =
          flag === first
            ? others.find((o) => typed.has(o))
            : others.includes(flag) && typed.has(first)
              ? flag
              : undefined;
        if (clash !== undefined)
          throw new UsageError(
            `${first} and ${clash} cannot be given together: ${why}; drop one of them`,
          );
      }
    });
  }
}
