// @vitest-environment happy-dom
// Review of e44e4ed (a number box holding text that is no number is said to be unreadable, not
// empty). Each test below fails on e44e4ed: a path other than Reading.row's Minutes/Units read
// still takes such a box (value '', validity.badInput) for an empty one, or says something a
// clinician cannot act on. badInput is stubbed as test/extract/number-boxes.test.ts does.
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBadInput, typedBad, typedRight } from './bad-input';
import { readVisit, vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import { evaluate } from '../../lib/rules/evaluate';
import { PageSession } from '../../lib/live/page-session';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

const OPTS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);

const $ = (sel: string) => document.querySelector(sel)!;
afterEach(() => restoreBadInput());

const HEAD = `<h1>Daily note — Jane Doe</h1><p>Payer: Medicare Part B</p><p>Date of service: 11/20/2026</p>`;
const row = (n: number, label: string, code: string, min: string, units: string, mod = 'GP') =>
  `<tr><td><input name="int-${n}" value="${label}"></td><td><input name="cpt-${n}" value="${code}"></td><td><input type="number" name="min-${n}" value="${min}"></td><td><input type="number" name="units-${n}" value="${units}"></td><td><input name="mod-${n}" value="${mod}"></td></tr>`;
const form = (rows: string, extra = '') =>
  `${HEAD}${extra}<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${rows}</tbody></table>`;
const rules = (r: ReturnType<typeof readVisit>) => evaluate(r.visit).findings.map((f) => f.rule);

describe('e44e4ed review: a number box with bad text read as empty elsewhere', () => {
  it('a new row whose only entry so far is its Minutes box holding "10-20" is still a line, as it is with "10"', () => {
    // detect.ts filled() reads the box's value only: uncharted() drops the row as blank.
    document.body.innerHTML = form(row(1, 'Therapeutic exercise', '97110', '24', '2') + row(2, '', '', '10', '', ''));
    expect(readVisit(document, OPTS).visit.entries).toHaveLength(2); // with "10": line 2, code.missing
    typedBad($('[name=min-2]'));
    const r = readVisit(document, OPTS);
    expect(r.visit.entries).toHaveLength(2);
    expect(rules(r)).toContain('minutes.unreadable');
  });

  it('a Total treatment minutes number box holding "45-50" is said, as a text box holding "45-50" is (not dropped in silence)', () => {
    const ttm = (type: string) => form(row(1, 'Therapeutic exercise', '97110', '24', '2'), `<label for="ttm">Total treatment minutes</label><input ${type} id="ttm" value="45-50">`);
    document.body.innerHTML = ttm('');
    expect(readVisit(document, OPTS).notes.join('\n')).toMatch(/Total treatment minutes/);
    document.body.innerHTML = ttm('type="number"');
    typedBad($('#ttm'));
    const r = readVisit(document, OPTS);
    expect(r.visit.totalTreatmentMinutes).toBeUndefined();
    expect(r.notes.join('\n')).toMatch(/Total treatment minutes/);
  });

  it('a PTA minutes number box holding bad text is said, not read as no assistant time (CQ then never asked)', () => {
    const page = `${HEAD}<table><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th><th>PTA min</th></tr>
      <tr><td>Gait training</td><td>97116</td><td><input type="number" value="23"></td><td><input type="number" value="2"></td><td><input value="GP"></td><td><input type="number" id="pta" value="20"></td></tr></table>`;
    document.body.innerHTML = page;
    expect(rules(readVisit(document, OPTS))).toContain('modifier.assistant'); // 20 of 23 minutes by the PTA: CQ
    typedBad($('#pta'));
    const r = readVisit(document, OPTS);
    expect(r.notes.join('\n')).toMatch(/assistant minutes/i);
  });

  it('a flowsheet\'s "— units" row whose box holds bad text stays one line with its "— minutes" row: no "no minutes" on the units row', () => {
    const cell = (v: number) => `<input type="number" value="${v}">`;
    const sheet = `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Flowsheet row</th><th>10/29/2026</th><th>11/02/2026</th></tr></thead><tbody>
      <tr><td>97110 Ther Ex — minutes</td><td>9</td><td>${cell(23)}</td></tr><tr><td>97110 Ther Ex — units</td><td>9</td><td>${cell(2)}</td></tr></tbody></table>`;
    document.body.innerHTML = sheet;
    expect(new PageSession(document, () => OPTS).flush()!.visits[0]!.visit.entries).toHaveLength(1);
    typedBad(document.querySelectorAll('input')[1]!);
    const visit = new PageSession(document, () => OPTS).flush()!.visits[0]!.visit;
    expect(evaluate(visit).findings.map((f) => f.rule)).not.toContain('minutes.missing');
    expect(visit.entries).toHaveLength(1);
  });

  it('a row\'s <input type="time"> End box half typed (Chromium: value \'\', badInput) is not read as a line with no minutes', () => {
    document.body.innerHTML = `${HEAD}<table><tr><th>Intervention</th><th>CPT</th><th>Start</th><th>End</th><th>Units</th><th>Modifiers</th></tr>
      <tr><td>Gait training</td><td>97116</td><td><input type="time" value="09:50"></td><td><input type="time" id="end" value="10:12"></td><td><input type="number" value="2"></td><td><input value="GP"></td></tr></table>`;
    typedBad($('#end'));
    expect(rules(readVisit(document, OPTS))).not.toContain('minutes.missing');
  });

  it('the action for a number box\'s unreadable minutes does not ask for a clock range the box cannot hold', () => {
    document.body.innerHTML = form(row(1, 'Gait training', '97116', '10', '1'));
    typedBad($('[name=min-1]'));
    const f = evaluate(readVisit(document, OPTS).visit).findings.find((x) => x.rule === 'minutes.unreadable')!;
    expect(f.message).toMatch(/not a number/);
    // "Enter the minutes as a number (23) or a clock range (10:05–10:28)": 10:05–10:28 typed in
    // an <input type=number> is bad input again, the same finding.
    expect(f.action).not.toMatch(/clock range/);
  });
});

