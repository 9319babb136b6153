// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import { evaluate } from '../../lib/rules/evaluate';

// React Data Grid 7 (adazzle) as it renders (issue 16; the DOM below is copied from the test
// page test/fixtures/ehr/data-grid.html in Chromium): one element is the grid and its own
// scroll box; the header row and the data rows are its children, rows are `display: contents`
// (the cells are laid out by the grid's CSS grid), only the rows in view are drawn, each with
// its aria-rowindex; an editor (<input>, <select>) is in a cell only while it is edited.

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
interface Line { name: string; code: string; min: string; units: string; mods: string }
const VISIT: Line[] = [
  { name: 'Therapeutic exercise: hip strengthening, bridges', code: '97110', min: '38', units: '3', mods: 'GP' },
  { name: 'Gait training: stair negotiation with rail', code: '97116', min: '12', units: '1', mods: 'GP' },
  { name: 'Neuromuscular re-ed: single-leg balance', code: '97112', min: '10', units: '1', mods: '' },
];
const COLS = ['Intervention', 'CPT', 'Minutes', 'Units', 'Modifiers'];
const C = 'rdg-cell rdg-7-0-0-beta-60-85c48527';
const banner = '<div class="encounter"><span>Patient: <b>Sample, Lee</b></span><span>Payer: <b>Medicare Part B</b></span><span>Discipline: <b>PT</b></span><span>DOS: <b>03/17/2026</b></span></div>';
const headerRow = `<div role="row" aria-rowindex="1" class="rdg-header-row rdg-7-0-0-beta-60-0dbd5994">${COLS.map((c, i) => `<div role="columnheader" aria-colindex="${i + 1}" aria-rowspan="1" aria-selected="false" tabindex="${i ? -1 : 0}" class="${C}" style="inset-block-start: 0px; grid-area: 1 / ${i + 1} / 2 / ${i + 2};">${c}</div>`).join('')}</div>`;
const row = (l: Line, index: number) =>
  `<div role="row" class="rdg-row rdg-7-0-0-beta-60-3c083f1b rdg-row-${index % 2 ? 'odd' : 'even'}" aria-rowindex="${index}" style="grid-row-start: ${index};">${[l.name, l.code, l.min, l.units, l.mods]
    .map((v, i) => `<div role="gridcell" aria-colindex="${i + 1}" aria-selected="false" tabindex="-1" class="${C}" style="grid-column: ${i + 1} / ${i + 2};">${v}</div>`)
    .join('')}</div>`;
const measuring = ['intervention', 'cpt', 'minutes', 'units', 'modifiers'].map((k, i) => `<div class="rdg-7-0-0-beta-60-fa71d63e" data-measuring-cell-key="${k}" style="grid-column-start: ${i + 1}; min-width: 50px;"></div>`).join('');

/** The grid with `lines` drawn from row `first` (0-based); `rowCount`: its aria-rowcount (header included), or null when it gives none. */
function dataGrid(lines: Line[], { first = 0, rowCount = lines.length + 1 as number | null } = {}): string {
  const count = rowCount === null ? '' : ` aria-rowcount="${rowCount}"`;
  return `${banner}<div id="grid"><div role="grid" aria-label="Treatment flowsheet" aria-colcount="5"${count} tabindex="-1" class="rdg rdg-7-0-0-beta-60-ccd2e5d9" dir="ltr" style="block-size: 400px;">${headerRow}${lines.map((l, i) => row(l, first + i + 2)).join('')}${measuring}</div></div><p id="total">Total timed minutes: 60</p>`;
}

const claim = (visit: Parameters<typeof evaluate>[0]) => evaluate(visit).lines.map((l) => `${l.code} ×${l.units} ${l.modifiers.join('+')}`);

describe('React Data Grid 7', () => {
  it('reads the flowsheet with no site mapping: lines, payer, date; 60 minutes → 4 units, 5 entered (12 minutes a unit), a line without GP', () => {
    document.body.innerHTML = dataGrid(VISIT);
    const update = new PageSession(document, () => OPTIONS).flush()!;
    expect(update.source).toBe('generic');
    const visit = update.visits[0]!.visit;
    expect(visit.entries.map((e) => [e.label, e.code, e.minutes, e.units, e.modifiers ?? []])).toEqual([
      ['Therapeutic exercise: hip strengthening, bridges', '97110', 38, 3, ['GP']],
      ['Gait training: stair negotiation with rail', '97116', 12, 1, ['GP']],
      ['Neuromuscular re-ed: single-leg balance', '97112', 10, 1, []],
    ]);
    expect([visit.payer, visit.dateOfService, visit.discipline]).toEqual(['Medicare Part B', '2026-03-17', 'PT']);
    expect(visit.incomplete).toBeUndefined();
    const evaluation = evaluate(visit);
    expect(evaluation.totalTimedMinutes).toBe(60);
    expect(evaluation.totalTimedUnits).toBe(4);
    expect(evaluation.findings.map((f) => f.rule).sort()).toEqual(['modifier.discipline-missing', 'units.low-average', 'units.over-billed']);
    expect(claim(visit)).toEqual(['97110 ×2 GP', '97116 ×1 GP', '97112 ×1 GP']);
  });
});

