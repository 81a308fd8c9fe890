// Reaching the queue's Redis: one probe before any work, so an address that is down, a wrong
// password or a port that is not Redis is one line saying what to do (exit 1), instead of
// BullMQ retrying in silence forever.
import { Redis } from 'ioredis';
import { QueueError } from '../errors.js';
import { type QueueAddress, redact, redisOptions } from './queue-address.js';

/** How long the probe waits for Redis to answer (ms). */
const PROBE_TIMEOUT_MS = 4000;

/** The one line for an error from Redis or the socket, with the password masked. */
export function describeRedisError(e: unknown, a: QueueAddress): string {
  const err = e as { code?: string; message?: string };
  const msg = String(err?.message ?? e);
  const at = `the queue's Redis at ${a.shown}`;
  if (err?.code === 'ECONNREFUSED')
    return `${at} refused the connection: start it (redis-server --port ${a.port} --appendonly yes) or check --queue`;
  if (err?.code === 'ENOTFOUND' || err?.code === 'EAI_AGAIN')
    return `${at}: no host named ${a.host}; check --queue`;
  if (/WRONGPASS|invalid password|invalid username-password/i.test(msg))
    return `${at} refused the password; check the password in --queue (or INITLAB_REDIS_PASSWORD)`;
  if (/NOAUTH|Authentication required/i.test(msg))
    return `${at} asks for a password; give it as redis://:PASSWORD@${a.host}:${a.port} or in INITLAB_REDIS_PASSWORD`;
  if (/without any password configured|AUTH.*no password/i.test(msg))
    return `${at} has no password set; leave the password out of --queue`;
  if (/certificate|CERT_|self.signed/i.test(`${err?.code ?? ''} ${msg}`))
    return `${at}: its TLS certificate is not trusted (${msg.split('\n')[0]}); give its CA's certificate with NODE_EXTRA_CA_CERTS=ca.pem`;
  // something else listens there (a web server, say): it hangs up on, or garbles, a Redis command
  if (err?.code === 'EPIPE' || /Protocol error|Unknown RESP type/i.test(msg))
    return `${at} is not a Redis server (it does not answer Redis commands): check the port in --queue${a.tls ? '' : ', or write rediss:// if it speaks TLS'}`;
  if (a.tls && /wrong version number|packet length too long|unknown protocol/i.test(msg))
    return `${at} does not speak TLS: write redis:// if it is a plain Redis, or check the port`;
  if (err?.code === 'ECONNRESET' && !a.tls)
    return `${at} closed the connection: if it speaks TLS, write rediss://`;
  if (/timed? ?out|ETIMEDOUT/i.test(msg))
    return `${at} did not answer within ${PROBE_TIMEOUT_MS / 1000} s: check that Redis runs there (and TLS only with rediss://)${a.tls ? '; a plain Redis waits in silence for a TLS hello: write redis:// for it' : ''}`;
  return redact(`${at}: ${msg.split('\n')[0]}`, a);
}

/**
 * Connects once and pings, with no retries.
 * @throws QueueError with what to do when Redis cannot be reached, refuses the credentials, or has no such database.
 */
export async function probeRedis(a: QueueAddress): Promise<void> {
  const client = new Redis({
    ...redisOptions(a),
    db: 0, // selected below, where a refusal can be told apart
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: PROBE_TIMEOUT_MS,
    enableOfflineQueue: false,
  });
  // the socket's error (ECONNREFUSED, a TLS failure) arrives here; connect() itself rejects with only "Connection is closed"
  let cause: unknown = null;
  client.on('error', (e) => {
    cause ??= e;
  });
  try {
    await client.connect();
    await client.ping();
    await checkDatabase(client, a);
  } catch (e) {
    if (e instanceof QueueError) throw e;
    throw new QueueError(describeRedisError(cause ?? e, a));
  } finally {
    client.disconnect();
  }
}

/**
 * Selects the address's database on the probe's connection (made without one): Redis refuses
 * an index at or past its `databases` setting (16 by default), and BullMQ's own connections
 * would otherwise retry that refusal in silence forever.
 * @throws QueueError naming the databases the server has.
 */
async function checkDatabase(client: Redis, a: QueueAddress): Promise<void> {
  try {
    await client.select(a.db);
  } catch (e) {
    if (!/DB index is out of range|invalid DB index/i.test(String((e as Error)?.message))) throw e;
    // CONFIG may be renamed or forbidden on a managed Redis: then the count is left out
    const reply = await client.config('GET', 'databases').catch(() => null);
    const count = Array.isArray(reply) ? Number(reply[1]) : Number.NaN;
    const has = Number.isInteger(count) && count > 0 ? ` (it has ${count}: 0 to ${count - 1})` : '';
    throw new QueueError(
      `the queue's Redis at ${a.shown} has no database ${a.db}${has}; give another number after the port in --queue (redis://HOST:PORT/DB), or raise "databases" in its redis.conf`,
    );
  }
}
