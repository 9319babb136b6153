// @vitest-environment happy-dom
// Values as EHRs hold them in a visit's fields, read as the user means them (from a red-team pass
// of typed values; each test failed before its fix): a code dropdown whose values are the EHR's
// own ids, a payer or discipline field that names none or two, a time of day in a total, a time
// input's seconds, modifiers with punctuation around them, units named in the code's cell.
import { describe, expect, it } from 'vitest';
import { input, readPage as read } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

// 97110 23 min (line 1, its cells given) and 97140 10 min / 1 unit / GP: 33 timed minutes support
// 2 units (CPM §20.2 chart, 23–37 → 2).
const page = (o: { code?: string; units?: string; mods?: string; payer?: string; discipline?: string; total?: string; start?: string; end?: string } = {}) => {
  const times = o.start !== undefined;
  const head = `<th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th>${times ? '<th>Start</th><th>End</th>' : ''}`;
  const line = (code: string, m: string, u: string, mo: string, s = '', e = '') => `<tr><td>${code}</td><td>${input(m)}</td><td>${u}</td><td>${input(mo)}</td>${times ? `<td>${s}</td><td>${e}</td>` : ''}</tr>`;
  return (
    `<h1>Daily note — Ann Lee — 11/02/2026</h1>` +
    `<p><label>Payer <span>${o.payer ?? input('Medicare Part B')}</span></label></p>` +
    (o.discipline !== undefined ? `<p><label>Discipline ${o.discipline}</label></p>` : '') +
    (o.total !== undefined ? `<p><label>Total treatment minutes ${input(o.total)}</label></p>` : '') +
    `<table><thead><tr>${head}</tr></thead><tbody>${line(o.code ?? input('97110'), '23', o.units ?? input('2'), o.mods ?? 'GP', o.start, o.end)}${line(input('97140'), '10', input('1'), 'GP', times ? input('09:30') : '', times ? input('09:40') : '')}</tbody></table>`
  );
};
const first = (html: string) => {
  const v = read(html).visits[0]!;
  const e = evaluate(v.visit);
  return { visit: v.visit, entry: v.visit.entries[0]!, notes: v.notes, rules: e.findings.map((f) => f.rule), findings: e.findings };
};

describe('a code dropdown', () => {
  it('whose values are the EHR\'s ids ("10023" for "97530 Therapeutic activities"): the code shown', () => {
    const got = first(page({ code: '<select><option value="10021">97110 Therapeutic exercise</option><option value="10023" selected>97530 Therapeutic activities</option></select>' }));
    expect(got.entry.code).toBe('97530');
    expect(got.rules).not.toContain('code.unknown');
    // 97530 2 + 97140 1 = 3 units on 33 minutes: over (it was left out of the units as an unknown code).
    expect(got.rules).toContain('units.over-billed');
  });

  it('whose value is another code than the one shown: the one shown, and the difference said', () => {
    const got = first(page({ code: '<select><option value="97112" selected>97110 – Therapeutic exercise</option></select>' }));
    expect(got.entry.code).toBe('97110');
    expect(got.notes).toContain('Row 1 code: the list shows 97110 but its value is 97112; the code shown was read.');
  });
});

describe('a payer field that names none', () => {
  it.each([
    ['a dropdown on its placeholder', '<select><option value="" selected>-- Select payer --</option><option value="1">Medicare Part B</option></select>'],
    ['a dash', input('—')],
    ['"None"', input('None')],
    ['"Unknown"', input('Unknown')],
  ])('%s: no payer, said by payer.missing', (_, payer) => {
    const got = first(page({ payer }));
    expect(got.visit.payer).toBeUndefined();
    expect(got.rules).toContain('payer.missing');
  });

  it.each(['Non-Medicare', 'Not Medicare'])('"%s" is not Medicare', (payer) => {
    const e = evaluate({ payer, entries: [{ code: '97110', minutes: 23, units: 2 }] });
    expect(e.method).not.toBe('cms');
  });
});

describe('a discipline field', () => {
  it.each([['OT/PT', 'PT and OT'], ['Speech/OT', 'OT and SLP'], ['Physical/Occupational Therapy', 'PT and OT']])('"%s" names two: none is the visit\'s, and it is said', (d, said) => {
    const got = first(page({ discipline: input(d) }));
    expect(got.visit.discipline).toBeUndefined();
    expect(got.notes.join(' ')).toContain(`names ${said}`);
    expect(got.rules).not.toContain('modifier.discipline-mismatch');
  });

  it.each([['PTA', 'PT'], ['COTA', 'OT'], ['PT - Outpatient', 'PT'], ['SLP', 'SLP']])('"%s" is %s', (d, discipline) => {
    expect(first(page({ discipline: input(d) })).visit.discipline).toBe(discipline);
  });
});

describe('times', () => {
  it('a time of day in the total treatment minutes ("9:05") is not 545 minutes', () => {
    const got = first(page({ total: '9:05' }));
    expect(got.visit.totalTreatmentMinutes).toBeUndefined();
    expect(got.notes.join(' ')).toContain("'9:05' would be 9 h 05 min for the visit");
  });

  it('a total of "1:05" is 65 minutes, as before', () => {
    expect(first(page({ total: '1:05' })).visit.totalTreatmentMinutes).toBe(65);
  });

  it('a time input with seconds ("10:05:00") is a clock time', () => {
    const got = first(page({ start: '<input type="time" step="1" value="10:05:00">', end: '<input type="time" step="1" value="10:28:00">' }));
    expect(got.entry.startTime).toBe('10:05');
    expect(got.entry.endTime).toBe('10:28');
    expect(got.notes).toEqual([]);
  });
});

