import { describe, expect, it } from 'vitest';
import { columnDay, compareDays, dayNear, dayNearAll, normaliseDate, sessionColumn, sessionOf, yearlessOf } from '../../lib/extract/dates';

/** The calendar's own answer: the day exists when a Date made of it prints it back. */
function calendar(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200) return undefined;
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s) ? s : undefined;
}

describe('normaliseDate', () => {
  it('keeps every real day from 1899 to 2201 and no other, as the calendar says (leap years: 1900 no, 2000 yes, 2024 yes, 2100 no)', () => {
    let checked = 0;
    let days = 0;
    const wrong: string[] = [];
    for (let y = 1899; y <= 2201; y++)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const want = calendar(y, m, d);
          if (normaliseDate(`${y}-${m}-${d}`) !== want) wrong.push(`${y}-${m}-${d}`);
          if (want) days++;
          checked++;
        }
    expect(wrong).toEqual([]);
    expect(checked).toBe(303 * 14 * 33);
    // 1900–2200: 301 years of 365 days, and 73 leap days (every fourth year, not 1900, 2100 or 2200).
    expect(days).toBe(301 * 365 + 73);
  });

  it.each([
    ['02/29/2024', '2024-02-29'],
    ['02/29/2026', undefined],
    ['2/29/00', '2000-02-29'],
    ['04/31/2026', undefined],
    ['Mar 2, 2026', '2026-03-02'],
    ['2 March 2026', '2026-03-02'],
    ['DOS 11/02/2026', '2026-11-02'],
    // As hospital systems print a day (Cerner, Meditech, Oracle reports), and as the batch check
    // reads it (lib/batch/cells.ts): the page and the export agree.
    ['02-Nov-2026', '2026-11-02'],
    ['DOS: 02-NOV-26', '2026-11-02'],
    ['2-Nov-2026 0900', '2026-11-02'],
    ['31-Nov-2026', undefined],
    ['2026/11/02', '2026-11-02'],
    ['2026/11-02', undefined],
    ['2 sets 26', undefined],
    ['3-way-26', undefined],
  ])('%s → %s', (raw, want) => expect(normaliseDate(raw)).toBe(want));

  it('the batch check and the page read the same days alike', async () => {
    const { parseDate } = await import('../../lib/batch/cells');
    for (const raw of ['02-Nov-2026', '02-NOV-26', '2026/11/02', '11/02/2026', '2026-11-02', 'Nov 2, 2026', '2 November 2026'])
      expect(normaliseDate(raw), raw).toBe(parseDate(raw, 'mdy'));
  });
});

describe('columnDay and laterDay: a flowsheet column headed by a day', () => {
  it('reads a whole header that is a day with or without its year', () => {
    expect(columnDay('11/02/2026')).toBe('2026-11-02');
    expect(columnDay('10/30')).toBe('--10-30');
    expect(columnDay('Mon 11/2')).toBe('--11-02');
    expect(columnDay('Oct 30')).toBe('--10-30');
    expect(columnDay('2 Nov.')).toBe('--11-02');
    expect(columnDay('02/29')).toBe('--02-29');
    expect(columnDay('10/30 min')).toBe('--10-30');
    expect(columnDay('Units 11/02')).toBe('--11-02');
    expect(columnDay('11/02 (min)')).toBe('--11-02');
    // The visit's number beside the day (found by a red-team pass: the earlier column was read).
    expect(columnDay('Visit 12 — 11/02')).toBe('--11-02');
    expect(columnDay('Session 3: Oct 30')).toBe('--10-30');
    expect(columnDay('Tx #4 10/30')).toBe('--10-30');
    expect(columnDay('11/02 (Visit 12)')).toBe('--11-02');
    // (Not a day in brackets after the number: "Visit 4 (4/20)" is as often the 4th visit of 20
    // authorised as a day, "Visit 10 (10/30)" the 10th on 10/30: review-s49c. Left undated.)
    expect(columnDay('Visit 4 (4/20)')).toBeUndefined();
    expect(columnDay('(11/02)')).toBeUndefined();
    // A spreadsheet's or a hospital system's day: "30-Oct", "Oct-30", "02-NOV-26".
    expect(columnDay('30-Oct')).toBe('--10-30');
    expect(columnDay('Oct-30')).toBe('--10-30');
    expect(columnDay('02-NOV-26')).toBe('2026-11-02');
  });

  it('leaves what is not a day alone: no such day, words around it, a fraction in a label', () => {
    for (const h of ['13/02', '02/30', 'Sets 1/2', '10/30 reps', 'Minutes', '10-30', 'Octopus 3', 'Mayo 2', 'Marks 12', '', 'Visit 12', 'Visit 1/2', 'Visit 12 — 13/02', 'Oct-32', 'Sets-3', '3-Sets'])  expect(columnDay(h), h).toBeUndefined();
  });

  it('reads "Today" and "Current" as the day being charted', () => {
    for (const h of ['Today', 'Current', 'Current visit', '11/02 (today)', 'Today 11/02', 'Today — 11/02/2026']) expect(columnDay(h), h).toBe('~today');
    for (const h of ['Today’s goals', 'Current pain', 'Current medications']) expect(columnDay(h), h).toBeUndefined();
  });

  it('orders days: full dates as dates, "Today" after any, a year-less one only within about four months of the other', () => {
    expect(compareDays('2026-11-02', '2026-10-30')).toBe(1);
    expect(compareDays('2026-10-30', '2026-11-02')).toBe(-1);
    expect(compareDays('--11-02', '--10-30')).toBe(1);
    expect(compareDays('--10-30', '--11-02')).toBe(-1);
    // Across the new year.
    expect(compareDays('--01-02', '--12-30')).toBe(1);
    expect(compareDays('--12-30', '--01-02')).toBe(-1);
    // The same day; days half a year apart (either may be the later): not known.
    expect(compareDays('--11-02', '--11-02')).toBe(0);
    expect(compareDays('--05-01', '--11-02')).toBe(0);
    expect(compareDays('--11-02', '--05-01')).toBe(0);
    expect(compareDays('~today', '--10-30')).toBe(1);
    expect(compareDays('2026-11-02', '~today')).toBe(-1);
  });
});

