// Sweeps on a real job queue (issue 17): Debian's redis-server started on a free loopback port
// with its append-only file, and `initlab worker` processes taking the cells.
//
// Inputs tried, by kind:
//   rows through the queue equal a local sweep's (JSON runs and summary, sweep.csv), diverged cells included .. 1 and 3 workers
//   a rerun: the same grid recomputes nothing (no worker running); a larger grid computes only its new cells .. 2
//   a worker SIGKILLed mid-cell: another worker finishes that cell .......................................... 1
//   a worker's first SIGINT / SIGTERM: it finishes its running cell, returns the row, exits 130 / 143 ......... 2
//   Redis restarted mid-sweep: no finished row lost, the sweep completes ..................................... 1
//   Redis emptied mid-sweep (a restart without its append-only file, FLUSHDB): the sweep stores its data and
//     cells again, and completes with the local rows .................................................... 1
//   cells that fail (their data gone from Redis): rows with the reason, exit 1; a rerun computes them ........ 1
//   passwords: never in any output (sweep, worker, --status, errors, results.json) ........................... 6 messages
//   TLS (rediss://) with a password: the same rows; an untrusted certificate, plain redis:// to TLS ...... 3
//   addresses: non-loopback refused without --allow-remote, rediss:// and /DB read, bad schemes refused ....... 7
//   bad addresses for sweep, worker and --status: no such DB (99, 16), port 0, a bad path, http://, a closed
//     port, a server that is not Redis (plain and TLS), rediss:// to a plain Redis, an unknown host: one line,
//     exit 2 (malformed) or 1 (the server), and the command ends ........................................ 10 × 3
//   --status: only this database's workers; each sweep's cells by state (done, waiting after a Ctrl-C) .... 3 DBs
//   a worker of another initlab version: it takes nothing, and the waiting sweep says which version runs there . 1
//   one divergence rule: cells whose cost blew up but stayed finite are 'diverged' rows with the doctor's
//     reason, through the queue as on threads ........................................................... 3 rates
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueAddress } from '../src/node/queue-address.js';
import { cellId, decodeRow, encodeRow, hashOf } from '../src/node/queue-cell.js';
import { cli } from './helpers.js';
import {
  initlab,
  makeCertificates,
  type RedisServer,
  startRedis,
  startWorker,
  stopAll,
  until,
} from './redis.js';

const VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  .version as string;
/** BullMQ's key for a list or set of this version's queue. */
const key = (what: string) => `bull:initlab-sweep-v${VERSION}:${what}`;

// diverged cells (non-finite costs) and plain ones, two learning rates
const GRID = [
  '--inits',
  'he,random:scale=1e200,zeros',
  '--seeds',
  '1-3',
  '--lr',
  '0.01,0.5',
  '--iterations',
  '100',
];
const GRID_CELLS = 3 * 3 * 2;
// cells of a few seconds, to be caught mid-run
const SLOW = [
  '--inits',
  'he,xavier',
  '--seeds',
  '1',
  '--iterations',
  '2500',
  '--layers',
  '2,32,32,1',
];

const out = () => mkdtempSync(join(tmpdir(), 'initlab-queue-'));
const json = (text: string) => JSON.parse(text) as { runs: unknown[]; summary: unknown[] };

