// The Batch page's downloads: the results (one row per finding, or per clean visit) and the
// corrected claim lines, as CSV a spreadsheet opens. Cells come from the export the user
// dropped, so a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
// start; OWASP "CSV injection") gets a leading apostrophe and is shown as text.

import { headlineOf } from '../finding-headline';
import type { Evaluation, Visit } from '../model';
import { provisionalClaim } from './provisional';

/** One checked visit, as the Batch page keeps it: the visit's facts (its input lines are not kept) and its evaluation. */
export interface CheckedVisit {
  /** 1-based line the visit starts on in the export. */
  line: number;
  visit: Omit<Visit, 'entries'>;
  evaluation: Evaluation;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, escaped against formula injection, quoted when it needs to be (RFC 4180). */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // A number we wrote ourselves (units, minutes) is never a formula; text that merely looks
  // like a negative number still is escaped, because it came from the file.
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | undefined)[][]): string {
  // CRLF: what spreadsheets expect; a BOM so Excel reads UTF-8 (a patient's é) as UTF-8.
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const RESULT_HEADER = ['Line', 'Visit ID', 'Date of service', 'Payer', 'Clinician', 'Discipline', 'Method', 'Severity', 'Rule', 'Codes', 'Finding', 'Message', 'What to do', 'Source'];

/** One row per finding, with why (message and source) and what to do; a visit without findings gets one row saying so. */
export function resultsCsv(checked: Iterable<CheckedVisit>): string {
  const rows: (string | number | undefined)[][] = [RESULT_HEADER];
  for (const { line, visit, evaluation } of checked) {
    const head = [line, visit.id, visit.dateOfService, visit.payer, visit.clinicians?.join(', '), visit.discipline, evaluation.method];
    if (evaluation.findings.length === 0) rows.push([...head, 'ok', '', '', 'no findings', '', '', '']);
    for (const f of evaluation.findings) rows.push([...head, f.severity, f.rule, f.codes.join(' '), headlineOf(f), f.message, f.action, f.source]);
  }
  return toCsv(rows);
}

export const CLAIM_HEADER = ['Visit ID', 'Date of service', 'Payer', 'Code', 'Units', 'Modifiers', 'Why', 'Provisional'];

/**
 * The suggested claim lines, one row per line: what to bill. While a timed line's minutes are
 * missing or unreadable (lib/batch/provisional.ts), "Provisional" says so on that line and, by the
 * CMS method (the total decides every timed line's units), on the visit's other lines; empty when final.
 */
export function claimLinesCsv(checked: Iterable<CheckedVisit>, inputHasMinutes = true): string {
  const rows: (string | number | undefined)[][] = [CLAIM_HEADER];
  for (const { visit, evaluation } of checked) {
    const provisional = provisionalClaim(visit, evaluation, inputHasMinutes);
    for (const l of evaluation.lines) {
      const mark = !provisional
        ? ''
        : provisional.codes.has(l.code)
          ? 'PROVISIONAL: minutes missing or unreadable (units as entered, not worked out)'
          : provisional.others
            ? `PROVISIONAL: waits on the minutes of ${[...provisional.codes].join(', ')} (by the CMS 8-minute rule the total decides every timed line's units)`
            : '';
      rows.push([visit.id, visit.dateOfService, visit.payer, l.code, l.units, l.modifiers.join(' '), l.reason, mark]);
    }
  }
  return toCsv(rows);
}
