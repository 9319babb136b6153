// @vitest-environment happy-dom
// Red-team pass of the live page reader on multi-visit pages laid out as therapy EHRs lay them
// out (WebPT-style daily note and billing tab, Raintree/Prompt-style day sheets, Epic-style
// flowsheets with dates as columns, Clinicient-style charge grids, a chart's signed notes beside
// today's). Each page is read as the content script reads it (PageSession.flush).
//
// The first block failed on 5f33672, each test one misreading with what a biller expects ("Read:"
// says what was read then); each now holds. The second block guards the
// layouts read correctly then.
import { beforeEach, describe, expect, it } from 'vitest';
import { PageSession } from '../../lib/live/page-session';
import { evaluate } from '../../lib/rules/evaluate';
import { OPTIONS } from './read-page';
import { mutate } from './mutate';
import { H, T, checked, historyLabels, linesOf, read } from './vendor-pages';

beforeEach(() => {
  document.body.innerHTML = '';
});

// ---- misreadings ---------------------------------------------------------------------------

describe('vendor layouts misread on 5f33672', () => {
  // React day-sheet card: the card's title row is two spans, the patient's name and the
  // appointment's date and time (JSX drops the whitespace between them, but a space changes
  // nothing). Each card is its own patient, payer and table.
  const cards = (title: (name: string, other: string) => string) => `<h1>Day Sheet — 11/02/2026</h1>
    <div class="appt-card">${title('Lee, Ann', '10/30/2026')}<p>Payer: Medicare</p>${T(H, [['97110', '=23', '=2']])}</div>
    <div class="appt-card">${title('Ray, Bob', '10/29/2026')}<p>Payer: Aetna</p>${T(H, [['97112', '=30', '=2']])}</div>`;

  it('V1. a card title of the name and the appointment\'s date in two spans: two patients read as ONE visit under the first one\'s payer', () => {
    // Biller: two visits, Lee (Medicare, 97110) and Ray (Aetna, 97112), each of 11/02/2026.
    // Read (5f33672): one visit "Day Sheet — 11/02/2026" holding both patients' lines, payer
    // Medicare: Ray's Aetna lines checked by Medicare's total-time rule together with Ann's.
    // The same page with the name alone ("<span>Lee, Ann</span>"), a badge ("Checked in") or
    // "DOB …" beside it is split correctly: it is the date that stops the name being a name.
    const u = read(cards((name) => `<div class="appt-title"><span class="pt-name">${name}</span><span class="appt-time">11/02/2026 9:00 AM</span></div>`));
    expect(checked(u).map((v) => [v.lines, v.payer, v.date])).toEqual([
      [['97110 23/2'], 'Medicare', '2026-11-02'],
      [['97112 30/2'], 'Aetna', '2026-11-02'],
    ]);
  });

  it('V2. a card title of the name and "Last visit: 10/30/2026" (Prompt/Raintree schedule card): two patients read as ONE visit', () => {
    // Biller: two visits as in V1; "Last visit" is the patient's earlier visit, not this one.
    // Read: one visit of both patients' lines, payer Medicare. (A bare date, "POC ends
    // 12/31/2026", or "Lee, Ann — Last visit 10/30/2026" written as one text do the same.)
    const u = read(cards((name, last) => `<div class="appt-title"><strong>${name}</strong> <span class="muted">Last visit: ${last}</span></div>`));
    expect(linesOf(u)).toEqual([['97110 23/2'], ['97112 30/2']]);
    expect(checked(u).map((v) => v.payer)).toEqual(['Medicare', 'Aetna']);
  });

  it('V3. a signed note of 10/30 above today\'s note headed "Today" (no date on the page): today\'s lines mixed into the 10/30 visit and dated 10/30', () => {
    // Biller: today's visit is 97110 23/2 + 97140 15/1 (2 + 1 units for 38 minutes: correct);
    // the 10/30 note is signed history, listed apart. Read: ONE visit "Treatment Note —
    // 10/30/2026", dated 2026-10-30, of four lines (97110 30 + 97140 8 + 97110 23 + 97140 15):
    // 76 minutes of two days checked as one, history in today's claim, the wrong date of
    // service. The same happens under "Treatment Note", "New Treatment Note", "Daily Note",
    // "Billing" or "Interventions"; only a date of service stated somewhere on the page
    // (a banner, a DOS field) or a "Prior note" heading keeps them apart.
    const u = read(`<h1>Lee, Ann</h1><p>Payer: Medicare</p>
      <section class="note signed"><h3>Treatment Note — 10/30/2026</h3><p>Signed by J. Doe, PT</p>${T(H, [['97110', '30', '2'], ['97140', '8', '1']])}</section>
      <section class="note"><h3>Today</h3>${T(H, [['97110', '=23', '=2'], ['97140', '=15', '=1']])}</section>`);
    expect(linesOf(u)).toEqual([['97110 23/2', '97140 15/1']]);
    expect(checked(u)[0]!.date).not.toBe('2026-10-30');
    expect(historyLabels(u)).toHaveLength(1);
  });

  it('V4. a two-patient day sheet whose page stamps "Signed 11/02/2026 10:15 AM" on a heading: both patients merged (live and on a fresh read)', async () => {
    // Biller: Lee's signed visit of today (Medicare, 97110) and Ray's (Aetna, 97112) stay two
    // visits; signing one changes nothing about whose lines are whose. Read before the stamp:
    // two visits (correct). After it: one visit labelled "Lee, Ann — Signed 11/02/2026 10:15
    // AM" holding both lines, payer Medicare, and a fresh read of the page says the same.
    const page = `<h1>Day Sheet — 11/02/2026</h1>
      <div class="card"><h3 id="lee">Lee, Ann — Checked in</h3><p>Payer: Medicare</p>${T(H, [['97110', '=23', '=2']])}</div>
      <div class="card"><h3 id="ray">Ray, Bob — Checked in</h3><p>Payer: Aetna</p>${T(H, [['97112', '=30', '=2']])}</div>`;
    document.body.innerHTML = page;
    const session = new PageSession(document, () => OPTIONS);
    expect(linesOf(session.flush()!)).toEqual([['97110 23/2'], ['97112 30/2']]);
    // The EHR signs Ann's note: her heading gets its stamp and her boxes become read-only.
    session.mutations(
      await mutate(() => {
        document.getElementById('lee')!.textContent = 'Lee, Ann — Signed 11/02/2026 10:15 AM';
        for (const i of Array.from(document.querySelectorAll('.card')[0]!.querySelectorAll('input'))) i.setAttribute('readonly', '');
      }, document),
      () => false,
    );
    session.changedValues();
    const live = session.flush()!;
    expect(live.list!.length).toBe(2);
    // (Each visit sent is one patient's line; one whose lines did not change need not be sent again.)
    for (const v of live.visits) expect(v.visit.entries.length).toBe(1);
    const fresh = new PageSession(document, () => OPTIONS).flush()!;
    expect(checked(fresh).map((v) => [v.lines, v.payer])).toEqual([
      [['97110 23/2'], 'Medicare'],
      [['97112 30/2'], 'Aetna'],
    ]);
  });

  it('V5. a patient\'s note of TODAY signed on a day sheet ("Lee, Ann — Signed 11/02/2026 10:15 AM", read-only) is taken for history and never checked', () => {
    // Biller: Ann's signed visit of 11/02 is today's and must be checked (it over-bills: 23
    // minutes, 3 units). README: "another patient's signed visit of the day is checked, not
    // taken for history". Read: listed as read-only history, not checked; without the date
    // ("Signed 10:15 AM", "Signed") it is checked.
    const u = read(`<h1>Day Sheet — 11/02/2026</h1>
      <div class="card"><h3>Lee, Ann — Signed 11/02/2026 10:15 AM</h3><p>Payer: Medicare</p>${T(H, [['97110', '~23', '~3']])}</div>
      <div class="card"><h3>Ray, Bob — Checked in</h3><p>Payer: Aetna</p>${T(H, [['97112', '=30', '=2']])}</div>
      <div class="card"><h3>Cole, Eve — Checked in</h3><p>Payer: BCBS</p>${T(H, [['97140', '=15', '=1']])}</div>`);
    expect(historyLabels(u)).toEqual([]);
    const ann = checked(u).find((v) => v.label.startsWith('Lee, Ann'));
    expect(ann?.lines).toEqual(['97110 23/3']);
    expect(ann?.date).toBe('2026-11-02');
  });

  it('V6. a flowsheet whose row names are row headers (<th scope="row">): a code\'s minutes row and units row read as two lines', () => {
    // Epic-style flowsheet rows are <th scope="row">. Biller: one line 97110 23 min / 2 units
    // (README: a minutes row followed by its units row is one line). Read: "97110 23/-" and
    // "97110 -/2" (the units row asks for minutes, its units are never checked against the
    // 23 minutes), and a note that "nothing says whether they are minutes or units" on a row
    // named "— units". The same rows with <td> names are one line. pairMeasureRows
    // (lib/extract/read.ts:545) pairs by entry.label, which is empty for a <th> row name.
    const u = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
      <table><thead><tr><th>Row</th><th>10/30/2026</th><th>11/02/2026</th></tr></thead><tbody>
        <tr><th scope="row">97110 Ther Ex — minutes</th><td>25</td><td><input value="23"></td></tr>
        <tr><th scope="row">97110 Ther Ex — units</th><td>2</td><td><input value="2"></td></tr>
        <tr><th scope="row">97140 Manual — minutes</th><td>10</td><td><input value="15"></td></tr>
        <tr><th scope="row">97140 Manual — units</th><td>1</td><td><input value="1"></td></tr>
      </tbody></table>`);
    expect(linesOf(u)).toEqual([['97110 23/2', '97140 15/1']]);
  });

  it('V7. a flowsheet with a column per session, two of them today ("11/02/2026 0900", "11/02/2026 1400"): nothing on the page is read', () => {
    // Epic rehab flowsheets give each documented time its own column. Biller: the day's
    // 97110 10 + 10 and 97140 12 minutes (CMS counts the day together). Read: source 'none',
    // no visit at all ("no form found"); the same with "11/02/2026 AM | PM". One session's
    // column of today beside earlier days is read. Now the day's columns are added up per
    // row, said in a note (test/live/same-day-columns.test.ts).
    const u = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>
      <table><thead><tr><th>Intervention</th><th>10/30/2026 1400</th><th>11/02/2026 0900</th><th>11/02/2026 1400</th></tr></thead><tbody>
        <tr><td>97110 Ther Ex (min)</td><td>25</td><td><input value="10"></td><td><input value="10"></td></tr>
        <tr><td>97140 Manual (min)</td><td>10</td><td><input value="12"></td><td><input value=""></td></tr>
      </tbody></table>`);
    expect(u.source).toBe('generic');
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 20/-', '97140 12/-']]]);
    expect(u.visits[0]!.notes).toContainEqual(expect.stringMatching(/97110\).*minutes of 11\/02\/2026 0900 and 1400 added: 10 \+ 10 = 20/));
  });

  it('V8. an appointment time before the name in a day sheet heading ("9:00 AM · Lee, Ann · Medicare"): the payer is lost and the Medicare over-billing passes', () => {
    // Biller: Ann's payer is Medicare: 24 + 23 = 47 timed minutes are 3 units (CPM §20.2),
    // and 2 + 2 are billed: an error. Read: no payer (the same heading without the time,
    // "Lee, Ann · Medicare", gives it), so the per-code method is assumed with an info note
    // and the 4 units pass.
    const u = read(`<h1>Day Sheet — 11/02/2026</h1>
      <h3>9:00 AM · Lee, Ann · Medicare</h3>${T(H, [['97112', '=24', '=2'], ['97110', '=23', '=2']])}
      <h3>9:45 AM · Ray, Bob · Aetna</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => v.payer)).toEqual(['Medicare', 'Aetna']);
    const ann = u.visits.find((v) => v.visit.entries.some((e) => e.code === '97110'))!.visit;
    expect(evaluate(ann).findings.map((f) => f.rule)).toContain('units.over-billed');
  });

  it('V9. a flowsheet with dates as columns: a row left blank today is read as a line of today missing its minutes', () => {
    // Biller: today's (11/02) column holds 97110 only; 97140 and 97116 were given on 10/30,
    // not today, and are no part of today's claim. Read: 97140 and 97116 as lines with no
    // minutes (minutes.missing warnings, a provisional claim), while the same rows named by
    // <th> are left out.
    const u = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>${T(['Intervention', '10/30/2026', '11/02/2026'], [
      ['97110 Ther Ex (min)', '25', '=23'],
      ['97140 Manual (min)', '10', '='],
      ['97116 Gait (min)', '12', '='],
    ])}`);
    expect(linesOf(u)).toEqual([['97110 23/-']]);
  });

  // Left alone (closing note): a date beside a name is taken as the visit's name; a birth date is told only by its label ("DOB").
  it('V10. an unlabelled birth date in each patient\'s heading ("Lee, Ann  03/04/1941  F"): no date of service, no patient', () => {
    // Raintree-style schedule rows print name, birth date and sex. Biller: each visit is of
    // 11/02/2026 (the sheet's title) and of its patient. Read: dateOfService and patientTag
    // both undefined (dos.missing: "checked by the rules in force now"); with "· DOB
    // 03/04/1941 ·" both were right. Now read right: the sex (or an age) beside the date says it
    // is her birth date, read as "DOB 03/04/1941" is (birth-dates-in-headings.test.ts).
    const u = read(`<h1>Day Sheet 11/02/2026</h1>
      <h3>Lee, Ann  03/04/1941  F</h3>${T(H, [['97110', '=23', '=2']])}
      <h3>Ray, Bob  07/12/1950  M</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => v.date)).toEqual(['2026-11-02', '2026-11-02']);
    const tags = u.visits.map((v) => v.visit.patientTag);
    expect(tags.every(Boolean) && tags[0] !== tags[1]).toBe(true);
  });
});

// ---- layouts read correctly (guards) ---------------------------------------------------------

describe('vendor layouts read correctly', () => {
  const sel = (opts: [string, string][], chosen: string) => `<select>${opts.map(([v, t]) => `<option value="${v}"${v === chosen ? ' selected' : ''}>${t}</option>`).join('')}</select>`;
  const CPTS: [string, string][] = [['', '--'], ['1042', '97110 - Therapeutic Exercise'], ['1051', '97140 - Manual Therapy']];
  const MODS: [string, string][] = [['', ''], ['7', 'GP'], ['9', '59']];

  it('G1. WebPT-style billing tab (CPT and modifier selects whose values are ids, a totals footer) with signed visits in an open <details>', () => {
    const u = read(`<header><h1>Lee, Ann</h1><span>MRN 100234</span></header><p>Payer: Medicare Part B</p>
      <h2>Daily Note — 11/02/2026</h2><section><h3>Billing</h3>
      <table><thead><tr><th>CPT Code</th><th>Description</th><th>Minutes</th><th>Units</th><th>Modifier 1</th><th>Modifier 2</th></tr></thead><tbody>
        <tr><td>${sel(CPTS, '1042')}</td><td>Therapeutic Exercise</td><td><input type="number" value="23"></td><td><input type="number" value="2"></td><td>${sel(MODS, '7')}</td><td>${sel(MODS, '')}</td></tr>
        <tr><td>${sel(CPTS, '1051')}</td><td>Manual Therapy</td><td><input type="number" value="15"></td><td><input type="number" value="1"></td><td>${sel(MODS, '7')}</td><td>${sel(MODS, '9')}</td></tr>
      </tbody><tfoot><tr><td colspan="2">Total Timed Minutes</td><td>38</td><td>3</td><td></td><td></td></tr></tfoot></table></section>
      <details open><summary>Previous Visits</summary>
        <h4>Daily Note — 10/30/2026 (Signed)</h4>${T(['CPT Code', 'Minutes', 'Units', 'Modifiers'], [['97110', '30', '2', 'GP'], ['97140', '8', '1', 'GP']])}
        <h4>Daily Note — 10/28/2026 (Signed)</h4>${T(['CPT Code', 'Minutes', 'Units', 'Modifiers'], [['97112', '25', '2', 'GP']])}
      </details>`);
    expect(checked(u).map((v) => [v.lines, v.date, v.payer])).toEqual([[['97110 23/2 GP', '97140 15/1 GP 59'], '2026-11-02', 'Medicare Part B']]);
    expect(historyLabels(u)).toHaveLength(2);
  });

  it('G2. Clinicient-style charge grid (role=grid divs, aria-labelled boxes) with a DOS column: a visit per date', () => {
    const row = (d: string, c: string, u: string, m: number) =>
      `<div role="row"><div role="gridcell">${d}</div><div role="gridcell"><input aria-label="CPT" value="${c}"></div><div role="gridcell"><input aria-label="Modifiers" value="GP"></div><div role="gridcell"><input aria-label="Units" value="${u}"></div><div role="gridcell"><input aria-label="Minutes" value="${m}"></div></div>`;
    const u = read(`<h1>Charge Entry — Lee, Ann (MRN 100234)</h1><p>Primary: Medicare Part B</p>
      <div role="grid" aria-label="Charges"><div role="row">${['DOS', 'CPT', 'Modifiers', 'Units', 'Minutes'].map((h) => `<div role="columnheader">${h}</div>`).join('')}</div>
      ${row('10/30/2026', '97110', '2', 30)}${row('10/30/2026', '97140', '1', 8)}${row('11/02/2026', '97110', '2', 23)}${row('11/02/2026', '97112', '1', 15)}</div>`);
    expect(checked(u).map((v) => [v.date, v.payer, v.lines])).toEqual([
      ['2026-10-30', 'Medicare Part B', ['97110 30/2 GP', '97140 8/1 GP']],
      ['2026-11-02', 'Medicare Part B', ['97110 23/2 GP', '97112 15/1 GP']],
    ]);
  });

  it('G3. a clinic day sheet in one table: Patient and Payer cells spanning each patient\'s rows, a Totals row', () => {
    const u = read(`<h1>Clinic Day Sheet 11/02/2026</h1><table><thead><tr><th>Patient</th><th>Payer</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td rowspan="2">Lee, Ann</td><td rowspan="2">Medicare</td><td>97110</td><td><input value="23"></td><td><input value="2"></td></tr>
      <tr><td>97140</td><td><input value="15"></td><td><input value="1"></td></tr>
      <tr><td rowspan="2">Ray, Bob</td><td rowspan="2">Aetna</td><td>97112</td><td><input value="30"></td><td><input value="2"></td></tr>
      <tr><td>97530</td><td><input value="10"></td><td><input value="1"></td></tr>
      <tr><td colspan="3">Totals</td><td>78</td><td>6</td></tr></tbody></table>`);
    expect(checked(u).map((v) => [v.payer, v.date, v.lines])).toEqual([
      ['Medicare', '2026-11-02', ['97110 23/2', '97140 15/1']],
      ['Aetna', '2026-11-02', ['97112 30/2', '97530 10/1']],
    ]);
    const tags = u.visits.map((v) => v.visit.patientTag);
    expect(tags[0]).toBeTruthy();
    expect(tags[0]).not.toBe(tags[1]);
  });

  it('G4. a table caption per patient, and a treegrid of patient group rows (aria-level), each patient apart', () => {
    const cap = read(`<h1>Day Sheet 11/02/2026</h1>
      <table><caption>Lee, Ann — Medicare</caption><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td><input value="23"></td><td><input value="2"></td></tr></tbody></table>
      <table><caption>Ray, Bob — Aetna</caption><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97112</td><td><input value="30"></td><td><input value="2"></td></tr></tbody></table>`);
    expect(checked(cap).map((v) => [v.payer, v.lines])).toEqual([['Medicare', ['97110 23/2']], ['Aetna', ['97112 30/2']]]);
    const g = (name: string) => `<div role="row" aria-level="1" aria-expanded="true"><div role="gridcell" aria-colspan="3">${name}</div></div>`;
    const r = (c: string, m: number, n: number) => `<div role="row" aria-level="2"><div role="gridcell">${c}</div><div role="gridcell"><input aria-label="Minutes" value="${m}"></div><div role="gridcell"><input aria-label="Units" value="${n}"></div></div>`;
    const tree = read(`<h1>Therapist schedule — 11/02/2026</h1><div role="treegrid"><div role="row"><div role="columnheader">CPT</div><div role="columnheader">Minutes</div><div role="columnheader">Units</div></div>
      ${g('Lee, Ann (MRN 1001)')}${r('97110', 23, 2)}${r('97140', 15, 1)}${g('Ray, Bob (MRN 1002)')}${r('97112', 30, 2)}</div>`);
    expect(linesOf(tree)).toEqual([['97110 23/2', '97140 15/1'], ['97112 30/2']]);
  });

  it('G5. quick-charge cards, each with a Patient select whose values are ids and a date box', () => {
    const card = (pid: string, rows: string) => `<div class="card"><label>Patient <select><option value="">Select…</option><option value="p881"${pid === 'p881' ? ' selected' : ''}>Lee, Ann</option><option value="p902"${pid === 'p902' ? ' selected' : ''}>Ray, Bob</option></select></label>
      <label>Date of Service <input type="date" value="2026-11-02"></label>${rows}</div>`;
    const u = read(`<h1>Quick Charges</h1>${card('p881', T(H, [['97110', '=23', '=2']]))}${card('p902', T(H, [['97112', '=30', '=2']]))}`);
    expect(checked(u).map((v) => [v.label, v.date, v.lines])).toEqual([
      ['Lee, Ann', '2026-11-02', ['97110 23/2']],
      ['Ray, Bob', '2026-11-02', ['97112 30/2']],
    ]);
  });

  it('G6. a day sheet where each patient has a Timed and an Untimed table under her name', () => {
    const u = read(`<h1>Day Sheet — 11/02/2026</h1>
      <h3>Lee, Ann</h3><h4>Timed</h4>${T(H, [['97110', '=23', '=2']])}<h4>Untimed</h4>${T(H, [['97010', '=10', '=1']])}
      <h3>Ray, Bob</h3><h4>Timed</h4>${T(H, [['97112', '=30', '=2']])}<h4>Untimed</h4>${T(H, [['G0283', '=15', '=1']])}`);
    expect(linesOf(u)).toEqual([['97110 23/2', '97010 10/1'], ['97112 30/2', 'G0283 15/1']]);
  });

  it('G7. signed notes rendered with disabled or read-only boxes below today\'s note, and in closed <details>, stay history', () => {
    const box = (rows: [string, number, number][], attr: string) => `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td><input ${attr} value="${c}"></td>`).join('')}</tr>`).join('')}</tbody></table>`;
    const u = read(`<h1>Lee, Ann</h1><p>Payer: Medicare</p>
      <h2>Treatment Note 11/02/2026</h2>${box([['97110', 23, 2], ['97140', 15, 1]], '')}
      <h2>Treatment Note 10/30/2026 — Signed by J. Doe, PT</h2>${box([['97110', 30, 2], ['97112', 10, 1]], 'disabled')}
      <h2>Treatment Note 10/28/2026 — Signed by J. Doe, PT</h2>${box([['97110', 30, 2], ['97530', 10, 1]], 'readonly')}
      <details><summary>10/26/2026 — J. Doe, PT</summary>${T(H, [['97110', '30', '2']])}</details>`);
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 23/2', '97140 15/1']]]);
    expect(historyLabels(u)).toHaveLength(3);
  });

  it('G8. a signed note above today\'s undated note, when the page states the date of service: kept apart', () => {
    const old = `<section class="note signed"><h3>Treatment Note — 10/30/2026</h3><p>Signed by J. Doe, PT</p>${T(H, [['97110', '30', '2'], ['97140', '8', '1']])}</section>`;
    const today = `<section class="note"><h3>Treatment Note</h3>${T(H, [['97110', '=23', '=2'], ['97140', '=15', '=1']])}</section>`;
    const u = read(`<h1>Lee, Ann</h1><p>Payer: Medicare · Date of service: 11/02/2026</p>${old}${today}`);
    expect(checked(u).map((v) => [v.date, v.lines])).toEqual([['2026-11-02', ['97110 23/2', '97140 15/1']]]);
    expect(historyLabels(u)).toHaveLength(1);
  });

  it('G9. Epic-style flowsheet, dates as columns (today first or last, with clock times): today\'s column only', () => {
    for (const order of [['11/02/2026', '10/30/2026'], ['10/30/2026 1400', '11/02/2026 0900']]) {
      const todayAt = order.findIndex((h) => h.startsWith('11/02'));
      const cells = (old: string, now: string) => (todayAt === 0 ? [`=${now}`, old] : [old, `=${now}`]);
      const u = read(`<h1>Rehab Flowsheet — Lee, Ann</h1><p>Payer: Medicare</p>${T(['Intervention', ...order], [
        ['97110 Therapeutic Exercise (min)', ...cells('30', '23')],
        ['97140 Manual Therapy (min)', ...cells('8', '15')],
      ])}`);
      expect(checked(u).map((v) => [v.date, v.lines]), order.join(' | ')).toEqual([['2026-11-02', ['97110 23/-', '97140 15/-']]]);
    }
  });

  it('G10. live: typing in one patient\'s minutes sends that visit only, and the page rewriting its totals regroups nothing', async () => {
    document.body.innerHTML = `<h1>Day Sheet — 11/02/2026</h1>
      <div class="card"><h3>Lee, Ann — Checked in</h3><p>Payer: Medicare</p>${T(H, [['97110', '=23', '=2']])}<p class="tot">Total: 23 min</p></div>
      <div class="card"><h3>Ray, Bob — Checked in</h3><p>Payer: Aetna</p>${T(H, [['97112', '=30', '=2']])}<p class="tot">Total: 30 min</p></div>`;
    const session = new PageSession(document, () => OPTIONS);
    const first = session.flush()!;
    const rayKey = first.list![1]!.key;
    const minutes = document.querySelectorAll('.card')[1]!.querySelector('input') as HTMLInputElement;
    let typed: Element | null = null;
    session.mutations(
      await mutate(() => {
        minutes.value = '38';
        document.querySelectorAll('.tot')[1]!.textContent = 'Total: 38 min';
        typed = minutes;
      }, document),
      () => false,
    );
    session.edit(typed);
    const u = session.flush()!;
    expect(u.list).toBeUndefined();
    expect(u.visits.map((v) => [v.key, v.visit.entries.map((e) => `${e.code} ${e.minutes}/${e.units}`)])).toEqual([[rayKey, ['97112 38/2']]]);
  });

  it('G11. day sheet headings of time, name and payer written without the time ("Lee, Ann · Medicare"): each patient with her payer', () => {
    const u = read(`<h1>Day Sheet — 11/02/2026</h1><h3>Lee, Ann · Medicare</h3>${T(H, [['97110', '=23', '=2']])}<h3>Ray, Bob · Aetna</h3>${T(H, [['97112', '=30', '=2']])}`);
    expect(checked(u).map((v) => [v.payer, v.date, v.lines])).toEqual([
      ['Medicare', '2026-11-02', ['97110 23/2']],
      ['Aetna', '2026-11-02', ['97112 30/2']],
    ]);
  });
});
