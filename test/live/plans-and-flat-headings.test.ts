// @vitest-environment happy-dom
// Pages read wrongly (helper session "fix1"): a patient's heading too far above her visit's to
// be seen (two patients' lines in one visit), a plan for the next visit taken for a visit or a
// line. Each test failed before its fix; the near misses beside it must keep working.
import { describe, expect, it } from 'vitest';
import { patientTag } from '../../lib/extract/read';
import { input, line, readPage as read, table, visitsOf as visits } from './read-page';

const ANN = patientTag('ann lee');
const BOB = patientTag('bob ray');
const NOTE = '<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>';

describe('a plan for the next visit is no visit', () => {
  it('"Next visit Mon 11/9" after the note\'s table: one visit of the note\'s date; the plan\'s table is listed read-only, not billed today', () => {
    // Before the fix: two visits to check, "Treatment" (23 min) and "Next visit Mon 11/9" (10 min), neither dated.
    const update = read(`${NOTE}<h3>Treatment</h3>${table(`<tr>${line('97110', 23, 2)}</tr>`)}
      <h3>Next visit Mon 11/9</h3><p>Progress HEP.</p>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`);
    expect(visits(update).map((v) => [v.lines, v.date])).toEqual([[['97110 23'], '2026-11-02']]);
    expect(update.list!.map((v) => [v.label, v.history])).toEqual([
      ['Treatment', false],
      ['Next visit Mon 11/9', true],
    ]);
  });

  it('near miss: "Next appointment: 11/09/2026" or "Plan: Mon 11/9" above the note\'s only table: the note\'s date, not the plan\'s', () => {
    for (const plan of ['Next appointment: 11/09/2026', 'Plan: Mon 11/9']) {
      const update = read(`${NOTE}<h3>${plan}</h3>${table(`<tr>${line('97110', 23, 2)}</tr>`)}`);
      expect(visits(update).map((v) => [v.lines, v.date]), plan).toEqual([[['97110 23'], '2026-11-02']]);
    }
  });

  it('a row "Plan: Mon 11/9" spanning the lines table is no line', () => {
    // Before the fix: a third line with the code "PLAN: MON 11/9".
    const update = read(`${NOTE}${table(`<tr>${line('97110', 23, 2)}</tr><tr>${line('97140', 10, 1)}</tr><tr><td colspan="3">Plan: Mon 11/9</td></tr>`)}`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97140 10']]);
  });

  it('near miss: a spanning row that names a code or holds a field is still a line', () => {
    const update = read(`${NOTE}${table(`<tr>${line('97110', 23, 2)}</tr><tr><td colspan="3">97140 Manual therapy</td></tr><tr><td colspan="3">${input('97535')}</td></tr>`)}`);
    expect(visits(update).map((v) => v.lines.map((l) => l.split(' ')[0]))).toEqual([['97110', '97140', '97535']]);
  });

  it('near miss: two visits headed by their own dates stay two; an earlier one\'s stays history', () => {
    const page = (a: string, b: string) => `<h1>Ann Lee — PT treatment log</h1><p>Payer: Medicare Part B</p><h3>${a}</h3>${table(`<tr>${line('97110', 23, 2)}</tr>`)}<h3>${b}</h3>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`;
    expect(visits(read(page('Visit 11/02/2026', 'Visit 11/09/2026'))).map((v) => [v.lines, v.date])).toEqual([
      [['97110 23'], '2026-11-02'],
      [['97140 10'], '2026-11-09'],
    ]);
    const history = read(page('Last visit — 10/30/2026', 'Treatment 11/02/2026').replace('<td>97110</td><td><input value="23"></td><td><input value="2"></td>', '<td>97110</td><td>23</td><td>2</td>'));
    expect(history.list!.map((v) => [v.label, v.history])).toEqual([
      ['Last visit — 10/30/2026', true],
      ['Treatment 11/02/2026', false],
    ]);
  });
});

describe('flat headings: a patient\'s heading with her banner lines before her visit\'s heading', () => {
  /** A patient's heading, `lines` lines of hers, her visit's heading and table. */
  const patient = (name: string, payer: string, lines: string[], rows: string) => `<h4>${name}</h4><p>Payer: ${payer}</p>${lines.join('')}<h5>Treatment 11/02/2026</h5>${table(rows)}`;
  const MORE = ['<p>DOB 03/04/1941</p>', '<div>Dx: M54.5 Low back pain</div>', '<p>Precautions: falls</p>', '<div>Referring: Dr. Hale</div>', '<p>Visit 7 of 12</p>'];

  it('five lines between "Lee, Ann" and her "Treatment 11/02/2026", then Ray, Bob\'s: a visit each', () => {
    // Before the fix: one visit "Treatment 11/02/2026" of both patients' lines (63 minutes).
    const update = read(`<h1>Day sheet</h1>${patient('Lee, Ann', 'Medicare Part B', MORE, `<tr>${line('97110', 23, 2)}</tr><tr>${line('97140', 10, 1)}</tr>`)}${patient('Ray, Bob', 'Aetna', MORE, `<tr>${line('97110', 40, 3)}</tr>`)}`);
    expect(visits(update)).toEqual([
      { label: 'Lee, Ann · Treatment 11/02/2026', lines: ['97110 23', '97140 10'], patient: ANN, date: '2026-11-02', payer: 'Medicare Part B' },
      { label: 'Ray, Bob · Treatment 11/02/2026', lines: ['97110 40'], patient: BOB, date: '2026-11-02', payer: 'Aetna' },
    ]);
  });

  it('near miss: one patient\'s heading far above her visit\'s parts is one visit', () => {
    const update = read(`<h1>Day sheet — 11/02/2026</h1><h4>Lee, Ann</h4><p>Payer: Medicare Part B</p>${MORE.join('')}<h5>Ther Ex</h5>${table(`<tr>${line('97110', 23, 2)}</tr>`)}<h5>Manual Therapy</h5>${table(`<tr>${line('97140', 10, 1)}</tr>`)}`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97140 10']]);
  });

  it('near miss: section headings far above the treatment headings ("Ther Ex", "Gait Training") name no patient', () => {
    const update = read(`${NOTE}<h4>Ther Ex</h4>${MORE.join('')}<h5>Treatment</h5>${table(`<tr>${line('97110', 23, 2)}</tr>`)}<h4>Gait Training</h4>${MORE.join('')}<h5>Treatment</h5>${table(`<tr>${line('97116', 10, 1)}</tr>`)}`);
    expect(visits(update).map((v) => v.lines)).toEqual([['97110 23', '97116 10']]);
  });
});
