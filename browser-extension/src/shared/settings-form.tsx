/**
 * The account's settings form (GET/PUT /api/me/settings): timezone (detected
 * from the browser when the account still has the default), rest days as
 * weekday toggles, the last day of a vacation, and — on the options page —
 * the coach's decline nudges. The options page shows it whole; the popup's
 * quick settings show it `compact` (no notification choice). What was read
 * or saved is kept in chrome.storage (`userSettings`) for the Pet tab's
 * "Resting today".
 */
import { addDays, localDay, type UserSettingsDto } from '@tamagitto/domain';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiClient, errorText, ok, type ApiTarget } from './api-client.ts';
import { t, uiLanguage } from './i18n.ts';
import { writeStore } from './storage.ts';
import { browserTimezone, formatDay, timezoneChoices, vacationDay, vacationInstant, WEEKDAYS } from './user-settings.ts';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; saved: UserSettingsDto };
type Save = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

interface Draft {
  timezone: string;
  restDays: number[];
  /** YYYY-MM-DD, '' for no vacation. */
  vacationDay: string;
  notifyOnDecline: boolean;
}

/** A weekday's short and long name in the words' language (2023-01-02 was a Monday; `value` counts from Sunday = 0). */
function weekdayNames(value: number): { short: string; long: string } {
  const d = new Date(Date.UTC(2023, 0, 1 + value, 12));
  const name = (weekday: 'short' | 'long') => new Intl.DateTimeFormat(uiLanguage(), { weekday, timeZone: 'UTC' }).format(d);
  return { short: name('short'), long: name('long') };
}

const draftOf = (s: UserSettingsDto): Draft => ({ timezone: s.timezone, restDays: [...s.restDays], vacationDay: vacationDay(s), notifyOnDecline: s.notifyOnDecline });
const sameDraft = (a: Draft, b: Draft) =>
  a.timezone === b.timezone && a.vacationDay === b.vacationDay && a.notifyOnDecline === b.notifyOnDecline && [...a.restDays].sort().join() === [...b.restDays].sort().join();

