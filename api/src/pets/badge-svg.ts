/**
 * A pet's README badge (`GET /api/pets/{id}/badge.svg`): a flat, shields.io-style
 * SVG, 20 px high. Left, on grey: the pet's sprite, small, and "tamagitto";
 * right, coloured by the pet's state: its name and health. Every text is
 * XML-escaped (the name is the owner's own words). Pure: same pet, same bytes,
 * so the route's ETag is a hash of the output.
 */
import { spriteSvg, type CreatureFamily, type PetStage, type PetState } from '@tamagitto/domain';

export interface BadgePet {
  name: string;
  family: CreatureFamily;
  species: string;
  state: PetState;
  stage: PetStage;
  health: number;
}

/** The right half's colour per state (shields.io's palette: brightgreen … red, grey when dead or not hatched). */
export const BADGE_COLOURS: Record<PetState, string> = {
  egg: '#9f9f9f',
  thriving: '#4c1',
  healthy: '#97ca00',
  okay: '#dfb317',
  poor: '#fe7d37',
  dying: '#e05d44',
  dead: '#555',
};

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

/** Approximate advance widths of Verdana 11 px (what shields.io measures with), good enough for a badge. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    if (/[ilj.,:;'|!I ]/.test(ch)) w += 3.6;
    else if (/[frt()[\]{}\-/\\]/.test(ch)) w += 4.6;
    else if (/[mwMW@%]/.test(ch)) w += 10.2;
    else if (/[A-Z0-9#&?]/.test(ch)) w += 7.4;
    else if (ch.codePointAt(0)! > 0x2e80) w += 11;
    else w += 6.6;
  }
  return Math.ceil(w);
}

const PAD = 6;
const ICON = 14;
const LABEL = 'tamagitto';

/** The right half's text: the name, then the health (or the state when it says more than a number). */
export function badgeValue(pet: Pick<BadgePet, 'name' | 'state' | 'health'>): string {
  if (pet.state === 'dead') return `${pet.name} · dead`;
  if (pet.state === 'egg') return `${pet.name} · egg`;
  return `${pet.name} · ${Math.round(pet.health)}%`;
}

export function badgeSvg(pet: BadgePet): string {
  const value = badgeValue(pet);
  const leftW = PAD + ICON + 4 + textWidth(LABEL) + PAD;
  const rightW = PAD + textWidth(value) + PAD;
  const width = leftW + rightW;
  const colour = BADGE_COLOURS[pet.state] ?? BADGE_COLOURS.okay;
  const icon = Buffer.from(spriteSvg(pet.family, pet.state, pet.stage, { species: pet.species, size: ICON })).toString('base64');
  const title = escapeXml(`tamagitto: ${pet.name}, ${pet.state}, health ${Math.round(pet.health)} of 100`);
  const label = escapeXml(LABEL);
  const text = escapeXml(value);
  const labelX = PAD + ICON + 4 + textWidth(LABEL) / 2;
  const valueX = leftW + rightW / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="20" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${leftW}" height="20" fill="#555"/><rect x="${leftW}" width="${rightW}" height="20" fill="${colour}"/>` +
    `<rect width="${width}" height="20" fill="url(#s)"/></g>` +
    `<image x="${PAD}" y="3" width="${ICON}" height="${ICON}" xlink:href="data:image/svg+xml;base64,${icon}"/>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="11">` +
    `<text x="${labelX}" y="15" fill="#010101" fill-opacity=".3">${label}</text><text x="${labelX}" y="14">${label}</text>` +
    `<text x="${valueX}" y="15" fill="#010101" fill-opacity=".3">${text}</text><text x="${valueX}" y="14">${text}</text>` +
    `</g></svg>`
  );
}
