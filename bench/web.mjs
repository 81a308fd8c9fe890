// The web lab under load, in Debian's Chromium: while the worker trains the notebook's
// workload (from the click to the worker's last update; the final full drawing follows it),
// how long are the gaps between animation frames on the page (it must keep answering input:
// under 50 ms), and how does the worker's training speed compare with the same work in Node?
// Usage: node bench/web.mjs  (after npm run build)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeResults } from './results.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { NOTEBOOK_DEFAULTS, notebookData, runExperiment } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.N ?? 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };

const server = spawn(process.execPath, [join(here, '..', 'bin', 'initlab.js'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => server.stdout.on('data', (d) => { const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d)); if (m) resolve(m[0]); }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

const rounds = [];
try {
  for (let i = 0; i < N; i++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(base);
    await page.waitForTimeout(500); // the page settles (and warms its plotting code while idle)
    // frame gaps on the main thread while the lesson's He run trains in the worker
    await page.evaluate(() => {
      const w = window;
      w.gaps = [];
      let last = performance.now();
      const tick = (t) => { w.gaps.push([t - last, t]); last = t; if (!w.stopFrames) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const t0 = Date.now();
    await page.click('button[data-init="he"]');
    await page.waitForSelector('#lesson-he .numbers[data-done="true"]', { timeout: 120000 });
    const pageSeconds = (Date.now() - t0) / 1000;
    // frames while the worker trains: from the click to its last update (the final drawing comes after)
    const gaps = await page.evaluate(() => { window.stopFrames = true; return window.gaps.slice(2).filter(([, t]) => t <= window.initlab.trainedAt).map(([g]) => g); });
    const worker = await page.evaluate(() => window.initlab.throughput());
    await page.close();
    // the engine alone: the same run as Node's below, in the worker of a fresh, idle page
    const idle = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await idle.goto(base);
    await idle.waitForTimeout(500);
    const engineSeconds = await idle.evaluate(() => window.initlab.engineSeconds());
    await idle.close();
    rounds.push({ pageSeconds, engineSeconds, workerMsPerIteration: worker.ms / worker.iterations, maxGap: Math.max(...gaps), p99Gap: [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length * 0.99)], frames: gaps.length });
  }
} finally {
  await browser.close();
  server.kill();
}

// the same work in Node: the notebook's He run (15,000 iterations) with the same kernels
const data = notebookData();
const nodeSeconds = median(Array.from({ length: N }, () => runExperiment({ ...NOTEBOOK_DEFAULTS, init: 'he' }, data.train, data.test, { traceEvery: 50, diagnosticsEvery: 300 }).result.seconds));
const workerMs = median(rounds.map((r) => r.workerMsPerIteration));
const nodeMs = (nodeSeconds * 1000) / NOTEBOOK_DEFAULTS.iterations;
const results = {
  date: new Date().toISOString(),
  rounds: N,
  maxFrameGapMs: median(rounds.map((r) => r.maxGap)),
  worstFrameGapMs: Math.max(...rounds.map((r) => r.maxGap)),
  p99FrameGapMs: median(rounds.map((r) => r.p99Gap)),
  pageSeconds: median(rounds.map((r) => r.pageSeconds)),
  nodeSeconds,
  pageRatio: median(rounds.map((r) => r.pageSeconds)) / nodeSeconds,
  workerUsPerIteration: workerMs * 1000,
  nodeUsPerIteration: nodeMs * 1000,
  throughputRatio: workerMs / nodeMs,
  engineSeconds: median(rounds.map((r) => r.engineSeconds)),
  engineRatio: median(rounds.map((r) => r.engineSeconds)) / nodeSeconds,
  engineRatioRange: [Math.min(...rounds.map((r) => r.engineSeconds)) / nodeSeconds, Math.max(...rounds.map((r) => r.engineSeconds)) / nodeSeconds],
};
const md = `# Web lab benchmark

${results.date.slice(0, 10)} · Debian Chromium (headless) · median of ${N} rounds · \`node bench/web.mjs\`

The engine alone: the notebook's He run (15,000 iterations, cost traced every 50, statistics every 300) in the web lab's worker of an idle page, against the same call in Node:

| measure | value |
| --- | --- |
| worker, time in the training loop | ${results.engineSeconds.toFixed(3)} s |
| Node | ${results.nodeSeconds.toFixed(3)} s |
| worker / Node (range over rounds) | ${results.engineRatio.toFixed(2)}× (${results.engineRatioRange.map((x) => x.toFixed(2)).join('–')}) |

While the lesson's He run (15,000 iterations, the notebook's workload) trains in the worker and the page redraws its charts live (frames from the click to the worker's last update):

| measure | value |
| --- | --- |
| longest gap between animation frames (median of rounds; worst round) | ${results.maxFrameGapMs.toFixed(1)} ms; ${results.worstFrameGapMs.toFixed(1)} ms |
| 99th-percentile frame gap | ${results.p99FrameGapMs.toFixed(1)} ms |
| training in the worker (time in the training loop per iteration) | ${results.workerUsPerIteration.toFixed(1)} µs |
| the same run in Node (\`runExperiment\`, same tracing) | ${results.nodeUsPerIteration.toFixed(1)} µs |
| worker / Node, training throughput | ${results.throughputRatio.toFixed(2)}× |
| click to done in the page (training, live views, final render) | ${results.pageSeconds.toFixed(2)} s (${results.pageRatio.toFixed(2)}× the Node run) |
`;
writeResults({ 'web.json': `${JSON.stringify(results, null, 2)}\n`, 'web.md': md });
console.log(md);
