// @vitest-environment happy-dom
// A PT and her assistant each writing their lines of one patient's note under their own
// headings: one visit, its minutes pooled as the 8-minute rule counts them (CPM Pub. 100-04
// Ch. 5 §20.2), not two visits tagged with the clinicians as patients (from a red-team pass).
import { describe, expect, it } from 'vitest';
import { input, line, readPage as read, table, visitsOf as visits } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';
import { patientTag } from '../../lib/extract/read';

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');
const P = '<p>Payer: Medicare Part B</p>';
const T = (m: number, u = 1) => table(`<tr>${line('97110', m, u)}</tr>`);
const rules = (u: ReturnType<typeof read>, i: number) => evaluate(u.visits[i]!.visit).findings.map((f) => f.rule);

describe("clinicians' headings under one note's heading", () => {
  // (A page's one visit under a heading naming her, "Lee, Ann · MRN 1001", has no tag, as before:
  // the tag tells a page's visits apart, and there is no other. Never a clinician's.)
  it.each([
    ['a "Patient:" line', `<div>Patient: Lee, Ann</div>${P}<h1>Daily note 11/02/2026</h1>`, ANN],
    ['a patient field', `<div>Patient: ${input('Lee, Ann')}</div>${P}<h1>Daily note 11/02/2026</h1>`, ANN],
    ['her banner heading over the note’s', `${P}<h1>Lee, Ann · MRN 1001</h1><h2>Daily note 11/02/2026</h2>`, undefined],
    ['her banner over a "Treatment note"', `<div>Patient: Lee, Ann · MRN 1001</div>${P}<h2>Treatment note — 11/02/2026</h2>`, ANN],
  ])('under %s: one visit of hers, 20 minutes billed 1 + 1 units is over-billed', (_, top, patient) => {
    const u = read(`${top}<h3>Kim, Joe</h3>${T(10)}<h3>Park, Sue</h3>${T(10)}`);
    expect(visits(u).map((v) => [v.lines, v.patient])).toEqual([[['97110 10', '97110 10'], patient]]);
    expect(rules(u, 0)).toContain('units.over-billed');
  });

  it('unchanged: patients’ headings under a list’s heading ("Charges 11/02/2026") are a visit each', () => {
    const u = read(`<div>Patient: ${input('Cole, Eve')}</div><h1>Charges 11/02/2026</h1>${P}<h2>Lee, Ann</h2>${T(10)}<h2>Ray, Bob</h2>${T(10)}`);
    expect(visits(u).map((v) => [v.lines, v.patient])).toEqual([[['97110 10'], ANN], [['97110 10'], BOB]]);
  });

  it('unchanged: under "Daily notes 11/02/2026" (a list of notes), a visit each', () => {
    const u = read(`<h1>Daily notes 11/02/2026</h1>${P}<h2>Lee, Ann</h2>${T(10)}<h2>Ray, Bob</h2>${T(10)}`);
    expect(visits(u).map((v) => [v.lines, v.patient])).toEqual([[['97110 10'], ANN], [['97110 10'], BOB]]);
  });
});
