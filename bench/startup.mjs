// How long `initlab --help` takes, beside the floor Node itself sets: an empty ES module run the
// same way. When NODE_EXTRA_CA_CERTS is set, Node reads and parses that certificate bundle at
// every start, before any script runs; both are then timed with the variable as set and without.
// Usage: node bench/startup.mjs [RUNS]   (also part of npm run bench)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'initlab.js');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};

function wallMs(args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync('node', args, { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Medians in ms over `runs` interleaved rounds: { asSet: {help, empty}, unset?: {help, empty}, caCerts } */
export function measureStartup(runs = 21) {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-startup-'));
  const empty = join(dir, 'empty.mjs');
  writeFileSync(empty, '');
  const caCerts = process.env.NODE_EXTRA_CA_CERTS ?? null;
  const settings = { asSet: process.env };
  if (caCerts) {
    const { NODE_EXTRA_CA_CERTS: _, ...rest } = process.env;
    settings.unset = rest;
  }
  const times = Object.fromEntries(Object.keys(settings).map((k) => [k, { help: [], empty: [] }]));
  try {
    for (let i = 0; i < runs; i++) {
      for (const [k, env] of Object.entries(settings)) {
        times[k].help.push(wallMs([bin, '--help'], env));
        times[k].empty.push(wallMs([empty], env));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = { caCerts };
  for (const [k, t] of Object.entries(times))
    out[k] = { help: median(t.help), helpMin: Math.min(...t.help), empty: median(t.empty) };
  return out;
}

/** One Markdown line per setting. */
export function startupLines(s) {
  const fmt = (x) => x.toFixed(0);
  const line = (t, label) =>
    `- \`initlab --help\` answers in ${fmt(t.help)} ms (fastest ${fmt(t.helpMin)}) ${label}; an empty ES module takes ${fmt(t.empty)} ms to run the same way, so initlab's own start-up is ${fmt(t.help - t.empty)} ms.`;
  const lines = [
    line(
      s.asSet,
      s.caCerts ? `with NODE_EXTRA_CA_CERTS=${s.caCerts} as this environment sets it` : '',
    ),
  ];
  if (s.unset)
    lines.push(
      line(
        s.unset,
        'with NODE_EXTRA_CA_CERTS unset (Node then skips reading that certificate bundle at start, as on most machines)',
      ),
    );
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = measureStartup(Number(process.argv[2] ?? 21));
  console.log(startupLines(s).join('\n'));
}
