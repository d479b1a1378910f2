/**
 * The landing site in real Chromium (issue 6): built with the real Vite
 * config, served on 127.0.0.1 with the Caddyfile's own headers (CSP included),
 * then checked for broken links, console errors, third-party requests,
 * accessibility (axe-core) and layout at desktop and phone width.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './support/build-site.ts';
import { serveStatic, siteHeadersFromCaddyfile } from './support/static-server.ts';
import type { StaticServer } from './support/static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`site browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/site/', import.meta.url));
const PAGES = ['/', '/privacy.html', '/404.html'];
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

describe.skipIf(!hasChromium)('landing site in Chromium', () => {
  let outDir: string;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let axeSource: string;
  /** Every request the browser made, and those that tried to leave 127.0.0.1. */
  const requests: string[] = [];
  const escaped: string[] = [];

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'tamagitto-site-'));
    await buildSite(outDir);
    server = await serveStatic(outDir, await siteHeadersFromCaddyfile());
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await mkdir(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    context = await browser.newContext();
    // The closed network would make a third-party request hang or fail
    // quietly; record and abort them so the assertion names the URL.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      requests.push(url);
      if (new URL(url).hostname !== '127.0.0.1') {
        escaped.push(url);
        await route.abort();
      } else {
        await route.continue();
      }
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** Opens a page and collects console errors, uncaught exceptions and failed loads. */
  async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; status: number | undefined }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const res = await page.goto(server.url + path, { waitUntil: 'load' });
    return { page, errors, status: res?.status() };
  }

  it.each(PAGES)('%s loads with no console errors, CSP violations or failed requests', async (path) => {
    const { page, errors, status } = await open(path);
    expect(status).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers unknown paths with the 404 page and a 404 status', async () => {
    const { page, status } = await open('/no/such/page');
    expect(status).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await page.close();
  });

  it('every internal link and anchor resolves', async () => {
    const checked = new Set<string>();
    for (const path of PAGES) {
      const { page } = await open(path);
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs.length).toBeGreaterThan(3);
      for (const href of hrefs) {
        const url = new URL(href);
        // No outbound links exist today; if one is added it must be deliberate.
        expect(url.origin, `${path} links off-site to ${href}`).toBe(server.url);
        if (checked.has(href)) continue;
        checked.add(href);
        const target = await context.newPage();
        const res = await target.goto(href);
        expect(res?.status(), `${href} (linked from ${path})`).toBe(200);
        if (url.hash) {
          const id = decodeURIComponent(url.hash.slice(1));
          const found = await target.evaluate((i) => document.getElementById(i) !== null, id);
          expect(found, `anchor ${url.hash} missing on ${url.pathname} (linked from ${path})`).toBe(true);
        }
        await target.close();
      }
      await page.close();
    }
    expect(checked.size).toBeGreaterThan(8);
  });

  it.each([
    ['/', 'light'],
    ['/', 'dark'],
    ['/privacy.html', 'light'],
    ['/privacy.html', 'dark'],
    ['/404.html', 'light'],
  ] as const)('axe-core finds no serious or critical violations on %s (%s)', async (path, scheme) => {
    const { page } = await open(path, scheme);
    // Injected over CDP, which the page's CSP (script-src 'self') does not govern.
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
    });
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    await page.close();
  });

  it('the state picker shows exactly one sprite per creature, for every state, with scripts disabled', async () => {
    // The picker is CSS alone (:has()); prove it by turning JavaScript off.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    await noJs.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
    const page = await noJs.newPage();
    await page.goto(server.url + '/');
    const states = await page.$$eval('input[name="gallery-state"]', (is) => is.map((i) => (i as HTMLInputElement).value));
    expect(states).toEqual(['egg', 'thriving', 'healthy', 'okay', 'poor', 'dying', 'dead']);
    for (const state of states) {
      await page.locator(`label.pill:has(input[value="${state}"])`).click();
      const visible = await page.$$eval('.creature', (cards) =>
        cards.map((c) => [...c.querySelectorAll<HTMLElement>('.frame')].filter((f) => f.offsetParent !== null).map((f) => f.dataset.state)),
      );
      expect(visible).toEqual(Array.from({ length: 5 }, () => [state]));
      await expect(page.locator(`.state-note[data-state="${state}"]`).isVisible()).resolves.toBe(true);
    }
    await noJs.close();
  });

  it('the hero slider maps health to the pet state', async () => {
    const { page } = await open('/');
    // On-screen sprites animate; off-screen ones stay paused (styles.css).
    await page.waitForFunction(() => document.querySelector('[data-hero-stage]')?.classList.contains('live'));
    expect(await page.evaluate(() => document.querySelector('.grow-cells')?.classList.contains('live'))).toBe(false);
    for (const [health, state] of [[95, 'thriving'], [70, 'healthy'], [50, 'okay'], [25, 'poor'], [0, 'dying']] as const) {
      await page.locator('#hero-health').fill(String(health));
      await expect(page.locator('#hero-health-state').textContent()).resolves.toBe(state);
      const shown = await page.$$eval('[data-hero-stage] .frame', (fs) =>
        fs.filter((f) => (f as HTMLElement).offsetParent !== null).map((f) => (f as HTMLElement).dataset.state),
      );
      expect(shown).toEqual([state]);
    }
    await page.close();
  });

  it('the theme toggle switches to dark and the choice survives a reload', async () => {
    const { page } = await open('/', 'light');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.locator('[data-theme-toggle]').click();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    expect(await bg()).not.toBe(light);
    await page.reload();
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(page.locator('[data-theme-toggle]').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it.each(Object.entries(VIEWPORTS))('fits the %s width without horizontal scrolling; screenshots kept', async (name, viewport) => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const path of ['/', '/privacy.html']) {
        const { page } = await open(path, scheme);
        await page.setViewportSize(viewport);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${name} width overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        const file = `${path === '/' ? 'index' : 'privacy'}-${name}-${scheme}.png`;
        await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
        await page.close();
      }
    }
  });

  it('ships one small script (nothing server-side bundled into the page)', async () => {
    const js = (await readdir(join(outDir, 'assets'))).filter((f) => f.endsWith('.js'));
    expect(js).toHaveLength(1);
    const { size } = await stat(join(outDir, 'assets', js[0]!));
    // ~2 kB today; a workspace import that pulls in Node code jumps far past this.
    expect(size).toBeLessThan(10_000);
  });

  it('no request left 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(escaped).toEqual([]);
  });
});
