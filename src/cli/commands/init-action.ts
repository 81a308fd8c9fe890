// What `initlab init` does once its flags are parsed.
import * as z from 'zod/mini';
import { formatNumpy } from '../../format.js';
import { initializers, resolveInitializer } from '../../nn/initializers.js';
import { initializeNetwork, networkToDict } from '../../nn/network.js';
import { checkedNumber, num, parseOrThrow, seedText } from '../../validate.js';
import { toJson } from '../json.js';
import { watchInterrupt } from '../interrupt.js';
import { checkInitCommand, checkLsuvRounds } from '../../limits.js';
import { loadData, parseLayers } from '../setup.js';
import type { InitFlags } from './init.js';

const schema = z.object({ seed: seedText('--seed'), scale: checkedNumber(num('--scale'), z.refine(Number.isFinite, { message: '--scale must be finite' })) });

function printCatalogue(json: boolean): void {
  const entries = Object.values(initializers).map((i) => ({ name: i.name, formula: i.description, fan: i.fan, parameters: Object.fromEntries(Object.entries(i.params).map(([k, d]) => [k, { default: d.default, ...(d.choices ? { choices: d.choices } : {}), doc: d.doc }])), equivalents: i.equivalents }));
  if (json) {
    process.stdout.write(`${toJson(entries)}\n`);
    return;
  }
  for (const e of entries) {
    const params = Object.entries(e.parameters).map(([k, d]) => `${k}=${d.default}`).join(', ');
    process.stdout.write(`${e.name}${params ? ` (${params})` : ''}\n  ${e.formula}\n  fan: ${e.fan} · Keras: ${e.equivalents.keras ?? '-'} · PyTorch: ${e.equivalents.pytorch ?? '-'} · TF.js: ${e.equivalents.tfjs ?? '-'}\n`);
  }
}

export function printInit(flags: InitFlags): void {
  if (flags.list) return printCatalogue(!!flags.json);
  const f = parseOrThrow(schema, flags, 'invalid option');
  const dims = parseLayers(flags.layers);
  const { init, opts } = resolveInitializer(flags.init, { scale: f.scale });
  if (init.needsData) checkLsuvRounds(opts['max-iter'] as number);
  const data = init.needsData ? loadData(flags.data).X : undefined;
  // the weights and their text, and the QR's time, before any of it is made
  checkInitCommand(dims, init.name, `--layers ${dims.join(',')}`, data?.cols ?? 0, init.needsData ? (opts['max-iter'] as number) : 0, flags.json ? 'json' : 'text');
  const dict = networkToDict(initializeNetwork(dims, init, { params: opts, seed: f.seed, data, shouldStop: watchInterrupt() }));
  if (flags.json) {
    process.stdout.write(`${toJson(dict)}\n`);
    return;
  }
  // print("W1 = " + str(W1)), as the notebook's cells do
  for (const [k, v] of Object.entries(dict)) process.stdout.write(`${k} = ${formatNumpy(v)}\n`);
}
