// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import { evaluate } from '../../lib/rules/evaluate';

// Tables whose rows sit in a box that scrolls on its own, with no row count and no row index
// (issue 16): a virtualised table (rows drawn between two spacer rows, as TanStack Virtual's
// table examples draw them) may hold rows Unitwise never saw; a table whose rows are all drawn
// in its scrolling box, or a short table in a long scrolling form, holds none.

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
const ROW = 35;
const banner = '<p>Payer: <b>Medicare Part B</b> · Discipline: <b>PT</b> · DOS: <b>03/17/2026</b></p>';
const head = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>';
const line = (i: number) => `<tr><td>Gait training set ${i + 1}</td><td>97116</td><td>8</td><td>1</td><td>GP</td></tr>`;

/**
 * `count` rows, those from `first` to `first + drawn` drawn between spacer rows, in a 400 px
 * box scrolled to `scrollTop`; `after`: more of the form in the box (800 px high), `padding`:
 * room the box adds below the table.
 */
function virtualTable(count: number, first: number, drawn: number, scrollTop: number, after = '', padding = 0): void {
  const rows = Array.from({ length: Math.min(drawn, count - first) }, (_, k) => line(first + k)).join('');
  document.body.innerHTML = `${banner}<div class="scroller" style="overflow: auto; height: 400px"><table>${head}<tbody><tr style="height: ${first * ROW}px"></tr>${rows}<tr style="height: ${(count - first - drawn) * ROW}px"></tr></tbody></table>${after}</div>`;
  const box = document.querySelector<HTMLElement>('.scroller')!;
  const afterHeight = after ? 800 : 0;
  Object.defineProperties(box, {
    scrollHeight: { value: Math.max(400, (count + 1) * ROW + afterHeight + padding), configurable: true },
    clientHeight: { value: 400 },
    scrollTop: { value: scrollTop },
  });
}

