/**
 * The landing page's only script: progressive enhancement. Everything is
 * readable without it (the creature gallery switches states with CSS alone).
 */
import './styles.css';
import 'virtual:tamagitto-sprites.css';
// The pet's own rules: the slider shows exactly what a pet at that health shows.
import { stateForHealth } from '@tamagitto/domain';
import { initTheme } from './theme.ts';

function initHeroSlider(): void {
  const stage = document.querySelector<HTMLElement>('[data-hero-stage]');
  const input = document.querySelector<HTMLInputElement>('#hero-health');
  const value = document.querySelector<HTMLOutputElement>('#hero-health-value');
  const label = document.querySelector<HTMLElement>('#hero-health-state');
  if (!stage || !input || !value || !label) return;
  const update = () => {
    const health = Number(input.value);
    const state = stateForHealth(health);
    stage.dataset.state = state;
    value.value = String(health);
    label.textContent = state;
    input.setAttribute('aria-valuetext', `${health}, ${state}`);
  };
  input.addEventListener('input', update);
  update();
}

/** Animates only the sprites on screen (see styles.css `[data-sprites]`). */
function initSpriteMotion(): void {
  const groups = document.querySelectorAll<HTMLElement>('[data-sprites]');
  if (!('IntersectionObserver' in window)) {
    for (const g of groups) g.classList.add('live');
    return;
  }
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) e.target.classList.toggle('live', e.isIntersecting);
  });
  for (const g of groups) io.observe(g);
}

initSpriteMotion();
initTheme(document.querySelector<HTMLButtonElement>('[data-theme-toggle]'));
initHeroSlider();
