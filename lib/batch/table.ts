// Stage 2 of reading an export: rows of cells → the header and the data rows under it.
//
// Reports printed to CSV put title lines above the header ("Therapy charges, week of…"),
// repeat the header and a page line on every page, and add blank lines, daily totals and a
// grand total. None of those is a visit: each is skipped, counted with its reason in the
// report, and never read as a line item. The header is the first row, among the first
// HEADER_SCAN, whose cells look most like column names.

import { excelText, looksLikeCode, looksLikeDate, parseCombined } from './cells';
import { findLayout, withLayout } from './layouts';
import { mapColumns, type ColumnMap } from './mapping';
import { headerKey, headerScore, nameMatch, notThis } from './names';
import { countSkip, type ReadError, type ReadOptions, type ReadReport } from './report';

/** Rows looked at for the header. */
export const HEADER_SCAN = 30;
/** Data rows looked at before the columns are mapped (their content is part of the evidence). */
export const SAMPLE_ROWS = 200;

// "Total", "Daily total", "Grand Total:", "Subtotal", "Sub-total", "Total for 03/16/2026",
// "03/16/2026 Total", "Total Units:", "TOTAL CHARGES", "Total (5 visits)", "Day Total - 03/16/2026",
// "Patient Total (Lee, Ann)", "TOTAL 03/16/2026". What may follow "total" is a short list
// ("Total knee rehab" is a description, not a total).
const TOTAL =
  /^(?:[\w/.,\- ]{0,30}\s)?(?:(?:grand|sub|daily|day|date|weekly|week|monthly|month|page|report|visit|patient|provider|payer|clinic|overall|running)[\s-]*)?totals?(?:\s+(?:units|charges?|minutes|mins|visits|amounts?|time|billed|hours|count|due))?(?:\s*[-\u2013:]?\s*(?:(?:for|of|by)\b.{0,40}|\(.{0,40}\)|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}))?\s*:?\s*$/i;
// "*** Grand Total ***", "== Total ==", "-- Subtotal --": the decoration is not the label.
const DECORATION = /^[\s*=#~_.\-\u2013\u2014:]+|[\s*=#~_.\-\u2013\u2014:]+$/g;

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** The position of the row's one non-empty cell, or -1 when it has none or several. */
function onlyCell(cells: string[]): number {
  let only = -1;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]!.trim() === '') continue;
    if (only !== -1) return -1;
    only = i;
  }
  return only;
}

const isTotal = (t: string) => t.length <= 60 && TOTAL.test(t.replace(DECORATION, ''));

/**
 * A total or subtotal row: a cell that says so, and no code where codes are. `codeAt`: the
 * columns that hold codes (or whole line items); only a code there vetoes the label, so a
 * total's 5-digit amount ($10,600) does not. Without it, any code-shaped cell vetoes.
 */
export function totalLabel(cells: string[], codeAt?: readonly number[]): string | undefined {
  // Cheap test first: this runs on every row of a large export.
  let said = false;
  for (const c of cells) if (c.length <= 80 && (c.indexOf('otal') !== -1 || c.indexOf('OTAL') !== -1)) said = true;
  if (!said) return undefined;
  if (codeAt) {
    for (const i of codeAt) {
      const t = cells[i]?.trim();
      if (t && (looksLikeCode(t) || parseCombined(t) !== null)) return undefined;
    }
  }
  let label: string | undefined;
  for (const c of cells) {
    const t = c.trim();
    if (t === '') continue;
    if (!codeAt && looksLikeCode(t)) return undefined;
    if (label === undefined && isTotal(t)) label = t;
  }
  return label;
}

/**
 * Before the columns are mapped: the columns the header names as codes (or line items); when
 * it names none, every column it names nothing else (a code column found by its content).
 */
function codeColumnsByName(header: string[]): number[] {
  const named: number[] = [];
  const unnamed: number[] = [];
  header.forEach((h, i) => {
    const match = nameMatch(h);
    if (match?.role === 'code' || match?.role === 'combined') named.push(i);
    else if (!match && !notThis(h)) unnamed.push(i);
  });
  return named.length ? named : unnamed;
}

/** Once mapped: the columns that hold codes or whole line items. */
function codeColumnsOf(map: ColumnMap): number[] {
  const out: number[] = [];
  for (const i of [map.at.code, map.at.combined, ...map.items.flatMap((it) => [it.code, it.combined])]) if (i !== undefined) out.push(i);
  return out;
}

