/**
 * Day, Queue, Coach, Puzzle and Stats: the coaching tabs, one file each,
 * reading the coaching DTOs of `@tamagitto/api/contract`. Each has loading /
 * empty / error / "not available on this server" states (remote-view.tsx) so
 * the popup is honest about a partial backend.
 */
import type { PetDto } from '@tamagitto/domain';
import type { ComponentChildren } from 'preact';
import type { ApiTarget } from '../shared/api-client.ts';
import type { LiveNudge } from '../shared/nudges.ts';
import { CoachTab } from './coach-tab.tsx';
import { DayTab } from './day-tab.tsx';
import { PuzzleTab } from './puzzle-tab.tsx';
import { QueueTab } from './queue-tab.tsx';
import { StatsTab } from './stats-tab.tsx';

export type FeatureTabId = 'day' | 'queue' | 'coach' | 'puzzle' | 'stats';

interface TabProps {
  target: ApiTarget;
  pets: readonly PetDto[];
  /** Coach nudges pushed live while the popup is open (only the Coach tab shows them). */
  nudges: readonly LiveNudge[];
}

const TAB_VIEWS: Record<FeatureTabId, (p: TabProps) => ComponentChildren> = {
  day: DayTab,
  queue: QueueTab,
  coach: CoachTab,
  puzzle: PuzzleTab,
  stats: StatsTab,
};

export function FeatureTabs({ tab, ...props }: TabProps & { tab: FeatureTabId }) {
  const View = TAB_VIEWS[tab];
  return <View {...props} />;
}
