// @vitest-environment happy-dom
// What a visit's heading says beside its day or name (a status, a clinic, a time zone), a
// summary's column of charges, and banners put in late in other shapes (in an app's root, as a
// list, with an allergies line). Found by a fourth review of this session's fixes (helper
// session); each case not called a guard failed on the code before (its comment says how).
import { describe, expect, it } from 'vitest';
import { PageSession, type PageUpdate } from '../../lib/live/page-session';
import { evaluate } from '../../lib/rules/evaluate';
import { patientTag } from '../../lib/extract/read';
import { OPTIONS, input, readPage, ro, sentVisits, stepThrough, table, visitsOf } from './read-page';

const row = (code: string, min: number, units: number, mod = '') =>
  `<tr><td>${code}</td><td><input value="${min}"></td><td><input value="${units}"></td><td><input value="${mod}"></td></tr>`;
const tbl = (rows: string) => `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;
const visits = (html: string) => readPage(html).visits.map((v) => v.visit);
const mismatch = (v: Parameters<typeof evaluate>[0]) => evaluate(v).findings.filter((f) => f.rule === 'modifier.discipline-mismatch').map((f) => f.headline);
const tr = (code: string, m: number, u: number) => `<tr><td>${code}</td><td>${input(m)}</td><td>${input(u)}</td></tr>`;

describe('payer from a dated heading (b07a782)', () => {
  it('"Visit 03/16/2026 — Insurance updated" under "Payer: Medicare Part B": still Medicare', () => {
    const got = visits(`<div class="banner">Patient: Ann Lee · MRN 12345 · Payer: Medicare Part B</div>
      <section><h2>Visit 03/16/2026 — Insurance updated</h2>${tbl(row('97110', 5, 0, 'GP') + row('97140', 5, 0, 'GP'))}</section>
      <section><h2>Visit 03/17/2026</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    // Before: ['Insurance updated', 'Medicare Part B'], method 'per-code': "97110: no unit today (5 minutes)", "97140: …" (CMS: 1 unit). 949d613: passes.
    expect(got.map((v) => v.payer)).toEqual(['Medicare Part B', 'Medicare Part B']);
    expect(evaluate(got[0]!).method).toBe('cms');
  });
  it('"Visit 03/16/2026 — Commercial Street Clinic" under "Payer: Medicare Part B": still Medicare', () => {
    const got = visits(`<div class="banner">Patient: Ann Lee · MRN 12345 · Payer: Medicare Part B</div>
      <section><h2>Visit 03/16/2026 — Commercial Street Clinic</h2>${tbl(row('97110', 5, 0, 'GP') + row('97140', 5, 0, 'GP'))}</section>
      <section><h2>Visit 03/17/2026 — Main Campus</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    // Before: ['Commercial Street Clinic', 'Medicare Part B'], method 'per-code'. 949d613: passes.
    expect(got.map((v) => v.payer)).toEqual(['Medicare Part B', 'Medicare Part B']);
    expect(evaluate(got[0]!).method).toBe('cms');
  });
  it('guard: "Visit 03/16/2026 — Medicare Part B eligibility verified" / "— Medicare (secondary)" under "Payer: Aetna": Aetna', () => {
    const got = visits(`<div class="banner">Patient: Ann Lee · MRN 12345 · Payer: Aetna</div>
      <section><h2>Visit 03/16/2026 — Medicare Part B eligibility verified</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>
      <section><h2>Visit 03/17/2026 — Medicare (secondary)</h2>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    expect(got.map((v) => v.payer)).toEqual(['Aetna', 'Aetna']);
  });
});

