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
  if (err?.code === 'ECONNRESET' && !a.tls)
    return `${at} closed the connection: if it speaks TLS, write rediss://`;
  if (/timed? ?out|ETIMEDOUT/i.test(msg))
    return `${at} did not answer within ${PROBE_TIMEOUT_MS / 1000} s: check that Redis runs there (and TLS only with rediss://)`;
  return redact(`${at}: ${msg.split('\n')[0]}`, a);
}

/**
 * Connects once and pings, with no retries.
 * @throws QueueError with what to do when Redis cannot be reached or refuses the credentials.
 */
export async function probeRedis(a: QueueAddress): Promise<void> {
  const client = new Redis({
    ...redisOptions(a),
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
  } catch (e) {
    throw new QueueError(describeRedisError(cause ?? e, a));
  } finally {
    client.disconnect();
  }
}
