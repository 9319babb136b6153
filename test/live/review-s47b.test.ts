// @vitest-environment happy-dom
// Review of 53ed90b (labelBirthDates' first look, MAY_MARK / MAY_LABEL) and 924eccb (the mends of
// review-s47: an age checked against the clock, a sex alone only for a date two years back,
// year-less session headers, DATE_TYPED without a space, a filed session printed beside the
// one typed in, headers told apart). Each test is a page a biller would act on wrongly, and
// FAILED on 924eccb. "(regression)": 7575a10 read it right. "(not fixed)": 7575a10 read it as
// wrongly, and the change claims the layout. All mended; the earlier year's day sheet (its ages
// are as of its day, the clock's today was asked) later, by the day its headings name.
import { describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { labelBirthDates } from '../../lib/extract/birth-dates';
import type { PageUpdate } from '../../lib/live/page-session';
import { H, T, checked, read } from './vendor-pages';

// (An age printed is checked against the user's clock: two days after the pages' day.)
onPagesOf('2026-11-04T12:00:00');

const notesOf = (u: PageUpdate) => [...u.notes, ...u.visits.flatMap((v) => v.notes ?? [])];

/** A flowsheet of Ann Lee's: `heads` after "Intervention"; a cell "=v" is a box, else text. */
const flowsheet = (heads: string[], rows: string[][]) => `<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
  <table><thead><tr><th>Intervention</th>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
  ${rows.map(([name, ...cells]) => `<tr><td>${name}</td>${cells.map((c) => `<td>${c.startsWith('=') ? `<input value="${c.slice(1)}">` : c}</td>`).join('')}</tr>`).join('')}
  </tbody></table>`;

/** Date | Patient | CPT | Minutes | Units | Modifiers, every cell a box (review-s47's day sheet). */
const dayRow = (date: string, code: string) =>
  `<tr><td><input value="${date}"></td><td><input value="Ann Lee"></td><td><input value="${code}"></td><td><input type="number" value="12"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr>`;
const daySheet = (rows: string) =>
  `<h1>Day sheet</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;

describe('924eccb detect.ts fieldsFrom: a day\'s columns', () => {
  it('(regression) two sessions of today both typed in under one day\'s header ("11/02/2026 | 11/02/2026", a BID sheet): the page is not read as nothing, silently', () => {
    // sessionsOfOneDay now wants headers told apart, also on the typed-in path: both boxes are
    // dropped (delete fields[role]), every row loses its minutes, the page's source is 'none':
    // no visit, no note. 7575a10: 97110 10 + 10 = 20 and 97140 12, the addition said. Two
    // boxes the user types in are two sessions: a copy of one session is not typed twice.
    const u = read(flowsheet(['10/30/2026', '11/02/2026', '11/02/2026'], [
      ['97110 Ther Ex (min)', '25', '=10', '=10'],
      ['97140 Manual (min)', '10', '=12', '='],
    ]));
    expect(u.source).not.toBe('none');
    expect(checked(u).map((v) => v.date)).toEqual(['2026-11-02']);
    // (Added as 7575a10 did, or at least said: the day's two columns named in a note.)
    const said = notesOf(u).some((n) => n.includes('11/02/2026'));
    expect(said || checked(u)[0]!.lines.includes('97110 20/-')).toBe(true);
  });

  it('(not fixed) a filed session printed RIGHT of the one typed in (newest first): added as it is when printed left of it', () => {
    // printed[] only collects columns seen before the first box: after it, a printed column
    // meets neither rule. Read 97110 10 and no 97140 line, nothing said; the same page with its
    // columns oldest first reads 97110 20, 97140 12 (review-s47's mended test).
    const u = read(flowsheet(['11/02/2026 1400', '11/02/2026 0900', '10/30/2026 1400'], [
      ['97110 Ther Ex (min)', '=10', '10', '25'],
      ['97140 Manual (min)', '=', '12', '10'],
    ]));
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 20/-', '97140 12/-']]]);
  });
});

describe('924eccb visits.ts DATE_TYPED: a Date cell with a time', () => {
  it('(regression) a date with a time that is no day ("13/02/2026 1030", "11/31/2026 1030"): said, not merged into the row above\'s 11/02 visit', () => {
    // DATE_TYPED no longer takes a space, so any Date cell holding a time is never "a date that
    // says no day": the row continues Ann's 11/02 visit silently (one visit, 24 min 2 units).
    // 7575a10: its own visit and "Could not read the date of service '13/02/2026 1030' … finish
    // or correct the date". (The mend wanted "11/02 0900" alone out: a time after a date that
    // columnDay or normaliseDate reads.)
    for (const bad of ['13/02/2026 1030', '11/31/2026 1030']) {
      const u = read(daySheet(dayRow('11/02/2026 0900', '97110') + dayRow(bad, '97112')));
      expect(checked(u).map((v) => v.lines), bad).toEqual([['97110 12/1 GP'], ['97112 12/1 GP']]);
      expect(notesOf(u).join('\n'), bad).toMatch(/finish or correct the date/);
    }
  });
});

describe('924eccb birth-dates.ts bornOn: the clock rule', () => {
  it('(regression) an infant\'s age in months beside the note\'s date ("Daily Note — Lee, Timmy (9 mo M) — 10/30/2026"): each note dated its own day, one patient', () => {
    // ageIn gives 0.75 y; |years - age| <= 1.1 holds for any date of the last 1.85 years, so
    // the note's own date is taken for Timmy's birth date: the 10/30 note is dated 11/02 (the
    // page's) silently, and each note is another patient ("dob 10 30 2026" kept in the tag).
    // 7575a10 (no ages in months): 10/30 and 11/02, said. An age of N is N to N+1 years.
    const u = read(`<h1>Lee, Timmy</h1><p>Payer: Medicaid</p><p>Date of service: 11/02/2026</p>
      <h2>Daily Note — Lee, Timmy (9 mo M) — 10/30/2026</h2>${T(H, [['97112', '=30', '=2']])}
      <h2>Daily Note — Lee, Timmy (9 mo M) — 11/02/2026</h2>${T(H, [['97110', '=23', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-10-30', '2026-11-02']);
    expect(new Set(checked(u).map((v) => v.patient)).size).toBe(1);
  });

  it('(regression: months; not fixed: "1 y.o.") a one-note page headed with an infant\'s age: dated by its heading', () => {
    // "(6 mo M)": 7575a10 11/02, now dos.missing. "(1 y.o. M)": dos.missing on both (an age of
    // 1 y is within 1.1 of 0 years: today's date passes for a birth date).
    for (const h of ['Daily Note — Lee, Timmy (6 mo M) — 11/02/2026', 'Daily Note — Lee, Timmy (1 y.o. M) — 11/02/2026']) {
      const u = read(`<h1>${h}</h1><p>Payer: Medicaid</p>${T(H, [['97110', '=23', '=2']])}`);
      expect(checked(u).map((v) => v.date), h).toEqual(['2026-11-02']);
    }
  });

  it('(regression) an infant\'s birth date beside a sex alone ("Lee, Timmy  05/01/2025  M") on a day sheet: the sheet\'s day and her patient', () => {
    // "a sex alone marks only a date two years or more before the clock": Timmy's birth date is
    // no birth date, so his visit has no date (dos.missing) and no patient. 7575a10: 11/02 and
    // Timmy. (Pediatric and early-intervention day sheets print DOB and sex as adults' do.)
    const u = read(`<h1>Day Sheet 11/02/2026</h1><h3>Lee, Timmy  05/01/2025  M</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob  07/12/1950  M</h3>${T(H, [['97112', '=30', '=2']])}`);
    const v = checked(u);
    expect(v.map((x) => x.date)).toEqual(['2026-11-02', '2026-11-02']);
    expect(v.every((x) => !!x.patient)).toBe(true);
  });

  it('(regression, minor) a day sheet of an earlier year, its ages as of that day: not dated by the birth dates', () => {
    // The age was checked against the user's clock, not the sheet's day: 83 printed, 85.7 by
    // the clock, so 03/04/1941 was the visit's date (data.out-of-range said). 7575a10: 11/02/2024.
    // Now against the day the headings above the visits name (headerDate's asOf).
    const u = read(`<h1>Day Sheet 11/02/2024</h1><h3>Lee, Ann · 83 y · 03/04/1941</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob · 74 y · 07/12/1950</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2024-11-02', '2024-11-02']);
    // (A one-visit note of that day, its banner under its title: the title's day, as of which 83 is right.)
    const one = read(`<h1>Daily note 11/02/2024</h1><h3>Lee, Ann · 83 y · 03/04/1941</h3>${T(H, [['97110', '=23', '=2']])}`);
    expect(checked(one).map((v) => v.date)).toEqual(['2024-11-02']);
  });
});

describe('53ed90b birth-dates.ts labelBirthDates: the first look (MAY_MARK / MAY_LABEL)', () => {
  it('(regression) "Age" and its number in spans of their own ("<span>Age</span><span>85</span>", read "Age85"): the birth date is still told', () => {
    // AGE takes "Age85" ([Aa][Gg][Ee]:?\s*\d{1,3}, no boundary after "age"); MAY_LABEL's
    // \bage\b does not, and MAY_MARK has no "age": the text is passed over. Each visit loses
    // its date (dos.missing) and its patient. 7575a10: 11/02 and each patient.
    expect(labelBirthDates('Lee, Ann Age85 03/04/1941')).toContain('DOB 03/04/1941');
    const u = read(`<h1>Day Sheet 11/02/2026</h1><h3>Lee, Ann <span>Age</span><span>85</span> 03/04/1941</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob <span>Age</span><span>76</span> 07/12/1950</h3>${T(H, [['97112', '=30', '=2']])}`);
    const v = checked(u);
    expect(v.map((x) => x.date)).toEqual(['2026-11-02', '2026-11-02']);
    expect(v.every((x) => !!x.patient)).toBe(true);
  });
});
