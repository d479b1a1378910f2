/**
 * Real Chromium with the unpacked extension: the system's /usr/bin/chromium
 * driven by playwright-core (no browser is downloaded; without it the suites
 * skip with a message). Build once (cached by content), copy into a per-suite directory, launch a
 * persistent context (extensions need one), find the extension id.
 */
import { execFileSync } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { TestContext } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const EXT_ROOT = resolve(import.meta.dirname, '../../..');
export const ARTIFACTS = resolve(EXT_ROOT, '../test-artifacts');

export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[browser-extension e2e] SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium).`);

/** What the build reads: the extension's sources and config, and the domain package it imports. */
const BUILD_INPUTS = [resolve(EXT_ROOT, 'src'), resolve(EXT_ROOT, 'public'), resolve(EXT_ROOT, '../db/domain/src')];
const BUILD_CONFIG = ['vite.config.ts', 'manifest.config.ts', 'package.json', 'tsconfig.json', 'scripts'].map((f) => resolve(EXT_ROOT, f));

function hashTree(hash: Hash, path: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashTree(hash, join(path, entry));
    return;
  }
  hash.update(`${relative(EXT_ROOT, path)}\n`).update(readFileSync(path));
}

/**
 * A built extension in a directory of this suite's own (it may delete it). The production build
 * (vite + crxjs, ~10–20 s of CPU) runs once per content of its inputs: it is kept in
 * node_modules/.cache/tamagitto/ keyed by a hash of what the build reads, and each suite gets a
 * copy — nine suites used to build it nine times per `npm test`.
 */
export function buildExtension(name: string): string {
  const hash = createHash('sha256').update('NODE_ENV=production\n');
  for (const p of [...BUILD_INPUTS, ...BUILD_CONFIG]) hashTree(hash, p);
  const cached = resolve(EXT_ROOT, '../node_modules/.cache/tamagitto', `extension-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(join(cached, 'manifest.json'))) {
    const fresh = `${cached}.${process.pid}.tmp`;
    // NODE_ENV=production: the build users load. Under vitest NODE_ENV is `test`, which vite
    // passes on to the bundle — Preact's development hooks and 1.3 KB more gzip — and the popup
    // bench, reusing a build a test run had cached, measured that one.
    execFileSync(process.execPath, [resolve(EXT_ROOT, '../node_modules/vite/bin/vite.js'), 'build', '--outDir', fresh, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: EXT_ROOT,
      stdio: 'pipe',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    try {
      renameSync(fresh, cached);
    } catch {
      // Another suite built the same inputs meanwhile: its copy is as good.
      rmSync(fresh, { recursive: true, force: true });
    }
  }
  const outDir = join(tmpdir(), `tamagitto-ext-${name}-${process.pid}`);
  rmSync(outDir, { recursive: true, force: true });
  cpSync(cached, outDir, { recursive: true });
  return outDir;
}

export interface Launched {
  ctx: BrowserContext;
  extensionId: string;
  worker: Worker;
  close(): Promise<void>;
}

/** `locale` ("de"): the browser's UI language, which chrome.i18n follows (Linux Chromium reads it from LANGUAGE). */
export async function launchWithExtension(extDir: string, opts: { timezoneId?: string; locale?: string } = {}): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'tamagitto-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 360, height: 600 },
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    ...(opts.locale ? { locale: opts.locale, env: { ...process.env, LANGUAGE: opts.locale, LANG: `${opts.locale}.UTF-8` } } : {}),
    args: [
      ...(opts.locale ? [`--lang=${opts.locale}`] : []),
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // Playwright waits for a missing element forever by default: a test would only end at
  // vitest's 60 s limit, saying nothing about what it was waiting for.
  ctx.setDefaultTimeout(20_000);
  const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    ctx,
    extensionId,
    worker,
    close: async () => {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Sets the API origin and signs in with a token on the options page, as a
 * user would; for a suite's setup (tests of the sign-in itself drive the page).
 * Waits with Playwright, not expect.poll: this runs in beforeAll.
 */
export async function signInThroughOptions(b: Launched, o: { apiOrigin: string; token: string; login: string }): Promise<void> {
  const page = await b.ctx.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/src/options/index.html`);
  await page.fill('input[name="apiOrigin"]', o.apiOrigin);
  // By form and role, not by label: the options page speaks the browser's language (launchWithExtension's locale).
  await page.click('form:has(input[name="apiOrigin"]) button[type="submit"]');
  await page.waitForSelector(`[data-testid="options-status"][role="status"]:has-text("${o.apiOrigin}")`);
  await page.fill('input[name="token"]', o.token);
  await page.click('form:has(input[name="token"]) button[type="submit"]');
  await page.waitForSelector(`[data-testid="options-status"][role="status"]:has-text("${o.login}")`, { timeout: 15_000 });
  await page.close();
}

/** Full-page screenshots of `page` in ARTIFACTS as `<name>-light.png` and `<name>-dark.png`; leaves it light. */
export async function shootBothSchemes(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}-light.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** For a suite's afterEach: when the test failed, every open page to ARTIFACTS as `failed-<slug>-<i>.png`. */
export async function screenshotPagesIfFailed(test: TestContext, b: Launched | undefined, slug: string): Promise<void> {
  if (test.task.result?.state !== 'fail' || !b) return;
  for (const [i, p] of b.ctx.pages().entries()) {
    await p.screenshot({ path: join(ARTIFACTS, `failed-${slug}-${i}.png`), timeout: 5_000 }).catch(() => undefined);
  }
}

/** Picks a pet in the Pet tab's picker (src/popup/pet-picker.tsx): opens its list, clicks the pet; the list closes. */
export async function pickPet(page: Page, petId: string): Promise<void> {
  const toggle = page.locator('[data-testid="pet-picker"]');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.click(`#pet-list [data-pet-id="${petId}"] button`);
}

/** The picker's pets in its order as [name, owner/repo] (the list opened and closed again by Escape). */
export async function pickerPets(page: Page): Promise<[string, string][]> {
  const toggle = page.locator('[data-testid="pet-picker"]');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.waitForSelector('#pet-list li');
  const rows = await page.locator('#pet-list li').evaluateAll((lis) => lis.map((li) => [li.querySelector('.pick-name')?.textContent ?? '', li.querySelector('.pick-repo')?.textContent ?? ''] as [string, string]));
  // Closed again, so a caller's next click on the toggle opens it: Escape closes it when focus is in the list;
  // otherwise the toggle does.
  await page.keyboard.press('Escape');
  const closed = () => page.waitForFunction(() => document.querySelector('[data-testid="pet-picker"]')?.getAttribute('aria-expanded') !== 'true', null, { timeout: 2_000 });
  await closed().catch(async () => {
    await toggle.click();
    await closed();
  });
  return rows;
}
