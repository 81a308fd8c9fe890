// The README's claims, checked mechanically where a machine can: every file it points to
// exists, every command it shows exists with the flags it uses (and the quick ones run),
// the output it prints for `npm start` is what initlab prints, the numbers it quotes for
// gradcheck, the probe and the benchmarks are the ones measured, and examples/notebook.ts
// runs the notebook's cells in the notebook's order.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli, ref } from './helpers.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SUBCOMMANDS = [
  'notebook',
  'train',
  'compare',
  'init',
  'data',
  'predict',
  'probe',
  'gradcheck',
  'sweep',
  'serve',
  'theory',
  'reproduce',
  'worker',
];

const tokenize = (lines: string[]) =>
  lines
    .map((line) => line.split(/\s+/).filter(Boolean))
    .filter((tokens) => !tokens.some((t) => /^[A-Z]+$/.test(t))); // placeholders like ARGS
/** The initlab command lines the README shows in inline code (what to run)… */
const inlineCommands = () =>
  tokenize([...README.matchAll(/`(?:npx )?initlab((?: [^`]*)?)`/g)].map((m) => m[1].trim()));
/** …and after a `$ npx` prompt (the error examples). */
const promptCommands = () =>
  tokenize([...README.matchAll(/^\$ npx initlab (.*)$/gm)].map((m) => m[1].trim()));
const commandsShown = () => [...inlineCommands(), ...promptCommands()];

describe('README: files it points to', () => {
  it('every figure, linked file and example exists', () => {
    const paths = [
      ...[...README.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]),
      ...[...README.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]),
    ];
    expect(paths).toContain('docs/figures/layers-histograms.png');
    for (const p of new Set(paths)) expect(existsSync(join(ROOT, p)), p).toBe(true);
  });
});

describe('README: every command it shows', () => {
  const shown = commandsShown();
  const helps = new Map<string, string>();
  const help = (cmd: string) => {
    if (!helps.has(cmd)) {
      const r = cli(cmd === 'notebook' ? ['notebook', '--help'] : [cmd, '--help']);
      expect(r.status, `initlab ${cmd} --help: ${r.stderr}`).toBe(0);
      helps.set(cmd, r.stdout);
    }
    return helps.get(cmd)!;
  };

  it('names a command that exists, with flags that command takes', () => {
    expect(shown.length).toBeGreaterThanOrEqual(15);
    for (const tokens of shown) {
      const cmd = tokens[0] && !tokens[0].startsWith('-') ? tokens[0] : 'notebook';
      expect(SUBCOMMANDS, tokens.join(' ')).toContain(cmd);
      const text = help(cmd);
      for (const flag of tokens.filter((t) => t.startsWith('--'))) {
        const name = flag.split('=')[0];
        expect(
          text.includes(`${name} `) ||
            text.includes(`${name},`) ||
            text.endsWith(name) ||
            new RegExp(`${name}\\b`).test(text),
          `initlab ${tokens.join(' ')}: ${name} is not in the help of ${cmd}`,
        ).toBe(true);
      }
    }
  });

  it('the quick ones run and exit 0 (in a scratch folder)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'initlab-readme-'));
    const quick = inlineCommands().filter((t) =>
      ['init', 'data', 'gradcheck', 'probe'].includes(t[0]),
    );
    expect(quick.length).toBeGreaterThanOrEqual(5);
    for (const tokens of quick) {
      const r = cli(tokens, dir);
      expect(r.status, `initlab ${tokens.join(' ')}: ${r.stderr}`).toBe(0);
    }
    // train --save, then predict with that model, as the table shows
    const train = shown.find((t) => t[0] === 'train' && t.includes('--save'))!;
    expect(cli([...train, '--iterations', '200', '--no-report', '--quiet'], dir).status).toBe(0);
    const predict = shown.find((t) => t[0] === 'predict')!;
    const r = cli(predict, dir);
    expect(r.status, r.stderr).toBe(0);
  });

  it('the error examples print what the README says, on one line', () => {
    const glorot = cli(['train', '--init', 'glorot', '--no-report']);
    expect(glorot.status).toBe(2);
    const said = /^initlab: unknown initialization "glorot".*$/m
      .exec(README)![0]
      .replace(/…$/, '')
      .replace(/, $/, '');
    expect(glorot.stderr.trim().split('\n')).toHaveLength(1);
    expect(glorot.stderr.startsWith(said)).toBe(true);
    // a rings.csv whose line 14 has "abc" in column 3 gives the README's line, word for word
    const dir = mkdtempSync(join(tmpdir(), 'initlab-readme-'));
    writeFileSync(
      join(dir, 'rings.csv'),
      `x1,x2,label\n${Array.from({ length: 12 }, (_, i) => `${i / 10},${-i / 10},${i % 2}`).join('\n')}\n1,abc,0\n`,
    );
    const rings = cli(['data', '--dataset', 'rings.csv'], dir);
    expect(rings.status).not.toBe(0);
    const line = /^initlab: rings\.csv:.*$/m.exec(README)![0];
    expect(rings.stderr.trim()).toBe(line);
  });
});

describe('README: the specs it shows', () => {
  it('every initializer and activation SPEC with parameters is accepted', () => {
    const initNames = cli(['init', '--list']).stdout;
    const specs = [...README.matchAll(/`([a-z-]+):([a-z_]+=[^`…]+)`/g)].map((m) => ({
      name: m[1],
      spec: `${m[1]}:${m[2]}`,
    }));
    const inits = specs.filter((x) => new RegExp(`^${x.name}\\b`, 'm').test(initNames));
    expect(inits.length).toBeGreaterThanOrEqual(5);
    for (const { spec } of inits) {
      const r = cli(['init', '--init', spec, '--layers', '2,3,1', '--json']);
      expect(r.status, `${spec}: ${r.stderr}`).toBe(0);
    }
    for (const act of [
      'leaky-relu:slope=0.1',
      'elu:alpha=1',
      'selu',
      'tanh',
      'sigmoid',
      'linear',
    ]) {
      expect(README).toContain(`\`${act.split(':')[0]}`);
      const r = cli(['train', '--activation', act, '--iterations', '2', '--no-report', '--quiet']);
      expect(r.status, `${act}: ${r.stderr}`).toBe(0);
    }
  }, 60_000);
});

