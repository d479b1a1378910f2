/**
 * Issue 17's account and failure screens on the real API + worker (embedded
 * PGlite, the api's fake GitHub) with the built extension in real Chromium:
 * a failed analysis listed with its cause and retried from the popup until
 * its commit counts; a token GitHub rejected (banner → sign in again); a pet
 * whose repository went out of reach, released from the popup; sign-out
 * that revokes the session (and one that cannot reach the server); export;
 * delete the account, confirmed by typing the login. Axe on each screen in
 * light and dark.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload, sha, stackTargets, startStack, type Stack } from '@tamagitto/api/testing';
import { violationsInBothSchemes } from './support/axe.ts';
import { buildExtension, hasChromium, launchWithExtension, pickerPets, screenshotPagesIfFailed, shootBothSchemes, signInThroughOptions, type Launched } from './support/extension.ts';

const TOKEN = 'ghp_accountTokenForMona00000000000000001';
const REPO = { owner: 'mona', name: 'lisa-app', id: 7700301 };
const LOST = { owner: 'mona', name: 'secret-garden', id: 7700302 };
const embedded = stackTargets()[0];

describe.skipIf(!hasChromium || !embedded)('account and failures: real API + worker + extension in Chromium', () => {
  let s: Stack;
  let b: Launched;
  let extDir: string;
  let apiSession: string;
  let petId: string;
  let lostPetId: string;
  const popupUrl = () => `chrome-extension://${b.extensionId}/src/popup/index.html`;
  const optionsUrl = () => `chrome-extension://${b.extensionId}/src/options/index.html`;
  const storedSession = async (): Promise<string | null> =>
    ((await b.worker.evaluate(async () => (await chrome.storage.local.get('session')).session)) as { token: string } | undefined)?.token ?? null;

  async function popupOn(id: string): Promise<Page> {
    await b.worker.evaluate(async (selected) => chrome.storage.local.set({ selectedPetId: selected }), id);
    const page = await b.ctx.newPage();
    await page.goto(popupUrl());
    await page.waitForSelector('.pet-name');
    return page;
  }

  beforeAll(async () => {
    extDir = buildExtension('account');
    s = await startStack(embedded!);
    s.github.addUser({ login: 'mona', id: 9300, token: TOKEN, name: 'Mona Lisa' });
    s.github.addRepo(REPO.owner, REPO.name, { id: REPO.id, language: 'TypeScript' });
    s.github.addRepo(LOST.owner, LOST.name, { id: LOST.id, language: 'Go' });
    apiSession = (await s.signIn(TOKEN)).token;
    petId = (await s.adopt(apiSession, `${REPO.owner}/${REPO.name}`)).id;
    lostPetId = (await s.adopt(apiSession, `${LOST.owner}/${LOST.name}`)).id;
    b = await launchWithExtension(extDir);
    await signInThroughOptions(b, { apiOrigin: s.url, token: TOKEN, login: 'mona' });
  });

  afterEach((test) => screenshotPagesIfFailed(test, b, 'account'));

  afterAll(async () => {
    await b?.close();
    await s?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  it('a failed analysis is listed with its cause; Retry replays it and its commit is analysed', async () => {
    // A push whose commit GitHub does not have yet: the worker handles it once without applying anything.
    const c1 = sha('account-failed-1');
    const deliveryId = 'failed-delivery-1';
    expect((await s.deliver('push', pushPayload(REPO, [{ sha: c1, message: 'Add the gallery' }]), { deliveryId })).status).toBe(202);
    const row = () => s.db.db.selectFrom('webhook_deliveries').select(['status', 'attempts']).where('delivery_id', '=', deliveryId).executeTakeFirst();
    await expect.poll(async () => (await row())?.status, { timeout: 20_000 }).toMatch(/^(processed|retrying|failed)$/);
    // Stand in for the retry policy giving up (its budget spans minutes to a day; worker tests cover it): the dead letter as the worker writes it.
    await s.db.db
      .updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null, error_kind: 'other', error: 'gave up after 4 attempts (other): GitHub answered 404 Not Found' })
      .where('delivery_id', '=', deliveryId)
      .execute();

    const page = await popupOn(petId);
    const failed = page.locator('[data-testid="failed-analyses"]');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.locator('li').count()).toBe(1);
    expect(await failed.locator('li').innerText()).toMatch(/^Push of 1 commit \(\w{7}\), .+ · \d+ attempts?\nThe analysis itself failed: gave up after 4 attempts \(other\): GitHub answered 404 Not Found\.$/);
    await shootBothSchemes(page, 'account-popup-failed');
    expect(await violationsInBothSchemes(page)).toEqual([]);

    s.github.addCommit(REPO.owner, REPO.name, { sha: c1, message: 'Add the gallery', files: [{ filename: 'src/gallery.ts', after: 'export const gallery = [];\n' }] });
    await failed.locator('button:has-text("Retry this push")').click();
    await expect.poll(() => failed.locator('[role="status"]').textContent()).toBe('Retrying 1 push: its result appears here when it is analysed.');
    await expect.poll(async () => (await row())?.status, { timeout: 30_000 }).toBe('processed');
    const analysed = async () => ((await (await s.req(`/api/pets/${petId}/analyses`, { token: apiSession })).json()) as { items: { sha: string }[] }).items.map((a) => a.sha);
    await expect.poll(analysed, { timeout: 30_000 }).toContain(c1);
    await page.close();
    // Opened again: the vet report is there and the failure is gone.
    const again = await popupOn(petId);
    await expect.poll(() => again.locator('.vet-msg').first().textContent(), { timeout: 15_000 }).toBe('Add the gallery');
    // The section stays, with its empty state: nothing failed, in words.
    await expect.poll(() => again.locator('[data-testid="failed-none"]').textContent(), { timeout: 15_000 }).toBe('No failed analyses — every push was analysed.');
    expect(await again.locator('[data-testid="failed-analyses"] li').count()).toBe(0);
    await again.close();
  });

  it('a token GitHub rejected: the popup says so, and "Sign in again" opens the sign-in form beside the session', async () => {
    await s.db.db.updateTable('users').set({ token_rejected_at: new Date(), token_rejected_reason: 'Bad credentials' }).where('login', '=', 'mona').execute();
    const page = await popupOn(petId);
    const banner = page.locator('[data-testid="token-banner"]');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.innerText()).toMatch(/^GitHub rejected your token — sign in again\. GitHub said: Bad credentials\./);
    await shootBothSchemes(page, 'account-popup-token-rejected');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    const [options] = await Promise.all([b.ctx.waitForEvent('page'), banner.locator('button:has-text("Sign in again")').click()]);
    await options.waitForLoadState();
    expect(options.url()).toBe(`${optionsUrl()}#sign-in`);
    await options.locator('#sign-in input[name="token"]').waitFor();
    expect(await options.textContent('[data-testid="options-token-rejected"]')).toContain('GitHub rejected the token this server keeps for you (Bad credentials)');
    await options.close();
    await s.db.db.updateTable('users').set({ token_rejected_at: null, token_rejected_reason: null }).where('login', '=', 'mona').execute();
    await page.close();
  });

  it('a pet whose repository went out of reach says why and is released from the popup, its confirmation saying what goes', async () => {
    await s.db.db.updateTable('entities').set({ access_lost_at: new Date() }).where('id', '=', lostPetId).execute();
    await b.worker.evaluate(async () => chrome.storage.local.remove('pets'));
    const page = await popupOn(lostPetId);
    const lost = page.locator('[data-testid="access-lost"]');
    await lost.waitFor({ timeout: 15_000 });
    expect(await lost.innerText()).toContain(`Tamagitto can no longer read ${LOST.owner}/${LOST.name} with your GitHub token`);
    await lost.locator('button.danger').click();
    const dialog = page.locator('[data-testid="release-dialog"]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`the webhook Tamagitto registered there is removed from GitHub as well`);
    await shootBothSchemes(page, 'account-popup-release-dialog');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    // Escape closes without releasing.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await lost.locator('button.danger').click();
    await dialog.locator('button.danger-strong').click();
    await expect.poll(async () => ((await (await s.req('/api/pets', { token: apiSession })).json()) as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([petId]);
    await expect.poll(async () => (await pickerPets(page)).length).toBe(1);
    await page.close();
  });

  it('Options → Account: export downloads everything but the token; a sign-out the server cannot hear still clears this browser', async () => {
    const page = await b.ctx.newPage();
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto(optionsUrl());
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export my data")')]);
    expect(download.suggestedFilename()).toMatch(/^tamagitto-export-mona-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ user: { login: 'mona' } });
    expect(text).not.toContain(TOKEN);
    await expect.poll(() => page.textContent('[data-testid="options-status"]')).toContain('Your data is downloading as tamagitto-export-mona-');
    await shootBothSchemes(page, 'account-options');
    expect(await violationsInBothSchemes(page)).toEqual([]);

    const session = await storedSession();
    await page.route(`${s.url}/api/auth/logout`, (route) => route.abort('connectionrefused'));
    await page.click('button:has-text("Sign out")');
    await expect.poll(() => page.textContent('[data-testid="options-status"]')).toMatch(/^Signed out in this browser, which is cleared\. The server could not be told \(Can't reach the Tamagitto API at .+\), so the session stays valid there until it expires/);
    expect(await storedSession()).toBeNull();
    // True to its word: the server was not told, so that session still works there.
    expect((await s.req('/api/me', { token: session! })).status).toBe(200);
    await page.close();
  });

  it('sign out revokes the session on the server', async () => {
    await signInThroughOptions(b, { apiOrigin: s.url, token: TOKEN, login: 'mona' });
    const session = await storedSession();
    const page = await b.ctx.newPage();
    await page.goto(optionsUrl());
    await page.click('button:has-text("Sign out")');
    await expect.poll(() => page.textContent('[data-testid="options-status"]')).toMatch(/^Signed out: the server revoked this session/);
    expect((await s.req('/api/me', { token: session! })).status).toBe(401);
    await page.close();
  });

  it('delete account: the dialog says what goes, asks for the login, and the result lists the rows and webhooks', async () => {
    await signInThroughOptions(b, { apiOrigin: s.url, token: TOKEN, login: 'mona' });
    const session = await storedSession();
    const page = await b.ctx.newPage();
    await page.setViewportSize({ width: 800, height: 1000 });
    await page.goto(optionsUrl());
    await page.click('button:has-text("Delete account…")');
    const dialog = page.locator('[data-testid="delete-dialog"]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('webhooks Tamagitto registered on them on GitHub');
    const submit = dialog.locator('button[type="submit"]');
    expect(await submit.isDisabled()).toBe(true);
    await dialog.locator('input[name="confirmLogin"]').fill('someone-else');
    expect(await submit.isDisabled()).toBe(true);
    await dialog.locator('input[name="confirmLogin"]').fill('Mona');
    expect(await submit.isDisabled()).toBe(false);
    await shootBothSchemes(page, 'account-options-delete-dialog');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    await submit.click();
    const report = page.locator('[data-testid="deletion-report"]');
    await report.waitFor({ timeout: 20_000 });
    expect(await report.innerText()).toMatch(/Deleted: 1 pet, \d+ health history entr(y|ies), /);
    expect(await storedSession()).toBeNull();
    expect((await s.req('/api/me', { token: session! })).status).toBe(401);
    // Every row gone: each table that names a user holds none of hers, and what hung off her only pet
    // (its repository, history, vet reports, deliveries) went with it — she was the stack's only user.
    expect(await s.db.db.selectFrom('users').select('id').execute()).toEqual([]);
    const userTables = (await s.db.db.introspection.getTables()).filter((t) => t.columns.some((c) => c.name === 'user_id')).map((t) => t.name);
    expect(userTables.length).toBeGreaterThan(3);
    for (const table of [...userTables, 'entities', 'repositories', 'health_history', 'commit_analyses', 'webhook_deliveries']) {
      const row = await s.db.db
        .selectFrom(table as 'users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), `rows left in ${table}`).toBe(0);
    }
    await shootBothSchemes(page, 'account-options-deleted');
    await page.close();
  });
});
