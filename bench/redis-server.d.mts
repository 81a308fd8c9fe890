// Types of redis-server.mjs (the Redis launcher shared by the queue tests and benchmark).
import type { ChildProcess } from 'node:child_process';

export interface RedisServer {
  port: number;
  /** The server's working folder (where its append-only file is). */
  dir: string;
  password?: string;
  /** redis[s]://[:password@]HOST:PORT/db (localhost for TLS, whose certificate names it). */
  url(db?: number): string;
  /** redis-cli against this server; its trimmed output. */
  cli(...args: string[]): string;
  /** A clean shutdown (the append-only file flushed) and a new server on the same port and folder. */
  restart(): Promise<void>;
  /** A clean shutdown (SHUTDOWN, then the process's exit). */
  stop(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number>;

/**
 * Starts redis-server on a free loopback port in a new temporary folder, `--appendonly yes`
 * (TLS only with `tls`); resolves once the server answering is the one it started (another
 * port is tried, up to 5 times, if the free port was taken meanwhile). Throws if it does not
 * answer within 5 s.
 */
export function startRedis(
  o?: {
    password?: string;
    tls?: { ca: string; cert: string; key: string };
    /** Holds the server's process while it runs. */
    started?: Set<ChildProcess>;
  },
  attempt?: number,
): Promise<RedisServer>;
