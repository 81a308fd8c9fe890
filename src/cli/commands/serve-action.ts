// What `initlab serve` does once its flags are parsed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FileError, UsageError } from '../../errors.js';
import { createStaticServer, webRoot } from '../../node/serve.js';
import { OPTIONS } from '../../options.js';
import { readNumber } from '../../validate.js';
import { OPTION_FLAGS } from '../flags.js';
import type { ServeFlags } from './serve.js';

export async function serve(flags: ServeFlags): Promise<void> {
  readNumber(OPTIONS.port, flags.port, OPTION_FLAGS.port);
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
  process.on('SIGINT', () => server.close(() => process.exit(0)));
}
