/**
 * The sign-in help: per feature, the classic scope and the fine-grained
 * permissions the server's GitHub calls need, and what stops without them.
 * Checked against the calls in api/src and worker/src (the table in
 * browser-extension/README.md names each call).
 */
import { t, type MessageKey } from '../shared/i18n.ts';

const ROWS: readonly { feature: MessageKey; classic: string; fineGrained: MessageKey; without: MessageKey }[] = [
  { feature: 'perm_adopt', classic: 'repo', fineGrained: 'perm_adopt_fg', without: 'perm_adopt_without' },
  { feature: 'perm_webhook', classic: 'repo (admin:repo_hook)', fineGrained: 'perm_webhook_fg', without: 'perm_webhook_without' },
  { feature: 'perm_queue', classic: 'repo', fineGrained: 'perm_queue_fg', without: 'perm_queue_without' },
  { feature: 'perm_journal', classic: 'repo', fineGrained: 'perm_journal_fg', without: 'perm_journal_without' },
  { feature: 'perm_gist', classic: 'gist', fineGrained: 'perm_gist_fg', without: 'perm_gist_without' },
];

export function TokenPermissions() {
  return (
    <details class="permissions" data-testid="token-permissions">
      <summary>{t('perm_title')}</summary>
      <p class="small">{t('perm_intro')}</p>
      <table class="small">
        <thead>
          <tr>
            <th scope="col">{t('perm_col_feature')}</th>
            <th scope="col">{t('perm_col_classic')}</th>
            <th scope="col">{t('perm_col_fine_grained')}</th>
            <th scope="col">{t('perm_col_without')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.feature}>
              <th scope="row">{t(r.feature)}</th>
              <td>
                <code>{r.classic}</code>
              </td>
              <td>{t(r.fineGrained)}</td>
              <td>{t(r.without)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="small">{t('perm_oauth')}</p>
    </details>
  );
}
