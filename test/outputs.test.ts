// Outputs, tried as a hostile user would (issue 12, kinds 1, 2 and 5): initlab never deletes
// or overwrites what it did not write, checks every output path before the first iteration,
// and names every failure in one line. Bad inputs tried, per kind:
//   kind 1, nothing of the user's lost:        24 (20 refused, 4 that initlab wrote replaced)
//   kind 2, outputs checked before the work:   24 (and a diverged run that says why no model)
//   kind 5, failures named, not "internal":     24 (plus the system-error wording, unit-tested)
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSystemError, isSystemError } from '../src/node/fs-errors.js';
import { MARKER, readMarker } from '../src/node/outputs.js';
import { BIN } from './helpers.js';
import { expectOneLine } from './helpers/one-line-error.js';
import { runTimed } from './helpers/timed-run.js';

const root = mkdtempSync(join(tmpdir(), 'initlab-outputs-'));
chmodSync(root, 0o755); // the unprivileged user of the permission cases must be able to reach its folders
let n = 0;
/** A fresh folder for one case. */
const fresh = () => {
  const d = join(root, `case${++n}`);
  mkdirSync(d);
  return d;
};
const put = (path: string, text: string) => {
  writeFileSync(path, text);
  return path;
};

const asRoot = process.getuid?.() === 0;

/** A one-seed, five-iteration He sweep on one worker that writes its folder to `out`. */
const smallSweep = (out: string) =>
  'sweep --seeds 1 --inits he --iterations 5 --quiet --workers 1 --out'.split(' ').concat(out);

/** Runs initlab in `cwd` and times it. */
const run = runTimed;

/** The folder's files and their contents, to prove nothing changed. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        lstatSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : '<dir>',
      ]),
  );

/** A real report from a short run, in `cwd`/`out`. */
function report(cwd: string, out = 'rep'): string {
  const r = run(['train', '--iterations', '5', '--quiet', '--out', out], cwd);
  expect(r.status, r.stderr).toBe(0);
  return join(cwd, out);
}

// long enough that any run which starts training is far from done when the check must have failed
const LONG = ['--iterations', '100000000', '--quiet'];

