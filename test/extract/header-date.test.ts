import { describe, expect, it } from 'vitest';
import { headerDate, yearHints } from '../../lib/extract/header-date';

describe('headerDate: the date of service a visit heading gives', () => {
  it.each([
    ['Visit — 03/16/2026', '2026-03-16'],
    ['Smith, Ann · Mar 16, 2026', '2026-03-16'],
    ['2026-03-16 PT daily note', '2026-03-16'],
    ['Encounter 03/16/26 10:30 AM', '2026-03-16'],
    ['Visit 2 — 03/17/2026', '2026-03-17'],
    ['Day sheet 03/16/2026', '2026-03-16'],
    ['Smith, Ann — 03/16/2026', '2026-03-16'],
    // From a red-team pass: the record's state after the date, a weekday or a time beside it.
    ['Daily note — 11/02/2026 (signed)', '2026-11-02'],
    ['Daily note — 11/02/2026 · Signed', '2026-11-02'],
    ['Daily note — Monday 11/02/2026 9:00 AM', '2026-11-02'],
    ['Schedule 11/02/2026', '2026-11-02'],
  ])('%s → %s', (heading, date) => expect(headerDate(heading)).toBe(date));
  it.each([
    'Visit 3', // no date
    'Smith, Ann — DOB 01/02/1950', // a birth date
    'Daily note (POC 01/05/2025)', // the plan of care's
    'Printed 03/18/2026', // the record's
    'Run date: 01/05/2027', // a report's (so is a fact labelled so: report-dates.test.ts)
    'Generated 01/05/2027 08:00', // a report's
    'Ann Lee — Next visit 03/20/2026', // the next visit's
    'Visit 2 — 03/17/2026 — 03/18/2026', // two dates: which is not said
    'Electronically signed by Jane Doe, PT 03/18/2026', // the record's
    'Plan of care thru 04/30/2026', // the plan's
    'Scheduled 03/20/2026', // not yet a visit
    'Smith, Ann 01/02/1950', // a date unlabelled after a name: a birth date as likely as not
    'Eval 03/16/2026', // an evaluation's date on a treatment note
    'Ann Lee · 01/02/1950 (DOB)', // what the date is, said after it
    'Daily note 04/30/2026 — end of cert', // the certification's
    'Visit 03/20/2026 (scheduled)', // not yet a visit
    'Signed 03/18/2026 · Daily note', // the record's, before it
    // From a review: the end of a week's range of days, not a visit's day.
    'Visits 11/02 – 11/08/2026',
    'Week 11/02-11/08/2026',
    'Nov 2 to 11/08/2026',
  ])('%s → none', (heading) => expect(headerDate(heading)).toBeUndefined());
});

describe('headerDate asOf: the day an age beside a birth date is of', () => {
  it('a day sheet of 11/02/2024 prints ages of that day: "83 y · 03/04/1941" is her birth date then, whatever the clock says', () => {
    expect(headerDate('Lee, Ann · 83 y · 03/04/1941', false, '2024-11-02')).toBeUndefined();
    expect(headerDate('Lee, Ann · 85 y · 03/04/1941', false, '2026-11-02')).toBeUndefined();
  });
});

describe('yearHints: the dates a page\'s headings write, for a day written without its year', () => {
  it('a week\'s, a period\'s, a range\'s dates; a month and year as its 15th', () => {
    expect(yearHints('Weekly therapy log — Week of 11/02/2026')).toEqual(['2026-11-02']);
    expect(yearHints('Therapy log\nPeriod: 11/01/2026 to 11/30/2026')).toEqual(['2026-11-01', '2026-11-30']);
    expect(yearHints('11/02/2026 – 11/06/2026')).toEqual(['2026-11-02', '2026-11-06']);
    expect(yearHints('Therapy minutes log — November 2026')).toEqual(['2026-11-15']);
    expect(yearHints('Minutes log, Dec. 2026')).toEqual(['2026-12-15']);
    // (A whole date's month and year are not a month too.)
    expect(yearHints('Daily note — 2 November 2026')).toEqual(['2026-11-02']);
    expect(yearHints('Therapy log')).toEqual([]);
  });

  it('never a birth date: labelled, or a sex or an age beside it (whatever the age)', () => {
    for (const h of ['Lee, Ann · DOB 03/04/1941', 'Lee, Ann (DOB: 03/04/1941)', 'Lee, Ann · 03/04/1941 (DOB)', 'Lee, Ann · 03/04/1941 · F', 'Lee, Ann · 85 y · 03/04/1941', 'Lee, Ann · 12 y · 03/04/1941', 'Born March 1941'])
      expect(yearHints(h), h).toEqual([]);
    expect(yearHints('Week of 11/02/2026 · Lee, Ann · DOB 03/04/1941')).toEqual(['2026-11-02']);
  });

  it('never a date of another kind: printed, run, start of care, a birth under another label, an age in months (review-s49)', () => {
    for (const h of ['Printed 01/05/2027', 'Run date: 01/05/2027', 'Lee, Ann · Start of care 02/23/2026', 'Lee, Mia · DOB/Age 01/10/2026 / 11 mo', 'Lee, Mia · b. 01/10/2026', 'Lee, Mia · 10 mo · 01/10/2026', 'Next visit 11/09/2026'])
      expect(yearHints(h), h).toEqual([]);
    expect(yearHints('Week of 11/02/2026 · Printed 01/05/2027')).toEqual(['2026-11-02']);
    expect(yearHints('11/02/2026 – 11/06/2026')).toEqual(['2026-11-02', '2026-11-06']);
  });
});
