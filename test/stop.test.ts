// Stop means stop (issue 12, case 3): the real command line is started, sent SIGINT once,
// twice, or SIGTERM at a chosen moment, and must end with 130 (SIGINT) or 143 (SIGTERM) in
// under 2 s from the last signal, keeping what had finished.
//
// Inputs tried, by kind (19 in all):
//   one stop during a training loop, what ran is kept ........... 6 (train ×2 signals, compare, notebook, its report, mini-batches)
//   a stop during synchronous work (init, LSUV, a huge iteration,
//     the gradient check, the probe, init's printout) .......... 8 (one signal or two)
//   a stop of a sweep with long jobs under way .................. 2 (SIGINT, SIGTERM)
//   a stop of the server held by idle / half-sent connections ... 3 (SIGINT, SIGTERM, two SIGINTs)
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the last signal sent to the exit. */
  afterLast: number;
}

function start(args: string[]): {
  child: ChildProcess;
  out: () => { stdout: string; stderr: string };
} {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  return { child, out: () => ({ stdout, stderr }) };
}

/**
 * Runs `initlab args`; once `ready` matches its output (the work has begun) waits `delay` ms,
 * then sends `signals` `gap` ms apart. SIGKILL after 30 s: a test never leaves it running.
 */
async function stopped(
  args: string[],
  signals: NodeJS.Signals[],
  o: { ready?: RegExp; delay?: number; gap?: number } = {},
): Promise<Ended> {
  const { child, out } = start(args);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
  if (o.ready) {
    await new Promise<void>((resolve) => {
      const look = () => {
        if (o.ready!.test(out().stdout + out().stderr)) resolve();
      };
      child.stdout!.on('data', look);
      child.stderr!.on('data', look);
      child.on('exit', () => resolve());
    });
  }
  await new Promise((r) => setTimeout(r, o.delay ?? 0));
  let last = Date.now();
  for (const [i, s] of signals.entries()) {
    if (i) await new Promise((r) => setTimeout(r, o.gap ?? 300));
    last = Date.now();
    child.kill(s);
  }
  const { code, signal } = await exited;
  const afterLast = Date.now() - last;
  clearTimeout(kill);
  return { code, signal, afterLast, ...out() };
}

/** The exit contract: the signal's code, within 2 s of the last signal. */
function expectStopped(r: Ended, code: 130 | 143): void {
  expect(r.signal, r.stderr).toBeNull();
  expect(r.code, r.stderr).toBe(code);
  expect(r.afterLast).toBeLessThan(2000);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

const LONG = [
  '--iterations',
  '100000000',
  '--print-every',
  '2000',
  '--json',
  '--no-report',
  '--quiet',
];

describe('one stop during training: exit 130 / 143 within 2 s, what ran is kept', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`train, ${signal}`, async () => {
      const r = await stopped(['train', ...LONG], [signal], { delay: 1500 });
      expectStopped(r, code);
      const run = JSON.parse(r.stdout).runs[0];
      expect(run.stopReason).toBe('interrupted');
      expect(run.costs.length).toBeGreaterThan(1);
      expect(run.iterationsRun).toBeGreaterThan(2000);
    });
  }

  it('compare: the interrupted run is reported and the next one never starts', async () => {
    const r = await stopped(
      [
        'compare',
        '--inits',
        'he,xavier',
        '--iterations',
        '20000000',
        '--print-every',
        '100000',
        '--json',
        '--no-report',
        '--quiet',
      ],
      ['SIGINT'],
      { delay: 1500 },
    );
    expectStopped(r, 130);
    const runs = JSON.parse(r.stdout).runs;
    expect(runs.map((x: { init: string }) => x.init)).toEqual(['he']);
    expect(runs[0].stopReason).toBe('interrupted');
  });

  it('notebook (text output): the interrupted run says where it stopped', async () => {
    const r = await stopped(
      ['--iterations', '100000000', '--print-every', '100000', '--no-report', '--quiet'],
      ['SIGINT'],
      { ready: /Cost after iteration 0/, delay: 300 },
    );
    expectStopped(r, 130);
    expect(r.stdout).toMatch(/\(interrupted after \d+ of 100000000 iterations\)/);
  });

  it('the report of the stopped run is written, within the 2 s', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'initlab-stop-')), 'report');
    const r = await stopped(
      ['train', '--iterations', '100000000', '--print-every', '100000', '--out', out, '--quiet'],
      ['SIGTERM'],
      { ready: /Cost after iteration 0/, delay: 500 },
    );
    expectStopped(r, 143);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).runs[0].stopReason).toBe(
      'interrupted',
    );
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('mini-batches', async () => {
    const r = await stopped(['train', '--batch-size', '16', ...LONG], ['SIGTERM'], { delay: 1500 });
    expectStopped(r, 143);
    expect(JSON.parse(r.stdout).runs[0].stopReason).toBe('interrupted');
  });
});

