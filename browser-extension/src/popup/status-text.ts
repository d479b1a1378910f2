/**
 * The popup's one connection status, in words that cannot be misread. Two
 * separate things used to sit side by side: the extension's live socket to
 * our server ("Live") and the pet's GitHub webhook ("PUBLIC_URL is not set …
 * updates arrive by polling"). Both true, read together they contradicted
 * each other. Here they make one sentence: how the server reaches this
 * browser, and how new commits reach the server.
 */
import type { PetDto } from '@tamagitto/domain';
import type { LiveStatus } from '../shared/messages.ts';
import { t } from '../shared/i18n.ts';

/** How often the worker's poller looks for commits whose webhook never came (DEFAULT_POLL_INTERVAL_MS in worker/src/poller.ts). */
export const POLL_MINUTES = 5;
/** How often the extension asks the server while its live socket is down (POLL_MINUTES in src/background/live-sync.ts). */
export const OFFLINE_POLL_SECONDS = 30;

export interface ConnectionStatus {
  /** Short, for the header. */
  text: string;
  /** The longer why, for the tooltip and screen readers. */
  detail: string;
  tone: 'ok' | 'warn' | 'muted';
}

const NO_PUBLIC_URL = /PUBLIC_URL/;

/** Why GitHub does not push this pet's commits, in plain words; null when it does. */
export function webhookLine(pet: Pick<PetDto, 'webhook'>): string | null {
  return webhookWhy(pet, 'line');
}

/** The same reason, as the line under the pet ('line') or after "Connected …, but" ('detail'). */
function webhookWhy(pet: Pick<PetDto, 'webhook'>, form: 'line' | 'detail'): string | null {
  if (pet.webhook.registered) return null;
  const why = pet.webhook.error ?? '';
  if (!why || NO_PUBLIC_URL.test(why)) return t(form === 'line' ? 'status_hook_no_public_url' : 'status_hook_no_public_url_detail', POLL_MINUTES);
  return t(form === 'line' ? 'status_hook_error' : 'status_hook_error_detail', [why.replace(/[.\s]+$/, ''), POLL_MINUTES]);
}

export function connectionStatus(live: LiveStatus, pet: Pick<PetDto, 'webhook'> | undefined): ConnectionStatus {
  const pushed = !pet || pet.webhook.registered;
  switch (live) {
    case 'signed-out':
      return { text: t('status_signed_out'), detail: t('status_signed_out_detail'), tone: 'muted' };
    case 'connecting':
      return { text: t('status_connecting'), detail: t('status_connecting_detail'), tone: 'muted' };
    case 'polling':
      return { text: t('status_polling', OFFLINE_POLL_SECONDS), detail: t('status_polling_detail', OFFLINE_POLL_SECONDS), tone: 'warn' };
    case 'live':
      return pushed
        ? { text: t('status_live'), detail: t('status_live_detail'), tone: 'ok' }
        : { text: t('status_live_polled', POLL_MINUTES), detail: t('status_live_polled_detail', webhookWhy(pet!, 'detail') ?? ''), tone: 'warn' };
  }
}
