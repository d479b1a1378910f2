/**
 * The popup snapshot (src/popup/snapshot.ts, public/popup-boot.js; issues 17, 18) in Chromium on
 * the fake API: the first screen painted from localStorage before any module runs looks exactly
 * like the app's own (screenshots in light and dark, pixel for pixel above the fold, up to
 * anti-aliasing), the app
 * takes it over, and it is never painted for another account, signed out, or after a sign-out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, buildExtension, hasChromium, launchWithExtension, signInThroughOptions, type Launched } from './support/extension.ts';
import { makePet, startFakeApi, type FakeApi } from './support/fake-api.ts';

const SNAPSHOT = 'tamagitto:popup-snapshot';

/** A PNG screenshot's RGB(A) rows (8-bit, no interlace: what Chromium writes). */
function pixels(png: Buffer): { w: number; h: number; bpp: number; rows: Uint8Array[] } {
  let i = 8;
  let w = 0;
  let h = 0;
  let bpp = 4;
  const idat: Buffer[] = [];
  while (i < png.length) {
    const n = png.readUInt32BE(i);
    const type = png.toString('latin1', i + 4, i + 8);
    const data = png.subarray(i + 8, i + 8 + n);
    if (type === 'IHDR') [w, h, bpp] = [data.readUInt32BE(0), data.readUInt32BE(4), data[9] === 2 ? 3 : 4];
    if (type === 'IDAT') idat.push(data);
    i += 12 + n;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * bpp;
  const rows: Uint8Array[] = [];
  let prev = new Uint8Array(stride);
  for (let y = 0, o = 0; y < h; y++) {
    const filter = raw[o++]!;
    const line = Uint8Array.from(raw.subarray(o, o + stride));
    o += stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? line[x - bpp]! : 0;
      const b = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      const p = a + b - c;
      const pred = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c) : 0;
      line[x] = (line[x]! + pred) & 255;
    }
    rows.push(line);
    prev = line;
  }
  return { w, h, bpp, rows };
}

/**
 * Pixels that differ visibly between two screenshots of the same size: any channel off by more than
 * 48 of 255. Chromium's software raster may shade an anti-aliased edge a few levels apart from one
 * paint to the next; other text, another number or a moved element differs by far more.
 */
function visiblyDifferent(a: Buffer, b: Buffer, height = Number.POSITIVE_INFINITY): number {
  const [pa, pb] = [pixels(a), pixels(b)];
  if (pa.w !== pb.w || pa.h !== pb.h) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let y = 0; y < Math.min(pa.h, height); y++) {
    for (let x = 0; x < pa.w; x++) {
      for (let ch = 0; ch < 3; ch++) {
        if (Math.abs(pa.rows[y]![x * pa.bpp + ch]! - pb.rows[y]![x * pb.bpp + ch]!) > 48) {
          n++;
          break;
        }
      }
    }
  }
  return n;
}

