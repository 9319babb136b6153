// A small RFC 4180 CSV record reader. Pure and browser-safe.
//
// - Fields are separated by commas, records by CRLF; LF and lone CR are accepted too.
// - A field that starts with a double quote runs to the next lone quote; "" inside it is one
//   quote, and commas and line breaks inside it are data (kept as written).
// - A trailing line break after the last record does not make an empty record.
// - An empty line is a record with one empty field; callers decide whether to skip it.
// - A quoted field still open at the end of the file is reported as a problem and its record is
//   dropped (the file is probably truncated). Text after a closing quote is kept as written and
//   reported.
// Each record carries the 1-based physical line on which it starts, so problems can point at it.

import type { ImportProblem } from './common';

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line on which the record starts. */
  line: number;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Line breaks in s: CRLF, LF or a lone CR each count once. */
function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

export function readCsvRecords(text: string): { records: CsvRecord[]; problems: ImportProblem[] } {
  const records: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let line = 1;

  records: while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openedOn = line;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            problems.push({
              line: openedOn,
              reason: `unterminated quoted field: the quote opened on line ${openedOn} is never closed (is the file cut short?); record dropped`,
            });
            break records;
          }
          value += text.slice(j, q);
          line += countLineBreaks(text, j, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== CR && c !== LF) {
          let j2 = i;
          while (j2 < n) {
            const d = text.charCodeAt(j2);
            if (d === COMMA || d === CR || d === LF) break;
            j2++;
          }
          problems.push({ line, reason: `text after a closing quote: ${JSON.stringify(text.slice(i, j2))} (kept as written)` });
          value += text.slice(i, j2);
          i = j2;
        }
        field = value;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      // End of record: CRLF, LF or lone CR.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push({ fields, line: recordLine });
  }
  return { records, problems };
}
