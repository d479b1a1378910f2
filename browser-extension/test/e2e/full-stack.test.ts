/**
 * Full stack (issue 4): the real API + worker on the embedded defaults
 * (PGlite, in-process bus) talking to the api's fake GitHub, and the built
 * extension in real Chromium. Sign in with a token through the options page,
 * adopt through the popup, POST a signed push webhook and watch the popup's
 * health change without reload; the github.com overlay follows pushState.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushPayload, sha, stackTargets, startStack, type Stack } from '@tamagitto/api/testing';
import { ARTIFACTS, buildExtension, hasChromium, launchWithExtension, type Launched } from './support/extension.ts';

const TOKEN = 'ghp_fullStackTokenForMona0000000000000001';
const REPO = { owner: 'mona', name: 'lisa-app', id: 7700101 };
const OTHER = { owner: 'mona', name: 'no-pet', id: 7700102 };
const XSS_MESSAGE = 'Add tests <img src=x onerror="window.__xss=1"> and docs';

const BEFORE = `export function add(a, b) {\n  return a + b;\n}\n`;
const AFTER = `/** Adds two numbers. */\nexport function add(a, b) {\n  return a + b;\n}\n\n/** Subtracts b from a. */\nexport function sub(a, b) {\n  return a - b;\n}\n`;
const TEST = `import { add, sub } from './math.js';\nimport { test, expect } from 'vitest';\ntest('add', () => expect(add(1, 2)).toBe(3));\ntest('sub', () => expect(sub(3, 2)).toBe(1));\n`;

function githubPage(owner: string, name: string): string {
  return `<!doctype html><html><head><title>${owner}/${name}</title></head><body>
  <div id="repository-container-header"><strong itemprop="name"><a href="/${owner}/${name}">${name}</a></strong></div>
  <main><h2>README</h2></main></body></html>`;
}

const embedded = stackTargets()[0];

describe.skipIf(!hasChromium || !embedded)('full stack: real API + worker + extension in Chromium', () => {
  let s: Stack;
  let b: Launched;
  let extDir: string;
  const popupUrl = () => `chrome-extension://${b.extensionId}/src/popup/index.html`;

  beforeAll(async () => {
    extDir = buildExtension('full');
    s = await startStack(embedded!, { env: { GITHUB_CLIENT_ID: 'Iv1.fullstack', GITHUB_CLIENT_SECRET: 'fullstack-secret' } });
    // github.com/login/oauth/authorize: the user approves at once and GitHub redirects back with a code.
    s.github.on('GET', /^\/login\/oauth\/authorize$/, (req, res) => {
      const back = new URL(req.query.get('redirect_uri') ?? '');
      back.searchParams.set('code', 'code-for-mona');
      back.searchParams.set('state', req.query.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
    });
    s.github.addUser({ login: 'mona', id: 9100, token: TOKEN, name: 'Mona Lisa' });
    s.github.addRepo(REPO.owner, REPO.name, { id: REPO.id, language: 'TypeScript' });
    s.github.addRepo(OTHER.owner, OTHER.name, { id: OTHER.id, language: 'Python' });
    b = await launchWithExtension(extDir);
  });

  afterAll(async () => {
    await b?.close();
    await s?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  it('signs in with GitHub (launchWebAuthFlow → exchange), then signs out and everything is cleared', async () => {
    const page = await b.ctx.newPage();
    await page.setViewportSize({ width: 800, height: 800 });
    await page.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
    await page.fill('input[name="apiOrigin"]', s.url);
    await page.click('button:has-text("Save")');
    await expect.poll(() => page.textContent('[data-testid="options-status"]')).toContain('API origin saved');
    await page.click('button:has-text("Sign in with GitHub")', { timeout: 10_000 });
    await expect.poll(() => page.textContent('[data-testid="options-status"]'), { timeout: 20_000 }).toContain('Signed in as mona');
    const session = await b.worker.evaluate(async () => (await chrome.storage.local.get('session')).session);
    expect(session).toMatchObject({ user: { login: 'mona' } });
    expect(JSON.stringify(await b.worker.evaluate(() => chrome.storage.local.get(null)))).not.toContain(TOKEN);
    await page.click('button:has-text("Sign out")');
    await expect.poll(() => page.textContent('[data-testid="options-status"]')).toContain('Signed out');
    // Only the chosen server and the worker's "signed-out" status remain.
    await expect.poll(async () => Object.keys(await b.worker.evaluate(() => chrome.storage.local.get(null))).sort()).toEqual(['live', 'settings']);
    expect(await b.worker.evaluate(async () => (await chrome.storage.local.get('live')).live)).toMatchObject({ status: 'signed-out' });
    await page.close();
  });

  it('signs in with a token through the options page', async () => {
    const page = await b.ctx.newPage();
    await page.setViewportSize({ width: 800, height: 800 });
    await page.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
    expect(await page.inputValue('input[name="apiOrigin"]')).toBe(s.url);
    await page.fill('input[name="token"]', TOKEN);
    await page.click('button[type="submit"]:has-text("Sign in with token")');
    await expect.poll(() => page.textContent('[data-testid="options-status"]'), { timeout: 15_000 }).toContain('Signed in as mona');
    const stored = JSON.stringify(await b.worker.evaluate(() => chrome.storage.local.get(null)));
    expect(stored).not.toContain(TOKEN);
    await page.screenshot({ path: join(ARTIFACTS, 'full-options.png') });
    await page.close();
  });

  it('adopts a repository from the popup and shows the egg', async () => {
    const page = await b.ctx.newPage();
    await page.goto(popupUrl());
    await page.click('button:has-text("Adopt a repository")', { timeout: 15_000 });
    await page.click(`button[aria-label="Adopt ${REPO.owner}/${REPO.name}"]`, { timeout: 15_000 });
    await page.waitForSelector('.hero svg');
    await expect.poll(() => page.textContent('.pet-repo a')).toBe(`${REPO.owner}/${REPO.name}`);
    await expect.poll(() => page.textContent('.health-row .chip')).toBe('egg');
    await page.screenshot({ path: join(ARTIFACTS, 'full-popup-adopted.png') });
    await page.close();
  });

  it('a signed push webhook changes the health in the open popup without reload', async () => {
    const page = await b.ctx.newPage();
    await page.goto(popupUrl());
    await page.waitForSelector('.hero svg');
    const before = Number(await page.textContent('[data-testid="health"]'));
    // The socket must be up before the push, or the change arrives by polling instead.
    await expect.poll(() => page.getAttribute('.live', 'data-live'), { timeout: 15_000 }).toBe('live');
    await page.evaluate(() => ((window as unknown as { __loaded: number }).__loaded = 1));
    const c1 = sha('full-stack-1');
    s.github.addCommit(REPO.owner, REPO.name, {
      sha: c1,
      message: XSS_MESSAGE,
      files: [
        { filename: 'src/math.ts', before: BEFORE, after: AFTER },
        { filename: 'src/math.test.ts', after: TEST },
        { filename: 'README.md', before: '# math\n', after: '# math\n\nAdds and subtracts.\n' },
      ],
    });
    const res = await s.deliver('push', pushPayload(REPO, [{ sha: c1, message: XSS_MESSAGE }]));
    expect(res.status).toBe(202);
    await expect.poll(async () => Number(await page.textContent('[data-testid="health"]')), { timeout: 30_000 }).not.toBe(before);
    expect(await page.evaluate(() => (window as unknown as { __loaded?: number }).__loaded)).toBe(1); // same document: no reload
    expect(await page.textContent('.health-row .chip')).not.toBe('egg');
    await expect.poll(() => page.locator('.vet-msg').first().textContent(), { timeout: 15_000 }).toBe(XSS_MESSAGE);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(ARTIFACTS, 'full-popup-after-push.png'), fullPage: true });
    await page.close();
  });

  it('overlay badge on the adopted repo; gone after pushState to a repo without a pet', async () => {
    await b.ctx.route('https://github.com/**', (route) => {
      const [, owner = 'x', name = 'y'] = new URL(route.request().url()).pathname.split('/');
      return route.fulfill({ status: 200, contentType: 'text/html', body: githubPage(owner, name) });
    });
    const page = await b.ctx.newPage();
    await page.setViewportSize({ width: 900, height: 300 });
    await page.goto(`https://github.com/${REPO.owner}/${REPO.name}/pull/1`);
    const badge = page.locator('[data-testid="tamagitto-health"]');
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(1);
    const pets = (await (await s.req('/api/pets', { token: (await b.worker.evaluate(async () => ((await chrome.storage.local.get('session')).session as { token: string }).token)) })).json()) as { items: { health: number }[] };
    expect(Number(await badge.textContent())).toBe(Math.round(pets.items[0]?.health ?? -1));
    await page.screenshot({ path: join(ARTIFACTS, 'full-overlay.png') });
    await page.evaluate(({ owner, name }) => history.pushState({}, '', `/${owner}/${name}`), OTHER);
    await expect.poll(() => page.locator('[data-tamagitto-badge]').count(), { timeout: 10_000 }).toBe(0);
    await page.evaluate(({ owner, name }) => history.pushState({}, '', `/${owner}/${name}`), REPO);
    await expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  });
});
