/**
 * The seam the queue consumer calls (issue #2 → #3). `analyseCommit` keeps its
 * one-argument signature; `analyseCommitWith` takes budgets and a parse pool.
 */
import type { AnalysisResult, CommitInput } from '@tamagitto/domain';
import { analyseCommitWith } from './engine.ts';

export { ENGINE_VERSION, analyseCommitWith, DEFAULT_BUDGET, type AnalyseOptions } from './engine.ts';
export { analyseSource, type FunctionMetrics, type SourceMetrics } from './function-metrics.ts';
export { createParsePool, inThreadParser, sharedParsePool, type ParsePool } from './parse-pool.ts';
export { detectLanguage, type LanguageId } from './languages.ts';

/**
 * @example
 * const report = await analyseCommit({ sha, message, files });
 * report.delta; report.metrics.complexity_increase; report.findings;
 */
export function analyseCommit(input: CommitInput): Promise<AnalysisResult> {
  return analyseCommitWith(input);
}
