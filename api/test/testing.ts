/**
 * `@tamagitto/api/testing`: the running system and its fakes, for tests in
 * other workspaces (the extension's full-stack e2e tests) — the only way they
 * reach into the api, so no test imports another workspace's files by path.
 */
export { CHANNELS } from '@tamagitto/db';
export * from './support/index.ts';
export * from './coach/support/index.ts';
export { FakeGemini } from './portraits/fake-gemini.ts';
export { puzzleForDay } from '../src/puzzles/puzzle-bank.ts';
