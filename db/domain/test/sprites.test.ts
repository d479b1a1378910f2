import { describe, expect, it } from 'vitest';
import { FAMILIES, SPECIES_LOOKS, STAGES, STATES, spriteSvg } from '../src/index.ts';

/** A small XML well-formedness check (no DOMParser in the node test environment). */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const between = xml.slice(last, m.index);
    expect(between, `stray markup before <${m[2]}>`).not.toMatch(/[<>]/);
    last = tag.lastIndex;
    const [, close, name = '', , selfClose] = m;
    if (selfClose) continue;
    if (close) expect(stack.pop(), `mismatched </${name}>`).toBe(name);
    else stack.push(name);
  }
  expect(xml.slice(last)).toBe('');
  expect(stack).toEqual([]);
}

describe('spriteSvg', () => {
  const all = FAMILIES.flatMap((f) => STATES.flatMap((s) => STAGES.map((g) => [f, s, g] as const)));

  it('covers every family × state × stage', () => {
    expect(all).toHaveLength(5 * 7 * 3);
  });

  it.each(all)('%s/%s/%s renders a well-formed animated svg', (f, s, g) => {
    const svg = spriteSvg(f, s, g);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('@keyframes');
    expect(svg).toContain(`class="tg-${f}-${s}-${g}"`);
    expect(svg).not.toMatch(/NaN|undefined|null|\[object/);
    assertWellFormed(svg);
  });

  it('every combination is a distinct picture', () => {
    // Strip the root class/label, which differ trivially, so the drawings themselves must differ.
    const bodies = all.map(([f, s, g]) =>
      spriteSvg(f, s, g).replaceAll(`tg-${f}-${s}-${g}`, 'X').replace(/aria-label="[^"]*"/, ''),
    );
    expect(new Set(bodies).size).toBe(all.length);
  });

  it('states look different: dead has a halo and x eyes, poor sweats, dying sleeps, thriving sparkles', () => {
    expect(spriteSvg('pet', 'dead', 'adult')).toContain('class="halo"');
    expect(spriteSvg('pet', 'poor', 'adult')).toContain('class="sweat"');
    expect(spriteSvg('pet', 'dying', 'adult')).toContain('class="zzz"');
    expect(spriteSvg('pet', 'thriving', 'adult')).toContain('class="twinkle"');
    expect(spriteSvg('pet', 'healthy', 'adult')).not.toContain('class="halo"');
  });

  it('honours and clamps size', () => {
    expect(spriteSvg('blob', 'okay', 'baby', { size: 32 })).toContain('width="32" height="32"');
    expect(spriteSvg('blob', 'okay', 'baby', { size: 1e9 })).toContain('width="512"');
    expect(spriteSvg('blob', 'okay', 'baby', { size: Number.NaN })).toContain('width="96"');
  });

  it('falls back instead of throwing for values from a newer API', () => {
    const svg = spriteSvg('dragon' as never, 'ecstatic' as never, 'elder' as never);
    expect(svg).toContain('class="tg-blob-okay-adult"');
  });
});

describe('species looks', () => {
  it.each(Object.entries(SPECIES_LOOKS))('%s: every species draws well-formed and its own way', (family, species) => {
    const f = family as (typeof FAMILIES)[number];
    const drawings = species.map((sp) => spriteSvg(f, 'healthy', 'adult', { species: sp }).replace(/aria-label="[^"]*"/, ''));
    drawings.forEach(assertWellFormed);
    // At least two distinct looks per family (the default species may equal the family default).
    expect(new Set(drawings).size).toBeGreaterThanOrEqual(2);
  });

  it('an unknown species draws the family default', () => {
    expect(spriteSvg('pet', 'okay', 'teen', { species: 'dragon' }).replace(/aria-label="[^"]*"/, '')).toBe(
      spriteSvg('pet', 'okay', 'teen').replace(/aria-label="[^"]*"/, ''),
    );
  });
});
