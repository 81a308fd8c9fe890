// The real parts of the queue tests: Debian's redis-server on a free loopback port in a
// temporary folder (append-only file on), `initlab worker` processes, and the CLI run
// asynchronously beside them. Everything started here is ended by stopAll().
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './helpers.js';

const started = new Set<ChildProcess>();

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RedisServer {
  port: number;
  dir: string;
  password?: string;
  /** redis://[:password@]127.0.0.1:PORT/db */
  url(db?: number): string;
  /** redis-cli against this server; its trimmed output. */
  cli(...args: string[]): string;
  /** A clean shutdown (the append-only file flushed) and a new server on the same port and folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A certificate authority and a certificate for localhost and 127.0.0.1 signed by it, made by
 * openssl in a new temporary folder: for a Redis that speaks only TLS.
 */
export function makeCertificates(): { ca: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'initlab-tls-'));
  const f = (name: string) => join(dir, name);
  const run = (...args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
  };
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=initlab test CA',
  );
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
    '-subj',
    '/CN=localhost',
  );
  writeFileSync(f('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('server.pem'),
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
  );
  return { ca: f('ca.pem'), cert: f('server.pem'), key: f('server.key') };
}

class PortTaken extends Error {}

/** Starts redis-server on a free loopback port in a new temporary folder, `--appendonly yes` (TLS only, with `tls`); resolves once it answers PING. */
export async function startRedis(
  o: { password?: string; tls?: { ca: string; cert: string; key: string } } = {},
  attempt = 1,
): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'initlab-redis-'));
  const auth = o.password ? ['-a', o.password, '--no-auth-warning'] : [];
  const tlsCli = o.tls ? ['--tls', '--cacert', o.tls.ca] : [];
  const cli = (...args: string[]) =>
    spawnSync('redis-cli', ['-p', String(port), ...tlsCli, ...auth, ...args], {
      encoding: 'utf8',
    }).stdout.trim();
  const listen = o.tls
    ? [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--tls-cert-file',
        o.tls.cert,
        '--tls-key-file',
        o.tls.key,
        '--tls-ca-cert-file',
        o.tls.ca,
        '--tls-auth-clients',
        'no',
      ]
    : ['--port', String(port)];
  let proc: ChildProcess;
  const launch = async () => {
    proc = spawn(
      'redis-server',
      [
        ...listen,
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--save',
        '',
        ...(o.password ? ['--requirepass', o.password] : []),
      ],
      { stdio: 'ignore' },
    );
    started.add(proc);
    // the server that answers must be this one: a port found free may be taken before
    // redis-server binds it, and a Redis the tests did not start is never used
    const ours = () => cli('INFO', 'server').includes(`process_id:${proc.pid}\r`);
    for (let i = 0; i < 100 && !ours() && proc.exitCode === null; i++) await sleep(50);
    if (!ours()) {
      proc.kill('SIGKILL');
      started.delete(proc);
      throw new PortTaken(`redis-server did not start on port ${port}`);
    }
  };
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    cli('SHUTDOWN');
    await exited;
    started.delete(proc);
  };
  try {
    await launch();
  } catch (e) {
    // another process took the free port first: another port
    if (e instanceof PortTaken && attempt < 5) return startRedis(o, attempt + 1);
    throw e;
  }
  const enc = o.password ? `:${encodeURIComponent(o.password)}@` : '';
  return {
    port,
    dir,
    password: o.password,
    url: (db = 0) =>
      `${o.tls ? 'rediss' : 'redis'}://${enc}${o.tls ? 'localhost' : '127.0.0.1'}:${port}/${db}`,
    cli,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}

export interface Proc {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Runs `initlab args` without waiting for it (with `env` added to the environment). */
export function initlab(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  started.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | string>((r) =>
    child.on('exit', (code, signal) => {
      started.delete(child);
      r(code ?? String(signal));
    }),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until `test` holds (checked every 50 ms), at most `ms`. */
export async function until(test: () => boolean, ms = 30_000, what = 'a condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Starts `initlab worker --queue url` and resolves once it takes cells. */
export async function startWorker(
  url: string,
  threads = 1,
  env: Record<string, string> = {},
): Promise<Proc> {
  const w = initlab(['worker', '--queue', url, '--threads', String(threads)], env);
  await until(
    () => /taking cells/.test(w.stderr()) || w.child.exitCode !== null,
    30_000,
    'the worker to start',
  );
  if (w.child.exitCode !== null) throw new Error(`the worker ended: ${w.stderr()}`);
  return w;
}

/** Ends every process the tests started (workers and servers), by SIGKILL. */
export async function stopAll(): Promise<void> {
  const all = [...started];
  for (const c of all) c.kill('SIGKILL');
  await Promise.all(
    all.map((c) =>
      c.exitCode !== null || c.signalCode !== null ? null : new Promise((r) => c.once('exit', r)),
    ),
  );
  started.clear();
}
