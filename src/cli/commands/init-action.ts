// What `initlab init` does once its flags are parsed.
import { z } from 'zod';
import { formatNumpy } from '../../format.js';
import { resolveInitializer } from '../../nn/initializers.js';
import { initializeNetwork, networkToDict } from '../../nn/network.js';
import { num, parseOrThrow, seedText } from '../../validate.js';
import { toJson } from '../json.js';
import { parseLayers } from '../setup.js';
import type { InitFlags } from './init.js';

const schema = z.object({ seed: seedText('--seed'), scale: num('--scale').pipe(z.number().refine(Number.isFinite, { message: '--scale must be finite' })) });

export function printInit(flags: InitFlags): void {
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
}
