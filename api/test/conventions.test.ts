/**
 * The api is organised by feature: each folder under src/ that serves routes
 * holds its routes.ts (handlers only), its store.ts (its SQL) and its dto.ts
 * (the documented shapes). These checks keep it that way.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
/** Shared plumbing, not features: no routes of their own (docs serves the document itself). */
const PLUMBING = new Set(['bin', 'http', 'github']);
const features = readdirSync(SRC).filter((d) => statSync(join(SRC, d)).isDirectory() && !PLUMBING.has(d));
const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\.executeQuery\(/;

/** Lines of `source` that build a query, with their numbers. */
export function queryLines(source: string): string[] {
  return source.split('\n').flatMap((line, i) => (QUERY.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe('api feature folders', () => {
  it('has the features a newcomer looks for', () => {
    expect(features).toEqual(expect.arrayContaining(['pets', 'ingest', 'live', 'sessions', 'queue', 'coach', 'puzzles', 'analytics', 'portraits', 'health', 'auth', 'settings']));
  });

  it.each(features)('%s: has routes.ts, and routes.ts holds no SQL', (feature) => {
    const routes = join(SRC, feature, 'routes.ts');
    expect(existsSync(routes), `${feature}/routes.ts`).toBe(true);
    expect(queryLines(readFileSync(routes, 'utf8'))).toEqual([]);
  });

  // docs serves the document itself and portraits answers images: no JSON shapes of their own.
  it.each(features.filter((f) => f !== 'docs' && f !== 'portraits'))('%s: documents its JSON shapes in dto.ts', (feature) => {
    expect(existsSync(join(SRC, feature, 'dto.ts')), `${feature}/dto.ts`).toBe(true);
  });

  it('the check sees a query in a handler', () => {
    expect(queryLines("  .get('/x', async (c) => c.json(await deps.db.selectFrom('pets').selectAll().execute()))")).toHaveLength(1);
    expect(queryLines('  const r = await sql`select 1`.execute(db);')).toHaveLength(1);
    expect(queryLines('  // selectFrom( in a comment is fine')).toEqual([]);
  });
});
