// RFC 4180 CSV, read in one pass over the string (a 100,000-visit export is ~400k rows).
// Quoted fields may hold delimiters, "" escapes and line breaks; records end at LF, CRLF
// or a lone CR. Each record carries the 1-based line it starts on so errors can point at it.

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvError {
  line: number;
  reason: string;
}

export interface CsvOptions {
  /** One character; `,` unless told. */
  delimiter?: string;
}

export interface CsvResult {
  records: CsvRecord[];
  /** Set when the file cannot be read to its end (an unterminated quote); `records` holds what came before. */
  error?: CsvError;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Line breaks between `from` (inclusive) and `to` (exclusive): LF, CRLF and lone CR each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/**
 * Parses CSV text into records. A leading byte-order mark is dropped and blank lines are
 * skipped (their line numbers still count). Lenient where RFC 4180 is strict but the intent
 * is plain: a quote inside an unquoted field is kept as a character, and text after a
 * closing quote is appended to the field. An unterminated quoted field stops the parse
 * with an error naming the line the field starts on.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  const records: CsvRecord[] = [];
  const error = forEachCsvRecord(text, (fields, line) => void records.push({ line, fields }), options);
  return error ? { records, error } : { records };
}

/**
 * The same reading as {@link parseCsv}, handing each record to `onRecord` as it is read
 * instead of keeping them all (a large file's rows then never outlive their use). Reading
 * stops early when `onRecord` returns `false`. Returns the error that stopped it, if any.
 */
export function forEachCsvRecord(
  text: string,
  onRecord: (fields: string[], line: number) => void | boolean,
  options: CsvOptions = {},
): CsvError | undefined {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`parseCsv: unusable delimiter ${JSON.stringify(delimiter)}`);
  }
  const DELIM = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    // One field per iteration; the record ends at a line break or the end of the text.
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        const open = i;
        i++;
        value = '';
        let segment = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            return { line: fieldLine, reason: `a quoted field that starts on line ${fieldLine} is never closed` };
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(segment, q + 1); // keep one quote of the pair
            i = q + 2;
            segment = i;
            continue;
          }
          value += text.slice(segment, q);
          i = q + 1;
          break;
        }
        line += countLineBreaks(text, open, i);
        // Text between the closing quote and the next delimiter (not RFC 4180; kept as is).
        const rest = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === DELIM || c === LF || c === CR) break;
          i++;
        }
        if (i > rest) value += text.slice(rest, i);
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === DELIM || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(start, i);
      }
      fields.push(value);

      if (i < n && text.charCodeAt(i) === DELIM) {
        i++;
        continue;
      }
      // End of record: a line break or the end of the text.
      if (i < n) {
        if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) i += 2;
        else i++;
        line++;
      }
      break;
    }
    if (!(fields.length === 1 && fields[0] === '') && onRecord(fields, recordLine) === false) return undefined;
  }
  return undefined;
}
