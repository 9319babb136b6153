import type { Evaluation, Settings, Visit } from '../model';
import { evaluate } from '../rules/evaluate';
import type { RuleData } from '../rules/data';
import { threshold } from '../rules/data';
import { formatJsonLine, formatReadError, formatReportHead, formatReportTail, formatTable } from './format';
import { ExportReader } from './reader';
import type { ReadError, ReadOptions, ReadReport } from './report';

// The biller's batch check as a pure function: files' bytes or text in, output text and exit
// code out. scripts/check.ts only does the file system and the terminal. Everything written to
// `write` and `warn` comes from ./format (formatTable, formatJsonLine, formatReadError, the
// report), which shows control characters in the input instead of passing them to the
// terminal: keep it that way.

export interface CheckOptions {
  json: boolean;
  color?: boolean;
  settings?: Partial<Settings>;
  data?: RuleData;
  /** How to read each file (mapping, sheet, encoding, locale); detected where left out. */
  read?: ReadOptions;
  /** Where each chunk of output goes (stdout); called often, so keep it cheap. */
  write: (chunk: string) => void;
  /**
   * Where each chunk of output goes as UTF-8, instead of `write` (the CLI, whose stdout takes
   * bytes). Each visit's text is encoded into the chunk as soon as it is made: about a quarter
   * of the cost of joining 512 texts and encoding the whole, and the texts die young instead of
   * being copied by every garbage collection until the chunk is written.
   */
  writeBytes?: (chunk: Uint8Array) => void;
  /** The mapping report, errors and the summary (stderr). */
  warn: (line: string) => void;
  /** More to say about an error (the CLI: how to name a column with --map). */
  explain?: (error: ReadError) => string | undefined;
  /** A line for the mapping report when a file was read with a saved layout (the CLI: where it is kept). */
  layoutSaid?: (report: ReadReport) => string | undefined;
}

export interface CheckSummary {
  visits: number;
  withErrors: number;
  withWarnings: number;
  lowAverage: number;
  readErrors: ReadError[];
  reports: ReadReport[];
  exitCode: 0 | 1 | 2;
}

const utf8 = new TextEncoder();
/** Output bytes written at once (about 350 visits' JSON lines). */
const CHUNK_BYTES = 1 << 20;

export const EXIT = { clean: 0, errors: 1, unreadable: 2 } as const;

/**
 * The findings a file's format makes meaningless: without minutes in the input (an 837P, an
 * export with no minutes column) every timed line would repeat "no minutes"; the report says
 * it once instead ("units are taken as billed and the 8-minute rule is not checked").
 */
export function dropForInput(evaluation: Evaluation, report: ReadReport): Evaluation {
  if (report.minutes) return evaluation;
  const findings = evaluation.findings.filter((f) => f.rule !== 'minutes.missing');
  return findings.length === evaluation.findings.length ? evaluation : { ...evaluation, findings };
}

/** Checks files one after another; each file is pushed in chunks (see `open`). */
export class BatchCheck {
  readonly summary: CheckSummary = { visits: 0, withErrors: 0, withWarnings: 0, lowAverage: 0, readErrors: [], reports: [], exitCode: 0 };
  private buffer: string[] = [];
  /** With `writeBytes`: the chunk being filled, and how much of it is. */
  private bytes: Uint8Array | undefined;
  private used = 0;

  constructor(private readonly options: CheckOptions) {}