describe('React Data Grid 7: editors and virtualised rows', () => {
  it('the editor the grid puts in a cell while it is edited (<input>, <select>) is read, and each keystroke in it re-reads its row', () => {
    document.body.innerHTML = dataGrid(VISIT);
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    // Double-click on the first line's Units: the grid swaps the cell's text for its editor.
    const units = document.querySelector('[aria-rowindex="2"] [aria-colindex="4"]')!;
    units.className += ' rdg-editor-container';
    units.removeAttribute('tabindex');
    units.innerHTML = '<input class="rdg-text-editor rdg-7-0-0-beta-60-2f8db206" value="3">';
    const input = units.querySelector('input')!;
    input.value = '2';
    session.edit(input);
    let visit = session.flush()!.visits[0]!.visit;
    expect(visit.entries[0]!.units).toBe(2);
    // 4 units entered for 60 minutes: no longer over-billed.
    expect(evaluate(visit).findings.map((f) => f.rule)).not.toContain('units.over-billed');
    // The CPT column's editor is a <select>: the user picks 97140 in it (a change event).
    const code = document.querySelector('[aria-rowindex="4"] [aria-colindex="2"]')!;
    code.innerHTML = `<select>${['97110', '97112', '97116', '97140', '97530'].map((c) => `<option value="${c}"${c === '97112' ? ' selected' : ''}>${c}</option>`).join('')}</select>`;
    const select = code.querySelector('select')!;
    select.value = '97140';
    session.edit(select);
    visit = session.flush()!.visits[0]!.visit;
    expect(visit.entries[2]!.code).toBe('97140');
  });

  const LONG: Line[] = Array.from({ length: 120 }, (_, i) => ({ name: `Gait training set ${i + 1}`, code: '97116', min: '8', units: '1', mods: 'GP' }));

  it('120 rows, 16 drawn (aria-rowcount 121): read in part until every row has been drawn, then 960 minutes → 64 units', () => {
    document.body.innerHTML = dataGrid(LONG.slice(0, 15), { rowCount: 121 });
    const session = new PageSession(document, () => OPTIONS);
    let visit = session.flush()!.visits[0]!.visit;
    expect(visit.incomplete).toMatch(/Only 15 of this grid's 120 rows were read \(rows 1–15\)/);
    // Scrolled down a screen at a time; the grid keeps the row that has the focus drawn (row 2, out of order).
    for (let first = 12; first < 120; first += 12) {
      const grid = document.querySelector('[role="grid"]')!;
      for (const r of [...grid.querySelectorAll('.rdg-row')]) if (r.getAttribute('aria-rowindex') !== '3') r.remove();
      grid.querySelector('[data-measuring-cell-key]')!.insertAdjacentHTML('beforebegin', LONG.slice(first, first + 15).map((l, i) => row(l, first + i + 2)).join(''));
      session.restructure();
      visit = session.flush()?.visits[0]?.visit ?? visit;
    }
    expect(visit.incomplete).toBeUndefined();
    expect(visit.entries).toHaveLength(120);
    expect(evaluate(visit).totalTimedMinutes).toBe(960);
    expect(evaluate(visit).totalTimedUnits).toBe(64);
  });
});

describe('a virtualised grid reused for the next patient', () => {
  // An app that opens the next patient's chart at another address (a hash route) and draws his
  // rows into the same grid element, two at a time (found by a red-team pass in Chromium).
  const ALICE: Line[] = [
    { name: 'Therapeutic activities', code: '97530', min: '30', units: '2', mods: 'GP' },
    { name: 'Therapeutic exercise', code: '97110', min: '10', units: '1', mods: 'GP' },
    { name: 'Manual therapy', code: '97140', min: '15', units: '1', mods: 'GP' },
    { name: 'Gait training', code: '97116', min: '15', units: '1', mods: 'GP' },
  ];
  const BOB: Line[] = [
    { name: 'Therapeutic exercise', code: '97110', min: '23', units: '2', mods: 'GP' },
    { name: 'Neuromuscular re-ed', code: '97112', min: '8', units: '1', mods: 'GP' },
    { name: 'Gait training', code: '97116', min: '12', units: '1', mods: 'GP' },
    { name: 'Manual therapy', code: '97140', min: '9', units: '1', mods: 'GP' },
  ];
  /** The grid's drawn rows replaced by `lines` from data row `first` (0-based). */
  const draw = (lines: Line[], first: number) => {
    const grid = document.querySelector('[role="grid"]')!;
    for (const r of [...grid.querySelectorAll('.rdg-row')]) r.remove();
    grid.querySelector('[data-measuring-cell-key]')!.insertAdjacentHTML('beforebegin', lines.map((l, i) => row(l, first + i + 2)).join(''));
  };

  it("after the address changes, the rows kept from the patient before are not read as this one's", () => {
    document.body.innerHTML = dataGrid(ALICE.slice(0, 2), { rowCount: 5 });
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    draw(ALICE.slice(2), 2);
    session.restructure();
    expect(session.flush()!.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97530', '97110', '97140', '97116']);
    // The next patient: same grid element, his first two rows drawn.
    draw(BOB.slice(0, 2), 0);
    session.navigated();
    const visit = session.flush()!.visits[0]!.visit;
    expect(visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23], ['97112', 8]]);
    expect(visit.incomplete).toMatch(/Only 2 of this grid's 4 rows were read \(rows 1–2\)/);
    // His rows as they scroll in are kept as before.
    draw(BOB.slice(2), 2);
    session.restructure();
    expect(session.flush()!.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([23, 8, 12, 9]);
  });

  /** Alice's chart at /chart/A, her grid scrolled through: all 4 rows read and kept. */
  const aliceAtChartA = () => {
    history.replaceState({}, '', '/chart/A');
    document.body.innerHTML = dataGrid(ALICE.slice(0, 2), { rowCount: 5 });
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    draw(ALICE.slice(2), 2);
    session.restructure();
    expect(session.flush()!.visits[0]!.visit.entries).toHaveLength(4);
    return session;
  };

  it("an address changed with pushState just before an edit is seen by the read itself: the next patient's edit is never read with the rows kept from the patient before", () => {
    const session = aliceAtChartA();
    // An anchor on the same chart: the rows kept stay.
    history.pushState({}, '', '/chart/A#goals');
    draw(ALICE.slice(0, 2), 0);
    session.restructure();
    expect(session.flush()!.visits[0]!.visit.entries).toHaveLength(4);
    // The app routes to Bob and the user types at once, before any timer of the caller's looks at the address.
    history.pushState({}, '', '/chart/B');
    draw(BOB.slice(0, 2), 0);
    const min = document.querySelector<HTMLElement>('[role="gridcell"][aria-colindex="3"]')!;
    session.edit(min);
    session.restructure();
    const visit = session.flush()!.visits[0]!.visit;
    expect(visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23], ['97112', 8]]);
    expect(session.addressChanged()).toBe(false);
    history.replaceState({}, '', '/');
  });

  it("an address change that stays on the chart (/chart/A → /chart/A/billing): rows that read the same are taken for this chart's 2 s later; rows scrolled away before then are said to be unread, never guessed", () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      let session = aliceAtChartA();
      history.pushState({}, '', '/chart/A/billing');
      session.restructure();
      expect(session.flush()!.visits[0]!.visit.entries.map((e) => e.code)).toEqual(['97140', '97116']);
      // Read again 2.5 s later, the same rows reading the same: this chart's, kept when scrolled away.
      vi.advanceTimersByTime(2500);
      session.restructure();
      session.flush();
      draw(ALICE.slice(0, 2), 0);
      session.restructure();
      const visit = session.flush()!.visits[0]!.visit;
      expect(visit.entries.map((e) => e.code)).toEqual(['97530', '97110', '97140', '97116']);
      expect(visit.incomplete).toBeUndefined();
      // Scrolled away at once after the change: not kept, and the visit says which rows were read.
      session = aliceAtChartA();
      history.pushState({}, '', '/chart/A/notes');
      session.restructure();
      session.flush();
      draw(ALICE.slice(0, 2), 0);
      session.restructure();
      expect(session.flush()!.visits[0]!.visit.incomplete).toMatch(/Only 2 of this grid's 4 rows were read/);
    } finally {
      vi.useRealTimers();
      history.replaceState({}, '', '/');
    }
  });

  it("a read that comes between pushState and the app redrawing its grid: the patient before's rows still drawn are shown while drawn, never kept for the next patient", () => {
    const session = aliceAtChartA();
    // The router pushes Bob's address and a read already due runs before the app redraws (Alice's rows 3-4 still drawn).
    history.pushState({}, '', '/chart/B');
    session.restructure();
    session.flush();
    // The app draws Bob's first rows into the same grid element.
    draw(BOB.slice(0, 2), 0);
    session.restructure();
    const visit = session.flush()!.visits[0]!.visit;
    history.replaceState({}, '', '/');
    expect(visit.entries.map((e) => [e.code, e.minutes])).toEqual([['97110', 23], ['97112', 8]]);
  });
});

