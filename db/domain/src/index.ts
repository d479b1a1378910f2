/**
 * @tamagitto/domain — the words and rules every part of Tamagitto shares, with
 * no dependencies: the vocabulary, the pet's rules, the calendar, the vet
 * report's shape, the coaching patterns, the sprites and the API's JSON shapes.
 * The worker, the api, the extension and the site all import from here; this
 * package imports nothing (guarded by test/conventions.test.ts at the root).
 */
export * from './vocabulary.ts';
export * from './calendar.ts';
export * from './pet/rules.ts';
export * from './pet/lifecycle.ts';
export * from './pet/formula.ts';
export * from './vet-report.ts';
export * from './queue-reasons.ts';
export * from './check-reasons.ts';
export * from './skipped-reasons.ts';
export * from './coaching.ts';
export * from './sprites.ts';
export * from './api/index.ts';
export * from './pet/health-change.ts';
