/**
 * The pet's AI portrait: `GET /api/pets/{id}/portrait`
 * needs the session header, so it is fetched as a blob and shown through an
 * object URL. Only a generated portrait (`X-Portrait-Source: gemini`) is
 * used; the server's fallback is our own built-in sprite, which the popup
 * already draws itself (as crisp SVG), so then — and on any failure — the
 * popup keeps its sprite, quietly.
 */
import type { PetDto, PortraitSource, PortraitSourceHeader } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { apiClient, type ApiTarget, type FetchFn } from '../shared/api-client.ts';

const SOURCE_HEADER: PortraitSourceHeader = 'X-Portrait-Source';
const GENERATED: PortraitSource = 'gemini';
/** Raster images only: what Gemini returns. Anything else is not a portrait we show. */
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

export type PortraitPet = Pick<PetDto, 'id' | 'state' | 'stage'>;

/**
 * The portrait follows the pet's state (and stage): they are in the URL's
 * query so a changed pet is a new URL, never the browser's cached picture of
 * the old state (`Cache-Control: private, max-age=300`). The server reads the
 * pet's current state itself; the query is only the browser's cache key, so
 * the API's document has no query for this route and loadPortrait adds it
 * through openapi-fetch's `querySerializer`.
 *
 * @example portraitCacheKey({ id: 'p1', state: 'poor', stage: 'adult' }) // 'state=poor&stage=adult'
 */
export function portraitCacheKey(pet: PortraitPet): string {
  return new URLSearchParams({ state: pet.state, stage: pet.stage }).toString();
}

/** The generated portrait as a blob, or null for the sprite fallback / anything unexpected. */
export async function generatedPortrait(res: Response): Promise<Blob | null> {
  if (res.headers.get(SOURCE_HEADER) !== GENERATED) return null;
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!IMAGE_TYPES.includes(type)) return null;
  const blob = await res.blob();
  return blob.size > 0 ? blob : null;
}

/** Fetches the portrait; null (never a throw) whenever the sprite should stay. */
export async function loadPortrait(target: ApiTarget, pet: PortraitPet, signal?: AbortSignal, fetchFn: FetchFn = fetch): Promise<Blob | null> {
  try {
    // parseAs 'stream': the image comes back unread, for generatedPortrait to check and read.
    const { response } = await apiClient(target, fetchFn).GET('/api/pets/{id}/portrait', {
      params: { path: { id: pet.id } },
      querySerializer: () => portraitCacheKey(pet),
      headers: { accept: IMAGE_TYPES.join(', ') },
      parseAs: 'stream',
      signal,
    });
    return await generatedPortrait(response);
  } catch {
    return null;
  }
}

/**
 * An object URL for the pet's generated portrait, or null while loading and
 * whenever the sprite should be shown. Refetched when the pet, its state or
 * stage changes; the previous URL is revoked then and on unmount.
 */
export function usePortraitUrl(target: ApiTarget, pet: PortraitPet | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const id = pet?.id;
  const state = pet?.state;
  const stage = pet?.stage;
  useEffect(() => {
    setUrl(null);
    if (!id || !state || !stage) return;
    const ctrl = new AbortController();
    let objectUrl: string | null = null;
    void loadPortrait(target, { id, state, stage }, ctrl.signal).then((blob) => {
      if (!blob || ctrl.signal.aborted) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    });
    return () => {
      ctrl.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [target, id, state, stage]);
  return url;
}