/** A local sweep's JSON document. */
function local(grid: string[]) {
  const r = cli(['sweep', ...grid, '--json', '--no-report', '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  return json(r.stdout);
}

/** `initlab sweep … --queue url` to the end; its exit code and output. */
async function queued(url: string, grid: string[], extra: string[] = ['--no-report']) {
  const p = initlab(['sweep', ...grid, '--json', '--quiet', '--queue', url, ...extra]);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await stopAll();
});

describe('the same rows as a local sweep, in the same order', () => {
  for (const workers of [1, 3]) {
    it(`${workers} worker${workers > 1 ? 's' : ''}: runs, summary and sweep.csv equal the local sweep's`, async () => {
      const dir = { local: out(), queue: out() };
      const l = cli(['sweep', ...GRID, '--json', '--quiet', '--out', dir.local]);
      expect(l.status, l.stderr).toBe(0);
      const ws = await Promise.all(
        Array.from({ length: workers }, () => startWorker(redis.url(workers))),
      );
      const q = await queued(redis.url(workers), GRID, ['--out', dir.queue]);
      expect(q.code, q.stderr).toBe(0);
      const [a, b] = [json(l.stdout), json(q.stdout)];
      expect(b.runs).toHaveLength(GRID_CELLS);
      expect(b.runs).toEqual(a.runs);
      expect(b.summary).toEqual(a.summary);
      expect(b.runs.some((r) => (r as { stopReason: string }).stopReason === 'diverged')).toBe(
        true,
      );
      expect(readFileSync(join(dir.queue, 'sweep.csv'), 'utf8')).toBe(
        readFileSync(join(dir.local, 'sweep.csv'), 'utf8'),
      );
      // every worker took part when there were several
      if (workers > 1)
        for (const w of ws)
          expect(w.stdout().trim().split('\n').filter(Boolean).length).toBeGreaterThan(0);
      for (const w of ws) w.child.kill('SIGTERM');
      expect(await Promise.all(ws.map((w) => w.exited))).toEqual(ws.map(() => 143));
    });
  }
});

describe('a rerun recomputes nothing', () => {
  it('the same grid again with no worker running: every row comes back, identical, from the queue', async () => {
    const url = redis.url(5);
    const w = await startWorker(url, 2);
    const first = await queued(url, GRID);
    expect(first.code, first.stderr).toBe(0);
    w.child.kill('SIGTERM');
    await w.exited;
    const again = await queued(url, GRID);
    expect(again.code, again.stderr).toBe(0);
    expect(json(again.stdout).runs).toEqual(json(first.stdout).runs);
    expect(again.stderr).toContain(`${GRID_CELLS} of ${GRID_CELLS} cells were already finished`);
    const status = cli(['sweep', '--queue', url, '--status', '--json']);
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      waiting: 0,
      running: 0,
      done: GRID_CELLS,
      failed: 0,
      workers: 0,
    });
  });

  it('a larger grid computes only its new cells', async () => {
    const url = redis.url(6);
    const small = ['--inits', 'he,zeros', '--seeds', '1-2', '--iterations', '100'];
    const large = ['--inits', 'he,zeros', '--seeds', '1-3', '--iterations', '100'];
    const w = await startWorker(url, 1);
    expect((await queued(url, small)).code).toBe(0);
    const cellsBefore = w.stdout().trim().split('\n').length;
    expect(cellsBefore).toBe(4);
    const q = await queued(url, large);
    expect(q.code, q.stderr).toBe(0);
    expect(json(q.stdout).runs).toEqual(local(large).runs);
    expect(w.stdout().trim().split('\n').slice(cellsBefore).sort()).toEqual([
      expect.stringMatching(/^he lr 0.01 seed 3:/),
      expect.stringMatching(/^zeros lr 0.01 seed 3:/),
    ]);
    expect(q.stderr).toContain('4 of 6 cells were already finished');
  });
});

describe('workers that stop', () => {
  it('a worker SIGKILLed mid-cell: its cell is finished by another worker', async () => {
    const url = redis.url(7);
    const a = await startWorker(url, 1);
    const sweep = initlab(['sweep', ...SLOW, '--json', '--quiet', '--no-report', '--queue', url]);
    await until(
      () => redis.cli('-n', '7', 'LLEN', key('active')) === '1',
      30_000,
      'a cell to start',
    );
    a.child.kill('SIGKILL');
    expect(await a.exited).toBe('SIGKILL');
    expect(a.stdout()).toBe(''); // it finished nothing
    const b = await startWorker(url, 1);
    expect(await sweep.exited, sweep.stderr()).toBe(0);
    expect(json(sweep.stdout()).runs).toEqual(local(SLOW).runs);
    expect(b.stdout().trim().split('\n')).toHaveLength(2); // both cells, the killed one included
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`a worker's first ${signal}: it finishes the running cell, returns its row, and exits ${code}`, async () => {
      const url = redis.url(signal === 'SIGINT' ? 8 : 9);
      const grid = ['--inits', 'he', ...SLOW.slice(2)];
      const a = await startWorker(url, 1);
      const sweep = initlab(['sweep', ...grid, '--json', '--quiet', '--no-report', '--queue', url]);
      await until(
        () => redis.cli('-n', url.slice(-1), 'LLEN', key('active')) === '1',
        30_000,
        'the cell to start',
      );
      a.child.kill(signal);
      expect(await a.exited, a.stderr()).toBe(code);
      expect(a.stderr()).toContain('left after 1 cell');
      expect(await sweep.exited, sweep.stderr()).toBe(0);
      expect(json(sweep.stdout()).runs).toEqual(local(grid).runs);
    });
  }
});

