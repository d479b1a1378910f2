/** What the api says about personal API keys: the key itself only in the answer that creates it. */
import type { ApiKey } from '@tamagitto/db';
import { z } from 'zod';
import { API_KEY_SCOPES } from './store.ts';

export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES).meta({
  id: 'ApiKeyScope',
  description: '`checks:write`: request and read PR checks (POST /api/checks, GET /api/checks/{id}); `pets:read`: read pets and their checks.',
});

export const CreateApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100).describe('Your label for the key, e.g. "CI of octocat/hello".'),
    scopes: z.array(ApiKeyScopeSchema).min(1).max(API_KEY_SCOPES.length).describe('What the key may do.'),
  })
  .meta({ id: 'CreateApiKey' });

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('The key’s first characters, to tell keys apart.'),
    scopes: z.array(ApiKeyScopeSchema),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().describe('When the key was last accepted (to the minute).'),
  })
  .meta({ id: 'ApiKey', description: 'A personal API key, without the key.' });

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().describe('The key, `tg_…`: shown this once, stored only as a hash. Send it as `X-API-Key`.'),
}).meta({ id: 'CreatedApiKey', description: 'A new key, with the key itself (never shown again).' });

export const ApiKeysSchema = z.object({ keys: z.array(ApiKeySchema) }).meta({ id: 'ApiKeys', description: 'Your live keys, newest first.' });

export function toApiKeyDto(k: ApiKey): z.infer<typeof ApiKeySchema> {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    createdAt: new Date(k.created_at).toISOString(),
    lastUsedAt: k.last_used_at ? new Date(k.last_used_at).toISOString() : null,
  };
}
