/**
 * Which repository a github.com URL belongs to. Shared by the worker (toolbar
 * badge for the current tab) and the overlay.
 */

/** First path segments that are GitHub features, not owners. */
const RESERVED_OWNERS = new Set([
  'about', 'account', 'apps', 'codespaces', 'collections', 'contact', 'copilot', 'dashboard', 'enterprise', 'explore',
  'features', 'issues', 'login', 'logout', 'marketplace', 'new', 'notifications', 'orgs', 'organizations', 'pricing',
  'pulls', 'search', 'security', 'settings', 'signup', 'sponsors', 'topics', 'trending', 'users', 'site', 'join',
]);

const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * @example parseRepoFromUrl('https://github.com/octo/cat/pull/3') // { owner: 'octo', name: 'cat' }
 * @example parseRepoFromUrl('https://github.com/settings/profile') // null
 */
export function parseRepoFromUrl(href: string): { owner: string; name: string } | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.hostname !== 'github.com') return null;
  const [owner, rawName] = url.pathname.split('/').filter(Boolean);
  if (!owner || !rawName || RESERVED_OWNERS.has(owner.toLowerCase())) return null;
  const name = rawName.replace(/\.git$/, '');
  if (!NAME.test(owner) || !NAME.test(name)) return null;
  return { owner, name };
}
