/**
 * A small GitHub REST server on 127.0.0.1 for tests (the network is closed:
 * GitHub is reached through GITHUB_API_URL). Response bodies are built from recorded real payloads:
 * repositories and users from @octokit/fixtures' `get-repository` scenario,
 * push commits from @octokit/webhooks-examples; commit and hook responses
 * follow the shapes of GitHub's OpenAPI examples. Only GitHub is faked —
 * Postgres, Redis and the browser are always real.
 *
 * Extend it per test with `fake.on(method, /regex/, handler)`; failures can be
 * injected with `fake.failNext(/regex/, status, times)`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { LocalHttp, readBody } from './local-http.ts';

const require = createRequire(import.meta.url);
const repoFixture = (
  require('@octokit/fixtures/scenarios/api.github.com/get-repository/normalized-fixture.json') as { response: Record<string, unknown> }[]
)[0]!.response;
const ownerFixture = repoFixture.owner as Record<string, unknown>;
/** Recorded `POST …/statuses/{sha}` (201) and `GET …/commits/{sha}/status` answers: the shapes the statuses endpoints take. */
const statusFixtures = require('@octokit/fixtures/scenarios/api.github.com/create-status/normalized-fixture.json') as { method: string; path: string; response: Record<string, unknown> }[];
const createdStatusFixture = statusFixtures.find((f) => f.method === 'post')!.response;
const combinedStatusFixture = statusFixtures.find((f) => f.method === 'get' && f.path.endsWith('/status'))!.response;

export interface FakeFile {
  filename: string;
  status?: 'added' | 'modified' | 'removed' | 'renamed';
  previous_filename?: string;
  /** Content at the parent (omit for added files). */
  before?: string;
  /** Content at the commit (omit for removed files). */
  after?: string;
  /** Marks a binary file: no patch, no content. */
  binary?: boolean;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type Handler = (req: FakeRequest, res: ServerResponse) => void | Promise<void>;

/** GitHub lists at most this many files of a commit or a comparison. */
export const GITHUB_FILE_LIMIT = 3_000;

export interface FakeUser {
  id: number;
  login: string;
  name: string | null;
  token: string;
  scopes: string;
}

export class FakeGithub {
  readonly users = new Map<string, FakeUser>();
  readonly repos = new Map<string, Record<string, unknown> & { __hooksAllowed: boolean; __owners: Set<string> }>();
  readonly commits = new Map<string, { response: Record<string, unknown>; contents: Map<string, string> }>();
  readonly hooks = new Map<string, Record<string, unknown>[]>();
  readonly requests: FakeRequest[] = [];
  /** Pull requests by "owner/name#n" (lower-cased), as `GET /repos/{o}/{r}/pulls/{n}` answers. */
  readonly pulls = new Map<string, Record<string, unknown>>();
  /** Check runs by "owner/name@sha" (lower-cased), as `GET …/commits/{sha}/check-runs` lists them. */
  readonly checkRuns = new Map<string, Record<string, unknown>[]>();
  /** Commit statuses by "owner/name@sha" (lower-cased), newest last: posted ones and added ones. */
  readonly statuses = new Map<string, Record<string, unknown>[]>();
  /** Logins whose `POST …/statuses/{sha}` is refused with 403 (a token without the permission). */
  readonly statusDenied = new Set<string>();
  #custom: { method: string; re: RegExp; handler: Handler }[] = [];
  #failures: { re: RegExp; status: number; times: number }[] = [];
  readonly #http = new LocalHttp((req, res) => this.#handle(req, res));
  url = '';

