// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import { evaluate } from '../../lib/rules/evaluate';

// ARIA data grids as grid libraries draw them (issue 16): cells inside containers in the row
// (AG Grid 36), pinned columns in containers of their own joined by aria-rowindex (AG Grid
// before 33, MUI X), virtualised rows known only by aria-rowcount, an editor inside a cell
// while it is edited, and a select-like cell.

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
interface Line { name: string; code: string; min: number; units: number; mods: string }
const VISIT: Line[] = [
  { name: 'Therapeutic exercise: quad sets', code: '97110', min: 23, units: 2, mods: 'GP' },
  { name: 'Neuromuscular re-ed: balance on foam', code: '97112', min: 23, units: 2, mods: 'GP' },
  { name: 'Manual therapy: STM lumbar', code: '97140', min: 8, units: 1, mods: 'GP' },
];
const COLS = ['Intervention', 'CPT', 'Minutes', 'Units', 'Modifiers'] as const;
const cell = (col: number, text: string) => `<div role="gridcell" aria-colindex="${col}" col-id="c${col}">${text}</div>`;
const values = (l: Line) => [l.name, l.code, String(l.min), String(l.units), l.mods];
const header = (cols: number[]) => cols.map((c) => `<div role="columnheader" aria-colindex="${c}"><div class="wrap"><span class="text">${COLS[c - 1]}</span><span class="icon"></span></div></div>`).join('');
const banner = '<div class="encounter"><span>Payer: <b>Medicare Part B</b></span> <span>Discipline: <b>PT</b></span> <span>DOS: <b>03/16/2026</b></span></div>';

/** AG Grid 36's layout: each row's cells inside a container in the row; the header in its own container. */
function agGrid36(lines: Line[], rowCount = lines.length + 1, first = 0): string {
  const rows = lines.map((l, i) => `<div role="row" aria-rowindex="${first + i + 2}" row-index="${first + i}"><div class="scrolling-cells" role="presentation">${values(l).map((v, c) => cell(c + 1, v)).join('')}</div></div>`).join('');
  return `${banner}<div role="grid" aria-rowcount="${rowCount}" aria-colcount="5"><div role="rowgroup"><div class="header" role="presentation"><div role="row" aria-rowindex="1"><div role="presentation">${header([1, 2, 3, 4, 5])}</div></div></div>
    <div class="rows" role="presentation">${rows}</div></div></div>`;
}

/** Pinned columns in containers of their own: a row is three row elements with one aria-rowindex. */
function splitGrid(lines: Line[]): string {
  const part = (cols: number[]) => lines.map((l, i) => `<div role="row" aria-rowindex="${i + 2}">${cols.map((c) => cell(c, values(l)[c - 1]!)).join('')}</div>`).join('');
  return `${banner}<div role="treegrid" aria-rowcount="${lines.length + 1}" aria-colcount="5">
    <div class="header"><div role="row" aria-rowindex="1"><div class="pinned-left">${header([1])}</div><div class="center">${header([2, 3, 4])}</div><div class="pinned-right">${header([5])}</div></div></div>
    <div class="body"><div role="rowgroup" class="pinned-left">${part([1])}</div><div role="rowgroup" class="center">${part([2, 3, 4])}</div><div role="rowgroup" class="pinned-right">${part([5])}</div></div></div>`;
}

const read = () => {
  const session = new PageSession(document, () => OPTIONS);
  return { session, update: session.flush()! };
};
const claim = (visit: Parameters<typeof evaluate>[0]) => evaluate(visit).lines.map((l) => `${l.code} ×${l.units} ${l.modifiers.join('+')}`);

