/**
 * A small GitHub REST server on 127.0.0.1 for the worker's tests (the worker
 * reaches GitHub through its base URL; the network is closed). It serves what
 * the poller, the token fallback and the access check read: a repository
 * (`GET /repos/{o}/{r}`), its default branch's commit list (newest first,
 * paginated, with ETags and 304s), single commits with a file, and the compare API (oldest first,
 * paginated, `total_commits`, merge base after a force-push), and what a PR check reads and writes
 * (`pulls/{n}`, a commit's `check-runs` and `status`, `POST statuses/{sha}`). Commit items
 * follow the shape of GitHub's OpenAPI examples for the commits list.
 *
 * The api's tests have a fuller fake with recorded payloads
 * (api/test/support/fake-github.ts); workspaces cannot import each other's
 * tests, so this one holds only what worker tests need.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCommit {
  sha: string;
  parent: string | null;
  message: string;
  date: string;
}

interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  /** Logins that can read it; everyone else gets 404, as GitHub answers for a private repository. */
  readers: Set<string>;
  /** The default branch `main`, newest first. */
  branch: string[];
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  token: string;
}

export class WorkerFakeGithub {
  readonly requests: FakeRequest[] = [];
  readonly commits = new Map<string, FakeCommit>();
  readonly #users = new Map<string, string>();
  readonly #repos = new Map<string, FakeRepo>();
  readonly #server: Server = createServer((req, res) => void this.#handle(req, res));
  /** Answer everything with this status while set (an outage). */
  outage: number | null = null;
  /** Answer a request with the status this returns, when it returns one (e.g. only the second compare page). */
  failWhen: ((r: FakeRequest) => number | null) | null = null;
  /** Pull requests by "owner/name#n": head and base SHAs (commits made with push()). */
  readonly pulls = new Map<string, { head: string; base: string; user: string }>();
  /** Commit statuses posted, in order. */
  readonly statuses: { repo: string; sha: string; state: string; context: string; description: string }[] = [];
  /** Per token overrides: answer every request made with it with this status (e.g. 403 with a rate-limit header). */
  readonly tokenStatus = new Map<string, { status: number; headers?: Record<string, string>; message?: string }>();
  url = '';
  #seq = 0;
  #failures: { re: RegExp; status: number; times: number }[] = [];

  async start(): Promise<this> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((r) => this.#server.close(() => r()));
  }

  /** A token GitHub accepts, for `login`. Deleting it (`revoke`) makes GitHub answer 401. */
  addUser(login: string, token: string): void {
    this.#users.set(token, login);
  }

  revoke(token: string): void {
    this.#users.delete(token);
  }

  addRepo(owner: string, name: string, id: number, readers: string[]): FakeRepo {
    const repo = { id, owner, name, readers: new Set(readers), branch: [] };
    this.#repos.set(`${owner}/${name}`, repo);
    return repo;
  }

