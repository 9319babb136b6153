import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packEntries, unpackEntries } from '../lib/entry-pack';
import { Entry } from '../lib/model';

// A visit's lines as storage.session holds them (written on every keystroke): packed, then
// read back field for field.

const entry = fc.record(
  {
    code: fc.constantFrom('97110', '97112', '97140', 'G0283', ''),
    label: fc.string({ maxLength: 30 }),
    minutes: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
    rawMinutes: fc.oneof(fc.constantFrom('8', '15', '1:5x', '', '08', ' 8'), fc.string({ maxLength: 6 })),
    units: fc.integer({ min: 0, max: 12 }),
    modifiers: fc.array(fc.constantFrom('GP', 'GO', '59', 'XU', 'KX'), { maxLength: 3 }),
    coTreatment: fc.boolean(),
    startTime: fc.constantFrom('10:00', '10:30'),
    fieldKey: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('v5.r0:minutes', 'v5.r1:minutes', 'v5.r2:minutes', 'r9:units', 'r10:units', 'x', 'g99999999999999999999')),
  },
  { requiredKeys: [] },
);

describe('packed visit lines', () => {
  it('read back equal to what was packed, whatever fields each line has', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (lines) => {
        const packed = JSON.parse(JSON.stringify(packEntries(lines as Entry[])));
        expect(unpackEntries(packed)).toEqual(lines);
      }),
    );
  });

  it('keep raw minutes that differ from the minutes as written ("08", "1:5x"), and drop none that are there', () => {
    const lines: Entry[] = [
      { code: '97110', minutes: 8, rawMinutes: '8', units: 1 },
      { code: '97110', minutes: 8, rawMinutes: '08', units: 1 },
      { code: '97116', minutes: null, rawMinutes: '1:5x', units: 1 },
      { code: '97140', minutes: 8, units: 1 },
    ];
    expect(unpackEntries(JSON.parse(JSON.stringify(packEntries(lines))))).toEqual(lines);
  });

  it('name each shape of line once, and what repeats the line before is not written again: a 40-line visit is a third of its size as objects', () => {
    const lines: Entry[] = Array.from({ length: 40 }, (_, r) => ({ label: `Exercise block ${r}`, code: ['97110', '97112'][r % 2], minutes: 8, rawMinutes: '8', units: 4, modifiers: ['GP'], fieldKey: `v5.r${r}:minutes` }));
    const packed = packEntries(lines);
    // The first line, then every other line: the same fields, GP, 4 units and 8 minutes again, the next label's and row key's number.
    expect(packed.shapes).toHaveLength(2);
    expect(packed.rows[1]).toEqual([1, '97112']);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(lines).length / 3);
    expect(unpackEntries(JSON.parse(JSON.stringify(packed)))).toEqual(lines);
  });

  it('give each line its own copy of a value it repeats', () => {
    const [a, b] = unpackEntries(packEntries([{ modifiers: ['GP'] }, { modifiers: ['GP'] }]))!;
    expect(b!.modifiers).toEqual(['GP']);
    expect(b!.modifiers).not.toBe(a!.modifiers);
  });

  it('are not taken for lines when they are not a packed form', () => {
    for (const bad of [null, 3, {}, { shapes: [], rows: [[0]] }, { shapes: [[1]], rows: [] }, { shapes: [['code']], rows: ['x'] }, { shapes: [['=code']], rows: [[0]] }, { shapes: [['+fieldKey']], rows: [[0]] }])
      expect(unpackEntries(bad)).toBeUndefined();
  });
});
