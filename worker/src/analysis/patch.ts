/**
 * Reads a unified diff (GitHub's per-file `patch`, `git diff` output) into the
 * lines a commit added and removed, with their line numbers, because every
 * rule judges only what the commit changed, never the whole file.
 */

export interface DiffLine {
  /** 1-based line number on its side (new file for added, old file for removed). */
  line: number;
  text: string;
}

export interface LineChanges {
  added: DiffLine[];
  removed: DiffLine[];
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * @example
 * parsePatch('@@ -1,2 +1,2 @@\n a\n-b\n+c').added // [{ line: 2, text: 'c' }]
 */
export function parsePatch(patch: string): LineChanges {
  const added: DiffLine[] = [];
  const removed: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  let inHunk = false;
  for (const raw of patch.split('\n')) {
    const hunk = HUNK.exec(raw);
    if (hunk) {
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const mark = text[0];
    if (mark === '+') added.push({ line: newLine++, text: text.slice(1) });
    else if (mark === '-') removed.push({ line: oldLine++, text: text.slice(1) });
    else if (mark === ' ' || text === '') {
      oldLine++;
      newLine++;
    }
    // "\ No newline at end of file" and anything else advance nothing.
  }
  return { added, removed };
}

/**
 * When GitHub gives contents but no patch (large files), approximate the diff:
 * a line is added if the old side does not hold as many copies of it. Good
 * enough for judging lines; it never invents changes where the texts match.
 */
export function diffContents(before: string | null, after: string | null): LineChanges {
  const oldLines = before === null ? [] : splitLines(before);
  const newLines = after === null ? [] : splitLines(after);
  const oldCounts = countLines(oldLines);
  const newCounts = countLines(newLines);
  const added: DiffLine[] = [];
  const removed: DiffLine[] = [];
  newLines.forEach((text, i) => {
    const left = oldCounts.get(text) ?? 0;
    if (left > 0) oldCounts.set(text, left - 1);
    else added.push({ line: i + 1, text });
  });
  oldLines.forEach((text, i) => {
    const left = newCounts.get(text) ?? 0;
    if (left > 0) newCounts.set(text, left - 1);
    else removed.push({ line: i + 1, text });
  });
  return { added, removed };
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function countLines(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
}
