// @vitest-environment happy-dom
// Review of 376e6e5, 16ae90f (a day sheet's Date cell that says no day), 1567ec2 (a
// flowsheet's columns of one day added) and a2df0e6, 7575a10 (a birth date in a patient's
// heading told by a sex or an age). Each test is a page a biller would act on wrongly that FAILED
// on 7575a10; "(regression)" where 8880b04 read it right, "(not fixed)" where it read it as
// wrongly and the change claims or leaves the layout. Mended: the regressions (a Date cell's
// time, an age the date does not give), a child's age in months, year-less session headers, a
// filed session printed beside the one charted, a first row's date typed in part, a day's Total
// column said; then (fix-s47) a year-less day other than the row above's, a day header spanning
// its sessions' "AM | PM", a visit's rows typed in different sessions of its day. None left.
import { afterEach, describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { restoreBadInput, typedBad } from '../extract/bad-input';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { OPTIONS } from './read-page';
import { H, T, checked, read } from './vendor-pages';

// (An age printed is checked against the user's clock: the day these pages are of.)
onPagesOf('2026-11-04T12:00:00');
afterEach(restoreBadInput);

const notesOf = (u: PageUpdate) => [...u.notes, ...u.visits.flatMap((v) => v.notes ?? [])];
const visits = (u: PageUpdate) => checked(u).map((v) => ({ date: v.date, lines: v.lines, rules: v.rules }));

// ---- 376e6e5: a day sheet row whose Date cell says no day ---------------------------------

/** Date | Patient | CPT | Minutes | Units | Modifiers, every cell a box. */
const dayRow = (date: string, code: string, type = 'text') =>
  `<tr><td><input type="${type}" value="${date}"></td><td><input value="Ann Lee"></td><td><input value="${code}"></td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr>`;
const daySheet = (rows: string, head = '<h1>Day sheet</h1><p>Payer: Medicare Part B</p>') =>
  `${head}<table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;

describe('376e6e5: a Date cell that says no day', () => {
  it('(regression, mended) a Date cell with a 24-hour time and no year ("11/02 0900", "11/02 1030"): one visit of Ann\'s day, not a visit per row each told to "finish or correct the date"', () => {
    // Ann Lee's two lines of one day, 10 + 10 minutes billed 1 + 1 units: 20 minutes support 1
    // unit (units.over-billed). 8880b04: one visit, units.over-billed (the yearless date read
    // as no key, as "11/02 09:00" still is). Now DATE_TYPED takes "0900" for part of a date:
    // each row its own visit (10 min, 1 unit: fine), the over-billing gone, and a note per
    // row "Could not read the date of service '11/02 0900' … finish or correct the date".
    const u = read(daySheet(dayRow('11/02 0900', '97110') + dayRow('11/02 1030', '97112')));
    expect(visits(u).map((v) => v.lines)).toEqual([['97110 10/1 GP', '97112 10/1 GP']]);
    expect(visits(u)[0]!.rules).toContain('units.over-billed');
    expect(notesOf(u).join('\n')).not.toMatch(/finish or correct the date/);
  });

  it('(mended) a one-visit note stating its date of service, its FIRST row\'s date box typed in part: one visit, not two of the same day', () => {
    // R7 (day-sheet-regressions) holds for a second row typed in part; the first row is
    // rowKeys' "no day held": its key "ann lee||" and the second row's "ann lee|2026-11-02|"
    // differ, so two visits, both now dated 11/02 (the page's), each 10 min 1 unit: the day's
    // 20 minutes billed 2 units pass. Biller: one visit, units.over-billed, the date said unread.
    document.body.innerHTML = daySheet(dayRow('2026-11-02', '97110', 'date') + dayRow('2026-11-02', '97112', 'date'), '<h1>Daily note — Ann Lee</h1><p>Payer: Medicare Part B · Date of service: 11/02/2026</p>');
    typedBad(document.querySelector('input[type="date"]')!);
    const u = new PageSession(document, () => OPTIONS).flush()!;
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 10/1 GP', '97112 10/1 GP']]]);
    expect(visits(u)[0]!.rules).toContain('units.over-billed');
    expect(notesOf(u).join('\n')).toMatch(/Could not read the date of service in row 1 \(Ann Lee, 97110\)/);
  });

  it('(mended) a yearless day that differs from the row above\'s ("10/30/2026", then "11/03") is another day: not merged into 10/30 silently', () => {
    // dateUnread leaves "a day without its year" as before: not a key, so the 11/03 line
    // continues Ann's 10/30 visit: one visit dated 10/30 of 20 minutes billed 2 units
    // (units.over-billed), nothing said. "11/0" in the same cell is split off and said.
    // Now rowKeys reads it as the day of the year near the row above's: 2026-11-03.
    const u = read(daySheet(dayRow('10/30/2026', '97110') + dayRow('11/03', '97112')));
    expect(visits(u).map((v) => v.lines)).toEqual([['97110 10/1 GP'], ['97112 10/1 GP']]);
    for (const v of visits(u)) expect(v.rules).not.toContain('units.over-billed');
    expect(visits(u).map((v) => v.date)).toEqual(['2026-10-30', '2026-11-03']);
    // A day too far from the row above's to tell its year (last May's or next May's): kept apart, and said.
    const far = read(daySheet(dayRow('11/02/2026', '97110') + dayRow('05/01', '97112')));
    expect(visits(far).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 10/1 GP']], [undefined, ['97112 10/1 GP']]]);
    expect(notesOf(far)).toContainEqual(expect.stringMatching(/'05\/01' is not a date/));
  });
});

// ---- 1567ec2: a flowsheet's columns of one day -------------------------------------------

/** A flowsheet of Ann Lee's: `heads` after "Intervention"; a cell "=v" is a box, else text. */
const flowsheet = (heads: string[], rows: string[][], thead?: string) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <table><thead>${thead ?? `<tr><th>Intervention</th>${heads.map((h) => `<th>${h}</th>`).join('')}</tr>`}</thead><tbody>
  ${rows.map(([name, ...cells]) => `<tr><td>${name}</td>${cells.map((c) => `<td>${c.startsWith('=') ? `<input value="${c.slice(1)}">` : c}</td>`).join('')}</tr>`).join('')}
  </tbody></table>`;

describe('1567ec2: a flowsheet\'s columns of one day, a session each', () => {
  it('(mended) today\'s earlier session filed (printed) beside the session being charted: the day\'s minutes are both, not the current column\'s alone', () => {
    // As Epic shows a session once filed: its column printed, the current one typed in. Biller:
    // 97110 10 + 10 = 20 and 97140 12 (CPM Ch. 5 §20.2 counts the day's minutes together). Read:
    // 97110 10 (the 1400 column alone) and no 97140 line at all, nothing said. (With both columns
    // boxes, as V7 has them, the day is added.)
    const u = read(flowsheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400'], [
      ['97110 Ther Ex (min)', '25', '10', '=10'],
      ['97140 Manual (min)', '10', '12', '='],
    ]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 20/-', '97140 12/-']]]);
  });

  it('(mended) "11/02/2026" over "AM | PM" (a day header spanning its sessions, as the README\'s "AM | PM" reads): not 10/30\'s printed minutes', () => {
    // columnHeaderOf gives the lower header row ("AM"), no day: nothing is dated, and the row's
    // minutes are read from the printed 10/30 column: 97110 25, undated, no note. Biller: 10 + 8.
    // Now a session's time under a day's header is that day's ("11/02/2026 AM"): added, and dated.
    const head = (lower: string) => `<tr><th rowspan="2">Intervention</th><th>10/30/2026</th><th colspan="2">11/02/2026</th></tr><tr>${lower}</tr>`;
    const u = read(flowsheet([], [['97110 Ther Ex (min)', '25', '=10', '=8']], head('<th>PM</th><th>AM</th><th>PM</th>')));
    expect(visits(u).map((v) => v.lines)).toEqual([['97110 18/-']]);
    expect(visits(u).map((v) => v.date)).toEqual(['2026-11-02']);
    expect(notesOf(u)).toContainEqual(expect.stringMatching(/minutes of 11\/02\/2026 AM and PM added: 10 \+ 8 = 18/));
  });

  it('(mended) year-less session headers ("10/30 1400 | 11/02 0900 | 11/02 1400"): not 10/30\'s printed minutes read as the visit\'s', () => {
    // The V7 follow-up asked: confirmed that the older column is read (the printed 10/30 one:
    // 97110 25, 97140 10); it is not dated (dos.missing), and nothing says why.
    const u = read(flowsheet(['10/30 1400', '11/02 0900', '11/02 1400'], [
      ['97110 Ther Ex (min)', '25', '=10', '=10'],
      ['97140 Manual (min)', '10', '=12', '='],
    ]));
    expect(visits(u).map((v) => v.lines)).toEqual([['97110 20/-', '97140 12/-']]);
  });

  it('(mended) a day\'s "Total" column beside its session: the page is not read as "no form found" with nothing said', () => {
    // "none is read, as before, so nothing is counted twice": every row loses its minutes and
    // the page's source is 'none'. Now a note on the page names the day's columns set aside and
    // what to do. (Still 'none': nothing can be billed from those columns, and the note says why.)
    const u = read(flowsheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 Total'], [['97110 Ther Ex (min)', '25', '=10', '=10']]));
    expect(u.source).toBe('none');
    expect(notesOf(u)).toContainEqual(expect.stringMatching(/“11\/02\/2026 0900”, “11\/02\/2026 Total” were not read.*Teach mode/));
    // The same for a session's header with the clinician's initials: no single session's clock alone.
    const initials = read(flowsheet(['10/30/2026 1400', '11/02/2026 0900 JS', '11/02/2026 1400 KL'], [['97110 Ther Ex (min)', '25', '=10', '=10']]));
    expect(notesOf(initials)).toContainEqual(expect.stringMatching(/“11\/02\/2026 0900 JS”, “11\/02\/2026 1400 KL” were not read/));
  });

  it('(minor, mended) the units row typed in only in the last session\'s column: the visit keeps the day its columns name', () => {
    // sharedColumnDay compares each row's first field's header: minutes "11/02/2026 0900", units
    // "11/02/2026 1400", so no day: dos.missing. (8880b04 dated it 11/02, minutes missing.)
    // Now it compares the headers' days: both 11/02, and that is said.
    const u = read(flowsheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400'], [
      ['97110 Ther Ex — minutes', '25', '=15', '=15'],
      ['97110 Ther Ex — units', '2', '', '=2'],
    ]));
    expect(visits(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 30/2']]]);
    expect(notesOf(u)).toContainEqual(expect.stringMatching(/Date of service 2026-11-02 taken from the column .*"11\/02\/2026 0900"/));
    // (Rows typed in under two days' columns still give the visit no day.)
    const two = read(flowsheet(['10/30/2026', '11/01/2026', '11/02/2026'], [
      ['97110 Ther Ex — minutes', '25', '', '=30'],
      ['97110 Ther Ex — units', '2', '=2', ''],
    ]));
    expect(visits(two).map((v) => v.date)).toEqual([undefined]);
  });
});

// ---- a2df0e6, 7575a10: a birth date told by a sex or an age -------------------------------

describe('a2df0e6: a date beside a sex or an age', () => {
  it('(regression, mended) a note\'s heading with the patient\'s age and sex before its date ("Daily Note — Lee, Ann (85 y.o. F) — 11/02/2026"): dated 11/02', () => {
    // bornOn takes "(85 y.o. F)" before the date as the age of a birth date: headerDate gives
    // no date (its visit-words guard needs every word before the date a visit's), so the only
    // date on the page is lost: dos.missing. 8880b04: 2026-11-02. The same for "Daily note —
    // Ann Lee (F) — 11/02/2026", "Ann Lee, 85 y/o F — 11/02/2026", "Lee, Ann (12) 11/02/2026".
    // An age beside a date 0 years before the page's own year is no birth date of an 85-year-old.
    for (const h of ['Daily Note — Lee, Ann (85 y.o. F) — 11/02/2026', 'Daily note — Ann Lee (F) — 11/02/2026', 'Lee, Ann, 85 y/o F — 11/02/2026']) {
      const u = read(`<h1>${h}</h1><p>Payer: Medicare</p>${T(H, [['97110', '=23', '=1'], ['97140', '=8', '=1']])}`);
      expect(visits(u).map((v) => v.date), h).toEqual(['2026-11-02']);
    }
  });

  it('(regression, mended) an earlier day\'s note still open beside today\'s, each headed with her age and sex: dated its own day, not the page\'s, and one patient', () => {
    // 8880b04: the 10/30 note dated 10/30 (said: "taken from this visit's heading … not the
    // page's"), both notes patient "ann lee". Now the 10/30 note is dated 11/02 silently (its
    // heading's date taken for a birth date, the page's date of service used), and each note is
    // another patient: labelPatient keeps the "DOB" part in her tag, "dob 10 30 2026" and
    // "dob 11 02 2026".
    const u = read(`<h1>Lee, Ann</h1><p>Payer: Medicare</p><p>Date of service: 11/02/2026</p>
      <h2>Daily Note — Lee, Ann (85 y.o. F) — 10/30/2026</h2>${T(H, [['97112', '=30', '=2']])}
      <h2>Daily Note — Lee, Ann (85 y.o. F) — 11/02/2026</h2>${T(H, [['97110', '=23', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-10-30', '2026-11-02']);
    expect(new Set(checked(u).map((v) => v.patient)).size).toBe(1);
  });

  it('(mended) a child\'s age in months before the birth date ("Lee, Timmy · 18 mo · 05/01/2025"): not dated 05/01/2025', () => {
    // AGE knows years only: the birth date is taken for the visit's date of service, silently
    // (the sheet's 11/02/2026 lost). "2 y" is told; "18 mo", "6 wk" are not.
    const u = read(`<h1>Day Sheet 11/02/2026</h1><h3>Lee, Timmy · 18 mo · 05/01/2025</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bobby · 2 y · 07/12/2024</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-11-02', '2026-11-02']);
  });

  it('(mended) the V10 heading with its payer after the sex ("Lee, Ann  03/04/1941  F  Medicare"): each visit the sheet\'s day and her patient', () => {
    // AFTER will not take a sex followed by a word ("(?!\s+\p{L})", so "F Smith" stays an
    // initial): no date, no patient, as before the change. With "F · Medicare" it is read.
    const u = read(`<h1>Day Sheet 11/02/2026</h1><h3>Lee, Ann  03/04/1941  F  Medicare</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob  07/12/1950  M  Aetna</h3>${T(H, [['97112', '=30', '=2']])}`);
    const v = checked(u);
    expect(v.map((x) => x.date)).toEqual(['2026-11-02', '2026-11-02']);
    expect(v.every((x) => !!x.patient)).toBe(true);
    // (Mended: a sex followed by a payer's name is a schedule's next column, markAfter.)
    expect(v.map((x) => x.payer)).toEqual(['Medicare', 'Aetna']);
  });

  it('a sex followed by a clinician\'s name stays no birth date\'s mark ("10/30/2019 M Smith PT" in an old note\'s heading)', () => {
    const u = read(`<h2>Daily note 10/30/2019 M Smith PT</h2><p>Payer: Medicare</p>${T(H, [['97110', '=23', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2019-10-30']);
  });
});

