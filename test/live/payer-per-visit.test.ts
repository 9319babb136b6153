// @vitest-environment happy-dom
// Payer and discipline on pages of several visits: each visit's are its own, never another
// visit's, nor the page's over its own. Found by a red-team pass (helper session); each case
// outside the guards failed on the code before (its comment says how).
import { describe, expect, it } from 'vitest';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { evaluate } from '../../lib/rules/evaluate';
import { OPTIONS, readPage, sentVisits } from './read-page';
import { mutate } from './mutate';

const row = (code: string, min: number, units: number, mod = '') =>
  `<tr><td>${code}</td><td><input value="${min}"></td><td><input value="${units}"></td><td><input value="${mod}"></td></tr>`;
const tbl = (rows: string) => `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;
const visits = (html: string) => readPage(html).visits.map((v) => v.visit);
const facts = (updates: (PageUpdate | undefined)[]) => sentVisits(updates).map(({ label, part }) => ({ label, payer: part.visit.payer, discipline: part.visit.discipline }));

describe("a discipline named in one visit's heading is that visit's only", () => {
  it("day sheet: Ann's \"Speech Therapy\" section makes Bob's PT visit SLP, and his GP line an error", () => {
    const [ann, bob] = visits(`<h1>Day sheet 03/16/2026</h1>
      <section><h2>Lee, Ann — Speech Therapy</h2><p>Payer: Medicare Part B</p>${tbl(row('92507', 30, 1, 'GN'))}</section>
      <section><h2>Ray, Bob — Daily note</h2><p>Payer: Medicare Part B</p>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    expect(ann!.discipline).toBe('SLP');
    // Before: 'SLP' (Ann's heading). Bob's heading names no discipline: his own GP line says PT.
    expect(bob!.discipline).not.toBe('SLP');
    // Before: modifier.discipline-mismatch error "97110: use GN, not GP" on a correctly billed PT line.
    expect(evaluate(bob!).findings.filter((f) => f.rule === 'modifier.discipline-mismatch').map((f) => f.headline)).toEqual([]);
  });
  it('day sheet: "PT Daily Note", "OT Treatment", "Speech Therapy" sections are all read as SLP', () => {
    const got = visits(`<h1>Day sheet 03/16/2026</h1>
      <section><h2>Lee, Ann — PT Daily Note</h2>${tbl(row('97110', 20, 1))}</section>
      <section><h2>Ray, Bob — OT Treatment</h2>${tbl(row('97535', 20, 1))}</section>
      <section><h2>Kim, Joe — Speech Therapy</h2>${tbl(row('92507', 30, 1))}</section>`).map((v) => v.discipline);
    // Before: ['SLP', 'SLP', 'SLP'].
    expect(got[0]).not.toBe('SLP');
    expect(got[1]).not.toBe('SLP');
  });
  it('chart of two dates, OT then PT: the PT visit is read as OT and its GP line flagged "use GO"', () => {
    const [, second] = visits(`<div class="banner">Patient: Ann Lee · MRN 12345 · Payer: Medicare Part B</div>
      <section><h2>Visit 03/16/2026 — Occupational Therapy</h2>${tbl(row('97535', 20, 1, 'GO'))}</section>
      <section><h2>Visit 03/17/2026 — PT</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    // Before: 'OT', and modifier.discipline-mismatch "97110: use GO, not GP".
    expect(second!.discipline).not.toBe('OT');
    expect(evaluate(second!).findings.filter((f) => f.rule === 'modifier.discipline-mismatch')).toEqual([]);
  });
});

describe("a chart whose coverage changed: the payer in a visit's own dated heading, not the banner's current one", () => {
  it('"Visit 03/16/2026 — Medicare Part B" under a banner "Payer: Aetna" is checked as Aetna', () => {
    const got = visits(`<div class="banner">Patient: Ann Lee · MRN 12345 · Payer: Aetna</div>
      <section><h2>Visit 03/16/2026 — Medicare Part B</h2>${tbl(row('97110', 5, 0, 'GP') + row('97140', 5, 0, 'GP'))}</section>
      <section><h2>Visit 04/02/2026 — Aetna</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    // Before: ['Aetna', 'Aetna'].
    expect(got.map((v) => v.payer)).toEqual(['Medicare Part B', 'Aetna']);
    // Under CMS, 5 + 5 minutes is 1 unit; under Aetna's per-code method, none: told "no unit today".
    expect(evaluate(got[0]!).method).toBe('cms');
  });
  it('the same with the heading "03/16/2026 · Medicare Part B"', () => {
    const got = visits(`<div class="banner">Patient: Ann Lee · MRN 12345 · Insurance: Aetna</div>
      <section><h2>03/16/2026 · Medicare Part B</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>
      <section><h2>04/02/2026 · Aetna</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    expect(got.map((v) => v.payer)).toEqual(['Medicare Part B', 'Aetna']);
  });
});

describe('a Medicare abbreviation beside the patient (MCR, MCB) is his payer, not the page\'s', () => {
  it('sections "Ray, Bob — MCR" / "Kim, Joe — MCB" under a page "Payer: Aetna" are checked as Aetna', () => {
    const got = visits(`<p>Payer: Aetna</p>
      <section><h2>Lee, Ann — 03/16/2026 — Aetna</h2>${tbl(row('97110', 5, 0, 'GP') + row('97140', 5, 0, 'GP'))}</section>
      <section><h2>Ray, Bob — 03/16/2026 — MCR</h2>${tbl(row('97110', 5, 0, 'GP') + row('97140', 5, 0, 'GP'))}</section>
      <section><h2>Kim, Joe — 03/16/2026 — MCB</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    // Before: ['Aetna', 'Aetna', 'Aetna'], no note saying the heading's payer was set aside.
    expect(got.map((v) => v.payer)).toEqual(['Aetna', 'MCR', 'MCB']);
    // Before: 'per-code' (Bob's 5 + 5 min: "no unit today" twice; CMS bills 1 unit).
    expect(evaluate(got[1]!).method).toBe('cms');
  });
  it('a day sheet table\'s patient group rows ("Ray, Bob — MCR") under a page payer', () => {
    const got = visits(`<h1>Day sheet 03/16/2026</h1><p>Payer: Aetna</p><table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
      <tr><td colspan="4">Lee, Ann — Aetna</td></tr>${row('97110', 5, 0, 'GP')}${row('97140', 5, 0, 'GP')}
      <tr><td colspan="4">Ray, Bob — MCR</td></tr>${row('97110', 5, 0, 'GP')}${row('97140', 5, 0, 'GP')}</tbody></table>`);
    // Before: ['Aetna', 'Aetna'].
    expect(got.map((v) => v.payer)).toEqual(['Aetna', 'MCR']);
  });
});

