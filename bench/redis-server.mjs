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
 * answers PING; `started` (if given) holds its process while it runs, so a caller can kill
 * whatever is left. Throws if it does not answer within 5 s.
 */
export async function startRedis(o = {}) {
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
    for (let i = 0; i < 100 && cli('PING') !== 'PONG'; i++) await sleep(50);
    if (cli('PING') !== 'PONG') throw new Error(`redis-server did not start on port ${port}`);
  };
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    cli('SHUTDOWN');
    await exited;
    o.started?.delete(proc);
  };
  await launch();
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
