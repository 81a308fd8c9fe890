// The package as a user gets it: `npm pack`, the tarball installed into an empty project,
// every name the README imports (from 'initlab' or a subpath) importable there, and the
// names the README calls in its prose found in one of the entry points; `npx initlab --help`
// answers. The README is parsed here, so a name added to it is checked at once.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const { exports: entryPoints } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
};
const specifiers = Object.keys(entryPoints)
  .filter((k) => !k.endsWith('.json'))
  .map((k) => (k === '.' ? 'initlab' : `initlab/${k.slice(2)}`));

/** `import { a, b as c, type T } from 'initlab…'` in the README's code blocks → value names per specifier. */
function documentedImports(text: string): Map<string, Set<string>> {
  const blocks = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const out = new Map<string, Set<string>>();
  for (const block of blocks) {
    for (const m of block.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*['"](initlab(?:\/[\w-]+)?)['"]/g,
    )) {
      const names = m[1]
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith('type '));
      const set = out.get(m[2]) ?? new Set<string>();
      for (const n of names) set.add(n.split(/\s+as\s+/)[0]);
      out.set(m[2], set);
    }
  }
  return out;
}

/** `camelCase(` or `PascalCase(` calls in inline code: library functions and classes the prose names. */
const proseCalls = (text: string) => [
  ...new Set(
    [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([A-Za-z][a-z0-9]*[A-Z]\w*)\(/g)].map(
      (m) => m[1],
    ),
  ),
];

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'initlab-pack-'));
  // the build is npm test's first step (and this file's caller's): pack what it made
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
    }),
  );
  const tarball = join(dir, packed[0].filename);
  const app = join(dir, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'initlab-consumer', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
    cwd: app,
    encoding: 'utf8',
    stdio: 'pipe',
  });
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('the README imports names, and they include gradientCheck', () => {
    const imports = documentedImports(readme);
    expect(imports.get('initlab')?.has('gradientCheck')).toBe(true);
    for (const spec of imports.keys()) expect(specifiers).toContain(spec);
  });

  it('every name the README imports is importable from the installed tarball', () => {
    const imports = Object.fromEntries([...documentedImports(readme)].map(([k, v]) => [k, [...v]]));
    const calls = proseCalls(readme);
    const script = `
      const imports = ${JSON.stringify(imports)};
      const calls = ${JSON.stringify(calls)};
      const modules = {};
      for (const spec of ${JSON.stringify(specifiers)}) modules[spec] = await import(spec);
      const missing = [];
      for (const [spec, names] of Object.entries(imports)) for (const n of names) if (!(n in modules[spec])) missing.push(spec + ': ' + n);
      for (const n of calls) if (!Object.values(modules).some((m) => n in m)) missing.push('(prose) ' + n);
      console.log(JSON.stringify({ missing, checked: Object.values(imports).flat().length + calls.length }));`;
    writeFileSync(join(dir, 'app', 'check.mjs'), script);
    const r = spawnSync(process.execPath, ['check.mjs'], {
      cwd: join(dir, 'app'),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const { missing, checked } = JSON.parse(r.stdout);
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(15);
  });

  it('npx initlab --help answers from the installed package', () => {
    const r = spawnSync('npx', ['--no-install', 'initlab', '--help'], {
      cwd: join(dir, 'app'),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Usage: initlab/);
    expect(r.stdout).toMatch(/gradcheck/);
  });
});
