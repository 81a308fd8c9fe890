// A second hostile pass over issue 12 (kinds 1, 2, 5, 6): the holes it found, each with
// its siblings. Bad inputs tried here, per kind:
//   one line on stderr (kind 5/6): 6 (commander's suggestion, line breaks and tabs in values)
//   theory's options in the common words (kind 6): 15 (5 options × empty, hex, out of bounds)
//   standard output closed (kind 5): 4 (theory, theory --json, reproduce --list [--json])
//   empty and repeated values named by their flag (kind 6): 7 (--model '' for predict and
//     gradcheck, never read as "no model"; --init '' / --inits '' / --inits ',' under their own
//     flag; an initializer given twice to sweep or compare)
//   outputs another user owns (kind 2), as root running "nobody": 5 (a report and a model in a
//     sticky folder like /tmp, a report whose files cannot be removed; sweep and reproduce
//     alike; and nobody's own report and model in the sticky folder, which still pass)
//   the reader of stdout gone (kind 5): 6 (train | head with a report, with --save, sweep and
//     reproduce with a folder: files still written; data | head still ends at once; a usage
//     error with stderr's reader gone keeps exit 2)
//   CSV files (kind 7): 6 (a header naming its label column first, for train, data and predict;
//     numbers joined by colons are refused as data in an unread separator, never taken
//     for a header (bars are read: robustness-siblings.test.ts); space-separated numbers alike; a header-less file still read)
//   permissions the user set (kind 1): 5 (a write-protected model, report and sweep folder are
//     refused, even to root; a private 700 folder and a 600 model keep their mode when replaced)
//   long legal names (kind 2): 2 (--out and --save of 250 bytes, twice each: their scratch
//     names beside them no longer overflow the 255-byte limit)
//   "-" as an output (kind 2): 3 (train --out -, --save -, sweep --out -: not a file named "-")
//   a folder changed during the run (kind 1): 3 (a file in a report, a file in a new folder
//     of train, of sweep): the user's file kept, and the run's work kept beside it
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  statSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARKER, readMarker } from '../src/node/outputs.js';
import { BIN, cli } from './helpers.js';
import { runTimed } from './helpers/timed-run.js';
import { expectOneLine as expectOneLineOnStderr, type Finished } from './helpers/one-line-error.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-break12-'));
writeFileSync(join(dir, 'file\nx'), 'in the way\n'); // a file where --out wants a folder

/** One line on stderr, the given exit code, and here also nothing on stdout. */
const expectOneLine = (r: Finished, code: number, message: RegExp) =>
  expectOneLineOnStderr(r, code, message, { quietStdout: true });

describe('every error is one line, whatever the user typed', () => {
  const cases: [string, string[], number, RegExp][] = [
    [
      'a mistyped option with a suggestion',
      ['train', '--iteratons', '5'],
      2,
      /^initlab: unknown option '--iteratons' \(Did you mean --iterations\?\) \(see initlab --help\)$/,
    ],
    [
      'a mistyped sweep option with a suggestion',
      ['sweep', '--seed', '1'],
      2,
      /unknown option '--seed' \(Did you mean --seeds\?\)/,
    ],
    [
      'a line break in --save',
      [
        'train',
        '--iterations',
        '5',
        '--quiet',
        '--no-report',
        '--save',
        join(dir, 'no\nsuch', 'm.json'),
      ],
      1,
      /--save .*no\\nsuch.* does not exist/,
    ],
    [
      'a line break in --out',
      ['train', '--iterations', '5', '--quiet', '--out', join(dir, 'file\nx', 'rep')],
      1,
      /--out .*file\\nx.* not a folder/,
    ],
    [
      'a line break in a dataset file name',
      ['data', '--dataset', join(dir, 'a\nb.csv')],
      1,
      /a\\nb\.csv does not exist/,
    ],
    [
      'a carriage return in an initializer name',
      ['init', '--init', 'h\re'],
      2,
      /unknown initialization "h\\re"/,
    ],
  ];
  for (const [name, args, code, message] of cases) {
    it(`${name}: one line, exit ${code}`, () => expectOneLine(cli(args, dir), code, message));
  }
});

