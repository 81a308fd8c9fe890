// An n × n orthogonal layer (default 1000): initlab's QR against numpy's on the same draws,
// best of a few runs each, without the draws; checks the two matrices agree (max |Δ| < 1e-12)
// before it prints a ratio. Usage: node bench/orthogonal.mjs [n] [repeats]   (after npm run build)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RandomState } from '../dist/index.js';
import { orthogonalWeights } from '../dist/nn/orthogonal.js';
import { createOrthogonalThreads } from '../dist/node/orthogonal-threads.js';

const here = dirname(fileURLToPath(import.meta.url));
const n = Number(process.argv[2] ?? 1000);
const repeats = Number(process.argv[3] ?? 3);
const seed = 0;

const draws = new RandomState(seed).randn(n * n);
// as the CLI draws it: the QR's block updates on every core (numpy's OpenBLAS uses them too),
// and on this thread alone; the two must be the same bit for bit
const threads = createOrthogonalThreads();
const count = threads.ready(); // the helpers' start: once per process, before the timed draws
const bestOf = (hooks) => {
  let W;
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    W = orthogonalWeights(draws, n, n, 1, 'keras', hooks);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return { W, best };
};
const { W, best } = bestOf({ threads });
const single = bestOf({ threads: null });
threads.close();
const differ = single.W.reduce((c, w, i) => c + (w !== W[i] ? 1 : 0), 0);
if (differ) {
  const most = single.W.reduce((d, w, i) => Math.max(d, Math.abs(w - W[i])), 0);
  console.error(
    `orthogonal: the threaded draw differs from the one-thread draw in ${differ} entries (max |Δ| ${most.toExponential(2)})`,
  );
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'initlab-orth-'));
let numpySeconds;
let worst = 0;
try {
  const file = join(dir, 'w.f64');
  const out = execFileSync(
    '/usr/bin/python3',
    [join(here, 'peers', 'numpy_orthogonal.py'), String(n), String(seed), String(repeats), file],
    { encoding: 'utf8' },
  );
  numpySeconds = Number(out.match(/seconds: ([\d.]+)/)[1]);
  const buf = readFileSync(file);
  const ref = new Float64Array(buf.buffer, buf.byteOffset, n * n);
  for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(W[i] - ref[i]));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const agree = worst < 1e-12;
console.log(`orthogonal ${n}×${n} (keras convention, seed ${seed}, best of ${repeats}):`);
console.log(
  `  initlab ${best.toFixed(3)} s (${count} threads)   numpy ${numpySeconds.toFixed(3)} s   ratio ${(best / numpySeconds).toFixed(2)}×`,
);
console.log(
  `  initlab on one thread ${single.best.toFixed(3)} s   ratio ${(single.best / numpySeconds).toFixed(2)}× (the same matrix, bit for bit)`,
);
console.log(
  `  max |initlab − numpy| = ${worst.toExponential(2)} ${agree ? '(agree to 1e-12)' : 'DISAGREE (> 1e-12)'}`,
);
if (!agree) process.exitCode = 1;