  /** One file: push its chunks (bytes or text) as they are read, then end. */
  open(name: string, read: ReadOptions = this.options.read ?? {}): { push(chunk: Uint8Array | string): void; end(): ReadReport; report: ReadReport } {
    const { options, summary } = this;
    let headShown = false;
    const head = (report: ReadReport) => {
      headShown = true;
      for (const line of formatReportHead(report)) options.warn(line);
      const layout = report.savedLayout && options.layoutSaid?.(report);
      if (layout) options.warn(layout);
    };
    const reader: ExportReader = new ExportReader(name, read, {
      mapped: head,
      error: (error) => {
        // A mapping refusal reads best after the columns it is about.
        if (error.missing && !headShown && reader.report.columns.length) head(reader.report);
        summary.readErrors.push(error);
        options.warn(formatReadError(error));
        const more = options.explain?.(error);
        if (more) options.warn(more);
      },
      visit: ({ visit }) => this.visit(visit, reader.report),
    });
    return {
      report: reader.report,
      push: (chunk) => {
        reader.push(chunk);
        this.flush();
      },
      end: () => {
        const report = reader.end();
        this.flush();
        if (!headShown && report.columns.length) head(report);
        for (const line of formatReportTail(report)) options.warn(line);
        summary.reports.push(report);
        return report;
      },
    };
  }

  /** Output written so far goes out (the CLI waits for the terminal after each chunk). */
  flush(): void {
    if (this.bytes) {
      const chunk = this.bytes.subarray(0, this.used);
      this.bytes = undefined;
      this.used = 0;
      if (chunk.length) this.options.writeBytes!(chunk);
    }
    if (this.buffer.length) this.options.write(this.buffer.join(''));
    this.buffer = [];
  }

  /** One visit's text, then `end` (kept apart: joined, the text would be copied once more). */
  private output(text: string, end: string): void {
    if (!this.options.writeBytes) {
      this.buffer.push(text, end);
      if (this.buffer.length >= 1024) this.flush();
      return;
    }
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    const most = (text.length + end.length) * 3;
    if (this.bytes && this.used + most > this.bytes.length) this.flush();
    this.bytes ??= new Uint8Array(Math.max(CHUNK_BYTES, most));
    this.used += utf8.encodeInto(text, this.bytes.subarray(this.used)).written;
    this.used += utf8.encodeInto(end, this.bytes.subarray(this.used)).written;
  }

  finish(): CheckSummary {
    this.flush();
    const s = this.summary;
    s.exitCode = s.readErrors.length ? EXIT.unreadable : s.withErrors ? EXIT.errors : EXIT.clean;
    return s;
  }

  private visit(visit: Visit, report: ReadReport): void {
    const { options, summary } = this;
    const evaluation = dropForInput(evaluate(visit, options.settings, options.data), report);
    summary.visits += 1;
    if (evaluation.findings.some((f) => f.severity === 'error')) summary.withErrors += 1;
    else if (evaluation.findings.some((f) => f.severity === 'warning')) summary.withWarnings += 1;
    if (evaluation.findings.some((f) => f.rule === 'units.low-average')) summary.lowAverage += 1;
    if (options.json) this.output(formatJsonLine(evaluation, visit), '\n');
    else this.output(formatTable(visit, evaluation, { color: options.color }), '\n\n');
  }
}

/** Whole files at once (tests, the bench). */
export function checkFiles(files: { name: string; text: string | Uint8Array }[], options: CheckOptions): CheckSummary {
  const check = new BatchCheck(options);
  for (const file of files) {
    const f = check.open(file.name);
    f.push(file.text);
    f.end();
  }
  return check.finish();
}

/** One line for stderr: counts, and the CMS note on low averages across the batch. */
export function summaryLine(s: CheckSummary, data?: RuleData): string {
  const parts = [`checked ${s.visits} visit${s.visits === 1 ? '' : 's'}: ${s.withErrors} with errors, ${s.withWarnings} with warnings only`];
  if (s.readErrors.length) parts.push(`${s.readErrors.length} input problem${s.readErrors.length === 1 ? '' : 's'} (see above)`);
  if (s.lowAverage && s.visits) {
    const low = data ? threshold(data, 'low-average-minutes') : 15;
    parts.push(`${s.lowAverage} (${Math.round((100 * s.lowAverage) / s.visits)}%) average under ${low} minutes per timed unit; a consistent practice is highlighted for review (CPM Pub. 100-04 Ch. 5 §20.2 C)`);
  }
  return parts.join('; ');
}
