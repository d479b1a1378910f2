/**
 * Build-time markup for the landing site: the extension's real sprites,
 * rendered once by Vite (vite.config.ts) and inlined into the HTML, so the
 * page shows every creature without shipping or running the sprite code.
 *
 * The sprites are self-contained SVGs with a `<style>` element and a few
 * `style=""` attributes. The site's Content-Security-Policy (Caddyfile) is
 * `style-src 'self'`, which blocks both, so `cspSafe` moves them into one
 * external stylesheet instead of loosening the policy with 'unsafe-inline'.
 */
import { FAMILIES, STAGES, STATES, spriteSvg } from '@tamagitto/domain';
import type { CreatureFamily, PetStage, PetState } from '@tamagitto/domain';
import { INITIAL_HEALTH, MAX_HEALTH, SPECIES, stateForHealth } from '@tamagitto/domain';

// Re-exported for the tests, which check every family and state is rendered.
export { FAMILIES, STATES };

/** What each family is and which repositories hatch it (familyForLanguage in @tamagitto/domain). */
const FAMILY_INFO: Record<CreatureFamily, { title: string; languages: string }> = {
  pet: { title: 'Digital pet', languages: 'JavaScript and TypeScript' },
  plant: { title: 'Plant', languages: 'Python' },
  robot: { title: 'Robot', languages: 'Go, Rust and C++' },
  golem: { title: 'Golem', languages: 'Java and C#' },
  blob: { title: 'Blob', languages: 'every other language' },
};

/** "cat, dog or hamster", from the worker's own species table. */
function speciesText(family: CreatureFamily): string {
  const list = [...SPECIES[family]];
  const last = list.pop();
  return list.length > 0 ? `${list.join(', ')} or ${last}` : String(last);
}

const STATE_INFO: Record<PetState, string> = {
  egg: 'Just adopted: hatches with the first analysed commit.',
  thriving: 'Tested, documented, simple commits keep coming.',
  healthy: 'Steady, good work.',
  okay: 'Fine, but a little neglected.',
  poor: 'Complexity is creeping in, or nobody has pushed for days.',
  dying: 'Health is nearly gone: push something good.',
  dead: 'At zero for 24 hours. Revive it after a 48-hour cooldown.',
};

export interface SafeSvg {
  markup: string;
  /** Top-level CSS rules taken out of the SVG, in order. */
  rules: string[];
}

/** Split minified CSS into its top-level rules (`a{…}`, `@keyframes x{…}`, `@media …{…}`). */
export function splitRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        const rule = css.slice(start, i + 1).trim();
        if (rule) rules.push(rule);
        start = i + 1;
      }
    }
  }
  return rules;
}

/** Stable class name for one `style=""` value, so equal values share a rule. */
function styleClass(decls: string): string {
  let h = 5381;
  for (let i = 0; i < decls.length; i++) h = ((h * 33) ^ decls.charCodeAt(i)) >>> 0;
  return `tgs-${h.toString(36)}`;
}

/**
 * Moves an SVG's `<style>` elements and `style` attributes into CSS rules.
 *
 * @example
 * const { markup, rules } = cspSafe(spriteSvg('blob', 'okay', 'adult'));
 * // markup has no <style> and no style="", rules go into sprites.css
 */
