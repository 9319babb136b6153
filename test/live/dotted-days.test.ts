// @vitest-environment happy-dom
// A day sheet's Date cell written with a dot and no year ("10.30"): a time of day as well as a
// day (10:30 or 10/30). Before, under a row of 11/02/2026 it was read as 10/30 of that year: a
// visit of its own, dated 2026-10-30, nothing said (a guess presented as fact).
import { describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { checked, read } from './vendor-pages';
import type { PageUpdate } from '../../lib/live/page-session';

onPagesOf('2026-11-04T12:00:00');

const row = (date: string, code: string) =>
  `<tr><td>${date}</td><td>Ann Lee</td><td>${code}</td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr>`;
const sheet = (head: string, dates: [string, string]) =>
  `<h1>Day sheet</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>${head}</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${row(dates[0], '97110')}${row(dates[1], '97140')}</tbody></table>`;
const visits = (u: PageUpdate) => checked(u).map((v) => [v.date, v.lines]);
const notes = (u: PageUpdate) => [...u.notes, ...u.visits.flatMap((v) => v.notes ?? [])].join('\n');

describe('a dotted day without its year in a Date cell', () => {
  it('"10.30" under "11/02/2026" (a Date/Time column): no day of 10/30 made up; the row kept apart and said to be a time or a day', () => {
    const u = read(sheet('Date/Time', ['11/02/2026', '10.30']));
    expect(visits(u)).toEqual([
      ['2026-11-02', ['97110 10/1 GP']],
      [undefined, ['97140 10/1 GP']],
    ]);
    expect(notes(u)).toMatch(/'10\.30' is not a date: it may be a time \(10:30\) or a day \(10\/30\)/);
  });

  it.each(['10.30 AM', 'Mon 10.30', '2.15 PM'])('"%s" under "11/02/2026": no other day made up, the row kept apart and said (review-s49)', (cell) => {
    const u = read(sheet('Date/Time', ['11/02/2026', cell]));
    expect(visits(u)).toEqual([
      ['2026-11-02', ['97110 10/1 GP']],
      [undefined, ['97140 10/1 GP']],
    ]);
    expect(notes(u)).toMatch(/is not a date: it may be a time \(\d{1,2}:\d{2}/);
  });

  it('"11.02" under "11/02/2026": the same day, one visit (as "11/02" is)', () => {
    expect(visits(read(sheet('Date', ['11/02/2026', '11.02'])))).toEqual([['2026-11-02', ['97110 10/1 GP', '97140 10/1 GP']]]);
  });

  it('whole dotted dates and times beside whole dates read as before ("11.02.2026"; "11/02/2026 09.00" / "11/02/2026 10.30")', () => {
    expect(visits(read(sheet('Date', ['11.02.2026', '11.02.2026'])))).toEqual([['2026-11-02', ['97110 10/1 GP', '97140 10/1 GP']]]);
    expect(visits(read(sheet('Date/Time', ['11/02/2026 09.00', '11/02/2026 10.30'])))).toEqual([['2026-11-02', ['97110 10/1 GP', '97140 10/1 GP']]]);
  });

  it('a slashed "11/03" under "10/30/2026" is still the next visit, dated 2026-11-03 (ad3f231)', () => {
    expect(visits(read(sheet('Date', ['10/30/2026', '11/03'])))).toEqual([
      ['2026-10-30', ['97110 10/1 GP']],
      ['2026-11-03', ['97140 10/1 GP']],
    ]);
  });
});
