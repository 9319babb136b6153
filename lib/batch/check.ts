import type { Evaluation, Settings, Visit } from '../model';
import { evaluate } from '../rules/evaluate';
import type { RuleData } from '../rules/data';
import { threshold } from '../rules/data';
import { escapeJsonRaw, formatNotes, formatReadError, formatReportHead, formatReportTail, formatTable, jsonLineUnescaped, jsonRawInUtf8 } from './format';
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
  /**
   * Resolves when the output can take more (the CLI: stdout drained, or closed). Offloaded
   * batches wait for it after each write, so a slow reader of the output holds the batches in
   * flight, and through `ready` the reading.
   */
  drained?: () => Promise<void>;
  /** More to say about an error (the CLI: how to name a column with --map). */
  explain?: (error: ReadError) => string | undefined;
  /** A line for the mapping report when a file was read with a saved layout (the CLI: where it is kept). */
  layoutSaid?: (report: ReadReport) => string | undefined;
  /**
   * Checks batches of visits on other threads (the CLI: worker_threads). Used only with
   * `writeBytes`, and only once a run has more than {@link OFFLOAD_AFTER} visits, so a small
   * file never pays for starting a thread. The output is the same, in the same order.
   */
  offload?: Offload;
  /** Visits checked on this thread before batches go to `offload` (default {@link OFFLOAD_AFTER}). */
  offloadAfter?: number;
}

/** What a batch of visits adds to the summary. */
export interface Tally {
  visits: number;
  withErrors: number;
  withWarnings: number;
  lowAverage: number;
}

/** A batch of visits checked elsewhere: its output (UTF-8, in the visits' order) and its tally. */
export interface Checked {
  bytes: Uint8Array;
  tally: Tally;
}

export interface Offload {
  /** Checks `visits` (read from a file with or without minutes) and resolves with their output. */
  check(visits: Visit[], inputHasMinutes: boolean): Promise<Checked>;
  /** Whether every thread already has work queued: the batch is then checked on this thread, which would otherwise wait. */
  busy(): boolean;
  /** Stops the threads (after the last batch resolved). */
  close(): void;
}

/** The options a visit's check depends on, and that another thread needs to repeat it. */
export type VisitCheckOptions = Pick<CheckOptions, 'json' | 'color' | 'settings' | 'data'>;

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
/** Visits checked on this thread before batches go to {@link Offload}: a small file starts no thread. */
export const OFFLOAD_AFTER = 2_000;
/**
 * Visits per offloaded batch: large enough that a message costs little beside the check, small
 * enough that a batch this thread checks itself (when every thread is busy) is short, and the
 * other threads do not run out of work meanwhile. 200 against 500: the 100,000-visit check took
 * a median 5.1 s against 6.3 s on two cores (docs/performance.md, seventeenth pass).
 */
const OFFLOAD_BATCH = 200;
/** Batches handed out and not yet written, at most: the reader waits (`ready`) beyond this, so memory stays bounded. */
const IN_FLIGHT = 12;

/**
 * One visit checked: its output text, counted into `tally`. The same on every thread. A JSON
 * line is not yet escaped for the raw characters a terminal acts on: {@link textOut} and
 * {@link encodeText} do that.
 */
export function checkVisit(visit: Visit, inputHasMinutes: boolean, options: VisitCheckOptions, tally: Tally): string {
  const evaluation = dropForInput(evaluate(visit, options.settings, options.data), inputHasMinutes);
  tally.visits += 1;
  if (evaluation.findings.some((f) => f.severity === 'error')) tally.withErrors += 1;
  else if (evaluation.findings.some((f) => f.severity === 'warning')) tally.withWarnings += 1;
  if (evaluation.findings.some((f) => f.rule === 'units.low-average')) tally.lowAverage += 1;
  return options.json ? jsonLineUnescaped(evaluation, visit) : formatTable(visit, evaluation, { color: options.color, inputHasMinutes });
}

/** A visit's text from {@link checkVisit} as it is printed, for a writer that takes text. */
const textOut = (text: string, json: boolean) => (json ? escapeJsonRaw(text) : text);

/** Room {@link encodeText} needs: 3 bytes of UTF-8 a code unit at most, 6 for one a JSON line escapes (\u2028). */
const roomFor = (text: string, end: string, json: boolean) => text.length * (json ? 6 : 3) + end.length * 3;

/**
 * Encodes a visit's text from {@link checkVisit} and its `end` into `bytes` at `used` (with
 * {@link roomFor} bytes free), and returns the new `used`. A JSON line is checked for raw
 * characters in its bytes, an eighth of the cost of a regex over its text, and the rare one
 * that has one is encoded again, escaped.
 */
