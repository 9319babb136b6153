// @vitest-environment happy-dom
// Review of ad598ac (a one-visit note's first row, its date typed in part, takes the page's stated
// day) and 79f4089 + 4617a19 (a day's flowsheet columns set aside are said). Each test FAILED on
// 4617a19: a page a biller would act on wrongly, or a note that is stale. Mended: the first row's
// empty Patient box; later, a table no row of which was read, read again when its headers or
// columns change (PageSession watches the tables Detection.setAside names; so before 79f4089 too).
import { afterEach, describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { mutate } from './mutate';
import { restoreBadInput, typedBad } from '../extract/bad-input';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { OPTIONS } from './read-page';
import { checked } from './vendor-pages';

onPagesOf('2026-11-04T12:00:00');
afterEach(restoreBadInput);

const notesOf = (u: PageUpdate) => [...u.notes, ...u.visits.flatMap((v) => v.notes ?? [])];
const visits = (u: PageUpdate) => checked(u).map((v) => ({ date: v.date, lines: v.lines, rules: v.rules }));

// ---- ad598ac: a first row's date typed in part -------------------------------------------

/** Date | Patient | CPT | Minutes | Units | Modifiers, every cell a box (the Date a date box). */
const dayRow = (who: string, code: string) =>
  `<tr><td><input type="date" value="2026-11-02"></td><td><input value="${who}"></td><td><input value="${code}"></td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr>`;
const daySheet = (rows: string, head: string) =>
  `${head}<table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;

describe('ad598ac: a first row typed in part takes the page\'s stated day', () => {
  it('(regression, mended) Ann Lee\'s one-visit note, its first row\'s Patient box not typed yet and its Date typed in part: one visit of her day, not two', () => {
    // The row's key was undefined before ad598ac (nothing held): the row joined the visit the
    // next row names, Ann's 11/02: one visit, 20 minutes billed 2 units, units.over-billed.
    // Now held.date takes the page's day, the key "|2026-11-02|" differs from the next row's
    // "ann lee|2026-11-02|": two visits of the same day, 10 min 1 unit each, both passing.
    document.body.innerHTML = daySheet(dayRow('', '97110') + dayRow('Ann Lee', '97112'), '<h1>Daily note — Ann Lee</h1><p>Payer: Medicare Part B · Date of service: 11/02/2026</p>');
    typedBad(document.querySelector('input[type="date"]')!);
    const u = new PageSession(document, () => OPTIONS).flush()!;
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 10/1 GP', '97112 10/1 GP']]]);
    expect(visits(u)[0]!.rules).toContain('units.over-billed');
  });
});

// ---- 79f4089 + 4617a19: the day's columns set aside, said --------------------------------

const box = (v: string) => `<input value="${v}">`;
/** Ann Lee's flowsheet: `heads` after "Intervention"; a cell "=v" is a box, else text. */
const flowsheet = (heads: string[], rows: string[][]) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <table><thead><tr><th>Intervention</th>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
  ${rows.map(([name, ...cells]) => `<tr><td>${name}</td>${cells.map((c) => `<td>${c.startsWith('=') ? box(c.slice(1)) : c}</td>`).join('')}</tr>`).join('')}
  </tbody></table>`;
const mine = () => false;
const saidNotRead = (u: PageUpdate) => notesOf(u).filter((n) => /were not read/.test(n));

describe('79f4089: the note in a live session', () => {
  it('(stale note) the day\'s "Total" column taken off the page (the EHR\'s totals hidden): the note goes, 97110 10 is read', async () => {
    // PageSession.mutations answered false for the cells removed (no detected row, no watched
    // region in that table): nothing was read again, flush() sent nothing, and the panel kept
    // "Flowsheet columns … were not read … Chart each session in a column of its own" with
    // no line, while the page now has that column alone (a fresh read: 97110 10, no note).
    document.body.innerHTML = flowsheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 Total'], [['97110 Ther Ex (min)', '25', '=10', '=10']]);
    const session = new PageSession(document, () => OPTIONS);
    expect(saidNotRead(session.flush()!)).toHaveLength(1);
    const table = document.querySelector('table')!;
    session.mutations(await mutate(() => { for (const r of Array.from(table.querySelectorAll('tr'))) r.lastElementChild!.remove(); }), mine);
    const u = session.flush();
    expect(u).toBeDefined();
    expect(saidNotRead(u!)).toEqual([]);
    expect(visits(u!).map((v) => v.lines)).toEqual([['97110 10/-']]);
  });

  it('(stale note) the "Total" header renamed to a session ("11/02/2026 1400"): the note goes, the day\'s 10 + 10 are read', async () => {
    // As above: a header's text changed was not read again (mutations → false) until a box of the
    // table was typed in; the note naming "11/02/2026 Total" stayed, no line was read.
    document.body.innerHTML = flowsheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 Total'], [['97110 Ther Ex (min)', '25', '=10', '=10']]);
    const session = new PageSession(document, () => OPTIONS);
    expect(saidNotRead(session.flush()!)).toHaveLength(1);
    const th = document.querySelectorAll('th')[3]!;
    session.mutations(await mutate(() => (th.textContent = '11/02/2026 1400')), mine);
    const u = session.flush();
    expect(u).toBeDefined();
    expect(saidNotRead(u!)).toEqual([]);
    expect(visits(u!).map((v) => v.lines)).toEqual([['97110 20/-']]);
  });

  it('the page\'s own churn in and around that table (its printed minutes, a status line, a box styled): no read, no detection', async () => {
    // (Columns are set aside by their headers and boxes: a value the page writes in a body cell
    // as the user types changes neither.)
    document.body.innerHTML = `${flowsheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 Total'], [['97110 Ther Ex (min)', '25', '=10', '=10']])}<p id="status">Draft saved 10:01</p>`;
    const session = new PageSession(document, () => OPTIONS);
    expect(saidNotRead(session.flush()!)).toHaveLength(1);
    const printed = document.querySelector('tbody td:nth-child(2)')!;
    expect(session.mutations(await mutate(() => (printed.textContent = '26')), mine)).toBe(false);
    expect(session.mutations(await mutate(() => (printed.innerHTML = '<b>27</b>')), mine)).toBe(false);
    expect(session.mutations(await mutate(() => document.querySelector('tbody input')!.classList.add('dirty')), mine)).toBe(false);
    expect(session.mutations(await mutate(() => (document.getElementById('status')!.textContent = 'Draft saved 10:02')), mine)).toBe(false);
    expect(session.flush()).toBeUndefined();
    expect(session.detections).toBe(1);
  });

  it('a sort arrow drawn into the "Total" header: nothing read again (its headers\' text and cells as they were), the note as it was; the table taken off: the note goes', async () => {
    document.body.innerHTML = flowsheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 Total'], [['97110 Ther Ex (min)', '25', '=10', '=10']]);
    const session = new PageSession(document, () => OPTIONS);
    expect(saidNotRead(session.flush()!)).toHaveLength(1);
    const table = document.querySelector('table')!;
    // (Its text the same: the table reads as it did, and is not found again.)
    expect(session.mutations(await mutate(() => document.querySelectorAll('th')[3]!.append(document.createElement('i'))), mine)).toBe(false);
    expect(session.flush()).toBeUndefined();
    expect(session.detections).toBe(1);
    session.mutations(await mutate(() => table.remove()), mine);
    const u = session.flush();
    expect(u).toBeDefined();
    expect(saidNotRead(u!)).toEqual([]);
    expect(session.detections).toBe(2);
  });
});