// happy-dom lays nothing out: the layout Chromium gives these tables (35 px rows, the header
// row first, spacer rows as high as the rows they stand for), by hand.
const realRect = HTMLElement.prototype.getBoundingClientRect;
const box = (top: number, height: number) => ({ top, bottom: top + height, height, left: 0, right: 700, width: 700, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;
function rect(this: HTMLElement): DOMRect {
  const scroller = this.closest<HTMLElement>('.scroller');
  if (!scroller) return realRect.call(this);
  if (this === scroller) return box(0, 400);
  const table = scroller.querySelector('table')!;
  const tableHeight = [...table.querySelectorAll('tr')].reduce((h, tr) => h + (parseFloat((tr as HTMLElement).style.height) || (tr.children.length ? ROW : 0)), 0);
  if (this === table) return box(-scroller.scrollTop, tableHeight);
  const tr = this.closest('tr');
  if (!tr) return box(0, 0);
  let top = -scroller.scrollTop;
  for (const other of table.querySelectorAll('tr')) {
    const h = parseFloat((other as HTMLElement).style.height) || (other.children.length ? ROW : 0);
    if (other === tr) return box(top, h);
    top += h;
  }
  return box(0, 0);
}

describe('rows in a box that scrolls on its own, with no row count and no row index', () => {
  beforeEach(() => {
    HTMLElement.prototype.getBoundingClientRect = rect;
  });
  afterEach(() => {
    HTMLElement.prototype.getBoundingClientRect = realRect;
  });
  const read = () => new PageSession(document, () => OPTIONS).flush()!.visits[0]!.visit;

  it('a virtualised table (12 of 120 rows drawn) is read as drawn and says rows out of view may be missing: never ready to bill', () => {
    virtualTable(120, 0, 12, 0);
    let visit = read();
    expect(visit.entries).toHaveLength(12);
    expect(visit.incomplete).toMatch(/^This grid shows only the rows in view and does not say how many it has, nor which row each one is: only the 12 rows in view now could be read/);
    expect(evaluate(visit).findings.map((f) => f.rule)).toContain('visit.incomplete');
    // At its end, still: the rows scrolled away cannot be told apart, so they are not kept.
    virtualTable(120, 108, 12, 121 * ROW - 400);
    visit = read();
    expect(visit.entries).toHaveLength(12);
    expect(visit.incomplete).toMatch(/only the 12 rows in view now could be read/);
  });

  it('every row drawn in its scrolling box (20 rows, 400 px): nothing is missing, nothing is said', () => {
    virtualTable(20, 0, 20, 100);
    const visit = read();
    expect(visit.entries).toHaveLength(20);
    expect(visit.incomplete).toBeUndefined();
  });

  it('every row drawn in a padded scrolling panel (24 px below the table): nothing is said', () => {
    virtualTable(20, 0, 20, 100, '', 24);
    const visit = read();
    expect(visit.entries).toHaveLength(20);
    expect(visit.incomplete).toBeUndefined();
  });

  it('a short table in a long scrolling form (the box holds more than the table): nothing is said', () => {
    virtualTable(3, 0, 3, 0, '<section><h2>Assessment</h2><p>Tolerated well.</p></section>');
    const visit = read();
    expect(visit.entries).toHaveLength(3);
    expect(visit.incomplete).toBeUndefined();
  });

  /**
   * The virtualised table inside a part the browser skips (content-visibility: auto, far off
   * screen) until `drawn()`; `measured` counts what would make the browser render it.
   */
  function skippedTable() {
    virtualTable(120, 0, 12, 0);
    const scroller = document.querySelector<HTMLElement>('.scroller')!;
    // The part around it, drawn itself as in Chromium: what it holds is skipped.
    const part = document.createElement('div');
    part.style.setProperty('content-visibility', 'auto');
    scroller.before(part);
    part.append(scroller);
    let skipped = true;
    const inSkipped = (el: Element) => skipped && scroller.contains(el);
    // Chromium's answers there: visible, but not when skipped parts count.
    HTMLElement.prototype.checkVisibility = function (this: HTMLElement, options?: CheckVisibilityOptions) {
      return !(options?.contentVisibilityAuto && inSkipped(this));
    };
    const state = { measured: 0, part, drawn: () => void (skipped = false) };
    window.getComputedStyle = ((el: Element) => {
      if (inSkipped(el)) state.measured++;
      return realStyle.call(window, el);
    }) as typeof window.getComputedStyle;
    const height = Object.getOwnPropertyDescriptor(scroller, 'scrollHeight')!;
    Object.defineProperty(scroller, 'scrollHeight', {
      get: () => {
        if (skipped) state.measured++;
        return height.value as number;
      },
    });
    return { scroller, state };
  }
  const realCheck = HTMLElement.prototype.checkVisibility;
  const realStyle = window.getComputedStyle;
  const restore = () => {
    HTMLElement.prototype.checkVisibility = realCheck;
    window.getComputedStyle = realStyle;
  };

  it('a part of the page the browser skips (far off screen) is not measured on a read; typed in once drawn, its rows are placed together', () => {
    try {
      const { scroller, state } = skippedTable();
      const session = new PageSession(document, () => OPTIONS);
      let visit = session.flush()!.visits[0]!.visit;
      expect(visit.entries).toHaveLength(12);
      expect(state.measured).toBe(0);
      // Not known yet, so not said either way.
      expect(visit.incomplete).toBeUndefined();
      // Scrolled into view and typed in: every row of the visit is placed, not only the one typed in.
      state.drawn();
      const minutes = scroller.querySelectorAll('tbody tr')[1]!.children[2]!;
      minutes.textContent = '9';
      session.edit(minutes);
      visit = session.flush()!.visits[0]!.visit;
      expect(visit.entries[0]!.minutes).toBe(9);
      expect(visit.incomplete).toMatch(/only the 12 rows in view now could be read/);
    } finally {
      restore();
    }
  });

  it('a skipped part that is drawn (scrolled into view) with nothing typed: its rows are read again and placed', () => {
    try {
      const { scroller, state } = skippedTable();
      const session = new PageSession(document, () => OPTIONS);
      expect(session.flush()!.visits[0]!.visit.incomplete).toBeUndefined();
      expect(session.pending).toBe(false);
      // The browser's contentvisibilityautostatechange (skipped: false) for the part around it.
      state.drawn();
      session.partDrawn(state.part);
      expect(session.pending).toBe(true);
      const visit = session.flush()!.visits[0]!.visit;
      expect(visit.entries).toHaveLength(12);
      expect(visit.incomplete).toMatch(/only the 12 rows in view now could be read/);
      // Another part drawn, with no row of this page left to place: nothing to read.
      session.partDrawn(document.body);
      expect(session.pending).toBe(false);
    } finally {
      restore();
    }
  });
});
