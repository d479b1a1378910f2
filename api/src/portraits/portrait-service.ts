/**
 * Portraits: generated with Gemini per (family, species, state, stage) when
 * GEMINI_API_KEY is set, cached in Postgres for every user; the built-in SVG
 * sprite otherwise and on any failure or after 10 s, so a pet you own always
 * has a picture and a slow or failing Gemini never breaks the popup.
 *
 * Generating once per key, however many requests race:
 * - in one process, concurrent requests for a key share one in-flight promise;
 * - across processes, the `pet_portraits` row is the claim (store.ts):
 *   the loser polls the row until the winner stores the image, or gives up and
 *   serves the sprite at its deadline.
 * A failed attempt leaves a back-off on the row so an outage or a refused
 * prompt does not turn every page view into a Gemini call.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '@tamagitto/db';
import { spriteSvg } from '@tamagitto/domain';
import type { PortraitSource } from '@tamagitto/domain';
import type { AppDeps } from '../deps.ts';
import { generatePortrait, PORTRAIT_MODEL, PORTRAIT_TIMEOUT_MS, PortraitError } from './gemini-portrait.ts';
import { portraitKeyOf, portraitKeyString, type PortraitKey } from './portrait-key.ts';
import { claimPortrait, failPortrait, readPortraitImage, readPortraitStatus, savePortrait } from './store.ts';

export interface Portrait {
  source: PortraitSource;
  contentType: string;
  body: Uint8Array<ArrayBuffer> | string;
  /** A strong, quoted ETag of the body. */
  etag: string;
}

export interface PortraitServiceOptions {
  /** Whole-request budget before the sprite is served (default 10 s). */
  timeoutMs?: number;
  /** How long a generation claim is honoured before another process may take it over. */
  leaseMs?: number;
  /** After a failed generation, how long everyone serves the sprite before trying again. */
  backoffMs?: number;
  /** How often a request waiting on another process's claim re-reads the row. */
  pollMs?: number;
  /** Ready portraits kept in memory (they never change once stored). */
  memoryEntries?: number;
}

const etagOf = (data: Uint8Array | string) => `"${createHash('sha256').update(data).digest('base64url').slice(0, 27)}"`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One per process (the in-flight map must be shared by its requests).
 *
 * @example
 * const portraits = createPortraitService(deps);
 * const p = await portraits.portraitFor(pet, { userId, log });
 * return c.body(p.body, 200, { 'Content-Type': p.contentType, ETag: p.etag });
 */