describe('README: numbers it quotes', () => {
  it('npm start: the lines it shows are the lines initlab prints', () => {
    const block = /`npm start` prints[^]*?```\n([^]*?)```/.exec(README)![1];
    const shownLines = block
      .split('\n')
      .filter((l) => l.trim() && l !== '…' && !l.startsWith('report:'));
    const out = cli(['--no-report', '--quiet'])
      .stdout.split('\n')
      .map((l) => l.trimEnd());
    for (const line of shownLines) expect(out, line).toContain(line.trimEnd());
  }, 60_000);

  it('gradcheck: the difference it quotes is the one printed', () => {
    const quoted = /`difference = ([\d.e-]+)`/.exec(README)![1];
    const printed = /difference = ([\d.e-]+)/.exec(cli(['gradcheck']).stdout)![1];
    // to two significant digits: the claim is the size, not the rounding noise of the last digit
    expect(Number(printed).toPrecision(2)).toBe(Number(quoted).toPrecision(2));
  });

  it('the depth probe: the stds it quotes', () => {
    const std = (args: string[]) =>
      JSON.parse(cli(['probe', ...args, '--json']).stdout).layers.map(
        (l: { std: number }) => l.std,
      );
    const small = std(['--init', 'random', '--scale', '0.01', '--activation', 'tanh']);
    expect(README).toMatch(/std 0\.213 at layer 1, 2\.97e-7 at layer\s+10/);
    expect(small[0].toPrecision(3)).toBe('0.213');
    expect(small[9].toPrecision(3)).toBe('2.97e-7');
    const one = std(['--init', 'random', '--scale', '1', '--activation', 'tanh']);
    for (const s of one) expect(s.toFixed(3)).toBe('0.982');
    const he = std(['--init', 'he', '--activation', 'relu']);
    expect(Math.min(...he)).toBeGreaterThanOrEqual(0.7);
    expect(Math.max(...he)).toBeLessThanOrEqual(0.83);
  }, 60_000);

  it("the wide net against numpy: the rates are the recorded ones, numpy with OpenBLAS's own kernels", () => {
    const results = JSON.parse(readFileSync(join(ROOT, 'bench/results/results.json'), 'utf8'));
    const w = results.wide;
    const row = README.split('\n').find((l) => l.startsWith('| wide net'))!;
    expect(row).toContain(`${w.initlabThreadsGflops.toFixed(1)} GFLOP/s on ${w.threads} threads`);
    // the README quotes the stronger numpy: the faster of its two rows, as set and unset
    const numpyGflops = w.gflopPerIter / (Math.min(w.numpy, w.numpyUnset) / 1000);
    expect(row).toContain(`${numpyGflops.toFixed(1)} GFLOP/s`);
    const gemm = Math.max(w.numpyGemmAsSet, w.numpyGemmUnset);
    expect(row).toContain(`${gemm.toFixed(1)} GFLOP/s`);
    expect(row).toContain(`${Math.round((100 * w.initlabThreadsGflops) / gemm)}% of its product's`);
    expect(row).toMatch(/OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset/);
    // the kernels numpy ran, as threadpoolctl named them in that run
    expect(README).toContain(/, (\w+) kernels,/.exec(results.numpyKernels.unset)![1]);
  });
});

describe('examples/notebook.ts', () => {
  const source = readFileSync(join(ROOT, 'examples/notebook.ts'), 'utf8');

  it("its cells are in the notebook's order", () => {
    const cells = [...source.matchAll(/^\/\/ In \[(\d+)\]/gm)].map((m) => Number(m[1]));
    expect(cells.length).toBeGreaterThanOrEqual(8);
    expect(cells).toEqual([...cells].sort((a, b) => a - b));
  });

  it("cell [11] prints the random ×10 run's predictions, after that run", () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const r = spawnSync(tsx, [join(ROOT, 'examples/notebook.ts')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const after = lines.indexOf('Accuracy: 0.86'); // the random run's test accuracy, the line before cell [11]
    expect(after).toBeGreaterThan(0);
    const printed: number[] = [];
    for (let i = after + 1; i < lines.length; i++) {
      printed.push(...(lines[i].match(/\d/g) ?? []).map(Number));
      if (lines[i].endsWith(']]')) break;
    }
    expect(printed).toEqual(ref.runs.random.train_predictions);
  }, 60_000);
});
