import { describe, expect, it } from 'vitest';
import { checkVisit } from '../../lib/batch/check';
import { formatJsonLine, formatTable } from '../../lib/batch/format';
import { claimLinesCsv, CLAIM_HEADER } from '../../lib/batch/export-csv';
import { readExport } from '../../lib/batch/reader';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';

// A visit whose timed line has no readable minutes: its claim is provisional (Evaluation.minutesPending),
// and the batch check's table and the Batch page's claim lines say so, as the side panel does.

// CPM §20.2 Example 1 with 97110's minutes missing (units entered) and 97140's unreadable (no units).
const visit: Visit = {
  id: 'V-9',
  payer: 'Medicare',
  discipline: 'PT',
  dateOfService: '2026-03-16',
  entries: [
    { code: '97110', label: 'Ther ex', units: 2, modifiers: ['GP'], fieldKey: 'line:2' },
    { code: '97140', label: 'Manual', minutes: null, rawMinutes: 'abt ten', modifiers: ['GP'], fieldKey: 'line:3' },
    { code: '97530', label: 'Ther activities', minutes: 24, units: 2, modifiers: ['GP'], fieldKey: 'line:4' },
  ],
};
const evaluation = evaluate(visit);

describe('the batch check\'s table: a claim waiting on minutes', () => {
  it('the evaluation names the lines (the premise)', () => {
    expect(evaluation.minutesPending).toEqual([
      { entry: 0, code: '97110' },
      { entry: 1, code: '97140', unreadable: true },
    ]);
  });

  it('heads the claim PROVISIONAL with which lines and why, marks those lines, and names the one with no units', () => {
    const text = formatTable(visit, evaluation, { width: 1000 });
    expect(text).not.toContain('  Claim:\n');
    expect(text).toContain(
      '  Claim, PROVISIONAL until the minutes are entered: No minutes for 97110 “Ther ex”; minutes not readable for 97140 “Manual”. Those lines are shown with the units entered on the form (or none), not worked out from minutes.',
    );
    expect(text).toContain('Enter the minutes before billing or copying this claim.');
    expect(text).toMatch(/\n {4}97110 ×2 GP \[PROVISIONAL: minutes missing or unreadable\]/);
    // 97530's line is not itself waiting: not marked.
    expect(text).toMatch(/\n {4}97530 ×2 GP(?! \[PROVISIONAL)/);
    expect(text).toContain('\n    97140 ×? (enter its minutes) [PROVISIONAL: minutes missing or unreadable]');
  });

  it('a visit with every minute is not called provisional', () => {
    const done: Visit = { ...visit, entries: visit.entries.map((e) => ({ ...e, minutes: 12, rawMinutes: undefined })) };
    const text = formatTable(done, evaluate(done));
    expect(text).toContain('  Claim:\n');
    expect(text).not.toContain('PROVISIONAL');
  });

  it('an input with no minutes at all (837P): said once in the report, not on every visit', () => {
    const nominutes: Visit = { ...visit, entries: visit.entries.map(({ minutes, rawMinutes, ...e }) => e) };
    const ev = evaluate(nominutes);
    expect(ev.minutesPending?.length).toBeGreaterThan(0);
    const tally = { visits: 0, withErrors: 0, withWarnings: 0, lowAverage: 0 };
    expect(checkVisit(nominutes, false, { json: false }, tally)).not.toContain('PROVISIONAL');
    expect(checkVisit(nominutes, true, { json: false }, tally)).toContain('PROVISIONAL');
  });

  it('JSON keeps its shape: the evaluation, minutesPending inside it', () => {
    const line = JSON.parse(formatJsonLine(evaluation, visit));
    expect(line.minutesPending).toEqual(evaluation.minutesPending);
    expect(Object.keys(line).slice(0, 4)).toEqual(['id', 'dateOfService', 'payer', 'discipline']);
    expect(line.lines).toEqual(evaluation.lines);
  });

  it('read from an export with a blank minutes cell, the CLI text says the claim is provisional', () => {
    const r = readExport('Visit ID,Date,Payer,CPT,Minutes,Units,Mod\nV1,03/16/2026,Medicare,97110,,2,GP\nV1,03/16/2026,Medicare,97530,24,2,GP\n', 'x.csv');
    const tally = { visits: 0, withErrors: 0, withWarnings: 0, lowAverage: 0 };
    expect(checkVisit(r.visits[0]!.visit, r.report.minutes, { json: false }, tally)).toContain('Claim, PROVISIONAL until the minutes are entered: No minutes for 97110.');
    // A final claim: the column is empty.
    const done: Visit = { ...visit, entries: visit.entries.map((e) => ({ ...e, minutes: 12, rawMinutes: undefined })) };
    const final = claimLinesCsv([{ line: 2, visit: { id: 'V-9' }, evaluation: evaluate(done) }]).trim().split('\r\n').slice(1);
    expect(final.length).toBeGreaterThan(0);
    for (const r of final) expect(r.endsWith(',')).toBe(true);
  });
});

describe('the Batch page\'s corrected claim lines CSV', () => {
  it('keeps its columns and adds "Provisional": the lines waiting on minutes, and by the CMS method the others too', () => {
    const csv = claimLinesCsv([{ line: 2, visit: { id: 'V-9', dateOfService: '2026-03-16', payer: 'Medicare' }, evaluation }]);
    const rows = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(CLAIM_HEADER.slice(0, 7)).toEqual(['Visit ID', 'Date of service', 'Payer', 'Code', 'Units', 'Modifiers', 'Why']);
    expect(rows[0]).toBe(CLAIM_HEADER.join(','));
    expect(CLAIM_HEADER.at(-1)).toBe('Provisional');
    const row = (code: string) => rows.find((r) => r.startsWith(`V-9,2026-03-16,Medicare,${code},`));
    expect(row('97110')).toMatch(/^V-9,2026-03-16,Medicare,97110,2,GP,.*,"PROVISIONAL: minutes missing or unreadable \(units as entered, not worked out\)"$/);
    expect(row('97530')).toMatch(/^V-9,2026-03-16,Medicare,97530,2,GP,.*,"PROVISIONAL: waits on the minutes of 97110, 97140 \(by the CMS 8-minute rule the total decides every timed line's units\)"$/);
    // A final claim: the column is empty.
    const done: Visit = { ...visit, entries: visit.entries.map((e) => ({ ...e, minutes: 12, rawMinutes: undefined })) };
    const final = claimLinesCsv([{ line: 2, visit: { id: 'V-9' }, evaluation: evaluate(done) }]).trim().split('\r\n').slice(1);
    expect(final.length).toBeGreaterThan(0);
    for (const r of final) expect(r.endsWith(',')).toBe(true);
  });
});