  async start(): Promise<this> {
    this.url = await this.#http.start();
    return this;
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  addUser(u: { login: string; id: number; token: string; name?: string; scopes?: string }): FakeUser {
    const user = { name: null, scopes: 'repo, admin:repo_hook, read:user', ...u } as FakeUser;
    this.users.set(u.token, user);
    return user;
  }

  /** A repository shaped like the recorded `get-repository` response, renamed. */
  addRepo(owner: string, name: string, opts: { id: number; language?: string | null; private?: boolean; hooksAllowed?: boolean; visibleTo?: string[] }) {
    const ownerUser = [...this.users.values()].find((u) => u.login === owner);
    const repo = {
      ...structuredClone(repoFixture),
      id: opts.id,
      name,
      full_name: `${owner}/${name}`,
      private: opts.private ?? false,
      language: opts.language ?? null,
      html_url: `https://github.com/${owner}/${name}`,
      url: `${this.url}/repos/${owner}/${name}`,
      default_branch: 'main',
      pushed_at: '2026-11-20T10:00:00Z',
      owner: { ...structuredClone(ownerFixture), login: owner, id: ownerUser?.id ?? opts.id + 1, type: 'User' },
      __hooksAllowed: opts.hooksAllowed ?? true,
      __owners: new Set(opts.visibleTo ?? [owner]),
    };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  /** A commit as `GET /repos/{o}/{r}/commits/{sha}` returns it, with per-file patches and contents at both sides. */
  addCommit(owner: string, name: string, c: { sha: string; parent?: string; message: string; files: FakeFile[]; author?: string }) {
    const parent = c.parent ?? '0'.repeat(40);
    const contents = new Map<string, string>();
    let additions = 0;
    let deletions = 0;
    const files = c.files.map((f) => {
      const status = f.status ?? (f.before === undefined ? 'added' : f.after === undefined ? 'removed' : 'modified');
      if (f.binary) return { sha: hex(f.filename), filename: f.filename, status, additions: 0, deletions: 0, changes: 0 };
      const { patch, add, del } = unifiedPatch(f.before ?? '', f.after ?? '');
      additions += add;
      deletions += del;
      if (f.after !== undefined) contents.set(`${f.filename}@${c.sha}`, f.after);
      if (f.before !== undefined) contents.set(`${f.previous_filename ?? f.filename}@${parent}`, f.before);
      return {
        sha: hex(f.filename + c.sha),
        filename: f.filename,
        status,
        additions: add,
        deletions: del,
        changes: add + del,
        blob_url: `https://github.com/${owner}/${name}/blob/${c.sha}/${f.filename}`,
        raw_url: `https://github.com/${owner}/${name}/raw/${c.sha}/${f.filename}`,
        contents_url: `${this.url}/repos/${owner}/${name}/contents/${f.filename}?ref=${c.sha}`,
        patch,
        ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
      };
    });
    const who = { name: c.author ?? 'Monalisa Octocat', email: 'mona@example.com', date: '2026-11-20T10:00:00Z' };
    const login = c.author ?? 'octocat';
    const response = {
      url: `${this.url}/repos/${owner}/${name}/commits/${c.sha}`,
      sha: c.sha,
      node_id: 'MDY6Q29tbWl0NmRjYjA5YjViNTc4NzVmMzM0ZjYxYWViZWQ2OTVlMmU0MTkzZGI1ZQ==',
      html_url: `https://github.com/${owner}/${name}/commit/${c.sha}`,
      comments_url: `${this.url}/repos/${owner}/${name}/commits/${c.sha}/comments`,
      commit: {
        url: `${this.url}/repos/${owner}/${name}/git/commits/${c.sha}`,
        author: who,
        committer: who,
        message: c.message,
        tree: { url: `${this.url}/repos/${owner}/${name}/tree/${hex(c.sha)}`, sha: hex(c.sha) },
        comment_count: 0,
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
      },
      author: { ...structuredClone(ownerFixture), login, id: 583231 },
      committer: { ...structuredClone(ownerFixture), login, id: 583231 },
      parents: [{ url: `${this.url}/repos/${owner}/${name}/commits/${parent}`, sha: parent }],
      stats: { additions, deletions, total: additions + deletions },
      files,
    };
    this.commits.set(`${owner}/${name}@${c.sha}`.toLowerCase(), { response, contents });
    return response;
  }

  /** A pull request from `head` into `base` (commits added with addCommit); `fork` puts the head in another owner's copy. */
  addPull(owner: string, name: string, p: { number: number; head: string; base: string; user?: string; userType?: 'User' | 'Bot'; fork?: string; title?: string }) {
    const repo = `${owner}/${name}`;
    const headRepo = p.fork ? `${p.fork}/${name}` : repo;
    const pull = {
      url: `${this.url}/repos/${repo}/pulls/${p.number}`,
      id: 1_000_000 + p.number,
      number: p.number,
      state: 'open',
      title: p.title ?? `PR ${p.number}`,
      draft: false,
      updated_at: new Date().toISOString(),
      html_url: `https://github.com/${repo}/pull/${p.number}`,
      user: { ...structuredClone(ownerFixture), login: p.user ?? owner, type: p.userType ?? 'User' },
      head: { label: `${headRepo.split('/')[0]}:feature`, ref: 'feature', sha: p.head, repo: { full_name: headRepo, fork: !!p.fork } },
      base: { label: `${owner}:main`, ref: 'main', sha: p.base, repo: { full_name: repo, fork: false } },
    };
    // A new head moves the PR to the front of the list, as GitHub's `sort=updated` would.
    this.pulls.delete(`${repo}#${p.number}`.toLowerCase());
    this.pulls.set(`${repo}#${p.number}`.toLowerCase(), pull);
    return pull;
  }

  /** A check run on a commit (its duration is completed_at − started_at). */
  addCheckRun(owner: string, name: string, sha: string, run: { name: string; status?: string; conclusion: string | null; started_at: string; completed_at: string | null }) {
    const key = `${owner}/${name}@${sha}`.toLowerCase();
    const list = this.checkRuns.get(key) ?? [];
    list.push({ id: 4_000_000 + list.length, head_sha: sha, status: run.status ?? (run.completed_at ? 'completed' : 'in_progress'), ...run });
    this.checkRuns.set(key, list);
  }

  on(method: string, re: RegExp, handler: Handler): void {
    this.#custom.unshift({ method: method.toUpperCase(), re, handler });
  }

  failNext(re: RegExp, status: number, times = 1): void {
    this.#failures.push({ re, status, times });
  }

  /** Ends injected failures (all, or those injected with this exact pattern): e.g. after `failNext(re, 502, Infinity)`. */
  clearFailures(re?: RegExp): void {
    this.#failures = re ? this.#failures.filter((f) => f.re.source !== re.source || f.re.flags !== re.flags) : [];
  }

  /** The commits reachable from head and not from base (first parents, through recorded commits), oldest first. */
  #ahead(key: string, base: string, head: string): string[] {
    const ancestry = (sha: string) => {
      const out: string[] = [];
      for (let c = this.commits.get(`${key}@${sha}`); c; c = this.commits.get(`${key}@${(c.response.parents as { sha: string }[])[0]?.sha}`)) out.push(c.response.sha as string);
      return out;
    };
    const fromBase = new Set(ancestry(base));
    return ancestry(head).filter((sha) => !fromBase.has(sha)).reverse();
  }

  /** The files these commits change, each as the last of them left it (a comparison's `files`). */
  #netFiles(key: string, shas: string[]): Record<string, unknown>[] {
    const byPath = new Map<string, Record<string, unknown>>();
    for (const sha of shas) for (const f of this.commits.get(`${key}@${sha}`)!.response.files as Record<string, unknown>[]) byPath.set(f.filename as string, f);
    return [...byPath.values()];
  }

