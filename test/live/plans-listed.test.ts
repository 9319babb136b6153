// @vitest-environment happy-dom
// A plan's table is listed, not billed (from a red-team pass: a printed plan under "Planned
// interventions" below today's charges added 97530 and 97112 to them, "3 units entered, 61
// minutes support 4" and an NCCI pair that was never done; a "Next visit" table typed in below
// today's signed note was checked as today's, and the note listed as history, unchecked).
import { describe, expect, it } from 'vitest';
import { input, line, readPage as read, table } from './read-page';

const BAN = '<div class="banner">Patient: Lee, Ann · MRN 1001 · DOS: 11/06/2026</div><p>Payer: Medicare Part B</p>';
const HEAD = '<thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
const typed = (rows: [string, number, number][]) => `<table>${HEAD}<tbody>${rows.map(([c, m, u]) => `<tr><td>${input(c)}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`).join('')}</tbody></table>`;
const printed = (rows: [string, number, number][]) => `<table>${HEAD}<tbody>${rows.map(([c, m, u]) => `<tr><td>${c}</td><td>${m}</td><td>${u}</td></tr>`).join('')}</tbody></table>`;
const PLAN = '<table><thead><tr><th>CPT</th><th>Minutes</th></tr></thead><tbody><tr><td>97530</td><td>15</td></tr><tr><td>97112</td><td>15</td></tr></tbody></table>';
const listed = (html: string) => read(html).list!.map((l) => [l.history, l.entries]);

describe('a printed plan below today’s charges', () => {
  it.each(['Plan', 'Planned interventions', 'Scheduled', 'Upcoming', 'Proposed treatment', 'Recommended', 'Next time'])('"%s": listed read-only, today keeps its 2 lines', (h) => {
    expect(listed(`${BAN}<h2>Billing</h2>${typed([['97110', 23, 2], ['97140', 8, 1]])}<h2>${h}</h2>${PLAN}`)).toEqual([[false, 2], [true, 2]]);
  });

  it('typed in under "Plan: continue POC", the note’s section: today’s lines (as before)', () => {
    expect(listed(`${BAN}<h2>Billing</h2>${typed([['97110', 23, 2]])}<h2>Plan: continue POC 2x/wk</h2>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`)).toEqual([[false, 2]]);
  });
});

describe('a "Next visit" table typed in', () => {
  it('below today’s signed note: the note is checked, the plan listed', () => {
    const u = read(`${BAN}<h2>Daily note 11/06/2026</h2>${printed([['97110', 20, 1], ['97140', 10, 1]])}<h2>Next visit</h2>${typed([['97530', 5, 1]])}`);
    expect(u.list!.map((l) => [l.label, l.history, l.entries])).toEqual([['Daily note 11/06/2026', false, 2], ['Next visit', true, 1]]);
  });

  it.each(['Next visit', 'Next session:', 'Upcoming appointments'])('"%s" below today’s typed lines: listed, today keeps its line', (h) => {
    expect(listed(`${BAN}<h2>Daily note 11/06/2026</h2>${typed([['97110', 20, 1]])}<h2>${h}</h2>${typed([['97530', 15, 1]])}`)).toEqual([[false, 1], [true, 1]]);
  });

  it('the page’s only table under "Next visit": today’s (as before)', () => {
    expect(listed(`${BAN}<h2>Next visit</h2>${typed([['97110', 20, 1]])}`)).toEqual([[false, 1]]);
  });
});
