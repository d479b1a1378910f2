/**
 * Queue: the "math-test sort" top 3 (`GET /api/github/queue/recommendations`)
 * above every review request, own PR and assigned issue
 * (`GET /api/github/queue`) with its confidence score and the factors behind it.
 */
import type { QueueItemDto, RecommendationsDto } from '@tamagitto/domain';
import { apiClient, ok, type ApiTarget } from '../../shared/api-client.ts';
import { factorChips, rateLimitNotice } from '../coaching-format.ts';
import { Notice, RemoteView } from '../remote-view.tsx';
import { useRemote } from '../use-remote.ts';
import { safeHref, useServerLines } from '../vet-reports.tsx';
import { t, type MessageKey } from '../../shared/i18n.ts';

const KIND_LABEL: Record<QueueItemDto['kind'], MessageKey> = { review_request: 'q_kind_review', own_pr: 'q_kind_own_pr', assigned_issue: 'q_kind_issue' };

function ItemLink({ item }: { item: QueueItemDto }) {
  const href = safeHref(item.url);
  const text = `${item.title}`;
  return href ? (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {text}
    </a>
  ) : (
    <span>{text}</span>
  );
}

function Score({ value }: { value: number }) {
  const tone = value >= 70 ? 'good' : value >= 40 ? 'neutral' : 'bad';
  return (
    <span class={`score score-${tone}`} title={t('q_confidence')} data-testid="confidence">
      {String(Math.round(value))}
    </span>
  );
}

function QueueRow({ item }: { item: QueueItemDto }) {
  return (
    <li class="queue-item" data-id={item.id}>
      <div class="queue-head">
        <Score value={item.confidence_score} />
        <ItemLink item={item} />
      </div>
      <span class="muted small">{`${t(KIND_LABEL[item.kind])} · ${item.repo}#${item.number}${item.author ? ` · ${item.author}` : ''}`}</span>
      <ul class="factors" aria-label={t('q_why_score')}>
        {factorChips(item.kind, item.factors).map((c) => (
          <li key={c.text} class={`factor factor-${c.tone}`}>
            {c.text}
          </li>
        ))}
      </ul>
    </li>
  );
}

function Recommendation({ rec }: { rec: RecommendationsDto['items'][number] }) {
  const words = useServerLines();
  return (
    <li class="rec" data-testid="recommendation">
      <span class="rank" aria-hidden="true">
        {String(rec.rank)}
      </span>
      <div class="rec-body">
        <div class="queue-head">
          <ItemLink item={rec.item} />
          <Score value={rec.item.confidence_score} />
        </div>
        <span class="small">{words ? words.reasonText(rec) : rec.reason}</span>
      </div>
    </li>
  );
}

/**
 * One after the other on purpose: both routes read the same GitHub URLs, and
 * the second then gets 304s from the API's ETag cache, which GitHub does not
 * count against the rate limit. In parallel both missed the cache: 42 counted
 * GitHub requests for 6 items instead of 21 (measured in coaching-full-stack.test.ts).
 */
async function loadQueue(target: ApiTarget, signal: AbortSignal) {
  const api = apiClient(target);
  const queue = await ok(api.GET('/api/github/queue', { signal }));
  const recs = await ok(api.GET('/api/github/queue/recommendations', { signal }));
  return { recs, queue };
}

const SECTIONS = [
  ['reviewRequests', 'q_review_requests'],
  ['ownPullRequests', 'q_own_prs'],
  ['assignedIssues', 'q_assigned_issues'],
] as const;

export function QueueTab({ target }: { target: ApiTarget }) {
  const [remote, retry] = useRemote(target, loadQueue);
  return (
    <RemoteView remote={remote} what={t('q_what')} retry={retry}>
      {({ recs, queue }) => {
        const notice = rateLimitNotice(queue.rateLimit, queue.stale, queue.fetchedAt);
        const total = queue.reviewRequests.length + queue.ownPullRequests.length + queue.assignedIssues.length;
        if (total === 0)
          return (
            <>
              <Notice text={notice} />
              <div class="empty-state" data-state="empty">
                <h2>{t('q_inbox_zero')}</h2>
                <p class="muted">{t('q_inbox_zero_text')}</p>
              </div>
            </>
          );
        return (
          <>
            <Notice text={notice} />
            {recs.items.length > 0 && (
              <section aria-labelledby="recs-title">
                <h2 class="section-title" id="recs-title">
                  {t('q_do_first')}
                </h2>
                <ol class="recs">
                  {recs.items.slice(0, 3).map((r) => (
                    <Recommendation key={r.item.id} rec={r} />
                  ))}
                </ol>
              </section>
            )}
            {SECTIONS.map(([key, titleKey]) =>
              queue[key].length === 0 ? null : (
                <section key={key} aria-label={t(titleKey)}>
                  <h2 class="section-title">{t('q_section_n', [t(titleKey), queue[key].length])}</h2>
                  <ul class="queue-list">
                    {queue[key].map((i) => (
                      <QueueRow key={i.id} item={i} />
                    ))}
                  </ul>
                </section>
              ),
            )}
          </>
        );
      }}
    </RemoteView>
  );
}
