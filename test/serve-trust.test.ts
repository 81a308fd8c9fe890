// `initlab serve` trusts no one (issue 12, kind 8): an empty --host is a usage error, an
// address off loopback is warned about, a request naming another host is refused (DNS
// rebinding), an over-long URL gets a 414 page. Requests go to loopback only.
// Bad inputs tried: 4 bad --host values, 2 wildcard addresses that warn, 13 refused Host
// headers (11 at loopback, one per wildcard run), 4 over-long requests;
// 7 good Host headers still served; and 39 unit cases of isLoopback and hostAllowed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed, isLoopback, MAX_URL_LENGTH } from '../src/node/serve.js';
import { BIN } from './helpers.js';

interface Served {
  child: ChildProcess;
  port: number;
  url: string;
  stderr: () => string;
}

/** Starts `initlab serve --port 0 ...` and waits for the address it prints. */
async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const m = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const x = /http:\/\/(\S+):(\d+)\//.exec(String(d));
      if (x) resolve(x);
    });
    child.on('exit', (c) => reject(new Error(`serve exited ${c}: ${stderr}`)));
  });
  return { child, port: Number(m[2]), url: m[0], stderr: () => stderr };
}

/** A GET to 127.0.0.1:port with this Host header (undefined: the default one). */
const get = (port: number, host: string | undefined, path = '/') =>
  new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: host === undefined ? {} : { host }, agent: false },
      (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, body, type: String(res.headers['content-type']) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });

/** Sends `text` as is and returns the status line of the answer. */
const raw = (port: number, text: string) =>
  new Promise<string>((resolve) => {
    const s = connect(port, '127.0.0.1', () => s.end(text));
    let answer = '';
    s.on('data', (d) => {
      answer += d;
    });
    s.on('close', () => resolve(answer));
    s.on('error', () => resolve(answer));
  });

describe('initlab serve on loopback', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve([]);
  });
  afterAll(() => {
    s?.child.kill('SIGKILL');
  });

  it('prints its loopback address and no warning', () => {
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/`);
    expect(s.stderr()).toBe('');
  });

  it('answers to localhost, 127.0.0.1 and [::1] with its port, in any case of letters', async () => {
    for (const host of [
      `127.0.0.1:${s.port}`,
      `localhost:${s.port}`,
      `LocalHost:${s.port}`,
      `[::1]:${s.port}`,
      undefined,
    ]) {
      const r = await get(s.port, host);
      expect(r.status, host).toBe(200);
      expect(r.body).toMatch(/initlab/);
    }
  });

  it('refuses a request naming another host or port (DNS rebinding) with a short 421 page', async () => {
    for (const host of [
      `evil.example:${s.port}`,
      'evil.example',
      `127.0.0.1:${s.port + 1}`,
      '127.0.0.1',
      'localhost',
      `10.0.0.1:${s.port}`,
      `localhost.evil.example:${s.port}`,
      `127.0.0.1.nip.io:${s.port}`,
      `[::2]:${s.port}`,
    ]) {
      const r = await get(s.port, host);
      expect(r.status, host).toBe(421);
      expect(r.type).toMatch(/text\/html/);
      expect(r.body).toMatch(/421 Misdirected Request/);
      expect(r.body).not.toContain('evil'); // nothing of the request is echoed
      expect(r.body.length).toBeLessThan(1000);
    }
  });

  it('refuses a request with no Host header or two of them', async () => {
    expect(await raw(s.port, 'GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 421 /);
    expect(
      await raw(
        s.port,
        `GET / HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`,
      ),
    ).toMatch(/^HTTP\/1\.1 (400|421) /);
  });

  it('answers an over-long URL with a clear 414 page, however long', async () => {
    const ok = await get(s.port, undefined, `/?${'a'.repeat(MAX_URL_LENGTH - 100)}`);
    expect(ok.status).toBe(200);
    for (const n of [MAX_URL_LENGTH + 1, 20_000, 200_000]) {
      const r = await get(s.port, undefined, `/${'a'.repeat(n)}`);
      expect(r.status, String(n)).toBe(414);
      expect(r.body).toMatch(/414 URI Too Long/);
      expect(r.body).toMatch(new RegExp(`${MAX_URL_LENGTH}`));
    }
    const rawAnswer = await raw(
      s.port,
      `GET /${'b'.repeat(70_000)} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`,
    );
    expect(rawAnswer).toMatch(/^HTTP\/1\.1 414 URI Too Long\r\n/);
    expect(rawAnswer).toMatch(/<h1>414 URI Too Long<\/h1>/);
  });

  it('still serves its files after all that', async () => {
    expect((await get(s.port, undefined)).status).toBe(200);
  });
});

describe('initlab serve --host', () => {
  for (const [host, message] of [
    ['', /--host is empty; give an address, like --host 127\.0\.0\.1/],
    ['  ', /--host is empty/],
    ['192.0.2.1', /--host 192\.0\.2\.1 is not an address of this machine/],
    ['no-such-host.invalid', /--host no-such-host\.invalid is not a known address or host name/],
  ] as const) {
    it(`--host '${host}': one line, exit 2`, () => {
      const r = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--host', host], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  // bound to every interface for a moment (port 0, killed at once); requests go to loopback only
  it('--host 0.0.0.0 warns, prints a loopback URL, and still refuses foreign Host headers', async () => {
    const s = await serve(['--host', '0.0.0.0']);
    try {
      expect(s.url).toBe(`http://127.0.0.1:${s.port}/`);
      await new Promise((r) => setTimeout(r, 100));
      expect(s.stderr()).toMatch(
        /^initlab: warning: listening on every network interface \(0\.0\.0\.0\): anyone who can reach this machine can use the lab; --host 127\.0\.0\.1 keeps it to this machine\n$/,
      );
      expect((await get(s.port, `localhost:${s.port}`)).status).toBe(200);
      expect((await get(s.port, `192.0.2.7:${s.port}`)).status).toBe(200); // an IP literal cannot be a rebound name
      expect((await get(s.port, `evil.example:${s.port}`)).status).toBe(421);
    } finally {
      s.child.kill('SIGKILL');
    }
  });

  it('--host :: warns as well, and prints the IPv6 loopback URL', async () => {
    const s = await serve(['--host', '::']);
    try {
      expect(s.url).toBe(`http://[::1]:${s.port}/`);
      await new Promise((r) => setTimeout(r, 100));
      expect(s.stderr()).toMatch(/^initlab: warning: listening on every network interface \(::\)/);
      expect((await get(s.port, `evil.example:${s.port}`)).status).toBe(421);
    } finally {
      s.child.kill('SIGKILL');
    }
  });

  it('--host localhost is loopback: no warning', async () => {
    const s = await serve(['--host', 'localhost']);
    try {
      expect(s.url).toBe(`http://localhost:${s.port}/`);
      await new Promise((r) => setTimeout(r, 100));
      expect(s.stderr()).toBe('');
    } finally {
      s.child.kill('SIGKILL');
    }
  });
});

