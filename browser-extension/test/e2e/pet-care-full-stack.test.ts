/**
 * Issue 17's pet care, sharing and first run on the real API (embedded PGlite,
 * the api's fake GitHub, a PUBLIC_URL so webhooks can be registered) with the
 * built extension in real Chromium: the onboarding signed out and before the
 * first pet; rename inline, favourite and reorder by keyboard; the README
 * badge turned on, its Markdown's URL served without a session; a missing
 * webhook registered again from the popup once GitHub allows it, and its
 * manual steps; the popup in German. Screenshots in light and dark, axe on
 * every screen.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PetDto } from '@tamagitto/domain';
import { stackTargets, startStack, type Stack } from '@tamagitto/api/testing';
import { violationsInBothSchemes } from './support/axe.ts';
import { ARTIFACTS, buildExtension, hasChromium, launchWithExtension, pickerPets, pickPet, screenshotPagesIfFailed, shootBothSchemes, signInThroughOptions, type Launched } from './support/extension.ts';

const TOKEN = 'ghp_petCareTokenForMona0000000000000001';
const APP = { owner: 'mona', name: 'lisa-app', id: 7700401 };
const GARDEN = { owner: 'mona', name: 'garden', id: 7700402 };
const PUBLIC_URL = 'https://tamagitto.example';
const embedded = stackTargets()[0];

describe.skipIf(!hasChromium || !embedded)('pet care, sharing and first run: real API + extension in Chromium', () => {
  let s: Stack;
  let b: Launched;
  let extDir: string;
  let apiSession: string;
  let appId: string;
  let gardenId: string;
  const popupUrl = (x: Launched = b) => `chrome-extension://${x.extensionId}/src/popup/index.html`;
  const apiPets = async () => ((await (await s.req('/api/pets', { token: apiSession })).json()) as { items: PetDto[] }).items;

  async function popupOn(id: string): Promise<Page> {
    await b.worker.evaluate(async (selected) => chrome.storage.local.set({ selectedPetId: selected }), id);
    const page = await b.ctx.newPage();
    await page.goto(popupUrl());
    await page.waitForSelector('.pet-name');
    await page.waitForSelector('[data-testid="pet-care"]');
    return page;
  }

  beforeAll(async () => {
    extDir = buildExtension('pet-care');
    s = await startStack(embedded!, { env: { PUBLIC_URL } });
    s.github.addUser({ login: 'mona', id: 9400, token: TOKEN, name: 'Mona Lisa' });
    s.github.addRepo(APP.owner, APP.name, { id: APP.id, language: 'TypeScript' });
    s.github.addRepo(GARDEN.owner, GARDEN.name, { id: GARDEN.id, language: 'Go', hooksAllowed: false });
    apiSession = (await s.signIn(TOKEN)).token;
    b = await launchWithExtension(extDir);
  });

  afterEach((test) => screenshotPagesIfFailed(test, b, 'pet-care'));

  afterAll(async () => {
    await b?.close();
    await s?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  it('first run: the onboarding signed out (step 1), then signed in without a pet (step 3, adopt from there)', async () => {
    const out = await b.ctx.newPage();
    await out.goto(popupUrl());
    const steps = out.locator('[data-testid="onboarding"] ol li');
    await steps.first().waitFor();
    expect(await steps.allInnerTexts()).toEqual([
      expect.stringMatching(/^Connect a server\nThe extension talks to your Tamagitto server, now http:\/\/localhost:8787\./),
      expect.stringMatching(/^Sign in\n/),
      expect.stringMatching(/^Pick a repository\n/),
      expect.stringMatching(/^What your pet needs\nCommits\./),
    ]);
    expect(await out.locator('[aria-current="step"] strong').textContent()).toBe('Connect a server');
    await shootBothSchemes(out, 'pet-care-onboarding-signed-out');
    expect(await violationsInBothSchemes(out)).toEqual([]);
    await out.close();

    await signInThroughOptions(b, { apiOrigin: s.url, token: TOKEN, login: 'mona' });
    const none = await b.ctx.newPage();
    await none.goto(popupUrl());
    await none.locator('[aria-current="step"] strong:has-text("Pick a repository")').waitFor({ timeout: 15_000 });
    expect(await none.locator('.onb-steps li.done').count()).toBe(2);
    await shootBothSchemes(none, 'pet-care-onboarding-no-pet');
    expect(await violationsInBothSchemes(none)).toEqual([]);
    await none.click('button:has-text("Adopt a repository")');
    await none.click(`button[aria-label="Adopt ${APP.owner}/${APP.name}"]`, { timeout: 15_000 });
    await none.waitForSelector('.pet-name');
    await none.close();
    appId = (await apiPets())[0]!.id;
    gardenId = (await s.adopt(apiSession, `${GARDEN.owner}/${GARDEN.name}`)).id;
  });

  it('rename inline by keyboard (Escape cancels, Enter saves), favourite with the star, move down and up', async () => {
    const page = await popupOn(appId);
    const rename = page.locator('[data-testid="pet-care"] button:has-text("Rename")');
    await rename.focus();
    await page.keyboard.press('Enter');
    const input = page.locator('input[name="pet-name"]');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => rename.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await input.fill('  Mona Lisa Jr.  ');
    await shootBothSchemes(page, 'pet-care-rename');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.pet-name').textContent()).toBe('Mona Lisa Jr.');
    expect((await apiPets()).find((p) => p.id === appId)?.name).toBe('Mona Lisa Jr.');

    // Move the first pet down by keyboard, then back up.
    expect((await apiPets()).map((p) => p.id)).toEqual([appId, gardenId]);
    const down = page.locator('button[aria-label="Move Mona Lisa Jr. down in your list"]');
    expect(await page.locator('button[aria-label="Move Mona Lisa Jr. up in your list"]').isDisabled()).toBe(true);
    await down.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await apiPets()).map((p) => p.id)).toEqual([gardenId, appId]);
    await expect.poll(() => page.locator('[data-testid="move-status"]').textContent()).toBe('Mona Lisa Jr. moved down.');
    expect((await pickerPets(page)).map(([, repo]) => repo)).toEqual([expect.stringContaining('garden'), expect.stringContaining('lisa-app')]);
    await page.locator('button[aria-label="Move Mona Lisa Jr. up in your list"]').click();
    await expect.poll(async () => (await apiPets()).map((p) => p.id)).toEqual([appId, gardenId]);

    // The picker's list: each pet whole; drag the garden onto the first pet, then Alt+↓ on it moves it back.
    const picker = page.locator('[data-testid="pet-picker"]');
    if ((await picker.getAttribute('aria-expanded')) !== 'true') await picker.click();
    await page.locator(`#pet-list [data-pet-id="${gardenId}"]`).dragTo(page.locator(`#pet-list [data-pet-id="${appId}"]`));
    await expect.poll(async () => (await apiPets()).map((p) => p.id)).toEqual([gardenId, appId]);
    await expect.poll(() => page.textContent('[data-testid="picker-status"]')).toMatch(/ is now number 1 of 2\.$/);
    await expect.poll(() => page.locator('#pet-list li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.petId))).toEqual([gardenId, appId]);
    await shootBothSchemes(page, 'pet-picker-open');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    await expect.poll(() => page.evaluate(() => (document.activeElement?.closest('li') as HTMLElement | null)?.dataset.petId)).toBe(gardenId);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await apiPets()).map((p) => p.id)).toEqual([appId, gardenId]);
    await expect.poll(() => page.textContent('[data-testid="picker-status"]')).toMatch(/ is now number 2 of 2\.$/);
    // Escape closes the list wherever the focus is: also from <body> (where a moved row's focus fell, now and then, in CI).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#pet-list').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pet-picker');

    // Favouring the garden puts it first, whatever the positions say.
    await pickPet(page, gardenId);
    const star = page.locator('[data-testid="favourite"]');
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('false');
    await star.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await apiPets()).map((p) => [p.id, p.favourite])).toEqual([
      [gardenId, true],
      [appId, false],
    ]);
    expect(await b.worker.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { favouritePetId: string }).favouritePetId)).toBe(gardenId);
    await page.close();
  });

  it('README badge: off until turned on; the Markdown names the badge URL, which answers without a session', async () => {
    const page = await popupOn(appId);
    const section = page.locator('[data-testid="readme-badge"]');
    expect(await page.locator('[data-testid="badge-markdown"]').count()).toBe(0);
    expect((await fetch(`${s.url}/api/pets/${appId}/badge.svg`)).status).toBe(404);
    await section.locator('input[type="checkbox"]').check();
    const markdown = page.locator('[data-testid="badge-markdown"]');
    await markdown.waitFor();
    const md = await markdown.inputValue();
    expect(md).toBe(`[![Mona Lisa Jr.](${s.url}/api/pets/${appId}/badge.svg)](https://github.com/${APP.owner}/${APP.name})`);
    expect((await apiPets()).find((p) => p.id === appId)?.badgePublic).toBe(true);
    const badgeUrl = md.match(/\]\((http[^)]+badge\.svg)\)/)![1]!;
    const r = await fetch(badgeUrl);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await r.text();
    expect(svg).toContain('>Mona Lisa Jr. · egg<');
    // The badge itself, drawn by the browser, next to the popup's screenshots.
    const view = await b.ctx.newPage();
    await view.setContent(`<body style="margin:8px;background:#fff">${svg}</body>`);
    await view.screenshot({ path: join(ARTIFACTS, 'pet-care-readme-badge-svg.png'), clip: { x: 0, y: 0, width: 260, height: 36 } });
    await view.close();
    await section.scrollIntoViewIfNeeded();
    await shootBothSchemes(page, 'pet-care-readme-badge');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    await section.locator('input[type="checkbox"]').uncheck();
    await expect.poll(async () => (await fetch(badgeUrl)).status).toBe(404);
    await page.close();
  });

  it('a missing webhook: Register again says why it failed, registers once GitHub allows; the manual steps are there', async () => {
    const page = await popupOn(gardenId);
    const care = page.locator('[data-testid="webhook-care"]');
    expect(await care.innerText()).toMatch(/^Not registered: new commits arrive only when the server checks GitHub/);
    await care.locator('summary').click();
    const steps = await care.locator('ol li').allInnerTexts();
    expect(steps).toEqual([
      `As a repository admin, open https://github.com/${GARDEN.owner}/${GARDEN.name}/settings/hooks/new`,
      `Payload URL: ${s.url}/api/webhook/github (the server's public address, PUBLIC_URL, followed by /api/webhook/github)`,
      'Content type: application/json',
      expect.stringMatching(/^Secret: the server's GITHUB_WEBHOOK_SECRET/),
      expect.stringMatching(/Pushes and Pull requests/),
      expect.stringMatching(/^Pushes then arrive at once\./),
    ]);
    await care.locator('button:has-text("Register again")').click();
    await expect.poll(() => care.locator('[role="alert"]').textContent()).toMatch(/^Not registered: GitHub did not let your token add a webhook to mona\/garden: .*admin:repo_hook/);
    await shootBothSchemes(page, 'pet-care-webhook-missing');
    expect(await violationsInBothSchemes(page)).toEqual([]);

    s.github.repos.get(`${GARDEN.owner}/${GARDEN.name}`)!.__hooksAllowed = true;
    await care.locator('button:has-text("Register again")').click();
    await expect.poll(() => page.locator('[data-testid="webhook-care"]').innerText()).toBe('Registered: GitHub tells your server about every push at once.');
    const hooks = s.github.hooks.get(`${GARDEN.owner}/${GARDEN.name}`) ?? [];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ config: { url: `${PUBLIC_URL}/api/webhook/github` } });
    expect((await apiPets()).find((p) => p.id === gardenId)?.webhook).toEqual({ registered: true, error: null });
    await page.close();
  });

  it('Share as Gist: explains the gist permission when GitHub refuses, then links the secret Gist', async () => {
    const user = await s.db.db.selectFrom('users').select('id').where('login', '=', 'mona').executeTakeFirstOrThrow();
    await s.db.db.insertInto('badges').values({ user_id: user.id, kind: 'first_solve', period: '' }).execute();
    const page = await popupOn(appId);
    await page.click('[role="tab"]:has-text("Puzzle")');
    const share = page.locator('[data-testid="badge-share"]');
    await share.waitFor({ timeout: 15_000 });
    expect(await share.locator('p.muted').textContent()).toMatch(/^Creates a secret Gist in your GitHub account\. Your token needs the gist permission/);
    // The fake GitHub has no gists route: GitHub's 404 for a token without the scope.
    await share.locator('button:has-text("Share this week")').click();
    const how = page.locator('[data-testid="gist-permission"]');
    await how.waitFor();
    expect(await how.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Classic token: on github\.com\/settings\/tokens edit it, tick “gist”/),
      expect.stringMatching(/^Fine-grained token: .*Gists to “Read and write”/),
    ]);
    // This server has no GitHub sign-in: nothing offers it (test/e2e/gist-oauth-full-stack.test.ts has one that does).
    expect(await how.locator('[data-testid="gist-allow-oauth"]').count()).toBe(0);
    await how.scrollIntoViewIfNeeded();
    await shootBothSchemes(page, 'pet-care-gist-permission');
    expect(await violationsInBothSchemes(page)).toEqual([]);

    let created: { public: boolean } | undefined;
    s.github.on('POST', /^\/gists$/, (req, res) => {
      created = req.body as { public: boolean };
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ id: 'aa5a315d61ae9438b18d', html_url: 'https://gist.github.com/aa5a315d61ae9438b18d', public: false, files: {} }));
    });
    await share.locator('button:has-text("Share this week")').click();
    await expect.poll(() => share.locator('[role="status"] a').getAttribute('href')).toBe('https://gist.github.com/aa5a315d61ae9438b18d');
    expect(created?.public).toBe(false);
    expect(await page.locator('[data-testid="gist-permission"]').count()).toBe(0);
    await page.close();
  });

  it('release from the care section: the dialog says what goes, and the webhook is removed on GitHub', async () => {
    const key = `${GARDEN.owner}/${GARDEN.name}`;
    const [hook] = s.github.hooks.get(key) ?? [];
    expect(hook).toBeDefined();
    // GitHub's DELETE /repos/{owner}/{repo}/hooks/{hook_id} (the fake answers it here): 204, and the hook is gone.
    const deleted: string[] = [];
    s.github.on('DELETE', /^\/repos\/mona\/garden\/hooks\/\d+$/, (req, res) => {
      deleted.push(req.path);
      s.github.hooks.set(key, (s.github.hooks.get(key) ?? []).filter((h) => `/repos/${key}/hooks/${String(h.id)}` !== req.path));
      res.writeHead(204).end();
    });
    const page = await popupOn(gardenId);
    await page.locator('[data-testid="pet-care"] button.danger').click();
    const dialog = page.locator('[data-testid="release-dialog"]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('the webhook Tamagitto registered there is removed from GitHub as well');
    await dialog.locator('button.danger-strong').click();
    await expect.poll(async () => (await apiPets()).map((p) => p.id)).toEqual([appId]);
    await expect.poll(() => deleted).toEqual([`/repos/${key}/hooks/${String(hook!.id)}`]);
    expect(s.github.hooks.get(key)).toEqual([]);
    await expect.poll(async () => (await pickerPets(page)).map(([, repo]) => repo)).toEqual([`${APP.owner}/${APP.name}`]);
    await page.close();
  });

  it('Options: the token permissions per feature, classic and fine-grained, and what stops without each', async () => {
    const page = await b.ctx.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/src/options/index.html#sign-in`);
    await b.worker.evaluate(async () => chrome.storage.local.remove('session'));
    await page.reload();
    const help = page.locator('[data-testid="token-permissions"]');
    await help.locator('summary').click();
    const rows = await help.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').slice(0, 2))).toEqual([
      ['Adopt, vet reports, polling', 'repo'],
      ['Live updates (webhook)', 'repo (admin:repo_hook)'],
      ['Queue, Stats, day summary', 'repo'],
      ['Day journal', 'repo'],
      ['Share badges as a Gist', 'gist'],
    ]);
    expect(rows[3]).toContain('Contents: read and write');
    await help.scrollIntoViewIfNeeded();
    await shootBothSchemes(page, 'pet-care-options-permissions');
    expect(await violationsInBothSchemes(page)).toEqual([]);
    await page.close();
  });

  it('in German: tabs, onboarding and pet care speak German (chrome.i18n, de)', async () => {
    const de = await launchWithExtension(extDir, { locale: 'de' });
    try {
      const page = await de.ctx.newPage();
      await page.goto(popupUrl(de));
      await page.locator('[data-testid="onboarding"]').waitFor();
      expect(await page.locator('#onb-title').textContent()).toBe('Willkommen bei Tamagitto');
      expect(await page.locator('[aria-current="step"] strong').textContent()).toBe('Server verbinden');
      expect(await page.locator('[data-testid="onboarding"] ol li').first().innerText()).toContain('gerade http://localhost:8787');
      await shootBothSchemes(page, 'pet-care-de-onboarding');
      expect(await violationsInBothSchemes(page)).toEqual([]);
      await page.close();
      await signInThroughOptions(de, { apiOrigin: s.url, token: TOKEN, login: 'mona' });
      await de.worker.evaluate(async (selected) => chrome.storage.local.set({ selectedPetId: selected }), appId);
      const pet = await de.ctx.newPage();
      await pet.goto(popupUrl(de));
      await pet.waitForSelector('[data-testid="pet-care"]');
      expect(await pet.locator('[role="tab"]').allTextContents()).toEqual(['Tier', 'Tag', 'Liste', 'Coach', 'Rätsel', 'Statistik']);
      expect(await pet.locator('#care-title').textContent()).toBe('Pflege');
      await expect.poll(() => pet.locator('header .live').innerText(), { timeout: 15_000 }).toMatch(/^Verbunden · /);
      expect(await pet.locator('[data-testid="pet-announce"]').textContent()).toMatch(/^Mona Lisa Jr\.: Ei, Gesundheit \d+ von 100\.$/);
      // The state, the kind and the mood line in German too (from the server's codes).
      expect(await pet.locator('.health-row .chip').textContent()).toBe('Ei');
      expect(await pet.locator('.pet-repo .muted').textContent()).toMatch(/^ · \S+ \(Baby\)$/);
      expect(['Drinnen wackelt etwas …', 'Halte es mit einem ersten Commit warm.']).toContain(await pet.locator('.mood').textContent());
      await pet.click('[data-testid="pet-picker"]');
      expect(await pet.locator('#pet-list').getAttribute('aria-label')).toBe('Deine Haustiere');
      await shootBothSchemes(pet, 'pet-care-de-picker');
      await pet.keyboard.press('Escape');
      expect(await pet.locator('[data-testid="pet-care"] button:has-text("Umbenennen")').count()).toBe(1);
      await expect.poll(() => pet.locator('[data-testid="failed-none"]').textContent(), { timeout: 15_000 }).toBe('Keine fehlgeschlagenen Analysen – jeder Push wurde analysiert.');
      await shootBothSchemes(pet, 'pet-care-de-pet');
      // The coaching tabs in German too, each looked at (test-artifacts/pet-care-de-<tab>-*.png).
      for (const [tab, heading] of [['Tag', 'Starte deinen Tag'], ['Rätsel', null], ['Coach', null], ['Liste', null], ['Statistik', null]] as const) {
        await pet.click(`[role="tab"]:has-text("${tab}")`);
        await pet.locator('[role="tabpanel"] [data-state="loading"]').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
        if (heading) await expect.poll(() => pet.locator('[role="tabpanel"] h2').first().textContent(), { timeout: 15_000 }).toBe(heading);
        await shootBothSchemes(pet, `pet-care-de-${tab.toLowerCase().replace('ä', 'ae')}`);
      }
      // What the server writes reaches a German reader by its code: this stack's fake GitHub has no search, so the
      // velocity read fails with github_error ("GitHub request failed while …" in English).
      await expect.poll(() => pet.locator('[role="tabpanel"] [role="alert"]').first().textContent(), { timeout: 15_000 }).toBe('GitHub hat mit einem Fehler geantwortet – versuche es später noch einmal.');
      await pet.click('[role="tab"]:has-text("Tier")');
      expect(await violationsInBothSchemes(pet)).toEqual([]);
      await pet.close();
      const options = await de.ctx.newPage();
      await options.goto(`chrome-extension://${de.extensionId}/src/options/index.html#sign-in`);
      expect(await options.locator('h1').textContent()).toBe('Tamagitto-Einstellungen');
      expect(await options.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Server', 'Konto', 'Deine Tage', 'Benachrichtigungen']));
      // The forms and the account speak German too (the e2e helpers find them by form and role, not by English label).
      expect(await options.locator('form:has(input[name="apiOrigin"]) button[type="submit"]').textContent()).toBe('Speichern');
      expect(await options.locator('form:has(input[name="token"]) button[type="submit"]').textContent()).toBe('Mit Token anmelden');
      await expect.poll(() => options.locator('[data-testid="settings-form"] button[type="submit"]').textContent(), { timeout: 15_000 }).toBe('Einstellungen speichern');
      // Seen short ("Mo"), heard whole ("Mo" + a visually hidden "ntag").
      const weekdays = options.locator('[data-testid="settings-form"] .weekday');
      expect(await weekdays.allTextContents()).toEqual(['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
      expect(await weekdays.evaluateAll((els) => els.map((el) => el.firstChild?.textContent))).toEqual(['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']);
      expect(await options.locator('button:has-text("Meine Daten exportieren")').count()).toBe(1);
      await options.locator('[data-testid="token-permissions"] summary').click();
      expect(await options.locator('[data-testid="token-permissions"] thead th').allTextContents()).toEqual(['Funktion', 'Klassisch', 'Fein granuliert', 'Ohne']);
      await shootBothSchemes(options, 'pet-care-de-options');
      expect(await violationsInBothSchemes(options)).toEqual([]);
      await options.close();
    } finally {
      await de.close();
    }
  });
});
