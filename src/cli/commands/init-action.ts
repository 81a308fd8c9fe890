// What `initlab init` does once its flags are parsed.
import { formatNumpy } from '../../format.js';
import { initializers, resolveInitializer } from '../../nn/initializers.js';
import { initializeNetwork, networkToDict } from '../../nn/network.js';
import { toJson } from '../json.js';
import { watchInterrupt } from '../interrupt.js';
import { checkInitCommand, checkLsuvRounds } from '../../limits.js';
import { checkScaleFlag, flag, loadData, parseLayers } from '../setup.js';
import { checkDatasetSpec } from '../../data/registry.js';
import { isPathSpec } from '../../node/files.js';
import { acceptedText } from '../../validate.js';
import type { InitFlags } from './init.js';
import { requireStdout } from '../stdout.js';
import { drawOrthogonalOn } from '../kernels.js';

function printCatalogue(json: boolean): void {
  const entries = Object.values(initializers).map((i) => ({
    name: i.name,
    formula: i.description,
    fan: i.fan,
    parameters: Object.fromEntries(
      Object.entries(i.params).map(([k, d]) => [
        k,
        {
          default: d.default,
          ...(d.choices ? { choices: d.choices } : {}),
          ...(d.aliases ? { aliases: d.aliases } : {}),
          accepted: acceptedText(d),
          doc: d.doc,
        },
      ]),
    ),
    equivalents: i.equivalents,
  }));
  if (json) {
    process.stdout.write(`${toJson(entries)}\n`);
    return;
  }
  for (const e of entries) {
    const params = Object.entries(e.parameters)
      .map(([k, d]) => `${k}=${d.default}`)
      .join(', ');
    process.stdout.write(
      `${e.name}${params ? ` (${params})` : ''}\n  ${e.formula}\n  fan: ${e.fan} · Keras: ${e.equivalents.keras ?? '-'} · PyTorch: ${e.equivalents.pytorch ?? '-'} · TF.js: ${e.equivalents.tfjs ?? '-'}\n`,
    );
    for (const [k, d] of Object.entries(e.parameters))
      process.stdout.write(`  ${k}: ${d.doc}; ${d.accepted}\n`);
  }
}

export function printInit(flags: InitFlags): void {
  requireStdout(flags.list ? 'the catalogue' : 'the weights');
  if (flags.list) return printCatalogue(!!flags.json);
  const f = { seed: flag('seed', flags.seed), scale: flag('scale', flags.scale) };
  checkScaleFlag(f.scale, [flags.init]);
  const dims = parseLayers(flags.layers);
  const { init, opts } = resolveInitializer(flags.init, { scale: f.scale });
  if (init.needsData) checkLsuvRounds(opts['max-iter'] as number);
  // --data is read only by a data-dependent initializer, but a mistyped SPEC is refused either way
  if (!init.needsData && !isPathSpec(flags.data)) checkDatasetSpec(flags.data);
  const data = init.needsData ? loadData(flags.data).X : undefined;
  // the weights and their text, and the QR's time, before any of it is made
  checkInitCommand(
    dims,
    init.name,
    `--layers ${dims.join(',')}`,
    data?.cols ?? 0,
    init.needsData ? (opts['max-iter'] as number) : 0,
    flags.json ? 'json' : 'text',
  );
  drawOrthogonalOn(); // a large orthogonal layer's QR on every core
  const dict = networkToDict(
    initializeNetwork(dims, init, {
      params: opts,
      seed: f.seed,
      data,
      shouldStop: watchInterrupt(),
    }),
  );
  if (flags.json) {
    process.stdout.write(`${toJson(dict)}\n`);
    return;
  }
  // print("W1 = " + str(W1)), as the notebook's cells do
  for (const [k, v] of Object.entries(dict)) process.stdout.write(`${k} = ${formatNumpy(v)}\n`);
}
