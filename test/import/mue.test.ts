import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NO_MUE_ROWS, mueEffectiveFromName, parseMueCsv } from '../../lib/import/mue';
import { MueRow } from '../../lib/rules/data/schema';

// Fixture: test/fixtures/cms/MCR_MUE_PractitionerServices_Eff_07-01-2026.csv, Latin-1, CRLF
// between records, in the exact layout of the CMS practitioner MUE CSV (rules-reference §4.4):
// a quoted multi-line AMA notice followed by ",,,", then the header whose first cell holds a
// line break. The values are made up for the fixture.
const NAME = 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv';
const bytes = readFileSync(fileURLToPath(new URL(`../fixtures/cms/${NAME}`, import.meta.url)));
const text = new TextDecoder('latin1').decode(bytes);
const THERAPY = new Set(['92507', '97110', '97112', '97116', '97140', '97150', '97161', '97530', '97535']);
const keep = (c: string) => THERAPY.has(c);
const result = parseMueCsv(text, { fileName: NAME, keep });
const byCode = (code: string) => result.rows.find((r) => r.code === code);

const HEADER = '"HCPCS/\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale';

describe('the MUE fixture really is in the CMS format', () => {
  it('has the quoted notice with the Latin-1 ® byte (0xAE), the ",,," after it, and the wrapped header', () => {
    expect(bytes.indexOf(0xae)).toBeGreaterThan(0);
    expect(text.startsWith('"Current Procedural Terminology (CPT) codes')).toBe(true);
    expect(text).toContain('CPT\u00ae is a registered trademark');
    expect(text).toContain(`herein.",,,\r\n${HEADER}\r\n`);
  });
});

describe('parseMueCsv', () => {
  it('takes the effective date from the file name', () => {
    expect(result.effectiveFrom).toBe('2026-07-01');
    expect(mueEffectiveFromName('MCR_MUE_PractitionerServices_Eff_01-01-2027.csv')).toBe('2027-01-01');
    expect(mueEffectiveFromName('mue.csv')).toBeUndefined();
    expect(mueEffectiveFromName('MCR_MUE_PractitionerServices_Eff_13-01-2027.csv')).toBeUndefined();
  });

  it('reads code, value, MAI (the leading digit) and rationale, with a primary source and the line', () => {
    expect(byCode('97110')).toEqual({
      code: '97110',
      value: 6,
      mai: 3,
      rationale: 'Clinical: Data',
      source: `CMS practitioner MUE table ${NAME}, line 11`,
      confidence: 'primary',
    });
    expect(byCode('97161')).toMatchObject({ value: 1, mai: 2 });
    expect(byCode('97140')).toMatchObject({ value: 4, mai: 1 }); // "1 Line Edit"
    for (const row of result.rows) expect(MueRow.safeParse(row).success).toBe(true);
  });

  it('reads quoted fields: a comma, doubled quotes and a Latin-1 ®', () => {
    expect(byCode('92507')!.rationale).toBe('Nature of Service/Procedure, Clinical: Data');
    expect(byCode('97150')!.rationale).toBe('Nature of Service/Procedure "group"');
    expect(byCode('97161')!.rationale).toBe('Code Descriptor / CPT\u00ae Instruction');
  });

  it('drops non-therapy codes but counts them as read; the notice and header are not rows', () => {
    expect(byCode('0001U')).toBeUndefined();
    expect(result.rowsRead).toBe(6);
    expect(result.rows.map((r) => r.code)).toEqual(['97110', '92507', '97161', '97140', '97150']);
  });

  it('reports malformed rows and the unterminated quote at the end with their line numbers', () => {
    expect(result.problems).toEqual([
      { line: 16, reason: 'MUE value "x" is not a whole number' },
      { line: 17, reason: 'MUE adjudication indicator "4 Date of Service Edit: Clinical" does not start with 1, 2 or 3' },
      { line: 18, reason: 'expected 4 comma-separated columns, found 2' },
      { line: 19, reason: 'unterminated quoted field: the quote opened on line 19 is never closed (is the file cut short?); record dropped' },
    ]);
  });
});

describe('parseMueCsv edge cases', () => {
  const notice = '"CPT only copyright 2025 American Medical Association.\n\nAll rights reserved.",,,';
  const parse = (records: string[], fileName = NAME) => parseMueCsv(records.join('\n') + '\n', { fileName, keep });

  it('accepts LF-only files', () => {
    const r = parse([notice, HEADER, '97110,6,3 Date of Service Edit: Clinical,Clinical: Data', ',,,', '']);
    expect(r.problems).toEqual([]); // blank records carry no data and are not problems
    expect(r.rows[0]!.source).toMatch(/line 6$/);
  });

  it('rejects MAI values that are not a single leading 1, 2 or 3, and bad codes', () => {
    const r = parse([notice, HEADER, '97110,6,,x', '97110,6,12 Something,x', '9711,6,3,x', '97112,2,3,x']);
    expect(r.problems.map((p) => p.line)).toEqual([6, 7, 8]);
    expect(r.problems[2]!.reason).toBe('code "9711" is not a 5-character CPT/HCPCS code');
    expect(r.rows.map((x) => x.code)).toEqual(['97112']);
  });

  it('reports a repeated code and keeps the first row', () => {
    const r = parse([notice, HEADER, '97110,6,3,x', '97110,4,3,y']);
    expect(r.rows).toEqual([expect.objectContaining({ value: 6 })]);
    expect(r.problems).toEqual([{ line: 7, reason: 'code 97110 repeats line 6; the first row is kept' }]);
  });

  it('reports a file name without the effective date', () => {
    const r = parse([notice, HEADER, '97110,6,3,x'], 'mue.csv');
    expect(r.effectiveFrom).toBeUndefined();
    expect(r.problems[0]!.reason).toMatch(/no effective date in the file name/);
  });

  it('refuses the outpatient-hospital MUE table', () => {
    const header = '"HCPCS/\nCPT Code",Outpatient Hospital Services MUE Values,MUE Adjudication Indicator,MUE Rationale';
    const r = parse([notice, header, '97110,6,3,x'], 'MCR_MUE_OutpatientHospitalServices_Eff_07-01-2026.csv');
    expect(r.rows).toEqual([]);
    expect(r.problems[0]!.reason).toMatch(/practitioner services table/);
  });

  it('says clearly when a file has no MUE data rows', () => {
    const r = parseMueCsv('Column 1\tColumn 2\n97140\t97530\t\t20200101\t*\t1\tx\n', { fileName: NAME, keep });
    expect(r.rows).toEqual([]);
    expect(r.problems[0]).toEqual({ line: 0, reason: NO_MUE_ROWS });
  });
});
