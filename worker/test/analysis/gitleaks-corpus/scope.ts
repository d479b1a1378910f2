/**
 * What of the gitleaks corpus (cases.ts) our scanner is judged on, and why the
 * rest is not. Used by gitleaks-corpus.test.ts (the 0.95 gate) and the bench.
 *
 * In scope: every gitleaks rule except OUT_OF_SCOPE — the provider formats
 * our scanner has a rule for, and every other rule whose cases are a
 * credential assigned to a credential-like name (our generic family catches
 * those whatever the provider). Out of scope, each with its reason: formats we
 * deliberately do not report (client and account ids are identifiers, not
 * secrets; sandbox/test-mode keys) and exotic providers whose samples give the
 * generic family nothing to go on (a bare token with no name and no rule).
 * Individual cases are set aside only by the lists below, never by outcome.
 */
import type { GitleaksCase } from './cases.ts';

/** gitleaks rule → why its cases are not scored. */
export const OUT_OF_SCOPE: Readonly<Record<string, string>> = {
  'asana-client-id': 'a client id is a public identifier (16 digits), not a secret; all-digit values are numbers or ids to us',
  'discord-client-id': 'a client id is a public identifier (18 digits)',
  'messagebird-client-id': 'a client id is a public identifier; its only sample is a placeholder UUID',
  'sumologic-access-id': 'an access id is the public half of a Sumo Logic key pair',
  'discord-client-secret': "gitleaks generates its samples as 32 digits only; an all-digit value is a number or an id to us (real Discord secrets are mixed-case)",
  'flutterwave-encryption-key': 'exotic provider, no format rule; samples are FLWSECK_TEST test-mode keys named `flutterwavePubKey…` (a public-key name to us)',
  'flutterwave-public-key': 'a public key (FLWPUBK), by its own name not a secret',
  'flutterwave-secret-key': 'exotic provider, no format rule; samples are FLWSECK_TEST test-mode keys named `flutterwavePubKey…` (a public-key name to us)',
  'messagebird-api-token': "exotic provider, no format rule; gitleaks names two thirds of the samples `message…Token`, and a name with `message` is UI text to us",
  'facebook-access-token': 'exotic provider, no format rule; samples are bare tokens (`EAA…`, `<app id>|<secret>`) with no credential-like name',
  'facebook-page-access-token': 'exotic provider, no format rule; samples are bare `EAA…` tokens with no credential-like name',
  'sourcegraph-access-token': 'exotic provider, no format rule; samples are bare `sgp_…` tokens or 40 hex under the name `sourcegraph`',
  'intra42-client-secret': 'exotic provider, no format rule; samples are bare `s-s4t2…` tokens',
  'sidekiq-secret': 'exotic provider, no format rule; credentials are `hex:hex` under BUNDLE_…__CONTRIBSYS__COM names',
  'cohere-api-token': 'exotic provider, no format rule; its one sample is an unquoted `export` line in shell',
  'jfrog-api-key': 'exotic provider, no format rule; its one sample is a bare helm `--set …password=` flag',
  'adobe-client-secret': 'exotic provider, no format rule; its one sample is a bare `p8e-…` token in Go code',
  'artifactory-reference-token': 'exotic provider, no format rule; its one sample is a bare token',
  'aws-amazon-bedrock-api-key-long-lived': 'no format rule for Bedrock keys (ABSK…); two of its three samples are EXAMPLE-padded placeholders',
  'gcp-service-account': 'its one sample is the line `"type": "service_account"`: the key itself (private_key) is what we report',
  'square-access-token': 'samples generated from an alternation gitleaks writes as one regex (`EAAA|sq0atp-`): half are Facebook-style `EAAA…` bare tokens',
};

/**
 * Sample values that are placeholders by any scanner's reading (sequential or
 * repeated characters): our scanner allow-lists them as documentation by
 * design (secrets.ts, PLACEHOLDER), so cases holding them are not scored.
 */
export const PLACEHOLDER_SAMPLES: readonly { value: string; why: string }[] = [
  { value: '12345678-ABCD-ABCD-ABCD-1234567890AB', why: 'sequential digits and ABCD (snyk, messagebird, heroku, hubspot samples)' },
  { value: '12345678ABCDEFH1234567890ABCDEFH12345678', why: 'sequential digits and letters (sonar samples)' },
  { value: 'xoxa-2-511111111-31111111111-3111111111111', why: 'runs of ones (Slack legacy workspace samples)' },
  { value: 'AGE-SECRET-KEY-1QQQQQQQQQQ', why: 'a run of one letter (age samples)' },
  { value: 'abc123xyz-456def789', why: 'abc123 / 456def789 (Anthropic samples, true and false alike)' },
];

/** Sandbox keys: Stripe's and Flutterwave's test mode. Not reported by design (trufflehog's Stripe detector also reports live keys only). */
export const TEST_MODE = /\b(?:sk|rk|pk)_test_|FLWSECK_TEST|FLWPUBK_TEST/;

