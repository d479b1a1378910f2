/**
 * bench/popup (issues 4, 17, 18): in real Chromium, time from opening the popup
 * page to the pet's first paint from cached state, and the gzip size of what
 * the popup loads at open (its page, with the stylesheet inline, and JS). The peer, measured in the same run: an empty page of
 * the same extension (one line of text, no script), i.e. the browser's own floor
 * for an extension page's first paint. Rounds of 20 loads each, alternating the
 * two pages load by load; each round's medians and their ratio are printed,
 * judged on the median of the rounds. Goals: the pet's paint < 100 ms and
 * within 1.3× of the empty page's, < 40 KB gzip.
 *
 *   npm run bench popup   (prints JSON, writes test-artifacts/bench-popup.json)
 *   POPUP_BENCH_SNAPSHOT=0 npm run bench popup   (every load without the popup snapshot)
 *
 * "First paint" is reported two ways: the `tamagitto:pet-painted` mark (set
 * in the frame the pet is drawn, before the browser presents it) and the
 * browser's first-contentful-paint (the popup has no content before the pet,
 * so FCP is the pet's paint). The goals are judged on FCP, the same measure
 * the empty page's paint is taken with: the mark comes 20–40 ms before the
 * frame is on screen, so mark against FCP would flatter us.
 * The first load (warm-up, not counted) stores the popup snapshot
 * (src/popup/snapshot.ts); the others paint from it, as a user's next open
 * does while the cache is unchanged (`fromSnapshot` counts them).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ARTIFACTS, buildExtension, hasChromium } from '../test/e2e/support/extension.ts';
import { launchPopupBench } from './popup-setup.ts';

/**
 * Files the popup page loads at open: the page itself (its stylesheet is inline), its <script>/<link>
 * plus static imports, transitively, and
 * what its entry module imports at once (src/popup/main.tsx imports start.tsx, after the snapshot's
 * paint or straight away): the files Vite lists for the entry's dynamic imports (`__vite__mapDeps`).
 * The lazy views' chunks (lazy-view.tsx: other tabs, PR checks, quick settings) are not counted.
 */
export function popupAssets(distDir: string): string[] {
  const page = join(distDir, 'src/popup/index.html');
  const html = readFileSync(page, 'utf8');
  const seen = new Set<string>([page]);
  const at = (base: string, ref: string) => (ref.startsWith('/') ? join(distDir, ref) : resolve(base, ref));
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => at(join(distDir, 'src/popup'), m[1] ?? ''));
  const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (entry) {
    const deps = /m\.f=\[([^\]]*)\]/.exec(readFileSync(at(join(distDir, 'src/popup'), entry), 'utf8'))?.[1] ?? '';
    for (const m of deps.matchAll(/"([^"]+\.(?:js|css))"/g)) queue.push(join(distDir, m[1] ?? ''));
  }
  while (queue.length) {
    const file = queue.shift() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["']([^"']+\.(?:js|css))["']/g)) queue.push(at(dirname(file), m[1] ?? ''));
  }
  return [...seen];
}

const ROUNDS = Number(process.env.POPUP_BENCH_ROUNDS ?? 3);
const LOADS = Number(process.env.POPUP_BENCH_LOADS ?? 20);
/** POPUP_BENCH_SNAPSHOT=0: every load without the snapshot (dropped before it, from the empty page: same origin), as on the first open after a change. */
const SNAPSHOT = process.env.POPUP_BENCH_SNAPSHOT !== '0';

