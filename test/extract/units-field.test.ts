import { describe, expect, it } from 'vitest';
import { readUnits } from '../../lib/extract/units-field';

describe('a units field as typed', () => {
  it.each([['2', 2], ['2.0', 2], ['2 units', 2], ['1 unit', 1], ['2u', 2], ['2 U', 2], ['2un.', 2], ['x2', 2], ['×2', 2], ['X 3', 3], ['2x', 2], [' 4 ', 4], ['0', 0]])('"%s" → %d', (raw, units) => {
    expect(readUnits(raw)).toEqual({ ok: true, units });
  });

  it.each([
    ['1.5', 'is not a whole number of units: units are billed whole'],
    ['.5', 'is not a whole number of units'],
    ['-1', 'a negative one'],
    ['(1)', 'a negative one, as accounting writes it?'],
    ['2?', 'is not a number of units'],
    ['two', 'is not a number of units'],
    ['2-3', 'is not a number of units'],
    ['3x10', 'is not a number of units'],
    ['1234', 'is not a number of units'],
  ])('"%s" is not read: %s', (raw, why) => {
    const r = readUnits(raw);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.why).toContain(why);
  });
});