/**
 * gitleaks false positives (negatives for *their* rule) that are secrets of
 * another family: reported by us, so not counted as false alarms — and not as
 * hits either. Each with the reason; matched on the case's rule and text.
 */
export const OTHER_FAMILY: readonly { rule: string; text: RegExp; why: string }[] = [
  { rule: 'cisco-meraki-api-key', text: /^meraki[-_](?:api-key|token)[:= ]+\s*[0-9A-Za-z]{40,}/, why: 'a 40+ character random value under an API-key/token name: a generic secret' },
  { rule: 'settlemint-application-access-token', text: /^nonMatchingToken := "/, why: 'a random value assigned to a token variable: a generic secret (not SettleMint-shaped)' },
  { rule: 'settlemint-personal-access-token', text: /^nonMatchingToken := "/, why: 'a random value assigned to a token variable: a generic secret' },
  { rule: 'settlemint-service-access-token', text: /^nonMatchingToken := "/, why: 'a random value assigned to a token variable: a generic secret' },
  { rule: 'telegram-bot-api-token', text: /telegram_api_token = "\d+:A[\w-]{20,}/, why: 'a random value assigned to telegram_api_token (not bot-token-shaped, still a secret)' },
  { rule: 'curl-auth-header', text: /Authorization: Basic eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/, why: "a JWT, which gitleaks' own jwt rule reports" },
  { rule: 'mailchimp-api-key', text: /MailchimpSDK\.initialize\(token: [0-9a-f]{32}-us\d+\)/, why: 'gitleaks lists it among fps with the comment "False Negative": a Mailchimp key it knows it misses' },
  { rule: 'slack-user-token', text: /xoxp-\d+-\d+-\d+-[0-9a-f]{32}/, why: "the legacy Slack format (`xox?-n-n-n-<32 hex>`) gitleaks' slack-legacy-token rule describes" },
];

export type Exclusion = 'out-of-scope' | 'placeholder' | 'test-mode' | 'other-family';

/** Why a case is not scored, or null when it is. */
export function exclusion(c: Pick<GitleaksCase, 'rule' | 'text' | 'expected'>): Exclusion | null {
  if (c.rule in OUT_OF_SCOPE) return 'out-of-scope';
  if (PLACEHOLDER_SAMPLES.some((p) => c.text.includes(p.value))) return 'placeholder';
  if (c.expected === 'secret' && TEST_MODE.test(c.text)) return 'test-mode';
  if (c.expected === 'clean' && OTHER_FAMILY.some((o) => o.rule === c.rule && o.text.test(c.text))) return 'other-family';
  return null;
}

/**
 * The families issue 15 names, as gitleaks calls them: each must stay in scope
 * and hold positives. (Connection strings, npm legacy tokens and PEM public
 * keys have no gitleaks rule; the repository's own corpus covers them —
 * worker/test/analysis/secrets-corpus/.)
 */
export const NAMED_FAMILIES: readonly string[] = [
  'generic-api-key',
  'curl-auth-user',
  // Basic-auth URLs (`https://user:password@host`): gitleaks' only rule with them names Sidekiq's host.
  'sidekiq-sensitive-url',
  'sendgrid-api-token',
  'openai-api-key',
  'gitlab-pat',
  'npm-access-token',
  'private-key',
];

export interface CaseScore {
  /** Positives with a finding. */
  found: number;
  /** Positives without. */
  missed: number;
  /** Findings on negatives. */
  falseAlarms: number;
  /** Negatives with at least one finding. */
  flaggedNegatives: number;
  negatives: number;
  recall: number;
  precision: number;
  /** rule → texts missed / flagged (for messages). */
  missesByRule: Map<string, string[]>;
  falseAlarmsByRule: Map<string, string[]>;
}

/** Recall over positives (any finding on the case counts), precision = found / (found + findings on negatives). */
export function scoreCases(cases: readonly GitleaksCase[], findings: (c: GitleaksCase) => readonly { rule: string }[]): CaseScore {
  const s: CaseScore = { found: 0, missed: 0, falseAlarms: 0, flaggedNegatives: 0, negatives: 0, recall: 0, precision: 0, missesByRule: new Map(), falseAlarmsByRule: new Map() };
  const note = (m: Map<string, string[]>, rule: string, what: string) => m.set(rule, [...(m.get(rule) ?? []), what]);
  for (const c of cases) {
    const hits = findings(c);
    const shown = `${c.path}: ${c.text.replace(/\n/g, '⏎').slice(0, 120)}`;
    if (c.expected === 'secret') {
      if (hits.length > 0) s.found++;
      else {
        s.missed++;
        note(s.missesByRule, c.rule, shown);
      }
    } else {
      s.negatives++;
      if (hits.length > 0) {
        s.falseAlarms += hits.length;
        s.flaggedNegatives++;
        note(s.falseAlarmsByRule, c.rule, `${shown} ← ${hits.map((h) => h.rule).join(', ')}`);
      }
    }
  }
  s.recall = s.found / Math.max(1, s.found + s.missed);
  s.precision = s.found / Math.max(1, s.found + s.falseAlarms);
  return s;
}