describe('kind 1: initlab never deletes what it did not write (24 cases)', () => {
  const refusedFolders: [string, (d: string) => void, string[]][] = [
    [
      "a folder holding index.html and notes.txt (the issue's case)",
      (d) => {
        put(join(d, 'index.html'), 'x');
        put(join(d, 'notes.txt'), 'keep');
      },
      ['train'],
    ],
    [
      'a folder holding only results.json',
      (d) => {
        put(join(d, 'results.json'), '{"mine":1}');
      },
      ['compare', '--inits', 'he,xavier'],
    ],
    [
      'a folder holding only index.html',
      (d) => {
        put(join(d, 'index.html'), '<p>my site</p>');
      },
      ['notebook'],
    ],
    [
      'a folder whose marker names another tool',
      (d) => {
        put(join(d, 'index.html'), 'x');
        put(
          join(d, MARKER),
          JSON.stringify({
            tool: 'other',
            kind: 'report',
            formatVersion: 1,
            files: ['index.html'],
          }),
        );
      },
      ['train'],
    ],
    [
      'a folder whose marker is not JSON',
      (d) => {
        put(join(d, 'a.txt'), 'x');
        put(join(d, MARKER), '{tool');
      },
      ['train'],
    ],
    [
      'a folder whose marker lists a path outside it',
      (d) => {
        put(join(d, 'a.txt'), 'x');
        put(
          join(d, MARKER),
          JSON.stringify({
            tool: 'initlab',
            kind: 'report',
            formatVersion: 1,
            files: ['../a.txt', 'a.txt'],
          }),
        );
      },
      ['train'],
    ],
    [
      "a sweep --out over a folder of the user's",
      (d) => {
        put(join(d, 'sweep.csv'), 'mine');
      },
      ['sweep', '--seeds', '1', '--inits', 'he'],
    ],
  ];
  for (const [name, make, cmd] of refusedFolders) {
    it(`refuses ${name}, before any work, and keeps every file`, () => {
      const cwd = fresh();
      const site = join(cwd, 'site');
      mkdirSync(site);
      make(site);
      const before = snapshot(site);
      const r = run([...cmd, ...LONG, '--out', 'site'], cwd);
      expectOneLine(
        r,
        1,
        /site is not an initlab report; choose another --out or remove the folder yourself \(it holds files initlab did not write/,
      );
      expect(r.ms).toBeLessThan(10_000);
      expect(snapshot(site)).toEqual(before);
    });
  }

  it('refuses a report the user added a file to (it is kept, with the report)', () => {
    const cwd = fresh();
    const rep = report(cwd);
    put(join(rep, 'notes.txt'), 'keep');
    const before = snapshot(rep);
    const r = run(['train', ...LONG, '--out', 'rep'], cwd);
    expectOneLine(
      r,
      1,
      /rep is an initlab report but also holds notes\.txt, which initlab did not write; move it out or choose another --out/,
    );
    expect(snapshot(rep)).toEqual(before);
  });

  it('refuses a report the user added a folder to', () => {
    const cwd = fresh();
    const rep = report(cwd);
    mkdirSync(join(rep, 'mine'));
    put(join(rep, 'mine', 'a.txt'), 'keep');
    const r = run(['compare', ...LONG, '--out', 'rep'], cwd);
    expectOneLine(r, 1, /also holds mine, which initlab did not write/);
    expect(readFileSync(join(rep, 'mine', 'a.txt'), 'utf8')).toBe('keep');
  });

  it("refuses a report where a listed file was replaced by a folder or a link of the user's", () => {
    const cwd = fresh();
    const rep = report(cwd);
    rmSync(join(rep, 'costs.csv'));
    mkdirSync(join(rep, 'costs.csv'));
    put(join(rep, 'costs.csv', 'mine.txt'), 'keep');
    const r = run(['train', ...LONG, '--out', 'rep'], cwd);
    expectOneLine(r, 1, /also holds costs\.csv, which initlab did not write/);
    rmSync(join(rep, 'costs.csv'), { recursive: true });
    symlinkSync(put(join(cwd, 'precious.txt'), 'keep'), join(rep, 'costs.csv'));
    expectOneLine(
      run(['train', ...LONG, '--out', 'rep'], cwd),
      1,
      /also holds costs\.csv, which initlab did not write/,
    );
    expect(readFileSync(join(cwd, 'precious.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a report marked by a newer initlab', () => {
    const cwd = fresh();
    const rep = report(cwd);
    const marker = JSON.parse(readFileSync(join(rep, MARKER), 'utf8'));
    put(join(rep, MARKER), JSON.stringify({ ...marker, formatVersion: 2 }));
    const r = run(['train', ...LONG, '--out', 'rep'], cwd);
    expectOneLine(r, 1, /written by a newer initlab \(output format 2, this one writes 1\)/);
    expect(existsSync(join(rep, 'index.html'))).toBe(true);
  });

  it('keeps a file the user adds to the report while the run is going', async () => {
    const cwd = fresh();
    const rep = report(cwd);
    // the folder passes the first check; notes.txt appears during training; Ctrl-C ends the
    // run, which then writes its report, and must not delete notes.txt doing so
    const child = spawn(
      process.execPath,
      [BIN, 'train', '--iterations', '100000000', '--print-every', '1000000000', '--out', 'rep'],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    await new Promise<void>((r) =>
      child.stdout.on('data', (d) => {
        if (/Cost after iteration 0/.test(String(d))) r();
      }),
    );
    put(join(rep, 'notes.txt'), 'keep');
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stderr).toMatch(/also holds notes\.txt, which initlab did not write/);
    expect(readFileSync(join(rep, 'notes.txt'), 'utf8')).toBe('keep');
    expect(existsSync(join(rep, 'index.html'))).toBe(true);
  });

  it('refuses --save inside --out (the report would replace the model), before any work', () => {
    const cwd = fresh();
    for (const save of ['rep/model.json', './rep/sub/m.json', 'rep']) {
      const r = run(['train', ...LONG, '--out', 'rep', '--save', save], cwd);
      expectOneLine(
        r,
        2,
        /is inside the report folder --out rep, which each run replaces as a whole; save the model outside it/,
      );
      expect(existsSync(join(cwd, 'rep'))).toBe(false);
    }
    // and with --no-report, or beside the report, both survive
    const ok = run(
      ['train', '--iterations', '5', '--quiet', '--out', 'rep', '--save', 'model.json'],
      cwd,
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(join(cwd, 'model.json'))).toBe(true);
    expect(readMarker(join(cwd, 'rep'))?.files).toContain('index.html');
  });

  it('refuses --save onto a file that is not an initlab model, and onto a symbolic link', () => {
    const cwd = fresh();
    const mine = put(join(cwd, 'notes.json'), '{"format":"mine"}');
    const text = put(join(cwd, 'notes.txt'), 'keep');
    symlinkSync(text, join(cwd, 'link.json'));
    for (const [save, message] of [
      [
        'notes.json',
        /notes\.json exists and is not an initlab model; initlab overwrites only its own models/,
      ],
      ['notes.txt', /notes\.txt exists and is not an initlab model/],
      ['link.json', /link\.json is a symbolic link/],
    ] as const) {
      const r = run(['train', ...LONG, '--no-report', '--save', save], cwd);
      expectOneLine(r, 1, message);
    }
    expect(readFileSync(mine, 'utf8')).toBe('{"format":"mine"}');
    expect(readFileSync(text, 'utf8')).toBe('keep');
    expect(lstatSync(join(cwd, 'link.json')).isSymbolicLink()).toBe(true);
  });

  it('refuses a symbolic link as --out (it leads to a folder that is not replaced as a whole)', () => {
    const cwd = fresh();
    const rep = report(cwd);
    symlinkSync(rep, join(cwd, 'link'));
    const before = snapshot(rep);
    const r = run(['train', ...LONG, '--out', 'link'], cwd);
    expectOneLine(r, 1, /link is a symbolic link/);
    expect(snapshot(rep)).toEqual(before);
  });

  it('replaces its own report, its own sweep folder, an empty folder and its own model', () => {
    const cwd = fresh();
    const rep = report(cwd);
    put(join(rep, '.DS_Store'), 'finder litter'); // what opening the folder on a Mac adds: not the user's work
    const again = run(
      ['compare', '--inits', 'he,xavier', '--iterations', '5', '--quiet', '--out', 'rep'],
      cwd,
    );
    expect(again.status, again.stderr).toBe(0);
    const marker = readMarker(rep)!;
    expect(marker).toMatchObject({ tool: 'initlab', kind: 'report', formatVersion: 1 });
    expect(readdirSync(rep).sort()).toEqual([...marker.files, MARKER].sort());
    expect(marker.files).toContain('compare-costs.png');

    mkdirSync(join(cwd, 'empty'));
    expect(run(['train', '--iterations', '5', '--quiet', '--out', 'empty'], cwd).status).toBe(0);
    expect(readMarker(join(cwd, 'empty'))?.files).toContain('results.json');

    const sweep = smallSweep('sw');
    expect(run(sweep, cwd).status).toBe(0);
    expect(run(sweep, cwd).status).toBe(0);
    expect(readMarker(join(cwd, 'sw'))).toMatchObject({
      kind: 'sweep',
      files: ['distribution.png', 'distribution.svg', 'index.html', 'results.json', 'sweep.csv'],
    });

    const m = join(cwd, 'm.json');
    expect(
      run(['train', '--iterations', '5', '--no-report', '--quiet', '--save', 'm.json'], cwd).status,
    ).toBe(0);
    const first = readFileSync(m, 'utf8');
    expect(
      run(['train', '--iterations', '50', '--no-report', '--quiet', '--save', 'm.json'], cwd)
        .status,
    ).toBe(0);
    expect(readFileSync(m, 'utf8')).not.toBe(first); // replaced: more iterations, other weights
    expect(readdirSync(cwd).filter((f) => f.startsWith('.'))).toEqual([]); // no temporary or probe file left
  });
});

describe('kind 2: every output path is checked before the first iteration (24 cases)', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = fresh();
    put(join(cwd, 'afile'), 'x');
    mkdirSync(join(cwd, 'adir'));
  });
  const cases: [string, string[], number, RegExp][] = [
    ["--out ''", ['train', '--out', ''], 2, /--out is empty; give a name/],
    ['--out of spaces', ['compare', '--out', '  '], 2, /--out is empty/],
    ['--out /', ['train', '--out', '/'], 2, /--out \/ is the root folder/],
    ['--out .', ['notebook', '--out', '.'], 2, /--out \. holds the current folder/],
    ['--out ..', ['train', '--out', '..'], 2, /--out \.\. holds the current folder/],
    [
      '--out a file',
      ['train', '--out', 'afile'],
      1,
      /afile exists and is not a folder; choose another --out/,
    ],
    [
      '--out under a file',
      ['train', '--out', 'afile/rep'],
      1,
      /--out afile\/rep: a part of the path is a file, not a folder \(ENOTDIR\)/,
    ],
    [
      '--out deeper under a file',
      ['train', '--out', 'afile/a/b'],
      1,
      /--out afile\/a\/b: a part of the path is a file, not a folder \(ENOTDIR\)/,
    ],
    ["sweep --out ''", ['sweep', '--out', ''], 2, /--out is empty/],
    ['sweep --out a file', ['sweep', '--out', 'afile'], 1, /afile exists and is not a folder/],
    ['sweep --out /', ['sweep', '--out', '/'], 2, /root folder/],
    [
      "--save ''",
      ['train', '--no-report', '--save', ''],
      2,
      /--save is empty; give a name, like --save model\.json/,
    ],
    ['--save /', ['train', '--no-report', '--save', '/'], 2, /--save \/ names a folder/],
    [
      '--save a folder',
      ['train', '--no-report', '--save', 'adir'],
      1,
      /--save adir is a folder; give a file name, like --save adir\/model\.json/,
    ],
    [
      '--save with a trailing /',
      ['train', '--no-report', '--save', 'new/'],
      2,
      /--save new\/ names a folder/,
    ],
    ['--save .', ['train', '--no-report', '--save', '.'], 1, /--save \. is a folder/],
    [
      '--save in a missing folder',
      ['train', '--no-report', '--save', 'missing/m.json'],
      1,
      /--save missing\/m\.json: the folder missing does not exist; create it first/,
    ],
    [
      '--save under a file',
      ['train', '--no-report', '--save', 'afile/m.json'],
      1,
      /--save afile\/m\.json: .*not a folder/,
    ],
    [
      '--save /dev/null (not a regular file)',
      ['train', '--no-report', '--save', '/dev/null'],
      1,
      /--save \/dev\/null exists and is not a regular file/,
    ],
    [
      '--save bad with a good --out',
      ['train', '--out', 'fine', '--save', ''],
      2,
      /--save is empty/,
    ],
  ];
  for (const [name, args, code, message] of cases) {
    it(`${name}: one line, exit ${code}, no iteration run`, () => {
      const r = run([...args, ...LONG], cwd);
      expectOneLine(r, code, message);
      expect(r.stdout).toBe(''); // not even the first cost
      expect(r.ms).toBeLessThan(10_000);
    });
  }
  it('--out with --no-report is a contradiction, refused before any work (nothing would be written there)', () => {
    const r = run(['train', '--iterations', '5', '--quiet', '--no-report', '--out', 'afile'], cwd);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^initlab: --no-report and --out cannot be given together/);
  });

  // permissions: root ignores them, so the run is made as the unprivileged user "nobody"
  // (as root) or in a folder made read-only with chmod (as anyone else)
  describe('no write permission (EACCES)', () => {
    let locked: string;
    let as: SpawnSyncOptions;
    beforeAll(() => {
      locked = join(fresh(), 'locked');
      mkdirSync(locked);
      if (asRoot) as = { uid: 65534, gid: 65534 };
      else {
        chmodSync(locked, 0o555);
        as = {};
      }
    });
    afterAll(() => chmodSync(locked, 0o755));
    for (const [name, args] of [
      ['--out', ['train', '--out', 'locked/rep']],
      ['--save', ['train', '--no-report', '--save', 'locked/m.json']],
      ['sweep --out', ['sweep', '--out', 'locked/sw']],
    ] as const) {
      it(`${name} in a folder the user may not write: one line, exit 1, before the work`, () => {
        const r = run([...args, ...LONG], join(locked, '..'), as);
        expectOneLine(
          r,
          1,
          new RegExp(
            `${name.replace('sweep ', '')} locked/\\w+(\\.json)?: cannot write in .*locked: permission denied \\(EACCES\\)`,
          ),
        );
        expect(r.stdout).toBe('');
        expect(readdirSync(locked)).toEqual([]);
      });
    }
  });

  it('a diverged run says why it saved no model, and saves none', () => {
    const cwd2 = fresh();
    const r = run(
      [
        'train',
        '--lr',
        '1e300',
        '--iterations',
        '50',
        '--no-report',
        '--quiet',
        '--save',
        'm.json',
      ],
      cwd2,
    );
    expectOneLine(
      r,
      1,
      /the he run diverged at iteration \d+ .*; so no model was saved to m\.json/,
    );
    expect(existsSync(join(cwd2, 'm.json'))).toBe(false);
    expect(r.stdout).not.toMatch(/model: /);
  });
});

// a read-only mount and a full disk need root (mount); the cases run where that is possible
const canMount = asRoot && spawnSync('mount', ['--version']).status === 0;
describe.skipIf(!canMount)(
  'kind 5: a read-only file system and a full disk are named (as root, with mounts)',
  () => {
    let ro: string;
    let small: string;
    const mounted: string[] = [];
    beforeAll(() => {
      const base = fresh();
      ro = join(base, 'ro');
      small = join(base, 'small');
      mkdirSync(ro);
      mkdirSync(small);
      const model = run(
        ['train', '--iterations', '5', '--no-report', '--quiet', '--save', join(ro, 'good.json')],
        base,
      );
      expect(model.status, model.stderr).toBe(0);
      expect(spawnSync('mount', ['--bind', ro, ro]).status).toBe(0);
      mounted.push(ro);
      expect(spawnSync('mount', ['-o', 'remount,bind,ro', ro]).status).toBe(0);
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]).status).toBe(0);
      mounted.push(small);
    });
    afterAll(() => {
      for (const m of mounted.reverse()) spawnSync('umount', [m]);
    });

    it('EROFS: --out, --save, a replaced model and sweep --out in a read-only folder fail before the work', () => {
      for (const args of [
        ['train', '--out', join(ro, 'rep')],
        ['train', '--no-report', '--save', join(ro, 'm.json')],
        ['train', '--no-report', '--save', join(ro, 'good.json')],
        ['sweep', '--out', join(ro, 'sw')],
      ]) {
        const r = run([...args, ...LONG], root);
        expectOneLine(r, 1, /cannot write in .*ro: the file system is read-only \(EROFS\)/);
        expect(r.stdout).toBe('');
      }
    });

    it('a mount point as --out is refused before the work (it cannot be swapped out)', () => {
      const r = run(['train', ...LONG, '--out', small], root);
      expectOneLine(
        r,
        1,
        /small is a mount point, which cannot be replaced as a whole; give a folder inside it/,
      );
      expect(r.stdout).toBe('');
    });

    it('ENOSPC: a report that fills the disk is one named line; nothing half-written is left', () => {
      // the check passes (an empty folder fits), the figures do not: the failure comes at the end
      const r = run(['train', '--iterations', '5', '--quiet', '--out', join(small, 'rep')], root);
      expectOneLine(
        r,
        1,
        /cannot write the report to .*small\/rep: no space left on the device \(ENOSPC\)/,
      );
      expect(readdirSync(small)).toEqual([]);
    });

    it('ENOSPC: a model too large for the disk is one named line, and no partial file', () => {
      const r = run(
        [
          'train',
          '--layers',
          '2,100,100,1',
          '--iterations',
          '2',
          '--quiet',
          '--no-report',
          '--save',
          join(small, 'm.json'),
        ],
        root,
      );
      expectOneLine(r, 1, /cannot write .*small\/m\.json: no space left on the device \(ENOSPC\)/);
      expect(readdirSync(small)).toEqual([]);
    });

    it('ENOSPC: a sweep folder that fills the disk', () => {
      // the sweep folder is small: a filler leaves it 8 KB
      writeFileSync(join(small, 'filler'), Buffer.alloc(56 * 1024));
      try {
        const r = run(smallSweep(join(small, 'sw')), root);
        expectOneLine(
          r,
          1,
          /cannot write the sweep to .*small\/sw: no space left on the device \(ENOSPC\)/,
        );
        expect(readdirSync(small)).toEqual(['filler']);
      } finally {
        rmSync(join(small, 'filler'));
      }
    });
  },
);

