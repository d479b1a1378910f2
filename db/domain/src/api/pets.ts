/** The JSON shapes of the API's pets routes, generated from the api's OpenAPI document (openapi.ts). */
import type { components } from './openapi.ts';

type Schemas = components['schemas'];

/** One of `GET /api/repos` → `RepoListDto`. */
export type RepoDto = Schemas['Repo'];
export type RepoListDto = Schemas['RepoList'];

/** `GET /api/pets/:id`, `GET /api/pets/by-repo/:owner/:name` (404 `not_found` when none), `POST /api/pets`, `POST /api/pets/:id/revive`. */
export type PetDto = Schemas['Pet'];

/** `GET /api/pets`. */
export type PetListDto = Schemas['PetList'];

export type HealthEntryDto = Schemas['HealthEntry'];

/** `GET /api/pets/:id/history?limit=` → newest first. */
export type HistoryDto = Schemas['History'];

export type FindingDto = Schemas['Finding'];

export type AnalysisSummaryDto = Schemas['AnalysisSummary'];

/** `GET /api/pets/:id/analyses?limit=&cursor=` → newest first. */
export type AnalysisPageDto = Schemas['AnalysisPage'];

/** `GET /api/analyses/:id`. */
export type AnalysisDetailDto = Schemas['AnalysisDetail'];
