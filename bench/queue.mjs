// Sweeps through the BullMQ queue: throughput with 1, 2 and 4 worker processes, and what the
// queue itself costs per cell (wall time, the workers' CPU time and Redis's own CPU time over
// a local sweep), from which the README derives the throughput on N machines and where Redis
// becomes the limit. CPU times are given beside wall times because this machine's cores are
// shared: wall time measures the contention as much as the queue, CPU time does not.
// Starts its own redis-server (Debian's) on a free loopback port; run `npm run build` first.
// Usage: node bench/queue.mjs [--rounds 3]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'initlab.js');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 3) || 3;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cores = availableParallelism();

// cells of real work (the notebook's network, 2,000 iterations) and cells of almost none
const work = (seeds) => ['--inits', 'he,xavier', '--seeds', `1-${seeds}`, '--iterations', '2000'];
const tiny = (seeds) => [
  '--inits',
  'he',
  '--seeds',
  `1-${seeds}`,
  '--iterations',
  '1',
  '--train',
  'circles:n=20,noise=0.05,seed=1',
];
const cellsOf = (grid) => grid[1].split(',').length * Number(grid[3].split('-')[1]);

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'initlab-bench-redis-'));
const redis = spawn(
  'redis-server',
  [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
  ],
  { stdio: 'ignore' },
);
const rcli = (...args) =>
  spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();
// the server answering must be the one started here (a port found free can be taken before it binds)
while (!rcli('INFO', 'server').includes(`process_id:${redis.pid}\r`)) {
  if (redis.exitCode !== null) throw new Error(`redis-server could not start on port ${port}`);
  await sleep(50);
}
/** Redis's CPU seconds so far (user + system). */
const redisCpu = () => {
  const info = rcli('INFO', 'cpu');
  return ['used_cpu_sys', 'used_cpu_user'].reduce(
    (s, k) => s + Number(new RegExp(`${k}:([\\d.]+)`).exec(info)[1]),
    0,
  );
};
/** A live process's CPU seconds (user + system, all its threads), from /proc. */
const procCpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
// Redis spends CPU when idle too (its 10 Hz timer, the append-only file's fsync each second):
// measured over a quiet while and taken off, so what is left is what the cells cost it
const idle0 = redisCpu();
await sleep(5000);
const redisIdlePerSecond = (redisCpu() - idle0) / 5;

let db = 0;
/**
 * One `initlab sweep` to the end: locally on one thread (workers 0), or through a fresh
 * database with `workers` worker processes of one thread each. Returns its own "seconds",
 * the sweep process's CPU seconds, the workers' CPU seconds once they were ready, and Redis's.
 */
