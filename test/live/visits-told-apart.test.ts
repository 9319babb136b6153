// @vitest-environment happy-dom
// Visits told apart by the person each names, where the page's headings alone do not (from a
// red-team pass of the live reader: two patients' lines were pooled into one visit), and the
// layouts a review of that change found it split.
import { describe, expect, it } from 'vitest';
import { line, readPage as read, table, visitsOf as visits } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';
import { patientTag } from '../../lib/extract/read';

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');
const P = '<p>Payer: Medicare Part B</p>';
/** One line of 97110: `m` minutes, `u` units. */
const T = (m: number, u = 1) => table(`<tr>${line('97110', m, u)}</tr>`);
const rules = (u: ReturnType<typeof read>, i: number) => evaluate(u.visits[i]!.visit).findings.map((f) => f.rule);
const linesAndPatients = (html: string) => visits(read(html)).map((v) => [v.lines, v.patient]);

// "<h2>Lee, Ann</h2><h3>Kim, Joe</h3>" (a patient over her therapist) and "<h2>Kim, Joe</h2><h3>Lee,
// Ann</h3>" (a therapist over her patient, a day sheet by provider) look the same: the heading
// nearest the table names the visit, as before. (A version that took the one above split a
// provider's day sheet by its therapists, from a review: the common layout stays right.)
describe('two people’s headings over each table', () => {
  it('a day sheet by provider, one patient seen by the PT and the PTA: one visit of hers, 16 minutes billed 2 units over-billed', () => {
    const html = `<h1>Day sheet 11/02/2026</h1>${P}<h2>Kim, Joe</h2><h3>Lee, Ann</h3>${T(8)}<h2>Park, Sue</h2><h3>Lee, Ann</h3>${table(`<tr>${line('97140', 8, 1)}</tr>`)}`;
    const u = read(html);
    expect(u.list!.map((l) => [l.label, l.entries])).toEqual([['Lee, Ann', 2]]);
    expect(rules(u, 0)).toContain('units.over-billed');
  });

  it.each([
    ['flat', (a: string, b: string) => `<h2>Kim, Joe</h2><h3>${a}</h3>${T(10)}<h2>Park, Sue</h2><h3>${b}</h3>${T(40, 3)}`],
    ['in sections', (a: string, b: string) => `<section><h2>Kim, Joe</h2><h3>${a}</h3>${T(10)}</section><section><h2>Park, Sue</h2><h3>${b}</h3>${T(40, 3)}</section>`],
  ])('a day sheet by provider, one patient each (%s): each visit its patient’s, not its therapist’s', (_, page) => {
    expect(linesAndPatients(`<h1>Day sheet 11/02/2026</h1>${P}${page('Lee, Ann', 'Ray, Bob')}`)).toEqual([[['97110 10'], ANN], [['97110 40'], BOB]]);
  });

  it('a therapist’s name over her day’s patients: a visit each', () => {
    const html = `<h1>Day sheet 11/02/2026</h1>${P}<h2>Kim, Joe</h2><h3>Lee, Ann</h3>${T(10)}<h3>Ray, Bob</h3>${T(40, 3)}`;
    expect(linesAndPatients(html)).toEqual([[['97110 10'], ANN], [['97110 40'], BOB]]);
  });
});

describe('notes one after the other under the same heading, each with its own "Patient:" line', () => {
  const note = (heading: string, who: string, m: number, u: number, above = false) =>
    above ? `<p>Patient: ${who} · MRN 100 · DOB 01/01/1950</p><h2>${heading}</h2>${T(m, u)}` : `<h2>${heading}</h2><p>Patient: ${who} · MRN 100 · DOB 01/01/1950</p>${T(m, u)}`;
  it.each([
    ['"Daily note", the line under the heading', 'Daily note', false],
    ['"Daily note", the line above the heading', 'Daily note', true],
    ['"Daily note 11/02/2026"', 'Daily note 11/02/2026', false],
    ['"Treatment"', 'Treatment', false],
  ])('%s: Bob’s visit and Ann’s, not one visit tagged Bob', (_, heading, above) => {
    const html = `<h1>Notes to sign 11/02/2026</h1>${P}${note(heading, 'Ray, Bob', 40, 3, above)}${note(heading, 'Lee, Ann', 10, 1, above)}`;
    expect(linesAndPatients(html)).toEqual([[['97110 40'], BOB], [['97110 10'], ANN]]);
    const u = read(html);
    expect([rules(u, 0), rules(u, 1)].flat()).not.toContain('units.over-billed');
  });

  // From the review: the same patient named again is the same note.
  it.each([
    ['a printed page’s running header', `${P}<p>Patient: Lee, Ann · MRN 1001 · DOS 11/02/2026</p><h2>Daily note</h2>${T(8)}<p>Patient: Lee, Ann · MRN 1001 · DOS 11/02/2026</p><h2>Daily note (continued)</h2>${table(`<tr>${line('97140', 8, 1)}</tr>`)}`],
    ['her name written another way', `<h1>Daily note 11/02/2026</h1>${P}<p>Patient: Lee, Ann · MRN 1001</p><h2>Therapeutic procedures</h2>${T(8)}<p>Patient: Ann Lee (cont.)</p><h2>Neuromuscular</h2>${table(`<tr>${line('97140', 8, 1)}</tr>`)}`],
    ['under her banner, again before the second table', `<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}<h2>Therapeutic exercise</h2>${T(8)}<p>Patient: Lee, Ann</p><h2>Manual therapy</h2>${table(`<tr>${line('97140', 8, 1)}</tr>`)}`],
  ])('one patient named again (%s): one visit, 16 minutes billed 2 units over-billed', (_, html) => {
    const u = read(html);
    expect(visits(u).map((v) => [v.lines.length, v.patient])).toEqual([[2, ANN]]);
    expect(rules(u, 0)).toContain('units.over-billed');
  });

  it('unchanged: one patient’s note under her banner, timed and untimed codes in two tables, is one visit', () => {
    const html = `<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}<h2>Timed codes</h2>${T(10)}<h2>Untimed codes</h2>${table(`<tr>${line('97010', 0, 1)}</tr>`)}`;
    expect(visits(read(html)).map((v) => [v.lines.length, v.patient])).toEqual([[2, ANN]]);
  });
});

