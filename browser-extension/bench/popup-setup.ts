/**
 * What the popup bench (popup.ts) and the trace tool (popup-trace.ts) both set up: the peer page
 * (an extension page with one line of text and nothing else: the browser's own floor) and the
 * cached state the pet is painted from — a signed-in user with two pets, the API origin a
 * closed port, as if offline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, type Launched } from '../test/e2e/support/extension.ts';
import { makePet } from '../test/e2e/support/fake-api.ts';

const EMPTY_PAGE = 'bench-empty.html';

/** Writes the empty page into the built extension `dist`; returns its path inside the extension. */
export function writeEmptyPage(dist: string): string {
  writeFileSync(join(dist, EMPTY_PAGE), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>empty</title></head><body><p>Tamagitto</p></body></html>\n');
  return EMPTY_PAGE;
}

/** The cache the popup paints from (no API answers: its origin is a closed port). */
export async function seedCachedPets(b: Launched): Promise<void> {
  await b.worker.evaluate(
    (pets) =>
      chrome.storage.local.set({
        settings: { apiOrigin: 'http://127.0.0.1:9', notifyDrops: false, favouritePetId: null },
        session: { token: 'x', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user: { id: 'u', login: 'bench', name: null, avatarUrl: null } },
        pets: { items: pets, fetchedAt: new Date().toISOString() },
      }),
    [makePet({ id: 'p1', fullName: 'octo/cat' }), makePet({ id: 'p2', fullName: 'octo/dog', family: 'robot' })],
  );
}

/**
 * Chromium with the built extension `dist`, the empty page written into it and the cache seeded:
 * what both the bench and the trace tool open pages in. The caller closes `b`.
 */
export async function launchPopupBench(dist: string): Promise<{ b: Launched; popupUrl: string; emptyUrl: string }> {
  const emptyPage = writeEmptyPage(dist);
  const b = await launchWithExtension(dist);
  try {
    await seedCachedPets(b);
  } catch (err) {
    await b.close();
    throw err;
  }
  const origin = `chrome-extension://${b.extensionId}`;
  return { b, popupUrl: `${origin}/src/popup/index.html`, emptyUrl: `${origin}/${emptyPage}` };
}
