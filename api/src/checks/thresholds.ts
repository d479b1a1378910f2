/**
 * A repository's PR-check thresholds (issue 16): what the verdict is judged by
 * (worker/src/checks/report.ts). Shown on every pet as `checkThresholds` and changed with
 * `PATCH /api/pets/{id}` by any adopter of the repository (the setting is the repository's, so
 * every adopter's checks of it are judged alike). Kept apart from store.ts so the pets feature can
 * use it without a module cycle.
 */
import { DEFAULT_CHECK_THRESHOLDS, effectiveCheckThresholds, type CheckThresholds, type Repository } from '@tamagitto/db';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';

const DELTA = z.number().min(-100).max(100);

export const CheckThresholdsSchema = z
  .object({
    failOnSecret: z.boolean().describe(`A secret added anywhere in the PR fails it (default ${DEFAULT_CHECK_THRESHOLDS.failOnSecret}).`),
    failAtDelta: z.number().describe(`A predicted health delta at or below this fails (default ${DEFAULT_CHECK_THRESHOLDS.failAtDelta}).`),
    warnBelowDelta: z.number().describe(`A predicted health delta below this warns (default ${DEFAULT_CHECK_THRESHOLDS.warnBelowDelta}).`),
    warnOnUntestedCode: z.boolean().describe(`Code changed without any test file changing warns (default ${DEFAULT_CHECK_THRESHOLDS.warnOnUntestedCode}).`),
    custom: z.boolean().describe('Whether an adopter changed any of them (false: the defaults).'),
  })
  .meta({ id: 'CheckThresholds', description: "What the repository's PR checks are judged by: fail, else warn, else pass." });

export const CheckThresholdsPatchSchema = z
  .object({
    failOnSecret: z.boolean().optional(),
    failAtDelta: DELTA.optional().describe('−100…100; not above warnBelowDelta.'),
    warnBelowDelta: DELTA.optional().describe('−100…100.'),
    warnOnUntestedCode: z.boolean().optional(),
  })
  .strict()
  .nullable()
  .meta({
    id: 'CheckThresholdsPatch',
    description: "The repository's PR-check thresholds to change (those left out stay); null restores every default. Shared by the repository's adopters.",
  });

export type CheckThresholdsPatch = z.infer<typeof CheckThresholdsPatchSchema>;

export function toCheckThresholdsDto(repo: Pick<Repository, 'check_thresholds'>): z.infer<typeof CheckThresholdsSchema> {
  const { thresholds, custom } = effectiveCheckThresholds(repo);
  return { ...thresholds, custom };
}

/**
 * The thresholds after a change: the repository's current ones overlaid by `patch` (null: the
 * defaults). A fail line above the warn line is a 400, before anything is written.
 */
export function mergeCheckThresholds(repo: Pick<Repository, 'check_thresholds'>, patch: CheckThresholdsPatch): CheckThresholds {
  const merged: CheckThresholds = patch === null ? { ...DEFAULT_CHECK_THRESHOLDS } : { ...effectiveCheckThresholds(repo).thresholds };
  if (patch) for (const [k, v] of Object.entries(patch)) if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  if (merged.failAtDelta > merged.warnBelowDelta) {
    throw new AppError(400, 'validation_failed', `checkThresholds: failAtDelta (${merged.failAtDelta}) must not be above warnBelowDelta (${merged.warnBelowDelta})`);
  }
  return merged;
}
