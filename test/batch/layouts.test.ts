import { describe, expect, it } from 'vitest';
import { LayoutsFile, MAX_LAYOUTS, findLayout, forgetLayout, layoutChoices, layoutSignature, layoutsFile, mergeLayouts, parseLayoutsFile, saveLayout, savedLayouts, withLayout } from '../../lib/batch/layouts';
import { readExport } from '../../lib/batch/reader';

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

describe('a saved layout and this run\'s --map', () => {
  const header = ['Encounter #', 'Svc Date', 'Billed To', 'Therapy Type', 'Proc Code', 'Dauer', 'Qty', 'Mods'];

  it('reads with the saved choices; --map wins for the roles it names and takes its column from a saved role', () => {
    const saved = { payer: 3, minutes: 6, units: null };
    expect(withLayout(saved, undefined, header)).toEqual(saved);
    expect(withLayout(saved, {}, header)).toEqual(saved);
    expect(withLayout(saved, { minutes: null }, header)).toEqual({ payer: 3, minutes: null, units: null });
    expect(withLayout(saved, { minutes: 'Qty' }, header)).toEqual({ payer: 3, minutes: 'Qty', units: null });
    // "Dauer" (column 6, saved as minutes) is now the units: minutes is left to be found again.
    expect(withLayout(saved, { units: 'dauer' }, header)).toEqual({ payer: 3, units: 'dauer' });
    expect(withLayout({ payer: 'Billed To' }, { id: '#3' }, header)).toEqual({ id: '#3' });
  });

  it('keeps a read\'s choices by column number, "none" as null, and drops a name the header lacks', () => {
    expect(layoutChoices({ payer: 'billed to', minutes: 'Dauer', units: '#7', date: 2, id: null, patient: 'none', code: 'Nope' }, header)).toEqual({
      payer: 3,
      minutes: 6,
      units: 7,
      date: 2,
      id: null,
      patient: null,
    });
    expect(layoutChoices(undefined, header)).toEqual({});
  });

  it('the reader reads a table with the layout saved for its header, says so, and leaves other layouts alone', () => {
    const csv = `${header.join(',')}\nW01,3/16/2026,Medicare,PT,97110,33,2,GP\nW01,3/16/2026,Medicare,PT,97140,7,1,GP\n`;
    const asRead = readExport(csv, 'week.csv', { mapping: { payer: 'Billed To', minutes: 'Dauer' } });
    const layouts = saveLayout([], asRead.report, layoutChoices(asRead.report.chosen, header), new Date('2026-03-20T12:00:00Z'));
    expect(layouts[0]!.mapping).toEqual({ payer: 3, minutes: 6 });

    const again = readExport(csv.replace('97140,7', '97140,9'), 'next-week.csv', { layouts });
    expect(again.report.savedLayout).toEqual({ savedAt: '2026-03-20' });
    expect(again.report.columns.map((c) => [c.name, c.role, c.how])).toEqual(asRead.report.columns.map((c) => [c.name, c.role, c.how]));
    expect(again.visits[0]!.visit.entries.map((e) => e.minutes)).toEqual([33, 9]);

    const mine = readExport(csv, 'week.csv', { layouts, mapping: { minutes: null } });
    expect(mine.report.chosen).toEqual({ payer: 3, minutes: null });
    expect(mine.report.columns.find((c) => c.name === 'Dauer')?.role).toBeUndefined();

    const other = readExport('Visit ID,Date,Payer,CPT,Minutes,Units\nA,3/16/2026,Medicare,97110,30,2\n', 'other.csv', { layouts });
    expect(other.report.savedLayout).toBeUndefined();
    expect(other.report.columns.every((c) => c.how === 'name')).toBe(true);
  });

  it('the CLI\'s layouts file: labelled, strict, and never another shape taken for it', () => {
    const layouts = saveLayout([], week, { minutes: 4 }, new Date('2026-12-02T10:00:00Z'));
    expect(LayoutsFile.parse(layoutsFile(layouts))).toEqual({ kind: 'unitwise export layouts', version: 1, layouts });
    expect(LayoutsFile.safeParse(layouts).success).toBe(false); // the Batch page's stored list
    expect(LayoutsFile.safeParse({ ...layoutsFile(layouts), version: 2 }).success).toBe(false);
    expect(LayoutsFile.safeParse({ ...layoutsFile(layouts), extra: 'x' }).success).toBe(false);
    expect(LayoutsFile.safeParse(layoutsFile([{ ...layouts[0]!, mapping: { minutes: 'x'.repeat(500) } }])).success).toBe(false);
  });
});

