/**
 * What the api says about PR checks. The report is the worker's (worker/src/checks/report.ts),
 * passed through as stored: its shape is documented there and in the README.
 */
import type { Check } from '@tamagitto/db';
import { z } from 'zod';
import { countParam, UUID } from '../http/validate.ts';

/** `https://github.com/<owner>/<repo>/pull/<n>` (a trailing `/files`, `/commits`… or a query is allowed). */
const PR_URL = /^https:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9_.-]{1,100})\/pull\/([1-9][0-9]{0,9})(?:\/[a-z-]*)?\/?(?:[?#].*)?$/;

export function parsePrUrl(url: string): { owner: string; name: string; number: number } | null {
  const m = url.trim().match(PR_URL);
  if (!m) return null;
  const number = Number(m[3]);
  if (!Number.isSafeInteger(number) || number > 2 ** 31 - 1) return null;
  return { owner: m[1]!, name: m[2]!, number };
}

export const CreateCheckSchema = z
  .object({
    pr: z
      .string()
      .max(300)
      .refine((s) => parsePrUrl(s) !== null, 'expected https://github.com/<owner>/<repo>/pull/<n>')
      .meta({ description: 'The pull request’s URL on github.com.', examples: ['https://github.com/octocat/hello-world/pull/42'] }),
  })
  .meta({ id: 'CreateCheck' });

export const CheckStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'superseded']).meta({
  id: 'CheckStatus',
  description: '`superseded`: a newer head of the same PR has its own check.',
});

export const CheckSchema = z
  .object({
    id: z.string(),
    status: CheckStatusSchema,
    progress: z.number().int().describe('0–100.'),
    pr: z.object({ owner: z.string(), name: z.string(), number: z.number().int(), url: z.string() }),
    headSha: z.string(),
    baseSha: z.string(),
    verdict: z.enum(['pass', 'warn', 'fail']).nullable().describe('Set when done.'),
    report: z.record(z.string(), z.unknown()).nullable().describe('Set when done (shape: README, "PR checks").'),
    error: z.string().nullable().describe('The last failure’s cause (a retry may be scheduled; `failed`: given up).'),
    githubStatus: z
      .object({ posted: z.boolean(), error: z.string().nullable() })
      .describe('Whether the `tamagitto/pet` commit status reached GitHub, and why not (e.g. the token lacks the permission).'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Check', description: 'A PR check: what merging the pull request would do to the pet.' });

export const CheckCreatedSchema = z
  .object({ id: z.string(), status: CheckStatusSchema })
  .meta({ id: 'CheckCreated', description: 'The check of this PR head: GET /api/checks/{id} follows it.' });

export const ChecksPageSchema = z
  .object({
    items: z.array(CheckSchema),
    nextBefore: z.string().nullable().describe('Pass as `before` for the next (older) page; null on the last page.'),
  })
  .meta({ id: 'ChecksPage', description: 'A pet’s checks, newest first.' });

export const ChecksQuery = z.object({
  limit: countParam(20, 100),
  before: z.string().regex(UUID, 'a check id').optional().describe('The last check id of the previous page.'),
});

export function toCheckDto(c: Check, repo: { owner: string; name: string }): z.infer<typeof CheckSchema> {
  return {
    id: c.id,
    status: c.status,
    progress: c.progress,
    pr: { owner: repo.owner, name: repo.name, number: c.pr_number, url: `https://github.com/${repo.owner}/${repo.name}/pull/${c.pr_number}` },
    headSha: c.head_sha,
    baseSha: c.base_sha,
    verdict: c.verdict,
    report: c.report,
    error: c.error,
    githubStatus: { posted: c.status_posted, error: c.status_error },
    createdAt: new Date(c.created_at).toISOString(),
    updatedAt: new Date(c.updated_at).toISOString(),
  };
}

export const CheckStatsSchema = z
  .object({
    weeks: z
      .array(z.object({ week: z.string().describe('The week’s Monday (UTC), YYYY-MM-DD.'), pass: z.number().int(), warn: z.number().int(), fail: z.number().int() }))
      .describe('The last 12 weeks, oldest first, every week listed.'),
    checks: z.number().int().describe('Finished checks in those weeks.'),
    medianCiDurationS: z.number().nullable().describe('Median of the checks’ median CI durations on their head SHA, in seconds.'),
    aiCoAuthoredShare: z.number().nullable().describe('Share (0–1) of the checked commits with an AI assistant’s Co-authored-by trailer; null without commits.'),
  })
  .meta({ id: 'CheckStats', description: 'A pet’s PR checks over the last 12 weeks.' });

export const OpenPullSchema = z
  .object({
    number: z.number().int(),
    title: z.string(),
    url: z.string(),
    author: z.string().nullable(),
    draft: z.boolean(),
    headSha: z.string(),
    updatedAt: z.string().nullable(),
    check: CheckSchema.nullable().describe('The PR’s newest check (of any head: compare its `headSha`), or null when it has none.'),
  })
  .meta({ id: 'OpenPull', description: 'An open pull request of the pet’s repository, with its newest check.' });

export const OpenPullsSchema = z
  .object({
    items: z.array(OpenPullSchema).describe('Most recently updated first.'),
    more: z.boolean().describe('GitHub has more open pull requests than `limit`.'),
  })
  .meta({ id: 'OpenPulls', description: 'The repository’s open pull requests as your GitHub token reads them, each with its newest check.' });

export const PullsQuery = z.object({ limit: countParam(30, 100) });
