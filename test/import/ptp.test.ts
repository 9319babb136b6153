import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NO_PTP_ROWS, parsePtpFile, preferPtpRow, ptpVersionFromName } from '../../lib/import/ptp';
import { PtpRow } from '../../lib/rules/data/schema';

// Fixture: test/fixtures/cms/ccipra-v322r0-f1.TXT, written as Latin-1 bytes with CRLF in the
// exact layout of the CMS practitioner PTP file (rules-reference §4.4). Rows are made up.
const FIXTURE = fileURLToPath(new URL('../fixtures/cms/ccipra-v322r0-f1.TXT', import.meta.url));
const bytes = readFileSync(FIXTURE);
const text = new TextDecoder('latin1').decode(bytes);
const THERAPY = new Set(['97032', '97035', '97110', '97112', '97116', '97140', '97150', '97161', '97164', '97530', '97535', '97750']);
const keep = (c: string) => THERAPY.has(c);
const result = parsePtpFile(text, { fileName: 'ccipra-v322r0-f1.TXT', keep });
const pair = (c1: string, c2: string) => result.rows.filter((r) => r.column1 === c1 && r.column2 === c2);

const HEADER = [
  'CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t',
  'Column1/Column2 Edits\t\t\t\t\t\t',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
];

describe('the PTP fixture really is in the CMS format', () => {
  it('is Latin-1 with CRLF and a © byte (0xA9)', () => {
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    expect(bytes.indexOf(0xa9)).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from([0xc2, 0xa9]))).toBe(false); // not UTF-8
    expect(text.split('\r\n').slice(0, 6)).toEqual(HEADER);
  });
});

describe('parsePtpFile on the CMS layout', () => {
  it('keeps 97140/97530 indicator 1, in force, with dates converted and a primary source', () => {
    expect(pair('97140', '97530')).toEqual([
      {
        column1: '97140',
        column2: '97530',
        effective: '2020-01-01',
        deleted: null,
        modifierIndicator: 1,
        rationale: 'Mutually exclusive procedures',
        source: 'CMS NCCI practitioner PTP file ccipra-v322r0-f1.TXT, line 8',
        confidence: 'primary',
      },
    ]);
  });

  it('every kept row passes the PtpRow schema', () => {
    for (const row of result.rows) expect(PtpRow.safeParse(row).success).toBe(true);
  });

  it('reads the version from the file name', () => {
    expect(result.version).toBe('v322r0');
    expect(ptpVersionFromName('ccipra-v322r0-f4.TXT')).toBe('v322r0');
    expect(ptpVersionFromName('some/dir/CCIPRA-V331R1-F1.txt')).toBe('v331r1');
    expect(ptpVersionFromName('ptp.txt')).toBeUndefined();
  });

  it('keeps rows where either column is a therapy code and drops the others', () => {
    expect(pair('0001A', '99213')).toEqual([]); // line 7
    expect(pair('99214', '99215')).toEqual([]); // line 22
    const byColumn2 = pair('99213', '97140'); // therapy code only in column 2
    expect(byColumn2).toHaveLength(1);
    expect(byColumn2[0]).toMatchObject({ effective: '1996-01-01', deleted: null, modifierIndicator: 0 });
    expect(result.rows.map((r) => `${r.column1}|${r.column2}`)).toEqual([
      '97140|97530',
      '97150|97110',
      '97530|97116',
      '97530|97161',
      '97032|97035',
      '99213|97140',
      '97164|97750',
    ]);
  });

  it('counts every valid data row as read, kept or not, and counts merged duplicates', () => {
    expect(result.rowsRead).toBe(12);
    expect(result.rows).toHaveLength(7);
    expect(result.duplicatesMerged).toBe(3);
  });

  it('merging duplicates keeps the row still in force, whichever comes first', () => {
    // lines 9 (deleted 2020-03-31) and 10 (in force): line 10 wins
    expect(pair('97150', '97110')).toEqual([
      expect.objectContaining({ effective: '2020-10-01', deleted: null, source: expect.stringMatching(/line 10$/) }),
    ]);
    // lines 11 (in force) and 12 (deleted): line 11 wins
    expect(pair('97530', '97116')).toEqual([
      expect.objectContaining({ effective: '2020-10-01', deleted: null, source: expect.stringMatching(/line 11$/) }),
    ]);
  });

  it('merging two deleted rows keeps the later deletion date', () => {
    // lines 13 (deleted 2020-01-24, indicator 0) and 14 (deleted 2020-01-01, indicator 9)
    expect(pair('97530', '97161')).toEqual([
      expect.objectContaining({ deleted: '2020-01-24', modifierIndicator: 0, source: expect.stringMatching(/line 13$/) }),
    ]);
  });

  it('keeps an indicator-9 row (deletion date = effective date)', () => {
    expect(pair('97032', '97035')).toEqual([expect.objectContaining({ modifierIndicator: 9, effective: '2015-01-01', deleted: '2015-01-01' })]);
  });

  it('decodes the Latin-1 © in a rationale', () => {
    expect(pair('97164', '97750')[0]!.rationale).toBe('CPT\u00a9 Manual or CMS manual coding instruction');
  });

  it('reports each malformed line with its line number and a specific reason; header lines are not problems', () => {
    expect(result.problems).toEqual([
      { line: 18, reason: 'effective date "2020013" is not a YYYYMMDD date' },
      { line: 19, reason: 'modifier indicator "2" is not 0, 1 or 9' },
      { line: 20, reason: 'expected 7 tab-separated columns, found 6' },
      { line: 21, reason: 'deletion date "20201345" is not a YYYYMMDD date or *' },
      { line: 23, reason: 'truncated last line (no line end): expected 7 tab-separated columns, found 4' },
    ]);
  });
});