describe('kind 5: failures are named, never "internal error" (standard output, shapes)', () => {
  const withStdout = (args: string[], fd: number) => {
    try {
      return run(args, root, { stdio: ['ignore', fd, 'pipe'] });
    } finally {
      closeSync(fd);
    }
  };
  for (const args of [
    ['data', '--csv'],
    ['data', '--json'],
    ['init', '--json'],
    ['train', '--iterations', '5', '--quiet', '--no-report', '--json'],
  ]) {
    it(`initlab ${args.join(' ')} > /dev/full: one line, exit 1`, () => {
      const r = withStdout(args, openSync('/dev/full', 'w'));
      expectOneLine(
        r,
        1,
        /cannot write to standard output: no space left on the device \(ENOSPC\)/,
      );
    });
  }

  for (const args of [
    ['data', '--csv'],
    ['init', '--json'],
    ['data', '--list'],
    ['train', '--iterations', '5', '--no-report', '--json'],
  ]) {
    it(`initlab ${args.join(' ')} with standard output closed does not exit 0 having written nothing`, () => {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} >&-`], {
        encoding: 'utf8',
      });
      expectOneLine(r, 1, /standard output is closed, so .* would go nowhere/);
    });
  }

  it('standard output sent to /dev/null on purpose is fine', () => {
    expect(withStdout(['data', '--csv'], openSync('/dev/null', 'w')).status).toBe(0);
  });

  for (const cmd of ['data --csv --dataset circles:n=20000', 'init --layers 2,300,300,1']) {
    it(`initlab ${cmd} | head -1 ends quietly, as Unix tools do`, () => {
      const r = spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${BIN}" ${cmd} | head -1; echo "status \${PIPESTATUS[0]}" >&2`,
        ],
        { encoding: 'utf8' },
      );
      expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr.trim()).toBe('status 0');
    });
  }

  const shapes: [string, string[], RegExp][] = [
    [
      'sweep --layers 2,5,3',
      ['sweep', '--layers', '2,5,3', '--no-report'],
      /--layers must end with 1 \(one sigmoid output for two classes\), got 3/,
    ],
    [
      'sweep with a 3-feature --test',
      ['sweep', '--test', 'THREE', '--no-report'],
      /the test data has 3 features, the training data 2/,
    ],
    [
      'sweep --layers 3,5,1 on 2 features',
      ['sweep', '--layers', '3,5,1', '--no-report'],
      /--layers starts with 3 inputs but the training data has 2 features/,
    ],
    ['gradcheck --layers 2,5,3', ['gradcheck', '--layers', '2,5,3'], /--layers must end with 1/],
    [
      'compare with a 3-feature --test',
      ['compare', '--test', 'THREE', '--no-report'],
      /the test data has 3 features, the training data 2/,
    ],
  ];
  for (const [name, args, message] of shapes) {
    it(`${name}: one line, exit 2, as train`, () => {
      const three = put(join(root, 'three.csv'), '1,2,3,0\n3,2,1,1\n');
      const r = run(
        [...args.map((a) => (a === 'THREE' ? three : a)), ...(args[0] === 'gradcheck' ? [] : LONG)],
        root,
      );
      expectOneLine(r, 2, message);
    });
  }

  it('a CSV file or a model the user may not read: one named line, exit 1', () => {
    const cwd = fresh();
    const csv = put(join(cwd, 'secret.csv'), '1,2,0\n2,1,1\n');
    expect(
      run(['train', '--iterations', '5', '--no-report', '--quiet', '--save', 'm.json'], cwd).status,
    ).toBe(0);
    chmodSync(csv, 0o000);
    chmodSync(join(cwd, 'm.json'), 0o000);
    const as = asRoot ? { uid: 65534, gid: 65534 } : {}; // root reads anything: ask as nobody
    expectOneLine(
      run(['data', '--dataset', csv], cwd, as),
      1,
      /cannot read .*secret\.csv: permission denied \(EACCES\)/,
    );
    expectOneLine(
      run(['predict', '--model', 'm.json'], cwd, as),
      1,
      /cannot read m\.json: permission denied \(EACCES\)/,
    );
  });

  it('system errors are worded for people, with their code; other errors keep their message', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(describeSystemError(err('ENOSPC'))).toBe('no space left on the device (ENOSPC)');
    expect(describeSystemError(err('EACCES'))).toBe('permission denied (EACCES)');
    expect(describeSystemError(err('EROFS'))).toBe('the file system is read-only (EROFS)');
    expect(describeSystemError(err('EWHATEVER'))).toBe('EWHATEVER: raw');
    expect(isSystemError(err('EIO'))).toBe(true);
    expect(isSystemError(new Error('plain'))).toBe(false);
    expect(isSystemError(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(
      false,
    );
    expect(describeSystemError(new Error('plain'))).toBe('plain');
  });
});
