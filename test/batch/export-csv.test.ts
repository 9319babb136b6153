import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { claimLinesCsv, csvCell, resultsCsv, toCsv, type CheckedVisit } from '../../lib/batch/export-csv';
import { evaluate } from '../../lib/rules/evaluate';
import { WEEK } from '../fixtures/exports/week';

// The Batch page's CSV: cells from the dropped file never run as spreadsheet formulas, and the
// rows say each visit's findings and the claim lines to bill.

const checked: CheckedVisit[] = WEEK.map((w, i) => ({ line: i + 2, visit: w.visit, evaluation: evaluate(w.visit) }));
const rowsOf = (csv: string) => csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
  ])('escapes a formula-like cell %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('leaves ordinary text, and numbers it wrote itself, alone; quotes what needs quoting', () => {
    expect(csvCell('Medicare')).toBe('Medicare');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('toCsv starts with a BOM and ends rows with CRLF', () => {
    expect(toCsv([['a', 1], ['=b', 2]])).toBe("\ufeffa,1\r\n'=b,2\r\n");
  });
});

describe('results and claim lines', () => {
  it('one row per finding, one "ok" row per clean visit, every expected rule of the week present', () => {
    const rows = rowsOf(resultsCsv(checked));
    const findings = WEEK.reduce((n, w) => n + Math.max(1, evaluate(w.visit).findings.length), 0);
    expect(rows).toHaveLength(1 + findings);
    for (const w of WEEK) {
      const mine = rows.filter((r) => r.split(',')[1] === w.visit.id);
      if (w.expected.length === 0) expect(mine.some((r) => r.includes(',ok,')), w.visit.id).toBe(true);
      for (const rule of w.expected) expect(mine.some((r) => r.includes(`,${rule},`)), `${w.visit.id} ${rule}`).toBe(true);
    }
  });

  it('each finding row says why (message, source) and what to do, as the finding does', () => {
    const table = Papa.parse<Record<string, string>>(resultsCsv(checked).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    const w04 = checked.find((c) => c.visit.id === 'W04')!;
    const over = w04.evaluation.findings.find((f) => f.rule === 'units.over-billed')!;
    const row = table.find((r) => r['Visit ID'] === 'W04' && r.Rule === 'units.over-billed')!;
    expect(row.Message).toBe(over.message);
    expect(row['What to do']).toBe(over.action);
    expect(row['What to do']).toMatch(/^Bill /);
    expect(row.Source).toBe(over.source);
    expect(row.Source).toMatch(/Pub\. 100-04 Ch\. 5 §20\.2/);
  });

  it('a formula-like id or payer from the file is escaped in both files', () => {
    const hostile: CheckedVisit = { ...checked[0]!, visit: { ...checked[0]!.visit, id: '=cmd|x', payer: '@Medicare' } };
    for (const csv of [resultsCsv([hostile]), claimLinesCsv([hostile])]) {
      const body = rowsOf(csv).slice(1);
      expect(body.length).toBeGreaterThan(0);
      for (const r of body) {
        expect(r).toContain("'=cmd|x");
        expect(r).toContain("'@Medicare");
        expect(r).not.toMatch(/(^|,)[=@]/);
      }
    }
  });

  it('claim lines: the suggested units, not the billed ones (W04: 97110 ×2 for 30 minutes)', () => {
    const rows = rowsOf(claimLinesCsv(checked));
    expect(rows[0]).toBe('Visit ID,Date of service,Payer,Code,Units,Modifiers,Why,Provisional');
    expect(rows.filter((r) => r.startsWith('W04,'))).toEqual([expect.stringMatching(/^W04,2026-03-17,Medicare,97110,2,GP,/)]);
  });
});