  /** Pushes `n` commits on top of the branch; returns their SHAs oldest first. */
  push(repo: FakeRepo, n: number, date = '2026-12-01T10:00:00Z'): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const sha = createHash('sha1').update(`${repo.owner}/${repo.name}#${this.#seq++}`).digest('hex');
      this.commits.set(sha, { sha, parent: repo.branch[0] ?? null, message: `commit ${this.#seq}`, date });
      repo.branch.unshift(sha);
      out.push(sha);
    }
    return out;
  }

  /** A pull request from `head` into `base`. */
  addPull(repo: FakeRepo, number: number, p: { head: string; base: string; user?: string }): void {
    this.pulls.set(`${repo.owner}/${repo.name}#${number}`, { user: 'octocat', ...p });
  }

  /** Moves the branch back by `n` commits (a force-push to an ancestor), before pushing others on top. */
  reset(repo: FakeRepo, n: number): void {
    repo.branch.splice(0, n);
  }

  /** The next `times` requests whose path matches `re` are answered `status`. */
  failNext(re: RegExp, status: number, times = 1): void {
    this.#failures.push({ re, status, times });
  }

  count(re: RegExp): number {
    return this.requests.filter((r) => re.test(r.path)).length;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://x');
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, '');
    const r: FakeRequest = { method: req.method ?? 'GET', path: decodeURIComponent(u.pathname), query: u.searchParams, token };
    this.requests.push(r);
    res.setHeader('x-ratelimit-limit', '5000');
    res.setHeader('x-ratelimit-remaining', '4999');
    if (this.outage !== null) return json(res, this.outage, { message: 'Server Error' });
    const failStatus = this.failWhen?.(r);
    if (failStatus) return json(res, failStatus, { message: 'Injected failure' });
    const fail = this.#failures.find((f) => f.times > 0 && f.re.test(r.path));
    if (fail) {
      fail.times--;
      return json(res, fail.status, { message: 'Injected failure' });
    }
    const forced = this.tokenStatus.get(token);
    if (forced) return json(res, forced.status, { message: forced.message ?? 'Injected failure' }, forced.headers);
    const login = this.#users.get(token);
    if (!login) return json(res, 401, { message: 'Bad credentials', status: '401' });
    const m = r.path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/);
    const repo = m ? this.#repos.get(`${m[1]}/${m[2]}`) : undefined;
    if (!m || !repo || !repo.readers.has(login)) return json(res, 404, { message: 'Not Found', status: '404' });
    const rest = m[3] ?? '';
    const perPage = Number(u.searchParams.get('per_page') ?? 30);
    const page = Number(u.searchParams.get('page') ?? 1);
    if (rest === '') {
      return json(res, 200, { id: repo.id, name: repo.name, full_name: `${repo.owner}/${repo.name}`, owner: { login: repo.owner }, private: true, default_branch: 'main' });
    }
    if (rest === '/commits') {
      if (repo.branch.length === 0) return json(res, 409, { message: 'Git Repository is empty.' });
      const etag = `W/"${createHash('sha1').update(`${repo.branch[0]}:${perPage}:${page}`).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        return void res.end();
      }
      const history = this.#ancestry(repo.branch[0]!);
      const items = history.slice((page - 1) * perPage, page * perPage).map((sha) => this.#item(repo, sha));
      const link = page * perPage < history.length ? `<${this.url}${r.path}?per_page=${perPage}&page=${page + 1}>; rel="next"` : undefined;
      return json(res, 200, items, { etag, ...(link ? { link } : {}) });
    }
    const one = rest.match(/^\/commits\/([0-9a-f]{40})$/);
    if (one) {
      // One commit with its files, as GET /repos/{owner}/{repo}/commits/{sha} answers (one small file each).
      const c = this.commits.get(one[1]!);
      if (!c) return json(res, 422, { message: `No commit found for SHA: ${one[1]}` });
      const patch = '@@ -0,0 +1,3 @@\n+export function f(): number {\n+  return 1;\n+}';
      return json(res, 200, {
        ...this.#item(repo, c.sha),
        stats: { additions: 3, deletions: 0, total: 3 },
        files: [{ filename: `src/${c.sha.slice(0, 8)}.ts`, status: 'added', additions: 3, deletions: 0, changes: 3, patch }],
      });
    }
    const pull = rest.match(/^\/pulls\/([0-9]+)$/);
    if (pull && r.method === 'GET') {
      const p = this.pulls.get(`${repo.owner}/${repo.name}#${pull[1]}`);
      if (!p) return json(res, 404, { message: 'Not Found', status: '404' });
      const full = `${repo.owner}/${repo.name}`;
      return json(res, 200, { number: Number(pull[1]), state: 'open', user: { login: p.user, type: 'User' }, head: { sha: p.head, repo: { full_name: full } }, base: { sha: p.base, repo: { full_name: full } } });
    }
    if (/^\/commits\/[0-9a-f]{40}\/check-runs$/.test(rest)) return json(res, 200, { total_count: 0, check_runs: [] });
    if (/^\/commits\/[0-9a-f]{40}\/status$/.test(rest)) return json(res, 200, { state: 'pending', total_count: 0, statuses: [] });
    const st = rest.match(/^\/statuses\/([0-9a-f]{40})$/);
    if (st && r.method === 'POST') {
      const body = JSON.parse((await readBody(req)) || '{}') as { state?: string; context?: string; description?: string };
      this.statuses.push({ repo: `${repo.owner}/${repo.name}`, sha: st[1]!, state: body.state ?? '', context: body.context ?? '', description: body.description ?? '' });
      return json(res, 201, { id: this.statuses.length, ...body });
    }
    const cm = rest.match(/^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/);
    if (cm) {
      const [, base, head] = cm as unknown as [string, string, string];
      if (!this.commits.has(base) || !this.commits.has(head)) return json(res, 404, { message: 'Not Found', status: '404' });
      const fromBase = new Set(this.#ancestry(base));
      const ahead = this.#ancestry(head).filter((sha) => !fromBase.has(sha)).reverse(); // oldest first
      const behind = this.#ancestry(base).filter((sha) => !new Set(this.#ancestry(head)).has(sha)).length;
      const items = ahead.slice((page - 1) * perPage, page * perPage).map((sha) => this.#item(repo, sha));
      const link = page * perPage < ahead.length ? `<${this.url}${r.path}?per_page=${perPage}&page=${page + 1}>; rel="next"` : undefined;
      const status = ahead.length && behind ? 'diverged' : ahead.length ? 'ahead' : behind ? 'behind' : 'identical';
      return json(res, 200, { status, ahead_by: ahead.length, behind_by: behind, total_commits: ahead.length, commits: items, files: [] }, link ? { link } : {});
    }
    return json(res, 404, { message: 'Not Found', status: '404' });
  }

  /** `sha` and its first-parent ancestors, newest first. */
  #ancestry(sha: string): string[] {
    const out: string[] = [];
    for (let c = this.commits.get(sha); c; c = c.parent ? this.commits.get(c.parent) : undefined) out.push(c.sha);
    return out;
  }

  #item(repo: FakeRepo, sha: string): Record<string, unknown> {
    const c = this.commits.get(sha)!;
    const who = { name: 'Monalisa Octocat', email: 'mona@example.com', date: c.date };
    return {
      sha,
      html_url: `https://github.com/${repo.owner}/${repo.name}/commit/${sha}`,
      commit: { message: c.message, author: who, committer: who },
      author: { login: 'octocat' },
      parents: c.parent ? [{ sha: c.parent }] : [],
    };
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
