// @vitest-environment happy-dom
// Charge lines built of divs (no table, no role="row"), one card or one heading per patient or
// per day: each card's or heading's lines are one visit, never joined to the visit before. A
// card with a single line was read as a row the size of the whole card, its heading inside it,
// and its line joined the card before; headings between lines listed in one box split nothing.
import { describe, expect, it } from 'vitest';
import { readPage, visitsOf } from './read-page';
import { patientTag } from '../../lib/extract/read';

const charge = (code: string, name: string, minutes: number, units: number) =>
  `<div class="charge-row"><span class="code">${code}</span><span class="desc">${name}</span><label>Min <input value="${minutes}"></label><label>Units <input value="${units}"></label></div>`;
const ANN = charge('97110', 'Therapeutic exercise', 23, 2) + charge('97140', 'Manual therapy', 10, 1);
const BOB = charge('97116', 'Gait training', 40, 3);
const JOE = charge('97112', 'Neuromuscular re-education', 10, 1) + charge('97530', 'Therapeutic activities', 15, 1);
const card = (title: string, lines: string) => `<section class="card"><h2>${title}</h2><div class="lines">${lines}</div></section>`;
const read = (html: string) => visitsOf(readPage(html)).map((v) => [v.label, v.lines, v.patient ?? null, v.date]);

describe('a card of div charge lines holding one line', () => {
  it('a day sheet: Bob’s one line is his visit, not a third line of Ann’s', () => {
    const html = `<h1>Day sheet 11/02/2026</h1><p>Payer: Medicare Part B</p>${card('Lee, Ann', ANN)}${card('Ray, Bob', BOB)}${card('Kim, Joe', JOE)}`;
    expect(read(html)).toEqual([
      ['Lee, Ann', ['97110 23', '97140 10'], patientTag('ann lee'), '2026-11-02'],
      ['Ray, Bob', ['97116 40'], patientTag('bob ray'), '2026-11-02'],
      ['Kim, Joe', ['97112 10', '97530 15'], patientTag('joe kim'), '2026-11-02'],
    ]);
  });

  it('a chart: the earlier visit’s one line is that visit’s, not today’s', () => {
    const html = `<h1>Flowsheet — Lee, Ann</h1><p>Payer: Medicare Part B</p>${card('Visit 11/02/2026', ANN)}${card('Visit 10/28/2026', BOB)}`;
    expect(read(html).map(([label, l, , date]) => [label, l, date])).toEqual([
      ['Visit 11/02/2026', ['97110 23', '97140 10'], '2026-11-02'],
      ['Visit 10/28/2026', ['97116 40'], '2026-10-28'],
    ]);
  });

  it('cards named by a header div, one line each: two patients, not one visit of both', () => {
    const c = (who: string, l: string) => `<div class="card"><div class="card-header">${who}</div><div class="card-body">${l}</div></div>`;
    const html = `<h1>Day sheet 11/02/2026</h1><p>Payer: Medicare Part B</p>${c('Lee, Ann', charge('97110', 'Therapeutic exercise', 40, 3))}${c('Ray, Bob', charge('97110', 'Therapeutic exercise', 40, 3))}`;
    expect(read(html).map(([label, l]) => [label, l])).toEqual([
      ['Lee, Ann', ['97110 40']],
      ['Ray, Bob', ['97110 40']],
    ]);
  });

  it('a card per appointment with its own Patient and Date fields stays one row: its fields name its visit', () => {
    const appt = (who: string, date: string, code: string, minutes: number) =>
      `<div class="appt"><label>Patient <input value="${who}"></label><label>Date <input value="${date}"></label><div class="charge-row"><span class="code">${code}</span><label>Min <input value="${minutes}"></label><label>Units <input value="1"></label></div></div>`;
    const html = `<h1>Appointments</h1><p>Payer: Medicare Part B</p>${appt('Lee, Ann', '11/02/2026', '97110', 15)}${appt('Ray, Bob', '11/02/2026', '97140', 10)}`;
    expect(read(html).map(([, l, patient, date]) => [l, patient, date])).toEqual([
      [['97110 15'], patientTag('ann lee'), '2026-11-02'],
      [['97140 10'], patientTag('bob ray'), '2026-11-02'],
    ]);
  });
});