describe('e44e4ed review: what held (these pass)', () => {
  it('live: 10 → bad → 10, and empty → bad, are each re-read on the edit', () => {
    document.body.innerHTML = form(row(1, 'Therapeutic exercise', '97110', '24', '2') + row(2, 'Gait training', '97116', '10', '1'));
    const session = new PageSession(document, () => OPTS);
    const line2 = () => session.flush()!.visits[0]!.visit.entries[1]!;
    session.flush();
    const m = $('[name=min-2]') as HTMLInputElement;
    typedBad(m);
    session.edit(m);
    expect(line2()).toMatchObject({ minutes: null, rawMinutes: '' });
    typedRight(m);
    m.value = '10';
    session.edit(m);
    expect(line2()).toMatchObject({ minutes: 10 });
    m.value = '';
    session.edit(m);
    expect(line2().minutes).toBeUndefined();
    typedBad(m);
    session.edit(m);
    expect(line2()).toMatchObject({ minutes: null, rawMinutes: '' });
  });

  it('a flowsheet "— minutes" row with bad text still pairs with its units row', () => {
    const cell = (v: number) => `<input type="number" value="${v}">`;
    document.body.innerHTML = `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Flowsheet row</th><th>10/29/2026</th><th>11/02/2026</th></tr></thead><tbody>
      <tr><td>97110 Ther Ex — minutes</td><td>9</td><td>${cell(23)}</td></tr><tr><td>97110 Ther Ex — units</td><td>9</td><td>${cell(2)}</td></tr></tbody></table>`;
    typedBad(document.querySelectorAll('input')[0]!);
    const visit = new PageSession(document, () => OPTS).flush()!.visits[0]!.visit;
    expect(visit.entries).toMatchObject([{ code: '97110', minutes: null, rawMinutes: '', units: 2 }]);
  });

  it('units bad on a line: no over/under-billed judged from a guess; the untimed line is not told "enter 1 unit"', () => {
    document.body.innerHTML = form(row(1, 'Therapeutic exercise', '97110', '24', '2') + row(2, 'Gait training', '97116', '10', '1') + row(3, 'Hot pack', '97010', '10', '1'));
    typedBad($('[name=units-2]'));
    typedBad($('[name=units-3]'));
    const r = rules(readVisit(document, OPTS));
    expect(r.filter((x) => x === 'units.unreadable')).toHaveLength(2);
    expect(r).not.toContain('units.under-billed');
  });
});
