// Scratch folders for tests that write files: each a new folder under the system's temporary
// folder, named after the test file's topic so that a leftover one says where it came from.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder /tmp/initlab-TOPIC-XXXXXX (its absolute path); throws if it cannot be made. */
export const tempDir = (topic: string): string => mkdtempSync(join(tmpdir(), `initlab-${topic}-`));
