// @vitest-environment happy-dom
// One patient's morning and afternoon sessions on one page, each under its own heading: CMS
// bills the day (CPM Pub. 100-04 Ch. 5 §20.2: "the total number of minutes … in a single day").
// Worked example: 10 minutes of 97110 in the morning and 10 of 97112 in the afternoon are 20
// timed minutes for the day, which the §20.2 chart makes 1 unit (8–22 minutes), not the 2 the
// two visits bill alone. Before: each visit was checked alone and nothing was said.
import { describe, expect, it } from 'vitest';
import { PageSession, type VisitPart } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import { evaluate } from '../../lib/rules/evaluate';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);

const line = (id: string, code: string, minutes: number, units: number) =>
  `<tr><td><input name="${id}-code" value="${code}"></td><td>Ther ex</td><td><input name="${id}-min" value="${minutes}"></td><td><input name="${id}-units" value="${units}"></td><td><input value="GP"></td></tr>`;
const session = (heading: string, id: string, code: string, minutes: number, units: number) =>
  `<h3>${heading}</h3><table><thead><tr><th>CPT</th><th>Intervention</th><th>Minutes</th><th>Units</th><th>Mod</th></tr></thead><tbody>${line(id, code, minutes, units)}</tbody></table>`;
const banner = (patient: string) => `<h1>Daily note</h1><p>Patient: ${patient}</p><p>Date of service: 11/02/2026</p><p>Payer: Medicare Part B</p>`;

const rules = (part: VisitPart) => evaluate(part.visit).findings.map((f) => f.rule);

