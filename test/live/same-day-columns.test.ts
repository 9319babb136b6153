// @vitest-environment happy-dom
// A flowsheet with a column per session, two or more of them of the latest day ("11/02/2026
// 0900 | 11/02/2026 1400", "11/02/2026 AM | PM"): a code's minutes of that day are those
// columns' added up (CMS counts a day's timed minutes together, CPM Pub. 100-04 Ch. 5 §20.2),
// with a note naming the columns added; units rows likewise. Before, nothing on the page was
// read (two columns of the latest day: no minutes field, "no form found").
import { beforeEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { OPTIONS } from './read-page';
import { checked, linesOf, read } from './vendor-pages';

beforeEach(() => {
  document.body.innerHTML = '';
});

const box = (v: string) => `<input value="${v}">`;
/** A flowsheet under `heads` (after "Intervention"): each row its name, then its cells ("=v" a box, else text). */
const sheet = (heads: string[], rows: string[][]) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <table><thead><tr><th>Intervention</th>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
  ${rows.map(([name, ...cells]) => `<tr><td>${name}</td>${cells.map((c) => `<td>${c.startsWith('=') ? box(c.slice(1)) : c}</td>`).join('')}</tr>`).join('')}
  </tbody></table>`;
const notesOf = (u: ReturnType<typeof read>) => u.visits.flatMap((v) => v.notes);
/** The flowsheet read: each visit checked as its date and lines, and the notes. */
function readSheet(heads: string[], rows: string[][]) {
  const u = read(sheet(heads, rows));
  return { days: checked(u).map((v) => [v.date, v.lines]), notes: notesOf(u) };
}

describe('a flowsheet\'s columns of one day, a session each', () => {
  it('"AM | PM" columns of today: each code\'s minutes of both added, dated that day, the note naming the columns', () => {
    const { days, notes } = readSheet(['10/30/2026', '11/02/2026 AM', '11/02/2026 PM'], [
      ['97110 Ther Ex (min)', '25', '=15', '=8'],
      ['97112 Neuro Re-ed (min)', '10', '=', '=12'],
    ]);
    expect(days).toEqual([['2026-11-02', ['97110 23/-', '97112 12/-']]]);
    expect(notes).toContainEqual(expect.stringMatching(/97110.*minutes of 11\/02\/2026 AM and PM added: 15 \+ 8 = 23/));
    // (97112 was charted in the PM column only: nothing added, nothing said of it.)
    expect(notes.filter((n) => n.includes('97112'))).toEqual([]);
  });

  it('"— minutes" and "— units" rows: both measures of the day added, one line per code', () => {
    const u = read(sheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400'], [
      ['97110 Ther Ex — minutes', '25', '=15', '=15'],
      ['97110 Ther Ex — units', '2', '=1', '=1'],
      ['97140 Manual — minutes', '10', '=12', '='],
      ['97140 Manual — units', '1', '=1', '='],
    ]));
    expect(linesOf(u)).toEqual([['97110 30/2', '97140 12/1']]);
    expect(notesOf(u)).toContainEqual(expect.stringMatching(/units of 11\/02\/2026 0900 and 1400 added: 1 \+ 1 = 2/));
  });

  it('three sessions of the day, the middle one left blank: the two charted added, the blank adds nothing', () => {
    const { days, notes } = readSheet(['11/01/2026 1400', '11/02/2026 0800', '11/02/2026 1100', '11/02/2026 1500'], [
      ['97110 Ther Ex (min)', '25', '=10', '=', '=13'],
      ['97530 Ther Act (min)', '30', '=', '=', '='],
    ]);
    // (97530 was charted on 11/01 only: no line of today.)
    expect(days).toEqual([['2026-11-02', ['97110 23/-']]]);
    expect(notes).toContainEqual(expect.stringMatching(/minutes of 11\/02\/2026 0800 and 1500 added: 10 \+ 13 = 23/));
  });

  it('the first session\'s box left blank and the second\'s filled: the line is today\'s, its minutes the second\'s, marked on that box', () => {
    document.body.innerHTML = sheet(['10/30/2026', '11/02/2026 0900', '11/02/2026 1400'], [
      ['97110 Ther Ex (min)', '25', '=', '=23'],
    ]);
    const session = new PageSession(document, () => OPTIONS);
    const u = session.flush()!;
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 23/-']]]);
    const boxes = document.querySelectorAll('input');
    expect(session.fields.get(u.visits[0]!.visit.entries[0]!.fieldKey!)).toBe(boxes[1]);
  });

  it('an unreadable value in the second column ("1:5x"): the minutes are not read, the column is named, and minutes.unreadable is marked on its box', () => {
    document.body.innerHTML = sheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400'], [
      ['97110 Ther Ex (min)', '25', '=10', '=1:5x'],
      ['97140 Manual (min)', '10', '=12', '='],
    ]);
    const session = new PageSession(document, () => OPTIONS);
    const u = session.flush()!;
    const v = checked(u)[0]!;
    expect(v.lines).toEqual(['97110 -/-', '97140 12/-']);
    expect(v.rules).toContain('minutes.unreadable');
    const entry = u.visits[0]!.visit.entries[0]!;
    expect(entry).toMatchObject({ minutes: null, rawMinutes: '1:5x' });
    expect(notesOf(u)).toContainEqual(expect.stringMatching(/97110\) minutes under "11\/02\/2026 1400": .*1:5x.*not added up/));
    expect(session.fields.get(entry.fieldKey!)).toBe(document.querySelectorAll('input')[1]);
  });

  it('live: an edit in the 1400 column re-reads the row and sends the day\'s new total', () => {
    document.body.innerHTML = sheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400'], [
      ['97110 Ther Ex (min)', '25', '=10', '=10'],
      ['97140 Manual (min)', '10', '=12', '='],
    ]);
    const session = new PageSession(document, () => OPTIONS);
    expect(linesOf(session.flush()!)).toEqual([['97110 20/-', '97140 12/-']]);
    const [, late110, , late140] = Array.from(document.querySelectorAll('input'));
    late110!.value = '15';
    session.edit(late110!);
    let u = session.flush()!;
    expect(u.visits.map((v) => v.visit.entries.map((e) => `${e.code} ${e.minutes}`))).toEqual([['97110 25', '97140 12']]);
    // A box of that day left blank at the first read, typed in now.
    late140!.value = '8';
    session.edit(late140!);
    u = session.flush()!;
    expect(u.visits.map((v) => v.visit.entries.map((e) => `${e.code} ${e.minutes}`))).toEqual([['97110 25', '97140 20']]);
    expect(session.detections).toBe(1);
  });
});

describe('flowsheets read as before (guards)', () => {
  it('one column of today beside earlier days, or typed-in columns of different days: the latest day\'s column only, nothing added', () => {
    // Each case: the headers, then the earlier days' cells of 97110 and of 97140 ("=v" typed in).
    const cases = [
      [['10/28/2026 1000', '10/30/2026 1400', '11/02/2026 0900'], ['30', '25'], ['8', '10']],
      [['10/30/2026 1400', '11/02/2026 0900'], ['=25'], ['=10']],
    ];
    for (const [heads, ex, manual] of cases) {
      const { days, notes } = readSheet(heads!, [
        ['97110 Ther Ex (min)', ...ex!, '=23'],
        ['97140 Manual (min)', ...manual!, '=15'],
      ]);
      expect(days, heads!.join(' | ')).toEqual([['2026-11-02', ['97110 23/-', '97140 15/-']]]);
      expect(notes.filter((n) => /added/.test(n))).toEqual([]);
    }
  });

  it('a day\'s "Total" (or "Planned") column beside its sessions\' columns: nothing added, so no minutes counted twice', () => {
    for (const extra of ['11/02/2026 Total', '11/02/2026 Planned']) {
      const { days, notes } = readSheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 1400', extra], [
        ['97110 Ther Ex (min)', '25', '=10', '=10', '=20'],
      ]);
      expect(days.flatMap(([, lines]) => lines as string[]).filter((l) => /^97110 \d/.test(l)), extra).toEqual([]);
      expect(notes.filter((n) => /added/.test(n))).toEqual([]);
    }
  });

  it('a day\'s "Planned" column beside its session, nothing else to read: the page says which columns were not read, and why', () => {
    const u = read(sheet(['10/30/2026 1400', '11/02/2026 0900', '11/02/2026 Planned'], [
      ['97110 Ther Ex (min)', '25', '=10', '=15'],
      ['97140 Manual (min)', '10', '=12', '=15'],
    ]));
    // (No line can be billed from those columns: "no form found", the note saying why, once.)
    const said = [...u.notes, ...notesOf(u)].filter((n) => /were not read/.test(n));
    expect(said).toEqual([expect.stringMatching(/^Flowsheet columns “11\/02\/2026 0900”, “11\/02\/2026 Planned” were not read: .*Teach mode/)]);
  });

  it('a "Total" column in one table, a flowsheet of sessions in another: the other is read, the note names the Total day\'s columns only', () => {
    const other = `<h2>Manual</h2><table><thead><tr><th>Intervention</th><th>10/30/2026</th><th>11/02/2026 AM</th><th>11/02/2026 PM</th></tr></thead><tbody>
      <tr><td>97140 Manual (min)</td><td>10</td><td>${box('8')}</td><td>${box('7')}</td></tr></tbody></table>`;
    const u = read(sheet(['10/30/2026 1400', '11/02/2026 0800', '11/02/2026 Total'], [['97110 Ther Ex (min)', '25', '=10', '=10']]) + other);
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97140 15/-']]]);
    const said = [...u.notes, ...notesOf(u)].filter((n) => /were not read/.test(n));
    expect(said.length).toBeGreaterThan(0);
    for (const n of said) {
      expect(n).toMatch(/^Flowsheet columns “11\/02\/2026 0800”, “11\/02\/2026 Total” were not read/);
      expect(n).not.toMatch(/AM|PM|10\/30/);
    }
  });

  it('one day\'s header twice over a printed value and a box ("11/02/2026 | 11/02/2026"): nothing added (it may be one session\'s copy)', () => {
    // (Two boxes under it are a twice-a-day sheet's sessions: one session is not typed in twice.)
    const { days, notes } = readSheet(['10/30/2026', '11/02/2026', '11/02/2026'], [['97110 Ther Ex (min)', '25', '10', '=10']]);
    expect(days.flatMap(([, lines]) => lines as string[]).filter((l) => /^97110 20/.test(l))).toEqual([]);
    expect(notes.filter((n) => /added/.test(n))).toEqual([]);
    expect(readSheet(['10/30/2026', '11/02/2026', '11/02/2026'], [['97110 Ther Ex (min)', '25', '=10', '=10']]).days).toEqual([['2026-11-02', ['97110 20/-']]]);
  });

  it('the session being charted and its printed copy under its time written another way ("1400" | "2:00 PM"): the copy is not added', () => {
    // Before: headers compared as text, so "11/02/2026 2:00 PM" printed beside "11/02/2026 1400"
    // typed in was another session: 97110 10 + 10 = 20 (2 units supported where 1 is).
    for (const [typed, printed] of [['11/02/2026 1400', '11/02/2026 2:00 PM'], ['11/02/2026 2 pm', '11/02/2026 14:00'], ['11/02/2026 0900', '11/02/2026 9:00 a.m.']]) {
      const { days, notes } = readSheet(['10/30/2026', printed!, typed!], [['97110 Ther Ex (min)', '25', '10', '=10']]);
      expect(days.flatMap(([, lines]) => lines as string[]).filter((l) => /^97110 20/.test(l)), `${printed} | ${typed}`).toEqual([]);
      expect(notes.filter((n) => /added/.test(n))).toEqual([]);
    }
    // Another session of the day printed beside it is still added (9:00 AM filed, 2:00 PM typed in).
    expect(readSheet(['10/30/2026', '11/02/2026 9:00 AM', '11/02/2026 1400'], [['97110 Ther Ex (min)', '25', '10', '=10']]).days).toEqual([['2026-11-02', ['97110 20/-']]]);
  });
});
