/**
 * Share as Gist for a user signed in with GitHub (issue 17: the OAuth flow
 * asks for `gist` only when it is used). Real API (embedded PGlite, the api's
 * fake GitHub with an OAuth app) and the built extension in real Chromium:
 * the first sign-in asks GitHub for the usual scopes only; the popup's Share
 * as Gist, refused for lack of `gist`, offers "Allow Gists with GitHub"; the
 * options page it opens signs in again asking for `gist` too, and sharing
 * then works. The fake GitHub grants what the authorize URL asked for and
 * refuses Gists to a token without `gist`, as GitHub does (404).
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stackTargets, startStack, type Stack } from '@tamagitto/api/testing';
import { violationsInBothSchemes } from './support/axe.ts';
import { buildExtension, hasChromium, launchWithExtension, screenshotPagesIfFailed, shootBothSchemes, type Launched } from './support/extension.ts';

const TOKEN = 'ghp_gistOAuthTokenForMona000000000000001';
const REPO = { owner: 'mona', name: 'lisa-app', id: 7700501 };
const BASE = 'repo admin:repo_hook read:user';
const embedded = stackTargets()[0];

describe.skipIf(!hasChromium || !embedded)('Share as Gist after GitHub sign-in: gist asked for only then', () => {
  let s: Stack;
  let b: Launched;
  let extDir: string;
  /** The `scope` of every authorize request GitHub saw, in order. */
  const asked: string[] = [];
  let gists = 0;

  beforeAll(async () => {
    extDir = buildExtension('gist-oauth');
    s = await startStack(embedded!, { env: { GITHUB_CLIENT_ID: 'Iv1.gist', GITHUB_CLIENT_SECRET: 'gist-secret' } });
    const mona = s.github.addUser({ login: 'mona', id: 9500, token: TOKEN, name: 'Mona Lisa', scopes: '' });
    // github.com/login/oauth/authorize: the user approves at once; the token gets what was asked for.
    s.github.on('GET', /^\/login\/oauth\/authorize$/, (req, res) => {
      const scope = req.query.get('scope') ?? '';
      asked.push(scope);
      mona.scopes = scope.split(' ').join(', ');
      const back = new URL(req.query.get('redirect_uri') ?? '');
      back.searchParams.set('code', 'code-for-mona');
      back.searchParams.set('state', req.query.get('state') ?? '');
      res.writeHead(302, { location: back.toString() }).end();
    });
    s.github.on('POST', /^\/gists$/, (req, res) => {
      const token = (req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '');
      const scopes = s.github.users.get(token)?.scopes.split(/,\s*/) ?? [];
      res.setHeader('content-type', 'application/json; charset=utf-8');
      if (!scopes.includes('gist')) return void res.writeHead(404).end(JSON.stringify({ message: 'Not Found' }));
      gists++;
      res.writeHead(201).end(JSON.stringify({ id: 'bb5a315d61ae9438b18d', html_url: 'https://gist.github.com/bb5a315d61ae9438b18d', public: false, files: {} }));
    });
    s.github.addRepo(REPO.owner, REPO.name, { id: REPO.id, language: 'TypeScript' });
    b = await launchWithExtension(extDir);
  });

  afterEach((test) => screenshotPagesIfFailed(test, b, 'gist-oauth'));

  afterAll(async () => {
    await b?.close();
    await s?.close();
    if (extDir) rmSync(extDir, { recursive: true, force: true });
  });

  it('signs in with GitHub asking for the usual scopes only, then asks for gist from Share as Gist', async () => {
    const options = await b.ctx.newPage();
    await options.setViewportSize({ width: 800, height: 800 });
    await options.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
    await options.fill('input[name="apiOrigin"]', s.url);
    await options.click('button:has-text("Save")');
    await expect.poll(() => options.textContent('[data-testid="options-status"]')).toContain('API origin saved');
    await options.click('button:has-text("Sign in with GitHub")', { timeout: 10_000 });
    await expect.poll(() => options.textContent('[data-testid="options-status"]'), { timeout: 20_000 }).toContain('Signed in as mona');
    expect(asked).toEqual([BASE]);
    await options.close();

    const apiSession = (await s.signIn(TOKEN)).token;
    await s.adopt(apiSession, `${REPO.owner}/${REPO.name}`);
    const user = await s.db.db.selectFrom('users').select('id').where('login', '=', 'mona').executeTakeFirstOrThrow();
    await s.db.db.insertInto('badges').values({ user_id: user.id, kind: 'first_solve', period: '' }).execute();

    const popup = await b.ctx.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/src/popup/index.html`);
    await popup.waitForSelector('.pet-name', { timeout: 15_000 });
    await popup.click('[role="tab"]:has-text("Puzzle")');
    const share = popup.locator('[data-testid="badge-share"]');
    await share.waitFor({ timeout: 15_000 });
    await share.locator('button:has-text("Share this week")').click();
    const how = popup.locator('[data-testid="gist-permission"]');
    await how.waitFor();
    expect(await how.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Classic token: /),
      expect.stringMatching(/^Fine-grained token: /),
      expect.stringMatching(/^Signed in with GitHub: that sign-in asks only for what pets need\. Allow Gists below/),
    ]);
    expect(gists).toBe(0);
    await how.scrollIntoViewIfNeeded();
    await shootBothSchemes(popup, 'gist-oauth-popup');
    expect(await violationsInBothSchemes(popup)).toEqual([]);

    // The popup hands GitHub's window to the options page (a popup closes when it loses focus).
    const [grant] = await Promise.all([b.ctx.waitForEvent('page'), how.locator('[data-testid="gist-allow-oauth"]').click()]);
    await grant.setViewportSize({ width: 800, height: 800 });
    expect(new URL(grant.url()).hash).toBe('#gist');
    const section = grant.locator('[data-testid="gist-grant"]');
    await section.locator('button:has-text("Allow Gists on GitHub")').waitFor({ timeout: 15_000 });
    await shootBothSchemes(grant, 'gist-oauth-options');
    expect(await violationsInBothSchemes(grant)).toEqual([]);
    await section.locator('button:has-text("Allow Gists on GitHub")').click();
    await expect.poll(() => grant.textContent('[data-testid="options-status"]'), { timeout: 20_000 }).toBe('Gists allowed for mona: share your badges again from the popup.');
    expect(asked).toEqual([BASE, `${BASE} gist`]);
    await grant.close();

    await share.locator('button:has-text("Share this week")').click();
    await expect.poll(() => share.locator('[role="status"] a').getAttribute('href'), { timeout: 15_000 }).toBe('https://gist.github.com/bb5a315d61ae9438b18d');
    expect(gists).toBe(1);
    expect(await popup.locator('[data-testid="gist-permission"]').count()).toBe(0);
    await popup.close();
  });
});