describe('a patient’s two sessions of one day on one page', () => {
  it('the later session carries the day: 10 + 10 minutes support 1 unit, not 2', () => {
    document.body.innerHTML = banner('Ann Lee') + session('AM session 9:00', 'am', '97110', 10, 1) + session('PM session 2:00', 'pm', '97112', 10, 1);
    const snap = new PageSession(document, () => OPTIONS).flush()!;
    expect(snap.visits).toHaveLength(2);
    const [am, pm] = snap.visits as [VisitPart, VisitPart];
    expect(rules(am)).not.toContain('units.same-day');
    expect(pm.visit.sameDay).toEqual([{ id: 'AM session 9:00', entries: [{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }] }]);
    const day = evaluate(pm.visit).findings.find((f) => f.rule === 'units.same-day');
    expect(day?.message).toMatch(/AM session 9:00/);
    // Each visit alone is right (10 minutes, 1 unit): only the day is over-billed.
    expect(rules(pm)).not.toContain('units.over-billed');
  });

  it('typing in the morning session sends the afternoon one again with the new day', () => {
    document.body.innerHTML = banner('Ann Lee') + session('AM session 9:00', 'am', '97110', 10, 1) + session('PM session 2:00', 'pm', '97112', 10, 1);
    const s = new PageSession(document, () => OPTIONS);
    s.flush();
    // 13 + 10 = 23 minutes: 2 units for the day (CPM §20.2, 23–37 minutes), as billed.
    const am = document.querySelector<HTMLInputElement>('input[name="am-min"]')!;
    am.value = '13';
    s.edit(am);
    const update = s.flush()!;
    expect(update.visits.map((v) => v.key)).toEqual(['v1', 'v2']);
    const pm = update.visits[1]!;
    expect(pm.visit.sameDay?.[0]?.entries[0]?.minutes).toBe(13);
    expect(rules(pm)).not.toContain('units.same-day');
    expect(evaluate(pm.visit).lines.map((l) => `${l.code}×${l.units}`)).toEqual(['97112×1']);
  });

  it('two patients’ sessions are never one day', () => {
    document.body.innerHTML =
      `<h1>Day sheet — 11/02/2026</h1><section><p>Patient: Ann Lee</p><p>Date of service: 11/02/2026</p><p>Payer: Medicare Part B</p>${session('9:00 AM', 'a', '97110', 10, 1)}</section>` +
      `<section><p>Patient: Bob Ray</p><p>Date of service: 11/02/2026</p><p>Payer: Medicare Part B</p>${session('2:00 PM', 'b', '97112', 10, 1)}</section>`;
    const snap = new PageSession(document, () => OPTIONS).flush()!;
    expect(snap.visits).toHaveLength(2);
    for (const v of snap.visits) expect(v.visit.sameDay).toBeUndefined();
  });

  it('a page that names no patient checks each session alone (nothing says they are one patient’s)', () => {
    document.body.innerHTML = `<h1>Daily note</h1><p>Date of service: 11/02/2026</p><p>Payer: Medicare Part B</p>${session('AM session 9:00', 'am', '97110', 10, 1)}${session('PM session 2:00', 'pm', '97112', 10, 1)}`;
    const snap = new PageSession(document, () => OPTIONS).flush()!;
    for (const v of snap.visits) expect(v.visit.sameDay).toBeUndefined();
  });

  // The patient named only in the note's heading, as many EHRs' banners do: the over-billed day passed unsaid.
  const sessions = session('AM session 9:00', 'am', '97110', 10, 1) + session('PM session 2:00', 'pm', '97112', 10, 1);
  it.each([
    ['<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>'],
    ['<h1>Lee, Ann · MRN 1001</h1><h2>Daily note — 11/02/2026</h2><p>Payer: Medicare Part B</p>'],
    // The therapist's name in a heading of its own is no patient.
    ['<h1>Daily note — Ann Lee — 11/02/2026</h1><h2>Therapist: Kim Park</h2><h2>Kim Park</h2><p>Payer: Medicare Part B</p>'],
    ['<h1>Evergreen Health</h1><h2>Lee, Ann · MRN 1001</h2><h3>Daily note — 11/02/2026</h3><p>Payer: Medicare Part B</p>'],
  ])('the patient named only in a heading above the sessions (%s): her day', (head) => {
    document.body.innerHTML = head + sessions;
    const [am, pm] = new PageSession(document, () => OPTIONS).flush()!.visits;
    expect(am!.visit.sameDay).toBeUndefined();
    expect(pm!.visit.sameDay?.map((v) => v.id)).toEqual(['AM session 9:00']);
    expect(rules(pm!)).toContain('units.same-day');
  });

  it.each([
    ['two patients in the headings', '<h1>Daily note — Ann Lee — 11/02/2026</h1><h2>Lee, Bob · MRN 1002</h2><p>Payer: Medicare Part B</p>'],
    ['no person in the headings', '<h1>Daily note — 11/02/2026</h1><p>Payer: Medicare Part B</p>'],
    ['a clinic’s name', '<h1>Evergreen Health</h1><h2>Day sheet — 11/02/2026</h2><p>Payer: Medicare Part B</p>'],
    ['a clinic’s name in the day’s heading', '<h1>Springfield Clinic — Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p>'],
    ['the user greeted', '<h1>Welcome, Kim Park</h1><h2>Day sheet — 11/02/2026</h2><p>Payer: Medicare Part B</p>'],
    ['a therapist’s name alone', '<h1>Day sheet — 11/02/2026</h1><h2>Kim Park</h2><p>Payer: Medicare Part B</p>'],
    ['a physician', '<h1>Day sheet — 11/02/2026</h1><h2>John Smith, MD</h2><p>Payer: Medicare Part B</p>'],
  ])('%s: each session alone', (_, head) => {
    document.body.innerHTML = head + sessions;
    for (const v of new PageSession(document, () => OPTIONS).flush()!.visits) expect(v.visit.sameDay).toBeUndefined();
  });

  it('“Lee, Ann” in one session’s Patient field and “Ann Lee” in the heading are one patient', () => {
    document.body.innerHTML = `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><section><p>Patient: Lee, Ann</p>${session('AM session 9:00', 'am', '97110', 10, 1)}</section><section>${session('PM session 2:00', 'pm', '97112', 10, 1)}</section>`;
    const [am, pm] = new PageSession(document, () => OPTIONS).flush()!.visits;
    expect(am!.visit.patientTag).toBe(pm!.visit.patientTag);
    expect(rules(pm!)).toContain('units.same-day');
  });

  it('sessions named by their patients stay each patient’s, whatever one name a heading shows', () => {
    document.body.innerHTML = `<h1>Day sheet — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p>${session('Lee, Ann — 9:00', 'a', '97110', 10, 1)}${session('Ray, Bob — 2:00', 'b', '97112', 10, 1)}`;
    for (const v of new PageSession(document, () => OPTIONS).flush()!.visits) expect(v.visit.sameDay).toBeUndefined();
  });
});
