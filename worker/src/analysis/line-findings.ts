/**
 * Turns line-rule hits (style-rules.ts, tree dangerous calls) into findings for
 * one file: every hit counts toward linting_violations (at most
 * MAX_PER_RULE_PER_FILE per rule, so one reformatted file cannot dominate), but
 * only the first few per rule are shown, so the report stays readable.
 */
import type { Finding } from '@tamagitto/domain';
import { MAX_PER_RULE_PER_FILE } from './formula-inputs.ts';
import type { LineHit } from './style-rules.ts';

export const SHOWN_PER_RULE_PER_FILE = 3;

/** Findings of one file, and what they add to the formula's inputs. */
export interface LineFindings {
  findings: Finding[];
  lintViolations: number;
  secrets: number;
}

export const NO_LINE_FINDINGS: Readonly<LineFindings> = Object.freeze({ findings: [], lintViolations: 0, secrets: 0 });

/**
 * @param weight what one counted hit adds to linting_violations (DANGEROUS_CALL_WEIGHT for dangerous calls).
 * @example lineFindings('style', 'a.ts', [{ rule: 'no-todo', line: 3, severity: 'info', message: 'TODO added' }]).lintViolations // 1
 */
export function lineFindings(group: Finding['group'], file: string, hits: readonly LineHit[], weight = 1): LineFindings {
  const byRule = new Map<LineHit['rule'], LineHit[]>();
  for (const h of hits) {
    const list = byRule.get(h.rule);
    if (list) list.push(h);
    else byRule.set(h.rule, [h]);
  }
  const findings: Finding[] = [];
  let counted = 0;
  for (const [rule, list] of byRule) {
    counted += Math.min(MAX_PER_RULE_PER_FILE, list.length);
    list.slice(0, SHOWN_PER_RULE_PER_FILE).forEach((h, i) => {
      const more = i === SHOWN_PER_RULE_PER_FILE - 1 && list.length > SHOWN_PER_RULE_PER_FILE ? list.length - SHOWN_PER_RULE_PER_FILE : 0;
      const params = more ? { ...h.params, more } : h.params;
      findings.push({ group, severity: h.severity, rule, file, line: h.line, message: h.message + (more ? ` (and ${more} more in this file)` : ''), ...(params && { params }) });
    });
  }
  return { findings, lintViolations: weight * counted, secrets: 0 };
}

/** Appends `more` to `into` (findings in order, counts summed). */
export function addTo(into: LineFindings, more: Readonly<LineFindings>): void {
  for (const f of more.findings) into.findings.push(f);
  into.lintViolations += more.lintViolations;
  into.secrets += more.secrets;
}
