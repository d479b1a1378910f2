/**
 * Issue 17 on the real API (embedded PGlite, the api's fake GitHub) with the
 * built extension in real Chromium set to Europe/Berlin: the settings form in
 * Options (timezone detected from the browser, rest days, vacation) saved
 * through PUT /api/me/settings; "Resting today" on the pet; the popup's quick
 * settings, closed with Escape; one connection status in words for a server
 * without a public URL; axe on every screen in light and dark.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, DECAY_PER_DAY, localDay, weekday, type PetDto, type UserSettingsDto } from '@tamagitto/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, stackTargets, type Stack } from '@tamagitto/api/testing';
import { violationsInBothSchemes } from './support/axe.ts';
import { ARTIFACTS, buildExtension, hasChromium, launchWithExtension, screenshotPagesIfFailed, shootBothSchemes, signInThroughOptions, type Launched } from './support/extension.ts';

const TOKEN = 'ghp_settingsTokenForMona000000000000001';
const REPO = { owner: 'mona', name: 'lisa-app', id: 7700201 };
const TZ = 'Europe/Berlin';
const embedded = stackTargets()[0];

describe.skipIf(!hasChromium || !embedded)('settings and status: real API + extension in Chromium', () => {
  let s: Stack;
  let b: Launched;
  let extDir: string;
  let session: string;
  const popupUrl = () => `chrome-extension://${b.extensionId}/src/popup/index.html`;
  const optionsUrl = () => `chrome-extension://${b.extensionId}/src/options/index.html`;
  const stored = async (): Promise<UserSettingsDto> => (await (await s.req('/api/me/settings', { token: session })).json()) as UserSettingsDto;
  const todayInBerlin = () => weekday(localDay(new Date(), TZ));

  beforeAll(async () => {
    extDir = buildExtension('settings');
    // The worker's lifecycle sweep runs every 250 ms, so a day moved in the database is judged at once.
    s = await startStack(embedded!, { schedulerIntervalMs: 250 });
    s.github.addUser({ login: 'mona', id: 9200, token: TOKEN, name: 'Mona Lisa' });
    s.github.addRepo(REPO.owner, REPO.name, { id: REPO.id, language: 'TypeScript' });
    session = (await s.signIn(TOKEN)).token;
    // No PUBLIC_URL on this stack: the pet has no webhook, so commits come by polling.
    await s.adopt(session, `${REPO.owner}/${REPO.name}`);
    b = await launchWithExtension(extDir, { timezoneId: TZ });
    await signInThroughOptions(b, { apiOrigin: s.url, token: TOKEN, login: 'mona' });
  });

  afterEach((test) => screenshotPagesIfFailed(test, b, 'settings'));

  afterAll(async () => {
    await b?.close();
    await s?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  it('Options: the browser’s timezone is offered, a rest day toggled, saved through the API; axe finds nothing', async () => {
    expect((await stored()).timezone).toBe('UTC');
    const page = await b.ctx.newPage();
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto(optionsUrl());
    const form = page.locator('[data-testid="settings-form"]');
    await form.waitFor();
    expect(await form.locator('select[name="timezone"]').inputValue()).toBe(TZ);
    expect(await page.textContent('[data-testid="timezone-detected"]')).toContain('your account uses UTC until you save');
    const day = form.locator(`.weekday[data-weekday="${todayInBerlin()}"]`);
    expect(await day.getAttribute('aria-pressed')).toBe('false');
    await day.click();
    expect(await day.getAttribute('aria-pressed')).toBe('true');
    expect(await page.textContent('[data-testid="settings-status"]')).toBe('Not saved yet.');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.textContent('[data-testid="settings-status"]')).toBe('Saved.');
    const after = await stored();
    expect(after).toMatchObject({ timezone: TZ, restDays: [todayInBerlin()], vacationUntil: null });
    await shootBothSchemes(page, 'settings-options');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    await page.close();
  });

  it('Popup: resting today, the status in one sentence, the picker line uncut; axe finds nothing', async () => {
    const page = await b.ctx.newPage();
    await page.goto(popupUrl());
    await expect.poll(() => page.textContent('[data-testid="resting"]'), { timeout: 15_000 }).toBe('Resting today: no decay (a rest day in your settings).');
    await expect.poll(() => page.getAttribute('.live', 'data-live'), { timeout: 20_000 }).toBe('live');
    const status = await page.locator('.live').innerText();
    expect(status).toMatch(/^Connected · updates every 5 min/);
    expect(status).not.toMatch(/\bLive\b/);
    expect(await page.textContent('[data-testid="webhook-line"]')).toContain('this server has no public URL');
    // The picker shows the name and the repository whole, on two lines (no "lisa-app — mona/lisa-ap").
    expect(await page.locator('[data-testid="pet-picker"] .pick-name').textContent()).toBe('lisa-app');
    expect(await page.locator('[data-testid="pet-picker"] .pick-repo').textContent()).toBe('mona/lisa-app');
    expect(await page.textContent('[data-testid="pet-announce"]')).toMatch(/^lisa-app: egg, health \d+ of 100\.$/);
    await shootBothSchemes(page, 'settings-popup-pet');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    await page.close();
  });

  it('decay pauses on rest days: two finished days judged as rest days cost nothing, the same days as work days cost 2 × DECAY_PER_DAY, live in the popup', async () => {
    const pet = ((await (await s.req('/api/pets', { token: session })).json()) as { items: PetDto[] }).items[0]!;
    const today = localDay(new Date(), TZ);
    const judged = [addDays(today, -2), addDays(today, -1)];
    const before = await stored();
    const putSettings = (restDays: number[]) => s.req('/api/me/settings', { method: 'PUT', token: session, json: { ...before, restDays } });
    const health = async () => ((await (await s.req('/api/pets', { token: session })).json()) as { items: PetDto[] }).items[0]!.health;
    const lastJudged = async () => String((await s.db.db.selectFrom('entities').select('last_decay_on').where('id', '=', pet.id).executeTakeFirstOrThrow()).last_decay_on);
    // The lifecycle's clock moved two days on: those two days are still to judge, ten days after the adoption and the last commit (grace over;
    // created_at is immutable to the schema's types, not to this test).
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const twoDaysOn = () =>
      s.db.db.updateTable('entities').set({ state: 'okay', health: 50, created_at: tenDaysAgo as never, last_commit_at: tenDaysAgo, last_decay_on: addDays(today, -3) }).where('id', '=', pet.id).execute();
    try {
      expect((await putSettings(judged.map(weekday))).status).toBe(200);
      await twoDaysOn();
      await expect.poll(lastJudged, { timeout: 15_000 }).toBe(addDays(today, -1));
      expect(await health()).toBe(50);
      const page = await b.ctx.newPage();
      await page.goto(popupUrl());
      await expect.poll(() => page.textContent('[data-testid="health"]'), { timeout: 15_000 }).toBe('50');
      await expect.poll(() => page.getAttribute('.live', 'data-live'), { timeout: 20_000 }).toBe('live');
      // Work days after all: the same two days decay, and the open popup follows over the socket.
      expect((await putSettings([])).status).toBe(200);
      await twoDaysOn();
      await expect.poll(() => page.textContent('[data-testid="health"]'), { timeout: 15_000 }).toBe(String(50 - 2 * DECAY_PER_DAY));
      expect(await health()).toBe(50 - 2 * DECAY_PER_DAY);
      await page.close();
    } finally {
      await putSettings(before.restDays);
    }
  });

  it('Popup quick settings: keyboard opens them, vacation saved, Escape closes back to the gear', async () => {
    const page = await b.ctx.newPage();
    await page.goto(popupUrl());
    await page.locator('button[aria-label="Quick settings"]').focus();
    await page.keyboard.press('Enter');
    const form = page.locator('#quick-settings [data-testid="settings-form"]');
    await form.waitFor();
    expect(await form.locator('input[name="notifyOnDecline"]').count()).toBe(0);
    await form.locator('.weekday[aria-pressed="true"]').click();
    const tomorrow = localDay(new Date(Date.now() + 86_400_000), TZ);
    await form.locator('input[name="vacationDay"]').fill(tomorrow);
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.textContent('#quick-settings [data-testid="settings-status"]')).toBe('Saved.');
    const after = await stored();
    expect(after.restDays).toEqual([]);
    expect(after.vacationUntil && localDay(new Date(after.vacationUntil), TZ)).toBe(tomorrow);
    await shootBothSchemes(page, 'settings-popup-quick');
    expect(await violationsInBothSchemes(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await page.locator('[role="tablist"]').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Quick settings');
    await expect.poll(() => page.textContent('[data-testid="resting"]')).toMatch(/^Resting today: no decay \(on vacation through .+\)\.$/);
    await page.close();
  });

  it('a save that cannot reach the server says so and keeps the form as typed', async () => {
    const page = await b.ctx.newPage();
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto(optionsUrl());
    const form = page.locator('[data-testid="settings-form"]');
    await form.waitFor();
    const monday = form.locator('.weekday[data-weekday="1"]');
    const was = await monday.getAttribute('aria-pressed');
    // The connection drops on the way to the server (the page's own requests only).
    await page.route(`${s.url}/api/me/settings`, (route) => (route.request().method() === 'PUT' ? route.abort('connectionreset') : route.continue()));
    await monday.click();
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.textContent('[data-testid="settings-error"]')).toBe(`Not saved: Can't reach the Tamagitto API at ${s.url}. Is it running?`);
    expect(await monday.getAttribute('aria-pressed')).not.toBe(was);
    expect(await page.textContent('[data-testid="settings-status"]')).toBe('');
    await page.screenshot({ path: join(ARTIFACTS, 'settings-options-unreachable.png') });
    await page.close();
  });
});