describe('stops during synchronous work', () => {
  // each of these runs for many seconds without returning to the event loop
  const work: [string, string[], RegExp?][] = [
    [
      'orthogonal initialization of 2,4000,4000,1',
      ['train', '--init', 'orthogonal', '--layers', '2,4000,4000,1', '--no-report', '--quiet'],
    ],
    [
      'LSUV that never converges',
      [
        'train',
        '--init',
        'lsuv:tol=1e-300,max-iter=100',
        '--layers',
        '2,300,300,300,1',
        '--train',
        'circles:n=3000',
        '--no-report',
        '--quiet',
      ],
    ],
    [
      'one huge iteration on the TypeScript kernels',
      ['train', '--backend', 'ts', '--layers', '2,3000,3000,1', '--no-report', '--quiet', '--json'],
    ],
    ['a long gradient check', ['gradcheck', '--layers', '2,100,100,1']],
    ['a wide probe', ['probe', '--width', '3000', '--samples', '3000', '--depth', '40', '--json']],
    [
      'init printing an orthogonal network',
      ['init', '--init', 'orthogonal', '--layers', '2,3000,3000,1', '--json'],
    ],
  ];
  for (const [name, args] of work) {
    it(`${name}: two Ctrl-C end it at once`, async () => {
      const r = await stopped(args, ['SIGINT', 'SIGINT'], { delay: 1200, gap: 200 });
      expectStopped(r, 130);
      expect(r.afterLast).toBeLessThan(1000);
    });
  }
  it('one Ctrl-C in the middle of a gradient check: stopped at the next parameter, nothing printed as a result', async () => {
    const r = await stopped(['gradcheck', '--layers', '2,100,100,1'], ['SIGINT'], { delay: 1200 });
    expectStopped(r, 130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/stopped during the gradient check/);
  });
  it('one SIGTERM in the middle of an initialization', async () => {
    const r = await stopped(work[0][1], ['SIGTERM'], { delay: 1200 });
    expectStopped(r, 143);
  });
});

describe('a sweep whose jobs take long: the jobs under way are dropped, the process ends', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(signal, async () => {
      const r = await stopped(
        [
          'sweep',
          '--inits',
          'he',
          '--seeds',
          '1-4',
          '--layers',
          '2,500,500,1',
          '--iterations',
          '100000',
          '--json',
          '--no-report',
          '--quiet',
        ],
        [signal],
        { delay: 2000 },
      );
      expectStopped(r, code);
      const doc = JSON.parse(r.stdout);
      expect(doc.interrupted).toBe(true);
      expect(doc.runs.length).toBeLessThan(4);
    });
  }
});

describe('initlab serve stops although clients hold connections open', () => {
  async function serveStopped(signals: NodeJS.Signals[]): Promise<Ended> {
    const { child, out } = start(['serve', '--port', '0']);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child.on('exit', (code, signal) => r({ code, signal })),
    );
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const port = await new Promise<number>((resolve) =>
      child.stdout!.on('data', () => {
        const m = /127\.0\.0\.1:(\d+)\//.exec(out().stdout);
        if (m) resolve(Number(m[1]));
      }),
    );
    const sockets: Socket[] = [];
    const open = (text: string) =>
      new Promise<void>((r) => {
        const s = connect(port, '127.0.0.1', () => {
          s.write(text);
          r();
        });
        s.on('error', () => {});
        sockets.push(s);
      });
    await open(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`); // answered, then idle
    await open('GET / HTTP/1.1\r\nHost: 127.'); // half-sent
    await open(''); // connected, silent
    await new Promise((r) => setTimeout(r, 300));
    let last = Date.now();
    for (const [i, s] of signals.entries()) {
      if (i) await new Promise((r) => setTimeout(r, 50));
      last = Date.now();
      child.kill(s);
    }
    const { code, signal } = await exited;
    const afterLast = Date.now() - last;
    clearTimeout(kill);
    for (const s of sockets) s.destroy();
    return { code, signal, afterLast, ...out() };
  }
  it('SIGINT', async () => expectStopped(await serveStopped(['SIGINT']), 130));
  it('SIGTERM', async () => expectStopped(await serveStopped(['SIGTERM']), 143));
  it('two SIGINTs', async () => expectStopped(await serveStopped(['SIGINT', 'SIGINT']), 130));
});
