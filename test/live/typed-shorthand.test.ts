// @vitest-environment happy-dom
// What clinicians type in a visit's line fields, read as they mean it (from the red-team pass):
// units "2u" / "x2", modifiers "GP59", a code "97110GP". What cannot be read is said, and the
// visit's units are not judged as if it held none.
import { describe, expect, it } from 'vitest';
import { input, readPage as read } from './read-page';
import { evaluate } from '../../lib/rules/evaluate';

// 97110 then 97140 10 min / 1 unit / GP: with 97110 at 23 min the visit has 33 timed minutes,
// which support 2 units (CPM §20.2 chart: 23–37 minutes → 2).
const page = (line: { code?: string; minutes?: string; units?: string; mods?: string; start?: string; end?: string }) => {
  const times = line.start !== undefined;
  const cells = (c: string, m: string, u: string, mo: string, s?: string, e?: string) =>
    `<tr><td>${input(c)}</td><td>${input(m)}</td><td>${input(u)}</td><td>${input(mo)}</td>${times ? `<td>${input(s ?? '')}</td><td>${input(e ?? '')}</td>` : ''}</tr>`;
  return `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th>${times ? '<th>Start</th><th>End</th>' : ''}</tr></thead><tbody>${cells(line.code ?? '97110', line.minutes ?? '23', line.units ?? '1', line.mods ?? 'GP', line.start, line.end)}${cells('97140', '10', '1', 'GP', times ? '09:30' : undefined, times ? '09:40' : undefined)}</tbody></table>`;
};
const first = (html: string) => {
  const v = read(html).visits[0]!;
  const e = evaluate(v.visit);
  return { entry: v.visit.entries[0]!, notes: v.notes, rules: e.findings.map((f) => f.rule), findings: e.findings };
};

describe('units as typed', () => {
  it.each(['2u', '2 U', 'x2', '×2', '2x', '2 units'])('"%s" is 2 units: 97110 2 + 97140 1 is one unit over 33 minutes', (units) => {
    const got = first(page({ units }));
    expect(got.entry.units).toBe(2);
    expect(got.notes).toEqual([]);
    expect(got.rules).toContain('units.over-billed');
  });

  it('"1?" is not read: said on the line, and the visit is not called under-billed for it', () => {
    const got = first(page({ units: '1?' }));
    expect(got.entry.units).toBeUndefined();
    expect(got.notes).toEqual(["Row 1 units: '1?' is not a number of units: enter them as a whole number (e.g. 2)."]);
    expect(got.rules).toContain('units.unreadable');
    // Read as no units it was "1 timed unit entered, but 33 total timed minutes support 2 units".
    expect(got.rules).not.toContain('units.under-billed');
  });

  it('"1.5": units are billed whole', () => {
    const got = first(page({ units: '1.5' }));
    expect(got.notes[0]).toContain("'1.5' is not a whole number of units");
    expect(got.rules).toContain('units.unreadable');
  });
});

describe('units left unchosen, or chosen from a list', () => {
  const select = (options: string) => `<select>${options}</select>`;
  // (From a review: a Units dropdown left on "-- Select --", or a dash, raised units.unreadable on every line.)
  it.each([
    ['a dropdown on its placeholder', select('<option value="" selected>-- Select --</option><option value="1">1</option><option value="2">2</option>')],
    ['a dropdown on "Select"', select('<option value="" selected>Select</option><option value="2">2</option>')],
    ['a dash', input('—')],
    ['"N/A"', input('N/A')],
  ])('%s: no units written, nothing unreadable', (_, units) => {
    const html = page({}).replace(`<td>${input('1')}</td>`, `<td>${units}</td>`);
    const got = first(html);
    expect(got.entry.units).toBeUndefined();
    expect(got.rules).not.toContain('units.unreadable');
    expect(got.notes).toEqual([]);
  });

  it('a dropdown showing "Two" (value 2) or "2 - 23 to 37 min" is 2 units', () => {
    for (const option of ['<option value="2" selected>Two</option>', '<option value="2" selected>2 - 23 to 37 min</option>']) {
      const got = first(page({}).replace(`<td>${input('1')}</td>`, `<td><select><option value="1">One</option>${option}</select></td>`));
      expect(got.entry.units).toBe(2);
      expect(got.rules).toContain('units.over-billed');
    }
  });
});

