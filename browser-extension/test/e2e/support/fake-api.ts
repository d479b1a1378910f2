/**
 * A test double of OUR API (not of GitHub) for UI tests while the real API is
 * being built: answers the shapes of `@tamagitto/domain` (db/domain/src/api/contract.ts) on 127.0.0.1, with a
 * ticketed WebSocket. The full-stack e2e uses the real API instead.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AnalysisSummaryDto, HealthEntryDto, PetDto, RepoDto, ServerMessage, SessionDto } from '@tamagitto/domain';

export const XSS = '<img src=x onerror="window.__xss=1">';

export function makePet(over: Partial<PetDto> & { id: string; fullName: string }): PetDto {
  const [owner = 'o', name = 'n'] = over.fullName.split('/');
  const { fullName, ...rest } = over;
  return {
    name: 'Bitsy',
    family: 'pet',
    species: 'cat',
    health: 72,
    state: 'healthy',
    stage: 'teen',
    repo: { owner, name, fullName, language: 'TypeScript', url: `https://github.com/${fullName}` },
    lastCommitAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    diedAt: null,
    reviveAvailableAt: null,
    webhook: { registered: true, error: null },
    accessLostAt: null,
    favourite: false,
    position: null,
    badgePublic: false,
    checkThresholds: { failOnSecret: true, failAtDelta: -10, warnBelowDelta: 0, warnOnUntestedCode: true, custom: false },
    ...rest,
  };
}

export interface FakeApi {
  origin: string;
  pets: PetDto[];
  repos: RepoDto[];
  history: Record<string, HealthEntryDto[]>;
  analyses: Record<string, AnalysisSummaryDto[]>;
  /** Route overrides: path → [status, body | raw string, content type of a raw string (default text/html)]. */
  overrides: Map<string, [number, unknown] | [number, string, string]>;
  tickets: string[];
  sockets: Set<WebSocket>;
  pings: number;
  requests: string[];
  /** While true, every HTTP request's connection is dropped unanswered: the server "cannot be reached" (open sockets stay). */
  refuse: boolean;
  push(msg: ServerMessage): void;
  dropSockets(): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, rawType = 'text/html') => {
  if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': rawType }).end(body);
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const err = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { error: { code, message } });

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let data = '';
  for await (const chunk of req) data += chunk;
  try {
    return data ? (JSON.parse(data) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function startFakeApi(init: { pets?: PetDto[]; repos?: RepoDto[] } = {}): Promise<FakeApi> {
  const SESSION = 'session-jwt-for-tests';
  const validTickets = new Set<string>();
  const api: FakeApi = {
    origin: '',
    pets: init.pets ?? [],
    repos: init.repos ?? [],
    history: {},
    analyses: {},
    overrides: new Map(),
    tickets: [],
    sockets: new Set(),
    pings: 0,
    requests: [],
    refuse: false,
    push(msg) {
      // Keep our own record in step, as the real API's database would be.
      if (msg.type === 'pet.updated') {
        api.pets = api.pets.map((p) => (p.id === msg.petId ? { ...p, health: msg.health, state: msg.state, stage: msg.stage } : p));
      }
      for (const s of api.sockets) s.send(JSON.stringify(msg));
    },
    dropSockets() {
      for (const s of api.sockets) s.terminate();
    },
    close: async () => undefined,
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      api.requests.push(`${req.method} ${path}`);
      if (api.refuse) return void req.socket.destroy();
      const override = api.overrides.get(path);
      if (override) return json(res, override[0], override[1], override[2]);
      if (req.method === 'POST' && path === '/api/auth/pat') {
        const body = await readBody(req);
        if (body.token !== 'ghp_good') return err(res, 401, 'github_unauthorized', 'GitHub rejected that token (bad credentials).');
        const session: SessionDto = { token: SESSION, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), user: { id: 'u1', login: 'octocat', name: 'Mona', avatarUrl: null } };
        return json(res, 200, session);
      }
      if (path === '/api/auth/github') return err(res, 501, 'not_configured', 'GitHub OAuth is not configured on this server.');
      if (req.headers.authorization !== `Bearer ${SESSION}`) return err(res, 401, 'unauthorized', 'Sign in first.');
      if (req.method === 'POST' && path === '/api/ws/ticket') {
        const ticket = `tk-${api.tickets.length + 1}`;
        api.tickets.push(ticket);
        validTickets.add(ticket);
        return json(res, 200, { ticket, expiresAt: new Date(Date.now() + 30_000).toISOString() });
      }
      if (path === '/api/pets' && req.method === 'GET') return json(res, 200, { items: api.pets });
      if (path === '/api/pets' && req.method === 'POST') {
        const body = await readBody(req);
        const repo = api.repos.find((r) => r.fullName === body.repo);
        if (!repo) return err(res, 404, 'not_found', 'No such repository.');
        const pet = makePet({ id: `pet-${repo.name}`, fullName: repo.fullName, name: 'Sprout', family: 'plant', species: 'succulent', state: 'egg', stage: 'baby', health: 50 });
        api.pets.push(pet);
        repo.adopted = true;
        repo.petId = pet.id;
        return json(res, 201, pet);
      }
      if (path === '/api/repos') return json(res, 200, { items: api.repos });
      const byRepo = /^\/api\/pets\/by-repo\/([^/]+)\/([^/]+)$/.exec(path);
      if (byRepo) {
        const full = `${decodeURIComponent(byRepo[1] ?? '')}/${decodeURIComponent(byRepo[2] ?? '')}`.toLowerCase();
        const pet = api.pets.find((p) => p.repo.fullName.toLowerCase() === full);
        return pet ? json(res, 200, pet) : err(res, 404, 'not_found', 'No pet for this repository.');
      }
      const sub = /^\/api\/pets\/([^/]+)\/(history|analyses|revive)$/.exec(path);
      if (sub) {
        const id = decodeURIComponent(sub[1] ?? '');
        if (sub[2] === 'history') return json(res, 200, { items: api.history[id] ?? [] });
        if (sub[2] === 'analyses') return json(res, 200, { items: api.analyses[id] ?? [], nextCursor: null });
        return err(res, 409, 'cooldown', 'Still in cooldown.');
      }
      // Coaching routes are absent unless a test overrides them: a bare 404 like a proxy would give.
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    })();
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/api/ws' || !validTickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      api.sockets.add(ws);
      ws.on('message', (data) => {
        if (String(data) === '{"type":"ping"}') api.pings++;
      });
      ws.on('close', () => api.sockets.delete(ws));
      ws.send(JSON.stringify({ type: 'hello', userId: 'u1' }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = async () => {
    for (const s of api.sockets) s.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return api;
}
