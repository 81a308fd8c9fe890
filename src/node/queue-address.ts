// The --queue address: redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] or rediss:// (TLS), read
// once into connection options and a printable form with the password masked. Loopback
// unless told otherwise: a stock Redis has no password, and whoever reaches it can run any
// cell's configuration (and read the rows), so another host must be asked for explicitly.
import { isIP } from 'node:net';
import { UsageError } from '../errors.js';
import { isLoopback } from './serve.js';

export interface QueueAddress {
  /** The address with any password replaced by ***: the only form ever printed. */
  shown: string;
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username?: string;
  password?: string;
  /** True for localhost, 127.0.0.0/8 and ::1. */
  loopback: boolean;
}

/** What stands in for a password wherever one would be shown. */
export const MASK = '***';

/** A URL string with whatever is between "//" and "@" masked: for echoing input that did not parse. */
const maskRaw = (text: string): string => text.replace(/\/\/[^/@]*@/, `//${MASK}@`);

/**
 * Reads a --queue value.
 * @param allowRemote  true when the user passed --allow-remote: a host other than this machine is accepted.
 * @param envPassword  the password to use when the address gives none (the CLI passes $INITLAB_REDIS_PASSWORD: unlike a command line, the environment is not shown by ps).
 * @throws UsageError  for anything but redis:// or rediss://, a bad port or database, or (without allowRemote) a host that is not loopback.
 */
export function parseQueueAddress(
  text: string,
  allowRemote = false,
  envPassword?: string,
  flag = '--queue',
): QueueAddress {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UsageError(
      `${flag} must be a Redis address like redis://127.0.0.1:6379 (or rediss:// for TLS, redis://:PASSWORD@HOST:PORT/DB); got "${maskRaw(text)}"`,
    );
  }
  const password = url.password ? decodeURIComponent(url.password) : envPassword || undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const shownUrl = new URL(url.href);
  if (shownUrl.password) shownUrl.password = MASK;
  const shown = shownUrl.href.replace(/\/$/, '');
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new UsageError(`${flag} must start with redis:// or rediss:// (TLS); got "${shown}"`);
  }
  if (!url.hostname) throw new UsageError(`${flag} names no host; write redis://127.0.0.1:6379`);
  if (url.search || url.hash)
    throw new UsageError(`${flag} takes no ?options or #fragment; got "${shown}"`);
  const port = url.port ? Number(url.port) : 6379;
  if (port < 1)
    throw new UsageError(`${flag}: the port must be from 1 to 65535; got 0 in "${shown}"`);
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,5}$/.test(path))
    throw new UsageError(
      `${flag}: the path is the database number (redis://HOST:PORT/0); got "/${path}"`,
    );
  const db = path === '' ? 0 : Number(path);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback = isLoopback(host);
  if (!loopback && !allowRemote) {
    throw new UsageError(
      `${flag} ${shown} is not on this machine; Redis lets anyone who reaches it read and add cells, so pass --allow-remote to use another host (with a password, and rediss:// across networks you do not trust)`,
    );
  }
  return {
    shown,
    host,
    port,
    db,
    tls: url.protocol === 'rediss:',
    loopback,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
  };
}

/** `text` with the address's password (as typed and as URL-encoded) replaced by ***: every message that may echo the address goes through here. */
export function redact(text: string, address: Pick<QueueAddress, 'password'>): string {
  const p = address.password;
  if (!p) return text;
  return [p, encodeURIComponent(p)].reduce((t, secret) => t.split(secret).join(MASK), text);
}

/** ioredis's options for the address. BullMQ needs maxRetriesPerRequest null: commands wait for a reconnection rather than fail (a Redis restart mid-sweep). */
export function redisOptions(a: QueueAddress): Record<string, unknown> {
  return {
    host: a.host,
    port: a.port,
    db: a.db,
    ...(a.username ? { username: a.username } : {}),
    ...(a.password ? { password: a.password } : {}),
    ...(a.tls ? { tls: { servername: isIP(a.host) ? undefined : a.host } } : {}),
    maxRetriesPerRequest: null,
  };
}