describe('ARIA data grids', () => {
  it('AG Grid 36: cells inside containers in the row, columns by aria-colindex, the header in its own container', () => {
    document.body.innerHTML = agGrid36(VISIT);
    const { update } = read();
    const visit = update.visits[0]!.visit;
    expect(visit.entries.map((e) => [e.label, e.code, e.minutes, e.units, e.modifiers])).toEqual(VISIT.map((l) => [l.name, l.code, l.min, l.units, [l.mods]]));
    expect(visit.incomplete).toBeUndefined();
    // CPM §20.2: 23 + 23 + 8 = 54 timed minutes → 4 units (53–67 minutes); 5 were entered.
    expect(evaluate(visit).totalTimedUnits).toBe(4);
    expect(evaluate(visit).findings.some((f) => f.rule === 'units.over-billed')).toBe(true);
  });

  it('columns drawn out of order (column virtualisation) are still joined to their headers by aria-colindex', () => {
    document.body.innerHTML = agGrid36(VISIT).replace(/(<div role="gridcell" aria-colindex="1"[^>]*>[^<]*<\/div>)(.*?)(<div role="gridcell" aria-colindex="5"[^>]*>[^<]*<\/div>)/g, '$3$2$1');
    const visit = read().update.visits[0]!.visit;
    expect(visit.entries.map((e) => [e.code, e.minutes, e.modifiers])).toEqual(VISIT.map((l) => [l.code, l.min, [l.mods]]));
  });

  it('pinned left and right columns in their own containers: each row is joined by aria-rowindex', () => {
    document.body.innerHTML = splitGrid(VISIT);
    const { session, update } = read();
    const visit = update.visits[0]!.visit;
    expect(visit.entries.map((e) => [e.label, e.code, e.minutes, e.units, e.modifiers])).toEqual(VISIT.map((l) => [l.name, l.code, l.min, l.units, [l.mods]]));
    // An edit in the pinned-right container reaches its row.
    const mods = document.querySelectorAll('.pinned-right [role="row"]')[1]!.querySelector('[role="gridcell"]')!;
    mods.textContent = 'GP 59';
    session.edit(mods);
    const next = session.flush()!;
    expect(next.visits[0]!.visit.entries[1]!.modifiers).toEqual(['GP', '59']);
  });

  it('an editor open in a cell is read while editing; the cell text when not', () => {
    document.body.innerHTML = agGrid36(VISIT);
    const minutes = document.querySelectorAll('[role="gridcell"][aria-colindex="3"]')[2]!;
    minutes.innerHTML = '<input class="editor" value="12">';
    const { session, update } = read();
    expect(update.visits[0]!.visit.entries[2]!.minutes).toBe(12);
    minutes.innerHTML = '15';
    session.edit(minutes);
    expect(session.flush()!.visits[0]!.visit.entries[2]!.minutes).toBe(15);
  });

  it('a select-like cell (a combobox showing the chosen code) is read as the code', () => {
    document.body.innerHTML = agGrid36(VISIT).replace('>97112<', '><div role="combobox" aria-expanded="false"><span class="value">97112</span></div><');
    const visit = read().update.visits[0]!.visit;
    expect(visit.entries[1]!.code).toBe('97112');
  });
});

describe('virtualised rows (aria-rowcount)', () => {
  const LONG: Line[] = Array.from({ length: 120 }, (_, i) => ({ name: `Therapeutic exercise set ${i + 1}`, code: '97110', min: 8, units: 1, mods: 'GP' }));

  it('says which rows were read until every row has scrolled in, keeps the rows seen, and is never "ready to bill" meanwhile', async () => {
    // 12 of 120 rows drawn (a 400 px viewport).
    document.body.innerHTML = agGrid36(LONG.slice(0, 12), 121);
    const session = new PageSession(document, () => OPTIONS);
    let visit = session.flush()!.visits[0]!.visit;
    expect(visit.entries).toHaveLength(12);
    expect(visit.incomplete).toMatch(/Only 12 of this grid's 120 rows were read \(rows 1–12\)/);
    const first = evaluate(visit);
    expect(first.findings.find((f) => f.rule === 'visit.incomplete')?.severity).toBe('warning');

    // Scrolled: the grid draws rows 40–51 in place of 1–12.
    const scrolled = document.createElement('div');
    scrolled.innerHTML = agGrid36(LONG.slice(39, 51), 121, 39);
    const rowsNow = scrolled.querySelector('.rows')!;
    document.querySelector('.rows')!.replaceWith(rowsNow);
    session.restructure();
    visit = session.flush()!.visits[0]!.visit;
    expect(visit.entries).toHaveLength(24);
    expect(visit.incomplete).toMatch(/Only 24 of this grid's 120 rows were read \(rows 1–12, 40–51\)/);

    // Every row drawn once: the visit is whole. 120 × 8 = 960 minutes → 64 units (CPM §20.2 chart).
    for (let start = 0; start < 120; start += 12) {
      const next = document.createElement('div');
      next.innerHTML = agGrid36(LONG.slice(start, start + 12), 121, start);
      document.querySelector('.rows')!.replaceWith(next.querySelector('.rows')!);
      session.restructure();
      visit = session.flush()?.visits[0]?.visit ?? visit;
    }
    expect(visit.incomplete).toBeUndefined();
    expect(visit.entries).toHaveLength(120);
    const whole = evaluate(visit);
    expect(whole.findings.some((f) => f.rule === 'visit.incomplete')).toBe(false);
    expect(whole.totalTimedMinutes).toBe(960);
    expect(whole.totalTimedUnits).toBe(64);
    expect(claim(visit)).toEqual(['97110 ×64 GP']);
  });
});
