import { describe, expect, it } from 'vitest';
import { FAMILIES, STATES, SpriteSheet, cspSafe, renderGallery, renderHero, renderStages, splitRules } from './sprite-markup.ts';

describe('splitRules', () => {
  it.each([
    ['a{x:1}b{y:2}', ['a{x:1}', 'b{y:2}']],
    ['@keyframes k{0%{o:0}100%{o:1}}.r .b{a:k}', ['@keyframes k{0%{o:0}100%{o:1}}', '.r .b{a:k}']],
    ['@media (x){.r *{a:none!important}}', ['@media (x){.r *{a:none!important}}']],
    ['', []],
  ])('%s', (css, rules) => {
    expect(splitRules(css)).toEqual(rules);
  });
});

describe('cspSafe', () => {
  it('moves <style> and style="" out of the markup, keeping classes', () => {
    const svg =
      '<svg class="root"><style>.root .t{animation:tw 1s}@keyframes tw{0%{opacity:0}}</style>' +
      '<path class="t" style="animation-delay:0.5s" d="M0 0"/><text style="animation-delay:0.8s">z</text></svg>';
    const { markup, rules } = cspSafe(svg);
    expect(markup).not.toMatch(/<style|style="/);
    const cls = /<path class="t (tgs-\w+)"/.exec(markup)?.[1];
    expect(cls).toBeDefined();
    expect(markup).toMatch(/<text class="tgs-\w+">z<\/text>/);
    expect(rules).toContain('.root .t{animation:tw 1s}');
    expect(rules).toContain('@keyframes tw{0%{opacity:0}}');
    expect(rules).toContain(`.${cls}{animation-delay:0.5s!important}`);
  });
});

describe('rendered sections', () => {
  const sheet = new SpriteSheet();
  const gallery = renderGallery(sheet);
  const html = gallery + renderHero(sheet) + renderStages(sheet);

  it('shows every family in every state, from the real sprites', () => {
    for (const f of FAMILIES) {
      for (const s of STATES) expect(html).toContain(`tg-${f}-${s}-adult`);
    }
    expect((gallery.match(/class="frame"/g) ?? []).length).toBe(FAMILIES.length * STATES.length);
  });

  it('offers one radio per state with exactly one checked', () => {
    expect((gallery.match(/type="radio"/g) ?? []).length).toBe(STATES.length);
    expect((gallery.match(/ checked/g) ?? []).length).toBe(1);
  });

  it('leaves nothing the CSP would block', () => {
    expect(html).not.toMatch(/<style|style="|<script|\son\w+=/);
    expect(sheet.css()).toContain('@keyframes');
  });
});
