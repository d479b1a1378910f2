/** axe-core in an extension page, for the e2e suites. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string;
  targets: string[];
}

export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate() runs over CDP, so the extension page's strict CSP does not block it.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Serious or critical violations, in light and dark colour schemes. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const out: AxeViolation[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    out.push(...(await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ ...v, id: `${colorScheme}: ${v.id}` })));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return out;
}

/** Every violation, whatever its impact, in light and dark colour schemes (each id prefixed with its scheme). */
export async function violationsInBothSchemes(page: Page): Promise<AxeViolation[]> {
  const out: AxeViolation[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    out.push(...(await runAxe(page)).map((v) => ({ ...v, id: `${colorScheme}: ${v.id}` })));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return out;
}
