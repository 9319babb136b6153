// @vitest-environment happy-dom
// A printed note's pages are one visit, earlier care named the way side lists name it is history,
// and today's visit takes no date from an earlier one (from a red-team pass: each of these split
// one note in two, each part's units worked out alone, added earlier lines to today's, or dated
// today's charges by an earlier visit). And, from its review, what must stay as it was.
import { describe, expect, it } from 'vitest';
import { input, readPage as read, visitsOf } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

const P = '<p>Payer: Medicare Part B</p>';
const BAN = `<div class="banner">Patient: Lee, Ann · MRN 1001 · DOS: 11/06/2026</div>${P}`;
const HEAD = '<thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
const typed = (code: string, m: number, u: number) => `<table>${HEAD}<tbody><tr><td>${input(code)}</td><td>${input(m)}</td><td>${input(u)}</td></tr></tbody></table>`;
const printed = (code: string, m: number, u: number) => `<table>${HEAD}<tbody><tr><td>${code}</td><td>${m}</td><td>${u}</td></tr></tbody></table>`;
const oneVisit = (html: string) => {
  const u = read(html);
  return { visits: visitsOf(u).map((v) => [v.lines, v.date, v.payer]), rules: u.visits.map((v) => evaluate(v.visit).findings.map((f) => f.rule)) };
};

describe('notes of two days, one after the other', () => {
  it('a dated note heading between two notes still starts the second', () => {
    const got = oneVisit(`${P}<p>Patient: Lee, Ann</p><h2>Daily note 11/04/2026</h2>${typed('97110', 10, 1)}<h2>Daily note 11/06/2026</h2>${typed('97140', 10, 1)}`);
    expect(got.visits.map(([lines, date]) => [lines, date])).toEqual([[['97110 10'], '2026-11-04'], [['97140 10'], '2026-11-06']]);
  });
});

describe('a printed note’s running header with its page number', () => {
  const page = (n: number, body: string) => `<div class="page"><div class="page-header">Lee, Ann · DOS 11/06/2026 · Page ${n} of 2</div>${n === 1 ? P : ''}${body}</div>`;

  it('"Page 1 of 2", "Page 2 of 2": one visit, its payer from the first page, 10 minutes billed 2 units over-billed', () => {
    const got = oneVisit(page(1, printed('97110', 5, 1)) + page(2, printed('97140', 5, 1)));
    expect(got.visits).toEqual([[['97110 5', '97140 5'], '2026-11-06', 'Medicare Part B']]);
    expect(got.rules[0]).toContain('units.over-billed');
  });

  it('two patients’ printed notes, each with its page number: two visits', () => {
    const other = `<div class="page"><div class="page-header">Ray, Bob · DOS 11/06/2026 · Page 1 of 1</div>${P}${printed('97140', 10, 1)}</div>`;
    expect(oneVisit(page(1, printed('97110', 10, 1)) + other).visits.map(([lines]) => lines)).toEqual([['97110 10'], ['97140 10']]);
  });
});

describe('earlier lines in a side list named as side lists name them', () => {
  it.each(['Archive', 'Archived', 'Older notes', 'Older visits'])('<aside><h3>%s</h3>: listed as history, not added to today', (h) => {
    const u = read(`${BAN}<main><h2>Daily note 11/06/2026</h2>${typed('97110', 20, 1)}</main><aside><h3>${h}</h3>${printed('97110', 23, 2)}</aside>`);
    expect(u.list!.map((l) => [l.history, l.entries])).toEqual([[false, 1], [true, 1]]);
  });

  it.each(['Recent', 'Recent notes'])('<aside><h3>%s</h3> over printed lines: listed as history, not added to today', (h) => {
    const u = read(`${BAN}<main><h2>Daily note 11/06/2026</h2>${typed('97110', 20, 1)}</main><aside><h3>${h}</h3>${printed('97110', 23, 2)}</aside>`);
    expect(u.list!.map((l) => [l.history, l.entries])).toEqual([[false, 1], [true, 1]]);
  });

  it('today’s typed lines under "Archive" are still today’s (the words count only over a table no one types in)', () => {
    const u = read(`${BAN}<h2>Archive</h2>${typed('97110', 20, 1)}`);
    expect(u.list!.map((l) => [l.history, l.entries])).toEqual([[false, 1]]);
  });
});

