/**
 * bench/fanout's load: a child process holding thousands of WebSocket or SSE clients, driven by
 * IPC from run.ts, so the servers' figures are their own. Each group of clients is "armed" with a
 * marker before a broadcast; the process reports when the first and the last of its clients got
 * a message carrying it (wall clock, performance.timeOrigin + now(), comparable across processes).
 *
 * Commands: { cmd: 'ws', group, url, tokens, count } (a ticket per socket from POST /api/ws/ticket,
 * then GET /api/ws?ticket=…, waits for `hello`), { cmd: 'raw', group, url, count },
 * { cmd: 'sse', group, url, token, count } (GET /api/events), { cmd: 'arm', group, marker, expect }.
 * Each client process uses its own loopback source address (BENCH_LOCAL_ADDRESS): one address
 * has ~28,000 ephemeral ports towards one server port.
 */
import http from 'node:http';
import WebSocket from 'ws';

const localAddress = process.env.BENCH_LOCAL_ADDRESS ?? '127.0.0.1';
/** For the tickets: few keep-alive connections (each is a file descriptor of the api too), closed after each command. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 16, localAddress });
const CONCURRENCY = 128;

interface Group {
  marker: Buffer | null;
  expect: number;
  got: number;
  first: number;
  last: number;
  timer: NodeJS.Timeout | null;
}
const groups = new Map<string, Group>();
/** Per group: how to close each of its clients. */
const held = new Map<string, (() => void)[]>();
function hold(group: string, close: () => void): void {
  let list = held.get(group);
  if (!list) held.set(group, (list = []));
  list.push(close);
}

function groupOf(name: string): Group {
  let g = groups.get(name);
  if (!g) groups.set(name, (g = { marker: null, expect: 0, got: 0, first: 0, last: 0, timer: null }));
  return g;
}

function received(g: Group, data: Buffer): void {
  if (!g.marker || data.indexOf(g.marker) < 0) return;
  const t = performance.timeOrigin + performance.now();
  if (g.got === 0) g.first = t;
  g.last = t;
  if (++g.got === g.expect) report(g);
}

function report(g: Group): void {
  if (g.timer) clearTimeout(g.timer);
  g.timer = null;
  g.marker = null;
  process.send!({ type: 'round', got: g.got, first: g.first, last: g.last });
}

function post(url: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/ws/ticket`, { method: 'POST', agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 201 ? resolve((JSON.parse(body) as { ticket: string }).ticket) : reject(new Error(`ticket: ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

async function openWs(group: string, url: string, token: string | null): Promise<void> {
  const g = groupOf(group);
  const target = token ? `${url.replace('http', 'ws')}/api/ws?ticket=${encodeURIComponent(await post(url, token))}` : url.replace('http', 'ws');
  const ws = new WebSocket(target, { localAddress, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    // The api's first frame is `hello`; the raw server sends nothing until a broadcast.
    if (token) ws.once('message', () => resolve());
    else ws.once('open', () => resolve());
  });
  ws.on('message', (data: Buffer) => received(g, data));
  ws.on('error', () => {});
  hold(group, () => ws.terminate());
}

function openSse(group: string, url: string, token: string): Promise<void> {
  const g = groupOf(group);
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/events`, { agent: false, localAddress, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events: ${res.statusCode}`));
      res.once('data', () => resolve());
      res.on('data', (chunk: Buffer) => received(g, chunk));
    });
    req.on('error', reject);
    req.end();
    hold(group, () => req.destroy());
  });
}

/** Runs `open(i)` for i < count, CONCURRENCY at a time. */
async function many(count: number, open: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, count) }, async () => {
      while (next < count) await open(next++);
    }),
  );
}

type Command =
  | { cmd: 'ws'; group: string; url: string; tokens: string[]; count: number }
  | { cmd: 'raw'; group: string; url: string; count: number }
  | { cmd: 'sse'; group: string; url: string; token: string; count: number }
  | { cmd: 'arm'; group: string; marker: string; expect: number; timeoutMs: number }
  | { cmd: 'close'; group: string };

process.on('message', (m: Command) => {
  const g = groupOf(m.group);
  const done = (p: Promise<void>) =>
    p.finally(() => agent.destroy()).then(
      () => process.send!({ type: 'ok' }),
      (err: Error) => process.send!({ type: 'error', message: err.message }),
    );
  if (m.cmd === 'ws') void done(many(m.count, (i) => openWs(m.group, m.url, m.tokens[i % m.tokens.length]!)));
  else if (m.cmd === 'raw') void done(many(m.count, () => openWs(m.group, m.url, null)));
  else if (m.cmd === 'sse') void done(many(m.count, () => openSse(m.group, m.url, m.token)));
  else if (m.cmd === 'close') {
    for (const close of held.get(m.group) ?? []) close();
    held.delete(m.group);
    process.send!({ type: 'ok' });
  }
  else if (m.cmd === 'arm') {
    Object.assign(g, { marker: Buffer.from(m.marker), expect: m.expect, got: 0, first: 0, last: 0 });
    process.send!({ type: 'ok' });
    if (m.expect === 0) report(g);
    else g.timer = setTimeout(() => report(g), m.timeoutMs);
  }
});
