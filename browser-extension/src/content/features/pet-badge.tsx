/**
 * github.com overlay: a badge with the pet's mini sprite and health next to
 * the repo title, on repo and PR pages of repos that have a pet. Rendered in
 * a shadow root (overlay-host.ts).
 */
import type { PetDto } from '@tamagitto/domain';
import { render } from 'preact';
import { spriteSvg } from '@tamagitto/domain';
import { codeText, t } from '../../shared/i18n.ts';
import { createBroadcastListener, request } from '../../shared/messages.ts';
import { parseRepoFromUrl } from '../../shared/github-url.ts';
import { STATE_COLOR } from '../../shared/pet-state.ts';
import type { PageFeature } from '../feature-registry.ts';
import { mountBeside, waitFor } from '../overlay-host.ts';
import { BADGE_HOST_ATTRIBUTE, findRepoTitle } from '../selectors.ts';

const STYLE = `
:host { display: inline-flex; vertical-align: middle; margin: 0 8px; }
button { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 4px; padding: 1px 8px 1px 2px;
  border-radius: 999px; border: 1px solid var(--tg-color); font: 600 12px/20px system-ui, sans-serif; color: inherit;
  background: color-mix(in srgb, var(--tg-color) 12%, transparent); }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.sprite { width: 22px; height: 22px; display: inline-block; }
.num { color: var(--tg-color); font-variant-numeric: tabular-nums; }
`;

function Badge({ pet }: { pet: PetDto }) {
  const health = Math.round(pet.health);
  const color = STATE_COLOR[pet.state] ?? STATE_COLOR.okay;
  return (
    <button
      type="button"
      style={{ '--tg-color': color }}
      title={t('overlay_title', [pet.name, codeText('state', pet.state), health])}
      aria-label={t('overlay_label', [pet.name, codeText('state', pet.state), health])}
      onClick={(e) => {
        e.preventDefault();
        void request('pet/open', { petId: pet.id }).catch(() => undefined);
      }}
    >
      {/* spriteSvg only interpolates its own enum tables and a number. */}
      <span class="sprite" aria-hidden="true" dangerouslySetInnerHTML={{ __html: spriteSvg(pet.family, pet.state, pet.stage, { size: 22, species: pet.species }) }} />
      <span class="num" data-testid="tamagitto-health">
        {health}
      </span>
    </button>
  );
}

export const petBadge: PageFeature = {
  id: 'pet-badge',
  matches: (url) => parseRepoFromUrl(url.href) !== null,
  async init(signal) {
    const repo = parseRepoFromUrl(location.href);
    if (!repo) return;
    const { pet } = await request('pet/by-repo', repo);
    if (!pet || signal.aborted) return;
    const title = await waitFor(findRepoTitle, signal);
    if (!title || signal.aborted) return;

    const { host, mount } = mountBeside(title, BADGE_HOST_ATTRIBUTE, pet.id, STYLE, signal);
    render(<Badge pet={pet} />, mount);

    // Live: the worker broadcasts every update to github.com tabs.
    const onMessage = createBroadcastListener({
      'pet/updated': ({ pet: next }) => {
        if (next.id === pet.id) render(<Badge pet={next} />, mount);
      },
      'pet/deleted': ({ petId }) => {
        if (petId === pet.id) host.remove();
      },
    });
    chrome.runtime.onMessage.addListener(onMessage);
    signal.addEventListener('abort', () => chrome.runtime.onMessage.removeListener(onMessage), { once: true });
  },
};
