import { describe, expect, it } from 'vitest';
import { BADGE_COLOURS, badgeSvg, badgeValue, escapeXml, type BadgePet } from './badge-svg.ts';

const pet: BadgePet = { name: 'Mona', family: 'pet', species: 'cat', state: 'healthy', stage: 'teen', health: 72.4 };

describe('badgeSvg', () => {
  it('is a 20 px flat badge: sprite + "tamagitto" on grey, name and health in the colour of the state', () => {
    const svg = badgeSvg(pet);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* height="20" role="img" aria-label="tamagitto: Mona, healthy, health 72 of 100">/);
    expect(svg).toContain('<rect width="');
    expect(svg).toContain(`fill="${BADGE_COLOURS.healthy}"`);
    expect(svg).toContain('>tamagitto</text>');
    expect(svg).toContain('>Mona · 72%</text>');
    const icon = svg.match(/xlink:href="data:image\/svg\+xml;base64,([^"]+)"/)?.[1];
    expect(Buffer.from(icon!, 'base64').toString()).toMatch(/^<svg[^>]*width="14"/);
  });

  it('changes colour and text with the state, and widens with the name', () => {
    expect(badgeSvg({ ...pet, state: 'dying', health: 5 })).toContain(`fill="${BADGE_COLOURS.dying}"`);
    expect(badgeValue({ ...pet, state: 'dead', health: 0 })).toBe('Mona · dead');
    expect(badgeValue({ ...pet, state: 'egg', health: 50 })).toBe('Mona · egg');
    const width = (s: string) => Number(s.match(/^<svg [^>]*width="(\d+)"/)![1]);
    expect(width(badgeSvg({ ...pet, name: 'A much, much longer name' }))).toBeGreaterThan(width(badgeSvg(pet)) + 60);
  });

  it('escapes every text it writes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    const svg = badgeSvg({ ...pet, name: '</text><script>alert(1)</script>' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is the same bytes for the same pet (the route hashes it for the ETag)', () => {
    expect(badgeSvg(pet)).toBe(badgeSvg({ ...pet }));
    expect(badgeSvg(pet)).not.toBe(badgeSvg({ ...pet, health: 73 }));
  });
});
