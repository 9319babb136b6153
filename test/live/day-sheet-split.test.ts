// @vitest-environment happy-dom
// Red-team passes of "one table holding several visits" (helper sessions): each test states
// what a clinician or biller should see; each failed before its fix.
import { beforeEach, describe, expect, it } from 'vitest';
import { mutate } from './mutate';
import { PageSession } from '../../lib/live/page-session';
import { vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';
import { HEAD, line, reset, row } from './day-sheet-rows';

const OPTIONS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);
let session: PageSession;
const read = () => {
  session = new PageSession(document, () => OPTIONS);
  return session.flush()!;
};
const rules = (visit: Visit) => evaluate(visit).findings.map((f) => f.rule);
const lines = (visit: Visit) => visit.entries.map((e) => [e.code, e.minutes, e.units]);
beforeEach(() => {
  document.body.innerHTML = '';
  reset();
});

describe('one table holding several visits: the red-team cases', () => {
  it('1a. interleaved rows (Ann 9:00, Bob 9:30, Ann 14:00) are Ann\'s one visit of the day, not two', () => {
    // Ann: 10 + 10 timed minutes the same day billed 1 + 1 → 20 min supports 1 unit (over-billed).
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}<tbody>
      ${row('Ann Lee', '97110', 10, 1)}${row('Bob Ray', '97110', 40, 3)}${row('Ann Lee', '97112', 10, 1)}</tbody></table>`;
    const update = read();
    expect(update.list!.map((v) => v.label)).toEqual(['Ann Lee · Day sheet — 11/02/2026', 'Bob Ray · Day sheet — 11/02/2026']);
    const ann = update.visits[0]!.visit;
    expect(evaluate(ann).totalTimedMinutes).toBe(20);
    expect(rules(ann)).toContain('units.over-billed');
  });

  it('1b. one patient\'s lines in two tables of the same day sheet (Therapeutic exercise / Manual therapy) are one visit', () => {
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p>
      <h2>Therapeutic exercise</h2><table>${HEAD('Patient')}<tbody>${row('Ann Lee', '97110', 10, 1)}${row('Bob Ray', '97110', 40, 3)}</tbody></table>
      <h2>Manual therapy</h2><table>${HEAD('Patient')}<tbody>${row('Ann Lee', '97140', 10, 1)}${row('Bob Ray', '97140', 10, 1)}</tbody></table>`;
    const update = read();
    expect(update.list).toHaveLength(2);
    expect(evaluate(update.visits[0]!.visit).totalTimedMinutes).toBe(20);
  });

  it('2. a rowspan patient cell in a table whose rows carry an extra unheaded action cell: the rows below are read in their own columns (a4eeb89)', () => {
    const del = '<td><button type="button">Delete</button></td>';
    document.body.innerHTML = `<h1>Day sheet</h1><table>${HEAD('Patient')}<tbody>
      <tr><td rowspan="2">Ann Lee</td>${line('97110', 10, 1)}${del}</tr><tr>${line('97112', 12, 1)}${del}</tr>
      <tr><td>Bob Ray</td>${line('97140', 15, 1)}${del}</tr></tbody></table>`;
    const update = read();
    // Before the fix: three visits, the second one named "Exercise block" with code "97112" read as its label.
    expect(update.list!.map((v) => [v.label, v.entries])).toEqual([
      ['Ann Lee · Day sheet', 2],
      ['Bob Ray · Day sheet', 1],
    ]);
    expect(lines(update.visits[0]!.visit)).toEqual([['97110', 10, 1], ['97112', 12, 1]]);
  });

  it('3. per-patient cards with the same heading ("Daily note"), each with its own payer line: each patient keeps its card\'s payer', () => {
    document.body.innerHTML = `<section><h2>Daily note</h2><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}<tbody>${row('Ann Lee', '97110', 20, 1)}</tbody></table></section>
      <section><h2>Daily note</h2><p>Payer: Aetna</p><table>${HEAD('Patient')}<tbody>${row('Bob Ray', '97110', 40, 3)}</tbody></table></section>`;
    const update = read();
    expect(update.visits.map((v) => v.visit.payer)).toEqual(['Medicare Part B', 'Aetna']);
  });

  it('4. one visit\'s charge table with a "Date entered" column (a line entered late) stays one visit on its date of service', () => {
    // Before fec77ac: one visit, 20 min billed 2 → units.over-billed. After it (before this fix): two 10-minute visits, one dated 11/03.
    document.body.innerHTML = `<h1>Daily note — Ann Lee</h1><p>Payer: Medicare · Date of service: 11/02/2026</p><table>${HEAD('Date entered')}<tbody>
      ${row('11/02/2026', '97110', 10, 1)}${row('11/03/2026', '97140', 10, 1)}</tbody></table>`;
    const update = read();
    expect(update.list).toHaveLength(1);
    expect(update.visits[0]!.visit.dateOfService).toBe('2026-11-02');
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
  });

  it('5. today\'s new (editable) line with its Date cell still blank is not pooled into the earlier, read-only dated visit above it', () => {
    document.body.innerHTML = `<h1>Ann Lee — flowsheet</h1><p>Payer: Medicare · Date of service: 11/06/2026</p><table>${HEAD('Date')}<tbody>
      <tr><td>11/02/2026</td><td>Ther ex</td><td>97110</td><td>10</td><td>1</td><td>GP</td></tr>
      <tr><td>11/04/2026</td><td>Ther ex</td><td>97110</td><td>30</td><td>2</td><td>GP</td></tr>
      <tr><td><input name="date-new" value=""></td>${line('97110', 10, 1)}</tr></tbody></table>`;
    const update = read();
    const charted = update.visits.filter((v) => !update.list!.find((l) => l.key === v.key)!.history);
    // Before the fix: the checked visit is "11/04/2026", 30 + 10 minutes, dated 11/04.
    expect(charted).toHaveLength(1);
    expect(lines(charted[0]!.visit)).toEqual([['97110', 10, 1]]);
    expect(charted[0]!.visit.dateOfService).toBe('2026-11-06');
  });

  it('6. a row for another patient added to a one-patient day sheet table (the table re-read alone) becomes its own visit', async () => {
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}<tbody>${row('Ann Lee', '97110', 10, 1)}${row('Ann Lee', '97112', 10, 1)}</tbody></table>`;
    read();
    const holder = document.createElement('tbody');
    holder.innerHTML = row('Bob Ray', '97110', 40, 2);
    const records = await mutate(() => document.querySelector('tbody')!.append(holder.firstElementChild!));
    session.mutations(records, () => false);
    const update = session.flush()!;
    // Before the fix: one visit of 3 lines, 60 min / 4 units, which looks right while Ann (over) and Bob (under) are both wrong.
    expect(update.list!.map((v) => [v.label, v.entries])).toEqual([
      ['Ann Lee · Day sheet — 11/02/2026', 2],
      ['Bob Ray · Day sheet — 11/02/2026', 1],
    ]);
  });

  it('7. a table body the page re-renders (same patient, a minutes change) keeps the row\'s Payer cell and the patient tag', async () => {
    const body = (minutes: number) => `<tr><td>Ann Lee</td><td>Aetna</td><td><input name="int-1" value="Exercise block"></td><td><input name="cpt-1" value="97110"></td><td><input name="min-1" value="${minutes}"></td><td><input name="units-1" value="1"></td><td><input name="mod-1" value="GP"></td></tr>`;
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Patient</th><th>Payer</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${body(20)}</tbody></table>`;
    const first = read().visits[0]!.visit;
    expect(first.payer).toBe('Aetna');
    expect(first.patientTag).toBeDefined();
    const records = await mutate(() => (document.querySelector('tbody')!.innerHTML = body(25)));
    session.mutations(records, () => false);
    const after = session.flush()!.visits[0]!.visit;
    // Before the fix: payer gone (payer.missing shown, not even the banner's Medicare) and no patient tag.
    expect(after.payer).toBe('Aetna');
    expect(after.patientTag).toBe(first.patientTag);
  });

  it('8. a blank Visit # cell on a new patient\'s row does not label that patient with the row above\'s encounter number', () => {
    document.body.innerHTML = `<h1>Charges</h1><table><thead><tr><th>Visit #</th><th>Patient</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
      <tr><td>1041</td><td>Ann Lee</td>${line('97110', 23, 2)}</tr><tr><td></td><td>Bob Ray</td>${line('97110', 15, 1)}</tr></tbody></table>`;
    const labels = read().list!.map((v) => v.label);
    // Before the fix: "1041 · Bob Ray · Charges".
    expect(labels[1]).not.toContain('1041');
  });

  it('9. a patient picked in a select is labelled by the name shown, not the option\'s internal value', () => {
    const sel = `<td><select><option value="">Select…</option><option value="p-88231">Ann Lee</option><option value="p-90417">Bob Ray</option></select></td>`;
    document.body.innerHTML = `<h1>Day sheet</h1><table>${HEAD('Patient')}<tbody><tr>${sel}${line('97110', 10, 1)}</tr><tr>${sel}${line('97110', 40, 3)}</tr></tbody></table>`;
    const selects = document.querySelectorAll('select');
    selects[0]!.selectedIndex = 1;
    selects[1]!.selectedIndex = 2;
    // Before the fix: "p-88231 · Day sheet", "p-90417 · Day sheet".
    expect(read().list!.map((v) => v.label)).toEqual(['Ann Lee · Day sheet', 'Bob Ray · Day sheet']);
  });

  it('10. (pre-existing header bug the split inherits) a two-row grouped header with a rowspan "Patient" th: patients split, minutes read as minutes', () => {
    document.body.innerHTML = `<h1>Day sheet</h1><table><thead><tr><th rowspan="2">Patient</th><th colspan="2">Service</th><th colspan="3">Billing</th></tr>
      <tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
      ${row('Ann Lee', '97110', 10, 1)}${row('Bob Ray', '97110', 40, 3)}</tbody></table>`;
    const update = read();
    // Before the fix: one visit "Day sheet", each line's minutes unreadable and its minutes taken as units.
    expect(update.list!.map((v) => v.label)).toEqual(['Ann Lee · Day sheet', 'Bob Ray · Day sheet']);
    expect(lines(update.visits[1]!.visit)).toEqual([['97110', 40, 3]]);
  });
  it('11. a patient whose lines are signed (read-only) beside another being charted is today\'s visit, checked, not history', () => {
    const signed = (code: string, minutes: number, units: number) => `<tr><td>Ann Lee</td><td>Ther ex</td><td><input disabled value="${code}"></td><td><input disabled value="${minutes}"></td><td><input disabled value="${units}"></td><td><input disabled value="GP"></td></tr>`;
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}<tbody>
      ${signed('97110', 10, 1)}${signed('97112', 10, 1)}${row('Bob Ray', '97110', 25, 2)}</tbody></table>`;
    const update = read();
    expect(update.list!.map((v) => [v.label, v.history])).toEqual([
      ['Ann Lee · Day sheet — 11/02/2026', false],
      ['Bob Ray · Day sheet — 11/02/2026', false],
    ]);
    // Ann: 20 minutes billed 2 units, 1 supported (CPM §20.2: 8–22 → 1).
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
  });

  it('12. a read-only table of earlier encounters by Visit # beside today\'s form stays history', () => {
    document.body.innerHTML = `<h1>Daily note — 11/06/2026</h1><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody><tr>${line('97110', 23, 2)}</tr></tbody></table>
      <h3>Flowsheet</h3><table><thead><tr><th>Visit #</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>1041</td><td>Ther ex</td><td>97110</td><td>10</td><td>1</td></tr><tr><td>1042</td><td>Ther ex</td><td>97110</td><td>30</td><td>2</td></tr></tbody></table>`;
    const update = read();
    expect(update.list!.map((v) => v.history)).toEqual([false, true, true]);
  });
  it('13. a two-patient table whose body the page re-renders on every keystroke is read again in place: each visit updated, the page not found again', async () => {
    const body = (bobMinutes: number) => {
      reset();
      return `${row('Ann Lee', '97110', 10, 1)}${row('Ann Lee', '97112', 10, 1)}${row('Bob Ray', '97110', bobMinutes, 2)}`;
    };
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}<tbody>${body(40)}</tbody></table>`;
    read();
    for (const minutes of [35, 36]) {
      const records = await mutate(() => (document.querySelector('tbody')!.innerHTML = body(minutes)));
      session.mutations(records, () => false);
      const update = session.flush()!;
      expect(update.visits.map((v) => [v.key, lines(v.visit)])).toEqual([['v2', [['97110', minutes, 2]]]]);
    }
    expect(session.detections).toBe(1);
    expect(session.regionReads).toBe(2);
    // Another patient's row in the redrawn body: the page is grouped again.
    const records = await mutate(() => (document.querySelector('tbody')!.innerHTML = body(36) + row('Carl Diaz', '97140', 23, 2)));
    session.mutations(records, () => false);
    expect(session.flush()!.list!.map((v) => v.label)).toEqual(['Ann Lee · Day sheet — 11/02/2026', 'Bob Ray · Day sheet — 11/02/2026', 'Carl Diaz · Day sheet — 11/02/2026']);
    expect(session.detections).toBe(2);
  });
});

// A second review (helper session): each case failed before its fix.
describe('one table holding several visits: the second review', () => {
  it('R1a. a week flowsheet grouped by a rowspan Date cell over its patients: Bob\'s 11/02 and 11/03 lines are two visits, not one undated 40-minute visit', () => {
    // Date | Patient | …, the date written once per day (rowspan), as a week's day sheet does.
    const HEAD2 = `<thead><tr><th>Date</th><th>Patient</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>`;
    document.body.innerHTML = `<h1>Week flowsheet</h1><p>Payer: Medicare Part B</p><table>${HEAD2}<tbody>
      <tr><td rowspan="2">11/02/2026</td><td>Ann Lee</td>${line('97110', 23, 2)}</tr>
      <tr><td>Bob Ray</td>${line('97110', 20, 1)}</tr>
      <tr><td rowspan="2">11/03/2026</td><td>Ann Lee</td>${line('97110', 23, 2)}</tr>
      <tr><td>Bob Ray</td>${line('97110', 20, 1)}</tr></tbody></table>`;
    const visits = read().visits.map((v) => v.visit);
    // Before the fix: 3 visits; Bob's two days pooled ('bob ray||' keys both rows: the held date is cleared when the
    // patient changes), undated, 40 minutes billed 2 → a false units.under-billed; each day's 20 → 1 is right.
    expect(visits.map((v) => [v.dateOfService, lines(v).length])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-02', 1],
      ['2026-11-03', 1],
      ['2026-11-03', 1],
    ]);
    expect(visits.flatMap(rules)).not.toContain('units.under-billed');
  });

  it('R1b. the same rowspan Date, Ann seen again after Bob on one day: her day is one visit, dated', () => {
    const HEAD2 = `<thead><tr><th>Date</th><th>Patient</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>`;
    document.body.innerHTML = `<h1>Week flowsheet</h1><p>Payer: Medicare Part B</p><table>${HEAD2}<tbody>
      <tr><td rowspan="3">11/02/2026</td><td>Ann Lee</td>${line('97110', 10, 1)}</tr>
      <tr><td>Bob Ray</td>${line('97110', 20, 1)}</tr>
      <tr><td>Ann Lee</td>${line('97112', 10, 1)}</tr></tbody></table>`;
    const visits = read().visits.map((v) => v.visit);
    // Before the fix: Ann 11/02 (1 line), Bob (undated), Ann again (undated, 1 line): her 20 minutes billed 2 units hidden.
    expect(visits.map((v) => [v.dateOfService, lines(v).length])).toEqual([
      ['2026-11-02', 2],
      ['2026-11-02', 1],
    ]);
    expect(rules(visits[0]!)).toContain('units.over-billed');
  });

  it('R2. an Appt column (the time of the appointment) beside a Patient column: Ann at 9:00 and at 2:00 PM is one visit of the day, as in test 1a', () => {
    const HEAD2 = `<thead><tr><th>Appt</th><th>Patient</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>`;
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD2}<tbody>
      <tr><td>9:00 AM</td><td>Ann Lee</td>${line('97110', 10, 1)}</tr>
      <tr><td>9:30 AM</td><td>Bob Ray</td>${line('97110', 40, 3)}</tr>
      <tr><td>2:00 PM</td><td>Ann Lee</td>${line('97112', 10, 1)}</tr></tbody></table>`;
    const update = read();
    // Before the fix: three visits ("9:00 AM · Ann Lee", "9:30 AM · Bob Ray", "2:00 PM · Ann Lee"), Ann's two 10-minute
    // visits each fine alone: her 2 units for 20 minutes of the day are not flagged.
    expect(update.list).toHaveLength(2);
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
  });

  it('R3. today\'s signed lines (read-only, dated today) and a new line with its Date cell still blank: one visit, checked together', () => {
    const signed = (code: string, minutes: number, units: number) =>
      `<tr><td>11/02/2026</td><td>Ther ex</td><td><input disabled value="${code}"></td><td><input disabled value="${minutes}"></td><td><input disabled value="${units}"></td><td><input disabled value="GP"></td></tr>`;
    document.body.innerHTML = `<h1>Daily note — Ann Lee</h1><p>Payer: Medicare · Date of service: 11/02/2026</p><table>${HEAD('Date')}<tbody>
      ${signed('97110', 10, 1)}<tr><td><input name="date-new" value=""></td>${line('97112', 10, 1)}</tr></tbody></table>`;
    const update = read();
    // Before the fix: the signed 11/02 line is "history" (listed, not checked) and the new line is checked alone:
    // 10 minutes, 1 unit, no finding. The day is 20 minutes billed 2 units (8–22 → 1).
    const charted = update.visits.filter((v) => !update.list!.find((l) => l.key === v.key)!.history);
    expect(charted).toHaveLength(1);
    expect(lines(charted[0]!.visit)).toEqual([
      ['97110', 10, 1],
      ['97112', 10, 1],
    ]);
    expect(rules(charted[0]!.visit)).toContain('units.over-billed');
  });

  it('R3c. a page that states no date: a new line (Date cell blank) under read-only lines of another day is today’s, not that day’s', () => {
    // From a red-team pass (this session): the new line joined the earlier day's visit, under its
    // date, and the three lines made a false "over-billed" error. (A day long past: never today.)
    document.body.innerHTML = `<h1>Treatment log — Lee, Ann</h1><p>Payer: Medicare Part B</p>
      <table><thead><tr><th>Date</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>10/30/2019</td><td>97110</td><td>38</td><td>3</td></tr><tr><td>10/30/2019</td><td>97140</td><td>8</td><td>1</td></tr>
      <tr><td><input type="date" value=""></td><td><input value="97110"></td><td><input value="23"></td><td><input value="2"></td></tr></tbody></table>`;
    const update = read();
    expect(update.list!.map((v) => [v.history, v.entries])).toEqual([[true, 2], [false, 1]]);
    const today = update.visits[0]!.visit;
    expect(lines(today)).toEqual([['97110', 23, 2]]);
    expect(today.dateOfService).toBeUndefined();
    expect(rules(today)).not.toContain('units.over-billed');
  });

  it('R3b. a patient named once (blank cell below), her signed (read-only) line and a line added now: one visit, not her name plus an unnamed one', () => {
    const signed = `<tr><td>Ann Lee</td><td>Ther ex</td><td><input disabled value="97110"></td><td><input disabled value="10"></td><td><input disabled value="1"></td><td><input disabled value="GP"></td></tr>`;
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}<tbody>
      ${signed}${row('', '97112', 10, 1)}${row('Bob Ray', '97110', 40, 3)}</tbody></table>`;
    const update = read();
    // Before the fix: "Ann Lee · Day sheet" (the signed line), "Day sheet" (the new line, unnamed, no patient tag), "Bob Ray · …":
    // Ann's 20 minutes billed 2 units split into two 10-minute visits, each fine alone.
    expect(update.list!.map((v) => v.label)).toEqual(['Ann Lee · Day sheet — 11/02/2026', 'Bob Ray · Day sheet — 11/02/2026']);
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
  });

  it('R10. a "Session" column giving the mode of one patient\'s therapy (Individual / Group, an SNF minutes log): one visit of the day', () => {
    document.body.innerHTML = `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Session')}<tbody>
      ${row('Individual', '97110', 10, 1)}${row('Group', '97530', 10, 1)}</tbody></table>`;
    const update = read();
    // Before the fix: two visits ("Individual · Daily note…", "Group · Daily note…"), each 10 minutes 1 unit: the day's
    // 20 timed minutes billed 2 units (8–22 → 1) is not flagged.
    expect(update.list).toHaveLength(1);
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
  });

  it('R5. the day sheet\'s payer and date in a footer below the table hold for every patient of the table, not the last one only', () => {
    document.body.innerHTML = `<h1>Day sheet</h1><table>${HEAD('Patient')}<tbody>
      ${row('Ann Lee', '97110', 23, 2)}${row('Bob Ray', '97110', 40, 3)}</tbody></table>
      <p>Payer: Medicare Part B · Date of service: 11/02/2026</p>`;
    const update = read();
    // Before the fix: Ann has no payer and no date (payer.missing shown), Bob has both.
    expect(update.visits.map((v) => [v.visit.payer, v.visit.dateOfService])).toEqual([
      ['Medicare Part B', '2026-11-02'],
      ['Medicare Part B', '2026-11-02'],
    ]);
  });

  it('R6. (single-visit regression) a header cell with a stray rowspan="2" in a one-row thead: the body is read in its own columns', () => {
    // Browsers end a rowspan at its row group (thead): the body rows are not shifted. Every table with [rowspan] is
    // now laid out (abdc746), and the layout carries the thead's rowspan into the body's first row.
    document.body.innerHTML = `<h1>Daily note — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th rowspan="2">Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
      <tr>${line('97110', 23, 2)}</tr><tr>${line('97112', 15, 1)}</tr></tbody></table>`;
    const update = read();
    expect(update.list).toHaveLength(1);
    expect(lines(update.visits[0]!.visit)).toEqual([
      ['97110', 23, 2],
      ['97112', 15, 1],
    ]);
  });

  it('R7. one tbody per patient, a Patient rowspan left one too many after a line was deleted: the next patient\'s rows are read in their own columns', () => {
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}
      <tbody><tr><td rowspan="3">Ann Lee</td>${line('97110', 10, 1)}</tr><tr>${line('97112', 10, 1)}</tr></tbody>
      <tbody><tr><td>Bob Ray</td>${line('97110', 40, 3)}</tr></tbody></table>`;
    const update = read();
    expect(update.list!.map((v) => v.label)).toEqual(['Ann Lee · Day sheet — 11/02/2026', 'Bob Ray · Day sheet — 11/02/2026']);
    expect(lines(update.visits[1]!.visit)).toEqual([['97110', 40, 3]]);
  });

  it('R8. a read-only table of this patient\'s earlier charges (Date and Patient columns) beside today\'s form stays history, as it does without the Patient column (test 12)', () => {
    document.body.innerHTML = `<h1>Daily note — 11/06/2026</h1><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody><tr>${line('97110', 23, 2)}</tr></tbody></table>
      <h3>Recent charges</h3><table><thead><tr><th>Date</th><th>Patient</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td>11/02/2026</td><td>Ann Lee</td><td>Ther ex</td><td>97110</td><td>10</td><td>1</td></tr><tr><td>11/04/2026</td><td>Ann Lee</td><td>Ther ex</td><td>97110</td><td>30</td><td>2</td></tr></tbody></table>`;
    const update = read();
    // Before the fix: [false, false, false]: the two earlier dates are "today's visits, checked" because their key names a patient.
    expect(update.list!.map((v) => v.history)).toEqual([false, true, true]);
  });
});