describe('guards (passed before too)', () => {
  it('each section\'s own payer line; a page payer only where a section has none; a section\'s secondary never over the page\'s primary', () => {
    expect(
      visits(`<h1>Day sheet 03/16/2026</h1>
        <section><h2>Lee, Ann</h2><p>Payer: Aetna</p>${tbl(row('97110', 20, 1, 'GP'))}</section>
        <section><h2>Ray, Bob</h2><p>Insurance: BCBS PPO</p>${tbl(row('97110', 20, 1, 'GP'))}</section>
        <section><h2>Kim, Joe</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`).map((v) => v.payer),
    ).toEqual(['Aetna', 'BCBS PPO', undefined]);
    expect(
      visits(`<p>Payer: Medicare Part B</p>
        <section><h2>Lee, Ann — 03/16/2026</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>
        <section><h2>Ray, Bob — 03/16/2026</h2><p>Payer: Aetna</p>${tbl(row('97110', 20, 1, 'GP'))}</section>
        <section><h2>Kim, Joe — 03/16/2026</h2><p>Secondary insurance: Medicaid</p>${tbl(row('97110', 20, 1, 'GP'))}</section>`).map((v) => v.payer),
    ).toEqual(['Medicare Part B', 'Aetna', 'Medicare Part B']);
  });
  it("a day sheet's Payer and Discipline columns: each patient's own (MCR, Aetna, Medicaid; PT, OT, SLP)", () => {
    const got = visits(`<h1>Day sheet 03/16/2026</h1><table><thead><tr><th>Patient</th><th>Payer</th><th>Discipline</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
      <tr><td>Lee, Ann</td><td>MCR</td><td>PT</td><td>97110</td><td><input value="20"></td><td><input value="1"></td><td>GP</td></tr>
      <tr><td>Ray, Bob</td><td>Aetna</td><td>OT</td><td>97535</td><td><input value="20"></td><td><input value="1"></td><td>GO</td></tr>
      <tr><td>Kim, Joe</td><td>Medicaid</td><td>SLP</td><td>92507</td><td><input value="30"></td><td><input value="1"></td><td>GN</td></tr></tbody></table>`);
    expect(got.map((v) => [v.payer, v.discipline])).toEqual([['MCR', 'PT'], ['Aetna', 'OT'], ['Medicaid', 'SLP']]);
  });
  it("live: a section's payer dropdown changed (with an event, or silently by a script) and its payer line re-rendered change that visit only", async () => {
    const sel = (id: string) => `<label for="${id}">Payer</label><select id="${id}"><option value="">-- Select --</option><option>Medicare Part B</option><option>Aetna</option><option>BCBS PPO</option></select>`;
    document.body.innerHTML = `<h1>Day sheet 03/16/2026</h1><section><h2>Lee, Ann</h2>${sel('a')}${tbl(row('97110', 20, 1, 'GP'))}</section><section><h2>Ray, Bob</h2>${sel('b')}<p id="pb">Discipline: PT</p>${tbl(row('97110', 20, 1, 'GP'))}</section>`;
    const a = document.getElementById('a') as HTMLSelectElement;
    const b = document.getElementById('b') as HTMLSelectElement;
    a.value = 'Aetna';
    b.value = 'Medicare Part B';
    const s = new PageSession(document, () => OPTIONS);
    const sent = [s.flush()];
    expect(facts(sent).map((v) => v.payer)).toEqual(['Aetna', 'Medicare Part B']);
    b.value = 'BCBS PPO';
    s.edit(b);
    sent.push(s.flush());
    expect(facts(sent).map((v) => v.payer)).toEqual(['Aetna', 'BCBS PPO']);
    a.value = 'Medicare Part B';
    expect(s.changedValues()).toBe(true);
    sent.push(s.flush());
    expect(facts(sent).map((v) => v.payer)).toEqual(['Medicare Part B', 'BCBS PPO']);
    s.mutations(await mutate(() => (document.getElementById('pb')!.innerHTML = '<span>Discipline:</span> OT'), document), () => false);
    sent.push(s.flush());
    expect(facts(sent).map((v) => v.discipline)).toEqual([undefined, 'OT']);
  });
});
