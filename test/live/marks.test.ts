import { describe, expect, it } from 'vitest';
import { fixKeyOnLine, marksFor, neighbourKeys, revealKey, type MarkLookup } from '../../lib/live/marks';
import type { Finding, Visit } from '../../lib/model';
import { evaluate } from '../../lib/rules/evaluate';

// Markers go on the field to change (issue 13): elements here are plain strings.

const page = (keys: string[], start = 'heading of v2'): MarkLookup<string> => ({ field: (k) => (keys.includes(k) ? `<${k}>` : undefined), start: () => start });
const f = (over: Partial<Finding>): Finding => ({ rule: 'units.over-billed', severity: 'error', codes: [], message: 'm', source: 's', ...over });
const row = (base: string) => ['minutes', 'code', 'units', 'modifiers', 'label'].map((r) => `${base}:${r}`);

describe('markers on the field to fix', () => {
  it("a unit error goes on the line's units field, a missing GP on its modifiers field, a code suggestion on its code field", () => {
    const lookup = page([...row('v2.r3'), ...row('v2.r4')]);
    const marks = marksFor(
      [f({ fix: 'units', fieldKeys: ['v2.r3:minutes'] }), f({ rule: 'modifier.discipline-missing', fix: 'modifiers', fieldKeys: ['v2.r4:minutes'] }), f({ rule: 'code.suggest', severity: 'warning', fix: 'code', fieldKeys: ['v2.r4:minutes'] })],
      'v2',
      lookup,
    );
    expect(marks.map((m) => [m.key, m.findings.map((x) => x.rule)])).toEqual([
      ['v2.r3:units', ['units.over-billed']],
      ['v2.r4:modifiers', ['modifier.discipline-missing']],
      ['v2.r4:code', ['code.suggest']],
    ]);
  });

  it('units over on a visit of many lines: one marker, on the units of the line furthest over (14 units of 97140 typed where 1 was meant)', () => {
    // 20 lines of 8 minutes, 1 unit each: 160 minutes, 11 units (CPM §20.2 chart: 158–172 → 11),
    // 20 entered; then one line's 1 becomes 14: 33 entered.
    const codes = ['97110', '97112', '97116', '97140', '97530'];
    const visit: Visit = { payer: 'Medicare Part B', discipline: 'PT', entries: Array.from({ length: 20 }, (_, r) => ({ code: codes[r % 5], label: `Exercise block ${r}`, minutes: 8, units: r === 3 ? 14 : 1, modifiers: ['GP'], fieldKey: `r${r}:minutes` })) };
    const over = evaluate(visit).findings.filter((x) => x.rule === 'units.over-billed');
    expect(over).toHaveLength(1);
    const keys = Array.from({ length: 20 }, (_, r) => row(`r${r}`)).flat();
    expect(marksFor(over, 'v1', page(keys)).map((m) => m.key)).toEqual(['r3:units']);
  });

  it('a line without that field keeps the marker where the line was read (a note, a form without units)', () => {
    expect(fixKeyOnLine('r0:minutes', 'units', (k) => k === 'r0:minutes')).toBe('r0:minutes');
    expect(fixKeyOnLine('r0:minutes', 'units', (k) => k === 'r0:units')).toBe('r0:units');
  });

  it('one marker per element, worst first: two keys naming one textarea get one marker', () => {
    const lookup: MarkLookup<string> = { field: (k) => ({ 'r0:minutes': 'textarea', 'r0:label': 'textarea', 'r1:units': 'units-1' })[k], start: () => undefined };
    const marks = marksFor([f({ rule: 'documentation.thin', severity: 'info', fix: 'label', fieldKeys: ['r0:minutes'] }), f({ rule: 'minutes.missing', severity: 'warning', fix: 'minutes', fieldKeys: ['r0:minutes'] })], 'v1', lookup);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.findings.map((x) => x.severity)).toEqual(['warning', 'info']);
  });

  it("a visit's fact goes on its field, else on the visit's start; first visit's facts are keyed visit:…", () => {
    const payer = f({ rule: 'payer.missing', severity: 'info', fix: 'payer' });
    expect(marksFor([payer], 'v1', page(['visit:payer'])).map((m) => m.key)).toEqual(['visit:payer']);
    expect(marksFor([payer], 'v2', page(['visit.v2:payer'])).map((m) => m.key)).toEqual(['visit.v2:payer']);
    expect(marksFor([payer], 'v2', page([])).map((m) => [m.key, m.element])).toEqual([['visit.v2:start', 'heading of v2']]);
  });

  it('a finding about more than 5 lines is marked once, on its first line', () => {
    const keys = Array.from({ length: 8 }, (_, i) => `r${i}:minutes`);
    const lookup = page([...keys, ...keys.map((k) => k.replace('minutes', 'units'))]);
    expect(marksFor([f({ fix: 'units', fieldKeys: keys })], 'v1', lookup).map((m) => m.key)).toEqual(['r0:units']);
    expect(marksFor([f({ fix: 'units', fieldKeys: keys.slice(0, 3) })], 'v1', lookup).map((m) => m.key)).toEqual(['r0:units', 'r1:units', 'r2:units']);
    // A note about the visit is marked once, whatever the number of lines.
    expect(marksFor([f({ rule: 'units.low-average', severity: 'info', fix: 'units', fieldKeys: keys.slice(0, 3) })], 'v1', lookup).map((m) => m.key)).toEqual(['r0:units']);
  });

  it('"Show on page" goes to the same field the marker is on', () => {
    expect(revealKey('v2.r3:minutes', 'units', 'v2', page(row('v2.r3')))?.key).toBe('v2.r3:units');
    expect(revealKey('', 'payer', 'v2', page([]))?.key).toBe('visit.v2:start');
  });
});

describe('the fields around a marker', () => {
  it("are its line's other fields and the lines just above and below, never itself", () => {
    const keys = [...row('v2.r2'), ...row('v2.r3'), ...row('v2.r4'), ...row('v2.r6')];
    const [mark] = marksFor([f({ fix: 'units', fieldKeys: ['v2.r3:minutes'] })], 'v2', page(keys));
    expect(mark!.near()).toContain('<v2.r3:modifiers>');
    expect(mark!.near()).toContain('<v2.r2:units>');
    expect(mark!.near()).toContain('<v2.r4:units>');
    expect(mark!.near()).not.toContain('<v2.r3:units>');
    expect(mark!.near()).not.toContain('<v2.r6:units>');
    expect(neighbourKeys('r0:units').some((k) => k.startsWith('r-1'))).toBe(false);
    expect(neighbourKeys('visit.v2:payer')).toEqual([]);
    // A virtualised grid's row, keyed by its aria-rowindex: its own cells and the rows beside it.
    expect(neighbourKeys('g5:units')).toContain('g5:modifiers');
    expect(neighbourKeys('v2.g5:units')).toContain('v2.g4:units');
  });
});
