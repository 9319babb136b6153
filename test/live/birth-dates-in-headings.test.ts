// @vitest-environment happy-dom
// A birth date printed with no label in each patient's heading of a day sheet ("Lee, Ann
// 03/04/1941  F", Raintree-style schedules): told from a date of service by the sex or the age
// printed beside it, and then read as "DOB 03/04/1941" is: each visit is of the sheet's day and
// of its own patient. The first block failed before (no date of service and no patient, or the
// birth date taken for the visit's date); the second guards dates of service that look alike.
import { describe, expect, it } from 'vitest';
import { onPagesOf } from './clock';
import { headerDate } from '../../lib/extract/header-date';
import { personName } from '../../lib/extract/visits';
import { H, T, checked, historyLabels, read } from './vendor-pages';

// (An age printed is checked against the user's clock: the day these pages are of.)
onPagesOf('2026-11-04T12:00:00');

/** A day sheet of 11/02/2026 with a heading per patient over her own table. */
const sheet = (ann: string, bob: string, title = 'Day Sheet 11/02/2026') => `<h1>${title}</h1>
  <h3>${ann}</h3>${T(H, [['97110', '=23', '=2']])}
  <h3>${bob}</h3>${T(H, [['97112', '=30', '=2']])}`;
/** Each checked visit's date and patient tag. */
const datesAndPatients = (html: string) => checked(read(html)).map((v) => [v.date, v.patient]);
/** Each visit of the sheet's day (11/02/2026), and each of a patient of its own. */
function sheetDayTwoPatients(visits: ReturnType<typeof datesAndPatients>) {
  expect(visits.map(([date]) => date)).toEqual(['2026-11-02', '2026-11-02']);
  expect(visits.every(([, patient]) => !!patient) && visits[0]![1] !== visits[1]![1]).toBe(true);
}

describe('an unlabelled birth date beside a sex or an age in a patient\'s heading', () => {
  // The same sheet with the birth date labelled: what each worked case is read as.
  const labelled = () => datesAndPatients(sheet('Lee, Ann · DOB 03/04/1941 · F', 'Ray, Bob · DOB 07/12/1950 · M'));

  it('the reference: "· DOB 03/04/1941 ·" gives each visit the sheet\'s day and its own patient', () => {
    sheetDayTwoPatients(labelled());
  });

  it.each([
    ['name, birth date, sex', 'Lee, Ann  03/04/1941  F', 'Ray, Bob  07/12/1950  M'],
    ['the sex in brackets before it', 'Lee, Ann (F) 03/04/1941', 'Ray, Bob (M) 07/12/1950'],
    ['the sex written out after it', 'Lee, Ann 03/04/1941 Female', 'Ray, Bob 07/12/1950 Male'],
    ['each part set apart by dots', 'Lee, Ann · 03/04/1941 · F', 'Ray, Bob · 07/12/1950 · M'],
  ])('%s ("%s"): the sheet\'s day, and each its patient as with "DOB"', (_, ann, bob) => {
    expect(datesAndPatients(sheet(ann, bob))).toEqual(labelled());
  });

  it('an age before it ("Ann Lee · 85 y · 03/04/1941"): the sheet\'s day, not 1941, and each its patient', () => {
    // (Before: the birth date was taken for each visit's date of service.)
    sheetDayTwoPatients(datesAndPatients(sheet('Ann Lee · 85 y · 03/04/1941', 'Bob Ray · 76 yo · 07/12/1950')));
  });

  it('in a chart\'s banner over her AM and PM sessions ("<h1>Lee, Ann  03/04/1941  F</h1>"): both sessions hers, as under "· DOB 03/04/1941 ·"', () => {
    const sessions = (banner: string) =>
      checked(read(`<h1>${banner}</h1><p>Payer: Medicare</p><h2>Daily note 11/02/2026</h2><h3>AM session</h3>${T(H, [['97110', '=23', '=2']])}<h3>PM session</h3>${T(H, [['97110', '=10', '=1']])}`)).map((v) => [v.date, v.patient]);
    const labelled = sessions('Lee, Ann · DOB 03/04/1941 · F');
    expect(labelled[0]![1]).toBeTruthy();
    expect(sessions('Lee, Ann  03/04/1941  F')).toEqual(labelled);
  });

  it.each([
    ['with no separator before it', 'Lee, Ann  DOB 03/04/1941', 'Ray, Bob  DOB 07/12/1950'],
    ['with a colon and a sex after it', 'Lee, Ann DOB: 03/04/1941 F', 'Ray, Bob DOB: 07/12/1950 M'],
  ])('a labelled birth date run on after the name, %s ("%s"): the sheet\'s day, and each her patient as with "· DOB ·"', (_, ann, bob) => {
    // (Before: no date of service and no patient, as V10 was.)
    expect(datesAndPatients(sheet(ann, bob))).toEqual(labelled());
  });

  it('as a heading reads them: no date of service, and her name', () => {
    for (const heading of ['Lee, Ann  03/04/1941  F', 'Lee, Ann (F) 03/04/1941', 'Ann Lee · 85 y · 03/04/1941', 'Lee, Ann 03/04/1941 Female', 'Ann Lee · 03/04/1941 (85 y/o)']) {
      expect(headerDate(heading), heading).toBeUndefined();
      expect(personName(heading), heading).toBe('ann lee');
    }
  });
});

