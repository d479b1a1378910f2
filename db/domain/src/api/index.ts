/** The JSON shapes of the external API, one file per api feature. */
export type * from './errors.ts';
export type * from './auth.ts';
export type * from './pets.ts';
export type * from './live.ts';
export type * from './health.ts';
export type * from './sessions.ts';
export type * from './queue.ts';
export type * from './settings.ts';
export type * from './account.ts';
export type * from './coach.ts';
export type * from './puzzles.ts';
export type * from './analytics.ts';
export type * from './portraits.ts';
export type { paths, components } from './openapi.ts';
