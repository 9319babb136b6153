// CMS CSV files are read with the project's one RFC 4180 reader (lib/csv.ts); this adapter
// turns its error into an import problem. An unterminated quote (a file cut short) drops the
// record it starts and is reported on the line the quote opened.

import { parseCsv, type CsvRecord } from '../csv';
import type { ImportProblem } from './common';

export type { CsvRecord };

export function readCsvRecords(text: string): { records: CsvRecord[]; problems: ImportProblem[] } {
  const { records, error } = parseCsv(text);
  const problems: ImportProblem[] = error ? [{ line: error.line, reason: `unterminated quoted field: the quote opened on line ${error.line} is never closed (is the file cut short?); record dropped` }] : [];
  return { records, problems };
}
