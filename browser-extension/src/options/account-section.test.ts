import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../shared/api-client.ts';
import { deletedSummary, signOutNote } from './account-section.tsx';

describe('signOutNote', () => {
  const expires = '2026-12-07T10:00:00Z';
  it('the server revoked it (or it was already invalid): signed out everywhere', () => {
    expect(signOutNote(null, expires).text).toMatch(/^Signed out: the server revoked this session/);
    expect(signOutNote(new ApiRequestError(401, 'invalid_token', 'revoked'), expires).text).toMatch(/^Signed out: the server revoked/);
  });
  it('the server could not be told: cleared here, valid there until it expires, and why', () => {
    const text = signOutNote(new ApiRequestError(0, 'network', "Can't reach the Tamagitto API at http://x. Is it running?"), expires).text;
    expect(text).toMatch(/^Signed out in this browser, which is cleared\. The server could not be told \(Can't reach the Tamagitto API at http:\/\/x\. Is it running\?\), so the session stays valid there until it expires \(.+\)\.$/);
    expect(signOutNote(new DOMException('timed out', 'TimeoutError'), expires).text).toContain('(it did not answer in time)');
  });
});

describe('deletedSummary', () => {
  const zero = { badges: 0, coachingProfiles: 0, conversations: 0, daySessions: 0, healthHistory: 0, llmUsage: 0, nudgeClaims: 0, pets: 0, puzzleAttempts: 0, repositories: 0, sessions: 0, users: 0, vetReports: 0, webhookDeliveries: 0, workBlocks: 0 };
  it('names the non-zero counts, singular and plural', () => {
    expect(deletedSummary({ ...zero, users: 1, pets: 2, healthHistory: 1, repositories: 1, sessions: 3 })).toBe(
      '2 pets, 1 health history entry, 1 repository nobody else adopted, 3 sign-in sessions',
    );
    expect(deletedSummary({ ...zero, users: 1 })).toBe('no data besides the account itself');
  });
});
