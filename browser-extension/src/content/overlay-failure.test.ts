import { afterEach, describe, expect, it } from 'vitest';
import { ApiRequestError, errorText } from '../shared/api-client.ts';
import { RequestFailed } from '../shared/messages.ts';
import { overlayFailure } from './overlay-failure.ts';

describe('overlayFailure', () => {
  it.each([
    [new RequestFailed("Can't reach the Tamagitto API at http://x. Is it running?", 'network', 0), 'network'],
    [new RequestFailed('GitHub rate limit or permission problem: try again later', 'rate_limited', 429), 'github_rate_limited'],
    [new RequestFailed('too many check requests (limit per user in 1 min): try again in 20 s', 'rate_limited', 429), 'other'],
    [new RequestFailed('GitHub rejected the stored token', 'github_unauthorized', 401), 'token'],
    [new RequestFailed('session revoked', 'invalid_token', 401), 'session'],
    [new Error('Signed out'), 'session'],
    [new RequestFailed('internal error', 'internal', 500), 'other'],
    [new Error('No answer to check/for-pr'), 'other'],
  ] as const)('%s → %s', (err, failure) => expect(overlayFailure(err)).toBe(failure));

  it('a server without PR checks (404) is nothing to explain', () => {
    expect(overlayFailure(new RequestFailed('no such route', 'not_found', 404))).toBeNull();
  });
});

describe('errorText', () => {
  const g = globalThis as { chrome?: unknown };
  const before = g.chrome;
  afterEach(() => {
    g.chrome = before;
  });
  const inLanguage = (lang: string, messages: Record<string, string>) => {
    g.chrome = { i18n: { getUILanguage: () => lang, getMessage: (k: string) => messages[k] ?? '' } };
  };

  it("English readers get the server's own words; other languages the line for the code, the server's words for an unknown code", () => {
    const limited = new ApiRequestError(429, 'rate_limited', 'GitHub rate limit or permission problem: try again later');
    const ours = new ApiRequestError(429, 'rate_limited', 'too many requests: try again in 5 s');
    const odd = new ApiRequestError(418, 'teapot', 'short and stout');
    inLanguage('en-GB', {});
    expect(errorText(limited)).toBe('GitHub rate limit or permission problem: try again later');
    inLanguage('de', { err_github_rate_limited: 'GitHub drosselt', err_rate_limited: 'Zu viele Anfragen' });
    expect(errorText(limited)).toBe('GitHub drosselt');
    expect(errorText(ours)).toBe('Zu viele Anfragen');
    expect(errorText(odd)).toBe('short and stout');
    // Errors across the worker boundary keep their code.
    expect(errorText(new RequestFailed('too many', 'rate_limited', 429))).toBe('Zu viele Anfragen');
    expect(errorText('plain')).toBe('plain');
  });
});
