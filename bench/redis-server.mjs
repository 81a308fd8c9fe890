// Debian's redis-server on a free loopback port in a new temporary folder, with the append-only
// file on: the one launcher that the queue tests (test/redis.ts) and the queue benchmark
// (bench/queue.mjs) both start Redis with. Plain JavaScript so that the benchmark runs under
// bare Node; its types are in redis-server.d.mts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class PortTaken extends Error {}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Starts redis-server (TLS only with `tls`, a password with `password`) and resolves once it
 * answers as the process it started (retried on another port, up to 5 times, if the port was
 * taken meanwhile); `started` (if given) holds its process while it runs, so a caller can kill
 * whatever is left. Throws if it does not answer within 5 s.
 */
export async function startRedis(o = {}, attempt = 1) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'initlab-redis-'));
  const auth = o.password ? ['-a', o.password, '--no-auth-warning'] : [];
  const tlsCli = o.tls ? ['--tls', '--cacert', o.tls.ca] : [];
  const cli = (...args) =>
    spawnSync('redis-cli', ['-p', String(port), ...tlsCli, ...auth, ...args], {
      encoding: 'utf8',
    }).stdout.trim();
  const listen = o.tls
    ? [
        ...['--port', '0', '--tls-port', String(port), '--tls-cert-file', o.tls.cert],
        ...[
          '--tls-key-file',
          o.tls.key,
          '--tls-ca-cert-file',
          o.tls.ca,
          '--tls-auth-clients',
          'no',
        ],
      ]
    : ['--port', String(port)];
  const durable = ['--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''];
  let proc;
  const launch = async () => {
    proc = spawn(
      'redis-server',
      [...listen, ...durable, ...(o.password ? ['--requirepass', o.password] : [])],
      { stdio: 'ignore' },
    );
    o.started?.add(proc);
    // the server that answers must be this one: a port found free may be taken before
    // redis-server binds it, and a Redis the caller did not start is never used
    const ours = () => cli('INFO', 'server').includes(`process_id:${proc.pid}\r`);
    for (let i = 0; i < 100 && !ours() && proc.exitCode === null; i++) await sleep(50);
    if (!ours()) {
      proc.kill('SIGKILL');
      o.started?.delete(proc);
      throw new PortTaken(`redis-server did not start on port ${port}`);
    }
  };
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    cli('SHUTDOWN');
    await exited;
    o.started?.delete(proc);
  };
  try {
    await launch();
  } catch (e) {
    // another process took the free port first: try another port
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
