// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { barElements } from '../../lib/live/page-bars';

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
    const bars = barElements(document.body, document.getElementById('host')!);
    expect(bars.map((b) => b.id).sort()).toEqual(['bottom', 'top']);
  });

  it('never asks the style of what the browser does not draw (a visit skipped off screen), nor looks inside it', () => {
    const visits = Array.from({ length: 5 }, (_, n) => `<section class="visit" id="v${n}"><h2>Visit ${n}</h2><div class="bar" style="position: sticky">Totals</div><table><tr><td>97110</td></tr></table></section>`).join('');
    document.body.innerHTML = `<header id="top" style="position: sticky">Day sheet</header><main>${visits}</main>`;
    // Chromium's answer inside a section skipped by content-visibility: auto (all but the first).
    const skipped = (el: Element) => !!el.parentElement?.closest('.visit:not(#v0)');
    HTMLElement.prototype.checkVisibility = function (this: HTMLElement) {
      return !skipped(this);
    };
    const asked: Element[] = [];
    window.getComputedStyle = ((el: Element) => {
      asked.push(el);
      return realStyle.call(window, el);
    }) as typeof window.getComputedStyle;
    const bars = barElements(document.body);
    expect(asked.filter(skipped)).toEqual([]);
    // The drawn visit's own sticky bar is found; the skipped visits' are not looked at.
    expect(bars.map((b) => b.id || b.className)).toEqual(['top', 'bar']);
    expect(asked.length).toBeGreaterThan(5);
  });
});
