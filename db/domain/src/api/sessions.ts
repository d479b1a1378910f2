/**
 * The JSON shapes of the API's sessions routes, generated from their zod
 * schemas (api/src/sessions/dto.ts) through the OpenAPI document: the field
 * descriptions are there and in openapi.ts.
 */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

export type WorkBlockDto = Schemas['WorkBlock'];
export type JournalStatusDto = Schemas['JournalStatus'];
/** A day session: the user's working day, split into work blocks. */
export type DaySessionDto = Schemas['DaySession'];
/** `GET /api/sessions/today` */
export type TodaySessionDto = Schemas['TodaySession'];
/** What the journal entry says; returned by `POST /api/sessions/:id/end`. */
export type SessionSummaryDto = Schemas['SessionSummary'];
/** `POST /api/sessions/:id/end` */
export type SessionEndDto = Schemas['SessionEnd'];