describe('today’s visit beside an earlier one listed as history', () => {
  it.each([
    ['"Last visit — 11/04/2026" above', `<h2>Last visit — 11/04/2026</h2>${printed('97110', 38, 2)}<h2>Charges</h2>${typed('97110', 10, 1)}`],
    ['"Visit history" over a visit headed by its date, below', `<h2>Charges</h2>${typed('97110', 10, 1)}<h2>Visit history</h2><h3>11/04/2026</h3>${printed('97110', 38, 2)}`],
    ['an aside of earlier visits, each headed by its date', `<main><h2>Charges</h2>${typed('97110', 10, 1)}</main><aside aria-label="Previous visits"><h3>Visit 11/04/2026</h3>${printed('97110', 38, 2)}</aside>`],
  ])('%s, no date of service on the page: today is not dated by the earlier visit’s heading', (_, body) => {
    const u = read(`<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}${body}`);
    expect(u.list!.map((l) => l.history)).toContain(true);
    const today = u.visits.find((v) => !u.list!.find((l) => l.key === v.key)!.history)!;
    expect(today.visit.dateOfService).toBeUndefined();
    expect(evaluate(today.visit).findings.map((f) => f.rule)).toContain('dos.missing');
  });
});

describe('a day sheet’s section of today’s signed visits is not history', () => {
  it.each(['Signed notes', 'Completed visits', 'Recent'])('<h2>%s</h2> over today’s signed patients beside one in progress: all three checked', (h) => {
    const u = read(`<h1>Day sheet 11/06/2026</h1>${P}<section><h2>In progress</h2><h3>Kim, Sue</h3>${typed('97110', 10, 1)}</section><section><h2>${h}</h2><h3>Lee, Ann</h3>${printed('97110', 10, 1)}<h3>Ray, Bob</h3>${printed('97112', 23, 2)}</section>`);
    expect(u.list!.map((l) => [l.label, l.history])).toEqual([['Kim, Sue', false], ['Lee, Ann', false], ['Ray, Bob', false]]);
  });
});

// (From a review: today's date in a heading above the history, or history dated today, still dates today.)
describe('today’s date beside history, and side bars', () => {
  it('"Daily note 11/06/2026" over today’s charges and a history of 11/06 and 11/04: today dated 11/06', () => {
    const hist = `<table><thead><tr><th>Date</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>11/06/2026</td><td>97110</td><td>10</td><td>1</td></tr><tr><td>11/04/2026</td><td>97112</td><td>23</td><td>2</td></tr></tbody></table>`;
    const u = read(`<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}<h1>Daily note 11/06/2026</h1><h2>Charges</h2>${typed('97110', 10, 1)}<h2>Visit history</h2>${hist}`);
    const today = u.visits.find((v) => !u.list!.find((l) => l.key === v.key)!.history)!;
    expect(today.visit.dateOfService).toBe('2026-11-06');
  });

  it('a side bar’s "Appointments 11/09/2026" is no date of the note beside it', () => {
    const u = read(`<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}<h1>Treatment note</h1>${typed('97110', 10, 1)}<aside><h3>Appointments 11/09/2026</h3><ul><li>9:00 AM Ray, Bob</li></ul></aside>`);
    expect(u.visits[0]!.visit.dateOfService).toBeUndefined();
  });
});

// (From the red-team pass; a first rule, any date after "signed", "follow-up", "DOB", pooled earlier
// notes and two patients, and was reverted. Now only a signature's or addendum's own heading dated
// on or after the note before it, naming no note.)
describe('a signature’s or an addendum’s heading between one note’s tables', () => {
  it.each(['Signed 11/07/2026', 'Co-signed 11/07/2026 by Kim, Joe PT', 'Electronically signed by Kim, Joe PT on 11/07/2026', 'Addendum 11/06/2026 2:15 PM', 'Late entry 11/07/2026'])(
    '<h3>%s</h3>: one visit of the note’s day, 20 minutes billed 2 units over-billed',
    (h) => {
      const u = read(`${BAN}<h2>Daily note 11/06/2026</h2>${typed('97110', 10, 1)}<h3>${h}</h3>${typed('97140', 10, 1)}`);
      expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([[['97110 10', '97140 10'], '2026-11-06']]);
      expect(evaluate(u.visits[0]!.visit).findings.map((f) => f.rule)).toContain('units.over-billed');
    },
  );

  it.each([
    ['signed before the note’s day (an earlier note)', 'Signed 11/04/2026'],
    ['naming its note', 'Signed note — 11/07/2026'],
    ['a late entry for another date of service', 'Late entry for DOS 11/05/2026'],
  ])('%s: its own visit', (_, h) => {
    const u = read(`${BAN}<h2>Daily note 11/06/2026</h2>${typed('97110', 10, 1)}<h3>${h}</h3>${printed('97140', 10, 1)}`);
    expect(u.list!.length).toBe(2);
  });

  it('two notes each named by its signature ("Signed 11/04/2026", "Signed 11/05/2026"): two visits', () => {
    const u = read(`<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}<h2>Signed 11/04/2026</h2>${printed('97112', 23, 2)}<h2>Signed 11/05/2026</h2>${printed('97110', 10, 1)}`);
    expect(u.list!.length).toBe(2);
  });
});