describe('modifiers and codes run together', () => {
  it('"GP59" in a modifiers field is GP and 59 (it was "not a modifier", and GP was called missing)', () => {
    const got = first(page({ mods: 'GP59' }));
    expect(got.entry.modifiers).toEqual(['GP', '59']);
    expect(got.notes).toEqual([]);
    expect(got.rules).not.toContain('modifier.discipline-missing');
  });

  it('"2559" is not split: digits alone may be a mistyped number', () => {
    expect(first(page({ mods: '2559' })).notes.join(' ')).toContain("'2559' is not a modifier");
  });

  it('"GPZZ" is not split: ZZ is no modifier a therapy claim uses', () => {
    const got = first(page({ mods: 'GPZZ' }));
    expect(got.notes.join(' ')).toContain("'GPZZ' is not a modifier");
  });

  it.each([['97110GP', ['GP']], ['97110GP59', ['GP', '59']], ['97110-GP', ['GP']], ['97110GP x2', ['GP']]])('code "%s" is 97110 with its modifiers, and names no intervention', (code, mods) => {
    const got = first(page({ code, mods: '' }));
    expect(got.entry.code).toBe('97110');
    expect(got.entry.modifiers).toEqual(mods);
    expect(got.entry.label).toBeUndefined();
    expect(got.rules).not.toContain('code.unknown');
    expect(got.rules).not.toContain('documentation.thin');
  });

  it('"9711059" stays as typed: a mistyped code is not read as 97110 with 59', () => {
    expect(first(page({ code: '9711059' })).rules).toContain('code.unknown');
  });

  it('"9711O" (a letter O): the code meant is named', () => {
    const f = first(page({ code: '9711O' })).findings.find((x) => x.rule === 'code.unknown')!;
    expect(f.message).toContain('9711O is not a code: it reads as 97110');
    expect(f.action).toBe('Correct the code to 97110 if that was meant.');
  });
});

describe('start and end times with the Minutes blank', () => {
  // (From a review: a visit's times repeated on each line, 09:00–09:45, gave each line 45 minutes
  // and "75 minutes support 5 units"; a blank row's times made a line. The minutes stay missing.)
  it('the minutes are not taken from the clock: said missing', () => {
    const got = first(page({ minutes: '', units: '2', start: '09:00', end: '09:45' }));
    expect(got.entry.minutes).toBeUndefined();
    expect(got.rules).toContain('minutes.missing');
  });

  it('minutes written win over the clock (a difference is the engine\'s to say)', () => {
    const got = first(page({ minutes: '20', start: '09:00', end: '09:23' }));
    expect(got.entry.minutes).toBe(20);
    expect(got.notes).toEqual([]);
  });
});

describe('a visit of one line whose code no catalog knows', () => {
  // (It was not read at all: no visit, no marker, where beside a second, known line it was said.)
  const lone = (code: string) =>
    `<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer: Medicare Part B</p><table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead><tbody><tr><td>${input(code)}</td><td>${input(23)}</td><td>${input(2)}</td><td>${input('GP')}</td></tr></tbody></table>`;
  it.each([
    ['9711O', '9711O is not a code: it reads as 97110'],
    ['97100', "97100 is not in Unitwise's therapy code catalog"],
    ['9711', 'does not look like a CPT/HCPCS code'],
  ])('"%s" typed in the CPT field: read, and said', (code, said) => {
    const got = first(lone(code));
    expect(got.entry).toMatchObject({ code, minutes: 23, units: 2 });
    expect(got.findings.find((f) => f.rule === 'code.unknown')?.message).toContain(said);
  });

  it('a printed table of codes nothing knows is still no visit', () => {
    const html = `<table><thead><tr><th>CPT</th><th>Minutes</th><th>Units</th></tr></thead><tbody><tr><td>12345</td><td>23</td><td>2</td></tr></tbody></table>`;
    expect(read(html).visits).toEqual([]);
  });
});
