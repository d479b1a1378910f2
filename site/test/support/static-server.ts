/**
 * A minimal static file server for the built site, bound to 127.0.0.1, used
 * by the browser test and the Lighthouse bench when they don't run Caddy.
 * It mirrors the Caddyfile where it matters to a browser: the same site
 * headers (CSP included, read from the Caddyfile), `{path}.html` fallback,
 * 404.html for misses, gzip when asked.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

export const CADDYFILE = fileURLToPath(new URL('../../../Caddyfile', import.meta.url));

/**
 * The headers the Caddyfile sets on site responses: the shared security
 * headers plus the site's Content-Security-Policy, so tests exercise the
 * real policy rather than a copy of it.
 */
export async function siteHeadersFromCaddyfile(path = CADDYFILE): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8');
  const headers: Record<string, string> = {};
  const block = /\(security_headers\)\s*\{\s*header\s*\{([\s\S]*?)\}/.exec(text)?.[1] ?? '';
  for (const m of block.matchAll(/^\s*([A-Z][\w-]+)\s+"([^"]*)"/gm)) headers[m[1]!] = m[2]!;
  const csp = [...text.matchAll(/header Content-Security-Policy "([^"]+)"/g)]
    .map((m) => m[1]!)
    .find((v) => v.includes("script-src 'self'"));
  if (!csp || !headers['X-Content-Type-Options']) throw new Error(`site headers not found in ${path}`);
  headers['Content-Security-Policy'] = csp;
  return headers;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

async function findFile(root: string, urlPath: string): Promise<string | null> {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const base = join(root, clean);
  if (!base.startsWith(root)) return null;
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
    const s = await stat(candidate).catch(() => null);
    if (s?.isFile()) return candidate;
  }
  return null;
}

/** Serves `root` on 127.0.0.1 (random port unless given). */
export async function serveStatic(rootDir: string, headers: Record<string, string> = {}, port = 0): Promise<StaticServer> {
  const root = resolve(rootDir);
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      let file = await findFile(root, path);
      let status = 200;
      if (!file) {
        status = 404;
        file = join(root, '404.html');
      }
      res.statusCode = status;
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      if (path.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (gzip) {
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Vary', 'Accept-Encoding');
        createReadStream(file).pipe(createGzip()).pipe(res);
      } else {
        createReadStream(file).pipe(res);
      }
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
