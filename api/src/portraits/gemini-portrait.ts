/**
 * One Gemini image generation for a portrait key, with a hard deadline.
 *
 * The server's GEMINI_API_KEY goes to the SDK (which sends it in the
 * `x-goog-api-key` header) and nowhere else: failures are logged and thrown as
 * a `PortraitError` carrying only a kind and an HTTP status, never the SDK's
 * error object or upstream text. Every call, ok or not, is recorded in
 * `llm_usage` (provider 'gemini', purpose 'portrait').
 */
import type { GenerateContentResponse } from '@google/genai';
import { recordLlmUsage } from '../analytics/store.ts';
import { Deadline } from '../deadline.ts';
import type { AppDeps } from '../deps.ts';
import type { PortraitKey } from './portrait-key.ts';

/** An image-capable Gemini model ("nano banana"); see https://ai.google.dev/gemini-api/docs/image-generation */
export const PORTRAIT_MODEL = 'gemini-2.5-flash-image';
/** Past this the sprite is served instead (as on any failure): the popup should not wait longer for a picture. */
export const PORTRAIT_TIMEOUT_MS = 10_000;
/** A generated 1K PNG is ~1–2 MB; anything far bigger is not a portrait. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** USD per million tokens (input, output) for gemini-2.5-flash-image, from Google's price list. */
const PRICE_IN = 0.3;
const PRICE_OUT = 30;

export type PortraitFailure = 'timeout' | 'http' | 'network' | 'no_image' | 'malformed';

export class PortraitError extends Error {
  constructor(
    readonly kind: PortraitFailure,
    readonly status: number | null = null,
  ) {
    super(status === null ? `portrait generation failed: ${kind}` : `portrait generation failed: ${kind} (status ${status})`);
    this.name = 'PortraitError';
  }
}

export interface GeneratedImage {
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  bytes: Uint8Array<ArrayBuffer>;
}

const FAMILY_LOOK: Record<PortraitKey['family'], string> = {
  pet: 'a small furry digital pet',
  plant: 'a potted plant with a friendly face',
  robot: 'a tiny toy robot',
  golem: 'a little stone golem',
  blob: 'a soft round slime blob',
};

const STATE_MOOD: Record<PortraitKey['state'], string> = {
  egg: 'still inside a speckled egg, just about to hatch',
  thriving: 'radiant, bouncing with joy, sparkles around it',
  healthy: 'happy and content, bright colours',
  okay: 'calm but a little tired, slightly muted colours',
  poor: 'sad and droopy, faded colours, a small bandage',
  dying: 'very weak, lying down, greyish colours, a tiny thermometer',
  dead: 'a gentle ghost version of itself with a halo, greyscale, peaceful',
};

const STAGE_LOOK: Record<PortraitKey['stage'], string> = {
  baby: 'a baby, tiny with big eyes',
  teen: 'a teenager, medium-sized and playful',
  adult: 'fully grown',
};

/**
 * The prompt for one portrait key. Built only from closed unions and the
 * species name our own code chose (speciesFor), never from user input.
 *
 * @example
 * portraitPrompt({ family: 'pet', species: 'cat', state: 'healthy', stage: 'baby' });
 */
export function portraitPrompt(k: PortraitKey): string {
  return [
    `A square portrait of a Tamagotchi-style virtual pet: ${FAMILY_LOOK[k.family]}, specifically a ${k.species},`,
    `${STAGE_LOOK[k.stage]}, ${STATE_MOOD[k.state]}.`,
    'Cute pixel-art style, centred, full body, plain pastel background, no text, no border.',
  ].join(' ');
}

/** The image type by its magic bytes: we never trust the declared mimeType alone. */
export function sniffImage(bytes: Uint8Array): GeneratedImage['mimeType'] | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a) return 'image/png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) return 'image/webp';
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The first image part of a generateContent response, validated. */
export function imageFromResponse(res: unknown): GeneratedImage {
  const parts = (res as { candidates?: { content?: { parts?: unknown } }[] } | null)?.candidates?.[0]?.content?.parts;
  if (!Array.isArray(parts)) throw new PortraitError('no_image');
  const part = parts.find((p): p is { inlineData: { data: unknown; mimeType?: unknown } } => typeof p === 'object' && p !== null && 'inlineData' in p && typeof p.inlineData === 'object' && p.inlineData !== null);
  if (!part) throw new PortraitError('no_image');
  const data = part.inlineData.data;
  if (typeof data !== 'string') throw new PortraitError('malformed');
  const clean = data.replace(/\s+/g, '');
  if (!BASE64.test(clean) || clean.length > (MAX_IMAGE_BYTES * 4) / 3 + 4) throw new PortraitError('malformed');
  const bytes = new Uint8Array(Buffer.from(clean, 'base64'));
  const mimeType = sniffImage(bytes);
  if (!mimeType) throw new PortraitError('malformed');
  return { mimeType, bytes };
}

function tokenCount(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : 0;
}

/**
 * Calls Gemini once (no SDK retries: the caller backs off instead) and returns
 * the validated image. Throws `PortraitError` on any failure, including the
 * 10 s deadline.
 *
 * @example
 * const img = await generatePortrait(deps, key, { userId });
 */
export async function generatePortrait(deps: AppDeps, key: PortraitKey, o: { userId: string | null; timeoutMs?: number }): Promise<GeneratedImage> {
  const apiKey = deps.env.GEMINI_API_KEY;
  if (!apiKey) throw new PortraitError('http', 401);
  const timeoutMs = o.timeoutMs ?? PORTRAIT_TIMEOUT_MS;
  // Imported on the first portrait: ~100 ms that every api start paid, with or without GEMINI_API_KEY.
  const { ApiError, GoogleGenAI } = await import('@google/genai');
  const ai = new GoogleGenAI({
    apiKey,
    httpOptions: deps.env.GEMINI_BASE_URL ? { baseUrl: deps.env.GEMINI_BASE_URL } : {},
  });
  const started = performance.now();
  const deadline = new Deadline(timeoutMs);
  let tokensIn = 0;
  let tokensOut = 0;
  let ok = false;
  try {
    let res: GenerateContentResponse;
    try {
      res = await ai.models.generateContent({
        model: PORTRAIT_MODEL,
        contents: portraitPrompt(key),
        config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '1:1' }, abortSignal: deadline.signal },
      });
    } catch (err) {
      if (deadline.expired) throw new PortraitError('timeout');
      if (err instanceof ApiError) throw new PortraitError('http', err.status);
      // A body that is not JSON surfaces as a SyntaxError from the SDK.
      if (err instanceof SyntaxError) throw new PortraitError('malformed');
      throw new PortraitError('network');
    }
    tokensIn = tokenCount(res.usageMetadata?.promptTokenCount);
    tokensOut = tokenCount(res.usageMetadata?.candidatesTokenCount);
    if (deadline.expired) throw new PortraitError('timeout');
    const img = imageFromResponse(res);
    ok = true;
    return img;
  } finally {
    deadline.clear();
    await recordLlmUsage(deps, {
      user_id: o.userId,
      provider: 'gemini',
      model: PORTRAIT_MODEL,
      purpose: 'portrait',
      tokens_in: tokensIn,
      tokens_out: tokensOut,
      latency_ms: Math.round(performance.now() - started),
      cost_usd: (tokensIn * PRICE_IN + tokensOut * PRICE_OUT) / 1_000_000,
      ok,
    });
  }
}
