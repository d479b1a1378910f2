import { describe, expect, it, vi } from 'vitest';
import { generatedPortrait, loadPortrait, portraitCacheKey, type PortraitPet } from './portrait.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
const pet: PortraitPet = { id: 'p 1', state: 'poor', stage: 'adult' };
const target = { origin: 'http://api.test', token: 'jwt-1' };

const image = (body: BodyInit, type: string, source: string | null) =>
  new Response(body, { status: 200, headers: { 'content-type': type, ETag: '"e1"', ...(source ? { 'X-Portrait-Source': source } : {}) } });

/** openapi-fetch calls fetch with one Request. */
const requestOf = (fetchFn: { mock: { calls: unknown[][] } }, i = 0) => fetchFn.mock.calls[i]?.[0] as Request;

describe('portraitCacheKey', () => {
  it("carries the pet's state and stage", () => {
    expect(portraitCacheKey(pet)).toBe('state=poor&stage=adult');
  });

  it('the request names the pet and carries its state and stage, so a changed pet is a new URL', async () => {
    const fetchFn = vi.fn(async () => image(PNG, 'image/png', 'gemini'));
    await loadPortrait(target, pet, undefined, fetchFn);
    await loadPortrait(target, { ...pet, state: 'dying' }, undefined, fetchFn);
    expect(requestOf(fetchFn, 0).url).toBe('http://api.test/api/pets/p%201/portrait?state=poor&stage=adult');
    expect(requestOf(fetchFn, 1).url).not.toBe(requestOf(fetchFn, 0).url);
  });
});

describe('generatedPortrait', () => {
  it('a Gemini portrait is returned as a blob with its bytes', async () => {
    const blob = await generatedPortrait(image(PNG, 'image/png', 'gemini'));
    expect(blob?.type).toBe('image/png');
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(PNG);
  });

  it('the built-in sprite fallback is not used: the popup draws its own sprite', async () => {
    expect(await generatedPortrait(image(SVG, 'image/svg+xml; charset=utf-8', 'sprite'))).toBeNull();
  });

  it.each([
    ['no source header (an older server or a proxy)', image(PNG, 'image/png', null)],
    ['an unknown source', image(PNG, 'image/png', 'dall-e')],
    ['gemini but SVG', image(SVG, 'image/svg+xml', 'gemini')],
    ['gemini but HTML', image('<html></html>', 'text/html', 'gemini')],
    ['gemini but empty', image(new Uint8Array(), 'image/png', 'gemini')],
  ])('%s: the sprite stays', async (_what, res) => {
    expect(await generatedPortrait(res)).toBeNull();
  });
});

describe('loadPortrait', () => {
  it('sends the session header to the portrait route and returns the generated image', async () => {
    const fetchFn = vi.fn(async () => image(PNG, 'image/webp', 'gemini'));
    const blob = await loadPortrait(target, pet, undefined, fetchFn);
    expect(blob?.type).toBe('image/webp');
    const request = requestOf(fetchFn);
    expect(request.url).toBe('http://api.test/api/pets/p%201/portrait?state=poor&stage=adult');
    expect(request.headers.get('authorization')).toBe('Bearer jwt-1');
    expect(request.headers.get('accept')).toBe('image/png, image/jpeg, image/webp');
  });

  it.each([
    ['a 404', async () => new Response(JSON.stringify({ error: { code: 'not_found', message: 'pet not found' } }), { status: 404 })],
    ['a 500', async () => new Response('oops', { status: 500 })],
    ['a network failure', async () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('%s falls back to the sprite without throwing', async (_what, impl) => {
    await expect(loadPortrait(target, pet, undefined, vi.fn(impl))).resolves.toBeNull();
  });
});
