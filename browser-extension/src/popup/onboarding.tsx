/**
 * First run: the four steps from nothing to a pet (connect a server → sign
 * in → pick a repository → what the pet needs), shown until the first pet
 * exists — signed out at step 1–2, signed in without a pet at step 3, with
 * the step's own action. The current step is `aria-current="step"`.
 */
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../shared/i18n.ts';

const STEPS: readonly [MessageKey, MessageKey][] = [
  ['onb_step_server', 'onb_step_server_body'],
  ['onb_step_signin', 'onb_step_signin_body'],
  ['onb_step_repo', 'onb_step_repo_body'],
  ['onb_step_needs', 'onb_step_needs_body'],
];

/** `current`: 0-based index of the step the user is at; earlier ones are marked done. */
export function Onboarding({ current, origin, children }: { current: number; origin: string; children?: ComponentChildren }) {
  return (
    <section class="onboarding" aria-labelledby="onb-title" data-testid="onboarding">
      <h1 id="onb-title">{t('onb_title')}</h1>
      <p class="small">{t('onb_intro')}</p>
      <ol class="onb-steps" aria-label={t('onb_steps_label')}>
        {STEPS.map(([title, body], i) => (
          <li key={title} class={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
            <strong>{t(title)}</strong>
            {i < current && <span class="visually-hidden">{` (${t('onb_done')})`}</span>}
            <span class="small muted">{i === 0 ? t(body, origin) : t(body)}</span>
          </li>
        ))}
      </ol>
      {children}
    </section>
  );
}
