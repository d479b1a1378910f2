/**
 * `GET /api/pets/:id/portrait`: the pet's picture (contract.ts "Portraits").
 * Scoped like every pet route: another user's pet id is a 404,
 * indistinguishable from a missing one. Never fails for a pet you own: the
 * portrait service falls back to the built-in sprite.
 */
import { Hono } from 'hono';
import type { PortraitSource, PortraitSourceHeader } from '@tamagitto/domain';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireSession } from '../http/require-session.ts';
import { createPortraitService } from '../portraits/portrait-service.ts';
import { ownPetOr404 } from './own-pet.ts';

const SOURCE_HEADER: PortraitSourceHeader = 'X-Portrait-Source';

/** RFC 9110 If-None-Match: a list of (possibly weak) ETags, or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v.replace(/^W\//, '') === etag;
  });
}

export function portraitRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  const portraits = createPortraitService(deps);

  return new Hono<AppEnv>().use('/pets/:id/portrait', auth).get('/pets/:id/portrait', async (c) => {
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
    if (matches(c.req.header('if-none-match'), p.etag)) return c.body(null, 304, headers);
    return c.body(p.body, 200, { ...headers, 'Content-Type': p.contentType });
  });
}
