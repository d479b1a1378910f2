/**
 * Built-in pet sprites: one self-contained animated SVG per
 * family × state × stage (issue 4). Pure string building — no DOM, Preact or
 * chrome APIs — so the popup, the github.com overlay and the landing site
 * (`@tamagitto/domain`) all draw the same creatures.
 *
 * Every value interpolated into the markup comes from the closed unions below
 * or from a number we clamp, never from API data, which is what makes it safe
 * to insert the result with innerHTML.
 *
 * CSS inside an inline SVG is global to the page, so every rule is scoped to a
 * per-sprite root class and keyframes carry a `tg-` prefix with identical
 * bodies in every sprite (duplicates are harmless).
 */
import { FAMILIES, STAGES, STATES, type CreatureFamily, type PetStage, type PetState } from './vocabulary.ts';

export interface SpriteOptions {
  /** Rendered width and height in CSS pixels (default 96). */
  size?: number;
  /**
   * PetDto.species (e.g. cat/dog/hamster, succulent/fern/flower): varies ears,
   * leaves, wheels or colouring within a family. Unknown or absent → the
   * family's default look.
   */
  species?: string;
}

/** Species with their own look; others draw as their family's default. */
export const SPECIES_LOOKS = {
  pet: ['cat', 'dog', 'hamster'],
  plant: ['succulent', 'fern', 'flower'],
  robot: ['rover', 'droid', 'mech'],
  golem: ['stone', 'clay', 'iron'],
  blob: ['slime', 'jelly', 'cloud'],
} as const satisfies Record<CreatureFamily, readonly string[]>;

/** Colour changes per species (over BASE); species not listed keep the family palette. */
const SPECIES_TINT: Record<string, Partial<Palette>> = {
  hamster: { body: '#e8b77a', accent: '#fff6e8' },
  dog: { body: '#c98b55', accent: '#f7e2c8' },
  droid: { body: '#d6dde6', line: '#3b4a5c' },
  mech: { body: '#e3a857', line: '#5c3a12' },
  clay: { body: '#c08a62', line: '#5a3a22' },
  iron: { body: '#9aa5b1', line: '#38424d', accent: '#d97b4a' },
  jelly: { body: '#ff9ecf', line: '#9c2f68' },
  cloud: { body: '#e4edf7', line: '#5b6f8a', accent: '#ffffff' },
};

interface Palette {
  body: string;
  line: string;
  accent: string;
  eye: string;
  cheek: string;
}

const BASE: Record<CreatureFamily, Palette> = {
  pet: { body: '#f6a54b', line: '#6b3a12', accent: '#fff1dc', eye: '#2b1a0c', cheek: '#ff7b8a' },
  plant: { body: '#5cc25a', line: '#1f5a26', accent: '#c9643b', eye: '#17351a', cheek: '#ff8fa3' },
  robot: { body: '#8fb8de', line: '#24415f', accent: '#ffd166', eye: '#4dffb8', cheek: '#ff9bb0' },
  golem: { body: '#a8a294', line: '#45413a', accent: '#7bc96f', eye: '#5ee1e6', cheek: '#e6a57a' },
  blob: { body: '#b48cff', line: '#4b2f8f', accent: '#ffffff', eye: '#24143f', cheek: '#ff8fc8' },
};

/** How far each state pulls colours toward grey: health you can see at a glance. */
const FADE: Record<PetState, number> = {
  egg: 0,
  thriving: 0,
  healthy: 0,
  okay: 0.18,
  poor: 0.4,
  dying: 0.62,
  dead: 0.85,
};

const STAGE_SCALE: Record<PetStage, number> = { baby: 0.7, teen: 0.85, adult: 1 };

