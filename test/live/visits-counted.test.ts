// @vitest-environment happy-dom
// Visits counted in a heading ("Prior authorization: 12 visits, 8 used") do not name a visit: an
// authorization or plan-of-care summary between two tables of today's note split it in two, each
// part's units worked out on its own minutes (97110 10 min and 97140 10 min, a unit each, passed:
// 20 timed minutes support one unit, CMS's 8-minute rule), and the page's date was lost.
import { describe, expect, it } from 'vitest';
import { line, readPage as read, table, visitsOf } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';
import { patientTag } from '../../lib/extract/read';

const P = '<p>Payer: Medicare Part B</p>';
const T1 = table(`<tr>${line('97110', 10, 1)}</tr>`);
const T2 = table(`<tr>${line('97140', 10, 1)}</tr>`);
const read2 = (html: string) => {
  const u = read(html);
  return { visits: visitsOf(u).map((v) => [v.lines, v.date]), rules: u.visits.map((v) => evaluate(v.visit).findings.map((f) => f.rule)) };
};

describe('a count of visits between today’s tables', () => {
  it.each([
    ['<h3>Prior authorization: 12 visits, 8 used</h3>'],
    ['<p>Prior authorization: 12 visits, 8 used</p>'],
    ['<h3>Authorized visits remaining: 4</h3>'],
    ['<h3>Visits used: 8 of 12</h3>'],
    ['<h3># of visits this cert: 9</h3>'],
    ['<h3>Frequency: 2 sessions per week</h3>'],
  ])('%s: one visit of both lines, dated by the note, 2 units over-billed', (between) => {
    const got = read2(`<h1>Daily note 11/02/2026</h1>${P}<h2>Charges</h2>${T1}${between}${T2}`);
    expect(got.visits).toEqual([[['97110 10', '97140 10'], '2026-11-02']]);
    expect(got.rules[0]).toContain('units.over-billed');
  });
});

describe('headings that name their visit, as before', () => {
  it.each([
    ['a visit number of a plan ("Visit 3 of 12")', '<h2>Visit 3 of 12 — 11/02/2026</h2>', '<h2>Visit 4 of 12 — 11/04/2026</h2>'],
    ['"Visit 1" and "Visit 2"', '<h2>Visit 1</h2>', '<h2>Visit 2</h2>'],
    ['AM and PM sessions', '<h2>AM session</h2>', '<h2>PM session</h2>'],
    ['"Session 2 of 12" and "Session 3 of 12"', '<h2>Session 2 of 12</h2>', '<h2>Session 3 of 12</h2>'],
  ])('%s: two visits', (_, a, b) => {
    expect(read2(`${P}${a}${T1}${b}${T2}`).visits.map(([lines]) => lines)).toEqual([['97110 10'], ['97140 10']]);
  });
  // (From a review: a count beside a patient's name still names her visit.)
  it.each([['— 3 visits remaining', '— 5 visits remaining'], ['— Auth: 12 visits', '— Auth: 8 visits']])('"Lee, Ann %s" and "Ray, Bob %s": two visits, each its patient’s', (a, b) => {
    const u = read(`<h1>Day sheet 11/02/2026</h1>${P}<h3>Lee, Ann ${a}</h3>${T1}<h3>Ray, Bob ${b}</h3>${T2}`);
    expect(visitsOf(u).map((v) => [v.lines, v.patient])).toEqual([[['97110 10'], patientTag('ann lee')], [['97140 10'], patientTag('bob ray')]]);
  });
});
