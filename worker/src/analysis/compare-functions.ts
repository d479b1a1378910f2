/**
 * Before/after comparison of one file's functions, matched by qualified name
 * (issue #3, "Complexity": the sum of increases over changed functions, with
 * decreases counting as improvement). A function is "changed" when the commit
 * touched one of its lines on either side or its complexity moved.
 */
import type { Finding } from '@tamagitto/domain';
import type { FunctionMetrics, SourceMetrics } from './function-metrics.ts';
import { NEW_FUNCTION_ALLOWANCE } from './formula-inputs.ts';
import type { LineChanges } from './patch.ts';
import { MAX_FUNCTION_LENGTH } from './style-rules.ts';

export const COMPLEX_FUNCTION = 10;
export const DEEP_NESTING = 4;

export type FileFinding = Omit<Finding, 'file'>;

export interface FileComparison {
  complexityIncrease: number;
  added: number;
  changed: number;
  removed: number;
  maxComplexity: number;
  publicChanged: number;
  publicDocumented: number;
  undocumented: FileFinding[];
  findings: FileFinding[];
  styleViolations: number;
  testCasesAdded: number;
}

/** Implicit "functions" (class field initialisers, static blocks) have complexity but no doc or API surface. */
const IMPLICIT = new Set(['field_definition', 'public_field_definition', 'class_static_block']);

export function compareFunctions(before: SourceMetrics | null, after: SourceMetrics | null, changes: LineChanges, patchOnly: boolean): FileComparison {
  const out: FileComparison = {
    complexityIncrease: 0,
    added: 0,
    changed: 0,
    removed: 0,
    maxComplexity: 0,
    publicChanged: 0,
    publicDocumented: 0,
    undocumented: [],
    findings: [],
    styleViolations: 0,
    testCasesAdded: (after?.testCases ?? 0) - (before?.testCases ?? 0),
  };
  if (patchOnly) {
    // Only fragments were parsed: compare their decision points, functions are not whole.
    out.complexityIncrease = (after?.decisions ?? 0) - (before?.decisions ?? 0);
    if (out.complexityIncrease > 0) {
      out.findings.push({ group: 'complexity', severity: 'info', rule: 'complexity-from-patch', message: `${out.complexityIncrease} decision point(s) added (from the patch alone; contents unavailable)`, params: { added: out.complexityIncrease } });
    }
    return out;
  }
  const previous = new Map((before?.functions ?? []).map((f) => [f.name, f]));
  const addedLines = changes.added.map((l) => l.line);
  const removedLines = changes.removed.map((l) => l.line);
  const seen = new Set<string>();
  for (const fn of after?.functions ?? []) {
    seen.add(fn.name);
    const prev = previous.get(fn.name);
    const touched = prev === undefined || hits(addedLines, fn) || hits(removedLines, prev) || prev.complexity !== fn.complexity;
    if (!touched) continue;
    out.maxComplexity = Math.max(out.maxComplexity, fn.complexity);
    const at = { line: fn.line, function: fn.name };
    if (prev === undefined) {
      out.added++;
      const extra = Math.max(0, fn.complexity - NEW_FUNCTION_ALLOWANCE);
      out.complexityIncrease += extra;
      if (extra > 0) {
        out.findings.push({ group: 'complexity', severity: fn.complexity > COMPLEX_FUNCTION ? 'warning' : 'info', rule: 'new-complex-function', ...at, message: `new function with cyclomatic complexity ${fn.complexity}`, params: { complexity: fn.complexity } });
      }
    } else {
      out.changed++;
      const d = fn.complexity - prev.complexity;
      out.complexityIncrease += d;
      if (d !== 0) {
        out.findings.push({
          group: 'complexity',
          severity: d > 0 && fn.complexity > COMPLEX_FUNCTION ? 'warning' : 'info',
          rule: d > 0 ? 'complexity-increase' : 'complexity-decrease',
          ...at,
          message: `cyclomatic complexity ${prev.complexity} → ${fn.complexity} (${d > 0 ? '+' : ''}${d})`,
          params: { before: prev.complexity, after: fn.complexity, change: d },
        });
      }
    }
    if (fn.maxNesting > DEEP_NESTING && (prev === undefined || fn.maxNesting > prev.maxNesting)) {
      out.findings.push({ group: 'complexity', severity: 'warning', rule: 'deep-nesting', ...at, message: `blocks nested ${fn.maxNesting} deep (limit ${DEEP_NESTING})`, params: { depth: fn.maxNesting, limit: DEEP_NESTING } });
    }
    if (fn.length > MAX_FUNCTION_LENGTH && (prev === undefined || fn.length > prev.length)) {
      out.styleViolations++;
      out.findings.push({ group: 'style', severity: 'warning', rule: 'max-function-length', ...at, message: `function is ${fn.length} lines long (limit ${MAX_FUNCTION_LENGTH})`, params: { lines: fn.length, limit: MAX_FUNCTION_LENGTH } });
    }
    if (fn.public && !IMPLICIT.has(fn.kind) && !fn.name.includes('<')) {
      out.publicChanged++;
      if (fn.documented) out.publicDocumented++;
      else out.undocumented.push({ group: 'documentation', severity: 'info', rule: 'missing-doc-comment', ...at, message: `public function ${fn.name} has no doc comment`, params: { name: fn.name } });
    }
  }
  for (const name of previous.keys()) if (!seen.has(name)) out.removed++;
  return out;
}

/** Any of the sorted line numbers inside the function? */
function hits(lines: number[], fn: FunctionMetrics): boolean {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lines[mid] ?? 0) < fn.line) lo = mid + 1;
    else hi = mid;
  }
  return lo < lines.length && (lines[lo] ?? Infinity) <= fn.endLine;
}