describe('parsePtpFile edge cases', () => {
  const parse = (lines: string[], eol = '\r\n', fileName = 'ccipra-v322r0-f1.TXT') =>
    parsePtpFile(lines.join(eol) + eol, { fileName, keep });

  it('accepts LF line ends and gives the same line numbers', () => {
    const r = parse([...HEADER, '97140\t97530\t\t20200101\t*\t1\tMutually exclusive procedures'], '\n');
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.source).toMatch(/line 7$/);
  });

  it('reports bad codes, bad flags, reversed dates and stray lines in the data', () => {
    const r = parse([
      ...HEADER,
      '97140\t97530\t\t20200101\t*\t1\tx',
      '9714\t97530\t\t20200101\t*\t1\tx',
      '97140\t97530\tX\t20200101\t*\t1\tx',
      '97140\t97530\t\t20200101\t20191231\t1\tx',
      'Column 1\tColumn 2\tagain',
      '97140\t97530\t\t20200230\t*\t1\tx',
    ]);
    expect(r.problems).toEqual([
      { line: 8, reason: 'column 1 "9714" is not a 5-character CPT/HCPCS code' },
      { line: 9, reason: '"in existence prior to 1996" must be * or blank, found "X"' },
      { line: 10, reason: 'deletion date 2019-12-31 is before effective date 2020-01-01' },
      { line: 11, reason: 'expected 7 tab-separated columns, found 3' },
      { line: 12, reason: 'effective date "20200230" is not a YYYYMMDD date' },
    ]);
  });

  it('accepts trailing tabs after the rationale and a blank deletion date (read as in force)', () => {
    const r = parse([...HEADER, '97140\t97530\t\t20200101\t\t1\tMutually exclusive procedures\t\t']);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toMatchObject({ deleted: null, rationale: 'Mutually exclusive procedures' });
  });

  it('accepts a complete last line without a line end', () => {
    const r = parsePtpFile([...HEADER, '97140\t97530\t\t20200101\t*\t1\tx'].join('\r\n'), { fileName: 'f.TXT', keep });
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(1);
    expect(r.version).toBeUndefined();
  });

  it('says clearly when a file has no PTP data rows at all', () => {
    const csv = '"HCPCS/\nCPT Code",Practitioner Services MUE Values\r\n97110,6,3 Date of Service Edit: Clinical,x\r\n';
    const r = parsePtpFile(csv, { fileName: 'ccipra-v322r0-f1.TXT', keep });
    expect(r.rows).toEqual([]);
    expect(r.rowsRead).toBe(0);
    expect(r.problems[0]).toEqual({ line: 0, reason: NO_PTP_ROWS });
    expect(r.problems.length).toBeLessThanOrEqual(4);
    expect(parsePtpFile('', { fileName: 'x.TXT', keep }).problems).toEqual([{ line: 0, reason: NO_PTP_ROWS }]);
    // A long wrong file: the message, three example lines, and a count of the rest.
    const junk = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\r\n');
    const many = parsePtpFile(junk, { fileName: 'x.TXT', keep }).problems;
    expect(many.map((p) => p.line)).toEqual([0, 1, 2, 3, 0]);
    expect(many[4]!.reason).toBe('497 more lines not recognised (not listed)');
  });

  it('refuses the outpatient hospital file by name', () => {
    const r = parse([...HEADER, '97140\t97530\t\t20200101\t*\t1\tx'], '\r\n', 'ccioph-v322r0-f1.TXT');
    expect(r.rows).toEqual([]);
    expect(r.problems[0]!.reason).toMatch(/outpatient hospital/);
  });

  it('lists at most 200 problems per file and counts the rest', () => {
    const bad = Array.from({ length: 250 }, () => '97140\t97530\t\tbad\t*\t1\tx');
    const r = parse([...HEADER, '97140\t97530\t\t20200101\t*\t1\tx', ...bad]);
    expect(r.problems).toHaveLength(201);
    expect(r.problems[200]).toEqual({ line: 0, reason: '50 more malformed lines like the ones above (not listed)' });
  });
});

describe('preferPtpRow', () => {
  const row = (effective: string, deleted: string | null): PtpRow => ({
    column1: '97140',
    column2: '97530',
    effective,
    deleted,
    modifierIndicator: 1,
    rationale: '',
    source: 'test',
    confidence: 'primary',
  });
  it('prefers the row in force, then the later deletion, then the later effective date', () => {
    const inForce = row('2020-01-01', null);
    const deleted = row('2021-01-01', '2022-12-31');
    expect(preferPtpRow(inForce, deleted)).toBe(inForce);
    expect(preferPtpRow(deleted, inForce)).toBe(inForce);
    const earlier = row('2019-01-01', '2019-12-31');
    expect(preferPtpRow(earlier, deleted)).toBe(deleted);
    expect(preferPtpRow(deleted, earlier)).toBe(deleted);
    const newer = row('2023-01-01', null);
    expect(preferPtpRow(newer, inForce)).toBe(newer);
    expect(preferPtpRow(inForce, newer)).toBe(newer);
  });
});
