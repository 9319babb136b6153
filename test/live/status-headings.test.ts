// @vitest-environment happy-dom
// A day sheet whose patient headings carry what schedulers and day sheets show beside the name:
// the note's or appointment's status, the therapist, the discipline, the body part, the day's
// running minutes. Two patients under two headings: two visits, never one. Found by a red-team
// pass: each case was one visit of both patients' lines, with no patient, on the code before.
import { describe, expect, it } from 'vitest';
import { readPage, visitsOf, input, table, line } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';
import { patientTag } from '../../lib/extract/read';

const grid = (code: string, m: number, u: number) => table(`<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`);
/** A day sheet of two headings, Ann's 97110 38 min and Bob's 97140 8 min: each visit's lines and patient. */
const daySheet = (ann: string, bob: string) =>
  visitsOf(readPage(`<h1>Day sheet 11/02/2026</h1><p>Payer: Medicare Part B</p><h3>${ann}</h3>${grid('97110', 38, 3)}<h3>${bob}</h3>${grid('97140', 8, 1)}`)).map((v) => [v.lines, v.patient]);
const TWO_PATIENTS = [
  [['97110 38'], patientTag('ann lee')],
  [['97140 8'], patientTag('bob ray')],
];

describe("a day sheet's patient headings with something beside the name", () => {
  // (Pass: "Lee, Ann" / "Ray, Bob", "Lee, Ann (Signed)", "— Medicare", "— Follow-up", "— 9:00 AM",
  // "— Room 3", "(MRN 1001)", "— Visit 12 of 20" / "— Visit 3 of 12".)
  const pairs: [string, string][] = [
    ['Lee, Ann — Checked in', 'Ray, Bob — Scheduled'],
    ['Lee, Ann — Signed', 'Ray, Bob — Signed'],
    ['Lee, Ann — Signed', 'Ray, Bob — Draft'],
    ['Lee, Ann — In progress', 'Ray, Bob'],
    ['Lee, Ann ✓', 'Ray, Bob'],
    ['Lee, Ann · Locked', 'Ray, Bob'],
    ['Lee, Ann — Dr. Smith', 'Ray, Bob — Dr. Jones'],
    ['Lee, Ann — PT', 'Ray, Bob — OT'],
    ['Lee, Ann — Knee', 'Ray, Bob — Shoulder'],
    ['Lee, Ann — 38 min', 'Ray, Bob — 8 min'],
    ['Lee, Ann — Visit 12 of 20', 'Ray, Bob'],
  ];
  for (const [ann, bob] of pairs) {
    it(`"${ann}" / "${bob}": two visits, each tagged with its patient`, () => {
      // Before: one visit labelled "${ann}", lines ['97110 38', '97140 8'], no patient tag.
      expect(daySheet(ann, bob)).toEqual(TWO_PATIENTS);
    });
  }
});

describe('the same status beside the name on cards and on a table\'s patient rows', () => {
  const charge = (code: string, minutes: number) => `<div class="charge-row"><span class="code">${code}</span><label>Min <input value="${minutes}"></label><label>Units <input value="1"></label></div>`;
  const card = (t: string, l: string) => `<section class="card"><h2>${t}</h2><div class="lines">${l}</div></section>`;
  const who = (t: string) => `<tr><td colspan="3">${t}</td></tr>`;
  const row = (c: string, m: number) => `<tr><td>${c}</td><td>${input(m)}</td><td>${input(1)}</td></tr>`;
  const pages: [string, string][] = [
    ['a card per patient', `<h1>Day sheet 11/02/2026</h1>${card('Lee, Ann — Checked in', charge('97110', 38))}${card('Ray, Bob — Checked in', charge('97140', 8))}`],
    ["one table, a row naming each patient", `<h1>Day sheet 11/02/2026</h1>${table(who('Lee, Ann — Signed') + row('97110', 38) + who('Ray, Bob — Signed') + row('97140', 8))}`],
  ];
  for (const [name, html] of pages) {
    it(`${name}: two visits`, () => {
      // Before: one visit holding ['97110 38', '97140 8'], no patient tag.
      expect(visitsOf(readPage(html)).map((v) => [v.lines, v.patient])).toEqual([
        [['97110 38'], patientTag('ann lee')],
        [['97140 8'], patientTag('bob ray')],
      ]);
    });
  }
});

