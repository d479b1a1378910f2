/**
 * The popup's quick settings (the header's gear): the account's timezone,
 * rest days and vacation (shared/settings-form.tsx, compact), and a way to
 * everything else on the options page. Escape closes it, like Close.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ApiTarget } from '../shared/api-client.ts';
import { t } from '../shared/i18n.ts';
import { SettingsForm } from '../shared/settings-form.tsx';

export function QuickSettings({ target, onClose }: { target: ApiTarget; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <section id="quick-settings" class="panel quick-settings" aria-labelledby="quick-settings-title">
      <div class="adopt-head">
        <h1 id="quick-settings-title" class="panel-title" tabIndex={-1} ref={heading}>
          {t('qs_title')}
        </h1>
        <button type="button" onClick={onClose}>
          {t('qs_close')}
        </button>
      </div>
      <SettingsForm target={target} compact idPrefix="quick" />
      <p>
        <button type="button" class="link-button" onClick={() => chrome.runtime.openOptionsPage()}>
          {t('qs_all_settings')}
        </button>
      </p>
    </section>
  );
}