describe('dates of service beside look-alikes stay dates of service', () => {
  const ro = (code: string) => T(H, [[code, '30', '2']]);

  it('a chart\'s earlier notes ("Daily note — 10/30/2026", "Lee, Ann — 10/30/2025") under a banner with her birth date and sex, beside today\'s note', () => {
    const u = read(`<h1>Lee, Ann  03/04/1941  F</h1><p>Payer: Medicare</p><p>Date of service: 11/02/2026</p>
      <h2>Today's note</h2>${T(H, [['97110', '=23', '=2']])}
      <h2>Previous visits</h2><h3>Daily note — 10/30/2026</h3>${ro('97112')}<h3>Lee, Ann — 10/30/2025</h3>${ro('97140')}`);
    expect(checked(u).map((v) => [v.lines, v.date])).toEqual([[['97110 23/2'], '2026-11-02']]);
    expect(historyLabels(u)).toEqual(['Daily note — 10/30/2026', 'Lee, Ann — 10/30/2025']);
    // Each earlier note is dated by its own heading (history is listed, not sent to be checked).
    expect([headerDate('Daily note — 10/30/2026'), headerDate('Lee, Ann — 10/30/2025')]).toEqual(['2026-10-30', '2025-10-30']);
  });

  it('a day sheet whose patients\' headings give their visit\'s date ("Lee, Ann — 11/02/2026") on a sheet titled another day', () => {
    expect(datesAndPatients(sheet('Lee, Ann — 11/02/2026', 'Ray, Bob — 11/02/2026', 'Day Sheet 11/04/2026')).map(([date]) => date)).toEqual(['2026-11-02', '2026-11-02']);
  });

  it('a visit\'s date of the last two years beside a sex alone ("Lee, Ann — 10/30/2026 · F" on a sheet of 11/04): the visit\'s date', () => {
    // (A birth date by a sex alone is two years or more before the user's clock; a child's is told by her age.)
    expect(datesAndPatients(sheet('Lee, Ann — 10/30/2026 · F', 'Ray, Bob — 10/30/2026 · M', 'Day Sheet 11/04/2026')).map(([date]) => date)).toEqual(['2026-10-30', '2026-10-30']);
  });

  it.each([
    ['a follow-up, not a female', 'Visit 11/02/2026 — F/U'],
    ['a therapist\'s initial, not a male', '11/02/2026 M. Smith PT'],
    ['a therapist\'s initial with no stop', '11/02/2026 M Smith PT'],
    ['an appointment\'s time after it', 'Lee, Ann · F · 11/02/2026 9:00 AM'],
    ['a visit\'s words before it, a mark after it', 'Daily note — 11/02/2026 · X'],
  ])('%s ("%s")', (_, heading) => {
    expect(headerDate(heading)).toBe('2026-11-02');
    const u = read(`<h2>${heading}</h2><p>Payer: Medicare</p>${T(H, [['97110', '=23', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-11-02']);
  });
});
