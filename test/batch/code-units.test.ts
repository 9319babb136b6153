import { describe, expect, it } from 'vitest';
import { readCodeAndUnits } from '../../lib/batch/code-cell';
import { readExport } from '../../lib/batch/reader';
import { formatNotes } from '../../lib/batch/format';
import { evaluate } from '../../lib/rules/evaluate';

// Units written after the code in an export's code column ("97110 x2", "97110-GP ×2", "97110 x 2"):
// read as the side panel reads them (code-cell.ts readCodeAndUnits), never a bare number after
// the code, which may be minutes. A units cell filled in wins; a different count is said; the
// mapping report says the code column gave the units.

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const codeColumn = (r: ReturnType<typeof readExport>, name = 'CPT') => r.report.columns.find((c) => c.name === name)!;

describe('units written after the code in an export', () => {
  it('no units column: "97110-GP x2", "97140 ×1", "97530 x 2" are the lines\' units, and the rules check them', () => {
    const r = readExport(
      csv(
        'Visit ID,Date,Payer,CPT,Minutes',
        'V1,03/16/2026,Medicare,97110-GP x2,33',
        'V1,03/16/2026,Medicare,97140 ×1,7',
        'V2,03/16/2026,Medicare,97530 x 2,20',
        'V3,03/16/2026,Medicare,97110 x3,33',
      ),
      'c.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit.entries.map((e) => [e.code, e.units, e.modifiers?.length ? e.modifiers : undefined]))).toEqual([
      [
        ['97110', 2, ['GP']],
        ['97140', 1, undefined],
      ],
      [['97530', 2, undefined]],
      [['97110', 3, undefined]],
    ]);
    // The same as the side panel reads each cell.
    expect(readCodeAndUnits('97110-GP x2')).toMatchObject({ code: '97110', modifiers: ['GP'], units: 2 });
    // 33 + 7 = 40 minutes: 3 units, as billed; 20 minutes of 97530 are 1 unit, not the 2 written; 33 minutes are 2, not 3.
    const rules = r.visits.map((v) => evaluate(v.visit).findings.filter((f) => f.rule.startsWith('units.')).map((f) => f.rule));
    expect(rules[0]).not.toContain('units.over-billed');
    expect(rules[0]).not.toContain('units.under-billed');
    expect(rules[1]).toContain('units.over-billed');
    expect(rules[2]).toContain('units.over-billed');
  });

  it('the mapping report says the code column gave the units, on the column and in the notes the command line prints', () => {
    const r = readExport(csv('Visit ID,Date,Payer,CPT,Minutes', 'V1,03/16/2026,Medicare,97110,15', 'V2,03/16/2026,Medicare,97110 x2,33'), 'c.csv');
    expect(codeColumn(r)).toMatchObject({ role: 'code', note: 'units written after the code ("97110 x2", line 3) read as the line\'s units' });
    expect(r.report.notes).toContain('"CPT" has units written after the code ("97110 x2", line 3, and cells written the same way): read as the line\'s units, as the side panel reads them');
    expect(formatNotes(r.report.notes).join(' ')).toMatch(/note: "CPT" has units written after the code/);
  });

  it('a code column with no units after any code says nothing about units', () => {
    const r = readExport(csv('Visit ID,Date,Payer,CPT,Minutes', 'V1,03/16/2026,Medicare,97110-GP,33'), 'c.csv');
    expect(codeColumn(r).note).toBeUndefined();
    expect(r.report.notes.join(' ')).not.toMatch(/units written after the code/);
  });

  it('a blank units cell takes the code\'s units; a filled one wins, the same count silently, a different one said', () => {
    const r = readExport(
      csv(
        'Visit ID,Date,Payer,CPT,Minutes,Units',
        'V1,03/16/2026,Medicare,97110 x2,33,',
        'V2,03/16/2026,Medicare,97110 x2,33,2',
        'V3,03/16/2026,Medicare,97110 x3,33,2',
      ),
      'c.csv',
    );
    expect(r.errors).toEqual([]);
    expect(r.visits.map((v) => v.visit.entries[0]!.units)).toEqual([2, 2, 2]);
    expect(codeColumn(r).note).toBe('units written after the code ("97110 x2", line 2) read as the line\'s units, where "Units" is blank');
    const conflicts = r.report.notes.filter((n) => n.includes(' says '));
    expect(conflicts).toEqual(['visit "V3" (line 4): code "97110 x3" says 3 units but "Units" says 2; "Units" was read, check which was billed']);
  });

  it('only units differing: the code column is not said to have given units when every units cell was filled', () => {
    const r = readExport(csv('Visit ID,Date,Payer,CPT,Minutes,Units', 'V1,03/16/2026,Medicare,97110 x3,33,2'), 'c.csv');
    expect(r.visits[0]!.visit.entries[0]!.units).toBe(2);
    expect(codeColumn(r).note).toBeUndefined();
  });

  it('differing counts on many lines: the first 20 said one by one, the rest counted', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `V${i},03/16/2026,Medicare,97110 x3,33,2`);
    const r = readExport(csv('Visit ID,Date,Payer,CPT,Minutes,Units', ...rows), 'c.csv');
    expect(r.report.notes.filter((n) => n.includes('says 3 units'))).toHaveLength(20);
    expect(r.report.notes).toContain('5 more lines have units after the code that differ from their units cell: the units cell was read');
  });

  it('one row per visit: "CPT 1" = "97110 x2" with no "Units 1" gives line 1 its units', () => {
    const r = readExport(csv('Visit ID,Date,Payer,CPT 1,Min 1,CPT 2,Min 2', 'V1,3/16/2026,Medicare,97110-GP x2,33,97140-GP,7'), 'w.csv');
    expect(r.errors).toEqual([]);
    expect(r.report.layout).toBe('wide');
    expect(r.visits[0]!.visit.entries.map((e) => [e.code, e.units, e.modifiers])).toEqual([
      ['97110', 2, ['GP']],
      ['97140', undefined, ['GP']],
    ]);
    expect(codeColumn(r, 'CPT 1').note).toMatch(/units written after the code \("97110-GP x2", line 2\) read as the line's units/);
  });

  it('a column named for the code whose every cell writes modifiers or units after it is the code column: the export\'s minutes and units columns are read, not left out as beside a combined cell', () => {
    for (const cells of [['97110-GP', '97110-GP', '97140-GP'], ['97110 x2', '97110 x2', '97140 x1']]) {
      const r = readExport(csv('Visit ID,Date,Payer,CPT,Minutes,Units', ...cells.map((c, i) => `V${i},03/16/2026,Medicare,${c},33,2`)), 'c.csv');
      expect(r.errors).toEqual([]);
      expect(codeColumn(r)).toMatchObject({ role: 'code', how: 'name' });
      expect(r.visits.map((v) => [v.visit.entries[0]!.minutes, v.visit.entries[0]!.units])).toEqual([
        [33, 2],
        [33, 2],
        [33, 2],
      ]);
    }
    // A code column without a name, found by its cells: the same.
    const r = readExport(csv('Visit ID,Date,Payer,Svc,Minutes', 'V1,03/16/2026,Medicare,97110 x2,33', 'V2,03/16/2026,Medicare,97110 x2,33', 'V3,03/16/2026,Medicare,97140-GP x1,10'), 'c.csv');
    expect(codeColumn(r, 'Svc')).toMatchObject({ role: 'code', how: 'content' });
    expect(r.visits.map((v) => [v.visit.entries[0]!.minutes, v.visit.entries[0]!.units])).toEqual([
      [33, 2],
      [33, 2],
      [10, 1],
    ]);
    // Cells that hold the minutes too are combined cells, as before.
    const c = readExport(csv('Visit ID,Date,Payer,Services', 'V1,03/16/2026,Medicare,97110-GP x2 (33 min)', 'V2,03/16/2026,Medicare,97110-GP x2 (33 min)', 'V3,03/16/2026,Medicare,97140-GP x1 (10 min)'), 'c.csv');
    expect(codeColumn(c, 'Services')).toMatchObject({ role: 'combined' });
  });

  it('a bare number after the code ("97110 15", "97110 *2", "97110-GP 15") is still refused, in words that say how to write units', () => {
    for (const code of ['97110 15', '97110 *2', '97110-GP 15']) {
      const r = readExport(csv('Visit ID,Date,Payer,CPT,Minutes', `V1,03/16/2026,Medicare,${code},23`), 'c.csv');
      expect(r.visits).toEqual([]);
      expect(r.errors[0]!.reason).toContain(`code ${JSON.stringify(code)} holds 97110 and a number (units or minutes?)`);
      expect(r.errors[0]!.reason).toContain('write units after the code with an x ("97110 x2")');
    }
  });
});

