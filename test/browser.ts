// The one Chromium launcher of the test suite (and the served web lab it opens). Debian's /usr/bin/chromium is used where it
// exists; elsewhere the tests bring their own browser: @sparticuz/chromium ships a headless
// Chromium inside its npm package (unpacked into the temp folder on first use), so `npm test`
// needs nothing installed by hand. INITLAB_TEST_CHROMIUM chooses: `system`, `bundled`, or a
// path to a Chromium executable.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
// No background traffic: this machine's network is closed, and a test must see only its own requests.
const QUIET = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let announced = false;

/** Which browser the tests will use, and why; throws if a path given in INITLAB_TEST_CHROMIUM does not exist. */
export function chosenChromium(env = process.env): {
  kind: 'system' | 'bundled' | 'path';
  path?: string;
} {
  const wish = env.INITLAB_TEST_CHROMIUM?.trim();
  if (wish === 'bundled') return { kind: 'bundled' };
  if (wish === 'system' || !wish)
    return existsSync(SYSTEM_CHROMIUM) || wish === 'system'
      ? { kind: 'system', path: SYSTEM_CHROMIUM }
      : { kind: 'bundled' };
  if (!existsSync(wish))
    throw new Error(
      `INITLAB_TEST_CHROMIUM=${wish}: no such file; give a Chromium executable, "system" or "bundled"`,
    );
  return { kind: 'path', path: wish };
}

/** Starts a headless Chromium for a test (Debian's, else the one inside @sparticuz/chromium). */
export async function launchChromium(): Promise<Browser> {
  const choice = chosenChromium();
  if (choice.kind !== 'bundled') {
    return chromium.launch({
      executablePath: choice.path,
      args: ['--headless', '--no-sandbox', '--disable-gpu', ...QUIET],
    });
  }
  const { default: bundled } = await import('@sparticuz/chromium');
  if (!announced) {
    announced = true;
    const why =
      process.env.INITLAB_TEST_CHROMIUM?.trim() === 'bundled'
        ? 'INITLAB_TEST_CHROMIUM=bundled'
        : `${SYSTEM_CHROMIUM} not found`;
    process.stderr.write(`tests: ${why}; using the Chromium shipped in @sparticuz/chromium\n`);
  }
  // Its --single-process (meant for serverless hosts) ends the browser when a test closes its last page;
  // its flags that relax the page's security rules would let the tests' checks (no outside
  // requests, the content-security policy) pass under weaker rules than Debian's browser has.
  const RELAXED = new Set([
    '--single-process',
    '--disable-web-security',
    '--allow-running-insecure-content',
  ]);
  const args = bundled.args.filter((a: string) => !RELAXED.has(a.split('=')[0]));
  return chromium.launch({
    executablePath: await bundled.executablePath(),
    args: [...args, ...QUIET],
    headless: true,
  });
}

/** `initlab serve --port 0` in a real process; resolves with its base URL once it listens (kill the process after). */
export async function serveLab(): Promise<{ server: ChildProcess; base: string }> {
  const bin = fileURLToPath(new URL('../bin/initlab.js', import.meta.url));
  const server = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d));
      if (m) resolve(m[0]);
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return { server, base };
}