/** Idle motion per state: lively when thriving, barely breathing when dying. */
const MOTION: Record<PetState, { anim: string; dur: number }> = {
  egg: { anim: 'tg-wobble', dur: 2.4 },
  thriving: { anim: 'tg-hop', dur: 0.9 },
  healthy: { anim: 'tg-bob', dur: 1.6 },
  okay: { anim: 'tg-bob', dur: 2.6 },
  poor: { anim: 'tg-sag', dur: 3.2 },
  dying: { anim: 'tg-breathe', dur: 4 },
  dead: { anim: 'tg-float', dur: 3.5 },
};

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(hex: string, toward: string, amount: number): string {
  const a = hexToRgb(hex);
  const b = hexToRgb(toward);
  const out = a.map((c, i) => Math.round(c + ((b[i] ?? c) - c) * amount));
  return `#${out.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function paletteFor(family: CreatureFamily, state: PetState, species: string): Palette {
  const base = { ...BASE[family], ...(SPECIES_TINT[species] ?? {}) };
  const f = FADE[state];
  const grey = state === 'dead' ? '#c9d6e8' : '#9a9a9a';
  return {
    body: mix(base.body, grey, f),
    line: mix(base.line, '#555555', f * 0.6),
    accent: mix(base.accent, grey, f * 0.8),
    eye: state === 'dead' ? '#56637a' : mix(base.eye, '#555555', f * 0.5),
    cheek: base.cheek,
  };
}

/* ---------- faces ---------- */

function eyes(state: PetState, p: Palette, y: number, dx = 7): string {
  const l = 32 - dx;
  const r = 32 + dx;
  switch (state) {
    case 'thriving':
      // Happy closed arcs: ^ ^
      return [l, r]
        .map((x) => `<path d="M${x - 3} ${y + 1} Q${x} ${y - 3} ${x + 3} ${y + 1}" fill="none" stroke="${p.eye}" stroke-width="2" stroke-linecap="round"/>`)
        .join('');
    case 'healthy':
      return [l, r]
        .map((x) => `<g class="blink"><circle cx="${x}" cy="${y}" r="3" fill="${p.eye}"/><circle cx="${x + 1}" cy="${y - 1}" r="1" fill="#fff"/></g>`)
        .join('');
    case 'okay':
      return [l, r].map((x) => `<g class="blink"><circle cx="${x}" cy="${y}" r="2.2" fill="${p.eye}"/></g>`).join('');
    case 'poor':
      // Heavy lids: half circles under a flat line.
      return [l, r]
        .map((x) => `<path d="M${x - 3} ${y} A3 3 0 0 0 ${x + 3} ${y} Z" fill="${p.eye}"/><line x1="${x - 3.5}" y1="${y - 0.5}" x2="${x + 3.5}" y2="${y - 0.5}" stroke="${p.line}" stroke-width="1.4" stroke-linecap="round"/>`)
        .join('');
    case 'dying':
      return [l, r]
        .map((x) => `<path d="M${x - 3} ${y} Q${x} ${y + 2.5} ${x + 3} ${y}" fill="none" stroke="${p.eye}" stroke-width="1.6" stroke-linecap="round"/>`)
        .join('');
    case 'dead':
      return [l, r]
        .map((x) => `<path d="M${x - 2.5} ${y - 2.5} L${x + 2.5} ${y + 2.5} M${x + 2.5} ${y - 2.5} L${x - 2.5} ${y + 2.5}" stroke="${p.eye}" stroke-width="1.8" stroke-linecap="round"/>`)
        .join('');
    case 'egg':
      return '';
  }
}

function mouth(state: PetState, p: Palette, y: number): string {
  const s = `fill="none" stroke="${p.line}" stroke-width="1.6" stroke-linecap="round"`;
  switch (state) {
    case 'thriving':
      return `<path d="M27 ${y} Q32 ${y + 6} 37 ${y} Z" fill="${p.line}"/><path d="M29.5 ${y + 2.2} Q32 ${y + 4} 34.5 ${y + 2.2}" fill="#ff7b8a"/>`;
    case 'healthy':
      return `<path d="M28.5 ${y} Q32 ${y + 3.5} 35.5 ${y}" ${s}/>`;
    case 'okay':
      return `<path d="M29 ${y + 1} L35 ${y + 1}" ${s}/>`;
    case 'poor':
      return `<path d="M28.5 ${y + 2.5} Q32 ${y - 0.5} 35.5 ${y + 2.5}" ${s}/>`;
    case 'dying':
      return `<path d="M28 ${y + 1.5} q1 -1.5 2 0 t2 0 t2 0 t2 0" ${s}/>`;
    case 'dead':
      return `<path d="M29 ${y + 1.5} L35 ${y + 1.5}" ${s}/>`;
    case 'egg':
      return '';
  }
}

function cheeks(state: PetState, p: Palette, y: number, dx = 11): string {
  if (state !== 'thriving' && state !== 'healthy') return '';
  return `<ellipse cx="${32 - dx}" cy="${y}" rx="2.6" ry="1.6" fill="${p.cheek}" opacity="0.6"/><ellipse cx="${32 + dx}" cy="${y}" rx="2.6" ry="1.6" fill="${p.cheek}" opacity="0.6"/>`;
}

function face(state: PetState, p: Palette, eyeY: number, spread = 7): string {
  return `<g class="face">${eyes(state, p, eyeY, spread)}${cheeks(state, p, eyeY + 4, spread + 4)}${mouth(state, p, eyeY + 6)}</g>`;
}

/* ---------- bodies: drawn on a 64×64 grid, feet at y≈58 ---------- */

type BodyFn = (state: PetState, stage: PetStage, p: Palette, species: string) => string;

const stroke = (p: Palette, w = 2) => `stroke="${p.line}" stroke-width="${w}" stroke-linejoin="round"`;

const BODIES: Record<CreatureFamily, BodyFn> = {
  // A round cat-ish critter: ears, a swishing tail, a collar tag once grown.
  pet: (state, stage, p, species) => {
    const low = state === 'poor' || state === 'dying' || state === 'dead';
    const dark = mix(p.body, '#000000', 0.25);
    const ears =
      species === 'dog'
        ? `<ellipse cx="14" cy="${low ? 38 : 32}" rx="6" ry="11" fill="${dark}" ${stroke(p)} transform="rotate(${low ? 8 : 20} 14 30)"/><ellipse cx="50" cy="${low ? 38 : 32}" rx="6" ry="11" fill="${dark}" ${stroke(p)} transform="rotate(${low ? -8 : -20} 50 30)"/>`
        : species === 'hamster'
          ? `<circle cx="18" cy="${low ? 26 : 23}" r="6" fill="${p.body}" ${stroke(p)}/><circle cx="46" cy="${low ? 26 : 23}" r="6" fill="${p.body}" ${stroke(p)}/><circle cx="18" cy="${low ? 26 : 23}" r="3" fill="${p.cheek}" opacity="0.7"/><circle cx="46" cy="${low ? 26 : 23}" r="3" fill="${p.cheek}" opacity="0.7"/>`
          : low
            ? `<path d="M14 30 L10 18 L24 24 Z M50 30 L54 18 L40 24 Z" fill="${p.body}" ${stroke(p)}/>`
            : `<path d="M16 26 L15 8 L28 20 Z M48 26 L49 8 L36 20 Z" fill="${p.body}" ${stroke(p)}/><path d="M18 22 L18 13 L24 19 Z M46 22 L46 13 L40 19 Z" fill="${p.cheek}" opacity="0.7"/>`;
    const snout = species === 'dog' ? `<ellipse cx="32" cy="40.5" rx="2.6" ry="1.8" fill="${p.line}"/>` : '';
    const whiskers = species === 'cat' || !SPECIES_LOOKS.pet.includes(species as 'cat') ? `<path d="M22 44 L13 43 M22 46 L14 48 M42 44 L51 43 M42 46 L50 48" stroke="${p.line}" stroke-width="0.8" opacity="0.6"/>` : '';
    const tail = `<path class="tail" d="M48 50 Q60 48 58 36" fill="none" ${stroke(p, 4)} stroke-linecap="round"/><path class="tail" d="M48 50 Q60 48 58 36" fill="none" stroke="${p.body}" stroke-width="2" stroke-linecap="round"/>`;
    const collar = stage === 'baby' ? '' : `<path d="M20 46 Q32 52 44 46" fill="none" stroke="#d94f5c" stroke-width="3" stroke-linecap="round"/>${stage === 'adult' ? `<circle cx="32" cy="51" r="2.6" fill="#ffd166" ${stroke(p, 1)}/>` : ''}`;
    const bodyShape = species === 'hamster' ? `<ellipse cx="32" cy="41" rx="21" ry="17" fill="${p.body}" ${stroke(p)}/>` : `<ellipse cx="32" cy="40" rx="19" ry="18" fill="${p.body}" ${stroke(p)}/>`;
    return `${species === 'hamster' ? '' : tail}${ears}${bodyShape}<ellipse cx="32" cy="47" rx="10" ry="7" fill="${p.accent}"/>${face(state, p, 36)}${snout}${whiskers}${collar}`;
  },
  // A succulent in a terracotta pot; leaves multiply with age, a flower for adults.
  plant: (state, stage, p, species) => {
    const droop = state === 'poor' || state === 'dying' || state === 'dead';
    const fern = species === 'fern';
    const leafL = fern
      ? droop ? 'M20 32 Q6 36 4 50 Q10 44 13 43 Q12 40 16 40 Q15 37 21 36 Z' : 'M20 30 Q4 24 2 8 Q8 14 11 15 Q10 19 14 20 Q13 24 18 25 Z'
      : droop ? 'M20 32 Q8 38 10 48 Q18 42 22 36 Z' : 'M20 30 Q6 22 8 12 Q20 18 23 28 Z';
    const leafR = fern
      ? droop ? 'M44 32 Q58 36 60 50 Q54 44 51 43 Q52 40 48 40 Q49 37 43 36 Z' : 'M44 30 Q60 24 62 8 Q56 14 53 15 Q54 19 50 20 Q51 24 46 25 Z'
      : droop ? 'M44 32 Q56 38 54 48 Q46 42 42 36 Z' : 'M44 30 Q58 22 56 12 Q44 18 41 28 Z';
    const flowerAlways = species === 'flower' && stage !== 'adult';
    const top = flowerAlways
      ? `<g class="sway"><path d="M32 18 L32 ${stage === 'baby' ? 12 : 9}" stroke="${p.line}" stroke-width="2"/><circle cx="32" cy="${stage === 'baby' ? 9 : 6}" r="${stage === 'baby' ? 3.5 : 5}" fill="${droop ? mix('#ff6fa3', '#9a9a9a', 0.6) : '#ff6fa3'}" ${stroke(p, 1)}/><circle cx="32" cy="${stage === 'baby' ? 9 : 6}" r="1.6" fill="#ffd166"/></g>`
      : stage === 'baby'
      ? `<path d="M32 18 Q28 10 32 6 Q36 10 32 18 Z" fill="${p.body}" ${stroke(p, 1.5)}/>`
      : stage === 'teen'
        ? `<path class="sway" d="M32 18 Q24 6 30 2 Q36 8 32 18 Z M32 18 Q40 6 38 2 Q32 6 32 18 Z" fill="${p.body}" ${stroke(p, 1.5)}/>`
        : `<g class="sway"><path d="M32 18 L32 8" stroke="${p.line}" stroke-width="2"/>${[0, 72, 144, 216, 288].map((a) => `<ellipse cx="32" cy="3.5" rx="2.6" ry="4" fill="${droop ? mix('#ff6fa3', '#9a9a9a', 0.6) : '#ff6fa3'}" transform="rotate(${a} 32 7.5)"/>`).join('')}<circle cx="32" cy="7.5" r="2.4" fill="#ffd166"/></g>`;
    return `<g class="leaves"><path d="${leafL}" fill="${p.body}" ${stroke(p, 1.5)}/><path d="${leafR}" fill="${p.body}" ${stroke(p, 1.5)}/></g>${top}<path d="M19 44 L45 44 L41 60 L23 60 Z" fill="${p.accent}" ${stroke(p)}/><rect x="17" y="42" width="30" height="5" rx="2" fill="${mix(p.accent, '#000000', 0.15)}" ${stroke(p, 1.5)}/><ellipse cx="32" cy="32" rx="14" ry="13" fill="${p.body}" ${stroke(p)}/><path d="M24 24 Q32 20 40 24" fill="none" stroke="${mix(p.body, '#ffffff', 0.4)}" stroke-width="1.5" stroke-linecap="round"/>${face(state, p, 31, 5.5)}`;
  },
  // A boxy bot with a screen face; the antenna light blinks, adults grow arms.
  robot: (state, stage, p, species) => {
    const on = state !== 'dead' && state !== 'dying';
    const antenna = `<line x1="32" y1="14" x2="32" y2="6" stroke="${p.line}" stroke-width="2"/><circle class="${on ? 'led' : ''}" cx="32" cy="5" r="3" fill="${on ? p.accent : '#777777'}" ${stroke(p, 1)}/>`;
    const arms = stage === 'adult' || species === 'mech'
      ? `<path class="arm" d="M12 36 Q6 40 8 48" fill="none" ${stroke(p, 3)} stroke-linecap="round"/><path d="M52 36 Q58 40 56 48" fill="none" ${stroke(p, 3)} stroke-linecap="round"/>`
      : '';
    const bolts = stage === 'baby' ? '' : `<circle cx="16" cy="18" r="1.3" fill="${p.line}"/><circle cx="48" cy="18" r="1.3" fill="${p.line}"/>`;
    const screen = on ? '#13263a' : '#3a3f46';
    return `${antenna}${arms}<rect x="12" y="14" width="40" height="40" rx="8" fill="${p.body}" ${stroke(p)}/>${bolts}<rect x="17" y="22" width="30" height="20" rx="4" fill="${screen}"/><g transform="translate(0 -2)">${face(state, { ...p, line: p.eye }, 31, 6.5)}</g>${species === 'rover' ? `<circle cx="22" cy="56" r="4.5" fill="${p.line}"/><circle cx="42" cy="56" r="4.5" fill="${p.line}"/><circle cx="22" cy="56" r="1.5" fill="${p.body}"/><circle cx="42" cy="56" r="1.5" fill="${p.body}"/>` : `<rect x="20" y="54" width="8" height="5" rx="1.5" fill="${p.line}"/><rect x="36" y="54" width="8" height="5" rx="1.5" fill="${p.line}"/>`}<rect x="22" y="46" width="20" height="4" rx="2" fill="${mix(p.body, '#000000', 0.2)}"/>`;
  },
  // A chunky stone guardian with a glowing rune; moss appears as it matures.
  golem: (state, stage, p) => {
    const rune = state === 'dead' ? '#666666' : p.eye;
    const moss = stage === 'baby' ? '' : `<path d="M14 22 Q18 17 24 20 Q28 16 32 19" fill="none" stroke="${p.accent}" stroke-width="3" stroke-linecap="round"/>${stage === 'adult' ? `<path d="M44 18 L47 10 L50 18 Z" fill="#9be7ff" stroke="#3d7fa3" stroke-width="1"/>` : ''}`;
    return `<rect x="6" y="26" width="12" height="16" rx="4" fill="${mix(p.body, '#000000', 0.12)}" ${stroke(p)}/><rect x="46" y="26" width="12" height="16" rx="4" fill="${mix(p.body, '#000000', 0.12)}" ${stroke(p)}/><path d="M14 20 L50 20 L54 54 L10 54 Z" fill="${p.body}" ${stroke(p)}/><path d="M20 46 L24 42 L22 38 M44 30 L40 34" fill="none" stroke="${p.line}" stroke-width="1" opacity="0.7"/><rect x="17" y="25" width="30" height="17" rx="5" fill="${mix(p.body, '#000000', 0.35)}"/><circle class="rune" cx="32" cy="47" r="3" fill="none" stroke="${rune}" stroke-width="1.5"/>${moss}<rect x="14" y="54" width="12" height="5" rx="2" fill="${p.line}"/><rect x="38" y="54" width="12" height="5" rx="2" fill="${p.line}"/>${face(state, { ...p, eye: state === 'dead' ? p.eye : rune }, 32, 8)}`;
  },
  // A wobbly slime drop with a shine; teens get a little curl, adults a crown.
  blob: (state, stage, p) => {
    const flat = state === 'poor' || state === 'dying' || state === 'dead';
    const shape = flat
      ? 'M8 58 Q6 36 32 34 Q58 36 56 58 Z'
      : 'M10 58 Q6 40 18 26 Q26 14 32 12 Q38 14 46 26 Q58 40 54 58 Z';
    const extra = stage === 'teen'
      ? `<path d="M32 ${flat ? 34 : 12} q4 -6 -1 -8" fill="none" ${stroke(p, 2)} stroke-linecap="round"/>`
      : stage === 'adult'
        ? `<path d="M24 ${flat ? 34 : 16} L26 ${flat ? 27 : 8} L30 ${flat ? 31 : 12} L32 ${flat ? 25 : 6} L34 ${flat ? 31 : 12} L38 ${flat ? 27 : 8} L40 ${flat ? 34 : 16} Z" fill="#ffd166" stroke="#a0741a" stroke-width="1.2" stroke-linejoin="round"/>`
        : '';
    return `<path class="goo" d="${shape}" fill="${p.body}" ${stroke(p)}/><ellipse cx="${flat ? 20 : 22}" cy="${flat ? 42 : 28}" rx="3" ry="5" fill="${p.accent}" opacity="0.55" transform="rotate(20 22 30)"/>${extra}${face(state, p, flat ? 45 : 38, 7)}`;
  },
};

/* ---------- eggs ---------- */

const EGG_PATTERN: Record<CreatureFamily, (p: Palette) => string> = {
  pet: (p) => `<g fill="${p.body}"><circle cx="26" cy="34" r="3"/><circle cx="22" cy="29" r="1.4"/><circle cx="26" cy="28" r="1.4"/><circle cx="30" cy="29" r="1.4"/><circle cx="39" cy="46" r="3"/><circle cx="35" cy="41" r="1.4"/><circle cx="39" cy="40" r="1.4"/><circle cx="43" cy="41" r="1.4"/></g>`,
  plant: (p) => `<path d="M32 10 Q26 2 32 -1 Q36 4 32 10 Z" fill="${p.body}" stroke="${p.line}" stroke-width="1" transform="translate(0 4)"/><path d="M18 40 Q32 34 46 40" fill="none" stroke="${p.body}" stroke-width="3"/>`,
  robot: (p) => `<rect x="14" y="34" width="36" height="6" fill="${p.body}"/><circle cx="20" cy="37" r="1.2" fill="${p.line}"/><circle cx="32" cy="37" r="1.2" fill="${p.line}"/><circle cx="44" cy="37" r="1.2" fill="${p.line}"/>`,
  golem: (p) => `<g fill="${mix(p.body, '#000000', 0.2)}"><circle cx="24" cy="26" r="2.5"/><circle cx="40" cy="32" r="3"/><circle cx="28" cy="46" r="2"/><circle cx="42" cy="48" r="2.6"/></g><circle cx="32" cy="38" r="3" fill="none" stroke="${p.eye}" stroke-width="1.4"/>`,
  blob: (p) => `<path d="M14 30 Q20 36 24 30 Q28 38 32 30 Q36 38 40 30 Q44 36 50 30" fill="none" stroke="${p.body}" stroke-width="4" stroke-linecap="round"/>`,
};

function egg(family: CreatureFamily, stage: PetStage, p: Palette): string {
  const shell = family === 'golem' ? mix(BASE.golem.body, '#ffffff', 0.4) : '#fdf6e3';
  // The closer to hatching (stage), the more the shell cracks.
  const crack = stage === 'baby'
    ? ''
    : stage === 'teen'
      ? `<path d="M22 24 L27 28 L24 32 L29 35" fill="none" stroke="${p.line}" stroke-width="1.3" stroke-linecap="round"/>`
      : `<path d="M14 36 L20 32 L24 37 L30 31 L35 37 L40 31 L45 36 L50 33" fill="none" stroke="${p.line}" stroke-width="1.5" stroke-linejoin="round"/><g class="blink"><circle cx="28" cy="27" r="1.6" fill="${p.eye}"/><circle cx="36" cy="27" r="1.6" fill="${p.eye}"/></g>`;
  return `<ellipse cx="32" cy="60" rx="14" ry="2.5" fill="#000" opacity="0.12"/><g class="egg"><path d="M32 6 C46 6 52 28 52 40 C52 52 43 60 32 60 C21 60 12 52 12 40 C12 28 18 6 32 6 Z" fill="${shell}" stroke="${p.line}" stroke-width="2"/>${EGG_PATTERN[family](p)}${crack}<path d="M22 18 Q26 12 30 11" fill="none" stroke="#ffffff" stroke-width="2.5" stroke-linecap="round" opacity="0.8"/></g>`;
}

/* ---------- state overlays: sparkles, sweat, zzz, halo ---------- */

function overlay(state: PetState, p: Palette): string {
  switch (state) {
    case 'thriving': {
      const star = (x: number, y: number, d: number) =>
        `<path class="twinkle" style="animation-delay:${d}s" d="M${x} ${y - 4} L${x + 1} ${y - 1} L${x + 4} ${y} L${x + 1} ${y + 1} L${x} ${y + 4} L${x - 1} ${y + 1} L${x - 4} ${y} L${x - 1} ${y - 1} Z" fill="#ffd166"/>`;
      return star(7, 14, 0) + star(57, 10, 0.5) + star(58, 42, 1);
    }
    case 'poor':
      return `<path class="sweat" d="M52 18 Q49 23 52 25 Q55 23 52 18 Z" fill="#7cc8ff" stroke="#2f7fb8" stroke-width="0.8"/>`;
    case 'dying':
      return `<g class="zzz" fill="${p.line}" font-family="sans-serif" font-weight="700"><text x="46" y="18" font-size="8">z</text><text x="52" y="11" font-size="6" style="animation-delay:0.8s" class="zzz">z</text></g>`;
    case 'dead':
      return `<ellipse class="halo" cx="32" cy="7" rx="11" ry="3" fill="none" stroke="#ffd166" stroke-width="2.2"/>`;
    default:
      return '';
  }
}

const KEYFRAMES = [
  '@keyframes tg-bob{0%,100%{transform:translateY(0)}50%{transform:translateY(-2px)}}',
  '@keyframes tg-hop{0%,100%{transform:translateY(0) scale(1,1)}40%{transform:translateY(-6px) scale(.97,1.03)}80%{transform:translateY(0) scale(1.04,.96)}}',
  '@keyframes tg-sag{0%,100%{transform:translateY(2px) scale(1.02,.98)}50%{transform:translateY(3px) scale(1.03,.97)}}',
  '@keyframes tg-breathe{0%,100%{transform:translateY(4px) rotate(-4deg) scale(1,.96)}50%{transform:translateY(4px) rotate(-4deg) scale(1,.93)}}',
  '@keyframes tg-float{0%,100%{transform:translateY(-2px)}50%{transform:translateY(-6px)}}',
  '@keyframes tg-wobble{0%,70%,100%{transform:rotate(0)}76%{transform:rotate(-7deg)}84%{transform:rotate(6deg)}92%{transform:rotate(-3deg)}}',
  '@keyframes tg-blink{0%,92%,100%{transform:scaleY(1)}95%{transform:scaleY(.1)}}',
  '@keyframes tg-twinkle{0%,100%{opacity:.2;transform:scale(.6)}50%{opacity:1;transform:scale(1)}}',
  '@keyframes tg-drip{0%{transform:translateY(0);opacity:1}80%{opacity:1}100%{transform:translateY(10px);opacity:0}}',
  '@keyframes tg-zzz{0%{transform:translate(0,0);opacity:0}30%{opacity:1}100%{transform:translate(4px,-8px);opacity:0}}',
  '@keyframes tg-sway{0%,100%{transform:rotate(-4deg)}50%{transform:rotate(4deg)}}',
  '@keyframes tg-pulse{0%,100%{opacity:1}50%{opacity:.35}}',
].join('');

function styles(root: string, state: PetState): string {
  const m = MOTION[state];
  const r = `.${root}`;
  return (
    `${r} .body{transform-box:fill-box;transform-origin:50% 100%;animation:${m.anim} ${m.dur}s ease-in-out infinite}` +
    `${r} .egg{transform-box:fill-box;transform-origin:50% 100%;animation:tg-wobble ${m.dur}s ease-in-out infinite}` +
    `${r} .blink{transform-box:fill-box;transform-origin:50% 50%;animation:tg-blink 4s infinite}` +
    `${r} .twinkle{transform-box:fill-box;transform-origin:50% 50%;animation:tg-twinkle 1.5s ease-in-out infinite}` +
    `${r} .sweat{animation:tg-drip 2s ease-in infinite}` +
    `${r} .zzz text{animation:tg-zzz 2.4s ease-out infinite}` +
    `${r} .sway,${r} .tail{transform-box:fill-box;transform-origin:50% 100%;animation:tg-sway 2.2s ease-in-out infinite}` +
    `${r} .led,${r} .rune{animation:tg-pulse 1.6s ease-in-out infinite}` +
    `${r} .halo{animation:tg-bob 2s ease-in-out infinite}` +
    `@media (prefers-reduced-motion:reduce){${r} *{animation:none!important}}`
  );
}

/**
 * The creature as a self-contained animated SVG string.
 *
 * @example
 * el.innerHTML = spriteSvg('robot', 'healthy', 'teen', { size: 48 });
 */
export function spriteSvg(family: CreatureFamily, state: PetState, stage: PetStage, opts: SpriteOptions = {}): string {
  // Unknown values (e.g. a newer API) fall back rather than throw: a pet must always draw.
  const f: CreatureFamily = (FAMILIES as readonly string[]).includes(family) ? family : 'blob';
  const s: PetState = (STATES as readonly string[]).includes(state) ? state : 'okay';
  const g: PetStage = (STAGES as readonly string[]).includes(stage) ? stage : 'adult';
  const requested = Number(opts.size ?? 96);
  const size = Number.isFinite(requested) ? Math.min(512, Math.max(8, Math.round(requested))) : 96;
  const root = `tg-${f}-${s}-${g}`;
  const species = typeof opts.species === 'string' ? opts.species.toLowerCase() : '';
  const p = paletteFor(f, s, species);
  const k = STAGE_SCALE[g];
  // Scale about the feet so babies stand on the same ground line as adults.
  const scaled = (inner: string) => `<g transform="translate(${32 * (1 - k)} ${60 * (1 - k)}) scale(${k})">${inner}</g>`;
  const creature = s === 'egg'
    ? egg(f, g, p)
    : `<ellipse cx="32" cy="60" rx="${s === 'dead' ? 8 : 16}" ry="2.5" fill="#000" opacity="${s === 'dead' ? 0.06 : 0.14}"/>${scaled(`<g class="body"${s === 'dead' ? ' opacity="0.8"' : ''}>${BODIES[f](s, g, p, species)}</g>`)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${root}" viewBox="0 0 64 64" width="${size}" height="${size}" role="img" aria-label="${s} ${g} ${SPECIES_LOOKS[f].includes(species as never) ? species : f}">` +
    `<style>${KEYFRAMES}${styles(root, s)}</style>` +
    creature +
    overlay(s, p) +
    `</svg>`
  );
}