// From a helper's pass: a column named for charges ("Charge", "Charges", "Services") is read as
// combined cells ("97110-GP x2 (33 min)"). Holding only code cells beside a Minutes column, it
// left that column unread: every line "minutes missing", the units never checked.
describe('a Charge column of code cells beside a Minutes column', () => {
  it('"Charge" of "97110-GP x2" cells is the code column, and the Minutes column is read', () => {
    const r = readExport(csv('Patient,DOS,Payer,Charge,Minutes', 'Lee Ann,11/02/2026,Medicare,97110-GP x2,23', 'Lee Ann,11/02/2026,Medicare,97140-GP x1,8'), 'c.csv');
    expect(r.errors).toEqual([]);
    expect(codeColumn(r, 'Charge')).toMatchObject({ role: 'code' });
    expect(r.report.columns.find((c) => c.name === 'Minutes')).toMatchObject({ role: 'minutes' });
    const visit = r.visits[0]!.visit;
    expect(visit.entries.map((e) => [e.code, e.minutes, e.units, e.modifiers])).toEqual([
      ['97110', 23, 2, ['GP']],
      ['97140', 8, 1, ['GP']],
    ]);
    // 23 + 8 = 31 minutes support 2 units (CPM §20.2 chart: 23–37 minutes), 3 billed.
    expect(evaluate(visit).findings.map((f) => f.rule)).toContain('units.over-billed');
  });

  it('combined cells that hold minutes stay combined cells', () => {
    const r = readExport(csv('Patient,DOS,Payer,Charges,Minutes', 'Lee Ann,11/02/2026,Medicare,97110-GP x2 (23 min),23'), 'c.csv');
    expect(codeColumn(r, 'Charges')).toMatchObject({ role: 'combined' });
    expect(r.visits[0]!.visit.entries.map((e) => [e.code, e.minutes, e.units])).toEqual([['97110', 23, 2]]);
  });

  it('named as combined cells by the user (--map combined=Charge), it stays so', () => {
    const r = readExport(csv('Patient,DOS,Payer,Charge,Minutes', 'Lee Ann,11/02/2026,Medicare,97110-GP x2,23'), 'c.csv', { mapping: { combined: 'Charge' } });
    expect(codeColumn(r, 'Charge')).toMatchObject({ role: 'combined', how: 'chosen' });
  });
});

