/**
 * Values for the fuzz suite: hostile strings and numbers, arbitrary JSON, and
 * values generated from a request's JSON Schema (valid-ish), with the
 * mutations that break them (a field of the wrong type, a missing required
 * field, an extra one, the whole body replaced).
 *
 * A value may hold a reference to something that exists only once the stack
 * runs (`ref('bob.repo')`): generation stays a pure function of the seed, and
 * the request is completed when it is sent (see requests.ts).
 */
import fc from 'fast-check';
import type { JsonSchema } from './operations.ts';

/** A placeholder for a value known only at run time (a pet's id, a repo name); replaced in the JSON text before sending. */
export const ref = (name: string) => `@@ref:${name}@@`;
export const REF = /@@ref:([\w.-]+)@@/g;

/** Strings that have broken servers: NUL, lone surrogates, RTL, emoji, combining marks, numbers in disguise, injections, very long. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfff',
  'pair \ud83d\udc23 then lone \ud83d',
  '\u202egnp.exe',
  'مرحبا بالعالم',
  'שלום',
  '🐣🐙👨‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309',
  'Z̵̡̢̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡',
  '\ufeffbom',
  '\uffff\ufffe',
  '\u0001\u001f\u007f\u0085\u2028\u2029',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1',
  '-0',
  '0x1F',
  '1.5',
  '9'.repeat(40),
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '%',
  '_%\\',
  '../../../etc/passwd',
  '..\\..\\windows',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  'a'.repeat(256),
  'b'.repeat(5_000),
  '😀'.repeat(2_000),
  'x'.repeat(40_000),
];

/** Hostile strings, or random text over all of Unicode (graphemes, any code point, a lone surrogate spliced in). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud800', '\udc00', '\udbff'), fc.string({ maxLength: 10 })).map(([a, b, c]) => a + b + c) },
);

/** Numbers at the edges: huge, negative, fractional, beyond 2^53, subnormal. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, -1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e-300),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, hostile leaves included. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), hostileString), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A value of the wrong kind for any field: a hostile string or number, a boolean, null, an array, an object. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { minLength: 1, maxLength: 3 }),
  fc.record({ nested: hostileString }),
);

/** Realistic values for fields the schema alone says too little about, by property name. */
const BY_NAME: Record<string, fc.Arbitrary<unknown>> = {
  repo: fc.constantFrom(ref('bob.repo'), ref('bob.spareRepo'), ref('alice.repo'), ref('alice.privateRepo'), 'octocat/does-not-exist', 'HUBOT/FUZZ-REPO'),
  journalRepo: fc.constantFrom(ref('bob.repo'), ref('alice.repo'), 'hubot/not-adopted', 'x/y'),
  timezone: fc.constantFrom('UTC', 'Europe/Paris', 'america/new_york', 'Etc/GMT+14', 'Mars/Olympus_Mons', 'Local', '+05:30', 'EST5EDT'),
  puzzleId: fc.constantFrom(ref('puzzle.today'), 'bank-000', 'not-a-puzzle'),
  token: fc.constantFrom(ref('bob.githubToken'), 'ghp_notAValidTokenButShapedLikeOne0000000', 'github_pat_11AAAAAAA0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'),
  code: fc.constantFrom('code-for-hubot', 'code-for-nobody', 'x'),
  redirect_uri: fc.constantFrom('https://abcdefghijklmnop.chromiumapp.org/', 'http://localhost/cb', 'not a uri', 'javascript:alert(1)'),
  week: fc.constantFrom('2026-W49', '2026-W53', '2026-W00', '1970-W01', '9999-W52'),
  // Never bob's own login: deleting the fuzzing account would leave the rest of the run signed out.
  confirm: fc.constantFrom('octocat', 'hubot2', 'hubo', '', ' hubot x'),
  cursor: fc.constantFrom(ref('bob.analysisCursor'), 'not-a-cursor', 'eyJ0IjoiMjAyNi0xMi0wMSJ9', '2026-12-01T00:00:00.000Z|00000000-0000-0000-0000-000000000000'),
};

/** A value that satisfies `schema` (mostly: patterns and formats are honoured, not every cross-field rule). */
export function valid(schema: JsonSchema, name?: string): fc.Arbitrary<unknown> {
  const byName = name !== undefined ? BY_NAME[name] : undefined;
  const plain = validBySchema(schema);
  return byName ? fc.oneof({ weight: 3, arbitrary: byName }, { weight: 1, arbitrary: plain }) : plain;
}

function validBySchema(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validBySchema(s)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((t) => validBySchema({ ...schema, type: t })));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000);
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'string':
      return validString(schema);
    case 'array':
      return fc.array(schema.items ? validBySchema(schema.items) : fc.jsonValue({ maxDepth: 1 }), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 10) });
    case 'object':
    case undefined: {
      const props = schema.properties ?? {};
      if (Object.keys(props).length === 0 && schema.type === undefined) return fc.jsonValue({ maxDepth: 1 });
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) record[k] = valid(s, k);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 300);
  const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true });
  switch (schema.format) {
    case 'date-time':
      return fc.oneof(dates.map((d) => d.toISOString()), fc.integer({ min: 1, max: 400 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()));
    case 'date':
      return dates.map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'uri':
      return fc.webUrl();
  }
  if (schema.pattern) {
    // `^[class]+$` with length bounds becomes `^[class]{min,max}$`; other patterns are generated as they are
    // (filtering on the length could reject nearly everything), which may miss the bounds: valid-ish.
    const oneClass = schema.pattern.match(/^\^(\[[^\]]+\]|\\w)[+*]\$$/);
    const pattern = oneClass ? `^${oneClass[1]}{${minLength},${Math.max(minLength, maxLength)}}$` : schema.pattern;
    return fc.stringMatching(new RegExp(pattern));
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
  );
}

/** A body that breaks `schema` in one way (or the whole body replaced by something else). */
export function mutated(schema: JsonSchema): fc.Arbitrary<unknown> {
  const props = Object.keys(schema.properties ?? {});
  const required = (schema.required ?? []).filter((k) => props.includes(k));
  const base = validBySchema(schema);
  const options: fc.Arbitrary<unknown>[] = [
    // an extra field
    fc.tuple(base, fc.oneof(fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'userId', 'user_id', 'id'), hostileString), wrongValue).map(([b, k, v]) =>
      isObject(b) ? JSON.parse(JSON.stringify({ ...b, [k]: v })) : b,
    ),
    // the whole body replaced
    wrongValue,
    hostileJson,
  ];
  if (props.length > 0) {
    // one field of the wrong type, a hostile string, or a huge/negative number
    options.push(fc.tuple(base, fc.constantFrom(...props), wrongValue).map(([b, k, v]) => (isObject(b) ? { ...b, [k]: v } : b)));
  }
  if (required.length > 0) {
    // a required field missing
    options.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([b, k]) => {
        if (!isObject(b)) return b;
        const { [k]: _gone, ...rest } = b;
        return rest;
      }),
    );
  }
  return fc.oneof(...options);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
