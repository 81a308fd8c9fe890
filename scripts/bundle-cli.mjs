// Bundles the command line (and the sweep pool's worker) into a few files in dist/cli-bundle:
// Node's ESM loader then resolves a handful of modules instead of dozens, which is most of
// what `initlab --help` waits for. Dependencies stay external; the work still loads lazily
// (dynamic imports become chunks).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts', 'src/node/sweep-worker.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/cli-bundle',
  entryNames: '[name]', // flat: every file one level below dist/, as the paths in the code expect
  packages: 'external',
  logLevel: 'warning',
});
