/**
 * Secrets in added lines (issue #3 "Security", issue 15). Three families, as in
 * the public rule sets of gitleaks and trufflehog:
 *
 * 1. provider tokens recognised by their format (TOKEN_RULES: AWS, GitHub,
 *    GitLab, Slack, Stripe, OpenAI, SendGrid, npm… ~45 kinds), each regex run
 *    only on text that holds one of its keywords;
 * 2. credentials inside URLs: connection strings (`postgres://user:pass@…`) and
 *    basic-auth URLs (`https://user:pass@…`), read by code, not a regex;
 * 3. assignments to a credential-like name (`DB_PASSWORD=…`, `password: …`,
 *    `"client_secret": "…"`, `<password>…</password>`, `;Password=…;`), read by
 *    code: the name decides the kind (password, AWS secret key, npm legacy
 *    token…), the value must not be a reference or a placeholder, and generic
 *    secrets must look generated (Shannon entropy ≥ GENERIC_ENTROPY, not words).
 *
 * What fools scanners is allow-listed: public keys and certificates (only
 * PRIVATE KEY headers followed by key material count), placeholders (`changeme`,
 * `${VAR}`, `<your-token>`, `xxxx…`, `****`), documentation examples (AWS's
 * EXAMPLE keys, jwt.io's token), UUIDs, hashes and ids under non-secret names,
 * and values or names that say they are fakes (`FAKE_`, `dummy`, `mock`).
 *
 * Bounded (line-budget.ts): every regex is linear (redos.test.ts), lines are
 * read in overlapping windows of WINDOW characters (a secret in the middle of a
 * minified megabyte is found), and `clock` stops the scan at the deadline.
 *
 * A secret is never echoed: results carry the rule, the place and a mask that
 * keeps only the rule's public prefix (`ghp_… (40 chars)`).
 * Measured on the labelled corpus in worker/test/analysis/secrets-corpus/.
 */
import { isTestFile } from './file-kinds.ts';
import { RuleClock } from './line-budget.ts';
import type { DiffLine } from './patch.ts';

export interface SecretHit {
  rule: string;
  line: number;
  /** Safe to show: public prefix plus length, never the secret. */
  masked: string;
  description: string;
  /** The same value was in the file before this commit (`ScanOptions.wasThere`): moved or re-indented, not added. */
  moved?: true;
  /** Where it was, when that was another file of the commit (its removed lines): moved from there. */
  movedFrom?: string;
}

export interface ScanOptions {
  /** The commit's deadline (line-budget.ts). */
  clock?: RuleClock;
  /** The file's path: decides whether unquoted values count (config files) or only quoted ones (code, docs). */
  path?: string;
  /**
   * Whether a secret's value was already in the file before this commit (its before side, the
   * lines the commit removed) — `true` — or in the lines the commit removed from another file —
   * that file's path: such a hit is marked `moved` — the commit re-indented or moved it, it did
   * not leak it. Asked only for hits, with the raw value, which never leaves this module
   * otherwise.
   */
  wasThere?: (secret: string) => boolean | string;
}

interface TokenRule {
  id: string;
  description: string;
  /** Literal text one of which a line must hold before the regex runs (case as written). */
  keywords: readonly string[];
  /** Linear; capture group 1 is the secret. */
  pattern: RegExp;
  /** Characters of the public, non-secret prefix that may be shown. */
  keep: number;
  /** Extra check of the captured secret. */
  validate?: (secret: string) => boolean;
  /** A word (lower case) the line must also mention: for formats too plain to stand alone (`key-` + hex). */
  context?: string;
}

function rule(id: string, description: string, keywords: readonly string[], pattern: RegExp, keep: number, validate?: (secret: string) => boolean, context?: string): TokenRule {
  return { id, description, keywords, pattern, keep, validate, context };
}

/**
 * Provider tokens, by format. Prefixes, lengths and alphabets as the providers
 * document them (and gitleaks/trufflehog encode them); every regex is anchored
 * on a literal prefix, so it is tried at few positions and never backtracks far.
 */
