// The wide net of `npm run bench` ([2, 256, 256, 256, 1], 2,000 points, full batch) against
// numpy twice: with OPENBLAS_CORETYPE=Haswell (what this environment sets for the bench) and
// with it unset (OpenBLAS then picks its AVX-512 kernels here). Paired rounds: in each round
// the three run back to back, and each ratio is taken within its round.
// Usage: node bench/wide-openblas.mjs   (N=7 for more rounds). Writes bench/results/wide-openblas.{json,md}.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeResults } from './results.mjs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.N ?? 5);
const PY = '/usr/bin/python3';
const cores = availableParallelism();
if (!existsSync(join(here, '..', 'dist', 'index.js')))
  throw new Error('build first: npm run build');

const { OPENBLAS_CORETYPE: _c, OPENBLAS_L2_SIZE: _l, ...unset } = process.env;
const haswell = { ...unset, OPENBLAS_CORETYPE: 'Haswell' };
const msPerIter = (cmd, args, env) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return Number(r.stdout.match(/ms_per_iter: ([\d.]+)/)[1]);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};
const gflopPerIter =
  (2 *
    3 *
    2000 *
    [2, 256, 256, 256, 1].slice(1).reduce((acc, n, l) => acc + n * [2, 256, 256, 256][l], 0)) /
  1e9;
const gflops = (ms) => gflopPerIter / (ms / 1000);

// the machine is shared: its load is recorded, so a reader can tell a quiet measurement from a busy one
const loadBefore = loadavg()[0];
const rounds = [];
for (let i = 0; i < N; i++) {
  const initlab = msPerIter('node', [join(here, 'wide.mjs'), 'wasm', String(cores)], unset);
  const numpyHaswell = msPerIter(
    PY,
    [join(here, 'peers', 'numpy_scaling.py'), '2,256,256,256,1', '2000', '20'],
    haswell,
  );
  const numpyUnset = msPerIter(
    PY,
    [join(here, 'peers', 'numpy_scaling.py'), '2,256,256,256,1', '2000', '20'],
    unset,
  );
  rounds.push({ initlab, numpyHaswell, numpyUnset });
  console.log(
    `round ${i + 1}: initlab ${initlab} ms/iter (${cores} threads), numpy ${numpyHaswell} (Haswell) / ${numpyUnset} (unset)`,
  );
}
const m = (k) => median(rounds.map((r) => r[k]));
const ratio = (k) => median(rounds.map((r) => r[k] / r.initlab)); // > 1: initlab faster
const results = {
  date: new Date().toISOString(),
  rounds,
  threads: cores,
  loadAverage: { before: loadBefore, after: loadavg()[0] },
  gflopPerIter,
  medianMs: { initlab: m('initlab'), numpyHaswell: m('numpyHaswell'), numpyUnset: m('numpyUnset') },
  initlabSpeedup: { vsNumpyHaswell: ratio('numpyHaswell'), vsNumpyUnset: ratio('numpyUnset') },
};
const f = (x) => x.toFixed(2);
writeResults({
  'wide-openblas.json': `${JSON.stringify(results, null, 1)}\n`,
  'wide-openblas.md': `# The wide net against numpy, with and without OPENBLAS_CORETYPE=Haswell

${results.date.slice(0, 10)} · [2, 256, 256, 256, 1], 2,000 points, full batch (${f(gflopPerIter)} GFLOP per iteration) · median of ${N} paired rounds · load average ${f(loadBefore)} before, ${f(results.loadAverage.after)} after, on ${cores} cores · \`node bench/wide-openblas.mjs\`

| | ms/iter | GFLOP/s | numpy's time / initlab's (median of the rounds' ratios) |
| --- | --- | --- | --- |
| initlab, wasm kernels on ${cores} threads | ${f(m('initlab'))} | ${f(gflops(m('initlab')))} | |
| numpy, OPENBLAS_CORETYPE=Haswell | ${f(m('numpyHaswell'))} | ${f(gflops(m('numpyHaswell')))} | ${f(ratio('numpyHaswell'))}× |
| numpy, OPENBLAS_CORETYPE unset | ${f(m('numpyUnset'))} | ${f(gflops(m('numpyUnset')))} | ${f(ratio('numpyUnset'))}× |

Below 1× numpy is the faster one.
`,
});
console.log(
  `initlab ${f(gflops(m('initlab')))} GFLOP/s; numpy ${f(gflops(m('numpyHaswell')))} (Haswell), ${f(gflops(m('numpyUnset')))} (unset)`,
);
