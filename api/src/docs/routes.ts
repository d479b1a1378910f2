/**
 * The API describes itself: `GET /api/openapi.json` is generated from the
 * route definitions (api/src/http/openapi.ts), and `GET /api/docs` renders it
 * with Swagger UI served from this process (the swagger-ui-dist package, no
 * CDN), so the reference works on a closed network too.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import { route } from '../http/openapi.ts';

const ASSETS = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tamagitto API reference</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/init.js"></script>
</body>
</html>
`;

// A file, not an inline script, so the page runs under a CSP without 'unsafe-inline' for scripts.
const INIT = `window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#reference', deepLinking: true, tryItOutEnabled: false });\n`;

const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

const distDir = () => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** `document` builds the OpenAPI document on first use; it is cached for the life of the process. */
export function docsRoutes(document: () => Promise<unknown>) {
  let cached: Promise<unknown> | undefined;
  const assets = new Map<string, Promise<Buffer>>();
  return new Hono<AppEnv>()
    .get(
      '/openapi.json',
      route({ tag: 'docs', summary: 'This API as an OpenAPI 3.1 document', security: 'public', responses: { 200: z.record(z.string(), z.unknown()) } }),
      async (c) => {
        cached ??= document();
        c.header('Cache-Control', 'public, max-age=300');
        return c.json((await cached) as Record<string, unknown>);
      },
    )
    .get('/docs', route({ tag: 'docs', summary: 'The rendered API reference (HTML)', security: 'public', responses: { 200: { description: 'HTML page', contentType: 'text/html' } } }), (c) => {
      c.header('Content-Security-Policy', CSP);
      return c.html(PAGE);
    })
    .get(
      '/docs/assets/:file',
      route({ tag: 'docs', summary: "The reference page's script and stylesheet", security: 'public', responses: { 200: { description: 'A static asset', contentType: 'text/javascript' } }, errors: [404] }),
      async (c) => {
        const file = c.req.param('file');
        c.header('Cache-Control', 'public, max-age=86400');
        if (file === 'init.js') return c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        if (!Object.hasOwn(ASSETS, file)) return c.json({ error: { code: 'not_found' as const, message: 'no such asset' } }, 404);
        let body = assets.get(file);
        if (!body) assets.set(file, (body = readFile(join(distDir(), file))));
        return c.body(new Uint8Array(await body), 200, { 'Content-Type': ASSETS[file as keyof typeof ASSETS] });
      },
    );
}
