// @vitest-environment happy-dom
// Review of e44e4ed + ce34a24 (a box holding what the browser does not accept, value '' and
// validity.badInput, is said to be unreadable, not empty). Each test in the first block fails
// on ce34a24: a path the commits left reads such a box as empty, or says of it something a
// clinician cannot act on. badInput is stubbed as test/extract/number-boxes.test.ts does.
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBadInput, typedBad, TIMED_HEAD, timedRow } from './bad-input';
import { createElement } from 'react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { readVisit, vocabularyOptions, type ReadOptions } from '../../lib/extract/read';
import { evaluate } from '../../lib/rules/evaluate';
import { PageSession } from '../../lib/live/page-session';
import { HowRead } from '../../components/panel/HowRead';
import type { Visit } from '../../lib/model';
import catalog from '../../lib/rules/data/catalog.json';
import phrases from '../../lib/rules/data/phrases.json';

const OPTS: ReadOptions = vocabularyOptions(
  catalog.rows.map((r) => r.code),
  phrases.rows.flatMap((r) => r.phrases.map((p) => [p, r.code] as const)),
);

const $ = (sel: string) => document.querySelector(sel)!;
afterEach(() => {
  restoreBadInput();
  cleanup();
});

const HEAD = TIMED_HEAD;
const rules = (v: Visit) => evaluate(v).findings.map((f) => f.rule);

