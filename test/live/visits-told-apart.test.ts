// @vitest-environment happy-dom
// Visits told apart by the person each names, where the page's headings alone do not (from a
// red-team pass of the live reader: two patients' lines were pooled into one visit).
import { describe, expect, it } from 'vitest';
import { line, readPage as read, table, visitsOf as visits } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';
import { patientTag } from '../../lib/extract/read';

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');
const EVE = patientTag('eve cole');
const P = '<p>Payer: Medicare Part B</p>';
/** One line of 97110: `m` minutes, `u` units. */
const T = (m: number, u = 1) => table(`<tr>${line('97110', m, u)}</tr>`);
const rules = (u: ReturnType<typeof read>, i: number) => evaluate(u.visits[i]!.visit).findings.map((f) => f.rule);
const linesAndPatients = (html: string) => visits(read(html)).map((v) => [v.lines, v.patient]);

describe("each patient's heading over the same sub-heading naming her therapist", () => {
  it('in a section per patient: two visits, Ann’s and Bob’s, not one "Kim, Joe" visit of 20 minutes', () => {
    const html = `<h1>Day sheet 11/02/2026</h1>${P}<section><h2>Lee, Ann</h2><h3>Kim, Joe</h3>${T(10)}</section><section><h2>Ray, Bob</h2><h3>Kim, Joe</h3>${T(10)}</section>`;
    expect(linesAndPatients(html)).toEqual([[['97110 10'], ANN], [['97110 10'], BOB]]);
    const u = read(html);
    expect([rules(u, 0), rules(u, 1)].flat()).not.toContain('units.over-billed');
  });

  it('with flat headings, no section per patient: the same two visits', () => {
    const html = `<h1>Day sheet 11/02/2026</h1>${P}<h2>Lee, Ann</h2><h3>Kim, Joe</h3>${T(10)}<h2>Ray, Bob</h2><h3>Kim, Joe</h3>${T(10)}`;
    expect(linesAndPatients(html)).toEqual([[['97110 10'], ANN], [['97110 10'], BOB]]);
  });

  it('two patients seen by one therapist, one by another: each visit its patient’s, so Eve’s is not pooled with Ann’s day', () => {
    const html = `<h1>Day sheet 11/02/2026</h1>${P}<section><h2>Lee, Ann</h2><h3>Kim, Joe</h3>${T(10)}</section><section><h2>Ray, Bob</h2><h3>Park, Sue</h3>${T(40, 3)}</section><section><h2>Cole, Eve</h2><h3>Kim, Joe</h3>${T(10)}</section>`;
    const u = read(html);
    expect(visits(u).map((v) => v.patient)).toEqual([ANN, BOB, EVE]);
    expect(rules(u, 2)).not.toContain('units.same-day');
  });

  it('the label still shows both names ("Lee, Ann · Kim, Joe")', () => {
    const u = read(`<h1>Day sheet 11/02/2026</h1>${P}<section><h2>Lee, Ann</h2><h3>Kim, Joe</h3>${T(10)}</section><section><h2>Ray, Bob</h2><h3>Kim, Joe</h3>${T(10)}</section>`);
    expect(u.list!.map((l) => l.label)).toEqual(['Lee, Ann · Kim, Joe', 'Ray, Bob · Kim, Joe']);
  });

  it('unchanged: a therapist’s name over her day’s patients (only the first patient has a person heading above it) is split by the patients', () => {
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

  it('unchanged: one patient’s note under her banner, timed and untimed codes in two tables, is one visit', () => {
    const html = `<div class="banner">Patient: Lee, Ann · MRN 1001</div>${P}<h2>Timed codes</h2>${T(10)}<h2>Untimed codes</h2>${table(`<tr>${line('97010', 0, 1)}</tr>`)}`;
    expect(visits(read(html)).map((v) => [v.lines.length, v.patient])).toEqual([[2, ANN]]);
  });
});
