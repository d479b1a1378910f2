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

/** The PR title, beside which the PR-check prediction sits (features/pr-prediction.tsx); the same on the conversation and files tabs. */
export const PR_TITLE_SELECTORS = [
  {
    // The PR header's title text (not the sticky header's copy, which comes later in the page).
    // Example: https://github.com/refined-github/refined-github/pull/8000, https://github.com/refined-github/refined-github/pull/8000/files
    selector: '.gh-header-show .js-issue-title',
  },
  {
    // The React PR header (new files-changed experience).
    // Example: https://github.com/refined-github/refined-github/pull/8000/files
    selector: '[data-component="PH_Title"]',
  },
  {
    // Older layout: the whole title heading.
    // Example: https://github.com/torvalds/linux/pull/1
    selector: '.gh-header-title',
  },
] as const;

export const PREDICTION_HOST_ATTRIBUTE = 'data-tamagitto-prediction';

export function findPrTitle(root: ParentNode = document): Element | null {
  for (const { selector } of PR_TITLE_SELECTORS) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}

export function findRepoTitle(root: ParentNode = document): Element | null {
  for (const { selector } of REPO_TITLE_SELECTORS) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}
