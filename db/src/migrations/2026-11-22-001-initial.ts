/**
 * The whole first data model (db/README.md, "Data model"). Frozen in time: it never imports
 * app code, so later schema changes are new migrations, not edits here.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

const id = (col: ColumnDefinitionBuilder) =>
  col.primaryKey().defaultTo(sql`gen_random_uuid()`);
const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', id)
    .addColumn('github_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('token_encrypted', 'text')
    .addColumn('token_scopes', 'text')
    .addColumn('rest_days', sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('vacation_until', 'timestamptz')
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('notify_on_decline', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('repositories')
    .addColumn('id', 'uuid', id)
    .addColumn('github_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('default_branch', 'text', (c) => c.notNull().defaultTo('main'))
    .addColumn('private', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('webhook_id', 'bigint')
    .addColumn('webhook_error', 'text')
    .addColumn('poll_etag', 'text')
    .addColumn('last_polled_at', 'timestamptz')
    .addColumn('last_seen_sha', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('repositories_full_name_idx').on('repositories').column('full_name').execute();

  await db.schema
    .createTable('entities')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('repository_id', 'uuid', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('species', 'text', (c) => c.notNull())
    .addColumn('health', 'double precision', (c) => c.notNull().defaultTo(70))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('egg'))
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('baby'))
    .addColumn('good_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_commit_at', 'timestamptz')
    .addColumn('last_decay_on', 'date')
    .addColumn('zero_health_since', 'timestamptz')
    .addColumn('died_at', 'timestamptz')
    .addColumn('revived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('entities_user_repository_key', ['user_id', 'repository_id'])
    .addCheckConstraint('entities_health_range', sql`health >= 0 and health <= 100`)
    .execute();
  await db.schema.createIndex('entities_repository_idx').on('entities').column('repository_id').execute();

  await db.schema
    .createTable('commit_analyses')
    .addColumn('id', 'uuid', id)
    .addColumn('repository_id', 'uuid', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('parent_sha', 'text')
    .addColumn('author_login', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('committed_at', 'timestamptz')
    .addColumn('files_changed', 'integer', (c) => c.notNull())
    .addColumn('additions', 'integer', (c) => c.notNull())
    .addColumn('deletions', 'integer', (c) => c.notNull())
    .addColumn('metrics', 'jsonb', (c) => c.notNull())
    .addColumn('findings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('partial', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('poor_quality', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('delta', 'double precision', (c) => c.notNull())
    .addColumn('engine_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('commit_analyses_repository_sha_key', ['repository_id', 'sha'])
    .execute();
  await db.schema
    .createIndex('commit_analyses_repository_created_idx')
    .on('commit_analyses')
    .columns(['repository_id', 'created_at desc'])
    .execute();

  await db.schema
    .createTable('health_history')
    .addColumn('id', 'uuid', id)
    .addColumn('entity_id', 'uuid', (c) => c.notNull().references('entities.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('delta', 'double precision', (c) => c.notNull())
    .addColumn('health_after', 'double precision', (c) => c.notNull())
    .addColumn('state_after', 'text', (c) => c.notNull())
    .addColumn('sha', 'text')
    .addColumn('analysis_id', 'uuid', (c) => c.references('commit_analyses.id').onDelete('set null'))
    .addColumn('day', 'date')
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('health_history_entity_created_idx').on('health_history').columns(['entity_id', 'created_at desc']).execute();
  // Exactly-once effects: one commit entry per pet and sha, one decay entry per pet and day.
  await db.schema
    .createIndex('health_history_entity_reason_sha_key')
    .on('health_history')
    .columns(['entity_id', 'reason', 'sha'])
    .unique()
    .where(sql.ref('sha'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('health_history_entity_reason_day_key')
    .on('health_history')
    .columns(['entity_id', 'reason', 'day'])
    .unique()
    .where(sql.ref('day'), 'is not', null)
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'uuid', id)
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('repository_github_id', 'bigint')
    .addColumn('repository_full_name', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('processed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('webhook_deliveries_status_idx').on('webhook_deliveries').columns(['status', 'received_at']).execute();

  await db.schema
    .createTable('day_sessions')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('journal_repository_id', 'uuid', (c) => c.references('repositories.id').onDelete('set null'))
    .addColumn('journal_sha', 'text')
    .addColumn('journal_error', 'text')
    .addColumn('summary', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('day_sessions_user_day_key', ['user_id', 'day'])
    .execute();

  await db.schema
    .createTable('work_blocks')
    .addColumn('id', 'uuid', id)
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('day_sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('label', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('work_blocks_session_idx').on('work_blocks').column('session_id').execute();
  // At most one open block per user.
  await db.schema
    .createIndex('work_blocks_one_open_key')
    .on('work_blocks')
    .column('user_id')
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('conversations_user_created_idx').on('conversations').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('puzzle_attempts')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('puzzle_day', 'date', (c) => c.notNull())
    .addColumn('puzzle_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('correct', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('puzzle_attempts_user_day_idx').on('puzzle_attempts').columns(['user_id', 'puzzle_day']).execute();

  await db.schema
    .createTable('badges')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('meta', 'jsonb')
    .addColumn('gist_url', 'text')
    .addColumn('awarded_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('badges_user_kind_period_key', ['user_id', 'kind', 'period'])
    .execute();

  await db.schema
    .createTable('coaching_profiles')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('signals', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('llm_usage')
    .addColumn('id', 'uuid', id)
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('tokens_in', 'integer', (c) => c.notNull())
    .addColumn('tokens_out', 'integer', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('cost_usd', 'double precision', (c) => c.notNull())
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('llm_usage_user_created_idx').on('llm_usage').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'uuid', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('jobs_kind_key_key', ['kind', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'jobs', 'llm_usage', 'coaching_profiles', 'badges', 'puzzle_attempts', 'conversations',
    'work_blocks', 'day_sessions', 'webhook_deliveries', 'health_history', 'commit_analyses',
    'entities', 'repositories', 'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
