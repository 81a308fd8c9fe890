// initlab's benchmarks, side by side with the peers that are installed here.
// Usage: npm run bench [-- --write]   (N=7 for more rounds; QUICK=1 for a 1,500-iteration smoke run)
// Writes results.md and results.json in bench/build/results, or with --write in bench/results
// (the committed ones). Peers that are missing are skipped with a note, never faked; each
// peer's printed costs are checked against initlab's before it is timed. The C peer is built
// here, from bench/peers/c_ref.c, into bench/build (not committed).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { relDiff } from './numpy-start.mjs';
import { writeResults } from './results.mjs';
import { measureStartup, startupLines } from './startup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const peers = join(here, 'peers');
const N = Number(process.env.N ?? 5);
const ITERS = process.env.QUICK ? '1500' : process.env.ITERS;
const PY = '/usr/bin/python3';
const { COST_WHEN_PRINTED: _p, COST_EVERY_ITERATION: _e, ...outer } = process.env;
const env = { ...outer, ...(ITERS ? { ITERS } : {}) };
// numpy as this environment sets OpenBLAS, and with its two overrides unset (its own choice of kernels)
const { OPENBLAS_CORETYPE: _c, OPENBLAS_L2_SIZE: _l, ...unsetEnv } = env;
const openblasSet = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE']
  .filter((k) => env[k] !== undefined)
  .map((k) => `${k}=${env[k]}`);
const load = () => loadavg()[0].toFixed(2);
const notes = [];

const has = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};
const fmt = (x, d = 2) => (x >= 100 ? x.toFixed(0) : x.toFixed(d));

function run(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 1 << 26, ...opts });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { out: r.stdout, wall };
}
const loopMicros = (out) => Number(out.match(/\(([\d.]+) us\/iter\)/)[1]);
const costs = (out) =>
  [...out.matchAll(/Cost after iteration (\d+): (\S+)/g)].map((m) => Number(m[2]));

// ---- setup -------------------------------------------------------------------------------
if (!existsSync(join(root, 'dist', 'index.js')))
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
const hasNumpy = existsSync(PY) && has(PY, ['-c', 'import numpy, sklearn']);
if (!hasNumpy)
  notes.push('numpy: skipped (apt-get install python3-numpy python3-sklearn to include it)');
let hasTfjs = existsSync(join(peers, 'node_modules', '@tensorflow', 'tfjs-backend-wasm'));
if (!hasTfjs) {
  hasTfjs =
    spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peers, stdio: 'inherit' }).status ===
    0;
  if (!hasTfjs) notes.push('TF.js: skipped (npm ci in bench/peers failed)');
}
/** Which BLAS kernels numpy runs in this environment (threadpoolctl, in Debian's python3). */
const blasKernels = (e) => {
  const r = spawnSync(
    PY,
    ['-c', 'import json, numpy, threadpoolctl; print(json.dumps(threadpoolctl.threadpool_info()))'],
    { encoding: 'utf8', env: e },
  );
  if (r.status !== 0) return 'kernels unknown (no threadpoolctl)';
  return JSON.parse(r.stdout)
    .filter((i) => i.user_api === 'blas')
    .map(
      (i) => `${i.internal_api} ${i.version}, ${i.architecture} kernels, ${i.num_threads} threads`,
    )
    .join('; ');
};
const numpyKernels = hasNumpy ? { asSet: blasKernels(env), unset: blasKernels(unsetEnv) } : null;
let cBin = null;
if (has('gcc', ['--version'])) {
  mkdirSync(join(here, 'build'), { recursive: true });
  cBin = join(here, 'build', 'c_ref');
  execFileSync('gcc', ['-O3', '-march=native', '-o', cBin, join(peers, 'c_ref.c'), '-lm']);
} else notes.push('C: skipped (no gcc)');

