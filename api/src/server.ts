/**
 * Builds the api's dependencies and serves the Hono app and the WebSocket hub
 * on one http server. Used by both entry points (bin/) and by the tests, which
 * run the real server on a random port.
 */
import type { AddressInfo, Socket } from 'node:net';
import type { Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { TokenCipher, type Bus, type DbHandle, type Logger } from '@tamagitto/db';
import { createApp, type AppOptions } from './app.ts';
import { clientErrorReply } from './http/errors.ts';
import type { AppDeps } from './deps.ts';
import type { ApiEnv, Secrets } from './env.ts';
import { githubFactory } from './github/client.ts';
import { DeliveryIngestor } from './ingest/delivery-ingestor.ts';
import { isWebhookRequest, serveWebhook } from './ingest/fast-webhook.ts';
import { fastRead, isPetReadRequest, servePetRead } from './pets/fast-read.ts';
import { closePetCache } from './pets/pet-cache.ts';
import { createMetrics } from './health/metrics.ts';
import { createRateLimits } from './http/rate-limit.ts';
import { SessionSigner } from './auth/session-signer.ts';
import { attachWebSockets, type WsHub } from './live/ws-hub.ts';

export interface ApiServer {
  url: string;
  port: number;
  deps: AppDeps;
  hub: WsHub;
  close(): Promise<void>;
}

export function buildDeps(input: { env: Readonly<ApiEnv>; secrets: Secrets; db: DbHandle; bus: Bus; log: Logger; now?: () => Date }): AppDeps {
  const metrics = createMetrics({ defaults: true });
  return {
    env: input.env,
    secrets: input.secrets,
    db: input.db.db,
    pingDb: () => input.db.ping(),
    bus: input.bus,
    log: input.log,
    cipher: new TokenCipher(input.secrets.tokenEncryptionKey),
    // The bus tells every instance about sign-outs, so verified sessions can be cached (auth/session-signer.ts).
    sessions: new SessionSigner(input.secrets.jwtSecret, input.db.db, { bus: input.bus }),
    github: githubFactory(input.env.GITHUB_API_URL),
    ingestor: new DeliveryIngestor(input.db, input.bus, input.log),
    metrics,
    rateLimits: createRateLimits({ env: input.env, log: input.log, metrics }),
    now: input.now ?? (() => new Date()),
  };
}

export interface ServerOptions extends AppOptions {
  /** Serve GET /api/pets/{id} on node:http (pets/fast-read.ts); default on. Tests turn it off to compare with Hono's answers. */
  fastReads?: boolean;
}

export async function startApiServer(deps: AppDeps, listen: { port: number; host: string }, options: ServerOptions = {}): Promise<ApiServer> {
  const app = createApp(deps, options);
  const hono = getRequestListener(app.fetch);
  // The two hot paths on plain node:http (same answers as the Hono routes), every other request through Hono.
  const reads = options.fastReads === false ? null : fastRead(deps, options);
  const server: Server = createServer((req, res) => {
    if (reads !== null && isPetReadRequest(req)) servePetRead(reads, req, res);
    else if (isWebhookRequest(req)) serveWebhook(deps, req, res);
    else void hono(req, res);
  });
  // A request the HTTP parser refuses (headers over 16 KB, not HTTP) gets the error envelope too, not node's bare status line.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // What the parser refused may be bytes after a request it accepted and a handler is still answering — e.g. a
    // DELETE's body sent without Content-Length after `Connection: close`: that request was valid and acted on, so it
    // gets its own answer, and the connection closes after it (a 400 written now would be read as its answer).
    // `_httpMessage` is node's own record of the response a socket is serving (node:_http_server), never public.
    const answering = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (answering && !answering.writableFinished && err.code !== 'ECONNRESET') {
      answering.once('finish', () => socket.end());
      answering.once('close', () => socket.destroy());
      return;
    }
    if (err.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) socket.end(clientErrorReply(err));
    else socket.destroy();
  });
  // Slow-loris guard, and keep-alive longer than typical proxy idle timeouts.
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  const hub = await attachWebSockets(server, deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host;
  return {
    url: `http://${host}:${port}`,
    port,
    deps,
    hub,
    async close() {
      await hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; in-flight requests get 5 s.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      // Stored deliveries still waiting for the bus get a few seconds; the rest stay queued for the sweep.
      await deps.ingestor.close();
      await deps.rateLimits.close();
      await deps.sessions.close();
      await closePetCache(deps);
    },
  };
}