describe('theory speaks as every other command: the flag, what was given, what is accepted', () => {
  const cases: [string, string, string][] = [
    ['--weight-var', '0', 'a finite number > 0 and <= 1000000'],
    ['--weight-var', '0x10', 'a finite number > 0 and <= 1000000'],
    ['--weight-var', '', 'a finite number > 0 and <= 1000000'],
    ['--bias-var', '-1', 'a finite number from 0 to 1000000'],
    ['--bias-var', 'NaN', 'a finite number from 0 to 1000000'],
    ['--bias-var', '1e7', 'a finite number from 0 to 1000000'],
    ['--q0', '0', 'a finite number > 0 and <= 1000000000000'],
    ['--q0', 'Infinity', 'a finite number > 0 and <= 1000000000000'],
    ['--q0', '', 'a finite number > 0 and <= 1000000000000'],
    ['--c0', '2', 'a finite number from -1 to 1'],
    ['--c0', '-1.5', 'a finite number from -1 to 1'],
    ['--c0', '0x1', 'a finite number from -1 to 1'],
    ['--depth', '0', 'an integer from 1 to 10000'],
    ['--depth', '1.5', 'an integer from 1 to 10000'],
    ['--depth', '1e400', 'an integer from 1 to 10000'],
  ];
  for (const [flag, value, accepted] of cases) {
    it(`theory ${flag} ${JSON.stringify(value)}`, () => {
      // --c0 0.5 makes --depth count; --c0 itself is given once (twice would be refused as such)
      const r = cli(['theory', ...(flag === '--c0' ? [] : ['--c0', '0.5']), flag, value]);
      const expected = `initlab: ${flag} must be ${accepted}, got ${JSON.stringify(value)}`;
      expectOneLine(
        r,
        2,
        new RegExp(
          `^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(beyond the range of a float64\\))?$`,
        ),
      );
    });
  }
  it('good values still pass', () => {
    const r = cli(
      'theory --weight-var 2 --bias-var 0.05 --q0 1 --c0 0.5 --depth 3 --json'.split(' '),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).layers.length).toBeGreaterThan(0);
  });
});