describe('Redis restarted or emptied mid-sweep', () => {
  const grid = ['--inits', 'he', '--seeds', '1-6', '--iterations', '1500', '--layers', '2,32,32,1'];
  // keepsAll: every finished job is still in Redis at the end (an emptied Redis keeps only those finished after it)
  const cases: {
    what: string;
    db: number;
    keepsAll: boolean;
    disrupt: (finished: () => number) => Promise<void>;
  }[] = [
    {
      what: 'restarted with its append-only file: no finished row is lost and the sweep completes',
      db: 10,
      keepsAll: true,
      disrupt: async (finished) => {
        await until(() => finished() >= 2, 60_000, 'two cells to finish');
        const before = finished();
        await redis.restart();
        expect(finished()).toBeGreaterThanOrEqual(before);
      },
    },
    {
      what: 'emptied, every job and the data gone (FLUSHDB): the sweep puts them back and completes',
      db: 4,
      keepsAll: false,
      disrupt: async (finished) => {
        await until(() => finished() >= 1, 60_000, 'a cell to finish');
        redis.cli('-n', '4', 'FLUSHDB');
      },
    },
  ];
  for (const c of cases)
    it(
      c.what,
      async () => {
        const url = redis.url(c.db);
        const w = await startWorker(url, 1);
        const sweep = initlab([
          'sweep',
          ...grid,
          '--json',
          '--quiet',
          '--no-report',
          '--queue',
          url,
        ]);
        const finished = () =>
          Number(redis.cli('-n', String(c.db), 'ZCARD', key('completed')) || 0);
        await c.disrupt(finished);
        expect(await sweep.exited, sweep.stderr()).toBe(0);
        expect(json(sweep.stdout()).runs).toEqual(local(grid).runs);
        if (c.keepsAll) expect(finished()).toBe(6);
        w.child.kill('SIGTERM');
        await w.exited;
      },
      120_000,
    );
});