describe('near misses: a clinician or a date after the name', () => {
  it('"Jane Doe — Treating therapist" / "Tom Roe — PTA" under "Patient: Ann Lee": one visit of Ann\'s', () => {
    const u = readPage(`<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p><h3>Jane Doe — Treating therapist</h3>${grid('97110', 38, 3)}<h3>Tom Roe — PTA</h3>${grid('97140', 10, 1)}`);
    expect(visitsOf(u).map((v) => [v.lines, v.patient])).toEqual([[['97110 38', '97140 10'], patientTag('ann lee')]]);
  });

  it('"Lee, Ann — 11/02/2026" / "Lee, Ann — 11/04/2026": her two days, each dated', () => {
    const u = readPage(`<p>Payer: Medicare Part B</p><h3>Lee, Ann — 11/02/2026</h3>${grid('97110', 38, 3)}<h3>Lee, Ann — 11/04/2026</h3>${grid('97140', 8, 1)}`);
    expect(visitsOf(u).map((v) => [v.lines, v.date])).toEqual([
      [['97110 38'], '2026-11-02'],
      [['97140 8'], '2026-11-04'],
    ]);
  });
});

// Found by a review of the fix above: a clinician's part headed by her name and a note, and a
// tick after an appointment's name.
describe("a co-treatment note's parts headed by each clinician with a note after the name", () => {
  const NOTE = '<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p>';
  const pairs: [string, string][] = [
    ['Jane Doe — Physical Therapy', 'Tom Roe — Occupational Therapy'],
    ['Jane Doe · Speech-Language Pathologist', 'Tom Roe · Speech-Language Pathologist'],
    ['Jane Doe — Co-signed', 'Tom Roe — Pending co-sign'],
  ];
  for (const [a, b] of pairs) {
    it(`"${a}" / "${b}" under "Patient: Ann Lee": one visit of Ann's, its 48 minutes billed as 4 units found`, () => {
      const u = readPage(`${NOTE}<h3>${a}</h3>${grid('97110', 38, 3)}<h3>${b}</h3>${grid('97530', 10, 1)}`);
      // With the fix's first version: two visits, tagged "jane doe" and "tom roe", each under its units.
      expect(visitsOf(u).map((v) => [v.lines, v.patient])).toEqual([[['97110 38', '97530 10'], patientTag('ann lee')]]);
      expect(evaluate(u.visits[0]!.visit).findings.map((f) => f.rule)).toContain('units.over-billed');
    });
  }

  it('"9:00 AM — Lee, Ann ✓" and "2:00 PM — Lee, Ann" in a day sheet\'s appointment column: her day is one visit', () => {
    const sheet = (rows: [string, string][]) =>
      `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Appointment</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>${rows.map(([a, c]) => `<tr><td>${a}</td>${c}</tr>`).join('')}</tbody></table>`;
    const u = readPage(sheet([['9:00 AM — Lee, Ann ✓', line('97110', 23, 2)], ['9:45 AM — Ray, Bob', line('97110', 40, 3)], ['2:00 PM — Lee, Ann', line('97112', 8, 1)]]));
    expect(visitsOf(u).map((v) => [v.lines, v.patient])).toEqual([
      [['97110 23', '97112 8'], patientTag('ann lee')],
      [['97110 40'], patientTag('bob ray')],
    ]);
  });
});

// Found by a second review: the first fix's list of statuses was too short, and a co-signature
// or a student's note is a day-sheet patient's note's status, not staff, after "Lee, Ann".
const statusPairs: [string, string][] = [
  ['Lee, Ann — Co-sign needed', 'Ray, Bob — Co-signed'],
  ['Lee, Ann — Pending co-sign', 'Ray, Bob — Signed'],
  ['Lee, Ann — Student note', 'Ray, Bob'],
  ['Ann Lee — Signed', 'Bob Ray — Draft'],
  ['Ann Lee — In progress', 'Bob Ray'],
  ['Ann Lee · Locked', 'Bob Ray'],
  ['Ann Lee — Completed', 'Bob Ray — Pending'],
  ['Ann Lee — Check-in', 'Bob Ray — Arrived'],
  ['Ann Lee — Knee', 'Bob Ray — Shoulder'],
  ['Ann Lee — Dr. Van Dyke', 'Bob Ray — Dr. Jones'],
];
describe("a day sheet's patient headings with a note's status after the name", () => {
  for (const [ann, bob] of statusPairs) {
    it(`"${ann}" / "${bob}": two visits, each tagged with its patient`, () => {
      expect(daySheet(ann, bob)).toEqual(TWO_PATIENTS);
    });
  }
});
