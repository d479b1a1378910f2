/** A unique constraint said no (SQLSTATE 23505), on Postgres and PGlite alike: a race lost to another request. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}
