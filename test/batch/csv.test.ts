import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/csv';

const rows = (text: string, delimiter?: string) =>
  parseCsv(text, delimiter ? { delimiter } : {}).records.map((r) => [r.line, ...r.fields]);

describe('parseCsv', () => {
  it('reads plain records with their starting lines', () => {
    expect(rows('a,b,c\n1,2,3\n')).toEqual([
      [1, 'a', 'b', 'c'],
      [2, '1', '2', '3'],
    ]);
  });

  it('accepts CRLF, LF, lone CR and no final line break', () => {
    expect(rows('a,b\r\n1,2\r\n3,4')).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
    ]);
    expect(rows('a\r1\r2')).toEqual([
      [1, 'a'],
      [2, '1'],
      [3, '2'],
    ]);
  });

  it('strips a byte-order mark', () => {
    expect(rows('\uFEFFVisit ID,Code\nV1,97110')).toEqual([
      [1, 'Visit ID', 'Code'],
      [2, 'V1', '97110'],
    ]);
  });

  it('reads quoted fields: delimiters, "" escapes and line breaks inside, and counts lines after them', () => {
    const text = 'id,desc,min\n1,"Balance, foam ""airex""",23\n2,"two\r\nline\nnote",10\n3,"",\n';
    expect(rows(text)).toEqual([
      [1, 'id', 'desc', 'min'],
      [2, '1', 'Balance, foam "airex"', '23'],
      [3, '2', 'two\r\nline\nnote', '10'],
      [6, '3', '', ''],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(rows(',,\na,')).toEqual([
      [1, '', '', ''],
      [2, 'a', ''],
    ]);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(rows('a\n\n\r\nb\n\n')).toEqual([
      [1, 'a'],
      [4, 'b'],
    ]);
  });

  it('is lenient with stray quotes the way spreadsheets write them', () => {
    expect(rows('5\'10" tall,x\n"quoted"tail,y')).toEqual([
      [1, '5\'10" tall', 'x'],
      [2, 'quotedtail', 'y'],
    ]);
  });

  it('reports an unterminated quote with the line it starts on, keeping the records before it', () => {
    const result = parseCsv('a,b\n1,2\n3,"never\nclosed\n4,5\n');
    expect(result.records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(result.error).toEqual({ line: 3, reason: 'a quoted field that starts on line 3 is never closed' });
  });

  it('takes another delimiter', () => {
    expect(rows('a\tb\n"x\ty"\tz', '\t')).toEqual([
      [1, 'a', 'b'],
      [2, 'x\ty', 'z'],
    ]);
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow();
  });

  it('reads back what a writer quoted, for any table', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é'), maxLength: 8 });
    const quote = (s: string) => (/[",\r\n]/.test(s) || s === '' ? `"${s.replaceAll('"', '""')}"` : s);
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (table, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const text = table.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const result = parseCsv(text);
        expect(result.error).toBeUndefined();
        expect(result.records.map((r) => r.fields)).toEqual(table);
        // Each record starts on the line after the previous one's last line break.
        let line = 1;
        result.records.forEach((r, i) => {
          expect(r.line).toBe(line);
          line += 1 + table[i]!.join('').split(/\r\n|\r|\n/).length - 1;
        });
      }),
    );
  });

  // Speed is the bench's (test/bench/batch.ts), not a timed test: this checks 400,000 rows are all read, in order.
  it('reads 400,000 rows, every one with its line number', () => {
    const row = 'V-123456,2025-03-04,Medicare Part B,PT,97110,"Therex, knee ext",23,2,"GP,59",\n';
    const text = `visit id,date,payer,discipline,code,description,minutes,units,modifiers,assistant minutes\n${row.repeat(400_000)}`;
    const result = parseCsv(text);
    expect(result.records).toHaveLength(400_001);
    expect(result.records[400_000]!.line).toBe(400_001);
    expect(result.records[1]!.fields[8]).toBe('GP,59');
  }, 60_000);
});
