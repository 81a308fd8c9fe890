// How the cost grows: time per iteration against examples (m), width and depth, initlab
// (wasm kernels, in-process, on one thread and on all cores) with numpy beside it on the same
// shapes, from the same weights: both sides' costs after the timed iterations are compared
// before a row is kept. Usage: node bench/scaling.mjs [--write]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { getKernels, train } from '../dist/index.js';
import { createThreadedKernels } from '../dist/node/threaded-kernels.js';
import { numpyStart, relDiff } from './numpy-start.mjs';
import { writeResults } from './results.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const PY = '/usr/bin/python3';
const hasNumpy =
  existsSync(PY) &&
  (() => {
    try {
      execFileSync(PY, ['-c', 'import numpy']);
      return true;
    } catch {
      return false;
    }
  })();
const single = getKernels();
const cores = availableParallelism();
const threaded = createThreadedKernels(cores);

/** Median ms/iter of 3 timed runs, and the final cost (the same in every run). */
function initlabMs(dims, m, iters, kernels) {
  const { X, Y, net } = numpyStart(dims, m);
  const run = (n) =>
    train(net(), { X, Y }, { learningRate: 0.01, iterations: n, recordEvery: 1e9, kernels });
  run(Math.max(1, Math.floor(iters / 5))); // warm-up
  const runs = [0, 1, 2].map(() => run(iters));
  return {
    ms: runs.map((r) => (r.seconds / iters) * 1000).sort((a, b) => a - b)[1],
    cost: runs[0].finalCost,
  };
}
const numpyMs = (dims, m, iters) => {
  const outs = [0, 1, 2].map(() =>
    execFileSync(
      PY,
      [join(here, 'peers', 'numpy_scaling.py'), dims.join(','), String(m), String(iters)],
      { encoding: 'utf8' },
    ),
  );
  return {
    ms: outs.map((o) => Number(o.match(/ms_per_iter: ([\d.]+)/)[1])).sort((a, b) => a - b)[1],
    cost: Number(outs[0].match(/final_cost: (\S+)/)[1]),
  };
};
/** 2-32-32-…-32-1 → 2-32×24-1 */
const compact = (dims) =>
  dims
    .reduce((parts, d) => {
      const last = parts.at(-1);
      if (last && last.size === d) last.count++;
      else parts.push({ size: d, count: 1 });
      return parts;
    }, [])
    .map((p) => (p.count > 2 ? `${p.size}×${p.count}` : Array(p.count).fill(p.size).join('-')))
    .join('-');
const params = (dims) => dims.slice(1).reduce((s, n, l) => s + n * dims[l] + n, 0);

const rows = [];
const add = (axis, dims, m, iters) => {
  const one = initlabMs(dims, m, iters, single);
  const all = initlabMs(dims, m, iters, threaded);
  const np = hasNumpy ? numpyMs(dims, m, iters) : null;
  // the same weights trained the same way: the costs must agree before the times mean anything
  const diff = np ? relDiff(all.cost, np.cost) : 0;
  if (all.cost !== one.cost || !(diff <= 1e-9))
    throw new Error(
      `${compact(dims)}, m=${m}: the costs after training differ (initlab ${one.cost} / ${all.cost}, numpy ${np?.cost})`,
    );
  const [a, t, b] = [one.ms, all.ms, np?.ms ?? null];
  rows.push({
    axis,
    layers: compact(dims),
    m,
    parameters: params(dims),
    initlabMs: a,
    initlabThreadsMs: t,
    threads: cores,
    numpyMs: b,
    costsAgree: diff,
  });
  console.log(
    axis,
    compact(dims),
    m,
    a.toFixed(3),
    t.toFixed(3),
    b?.toFixed(3),
    `costs agree to ${diff.toExponential(1)}`,
  );
};
for (const m of [300, 3000, 30000]) add('examples', [2, 10, 5, 1], m, m >= 30000 ? 50 : 300);
for (const w of [10, 64, 256, 512]) add('width', [2, w, w, 1], 1000, w >= 256 ? 10 : 100);
for (const d of [3, 10, 25, 50]) add('depth', [2, ...Array(d - 1).fill(32), 1], 1000, 40);
threaded.close();

const f = (x) => (x === null ? '–' : x >= 10 ? x.toFixed(1) : x.toFixed(3));
const md = [
  '# How the cost grows',
  '',
  `${new Date().toISOString().slice(0, 10)} · median of 3 timings · ms per training iteration (forward, backward, update) · \`node bench/scaling.mjs\``,
  '',
  `initlab on one thread, and on ${cores} threads (products of 2M+ multiply-adds shared between cores; smaller ones stay on one, so the two columns agree for small layers). numpy uses OpenBLAS's threads as this environment sets them. Both start from the same weights (bench/numpy-start.mjs), and every row's costs after training agree to 1e-9 (checked before the row is kept).`,
  '',
  `| varies | layers | examples | parameters | initlab ms/iter, 1 thread | initlab ms/iter, ${cores} threads | numpy ms/iter | numpy / initlab (${cores} threads) |`,
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.axis} | ${r.layers} | ${r.m} | ${r.parameters} | ${f(r.initlabMs)} | ${f(r.initlabThreadsMs)} | ${f(r.numpyMs)} | ${r.numpyMs ? (r.numpyMs / r.initlabThreadsMs).toFixed(2) + '×' : '–'} |`,
  ),
  '',
].join('\n');
writeResults({ 'scaling.md': md, 'scaling.json': `${JSON.stringify(rows, null, 2)}\n` });
console.log(md);
