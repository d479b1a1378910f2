/**
 * Every github.com DOM selector the overlay depends on, in one place, each
 * with a page where it can be seen (as refined-github does), so whoever finds
 * one broken can open that page and see what changed. When GitHub changes its
 * markup, this is the only file to fix. Ordered by preference.
 */
export const REPO_TITLE_SELECTORS = [
  {
    // Repo header (code, issues, PR list and PR pages).
    // Example: https://github.com/refined-github/refined-github, https://github.com/refined-github/refined-github/pull/8000
    selector: '#repository-container-header strong[itemprop="name"]',
  },
  {
    // Global app header breadcrumbs: last crumb is the repo name.
    // Example: https://github.com/refined-github/refined-github/pulls
    selector: '.AppHeader-context-full nav[role="navigation"] li:last-child a',
  },
  {
    // Older layout and some PR views.
    // Example: https://github.com/torvalds/linux/pull/1
    selector: '.gh-header-title',
  },
] as const;

export const BADGE_HOST_ATTRIBUTE = 'data-tamagitto-badge';

export function findRepoTitle(root: ParentNode = document): Element | null {
  for (const { selector } of REPO_TITLE_SELECTORS) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}
