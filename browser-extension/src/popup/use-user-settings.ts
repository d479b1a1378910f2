/**
 * The account's settings for the Pet tab's "Resting today": the copy in
 * chrome.storage at once (written by the settings form and here), then the
 * server's, kept in step with later saves through chrome.storage.onChanged.
 * A failure keeps the cached copy: the line is a hint, never an error.
 */
import type { UserSettingsDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { apiClient, ok, type ApiTarget } from '../shared/api-client.ts';
import { readStore, writeStore } from '../shared/storage.ts';

export function useUserSettings(target: ApiTarget): UserSettingsDto | null {
  const [settings, setSettings] = useState<UserSettingsDto | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    void readStore(['userSettings']).then(({ userSettings }) => !ctrl.signal.aborted && userSettings && setSettings(userSettings));
    ok(apiClient(target).GET('/api/me/settings', { signal: ctrl.signal })).then(
      (s) => {
        if (ctrl.signal.aborted) return;
        setSettings(s);
        void writeStore({ userSettings: s });
      },
      () => undefined,
    );
    const onChange = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      const next = area === 'local' ? changes.userSettings : undefined;
      if (next) setSettings((next.newValue as UserSettingsDto | undefined) ?? null);
    };
    chrome.storage.onChanged.addListener(onChange);
    return () => {
      ctrl.abort();
      chrome.storage.onChanged.removeListener(onChange);
    };
  }, [target]);
  return settings;
}
