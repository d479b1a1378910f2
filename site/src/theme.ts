/**
 * Light/dark theme. The default follows the system (`prefers-color-scheme`,
 * handled in CSS alone); the toggle stores an explicit choice in
 * localStorage — the only thing this site ever stores, and never sent anywhere.
 */
export type Theme = 'light' | 'dark';

const KEY = 'tamagitto-theme';

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    // Storage can be disabled (privacy settings): fall back to the system theme.
    return null;
  }
}

function systemTheme(): Theme {
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function apply(theme: Theme | null, button: HTMLButtonElement): void {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
  button.setAttribute('aria-pressed', String((theme ?? systemTheme()) === 'dark'));
}

/**
 * Wires the header toggle. Without script it stays invisible but keeps its
 * space (CSS), so showing it causes no layout shift.
 */
export function initTheme(button: HTMLButtonElement | null): void {
  if (!button) return;
  apply(stored(), button);
  button.dataset.ready = '';
  button.addEventListener('click', () => {
    // The page's own attribute, not storage: with storage disabled the choice
    // lives only there, and the toggle must still flip back.
    const current = document.documentElement.dataset.theme ?? systemTheme();
    const next: Theme = current === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Not persisted, but still applied for this page view.
    }
    apply(next, button);
  });
}