export function cspSafe(svg: string): SafeSvg {
  const rules: string[] = [];
  let markup = svg.replace(/<style>([\s\S]*?)<\/style>/g, (_m, css: string) => {
    rules.push(...splitRules(css));
    return '';
  });
  markup = markup.replace(/<([a-zA-Z]+)(\s[^>]*?)?(\/?)>/g, (tag, name: string, attrs: string | undefined, selfClose: string) => {
    if (!attrs || !/\sstyle="/.test(attrs)) return tag;
    const decls = /\sstyle="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const cls = styleClass(decls);
    // !important: the sprite's own `animation` shorthand has higher specificity
    // and would otherwise reset what the inline attribute used to override.
    const body = decls
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => `${d}!important`)
      .join(';');
    rules.push(`.${cls}{${body}}`);
    let rest = attrs.replace(/\sstyle="[^"]*"/, '');
    rest = /\sclass="/.test(rest) ? rest.replace(/\sclass="([^"]*)"/, (_c, v: string) => ` class="${v} ${cls}"`) : `${rest} class="${cls}"`;
    return `<${name}${rest}${selfClose}>`;
  });
  return { markup, rules };
}

/** Collects the CSS of every sprite placed on the site, deduplicated. */
export class SpriteSheet {
  readonly #rules = new Set<string>();

  /** The sprite's CSP-safe markup; its CSS is kept for `css()`. */
  sprite(family: CreatureFamily, state: PetState, stage: PetStage, size: number): string {
    const { markup, rules } = cspSafe(spriteSvg(family, state, stage, { size }));
    for (const r of rules) this.#rules.add(r);
    return markup;
  }

  css(): string {
    return [...this.#rules].join('\n') + '\n';
  }
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The creatures section: a state picker (radio buttons; CSS `:has()` shows the
 * chosen state, so it works without JavaScript) over one card per family.
 */
export function renderGallery(sheet: SpriteSheet, initial: PetState = 'thriving'): string {
  const picker = STATES.map(
    (s) =>
      `<label class="pill"><input type="radio" name="gallery-state" value="${s}"${s === initial ? ' checked' : ''}>${s}</label>`,
  ).join('');
  const cards = FAMILIES.map((f) => {
    const info = FAMILY_INFO[f];
    const frames = STATES.map(
      (s) => `<div class="frame" data-state="${s}">${sheet.sprite(f, s, 'adult', 128)}</div>`,
    ).join('');
    return (
      `<li class="card creature" data-family="${f}">` +
      `<div class="stage-box" data-sprites>${frames}</div>` +
      `<h3>${escape(info.title)}</h3>` +
      `<p class="muted">For ${escape(info.languages)} repositories. Species: ${escape(speciesText(f))}.</p>` +
      `</li>`
    );
  }).join('');
  const legend = STATES.map(
    (s) => `<p class="state-note" data-state="${s}"><strong>${s}</strong>: ${escape(STATE_INFO[s])}</p>`,
  ).join('');
  return (
    `<fieldset class="state-picker"><legend>Show every creature as</legend>${picker}</fieldset>` +
    `<div class="state-notes">${legend}</div>` +
    `<ul class="creatures" role="list">${cards}</ul>`
  );
}

/** Baby, teen and adult side by side for each family: pets grow as good days add up. */
export function renderStages(sheet: SpriteSheet): string {
  const rows = FAMILIES.map((f) => {
    const cells = STAGES.map(
      (g) => `<figure>${sheet.sprite(f, 'healthy', g, 72)}<figcaption>${g}</figcaption></figure>`,
    ).join('');
    return `<li class="grow-row"><span class="grow-name">${escape(FAMILY_INFO[f].title)}</span><div class="grow-cells" data-sprites>${cells}</div></li>`;
  }).join('');
  return `<ul class="grow" role="list">${rows}</ul>`;
}

/**
 * The hero's live creature and its health slider, starting where a newly
 * adopted pet starts (the worker's INITIAL_HEALTH); main.ts moves it.
 */
export function renderHero(sheet: SpriteSheet): string {
  // Every state of the hero's family is pre-rendered (hidden) so the slider
  // needs no sprite code at runtime, only a class toggle.
  const frames = STATES.filter((s) => s !== 'egg')
    .map((s) => `<div class="frame" data-state="${s}">${sheet.sprite('pet', s, 'adult', 192)}</div>`)
    .join('');
  const health = INITIAL_HEALTH;
  const state = stateForHealth(health);
  return (
    `<div class="stage-box hero-stage" data-hero-stage data-sprites data-state="${state}">${frames}</div>` +
    `<label for="hero-health" class="slider-label">Health <output for="hero-health" id="hero-health-value">${health}</output> — <span id="hero-health-state">${state}</span></label>` +
    `<input id="hero-health" type="range" min="0" max="${MAX_HEALTH}" step="1" value="${health}" aria-describedby="hero-hint">` +
    `<p id="hero-hint" class="muted small">Drag to see how a TypeScript repo's cat feels at each health level.</p>`
  );
}

/** The header logo: the same creature as the favicon. */
export function renderBrand(sheet: SpriteSheet): string {
  return sheet.sprite('blob', 'thriving', 'adult', 32);
}

/** Favicon: the real thriving blob; a standalone SVG file, so its inline CSS is fine. */
export function faviconSvg(): string {
  return spriteSvg('blob', 'thriving', 'adult', { size: 64 });
}
