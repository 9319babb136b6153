// @vitest-environment happy-dom
// Dates a page gives its visits in the ways EHRs title them (from a red-team pass: each of these
// lost its date, and every visit said "no date of service was read").
import { describe, expect, it } from 'vitest';
import { line, readPage as read, table, visitsOf } from './read-page';

const P = '<p>Payer: Medicare Part B</p>';
const BAN = `<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}`;
const T = (code = '97110', m = 10, u = 1) => table(`<tr>${line(code, m, u)}</tr>`);
const dates = (html: string) => visitsOf(read(html)).map((v) => v.date);

describe('a visit’s own heading', () => {
  it.each(['Today’s charges 11/06/2026', "Today's charges 11/06/2026"])('"%s": dated 11/06', (h) => {
    expect(dates(`${BAN}<h2>${h}</h2>${T()}`)).toEqual(['2026-11-06']);
  });

  // (From two reviews: "Discharge visit 12/15/2026 — projected", "(anticipated)", "on 12/15/2026"
  // may be a visit to come; a wrong date of service is worse than none, said as missing.)
  it.each(['Discharge 11/06/2026', 'Discharge date 11/06/2026', 'Discharge visit 11/06/2026', 'Discharge visit 12/15/2026 — projected', 'Discharge visit: 12/15/2026 (anticipated)', 'Discharge note 12/15/2026'])('"%s": not taken', (h) => {
    expect(dates(`${BAN}<h2>${h}</h2>${T()}`)).toEqual([undefined]);
  });

  // (From a review: any heading's date dated a page's only visit, and a projected "Discharge visit
  // 12/15/2026" elsewhere on the page gave today's undated note a date to come.)
  it.each([
    ['below the note', `${BAN}<h2>Daily note</h2>${T()}<h3>Discharge visit 12/15/2026</h3><p>Projected.</p>`],
    ['above the note\'s own heading', `${BAN}<h1>Daily note</h1><h3>Anticipated discharge visit 12/15/2026</h3><p>Goals</p><h2>Charges</h2>${T()}`],
    ['in a side list', `${BAN}<h1>Treatment note</h1>${T()}<aside><h3>Upcoming</h3><h4>Discharge visit 12/15/2026</h4><p>10:00 AM</p></aside>`],
  ])('"Discharge visit 12/15/2026" %s: no date of the note', (_, html) => {
    expect(dates(html)).toEqual([undefined]);
  });
});

describe('a day sheet’s title over its patients', () => {
  it.each(['Appointments 11/06/2026', 'Encounters 11/06/2026', 'Group therapy 11/06/2026', 'Patients seen 11/06/2026', 'Clinic day 11/06/2026'])('"%s": each patient’s visit dated 11/06', (h) => {
    expect(dates(`<h1>${h}</h1>${P}<h2>Lee, Ann</h2>${T()}<h2>Ray, Bob</h2>${T('97110', 40, 3)}`)).toEqual(['2026-11-06', '2026-11-06']);
  });
});

describe('a heading elsewhere on the page with those words: no date of the note', () => {
  it.each(['Clinic day 11/07/2026', 'Encounters 11/04/2026', 'Appointments 11/09/2026'])('"%s" below today’s undated note: no date taken', (h) => {
    expect(dates(`${BAN}<h1>Daily note</h1>${T()}<h2>${h}</h2><p>…</p>`)).toEqual([undefined]);
  });
});

describe('a day sheet’s rows under its dated heading: each visit’s label says the day once', () => {
  const sheet = (heading: string) =>
    `${P}${heading}<table><thead><tr><th>Patient</th><th>Date</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>` +
    `<tr><td>Lee, Ann</td><td>11/06/2026</td><td><input value="97110"></td><td><input value="10"></td><td><input value="1"></td></tr>` +
    `<tr><td>Ray, Bob</td><td>11/06/2026</td><td><input value="97110"></td><td><input value="40"></td><td><input value="3"></td></tr></tbody></table>`;
  it.each([
    ['<h2>11/06/2026</h2>', ['Lee, Ann · 11/06/2026', 'Ray, Bob · 11/06/2026']],
    ['<h2>Day sheet 11/06/2026</h2>', ['Lee, Ann · 11/06/2026 · Day sheet', 'Ray, Bob · 11/06/2026 · Day sheet']],
    ['<h2>Day sheet — 11/06/2026 — Main clinic</h2>', ['Lee, Ann · 11/06/2026 · Day sheet — Main clinic', 'Ray, Bob · 11/06/2026 · Day sheet — Main clinic']],
    // (Another day in the heading is not the rows' day: kept.)
    ['<h2>Week of 11/02/2026</h2>', ['Lee, Ann · 11/06/2026 · Week of 11/02/2026', 'Ray, Bob · 11/06/2026 · Week of 11/02/2026']],
  ])('%s', (heading, labels) => {
    expect(visitsOf(read(sheet(heading))).map((v) => [v.label, v.date])).toEqual(labels.map((l) => [l, '2026-11-06']));
  });
});
