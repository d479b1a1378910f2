/**
 * Lighthouse against the built landing site (issue 6: performance,
 * accessibility, best practices and SEO ≥ 95 each), using Debian's Chromium —
 * never a downloaded browser. The site is served on 127.0.0.1 by Caddy with
 * the repo's Caddyfile when `caddy` is installed (real compression and
 * headers), otherwise by the test's static server.
 *
 *   npm run bench lighthouse        (or: npx tsx bench/lighthouse/run.ts)
 *
 * Exits non-zero when any score is below the goal. Reports go to bench/results/.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { freePort } from '@tamagitto/db/testing';
import type { Config } from 'lighthouse';
import { buildSite } from '../../site/test/support/build-site.ts';
import { CADDYFILE, serveStatic, siteHeadersFromCaddyfile } from '../../site/test/support/static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const GOAL = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

async function waitFor(url: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within ${ms} ms`);
}

/** Serves `root` through Caddy with the repo's Caddyfile; null when caddy is missing. */
async function serveWithCaddy(root: string): Promise<{ url: string; stop: () => Promise<void> } | null> {
  if (spawnSync('caddy', ['version']).status !== 0) return null;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('caddy', ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'], {
    env: {
      ...process.env,
      SITE_ADDRESS: url,
      SITE_ROOT: root,
      CADDY_ADMIN: 'off',
      CADDY_BIND: '127.0.0.1',
      // Nothing listens here; the page makes no API calls.
      API_UPSTREAMS: '127.0.0.1:9',
      HEALTH_INTERVAL: '1h',
    },
    stdio: 'ignore',
  });
  await waitFor(url);
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

type Scores = Record<(typeof CATEGORIES)[number], number>;

async function audit(url: string, port: number, form: 'mobile' | 'desktop'): Promise<{ scores: Scores; bytes: number; requests: number; notes: string[] }> {
  const config: Config | undefined = form === 'desktop' ? desktopConfig : undefined;
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, config);
  if (!result) throw new Error('lighthouse returned no result');
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  await writeFile(join(RESULTS, `lighthouse-${form}.json`), JSON.stringify(lhr, null, 2));
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Scores;
  // Name what cost points, so a regression says where to look.
  const notes: string[] = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) notes.push(`${c}: ${a.id} (${a.displayValue ?? a.score})`);
    }
  }
  const requests = (lhr.audits['network-requests']?.details as { items?: unknown[] } | undefined)?.items?.length ?? 0;
  return { scores, bytes: lhr.audits['total-byte-weight']?.numericValue ?? NaN, requests, notes };
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    console.log(`lighthouse bench skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);
    return 0;
  }
  await mkdir(RESULTS, { recursive: true });
  const outDir = await mkdtemp(join(tmpdir(), 'tamagitto-lh-'));
  await buildSite(outDir);
  const caddy = await serveWithCaddy(outDir);
  let server: { url: string; stop: () => Promise<void> };
  if (caddy) server = caddy;
  else {
    const s = await serveStatic(outDir, await siteHeadersFromCaddyfile());
    server = { url: s.url, stop: () => s.close() };
  }
  console.log(`serving the built site at ${server.url} via ${caddy ? 'Caddy (Caddyfile)' : 'the static test server (caddy not installed)'}`);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let failed = false;
  try {
    for (const form of ['mobile', 'desktop'] as const) {
      const { scores, bytes, requests, notes } = await audit(`${server.url}/`, chrome.port, form);
      const line = CATEGORIES.map((c) => `${c} ${scores[c]}`).join(' · ');
      console.log(`${form.padEnd(7)}  ${line} · page weight ${(bytes / 1024).toFixed(1)} KiB transferred in ${requests} requests`);
      for (const n of notes) console.log(`           - ${n}`);
      const low = CATEGORIES.filter((c) => scores[c] < GOAL);
      if (low.length > 0) {
        failed = true;
        console.error(`${form}: below the goal of ${GOAL}: ${low.join(', ')}`);
      }
    }
  } finally {
    await chrome.kill();
    await server.stop();
    await rm(outDir, { recursive: true, force: true });
  }
  console.log(`full reports: ${RESULTS}lighthouse-{mobile,desktop}.json`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
