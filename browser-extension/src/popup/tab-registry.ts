/**
 * Every popup tab, in the order of the tab bar (the arrow keys follow it too).
 * A new tab is one file under tabs/ exporting a `defineTab` definition, plus
 * its line here; conventions.test.ts fails for a tab file that is not listed.
 */
import { coachTab } from './tabs/coach.tsx';
import { dayTab } from './tabs/day.tsx';
import { petTab } from './tabs/pet.tsx';
import { puzzleTab } from './tabs/puzzle.tsx';
import { queueTab } from './tabs/queue.tsx';
import { statsTab } from './tabs/stats.tsx';

export const TABS = [petTab, dayTab, queueTab, coachTab, puzzleTab, statsTab] as const;

export type TabId = (typeof TABS)[number]['id'];
