// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { barElements, lookInDrawn } from '../../lib/live/page-bars';

// The page's fixed and sticky bars (a field under one has its marker hidden, not drawn over it).

const realStyle = window.getComputedStyle;
const realCheck = HTMLElement.prototype.checkVisibility;
afterEach(() => {
  window.getComputedStyle = realStyle;
  HTMLElement.prototype.checkVisibility = realCheck;
});

describe('barElements', () => {
  it('finds a sticky header and a fixed footer among the top levels, not the overlay host nor ordinary blocks', () => {
    document.body.innerHTML = `<div id="app"><header id="top" style="position: sticky; top: 0">Chart</header><main><p>Visit</p></main></div>
      <footer id="bottom" style="position: fixed; bottom: 0">Save</footer><div id="host" style="position: fixed"></div>`;
    const { bars, passedOver } = barElements(document.body, document.getElementById('host')!);
    expect(bars.map((b) => b.id).sort()).toEqual(['bottom', 'top']);
    expect(passedOver).toBe(false);
  });

  it('never asks the style of what the browser does not draw (a visit skipped off screen), nor looks inside it', () => {
    const visits = Array.from({ length: 5 }, (_, n) => `<section class="visit" id="v${n}" style="content-visibility: auto"><h2>Visit ${n}</h2><div class="bar" style="position: sticky">Totals</div><table><tr><td>97110</td></tr></table></section>`).join('');
    // The header in an app root with no box of its own (display: contents), as apps wrap pages.
    document.body.innerHTML = `<div id="app" style="display: contents"><header id="top" style="position: sticky">Day sheet</header></div><main>${visits}</main>`;
    // Chromium's answers: inside a section skipped by content-visibility: auto (all but the
    // first), visible but not when skipped parts count; an element with no box, never visible.
    const skipped = (el: Element) => !!el.parentElement?.closest('.visit:not(#v0)');
    HTMLElement.prototype.checkVisibility = function (this: HTMLElement, options?: CheckVisibilityOptions) {
      if (this.id === 'app') return false;
      return !(options?.contentVisibilityAuto && skipped(this));
    };
    const asked: Element[] = [];
    window.getComputedStyle = ((el: Element) => {
      asked.push(el);
      return realStyle.call(window, el);
    }) as typeof window.getComputedStyle;
    const { bars, passedOver } = barElements(document.body);
    expect(asked.filter(skipped)).toEqual([]);
    // The drawn visit's own sticky bar is found; the skipped visits' are not looked at, and
    // the caller is told to look again when one is drawn.
    expect(bars.map((b) => b.id || b.className)).toEqual(['top', 'bar']);
    expect(passedOver).toBe(true);
    expect(asked.length).toBeGreaterThan(5);
  });

  it('a passed-over visit drawn now is looked in alone: its sticky bar is found, no other part’s style is asked', () => {
    const visits = Array.from({ length: 5 }, (_, n) => `<section class="visit" id="v${n}" style="content-visibility: auto"><h2>Visit ${n}</h2><div class="bar" id="bar${n}" style="position: sticky">Totals</div><table><tr><td>97110</td></tr></table></section>`).join('');
    document.body.innerHTML = `<header id="top" style="position: sticky">Day sheet</header><main>${visits}</main>`;
    // Visits 1–4 skipped off screen; then visit 3 is drawn (scrolled to). As in Chromium, a
    // skipped section is drawn itself: what it holds is skipped.
    const drawn = new Set(['v0']);
    const skipped = (el: Element) => {
      const section = el.parentElement?.closest('.visit');
      return !!section && !drawn.has(section.id);
    };
    HTMLElement.prototype.checkVisibility = function (this: HTMLElement, options?: CheckVisibilityOptions) {
      return !(options?.contentVisibilityAuto && skipped(this));
    };
    const first = barElements(document.body);
    expect(first.bars.map((b) => b.id)).toEqual(['top', 'bar0']);
    const named = (els: { el: Element }[]) => els.map((s) => `${s.el.closest('.visit')!.id} ${s.el.id || s.el.localName}`);
    expect(named(first.skipped)).toEqual([1, 2, 3, 4].flatMap((n) => [`v${n} h2`, `v${n} bar${n}`, `v${n} table`]));
    drawn.add('v3');
    const asked: Element[] = [];
    window.getComputedStyle = ((el: Element) => {
      asked.push(el);
      return realStyle.call(window, el);
    }) as typeof window.getComputedStyle;
    const again = lookInDrawn(first, document.getElementById('v3')!)!;
    expect(again.bars.map((b) => b.id)).toEqual(['top', 'bar0', 'bar3']);
    expect(named(again.skipped)).toEqual([1, 2, 4].flatMap((n) => [`v${n} h2`, `v${n} bar${n}`, `v${n} table`]));
    // Only visit 3 and what is in it, never the top levels or the other visits again.
    expect(asked.every((el) => el.closest('#v3'))).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    // A part drawn inside it (nested) is looked in alone: the bar in it is found, none beside it;
    // a part it never passed over: nothing to do.
    expect(lookInDrawn(first, document.getElementById('bar3')!)!.bars.map((b) => b.id)).toEqual(['top', 'bar0', 'bar3']);
    expect(lookInDrawn(first, document.querySelector('#v3 table')!)!.bars.map((b) => b.id)).toEqual(['top', 'bar0']);
    expect(lookInDrawn(first, document.getElementById('top')!)).toBeUndefined();
    // The whole look, for comparison, finds the same bars once visit 3 is drawn.
    expect(barElements(document.body).bars.map((b) => b.id)).toEqual(['top', 'bar0', 'bar3']);
  });
});
