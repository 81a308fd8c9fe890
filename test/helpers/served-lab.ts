// The web lab as the browser tests meet it: `initlab serve` in a real process and one headless
// Chromium (test/browser.ts), both started before a file's tests and ended after them, and the
// few page actions that every such file repeats.
import type { ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, serveLab } from '../browser.js';

/** The served lab of one test file; `base` and `browser` are set once its beforeAll has run. */
export interface ServedLab {
  /** The server's root URL, http://127.0.0.1:PORT/. */
  base: string;
  browser: Browser;
  /** Console errors and uncaught page errors of every watched page, for an `expect([])` at the end. */
  problems: string[];
  /** Records `page`'s console errors and uncaught errors into `problems`; returns the page. */
  watch(page: Page): Page;
  /** Whether a request to `url` stays with the lab (its server, or a blob: / data: URL it made). */
  isOwn(url: string): boolean;
}

/** Registers the beforeAll / afterAll that start and end the server and the browser. */
export function useServedLab(): ServedLab {
  let server: ChildProcess | undefined;
  const lab: ServedLab = {
    base: '',
    browser: undefined as unknown as Browser,
    problems: [],
    watch(page) {
      page.on('console', (m) => {
        if (m.type() === 'error') lab.problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => lab.problems.push(`page error: ${e.message}`));
      return page;
    },
    isOwn: (url) => url.startsWith(lab.base) || url.startsWith('blob:') || url.startsWith('data:'),
  };
  beforeAll(async () => {
    ({ server, base: lab.base } = await serveLab());
    lab.browser = await launchChromium();
  });
  afterAll(async () => {
    await lab.browser?.close();
    server?.kill();
  });
  return lab;
}

/** Presses the lab's play button and waits (at most `timeout` ms) until its runs are done. */
export async function playLab(page: Page, timeout = 60_000): Promise<void> {
  await page.click('#b-play');
  await page.waitForSelector('#status[data-done="true"]', { state: 'attached', timeout });
}

/** The lab's per-run accuracy lines, in the order of its runs. */
export const accuracyLines = (page: Page): Promise<string[]> =>
  page.$$eval('.run-accuracy', (ps) => ps.map((p) => p.textContent ?? ''));

/** Drops a CSV file named `name` holding `text` on the lab's file input. */
export const dropCsv = (page: Page, name: string, text: string): Promise<void> =>
  page.setInputFiles('#f-csv', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
