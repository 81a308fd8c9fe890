// `initlab reproduce NAME`: published results about initialization, each a seeded experiment
// with its target, a PASS/FAIL verdict, a figure and its sources.
import type { Command } from 'commander';

export interface ReproduceFlags {
  list?: boolean;
  quick?: boolean;
  seed: string;
  json?: boolean;
  report: boolean;
  out: string;
}

export function registerReproduceCommand(program: Command): void {
  program
    .command('reproduce')
    .description(
      'reproduce published results (schoenholz2017, he2015, glorot2010, klambauer2017, hanin2018, pennington2017): theory beside a measured network, PASS or FAIL',
    )
    .argument('[names...]', 'reproductions to run (default: all); see --list')
    .option('--list', 'list the reproductions with their claims and sources')
    .option('--quick', 'the short version (smaller networks, wider tolerances; what npm test runs)')
    .option('--seed <n>', 'seed of the RandomState the networks and inputs are drawn from', '0')
    .option(
      '--json',
      'print {"reproductions":[{"name","pass","checks":[{"what","target","measured","tolerance","pass"}],...}],"pass"}',
    )
    .option('--no-report', 'do not write the report folder')
    .option('--out <dir>', 'report folder (figures, results.json, index.html)', 'initlab-reproduce')
    .action(async (names: string[], flags: ReproduceFlags) =>
      (await import('./reproduce-action.js')).runReproduce(names, flags),
    );
}
