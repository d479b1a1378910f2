/**
 * Before/after comparison of one file's functions, matched by qualified name
 * (issue #3, "Complexity": the sum of increases over changed functions, with
 * decreases counting as improvement). A function is "changed" when the commit
 * touched one of its lines on either side or its complexity moved.
 */
import type { Finding } from '@tamagitto/domain';
import { baseName } from './function-facts.ts';
import type { FunctionMetrics, SourceMetrics } from './function-metrics.ts';
import { lowerBound } from './lower-bound.ts';
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
  /** Lines (after side, first..last) of functions this commit moved here from elsewhere: no new code. */
  movedSpans: [number, number][];
}

/** Implicit "functions" (class field initialisers, static blocks) have complexity but no doc or API surface. */
const IMPLICIT = new Set(['field_definition', 'public_field_definition', 'class_static_block']);

export interface CompareOptions {
  /**
   * A test file (classify-files.ts): its unnamed functions are the bodies handed to the test
   * framework — `describe(…, () => {…})`, `it(…)`, `t.Run(…, func…)` — and a suite grows with
   * every test added to it, so they are not held to MAX_FUNCTION_LENGTH (adding tests must not
   * count as a style violation). So is a named function that holds test cases (hono's `runTest`,
   * one suite shared by every router's tests). Other named functions in test files still are,
   * test functions themselves too (Go's `func TestX`).
   */
  testFile?: boolean;
  /** A module that is internal by its name (Python's `_compat.py`): none of its functions is public API. */
  internalModule?: boolean;
  /** The commit's removed functions (collectRemoved, over all its files), to tell a function moved or renamed from a new one. */
  removed?: RemovedFunctions;
}

/** Unnamed (`<anonymous>`, `<lambda>`): the last segment of the qualified name is a placeholder. */
const isUnnamed = (name: string) => name.slice(name.lastIndexOf('/') + 1).startsWith('<');

export function compareFunctions(before: SourceMetrics | null, after: SourceMetrics | null, changes: LineChanges, patchOnly: boolean, options: CompareOptions = {}): FileComparison {
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
    movedSpans: [],
  };
  if (patchOnly) {
    // Only fragments were parsed: compare their decision points, functions are not whole.
    out.complexityIncrease = (after?.decisions ?? 0) - (before?.decisions ?? 0);
    if (out.complexityIncrease > 0) {
      out.findings.push({ group: 'complexity', severity: 'info', rule: 'complexity-from-patch', message: `${out.complexityIncrease} decision point(s) added (from the patch alone; contents unavailable)`, params: { added: out.complexityIncrease } });
    }
    return out;
  }
  const addedLines = changes.added.map((l) => l.line);
  const removedLines = changes.removed.map((l) => l.line);
  const pairs = pairFunctions(before?.functions ?? [], after?.functions ?? [], addedLines, removedLines);
  // A setter is documented with its getter: one property, one doc comment (TypeDoc shows them as one).
  const getters = new Set((after?.functions ?? []).filter((f) => f.accessor === 'get').map((f) => baseName(f.name)));
  for (const fn of after?.functions ?? []) {
    let prev = pairs.get(fn);
    if (prev === undefined && options.removed) {
      // Not here before, but the commit removed its like elsewhere: moved or renamed (serde's "Move
      // body generator for structs to its own module"), compared with what it was.
      prev = options.removed.take(fn);
      if (prev) out.movedSpans.push([fn.line, fn.endLine]);
    }
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
    if (fn.length > MAX_FUNCTION_LENGTH && (prev === undefined || fn.length > prev.length) && !(options.testFile && (isUnnamed(fn.name) || fn.holdsTests === true))) {
      out.styleViolations++;
      out.findings.push({ group: 'style', severity: 'warning', rule: 'max-function-length', ...at, message: `function is ${fn.length} lines long (limit ${MAX_FUNCTION_LENGTH})`, params: { lines: fn.length, limit: MAX_FUNCTION_LENGTH } });
    }
    const withGetter = fn.accessor === 'set' && getters.has(baseName(fn.name));
    if (fn.public && !options.internalModule && !IMPLICIT.has(fn.kind) && !fn.name.includes('<') && !withGetter) {
      out.publicChanged++;
      if (fn.documented) out.publicDocumented++;
      else out.undocumented.push({ group: 'documentation', severity: 'info', rule: 'missing-doc-comment', ...at, message: `public function ${fn.name} has no doc comment`, params: { name: fn.name } });
    }
  }
  out.removed = (before?.functions.length ?? 0) - pairs.size;
  return out;
}

/**
 * The functions a commit removed — before-side functions whose name is gone from their file's
 * after side, in any file of the commit (a file deleted or renamed away included) — by shape, so a
 * new function of the same shape can be taken as one of them moved or renamed. Shape: the same
 * complexity and nesting, and a length within moveSlack (a rename reformats a line or two:
 * serde's "Rename functions and run `cargo fmt`"). Each removed function is taken once.
 */
export class RemovedFunctions {
  /** By shape and exact length; a lookup tries the lengths within the slack, nearest first, so it costs O(slack), not O(removed). */
  readonly #byShape = new Map<string, FunctionMetrics[]>();

  add(fn: FunctionMetrics): void {
    const key = shapeKey(fn, fn.length);
    const list = this.#byShape.get(key);
    if (list) list.push(fn);
    else this.#byShape.set(key, [fn]);
  }