export function createPortraitService(deps: AppDeps, opts: PortraitServiceOptions = {}) {
  const timeoutMs = opts.timeoutMs ?? PORTRAIT_TIMEOUT_MS;
  // Just past the Gemini deadline: a crashed claimer blocks others for seconds, not minutes.
  const leaseMs = opts.leaseMs ?? timeoutMs + 5_000;
  const backoffMs = opts.backoffMs ?? 60_000;
  const pollMs = opts.pollMs ?? 200;
  const memoryEntries = opts.memoryEntries ?? 32;
  const flights = new Map<string, Promise<Portrait | null>>();
  const ready = new Map<string, Portrait>();
  const sprites = new Map<string, Portrait>();

  function sprite(k: PortraitKey): Portrait {
    const id = portraitKeyString(k);
    let p = sprites.get(id);
    if (!p) {
      const svg = spriteSvg(k.family, k.state, k.stage, { species: k.species, size: 256 });
      p = { source: 'sprite', contentType: 'image/svg+xml; charset=utf-8', body: svg, etag: etagOf(svg) };
      sprites.set(id, p);
    }
    return p;
  }

  function remember(id: string, p: Portrait): Portrait {
    ready.delete(id);
    ready.set(id, p);
    while (ready.size > memoryEntries) ready.delete(ready.keys().next().value!);
    return p;
  }

  async function fromDb(k: PortraitKey): Promise<Portrait | null> {
    const row = await readPortraitImage(deps.db, k);
    return row ? remember(portraitKeyString(k), { source: 'gemini', contentType: row.mimeType, body: row.bytes, etag: row.etag }) : null;
  }

  /** Another process holds the claim: wait for its image, up to the deadline. */
  async function waitForOther(k: PortraitKey, deadline: number): Promise<Portrait | null> {
    for (;;) {
      const row = await readPortraitStatus(deps.db, k);
      if (row?.status === 'ready') return fromDb(k);
      // Failed (backing off), gone, or a lease that ran out without a result: the sprite.
      if (!row || row.status === 'failed' || (row.locked_until && row.locked_until.getTime() < deps.now().getTime())) return null;
      if (Date.now() + pollMs >= deadline) return null;
      await sleep(pollMs);
    }
  }

  async function generate(k: PortraitKey, ctx: { userId: string; log: Logger }, deadline: number): Promise<Portrait | null> {
    const cached = await fromDb(k);
    if (cached) return cached;
    const now = deps.now();
    const attempt = await claimPortrait(deps.db, k, now, new Date(now.getTime() + leaseMs));
    if (attempt === undefined) return waitForOther(k, deadline);
    const started = performance.now();
    try {
      const img = await generatePortrait(deps, k, { userId: ctx.userId, timeoutMs: Math.max(1, deadline - Date.now()) });
      const etag = etagOf(img.bytes);
      const saved = await savePortrait(deps.db, k, attempt, { ...img, etag, model: PORTRAIT_MODEL }, deps.now());
      ctx.log.info({ portrait: portraitKeyString(k), bytes: img.bytes.length, ms: Math.round(performance.now() - started), saved }, 'portrait generated');
      return remember(portraitKeyString(k), { source: 'gemini', contentType: img.mimeType, body: img.bytes, etag });
    } catch (err) {
      const t = deps.now();
      await failPortrait(deps.db, k, attempt, new Date(t.getTime() + backoffMs), t).catch(() => {});
      throw err;
    }
  }

  /** Shares one generation among this process's concurrent requests for a key. */
  function flight(k: PortraitKey, ctx: { userId: string; log: Logger }): Promise<Portrait | null> {
    const id = portraitKeyString(k);
    let f = flights.get(id);
    if (!f) {
      f = generate(k, ctx, Date.now() + timeoutMs).finally(() => flights.delete(id));
      flights.set(id, f);
    }
    return f;
  }

  return {
    /**
     * The portrait for a pet's current look: Gemini's when configured and
     * available within the deadline, else the sprite. Never throws.
     */
    async portraitFor(pet: PortraitKey, ctx: { userId: string; log: Logger }): Promise<Portrait> {
      const k = portraitKeyOf(pet);
      if (!deps.env.GEMINI_API_KEY) return sprite(k);
      const hit = ready.get(portraitKeyString(k));
      if (hit) return hit;
      let timer: NodeJS.Timeout | undefined;
      try {
        const got = await Promise.race([
          flight(k, ctx),
          new Promise<'timeout'>((r) => {
            timer = setTimeout(() => r('timeout'), timeoutMs);
          }),
        ]);
        if (got === 'timeout') ctx.log.warn({ portrait: portraitKeyString(k), reason: 'timeout', timeoutMs }, 'portrait not ready in time: serving the sprite');
        else if (got) return got;
      } catch (err) {
        // Only the failure's kind and status: never the SDK error, which carries the request.
        const detail = err instanceof PortraitError ? { reason: err.kind, status: err.status } : { reason: 'internal', error: err instanceof Error ? err.name : 'unknown' };
        ctx.log.warn({ portrait: portraitKeyString(k), ...detail }, 'portrait generation failed: serving the sprite');
      } finally {
        clearTimeout(timer);
      }
      return sprite(k);
    },
  };
}

export type PortraitService = ReturnType<typeof createPortraitService>;