describe('sessionColumn: a column of one session of its day', () => {
  it('a day with its clock time, part of the day, session number, weekday or unit word: one session; a day\'s total, plan or cancelled session: not', () => {
    for (const h of ['11/02/2026 0900', '11/02/2026 AM', '11/2/2026 9:00 AM', 'Mon 11/02/2026 14:00', 'Session 2 — 11/02/2026', '11/02/2026 (Visit #2)', 'Tx #4 11/02', 'Nov 2, 2026 PM', '2026-11-02 09:00', '11/02/2026 9am', '11/02/2026 AM min', 'Today — 11/02/2026'])
      expect(sessionColumn(h), h).toBe(true);
    for (const h of ['11/02/2026 Total', 'Total 11/02/2026', '11/02/2026 Sum', '11/02/2026 Goal', '11/02/2026 Planned', '11/02/2026 1400 (cancelled)', '11/02/2026 Addendum'])
      expect(sessionColumn(h), h).toBe(false);
  });
});

describe('sessionOf: which session of which day a header names, however its time is written', () => {
  it('one session written several ways is one', () => {
    for (const h of ['11/02/2026 1400', '11/02/2026 14:00', '11/02/2026 2:00 PM', '11/02/2026 2 pm', '11/02/2026 2:00 p.m.']) expect(sessionOf(h), h).toBe('2026-11-02@14:00');
    for (const h of ['11/02/2026 0900', '11/02/2026 9:00 AM', '11/02/2026 9am', '11/02/2026 9:00']) expect(sessionOf(h), h).toBe('2026-11-02@09:00');
    expect(sessionOf('11/02/2026 12:30 AM')).toBe('2026-11-02@00:30');
    expect(sessionOf('11/02/2026 12:30 PM')).toBe('2026-11-02@12:30');
  });
  it('other sessions, days and headers are told apart', () => {
    expect(sessionOf('11/02/2026 AM')).toBe('2026-11-02@am');
    expect(sessionOf('11/02/2026 PM')).toBe('2026-11-02@pm');
    expect(sessionOf('11/02 0900')).toBe('--11-02@09:00');
    expect(sessionOf('11/02/2026')).toBe('2026-11-02');
    expect(sessionOf('11/03/2026 0900')).not.toBe(sessionOf('11/02/2026 0900'));
    expect(sessionOf('Total')).toBeUndefined();
  });
  it('a unit word after the session (a charge grid\'s "Min | Units" under it) is the same session', () => {
    expect(sessionOf('11/02/2026 PM Min')).toBe('2026-11-02@pm');
    expect(sessionOf('11/02/2026 PM Units')).toBe('2026-11-02@pm');
    expect(sessionOf('11/02 0900 min')).toBe('--11-02@09:00');
    expect(sessionOf('11/02/2026 AM Min')).not.toBe(sessionOf('11/02/2026 PM Min'));
  });
});

describe('dayNear and yearlessOf: a day without its year under a dated one', () => {
  it('takes the year that puts the day within about four months of the other, over a new year too; none when the day is further either way', () => {
    expect(dayNear('--11-03', '2026-10-30')).toBe('2026-11-03');
    expect(dayNear('--10-28', '2026-11-02')).toBe('2026-10-28');
    expect(dayNear('--01-02', '2026-12-30')).toBe('2027-01-02');
    expect(dayNear('--12-30', '2027-01-02')).toBe('2026-12-30');
    expect(dayNear('--05-01', '2026-11-02')).toBeUndefined();
    // (No 02/29 in 2026, nor within four months in 2025 or 2027.)
    expect(dayNear('--02-29', '2026-03-01')).toBeUndefined();
    expect(dayNear('--02-29', '2024-03-01')).toBe('2024-02-29');
  });

  it('dayNearAll: the date the dates near it agree on ("11/02" by "11/01/2026" and "11/30/2026"); none when none is near or two differ', () => {
    expect(dayNearAll('--11-02', ['2026-11-01', '2026-11-30'])).toBe('2026-11-02');
    expect(dayNearAll('--11-02', ['2026-11-02', '1941-03-04'])).toBe('2026-11-02');
    expect(dayNearAll('--05-01', ['2026-11-02'])).toBeUndefined();
    expect(dayNearAll('--11-02', ['2026-11-02', '2024-11-04'])).toBeUndefined();
    expect(dayNearAll('--11-02', [])).toBeUndefined();
  });

  it('yearlessOf: "11/03" and "Nov 3" are 2026-11-03\'s day; "11/03/2026", "11/04" and "today" are not', () => {
    for (const t of ['11/03', 'Nov 3', 'Tue 11/03', '11/03 0900']) expect(yearlessOf(t, '2026-11-03'), t).toBe(true);
    for (const t of ['11/03/2026', '11/04', 'today', '']) expect(yearlessOf(t, '2026-11-03'), t).toBe(false);
  });
});
