/**
 * The Coach tab. Its view is tab-views/coach.tsx, a chunk of its own loaded when the tab
 * first opens: the popup's first screen is the Pet tab, so this code stays out of its
 * first-paint bytes (bench/popup.ts).
 */
import { lazyView } from '../lazy-view.tsx';
import { defineTab, type PopupStore } from '../popup-tab.ts';

/** The unread nudges' dot beside the tab's name (from the cached coach inbox). */
function unreadDot(store: PopupStore) {
  const { unread, last } = store.coachInbox;
  if (unread <= 0) return null;
  return (
    <span class="unread-dot" data-testid="coach-unread" title={last?.message ?? ''}>
      <span class="visually-hidden">{unread === 1 ? ' (1 new nudge)' : ` (${unread} new nudges)`}</span>
    </span>
  );
}

export const coachTab = defineTab({ id: 'coach', label: 'Coach', view: lazyView(() => import('../tab-views/coach.tsx').then((m) => m.CoachTabView)), badge: unreadDot });
