// What the reader tells about how it read an export: the mapping report. The CLI prints it
// (lib/batch/format.ts) before the visits; the Batch page shows it with a dropdown per column.
// Plain data, no schema library: it is built once per file.

import type { Visit } from '../model';
import type { DateOrder } from './cells';
import type { SavedLayout } from './layouts';

/** What a column can be. Visit facts first, then a line item's parts. */
export const ROLES = [
  'id',
  'patient',
  'clinician',
  'date',
  'dateTo',
  'payer',
  'discipline',
  'method',
  'totalTreatmentMinutes',
  'code',
  'combined',
  'description',
  'minutes',
  'units',
  'modifiers',
  'assistantMinutes',
  'start',
  'end',
  'coTreatment',
  'ytdSpend',
  'ytdPtSlp',
  'ytdOt',
  'charge',
  'allowed',
] as const;
export type Role = (typeof ROLES)[number];

/** Words for a role, in messages and the report. */
export const ROLE_NAMES: Record<Role, string> = {
  id: 'visit id',
  patient: 'patient',
  clinician: 'clinician (who gave the service)',
  date: 'date of service',
  dateTo: 'last date of service (a line billed from one date to another)',
  payer: 'payer',
  discipline: 'discipline',
  method: 'method',
  totalTreatmentMinutes: 'total treatment minutes',
  code: 'code',
  combined: 'code, modifiers, units and minutes in one cell',
  description: 'description',
  minutes: 'minutes',
  units: 'units',
  modifiers: 'modifiers',
  assistantMinutes: 'assistant minutes',
  start: 'start time',
  end: 'end time',
  coTreatment: 'co-treatment (yes/no)',
  ytdSpend: "this clinic's year-to-date therapy spend, for the visit's discipline ($)",
  ytdPtSlp: "this clinic's year-to-date PT/SLP spend ($)",
  ytdOt: "this clinic's year-to-date OT spend ($)",
  charge: "the line's charge ($, to sum a patient's spend)",
  allowed: "the line's allowed amount ($, to sum a patient's spend)",
};

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };
export const delimiterName = (d: string) => (Object.hasOwn(DELIMITER_NAMES, d) ? DELIMITER_NAMES[d]! : JSON.stringify(d));

export type Format = 'csv' | 'xlsx' | '837p' | 'json' | 'jsonl';
export type How = 'name' | 'content' | 'chosen';

export interface ColumnReport {
  /** 0-based position. */
  index: number;
  name: string;
  /** What the column became; undefined: ignored (see note). */
  role?: Role;
  /** Wide layout: the line item (1, 2, …) this column belongs to. */
  item?: number;
  how?: How;
  /** Why it was ignored, or a caveat ("named like minutes but holds clock times like 10:30"). */
  note?: string;
}