  count(method: string, re: RegExp): number {
    return this.requests.filter((r) => r.method === method && re.test(r.path)).length;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://x');
    const raw = (await readBody(req)).toString('utf8');
    let body: unknown = undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const r: FakeRequest = { method: req.method ?? 'GET', path: decodeURIComponent(u.pathname), query: u.searchParams, headers: req.headers, body };
    this.requests.push(r);
    res.setHeader('x-github-request-id', '0000:00000:0000000:0000000:00000000');
    res.setHeader('x-ratelimit-limit', '5000');
    res.setHeader('x-ratelimit-remaining', '4999');
    res.setHeader('x-ratelimit-reset', String(Math.floor(Date.now() / 1000) + 3600));
    res.setHeader('x-ratelimit-resource', 'core');

    const fail = this.#failures.find((f) => f.times > 0 && f.re.test(r.path));
    if (fail) {
      fail.times--;
      return json(res, fail.status, { message: fail.status >= 500 ? 'Server Error' : 'Injected failure', documentation_url: 'https://docs.github.com/rest' });
    }
    for (const c of this.#custom) if (c.method === r.method && c.re.test(r.path)) return c.handler(r, res);

    // OAuth code exchange lives on github.com, not the API; the tests point GITHUB_OAUTH_URL here too.
    if (r.method === 'POST' && r.path === '/login/oauth/access_token') {
      const code = (body as { code?: string })?.code;
      const user = [...this.users.values()].find((x) => `code-for-${x.login}` === code);
      return user ? json(res, 200, { access_token: user.token, token_type: 'bearer', scope: user.scopes }) : json(res, 200, { error: 'bad_verification_code' });
    }

    const auth = (req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '');
    const user = this.users.get(auth);
    if (!user) return json(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    res.setHeader('x-oauth-scopes', user.scopes);

    let m: RegExpMatchArray | null;
    if (r.method === 'GET' && r.path === '/user') {
      return json(res, 200, { ...structuredClone(ownerFixture), login: user.login, id: user.id, type: 'User', name: user.name, avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4` });
    }
    if (r.method === 'GET' && r.path === '/user/repos') {
      const visible = [...this.repos.values()].filter((x) => x.__owners.has(user.login)).map(publicRepo);
      const perPage = Number(u.searchParams.get('per_page') ?? 30);
      const page = Number(u.searchParams.get('page') ?? 1);
      const slice = visible.slice((page - 1) * perPage, page * perPage);
      if (page * perPage < visible.length) res.setHeader('link', `<${this.url}/user/repos?per_page=${perPage}&page=${page + 1}>; rel="next"`);
      return json(res, 200, slice);
    }
    if ((m = r.path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/))) {
      const key = `${m[1]}/${m[2]}`.toLowerCase();
      const repo = this.repos.get(key);
      if (!repo || (repo.private && !repo.__owners.has(user.login))) return json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository', status: '404' });
      const rest = m[3] ?? '';
      if (r.method === 'GET' && rest === '') return json(res, 200, publicRepo(repo));
      let cm: RegExpMatchArray | null;
      if (r.method === 'GET' && (cm = rest.match(/^\/commits\/([0-9a-f]{7,40})$/))) {
        const c = this.commits.get(`${key}@${cm[1]}`);
        if (!c) return json(res, 422, { message: `No commit found for SHA: ${cm[1]}`, documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit', status: '422' });
        // GitHub pages a commit's files (300 by default) and lists at most 3,000 of them, without saying it cut the list.
        const files = (c.response.files as unknown[]).slice(0, GITHUB_FILE_LIMIT);
        const perPage = Number(u.searchParams.get('per_page') ?? 300);
        const page = Number(u.searchParams.get('page') ?? 1);
        if (files.length <= perPage && page === 1) return json(res, 200, c.response);
        if (page * perPage < files.length) res.setHeader('link', `<${this.url}${r.path}?per_page=${perPage}&page=${page + 1}>; rel="next"`);
        return json(res, 200, { ...c.response, files: files.slice((page - 1) * perPage, page * perPage) });
      }
      if (r.method === 'GET' && (cm = rest.match(/^\/compare\/([0-9a-f]{7,40})\.\.\.([0-9a-f]{7,40})$/))) {
        if (!this.commits.has(`${key}@${cm[1]}`) || !this.commits.has(`${key}@${cm[2]}`)) return json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits', status: '404' });
        const ahead = this.#ahead(key, cm[1]!, cm[2]!);
        const perPage = Number(u.searchParams.get('per_page') ?? 250);
        const page = Number(u.searchParams.get('page') ?? 1);
        const commits = ahead.slice((page - 1) * perPage, page * perPage).map((sha) => {
          const { files: _f, stats: _s, ...item } = this.commits.get(`${key}@${sha}`)!.response;
          return item;
        });
        if (page * perPage < ahead.length) res.setHeader('link', `<${this.url}${r.path}?per_page=${perPage}&page=${page + 1}>; rel="next"`);
        // The comparison's changed files are listed on the first page only, at most 3,000 of them.
        const files = page === 1 ? this.#netFiles(key, ahead).slice(0, GITHUB_FILE_LIMIT) : [];
        return json(res, 200, { status: 'ahead', ahead_by: ahead.length, behind_by: 0, total_commits: ahead.length, commits, files });
      }
      if (r.method === 'GET' && rest === '/pulls') {
        // Open (or ?state=) pull requests, most recently added first, paginated.
        const state = u.searchParams.get('state') ?? 'open';
        const all = [...this.pulls.entries()].filter(([k, p]) => k.startsWith(`${key}#`) && (state === 'all' || p.state === state)).map(([, p]) => p).reverse();
        const perPage = Number(u.searchParams.get('per_page') ?? 30);
        const page = Number(u.searchParams.get('page') ?? 1);
        if (page * perPage < all.length) res.setHeader('link', `<${this.url}${r.path}?state=${state}&per_page=${perPage}&page=${page + 1}>; rel="next"`);
        return json(res, 200, all.slice((page - 1) * perPage, page * perPage));
      }
      if (r.method === 'GET' && (cm = rest.match(/^\/pulls\/([0-9]+)$/))) {
        const pull = this.pulls.get(`${key}#${cm[1]}`) as (Record<string, unknown> & { head: { sha: string }; base: { sha: string } }) | undefined;
        if (!pull) return json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request', status: '404' });
        // Its counts, as GitHub computes them from base...head (uncapped, unlike the file lists).
        const ahead = this.#ahead(key, pull.base.sha, pull.head.sha);
        return json(res, 200, { ...pull, commits: ahead.length, changed_files: this.#netFiles(key, ahead).length });
      }
      if (r.method === 'GET' && (cm = rest.match(/^\/commits\/([0-9a-f]{7,40})\/check-runs$/))) {
        const runs = this.checkRuns.get(`${key}@${cm[1]}`) ?? [];
        return json(res, 200, { total_count: runs.length, check_runs: runs });
      }
      if (r.method === 'GET' && (cm = rest.match(/^\/commits\/([0-9a-f]{7,40})\/status$/))) {
        const list = this.statuses.get(`${key}@${cm[1]}`) ?? [];
        // The latest status per context, as GitHub combines them.
        const latest = [...new Map(list.map((x) => [x.context, x])).values()];
        const states = latest.map((x) => x.state);
        const state = states.includes('failure') || states.includes('error') ? 'failure' : states.includes('pending') || states.length === 0 ? 'pending' : 'success';
        return json(res, 200, { ...structuredClone(combinedStatusFixture), state, sha: cm[1], total_count: latest.length, statuses: latest, repository: publicRepo(repo) });
      }
      if (r.method === 'POST' && (cm = rest.match(/^\/statuses\/([0-9a-f]{40})$/))) {
        if (this.statusDenied.has(user.login)) return json(res, 403, { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status', status: '403' });
        const b = (body ?? {}) as { state?: string; description?: string; context?: string; target_url?: string };
        if (!['error', 'failure', 'pending', 'success'].includes(b.state ?? '')) return json(res, 422, { message: 'Validation Failed', status: '422' });
        const list = this.statuses.get(`${key}@${cm[1]}`) ?? [];
        const now = new Date().toISOString();
        const status = {
          ...structuredClone(createdStatusFixture),
          url: `${this.url}/repos/${key}/statuses/${cm[1]}`,
          id: 5_000_000 + list.length,
          state: b.state,
          description: b.description ?? null,
          context: b.context ?? 'default',
          target_url: b.target_url ?? null,
          creator: { ...(createdStatusFixture.creator as Record<string, unknown>), login: user.login, id: user.id },
          created_at: now,
          updated_at: now,
        };
        list.push(status);
        this.statuses.set(`${key}@${cm[1]}`, list);
        return json(res, 201, status);
      }
      if (r.method === 'GET' && (cm = rest.match(/^\/contents\/(.+)$/))) {
        const ref = u.searchParams.get('ref') ?? '';
        for (const c of this.commits.values()) {
          const text = c.contents.get(`${cm[1]}@${ref}`);
          if (text !== undefined) {
            res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
            return void res.end(text);
          }
        }
        return json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' });
      }
      if (rest === '/hooks') {
        if (!repo.__hooksAllowed || !repo.__owners.has(user.login)) return json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/webhooks/repos', status: '404' });
        const list = this.hooks.get(key) ?? [];
        if (r.method === 'GET') return json(res, 200, list);
        if (r.method === 'POST') {
          const b = body as { config?: Record<string, unknown>; events?: string[]; active?: boolean };
          const id = 12345678 + list.length;
          const hook = {
            type: 'Repository',
            id,
            name: 'web',
            active: b.active ?? true,
            events: b.events ?? ['push'],
            // GitHub never echoes the secret back.
            config: { ...b.config, secret: b.config?.secret ? '********' : undefined },
            updated_at: '2026-11-20T10:00:00Z',
            created_at: '2026-11-20T10:00:00Z',
            url: `${this.url}/repos/${key}/hooks/${id}`,
            test_url: `${this.url}/repos/${key}/hooks/${id}/test`,
            ping_url: `${this.url}/repos/${key}/hooks/${id}/pings`,
            deliveries_url: `${this.url}/repos/${key}/hooks/${id}/deliveries`,
            last_response: { code: null, status: 'unused', message: null },
            __secret: b.config?.secret,
          };
          this.hooks.set(key, [...list, hook]);
          const { __secret: _s, ...visible } = hook;
          return json(res, 201, visible);
        }
      }
    }
    return json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }
}

function publicRepo(r: Record<string, unknown>): Record<string, unknown> {
  const { __hooksAllowed: _a, __owners: _b, ...rest } = r;
  return rest;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function hex(s: string): string {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(5);
}

/** A line diff (LCS) rendered as one unified hunk — enough for GitHub's `patch` field shape. */
export function unifiedPatch(before: string, after: string): { patch: string; add: number; del: number } {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  let add = 0;
  let del = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      lines.push(` ${a[i]}`);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      lines.push(`+${b[j]}`);
      j++;
      add++;
    } else {
      lines.push(`-${a[i]}`);
      i++;
      del++;
    }
  }
  return { patch: `@@ -${n ? 1 : 0},${n} +${m ? 1 : 0},${m} @@\n${lines.join('\n')}`, add, del };
}