describe.skipIf(!hasChromium)('popup snapshot (fake API)', () => {
  let api: FakeApi;
  let b: Launched;
  let extDir: string;
  const popupUrl = () => `chrome-extension://${b.extensionId}/src/popup/index.html`;
  // The popup page without its module script (kept, as text, so the build in the snapshot's key is the same):
  // what popup-boot.js paints from the snapshot alone, before the app takes over.
  const snapshotOnlyUrl = () => `chrome-extension://${b.extensionId}/src/popup/snapshot-only.html`;

  beforeAll(async () => {
    extDir = buildExtension('snapshot');
    const html = readFileSync(join(extDir, 'src/popup/index.html'), 'utf8');
    writeFileSync(join(extDir, 'src/popup/snapshot-only.html'), html.replace('type="module"', 'type="text/plain"').replace(/<link rel="modulepreload"[^>]*>/g, ''));
    api = await startFakeApi({
      pets: [
        makePet({ id: 'p-cat', fullName: 'octo/cat', name: 'Mittens', health: 72, state: 'healthy', stage: 'teen' }),
        makePet({ id: 'p-dog', fullName: 'octo/dog', name: 'Rex', family: 'golem', species: 'golem', health: 91, state: 'thriving', stage: 'adult' }),
      ],
    });
    api.history['p-cat'] = [90, 85, 80, 76, 70, 64, 66, 71, 72].reverse().map((h, i) => ({
      id: `h${i}`, at: new Date(Date.now() - i * 3600_000).toISOString(), reason: 'commit', delta: 1, healthAfter: h, stateAfter: 'healthy', sha: null, note: null,
    }));
    b = await launchWithExtension(extDir);
    await signInThroughOptions(b, { apiOrigin: api.origin, token: 'ghp_good', login: 'octocat' });
  });

  afterAll(async () => {
    await b?.close();
    await api?.close();
  });

  /** Opens the popup until its snapshot is stored and settled (the refresh and the pet's details written). */
  async function warmUp() {
    const page = await b.ctx.newPage();
    await page.goto(popupUrl());
    await page.waitForSelector('.hero svg');
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k) !== null, SNAPSHOT), { timeout: 10_000 }).toBe(true);
    // The details arrive after the first render: the snapshot follows them (debounced).
    await page.waitForTimeout(1_000);
    await page.close();
  }

  const marks = (page: Page) =>
    page.evaluate(() => ['tamagitto:snapshot-painted', 'tamagitto:pet-painted'].map((n) => performance.getEntriesByName(n).length > 0));

  it('paints the first screen from the snapshot before the app, looking exactly like the app (light and dark)', async () => {
    await warmUp();
    for (const scheme of ['light', 'dark'] as const) {
      const only = await b.ctx.newPage();
      await only.emulateMedia({ colorScheme: scheme });
      await only.goto(snapshotOnlyUrl());
      await only.waitForSelector('.hero svg');
      expect(await marks(only)).toEqual([true, true]);
      // Nothing of the app ran.
      expect(await only.evaluate(() => performance.getEntriesByName('tamagitto:script-start').length)).toBe(0);
      // The sprite breathes (a CSS animation): both pictures are taken with it at its start.
      const fromSnapshot = await only.screenshot({ path: join(ARTIFACTS, `popup-snapshot-only-${scheme}.png`), animations: 'disabled' });
      // The app's lazy PR-checks section goes in just above Pet care once its chunk is in (and may go again when the
      // server has no checks), which the snapshot never shows: the pictures are compared down to Pet care — the
      // header, tabs, picker, pet, health, history and vet reports.
      const cut = await only.evaluate(() => document.querySelector('[data-testid="pet-care"]')?.getBoundingClientRect().top ?? Number.NaN);
      expect(cut).toBeGreaterThan(450);
      await only.close();

      const real = await b.ctx.newPage();
      await real.emulateMedia({ colorScheme: scheme });
      await real.goto(popupUrl());
      await real.waitForSelector('.hero svg');
      expect(await marks(real)).toEqual([true, true]);
      await real.waitForFunction(() => performance.getEntriesByName('tamagitto:cache-read').length > 0);
      await real.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))));
      const app = await real.screenshot({ path: join(ARTIFACTS, `popup-snapshot-app-${scheme}.png`), animations: 'disabled' });
      expect(visiblyDifferent(fromSnapshot, app, cut), `snapshot and app differ in ${scheme}: test-artifacts/popup-snapshot-*-${scheme}.png`).toBe(0);
      // The app took the snapshot's DOM over: the gear opens quick settings.
      await real.click('button[aria-controls="quick-settings"]');
      await real.waitForSelector('#quick-settings');
      await real.close();
    }
  });

  it('a click on the snapshot before the app has taken it over is honoured when it does: a tab, a button', async () => {
    await warmUp();
    /** The snapshot alone, clicked, then the app arrives (the module script snapshot-only.html keeps as text). */
    async function clickThenTakeOver(selector: string) {
      const page = await b.ctx.newPage();
      await page.goto(snapshotOnlyUrl());
      await page.waitForSelector('.hero svg');
      expect(await marks(page)).toEqual([true, true]);
      await page.click(selector);
      // On the snapshot alone the click changes nothing yet.
      expect(await page.getAttribute('#tab-pet', 'aria-selected')).toBe('true');
      expect(await page.locator('#quick-settings').count()).toBe(0);
      const entry = await page.getAttribute('script[type="text/plain"]', 'src');
      await page.addScriptTag({ type: 'module', url: entry! });
      return page;
    }
    const tab = await clickThenTakeOver('[role="tab"]#tab-stats');
    await tab.waitForSelector('#panel-stats');
    expect(await tab.getAttribute('#tab-stats', 'aria-selected')).toBe('true');
    expect(await tab.getAttribute('#tab-pet', 'aria-selected')).toBe('false');
    await tab.close();
    const gear = await clickThenTakeOver('button[aria-controls="quick-settings"]');
    await gear.waitForSelector('#quick-settings');
    await gear.close();
  });

  it('a change to the cache after the popup read it, before the app listens, still reaches the app (a live nudge)', async () => {
    await warmUp();
    const page = await b.ctx.newPage();
    await page.goto(snapshotOnlyUrl());
    await page.waitForSelector('.hero svg');
    // What the service worker does when a nudge arrives, between popup-boot.js's read and the app's start.
    const nudge = { id: 'n-gap', kind: 'pr_waiting', message: 'Your review of octo/cat#3 has waited 3 days.', at: new Date().toISOString() };
    await b.worker.evaluate((last) => chrome.storage.local.set({ coachInbox: { unread: 1, last, seen: [last.id] } }), nudge);
    const entry = await page.getAttribute('script[type="text/plain"]', 'src');
    await page.addScriptTag({ type: 'module', url: entry! });
    await page.waitForFunction(() => performance.getEntriesByName('tamagitto:cache-read').length > 0);
    await expect.poll(() => page.locator('#tab-coach [data-testid="coach-unread"]').count()).toBe(1);
    expect(await page.textContent('#tab-coach')).toBe('Coach (1 new nudge)');
    // And the Coach tab shows it, though its broadcast went out before the app listened (an empty server history here).
    api.overrides.set('/api/conversation/history', [200, { items: [] }]);
    await page.click('#tab-coach');
    await expect.poll(() => page.locator('.bubble[data-role="nudge"] .bubble-text').allTextContents()).toEqual([nudge.message]);
    await page.screenshot({ path: join(ARTIFACTS, 'popup-gap-nudge-coach.png') });
    await page.close();
    api.overrides.delete('/api/conversation/history');
    await b.worker.evaluate(() => chrome.storage.local.set({ coachInbox: { unread: 0, last: null, seen: [] } }));
  });

  it("never paints another account's snapshot, nor one while signed out, and sign-out forgets it", async () => {
    // No popup open (an open one would keep the snapshot in step with the cache, for whoever is signed in).
    for (const p of b.ctx.pages()) if (p.url().includes('/src/popup/')) await p.close();
    await warmUp();
    const session = await b.worker.evaluate(async () => (await chrome.storage.local.get('session')).session as { user: { id: string } });
    // Another account on the same cache (as if signed in elsewhere without a sign-out here).
    await b.worker.evaluate(async (s) => chrome.storage.local.set({ session: { ...s, user: { ...s.user, id: 'someone-else', login: 'eve' } } }), session);
    const other = await b.ctx.newPage();
    await other.goto(popupUrl());
    await other.waitForSelector('.hero svg');
    expect(await marks(other)).toEqual([false, true]);
    await other.close();
    await b.worker.evaluate(async (s) => chrome.storage.local.set({ session: s }), session);

    // Signed out by the service worker (it has no localStorage): the next open drops the snapshot.
    await warmUp();
    await b.worker.evaluate(async () => chrome.storage.local.set({ session: null }));
    const out = await b.ctx.newPage();
    await out.goto(popupUrl());
    await out.waitForSelector('.signed-out');
    expect((await marks(out))[0]).toBe(false);
    expect(await out.evaluate((k) => localStorage.getItem(k), SNAPSHOT)).toBeNull();
    await out.close();

    // Sign-out on the options page forgets it at once.
    await signInThroughOptions(b, { apiOrigin: api.origin, token: 'ghp_good', login: 'octocat' });
    await warmUp();
    const options = await b.ctx.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
    expect(await options.evaluate((k) => localStorage.getItem(k) !== null, SNAPSHOT)).toBe(true);
    await options.click('button:has-text("Sign out")');
    await options.waitForSelector('[data-testid="options-status"]:has-text("Signed out")');
    expect(await options.evaluate((k) => localStorage.getItem(k), SNAPSHOT)).toBeNull();
    await options.close();
  });
});