export const TOKEN_RULES: readonly TokenRule[] = [
  rule('aws-access-key-id', 'AWS access key ID', ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'], /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/, 4),
  rule('github-token', 'GitHub token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], /\b(gh[pousr]_[A-Za-z0-9]{36})\b/, 4),
  rule('github-fine-grained-pat', 'GitHub fine-grained token', ['github_pat_'], /\b(github_pat_[A-Za-z0-9_]{82})\b/, 11),
  rule('gitlab-token', 'GitLab token', ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glsoat-', 'GR1348941'], /\b((?:glpat|gldt|glrt|glcbt|glft|glsoat)-[\w-]{20,300}(?:\.[0-9a-z]{2}\.[0-9a-z]{7})?|glptt-[0-9a-f]{40}|GR1348941[\w-]{20})(?![\w-])/, 6),
  rule('slack-token', 'Slack token', ['xox', 'xapp-'], /\b(xox[abposre]-[0-9A-Za-z-]{10,250}|xapp-\d-[A-Z0-9]{8,20}-\d{8,16}-[a-z0-9]{32,128})/, 5, isSlackToken),
  rule('slack-webhook', 'Slack incoming webhook', ['hooks.slack.com'], /(hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})/, 0),
  rule('stripe-live-key', 'Stripe live key', ['_live_'], /\b((?:sk|rk)_live_[0-9a-zA-Z]{20,247})\b/, 8),
  rule('google-api-key', 'Google API key', ['AIza'], /\b(AIza[\w-]{35})(?![\w-])/, 4),
  rule('gcp-oauth-client-secret', 'Google OAuth client secret', ['GOCSPX-'], /\b(GOCSPX-[\w-]{28})(?![\w-])/, 7),
  rule('npm-token', 'npm access token', ['npm_'], /\b(npm_[A-Za-z0-9]{36})\b/, 4),
  rule('sendgrid-api-key', 'SendGrid API key', ['SG.'], /\b(SG\.[\w-]{22}\.[\w-]{43})(?![\w-])/, 3),
  // sk-proj-…, sk-svcacct-…, sk-admin-… and the legacy sk-…: all carry T3BlbkFJ ("openai" in base64).
  rule('openai-api-key', 'OpenAI API key', ['T3BlbkFJ'], /\b(sk-[\w-]{20,200}T3BlbkFJ[\w-]{20,200})(?![\w-])/, 3),
  rule('anthropic-api-key', 'Anthropic API key', ['sk-ant-'], /\b(sk-ant-(?:api03|admin01)-[\w-]{93}AA)(?![\w-])/, 7),
  rule('twilio-api-key', 'Twilio API key', ['SK'], /\b(SK[0-9a-fA-F]{32})\b/, 2),
  rule('shopify-token', 'Shopify access token', ['shpat_', 'shpss_', 'shpca_', 'shppa_'], /\b(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})\b/, 6),
  rule('digitalocean-token', 'DigitalOcean token', ['_v1_'], /\b(do[opr]_v1_[a-f0-9]{64})\b/, 7),
  rule('pypi-token', 'PyPI upload token', ['pypi-AgEIcHlwaS5vcmc'], /\b(pypi-AgEIcHlwaS5vcmc[\w-]{50,900})/, 5),
  rule('heroku-api-key', 'Heroku API key', ['HRKU-'], /\b(HRKU-AA[\w-]{58})(?![\w-])/, 5),
  rule('discord-webhook', 'Discord webhook', ['discord'], /(discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[\w-]{60,68})/, 0),
  rule('telegram-bot-token', 'Telegram bot token', [':AA'], /\b(\d{8,10}:AA[\w-]{33})(?![\w-])/, 0),
  rule('jwt', 'JSON Web Token', ['eyJ'], /\b(eyJ[\w-]{10,2000}\.eyJ[\w-]{10,4000}\.[\w-]{10,2000})/, 0, isJwt),
  rule('azure-storage-key', 'Azure storage account key', ['AccountKey='], /AccountKey=([A-Za-z0-9+/]{86}==)/, 0),
  rule('azure-ad-client-secret', 'Azure AD client secret', ['Q~'], /(?:^|[\\'"`\s>=:(,])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'"`\s<),])/, 0),
  rule('mailgun-api-key', 'Mailgun API key', ['key-'], /\b(key-[0-9a-f]{32})\b/, 4, undefined, 'mailgun'),
  rule('mailchimp-api-key', 'Mailchimp API key', ['-us'], /\b([0-9a-f]{32}-us\d{1,2})\b/, 0),
  rule('hashicorp-vault-token', 'HashiCorp Vault token', ['hvs.', 'hvb.', 'hvr.'], /\b(hv[sbr]\.[\w-]{90,300})(?![\w-])/, 4),
  rule('terraform-cloud-token', 'Terraform Cloud token', ['.atlasv1.'], /\b([A-Za-z0-9]{14}\.atlasv1\.[\w=-]{60,70})(?![\w=-])/, 0),
  rule('doppler-token', 'Doppler token', ['dp.'], /\b(dp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44})\b/, 6),
  rule('linear-api-key', 'Linear API key', ['lin_api_'], /\b(lin_api_[A-Za-z0-9]{40})\b/, 8),
  rule('postman-api-key', 'Postman API key', ['PMAK-'], /\b(PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34})\b/, 5),
  rule('huggingface-token', 'Hugging Face token', ['hf_', 'api_org_'], /\b(hf_[A-Za-z]{34}|api_org_[A-Za-z]{34})\b/, 3),
  rule('new-relic-key', 'New Relic key', ['NRAK-', 'NRII-', 'NRJS-'], /\b(NRAK-[A-Z0-9]{27}|NRII-[\w-]{32}|NRJS-[a-f0-9]{19})\b/, 5),
  rule('square-token', 'Square token', ['sq0'], /\b(sq0(?:atp-[\w-]{22}|csp-[\w-]{43}))(?![\w-])/, 7),
  rule('age-secret-key', 'age secret key', ['AGE-SECRET-KEY-1'], /\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b/, 15),
  rule('alibaba-access-key-id', 'Alibaba Cloud access key ID', ['LTAI'], /\b(LTAI[A-Za-z0-9]{20})\b/, 4),
  rule('planetscale-token', 'PlanetScale token', ['pscale_'], /\b(pscale_(?:tkn|pw|oauth)_[\w.=-]{32,64})(?![\w.=-])/, 7),
  rule('grafana-token', 'Grafana token', ['glsa_', 'glc_', 'eyJrIjoi'], /\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,3}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3})/, 4),
  rule('pulumi-token', 'Pulumi access token', ['pul-'], /\b(pul-[a-f0-9]{40})\b/, 4),
  rule('dynatrace-token', 'Dynatrace token', ['dt0c01.'], /\b(dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64})\b/, 7),
  rule('databricks-token', 'Databricks token', ['dapi'], /\b(dapi[a-f0-9]{32}(?:-\d)?)\b/, 4),
  rule('atlassian-api-token', 'Atlassian API token', ['ATATT3'], /\b(ATATT3[\w=-]{186})(?![\w=-])/, 6),
  rule('sentry-token', 'Sentry token', ['sntrys_', 'sntryu_'], /\b(sntryu_[a-f0-9]{64}(?![a-f0-9])|sntrys_eyJ[A-Za-z0-9+/=_]{40,400})/, 7),
  rule('notion-token', 'Notion token', ['ntn_'], /\b(ntn_\d{11}[A-Za-z0-9]{35})\b/, 4),
  rule('groq-api-key', 'Groq API key', ['gsk_'], /\b(gsk_[A-Za-z0-9]{52})\b/, 4),
  rule('figma-token', 'Figma token', ['figd_'], /\b(figd_[\w-]{40})(?![\w-])/, 5),
  rule('perplexity-api-key', 'Perplexity API key', ['pplx-'], /\b(pplx-[A-Za-z0-9]{48})\b/, 5),
  rule('onepassword-token', '1Password service account token', ['ops_eyJ'], /\b(ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3})/, 4),
  rule('flyio-token', 'Fly.io token', ['fo1_'], /\b(fo1_[\w-]{43})(?![\w-])/, 4),
  rule('supabase-token', 'Supabase token', ['sbp_'], /\b(sbp_[a-f0-9]{40})\b/, 4),
  rule('openshift-token', 'OpenShift user token', ['sha256~'], /\b(sha256~[\w-]{43})(?![\w-])/, 7),
  // Credentials outside a URL's userinfo: curl's `-u` with a user and a password, Go's MySQL DSN (user and password before `@tcp(host)/db`).
  rule('basic-auth-url', 'Credentials in a curl command', ['-u', '--user'], /\s(?:-u|--user)[ =]{1,4}['"]?[^\s:'"<>[\]]{0,64}:['"]?([^\s'"<>[\]]{3,128})/, 0, isLiteralPassword, 'curl'),
  rule('connection-string', 'Credentials in a connection string', ['@tcp(', '@unix('], /\b[\w.-]{1,64}:([^\s:@'"]{3,128})@(?:tcp|unix)\(/, 0, isLiteralPassword),
];

/**
 * Every keyword of TOKEN_RULES in one linear alternation of literals: a line
 * without any (nearly every line of code) skips the token rules after one scan
 * instead of ~80 `includes` (7× cheaper, measured on the bench's JavaScript).
 * Written out so the ReDoS test can read it; secrets.test.ts checks that it
 * covers every rule's keywords.
 */
export const ANY_TOKEN_KEYWORD = /AKIA|ASIA|ABIA|ACCA|A3T|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|gldt-|glrt-|glptt-|glcbt-|glft-|glsoat-|GR1348941|xox|xapp-|hooks\.slack\.com|_live_|AIza|GOCSPX-|npm_|SG\.|T3BlbkFJ|sk-ant-|SK|shpat_|shpss_|shpca_|shppa_|_v1_|pypi-AgEIcHlwaS5vcmc|HRKU-|discord|:AA|eyJ|AccountKey=|Q~|key-|-us|hvs\.|hvb\.|hvr\.|\.atlasv1\.|dp\.|lin_api_|PMAK-|hf_|api_org_|NRAK-|NRII-|NRJS-|sq0|AGE-SECRET-KEY-1|LTAI|pscale_|glsa_|glc_|eyJrIjoi|pul-|dt0c01\.|dapi|ATATT3|sntrys_|sntryu_|ntn_|gsk_|figd_|pplx-|ops_eyJ|fo1_|sbp_|sha256~|-u|--user|@tcp\(|@unix\(/;

/** Kinds found by code rather than by a token's format (rule ids of the hits). */
export const CONTEXT_KINDS = {
  'private-key': 'Private key',
  'connection-string': 'Credentials in a connection string',
  'basic-auth-url': 'Credentials in a URL',
  'password-assignment': 'Password assigned in code or configuration',
  'generic-high-entropy': 'High-entropy secret assigned to a credential-like name',
  'aws-secret-access-key': 'AWS secret access key',
  'npm-legacy-token': 'npm legacy auth token',
  'mailgun-api-key': 'Mailgun API key',
  'heroku-api-key': 'Heroku API key',
} as const;

type ContextKind = keyof typeof CONTEXT_KINDS;

/** Every kind of secret the scanner reports (rule ids), for the README and the corpus test. */
export const SECRET_KINDS: readonly string[] = [...new Set([...TOKEN_RULES.map((r) => r.id), ...Object.keys(CONTEXT_KINDS)])];

/** Lines longer than this are read in windows of this size, overlapping by WINDOW_OVERLAP. */
export const WINDOW = 4096;
/** Longer than any token's match, so a token cut by one window is whole in the next. */
const WINDOW_OVERLAP = 1024;

/** A provider-format match below this entropy is a filler (`AIzaaaa…`, `GR1348941` + `123123…`), not a token. */
export const TOKEN_ENTROPY = 3.0;
/** Entropy (bits per character) a value assigned to a secret/token/key name needs: generated, not chosen. */
export const GENERIC_ENTROPY = 3.0;
/** Shortest generic secret value worth reporting. */
const GENERIC_MIN_LENGTH = 12;
/** Passwords are chosen by people: a lower bar, with known defaults and placeholders allow-listed. */
export const PASSWORD_ENTROPY = 2.0;
const PASSWORD_MIN_LENGTH = 6;

export function scanSecrets(lines: readonly DiffLine[], options: ScanOptions = {}): SecretHit[] {
  const hits: SecretHit[] = [];
  const clock = options.clock ?? RuleClock.unlimited();
  const path = options.path;
  const file: FileTraits = {
    unquoted: path !== undefined && acceptsUnquoted(path),
    fixture: path !== undefined && isFixturePath(path),
    format: path === undefined ? null : fileFormat(path),
  };
  const report: Report = { hits, first: 0, line: 0, continues: '', wasThere: options.wasThere };
  for (let i = 0; i < lines.length; i++) {
    const { line, text } = lines[i] as DiffLine;
    const next = lines[i + 1];
    const nextText = next && next.line === line + 1 ? next.text : undefined;
    report.first = hits.length;
    report.line = line;
    // A shell command continued from the line before (`curl … \` then `  -u user:pass`).
    const previous = lines[i - 1];
    const continued = previous !== undefined && previous.line === line - 1 && previous.text.trimEnd().endsWith('\\');
    report.continues = continued ? report.continues || commandOf(previous.text) : '';
    for (let start = 0; ; start += WINDOW - WINDOW_OVERLAP) {
      const last = start + WINDOW >= text.length;
      const window = start === 0 && last ? text : text.slice(start, start + WINDOW);
      if (clock.expired(line, window.length)) return hits;
      scanWindow(window, last ? nextText : undefined, file, report);
      if (last) break;
    }
  }
  return hits;
}

/** What the file's path says about its lines. */
interface FileTraits {
  /** Unquoted values are literals (config formats). */
  unquoted: boolean;
  /** A test file or fixture folder. */
  fixture: boolean;
  format: FileFormat;
}

/** Where a window's hits go: one per rule and line (hits from `first` on are the current line's). */
interface Report {
  hits: SecretHit[];
  first: number;
  line: number;
  /** The command a `\`-continued line belongs to (`curl`), else ''. */
  continues: string;
  wasThere: ScanOptions['wasThere'];
}

/** `curl` when a line holds a curl command (the only command a rule's context names). */
function commandOf(text: string): string {
  return /(?:^|[\s$;&|(])curl\s/.test(text) ? 'curl' : '';
}

function push(report: Report, id: string, secret: string, keep: number, description: string): void {
  for (let i = report.first; i < report.hits.length; i++) if (report.hits[i]?.rule === id) return;
  const hit: SecretHit = { rule: id, line: report.line, masked: mask(secret, keep), description };
  const was = report.wasThere?.(secret) ?? false;
  if (was !== false) hit.moved = true;
  if (typeof was === 'string') hit.movedFrom = was;
  report.hits.push(hit);
}

function scanWindow(text: string, nextLine: string | undefined, file: FileTraits, report: Report): void {
  let specific = false;
  let lower: string | undefined;
  for (const r of ANY_TOKEN_KEYWORD.test(text) ? TOKEN_RULES : []) {
    if (!r.keywords.some((k) => text.includes(k))) continue;
    if (r.context && r.context !== report.continues && !(lower ??= text.toLowerCase()).includes(r.context)) continue;
    const m = r.pattern.exec(text);
    const secret = m?.[1];
    if (!m || !secret) continue;
    if ((r.validate && !r.validate(secret)) || entropy(secret) < TOKEN_ENTROPY) continue;
    if (isPlaceholder(secret) || KNOWN_EXAMPLES.some((e) => secret.includes(e)) || saysFake(text.slice(Math.max(0, m.index - 80), m.index))) continue;
    push(report, r.id, secret, r.keep, r.description);
    specific = true;
  }
  if (text.includes('PRIVATE KEY') && privateKey(text, nextLine)) {
    push(report, 'private-key', 'PRIVATE KEY', 0, CONTEXT_KINDS['private-key']);
    specific = true;
  }
  if (text.includes('://')) {
    for (const cred of urlCredentials(text)) {
      specific = true;
      // In a fixture, credentials in a URL are test data unless they look generated (a token, not `pass%5B%7F`).
      if (file.fixture && (cred.password.length < GENERIC_MIN_LENGTH || entropy(cred.password) < GENERIC_ENTROPY)) continue;
      push(report, cred.kind, cred.password, 0, CONTEXT_KINDS[cred.kind]);
    }
  }
  // A line a specific rule explained is not reported again as a generic assignment.
  if (specific) return;
  if (file.format !== null) {
    const password = formatPassword(file.format, text);
    if (password !== null) push(report, 'password-assignment', password, 0, CONTEXT_KINDS['password-assignment']);
  }
  for (const a of assignments(text, file.unquoted, nextLine)) {
    const kind = classifyAssignment(a);
    // Test fixtures hold made-up passwords and keys by design; provider tokens in them still count (URLs: above).
    if (kind && !(file.fixture && (kind === 'password-assignment' || kind === 'generic-high-entropy'))) push(report, kind, a.value, 0, CONTEXT_KINDS[kind]);
  }
}

/** Credential files whose lines are not assignments: `.netrc` (`password <value>`), `.pgpass` (`host:port:db:user:password`). */
type FileFormat = 'netrc' | 'pgpass' | null;

function fileFormat(path: string): FileFormat {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === '.netrc' || base === '_netrc' ? 'netrc' : base === '.pgpass' ? 'pgpass' : null;
}

function formatPassword(format: 'netrc' | 'pgpass', text: string): string | null {
  let value: string | undefined;
  if (format === 'netrc') value = /\bpassword[ \t]+(\S+)/.exec(text)?.[1];
  else {
    const fields = text.trim().split(':');
    value = fields.length === 5 && !text.trimStart().startsWith('#') ? fields[4] : undefined;
  }
  return value !== undefined && value.length >= PASSWORD_MIN_LENGTH && isLiteralPassword(value) ? value : null;
}

/**
 * Test files as file-kinds.ts knows them (by name or folder: `*.test.ts`, `test_*.py`, `test/`,
 * `Foo.Tests/`…; got's test/redirects.ts, whose redirects carry made-up userinfo, evil and hacker),
 * `conftest.py`, fixture folders (`__fixtures__/`, `testdata/`), and so the data files in a test
 * folder (`tests/models/whatwg.json`: httpx vendors the WHATWG URL test vectors).
 */
export function isFixturePath(path: string): boolean {
  return isTestFile(path) || /(^|\/)(__fixtures__|fixtures|testdata|test-data|__mocks__|mocks)\//.test(path) || /(^|\/)conftest\.py$/.test(path);
}

// --- placeholders and fakes ------------------------------------------------

/**
 * Documentation placeholders and obvious fakes that every secret scanner
 * allow-lists. Linear: each alternative is a literal or a run of one character;
 * `<[^<>\s]{1,64}>` cannot restart inside itself.
 */
const PLACEHOLDER = /example|placeholder|dummy|sample|your[_-]|changeme|change_me|change-me|redacted|replace[_-]?me|insert[_-]|x{6,}|\*{4,}|\.{3}|…|0{8,}|1{8,}|0123456789|1234567890|abcdefghij|abc123|\$\{|\{\{|<%|<[^<>\s]{1,64}>/i;

/** Example values published by providers and tools, which show up in docs and tests everywhere. */
const KNOWN_EXAMPLES = [
  // GitHub's documentation token, jwt.io's default token signature, Stripe's documentation key.
  '16C7e42F292c6912E7710c838347Ae178B4a',
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  '4eC39HqLyjWDarjtT1zdp7dc',
];

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value) || value.replaceAll(value[0] ?? '', '') === '';
}

/** Words that mark a value as a fixture or an example when they name it (`FAKE_TOKEN = …`, `# example: …`). */
const FAKE_WORDS = /fake|dummy|mock|example|sample|placeholder|redacted|fixture/i;

function saysFake(before: string): boolean {
  return FAKE_WORDS.test(before);
}

// --- private keys -----------------------------------------------------------

const PRIVATE_KEY_HEADER = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const KEY_MATERIAL = /^[A-Za-z0-9+/=]{40,}$/;

/**
 * A PRIVATE KEY header followed by key material: on the next line (PEM), or
 * after a `\n` escape on the same line (keys inside JSON and env strings). A
 * header alone, or followed by `...` or `<your key>`, is documentation; PUBLIC
 * KEY and CERTIFICATE blocks never match.
 */
function privateKey(text: string, nextLine: string | undefined): boolean {
  const m = PRIVATE_KEY_HEADER.exec(text);
  if (!m) return false;
  const rest = text.slice(m.index + m[0].length);
  const inline = rest.startsWith('\\n') ? rest.slice(2) : rest.startsWith('\n') ? rest.slice(1) : null;
  const body = inline !== null ? inline.slice(0, 64).split('\\', 1)[0] ?? '' : (nextLine ?? '').trim();
  return KEY_MATERIAL.test(body.slice(0, 64)) || /^(Proc-Type|Version|Comment):/.test(body);
}

// --- credentials in URLs ----------------------------------------------------

const DB_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps', 'mssql', 'sqlserver',
  'jdbc:postgresql', 'jdbc:mysql', 'jdbc:sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'neo4j', 'neo4j+s', 'bolt', 'couchbase', 'couchbases',
  'cassandra', 'memcached', 'nats', 'kafka', 'ldap', 'ldaps', 'sqlalchemy', 'postgresql+psycopg2', 'mysql+pymysql', 'elasticsearch', 'influxdb',
]);

/**
 * A password worth reporting: not a reference, a placeholder or a default, also
 * with digits or symbols appended (`admin123`, `changeme!`).
 */
function isLiteralPassword(value: string): boolean {
  if (isReference(value) || isPlaceholder(value)) return false;
  const lower = value.toLowerCase();
  let end = lower.length;
  while (end > 0 && '0123456789!@#$%^&*?._-'.includes(lower[end - 1] ?? '')) end--;
  return !DEFAULT_PASSWORDS.has(lower) && !DEFAULT_PASSWORDS.has(lower.slice(0, end));
}

/** Passwords that are defaults or documentation, not secrets (in URLs and password assignments alike). */
const DEFAULT_PASSWORDS = new Set([
  'password', 'passw0rd', 'pass', 'passwd', 'pwd', 'secret', 'changeme', 'admin', 'root', 'postgres', 'mysql', 'guest', 'test', 'testing',
  'example', 'user', 'username', 'default', 'demo', 'dev', 'local', 'localhost', 'sa', 'toor', 'letmein', 'qwerty', 'none', 'null', 'nil',
  'true', 'false', 'undefined', 'empty', 'todo', 'tbd', 'foo', 'bar', 'foobar', 'hunter2', 'mypassword', 'yourpassword', 'pa55word', 'token',
]);

interface UrlCredential {
  kind: 'connection-string' | 'basic-auth-url';
  password: string;
}

/** `scheme://user:password@host…`, read by hand: scheme backwards from `://`, userinfo up to the last `@` of the authority. */
function urlCredentials(text: string): UrlCredential[] {
  const out: UrlCredential[] = [];
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    let s = at;
    while (s > 0 && s > at - 32 && /[A-Za-z0-9+.:-]/.test(text[s - 1] ?? '')) s--;
    const scheme = text.slice(s, at).toLowerCase().replace(/^[^a-z]+/, '');
    let end = at + 3;
    while (end < text.length && end < at + 3 + 512 && !'/?#\'"`<>()[]{} \t,;|\\'.includes(text[end] ?? ' ')) end++;
    const authority = text.slice(at + 3, end);
    const atSign = authority.lastIndexOf('@');
    if (atSign <= 0) continue;
    const userinfo = authority.slice(0, atSign);
    const colon = userinfo.indexOf(':');
    if (colon === -1) continue;
    const user = userinfo.slice(0, colon);
    const password = userinfo.slice(colon + 1);
    if (password.length < 3 || !isLiteralPassword(password) || password.toLowerCase() === user.toLowerCase()) continue;
    if (/^(user(name)?|login|name)$/i.test(user) && /^(pass(word)?|pwd|secret)$/i.test(password)) continue;
    out.push({ kind: DB_SCHEMES.has(scheme) || scheme.startsWith('jdbc:') ? 'connection-string' : 'basic-auth-url', password });
  }
  return out;
}

// --- assignments to credential-like names -----------------------------------

interface Assignment {
  name: string;
  value: string;
  quoted: boolean;
  /** The character before the name: `?`, `&` or `;` put it inside a URL query or a connection string. */
  before: string;
  /** The line names a database URL scheme (`jdbc:`, `postgres://`…). */
  dbLine: boolean;
}

/** A curl header option on the line: `-H "Name: value"`, `--header 'Name: value'`. */
const HEADER_FLAG = /(?:^|\s)(?:-H|--header)[ \t=]/;

/** Stems of credential-like names, found in the lower-cased line; the whole name is then read around them. */
const NAME_STEM = /pass|pwd|secret|token|key|auth|cred|pw/g;
const ANY_NAME_STEM = /pass|pwd|secret|token|key|auth|cred|pw/i;
const NAME_CHAR = /[A-Za-z0-9_.-]/;

/**
 * `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`,
 * `<name>value</name>`, `;Name=value;` — read by hand from each stem outwards, so no
 * regex has to guess where a name or a value ends. Unquoted values count only where
 * the file format makes them literals (`unquoted`: .env, YAML, properties, INI…).
 */
function assignments(text: string, unquoted: boolean, nextLine?: string): Assignment[] {
  const out: Assignment[] = [];
  if (!ANY_NAME_STEM.test(text)) return out;
  const lower = text.toLowerCase();
  const dbLine = /jdbc:|postgres|mysql|mongodb|sqlserver|mariadb|oracle|redis/.test(lower);
  let doneUntil = -1;
  NAME_STEM.lastIndex = 0;
  for (let m = NAME_STEM.exec(lower); m; m = NAME_STEM.exec(lower)) {
    if (m.index < doneUntil) continue;
    let s = m.index;
    while (s > 0 && s > m.index - 64 && NAME_CHAR.test(text[s - 1] ?? '')) s--;
    let e = m.index + m[0].length;
    while (e < text.length && e < m.index + 64 && NAME_CHAR.test(text[e] ?? '')) e++;
    doneUntil = e;
    const name = text.slice(s, e);
    const before = text[s - 1] ?? '';
    // Inside a connection string or a URL query (`;Password=…;`, `?password=…&`) the value is never quoted;
    // nor in a dotenv line held in a string (`{"config.ini": "API_TOKEN=…\nDEBUG=1"}`).
    // …and a header held in a string: `'Authorization: Basic …'`, `curl -H "X-Api-Key: …"`.
    const quotedStart = before === '"' || before === "'";
    const envInString = quotedStart && (text[e] === '=' || (text[e] === ':' && (name.toLowerCase() === 'authorization' || HEADER_FLAG.test(text))));
    const a = valueAfter(text, e, before === '<' ? name : null, unquoted || envInString || before === ';' || before === '?' || before === '&', nextLine);
    if (a) out.push({ name, value: a.value, quoted: a.quoted, before, dbLine });
  }
  return out;
}

/** @param tag the element's name when the name was opened by `<` (XML: the value runs to `</name>`). */
function valueAfter(text: string, from: number, tag: string | null, unquoted: boolean, nextLine?: string): { value: string; quoted: boolean } | null {
  let i = from;
  // The name's closing quote, also escaped inside a string: `{\"password\": …}`.
  if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === "'")) i++;
  const quotedName = text[i] === '"' || text[i] === "'";
  if (quotedName) i++;
  // A subscript: `config["password"] = …`, `ENV['API_TOKEN'] = …`.
  if (text[i] === ']') i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (tag !== null) {
    if (text[i] !== '>') return null;
    // `<apiToken>` alone on its line, the value alone on the next (XML pretty-printed).
    if (text.slice(i + 1).trim() === '' && nextLine !== undefined) {
      const value = nextLine.trim();
      return value !== '' && value.length <= 512 && !/[\s<>]/.test(value) ? { value, quoted: true } : null;
    }
    const close = text.indexOf('<', i + 1);
    if (close === -1 || close - i > 512 || !text.startsWith(`</${tag}>`, close)) return null;
    return { value: text.slice(i + 1, close).trim(), quoted: true };
  }
  // A declared type between name and value: Go's `var apiToken string = "…"`, Kotlin's `val apiToken: String = "…"`.
  const typed = /^:?[ \t]*(?:string|String|str|&str|const|\[\]byte)[ \t]*=/.exec(text.slice(i, i + 16));
  if (typed && text[i + typed[0].length] !== '=') i += typed[0].length - 1;
  const two = text.slice(i, i + 2);
  // Make's `::=` / `:::=`, PHP's `.=`, `??=`.
  const long = /^(?::{2,3}=|\?\?=)/.exec(text.slice(i, i + 4));
  if (long) i += long[0].length;
  else if (two === ':=' || two === '=>' || two === '?=' || two === '.=') i += 2;
  else if ((text[i] === '=' || text[i] === ':') && text[i + 1] !== '=' && text[i + 1] !== ':') i += 1;
  // A quoted name then a comma: PHP's define('DB_PASSWORD', '…'), os.environ.setdefault("SECRET_KEY", "…").
  else if (quotedName && text[i] === ',') i += 1;
  else return null;
  while (text[i] === ' ' || text[i] === '\t') i++;
  // Env manifests (app.json): "NAME": { "value": "…" }.
  if (text[i] === '{') {
    const inner = /^\{\s*"value"\s*:\s*/.exec(text.slice(i, i + 32));
    if (!inner) return null;
    i += inner[0].length;
  }
  // A JSON document inside a string: the value's quotes are escaped too.
  if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === "'")) {
    const close = text.indexOf(`\\${text[i + 1]}`, i + 2);
    if (close === -1 || close - i > 512) return null;
    return { value: text.slice(i + 2, close), quoted: true };
  }
  // Python's b'…' / r"…" / f"…" literals.
  if (/[brfu]/i.test(text[i] ?? '') && /["']/.test(text[i + 1] ?? '')) {
    if (/f/i.test(text[i] ?? '') && text.includes('{', i)) return null;
    i++;
  }
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') {
    const close = text.indexOf(q, i + 1);
    if (close === -1 || close - i > 512) return null;
    return { value: text.slice(i + 1, close), quoted: true };
  }
  if (!unquoted) return null;
  // An HTTP auth scheme before the credential: `Authorization: Bearer <token>`.
  const scheme = /^(?:Basic|Bearer|Token|Api-?Token|Api-?Key|Digest|OAuth|SSWS)[ \t]+(?=\S)/i.exec(text.slice(i, i + 16));
  if (scheme) i += scheme[0].length;
  let e = i;
  while (e < text.length && e < i + 512 && !' \t;&,"\'<>\\'.includes(text[e] ?? ' ')) e++;
  return { value: text.slice(i, e), quoted: false };
}

/** Name words that say the value is not a secret: an id, a name, a place, a size, a hash, a public key… */
const NOT_SECRET_WORDS = new Set([
  'id', 'ids', 'name', 'names', 'url', 'uri', 'urls', 'endpoint', 'host', 'hostname', 'path', 'file', 'filename', 'dir', 'type', 'kind', 'length', 'len',
  'size', 'count', 'max', 'min', 'ttl', 'expiry', 'expires', 'expiration', 'timeout', 'field', 'label', 'header', 'prefix', 'suffix', 'format', 'version',
  'hash', 'hashed', 'digest', 'checksum', 'fingerprint', 'sha', 'sha1', 'sha256', 'md5', 'public', 'pub', 'publishable', 'policy', 'arn', 'region', 'ref',
  'mode', 'enabled', 'required', 'regex', 'pattern', 'placeholder', 'example', 'sample', 'fake', 'dummy', 'mock', 'stub', 'hint', 'strength', 'rule',
  'rules', 'algorithm', 'algo', 'encoding', 'template', 'validator', 'error', 'message', 'input', 'button', 'form', 'column', 'index', 'limit', 'usage',
  'scope', 'scopes', 'audience', 'issuer', 'class', 'handler', 'callback', 'cache', 'date', 'time', 'at', 'created', 'updated', 'reset', 'confirm',
  'confirmation', 'var', 'variable', 'helper', 'util', 'utils', 'test', 'tests', 'spec', 'column',
  'location', 'secretref', 'keyref', 'keyboard', 'tokenizer', 'author', 'authority', 'authorize',
  'authorized', 'oauth2', 'passport', 'passenger', 'bypass', 'compass', 'lookup', 'keyword',
  'keywords', 'monkey', 'turkey', 'hotkey', 'csrf', 'xsrf', 'nonce', 'salt', 'iv', 'kid', 'alias', 'param', 'parameter', 
]);

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'pw', 'passcode', 'pword']);
const SECRET_WORDS = new Set(['secret', 'token', 'apikey', 'credential', 'credentials', 'creds', 'cred', 'auth', 'bearer', 'secrets', 'authorization']);
/** Words that make `key` a credential (`api_key`, `secret_key`…); `key` alone is too common. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'signing', 'encryption', 'master', 'client', 'app', 'auth', 'account', 'service', 'shared', 'hmac', 'webhook', 'license', 'admin', 'sas', 'subscription', 'consumer', 'management', 'deploy', 'server', 'session', 'crypto', 'jwt']);

/** `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password` → ['db', 'password']. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // `EZAKToken`, `COMToken`: an acronym then a word.
    .replace(/([A-Z])([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

function classifyAssignment(a: Assignment): ContextKind | null {
  const words = nameWords(a.name);
  const lname = a.name.toLowerCase();
  const value = a.value.trim().replace(/^(?:Bearer|Basic|Token|token|bearer)\s+/, '');
  if (value === '' || value.startsWith('<') || isReference(value) || isPlaceholder(value) || KNOWN_EXAMPLES.some((e) => value.includes(e))) return null;
  // .npmrc: `//registry.npmjs.org/:_authToken=<uuid>`, `_auth=<base64>`, `_password=<base64>`.
  if (lname === '_authtoken' || lname === '_auth' || lname === '_password') return value.length >= 16 ? 'npm-legacy-token' : null;
  if (words.some((w) => NOT_SECRET_WORDS.has(w)) || NOT_SECRET_WORDS.has(lname)) return null;
  if ((words.includes('aws') || lname.includes('secretaccesskey') || lname.includes('secret_access_key')) && /^[A-Za-z0-9/+=]{40}$/.test(value) && entropy(value) > 4) {
    return 'aws-secret-access-key';
  }
  if (words.includes('heroku') && UUID.test(value)) return 'heroku-api-key';
  if (words.includes('mailgun') && /^key-[0-9a-f]{32}$/.test(value)) return 'mailgun-api-key';
  // Prose (`"Forgot your password?"`), the name of a key (`redis-password`), a test-mode key (`sk_test_…`).
  if (/\s\S*\s/.test(value) || /password|secret|token/i.test(value) || /^[spr]k_test_/.test(value)) return null;
  const isPassword = words.some((w) => PASSWORD_WORDS.has(w)) || /passw(or)?d|passphrase/.test(lname);
  if (isPassword) {
    if (!isLiteralPassword(value) || value.length < PASSWORD_MIN_LENGTH || value.toLowerCase() === lname || entropy(value) < PASSWORD_ENTROPY) return null;
    if (!a.quoted && looksLikeCode(value)) return null;
    return inConnectionString(a) ? 'connection-string' : 'password-assignment';
  }
  const isSecret =
    words.some((w) => SECRET_WORDS.has(w)) ||
    words.some((w, i) => w === 'key' && KEY_QUALIFIERS.has(words[i - 1] ?? '')) ||
    /apikey|accesskey|secretkey|privatekey|authkey|clientsecret|authtoken|accesstoken/.test(lname);
  if (!isSecret) return null;
  if (value.length < GENERIC_MIN_LENGTH || entropy(value) < GENERIC_ENTROPY || looksLikeWords(value) || (!a.quoted && looksLikeCode(value))) return null;
  // Generated secrets mix character classes; a run of letters is a word, a run of digits a number or an id.
  // (A UUID under a token's name is a token: Codecov's, Heroku's; ids are excluded by their name.)
  if (/^[a-z]+$/i.test(value) || /^\d+$/.test(value) || /^\$2[aby]\$|^\$argon2|^\{S?SHA/.test(value)) return null;
  return inConnectionString(a) ? 'connection-string' : 'generic-high-entropy';
}

/** `;Password=…` (ADO.NET, ODBC) or `?password=…` / `&password=…` in a database URL. */
function inConnectionString(a: Assignment): boolean {
  return a.before === ';' || ((a.before === '?' || a.before === '&') && a.dbLine);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value that refers to a secret kept elsewhere: variables, templates, secret managers, code. */
function isReference(value: string): boolean {
  return (
    /^\$|^%[A-Za-z_]|^@[A-Za-z_]+@$|^!|^\(\(|^ENC\[|^vault:|^sm:\/\/|^op:\/\/|^arn:aws:|^secret:\/\/|^env:|^file:|^\/run\/secrets\//.test(value) ||
    /\$\{|\{\{|\}\}|<%|%\(|#\{|process\.env|os\.environ|getenv|System\.getenv|ENV\[/.test(value)
  );
}

/** An unquoted value that is code, not a literal: `config.db.password`, `getPassword()`, `[1, 2]`. */
function looksLikeCode(value: string): boolean {
  if (/[()[\]{}]/.test(value)) return true;
  // A dotted path of identifiers, not a dotted token (`sat.phb03v099bzaq….egwud…`: digits throughout).
  return /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(value) && value.split('.').every((part) => part.replace(/\D/g, '').length < 3);
}

/**
 * `bench-webhook-secret-0123456789`, `my_test_password_1`: mostly readable words
 * is a fixture or a name, not a generated credential (those are covered by the
 * specific rules, or are random throughout).
 */
function looksLikeWords(value: string): boolean {
  // Words as people write them (`bench`, `Webhook`, `SECRET`), not a run of random letters (`TmkRoMvrXKKwf…`).
  const words = value.split(/[-_.]/).filter((w) => /^(?:[a-z]{3,16}|[A-Z][a-z]{2,15}|[A-Z]{3,16})$/.test(w));
  return words.length >= 2 && words.join('').length >= value.length * 0.5;
}

/** Files whose format makes an unquoted value a literal (`KEY=value`, `key: value`). */
export function acceptsUnquoted(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/^\.env(\..+)?$|^(dockerfile|containerfile|procfile|credentials|config|\.npmrc|\.yarnrc|\.pypirc|\.netrc|\.git-credentials|\.htpasswd|\.pgpass|makefile)$/.test(base)) return true;
  return /\.(env|ya?ml|properties|ini|cfg|conf|config|toml|tfvars|hcl|tf|npmrc|sh|bash|zsh|ps1|bat|cmd|xml|plist|gradle|sbt|service|envrc)$/.test(base);
}

/**
 * Slack tokens carry numeric team/user ids (`xoxb-<8+ digits>-…`, `xoxb-<n>-<n>-<random>`, legacy `xoxo-<n>-<n>-<n>-<hex>`) or,
 * for rotating config/refresh tokens, a version then a long random body (`xoxp-1-<40+>`);
 * `xoxb-my-bot-token`, `xoxp-1-RANDOMSTRINGHERE` and `xoxo-indieweb` have neither.
 */
function isSlackToken(token: string): boolean {
  if (token.endsWith('-')) return false;
  return token.startsWith('xapp-') || /-\d{8,}-/.test(token) || /^xox[a-z](?:-\d{1,16}){2,3}-[A-Za-z0-9]{10}/.test(token) || /^xox[a-z]-\d-[A-Za-z0-9]{40}/.test(token);
}

// --- JWT ---------------------------------------------------------------------

/** A JWT's header is base64url JSON with an `alg`: checked, so `eyJ….eyJ….x` look-alikes do not count. */
function isJwt(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
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
