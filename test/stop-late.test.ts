// One rule for a stop, for every command: the exit code says whether the result is whole.
// A stop that cuts the work short exits 130 / 143 / 129 and --json says "interrupted"; a stop
// that arrives once the result is complete (while it is being written) cuts nothing: the
// complete result stands, exit 0, and stderr says the stop changed nothing.
//
// No timers decide where the signal lands: INITLAB_TEST_PAUSE (src/cli/test-pause.ts, test
// only) holds the command at `start` (before any work) or at `output` (its first write to
// stdout, which under --json is its finished document) until the signal has arrived.
//
// Cases: 11 commands paused at their output (SIGINT; SIGTERM and SIGHUP for two), 9 paused
// at the start, and train's text output, whose first line comes before the training.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `initlab args` held at `point`; sends `signal` once it says it is paused there. */
function stoppedAt(point: 'start' | 'output', signal: NodeJS.Signals, args: string[]) {
  return new Promise<Ended>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, INITLAB_TEST_PAUSE: point },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000); // never left running
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && stderr.includes(`initlab-test: paused at ${point}\n`)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('exit', (code, sig) => {
      clearTimeout(kill);
      resolve({ code, signal: sig, stdout, stderr });
    });
  });
}

const CODE = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
const NOTHING_STOPPED =
  /^initlab: the (SIGINT|SIGTERM|SIGHUP) stopped nothing: .* its result is complete \(exit 0\)$/m;
const QUIET = ['--json', '--no-report', '--quiet'];

/** Each command with --json, and what its complete document holds. */
const COMMANDS: [string, string[], (doc: Record<string, unknown>) => void][] = [
  [
    'init',
    ['init', '--layers', '2,4,1', '--json'],
    (d) => expect(Object.keys(d)).toEqual(['W1', 'b1', 'W2', 'b2']),
  ],
  ['gradcheck', ['gradcheck', '--json'], (d) => expect(d.verdict).toBe('agrees')],
  ['probe', ['probe', '--depth', '4', '--json'], (d) => expect(d.layers).toHaveLength(4)],
  [
    'theory --depth',
    ['theory', '--activation', 'tanh', '--c0', '0.5', '--depth', '12', '--json'],
    (d) => expect(d.layers).toHaveLength(12),
  ],
  [
    'train',
    ['train', '--iterations', '50', ...QUIET],
    (d) => expect((d.runs as { iterationsRun: number }[])[0].iterationsRun).toBe(50),
  ],
  [
    'compare',
    ['compare', '--inits', 'he,xavier', '--iterations', '50', ...QUIET],
    (d) => expect(d.runs).toHaveLength(2),
  ],
  ['notebook', ['notebook', '--iterations', '20', ...QUIET], (d) => expect(d.runs).toHaveLength(3)],
  [
    'sweep',
    ['sweep', '--inits', 'he', '--seeds', '1-3', '--iterations', '50', ...QUIET],
    (d) => expect(d.runs).toHaveLength(3),
  ],
  [
    'reproduce',
    ['reproduce', 'glorot2010', '--quick', '--json', '--no-report'],
    (d) => expect(d.reproductions).toHaveLength(1),
  ],
  [
    'data',
    ['data', '--dataset', 'moons:n=7', '--json'],
    (d) => expect(d.Y).toEqual([[expect.any(Number), ...Array(6).fill(expect.any(Number))]]),
  ],
];

describe(
  'a stop that lands once the result is complete changes nothing: exit 0',
  { timeout: 120_000 },
  () => {
    for (const [name, args, complete] of COMMANDS) {
      it(`${name} --json, Ctrl-C while its document is written`, async () => {
        const r = await stoppedAt('output', 'SIGINT', args);
        expect(r.signal, r.stderr).toBeNull();
        expect(r.code, r.stderr).toBe(0);
        const doc = JSON.parse(r.stdout);
        expect(doc.interrupted ?? false).toBe(false);
        complete(doc);
        expect(r.stderr).toMatch(NOTHING_STOPPED);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      });
    }
    for (const signal of ['SIGTERM', 'SIGHUP'] as const)
      for (const [name, args, complete] of COMMANDS.filter(([n]) => n === 'init' || n === 'train'))
        it(`${name} --json, ${signal} while its document is written`, async () => {
          const r = await stoppedAt('output', signal, args);
          expect(r.code, r.stderr).toBe(0);
          complete(JSON.parse(r.stdout));
          expect(r.stderr).toMatch(NOTHING_STOPPED);
        });

    it('init in text: every matrix printed, exit 0', async () => {
      const r = await stoppedAt('output', 'SIGINT', ['init', '--layers', '2,4,1']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.match(/^(W|b)\d = /gm)).toEqual(['W1 = ', 'b1 = ', 'W2 = ', 'b2 = ']);
    });
  },
);

describe(
  'a stop that lands before the work is done cuts it short: the signal exit code, "interrupted"',
  { timeout: 120_000 },
  () => {
    // data has no work to stop; theory without --depth neither: they finish (exit 0, tested above)
    for (const [name, args] of COMMANDS.filter(([n]) => n !== 'data')) {
      it(`${name} --json, Ctrl-C before the work began`, async () => {
        const r = await stoppedAt('start', 'SIGINT', args);
        expect(r.signal, r.stderr).toBeNull();
        expect(r.code, r.stderr).toBe(130);
        expect(JSON.parse(r.stdout).interrupted).toBe(true);
        expect(r.stderr).not.toMatch(NOTHING_STOPPED);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      });
    }
    it('train, SIGTERM before the work began: 143', async () => {
      const r = await stoppedAt('start', 'SIGTERM', ['train', '--iterations', '50', ...QUIET]);
      expect(r.code, r.stderr).toBe(CODE.SIGTERM);
      expect(JSON.parse(r.stdout).interrupted).toBe(true);
    });
    it('train in text: its first line comes before the training, so a stop there interrupts the run', async () => {
      const r = await stoppedAt('output', 'SIGINT', [
        'train',
        '--iterations',
        '100000',
        '--no-report',
        '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(CODE.SIGINT);
      expect(r.stdout).toMatch(/^\n== He initialization/);
      expect(r.stdout).not.toMatch(/Accuracy/);
      expect(r.stderr).not.toMatch(NOTHING_STOPPED);
    });
  },
);