// ---- 1. the training loop on the notebook's workload, in two forms ---------------------------
// same output: the cost only where it is printed, on both sides (initlab's practice; the peers
// with COST_WHEN_PRINTED set); same work: the cost on every iteration, on both sides (the
// notebook's practice; initlab with COST_EVERY_ITERATION set keeps it in its trace)
const forms = [
  {
    key: 'sameOutput',
    title: 'same output — the cost only on the printed iterations, on both sides',
    initlabEnv: {},
    peerEnv: { COST_WHEN_PRINTED: '1' },
  },
  {
    key: 'sameWork',
    title: 'same work — the cost on every iteration, on both sides',
    initlabEnv: { COST_EVERY_ITERATION: '1' },
    peerEnv: {},
  },
];
const initlabLoop = ['node', [join(here, 'initlab_loop.mjs'), 'wasm']];
const numpyRows = !hasNumpy
  ? []
  : openblasSet.length
    ? [
        [`numpy ${'{v}'}, env as set (${openblasSet.join(', ')}): ${numpyKernels.asSet}`, env],
        [
          `numpy ${'{v}'}, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset: ${numpyKernels.unset}`,
          unsetEnv,
        ],
      ]
    : [
        [
          `numpy ${'{v}'} (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are not set here): ${numpyKernels.asSet}`,
          env,
        ],
      ];
