// A biller's files into Visits, all at once: the reader (./reader.ts) run over a whole text
// or byte array. Kept for callers that hold the file already (tests, the bench); the CLI and
// the Batch page push chunks to ExportReader instead.

import { readExport } from './reader';
import type { ReadError, ReadOptions, ReadVisit } from './report';

export type { ReadError, ReadVisit } from './report';
export { detectFormat } from './reader';
export { normaliseDate, splitModifiers } from './cells';

export interface ReadResult {
  visits: ReadVisit[];
  errors: ReadError[];
}

/**
 * Reads every visit in one file. `fileName` helps pick the format (`.csv`/`.tsv`, `.json`,
 * `.jsonl`/`.ndjson`, `.xlsx`; otherwise the content decides) and names the file in errors.
 */
export function readVisits(text: string | Uint8Array, fileName: string, options: ReadOptions = {}): ReadResult {
  const { visits, errors } = readExport(text, fileName, options);
  return { visits, errors };
}
