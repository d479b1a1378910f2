/**
 * Line coverage from the reports a commit may carry (issue #3, "Testing"):
 * lcov (`lcov.info`), Cobertura XML (`coverage.xml`, `cobertura*.xml`) and Go
 * cover profiles (`coverage.out`, `cover.out`, `*.coverprofile`). When both the
 * parent's and the commit's report are present their difference is the real
 * coverage delta, so the engine prefers it to any estimate.
 */

export type CoverageFormat = 'lcov' | 'cobertura' | 'go';

export function coverageFormat(path: string): CoverageFormat | null {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'lcov.info' || base.endsWith('.lcov')) return 'lcov';
  if (base === 'coverage.xml' || /^cobertura.*\.xml$/.test(base)) return 'cobertura';
  if (base === 'coverage.out' || base === 'cover.out' || base.endsWith('.coverprofile')) return 'go';
  return null;
}

/** Line coverage in percent (0–100), or null when the report holds no lines. */
export function parseCoverage(format: CoverageFormat, text: string): number | null {
  if (format === 'lcov') {
    let found = 0;
    let hit = 0;
    for (const m of text.matchAll(/^(LF|LH):(\d+)/gm)) {
      if (m[1] === 'LF') found += Number(m[2]);
      else hit += Number(m[2]);
    }
    return found === 0 ? null : (100 * hit) / found;
  }
  if (format === 'cobertura') {
    // [^<>]: a run of `<coverage` without a closing `>` is read once, not once per start (linear).
    const root = /<coverage\b[^<>]*>/.exec(text)?.[0] ?? '';
    const rate = /\bline-rate="([\d.]+)"/.exec(root);
    if (rate?.[1]) return 100 * Number(rate[1]);
    const covered = /\blines-covered="(\d+)"/.exec(root);
    const valid = /\blines-valid="(\d+)"/.exec(root);
    if (covered?.[1] && valid?.[1] && Number(valid[1]) > 0) return (100 * Number(covered[1])) / Number(valid[1]);
    return null;
  }
  // Go: `file:startLine.col,endLine.col numStatements hitCount` per block; statements weigh.
  let statements = 0;
  let covered = 0;
  for (const m of text.matchAll(/^\S+:\d+\.\d+,\d+\.\d+ (\d+) (\d+)$/gm)) {
    const n = Number(m[1]);
    statements += n;
    if (Number(m[2]) > 0) covered += n;
  }
  return statements === 0 ? null : (100 * covered) / statements;
}
