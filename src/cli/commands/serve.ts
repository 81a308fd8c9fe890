// `initlab serve`: the web lab on 127.0.0.1.
import type { Command } from 'commander';

export interface ServeFlags {
  port: string;
  host: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web lab (built by npm run build) on 127.0.0.1')
    .option('--port <n>', 'port (0: any free one)', '5173')
    .option(
      '--host <address>',
      'address to listen on; anything but loopback exposes the lab to your network',
      '127.0.0.1',
    )
    .action(async (flags: ServeFlags) => (await import('./serve-action.js')).serve(flags));
}
