/**
 * Fake credentials in each provider's real format, for the secrets corpus
 * (secrets-corpus.ts): the prefixes, lengths and alphabets that gitleaks' and
 * trufflehog's public rules describe, and the checksum where the format has
 * one (GitHub's and npm's tokens end in the base62 CRC32 of their random part).
 * Random, never real: each value comes from a seeded generator, so the corpus
 * expands to the same text on every run, and the files in the repository hold
 * only `{{fake:generator}}` slots, never a token another scanner (or GitHub's
 * push protection) would stop.
 */
import { crc32 } from 'node:zlib';

/** mulberry32: small, fast, good enough to pick characters. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: the seed of one slot from its file and position. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const BASE62 = DIGITS + UPPER + LOWER;
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

type Rand = () => number;

function pick(r: Rand, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(r() * alphabet.length)];
  return out;
}

function between(r: Rand, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

function base62(n: number, width: number): string {
  let out = '';
  let v = n;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/** GitHub's (and npm's) token format: prefix, 30 random base62 characters, their CRC32 in 6 base62 characters. */
export function checksummedToken(prefix: string, r: Rand): string {
  const random = pick(r, BASE62, 30);
  return `${prefix}${random}${base62(crc32(random), 6)}`;
}

/** Does a GitHub/npm-format token carry the right checksum? */
export function validTokenChecksum(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  return body.length === 36 && base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function uuid(r: Rand): string {
  const h = pick(r, HEX, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[between(r, 0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const WORDS = ['river', 'Falcon', 'copper', 'Mango', 'violet', 'Tundra', 'pepper', 'Harbor', 'ember', 'Quartz', 'lantern', 'Orbit', 'saffron', 'Walrus', 'cobalt', 'Juniper'];

/** What people choose: words, digits and a symbol, or a generated run of printable characters. */
function password(r: Rand): string {
  if (r() < 0.5) {
    const w = () => WORDS[between(r, 0, WORDS.length - 1)] ?? 'river';
    return `${w()}${pick(r, '!@#%^*-_.', 1)}${w()}${pick(r, DIGITS, between(r, 2, 4))}${pick(r, '!@#%^*?', 1)}`;
  }
  return pick(r, ALNUM + '!#%*+-.=?@^_~', between(r, 14, 24));
}

/** The first line (header) of an armored key, and its base64 body lines. */
const PEM_BODY = (r: Rand) => pick(r, B64, 64);

/**
 * Generators by name; `arg` is what follows a second colon in the slot
 * (`{{fake:github:ghp}}`). Names are value formats, not labels: the labels file
 * says which lines hold which kind of secret.
 */
export const GENERATORS: Record<string, (r: Rand, arg?: string) => string> = {
  'aws-key-id': (r, arg) => `${arg ?? 'AKIA'}${pick(r, UPPER + '234567', 16)}`,
  'aws-secret': (r) => pick(r, B64, 40),
  github: (r, arg) => checksummedToken(`${arg ?? 'ghp'}_`, r),
  'github-fine-grained': (r) => `github_pat_${pick(r, ALNUM, 22)}_${pick(r, ALNUM, 59)}`,
  gitlab: (r, arg) => {
    if (arg === 'glptt') return `glptt-${pick(r, HEX, 40)}`;
    if (arg === 'GR1348941') return `GR1348941${pick(r, B64URL, 20)}`;
    if (arg === 'routable') return `glpat-${pick(r, B64URL, 27)}.01.${pick(r, LOWER + DIGITS, 7)}`;
    return `${arg ?? 'glpat'}-${pick(r, ALNUM + '_-', 20)}`;
  },
  'slack-token': (r, arg) =>
    arg === 'xapp'
      ? `xapp-1-A${pick(r, UPPER + DIGITS, 10)}-${pick(r, DIGITS, 13)}-${pick(r, HEX, 64)}`
      : `${arg ?? 'xoxb'}-${pick(r, DIGITS, 11)}-${pick(r, DIGITS, 13)}-${pick(r, ALNUM, 24)}`,
  'slack-webhook': (r) => `https://hooks.slack.com/services/T${pick(r, UPPER + DIGITS, 8)}/B${pick(r, UPPER + DIGITS, 10)}/${pick(r, ALNUM, 24)}`,
  stripe: (r, arg) => `${arg ?? 'sk'}_live_${pick(r, ALNUM, r() < 0.5 ? 24 : 99)}`,
  'stripe-test': (r, arg) => `${arg ?? 'sk'}_test_${pick(r, ALNUM, 24)}`,
  'stripe-publishable': (r) => `pk_live_${pick(r, ALNUM, 99)}`,
  google: (r) => `AIza${pick(r, ALNUM + '_-', 35)}`,
  'gcp-oauth-secret': (r) => `GOCSPX-${pick(r, ALNUM + '_-', 28)}`,
  'pem-begin': (_r, arg) => `-----BEGIN ${arg ? `${arg} ` : ''}PRIVATE KEY-----`,
  'pem-end': (_r, arg) => `-----END ${arg ? `${arg} ` : ''}PRIVATE KEY-----`,
  'pem-body': PEM_BODY,
  /** A private key in one JSON/env string, lines joined by `\n` escapes (service-account files do this). */
  'pem-inline': (r) => `-----BEGIN PRIVATE KEY-----\\n${PEM_BODY(r)}\\n${PEM_BODY(r)}\\n${PEM_BODY(r)}\\n-----END PRIVATE KEY-----\\n`,
  npm: (r) => checksummedToken('npm_', r),
  sendgrid: (r) => `SG.${pick(r, B64URL, 22)}.${pick(r, B64URL, 43)}`,
  openai: (r, arg) => (arg === 'legacy' ? `sk-${pick(r, ALNUM, 20)}T3BlbkFJ${pick(r, ALNUM, 20)}` : `sk-${arg ?? 'proj'}-${pick(r, B64URL, 74)}T3BlbkFJ${pick(r, B64URL, 74)}`),
  anthropic: (r) => `sk-ant-api03-${pick(r, B64URL, 93)}AA`,
  'twilio-key': (r) => `SK${pick(r, HEX, 32)}`,
  'twilio-sid': (r) => `AC${pick(r, HEX, 32)}`,
  shopify: (r, arg) => `${arg ?? 'shpat'}_${pick(r, HEX, 32)}`,
  digitalocean: (r, arg) => `${arg ?? 'dop'}_v1_${pick(r, HEX, 64)}`,
  pypi: (r) => `pypi-AgEIcHlwaS5vcmc${pick(r, B64URL, 150)}`,
  'heroku-v2': (r) => `HRKU-AA${pick(r, B64URL, 58)}`,
  'discord-webhook': (r) => `https://discord.com/api/webhooks/${pick(r, DIGITS, 18)}/${pick(r, B64URL, 68)}`,
  telegram: (r) => `${between(r, 1, 9)}${pick(r, DIGITS, 9)}:AA${pick(r, B64URL, 33)}`,
  jwt: (r) => {
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(JSON.stringify({ sub: uuid(r), role: 'service', iat: 1_700_000_000 + between(r, 0, 9_999_999), exp: 1_900_000_000 }));
    return `${header}.${payload}.${pick(r, B64URL, 43)}`;
  },
  'azure-storage-key': (r) => `${pick(r, B64, 86)}==`,
  'azure-client-secret': (r) => `${pick(r, ALNUM, 3)}${between(r, 0, 9)}Q~${pick(r, ALNUM + '_~.-', 34)}`,
  mailgun: (r) => `key-${pick(r, HEX, 32)}`,
  mailchimp: (r) => `${pick(r, HEX, 32)}-us${between(r, 1, 21)}`,
  vault: (r, arg) => `${arg ?? 'hvs'}.CAESI${pick(r, B64URL, 86)}`,
  'terraform-cloud': (r) => `${pick(r, ALNUM, 14)}.atlasv1.${pick(r, ALNUM + '-_=', 67)}`,
  doppler: (r, arg) => `dp.${arg ?? 'pt'}.${pick(r, ALNUM, 43)}`,
  linear: (r) => `lin_api_${pick(r, ALNUM, 40)}`,
  postman: (r) => `PMAK-${pick(r, HEX, 24)}-${pick(r, HEX, 34)}`,
  huggingface: (r) => `hf_${pick(r, UPPER + LOWER, 34)}`,
  'new-relic': (r) => `NRAK-${pick(r, UPPER + DIGITS, 27)}`,
  square: (r, arg) => (arg === 'csp' ? `sq0csp-${pick(r, B64URL, 43)}` : `sq0atp-${pick(r, B64URL, 22)}`),
  age: (r) => `AGE-SECRET-KEY-1${pick(r, BECH32, 58)}`,
  alibaba: (r) => `LTAI${pick(r, ALNUM, 20)}`,
  planetscale: (r, arg) => `pscale_${arg ?? 'tkn'}_${pick(r, ALNUM + '_', 43)}`,
  grafana: (r, arg) => (arg === 'cloud' ? `glc_${pick(r, B64, 108)}` : `glsa_${pick(r, ALNUM, 32)}_${pick(r, HEX, 8)}`),
  pulumi: (r) => `pul-${pick(r, HEX, 40)}`,
  dynatrace: (r) => `dt0c01.${pick(r, UPPER + DIGITS, 24)}.${pick(r, UPPER + DIGITS, 64)}`,
  databricks: (r) => `dapi${pick(r, HEX, 32)}`,
  atlassian: (r) => `ATATT3xFfGF0${pick(r, B64URL, 180)}`,
  password,
  /** A password as it appears inside a URL (no characters that would need escaping). */
  'url-password': (r) => pick(r, ALNUM, between(r, 12, 20)) + pick(r, '-_.~', 1) + pick(r, ALNUM, 4),
  /** Generated API secrets as services hand them out. */
  hex: (r, arg) => pick(r, HEX, Number(arg ?? 32)),
  base62: (r, arg) => pick(r, BASE62, Number(arg ?? 32)),
  base64: (r, arg) => pick(r, B64, Number(arg ?? 40)),
  base32: (r, arg) => pick(r, BASE32, Number(arg ?? 32)),
  // Look-alikes that are not secrets.
  uuid,
  sha1: (r) => pick(r, HEX, 40),
  sha256: (r) => pick(r, HEX, 64),
  md5: (r) => pick(r, HEX, 32),
  'base64-blob': (r, arg) => pick(r, B64, Number(arg ?? 64)),
  'ssh-public': (r) => `AAAAC3NzaC1lZDI1NTE5AAAAI${pick(r, B64, 43)}`,
  'rsa-public-body': (r) => `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${pick(r, B64, 20)}`,
};

/** `{{fake:name}}` or `{{fake:name:arg}}`. */
export const SLOT = /\{\{fake:([a-z0-9-]+)(?::([A-Za-z0-9 _-]+))?\}\}/g;

/**
 * Replaces every slot of a template; the same file always expands to the same text.
 * @param key seeds the generator (the file's path), so files do not shift each other's values.
 */
export function expandSlots(template: string, key: string): string {
  let n = 0;
  return template.replace(SLOT, (_all, name: string, arg: string | undefined) => {
    const generate = GENERATORS[name];
    if (!generate) throw new Error(`unknown fake generator ${name} in ${key}`);
    return generate(rng(seedOf(`${key}#${n++}`)), arg);
  });
}
