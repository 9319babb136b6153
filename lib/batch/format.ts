// Output of the batch check: one Evaluation per line (JSON Lines) for programs, or a
// plain-text block per visit for a biller at a terminal.

import type { Entry, Evaluation, Finding, Visit } from '../model';
import type { ReadError } from './read-visits';

export interface TableOptions {
  /** ANSI colours for severities and the heading (use when stdout is a TTY). */
  color?: boolean;
  /** Wrap long messages at this many columns (default 100). */
  width?: number;
}

/** One Evaluation as a single line of JSON (no trailing newline). */
export function formatJsonLine(evaluation: Evaluation): string {
  return JSON.stringify(evaluation);
}

/** `file:line: reason`, the shape compilers use, so editors can jump to it. */
export function formatReadError(error: ReadError): string {
  return `${error.file}:${error.line}: ${error.reason}`;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;

function paint(text: string, style: keyof typeof ANSI, on: boolean): string {
  return on ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

const SEVERITY_STYLE: Record<Finding['severity'], keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Greedy word wrap; the first line gets `first` as its prefix, the rest `rest`. */
function wrap(text: string, first: string, rest: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = out.length === 0 ? first : rest;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!empty && line.length + 1 + word.length > width) {
        out.push(line);
        line = rest + word;
      } else {
        line += (empty ? '' : ' ') + word;
      }
      empty = false;
    }
    out.push(line);
  }
  return out;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function minutesCell(entry: Entry): string {
  if (entry.minutes === null) return entry.rawMinutes !== undefined ? `'${truncate(entry.rawMinutes, 14)}'?` : '?';
  if (entry.minutes === undefined) return '';
  return String(entry.minutes);
}

/** Where an entry came from, for a reader: the CSV line when known, else its position. */
function entryRef(visit: Visit, index: number): string {
  const entry = visit.entries[index];
  const key = entry?.fieldKey;
  const where = key?.startsWith('line:') ? `line ${key.slice(5)}` : `#${index + 1}`;
  return entry?.code ? `${entry.code} (${where})` : where;
}

function table(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * A visit and its evaluation as plain text: heading (id, date, payer, discipline, method),
 * the line items as entered, timed totals, the suggested claim lines (`97112 ×2 GP`), then
 * each finding as `ERROR rule: message`, `→ action` and `source: …`.
 */
export function formatTable(visit: Visit, evaluation: Evaluation, options: TableOptions = {}): string {
  const color = options.color ?? false;
  const width = options.width ?? 100;
  const out: string[] = [];

  const heading = [
    `Visit ${evaluation.id ?? visit.id ?? '(no id)'}`,
    visit.dateOfService,
    visit.payer,
    visit.discipline,
    `method: ${evaluation.method}`,
  ].filter((part): part is string => Boolean(part));
  out.push(paint(heading.join('  ·  '), 'bold', color));

  if (visit.entries.length > 0) {
    out.push('  Entered:');
    const rows = [['#', 'Code', 'Description', 'Min', 'Units', 'Modifiers']];
    visit.entries.forEach((e, i) =>
      rows.push([
        String(i + 1),
        e.code ?? '',
        truncate(e.label ?? '', 40),
        minutesCell(e),
        e.units === undefined ? '' : String(e.units),
        (e.modifiers ?? []).join(' '),
      ]),
    );
    out.push(...table(rows, new Set([0, 3, 4])).map((l) => `    ${l}`));
  } else {
    out.push('  Entered: no line items');
  }

  const minutes = evaluation.totalTimedMinutes;
  const units = evaluation.totalTimedUnits;
  out.push(`  Timed: ${minutes} min → ${units} unit${units === 1 ? '' : 's'}`);

  if (evaluation.lines.length > 0) {
    out.push('  Claim:');
    // `97112 ×2 GP 59`, one space apart, so the line reads (and greps) the same everywhere.
    for (const l of evaluation.lines) {
      const base = `    ${[l.code, `×${l.units}`, ...l.modifiers].join(' ')}`;
      if (!l.reason) out.push(base);
      else out.push(...wrap(`— ${l.reason}`, `${base}  `, ' '.repeat(base.length + 4), width));
    }
  } else {
    out.push('  Claim: no lines');
  }

  if (evaluation.findings.length === 0) {
    out.push('  Findings: none');
  } else {
    out.push(`  Findings (${evaluation.findings.length}):`);
    const labelWidth = Math.max(...evaluation.findings.map((f) => f.severity.length));
    const indent = ' '.repeat(4 + labelWidth + 2);
    for (const f of evaluation.findings) {
      const label = f.severity.toUpperCase().padEnd(labelWidth);
      const lines = wrap(`${f.rule}: ${f.message}`, `    ${label}  `, indent, width);
      if (color) lines[0] = lines[0]!.replace(label, paint(label, SEVERITY_STYLE[f.severity], true));
      out.push(...lines);
      if (f.action) out.push(...wrap(`→ ${f.action}`, indent, `${indent}  `, width));
      if (f.entries?.length) out.push(...wrap(`about: ${f.entries.map((i) => entryRef(visit, i)).join(', ')}`, indent, `${indent}  `, width));
      out.push(...wrap(`source: ${f.source}`, indent, `${indent}  `, width).map((l) => paint(l, 'dim', color)));
    }
  }

  if (evaluation.data) {
    out.push(paint(`  Rules data ${evaluation.data.version}`, 'dim', color));
  }
  return out.join('\n');
}