describe('a failing cell is a row with its reason', () => {
  it('cells whose data left Redis: rows that say so, exit 1; the same sweep run again computes them', async () => {
    const url = redis.url(11);
    const grid = ['--inits', 'he', '--seeds', '1-3', '--iterations', '100'];
    const sweep = initlab(['sweep', ...grid, '--json', '--quiet', '--no-report', '--queue', url]);
    await until(
      () => redis.cli('-n', '11', 'LLEN', key('wait')) === '3',
      30_000,
      'the cells to be queued',
    );
    for (const k of redis.cli('-n', '11', 'KEYS', 'initlab:data:*').split('\n'))
      redis.cli('-n', '11', 'DEL', k);
    const w = await startWorker(url, 1);
    expect(await sweep.exited).toBe(1);
    const rows = json(sweep.stdout()).runs as {
      seed: number;
      stopReason: string;
      finalCost: unknown;
    }[];
    expect(rows.map((r) => r.seed)).toEqual([1, 2, 3]);
    for (const r of rows)
      expect(r.stopReason).toMatch(/^failed: the cell's data .* is no longer in Redis/);
    expect(sweep.stderr()).toMatch(
      /^initlab: 3 of 3 cells failed \(their rows say why; first: he lr 0\.01 seed 1: /m,
    );
    const again = await queued(url, grid);
    expect(again.code, again.stderr).toBe(0);
    expect(json(again.stdout).runs).toEqual(local(grid).runs);
    w.child.kill('SIGTERM');
    await w.exited;
  });
});

describe('passwords are never shown', () => {
  const PASSWORD = 'Tr0ub4dor&3-secret';
  let locked: RedisServer;
  beforeAll(async () => {
    locked = await startRedis({ password: PASSWORD });
  });
  afterAll(async () => {
    await locked.stop();
  });

  it('not by the sweep, its results.json, the worker or --status', async () => {
    const url = locked.url(0);
    const dir = out();
    const w = await startWorker(url, 1);
    const q = await queued(
      url,
      ['--inits', 'he', '--seeds', '1-2', '--iterations', '50'],
      ['--out', dir],
    );
    expect(q.code, q.stderr).toBe(0);
    const status = cli(['sweep', '--queue', url, '--status']);
    expect(status.stdout).toMatch(
      /^redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 \(initlab-sweep-v.*\): 0 waiting, 0 running, 2 done, 0 failed; 1 worker connected$/m,
    );
    w.child.kill('SIGINT');
    await w.exited;
    for (const text of [
      q.stdout,
      q.stderr,
      status.stdout,
      status.stderr,
      w.stdout(),
      w.stderr(),
      readFileSync(join(dir, 'results.json'), 'utf8'),
      readFileSync(join(dir, 'index.html'), 'utf8'),
    ]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
    }
    expect(w.stderr()).toContain(`redis://:***@127.0.0.1:${locked.port}/0`);
  });

  it('or taken from INITLAB_REDIS_PASSWORD, out of the command line', async () => {
    const bare = `redis://127.0.0.1:${locked.port}/0`;
    const r = initlab(['sweep', '--queue', bare, '--status', '--json'], {
      INITLAB_REDIS_PASSWORD: PASSWORD,
    });
    expect(await r.exited, r.stderr()).toBe(0);
    expect(JSON.parse(r.stdout())).toMatchObject({ queue: bare, done: 2 });
    const wrong = initlab(['worker', '--queue', bare], { INITLAB_REDIS_PASSWORD: `${PASSWORD}x` });
    expect(await wrong.exited).toBe(1);
    expect(wrong.stderr()).toMatch(/refused the password/);
    expect(r.stdout() + r.stderr() + wrong.stderr()).not.toContain(PASSWORD);
  });

  it('not in errors: a wrong password, none, an unreachable server, a bad address, a remote host', () => {
    const cases: [string[], number, RegExp][] = [
      [
        ['sweep', '--queue', `redis://:${PASSWORD}x@127.0.0.1:${locked.port}`, '--status'],
        1,
        /refused the password; check the password in --queue/,
      ],
      [
        ['sweep', '--queue', `redis://127.0.0.1:${locked.port}`, '--status'],
        1,
        /asks for a password; give it as redis:\/\/:PASSWORD@/,
      ],
      [
        ['worker', '--queue', `redis://:${PASSWORD}@127.0.0.1:1`],
        1,
        /redis:\/\/:\*\*\*@127\.0\.0\.1:1 refused the connection: start it/,
      ],
      [
        ['sweep', '--queue', `http://:${PASSWORD}@127.0.0.1:1`, '--status'],
        2,
        /must start with redis:\/\/ or rediss:\/\//,
      ],
      [
        ['sweep', '--queue', `redis://:${PASSWORD}@no host`, '--status'],
        2,
        /must be a Redis address like redis:\/\/127\.0\.0\.1:6379/,
      ],
      [
        ['worker', '--queue', `redis://:${PASSWORD}@192.0.2.7:6379`],
        2,
        /is not on this machine; .* pass --allow-remote/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const r = cli(args);
      expect(r.status, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr + r.stdout).not.toContain(PASSWORD);
    }
  });
});

describe('TLS: rediss://', () => {
  const PASSWORD = 'tls-only-secret';
  let tls: RedisServer;
  let ca = '';
  beforeAll(async () => {
    const certs = makeCertificates();
    ca = certs.ca;
    tls = await startRedis({ password: PASSWORD, tls: certs });
  });
  afterAll(async () => {
    await tls.stop();
  });

  it('a worker and a sweep through a Redis that speaks only TLS, its CA given by NODE_EXTRA_CA_CERTS: the local rows', async () => {
    const grid = ['--inits', 'he,zeros', '--seeds', '1-2', '--iterations', '100'];
    const env = { NODE_EXTRA_CA_CERTS: ca };
    const w = await startWorker(tls.url(0), 1, env);
    const q = initlab(
      ['sweep', ...grid, '--json', '--quiet', '--no-report', '--queue', tls.url(0)],
      env,
    );
    expect(await q.exited, q.stderr()).toBe(0);
    expect(json(q.stdout()).runs).toEqual(local(grid).runs);
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(143);
    for (const text of [q.stdout(), q.stderr(), w.stdout(), w.stderr()])
      expect(text).not.toContain(PASSWORD);
  });

  it('an untrusted certificate, and redis:// to a TLS port: one line each saying what to do', async () => {
    const untrusted = initlab(['sweep', '--queue', tls.url(0), '--status']);
    expect(await untrusted.exited).toBe(1);
    expect(untrusted.stderr()).toMatch(
      /^initlab: the queue's Redis at rediss:\/\/:\*\*\*@localhost:\d+\/0: its TLS certificate is not trusted \(.*\); give its CA's certificate with NODE_EXTRA_CA_CERTS=ca.pem\n$/,
    );
    const plain = initlab([
      'sweep',
      '--queue',
      tls.url(0).replace('rediss:', 'redis:'),
      '--status',
    ]);
    expect(await plain.exited).toBe(1);
    expect(plain.stderr()).toMatch(
      /^initlab: the queue's Redis at redis:\/\/:\*\*\*@localhost:\d+\/0 closed the connection: if it speaks TLS, write rediss:\/\/\n$/,
    );
    expect(untrusted.stderr() + plain.stderr()).not.toContain(PASSWORD);
  });
});

describe('a bad --queue fails at once, in one line that says what to do', () => {
  let notRedis: Server;
  let notRedisPort = 0;
  let closedPort = 0;
  beforeAll(async () => {
    // a server that answers like a web server, whatever it is sent
    notRedis = createServer((socket) => {
      socket.on('error', () => {});
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((r) => notRedis.listen(0, '127.0.0.1', r));
    notRedisPort = (notRedis.address() as { port: number }).port;
    // a port nobody listens on: taken, then let go
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
  });
  afterAll(() => {
    notRedis.close();
  });

  const cases = (): [string, string[], number, RegExp][] => [
    [
      'no database 99',
      [redis.url(99)],
      1,
      /has no database 99 \(it has 16: 0 to 15\); give another number/,
    ],
    ['no database 16', [redis.url(16)], 1, /has no database 16 \(it has 16: 0 to 15\)/],
    ['port 0', ['redis://127.0.0.1:0'], 2, /the port must be from 1 to 65535/],
    [
      'a path that is not a number',
      [`redis://127.0.0.1:${redis.port}/db1`],
      2,
      /the path is the database number/,
    ],
    ['http://', [`http://127.0.0.1:${redis.port}`], 2, /must start with redis:\/\/ or rediss:\/\//],
    ['a closed port', [`redis://127.0.0.1:${closedPort}`], 1, /refused the connection: start it/],
    [
      'a server that is not Redis',
      [`redis://127.0.0.1:${notRedisPort}`],
      1,
      /is not a Redis server .*check the port in --queue/,
    ],
    [
      'TLS to a server that is not Redis',
      [`rediss://127.0.0.1:${notRedisPort}`],
      1,
      /does not speak TLS: write redis:\/\//,
    ],
    [
      'an unknown host',
      ['redis://no-such-host.invalid:6379', '--allow-remote'],
      1,
      /no host named no-such-host\.invalid; check --queue/,
    ],
    [
      'rediss:// to a plain Redis',
      [`rediss://127.0.0.1:${redis.port}/0`],
      1,
      /did not answer within 4 s: .*write redis:\/\//,
    ],
  ];
  const commands: [string, string[]][] = [
    [
      'sweep',
      [
        'sweep',
        '--inits',
        'he',
        '--seeds',
        '1',
        '--iterations',
        '10',
        '--no-report',
        '--quiet',
        '--queue',
      ],
    ],
    ['worker', ['worker', '--threads', '1', '--queue']],
    ['--status', ['sweep', '--status', '--queue']],
  ];
  for (const [what, args] of commands)
    it(`${what}: no database, a malformed address, nothing listening, not Redis, TLS either way, no such host`, async () => {
      for (const [name, address, code, message] of cases()) {
        const p = initlab([...args, ...address]);
        expect(await p.exited, `${name}: ${p.stderr()}`).toBe(code);
        expect(p.stderr(), name).toMatch(message);
        expect(p.stderr().trim().split('\n'), name).toHaveLength(1);
        expect(p.stdout(), name).toBe('');
      }
    }, 120_000);
});

describe('--status: this queue, this database, each sweep', () => {
  it('workers of another database are not counted; each sweep says how many of its cells are done', async () => {
    const [a, b] = [redis.url(12), redis.url(13)];
    const wa = await startWorker(a, 1);
    const wb = await Promise.all([startWorker(b, 1), startWorker(b, 1)]);
    const first = ['--inits', 'he,zeros', '--seeds', '1-3', '--iterations', '50'];
    const second = ['--inits', 'he', '--seeds', '2-4', '--lr', '0.1', '--iterations', '50'];
    expect((await queued(a, first)).code).toBe(0);
    expect((await queued(a, second)).code).toBe(0);
    const status = (url: string) => {
      const r = cli(['sweep', '--queue', url, '--status', '--json']);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    expect(status(a)).toMatchObject({
      done: 9,
      workers: 1,
      sweeps: [
        {
          cells: 3,
          done: 3,
          waiting: 0,
          running: 0,
          failed: 0,
          grid: expect.stringMatching(/^he; lr 0\.1; seeds 2-4; /),
        },
        {
          cells: 6,
          done: 6,
          waiting: 0,
          running: 0,
          failed: 0,
          grid: expect.stringMatching(/^he,zeros; lr 0\.01; seeds 1-3; /),
        },
      ],
    });
    expect(status(b)).toMatchObject({ done: 0, workers: 2, sweeps: [] });
    const text = cli(['sweep', '--queue', a, '--status']).stdout.split('\n');
    expect(text[0]).toMatch(/: 0 waiting, 0 running, 9 done, 0 failed; 1 worker connected$/);
    expect(text[1]).toMatch(
      /^ {2}sweep [0-9a-f]{12}, started .* UTC, 3 cells \(he; lr 0\.1; seeds 2-4; .*\): 0 waiting, 0 running, 3 done, 0 failed$/,
    );
    // the same grid again is the same sweep, moved to the top
    expect((await queued(a, first)).code).toBe(0);
    expect(status(a).sweeps.map((w: { cells: number }) => w.cells)).toEqual([6, 3]);
    for (const w of [wa, ...wb]) w.child.kill('SIGTERM');
    await Promise.all([wa, ...wb].map((w) => w.exited));
  });

  it('a sweep stopped by Ctrl-C with no worker: its cells wait, and --status says so', async () => {
    const url = redis.url(14);
    const grid = ['--inits', 'he,xavier', '--seeds', '1-4', '--iterations', '50'];
    const sweep = initlab(['sweep', ...grid, '--json', '--quiet', '--no-report', '--queue', url]);
    await until(
      () => redis.cli('-n', '14', 'LLEN', key('wait')) === '8',
      30_000,
      'the cells to be queued',
    );
    sweep.child.kill('SIGINT');
    expect(await sweep.exited).toBe(130);
    expect(sweep.stderr()).toContain('the unfinished cells stay on the queue');
    const r = JSON.parse(cli(['sweep', '--queue', url, '--status', '--json']).stdout);
    expect(r).toMatchObject({
      waiting: 8,
      done: 0,
      workers: 0,
      sweeps: [{ cells: 8, waiting: 8, done: 0 }],
    });
    // a worker later, and the same sweep collects every row
    const w = await startWorker(url, 2);
    const again = await queued(url, grid);
    expect(again.code, again.stderr).toBe(0);
    expect(json(again.stdout).runs).toEqual(local(grid).runs);
    expect(
      JSON.parse(cli(['sweep', '--queue', url, '--status', '--json']).stdout).sweeps,
    ).toMatchObject([{ cells: 8, waiting: 0, done: 8 }]);
    w.child.kill('SIGTERM');
    await w.exited;
  });
});

describe('a worker of another initlab version', () => {
  it('takes no cell; the sweep says which version its workers run, and finishes once a worker of its own comes', async () => {
    // the same build under another version number: a copy of bin/ and dist/ beside a package.json that says 0.0.9
    const root = mkdtempSync(join(tmpdir(), 'initlab-other-version-'));
    const repo = new URL('..', import.meta.url);
    for (const d of ['bin', 'dist']) cpSync(new URL(d, repo), join(root, d), { recursive: true });
    symlinkSync(new URL('node_modules', repo), join(root, 'node_modules'));
    const pkg = JSON.parse(readFileSync(new URL('package.json', repo), 'utf8'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ ...pkg, version: '0.0.9' }));
    const url = redis.url(2);
    const other = spawn(
      process.execPath,
      [join(root, 'bin', 'initlab.js'), 'worker', '--threads', '1', '--queue', url],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let otherErr = '';
    other.stderr.on('data', (d) => (otherErr += d));
    let otherOut = '';
    other.stdout.on('data', (d) => (otherOut += d));
    try {
      await until(
        () => /taking cells .*initlab-sweep-v0\.0\.9/.test(otherErr),
        30_000,
        'the other worker to start',
      );
      const grid = ['--inits', 'he', '--seeds', '1-2', '--iterations', '50'];
      const sweep = initlab(['sweep', ...grid, '--json', '--quiet', '--no-report', '--queue', url]);
      await until(
        () => /the workers there run initlab 0\.0\.9/.test(sweep.stderr()),
        30_000,
        'the note',
      );
      expect(sweep.stderr()).toMatch(
        new RegExp(`no worker of initlab ${VERSION.replace(/\./g, '\\.')} is taking cells`),
      );
      const w = await startWorker(url, 1);
      expect(await sweep.exited, sweep.stderr()).toBe(0);
      expect(json(sweep.stdout()).runs).toEqual(local(grid).runs);
      expect(otherOut).toBe(''); // it ran no cell of another version
      w.child.kill('SIGTERM');
      await w.exited;
    } finally {
      other.kill('SIGKILL');
    }
  }, 120_000);
});

describe('one divergence rule through the queue', () => {
  it("cells whose cost blew up but stayed finite are 'diverged' rows with train's doctor's reason, as on threads", async () => {
    const url = redis.url(15);
    const grid = [
      '--inits',
      'he',
      '--activation',
      'elu',
      '--seeds',
      '3',
      '--lr',
      '5,30,0.01',
      '--iterations',
      '300',
    ];
    const w = await startWorker(url, 1);
    const q = await queued(url, grid);
    expect(q.code, q.stderr).toBe(0);
    const rows = json(q.stdout).runs as {
      learningRate: number;
      stopReason: string;
      reason: string | null;
      finalCost: number;
    }[];
    expect(rows).toEqual(local(grid).runs);
    for (const row of rows) {
      const t = cli([
        'train',
        '--init',
        'he',
        '--activation',
        'elu',
        '--lr',
        String(row.learningRate),
        '--iterations',
        '300',
        '--json',
        '--no-report',
        '--quiet',
      ]);
      const run = JSON.parse(t.stdout).runs[0];
      const cause =
        run.doctor.findings.find((f: { kind: string }) => f.kind === 'diverged')?.cause ?? null;
      expect(row.stopReason, `lr ${row.learningRate}`).toBe(cause ? 'diverged' : 'completed');
      expect(row.reason).toBe(cause);
      expect(Number.isFinite(row.finalCost)).toBe(true);
    }
    expect(rows.map((r) => r.stopReason)).toEqual(['diverged', 'diverged', 'completed']);
    w.child.kill('SIGTERM');
    await w.exited;
  });
});

describe('--queue addresses', () => {
  it('loopback by default; another host with allowRemote; rediss:// is TLS; the path is the database', () => {
    expect(parseQueueAddress('redis://localhost')).toMatchObject({
      host: 'localhost',
      port: 6379,
      db: 0,
      tls: false,
      loopback: true,
    });
    expect(parseQueueAddress('redis://[::1]:7000/3')).toMatchObject({
      host: '::1',
      port: 7000,
      db: 3,
      loopback: true,
    });
    expect(parseQueueAddress('rediss://:pw@127.0.0.2:6380')).toMatchObject({
      tls: true,
      password: 'pw',
      shown: 'rediss://:***@127.0.0.2:6380',
    });
    expect(() => parseQueueAddress('redis://10.0.0.5:6379')).toThrow(/--allow-remote/);
    expect(() => parseQueueAddress('redis://redis.example:6379')).toThrow(/--allow-remote/);
    expect(parseQueueAddress('redis://user:pw@redis.example:6379/1', true)).toMatchObject({
      host: 'redis.example',
      username: 'user',
      password: 'pw',
      db: 1,
      loopback: false,
      shown: 'redis://user:***@redis.example:6379/1',
    });
    expect(() => parseQueueAddress('redis://127.0.0.1:6379/zero')).toThrow(/database number/);
  });

  it('flags that need --queue are refused without it', () => {
    for (const [args, message] of [
      [['--status'], /--status reads a queue/],
      [['--allow-remote'], /--allow-remote goes with --queue/],
    ] as const) {
      const r = cli(['sweep', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const r = cli(['sweep', '--queue', 'redis://127.0.0.1:1', '--workers', '2']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--workers sets this machine's threads/);
  });
});

describe('a cell on the queue', () => {
  const payload = {
    job: { init: 'he', seed: 3, learningRate: 0.01 },
    base: {
      layers: [2, 10, 5, 1],
      activation: 'relu',
      iterations: 100,
      printEvery: 100,
      optimizer: { name: 'gd' as const },
      batchSize: 0,
    },
    dataKey: 'initlab:data:ab',
    version: '0.1.0',
  };

  it('its id: the same for the same configuration (key order aside), another for any change or another version', () => {
    const id = cellId(payload);
    expect(id).toMatch(/^cell-[0-9a-f]{64}$/);
    expect(
      cellId({
        version: '0.1.0',
        dataKey: 'initlab:data:ab',
        base: { ...payload.base },
        job: { learningRate: 0.01, seed: 3, init: 'he' },
      }),
    ).toBe(id);
    const changed = [
      { ...payload, version: '0.1.1' },
      { ...payload, dataKey: 'initlab:data:ac' },
      { ...payload, job: { ...payload.job, seed: 4 } },
      { ...payload, job: { ...payload.job, learningRate: 0.1 } },
      { ...payload, base: { ...payload.base, iterations: 101 } },
      { ...payload, base: { ...payload.base, optimizer: { name: 'adam' as const } } },
    ];
    expect(new Set([id, ...changed.map(cellId)]).size).toBe(changed.length + 1);
    expect(hashOf({ a: 1, b: [1, 2] })).toBe(hashOf({ b: [1, 2], a: 1 }));
  });

  it('its row survives JSON: NaN, ±Infinity and null come back as they were', () => {
    for (const finalCost of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5]) {
      const row = {
        init: 'random',
        seed: 1,
        learningRate: 0.5,
        finalCost,
        trainAccuracy: Number.NaN,
        testAccuracy: null,
        stopReason: 'diverged',
      };
      expect(decodeRow(JSON.parse(JSON.stringify(encodeRow(row))))).toEqual(row);
    }
  });
});

describe('the README quotes the recorded queue benchmark', () => {
  it("per-cell costs, a machine's throughput and where Redis becomes the limit are bench/results/queue.json's", () => {
    const b = JSON.parse(
      readFileSync(new URL('../bench/results/queue.json', import.meta.url), 'utf8'),
    );
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(
      /\s+/g,
      ' ',
    );
    expect(readme).toContain(`${b.overhead.cpuMs.toFixed(2)} ms of CPU`);
    expect(readme).toContain(`${b.overhead.redisCpuMs.toFixed(3)} ms of it Redis's`);
    expect(readme).toContain(`${b.machineCellsPerSecond.toFixed(1)} cells/s per machine`);
    expect(readme).toContain(`about ${b.redisLimitCellsPerSecond.toFixed(0)} cells/s`);
    expect(readme).toContain(
      `near N = ${(b.redisLimitCellsPerSecond / b.machineCellsPerSecond).toFixed(0)} machines`,
    );
    // the limit follows from the measured cost: one Redis core, that many ms per cell
    expect(b.redisLimitCellsPerSecond).toBeCloseTo(1000 / b.redisCpuMsPerCell, 6);
    expect(b.redisCpuMsPerCell).toBeGreaterThanOrEqual(b.overhead.redisCpuMs);
  });
});