describe('modifiers typed onto the code with nothing between', () => {
  it('"97110GP" and "97140GP59" in an export are the codes and their modifiers; "9711059" is left as typed', () => {
    const r = readExport(csv('Visit ID,Date,Payer,CPT,Minutes,Units', 'V1,03/16/2026,Medicare,97110GP,33,2', 'V1,03/16/2026,Medicare,97140GP59,8,1', 'V2,03/16/2026,Medicare,9711059,20,1'), 'g.csv');
    expect(r.visits.map((v) => v.visit.entries.map((e) => [e.code, e.modifiers]))).toEqual([
      [
        ['97110', ['GP']],
        ['97140', ['GP', '59']],
      ],
      [['9711059', undefined]],
    ]);
    expect(readCodeAndUnits('97110GP x2')).toMatchObject({ code: '97110', modifiers: ['GP'], units: 2 });
    expect(readCodeAndUnits('G0283GP')).toEqual({ code: 'G0283', modifiers: ['GP'] });
    // (A diagnosis code's sequela, S83.01XS without its dot, is not split; nor when ZZ is no modifier a therapy claim uses.)
    expect(readCodeAndUnits('S8301XS')).toEqual({ code: 'S8301XS' });
    expect(readCodeAndUnits('97110GPZZ')).toEqual({ code: '97110GPZZ' });
  });
});