  /** The removed function `fn` is most likely a move of (closest in length), taken from the set; undefined when none is alike. */
  take(fn: FunctionMetrics): FunctionMetrics | undefined {
    if (this.#byShape.size === 0) return undefined;
    const slack = moveSlack(fn.length);
    for (let d = 0; d <= slack; d++) {
      for (const length of d === 0 ? [fn.length] : [fn.length - d, fn.length + d]) {
        const found = this.#byShape.get(shapeKey(fn, length))?.pop();
        if (found) return found;
      }
    }
    return undefined;
  }
}

const shapeKey = (fn: FunctionMetrics, length: number) => `${fn.complexity}:${fn.maxNesting}:${length}`;

/** How much longer or shorter a moved function may be: 3 lines, or a tenth of it. */
const moveSlack = (length: number) => Math.max(3, Math.ceil(length / 10));

/** Adds to `into` the before-side functions of one file whose name its after side no longer has. */
export function collectRemoved(before: SourceMetrics | null, after: SourceMetrics | null, into: RemovedFunctions): void {
  if (!before) return;
  const kept = new Set((after?.functions ?? []).map((f) => baseName(f.name)));
  for (const fn of before.functions) if (!kept.has(baseName(fn.name)) && !isUnnamed(fn.name)) into.add(fn);
}


/**
 * Each after-side function's before-side self, where it has one. Names alone do not say it for
 * repeated names: `<anonymous>#7` is "the seventh unnamed function", so one test added near the top
 * of a test file renumbers every callback after it, and matching by name compared each with its
 * neighbour — a commit adding 9 tests to ky's test/hooks.ts reported ~120 complexity changes in
 * functions it never touched. So, among functions of the same name but for those numbers:
 * 1. the one whose head (ESLint's report position) sits on an unchanged line is the function that
 *    line moved to — unchanged lines keep their text, so the column agrees too;
 * 2. the rest (their head line was edited) pair up in order when as many are left on both sides,
 *    and otherwise count as removed and added. A name that occurs once on each side always pairs,
 *    as before (a function moved or with an edited signature is still itself).
 */
export function pairFunctions(
  before: readonly FunctionMetrics[],
  after: readonly FunctionMetrics[],
  addedLines: readonly number[],
  removedLines: readonly number[],
): Map<FunctionMetrics, FunctionMetrics> {
  const groups = new Map<string, { before: FunctionMetrics[]; after: FunctionMetrics[] }>();
  const group = (name: string) => {
    const key = baseName(name);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { before: [], after: [] }));
    return g;
  };
  for (const fn of before) group(fn.name).before.push(fn);
  for (const fn of after) group(fn.name).after.push(fn);
  const pairs = new Map<FunctionMetrics, FunctionMetrics>();
  let moved: ((line: number) => number | null) | undefined;
  for (const g of groups.values()) {
    if (g.before.length === 0 || g.after.length === 0) continue;
    if (g.before.length === 1 && g.after.length === 1) {
      pairs.set(g.after[0]!, g.before[0]!);
      continue;
    }
    moved ??= lineMover(addedLines, removedLines);
    const byHead = new Map<string, FunctionMetrics[]>();
    for (const prev of g.before) {
      const line = moved(prev.headLine);
      if (line === null) continue;
      const key = `${line}:${prev.headColumn}`;
      const list = byHead.get(key);
      if (list) list.push(prev);
      else byHead.set(key, [prev]);
    }
    const taken = new Set<FunctionMetrics>();
    const leftAfter: FunctionMetrics[] = [];
    for (const fn of g.after) {
      const prev = byHead.get(`${fn.headLine}:${fn.headColumn}`)?.shift();
      if (prev) {
        pairs.set(fn, prev);
        taken.add(prev);
      } else leftAfter.push(fn);
    }
    const leftBefore = g.before.filter((f) => !taken.has(f));
    if (leftBefore.length === leftAfter.length) leftAfter.forEach((fn, i) => pairs.set(fn, leftBefore[i]!));
  }
  return pairs;
}

/**
 * Where an unchanged before-side line is on the after side (null for a removed line), from the
 * commit's sorted added (after-side numbers) and removed (before-side numbers) lines.
 */
function lineMover(addedLines: readonly number[], removedLines: readonly number[]): (line: number) => number | null {
  const removed = new Set(removedLines);
  // Unchanged lines pair up in order between the changes: walk both sides once, keeping where the
  // offset (after − before) changes.
  const starts: number[] = [];
  const offsets: number[] = [];
  let b = 1;
  let a = 1;
  let ai = 0;
  const lastRemoved = removedLines.at(-1) ?? 0;
  const lastAdded = addedLines.at(-1) ?? 0;
  while (b <= lastRemoved || a <= lastAdded) {
    if (removed.has(b)) b++;
    else if (ai < addedLines.length && addedLines[ai] === a) {
      a++;
      ai++;
    } else {
      if (offsets.length === 0 || offsets[offsets.length - 1] !== a - b) {
        starts.push(b);
        offsets.push(a - b);
      }
      a++;
      b++;
    }
  }
  const tail = a - b;
  return (line) => {
    if (removed.has(line)) return null;
    if (line >= b) return line + tail;
    const i = lowerBound(starts, line + 1) - 1;
    return line + (i >= 0 ? offsets[i]! : 0);
  };
}

/** Any of the sorted line numbers inside the function? */
function hits(lines: readonly number[], fn: FunctionMetrics): boolean {
  return (lines[lowerBound(lines, fn.line)] ?? Infinity) <= fn.endLine;
}
