/**
 * Secrets in added lines, with rules in the spirit of gitleaks/secretlint
 * (issue #3, "Security"). A secret is never echoed: results carry the rule, the
 * place and a mask that keeps only the rule's public prefix (`ghp_…`, 40 chars).
 */
import { RuleClock } from './line-budget.ts';
import type { DiffLine } from './patch.ts';

export interface SecretHit {
  rule: string;
  line: number;
  /** Safe to show: public prefix plus length, never the secret. */
  masked: string;
  description: string;
}

interface SecretRule {
  id: string;
  description: string;
  pattern: RegExp;
  /** Capture group holding the secret (default 0). */
  group?: number;
  /** Characters of the public, non-secret prefix that may be shown. */
  keep: number;
  /** Extra check (entropy) for generic rules that would otherwise be noisy. */
  validate?: (secret: string) => boolean;
}

const RULES: SecretRule[] = [
  { id: 'aws-access-key-id', description: 'AWS access key ID', pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/, group: 1, keep: 4 },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    pattern: /aws.{0,20}?(?:secret|private)?.{0,20}?['"]([A-Za-z0-9/+=]{40})['"]/i,
    group: 1,
    keep: 0,
    validate: (s) => entropy(s) > 4,
  },
  { id: 'github-token', description: 'GitHub token', pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36})\b/, group: 1, keep: 4 },
  { id: 'github-fine-grained-pat', description: 'GitHub fine-grained token', pattern: /\b(github_pat_[A-Za-z0-9_]{82})\b/, group: 1, keep: 11 },
  { id: 'slack-token', description: 'Slack token', pattern: /\b(xox[baprse]-[0-9A-Za-z-]{10,})/, group: 1, keep: 5 },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook',
    pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/,
    group: 1,
    keep: 0,
  },
  { id: 'stripe-live-key', description: 'Stripe live key', pattern: /\b((?:sk|rk)_live_[0-9a-zA-Z]{20,})\b/, group: 1, keep: 8 },
  { id: 'google-api-key', description: 'Google API key', pattern: /\b(AIza[0-9A-Za-z_-]{35})\b/, group: 1, keep: 4 },
  {
    id: 'private-key',
    description: 'Private key',
    pattern: /-----BEGIN ((?:RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----/,
    keep: 0,
  },
  { id: 'npm-token', description: 'npm access token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/, group: 1, keep: 4 },
  {
    id: 'generic-high-entropy',
    description: 'High-entropy secret assigned to a credential-like name',
    pattern:
      /(?:secret|token|passw(?:or)?d|pwd|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|client[_-]?secret|private[_-]?key)[\w-]*['"]?\s*(?:[:=]|:=|=>)\s*[bru]?['"`]([^'"`\s]{16,})['"`]/i,
    group: 1,
    keep: 0,
    validate: (s) => entropy(s) >= 3.5 && !looksLikeWords(s),
  },
];

/**
 * Documentation placeholders and obvious fakes (AWS's own examples, x-runs,
 * template references) that every secret scanner allow-lists.
 */
const PLACEHOLDER = /EXAMPLE|example|placeholder|dummy|sample|your[_-]?|changeme|x{6,}|X{6,}|\*{4,}|0{8,}|0123456789|1234567890|\$\{|\{\{|<[^>]+>|process\.env|os\.environ|getenv/i;

export function scanSecrets(lines: readonly DiffLine[], options: { clock?: RuleClock; path?: string } = {}): SecretHit[] {
  const hits: SecretHit[] = [];
  const clock = options.clock ?? RuleClock.unlimited();
  for (const { line, text } of lines) {
    if (clock.expired(line, text.length)) break;
    if (text.length > 4000) continue; // minified blobs: no rule here is meaningful on them
    let lineHits = 0;
    for (const rule of RULES) {
      // The generic rule is a catch-all: a line a specific rule explained is not reported twice.
      if (rule.id === 'generic-high-entropy' && lineHits > 0) continue;
      const m = rule.pattern.exec(text);
      if (!m) continue;
      const secret = m[rule.group ?? 0] ?? m[0];
      if (rule.id !== 'private-key' && PLACEHOLDER.test(secret)) continue;
      if (rule.validate && !rule.validate(secret)) continue;
      lineHits++;
      hits.push({ rule: rule.id, line, masked: mask(secret, rule.keep), description: rule.description });
    }
  }
  return hits;
}

/**
 * `bench-webhook-secret-0123456789`, `my_test_password_1`: mostly readable words
 * is a fixture or a name, not a generated credential (those are covered by the
 * specific rules, or are random throughout).
 */
function looksLikeWords(value: string): boolean {
  const words = value.split(/[-_.]/).filter((w) => /^[a-z]{3,}$/i.test(w));
  return words.length >= 2 && words.join('').length >= value.length * 0.5;
}

/** @example mask('ghp_abc…', 4) // 'ghp_… (40 chars)' */
export function mask(secret: string, keep: number): string {
  const prefix = secret.slice(0, Math.min(keep, Math.floor(secret.length / 3)));
  return `${prefix}… (${secret.length} chars)`;
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let e = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    e -= p * Math.log2(p);
  }
  return e;
}