// happy-dom lays nothing out: the grid's layout in Chromium (test/fixtures/ehr/data-grid.html),
// 35 px rows below a 35 px header row, in a 398 px box, given here by hand.
const ROW = 35;
function layOut(grid: HTMLElement, rows: number, scrollTop: number) {
  Object.defineProperties(grid, {
    scrollHeight: { configurable: true, value: (rows + 1) * ROW },
    clientHeight: { configurable: true, value: 398 },
    scrollTop: { configurable: true, value: scrollTop },
  });
}
const realRect = HTMLElement.prototype.getBoundingClientRect;
function rect(this: HTMLElement): DOMRect {
  const grid = this.closest<HTMLElement>('[role="grid"]');
  const row = this.parentElement?.closest('[role="row"]');
  // A cell: its row's place in the grid's content, less the scroll; the rows themselves are `display: contents` (no box).
  if (grid && row && this.matches('[role="gridcell"], [role="columnheader"]')) {
    const top = (Number(row.getAttribute('aria-rowindex')) - 1) * ROW - grid.scrollTop;
    return { top, bottom: top + ROW, height: ROW, left: 0, right: 100, width: 100, x: 0, y: top, toJSON: () => ({}) } as DOMRect;
  }
  if (this === grid) return { top: 0, bottom: 398, height: 398, left: 0, right: 760, width: 760, x: 0, y: 0, toJSON: () => ({}) } as DOMRect;
  return realRect.call(this);
}

