// A stop during `initlab reproduce`: the reproduction running is abandoned (seen at its next
// layer drawn, or its pool's threads ended), the finished ones keep their verdicts, figures and
// report, and the exit code is the stop's. The signal is sent when stderr announces the second
// reproduction, so the first has finished and the second is under way.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from './helpers.js';

function stopDuring(second: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, 'reproduce', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const kill = setTimeout(() => child.kill('SIGKILL'), 120_000); // never left running
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && stderr.includes(`${second}: running`)) {
        sent = true;
        // a moment into it, so that it is inside its work, not at its start
        setTimeout(() => child.kill('SIGINT'), 300);
      }
    });
    child.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('reproduce stopped during a reproduction', () => {
  // [first, second, flags]: the registry's order is kept, so the first finishes first;
  // he2015 runs on the pool, hanin2018 (full size, ~25 s) on the command's own thread
  const cases: [string, string, string[]][] = [
    ['schoenholz2017', 'he2015', ['--quick']],
    ['klambauer2017', 'hanin2018', []],
  ];
  for (const [first, second, flags] of cases)
    it(`during ${second}: ${first}'s verdict and report kept, exit 130`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'initlab-repro-stop-')), 'report');
      const r = await stopDuring(second, [first, second, ...flags, '--out', out]);
      expect(r.code, r.stderr).toBe(130);
      expect(r.stderr).not.toMatch(/lost/);
      expect(r.stdout).toMatch(new RegExp(`PASS {2}${first}`));
      expect(r.stdout).toMatch(
        new RegExp(`INTERRUPTED: 1 of 2 run \\(1 reproduced\\), 1 not run: ${second}`),
      );
      const saved = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(JSON.stringify(saved)).toContain(first);
      expect(existsSync(join(out, `${first}.png`))).toBe(true);
      expect(existsSync(join(out, `${second}.png`))).toBe(false);
    }, 150_000);
});