async function sweep(grid, workers) {
  db = (db % 15) + 1;
  const url = `redis://127.0.0.1:${port}/${db}`;
  rcli('-n', String(db), 'FLUSHDB');
  const ws = Array.from({ length: workers }, () =>
    spawn(process.execPath, [BIN, 'worker', '--queue', url, '--threads', '1', '--quiet'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  await Promise.all(
    ws.map(
      (w) =>
        new Promise((resolve) => {
          let err = '';
          w.stderr.on('data', (d) => {
            err += d;
            if (/taking cells/.test(err)) resolve();
          });
        }),
    ),
  );
  const workers0 = ws.reduce((s, w) => s + procCpu(w.pid), 0);
  const redis0 = redisCpu();
  const args = [
    'sweep',
    ...grid,
    '--json',
    '--quiet',
    '--no-report',
    ...(workers ? ['--queue', url] : ['--workers', '1']),
  ];
  const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const seconds = JSON.parse(r.stdout).seconds;
  const [, user, sys] = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const workerCpu = ws.reduce((s, w) => s + procCpu(w.pid), 0) - workers0;
  const redisUsed = Math.max(0, redisCpu() - redis0 - redisIdlePerSecond * seconds);
  await Promise.all(
    ws.map(
      (w) =>
        new Promise((resolve) => {
          w.on('exit', resolve);
          w.kill('SIGTERM');
        }),
    ),
  );
  return {
    seconds,
    sweepCpu: Number(user) + Number(sys),
    workerCpu,
    redisCpu: redisUsed,
    load: loadavg()[0],
  };
}

/** The median of `rounds` runs, figure by figure. */
async function measure(grid, workers) {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await sweep(grid, workers));
  const m = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  const row = { workers, cells: cellsOf(grid), ...m, loads: runs.map((r) => r.load) };
  console.log(JSON.stringify(row));
  return row;
}

// throughput: real cells, locally and with 1, 2, 4 worker processes
const local = await measure(work(16), 0);
const queued = [];
for (const w of [1, 2, 4]) queued.push(await measure(work(16), w));
// the queue's own cost per cell: tiny cells at two grid sizes, so fixed costs (start-up, connecting) cancel
const [small, large] = [100, 400];
const tl = [await measure(tiny(small), 0), await measure(tiny(large), 0)];
const tq = [await measure(tiny(small), 1), await measure(tiny(large), 1)];
redis.kill('SIGTERM');

const per = (a, b, k) => ((b[k] - a[k]) / (large - small)) * 1000; // ms per extra cell
const overhead = {
  wallMs: per(tq[0], tq[1], 'seconds') - per(tl[0], tl[1], 'seconds'),
  // a local sweep's cells run in its own process; a queued sweep's in the worker, the sweep only waits
  cpuMs:
    per(tq[0], tq[1], 'workerCpu') + per(tq[0], tq[1], 'sweepCpu') - per(tl[0], tl[1], 'sweepCpu'),
  workerCpuMs: per(tq[0], tq[1], 'workerCpu') - per(tl[0], tl[1], 'sweepCpu'),
  redisCpuMs: per(tq[0], tq[1], 'redisCpu'),
};
const cellCpuMs = (queued[0].workerCpu / queued[0].cells) * 1000; // one real cell's CPU in a worker, queue handling included
const machine = (cores * 1000) / cellCpuMs; // cells/s of one machine with every core busy
// Redis's CPU per cell: back to back (tiny cells) it is the job's round trip; beside a real
// cell it also renews the cell's lock and answers the sweep's reads while the cell runs. The
// limit takes the larger, so it does not promise more than was seen.
const realRedisMs = Math.max(...queued.map((r) => (r.redisCpu / r.cells) * 1000));
const redisPerCellMs = Math.max(overhead.redisCpuMs, realRedisMs);
const redisLimit = 1000 / redisPerCellMs; // cells/s that one Redis core can serve
const loads = [local, ...queued, ...tl, ...tq].flatMap((r) => r.loads);
const f = (x, d = 2) => x.toFixed(d);
const md = [
  '# Sweeps through the queue',
  '',
  `${new Date().toISOString().slice(0, 10)} · median of ${rounds} · ${cores} cores shared by the worker processes, the sweep and Redis, and by whatever else ran (load average ${f(Math.min(...loads), 1)}–${f(Math.max(...loads), 1)} during the runs: above ${cores}, wall times measure that contention too; CPU times do not) · \`npm run bench:queue\``,
  '',
  `Real cells: ${local.cells} runs of the notebook's network, 2,000 iterations, on ${local.cells} worker-thread runs.`,
  '',
  '| where | worker processes (1 thread each) | wall s | cells / s (wall) | worker CPU s | CPU ms / cell | Redis CPU ms / cell |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  `| local sweep, 1 thread | – | ${f(local.seconds)} | ${f(local.cells / local.seconds, 1)} | ${f(local.sweepCpu)} (the whole sweep) | ${f((local.sweepCpu / local.cells) * 1000, 1)} | – |`,
  ...queued.map(
    (r) =>
      `| queue | ${r.workers} | ${f(r.seconds)} | ${f(r.cells / r.seconds, 1)} | ${f(r.workerCpu)} | ${f((r.workerCpu / r.cells) * 1000, 1)} | ${f((r.redisCpu / r.cells) * 1000, 3)} |`,
  ),
  '',
  `The queue's cost per cell (tiny cells of 1 iteration, ${small} against ${large} of them, 1 worker; fixed start-up costs cancel): ${f(overhead.wallMs)} ms of wall time, ${f(overhead.cpuMs)} ms of CPU (${f(overhead.workerCpuMs)} ms of it in the worker), of which Redis's own is ${f(overhead.redisCpuMs, 3)} ms (Redis idles at ${f(redisIdlePerSecond * 1000, 1)} ms of CPU a second, taken off).`,
  '',
  `Throughput on N machines of ${cores} cores, every core a worker thread: about ${f(machine, 1)} such cells/s per machine (${f(cellCpuMs, 0)} ms of CPU each), so N × ${f(machine, 1)} cells/s, until Redis, which runs on one core, saturates at about ${f(redisLimit, 0)} cells/s (${f(redisPerCellMs, 3)} ms of its CPU a cell, the largest seen): near N = ${f(redisLimit / machine, 0)} machines for these cells; in general near N = ${f(redisLimit, 0)} × (a cell's CPU seconds) / (cores per machine).`,
  '',
].join('\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'queue.md'), md);
writeFileSync(
  join(here, 'results', 'queue.json'),
  `${JSON.stringify({ cores, rounds, local, queued, tiny: { local: tl, queue: tq }, overhead, cellCpuMs, machineCellsPerSecond: machine, redisCpuMsPerCell: redisPerCellMs, redisLimitCellsPerSecond: redisLimit, redisIdleCpuMsPerSecond: redisIdlePerSecond * 1000 }, null, 2)}\n`,
);
console.log(md);
