// Delimited text (CSV, TSV, semicolon and pipe files as spreadsheets and practice systems write
// them) read with papaparse's parser, fed in chunks so a large export is never one string in
// memory: what is held is the chunk and the record in flight. Each record carries the 1-based
// line it starts on, so a message can point at it. No Node APIs: the extension's Batch page
// runs the same code in a worker.
//
// lib/csv.ts stays the CMS importer's reader: it is lenient about text after a closing quote
// ("ab"c → abc), which papaparse is not, and the importer's tests rely on that.

import Papa from 'papaparse';

export interface CsvError {
  line: number;
  reason: string;
}

/** A quoted field longer than this is taken as a quote that is never closed, not a cell. */
const MAX_PENDING = 8 * 1024 * 1024;

type Newline = '\n' | '\r\n' | '\r';

/** The record separator: the first line break outside quotes. */
function detectNewline(text: string): Newline | undefined {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 10) return '\n';
    else if (!quoted && c === 13) {
      if (i + 1 === text.length) return undefined; // "\r" at the chunk's end: "\r\n" or "\r", not known yet
      return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    }
  }
  return undefined;
}

const BREAK = /\r\n|\r|\n/g;
function breaksIn(field: string): number {
  if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) return 0;
  return field.match(BREAK)?.length ?? 0;
}

/**
 * Push-based CSV reading: `push` text as it arrives (any chunk size, a record may span chunks),
 * then `end`. Each complete record goes to `onRecord` as soon as it is read, blank lines too
 * (as one empty cell: the table stage counts them). An unterminated quoted field ends the reading with
 * an error on the line the field's record starts; the records before it were all handed over.
 * `onRecord` returning `false` stops the reading.
 */
export class CsvStream {
  private pending = '';
  private newline: Newline | undefined;
  private parser: Papa.Parser | undefined;
  private line = 1;
  private stopped = false;
  private first = true;
  error: CsvError | undefined;
  /** Lines with a quote papaparse read as malformed (text after a closing quote): their cells may be merged. */
  readonly badQuoteLines: number[] = [];
  /**
   * Malformed-quote records that also span several physical lines: a quote opened in a cell and
   * closed only on a later line, whose lines became part of that cell instead of rows. `fields`
   * are the record's cells; `absorbed` the text of each later line (quotes dropped), for naming
   * the visits they held.
   */
  readonly quoteSpans: { line: number; lines: number; fields: string[]; absorbed: string[] }[] = [];

  constructor(
    private readonly onRecord: (fields: string[], line: number) => void | boolean,
    private readonly delimiter = ',',
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new Error(`parseCsv: unusable delimiter ${JSON.stringify(delimiter)}`);
    }
  }

  /** Line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  get done(): boolean {
    return this.stopped;
  }

  push(text: string): void {
    if (this.stopped || text === '') return;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    this.pending += text;
    this.parse(false);
  }

  end(): CsvError | undefined {
    if (!this.stopped) this.parse(true);
    this.stopped = true;
    return this.error;
  }

  private parse(final: boolean): void {
    if (this.pending === '') return;
    if (!this.parser) {
      this.newline = detectNewline(this.pending) ?? (final ? '\n' : undefined);
      if (!this.newline) {
        if (this.pending.length > MAX_PENDING) this.fail(this.line);
        return; // one record so far and no line break yet: wait for more
      }
      this.parser = new Papa.Parser({ delimiter: this.delimiter, newline: this.newline });
    }
    const input = this.pending;
    const result = this.parser.parse(input, 0, !final) as { data: string[][]; errors: { code: string; row: number }[]; meta: { cursor: number } };
    const rows = result.data;
    // Without a quote in the input no cell can hold a line break: skip looking for them.
    const quoted = input.indexOf('"') !== -1;
    const badRows = new Set(result.errors.filter((e) => e.code === 'InvalidQuotes' && e.row < rows.length).map((e) => e.row));
    const unterminated = final && result.errors.some((e) => e.code === 'MissingQuotes');
    const last = unterminated ? rows.length - 1 : rows.length;
    for (let r = 0; r < last; r++) {
      const fields = rows[r]!;
      const start = this.line;
      let breaks = 0;
      if (quoted) for (let f = 0; f < fields.length; f++) breaks += breaksIn(fields[f]!);
      // A CRLF line in a file whose first break was LF: the CR is the line's end, not data.
      if (this.newline === '\n') {
        const lastField = fields[fields.length - 1]!;
        if (lastField.endsWith('\r')) {
          fields[fields.length - 1] = lastField.slice(0, -1);
          breaks -= 1;
        }
      }
      if (badRows.has(r) && this.badQuoteLines.length < 100) this.badQuoteLines.push(start);
      if (badRows.has(r) && breaks > 0 && this.quoteSpans.length < 20) {
        const absorbed = fields.join(this.delimiter).split(/\r\n|\n|\r/).slice(1, 51);
        this.quoteSpans.push({ line: start, lines: breaks, fields: fields.map((f) => f.slice(0, 100)), absorbed: absorbed.map((l) => l.slice(0, 500)) });
      }
      this.line += 1 + breaks;
      if (this.onRecord(fields, start) === false) {
        this.stopped = true;
        this.pending = '';
        return;
      }
    }
    if (unterminated) {
      // The rest of the file is inside the open quote: say how much of it was not read.
      const open = rows[rows.length - 1] ?? [];
      // A line break ending the file ends its last line; it starts no other.
      const rest = open.reduce((n, f) => n + breaksIn(f), 0) - (/[\r\n]$/.test(open[open.length - 1] ?? '') ? 1 : 0);
      this.fail(this.line, rest);
      return;
    }
    this.pending = final ? '' : input.slice(result.meta.cursor);
    if (this.pending.length > MAX_PENDING) this.fail(this.line);
  }

  private fail(line: number, rest = 0): void {
    const unread = rest > 0 ? `: lines ${line}–${line + rest} (${rest + 1} lines, to the end of the file) are inside it and not read; close the quote and check again` : '';
    this.error = { line, reason: `a quoted field that starts on line ${line} is never closed${unread}` };
    this.stopped = true;
    this.pending = '';
  }
}


export const DELIMITERS = [',', '\t', ';', '|'] as const;

/**
 * The delimiter of a sample of the file: the candidate that splits the most lines into the
 * same number of cells (more than one), quotes respected. Title lines above the header have
 * one cell whatever the delimiter, so they do not sway it. Ties go to the order of DELIMITERS.
 */
export function detectDelimiter(sample: string): { delimiter: string; columns: number } | undefined {
  let best: { delimiter: string; columns: number; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    let rows = 0;
    const stream = new CsvStream((fields) => {
      if (fields.length > 1) counts.set(fields.length, (counts.get(fields.length) ?? 0) + 1);
      return ++rows < 200;
    }, delimiter);
    stream.push(sample);
    stream.end();
    let columns = 0;
    let score = 0;
    for (const [n, c] of counts) if (c > score || (c === score && n > columns)) [columns, score] = [n, c];
    if (score > 0 && (!best || score > best.score)) best = { delimiter, columns, score };
  }
  return best && { delimiter: best.delimiter, columns: best.columns };
}