describe('standard output closed: no exit 0 having written nothing', () => {
  for (const args of ['theory', 'theory --json', 'reproduce --list', 'reproduce --list --json']) {
    it(`initlab ${args} >&-`, () => {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args} >&-`], {
        encoding: 'utf8',
      });
      expectOneLine(r, 1, /standard output is closed, so .* would go nowhere/);
    });
  }
});

describe("a folder changed during the run: the user's file and the run's work are both kept", () => {
  /** Starts `args` in `cwd`, puts `file` once the run is under way (its first printed cost or a second), waits for the end. */
  async function runAndAdd(args: string[], cwd: string, file: string) {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const started = new Promise<void>((r) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (/Cost after iteration 0|\n/.test(stdout)) r();
      });
      setTimeout(r, 1500);
    });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    await started;
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'keep');
    const code = await exited;
    return { status: code, stderr, stdout: '' };
  }
  const cases: [string, string[], boolean][] = [
    [
      'train into its own earlier report',
      ['train', '--iterations', '60000', '--print-every', '1000000', '--quiet', '--out', 'out'],
      true,
    ],
    [
      'train into a folder that appears',
      ['train', '--iterations', '60000', '--print-every', '1000000', '--quiet', '--out', 'out'],
      false,
    ],
    [
      'sweep into a folder that appears',
      [
        'sweep',
        '--iterations',
        '20000',
        '--seeds',
        '1-2',
        '--workers',
        '1',
        '--quiet',
        '--out',
        'out',
      ],
      false,
    ],
  ];
  for (const [name, args, earlier] of cases) {
    it(
      name,
      async () => {
        const cwd = mkdtempSync(join(dir, 'during-'));
        if (earlier)
          expect(cli(['train', '--iterations', '5', '--quiet', '--out', 'out'], cwd).status).toBe(
            0,
          );
        const r = await runAndAdd(args, cwd, join(cwd, 'out', 'mine.txt'));
        expectOneLine(r, 1, /which initlab did not write|is not an initlab report/);
        expect(r.stderr).toMatch(/this run's (report|sweep) is kept in out-kept$/m);
        expect(readFileSync(join(cwd, 'out', 'mine.txt'), 'utf8')).toBe('keep');
        expect(readMarker(join(cwd, 'out-kept'))?.kind).toBe(
          args[0] === 'sweep' ? 'sweep' : 'report',
        );
        expect(existsSync(join(cwd, 'out-kept', 'index.html'))).toBe(true);
        expect(existsSync(join(cwd, 'out-kept', MARKER))).toBe(true);
      },
      60_000,
    );
  }
});

describe('empty values are refused under the flag the user typed', () => {
  const cases: [string[], RegExp][] = [
    [
      ['predict', '--model', ''],
      /^initlab: --model is empty; give a file written by initlab train --save/,
    ],
    [['gradcheck', '--model', ''], /^initlab: --model is empty/], // it once checked the default network and exited 0
    [['train', '--init', '', '--no-report'], /^initlab: --init needs at least one of zeros, /],
    [['compare', '--inits', '', '--no-report'], /^initlab: --inits needs at least one of zeros, /],
    [['sweep', '--inits', ',', '--no-report'], /^initlab: --inits needs at least one of zeros, /],
    // a repeated initializer was counted as a replicate: "he, 2 runs, ± 0.0"
    [
      ['sweep', '--inits', 'he,he', '--no-report'],
      /^initlab: --inits "he,he": "he" is given twice$/,
    ],
    [
      ['compare', '--inits', 'zeros, ZEROS', '--no-report'],
      /^initlab: --inits "zeros, ZEROS": "ZEROS" is given twice$/,
    ],
  ];
  for (const [args, message] of cases) {
    it(`initlab ${args.map((a) => JSON.stringify(a)).join(' ')}`, () =>
      expectOneLine(cli(args, dir), 2, message));
  }
});

// Replacing an entry takes more than a writable parent: in a sticky folder (/tmp) only its
// owner may rename it, and an old folder goes only if its files can be deleted. Found after
// the whole run before; now before the first iteration. Needs root, to run as "nobody".
describe.skipIf(process.getuid?.() !== 0)(
  'outputs another user owns are refused before the work',
  () => {
    const nobody = { uid: 65534, gid: 65534 };
    const LONG = ['--iterations', '100000000', '--quiet'];
    const run = (args: string[], cwd: string) => runTimed(args, cwd, nobody);
    const place = (mode: number) => {
      const d = mkdtempSync(join(dir, 'shared-'));
      chmodSync(dir, 0o755);
      chmodSync(d, mode);
      expect(
        cli(['train', '--iterations', '5', '--quiet', '--out', 'rep', '--save', 'm.json'], d)
          .status,
      ).toBe(0); // root's
      return d;
    };
    const cases: [string, number, string[], RegExp][] = [
      [
        "root's report in a sticky folder",
        0o1777,
        ['train', ...LONG, '--out', 'rep'],
        /^initlab: --out rep belongs to another user, in a folder where only an entry's owner may replace it \(sticky, like \/tmp\)/,
      ],
      [
        "root's model in a sticky folder",
        0o1777,
        ['train', ...LONG, '--no-report', '--save', 'm.json'],
        /^initlab: --save m\.json belongs to another user/,
      ],
      [
        "root's report as a sweep folder in a sticky folder",
        0o1777,
        ['sweep', ...LONG, '--out', 'rep'],
        /^initlab: --out rep belongs to another user/,
      ],
      [
        "root's report for reproduce in a sticky folder",
        0o1777,
        ['reproduce', 'he2015', '--out', 'rep'],
        /^initlab: --out rep belongs to another user/,
      ],
      [
        "root's report whose files nobody may remove",
        0o777,
        ['train', ...LONG, '--out', 'rep'],
        /^initlab: --out rep: cannot replace the folder, its files cannot be removed: permission denied \(EACCES\)/,
      ],
    ];
    for (const [name, mode, args, message] of cases) {
      it(`${name}: one line, exit 1, at once, nothing changed`, () => {
        const d = place(mode);
        const before = readdirSync(join(d, 'rep')).sort();
        const r = run(args, d);
        expectOneLine(r, 1, message);
        expect(r.ms).toBeLessThan(15_000);
        expect(readdirSync(join(d, 'rep')).sort()).toEqual(before);
        expect(readdirSync(d).filter((e) => e.startsWith('.'))).toEqual([]);
      }, 30_000);
    }
    it("nobody's own report and model in the sticky folder are still replaced", () => {
      const d = place(0o1777);
      for (let i = 0; i < 2; i++) {
        const r = run(
          ['train', '--iterations', '5', '--quiet', '--out', 'mine', '--save', 'mine.json'],
          d,
        );
        expect(r.status, r.stderr).toBe(0);
      }
    });
  },
);

describe('the reader of standard output goes away (| head): files still written, nothing lost', () => {
  const piped = (cmd: string, cwd: string) =>
    spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" ${cmd} | head -1 >/dev/null; echo "status \${PIPESTATUS[0]}" >&2`,
      ],
      { encoding: 'utf8', cwd, timeout: 120_000 },
    );
  const cases: [string, string, string][] = [
    [
      'train with a report',
      'train --iterations 3000 --print-every 1 --out rep',
      'rep/.initlab-report.json',
    ],
    [
      'train with --save',
      'train --iterations 3000 --print-every 1 --no-report --save m.json',
      'm.json',
    ],
    [
      'compare with a report',
      'compare --inits he,zeros --iterations 2000 --print-every 1 --out cmp',
      'cmp/index.html',
    ],
    [
      'sweep with a folder',
      'sweep --seeds 1-3 --iterations 200 --workers 1 --out sw',
      'sw/.initlab-report.json',
    ],
  ];
  for (const [name, cmd, file] of cases) {
    it(`${name}: exit 0 and ${file} written`, () => {
      const cwd = mkdtempSync(join(dir, 'pipe-'));
      const r = piped(cmd, cwd);
      expect(r.stderr).toMatch(/status 0\s*$/);
      expect(existsSync(join(cwd, file)), r.stderr).toBe(true);
    }, 120_000);
  }
  it('data --csv | head still ends at once, with nothing to write', () => {
    const t = Date.now();
    const r = piped('data --csv --dataset circles:n=2000000', dir);
    expect(r.stderr.trim()).toBe('status 0');
    expect(Date.now() - t).toBeLessThan(20_000);
  });
  it('a usage error whose stderr has no reader still exits 2', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" train --lr x 2>&1 | true; echo "status \${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('status 2');
  });
});

