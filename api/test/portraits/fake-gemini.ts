/**
 * A local Gemini API (generativelanguage.googleapis.com) for tests, reached
 * through GEMINI_BASE_URL. It answers `POST /v1beta/models/<model>:generateContent`
 * in the documented shapes (https://ai.google.dev/api/generate-content):
 * `candidates[0].content.parts[].inlineData { mimeType, data }` plus
 * `usageMetadata`, and errors as `{ error: { code, message, status } }`
 * (https://ai.google.dev/gemini-api/docs/troubleshooting). Every request is
 * recorded with its URL and headers so tests can check what the SDK sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crc32, deflateSync } from 'node:zlib';
import { LocalHttp, readBody } from '../support/local-http.ts';

export interface GeminiRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: { contents?: { role?: string; parts?: { text?: string }[] }[]; generationConfig?: Record<string, unknown> } | null;
}

export type GeminiBehaviour =
  | { kind: 'image' }
  /** An HTTP error in Google's error envelope. */
  | { kind: 'error'; status: number }
  /** Headers never come: the caller must give up on its own. */
  | { kind: 'hang' }
  /** 200 with a body that is not JSON. */
  | { kind: 'not-json' }
  /** 200, JSON, but the inline data is not an image. */
  | { kind: 'not-an-image' }
  /** 200 with text only, as when the model declines to draw. */
  | { kind: 'text-only' };

/** A real (tiny) PNG: 8×8 RGB, one colour, with valid CRCs. */
export function tinyPng(rgb: [number, number, number] = [246, 165, 75]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const w = 8;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(w, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const rows = Buffer.concat(Array.from({ length: w }, () => Buffer.from([0, ...Array.from({ length: w }, () => rgb).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const STATUS_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };

export class FakeGemini {
  readonly requests: GeminiRequest[] = [];
  behaviour: GeminiBehaviour = { kind: 'image' };
  /** Delay before answering (to make concurrent requests overlap). */
  delayMs = 0;
  png = tinyPng();
  url = '';
  readonly #http = new LocalHttp((req, res) => this.#handle(req, res));

  /** generateContent calls only (what the portrait code should make at most once per key). */
  get calls(): GeminiRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && /:generateContent$/.test(r.url.split('?')[0]!));
  }

  async start(): Promise<this> {
    this.url = await this.#http.start();
    return this;
  }

  close(): Promise<void> {
    return this.#http.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: GeminiRequest['body'] = null;
    try {
      body = JSON.parse(raw.toString('utf8')) as GeminiRequest['body'];
    } catch {
      body = null;
    }
    const r: GeminiRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    this.requests.push(r);
    const m = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(r.url.split('?')[0]!);
    if (r.method !== 'POST' || !m) return sendError(res, 404, 'Requested entity was not found.');
    if (!req.headers['x-goog-api-key']) return sendError(res, 403, 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
    if (this.delayMs) await new Promise((ok) => setTimeout(ok, this.delayMs));
    const b = this.behaviour;
    if (b.kind === 'hang') return; // the socket is destroyed by close()
    if (b.kind === 'error') return sendError(res, b.status, b.status === 500 ? 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting' : 'injected failure');
    if (b.kind === 'not-json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      return void res.end('<html><body>502 Bad Gateway</body></html>');
    }
    const promptTokens = 27;
    const parts =
      b.kind === 'text-only'
        ? [{ text: 'I can\'t draw that, but here is a description of a cute pet instead.' }]
        : [
            { text: 'Here is your Tamagotchi portrait.' },
            { inlineData: { mimeType: 'image/png', data: b.kind === 'not-an-image' ? Buffer.from('definitely not a png').toString('base64') : this.png.toString('base64') } },
          ];
    const imageTokens = b.kind === 'text-only' ? 0 : 1290;
    send(res, 200, {
      candidates: [{ content: { parts, role: 'model' }, finishReason: 'STOP', index: 0 }],
      usageMetadata: {
        promptTokenCount: promptTokens,
        candidatesTokenCount: imageTokens + 8,
        totalTokenCount: promptTokens + imageTokens + 8,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
        candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: imageTokens }],
      },
      modelVersion: m[1],
      responseId: 'Yq0kaZ3lC8Ow1MkP6vOA4Qs',
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  send(res, status, { error: { code: status, message, status: STATUS_NAMES[status] ?? 'UNKNOWN' } });
}
