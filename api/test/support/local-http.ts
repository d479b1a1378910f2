/**
 * A throwaway HTTP server on 127.0.0.1 and a random port: what the fakes of
 * GitHub, Anthropic and Gemini stand on. `close()` also ends open (keep-alive
 * or streaming) connections, so a test never waits for a client to hang up.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class LocalHttp {
  readonly #server: Server;

  constructor(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void) {
    this.#server = createServer((req, res) => void handler(req, res));
  }

  /** Resolves to the base URL, e.g. `http://127.0.0.1:41234`. */
  async start(): Promise<string> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((r) => this.#server.close(() => r()));
  }
}

/** The whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