describe('discipline from a visit\'s own heading (b07a782)', () => {
  it('OT day sheet, telehealth times "9:00 AM PT" (Pacific): the OT visits stay OT, their GO lines no error', () => {
    const got = visits(`<h1>Occupational Therapy — Day sheet 03/16/2026</h1>
      <section><h2>Lee, Ann — 9:00 AM PT</h2><p>Payer: Medicare Part B</p>${tbl(row('97535', 20, 1, 'GO'))}</section>
      <section><h2>Ray, Bob — 10:00 AM PT</h2><p>Payer: Medicare Part B</p>${tbl(row('97530', 20, 1, 'GO'))}</section>`);
    // Before: ['PT', 'PT'] and "97535: use GP, not GO" on a correct OT line. 949d613: passes.
    expect(got.map((v) => v.discipline)).toEqual(['OT', 'OT']);
    expect(mismatch(got[0]!)).toEqual([]);
  });
  it('"Lee, Ann — OT evaluation · Referred by Physical Therapy": not PT, its GO line no error', () => {
    const got = visits(`<h1>Day sheet 03/16/2026</h1>
      <section><h2>Lee, Ann — OT evaluation · Referred by Physical Therapy</h2><p>Payer: Medicare Part B</p>${tbl(row('97166', 45, 1, 'GO'))}</section>
      <section><h2>Ray, Bob — Daily note</h2><p>Payer: Medicare Part B</p>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    // Before: 'PT' (written "Physical Therapy" wins over capital "OT"). 949d613: fails the same way (page headings). Not new.
    expect(got[0]!.discipline).not.toBe('PT');
    expect(mismatch(got[0]!)).toEqual([]);
  });
  it('day sheet, a discipline sub-heading in Ann\'s section only ("Speech Therapy"): Bob\'s PT visit is not SLP', () => {
    const got = visits(`<h1>Day sheet 03/16/2026</h1>
      <section><h2>Lee, Ann</h2><h3>Speech Therapy</h3><p>Payer: Medicare Part B</p>${tbl(row('92507', 30, 1, 'GN'))}</section>
      <section><h2>Ray, Bob</h2><h3>Daily note</h3><p>Payer: Medicare Part B</p>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    // Guard: passes on HEAD (949d613: 'SLP', fixed by b07a782).
    expect(got[1]!.discipline).not.toBe('SLP');
    expect(mismatch(got[1]!)).toEqual([]);
  });
  it('guard: "Lee, Ann — PT/OT co-treat" on a "Physical Therapy" day sheet: PT (the page\'s), no error on GP', () => {
    const got = visits(`<h1>Physical Therapy — Day sheet 03/16/2026</h1>
      <section><h2>Lee, Ann — PT/OT co-treat</h2><p>Payer: Medicare Part B</p>${tbl(row('97110', 20, 1, 'GP'))}</section>
      <section><h2>Ray, Bob — Daily note</h2><p>Payer: Medicare Part B</p>${tbl(row('97110', 20, 1, 'GP'))}</section>`);
    expect(got.map((v) => v.discipline)).toEqual(['PT', 'PT']);
  });
});

const SHEET = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><h2>Lee, Ann</h2>${table(tr('97110', 38, 3))}<h2>Ray, Bob</h2>${table(tr('97140', 8, 1))}`;
describe('a summary by its column header (1d65086)', () => {
  it('sessions signed this morning, "Patient | CPT | Units | Amount", amounts not yet priced: still visits of the day', () => {
    const u = readPage(`${SHEET}<h2>Signed this morning</h2>${ro(['Patient', 'CPT', 'Units', 'Amount'], [['Lee, Ann', '97110', '3', ''], ['Ray, Bob', '97140', '1', '']])}`);
    expect(u.list!.map((l) => [l.label, l.history])).toEqual([
      ['Lee, Ann', false],
      ['Ray, Bob', false],
      ['Lee, Ann · Signed this morning', false],
      ['Ray, Bob · Signed this morning', false],
    ]);
  });
  it('sessions signed this morning with a "Billed" status column (No/Pending): still visits of the day', () => {
    const u = readPage(`${SHEET}<h2>Signed this morning</h2>${ro(['Patient', 'CPT', 'Units', 'Signed', 'Billed'], [['Lee, Ann', '97110', '3', '9:40 AM', 'No'], ['Ray, Bob', '97140', '1', '10:15 AM', 'Pending']])}`);
    expect(u.list!.map((l) => [l.label, l.history])).toEqual([
      ['Lee, Ann', false],
      ['Ray, Bob', false],
      ['Lee, Ann · Signed this morning', false],
      ['Ray, Bob · Signed this morning', false],
    ]);
  });
});

const folded = (updates: (PageUpdate | undefined)[]) =>
  sentVisits(updates).map(({ label, part: v }) => ({ label, patient: v.visit.patientTag, date: v.visit.dateOfService, sameDay: v.visit.sameDay?.length ?? 0 }));
const fresh = () => folded([new PageSession(document, () => OPTIONS).flush()]);
async function live(html: string, steps: (() => void)[]) {
  const { sent, rereads } = await stepThrough(html, steps);
  return { got: folded(sent), rereads };
}
const $ = (sel: string) => document.querySelector(sel)!;
const session = (heading: string, rows: string) => `<section><h3>${heading}</h3>${table(rows)}</section>`;
const AM_PM = `${session('AM session 9:00', tr('97110', 10, 1))}${session('PM session 2:00', tr('97110', 10, 1))}`;
const ANN = patientTag('ann lee');
const DAY = [
  [ANN, '2026-11-02', 0],
  [ANN, '2026-11-02', 1],
];

describe('late banner facts (1d65086)', () => {
  it('a one-line banner put into the app\'s root beside the form: read as a fresh read does', async () => {
    const { got } = await live(`<div id="app"><h1>Daily note</h1>${AM_PM}</div>`, [() => $('#app').insertAdjacentHTML('afterbegin', '<div class="banner">Patient: Ann Lee · Date of service: 11/02/2026</div>')]);
    expect(fresh().map((v) => [v.patient, v.date, v.sameDay])).toEqual(DAY);
    // Before: [[undefined, undefined, 0], [undefined, undefined, 0]] (AM + PM never dated, pooled or tagged). 949d613: passes.
    expect(got.map((v) => [v.patient, v.date, v.sameDay])).toEqual(DAY);
  });
  it('a banner built as a list (<ul><li>Patient: …</li>…): read as a fresh read does', async () => {
    const { got } = await live(`<div id="b"></div><h1>Daily note</h1>${AM_PM}`, [() => ($('#b').innerHTML = '<ul class="patient-banner list-inline"><li>Patient: Ann Lee</li><li>MRN 1001</li><li>Date of service: 11/02/2026</li></ul>')]);
    expect(fresh().map((v) => [v.patient, v.date, v.sameDay])).toEqual(DAY);
    // Before: [[undefined, undefined, 0], [undefined, undefined, 0]] (AM + PM never dated, pooled or tagged). 949d613: passes.
    expect(got.map((v) => [v.patient, v.date, v.sameDay])).toEqual(DAY);
  });
  it('a banner with an allergies line: read as a fresh read does', async () => {
    const { got } = await live(`<div id="b"></div><h1>Daily note</h1>${AM_PM}`, [() => ($('#b').innerHTML = '<p>Patient: Ann Lee</p><p>Date of service: 11/02/2026</p><p>Allergies: NKDA</p>')]);
    expect(fresh().map((v) => [v.patient, v.date, v.sameDay])).toEqual(DAY);
    // Before: [[undefined, undefined, 0], [undefined, undefined, 0]] (AM + PM never dated, pooled or tagged). 949d613: passes.
    expect(got.map((v) => [v.patient, v.date, v.sameDay])).toEqual(DAY);
  });
  it('guard: the banner\'s lines with MRN and DOB mounted later: read', async () => {
    const { got } = await live(`<div id="b"></div><h1>Daily note</h1>${AM_PM}`, [() => ($('#b').innerHTML = '<p>Patient: Ann Lee · MRN 1001 · DOB: 03/14/1950</p><p>Date of service: 11/02/2026</p>')]);
    expect(got.map((v) => [v.patient, v.date, v.sameDay])).toEqual(DAY);
  });
});
