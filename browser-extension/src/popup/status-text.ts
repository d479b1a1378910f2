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
  if (pet.webhook.registered) return null;
  const why = pet.webhook.error ?? '';
  if (!why || NO_PUBLIC_URL.test(why))
    return `No GitHub webhook: this server has no public URL GitHub could reach, so new commits are picked up by checking GitHub every ${POLL_MINUTES} minutes.`;
  return `No GitHub webhook (${why.replace(/[.\s]+$/, '')}), so new commits are picked up by checking GitHub every ${POLL_MINUTES} minutes.`;
}

export function connectionStatus(live: LiveStatus, pet: Pick<PetDto, 'webhook'> | undefined): ConnectionStatus {
  const pushed = !pet || pet.webhook.registered;
  switch (live) {
    case 'signed-out':
      return { text: 'Signed out', detail: 'Sign in on the settings page to see your pets.', tone: 'muted' };
    case 'connecting':
      return { text: 'Connecting…', detail: 'Opening the live connection to your Tamagitto server.', tone: 'muted' };
    case 'polling':
      return {
        text: `Not live · checking every ${OFFLINE_POLL_SECONDS} s`,
        detail: `The live connection to your Tamagitto server is down; the extension asks the server for news every ${OFFLINE_POLL_SECONDS} seconds and reconnects as soon as it can.`,
        tone: 'warn',
      };
    case 'live':
      return pushed
        ? { text: 'Connected · live updates', detail: 'GitHub pushes your commits to the server, and the server sends changes here the moment they happen.', tone: 'ok' }
        : {
            text: `Connected · updates every ${POLL_MINUTES} min`,
            detail: `Connected to your Tamagitto server, but ${webhookLine(pet!)?.replace(/^No GitHub webhook/, 'this repository has no GitHub webhook')}`,
            tone: 'warn',
          };
  }
}
