/**
 * GitHub's contents API on the FakeGithub (GET and PUT
 * /repos/{o}/{r}/contents/{path}), with the real optimistic-concurrency rules:
 * updating needs the current blob sha (stale → 409), creating over an existing
 * file without a sha → 422. Response bodies follow the recorded `create-file`
 * and `get-content` scenarios of @octokit/fixtures.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import type { FakeGithub } from '../../support/index.ts';
import type { FakeRequest } from '../../support/fake-github.ts';

const require = createRequire(import.meta.url);
const createFile = (
  require('@octokit/fixtures/scenarios/api.github.com/create-file/normalized-fixture.json') as { response: { content: Record<string, unknown>; commit: Record<string, unknown> } }[]
)[0]!.response;

export interface ContentsStore {
  files: Map<string, { text: string; sha: string }>;
  puts: { path: string; sha: string | undefined; status: number }[];
  /** Runs once before the next PUT is applied: simulate someone else's edit landing first. */
  beforeNextPut: (() => void) | null;
  write(repo: string, path: string, text: string): void;
  read(repo: string, path: string): string | undefined;
}

function blobSha(text: string): string {
  const buf = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function installContents(fake: FakeGithub): ContentsStore {
  const store: ContentsStore = {
    files: new Map(),
    puts: [],
    beforeNextPut: null,
    write(repo, path, text) {
      store.files.set(`${repo.toLowerCase()}:${path}`, { text, sha: blobSha(text) });
    },
    read(repo, path) {
      return store.files.get(`${repo.toLowerCase()}:${path}`)?.text;
    },
  };
  const re = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/;
  const authed = (req: FakeRequest) => fake.users.has(String(req.headers.authorization ?? '').replace(/^(token|bearer)\s+/i, ''));
  const describe = (repo: string, path: string, f: { text: string; sha: string }) => ({
    ...structuredClone(createFile.content),
    name: path.split('/').at(-1),
    path,
    sha: f.sha,
    size: Buffer.byteLength(f.text),
    url: `${fake.url}/repos/${repo}/contents/${path}?ref=main`,
    html_url: `https://github.com/${repo}/blob/main/${path}`,
    download_url: `https://raw.githubusercontent.com/${repo}/main/${path}`,
    type: 'file',
  });

  fake.on('GET', re, (req, res) => {
    if (!authed(req)) return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const m = req.path.match(re)!;
    const repo = `${m[1]}/${m[2]}`;
    const f = store.files.get(`${repo.toLowerCase()}:${m[3]}`);
    if (!f) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' });
    send(res, 200, { ...describe(repo, m[3]!, f), content: Buffer.from(f.text).toString('base64').replace(/(.{60})/g, '$1\n'), encoding: 'base64' });
  });

  fake.on('PUT', re, (req, res) => {
    if (!authed(req)) return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    const m = req.path.match(re)!;
    const repo = `${m[1]}/${m[2]}`;
    const key = `${repo.toLowerCase()}:${m[3]}`;
    const hook = store.beforeNextPut;
    store.beforeNextPut = null;
    hook?.();
    const b = req.body as { message?: string; content?: string; sha?: string };
    const existing = store.files.get(key);
    const log = (status: number) => store.puts.push({ path: m[3]!, sha: b.sha, status });
    if (typeof b.message !== 'string' || typeof b.content !== 'string') {
      log(422);
      return send(res, 422, { message: 'Invalid request.\n\n"content", "message" weren\'t supplied.', documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '422' });
    }
    if (existing && !b.sha) {
      log(422);
      return send(res, 422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.', documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '422' });
    }
    if (existing && b.sha !== existing.sha) {
      log(409);
      return send(res, 409, { message: `.tamagitto/journal.md does not match ${b.sha}`, documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents', status: '409' });
    }
    const text = Buffer.from(b.content, 'base64').toString('utf8');
    const f = { text, sha: blobSha(text) };
    store.files.set(key, f);
    log(existing ? 200 : 201);
    send(res, existing ? 200 : 201, { content: describe(repo, m[3]!, f), commit: { ...structuredClone(createFile.commit), sha: blobSha(`commit ${text}`), message: b.message } });
  });
  return store;
}