export function SettingsForm({ target, compact = false, idPrefix = 'settings' }: { target: ApiTarget; compact?: boolean; idPrefix?: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [save, setSave] = useState<Save>({ kind: 'idle' });
  const [round, setRound] = useState(0);
  const detected = useMemo(browserTimezone, []);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ kind: 'loading' });
    ok(apiClient(target).GET('/api/me/settings', { signal: ctrl.signal })).then(
      (s) => {
        if (ctrl.signal.aborted) return;
        setLoad({ kind: 'ready', saved: s });
        // An account still on the default UTC starts from the browser's zone (saved only with the rest).
        setDraft({ ...draftOf(s), timezone: s.timezone === 'UTC' && detected !== 'UTC' ? detected : s.timezone });
        void writeStore({ userSettings: s });
      },
      (err: unknown) => !ctrl.signal.aborted && setLoad({ kind: 'error', message: errorText(err) }),
    );
    return () => ctrl.abort();
  }, [target, round, detected]);

  if (load.kind === 'loading')
    return (
      <p class="muted" role="status" data-state="loading">
        {t('set_loading')}
      </p>
    );
  if (load.kind === 'error' || !draft)
    return (
      <div data-state="error">
        <p class="error" role="alert">
          {t('set_load_failed', load.kind === 'error' ? load.message : '')}
        </p>
        <button type="button" onClick={() => setRound((r) => r + 1)}>
          {t('set_try_again')}
        </button>
      </div>
    );

  const saved = load.saved;
  const dirty = !sameDraft(draft, draftOf(saved));
  const today = localDay(new Date(), draft.timezone);
  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSave({ kind: 'idle' });
  };
  const toggleDay = (d: number) => edit({ restDays: draft.restDays.includes(d) ? draft.restDays.filter((x) => x !== d) : [...draft.restDays, d] });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (draft.vacationDay && draft.vacationDay < today) return setSave({ kind: 'error', message: t('set_vacation_past') });
    setSave({ kind: 'saving' });
    try {
      const stored = await ok(
        apiClient(target).PUT('/api/me/settings', {
          body: {
            timezone: draft.timezone,
            restDays: [...draft.restDays].sort((a, b) => a - b),
            vacationUntil: draft.vacationDay ? vacationInstant(draft.vacationDay, draft.timezone) : null,
            notifyOnDecline: draft.notifyOnDecline,
          },
        }),
      );
      setLoad({ kind: 'ready', saved: stored });
      setDraft(draftOf(stored));
      await writeStore({ userSettings: stored });
      setSave({ kind: 'saved' });
    } catch (err) {
      setSave({ kind: 'error', message: errorText(err) });
    }
  };

  const id = (s: string) => `${idPrefix}-${s}`;
  return (
    <form class={`settings-form${compact ? ' compact' : ''}`} onSubmit={(e) => void submit(e)} data-testid="settings-form">
      <label class="field">
        <span>{t('set_timezone')}</span>
        <select name="timezone" value={draft.timezone} onChange={(e) => edit({ timezone: (e.currentTarget as HTMLSelectElement).value })}>
          {timezoneChoices(saved.timezone, detected, draft.timezone).map((z) => (
            <option key={z} value={z}>
              {z === detected ? t('set_timezone_this_browser', z) : z}
            </option>
          ))}
        </select>
      </label>
      {draft.timezone !== saved.timezone && draft.timezone === detected && (
        <p class="muted small" data-testid="timezone-detected">
          {t('set_timezone_detected', saved.timezone)}
        </p>
      )}

      <fieldset class="weekdays">
        <legend>{t('set_rest_days')}</legend>
        <div class="weekday-row">
          {WEEKDAYS.map(({ value }) => {
            const d = weekdayNames(value);
            // Heard as the whole name ("Mon" + "day"), seen as the short one; a short name that is no prefix is labelled whole.
            const prefix = d.long.startsWith(d.short.replace(/\.$/, ''));
            const short = d.short.replace(/\.$/, '');
            return (
              <button key={value} type="button" class="weekday" data-weekday={value} aria-pressed={draft.restDays.includes(value)} aria-label={prefix ? undefined : d.long} onClick={() => toggleDay(value)}>
                {short}
                {prefix && <span class="visually-hidden">{d.long.slice(short.length)}</span>}
              </button>
            );
          })}
        </div>
      </fieldset>

      <div class="vacation">
        <label class="field" for={id('vacation')}>
          <span>{t('set_vacation')}</span>
        </label>
        <div class="row">
          <input
            id={id('vacation')}
            name="vacationDay"
            type="date"
            value={draft.vacationDay}
            min={today}
            max={addDays(today, 364)}
            onInput={(e) => edit({ vacationDay: (e.currentTarget as HTMLInputElement).value })}
          />
          {draft.vacationDay && (
            <button type="button" class="nowrap" onClick={() => edit({ vacationDay: '' })}>
              {t('set_no_vacation')}
            </button>
          )}
        </div>
        <p class="muted small">{draft.vacationDay ? t('set_vacation_through', formatDay(draft.vacationDay)) : t('set_not_on_vacation')}</p>
      </div>

      {!compact && (
        <label class="check">
          <input name="notifyOnDecline" type="checkbox" checked={draft.notifyOnDecline} onChange={(e) => edit({ notifyOnDecline: (e.currentTarget as HTMLInputElement).checked })} />
          {t('set_notify_decline')}
        </label>
      )}

      <div class="save-row">
        <button type="submit" class="primary" disabled={save.kind === 'saving' || !dirty}>
          {save.kind === 'saving' ? t('set_saving') : t('set_save')}
        </button>
        <span role="status" class="small" data-testid="settings-status">
          {save.kind === 'saved' ? t('set_saved') : dirty && save.kind !== 'error' ? t('set_not_saved_yet') : ''}
        </span>
      </div>
      {save.kind === 'error' && (
        <p class="error" role="alert" data-testid="settings-error">
          {t('set_not_saved', save.message)}
        </p>
      )}
    </form>
  );
}