describe('ce34a24 review: still wrong or inconsistent (each fails on ce34a24)', () => {
  // Was left alone (as a text date typed in part, "11/0", was): the row's day was read as blank
  // and continued the row above's. Now holds: a Date cell that says no day continues no other
  // day's visit, and is said (visits.ts dateUnread; test/extract/day-sheet-date-unread.test.ts).
  it('a day sheet row whose Date box is typed in part is not merged silently into the row above\'s visit of another day', () => {
    // Ann Lee on 11/02 (97110 10 min, 1 unit) and on 11/03 (97112 10 min, 1 unit): two visits,
    // each fine. The 11/03 Date box retyped in part (value '', badInput) reads as a blank Date
    // cell, which "continues the row above's": one visit of 20 minutes billed 2 units, a false
    // units.over-billed error, and no note says the Date box could not be read.
    const r = (id: string, d: string, code: string) =>
      `<tr><td><input type="date" id="${id}" value="${d}"></td><td><input value="Ann Lee"></td><td><input value="${code}"></td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr>`;
    document.body.innerHTML = `<h1>Day sheet</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Date</th><th>Patient</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
      ${r('d1', '2026-11-02', '97110')}${r('d2', '2026-11-03', '97112')}</tbody></table>`;
    expect(new PageSession(document, () => OPTS).flush()!.list).toHaveLength(2);
    typedBad($('#d2'));
    const update = new PageSession(document, () => OPTS).flush()!;
    const notes = update.visits.flatMap((v) => v.notes ?? []).join('\n');
    expect(notes).toMatch(/date/i);
    for (const v of update.visits) expect(rules(v.visit)).not.toContain('units.over-billed');
  });

  it('a row timed by a Start box only: half a start time is not "minutes unreadable; enter a number" (a whole one gives no minutes either)', () => {
    document.body.innerHTML = timedRow(['Start'], ['<input type="time" id="s" value="09:50">']);
    const whole = rules(readVisit(document, OPTS).visit);
    expect(whole).toContain('minutes.missing'); // a start time alone: no minutes
    typedBad($('#s'));
    // On ce34a24: minutes.unreadable, "Retype the minutes as a number (23), or finish the clock
    // time": finishing it brings back minutes.missing.
    expect(rules(readVisit(document, OPTS).visit)).toEqual(whole);
  });

  it('a "Time" column of <input type="time"> (when the line was done, read as no minutes when whole) half typed is not read as a Minutes box', () => {
    document.body.innerHTML = timedRow(['Time'], ['<input type="time" id="t" value="10:05">']);
    const whole = readVisit(document, OPTS);
    expect(whole.visit.entries[0]!.minutes).toBeUndefined();
    typedBad($('#t'));
    const r = readVisit(document, OPTS);
    // On ce34a24: "Row 1 minutes: the box holds…", minutes null, minutes.unreadable.
    expect(r.visit.entries[0]!.minutes).toBeUndefined();
    expect(rules(r.visit)).toEqual(rules(whole.visit));
  });

  it('a row timed by an End box only, half typed: every field key names an element (its finding can be shown on the page)', () => {
    document.body.innerHTML = timedRow(['End'], ['<input type="time" id="e" value="10:12">']);
    typedBad($('#e'));
    const r = readVisit(document, OPTS);
    // On ce34a24: 'r0:minutes' → undefined (read.ts: `(entry.startTime ? fields.endTime : fields.startTime) ?? fields.startTime!`),
    // the key the minutes.unreadable finding is marked on: no marker, and "Show minutes field" finds nothing.
    for (const [key, el] of r.fields) expect(el, key).toBeInstanceOf(Element);
  });

  it('a Start/End row with its End box half typed: the finding asks to finish the time, not to enter a number of minutes the row has no box for', () => {
    document.body.innerHTML = timedRow(['Start', 'End'], ['<input type="time" value="09:50">', '<input type="time" id="e" value="10:12">']);
    typedBad($('#e'));
    const f = evaluate(readVisit(document, OPTS).visit).findings.find((x) => x.rule === 'minutes.unreadable')!;
    expect(f).toBeDefined();
    // On ce34a24: headline "97116: minutes unreadable; enter a number", action "Retype the minutes as a number (23), or finish…".
    expect(f.headline).not.toMatch(/enter a number/);
    expect(f.action).not.toMatch(/^Retype the minutes as a number/);
  });

  // Left alone: a code box of type=number (which cannot hold "G0283" or "0552T") is no form seen. Fails while so.
  it.fails('a CPT box of <input type="number"> holding "97116-59" (modifier typed onto the code) is said unreadable, not "has no code"', () => {
    document.body.innerHTML = `${HEAD}<table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>
      <tr><td><input value="Therapeutic exercise"></td><td><input type="number" value="97110"></td><td><input type="number" value="24"></td><td><input type="number" value="2"></td><td><input value="GP"></td></tr>
      <tr><td><input value="Gait training"></td><td><input type="number" id="c2" value="97116"></td><td><input type="number" value="10"></td><td><input type="number" value="1"></td><td><input value="GP"></td></tr></tbody></table>`;
    typedBad($('#c2'));
    const r = readVisit(document, OPTS);
    // On ce34a24: no note; code.missing "Gait training has no code… Enter the code".
    expect(r.notes.join('\n')).toMatch(/code/i);
    const missing = evaluate(r.visit).findings.find((f) => f.rule === 'code.missing');
    expect(missing?.message ?? '').not.toMatch(/has no code/);
  });

  it('a flowsheet column typed in (its boxes unreadable) still dates the visit, as a filled one does', () => {
    const sheet = `<h1>Flowsheet — Ann Lee</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>Flowsheet row</th><th>10/29/2026</th><th>11/02/2026</th></tr></thead><tbody>
      <tr><td>97110 Ther Ex — minutes</td><td>9</td><td><input type="number" id="m" value="23"></td></tr><tr><td>97110 Ther Ex — units</td><td>9</td><td><input type="number" id="u" value="2"></td></tr></tbody></table>`;
    document.body.innerHTML = sheet;
    expect(new PageSession(document, () => OPTS).flush()!.visits[0]!.visit.dateOfService).toBe('2026-11-02');
    typedBad($('#m'));
    typedBad($('#u'));
    // On ce34a24: detect.ts sharedColumnDay counts only boxes with text: no date, dos.missing.
    expect(new PageSession(document, () => OPTS).flush()!.visits[0]!.visit.dateOfService).toBe('2026-11-02');
  });

  // (Not kept: "the CLI on a JSON visit with rawMinutes '' does not speak of a browser and a box".
  // rawMinutes '' is how Unitwise writes a box the browser held unread; a visit exported from the
  // panel and checked again says so truly. A hand-written file with '' is not seen.)
  it('"How Unitwise read this page": units that could not be read are not shown as none (minutes that could not are "?")', () => {
    const visit: Visit = {
      payer: 'Medicare Part B',
      dateOfService: '2026-11-20',
      entries: [{ code: '97116', label: 'Gait training', minutes: null, rawMinutes: '', rawUnits: '', modifiers: ['GP'], fieldKey: 'r0:minutes' }],
    };
    render(createElement(HowRead, { visit, onReveal: async () => true, onCorrect: async () => ({ ok: false, error: '' }) as never }));
    const row = within(screen.getByRole('table', { name: 'Lines as Unitwise read them' })).getAllByRole('row')[1]!;
    const cells = within(row).getAllByRole('cell');
    expect(cells[2]!.textContent).toBe('?');
    // On ce34a24: the Units cell is "none" to a screen reader, blank to the eye, as for a line with no units.
    expect(cells[3]!.textContent).not.toBe('none');
    expect(cells[3]!.textContent).not.toBe('');
  });
});

