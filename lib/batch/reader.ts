// The export reader: bytes (or text) in, Visits out, by stage —
//   decode (kind of file, encoding) → table (rows, header, skipped rows) → mapping (which
//   column is what) → visits,
// with JSON, JSON Lines and 837P read by their own stage after decoding, and .xlsx turned
// into rows by SheetJS. Push-based and free of Node APIs: the CLI pushes a file's chunks as
// it reads them, and the extension's Batch page can push a File's chunks in a worker. What
// the reader decided is in `report` (the mapping report); visits and errors go to the sink
// as they are read.

import { CsvStream, detectDelimiter } from './csv-stream';
import { Decoder, detectEncoding, sniffKind, SAMPLE_BYTES } from './decode';
import { JsonLinesStage, readJson } from './json';
import type { ColumnMap } from './mapping';
import { emptyReport, type Format, type ReadError, type ReadOptions, type ReadReport, type ReadSink, type ReadVisit } from './report';
import { SameDayLedger } from './same-day';
import { SpendLedger } from './spend';
import { TableStage } from './table';
import { VisitStage } from './visits';
import { X12Stage } from './x12';
import { readSheet } from './xlsx';
import { headerKey } from './names';

interface TextStage {
  push(text: string): void;
  end(): void;
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const BY_EXTENSION: Record<string, Format> = { csv: 'csv', tsv: 'csv', tab: 'csv', psv: 'csv', txt: 'csv', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', x12: '837p', edi: '837p', '837': '837p', xlsx: 'xlsx', xlsm: 'xlsx', xls: 'xlsx', ods: 'xlsx' };

/** The format of a text file: by its content first (an .txt may be an 837P), then its extension. */
export function detectFormat(text: string, fileName: string): Format {
  const body = text.replace(/^\ufeff/, '').trimStart();
  // X12: an interchange (ISA*…), a group (GS*HC…) or a bare transaction set (ST*837…).
  if (/^ISA[^A-Za-z0-9\s]/.test(body) || /^GS([^A-Za-z0-9\s])HC\1/.test(body) || /^ST([^A-Za-z0-9\s])837\1/.test(body)) return '837p';
  const ext = Object.hasOwn(BY_EXTENSION, extensionOf(fileName)) ? BY_EXTENSION[extensionOf(fileName)] : undefined;
  if (ext === 'csv' || ext === 'jsonl' || ext === 'json') return ext;
  if (body.startsWith('[')) return 'json';
  if (body.startsWith('{')) {
    try {
      JSON.parse(body);
      return 'json';
    } catch {
      return 'jsonl';
    }
  }
  return 'csv';
}

/** Largest piece of input handled at once. */
const SLICE = 256 * 1024;


/** Reads one export pushed in chunks; see the file comment. */
export class ExportReader {
  readonly report: ReadReport;
  private kind: 'sniff' | 'xlsx' | 'text' = 'sniff';
  private bytes: Uint8Array[] = [];
  private byteCount = 0;
  private decoder: Decoder | undefined;
  private textSample = '';
  private stage: TextStage | undefined;
  private ended = false;

  constructor(
    private readonly file: string,
    private readonly options: ReadOptions,
    private readonly sink: ReadSink,
  ) {
    this.report = emptyReport(file, options.format ?? 'csv');
  }

  /** Bytes as read from the file, or text already decoded; any size (a whole file is read in slices). */
  push(chunk: Uint8Array | string): void {
    if (this.ended) throw new Error('ExportReader: push after end');
    // A whole file pushed at once is still read a slice at a time, so the rows in flight stay few.
    if (chunk.length > SLICE && this.kind !== 'xlsx') {
      for (let at = 0; at < chunk.length; at += SLICE) this.pushSlice(typeof chunk === 'string' ? chunk.slice(at, at + SLICE) : chunk.subarray(at, at + SLICE));
      return;
    }
    this.pushSlice(chunk);
  }

  private pushSlice(chunk: Uint8Array | string): void {
    if (typeof chunk === 'string') {
      this.kind = 'text';
      this.text(chunk, false);
      return;
    }
    if (this.kind === 'text' && this.decoder) {
      this.text(this.decoder.decode(chunk), false);
      return;
    }
    this.bytes.push(chunk);
    this.byteCount += chunk.length;
    if (this.kind === 'sniff' && this.byteCount >= SAMPLE_BYTES) this.startBytes(false);
  }

  end(): ReadReport {
    if (this.ended) return this.report;
    this.ended = true;
    if (this.kind === 'sniff') {
      if (this.byteCount === 0) {
        this.sink.error({ file: this.file, line: 1, reason: 'the file is empty' });
        return this.report;
      }
      this.startBytes(true);
    }
    if (this.kind === 'xlsx') this.readWorkbook();
    else {
      this.text(this.decoder ? this.decoder.decode(new Uint8Array(0), true) : '', true);
      if (this.decoder && this.decoder.replaced > 0) {
        this.report.notes.push(
          `${this.decoder.replaced} character${this.decoder.replaced === 1 ? ' was' : 's were'} not valid UTF-8 and show as "\ufffd": save the export as UTF-8, or read it as Windows-1252`,
        );
      }
    }
    return this.report;
  }

  private joined(): Uint8Array {
    if (this.bytes.length === 1) return this.bytes[0]!;
    const all = new Uint8Array(this.byteCount);
    let at = 0;
    for (const b of this.bytes) {
      all.set(b, at);
      at += b.length;
    }
    return all;
  }

  /** Enough bytes to tell the kind of file and its encoding. */
  private startBytes(final: boolean): void {
    const head = this.joined();
    this.bytes = [head];
    const kind = this.options.format === 'xlsx' ? 'xlsx' : this.options.format ? 'text' : sniffKind(head);
    if (kind === 'xlsx') {
      this.kind = 'xlsx';
      this.report.format = 'xlsx';
      return;
    }
    this.kind = 'text';
    const choice = detectEncoding(head, final, this.options.encoding);
    this.report.encoding = choice.how;
    this.decoder = new Decoder(choice);
    this.bytes = [];
    this.byteCount = 0;
    this.text(this.decoder.decode(head), false);
  }

  private text(text: string, final: boolean): void {
    if (!this.stage) {
      this.textSample += text;
      if (this.textSample.length < SAMPLE_BYTES && !final) return;
      text = this.textSample;
      this.textSample = '';
      if (text.trim() === '' && final) {
        this.sink.error({ file: this.file, line: 1, reason: 'the file is empty' });
        return;
      }
      this.stage = this.startText(text);
    }
    if (text) this.stage.push(text);
    if (final) this.stage.end();
  }

  private startText(sample: string): TextStage {
    const format = this.options.format ?? detectFormat(sample, this.file);
    this.report.format = format;
    const { file, sink, report } = this;
    if (this.options.accumulateSpend && format !== 'csv') report.notes.push('year-to-date spend is summed from tables (CSV, spreadsheets) with a patient and a charge or allowed-amount column; in this file each visit\'s own ytdTherapySpend is used');
    if (format === '837p') return new X12Stage(file, sink, report);
    if (format === 'jsonl') {
      sink.mapped?.(report);
      return new JsonLinesStage(file, sink, report);
    }
    if (format === 'json') {
      // A JSON array is read whole (JSON.parse): a visit list a script wrote, not a large export.
      let whole = '';
      return {
        push: (t) => void (whole += t),
        end: () => {
          sink.mapped?.(report);
          readJson(whole.replace(/^\ufeff/, ''), file, sink, report);
        },
      };
    }
    const delimiter =
      this.options.delimiter ?? (['tsv', 'tab'].includes(extensionOf(file)) ? '\t' : extensionOf(file) === 'psv' ? '|' : detectDelimiter(sample)?.delimiter ?? ',');
    report.delimiter = delimiter;
    const rows = this.tablePipeline();
    const csv = new CsvStream((fields, line) => rows.row(fields, line), delimiter);
    return {
      push: (t) => csv.push(t),
      end: () => {
        const error = csv.end();
        rows.end();
        if (error) sink.error({ file, line: error.line, reason: error.reason });
        for (const span of csv.quoteSpans) sink.error({ file, line: span.line, reason: quoteSpanReason(span, report, delimiter) });
        const spanned = new Set(csv.quoteSpans.map((s) => s.line));
        const badQuoteLines = csv.badQuoteLines.filter((l) => !spanned.has(l));
        if (badQuoteLines.length) {
          report.notes.push(`a quote mark inside a quoted cell on line ${badQuoteLines.slice(0, 5).join(', ')}${badQuoteLines.length > 5 ? '…' : ''}: cells there may be run together; check those rows`);
        }
      },
    };
  }

  /** Table stage → mapping → visit stage, shared by delimited text and worksheets. */
  private tablePipeline(): { row(cells: string[], line: number): void; end(): void } {
    const { file, sink, report, options } = this;
    let visits: VisitStage | undefined;
    const onError = (e: ReadError) => sink.error(e);
    const table = new TableStage(file, report, options, onError, {
      mapped: (map: ColumnMap) => {
        const ledger = SpendLedger.start(file, map, report, onError, !!options.accumulateSpend);
        // A patient column: each visit also carries the patient's earlier visits of its date.
        const days = sameDayLedger(map, report);
        const onVisit = ledger || days ? (v: ReadVisit) => sink.visit(days ? days.apply(ledger ? ledger.apply(v) : v) : ledger!.apply(v)) : (v: ReadVisit) => sink.visit(v);
        visits = new VisitStage(file, map, report, onVisit, onError, options.window, ledger?.column);
        sink.mapped?.(report);
      },
      row: (cells, line) => visits!.row(cells, line),
    });
    return {
      row: (cells, line) => table.row(cells, line),
      end: () => {
        table.end();
        visits?.end();
      },
    };
  }

  private readWorkbook(): void {
    const sheet = readSheet(this.joined(), this.options.sheet);
    this.bytes = [];
    if (typeof sheet === 'string') {
      this.sink.error({ file: this.file, line: 0, reason: sheet });
      return;
    }
    this.report.sheet = sheet.sheet;
    this.report.sheets = sheet.sheets;
    const rows = this.tablePipeline();
    for (const r of sheet.rows) rows.row(r.cells, r.line);
    rows.end();
  }
}

export interface ReadResult {
  visits: ReadVisit[];
  errors: ReadError[];
  report: ReadReport;
}

/**
 * A cell whose quote closes only lines later swallowed those lines: how many, the visit whose
 * row took the cells after the stray quote, and the visits named on the lines swallowed (by the
 * visit id column, else the patient), whose lines are missing from the check.
 */
export function quoteSpanReason(span: CsvStream['quoteSpans'][number], report: ReadReport, delimiter: string): string {
  const column = report.columns.find((c) => c.role === 'id') ?? report.columns.find((c) => c.role === 'patient');
  const last = span.line + span.lines;
  const lines = span.lines === 1 ? `line ${last}` : `lines ${span.line + 1}–${last} (${span.lines} lines)`;
  let own = '';
  let lost = '';
  if (column) {
    const id = span.fields[column.index]?.trim();
    if (id) own = ` visit ${JSON.stringify(id)} on line ${span.line} took its later cells from line ${last};`;
    const ids = [...new Set(span.absorbed.map((l) => l.split(delimiter)[column.index]?.trim() ?? '').filter((x) => x !== '' && x !== id))];
    if (ids.length) lost = ` ${ids.length === 1 ? 'visit' : 'visits'} ${ids.slice(0, 10).map((x) => JSON.stringify(x)).join(', ')}${ids.length > 10 ? '…' : ''} on ${span.lines === 1 ? 'that line' : 'those lines'} may be missing lines, or be missing altogether;`;
  }
  return `a quote opened in a cell on line ${span.line} is closed only on line ${last}: ${lines} were read into that one cell, not as rows;${own}${lost} fix the quote on line ${span.line} (close it, or remove it) and check again`;
}

/** A whole file at once (tests, small files, the Batch page's preview). Errors in line order. */
export function readExport(data: Uint8Array | ArrayBuffer | string, fileName: string, options: ReadOptions = {}): ReadResult {
  const visits: ReadVisit[] = [];
  const errors: ReadError[] = [];
  const reader = new ExportReader(fileName, options, { visit: (v) => visits.push(v), error: (e) => errors.push(e) });
  reader.push(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
  const report = reader.end();
  errors.sort((a, b) => a.line - b.line);
  return { visits, errors, report };
}

/**
 * The same-day check, for a table with a patient column that names one patient: an account
 * column may be a family's (a guarantor's), and two siblings' visits are not one day.
 */
function sameDayLedger(map: ColumnMap, report: ReadReport): SameDayLedger | undefined {
  if (map.at.patient === undefined) return undefined;
  const name = report.columns[map.at.patient]?.name ?? '';
  if (/acc(?:oun)?t|acct/.test(headerKey(name))) {
    report.notes.push(`a patient's visits on one date are not checked as a day: ${JSON.stringify(name.trim())} may be an account several patients share; a patient name or record number column would let them be`);
    return undefined;
  }
  return new SameDayLedger(report.notes);
}