describe('modifiers with punctuation around them', () => {
  it.each([['-GP', ['GP']], ['GP.', ['GP']], ['(GP)', ['GP']], ["'GP'", ['GP']], ['GP*', ['GP']], ['GP:KX', ['GP', 'KX']], ['GP.KX', ['GP', 'KX']], ['GP, KX.', ['GP', 'KX']], ['Mod: GP', ['GP']], ['GP and KX', ['GP', 'KX']], ['GP & KX', ['GP', 'KX']]])('"%s" → %j', (mods, read) => {
    const got = first(page({ mods }));
    expect(got.entry.modifiers).toEqual(read);
    expect(got.notes).toEqual([]);
    expect(got.rules).not.toContain('modifier.discipline-missing');
  });
});

describe('units named in the code\'s cell (no Units column)', () => {
  const charge = (cell: string) =>
    `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>CPT</th><th>Minutes</th></tr></thead><tbody><tr><td>${input(cell)}</td><td>${input(23)}</td></tr><tr><td>${input('97140 GP x1')}</td><td>${input(10)}</td></tr></tbody></table>`;
  it.each([['97110 - 2 units', []], ['97110 GP 2 units', ['GP']], ['97110-GP — 2 units', ['GP']]])('"%s": 2 units', (cell, mods) => {
    const got = first(charge(cell));
    expect(got.entry.code).toBe('97110');
    expect(got.entry.units).toBe(2);
    expect(got.entry.modifiers ?? []).toEqual(mods);
    expect(got.entry.label).toBeUndefined();
    expect(got.rules).toContain('units.over-billed');
  });
});

describe('more than a code in its cell', () => {
  const cpt = (cell: string) => page({ code: input(cell), units: input('') });
  it('"97110x2" under CPT is 97110, 2 units (it was an unknown code "97110X2", its minutes left out)', () => {
    const got = first(cpt('97110x2'));
    expect(got.entry.code).toBe('97110');
    expect(got.entry.units).toBe(2);
    expect(got.rules).not.toContain('code.unknown');
  });

  it.each([['97110/97112', '97112'], ['97110, 97140', '97140'], ['97110 & 97112', '97112']])('"%s": the other code is said, not called a count', (cell, other) => {
    const got = first(cpt(cell));
    expect(got.entry.code).toBe('97110');
    expect(got.notes.join(' ')).toContain(`holds another code (${other}) after 97110; only 97110 was read. Put each code on its own line.`);
    expect(got.notes.join(' ')).not.toContain('could be either');
  });
});

describe('what a review of these readings found', () => {
  it('a code dropdown whose value is a known code its text shows too ("97014 / G0283 …", value G0283): the value', () => {
    const got = first(page({ code: '<select><option value="G0283" selected>97014 / G0283 E-stim unattended</option></select>' }));
    expect(got.entry.code).toBe('G0283');
    expect(got.notes).toEqual([]);
  });

  it('a Units dropdown whose value disagrees with its text ("2 - 23 to 37 min", value 7): not read', () => {
    const got = first(page({ units: '<select><option value="7" selected>2 - 23 to 37 min</option></select>' }));
    expect(got.entry.units).toBeUndefined();
    expect(got.rules).toContain('units.unreadable');
  });

  it.each(['97110 1-2 units', '97110 (2 units max)', '97110 (1 unit = 15 min)', '97110 Ther ex 8-22 min = 1 unit'])('"%s" bills no units from its explanation', (cell) => {
    expect(first(page({ code: input(cell), units: input('') })).entry.units).toBeUndefined();
  });

  it('"97110 Ther Ex - 2 units" and "97110 - 2 unit(s)": 2 units', () => {
    for (const cell of ['97110 Ther Ex - 2 units', '97110 - 2 unit(s)']) expect(first(page({ code: input(cell), units: input('') })).entry.units).toBe(2);
  });

  it.each(['Occupational Health', 'Occupational Medicine', 'Physical Medicine & Rehabilitation'])('discipline "%s" is no therapy\'s', (d) => {
    const got = first(page({ discipline: input(d) }));
    expect(got.visit.discipline).toBeUndefined();
    expect(got.rules).not.toContain('modifier.discipline-mismatch');
  });

  it('modifiers "GP (PT)": GP, and "(PT)" said, not read as a modifier', () => {
    const got = first(page({ mods: 'GP (PT)' }));
    expect(got.entry.modifiers).toEqual(['GP']);
    expect(got.notes.join(' ')).toContain("'(PT)' is not a modifier");
  });

  it.each(['Medicare Part B / Non-Medicare secondary', 'Medicare Part B (not Medicare Advantage)'])('payer "%s" is Medicare', (payer) => {
    expect(evaluate({ payer, entries: [{ code: '97110', minutes: 23, units: 2 }] }).method).toBe('cms');
  });

  it('a total of "3:15" is 195 minutes; "9:05" is a time of day, said for the visit', () => {
    expect(first(page({ total: '3:15' })).visit.totalTreatmentMinutes).toBe(195);
    expect(first(page({ total: '9:05' })).notes.join(' ')).toContain("'9:05' would be 9 h 05 min for the visit");
  });

  it.each(['--Please Select--', 'Please select', '[Select]', '(none)'])('a payer dropdown on "%s" with no value: no payer', (text) => {
    expect(first(page({ payer: `<select><option value="" selected>${text}</option><option value="1">Medicare Part B</option></select>` })).visit.payer).toBeUndefined();
  });

  it('a payer dropdown whose chosen option has no value but names a payer: that payer', () => {
    const got = first(page({ payer: '<select><option value="" selected>Medicare Part B</option></select>' }));
    expect(got.visit.payer).toBe('Medicare Part B');
  });
});
