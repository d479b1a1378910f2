/**
 * The Queue tab. Its view is tab-views/queue.tsx, a chunk of its own loaded when the tab
 * first opens: the popup's first screen is the Pet tab, so this code stays out of its
 * first-paint bytes (bench/popup.ts).
 */
import { lazyView } from '../lazy-view.tsx';
import { defineTab } from '../popup-tab.ts';

export const queueTab = defineTab({ id: 'queue', label: 'Queue', view: lazyView(() => import('../tab-views/queue.tsx').then((m) => m.QueueTab)) });