interface Round {
  petPaintedMs: number;
  firstContentfulPaintMs: number;
  emptyPageFirstPaintMs: number;
  /** The pet's first-contentful-paint over the empty page's (the goal's measure). */
  ratio: number;
  /** The pet-painted mark over the empty page's paint (for reference: the mark precedes the frame on screen). */
  markRatio: number;
  phasesMs: { bootScript: number; storageRead: number; domInteractive: number; snapshotInserted: number; scriptStart: number; cacheRead: number };
  /** Loads whose first screen was the snapshot (popup-boot.js), of the round's loads. */
  fromSnapshot: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function main() {
  if (!hasChromium) return;
  const dist = buildExtension('bench');
  const files = popupAssets(dist);
  const gzipBytes = files.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
  const { b, popupUrl: url, emptyUrl } = await launchPopupBench(dist);
  try {
    const page = await b.ctx.newPage();
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const mark: number[] = [];
      const fcp: number[] = [];
      const empty: number[] = [];
      const phases: number[][] = [];
      let snapshots = 0;
      for (let i = 0; i <= LOADS; i++) {
        // The empty page first, then the popup: each load after about:blank, so neither reuses the other's document.
        await page.goto('about:blank');
        await page.goto(emptyUrl);
        await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
        const e = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
        if (!SNAPSHOT) await page.evaluate(() => localStorage.removeItem('tamagitto:popup-snapshot'));
        await page.goto('about:blank');
        await page.goto(url);
        await page.waitForSelector('.hero svg');
        await page.evaluate(() => new Promise((res) => requestAnimationFrame(res)));
        const t = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          return ['tamagitto:pet-painted', 'first-contentful-paint', 'tamagitto:script-start', 'tamagitto:cache-read', 'tamagitto:snapshot-painted', 'tamagitto:boot', 'tamagitto:storage-read']
            .map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN)
            .concat(nav?.domInteractive ?? Number.NaN);
        });
        if (r === 0 && i === 0) continue; // warm-up: the first load compiles the extension's scripts
        empty.push(e);
        mark.push(t[0] ?? Number.NaN);
        fcp.push(t[1] ?? Number.NaN);
        phases.push([t[7] ?? Number.NaN, t[2] ?? Number.NaN, t[3] ?? Number.NaN, t[5] ?? Number.NaN, t[6] ?? Number.NaN, t[4] ?? Number.NaN]);
        if (Number.isFinite(t[4])) snapshots++;
      }
      const round: Round = {
        petPaintedMs: round1(median(mark)),
        firstContentfulPaintMs: round1(median(fcp)),
        emptyPageFirstPaintMs: round1(median(empty)),
        ratio: Math.round((median(fcp) / median(empty)) * 100) / 100,
        markRatio: Math.round((median(mark) / median(empty)) * 100) / 100,
        // Where the time goes (medians): HTML parsed, popup script running, cache read from chrome.storage.
        // popup-boot.js running, its chrome.storage read answered, the snapshot put in #app (none: NaN).
        phasesMs: {
          bootScript: round1(median(phases.map((p) => p[3] ?? Number.NaN))),
          storageRead: round1(median(phases.map((p) => p[4] ?? Number.NaN))),
          domInteractive: round1(median(phases.map((p) => p[0] ?? Number.NaN))),
          snapshotInserted: round1(median(phases.map((p) => p[5] ?? Number.NaN))),
          scriptStart: round1(median(phases.map((p) => p[1] ?? Number.NaN))),
          cacheRead: round1(median(phases.map((p) => p[2] ?? Number.NaN))),
        },
        fromSnapshot: snapshots,
      };
      rounds.push(round);
      console.log(
        `round ${r + 1}: pet's first-contentful-paint ${round.firstContentfulPaintMs} ms (mark ${round.petPaintedMs}), empty page ${round.emptyPageFirstPaintMs} ms, ratio ${round.ratio} (mark ${round.markRatio}; medians of ${mark.length}; ${snapshots} painted from the snapshot)`,
      );
    }
    const result = {
      loadsPerRound: LOADS,
      snapshot: SNAPSHOT,
      rounds,
      petPaintedMarkMedianMs: median(rounds.map((r) => r.petPaintedMs)),
      firstContentfulPaintMedianMs: median(rounds.map((r) => r.firstContentfulPaintMs)),
      emptyPageFirstPaintMedianMs: median(rounds.map((r) => r.emptyPageFirstPaintMs)),
      ratioMedian: median(rounds.map((r) => r.ratio)),
      popupGzipBytes: gzipBytes,
      popupFiles: files.map((f) => f.slice(dist.length + 1)),
      goals: { firstPaintMs: 100, ratioToEmptyPage: 1.3, gzipBytes: 40 * 1024 },
    };
    const met = result.firstContentfulPaintMedianMs < 100 && result.ratioMedian <= 1.3 && gzipBytes < 40 * 1024;
    writeFileSync(join(ARTIFACTS, 'bench-popup.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `goals ${met ? 'met' : 'NOT met'}: pet's first-contentful-paint ${result.firstContentfulPaintMedianMs} ms (< 100; mark ${result.petPaintedMarkMedianMs}), ${result.ratioMedian}× the empty page's ${result.emptyPageFirstPaintMedianMs} ms (≤ 1.3×), ${gzipBytes} B gzip (< ${40 * 1024})`,
    );
  } finally {
    await b.close();
    // The build's copy is this run's own (buildExtension): each run left one in the temp directory.
    rmSync(dist, { recursive: true, force: true });
  }
}

await main();
