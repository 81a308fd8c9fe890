// What `initlab serve` does once its flags are parsed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, UsageError } from '../../errors.js';
import { createStaticServer, isLoopback, webRoot } from '../../node/serve.js';
import { describeSystemError } from '../../node/fs-errors.js';
import { OPTIONS } from '../../options.js';
import { readNumber } from '../../validate.js';
import { OPTION_FLAGS } from '../flags.js';
import type { ServeFlags } from './serve.js';
import { exitCodeFor, flagFor, STOP_SIGNALS } from '../interrupt.js';

/** Why the server could not listen, in the flag's words: a bad address is a usage error. */
function listenError(e: NodeJS.ErrnoException, flags: ServeFlags): Error {
  if (e.code === 'EADDRINUSE')
    return new UsageError(`port ${flags.port} is in use; choose another with --port`);
  if (e.code === 'EADDRNOTAVAIL')
    return new UsageError(`--host ${flags.host} is not an address of this machine`);
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'EAI_FAIL')
    return new UsageError(`--host ${flags.host} is not a known address or host name`);
  return new FileError(`cannot listen on ${flags.host}:${flags.port}: ${describeSystemError(e)}`);
}

export async function serve(flags: ServeFlags): Promise<void> {
  readNumber(OPTIONS.port, flags.port, OPTION_FLAGS.port);
  if (flags.host.trim() === '')
    throw new UsageError(
      '--host is empty; give an address, like --host 127.0.0.1 (this machine only)',
    );
  flags = { ...flags, host: flags.host.replace(/^\[(.*)\]$/, '$1') }; // [::1], as in a URL, is ::1
  const root = webRoot();
  if (!existsSync(join(root, 'index.html')))
    throw new FileError(`the web lab is not built (no ${root}/index.html): run npm run build`);
  const server = createStaticServer(root, { host: flags.host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, flags)));
    server.listen(Number(flags.port), flags.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : flags.port;
  const bound = typeof address === 'object' && address ? address.address : flags.host;
  if (!isLoopback(bound)) {
    const where =
      bound === '0.0.0.0' || bound === '::'
        ? `on every network interface (${bound})`
        : `on ${bound}, an address other machines can reach`;
    process.stderr.write(
      `initlab: warning: listening ${where}: anyone who can reach this machine can use the lab; --host 127.0.0.1 keeps it to this machine\n`,
    );
  }
  // a wildcard address is no place to browse to: show the loopback one, which it includes
  const shown = bound === '0.0.0.0' ? '127.0.0.1' : bound === '::' ? '::1' : flags.host;
  const host = shown.includes(':') ? `[${shown}]` : shown;
  process.stdout.write(`initlab web lab: http://${host}:${port}/  (Ctrl-C to stop)\n`);
  // Ctrl-C / SIGTERM / SIGHUP: stop listening and drop every connection, idle (keep-alive) or
  // half-sent alike, so no client can hold the server open; a second signal exits at once
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    const code = exitCodeFor(flagFor(signal));
    if (stopping) process.exit(code);
    stopping = true;
    server.close(() => process.exit(code));
    server.closeAllConnections();
    setTimeout(() => process.exit(code), 1000).unref();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, shutdown);
}
