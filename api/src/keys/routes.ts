/**
 * Personal API keys for CI (issue 16): created, listed and revoked with a session only — a key
 * cannot mint keys. Routes that accept a key say which scope they need (http/api-key.ts).
 */
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AppError, notFound } from '../http/errors.ts';
import { route } from '../http/openapi.ts';
import { requireSession } from '../http/require-session.ts';
import { UUID } from '../http/validate.ts';
import { ApiKeysSchema, CreateApiKeySchema, CreatedApiKeySchema, toApiKeyDto } from './dto.ts';
import { countLiveKeys, createApiKey, listApiKeys, MAX_KEYS_PER_USER, revokeApiKey } from './store.ts';

export function keyRoutes(deps: AppDeps) {
  const auth = requireSession(deps.sessions);
  return new Hono<AppEnv>()
    .use('/keys', auth)
    .use('/keys/*', auth)
    .post(
      '/keys',
      route({
        tag: 'keys',
        summary: 'Create an API key',
        description: `Returns the key once (\`tg_…\`); only its SHA-256 is stored. At most ${MAX_KEYS_PER_USER} live keys per user (409 beyond).`,
        security: 'session',
        body: CreateApiKeySchema,
        responses: { 201: CreatedApiKeySchema },
        errors: [409],
      }),
      async (c) => {
        const { name, scopes } = c.req.valid('json');
        const userId = c.get('userId');
        if ((await countLiveKeys(deps.db, userId)) >= MAX_KEYS_PER_USER) throw new AppError(409, 'conflict', `at most ${MAX_KEYS_PER_USER} API keys: revoke one first`);
        const { row, key } = await createApiKey(deps.db, userId, name, scopes);
        return c.json({ ...toApiKeyDto(row), key }, 201);
      },
    )
    .get('/keys', route({ tag: 'keys', summary: 'Your API keys', security: 'session', responses: { 200: ApiKeysSchema } }), async (c) =>
      c.json({ keys: (await listApiKeys(deps.db, c.get('userId'))).map(toApiKeyDto) }),
    )
    .delete(
      '/keys/:id',
      route({ tag: 'keys', summary: 'Revoke an API key', description: 'The key stops working at once.', security: 'session', responses: { 204: { description: 'Revoked.' } }, errors: [404] }),
      async (c) => {
        const id = c.req.param('id');
        if (!UUID.test(id) || !(await revokeApiKey(deps.db, c.get('userId'), id, deps.now()))) throw notFound('API key');
        return c.body(null, 204);
      },
    );
}
