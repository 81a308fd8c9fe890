// Sweeps through the BullMQ queue: throughput with 1, 2 and 4 worker processes, and what the
// queue itself costs per cell (wall time over a local sweep, and Redis's own CPU time), from
// which the README derives the throughput on N machines and where Redis becomes the limit.
// Starts its own redis-server (Debian's) on a free loopback port; builds nothing: run
// `npm run build` first. Usage: node bench/queue.mjs [--rounds 3]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'initlab.js');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 3) || 3;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// a cell of real work (the notebook's network, 2,000 iterations) and a cell of almost none
const WORK = ['--inits', 'he,xavier', '--seeds', '1-16', '--iterations', '2000'];
const TINY = ['--inits', 'he', '--seeds', '1-300', '--iterations', '1', '--train', 'circles:n=20,noise=0.05,seed=1'];
const cellsOf = (grid) => grid[1].split(',').length * Number(grid[3].split('-')[1]);

const port = await new Promise((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const dir = mkdtempSync(join(tmpdir(), 'initlab-bench-redis-'));
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''], { stdio: 'ignore' });
const rcli = (...args) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();
while (rcli('PING') !== 'PONG') await sleep(50);
const redisCpu = () => { const info = rcli('INFO', 'cpu'); return ['used_cpu_sys', 'used_cpu_user'].reduce((s, k) => s + Number(new RegExp(`${k}:([\\d.]+)`).exec(info)[1]), 0); };

let db = 0;
/** Runs `initlab sweep` (locally, or through a fresh database with `workers` worker processes of one thread each); its own "seconds" and Redis's CPU seconds. */
async function sweep(grid, workers) {
  const url = `redis://127.0.0.1:${port}/${++db % 16}`;
  if (workers) rcli('-n', String(db % 16), 'FLUSHDB');
  const ws = Array.from({ length: workers }, () => spawn(process.execPath, [BIN, 'worker', '--queue', url, '--threads', '1', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] }));
  await Promise.all(ws.map((w) => new Promise((resolve) => { let err = ''; w.stderr.on('data', (d) => { err += d; if (/taking cells/.test(err)) resolve(); }); })));
  const cpu0 = redisCpu();
  const args = ['sweep', ...grid, '--json', '--quiet', '--no-report', ...(workers ? ['--queue', url] : ['--workers', '1'])];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  const cpu = redisCpu() - cpu0;
  await Promise.all(ws.map((w) => new Promise((resolve) => { w.on('exit', resolve); w.kill('SIGTERM'); })));
  return { seconds: JSON.parse(r.stdout).seconds, redisCpu: cpu };
}

const rows = [];
const measure = async (label, grid, workers) => {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await sweep(grid, workers));
  const seconds = median(runs.map((r) => r.seconds));
  const row = { label, workers, cells: cellsOf(grid), seconds, cellsPerSecond: cellsOf(grid) / seconds, redisCpuPerCellMs: (median(runs.map((r) => r.redisCpu)) / cellsOf(grid)) * 1000 };
  rows.push(row);
  console.log(label, workers, seconds.toFixed(2), row.cellsPerSecond.toFixed(1), row.redisCpuPerCellMs.toFixed(3));
  return row;
};

const localWork = await measure('work, local sweep (1 thread)', WORK, 0);
const work = [];
for (const w of [1, 2, 4]) work.push(await measure('work, through the queue', WORK, w));
const localTiny = await measure('tiny cells, local sweep (1 thread)', TINY, 0);
const tiny = await measure('tiny cells, through the queue', TINY, 1);
redis.kill('SIGTERM');

const cores = availableParallelism();
const overheadMs = ((tiny.seconds - localTiny.seconds) / tiny.cells) * 1000;
const redisMs = tiny.redisCpuPerCellMs;
const cellMs = (localWork.seconds / localWork.cells) * 1000;
const redisLimit = 1000 / redisMs; // cells per second one Redis core can serve
const f = (x, d = 2) => x.toFixed(d);
const md = [
  '# Sweeps through the queue',
  '',
  `${new Date().toISOString().slice(0, 10)} · median of ${rounds} · ${cores} cores shared by every worker process, the sweep and Redis · \`npm run bench:queue\``,
  '',
  `Work cells: ${localWork.cells} runs of the notebook's network, 2,000 iterations (${f(cellMs, 0)} ms each on one thread). Tiny cells: ${tiny.cells} runs of 1 iteration on 20 points, nearly all queue.`,
  '',
  '| cells | where | worker processes (1 thread each) | seconds | cells / s | Redis CPU ms / cell |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.label.split(',')[0]} | ${r.workers ? 'queue' : 'local, 1 thread'} | ${r.workers || '–'} | ${f(r.seconds)} | ${f(r.cellsPerSecond, 1)} | ${r.workers ? f(r.redisCpuPerCellMs, 3) : '–'} |`),
  '',
  `Queue overhead per cell (tiny cells, 1 worker, over the local sweep): ${f(overheadMs)} ms of wall time, of which Redis's own CPU is ${f(redisMs, 3)} ms.`,
  `One Redis core serves at most about ${f(redisLimit, 0)} cells/s; machines of ${cores} cores running ${f(cellMs, 0)} ms cells add about ${f((cores * 1000) / (cellMs + overheadMs), 1)} cells/s each, so Redis becomes the limit near ${f(redisLimit / ((cores * 1000) / (cellMs + overheadMs)), 0)} such machines.`,
  '',
].join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'queue.md'), md);
writeFileSync(join(here, 'results', 'queue.json'), `${JSON.stringify({ rows, overheadMs, redisCpuPerCellMs: redisMs, cellMs, cores }, null, 2)}\n`);
console.log(md);
