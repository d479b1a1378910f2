/**
 * The JSON shapes of the API's puzzles routes, generated from their zod
 * schemas (api/src/puzzles/dto.ts) through the OpenAPI document: the field
 * descriptions are there and in openapi.ts.
 */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

export type PuzzleKind = Schemas['PuzzleKind'];
/** A puzzle as shown before answering: never carries the answer. */
export type PuzzleDto = Schemas['Puzzle'];
export type PuzzleResultDto = Schemas['PuzzleResult'];
/** `GET /api/puzzle/today` */
export type PuzzleTodayDto = Schemas['PuzzleToday'];
export type BadgeDto = Schemas['Badge'];
/** `POST /api/puzzle/submit` answer (body `{ puzzleId, answer }`: one answer per day). */
export type PuzzleSubmitResultDto = Schemas['PuzzleSubmitResult'];
/** `GET /api/badges` */
export type BadgeListDto = Schemas['BadgeList'];
/** `POST /api/badges/share` body `{ week?: '2026-W48' }` (default: this week) → a secret Gist. */
export type BadgeShareDto = Schemas['BadgeShare'];
