/**
 * One popup open under a Chrome trace (issues 17, 18): where the time from
 * the snapshot's insertion to the first contentful paint goes. Prints the
 * renderer main thread's top-level events and the compositor's frame events
 * of the popup's open, relative to navigationStart, and writes the raw trace
 * to test-artifacts/popup-trace.json (open it in chrome://tracing or
 * Perfetto). Not a bench of its own: a tool for reading one load.
 *
 *   npx tsx browser-extension/bench/popup-trace.ts [emptyPage]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, buildExtension, hasChromium } from '../test/e2e/support/extension.ts';
import { launchPopupBench } from './popup-setup.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

async function main() {
  if (!hasChromium) return;
  const dist = buildExtension('trace');
  const { b, popupUrl: popup, emptyUrl } = await launchPopupBench(dist);
  try {
    const page = await b.ctx.newPage();
    const url = process.argv[2] === 'empty' ? emptyUrl : popup;
    // Warm-up: the first loads write the snapshot and compile the scripts.
    for (let i = 0; i < 3; i++) {
      await page.goto('about:blank');
      await page.goto(popup);
      await page.waitForSelector('.hero svg');
      await page.waitForTimeout(300);
    }
    await page.goto('about:blank');
    const cdp = await b.ctx.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink', 'blink.user_timing', 'cc', 'gpu', 'loading', 'viz', 'toplevel', 'v8', 'disabled-by-default-v8.compile', 'navigation', 'benchmark', 'rail', 'blink.resource', 'renderer.scheduler', 'latencyInfo'],
      },
    });
    await page.goto(url);
    await page.waitForTimeout(500);
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${m.startTime.toFixed(1)}`));
    await cdp.send('Tracing.end');
    if (url === popup) writeFileSync(join(ARTIFACTS, 'popup-snapshot.html'), await page.evaluate(() => document.getElementById('app')?.innerHTML ?? ''));
    await done;
    writeFileSync(join(ARTIFACTS, 'popup-trace.json'), JSON.stringify({ traceEvents: events }));
    console.log(`FCP ${fcp} ms; marks ${marks.join(' ')}`);
    // navigationStart of the page's document: the origin of performance.now().
    const nav = events.filter((e) => e.name === 'navigationStart' && String((e.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? '').startsWith('chrome-extension'));
    const t0 = nav.at(-1)?.ts ?? events[0]?.ts ?? 0;
    const rendererPid = nav.at(-1)?.pid;
    const names = new Map<string, string>();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
    const rel = (ts: number) => ((ts - t0) / 1000).toFixed(1);
    const rows = events
      .filter((e) => e.ts >= t0 && e.ts - t0 < 200_000 && (e.ph === 'X' || e.ph === 'I' || e.ph === 'i' || e.ph === 'R' || e.ph === 'b' || e.ph === 'n'))
      .filter((e) => e.pid === rendererPid || e.ph !== 'X' || (e.dur ?? 0) > 300)
      .filter((e) => (e.dur ?? 0) >= Number(process.env.MIN_US ?? 200) || e.ph !== 'X')
      .sort((a, b) => a.ts - b.ts);
    for (const e of rows) {
      const thread = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
      const data = e.args?.data as Record<string, unknown> | undefined;
      const extra = data ? JSON.stringify(data).slice(0, 120) : '';
      console.log(`${rel(e.ts).padStart(7)} ${e.dur !== undefined ? (e.dur / 1000).toFixed(2).padStart(6) : '     .'} ${e.pid === rendererPid ? 'R' : ' '} ${thread.padEnd(22).slice(0, 22)} ${e.name} ${extra}`);
    }
  } finally {
    await b.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

await main();
