/** The running worker sends proactive coach nudges on its own timer (issue #5 trigger engine, wired in worker.ts). */
import { createLogger, MemoryBus, TokenCipher } from '@tamagitto/db';
import { dbTargets } from '@tamagitto/db/testing';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startWorker } from '../src/worker.ts';

describe('worker: proactive nudges', () => {
  it('a work block open for 2 h produces one coach.nudge for its user, even across several sweeps', async () => {
    const h = await dbTargets()[0]!.create();
    const bus = new MemoryBus();
    const got: { userId?: string; kind?: string; type?: string }[] = [];
    await bus.subscribe('coach.nudge', (m) => got.push(m as (typeof got)[number]));
    const log = createLogger({ level: 'silent', name: 'test', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
    try {
      const user = await h.db.insertInto('users').values({ github_id: 1, login: 'mona', name: null, avatar_url: null, token_encrypted: null, token_scopes: null }).returning('id').executeTakeFirstOrThrow();
      const now = new Date();
      const session = await h.db
        .insertInto('day_sessions')
        .values({ user_id: user.id, day: now.toISOString().slice(0, 10), started_at: new Date(now.getTime() - 3 * 3600_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await h.db.insertInto('work_blocks').values({ session_id: session.id, user_id: user.id, label: 'refactor', started_at: new Date(now.getTime() - 2 * 3600_000) }).execute();
      const worker = await startWorker(
        { db: h.db, bus, log, cipher: new TokenCipher('k'.repeat(64)), githubApiUrl: 'http://127.0.0.1:9', now: () => new Date() },
        { name: 'nudger', concurrency: 1, claimIdleMs: 1000, schedulerIntervalMs: 0, pollIntervalMs: 0, nudgeIntervalMs: 150 },
      );
      const end = Date.now() + 20_000;
      while (got.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 600)); // several more sweeps
      await worker.stop();
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ type: 'coach.nudge', userId: user.id, kind: 'long_block' });
    } finally {
      await bus.close();
      await h.close();
    }
  });
});
