import { describe, expect, it } from 'vitest';
import { MAX_LAYOUTS, findLayout, forgetLayout, layoutSignature, saveLayout, savedLayouts } from '../../lib/batch/layouts';

// Export layouts saved on the Batch page: found again for a file with the same columns (in
// whatever case or spacing the export writes them), never for another layout, and holding no
// value from the file.

const week = { format: 'csv', columns: [{ name: 'Svc Date', how: 'name' }, { name: 'Primary Insurance', how: 'name' }, { name: 'CPT', how: 'name' }, { name: 'Dauer' }, { name: 'Units', how: 'name' }] };

describe('saved export layouts', () => {
  it('a layout saved for one export is found for the next with the same columns, and not for another', () => {
    const stored = saveLayout([], week, { minutes: 4 }, new Date('2026-12-02T10:00:00Z'));
    expect(findLayout(stored, { ...week, columns: week.columns.map((c) => ({ name: c.name.toUpperCase().replace(' ', '_') })) })?.mapping).toEqual({ minutes: 4 });
    expect(findLayout(stored, { ...week, columns: week.columns.slice(0, 4) })).toBeUndefined();
    expect(findLayout(stored, { ...week, format: 'xlsx' })).toBeUndefined();
    expect(findLayout(stored, { ...week, format: 'xlsx', sheet: 'Charges' })).toBeUndefined();
  });

  it('holds the header as keys, the roles chosen and the day: nothing else', () => {
    const [saved] = saveLayout([], week, { minutes: 4, payer: null }, new Date('2026-12-02T10:00:00Z'));
    expect(saved).toEqual({ signature: 'csv:svcdate|primaryinsurance|cpt|dauer|units', mapping: { minutes: 4, payer: null }, savedAt: '2026-12-02' });
  });

  it('a file whose header the reader did not know by name (maybe a data row: "Doe, Jane | 03/16/26 | …") is not saved', () => {
    const noHeader = { format: 'csv', columns: [{ name: 'Doe, Jane', how: 'content' }, { name: '03/16/26', how: 'content' }, { name: '97110', how: 'content' }, { name: 'Medicare', how: 'name' }] };
    expect(saveLayout([], noHeader, { minutes: 3 })).toEqual([]);
  });

  it('saving again replaces the older save; forgetting removes it; the newest 50 are kept', () => {
    let stored = saveLayout([], week, { minutes: 4 });
    stored = saveLayout(stored, week, { minutes: 4, units: 5 });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.mapping).toEqual({ minutes: 4, units: 5 });
    expect(forgetLayout(stored, week)).toEqual([]);
    const numbered = (i: number) => ({ format: 'csv', columns: [{ name: 'CPT', how: 'name' }, { name: 'Units', how: 'name' }, { name: `Column ${i}` }] });
    for (let i = 0; i < MAX_LAYOUTS + 5; i++) stored = saveLayout(stored, numbered(i), { code: 1 });
    expect(stored).toHaveLength(MAX_LAYOUTS);
    expect(stored[0]!.signature).toBe(layoutSignature(numbered(MAX_LAYOUTS + 4)));
  });

  it('a stored value of another shape (an older version, a tampered store) is no layout, never an error', () => {
    expect(savedLayouts({ not: 'a list' })).toEqual([]);
    expect(savedLayouts([{ signature: 'csv:a', mapping: { minutes: 'x'.repeat(500) } }])).toEqual([]);
    expect(findLayout(undefined, week)).toBeUndefined();
    expect(() => saveLayout('garbage', week, { minutes: 4 })).not.toThrow();
  });
});