describe('layouts carried between the Batch page and the CLI (one file format)', () => {
  const day = (d: string) => new Date(`${d}T10:00:00Z`);
  const epic = { format: 'csv', columns: [{ name: 'SERVICE_DATE', how: 'name' }, { name: 'PROC_CODE', how: 'name' }, { name: 'Dauer' }] };

  it('reads a layouts file, or says why a text is not one', () => {
    const layouts = saveLayout([], week, { minutes: 4 }, day('2026-12-01'));
    expect(parseLayoutsFile(JSON.stringify(layoutsFile(layouts)))).toEqual({ layouts });
    expect(parseLayoutsFile('{"layouts":').problem).toMatch(/^not JSON \(/);
    expect(parseLayoutsFile('[]').problem).toBe('not a Unitwise layouts file (the file: Invalid input: expected object, received array)');
    expect(parseLayoutsFile(JSON.stringify({ ...layoutsFile(layouts), version: 2 })).problem).toMatch(/^not a Unitwise layouts file \(version: /);
    expect(parseLayoutsFile(JSON.stringify(layoutsFile([{ ...layouts[0]!, mapping: { minutes: -1 } }]))).problem).toMatch(/^not a Unitwise layouts file \(layouts\.0\.mapping\.minutes: /);
  });

  it('adds new layouts, replaces one only with a later save of it, and counts what it did', () => {
    const mine = saveLayout(saveLayout([], week, { minutes: 4 }, day('2026-12-01')), epic, { minutes: 3 }, day('2026-11-20'));
    const theirs = [
      ...saveLayout([], week, { minutes: 4, payer: null }, day('2026-12-02')), // later, other choices: replaces
      ...saveLayout([], epic, { minutes: 2 }, day('2026-11-01')), // older: mine stays
      ...saveLayout([], { ...week, format: 'tsv' }, { units: 5 }, day('2026-11-25')), // new
    ];
    const merged = mergeLayouts(mine, theirs);
    expect([merged.added, merged.updated, merged.unchanged, merged.dropped]).toEqual([1, 1, 1, 0]);
    expect(merged.list.map((l) => [l.signature.split(':')[0], l.savedAt, l.mapping])).toEqual([
      ['csv', '2026-12-02', { minutes: 4, payer: null }],
      ['tsv', '2026-11-25', { units: 5 }],
      ['csv', '2026-11-20', { minutes: 3 }],
    ]);
    // The same file again: nothing to do.
    const again = mergeLayouts(merged.list, theirs);
    expect([again.added, again.updated, again.unchanged]).toEqual([0, 0, 3]);
    expect(again.list).toEqual(merged.list);
    // A broken store is no layout: the file's are all added.
    expect(mergeLayouts({ tampered: true }, theirs).added).toBe(3);
  });

  it('keeps the newest MAX_LAYOUTS and says how many older ones were left out', () => {
    const many = Array.from({ length: MAX_LAYOUTS + 3 }, (_, i) => saveLayout([], { format: 'csv', columns: [{ name: `A${i}`, how: 'name' }, { name: 'CPT', how: 'name' }] }, { minutes: 1 }, day(`2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`))[0]!);
    const merged = mergeLayouts([], many);
    expect(merged.list).toHaveLength(MAX_LAYOUTS);
    expect(merged.dropped).toBe(3);
    const kept = new Set(merged.list.map((l) => l.savedAt));
    const oldestKept = [...kept].sort()[0]!;
    for (const l of many) if (!merged.list.includes(l)) expect(l.savedAt <= oldestKept).toBe(true);
  });
});