describe('CSV: the header and the separator are never guessed silently', () => {
  const csv = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const model = join(dir, 'csv-model.json');
  beforeAll(() => {
    expect(
      cli(['train', '--iterations', '5', '--quiet', '--no-report', '--save', model]).status,
    ).toBe(0);
  });
  const labelFirst = csv('label-first.csv', 'label,x1,x2\n0,1,2\n1,3,4\n0,5,6\n1,7,8\n');
  const cases: [string, string[], number, RegExp][] = [
    [
      'a label column named first, for data',
      ['data', '--dataset', labelFirst],
      1,
      /label-first\.csv:1:1: the header names column 1 "label", but initlab reads the label from the last column: move it last$/,
    ],
    [
      'a label column named first, for train',
      ['train', '--train', labelFirst, '--test', labelFirst, '--no-report'],
      1,
      /the header names column 1 "label"/,
    ],
    [
      'a "class" column named in the middle, for predict',
      ['predict', '--model', model, '--data', csv('class-mid.csv', 'x1,class,x2\n1,0,2\n')],
      1,
      /class-mid\.csv:1:4: the header names column 2 "class"/,
    ],
    [
      'numbers joined by colons',
      ['data', '--dataset', csv('colons0.csv', '1:2:0\n3:4:1\n')],
      1,
      /colons0\.csv:1:1: "1:2:0" is not a number \(separate the cells with commas, tabs, semicolons or bars\)$/,
    ],
    [
      'numbers joined by colons after a header',
      ['data', '--dataset', csv('colons.csv', 'x1,x2,label\n1:2:0\n')],
      1,
      /colons\.csv:2:1: "1:2:0" is not a number \(separate the cells/,
    ],
    [
      'numbers joined by spaces',
      ['data', '--dataset', csv('spaces.csv', '1 2 0\n3 4 1\n')],
      1,
      /spaces\.csv:1:1: "1 2 0" is not a number \(separate the cells/,
    ],
  ];
  for (const [name, args, code, message] of cases)
    it(name, () => expectOneLine(cli(args, dir), code, message));
  it('a file without a header is still read, with --no-labels when predicting', () => {
    const r = cli([
      'predict',
      '--model',
      model,
      '--data',
      csv('plain.csv', '0.1,0.2\n0.3,0.4\n'),
      '--no-labels',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).predictions).toHaveLength(2);
  });
});

describe('permissions the user set are kept: write-protected outputs refused, private ones stay private', () => {
  const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
  it('a write-protected model, report and sweep folder are refused before the work, and left as they were', () => {
    const cwd = mkdtempSync(join(dir, 'protect-'));
    expect(
      cli(['train', '--iterations', '5', '--quiet', '--out', 'rep', '--save', 'm.json'], cwd)
        .status,
    ).toBe(0);
    chmodSync(join(cwd, 'm.json'), 0o444);
    chmodSync(join(cwd, 'rep'), 0o555);
    const before = readFileSync(join(cwd, 'm.json'), 'utf8');
    for (const [args, message] of [
      [
        ['train', '--iterations', '100000000', '--quiet', '--no-report', '--save', 'm.json'],
        /^initlab: --save m\.json is write-protected \(mode 444\); initlab does not replace it/,
      ],
      [
        ['train', '--iterations', '100000000', '--quiet', '--out', 'rep'],
        /^initlab: --out rep is write-protected \(mode 555\)/,
      ],
      [
        ['sweep', '--iterations', '100000000', '--quiet', '--out', 'rep'],
        /^initlab: --out rep is write-protected \(mode 555\)/,
      ],
    ] as const)
      expectOneLine(cli([...args], cwd), 1, message);
    expect(readFileSync(join(cwd, 'm.json'), 'utf8')).toBe(before);
    expect(mode(join(cwd, 'rep'))).toBe('555');
    chmodSync(join(cwd, 'rep'), 0o755);
  });
  it('a private folder and a private model keep their mode when initlab replaces them', () => {
    const cwd = mkdtempSync(join(dir, 'private-'));
    mkdirSync(join(cwd, 'rep'), { mode: 0o700 });
    chmodSync(join(cwd, 'rep'), 0o700);
    expect(
      cli(['train', '--iterations', '5', '--quiet', '--no-report', '--save', 'm.json'], cwd).status,
    ).toBe(0);
    chmodSync(join(cwd, 'm.json'), 0o600);
    for (let i = 0; i < 2; i++)
      expect(
        cli(['train', '--iterations', '5', '--quiet', '--out', 'rep', '--save', 'm.json'], cwd)
          .status,
      ).toBe(0);
    expect(mode(join(cwd, 'rep'))).toBe('700');
    expect(mode(join(cwd, 'm.json'))).toBe('600');
    expect(existsSync(join(cwd, 'rep', 'index.html'))).toBe(true);
  });
});

describe('"-" is not taken for a file or folder name', () => {
  for (const [args, message] of [
    [
      ['train', '--out', '-'],
      /^initlab: --out - would be a folder named "-" \(initlab writes no report to standard output\)/,
    ],
    [['train', '--no-report', '--save', '-'], /^initlab: --save - would be a file named "-"/],
    [['sweep', '--out', '-'], /^initlab: --out - would be a folder named "-"/],
  ] as const) {
    it(`initlab ${args.join(' ')}`, () => {
      const cwd = mkdtempSync(join(dir, 'dash-'));
      expectOneLine(cli([...args, '--iterations', '100000000', '--quiet'], cwd), 2, message);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }
});

describe('a long but legal output name is not refused', () => {
  it('--out and --save of 250 characters, written and then replaced', () => {
    const cwd = mkdtempSync(join(dir, 'long-'));
    const name = 'r'.repeat(245);
    for (let i = 0; i < 2; i++) {
      const r = cli(
        ['train', '--iterations', '5', '--quiet', '--out', name, '--save', `${name}.json`],
        cwd,
      );
      expect(r.status, r.stderr).toBe(0);
    }
    expect(existsSync(join(cwd, name, 'index.html'))).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual([name, `${name}.json`]); // no scratch entries left
  });
});