function encodeText(text: string, end: string, bytes: Uint8Array, used: number, json: boolean): number {
  let written = utf8.encodeInto(text, bytes.subarray(used)).written;
  if (json && jsonRawInUtf8(bytes.subarray(used, used + written))) written = utf8.encodeInto(escapeJsonRaw(text), bytes.subarray(used)).written;
  used += written;
  return used + utf8.encodeInto(end, bytes.subarray(used)).written;
}

/** What follows each visit's text: a JSON line ends, a table is followed by a blank line. */
export const ending = (options: VisitCheckOptions): string => (options.json ? '\n' : '\n\n');

/** A batch of visits checked at once (what another thread runs): the texts encoded straight into one buffer. */
export function checkVisits(visits: Visit[], inputHasMinutes: boolean, options: VisitCheckOptions): Checked {
  const tally: Tally = { visits: 0, withErrors: 0, withWarnings: 0, lowAverage: 0 };
  let bytes = new Uint8Array(visits.length * 4096);
  let used = 0;
  const end = ending(options);
  for (const visit of visits) {
    const text = checkVisit(visit, inputHasMinutes, options, tally);
    const most = roomFor(text, end, options.json);
    if (used + most > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, used + most));
      grown.set(bytes.subarray(0, used));
      bytes = grown;
    }
    used = encodeText(text, end, bytes, used, options.json);
  }
  return { bytes: bytes.subarray(0, used), tally };
}

export const EXIT = { clean: 0, errors: 1, unreadable: 2 } as const;

/**
 * The findings a file's format makes meaningless: without minutes in the input (an 837P, an
 * export with no minutes column) every timed line would repeat "no minutes"; the report says
 * it once instead ("units are taken as billed and the 8-minute rule is not checked").
 */
