/** Adopt flow: pick one of your GitHub repositories (`GET /api/repos`) → `POST /api/pets`. */
import type { PetDto, RepoDto } from '@tamagitto/domain';
import { useEffect, useState } from 'preact/hooks';
import { apiClient, ok, type ApiTarget } from '../shared/api-client.ts';
import { errorText } from '../shared/api-client.ts';
import { t } from '../shared/i18n.ts';

interface Props {
  target: ApiTarget;
  onAdopted: (pet: PetDto) => void | Promise<void>;
  onCancel: (() => void) | undefined;
}

export function AdoptPanel({ target, onAdopted, onCancel }: Props) {
  const [repos, setRepos] = useState<RepoDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    ok(apiClient(target).GET('/api/repos', { signal: ctrl.signal })).then(
      (r) => setRepos(r.items),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorText(err));
      },
    );
    return () => ctrl.abort();
  }, [target]);

  const adopt = async (repo: RepoDto) => {
    setBusy(repo.fullName);
    setError(null);
    try {
      const pet = await ok(apiClient(target).POST('/api/pets', { body: { repo: repo.fullName } }));
      await onAdopted(pet);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const shown = (repos ?? []).filter((r) => r.fullName.toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <section class="adopt" aria-labelledby="adopt-title">
      <div class="adopt-head">
        <h2 id="adopt-title">{t('adopt_title')}</h2>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('adopt_back')}
          </button>
        )}
      </div>
      <label class="field">
        <span>{t('adopt_filter')}</span>
        <input type="search" value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} placeholder={t('adopt_filter_placeholder')} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {repos === null && !error && (
        <p class="muted" role="status">
          {t('adopt_loading')}
        </p>
      )}
      {repos !== null && shown.length === 0 && <p class="muted">{t('adopt_none_match')}</p>}
      <ul class="repo-list">
        {shown.slice(0, 50).map((r) => (
          <li key={r.githubId}>
            <div class="repo-info">
              <span class="repo-name">{r.fullName}</span>
              <span class="muted small">{[r.language ?? t('adopt_unknown_language'), t(r.private ? 'adopt_private' : 'adopt_public')].join(' · ')}</span>
            </div>
            {r.adopted ? (
              <span class="chip">{t('adopt_adopted')}</span>
            ) : (
              <button type="button" class="primary" disabled={busy !== null} onClick={() => void adopt(r)} aria-label={t('adopt_repo_label', r.fullName)}>
                {busy === r.fullName ? t('adopt_adopting') : t('adopt_button')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
