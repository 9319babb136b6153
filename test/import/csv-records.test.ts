import { describe, it, expect } from 'vitest';
import { readCsvRecords } from '../../lib/import/csv-records';

const fields = (text: string) => readCsvRecords(text).records.map((r) => r.fields);

describe('readCsvRecords (RFC 4180)', () => {
  it('splits plain fields and records, CRLF or LF, without an empty record for the trailing line break', () => {
    expect(fields('a,b,c\r\nd,e,f\r\n')).toEqual([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(fields('a,b\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(fields('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(fields('a\rb\r')).toEqual([['a'], ['b']]);
    expect(fields('')).toEqual([]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fields(',,,\r\na,,b,\r\n')).toEqual([['', '', '', ''], ['a', '', 'b', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    const text = '"a,b","say ""hi""","two\nlines","crlf\r\ninside",""\r\nnext,row\r\n';
    expect(fields(text)).toEqual([['a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', ''], ['next', 'row']]);
  });

  it('gives each record the physical line it starts on, counting line breaks inside quotes', () => {
    const text = '"notice\n\nmore",,,\r\n"HCPCS/\nCPT Code",x\r\n97110,1\r\n\r\n97140,2\r\n';
    const { records, problems } = readCsvRecords(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'notice\n\nmore'],
      [4, 'HCPCS/\nCPT Code'],
      [6, '97110'],
      // the blank line 7 is skipped; its number still counts
      [8, '97140'],
    ]);
  });

  it('reports an unterminated quote at the end of the file with the line it opened on, and drops that record', () => {
    const { records, problems } = readCsvRecords('a,b\r\nc,"never\r\nclosed\r\n');
    expect(records.map((r) => r.fields)).toEqual([['a', 'b']]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(2);
    expect(problems[0]!.reason).toMatch(/unterminated quoted field/);
  });

  it('keeps text after a closing quote as written (lenient, like the batch reader)', () => {
    const { records, problems } = readCsvRecords('x\n"ab"c,d\n');
    expect(records[1]!.fields).toEqual(['abc', 'd']);
    expect(problems).toEqual([]);
  });

  it('skips a byte-order mark', () => {
    expect(fields('\uFEFFa,b\n')).toEqual([['a', 'b']]);
  });
});
