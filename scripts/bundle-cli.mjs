// Bundles the command line (and the sweep pool's and the kernels' worker threads) into a few files in dist/cli-bundle:
// Node's ESM loader then resolves a handful of modules instead of dozens, which is most of
// what `initlab --help` waits for. The work still loads lazily (dynamic imports become chunks).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

// Bundled in: commander, read on every start (`--help` included), costs one compile instead of
// a CommonJS loader pass over six files and an export scan (about 10 ms here); zod/mini, read by
// every command that checks its input, shrinks to the ~30 kB of it in use (~15 ms to load, where
// its package's many modules take ~90 ms). Every other dependency loads only with the work that
// needs it, so it stays external.
const bundled = ['commander', 'zod'];
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const external = Object.keys(dependencies).filter((name) => !bundled.includes(name));

// commander requires child_process at load for a feature initlab does not use (subcommands that
// are separate executables); Node takes ~5 ms to load that module, so commander gets a stand-in
// that loads it on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('commander')
        ? { path: 'child_process', namespace: 'lazy-child-process' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents:
        "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [
    'src/cli/supervisor.ts',
    'src/cli/cli-worker.ts',
    'src/cli/main.ts',
    'src/node/sweep-worker.ts',
    'src/node/reproduce-worker.ts',
    'src/node/kernel-thread.ts',
  ],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/cli-bundle',
  entryNames: '[name]', // flat: every file one level below dist/, as the paths in the code expect
  external,
  plugins: [lazyChildProcess],
  // commander is CommonJS and requires Node's built-ins; an ES module has no `require` of its own
  banner: {
    js: "import { createRequire as __initlabCreateRequire } from 'node:module'; const require = __initlabCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
