import { describe, expect, it } from 'vitest';
import { connectionStatus, webhookLine } from './status-text.ts';

const hooked = { webhook: { registered: true, error: null } };
const noPublicUrl = { webhook: { registered: false, error: 'PUBLIC_URL is not set, so GitHub cannot reach this server; updates arrive by polling' } };
const refused = { webhook: { registered: false, error: 'GitHub refused: Resource not accessible by personal access token.' } };

describe('connectionStatus', () => {
  it('live with a webhook: connected, live updates', () => {
    expect(connectionStatus('live', hooked)).toMatchObject({ text: 'Connected · live updates', tone: 'ok' });
    expect(connectionStatus('live', undefined).text).toBe('Connected · live updates');
  });

  it('live without a webhook never says "Live": connected, and how often commits arrive', () => {
    const s = connectionStatus('live', noPublicUrl);
    expect(s.text).toBe('Connected · updates every 5 min');
    expect(s.text).not.toMatch(/\blive\b/i);
    expect(s.detail).toBe('Connected to your Tamagitto server, but this repository has no GitHub webhook: this server has no public URL GitHub could reach, so new commits are picked up by checking GitHub every 5 minutes.');
    expect(s.tone).toBe('warn');
  });

  it('the socket down is "not live", with the 30 s check', () => {
    expect(connectionStatus('polling', hooked)).toMatchObject({ text: 'Not live · checking every 30 s', tone: 'warn' });
    expect(connectionStatus('connecting', hooked).text).toBe('Connecting…');
    expect(connectionStatus('signed-out', undefined).text).toBe('Signed out');
  });
});

describe('webhookLine', () => {
  it('nothing for a registered webhook', () => expect(webhookLine(hooked)).toBeNull());
  it('explains the missing public URL without the variable name', () => {
    const line = webhookLine(noPublicUrl);
    expect(line).not.toContain('PUBLIC_URL');
    expect(line).toContain('every 5 minutes');
  });
  it('keeps GitHub’s own reason, once punctuated', () => {
    expect(webhookLine(refused)).toBe('No GitHub webhook (GitHub refused: Resource not accessible by personal access token), so new commits are picked up by checking GitHub every 5 minutes.');
  });
});
