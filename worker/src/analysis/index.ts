export type * from './types.ts';
export { analyseCommit, ENGINE_VERSION } from './first-analysis.ts';
export { computeDelta } from './delta.ts';