describe('a virtualised grid that does not say how many rows it has (no aria-rowcount)', () => {
  const LONG: Line[] = Array.from({ length: 120 }, (_, i) => ({ name: `Gait training set ${i + 1}`, code: '97116', min: '8', units: '1', mods: 'GP' }));
  const style = '<style>.rdg { overflow: auto; }</style>';
  beforeEach(() => {
    HTMLElement.prototype.getBoundingClientRect = rect;
  });
  afterEach(() => {
    HTMLElement.prototype.getBoundingClientRect = realRect;
  });
  /** The grid scrolled so that row `first` (0-based) is at the top: 15 rows drawn from it (the last screen: to the end). */
  const scrollTo = (first: number) => {
    const top = Math.min(first * ROW, 121 * ROW - 398);
    const from = Math.min(first, 105);
    const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
    for (const r of [...grid.querySelectorAll('.rdg-row')]) r.remove();
    grid.querySelector('[data-measuring-cell-key]')!.insertAdjacentHTML('beforebegin', LONG.slice(from, from + 15).map((l, i) => row(l, from + i + 2)).join(''));
    layOut(grid, 120, top);
  };

  it('says it may not have read every row until the last row has been drawn; rows skipped are named; scrolled through, the visit is whole', () => {
    document.body.innerHTML = style + dataGrid(LONG.slice(0, 15), { rowCount: null });
    layOut(document.querySelector<HTMLElement>('[role="grid"]')!, 120, 0);
    const session = new PageSession(document, () => OPTIONS);
    let visit = session.flush()!.visits[0]!.visit;
    expect(visit.entries).toHaveLength(15);
    expect(visit.incomplete).toMatch(/^This grid shows only the rows in view and does not say how many it has: rows 1–15 were read, and rows after them may not have been read\. Scroll it through to the end so every row is read\.$/);
    expect(evaluate(visit).findings.find((f) => f.rule === 'visit.incomplete')?.severity).toBe('warning');
    // Straight to the end (the scroll bar dragged down): the grid's last row is 121, so it has 120; those in between were never drawn.
    scrollTo(119);
    session.restructure();
    visit = session.flush()!.visits[0]!.visit;
    expect(visit.incomplete).toMatch(/Only 30 of this grid's 120 rows were read \(rows 1–15, 106–120\)/);
    // Scrolled through, a screen at a time.
    for (let first = 12; first < 120; first += 12) {
      scrollTo(first);
      session.restructure();
      visit = session.flush()?.visits[0]?.visit ?? visit;
    }
    expect(visit.incomplete).toBeUndefined();
    expect(visit.entries).toHaveLength(120);
    const whole = evaluate(visit);
    expect(whole.findings.map((f) => f.rule)).not.toContain('visit.incomplete');
    expect([whole.totalTimedMinutes, whole.totalTimedUnits]).toEqual([960, 64]);
  });

  it('a grid whose rows all fit in its box says nothing more, with or without a row count', () => {
    document.body.innerHTML = style + dataGrid(VISIT, { rowCount: null });
    const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
    Object.defineProperties(grid, { scrollHeight: { value: 4 * ROW }, clientHeight: { value: 4 * ROW } });
    const visit = new PageSession(document, () => OPTIONS).flush()!.visits[0]!.visit;
    expect(visit.entries).toHaveLength(3);
    expect(visit.incomplete).toBeUndefined();
  });
});
