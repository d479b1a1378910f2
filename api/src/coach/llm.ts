/**
 * Claude calls for the coach, with the user's own key (X-Anthropic-Key).
 *
 * The key lives only in this request's memory: it is passed to the SDK and
 * dropped. It is never stored, never logged (the SDK's logger is off, and we
 * log only status codes, never error objects that could carry request data).
 * Every call — ok or not — is recorded in `llm_usage` with tokens and an
 * estimated cost, so the Stats tab can show what coaching costs.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { recordLlmUsage } from '../analytics/store.ts';
import { Deadline } from '../deadline.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../http/errors.ts';

/** USD per million tokens (input, output), from Anthropic's public price list. Unknown models use the Haiku price. */
const PRICES: [RegExp, number, number][] = [
  [/haiku-4/, 1, 5],
  [/haiku/, 0.8, 4],
  [/sonnet/, 3, 15],
  [/opus-4-[15]|opus-4\.[15]/, 5, 25],
  [/opus/, 15, 75],
];

export function estimateCostUsd(model: string, tokensIn: number, tokensOut: number): number {
  const [, pin, pout] = PRICES.find(([re]) => re.test(model)) ?? [/./, 1, 5];
  return (tokensIn * pin + tokensOut * pout) / 1_000_000;
}

/**
 * The SDK, imported by the first call that needs it: importing it costs ~160 ms, which every api
 * start (and every test file that builds an app) paid whether or not anyone asked the coach.
 * `loaded` is the class once it is here — an SDK error can only come after that.
 */
let sdk: Promise<typeof Anthropic> | undefined;
let loaded: typeof Anthropic | undefined;
function anthropicSdk(): Promise<typeof Anthropic> {
  sdk ??= import('@anthropic-ai/sdk').then((m) => (loaded = m.default));
  return sdk;
}

/** An SDK error's HTTP status (undefined for anything else): for logs that must not carry the request. */
export function anthropicStatus(err: unknown): number | undefined {
  return loaded && err instanceof loaded.APIError ? err.status : undefined;
}

export async function anthropicClient(deps: AppDeps, apiKey: string): Promise<Anthropic> {
  const Anthropic = await anthropicSdk();
  return new Anthropic({
    apiKey,
    baseURL: deps.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com',
    maxRetries: 0,
    timeout: deps.env.ANTHROPIC_TIMEOUT_MS,
    logLevel: 'off',
  });
}

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface StreamedAnswer {
  /** Text deltas as they arrive. */
  chunks: AsyncIterable<string>;
  /** Resolves when the stream ends: the whole text and token counts. */
  done: Promise<{ text: string; tokensIn: number; tokensOut: number }>;
}

/** Maps an SDK failure before any text arrived to our error envelope (never echoing upstream text). */
export function llmError(err: unknown, timedOut: boolean): AppError {
  if (timedOut || (loaded && err instanceof loaded.APIConnectionTimeoutError)) return new AppError(504, 'timeout', 'the coach took too long to answer: try again, or ask a shorter question');
  if (loaded && err instanceof loaded.APIError) {
    if (err.status === 401 || err.status === 403) return new AppError(400, 'llm_error', 'Anthropic rejected the API key in X-Anthropic-Key');
    if (err.status === 429) return new AppError(429, 'rate_limited', 'Anthropic rate-limited this key: try again shortly', { 'Retry-After': err.headers?.get('retry-after') ?? '30' });
    if (err.status === 400) return new AppError(502, 'llm_error', 'Anthropic refused the request (is ANTHROPIC_MODEL a valid model?)');
    if (err.status !== undefined) return new AppError(502, 'llm_error', `Anthropic failed (status ${err.status})`);
  }
  return new AppError(502, 'llm_error', 'could not reach Anthropic');
}

/**
 * Starts a streamed answer. Resolves once Anthropic has accepted the request
 * (so a bad key or an outage is still a plain JSON error), then streams.
 *
 * @example
 * const a = await streamAnswer(deps, { apiKey, userId, system, turns, purpose: 'chat' });
 * for await (const t of a.chunks) write(t);
 */
export async function streamAnswer(
  deps: AppDeps,
  o: { apiKey: string; userId: string; system: string; turns: ChatTurn[]; purpose: string; maxTokens?: number },
): Promise<StreamedAnswer> {
  const model = deps.env.ANTHROPIC_MODEL;
  const started = performance.now();
  const deadline = new Deadline(deps.env.ANTHROPIC_TIMEOUT_MS);
  const record = (ok: boolean, tokensIn: number, tokensOut: number) =>
    recordLlmUsage(deps, {
      user_id: o.userId, provider: 'anthropic', model, purpose: o.purpose, tokens_in: tokensIn, tokens_out: tokensOut,
      latency_ms: Math.round(performance.now() - started), cost_usd: estimateCostUsd(model, tokensIn, tokensOut), ok,
    });
  let stream: AsyncIterable<Anthropic.RawMessageStreamEvent>;
  try {
    stream = await (await anthropicClient(deps, o.apiKey)).messages.create(
      { model, max_tokens: o.maxTokens ?? 600, system: o.system, messages: o.turns, stream: true },
      { signal: deadline.signal },
    );
  } catch (err) {
    deadline.clear();
    await record(false, 0, 0);
    throw llmError(err, deadline.expired);
  }
  let resolveDone!: (v: { text: string; tokensIn: number; tokensOut: number }) => void;
  let rejectDone!: (e: AppError) => void;
  const done = new Promise<{ text: string; tokensIn: number; tokensOut: number }>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  done.catch(() => {}); // observed by the caller; never an unhandled rejection
  async function* chunks(): AsyncGenerator<string> {
    let text = '';
    let tokensIn = 0;
    let tokensOut = 0;
    let stopped = false;
    try {
      for await (const ev of stream) {
        if (ev.type === 'message_stop') stopped = true;
        if (ev.type === 'message_start') tokensIn = ev.message.usage.input_tokens;
        else if (ev.type === 'message_delta') tokensOut = ev.usage.output_tokens;
        else if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') {
          text += ev.delta.text;
          yield ev.delta.text;
        }
      }
      // An aborted stream just ends (the SDK swallows the abort): only message_stop means a whole answer.
      if (!stopped) throw deadline.expired && loaded ? new loaded.APIConnectionTimeoutError() : new Error('stream ended before message_stop');
      await record(true, tokensIn, tokensOut);
      resolveDone({ text, tokensIn, tokensOut });
    } catch (err) {
      await record(false, tokensIn, tokensOut);
      const e = llmError(err, deadline.expired);
      rejectDone(e);
      throw e;
    } finally {
      deadline.clear(true); // abort: frees the connection if the client went away mid-stream
    }
  }
  return { chunks: chunks(), done };
}
