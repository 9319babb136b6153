// @vitest-environment happy-dom
// A printed plan's table is listed, not billed (from a red-team pass: a printed plan under
// "Planned interventions" below today's charges added 97530 and 97112 to them, "3 units entered,
// 61 minutes support 4" and an NCCI pair that was never done).
import { describe, expect, it } from 'vitest';
import { input, line, readPage as read, table } from './read-page';

const BAN = '<div class="banner">Patient: Lee, Ann · MRN 1001 · DOS: 11/06/2026</div><p>Payer: Medicare Part B</p>';
const HEAD = '<thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
const typed = (rows: [string, number, number][]) => `<table>${HEAD}<tbody>${rows.map(([c, m, u]) => `<tr><td>${input(c)}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`).join('')}</tbody></table>`;
const printed = (rows: [string, number, number][]) => `<table>${HEAD}<tbody>${rows.map(([c, m, u]) => `<tr><td>${c}</td><td>${m}</td><td>${u}</td></tr>`).join('')}</tbody></table>`;
const PLAN = '<table><thead><tr><th>CPT</th><th>Minutes</th></tr></thead><tbody><tr><td>97530</td><td>15</td></tr><tr><td>97112</td><td>15</td></tr></tbody></table>';
const listed = (html: string) => read(html).list!.map((l) => [l.history, l.entries]);

describe('a printed plan below today’s charges', () => {
  it.each(['Planned interventions', 'Scheduled', 'Upcoming', 'Proposed treatment', 'Recommended', 'Next time'])('"%s": listed read-only, today keeps its 2 lines', (h) => {
    expect(listed(`${BAN}<h2>Billing</h2>${typed([['97110', 23, 2], ['97140', 8, 1]])}<h2>${h}</h2>${PLAN}`)).toEqual([[false, 2], [true, 2]]);
  });

  // (From a review: a SOAP note's "Plan", "Planned" alone or "Plan / Billing" over printed lines may hold today's charges.)
  it.each(['Plan', 'Planned', 'Plan / Billing', 'Scheduled charges'])('printed lines under "%s": today’s (as before)', (h) => {
    expect(listed(`${BAN}<h2>Objective</h2>${typed([['97110', 15, 1]])}<h2>${h}</h2>${printed([['97140', 10, 1]])}`)).toEqual([[false, 2]]);
  });

  it('typed in under "Plan: continue POC", the note’s section: today’s lines (as before)', () => {
    expect(listed(`${BAN}<h2>Billing</h2>${typed([['97110', 23, 2]])}<h2>Plan: continue POC 2x/wk</h2>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`)).toEqual([[false, 2]]);
  });
});

// (From a review: a table typed in under "Next session" or "Upcoming appointments" may be today's:
// a day sheet's remaining patients, a second session. Such tables stay checked.)
describe('a table typed in under "Next session" or "Upcoming appointments"', () => {
  it('a day sheet’s "Upcoming appointments" of today: checked', () => {
    const patients = (name: string, code: string, m: number, u: number) => `<table><thead><tr><th>Patient</th><th>Date</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>${name}</td><td>11/06/2026</td><td>${input(code)}</td><td>${input(m)}</td><td>${input(u)}</td></tr></tbody></table>`;
    const u = read(`<h1>Day sheet 11/06/2026</h1><p>Payer: Medicare Part B</p><h2>Completed</h2>${patients('Lee, Ann', '97110', 10, 1)}<h2>Upcoming appointments</h2>${patients('Ray, Bob', '97112', 23, 2)}`);
    expect(u.list!.map((l) => l.history)).toEqual([false, false]);
  });

  it('"Current session" then "Next session": both checked', () => {
    expect(listed(`${BAN}<h2>Current session</h2>${typed([['97110', 10, 1]])}<h2>Next session</h2>${typed([['97140', 10, 1]])}`).map(([history]) => history)).not.toContain(true);
  });
});