export function dropForInput(evaluation: Evaluation, inputHasMinutes: boolean): Evaluation {
  if (inputHasMinutes) return evaluation;
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
  /** Visits read and waiting to be handed to `offload` together, with whether their file had minutes. */
  private batch: Visit[] = [];
  private batchHasMinutes = true;
  /** Offloaded batches not yet written; each writes after the one before it. */
  private inFlight = 0;
  private written: Promise<void> = Promise.resolve();
  private offloadFailed: unknown;
  /** Batches and lines waiting in `written`: a line said now goes after them. */
  private queued = 0;
  /** A thread failed and this was said once. */
  private threadLost = false;
  private waiting: (() => void) | undefined;
  /** Inside a file's `end`. */
  private ending = false;

  constructor(private readonly options: CheckOptions) {}

  /**
   * Whether the next visit goes into a batch. Not for visits a file hands over at its end with
   * nothing out yet: a JSON array or an .xlsx hands over every visit there, at once, when no
   * answer from a thread can come in; batching them only held them longer (and started threads
   * for nothing).
   */
  private get offloading(): boolean {
    if (!this.options.offload || !this.options.writeBytes) return false;
    if (this.ending && !this.queued && !this.batch.length) return false;
    return this.summary.visits + this.batch.length >= (this.options.offloadAfter ?? OFFLOAD_AFTER);
  }

  /** One file: push its chunks (bytes or text) as they are read, then end. */
  open(name: string, read: ReadOptions = this.options.read ?? {}): { push(chunk: Uint8Array | string): void; end(): ReadReport; report: ReadReport } {
    const { options, summary } = this;
    let headShown = false;
    /** Notes the head said: those the reader adds later (about visits read) go before the tail. */
    let notesSaid = 0;
    const head = (report: ReadReport) => {
      headShown = true;
      notesSaid = report.notes.length;
      for (const line of formatReportHead(report)) this.say(line);
      const layout = report.savedLayout && options.layoutSaid?.(report);
      if (layout) this.say(layout);
    };
    const reader: ExportReader = new ExportReader(name, read, {
      mapped: head,
      error: (error) => {
        // A mapping refusal reads best after the columns it is about.
        if (error.missing && !headShown && reader.report.columns.length) head(reader.report);
        summary.readErrors.push(error);
        this.say(formatReadError(error));
        const more = options.explain?.(error);
        if (more) this.say(more);
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
        this.ending = true;
        let report: ReadReport;
        try {
          report = reader.end();
        } finally {
          this.ending = false;
        }
        this.handOut();
        this.flush();
        if (!headShown && report.columns.length) head(report);
        for (const line of formatNotes(report.notes.slice(notesSaid))) this.say(line);
        for (const line of formatReportTail(report)) this.say(line);
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
    const { json } = this.options;
    if (!this.options.writeBytes) {
      this.buffer.push(textOut(text, json), end);
      if (this.buffer.length >= 1024) this.flush();
      return;
    }
    const most = roomFor(text, end, json);
    if (this.bytes && this.used + most > this.bytes.length) this.flush();
    this.bytes ??= new Uint8Array(Math.max(CHUNK_BYTES, most));
    this.used = encodeText(text, end, this.bytes, this.used, json);
  }

  /**
   * Resolves once few enough offloaded batches are waiting: the caller reads its next chunk
   * after this, so memory is bounded by the batches in flight, not by the file. Rejects if a
   * thread failed.
   */
  async ready(most = IN_FLIGHT): Promise<void> {
    while (this.inFlight > most && this.offloadFailed === undefined) await new Promise<void>((resolve) => (this.waiting = resolve));
    if (this.offloadFailed !== undefined) throw this.offloadFailed;
  }

  /** Whether a batch handed to `offload` failed (`ready` and `settle` throw its error). */
  get failed(): boolean {
    return this.offloadFailed !== undefined;
  }

  /** Everything handed out so far is written (and its lines said): for output of the caller's own to follow it. */
  async idle(): Promise<void> {
    this.handOut();
    await this.written;
    if (this.offloadFailed !== undefined) throw this.offloadFailed;
  }

  /** Every offloaded batch written and the threads stopped; then `finish`. */
  async settle(): Promise<CheckSummary> {
    try {
      await this.idle();
    } finally {
      this.options.offload?.close();
    }
    return this.finish();
  }

  finish(): CheckSummary {
    if (this.inFlight || this.batch.length) throw new Error('BatchCheck.finish: offloaded visits are still being checked (await settle())');
    this.flush();
    const s = this.summary;
    s.exitCode = s.readErrors.length ? EXIT.unreadable : s.withErrors ? EXIT.errors : EXIT.clean;
    return s;
  }

  private visit(visit: Visit, report: ReadReport): void {
    if (this.offloading) {
      if (this.batch.length && this.batchHasMinutes !== report.minutes) this.handOut();
      this.batchHasMinutes = report.minutes;
      this.batch.push(visit);
      if (this.batch.length >= OFFLOAD_BATCH) this.handOut();
      return;
    }
    this.output(checkVisit(visit, report.minutes, this.options, this.summary), ending(this.options));
  }

  /**
   * A line for stderr, in its place among the output: while batches are out, after the visits
   * read before it (and the batch being filled goes out first, so none of those is held back).
   */
  private say(line: string): void {
    if (!this.queued && !this.batch.length) {
      // After the visits read before it, on one thread as with batches out.
      this.flush();
      this.options.warn(line);
      return;
    }
    this.handOut();
    this.queued += 1;
    this.written = this.written.then(() => {
      this.queued -= 1;
      // A run stopped by a failed check says nothing more of what was read after it.
      if (this.offloadFailed === undefined) this.options.warn(line);
    });
  }

  /** The visits read so far go to another thread; their output is written after everything before it. */
  private handOut(): void {
    const visits = this.batch;
    if (!visits.length) return;
    this.batch = [];
    // What this thread checked before the first batch goes out first.
    this.flush();
    this.inFlight += 1;
    this.queued += 1;
    const { options } = this;
    const offload = options.offload!;
    const hasMinutes = this.batchHasMinutes;
    // Every thread busy: this thread checks the batch itself, at once while the file is being
    // read (it would otherwise wait for the threads' answers with nothing to do), in its turn
    // at a file's end (where no answer can come in before the end returns, and the outputs of
    // every batch the end hands over would be held until then).
    const busy = offload.busy();
    const checked = !busy ? offload.check(visits, hasMinutes) : this.ending ? undefined : Promise.resolve(checkVisits(visits, hasMinutes, options));
    checked?.catch(() => undefined); // handled in turn, below
    this.written = this.written.then(async () => {
      try {
        if (this.offloadFailed !== undefined) return;
        let result: Checked;
        try {
          result = checked ? await checked : checkVisits(visits, hasMinutes, options);
        } catch (e) {
          if (!checked) throw e;
          // A thread that failed (stopped, out of memory): its visits are checked here instead.
          // If this thread fails on them too, that is the error the run stops with.
          if (!this.threadLost) {
            this.threadLost = true;
            options.warn(`${(e as Error).message.split('\n')[0]}; its visits are checked on the main thread`);
          }
          result = checkVisits(visits, hasMinutes, options);
        }
        options.writeBytes!(result.bytes);
        const s = this.summary;
        s.visits += result.tally.visits;
        s.withErrors += result.tally.withErrors;
        s.withWarnings += result.tally.withWarnings;
        s.lowAverage += result.tally.lowAverage;
        await options.drained?.();
      } catch (e) {
        this.offloadFailed ??= e;
      } finally {
        this.inFlight -= 1;
        this.queued -= 1;
        const wake = this.waiting;
        this.waiting = undefined;
        wake?.();
      }
    });
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