describe('headings between div lines listed in one box', () => {
  it('each patient’s heading starts her visit, named as a day sheet’s patient row is', () => {
    const html = `<h1>Day sheet 11/02/2026</h1><p>Payer: Medicare Part B</p><div class="charges"><h3>Lee, Ann</h3>${ANN}<h3>Ray, Bob</h3>${charge('97116', 'Gait training', 40, 3)}${charge('97112', 'Neuromuscular re-education', 10, 1)}</div>`;
    expect(read(html)).toEqual([
      ['Lee, Ann · Day sheet 11/02/2026', ['97110 23', '97140 10'], patientTag('ann lee'), '2026-11-02'],
      ['Ray, Bob · Day sheet 11/02/2026', ['97116 40', '97112 10'], patientTag('bob ray'), '2026-11-02'],
    ]);
  });

  it('each day’s heading starts its visit, with its date', () => {
    const html = `<h1>Flowsheet — Lee, Ann</h1><p>Payer: Medicare Part B</p><div class="charges"><h3>11/02/2026</h3>${charge('97110', 'Therapeutic exercise', 8, 1)}${charge('97140', 'Manual therapy', 8, 1)}<h3>10/28/2026</h3>${charge('97116', 'Gait training', 8, 1)}${charge('97112', 'Neuromuscular re-education', 8, 1)}</div>`;
    expect(read(html).map(([label, l, , date]) => [label, l, date])).toEqual([
      ['11/02/2026', ['97110 8', '97140 8'], '2026-11-02'],
      ['10/28/2026', ['97116 8', '97112 8'], '2026-10-28'],
    ]);
  });

  it('a heading that names no visit or person (“Charges”, “Untimed”) splits nothing', () => {
    const html = `<h1>Daily note — Lee, Ann — 11/02/2026</h1><p>Payer: Medicare Part B</p><div class="charges"><h3>Timed</h3>${ANN}<h3>Untimed</h3>${charge('97116', 'Gait training', 40, 3)}</div>`;
    expect(read(html).map(([, l]) => l)).toEqual([['97110 23', '97140 10', '97116 40']]);
  });
});

// Found by a review of these fixes: each failed on their first version.
describe('what stays with a line: its card’s written facts, its note’s addendum', () => {
  const line = (code: string, minutes: number) => `<div class="charge-row"><span class="code">${code}</span><label>Min <input value="${minutes}"></label></div>`;

  it('a card per appointment whose patient and date are written as text, one line each: Bob’s line is never Ann’s, on her date', () => {
    const appt = (who: string, date: string, code: string, m: number) => `<div class="appt"><div class="who">Patient: ${who}</div><div class="dos">DOS: ${date}</div>${line(code, m)}</div>`;
    const html = `<h1>Appointments</h1><p>Payer: Medicare Part B</p>${appt('Lee, Ann', '11/02/2026', '97110', 15)}${appt('Ray, Bob', '11/03/2026', '97140', 10)}`;
    const bobs = visitsOf(readPage(html)).find((v) => v.lines.includes('97140 10'))!;
    expect(bobs.patient).not.toBe(patientTag('ann lee'));
    expect(bobs.date).not.toBe('2026-11-02');
  });

  it('an addendum’s dated heading between one note’s lines splits nothing: every line Ann’s, of 11/02/2026', () => {
    const html = `<h1>Daily note — 11/02/2026</h1><p>Patient: Ann Lee</p><p>Payer: Medicare Part B</p><div class="charges">${charge('97110', 'Therapeutic exercise', 23, 2)}<h4>Addendum 11/02/2026 10:15</h4>${charge('97140', 'Manual therapy', 10, 1)}</div>`;
    const visits = visitsOf(readPage(html));
    expect(visits.map((v) => [v.lines, v.patient, v.date])).toEqual([[['97110 23', '97140 10'], patientTag('ann lee'), '2026-11-02']]);
  });
});

// Found by a second review: each failed on the version before it.
describe('a one-line card whose heading or hint writes a label and a colon', () => {
  it('cards headed "Patient: Lee, Ann" / "Patient: Ray, Bob": Bob’s one line is his visit', () => {
    const c = (who: string, lines: string) => `<section class="card"><h2>Patient: ${who}</h2><div class="lines">${lines}</div></section>`;
    const bobs = read(`<h1>Day sheet 11/02/2026</h1><p>Payer: Medicare Part B</p>${c('Lee, Ann', ANN)}${c('Ray, Bob', BOB)}`).find((v) => (v[1] as string[]).includes('97116 40'))!;
    expect([bobs[1], bobs[2]]).toEqual([['97116 40'], patientTag('bob ray')]);
  });

  it('cards with a hint ("Enter minutes per date: one line per code"): Bob’s one line is his visit', () => {
    const c = (who: string, lines: string) => `<section class="card"><h2>${who}</h2><p class="hint">Enter minutes per date: one line per code.</p><div class="lines">${lines}</div></section>`;
    const bobs = read(`<h1>Day sheet 11/02/2026</h1><p>Payer: Medicare Part B</p>${c('Lee, Ann', ANN)}${c('Ray, Bob', BOB)}`).find((v) => (v[1] as string[]).includes('97116 40'))!;
    expect([bobs[1], bobs[2]]).toEqual([['97116 40'], patientTag('bob ray')]);
  });

  it('a chart’s cards headed "Visit date: …": the earlier visit’s one line is that visit’s', () => {
    const c = (date: string, lines: string) => `<section class="card"><h2>Visit date: ${date}</h2><div class="lines">${lines}</div></section>`;
    expect(read(`<h1>Flowsheet — Lee, Ann</h1><p>Payer: Medicare Part B</p>${c('11/02/2026', ANN)}${c('10/28/2026', BOB)}`).map(([, l, , d]) => [l, d])).toEqual([
      [['97110 23', '97140 10'], '2026-11-02'],
      [['97116 40'], '2026-10-28'],
    ]);
  });
});
