// @vitest-environment happy-dom
// A red-team pass of "one table holding several visits" (a helper session): each test states
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