const numpyVersion = hasNumpy
  ? execFileSync(PY, ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' }).trim()
  : null;
const loopPeers = [
  [
    'initlab ts (TypeScript reference kernels)',
    'node',
    [join(here, 'initlab_loop.mjs'), 'ts'],
    env,
  ],
  ...numpyRows.map(([name, e]) => [
    name.replace('{v}', numpyVersion),
    PY,
    [join(peers, 'numpy_ref.py')],
    e,
  ]),
  ...(cBin ? [['C -O3 -march=native', cBin, [join(peers, 'data', 'seed.json')], env]] : []),
  ...(hasTfjs
    ? [
        ['TF.js WASM (float32)', 'node', [join(peers, 'tfjs_wasm.mjs')], env],
        ['TF.js CPU (float32)', 'node', [join(peers, 'tfjs_cpu.mjs')], env],
      ]
    : []),
];
const myCosts = costs(run(...initlabLoop).out);
const loops = {};
for (const form of forms) {
  const rows = [];
  const mineEnv = { env: { ...env, ...form.initlabEnv } };
  for (const [name, cmd, args, peerEnv] of loopPeers) {
    const opts = { env: { ...peerEnv, ...form.peerEnv } };
    // checked first: the peer prints the same costs as initlab (and initlab in this form too)
    const tol = name.startsWith('TF.js') ? 1e-3 : 1e-9;
    const diff = relDiff(costs(run(cmd, args, opts).out), myCosts);
    const mineDiff = relDiff(costs(run(...initlabLoop, mineEnv).out), myCosts);
    if (!(diff <= tol) || mineDiff !== 0)
      throw new Error(
        `${name} (${form.key}) printed other costs than initlab (max rel diff ${diff}; initlab in this form ${mineDiff})`,
      );
    const ratios = [],
      peerUs = [],
      myUs = [],
      loads = [load()];
    for (let i = 0; i < N; i++) {
      const a = loopMicros(run(...initlabLoop, mineEnv).out);
      const b = loopMicros(run(cmd, args, opts).out);
      myUs.push(a);
      peerUs.push(b);
      ratios.push(b / a);
    }
    loads.push(load());
    rows.push({
      name,
      peerUs: median(peerUs),
      peerMin: Math.min(...peerUs),
      peerMax: Math.max(...peerUs),
      initlabUs: median(myUs),
      ratio: median(ratios),
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      costsAgree: diff,
      load: loads,
    });
    console.log(
      `${form.key}: ${name}: ${fmt(median(peerUs))} µs/iter, initlab wasm ${fmt(median(myUs))} → ${fmt(median(ratios))}× (load ${loads.join(' → ')})`,
    );
  }
  loops[form.key] = rows;
}
const loopRows = loops.sameOutput;

// ---- 2. whole process: the notebook's three runs --------------------------------------------
const bin = join(root, 'bin', 'initlab.js');
const processRows = [];
if (hasNumpy) {
  const a = [],
    b = [],
    ratios = [];
  const iterArgs = ITERS ? ['--iterations', ITERS] : [];
  for (let i = 0; i < N; i++) {
    const x = run('node', [bin, '--json', '--no-report', ...iterArgs]).wall;
    const y = run(PY, [join(peers, 'numpy_notebook.py')], { env: unsetEnv }).wall;
    a.push(x);
    b.push(y);
    ratios.push(y / x);
  }
  processRows.push({
    name: 'numpy, the same three runs (numpy_notebook.py), OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset',
    initlab: median(a),
    initlabMin: Math.min(...a),
    initlabMax: Math.max(...a),
    peer: median(b),
    ratio: median(ratios),
  });
  console.log(
    `whole process: initlab ${fmt(median(a))} s, numpy ${fmt(median(b))} s → ${fmt(median(ratios))}×`,
  );
}

// ---- 2b. wide nets, the depth probe, sweeps, memory -----------------------------------------
const gflop =
  2 *
  3 *
  2000 *
  [2, 256, 256, 256, 1].slice(1).reduce((acc, n, l, a) => acc + n * [2, 256, 256, 256][l], 0);
const cores = availableParallelism();
const wideRun = (threads) => {
  const out = run('node', [join(here, 'wide.mjs'), 'wasm', String(threads)], {
    env: { ...env, ITERS: '20' },
  }).out;
  return {
    ms: Number(out.match(/ms_per_iter: ([\d.]+)/)[1]),
    cost: out.match(/final_cost: (\S+)/)[1],
  };
};
// checked before timing: numpy from the same weights (numpy-start.mjs) prints the same cost after 20 iterations
const numpyWide = (e) =>
  run(PY, [join(peers, 'numpy_scaling.py'), '2,256,256,256,1', '2000', '20'], { env: e }).out;
const wideFirst = wideRun(1);
let wideCostsAgree = null;
if (hasNumpy) {
  wideCostsAgree = relDiff(
    Number(numpyWide(unsetEnv).match(/final_cost: (\S+)/)[1]),
    Number(wideFirst.cost),
  );
  if (!(wideCostsAgree <= 1e-9))
    throw new Error(
      `the wide net: numpy's cost after 20 iterations differs from initlab's by ${wideCostsAgree}`,
    );
}
const wideOne = [],
  wideAll = [];
const wideLoad = [load()];
for (let i = 0; i < N; i++) {
  wideOne.push(wideRun(1));
  wideAll.push(wideRun(cores));
}
if ([...wideOne, ...wideAll].some((r) => r.cost !== wideFirst.cost))
  throw new Error('the threaded wide run printed another cost than the single-threaded one');
const wide = {
  initlab: median(wideOne.map((r) => r.ms)),
  initlabThreads: median(wideAll.map((r) => r.ms)),
  threads: cores,
  costsAgree: wideCostsAgree,
};
if (hasNumpy) {
  wide.numpy = median(
    Array.from({ length: N }, () => Number(numpyWide(env).match(/ms_per_iter: ([\d.]+)/)[1])),
  );
  wide.numpyUnset = median(
    Array.from({ length: N }, () => Number(numpyWide(unsetEnv).match(/ms_per_iter: ([\d.]+)/)[1])),
  );
  const gemm = (e) =>
    Number(
      run(PY, [join(peers, 'numpy_gemm.py')], { env: e }).out.match(/gemm_gflops: ([\d.]+)/)[1],
    );
  wide.numpyGemmAsSet = gemm(env);
  wide.numpyGemmUnset = gemm(unsetEnv);
}
const gflops = (ms) => gflop / (ms / 1000) / 1e9;
console.log(
  `wide nets: initlab ${fmt(gflops(wide.initlab))} GFLOP/s (1 thread), ${fmt(gflops(wide.initlabThreads))} (${cores} threads)${wide.numpy ? `, numpy ${fmt(gflops(wide.numpy))}; numpy GEMM alone ${fmt(wide.numpyGemmAsSet)} / ${fmt(wide.numpyGemmUnset)}` : ''}`,
);
const probeArgs = [
  'probe',
  '--init',
  'random',
  '--scale',
  '0.01',
  '--activation',
  'tanh',
  '--json',
];
if (hasNumpy) {
  const mine = JSON.parse(
    run('node', [join(root, 'bin', 'initlab.js'), ...probeArgs]).out,
  ).layers.map((l) => l.std);
  const theirs = run(PY, [join(peers, 'numpy_probe.py')])
    .out.match(/stds: (.*)/)[1]
    .trim()
    .split(/\s+/)
    .map(Number);
  const d = relDiff(mine, theirs);
  if (!(d <= 1e-9) || mine.length !== theirs.length)
    throw new Error(`the depth probe's stds differ from numpy's (max rel diff ${d})`);
  console.log(
    `probe: the stds of the ${mine.length} layers agree with numpy's to ${d.toExponential(1)}`,
  );
}
const probeLoad = [load()];
const probeTimes = {
  initlab: median(
    Array.from(
      { length: N },
      () => run('node', [join(root, 'bin', 'initlab.js'), ...probeArgs]).wall,
    ),
  ),
  initlabOneThread: median(
    Array.from(
      { length: N },
      () => run('node', [join(root, 'bin', 'initlab.js'), ...probeArgs, '--threads', '1']).wall,
    ),
  ),
};
if (hasNumpy)
  probeTimes.numpy = median(
    Array.from(
      { length: N },
      () => run(PY, [join(peers, 'numpy_probe.py')], { env: unsetEnv }).wall,
    ),
  );
probeLoad.push(load());
console.log(
  `probe: initlab ${fmt(probeTimes.initlab)} s (${fmt(probeTimes.initlabOneThread)} s on one thread)${probeTimes.numpy ? `, numpy ${fmt(probeTimes.numpy)} s` : ''} (whole processes)`,
);
// 3 inits × 12 seeds (36 jobs), the notebook's 15,000 iterations each: long enough that the
// workers' start-up (~0.1 s) is not what is measured
const sweepArgs = (w) => [
  join(root, 'bin', 'initlab.js'),
  'sweep',
  '--seeds',
  '1-12',
  '--workers',
  String(w),
  '--no-report',
  '--quiet',
  '--json',
];
// What two cores give two independent runs here: the notebook loop alone, then two side by side
// (how much this machine's two vCPUs slow each other down)
const loopAsync = () =>
  new Promise((resolve, reject) => {
    const p = spawn('node', [join(here, 'initlab_loop.mjs'), 'wasm'], { env });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.on('error', reject);
    p.on('close', (code) =>
      code === 0
        ? resolve(loopMicros(out))
        : reject(new Error(`initlab_loop.mjs exited with ${code}`)),
    );
  });
const sideBySide = [];
for (let i = 0; i < Math.max(N, 5); i++) {
  const alone = loopMicros(run('node', [join(here, 'initlab_loop.mjs'), 'wasm']).out);
  const pair = await Promise.all([loopAsync(), loopAsync()]);
  sideBySide.push(Math.max(...pair) / alone);
}
const sideBySideSlowdown = median(sideBySide);
console.log(`two loops side by side: each ${fmt(sideBySideSlowdown)}× the time of one alone`);
// paired rounds (1 worker, then 2): this machine's speed drifts between minutes
const sweepRounds = Array.from({ length: Math.max(N, 5) }, () => {
  const one = JSON.parse(run('node', sweepArgs(1)).out).seconds;
  const two = JSON.parse(run('node', sweepArgs(2)).out).seconds;
  return { one, two, ratio: one / two };
});
const sweep1 = median(sweepRounds.map((r) => r.one));
const sweep2 = median(sweepRounds.map((r) => r.two));
const sweepSpeedup = median(sweepRounds.map((r) => r.ratio));
const sweepRange = [
  Math.min(...sweepRounds.map((r) => r.ratio)),
  Math.max(...sweepRounds.map((r) => r.ratio)),
];
console.log(
  `sweep: 1 worker ${fmt(sweep1)} s, 2 workers ${fmt(sweep2)} s → ${fmt(sweepSpeedup)}× (paired, ${sweepRange.map((x) => fmt(x)).join('–')})`,
);
let peakMb = null;
if (existsSync('/usr/bin/time')) {
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', 'node', join(root, 'bin', 'initlab.js'), '--json', '--no-report'],
    { encoding: 'utf8', env },
  );
  peakMb = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
}
const heapLine = run('node', ['--expose-gc', join(here, 'initlab_loop.mjs'), 'wasm']).out.match(
  /heap_growth_kb: ([-\d.]+)/,
);
console.log(
  `memory: peak ${peakMb ? fmt(peakMb) : '?'} MB, heap growth over the loop ${heapLine ? heapLine[1] : '?'} kB`,
);