export interface DataSink {
  /** The columns were mapped: the rows below come in order. */
  mapped(map: ColumnMap, header: string[]): void;
  row(cells: string[], line: number): void;
}

export class TableStage {
  private pending: { cells: string[]; line: number }[] = [];
  private header: string[] | undefined;
  private headerKeys = '';
  private headerScore = 0;
  /** Two header cells (position, lower case) a repeated header must have in place: a cheap first test. */
  private headerProbe: [number, string][] = [];
  private sample: { cells: string[]; line: number }[] = [];
  private map: ColumnMap | undefined;
  /** Nothing more can be read (no header, or the mapping was refused): rows are only counted. */
  private refused = false;
  private titles = new Set<string>();
  /** Where codes are (see totalLabel): by the header's names, then by the mapping. */
  private codeAt: number[] = [];
  /** The patient column, by name, then by the mapping: a row with only a patient is a heading, not a title. */
  private patientAt: number | undefined;

  constructor(
    private readonly file: string,
    private readonly report: ReadReport,
    private readonly options: ReadOptions,
    private readonly onError: (e: ReadError) => void,
    private readonly out: DataSink,
  ) {}

  row(cells: string[], line: number): void {
    // Excel's text markers ('97110, ="97110") in any column; the first character is tested
    // before anything else, as this runs on every cell.
    for (let i = 0; i < cells.length; i++) {
      const first = cells[i]!.charCodeAt(0);
      if (first === 39 || first === 61) cells[i] = excelText(cells[i]!);
    }
    if (this.refused) {
      this.report.rows.total++;
      if (isBlank(cells)) countSkip(this.report, 'blank', line);
      else this.report.rows.refused++;
      return;
    }
    if (!this.header) {
      this.pending.push({ cells, line });
      const forced = this.options.headerLine;
      if ((forced !== undefined && line >= forced) || (forced === undefined && this.pending.length >= HEADER_SCAN)) this.findHeader();
      return;
    }
    this.body(cells, line);
  }

  end(): void {
    if (!this.header && !this.refused) this.findHeader();
    if (this.header && !this.map && !this.refused) this.decide();
  }

  private findHeader(): void {
    const rows = this.pending;
    this.pending = [];
    let at = -1;
    const forced = this.options.headerLine;
    if (forced !== undefined) at = rows.findIndex((r) => r.line === forced);
    else {
      let best = 1;
      rows.forEach((r, i) => {
        const score = headerScore(r.cells);
        if (score > best) [best, at] = [score, i];
      });
      // Names Unitwise does not know: a row of labels (no date, code or number) above a row of
      // values is the header; the mapping stage then goes by content.
      if (at === -1) {
        at = rows.findIndex((r, i) => {
          const filled = r.cells.filter((c) => c.trim() !== '');
          if (filled.length < 2 || filled.some((c) => looksLikeDate(c) || looksLikeCode(c) || /^\d+(?:[.,]\d+)?$/.test(c.trim()))) return false;
          const next = rows.slice(i + 1).find((n) => !isBlank(n.cells));
          return !!next && next.cells.some((c) => looksLikeDate(c) || looksLikeCode(c));
        });
      }
    }
    if (at === -1) {
      const first = rows.find((r) => !isBlank(r.cells));
      if (!first) {
        this.onError({ file: this.file, line: 1, reason: 'the file is empty' });
        this.refused = true;
        return;
      }
      const seen = first.cells.filter((c) => c.trim() !== '').slice(0, 8).map((c) => JSON.stringify(c.trim().slice(0, 30))).join(', ');
      this.onError({
        file: this.file,
        line: forced ?? first.line,
        reason:
          forced !== undefined
            ? `there is no line ${forced} to be the header`
            : `cannot find the header row in the first ${rows.length} rows: no row names two or more columns Unitwise knows (such as Visit ID, Date of Service, Payer, CPT, Minutes, Units, Modifiers); line ${first.line} has ${seen}`,
        missing: [],
      });
      this.refused = true;
      for (const r of rows) this.row(r.cells, r.line);
      return;
    }
    for (const r of rows.slice(0, at)) {
      this.report.rows.total++;
      if (isBlank(r.cells)) countSkip(this.report, 'blank', r.line);
      else {
        const text = r.cells.filter((c) => c.trim() !== '').join(' ').trim();
        this.titles.add(text);
        countSkip(this.report, 'title', r.line, text);
      }
    }
    const header = rows[at]!.cells;
    this.header = header;
    this.headerKeys = header.map(headerKey).join('\u0000');
    this.headerScore = headerScore(header);
    this.headerProbe = header.flatMap((h, i): [number, string][] => (h.trim() ? [[i, h.trim().toLowerCase()]] : [])).slice(0, 2);
    this.report.headerLine = rows[at]!.line;
    this.codeAt = codeColumnsByName(header);
    const patient = header.findIndex((h) => nameMatch(h)?.role === 'patient');
    this.patientAt = patient === -1 ? undefined : patient;
    for (const r of rows.slice(at + 1)) this.body(r.cells, r.line);
  }

