import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANY_TOKEN_KEYWORD, entropy, scanSecrets, TOKEN_RULES } from '../../src/analysis/secrets.ts';

// Tokens are assembled from parts so this file itself never trips a secret scanner.
const ghp = 'ghp_' + 'R8xk2LpQ9vTz4Wm7Yb1Nc5Hd3Jf6Gs0Ae8Ku';
const pat = 'github_pat_' + '11ABCDEFG0' + 'x'.repeat(0) + 'aB3dE5gH7jK9mN1pQ3sT5v_' + 'W7yZ9bC1eF3hJ5kM7nP9qR1tU3wX5zA7cD9fG2iL4oS6uV8xY0aB2dE4g';
const CASES: { title: string; line: string; rule: string | null; path?: string }[] = [
  { title: 'AWS access key id', line: `const id = "AKIA${'Q4ZL7NVC2WJ3RT5K'}";`, rule: 'aws-access-key-id' },
  { title: 'AWS documented example is allow-listed', line: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', rule: null },
  { title: 'AWS secret key', line: `aws_secret_access_key = "${'wJalrXUtnFEMIK7MDENGbPxRfiCYzq8Lm3Tn9VbQ'}"`, rule: 'aws-secret-access-key' },
  { title: 'AWS secret example is allow-listed', line: 'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"', rule: null },
  { title: 'GitHub classic token', line: `token: '${ghp}'`, rule: 'github-token' },
  { title: 'GitHub fine-grained token', line: `GITHUB_TOKEN=${pat.slice(0, 93)}`, rule: 'github-fine-grained-pat' },
  { title: 'Slack bot token', line: `SLACK = "xoxb-${'2048-1024-Xq8Lm3Tn9VbQz'}"`, rule: 'slack-token' },
  { title: 'Stripe live key', line: `stripe.key = "sk_live_${'7hQ2mZr9XwL4kT8vB1nC5pYd'}"`, rule: 'stripe-live-key' },
  { title: "Stripe's documentation key is allow-listed, even with a live prefix", line: `stripe.key = "sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}"`, rule: null },
  { title: 'Stripe test key is fine', line: 'stripe.key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"', rule: null },
  { title: 'Google API key', line: `const key = "AIza${'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'}";`, rule: 'google-api-key' },
  { title: 'private key in a JSON string (key material after \\n)', line: `"private_key": "-----BEGIN PRIVATE KEY-----\\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'}\\n"`, rule: 'private-key' },
  { title: 'a private key header alone is documentation', line: '-----BEGIN RSA PRIVATE KEY-----', rule: null },
  { title: 'public key block is fine', line: '-----BEGIN PUBLIC KEY-----', rule: null },
  { title: 'npm token', line: `//registry.npmjs.org/:_authToken=npm_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`, rule: 'npm-token' },
  { title: 'password assigned in code', line: `const dbPassword = "${'q7#Lm2!xV9@pT4zR'}";`, rule: 'password-assignment' },
  { title: 'SendGrid key', line: `SENDGRID_API_KEY=SG.${'Kq2mZr9XwL4kT8vB1nC5pY'}.${'d7hQ2mZr9XwL4kT8vB1nC5pYd7hQ2mZr9XwL4kT8vB1'}`, rule: 'sendgrid-api-key' },
  { title: 'OpenAI project key', line: `OPENAI_API_KEY=sk-proj-${'Ab3dE5gH7jK9mN1pQ3sT5v'}${'T3Blbk' + 'FJ'}${'Wx7yZ9bC1eF3hJ5kM7nP9q'}`, rule: 'openai-api-key' },
  { title: 'GitLab personal token', line: `token: glpat-${'Xq9mZr2WxL4kT8vB1nC5'}`, rule: 'gitlab-token' },
  { title: 'npm legacy token (a UUID in .npmrc)', line: `//registry.npmjs.org/:_authToken=${'3f2a9c1e-7b4d-4e8a-9c2f-1d5e6a7b8c9d'}`, rule: 'npm-legacy-token', path: '.npmrc' },
  { title: 'password in a connection string', line: `DATABASE_URL=postgres://app:${'Xq9mZr2WxL4k'}@db.internal:5432/app`, rule: 'connection-string' },
  { title: 'password in a basic-auth URL', line: `const proxy = 'http://svc:${'Xq9mZr2WxL4k'}@proxy.corp:3128';`, rule: 'basic-auth-url' },
  { title: 'documentation URL with placeholder credentials', line: 'postgres://user:password@localhost:5432/app', rule: null },
  { title: 'a UUID under an id name', line: "const tenantId = '3f2a9c1e-7b4d-4e8a-9c2f-1d5e6a7b8c9d';", rule: null },
  { title: 'a hash under a hash name', line: `const expectedSha256 = '${'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}';`, rule: null },
  { title: 'a fixture named as such', line: `const FAKE_TOKEN = 'ghp_${'R8xk2LpQ9vTz4Wm7Yb1Nc5Hd3Jf6Gs0Ae8Ku'}';`, rule: null },
  { title: 'password read from the environment', line: 'const password = process.env.DB_PASSWORD;', rule: null },
  { title: 'placeholder token', line: 'api_key: "your-api-key-goes-here"', rule: null },
  { title: 'low-entropy words', line: 'const secretName = "database-password-name";', rule: null },
  { title: 'template reference', line: 'token = "${{ secrets.GITHUB_TOKEN }}"', rule: null },
  { title: 'a fixture made of words', line: "const SECRET = 'bench-webhook-secret-0123456789';", rule: null },
  { title: 'random-looking value with separators', line: `client_secret: "${'x9Kq-7Lm2-Vt4z-R8pW-3nQa'}"`, rule: 'generic-high-entropy' },
  { title: 'ordinary code', line: 'if (user.token === undefined) return null;', rule: null },
  // httpx's tests/models/whatwg.json: the WHATWG URL test vectors, made-up userinfo in every form.
  { title: 'a password in a test folder\'s data file', line: '    "password": "foo(b%5Dc",', rule: null, path: 'tests/models/whatwg.json' },
  { title: 'made-up URL credentials in a test folder\'s data file', line: '    "href": "https://user:pass%5B%7F@foo/bar",', rule: null, path: 'tests/models/whatwg.json' },
  { title: 'the same password outside a test folder', line: '    "password": "foo(b%5Dc",', rule: 'password-assignment', path: 'config/whatwg.json' },
  { title: 'the same URL outside a test folder', line: '    "href": "https://user:pass%5B%7F@foo/bar",', rule: 'basic-auth-url', path: 'config/whatwg.json' },
  { title: 'generated-looking URL credentials in a fixture still count', line: `    "url": "https://deploy:${'x9Kq7Lm2Vt4zR8pW3nQa'}@git.corp/repo",`, rule: 'basic-auth-url', path: 'tests/data/remotes.json' },
  // got's test/redirects.ts and test/stream.ts: a test file by its folder, as file-kinds.ts has it.
  { title: 'made-up URL credentials in a test file', line: '        location: `http://injected:creds@localhost:${server2.port}/target`,', rule: null, path: 'test/redirects.ts' },
  { title: 'a made-up basic-auth header in a test file', line: "        'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',", rule: null, path: 'test/stream.ts' },
  { title: 'the same header in source code', line: "        'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',", rule: 'generic-high-entropy', path: 'source/core/proxy.ts' },
  { title: 'a provider token in a test file still counts', line: `const token = '${ghp}';`, rule: 'github-token', path: 'test/stream.ts' },
];

describe('scanSecrets', () => {
  it.each(CASES)('$title', ({ line, rule, path }) => {
    const hits = scanSecrets([{ line: 7, text: line }], { path });
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

  it('the keyword prefilter covers every token rule', () => {
    for (const rule of TOKEN_RULES) for (const k of rule.keywords) expect(ANY_TOKEN_KEYWORD.test(k), `${rule.id}: ${k}`).toBe(true);
  });
});

describe('the scanner on its own source', () => {
  // The engine's comments explain rules with examples; written as real ones, they made this
  // project's own commits "leak a secret" when it analysed itself (a URL with a user and a password).
  it("finds nothing in worker/src/analysis's comments", () => {
    const dir = fileURLToPath(new URL('../../src/analysis/', import.meta.url));
    const found: string[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const path = `worker/src/analysis/${name}`;
      const lines = readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .map((text, i) => ({ line: i + 1, text }))
        .filter(({ text }) => /^\s*(\/\/|\/\*|\*)/.test(text));
      for (const hit of scanSecrets(lines, { path })) found.push(`${path}:${hit.line} ${hit.rule}`);
    }
    expect(found).toEqual([]);
  });
});