// (From a second red-team pass: "Patient:" paragraphs with no heading of their own between a day
// sheet's tables were one visit of the first patient, Bob's 40 minutes billed under Ann.)
describe('"Patient:" lines as the only thing between a day sheet’s tables', () => {
  const sheet = (title: string, a: string, b: string, ta = T(10), tb = T(40, 3)) => `<h1>${title}</h1>${P}<p>Patient: ${a}</p>${ta}<p>Patient: ${b}</p>${tb}`;

  it('two patients: a visit each, each with her patient, the day’s date and the page’s payer, no finding of units', () => {
    const u = read(sheet('Day sheet 11/06/2026', 'Lee, Ann', 'Ray, Bob'));
    expect(visits(u).map((v) => [v.lines, v.patient, v.date, v.payer])).toEqual([
      [['97110 10'], ANN, '2026-11-06', 'Medicare Part B'],
      [['97110 40'], BOB, '2026-11-06', 'Medicare Part B'],
    ]);
    expect([rules(u, 0), rules(u, 1)].flat()).not.toContain('units.over-billed');
  });

  it('a group session’s attendees (97150 each): a visit each', () => {
    const g = table(`<tr>${line('97150', 45, 1)}</tr>`);
    expect(linesAndPatients(sheet('Group therapy — 11/06/2026', 'Lee, Ann', 'Ray, Bob', g, g))).toEqual([[['97150 45'], ANN], [['97150 45'], BOB]]);
  });

  it('the same patient’s line again before her second table: one visit', () => {
    expect(linesAndPatients(sheet('Daily note 11/06/2026', 'Lee, Ann · MRN 1001', 'Lee, Ann (cont.)', T(10), table(`<tr>${line('97140', 10, 1)}</tr>`)))).toEqual([[['97110 10', '97140 10'], ANN]]);
  });

  // (From a review: one patient's line written otherwise, or a line naming no patient, is no other visit.)
  it.each([
    ['Lee, Ann M.', 'Lee, Ann'],
    ['LEE, ANN M', 'Lee, Ann'],
    ['Lee, Ann', 'Lee, Ann, 85 y.o. F'],
    ['Lee Jr., Tom', 'Lee, Tom'],
    ['Lee, Ann', 'Reports Decreased Pain Today'],
  ])('"Patient: %s" then "Patient: %s": one visit, 20 minutes billed 2 units over-billed', (a, b) => {
    const u = read(sheet('Daily note 11/06/2026', a, b, T(10), table(`<tr>${line('97140', 10, 1)}</tr>`)));
    expect(u.visits).toHaveLength(1);
    expect(rules(u, 0)).toContain('units.over-billed');
  });

  it.each(['Member: Lee, Mark · ID 555', 'Client: Lee, Mark (parent)'])('"%s" above the second table (a subscriber, a parent): one visit', (other) => {
    const u = read(`<h1>Daily note 11/06/2026</h1>${P}<p>Patient: Lee, Ann</p>${T(10)}<p>${other}</p>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`);
    expect(u.visits).toHaveLength(1);
  });

  it('each patient’s payer line above her "Patient:" line: each keeps her own', () => {
    const u = read(`<h1>Day sheet 11/06/2026</h1><p>Payer: Aetna</p><p>Patient: Lee, Ann</p>${T(10)}<p>Payer: Medicare</p><p>Patient: Ray, Bob</p>${T(40, 3)}`);
    expect(visits(u).map((v) => [v.patient, v.payer])).toEqual([[ANN, 'Aetna'], [BOB, 'Medicare']]);
  });
});
