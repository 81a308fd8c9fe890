// What `initlab serve` does once its flags are parsed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, UsageError } from '../../errors.js';
import { createStaticServer, webRoot } from '../../node/serve.js';
import type { ServeFlags } from './serve.js';

export async function serve(flags: ServeFlags): Promise<void> {
  if (!/^\d+$/.test(flags.port) || Number(flags.port) > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${flags.port}"`);
  const root = webRoot();
  if (!existsSync(join(root, 'index.html'))) throw new FileError(`the web lab is not built (no ${root}/index.html): run npm run build`);
  const server = createStaticServer(root);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new UsageError(`port ${flags.port} is in use; choose another with --port`) : new FileError(`cannot listen on ${flags.host}:${flags.port}: ${e.message}`)));
    server.listen(Number(flags.port), flags.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : flags.port;
  const host = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
  process.stdout.write(`initlab web lab: http://${host}:${port}/  (Ctrl-C to stop)\n`);
  // Ctrl-C / SIGTERM: stop listening and drop every connection, idle (keep-alive) or
  // half-sent alike, so no client can hold the server open; a second signal exits at once
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGTERM' ? 143 : 130;
    if (stopping) process.exit(code);
    stopping = true;
    server.close(() => process.exit(code));
    server.closeAllConnections();
    setTimeout(() => process.exit(code), 1000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