describe('review 2: code level', () => {
  it('R9. more than MAX_VISITS patients, the first seen again at the end: the page is read (the rows cut at the 1000th visit\'s last row are not still a kept visit\'s)', () => {
    const rowsHtml: string[] = [];
    for (let i = 0; i <= 1000; i++) rowsHtml.push(`<tr><td>Patient ${i}</td><td>Ther ex</td><td>97110</td><td>10</td><td>1</td><td>GP</td></tr>`);
    rowsHtml.push(`<tr><td>Patient 0</td><td>Ther ex</td><td>97112</td><td>10</td><td>1</td><td>GP</td></tr>`);
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><table>${HEAD('Patient')}<tbody>${rowsHtml.join('')}</tbody></table>`;
    const update = read();
    expect(update.list).toHaveLength(1000);
    // Patient 0's second line (the 1002nd row) was cut from the rows read: it must not stay in her visit unread.
    expect(update.visits[0]!.visit.entries.length).toBeGreaterThan(0);
  });

  it('R11. (performance, single-visit form) a charge table with a Date column whose body the page re-renders is read again alone, not the whole page', async () => {
    const body = (minutes: number) => `<tr><td>11/02/2026</td><td><input name="int-1" value="Ther ex"></td><td><input name="cpt-1" value="97110"></td><td><input name="min-1" value="${minutes}"></td><td><input name="units-1" value="2"></td><td><input name="mod-1" value="GP"></td></tr>`;
    document.body.innerHTML = `<h1>Daily note — Ann Lee</h1><p>Payer: Medicare</p><table>${HEAD('Date')}<tbody>${body(23)}</tbody></table>`;
    read();
    const records = await mutate(() => (document.querySelector('tbody')!.innerHTML = body(25)));
    session.mutations(records, () => false);
    session.flush();
    // Before the fix [2, 0]: any re-rendered table with a Patient, Date or Visit # cell reads the whole page again (#rereadRegion).
    expect([session.detections, session.regionReads]).toEqual([1, 1]);
  });
});

// A third review (helper session): each case failed before its fix.
/** A signed line: its fields disabled. */
const signed = (first: string, code: string, minutes: number, units: number) =>
  `<tr><td>${first}</td><td>Ther ex</td><td><input disabled value="${code}"></td><td><input disabled value="${minutes}"></td><td><input disabled value="${units}"></td><td><input disabled value="GP"></td></tr>`;
describe('one table holding several visits: the third review', () => {
  it('V1. a virtualised grid (aria-rowcount) with a Patient column: each patient\'s visit holds only that patient\'s lines', () => {
    const cols = ['Patient', 'Intervention', 'CPT', 'Minutes', 'Units'];
    const hdr = `<div role="row" aria-rowindex="1">${cols.map((c) => `<div role="columnheader">${c}</div>`).join('')}</div>`;
    const r = (i: number, cells: string[]) => `<div role="row" aria-rowindex="${i}">${cells.map((c) => `<div role="gridcell">${c}</div>`).join('')}</div>`;
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><div role="grid" aria-rowcount="3">${hdr}
      ${r(2, ['Ann Lee', 'Ther ex', '97110', '10', '1'])}${r(3, ['Bob Ray', 'Ther ex', '97110', '40', '3'])}</div>`;
    const update = read();
    expect(update.list!.map((v) => v.label)).toEqual(['Ann Lee · Day sheet — 11/02/2026', 'Bob Ray · Day sheet — 11/02/2026']);
    // Each visit's lines: Ann 10 min, Bob 40 min. (GridRows keeps rows per grid, not per visit.)
    expect(update.visits.map((v) => lines(v.visit))).toEqual([[['97110', 10, 1]], [['97110', 40, 3]]]);
  });

  it('V2. a day-sheet billing summary (read-only totals of the day) below a table split by patient is not counted in the last patient\'s visit', () => {
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD('Patient')}<tbody>
      ${row('Ann Lee', '97110', 23, 2)}${row('Bob Ray', '97110', 40, 3)}</tbody></table>
      <h3>Billing summary</h3><table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>97110</td><td>63</td><td>5</td></tr></tbody></table>`;
    const update = read();
    const bob = update.visits.find((v) => update.list!.find((l) => l.key === v.key)!.label.startsWith('Bob'))!;
    // Without a Patient column the summary is split off (same minutes per code as the lines). Here Bob's visit reads 40 + 63 min.
    expect(lines(bob.visit)).toEqual([['97110', 40, 3]]);
  });

  it('V3. one table per patient under one day-sheet heading, the first patient\'s lines signed (read-only): her visit is today\'s, checked, as in test 11', () => {
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><p>Payer: Medicare Part B</p>
      <table>${HEAD('Patient')}<tbody>${signed('Ann Lee', '97110', 10, 1)}${signed('Ann Lee', '97112', 10, 1)}</tbody></table>
      <table>${HEAD('Patient')}<tbody>${row('Bob Ray', '97110', 25, 2)}</tbody></table>`;
    const update = read();
    expect(update.list!.map((v) => [v.label, v.history])).toEqual([
      ['Ann Lee · Day sheet — 11/02/2026', false],
      ['Bob Ray · Day sheet — 11/02/2026', false],
    ]);
  });

  it('V4. (no Patient column) one patient\'s note with an Appt time column: 9:00 AM and 2:00 PM are one visit of the day, as R2', () => {
    const HEAD2 = `<thead><tr><th>Appt</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>`;
    document.body.innerHTML = `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table>${HEAD2}<tbody>
      <tr><td>9:00 AM</td>${line('97110', 10, 1)}</tr><tr><td>2:00 PM</td>${line('97112', 10, 1)}</tr></tbody></table>`;
    const update = read();
    expect(update.list).toHaveLength(1);
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
  });

  it('V5. a read-only table of this week\'s charges (today\'s signed lines and an earlier day\'s) beside today\'s form: today\'s signed lines stay in today\'s visit', () => {
    document.body.innerHTML = `<h1>Daily note — Ann Lee</h1><p>Payer: Medicare · Date of service: 11/02/2026</p>
      <table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody><tr>${line('97112', 10, 1)}</tr></tbody></table>
      <h3>Charges this week</h3><table>${HEAD('Date')}<tbody>${signed('11/01/2026', '97110', 30, 2)}${signed('11/02/2026', '97110', 10, 1)}</tbody></table>`;
    const update = read();
    const charted = update.visits.filter((v) => !update.list!.find((l) => l.key === v.key)!.history);
    // Today: 10 (new) + 10 (signed this morning) = 20 min billed 2 units (8–22 → 1).
    expect(charted).toHaveLength(1);
    expect(lines(charted[0]!.visit)).toEqual([['97112', 10, 1], ['97110', 10, 1]]);
    expect(rules(charted[0]!.visit)).toContain('units.over-billed');
  });

  it('V6. Patient | Date, the patient written once (rowspan) over her earlier signed line and today\'s new line (Date blank): the new line is still hers', () => {
    const HEAD2 = `<thead><tr><th>Patient</th><th>Date</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>`;
    document.body.innerHTML = `<h1>Day sheet</h1><p>Payer: Medicare · Date of service: 11/06/2026</p><table>${HEAD2}<tbody>
      <tr><td rowspan="2">Ann Lee</td><td>11/05/2026</td><td>Ther ex</td><td><input disabled value="97110"></td><td><input disabled value="30"></td><td><input disabled value="2"></td><td><input disabled value="GP"></td></tr>
      <tr><td><input name="date-new" value=""></td>${line('97110', 10, 1)}</tr>
      <tr><td>Bob Ray</td><td><input name="date-bob" value=""></td>${line('97110', 40, 3)}</tr></tbody></table>`;
    const update = read();
    const charted = update.list!.filter((v) => !v.history).map((v) => v.label);
    // Ann's new line: labelled as hers (not an unnamed "Day sheet" visit with no patient).
    expect(charted).toEqual(['Ann Lee · Day sheet', 'Bob Ray · Day sheet']);
  });

  it('V7. a payer written in a detail row under one patient\'s lines (inside the table) is not given to the next patient, who has none', () => {
    document.body.innerHTML = `<h1>Day sheet — 11/02/2026</h1><table>${HEAD('Patient')}<tbody>
      ${row('Ann Lee', '97110', 23, 2)}<tr><td colspan="6">Payer: Medicare Part B</td></tr>${row('Bob Ray', '97110', 40, 3)}</tbody></table>`;
    const update = read();
    expect(update.list).toHaveLength(2);
    expect(update.visits.map((v) => v.visit.payer)).toEqual(['Medicare Part B', undefined]);
  });

  // From a red-team pass (this session): another patient's signed card or rows were read as the
  // charted patient's history: never checked, and their payer line given to the next patient.
  it('V8. a card per patient, one signed (text only) beside one being charted: both checked, each with its own payer', () => {
    const card = (name: string, payer: string, body: string) => `<section><h3>${name}</h3><p>Payer: ${payer}</p><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>${body}</tbody></table></section>`;
    const typed = (name: string, code: string) => `<tr><td>${name}</td><td><input value="${code}"></td><td><input value="10"></td><td><input value="1"></td></tr>`;
    document.body.innerHTML = `<h1>Day sheet 11/02/2026</h1>
      ${card('Lee, Ann', 'Medicare Part B', '<tr><td>Therapeutic exercise</td><td>97110</td><td>10</td><td>2</td></tr>')}
      ${card('Ray, Bob', 'Aetna', typed('Therapeutic exercise', '97110') + typed('Manual therapy', '97140'))}`;
    const update = read();
    expect(update.list!.map((v) => [v.label, v.history])).toEqual([['Lee, Ann', false], ['Ray, Bob', false]]);
    expect(update.visits.map((v) => v.visit.payer)).toEqual(['Medicare Part B', 'Aetna']);
    // Ann: 10 minutes billed 2 units (CPM §20.2: 8–22 → 1); Bob (Aetna, per code): 10 + 10 at 1 + 1, no error.
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
    expect(evaluate(update.visits[1]!.visit).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('V9. rows per patient under name rows in one table, one patient signed (text only): both checked', () => {
    document.body.innerHTML = `<h1>Day sheet 11/02/2026</h1><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody>
      <tr><td colspan="4"><b>Lee, Ann — Medicare Part B</b></td></tr><tr><td>Ther ex</td><td>97110</td><td>10</td><td>2</td></tr>
      <tr><td colspan="4"><b>Ray, Bob — Aetna</b></td></tr><tr><td>Ther ex</td><td><input value="97110"></td><td><input value="30"></td><td><input value="2"></td></tr></tbody></table>`;
    const update = read();
    expect(update.list!.map((v) => v.history)).toEqual([false, false]);
    expect(rules(update.visits[0]!.visit)).toContain('units.over-billed');
  });

  it('V10. the same patient’s earlier visit, read-only under her name written another way, stays history beside today’s', () => {
    // (From the review of V8: "Ray, Bob A." and "Bob Ray" were taken for two patients, and the
    // old signed note was checked as a second visit of today.)
    const head = '<thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead>';
    for (const [today, earlier] of [['Ray, Bob A.', 'Bob Ray'], ['Ray, Bob', 'Ray, Robert']]) {
      document.body.innerHTML = `<section><h3>${today}</h3><table>${head}<tbody><tr><td>Ther ex</td><td><input value="97110"></td><td><input value="23"></td><td><input value="2"></td></tr></tbody></table></section>
        <section><h3>${earlier}</h3><table>${head}<tbody><tr><td>Ther ex</td><td>97110</td><td>10</td><td>2</td></tr></tbody></table></section>`;
      const update = read();
      expect(update.list!.map((v) => v.history), `${today} / ${earlier}`).toEqual([false, true]);
    }
  });
});
