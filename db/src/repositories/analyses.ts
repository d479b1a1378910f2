import type { Kysely } from 'kysely';
import type { CommitAnalysis, Database, NewCommitAnalysis } from '../schema.ts';

type Db = Kysely<Database>;

export async function findAnalysis(db: Db, repositoryId: string, sha: string): Promise<CommitAnalysis | undefined> {
  return db.selectFrom('commit_analyses').selectAll().where('repository_id', '=', repositoryId).where('sha', '=', sha).executeTakeFirst();
}

/** Idempotent per (repository, sha): a second insert returns the existing row with `created: false`. */
export async function insertAnalysis(db: Db, row: NewCommitAnalysis): Promise<{ analysis: CommitAnalysis; created: boolean }> {
  const inserted = await db
    .insertInto('commit_analyses')
    .values(row)
    .onConflict((oc) => oc.columns(['repository_id', 'sha']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { analysis: inserted, created: true };
  const existing = await findAnalysis(db, row.repository_id, row.sha);
  if (!existing) throw new Error('analysis vanished after conflict');
  return { analysis: existing, created: false };
}

export async function getAnalysis(db: Db, id: string): Promise<CommitAnalysis | undefined> {
  return db.selectFrom('commit_analyses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; the cursor is the created_at|id of the last row seen. */
export async function listAnalyses(
  db: Db,
  repositoryId: string,
  opts: { limit: number; before?: { createdAt: Date; id: string } | undefined },
): Promise<CommitAnalysis[]> {
  let q = db.selectFrom('commit_analyses').selectAll().where('repository_id', '=', repositoryId);
  const before = opts.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}
