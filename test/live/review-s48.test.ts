// @vitest-environment happy-dom
// Review of ad3f231 (a day sheet's year-less Date cell other than the row above's is another
// day), 508c577 (a session's time under a day's header spanning it), ffdcb28 (a visit's rows
// typed in different sessions of one day share it), 824a1e2 (an age beside a birth date checked
// as of the page's day) and 7a29385 + 4850fd4 (a flowsheet whose day's columns were set aside,
// read again live). it(): read right (a pin). it.fails(): a page read wrongly on 4850fd4;
// "(regression)" where f44c22b read it right, "(not fixed)" where it read it as wrongly.
// Mended: the six regressions (an age printed may be of the page's day or of the clock; a
// set-aside table is compared by what it reads as, and looked at again only when its headers'
// text or its cells change). The two not fixed, mended since: the weekly log's year-less days
// (their year from the dates the page's headings write, never a birth date) and the charge
// grid of three header rows (a unit word under a session under its day is that session's). No
// it.fails left.
import { afterEach, describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { mutate } from './mutate';
import { restoreBadInput } from '../extract/bad-input';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { setAsideTouched } from '../../lib/live/mutations';
import { OPTIONS } from './read-page';
import { H, T, checked, read } from './vendor-pages';

// (The user's clock: 11/04/2026, as in review-s47*.)
onPagesOf('2026-11-04T12:00:00');
afterEach(restoreBadInput);

const notesOf = (u: PageUpdate) => [...u.notes, ...u.visits.flatMap((v) => v.notes ?? [])];
const visits = (u: PageUpdate) => checked(u).map((v) => ({ date: v.date, lines: v.lines, rules: v.rules }));
const mine = () => false;
const saidNotRead = (u: PageUpdate) => notesOf(u).filter((n) => /were not read/.test(n));

// ---- ad3f231: a year-less day in a day sheet's Date cell ---------------------------------

/** Date | Patient | CPT | Minutes | Units | Modifiers, every cell a box. */
const dayRow = (date: string, who: string, code: string) =>
  `<tr><td><input value="${date}"></td><td><input value="${who}"></td><td><input value="${code}"></td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr>`;
const daySheet = (rows: string, head = '<h1>Day sheet</h1><p>Payer: Medicare Part B</p>') =>
  `${head}<table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;

describe('ad3f231: a year-less day under the row above\'s whole date', () => {
  it('over New Year either way: the year near the row above\'s ("12/30/2026" then "01/02": 2027-01-02; "01/02/2027" then "12/30": 2026-12-30)', () => {
    const fwd = read(daySheet(dayRow('12/30/2026', 'Ann Lee', '97110') + dayRow('01/02', 'Ann Lee', '97112')));
    expect(visits(fwd).map((v) => [v.date, v.lines])).toEqual([['2026-12-30', ['97110 10/1 GP']], ['2027-01-02', ['97112 10/1 GP']]]);
    const back = read(daySheet(dayRow('01/02/2027', 'Ann Lee', '97110') + dayRow('12/30', 'Ann Lee', '97112')));
    expect(visits(back).map((v) => v.date)).toEqual(['2027-01-02', '2026-12-30']);
  });

  it('a sheet of an earlier year ("10/30/2024" then "11/03"): 2024-11-03, not the clock\'s year', () => {
    const u = read(daySheet(dayRow('10/30/2024', 'Ann Lee', '97110') + dayRow('11/03', 'Ann Lee', '97112')));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2024-10-30', ['97110 10/1 GP']], ['2024-11-03', ['97112 10/1 GP']]]);
  });

  it('the next patient\'s rows dated "11/03" under Ann\'s "10/30/2026": Bob\'s one visit of 11/03, his two lines together', () => {
    // (f44c22b: Bob's visit undated, "Date of service '11/03' is not a date.")
    const u = read(daySheet(dayRow('10/30/2026', 'Ann Lee', '97110') + dayRow('11/03', 'Bob Ray', '97112') + dayRow('11/03', 'Bob Ray', '97140')));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-10-30', ['97110 10/1 GP']], ['2026-11-03', ['97112 10/1 GP', '97140 10/1 GP']]]);
  });

  it('(not fixed, mended) a weekly therapy log under "Week of 11/02/2026", its Date cells year-less ("11/02", "11/03"): each day\'s visit dated, not "\'11/03\' is not a date"', () => {
    // Ann's Monday and Tuesday, two lines each. f44c22b: one visit of four lines, undated
    // (dos.missing), units.over-billed on the week's 40 minutes. Now split by day (right), but
    // both visits still undated, and the page says "Date of service '11/02' is not a date.",
    // "'11/03' is not a date." — the heading gives the year. (The same under "Therapy minutes
    // log — November 2026", "Period: 11/01/2026 to 11/30/2026", "11/02/2026 – 11/06/2026".)
    // Biller: 2026-11-02 and 2026-11-03, each 20 minutes billed 2 units. Mended: where no row
    // above nor the page's date of service gives one, the year is the one near the dates the
    // page's headings write, not a birth date (header-date.ts yearHints, dates.ts dayNearAll,
    // visits.ts yearlessDay); the headings walked once per read, only when such a day asks.
    const rows = dayRow('11/02', 'Ann Lee', '97110') + dayRow('11/02', 'Ann Lee', '97140') + dayRow('11/03', 'Ann Lee', '97112') + dayRow('11/03', 'Ann Lee', '97140');
    const u = read(daySheet(rows, '<h1>Weekly therapy log — Week of 11/02/2026</h1><p>Payer: Medicare Part B</p>'));
    expect(visits(u).map((v) => v.lines)).toEqual([['97110 10/1 GP', '97140 10/1 GP'], ['97112 10/1 GP', '97140 10/1 GP']]);
    expect(visits(u).map((v) => v.date)).toEqual(['2026-11-02', '2026-11-03']);
    expect(notesOf(u).join('\n')).not.toMatch(/is not a date/);
  });

  /** Ann's week as above, under `head` (headings above the sheet); each visit's date and lines, and any "is not a date" note. */
  const week = (head: string, days = ['11/02', '11/03']) => {
    const rows = days.map((d, n) => dayRow(d, 'Ann Lee', '97110') + dayRow(d, 'Ann Lee', n ? '97112' : '97140')).join('');
    const u = read(daySheet(rows, `${head}<p>Payer: Medicare Part B</p>`));
    return { dates: visits(u).map((v) => v.date), notes: notesOf(u).filter((n) => /is not a date/.test(n)) };
  };
  const dated = { dates: ['2026-11-02', '2026-11-03'], notes: [] };
  const undated = (days = ['11/02', '11/03']) => ({ dates: days.map(() => undefined), notes: days.map((d) => `Date of service '${d}' is not a date.`) });

  it('the year from a month and year with no day ("Therapy minutes log — November 2026")', () => {
    expect(week('<h1>Therapy minutes log — November 2026</h1>')).toEqual(dated);
  });

  it('the year from a period\'s dates ("Period: 11/01/2026 to 11/30/2026") under the sheet\'s title', () => {
    expect(week('<h1>Therapy log</h1><h2>Period: 11/01/2026 to 11/30/2026</h2>')).toEqual(dated);
  });

  it('the year from a week\'s two dates and nothing else ("11/02/2026 – 11/06/2026")', () => {
    expect(week('<h1>11/02/2026 – 11/06/2026</h1>')).toEqual(dated);
  });

  it('a day too far from the heading\'s date ("05/01" under "Week of 11/02/2026"): given no year, said as before', () => {
    // (Last May's or next May's: dayNear's four months either way.)
    expect(week('<h1>Weekly therapy log — Week of 11/02/2026</h1>', ['05/01', '05/04'])).toEqual(undated(['05/01', '05/04']));
  });

  it('a birth date in the patient\'s heading ("Lee, Ann · DOB 11/04/1941") gives no year: undated as before, and no hindrance to the week\'s', () => {
    expect(week('<h1>Weekly therapy log</h1><h2>Lee, Ann · DOB 11/04/1941</h2>')).toEqual(undated());
    expect(week('<h1>Weekly therapy log</h1><h2>Lee, Ann · 11/04/1941 · F</h2>')).toEqual(undated());
    expect(week('<h1>Weekly therapy log — Week of 11/02/2026</h1><h2>Lee, Ann · DOB 11/04/1941</h2>')).toEqual(dated);
  });
});

// ---- 508c577, ffdcb28: a day's header spanning its sessions ------------------------------

/** A flowsheet of Ann Lee's under `thead`; a cell "=v" is a box, else text. */
const flowsheet = (thead: string, rows: string[][]) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <table><thead>${thead}</thead><tbody>
  ${rows.map(([name, ...cells]) => `<tr><td>${name}</td>${cells.map((c) => `<td>${c.startsWith('=') ? `<input value="${c.slice(1)}">` : c}</td>`).join('')}</tr>`).join('')}
  </tbody></table>`;
/** A charge grid's three header rows: each day over its sessions (`days`: a day and how many), each session over "Min | Units". */
const chargeGrid = (days: [string, number][], sessions: string[]) =>
  `<tr><th rowspan="3">Intervention</th>${days.map(([d, n]) => `<th colspan="${2 * n}">${d}</th>`).join('')}</tr>
  <tr>${sessions.map((s) => `<th colspan="2">${s}</th>`).join('')}</tr><tr>${sessions.map(() => '<th>Min</th><th>Units</th>').join('')}</tr>`;
/** Flat session headers after "Intervention". */
const flat = (heads: string[]) => `<tr><th>Intervention</th>${heads.map((h) => `<th>${h}</th>`).join('')}</tr>`;

describe('508c577, ffdcb28: "11/02/2026" over its sessions', () => {
  it('"11/02/2026" over "AM | PM | Total": the two sessions added and dated, the Total (no session of its own) not counted again', () => {
    // (f44c22b: the printed 10/30 column's 25, undated.)
    const head = '<tr><th rowspan="2">Intervention</th><th>10/30/2026</th><th colspan="3">11/02/2026</th></tr><tr><th>PM</th><th>AM</th><th>PM</th><th>Total</th></tr>';
    const u = read(flowsheet(head, [['97110 Ther Ex (min)', '25', '=10', '=8', '=18']]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 18/-']]]);
  });

  it('the lower header row under a blank corner cell (no rowspan): the same', () => {
    const head = '<tr><th></th><th>10/30/2026</th><th colspan="2">11/02/2026</th></tr><tr><th>Intervention</th><th>PM</th><th>AM</th><th>PM</th></tr>';
    const u = read(flowsheet(head, [['97110 Ther Ex (min)', '25', '=10', '=8']]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 18/-']]]);
  });

  it('the minutes row typed in the AM session, the units row in the PM one: the visit dated 11/02', () => {
    const head = '<tr><th rowspan="2">Intervention</th><th>10/30/2026</th><th colspan="2">11/02/2026</th></tr><tr><th>PM</th><th>AM</th><th>PM</th></tr>';
    const u = read(flowsheet(head, [['97110 Ther Ex (min)', '25', '=15', '='], ['97110 Ther Ex (units)', '2', '', '=2']]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 15/2']]]);
  });

  it('"AM | PM" under a clinician\'s header ("Therapist: J. Smith PT"), not a day\'s: no day made up for them', () => {
    // (Read as f44c22b read it: the printed 10/30 column, undated. Pinned: no day from a name.)
    const head = '<tr><th rowspan="2">Intervention</th><th>10/30/2026</th><th colspan="2">Therapist: J. Smith PT</th></tr><tr><th>PM</th><th>AM</th><th>PM</th></tr>';
    const u = read(flowsheet(head, [['97110 Ther Ex (min)', '25', '=10', '=8']]));
    expect(visits(u).map((v) => v.date)).toEqual([undefined]);
  });

  it('(not fixed, mended) a charge grid of three header rows, "11/02/2026" / "AM | PM" / "Min | Units": the day\'s two sessions added and dated', () => {
    // The lowest header ("Min") is no session's time, so the day above it is never reached:
    // every column's header is "Min" or "Units", no day. Read: 97110 10/1 (the AM session
    // alone), undated (dos.missing), no note; the PM session's 8 minutes and 1 unit dropped.
    // f44c22b: the same. Biller: 97110 18 minutes, 2 units, of 11/02/2026 (units.over-billed:
    // 18 minutes support 1). Mended: a unit word under a session under its day is that
    // session's column ("11/02/2026 AM Min": fields.ts headerText), the same session whatever
    // its unit (dates.ts sessionOf).
    const head = `<tr><th rowspan="3">Intervention</th><th colspan="2">10/30/2026</th><th colspan="4">11/02/2026</th></tr>
      <tr><th colspan="2">PM</th><th colspan="2">AM</th><th colspan="2">PM</th></tr>
      <tr><th>Min</th><th>Units</th><th>Min</th><th>Units</th><th>Min</th><th>Units</th></tr>`;
    const u = read(flowsheet(head, [['97110 Ther Ex', '25', '2', '=10', '=1', '=8', '=1']]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 18/2']]]);
  });

  it('three header rows under a clinician\'s header ("Therapist: J. Smith PT" over "AM | PM" over "Min | Units"): no day made up for them', () => {
    // (Read as before the three-row grid was mended: the AM session's, undated.)
    const head = chargeGrid([['10/30/2026', 1], ['Therapist: J. Smith PT', 2]], ['PM', 'AM', 'PM']);
    const u = read(flowsheet(head, [['97110 Ther Ex', '25', '2', '=10', '=1', '=8', '=1']]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([[undefined, ['97110 10/1']]]);
  });

  it('three header rows, every session typed in: the latest day\'s two sessions, not 10/30\'s (printed or not, 10/30 is never read as today\'s)', () => {
    // (Before: every column "Min" or "Units", the first box's 25 minutes read, undated.)
    const head = chargeGrid([['10/30/2026', 1], ['11/02/2026', 2]], ['PM', 'AM', 'PM']);
    const u = read(flowsheet(head, [['97110 Ther Ex', '=25', '=2', '=10', '=1', '=8', '=1']]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 18/2']]]);
    // Nothing typed for 11/02 yet: no line of 10/30's printed minutes.
    expect(visits(read(flowsheet(head, [['97110 Ther Ex', '25', '2', '=', '=', '=', '=']])))).toEqual([]);
  });

  it('three header rows, the day\'s AM session filed (printed) beside its PM one typed in: the two added ("11/02/2026 AM Min" and "… PM Min" two sessions)', () => {
    // (Before: both read as the session "11/02/2026", one session twice, so the filed one left out.)
    const u = read(flowsheet(chargeGrid([['11/02/2026', 2]], ['AM', 'PM']), [['97110 Ther Ex', '10', '1', '=8', '=1']]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 18/2']]]);
  });
});

// ---- 824a1e2: an age beside a birth date as of the page's day ----------------------------

describe('824a1e2: the day a printed age is of', () => {
  it('last week\'s day sheet, a patient\'s birthday since (the age printed today\'s): still her birth date, the visit the sheet\'s day', () => {
    // (Within the half month birthMark allows either way.)
    const u = read(`<h1>Day Sheet 10/26/2026</h1><p>Payer: Medicare</p><h3>Lee, Ann · 85 y · 10/30/1941</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob · 76 y · 07/12/1950</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-10-26', '2026-10-26']);
  });

  it('(regression, mended) last month\'s day sheet opened in the EHR, which prints each patient\'s age as of today: a birthday since the sheet\'s day does not make the birth date the visit\'s date', () => {
    // The biller works October's claims in November. The EHR draws the sheet live, its ages of
    // today (Ann turned 85 on 10/20). 824a1e2 checks "85 y" against the sheet's day, 10/01,
    // when she was 84: 10/20/1941 is no birth date, so Ann's visit is dated 1941-10-20 (four
    // data.out-of-range findings) and she is another patient than her chart's. f44c22b (the
    // clock's day): 2026-10-01 for both. A printed sheet's ages are of its day; a live page's
    // of today: either should do.
    const u = read(`<h1>Day Sheet 10/01/2026</h1><p>Payer: Medicare</p><h3>Lee, Ann · 85 y · 10/20/1941</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob · 76 y · 07/12/1950</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-10-01', '2026-10-01']);
  });

  it('(regression, mended) a day sheet of two years ago with today\'s ages (a records request, an audit): each visit the sheet\'s day, not each patient\'s birth date', () => {
    // Every patient's age is two years off the sheet's day: every visit is dated its patient's
    // birth date (1941-03-04, 1950-07-12), data.out-of-range. f44c22b: 2024-11-02 for both.
    // (review-s47b pins the same sheet with the ages of its day, "83 y": read right now.)
    const u = read(`<h1>Day Sheet 11/02/2024</h1><p>Payer: Medicare</p><h3>Lee, Ann · 85 y · 03/04/1941</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob · 76 y · 07/12/1950</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2024-11-02', '2024-11-02']);
  });

  it('(regression, mended) a daily note of 2024 opened from the chart (an ADR), the EHR\'s banner above its lines with her age today: dated 11/02/2024, not 03/04/1941', () => {
    // Medicare's additional documentation requests ask for notes a year or two old; the chart's
    // banner prints her age now (85). The note's day makes 85 wrong, so the banner's date is
    // taken for the visit's own heading's: dated 1941-03-04, four data.out-of-range findings.
    // f44c22b: 2024-11-02.
    const u = read(`<h1>Daily note 11/02/2024</h1><p>Payer: Medicare</p><h3>Lee, Ann · 85 y · 03/04/1941</h3>${T(H, [['97110', '=23', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2024-11-02']);
  });
});

// ---- 7a29385 + 4850fd4: a set-aside flowsheet read again live ----------------------------

const box = (v: string) => `<input value="${v}">`;
/** Ann Lee's flowsheet with the day's Total column: `heads` after "Intervention"; "=v" a box. */
const totals = (rows: number, heads = ['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400', '11/02/2026 Total']) =>
  flowsheet(flat(heads), Array.from({ length: rows }, (_, i) => [`${['97110 Ther Ex', '97140 Manual', '97112 Neuro re-ed', '97530 Ther Act'][i % 4]} (min)`, '25', '=10', '=', '=10']));

/** The same flowsheet as an ARIA grid, its header text in a span as grid libraries draw it. */
const grid = (hs: string[]) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <div role="grid" aria-colcount="${hs.length}"><div role="rowgroup"><div role="row" aria-rowindex="1">${hs.map((h, i) => `<div role="columnheader" aria-colindex="${i + 1}"><span class="txt">${h}</span></div>`).join('')}</div></div>
  <div role="rowgroup"><div role="row" aria-rowindex="2"><div role="gridcell" aria-colindex="1">97110 Ther Ex (min)</div><div role="gridcell" aria-colindex="2">25</div>
  <div role="gridcell" aria-colindex="3">${box('10')}</div><div role="gridcell" aria-colindex="4">${box('10')}</div><div role="gridcell" aria-colindex="5">${box('20')}</div></div></div></div>`;

describe('4850fd4: a set-aside flowsheet in a live session', () => {
  it('an ARIA grid (the header\'s text in a span): "Total" renamed to a session, or its column taken off, is read again', async () => {
    // (f44c22b: mutations → false both times, the note stale.)
    const heads = ['Intervention', '10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400', '11/02/2026 Total'];
    document.body.innerHTML = grid(heads);
    let session = new PageSession(document, () => OPTIONS);
    expect(saidNotRead(session.flush()!)).toHaveLength(1);
    const span = document.querySelectorAll('.txt')[4]!;
    expect(session.mutations(await mutate(() => ((span.firstChild as Text).data = '11/02/2026 1600')), mine)).toBe(true);
    let u = session.flush()!;
    expect(saidNotRead(u)).toEqual([]);
    expect(visits(u).map((v) => v.lines)).toEqual([['97110 40/-']]);

    document.body.innerHTML = grid(heads);
    session = new PageSession(document, () => OPTIONS);
    session.flush();
    session.mutations(await mutate(() => { for (const el of Array.from(document.querySelectorAll('[aria-colindex="5"]'))) el.remove(); }), mine);
    u = session.flush()!;
    expect(saidNotRead(u)).toEqual([]);
    expect(visits(u).map((v) => v.lines)).toEqual([['97110 20/-']]);
  });

  it('a big batch elsewhere on the page (a 20,000-item feed rendered): no set-aside table touched', async () => {
    // (Timed here: setAsideTouched over these 20,000 records ~6 ms; the batch's cost is
    // reportMutations', the same at f44c22b.)
    document.body.innerHTML = `${totals(4)}<ul id="feed"></ul>`;
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    const table = document.querySelector('table')!;
    const feed = document.getElementById('feed')!;
    const records = await mutate(() => {
      for (let i = 0; i < 20_000; i++) feed.append(Object.assign(document.createElement('li'), { textContent: `item ${i}` }));
    });
    expect([...setAsideTouched(records, new Map([[table, '']]), mine)!]).toEqual([]);
  });

  it('(regression, minor, mended) a tooltip the grid draws inside the "Total" header on hover: no full read per hover, the note not rewritten with the tooltip\'s words', async () => {
    // setAsideTouched takes the tooltip put in for a header's change; found again alone, the
    // table's set-aside header now reads "11/02/2026 TotalSum of the day's sessions", so the
    // page is read whole: two full detections per hover (in and out), and while it shows, the
    // panel's note names “11/02/2026 TotalSum of the day's sessions”. f44c22b: no read, the
    // note as it was (nothing is read from that table either way).
    document.body.innerHTML = totals(1);
    const session = new PageSession(document, () => OPTIONS);
    const first = saidNotRead(session.flush()!);
    const th = document.querySelectorAll('th')[4]!;
    for (let k = 0; k < 3; k++) {
      let tip!: Element;
      session.mutations(await mutate(() => th.append((tip = Object.assign(document.createElement('span'), { className: 'tooltip', textContent: 'Sum of the day\'s sessions' })))), mine);
      const shown = session.flush();
      if (shown) expect(saidNotRead(shown)).toEqual(first);
      session.mutations(await mutate(() => tip.remove()), mine);
      session.flush();
    }
    expect(session.detections).toBe(1);
  });

  it('(regression, minor, mended) the day\'s total shown in the "Total" header, rewritten as the user types ("11/02/2026 Total (22 min)"): no full read per keystroke', async () => {
    // The commit leaves a body cell's total alone ("the total the page writes as the user
    // types") but not one the page writes in the header: each keystroke is a full detection
    // (1 → 3 over two keystrokes), and the note is reworded each time. Nothing is read from the
    // table before or after. f44c22b: none.
    document.body.innerHTML = totals(2);
    const session = new PageSession(document, () => OPTIONS);
    session.flush();
    const th = document.querySelectorAll('th')[4]!;
    const typed = document.querySelectorAll('tbody input')[1] as HTMLInputElement;
    for (const v of ['1', '12']) {
      typed.value = v;
      session.mutations(await mutate(() => (th.textContent = `11/02/2026 Total (${20 + Number(v)} min)`)), mine);
      session.changedValues();
      session.flush();
    }
    expect(session.detections).toBe(1);
  });

  it('(regression, minor: pace, mended) the page\'s script rebuilding the header row with the same text on each keystroke: the set-aside table is not found again each time', async () => {
    // A header rebuilt with the same cells (a template re-rendered on each recalculation) is
    // "a cell put in" for setAsideTouched: the flush runs detectRows on the whole table, every
    // keystroke. Measured here on a 60-row, 14-column flowsheet: ~84 ms a keystroke against
    // ~2 ms at f44c22b (happy-dom; no full detection either way). f44c22b: mutations → false.
    const heads = [...Array.from({ length: 10 }, (_, d) => `10/${String(d + 1).padStart(2, '0')}/2026`), '11/02/2026 0900', '11/02/2026 1400', '11/02/2026 Total'];
    document.body.innerHTML = flowsheet(flat(heads), Array.from({ length: 60 }, (_, i) => [`97110 Item ${i} (min)`, ...Array(10).fill('10'), '=10', '=', '=10']));
    const session = new PageSession(document, () => OPTIONS);
    expect(saidNotRead(session.flush()!)).toHaveLength(1);
    const thead = document.querySelector('thead')!;
    const html = thead.innerHTML;
    expect(session.mutations(await mutate(() => (thead.innerHTML = html)), mine)).toBe(false);
  });
});
