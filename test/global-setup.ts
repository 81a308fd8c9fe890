// Runs once before the suite: the CLI and page tests run the built package (bin/initlab.js,
// dist/web), so build it first when it is missing or older than anything it is built from.
// `npm test` has just built, so there this costs a look at the clock of each source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
/** What `npm run build` writes and the tests run. */
const OUTPUTS = ['dist/index.js', 'dist/cli-bundle/supervisor.js', 'dist/web/index.html'];
/** What the build reads (web's own build output excluded). */
const SOURCES = [
  'src',
  'web',
  'assembly',
  'scripts/build-wasm.mjs',
  'scripts/bundle-cli.mjs',
  'package.json',
  'tsconfig.build.json',
];

/** The latest modification time (ms) of a file, or of any file below a folder. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry === 'generated') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

export default function buildWhenStale(): void {
  const outputs = OUTPUTS.map((p) => join(ROOT, p));
  const built = outputs.every((p) => existsSync(p))
    ? Math.min(...outputs.map((p) => statSync(p).mtimeMs))
    : -Infinity;
  const sources = Math.max(
    ...SOURCES.map((p) => join(ROOT, p))
      .filter(existsSync)
      .map(newest),
  );
  if (sources <= built) return;
  console.log('test setup: the build is missing or older than its sources; running npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