// ---- 3. what the report adds, and start-up --------------------------------------------------
const out = mkdtempSync(join(tmpdir(), 'initlab-bench-'));
const withReport = [],
  without = [],
  extra = [];
for (let i = 0; i < N; i++) {
  const iterArgs = ITERS ? ['--iterations', ITERS] : [];
  const x = run('node', [bin, '--quiet', '--out', join(out, 'r'), ...iterArgs]).wall;
  const y = run('node', [bin, '--quiet', '--no-report', ...iterArgs]).wall;
  withReport.push(x);
  without.push(y);
  extra.push(x - y);
}
rmSync(out, { recursive: true, force: true });
const startup = measureStartup(Math.max(11, N * 3));
console.log(`report adds ${fmt(median(extra))} s\n${startupLines(startup).join('\n')}`);

// ---- write ----------------------------------------------------------------------------------
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}${numpyVersion ? `, numpy ${numpyVersion}` : ''}`;
const results = {
  date: new Date().toISOString(),
  machine,
  rounds: N,
  iterations: Number(ITERS ?? 15000),
  loop: loopRows,
  loops,
  numpyKernels,
  openblasSet,
  wholeProcess: processRows,
  report: {
    withReport: median(withReport),
    without: median(without),
    added: median(extra),
    addedMin: Math.min(...extra),
    addedMax: Math.max(...extra),
  },
  helpMs: startup.asSet.help,
  startup,
  notes,
  wide: {
    ...wide,
    load: wideLoad,
    gflopPerIter: gflop / 1e9,
    initlabGflops: gflops(wide.initlab),
    initlabThreadsGflops: gflops(wide.initlabThreads),
    numpyGflops: wide.numpy ? gflops(wide.numpy) : null,
  },
  probe: { ...probeTimes, load: probeLoad },
  sweep: {
    oneWorker: sweep1,
    twoWorkers: sweep2,
    speedup: sweepSpeedup,
    speedupRange: sweepRange,
    sideBySideSlowdown,
  },
  memory: { peakMb, heapGrowthKb: heapLine ? Number(heapLine[1]) : null },
};
const md = [
  `# Benchmark results`,
  '',
  `${results.date.slice(0, 10)} · ${machine} · median of ${N} paired rounds · ${results.iterations} iterations · \`npm run bench\``,
  '',
  "## Training loop, the notebook's workload (He, [2, 10, 5, 1], 300 points)",
  '',
  `numpy: ${numpyKernels ? (openblasSet.length ? `as set here, ${numpyKernels.asSet}; unset, ${numpyKernels.unset}` : `${numpyKernels.asSet} (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE not set here)`) : 'not installed'} (threadpoolctl). Load: the 1-minute load average before and after each row's rounds, on ${cpus().length} cores.`,
  ...forms.flatMap((form) => [
    '',
    `### ${form.title}`,
    '',
    '| peer | peer µs/iter (min–max) | initlab wasm µs/iter | initlab is faster by (min–max of the paired rounds) | costs agree (max rel diff) | load |',
    '| --- | --- | --- | --- | --- | --- |',
    ...loops[form.key].map(
      (r) =>
        `| ${r.name} | ${fmt(r.peerUs)} (${fmt(r.peerMin)}–${fmt(r.peerMax)}) | ${fmt(r.initlabUs)} | ${fmt(r.ratio)}× (${fmt(r.ratioMin)}–${fmt(r.ratioMax)}) | ${r.costsAgree.toExponential(1)} | ${r.load.join(' → ')} |`,
    ),
  ]),
  '',
  '## Whole process: `initlab --json --no-report` (three runs, start to exit)',
  '',
  '| peer | initlab s (min–max) | peer s | initlab is faster by |',
  '| --- | --- | --- | --- |',
  ...processRows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.initlab)} (${fmt(r.initlabMin)}–${fmt(r.initlabMax)}) | ${fmt(r.peer)} | ${fmt(r.ratio)}× |`,
  ),
  '',
  '## Wide nets, depth probe, sweeps, memory',
  '',
  `- Wide nets ([2, 256, 256, 256, 1], 2,000 points, full batch, from numpy's weights: costs after 20 iterations agree to ${wide.costsAgree?.toExponential(1) ?? '?'}; load ${wideLoad.join(' → ')}; GFLOP/s of the whole iteration, ${fmt(gflop / 1e9, 3)} GFLOP): initlab ${fmt(results.wide.initlabThreadsGflops)} GFLOP/s on ${cores} threads (${fmt(wide.initlabThreads)} ms/iter; the same cost as on one thread, checked), ${fmt(results.wide.initlabGflops)} on one (${fmt(wide.initlab)} ms/iter)${wide.numpy ? `; numpy ${fmt(results.wide.numpyGflops)} GFLOP/s as set (${fmt(wide.numpy)} ms/iter), ${fmt(gflops(wide.numpyUnset))} GFLOP/s unset (${fmt(wide.numpyUnset)} ms/iter). initlab reaches ${fmt(results.wide.initlabThreadsGflops / results.wide.numpyGflops)}× numpy's rate on this workload.` : '.'}`,
  ...(wide.numpy
    ? [
        `- numpy's matrix product alone at this shape ((256 × 256) · (256 × 2,000), \`peers/numpy_gemm.py\`): ${fmt(wide.numpyGemmAsSet)} GFLOP/s as this environment sets OpenBLAS (${openblasSet.join(', ') || 'nothing set'}), ${fmt(wide.numpyGemmUnset)} GFLOP/s with both unset (${numpyKernels?.unset}). initlab's whole iteration runs at ${fmt((100 * results.wide.initlabThreadsGflops) / wide.numpyGemmAsSet, 0)}% and ${fmt((100 * results.wide.initlabThreadsGflops) / wide.numpyGemmUnset, 0)}% of those rates.`,
      ]
    : []),
  `- Depth probe (10 tanh layers of 500, 1,000 samples; the layers' stds agree with numpy's to 1e-9, checked; load ${probeLoad.join(' → ')}), whole process: initlab ${fmt(probeTimes.initlab)} s (${fmt(probeTimes.initlabOneThread)} s on one thread)${probeTimes.numpy ? `, numpy (OpenBLAS unset) ${fmt(probeTimes.numpy)} s (${fmt(probeTimes.initlab / probeTimes.numpy)}× numpy's time)` : ''}.`,
  `- Sweep (3 initializers × 12 seeds, 15,000 iterations each; ${sweepRounds.length} paired rounds): 1 worker ${fmt(sweep1)} s, 2 workers ${fmt(sweep2)} s: ${fmt(sweepSpeedup)}× the throughput (median of the paired ratios; ${sweepRange.map((x) => fmt(x)).join('–')}). Two notebook loops run side by side each take up to ${fmt(sideBySideSlowdown)}× the time of one alone here (the slower of the two, median of ${sideBySide.length} pairs): this machine's two vCPUs slow each other down.`,
  `- Memory: the notebook run peaks at ${peakMb ? fmt(peakMb) : '?'} MB (RSS); the heap (collected before each reading) ${heapLine ? (Number(heapLine[1]) > 0 ? `grows ${heapLine[1]} kB over the 15,000-iteration loop (the recorded costs themselves)` : `does not grow over the 15,000-iteration loop (${heapLine[1]} kB between the first and the last reading)`) : 'was not read'}.`,
  '',
  '## Report and start-up',
  '',
  `- Writing the report adds ${fmt(results.report.added)} s (min ${fmt(results.report.addedMin)}, max ${fmt(results.report.addedMax)}) to \`npm start\` (${fmt(results.report.withReport)} s with it, ${fmt(results.report.without)} s without).`,
  ...startupLines(startup),
  ...(notes.length ? ['', '## Skipped', '', ...notes.map((n) => `- ${n}`)] : []),
  '',
].join('\n');
writeResults({ 'results.json': `${JSON.stringify(results, null, 2)}\n`, 'results.md': md });