export const SKIP_REASONS = ['blank', 'title', 'repeated-header', 'total', 'void', 'patient-heading', 'no-line-items'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Singular, ending in the counted noun: the report adds an "s" for several. */
export const SKIP_NAMES: Record<SkipReason, string> = {
  blank: 'blank row',
  title: 'title or page line',
  'repeated-header': 'repeated header row',
  total: 'total or subtotal row',
  void: 'void claim line',
  // A row naming only the patient of the rows below it ("Acct 10234 - Ann Lee").
  'patient-heading': 'patient heading row',
  // A visit whose rows hold no code, minutes or units: nothing to check, never shown as checked.
  'no-line-items': 'no-line-item visit row',
};

export interface SkipCount {
  reason: SkipReason;
  count: number;
  /** The first few lines, to look at. */
  lines: number[];
  /** A sample of what the rows said ("Daily total", "Grand total"). */
  examples: string[];
}

export interface ReadReport {
  file: string;
  format: Format;
  /** Text files: the encoding used and why. */
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  sheets?: string[];
  /** 1-based line (sheet row) of the header. */
  headerLine?: number;
  layout?: 'long' | 'wide';
  columns: ColumnReport[];
  dateOrder?: DateOrder;
  decimalComma?: boolean;
  skipped: SkipCount[];
  /** Sentences about choices the reader made that a biller should know (locale, missing minutes…). */
  notes: string[];
  rows: {
    /** Rows other than the header (CSV, sheet), service lines (837P) or visits (JSON). */
    total: number;
    /** In a visit that was checked. */
    checked: number;
    /** Skipped with a reason (see `skipped`). */
    skipped: number;
    /** In a visit or file that could not be read (see the errors). */
    refused: number;
  };
  visits: number;
  /** False when the input carries no minutes (837P, no minutes column): the unit rules cannot be checked. */
  minutes: boolean;
  /** Tables: the columns chosen for this read (ReadOptions.mapping over a saved layout's), as given. */
  chosen?: Partial<Record<Role, string | number | null>>;
  /** Read with a layout saved for files with this header (ReadOptions.layouts): the day it was saved. */
  savedLayout?: { savedAt: string };
}

export function emptyReport(file: string, format: Format): ReadReport {
  return { file, format, columns: [], skipped: [], notes: [], rows: { total: 0, checked: 0, skipped: 0, refused: 0 }, visits: 0, minutes: true };
}

export function countSkip(report: ReadReport, reason: SkipReason, line: number, example?: string, rows = 1): void {
  report.rows.skipped += rows;
  let entry = report.skipped.find((s) => s.reason === reason);
  if (!entry) {
    entry = { reason, count: 0, lines: [], examples: [] };
    report.skipped.push(entry);
  }
  entry.count += rows;
  if (entry.lines.length < 10) entry.lines.push(line);
  if (example && entry.examples.length < 3 && !entry.examples.includes(example)) entry.examples.push(example.slice(0, 40));
}

export interface ReadError {
  file: string;
  /** 1-based line the problem is on (for a visit: the line it starts on; 0: the file as a whole). */
  line: number;
  reason: string;
  /** A mapping refusal: the fields no column was found for (the CLI adds how to name one). */
  missing?: Role[];
  /** A visit id spanning several dates: read without the id column, rows group by patient and date (the CLI: --map id=none). */
  regroup?: true;
}

export interface ReadVisit {
  visit: Visit;
  /** 1-based line the visit starts on (CSV: its first row). */
  line: number;
  /** With accumulateSpend: the visit's patient and its lines' charges (lib/batch/spend.ts sums them). */
  patient?: string;
  charges?: LineCharge[];
}

/** A row's charge or allowed amount (accumulateSpend): dollars, or why the cell is not dollars. */
export interface LineCharge {
  line: number;
  dollars: number | string;
  /** The row's modifiers: GP/GN count toward the PT/SLP threshold, GO toward OT. */
  modifiers: string[];
}

/** What a reader hands its caller as it goes: visits as they complete, errors, and the mapping once decided. */
export interface ReadSink {
  visit(v: ReadVisit): void;
  error(e: ReadError): void;
  /** Called once the columns are mapped (before the first visit), with the report so far. */
  mapped?(report: ReadReport): void;
}

/** How the caller wants a file read; every field is optional (detected when left out). */
export interface ReadOptions {
  /** Role → column name (case and spacing ignored) or 1-based column number; null: the export has none. */
  mapping?: Partial<Record<Role, string | number | null>>;
  /**
   * Layouts saved for export layouts (lib/batch/layouts.ts): a table whose format and header
   * match one is read with its choices, `mapping` winning for the roles and columns it names.
   */
  layouts?: readonly SavedLayout[];
  /** Worksheet of an .xlsx (default: the first). */
  sheet?: string;
  encoding?: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  delimiter?: string;
  dateOrder?: DateOrder;
  decimalComma?: boolean;
  /** 1-based line of the header row. */
  headerLine?: number;
  format?: Format;
  /**
   * Rows of one visit may be this many rows apart (exports sorted by date, not visit); a visit
   * is checked once no row of it came for that long. Memory is bounded by it.
   */
  window?: number;
  /**
   * Sum each patient's charges per calendar year into the visits' ytdTherapySpend (the KX check;
   * `npm run check -- --accumulate-spend`). Needs a table with a patient column and a charge or
   * allowed-amount column (allowed is used when there are both); PT and SLP are summed together
   * and OT apart, by each line's GP/GN/GO modifier or the visit's discipline. Each visit gets
   * the running total of its patient's year in the order the visits come, including itself,
   * unless it carries a year-to-date spend column of its own. The figure is the spend seen in
   * this file, not the patient's whole-year spend from other providers; a visit dated before
   * one already read for the same patient and year gets no figure, with an error saying so.
   */
  accumulateSpend?: boolean;
}
