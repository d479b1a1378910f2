/**
 * `npm run openapi -w api`: writes the OpenAPI document's TypeScript types
 * into @tamagitto/domain (see api/src/docs/generate-types.ts) and, with
 * `--json FILE`, the document itself.
 */
import { writeFile } from 'node:fs/promises';
import { createLogger } from '@tamagitto/db';
import { dbTargets } from '@tamagitto/db/testing';
import { MemoryBus } from '@tamagitto/db';
import { createApp } from '../src/app.ts';
import { GENERATED_TYPES_PATH, generateApiTypes } from '../src/docs/generate-types.ts';
import { readEnv } from '../src/env.ts';
import { buildDeps } from '../src/server.ts';

const db = await dbTargets()[0]!.create();
try {
  const env = readEnv({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' });
  const deps = buildDeps({ env, secrets: { jwtSecret: 'j'.repeat(64), tokenEncryptionKey: 'k'.repeat(64), webhookSecret: 'w' }, db, bus: new MemoryBus(), log: createLogger({ level: 'silent', name: 'openapi' }) });
  const res = await createApp(deps).request('/api/openapi.json');
  const document: unknown = await res.json();
  await writeFile(GENERATED_TYPES_PATH, await generateApiTypes(document));
  console.log(`wrote ${GENERATED_TYPES_PATH.pathname}`);
  const i = process.argv.indexOf('--json');
  if (i > 0 && process.argv[i + 1]) {
    await writeFile(process.argv[i + 1]!, JSON.stringify(document, null, 2) + '\n');
    console.log(`wrote ${process.argv[i + 1]}`);
  }
} finally {
  await db.close();
}
