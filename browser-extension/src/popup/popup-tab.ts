/**
 * What a popup tab is. Each tab lives in one file under tabs/ and exports one
 * definition made with `defineTab`; tab-registry.ts lists them in the order
 * the tab bar shows them. The shell (app.tsx) knows no tab by name, so adding
 * a tab touches only its own file and the registry (conventions.test.ts checks both).
 */
import type { PetDto } from '@tamagitto/domain';
import type { ComponentChildren } from 'preact';
import type { ApiTarget } from '../shared/api-client.ts';
import type { LiveNudge } from '../shared/nudges.ts';
import type { StoreSchema } from '../shared/storage.ts';

/** The part of chrome.storage.local the popup reads (start.tsx and public/popup-boot.js list the same keys). */
export type PopupStore = Pick<StoreSchema, 'settings' | 'session' | 'pets' | 'petDetails' | 'selectedPetId' | 'live' | 'lastChange' | 'coachInbox'>;

/** Everything the shell hands the open tab's view; a view takes the props it needs. */
export interface TabProps {
  store: PopupStore;
  target: ApiTarget;
  /** `store.pets` items, or one shared empty list while none are cached. */
  pets: readonly PetDto[];
  /** Coach nudges pushed live while the popup is open: kept across tab switches. */
  nudges: readonly LiveNudge[];
}

export interface PopupTab<Id extends string = string> {
  /** The file name under tabs/; also builds the `tab-<id>` / `panel-<id>` element ids. */
  id: Id;
  /** The tab button's visible text (the e2e tests find tabs by it). */
  label: string;
  /** The panel's content while the tab is open (mounted on open, unmounted on leaving). */
  view: (props: TabProps) => ComponentChildren;
  /** Shown after the label while another tab is open, e.g. an unread dot; null for nothing. */
  badge?: (store: PopupStore) => ComponentChildren;
}

/** Keeps the id's literal type, so the registry can derive the union of tab ids. */
export function defineTab<Id extends string>(tab: PopupTab<Id>): PopupTab<Id> {
  return tab;
}
