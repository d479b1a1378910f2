/**
 * GitHub's search, pulls, reviews, combined-status and check-runs endpoints on
 * the FakeGithub, for the work queue and velocity. Bodies are recorded real
 * payloads renamed: search items from @octokit/fixtures `search-issues`, the
 * combined status from `create-status`, pulls / reviews / check runs from
 * @octokit/webhooks-examples. Every GET answers with an ETag and honours
 * If-None-Match with a bodiless 304, like GitHub.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import type { FakeGithub } from '../../support/index.ts';
import type { FakeRequest } from '../../support/fake-github.ts';

const require = createRequire(import.meta.url);
type Obj = Record<string, unknown>;
const searchFixture = (require('@octokit/fixtures/scenarios/api.github.com/search-issues/normalized-fixture.json') as { response: { items: Obj[] } }[])[0]!.response;
const statusFixture = (require('@octokit/fixtures/scenarios/api.github.com/create-status/normalized-fixture.json') as { method: string; path: string; response: Obj }[]).find((x) => x.path.endsWith('/status'))!.response;
const examples = require('@octokit/webhooks-examples') as { name: string; examples: Obj[] }[];
const example = (event: string, key: string) => examples.find((e) => e.name === event)!.examples[0]![key] as Obj;
const pullFixture = example('pull_request', 'pull_request');
const reviewFixture = example('pull_request_review', 'review');
const checkRunFixture = example('check_run', 'check_run');

export interface FakePr {
  repo: string;
  number: number;
  title: string;
  author: string;
  createdAt: string;
  additions?: number;
  deletions?: number;
  draft?: boolean;
  mergeableState?: string;
  ci?: 'success' | 'failure' | 'pending' | 'none';
  reviews?: { user: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' }[];
  /** Review request made to one of the user's teams rather than the user. */
  team?: boolean;
  mergedAt?: string;
}

export interface QueueWorld {
  reviewRequests: FakePr[];
  own: FakePr[];
  issues: { repo: string; number: number; title: string; author: string; createdAt: string; labels?: string[] }[];
  /** For velocity: merged PRs by the user and PRs they reviewed (reviews carry submitted_at). */
  merged: FakePr[];
  reviewed: (FakePr & { reviewedAt: string[] })[];
  stats: { requests: number; notModified: number };
  /** The next `times` requests are refused the way GitHub throttles: 403 + x-ratelimit-remaining: 0, or 429 + retry-after. */
  throttle: { status: 403 | 429; times: number; retryAfter?: number } | null;
  /** GitHub's clock, for x-ratelimit-reset: tests share their controllable clock with it. */
  now: () => number;
}

function etagOf(text: string): string {
  return `W/"${createHash('sha1').update(text).digest('hex')}"`;
}

function sendCached(req: FakeRequest, res: ServerResponse, world: QueueWorld, body: unknown): void {
  world.stats.requests++;
  const t = world.throttle;
  if (t && t.times > 0) {
    t.times--;
    const text = JSON.stringify({ message: t.status === 403 ? 'API rate limit exceeded for user ID 1.' : 'You have exceeded a secondary rate limit.', documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting' });
    const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) };
    if (t.status === 403) {
      headers['x-ratelimit-remaining'] = '0';
      headers['x-ratelimit-reset'] = String(Math.floor(world.now() / 1000) + (t.retryAfter ?? 120));
    } else headers['retry-after'] = String(t.retryAfter ?? 30);
    res.writeHead(t.status, headers);
    return void res.end(text);
  }
  const text = JSON.stringify(body);
  const etag = etagOf(text);
  if (req.headers['if-none-match'] === etag) {
    world.stats.notModified++;
    res.writeHead(304, { etag });
    return void res.end();
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), etag });
  res.end(text);
}

function searchItem(fake: FakeGithub, p: { repo: string; number: number; title: string; author: string; createdAt: string; labels?: string[]; draft?: boolean }, isPr: boolean, closedAt?: string): Obj {
  const base = structuredClone(searchFixture.items[0]!);
  const user = { ...(base.user as Obj), login: p.author };
  return {
    ...base,
    url: `${fake.url}/repos/${p.repo}/issues/${p.number}`,
    repository_url: `${fake.url}/repos/${p.repo}`,
    html_url: `https://github.com/${p.repo}/${isPr ? 'pull' : 'issues'}/${p.number}`,
    number: p.number,
    title: p.title,
    user,
    labels: (p.labels ?? []).map((name, i) => ({ id: i + 1, name, color: 'ededed', default: false })),
    state: closedAt ? 'closed' : 'open',
    created_at: p.createdAt,
    updated_at: closedAt ?? p.createdAt,
    closed_at: closedAt ?? null,
    draft: p.draft ?? false,
    ...(isPr
      ? { pull_request: { url: `${fake.url}/repos/${p.repo}/pulls/${p.number}`, html_url: `https://github.com/${p.repo}/pull/${p.number}`, diff_url: '', patch_url: '', merged_at: closedAt ?? null } }
      : {}),
  };
}

