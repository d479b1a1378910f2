import { describe, expect, it } from 'vitest';
import { entropy, scanSecrets } from '../../src/analysis/secrets.ts';

// Tokens are assembled from parts so this file itself never trips a secret scanner.
const ghp = 'ghp_' + 'R8xk2LpQ9vTz4Wm7Yb1Nc5Hd3Jf6Gs0Ae8Ku';
const pat = 'github_pat_' + '11ABCDEFG0' + 'x'.repeat(0) + 'aB3dE5gH7jK9mN1pQ3sT5v_' + 'W7yZ9bC1eF3hJ5kM7nP9qR1tU3wX5zA7cD9fG2iL4oS6uV8xY0aB2dE4g';
const CASES: { title: string; line: string; rule: string | null }[] = [
  { title: 'AWS access key id', line: `const id = "AKIA${'Q4ZL7NVC2WJ3RT5K'}";`, rule: 'aws-access-key-id' },
  { title: 'AWS documented example is allow-listed', line: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', rule: null },
  { title: 'AWS secret key', line: `aws_secret_access_key = "${'wJalrXUtnFEMIK7MDENGbPxRfiCYzq8Lm3Tn9VbQ'}"`, rule: 'aws-secret-access-key' },
  { title: 'AWS secret example is allow-listed', line: 'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', rule: null },
  { title: 'GitHub classic token', line: `token: '${ghp}'`, rule: 'github-token' },
  { title: 'GitHub fine-grained token', line: `GITHUB_TOKEN=${pat.slice(0, 93)}`, rule: 'github-fine-grained-pat' },
  { title: 'Slack bot token', line: `SLACK = "xoxb-${'2048-1024-Xq8Lm3Tn9VbQz'}"`, rule: 'slack-token' },
  { title: 'Stripe live key', line: `stripe.key = "sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}"`, rule: 'stripe-live-key' },
  { title: 'Stripe test key is fine', line: 'stripe.key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"', rule: null },
  { title: 'Google API key', line: `const key = "AIza${'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'}";`, rule: 'google-api-key' },
  { title: 'private key block', line: '-----BEGIN RSA PRIVATE KEY-----', rule: 'private-key' },
  { title: 'public key block is fine', line: '-----BEGIN PUBLIC KEY-----', rule: null },
  { title: 'npm token', line: `//registry.npmjs.org/:_authToken=npm_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`, rule: 'npm-token' },
  { title: 'high-entropy password', line: `const dbPassword = "${'q7#Lm2!xV9@pT4zR'}";`, rule: 'generic-high-entropy' },
  { title: 'password read from the environment', line: 'const password = process.env.DB_PASSWORD;', rule: null },
  { title: 'placeholder token', line: 'api_key: "your-api-key-goes-here"', rule: null },
  { title: 'low-entropy words', line: 'const secretName = "database-password-name";', rule: null },
  { title: 'template reference', line: 'token = "${{ secrets.GITHUB_TOKEN }}"', rule: null },
  { title: 'a fixture made of words', line: "const SECRET = 'bench-webhook-secret-0123456789';", rule: null },
  { title: 'random-looking value with separators', line: `client_secret: "${'x9Kq-7Lm2-Vt4z-R8pW-3nQa'}"`, rule: 'generic-high-entropy' },
  { title: 'ordinary code', line: 'if (user.token === undefined) return null;', rule: null },
];

describe('scanSecrets', () => {
  it.each(CASES)('$title', ({ line, rule }) => {
    const hits = scanSecrets([{ line: 7, text: line }]);
    expect(hits.map((h) => h.rule)).toEqual(rule ? [rule] : []);
    for (const h of hits) {
      expect(h.line).toBe(7);
      // The mask keeps at most a public prefix: no 8-character run of the line's secret part survives.
      const secretish = line.match(/[A-Za-z0-9_\-/+=!@#]{16,}/g) ?? [];
      for (const s of secretish) expect(h.masked).not.toContain(s.slice(-8));
    }
  });

  it('entropy separates random strings from words', () => {
    expect(entropy('aaaaaaaaaaaaaaaa')).toBe(0);
    expect(entropy('q7#Lm2!xV9@pT4zR')).toBeGreaterThan(3.5);
  });
});