describe('which addresses are loopback, which Host headers are accepted', () => {
  it('loopback: 127.0.0.0/8, ::1, localhost; nothing else', () => {
    for (const h of [
      '127.0.0.1',
      '127.1.2.3',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopback(h), h).toBe(true);
    for (const h of [
      '0.0.0.0',
      '::',
      '',
      '10.0.0.1',
      '128.0.0.1',
      'localhost.evil.example',
      '::2',
      '192.168.1.1',
    ])
      expect(isLoopback(h), h).toBe(false);
  });
  it('Host headers, bound to loopback and to every interface', () => {
    const lo = { host: '127.0.0.1', address: '127.0.0.1', port: 5173 };
    const all = { host: '0.0.0.0', address: '0.0.0.0', port: 5173 };
    const lan = { host: 'lab.example', address: '192.0.2.5', port: 80 };
    const cases: [typeof lo, string | undefined, boolean][] = [
      [lo, '127.0.0.1:5173', true],
      [lo, 'localhost:5173', true],
      [lo, '[::1]:5173', true],
      [lo, 'LOCALHOST:5173', true],
      [lo, '127.0.0.1', false],
      [lo, '127.0.0.1:5174', false],
      [lo, 'evil.example:5173', false],
      [lo, '10.0.0.2:5173', false],
      [lo, undefined, false],
      [lo, '', false],
      [lo, ':5173', false],
      [lo, '127.0.0.1:5173:1', false],
      [lo, '[::1:5173', false],
      [lo, '127.0.0.1:99999', false],
      [all, '192.0.2.9:5173', true],
      [all, '[2001:db8::1]:5173', true],
      [all, 'localhost:5173', true],
      [all, 'evil.example:5173', false],
      [all, '192.0.2.9:80', false],
      [lan, 'lab.example', true],
      [lan, 'lab.example:80', true],
      [lan, '192.0.2.5', true],
      [lan, 'lab.example:8080', false],
      [lan, 'evil.example', false],
    ];
    for (const [bound, header, ok] of cases)
      expect(hostAllowed(header, bound), `${bound.host} ${header}`).toBe(ok);
  });
});

// A second hostile pass: what one layer reads differently from another. 4 more refused
// requests (two Host headers in either order, an absolute-form target naming another host
// or not a URL) and 1 absolute-form target naming this server, still served.
describe('initlab serve: requests that read two ways', () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve([]);
  });
  afterAll(() => {
    s?.child.kill('SIGKILL');
  });

  it('two Host headers are a 400 in either order (the good one first too)', async () => {
    for (const [a, b] of [
      [`127.0.0.1:${s.port}`, 'evil.example'],
      ['evil.example', `127.0.0.1:${s.port}`],
    ]) {
      const answer = await raw(
        s.port,
        `GET / HTTP/1.1\r\nHost: ${a}\r\nHost: ${b}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).not.toContain('evil');
    }
  });

  it('an absolute-form target names its host, which is checked like the Host header', async () => {
    const good = `Host: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`;
    expect(await raw(s.port, `GET http://evil.example/ HTTP/1.1\r\n${good}`)).toMatch(
      /^HTTP\/1\.1 421 /,
    );
    expect(await raw(s.port, `GET http://[zz/ HTTP/1.1\r\n${good}`)).toMatch(
      /^HTTP\/1\.1 (400|421) /,
    );
    // written without ending the socket: a half-closed connection gets no file back
    const served = await new Promise<string>((resolve) => {
      const c = connect(s.port, '127.0.0.1', () =>
        c.write(`GET http://127.0.0.1:${s.port}/ HTTP/1.1\r\n${good}`),
      );
      let answer = '';
      c.on('data', (d) => {
        answer += d;
      });
      c.on('close', () => resolve(answer));
      c.on('error', () => resolve(answer));
    });
    expect(served).toMatch(/^HTTP\/1\.1 200 /);
    expect(served).toMatch(/initlab/);
  });
});