function within(q: string, qualifier: string, iso: string): boolean {
  const m = new RegExp(`${qualifier}:(\\S+)`).exec(q);
  if (!m) return true;
  const v = m[1]!;
  const day = iso.slice(0, 10);
  if (v.includes('..')) {
    const [a, b] = v.split('..') as [string, string];
    return day >= a && day <= b;
  }
  if (v.startsWith('>=')) return day >= v.slice(2);
  // Date-times compare as ISO strings, like GitHub's `created:<2026-11-21T09:00:00`.
  if (v.startsWith('<')) return iso.slice(0, v.length - 1) < v.slice(1);
  return true;
}

export function installQueueFake(fake: FakeGithub, login: string): QueueWorld {
  const world: QueueWorld = { reviewRequests: [], own: [], issues: [], merged: [], reviewed: [], stats: { requests: 0, notModified: 0 }, throttle: null, now: Date.now };
  const all = () => [...world.reviewRequests, ...world.own, ...world.merged, ...world.reviewed];
  const find = (repo: string, n: number) => all().find((p) => p.repo.toLowerCase() === repo.toLowerCase() && p.number === n);

  fake.on('GET', /^\/search\/issues$/, (req, res) => {
    const q = req.query.get('q') ?? '';
    let items: Obj[] = [];
    if (q.includes(`user-review-requested:${login}`)) items = world.reviewRequests.filter((p) => !p.team && within(q, 'created', p.createdAt)).map((p) => searchItem(fake, p, true));
    else if (q.includes(`review-requested:${login}`)) items = world.reviewRequests.map((p) => searchItem(fake, p, true));
    else if (q.includes('is:merged') && q.includes(`author:${login}`)) items = world.merged.filter((p) => within(q, 'merged', p.mergedAt!)).map((p) => searchItem(fake, p, true, p.mergedAt));
    else if (q.includes(`reviewed-by:${login}`)) items = world.reviewed.map((p) => searchItem(fake, p, true));
    else if (q.includes(`author:${login}`)) items = world.own.map((p) => searchItem(fake, p, true));
    else if (q.includes(`assignee:${login}`)) items = world.issues.map((i) => searchItem(fake, i, false));
    sendCached(req, res, world, { total_count: items.length, incomplete_results: false, items });
  });

  fake.on('GET', /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/, (req, res) => {
    const [, , owner, name, , n] = req.path.split('/');
    const p = find(`${owner}/${name}`, Number(n));
    if (!p) return sendCached(req, res, world, { message: 'Not Found' });
    sendCached(req, res, world, {
      ...structuredClone(pullFixture),
      number: p.number,
      title: p.title,
      user: { ...(pullFixture.user as Obj), login: p.author },
      created_at: p.createdAt,
      draft: p.draft ?? false,
      additions: p.additions ?? 0,
      deletions: p.deletions ?? 0,
      mergeable_state: p.mergeableState ?? 'clean',
      head: { ...(pullFixture.head as Obj), sha: `${String(p.number).padStart(4, '0')}${'a'.repeat(36)}` },
    });
  });

  fake.on('GET', /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/, (req, res) => {
    const [, , owner, name, , n] = req.path.split('/');
    const p = find(`${owner}/${name}`, Number(n));
    const reviewed = world.reviewed.find((r) => r === p);
    const list = [
      ...(p?.reviews ?? []).map((r, i) => ({ ...structuredClone(reviewFixture), id: 1000 + i, user: { ...(reviewFixture.user as Obj), login: r.user }, state: r.state, submitted_at: p!.createdAt })),
      ...(reviewed?.reviewedAt ?? []).map((at, i) => ({ ...structuredClone(reviewFixture), id: 2000 + i, user: { ...(reviewFixture.user as Obj), login }, state: 'APPROVED', submitted_at: at })),
    ];
    sendCached(req, res, world, list);
  });

  const prByHead = (req: FakeRequest) => {
    const [, , owner, name, , ref] = req.path.split('/');
    return all().find((p) => p.repo.toLowerCase() === `${owner}/${name}`.toLowerCase() && ref?.startsWith(String(p.number).padStart(4, '0')));
  };
  fake.on('GET', /^\/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/status$/, (req, res) => {
    const p = prByHead(req);
    const ci = p?.ci ?? 'none';
    // Our fake CI reports through check runs; the legacy status API is empty unless CI is "failure" on both.
    const statuses = ci === 'failure' ? (statusFixture.statuses as Obj[]).slice(0, 1) : [];
    sendCached(req, res, world, { ...structuredClone(statusFixture), state: ci === 'failure' ? 'failure' : 'pending', statuses, total_count: statuses.length });
  });
  fake.on('GET', /^\/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/check-runs$/, (req, res) => {
    const p = prByHead(req);
    const ci = p?.ci ?? 'none';
    const runs =
      ci === 'none'
        ? []
        : [{ ...structuredClone(checkRunFixture), status: ci === 'pending' ? 'in_progress' : 'completed', conclusion: ci === 'pending' ? null : ci }];
    sendCached(req, res, world, { total_count: runs.length, check_runs: runs });
  });
  return world;
}