describe('ce34a24 review: what held (these pass)', () => {
  it('the live session and readVisit agree on Start/End, PTA minutes and Date of service boxes half typed', () => {
    const pages = [
      timedRow(['Start', 'End'], ['<input type="time" value="09:50">', '<input type="time" id="x" value="10:12">']),
      `${HEAD}<table><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th><th>PTA min</th></tr><tr><td>Gait training</td><td>97116</td><td><input type="number" value="23"></td><td><input type="number" value="2"></td><td><input value="GP"></td><td><input type="number" id="x" value="20"></td></tr></table>`,
      `<h1>Daily note — Jane Doe</h1><p>Payer: Medicare Part B</p><label for="x">Date of service</label><input type="date" id="x" value="2026-11-20"><table><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr><tr><td>Gait training</td><td>97116</td><td><input type="number" value="23"></td><td><input type="number" value="2"></td><td><input value="GP"></td></tr></table>`,
    ];
    for (const page of pages) {
      document.body.innerHTML = page;
      typedBad($('#x'));
      const r = readVisit(document, OPTS);
      const live = new PageSession(document, () => OPTS).flush()!.visits[0]!;
      expect([live.visit, live.notes]).toEqual([r.visit, r.notes]);
      expect(r.notes.join('\n')).toMatch(/browser does not accept/);
    }
  });

  it('live: a blank row\'s Minutes box and a blank Total treatment minutes box, each typed into unreadably, are read and said', () => {
    const row = (n: number, label: string, code: string, min: string, units: string, mod = 'GP') =>
      `<tr><td><input name="int-${n}" value="${label}"></td><td><input name="cpt-${n}" value="${code}"></td><td><input type="number" name="min-${n}" value="${min}"></td><td><input type="number" name="units-${n}" value="${units}"></td><td><input name="mod-${n}" value="${mod}"></td></tr>`;
    document.body.innerHTML = `${HEAD}<label for="ttm">Total treatment minutes</label><input type="number" id="ttm" value="34"><table><thead><tr><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody>${row(1, 'Therapeutic exercise', '97110', '24', '2')}${row(2, '', '', '', '', '')}</tbody></table>`;
    const s = new PageSession(document, () => OPTS);
    expect(s.flush()!.visits[0]!.visit.entries).toHaveLength(1);
    typedBad($('[name=min-2]'));
    s.edit($('[name=min-2]'));
    expect(s.flush()!.visits[0]!.visit.entries[1]).toMatchObject({ minutes: null, rawMinutes: '' });
    typedBad($('#ttm'));
    s.edit($('#ttm'));
    const v = s.flush()!.visits[0]!;
    expect(v.visit.totalTreatmentMinutes).toBeUndefined();
    expect(v.notes.join('\n')).toMatch(/^Total treatment minutes: the box holds/m);
  });
});
