/**
 * `GET /api/pets/:id/portrait`: the pet's picture, the image itself (not
 * JSON). Scoped like every pet route: another user's pet id is a 404,
 * indistinguishable from a missing one. Never fails for a pet you own: the
 * portrait service falls back to the built-in sprite.
 */
import { Hono } from 'hono';
import type { PortraitSource, PortraitSourceHeader } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { etagMatches } from '../http/headers.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { ownPetOr404 } from '../pets/store.ts';
import { createPortraitService } from './portrait-service.ts';

const SOURCE_HEADER: PortraitSourceHeader = 'X-Portrait-Source';

const CACHE_HEADERS = {
  ETag: 'A strong ETag of the image: send it back as If-None-Match.',
  [SOURCE_HEADER]: '`gemini` (a generated portrait) or `sprite` (the built-in SVG).',
  'Cache-Control': 'private, max-age=300',
};

export function portraitRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  const portraits = createPortraitService(deps);

  return new Hono<AppEnv>().use('/pets/:id/portrait', auth).get(
    '/pets/:id/portrait',
    route({
      tag: 'portraits',
      summary: "A pet's portrait (an image)",
      description:
        "A Gemini portrait (PNG, or JPEG/WebP) for the pet's family, species, state and stage when the server has GEMINI_API_KEY, generated once per " +
        'combination and cached for every user; otherwise, and on any failure or after 10 s, the built-in sprite (`image/svg+xml`). ' +
        'Always 200 for a pet you own. The image follows the pet\'s state: refetch after a `pet.updated` message.',
      security: 'session',
      requestHeaders: { 'If-None-Match': 'The ETag of the portrait you have: 304 when it is still current.' },
      responses: {
        200: { description: 'The image', contentType: 'image/*', headers: CACHE_HEADERS },
        304: { description: 'Not modified: the If-None-Match ETag is current', headers: CACHE_HEADERS },
      },
      errors: [404],
    }),
    async (c) => {
      const userId = c.get('userId');
      const pet = await ownPetOr404(deps.db, userId, c.req.param('id'));
      const p = await portraits.portraitFor(pet, { userId, log: c.get('log') });
      const source: PortraitSource = p.source;
      const headers: Record<string, string> = {
        'Cache-Control': 'private, max-age=300',
        ETag: p.etag,
        [SOURCE_HEADER]: source,
        'X-Content-Type-Options': 'nosniff',
      };
      // The popup reads the source cross-origin (chrome-extension://): expose it beside the CORS defaults.
      if (c.req.header('origin')) c.header('Access-Control-Expose-Headers', `${SOURCE_HEADER}, ETag`, { append: true });
      if (etagMatches(c.req.header('if-none-match'), p.etag)) return c.body(null, 304, headers);
      return c.body(p.body, 200, { ...headers, 'Content-Type': p.contentType });
    },
  );
}
