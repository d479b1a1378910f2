/** RFC 9110 If-None-Match: a list of (possibly weak) ETags, or `*`; true when `etag` (strong, quoted) is among them. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => ['*', etag].includes(t.trim().replace(/^W\//, '')));
}
