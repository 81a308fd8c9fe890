// `initlab init`: the parameters an initializer gives, printed like the notebook's cells.
import type { Command } from 'commander';
import { z } from 'zod';
import { initializeNetwork, networkToDict } from '../../nn/network.js';
import { initializerNames, resolveInitializer } from '../../nn/initializers.js';
import { formatNumpy } from '../../format.js';
import { num, parseOrThrow, seedText } from '../../validate.js';
import { parseLayers } from '../options.js';
import { toJson } from '../json.js';

const schema = z.object({ seed: seedText('--seed'), scale: num('--scale').pipe(z.number().refine(Number.isFinite, { message: '--scale must be finite' })) });

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description("print the initial parameters W1, b1, … for a network, as the notebook's cells do")
    .option('--init <name>', `initialization (${initializerNames().join(', ')})`, 'he')
    .option('--layers <sizes>', 'layer sizes, input first', '2,4,1')
    .option('--seed <n>', 'seed of the RandomState (0..4294967295)', '3')
    .option('--scale <x>', 'multiplier for --init random', '10')
    .option('--json', 'print {"W1":[[...]],"b1":[[...]],...}')
    .action((flags: { init: string; layers: string; seed: string; scale: string; json?: boolean }) => {
      const f = parseOrThrow(schema, flags, 'invalid option');
      const dims = parseLayers(flags.layers);
      const { init, opts } = resolveInitializer(flags.init, { scale: f.scale });
      const dict = networkToDict(initializeNetwork(dims, init, { ...opts, seed: f.seed }));
      if (flags.json) {
        process.stdout.write(`${toJson(dict)}\n`);
        return;
      }
      // print("W1 = " + str(W1)), as the notebook's cells do
      for (const [k, v] of Object.entries(dict)) process.stdout.write(`${k} = ${formatNumpy(v)}\n`);
    });
}
