/**
 * A local Anthropic Messages API (POST /v1/messages) for tests, answering in
 * the real shapes: a `message` object, or — with `stream: true` — the SSE
 * sequence message_start, content_block_start, ping, content_block_delta…,
 * content_block_stop, message_delta (usage), message_stop, as documented at
 * docs.anthropic.com "Streaming Messages". Errors use the documented
 * `{type:'error', error:{type, message}}` envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttp, readBody } from '../../support/local-http.ts';

export interface AnthropicRequest {
  headers: IncomingMessage['headers'];
  body: { model: string; max_tokens: number; system?: string; messages: { role: string; content: string }[]; stream?: boolean };
}

export class FakeAnthropic {
  readonly requests: AnthropicRequest[] = [];
  reply: (req: AnthropicRequest) => string = () => 'Start with the small review: it is quick and someone is waiting.';
  /** Delay before the response headers, and between streamed chunks. */
  headerDelayMs = 0;
  chunkDelayMs = 0;
  /** Next request fails with this HTTP status (documented error types). */
  failNext: number | null = null;
  url = '';
  readonly #http = new LocalHttp((req, res) => this.#handle(req, res));

  async start(): Promise<this> {
    this.url = await this.#http.start();
    return this;
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) return send(res, 404, { type: 'error', error: { type: 'not_found_error', message: 'Not found' } });
    const r: AnthropicRequest = { headers: req.headers, body: JSON.parse(raw.toString('utf8')) as AnthropicRequest['body'] };
    this.requests.push(r);
    if (this.headerDelayMs) await sleep(this.headerDelayMs);
    // The API takes the key as x-api-key; SDK 1.x sends it as a bearer token. Either must be present.
    if (!apiKeyOf(r)) return send(res, 401, { type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
    if (this.failNext) {
      const status = this.failNext;
      this.failNext = null;
      const type = status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : status === 529 ? 'overloaded_error' : 'api_error';
      res.setHeader('retry-after', '17');
      return send(res, status, { type: 'error', error: { type, message: 'injected failure' } });
    }
    const text = this.reply(r);
    const inputTokens = Math.ceil(JSON.stringify(r.body).length / 4);
    const words = text.match(/\S+\s*/g) ?? [];
    const id = 'msg_013Zva2CMHLNnXjNJJKqJ2EF';
    const message = { id, type: 'message', role: 'assistant', model: r.body.model, content: [] as unknown[], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } };
    if (!r.body.stream) {
      return send(res, 200, { ...message, content: [{ type: 'text', text }], stop_reason: 'end_turn', usage: { input_tokens: inputTokens, output_tokens: words.length } });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': 'req_018EeWyXxfu5pfWkrYcMdjWG' });
    const ev = (type: string, data: unknown) => res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    ev('message_start', { type: 'message_start', message });
    ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    ev('ping', { type: 'ping' });
    for (const w of words) {
      if (this.chunkDelayMs) await sleep(this.chunkDelayMs);
      if (res.destroyed) return;
      ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: w } });
    }
    ev('content_block_stop', { type: 'content_block_stop', index: 0 });
    ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: words.length } });
    ev('message_stop', { type: 'message_stop' });
    res.end();
  }
}

export function apiKeyOf(r: AnthropicRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(r.headers.authorization ?? ''))?.[1];
  return (r.headers['x-api-key'] as string | undefined) ?? bearer;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'request-id': 'req_011CSHoEeqs5C35K2UUqR7Fy' });
  res.end(text);
}

/** Parses an SSE body into events (for reading our own /chat stream in tests). */
export function parseSse(text: string): { event: string; data: unknown }[] {
  return text
    .split(/\n\n+/)
    .filter((b) => b.trim())
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return { event, data: JSON.parse(data.join('\n')) as unknown };
    });
}
