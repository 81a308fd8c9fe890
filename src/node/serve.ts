// A small static server for the built lab: the built files only, GET and HEAD only, no path
// may leave the root, and a Content-Security-Policy that allows nothing from elsewhere.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { isIP, isIPv4 } from 'node:net';
import { hostname } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Same-origin only; wasm-unsafe-eval lets the worker compile its kernels. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The file a URL path names under root, or null when it would leave root or is not a file. */
export function resolveUnder(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.split(/[\\/]/).includes('..')) return null;
  const base = resolve(root);
  const full = resolve(base, normalize(`.${path.endsWith('/') ? `${path}index.html` : path}`));
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/** Request lines longer than this get 414 (the lab's own URLs stay far below it). */
export const MAX_URL_LENGTH = 8192;

const isLoopbackIp = (ip: string): boolean => {
  const v4 = ip.replace(/^::ffff:/i, '');
  return (isIPv4(v4) && v4.startsWith('127.')) || ip === '::1';
};

/** Does this address (an IP or a name) only reach this machine? */
export const isLoopback = (host: string): boolean =>
  host.toLowerCase() === 'localhost' || isLoopbackIp(host.replace(/^\[|\]$/g, ''));

const isWildcard = (ip: string): boolean => ip === '0.0.0.0' || ip === '::' || ip === '';

/** The host name and port of a Host header ("[::1]:8080" → ["::1", 8080]); port 80 when it names none. */
function splitHost(header: string): [string, number] | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!m) return null;
  return [m[1].replace(/^\[|\]$/g, '').toLowerCase(), m[2] === undefined ? 80 : Number(m[2])];
}

/**
 * Is a request with this Host header meant for this server? A page from another site whose
 * name was made to resolve to this machine (DNS rebinding) sends its own name: refused.
 * Bound to loopback, the server answers to localhost, 127.0.0.1, [::1] and the name it was
 * given; bound to another address, also to any IP literal (no page can hold one as its
 * origin but this server) and to the machine's own host name.
 */
export function hostAllowed(
  header: string | undefined,
  bound: { host: string; address: string; port: number },
): boolean {
  if (header === undefined) return false;
  const parsed = splitHost(header);
  if (!parsed) return false;
  const [name, port] = parsed;
  if (port !== bound.port) return false;
  const names = new Set([
    'localhost',
    '127.0.0.1',
    '::1',
    bound.host.toLowerCase().replace(/^\[|\]$/g, ''),
    bound.address.toLowerCase(),
  ]);
  if (names.has(name)) return true;
  if (isLoopbackIp(bound.address)) return false;
  return (
    isIP(name) !== 0 ||
    name === hostname().toLowerCase() ||
    name === `${hostname().toLowerCase()}.local`
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A short page for a refused request: the status, one sentence, nothing from the request itself. */
const page = (status: number, title: string, text: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${status} ${escapeHtml(title)}</title></head><body><h1>${status} ${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>\n`;

/**
 * The static server of the built lab. `host` is the address it is told to listen on (as
 * given to --host): requests naming another host are refused with 421 (see hostAllowed).
 */
export function createStaticServer(root: string, options: { host?: string } = {}): Server {
  const boundHost = options.host ?? '127.0.0.1';
  const headers = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    const refuse = (status: number, title: string, text: string) => {
      const body = page(status, title, text);
      res.writeHead(status, {
        ...headers,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        Connection: 'close',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let url = req.url ?? '/';
    if (url.length > MAX_URL_LENGTH) {
      refuse(
        414,
        'URI Too Long',
        `This address is ${url.length} characters long; the initlab lab answers addresses of up to ${MAX_URL_LENGTH}.`,
      );
      return;
    }
    const address = server.address();
    const bound =
      typeof address === 'object' && address
        ? { host: boundHost, address: address.address, port: address.port }
        : null;
    // two Host headers (RFC 9112 §3.2: answer 400): one layer may read the first, another the last
    if (req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === 'host').length > 1) {
      refuse(
        400,
        'Bad Request',
        'This request carries more than one Host header, so which site it is meant for is unclear; it was refused.',
      );
      return;
    }
    // a request target in absolute form (GET http://host/path) names its host itself, over the Host header
    const absoluteForm = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
    let absolute: URL | null = null;
    try {
      if (absoluteForm) absolute = new URL(url);
    } catch {
      // not a URL: refused below
    }
    if (absoluteForm && (!absolute || !bound || !hostAllowed(absolute.host, bound))) {
      refuse(
        421,
        'Misdirected Request',
        'This initlab lab answers only to the address it listens on; the request named another host, so it was refused.',
      );
      return;
    }
    if (absolute) url = `${absolute.pathname}${absolute.search}`;
    if (!bound || !hostAllowed(req.headers.host, bound)) {
      refuse(
        421,
        'Misdirected Request',
        `This initlab lab answers only to the address it listens on (${isWildcard(bound?.address ?? '') ? "localhost or this machine's addresses" : `${boundHost}`}, port ${bound?.port}); the request named another host, so it was refused.`,
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
      res.end('method not allowed\n');
      return;
    }
    const file = resolveUnder(root, url);
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  // requests the parser gives up on: past 64 KB of request line and headers, the URL is the
  // likely culprit (414, as above), else the headers (431); anything else malformed gets a plain 400
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // the packet is the chunk the parser was reading: only when it starts the request and its
    // first line is short can the headers, not the URL, be what overflowed
    const raw = err.rawPacket ? err.rawPacket.toString('latin1') : '';
    const firstLine = raw.indexOf('\r\n');
    const shortRequestLine =
      /^[A-Z]+ /.test(raw) && firstLine >= 0 && firstLine <= MAX_URL_LENGTH + 64;
    const urlTooLong = err.code === 'HPE_HEADER_OVERFLOW' && !shortRequestLine;
    const [status, title, text] = urlTooLong
      ? [
          414,
          'URI Too Long',
          `This address is longer than the initlab lab answers (${MAX_URL_LENGTH} characters).`,
        ]
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', "The request's headers are larger than 64 KB."]
        : [400, 'Bad Request', 'The request could not be read.'];
    const body = page(status as number, title as string, text as string);
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}

export const webRoot = (): string => join(new URL('.', import.meta.url).pathname, '..', 'web');
