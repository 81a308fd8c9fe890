#!/usr/bin/env node
// the command runs on a worker thread; this thread stays free for Ctrl-C and SIGTERM
import { start } from '../dist/cli-bundle/supervisor.js';

await start(process.argv.slice(2));
