import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { HistoryDto, PetDto, PetListDto, WsTicketDto } from '@tamagitto/domain';
import { apiClient, ApiRequestError, ok, type ApiTarget, type FetchFn } from './api-client.ts';

const signedIn: ApiTarget = { origin: 'http://api.test', token: 'jwt-1' };
const signedOut: ApiTarget = { origin: 'http://api.test', token: null };

const json = (status: number, body: unknown, statusText?: string) =>
  new Response(JSON.stringify(body), { status, statusText, headers: { 'content-type': 'application/json' } });

/** A fetch stub answering `res`, and the Request it was called with (openapi-fetch calls fetch with one Request). */
function stub(res: () => Response | Promise<Response>) {
  const fetchFn = vi.fn<FetchFn>(async () => res());
  const request = (i = 0) => fetchFn.mock.calls[i]?.[0] as Request;
  return { fetchFn, request };
}

/** What a call rejected with. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error('the call did not fail');
}

describe('apiClient requests', () => {
  it('signed in: sends the session as a Bearer header and asks for JSON', async () => {
    const { fetchFn, request } = stub(() => json(200, { items: [] }));
    await ok(apiClient(signedIn, fetchFn).GET('/api/pets'));
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(request().method).toBe('GET');
    expect(request().url).toBe('http://api.test/api/pets');
    expect(request().headers.get('authorization')).toBe('Bearer jwt-1');
    expect(request().headers.get('accept')).toBe('application/json');
  });

  it('signed out: no Authorization header at all', async () => {
    const { fetchFn, request } = stub(() => json(200, { url: 'https://github.com/login', state: 's' }));
    await ok(apiClient(signedOut, fetchFn).GET('/api/auth/github', { params: { query: { redirect_uri: 'https://x.chromiumapp.org/' } } }));
    expect(request().headers.has('authorization')).toBe(false);
    expect(request().url).toBe('http://api.test/api/auth/github?redirect_uri=https%3A%2F%2Fx.chromiumapp.org%2F');
  });

  it('fills path parameters (encoded) and the query from params', async () => {
    const { fetchFn, request } = stub(() => json(200, { items: [] }));
    await ok(apiClient(signedIn, fetchFn).GET('/api/pets/{id}/history', { params: { path: { id: 'p 1/x' }, query: { limit: 30 } } }));
    expect(request().url).toBe('http://api.test/api/pets/p%201%2Fx/history?limit=30');
  });

  it('sends a body as JSON with its content type; a call may ask for another answer type', async () => {
    const { fetchFn, request } = stub(() => json(201, { id: 'p1' }));
    await ok(apiClient(signedIn, fetchFn).POST('/api/pets', { body: { repo: 'octo/cat' }, headers: { accept: 'text/plain' } }));
    expect(request().method).toBe('POST');
    expect(request().headers.get('content-type')).toBe('application/json');
    expect(request().headers.get('accept')).toBe('text/plain');
    expect(await request().json()).toEqual({ repo: 'octo/cat' });
  });

  it('a POST without a documented body sends none', async () => {
    const { fetchFn, request } = stub(() => json(201, { ticket: 't', expiresAt: '2026-01-01T00:00:00Z' }));
    expect(await ok(apiClient(signedIn, fetchFn).POST('/api/ws/ticket'))).toEqual({ ticket: 't', expiresAt: '2026-01-01T00:00:00Z' });
    expect(request().method).toBe('POST');
    expect(request().body).toBeNull();
    expect(request().headers.has('content-type')).toBe(false);
  });
});

describe('ok', () => {
  it("answers the response's JSON", async () => {
    const pets = { items: [{ id: 'p1' }] };
    const { fetchFn } = stub(() => json(200, pets));
    expect(await ok(apiClient(signedIn, fetchFn).GET('/api/pets'))).toEqual(pets);
  });

  it('is typed by the OpenAPI document: path, parameters, body and answer', async () => {
    const api = apiClient(signedIn, stub(() => json(200, {})).fetchFn);
    const typed = async () => {
      expectTypeOf(await ok(api.GET('/api/pets'))).toEqualTypeOf<PetListDto>();
      expectTypeOf(await ok(api.GET('/api/pets/{id}/history', { params: { path: { id: 'p1' } } }))).toEqualTypeOf<HistoryDto>();
      expectTypeOf(await ok(api.POST('/api/pets', { body: { repo: 'octo/cat' } }))).toEqualTypeOf<PetDto>();
      expectTypeOf(await ok(api.POST('/api/ws/ticket'))).toEqualTypeOf<WsTicketDto>();
      // @ts-expect-error: a path the document does not have
      await api.GET('/api/pet');
      // @ts-expect-error: the path parameter is required
      await api.GET('/api/pets/{id}/history');
      // @ts-expect-error: the body's field is `repo`
      await api.POST('/api/pets', { body: { fullName: 'octo/cat' } });
      // @ts-expect-error: `limit` is a number
      await api.GET('/api/pets/{id}/history', { params: { path: { id: 'p1' }, query: { limit: '30' } } });
    };
    expect(typeof typed).toBe('function'); // compiled, not run: the checks above are the compiler's
  });
});

describe('apiClient failures', () => {
  it("turns the server's error envelope into an ApiRequestError with its status, code and message", async () => {
    const { fetchFn } = stub(() => json(409, { error: { code: 'conflict', message: 'Already adopted.' } }, 'Conflict'));
    const err = await failure(ok(apiClient(signedIn, fetchFn).POST('/api/pets', { body: { repo: 'octo/cat' } })));
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 409, code: 'conflict', message: 'Already adopted.', foreign: false, unauthorized: false, featureUnavailable: false });
  });

  it('a 401 is unauthorized', async () => {
    const { fetchFn } = stub(() => json(401, { error: { code: 'unauthorized', message: 'Session expired' } }));
    const err = await failure(ok(apiClient(signedIn, fetchFn).GET('/api/pets')));
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', message: 'Session expired', unauthorized: true, foreign: false });
  });

  it("a proxy's HTML 404 is foreign, code not_found, and means the feature is not on this server", async () => {
    const { fetchFn } = stub(() => new Response('<html><body>Not Found</body></html>', { status: 404, statusText: 'Not Found', headers: { 'content-type': 'text/html' } }));
    const err = await failure(ok(apiClient(signedIn, fetchFn).GET('/api/puzzle/today')));
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'The API answered 404 Not Found', foreign: true, featureUnavailable: true });
  });

  it("our own 404 not_found also means unavailable; another 404 code does not", async () => {
    const ours = stub(() => json(404, { error: { code: 'not_found', message: 'No such route' } }));
    expect(await failure(ok(apiClient(signedIn, ours.fetchFn).GET('/api/badges')))).toMatchObject({ featureUnavailable: true, foreign: false });
    const other = stub(() => json(404, { error: { code: 'github_not_found', message: 'No such repository' } }));
    expect(await failure(ok(apiClient(signedIn, other.fetchFn).GET('/api/badges')))).toMatchObject({ code: 'github_not_found', featureUnavailable: false });
  });

  it('any other body that is not our envelope is a foreign http_error (status text trimmed away when empty)', async () => {
    const { fetchFn } = stub(() => new Response('upstream timed out', { status: 502 }));
    const err = await failure(ok(apiClient(signedIn, fetchFn).GET('/api/pets')));
    expect(err).toMatchObject({ status: 502, code: 'http_error', message: 'The API answered 502', foreign: true, featureUnavailable: false });
    const empty = stub(() => new Response(null, { status: 500, statusText: 'Internal Server Error' }));
    expect(await failure(ok(apiClient(signedIn, empty.fetchFn).GET('/api/pets')))).toMatchObject({ code: 'http_error', message: 'The API answered 500 Internal Server Error', foreign: true });
  });

  it('a JSON error without a message is foreign too', async () => {
    const { fetchFn } = stub(() => json(400, { error: { code: 'bad' } }));
    expect(await failure(ok(apiClient(signedIn, fetchFn).GET('/api/pets')))).toMatchObject({ status: 400, code: 'http_error', foreign: true });
  });

  it('a network failure names the origin, status 0, code network', async () => {
    const fetchFn = vi.fn<FetchFn>(async () => Promise.reject(new TypeError('Failed to fetch')));
    const err = await failure(ok(apiClient({ origin: 'http://localhost:8787', token: 'jwt' }, fetchFn).GET('/api/pets')));
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 0, code: 'network', message: "Can't reach the Tamagitto API at http://localhost:8787. Is it running?", foreign: false });
  });

  it('an abort rejects with the AbortError itself, not an ApiRequestError', async () => {
    const fetchFn = vi.fn<FetchFn>(
      (input) =>
        new Promise<Response>((_resolve, reject) => {
          (input as Request).signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        }),
    );
    const ctrl = new AbortController();
    const call = ok(apiClient(signedIn, fetchFn).GET('/api/pets', { signal: ctrl.signal }));
    await vi.waitFor(() => expect(fetchFn).toHaveBeenCalled());
    ctrl.abort();
    const err = await failure(call);
    expect(err).not.toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ name: 'AbortError' });
  });
});

describe('parseAs stream', () => {
  it('answers the successful Response unread, for a body that is not one JSON document', async () => {
    const { fetchFn, request } = stub(() => new Response('event: delta\ndata: {"text":"hi"}\n\n', { headers: { 'content-type': 'text/event-stream' } }));
    const { response } = await apiClient(signedIn, fetchFn).POST('/api/conversation/chat', {
      body: { message: 'hi' },
      params: { header: { 'X-Anthropic-Key': 'sk-ant-1' } },
      headers: { accept: 'text/event-stream' },
      parseAs: 'stream',
    });
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe('event: delta\ndata: {"text":"hi"}\n\n');
    expect(request().headers.get('x-anthropic-key')).toBe('sk-ant-1');
    expect(request().headers.get('accept')).toBe('text/event-stream');
  });

  it('still rejects a failure with an ApiRequestError', async () => {
    const { fetchFn } = stub(() => json(401, { error: { code: 'unauthorized', message: 'Session expired' } }));
    const err = await failure(apiClient(signedIn, fetchFn).POST('/api/conversation/chat', { body: { message: 'hi' }, parseAs: 'stream' }));
    expect(err).toMatchObject({ status: 401, unauthorized: true });
  });
});