  /** A row below the header: skipped with its reason, or data. */
  private body(cells: string[], line: number): void {
    this.report.rows.total++;
    if (isBlank(cells)) {
      countSkip(this.report, 'blank', line);
      return;
    }
    if (this.repeatsHeader(cells)) {
      countSkip(this.report, 'repeated-header', line);
      return;
    }
    const total = totalLabel(cells, this.codeAt);
    if (total !== undefined) {
      countSkip(this.report, 'total', line, total);
      return;
    }
    // One cell of text in a table of several columns: a page line ("Page 2 of 3") or a title
    // repeated on every page, not a line item. One in the patient column is a heading for the
    // rows below (the visit stage reads it).
    const at = onlyCell(cells);
    const only = at === -1 ? undefined : cells[at]!.trim();
    if (only !== undefined && this.header!.length >= 3 && !looksLikeCode(only)) {
      const title = this.titles.has(only) || /^page\s+\d+/i.test(only);
      if (title || (at !== this.patientAt && !/\d{5}/.test(only))) {
        countSkip(this.report, 'title', line, only);
        return;
      }
    }
    if (this.map) {
      this.out.row(cells, line);
      return;
    }
    this.sample.push({ cells, line });
    if (this.sample.length >= SAMPLE_ROWS) this.decide();
  }

  /** The options with the choices of a layout saved for this format and header, if there is one. */
  private withSavedLayout(): ReadOptions {
    const { layouts, mapping } = this.options;
    if (!layouts?.length) return this.options;
    const header = this.header!;
    const saved = findLayout(layouts, { format: this.report.format, sheet: this.report.sheet, columns: header.map((name) => ({ name: name.trim() })) });
    if (!saved) return this.options;
    this.report.savedLayout = { savedAt: saved.savedAt };
    return { ...this.options, mapping: withLayout(saved.mapping, mapping, header) };
  }

  /** The header again (a page header): its first cells in place, then the whole row alike. */
  private repeatsHeader(cells: string[]): boolean {
    for (const [i, text] of this.headerProbe) {
      const c = cells[i];
      if (c === undefined || c.trim().toLowerCase() !== text) return false;
    }
    return cells.map(headerKey).join('\u0000') === this.headerKeys || (this.headerScore >= 3 && headerScore(cells) >= Math.max(3, this.headerScore * 0.6));
  }

  private decide(): void {
    const options = this.withSavedLayout();
    this.report.chosen = options.mapping ?? {};
    const result = mapColumns(this.header!, this.sample.map((r) => r.cells), options);
    this.report.columns = result.columns;
    this.report.notes.push(...result.notes);
    const sample = this.sample;
    this.sample = [];
    if (!result.map) {
      this.onError({ file: this.file, line: this.report.headerLine ?? 1, reason: result.error!.reason, missing: result.error!.missing });
      this.refused = true;
      this.report.rows.refused += sample.length;
      return;
    }
    this.map = result.map;
    this.codeAt = codeColumnsOf(result.map);
    this.patientAt = result.map.at.patient;
    this.report.layout = result.map.layout;
    this.report.dateOrder = result.map.dateOrder;
    this.report.decimalComma = result.map.decimalComma;
    this.report.minutes = result.map.minutes;
    this.out.mapped(result.map, this.header!);
    for (const r of sample) this.out.row(r.cells, r.line);
  }
}
