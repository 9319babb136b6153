// Output of the batch check: one Evaluation per line (JSON Lines) for programs, or a
// plain-text block per visit for a biller at a terminal.

import type { Entry, Evaluation, Finding, Visit } from '../model';
import { delimiterName, ROLE_NAMES, SKIP_NAMES, type ReadError, type ReadReport } from './report';
import { timedText } from '../report';
import { provisionalClaim } from './provisional';

export interface TableOptions {
  /** ANSI colours for severities and the heading (use when stdout is a TTY). */
  color?: boolean;
  /** Wrap long messages at this many columns (default 100). */
  width?: number;
  /** False when the input carries no minutes (837P, no minutes column): the report says so once, and no claim is called provisional for it. */
  inputHasMinutes?: boolean;
}

// Text from the input (labels, payer, ids, codes, modifiers, raw minutes, and the messages and
// read errors that quote them) reaches a biller's terminal. Escape sequences in it could clear
// the screen, move the cursor over a finding, set the window title or write the clipboard
// (OSC 52), and bidi overrides can reorder what is shown. So every such string is made
// visible before it is printed: C0 controls (tab and line breaks too: they would break the
// layout) and DEL as their Control Pictures (ESC → ␛, LF → ␊), C1 controls and bidi
// embeddings, overrides and isolates as `\u009b`-style escapes. Unitwise's own colour codes
// are added after, so they still work.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

function shown(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every character a terminal would act on instead of show made visible (see above). */
export function visible(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, shown) : text;
}

/** `value` with {@link visible} applied to every string in it (the same object when none changes). */
function visibleAll<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const clean = visibleAll(item);
    if (clean === item) continue;
    copy ??= (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
    copy[key] = clean;
  }
  return (copy ?? value) as T;
}

// JSON.stringify escapes C0 controls but writes DEL, C1 controls, U+2028/2029 and bidi
// controls as they are; \uXXXX escapes for them are the same JSON to any reader.
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const JSON_RAW_ALL = new RegExp(JSON_RAW.source, 'g');

/**
 * One Evaluation as a single line of JSON (no trailing newline), safe to print to a terminal.
 * With the visit: its id, date of service, payer and discipline as read come first, so a
 * program can tell which visit each line is about without the input beside it.
 */
export function formatJsonLine(evaluation: Evaluation, visit?: Visit): string {
  return escapeJsonRaw(jsonLineUnescaped(evaluation, visit));
}

/**
 * {@link formatJsonLine} before its raw characters are escaped: only for a writer that encodes
 * it and checks the bytes with {@link jsonRawInUtf8}, escaping the rare line that has one.
 */
export function jsonLineUnescaped(evaluation: Evaluation, visit?: Visit): string {
  const out = visit
    ? { id: evaluation.id ?? visit.id, dateOfService: visit.dateOfService, payer: visit.payer, discipline: visit.discipline, ...evaluation }
    : evaluation;
  return JSON.stringify(out);
}

/** `json` with each character JSON.stringify leaves raw that a terminal would act on written as a \uXXXX escape. */
export function escapeJsonRaw(json: string): string {
  return JSON_RAW.test(json) ? json.replace(JSON_RAW_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

// Node's Buffer#indexOf searches with memchr; a plain Uint8Array's indexOf is a loop. In the
// CLI the bytes test costs an eighth of the regex over the text (20,000 lines: 28 against 220 ms).
const find: (bytes: Uint8Array, byte: number, from: number) => number =
  typeof Buffer === 'function' ? (bytes, byte, from) => Buffer.prototype.indexOf.call(bytes, byte, from) : (bytes, byte, from) => bytes.indexOf(byte, from);

/**
 * Whether UTF-8 `bytes` hold a character {@link escapeJsonRaw} escapes: U+007F (7F), U+0080–009F
 * (C2 80–9F), U+2028–202E (E2 80 A8–AE) or U+2066–2069 (E2 81 A6–A9).
 */
export function jsonRawInUtf8(bytes: Uint8Array): boolean {
  if (find(bytes, 0x7f, 0) >= 0) return true;
  for (let i = find(bytes, 0xc2, 0); i >= 0; i = find(bytes, 0xc2, i + 1)) {
    const next = bytes[i + 1]!;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  for (let i = find(bytes, 0xe2, 0); i >= 0; i = find(bytes, 0xe2, i + 1)) {
    const b1 = bytes[i + 1]!;
    const b2 = bytes[i + 2]!;
    if ((b1 === 0x80 && b2 >= 0xa8 && b2 <= 0xae) || (b1 === 0x81 && b2 >= 0xa6 && b2 <= 0xa9)) return true;
  }
  return false;
}

/** `file:line: reason`, the shape compilers use, so editors can jump to it; input text made {@link visible}. */
export function formatReadError(error: ReadError): string {
  return visible(`${error.file}:${error.line}: ${error.reason}`);
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
  if (entry.minutes === null) return entry.rawMinutes ? `'${truncate(entry.rawMinutes, 14)}'?` : '?';
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
 * each finding as `ERROR rule: message`, `→ action` and `source: …`. Control characters and
 * bidi controls in any of it are shown, not sent to the terminal (see {@link visible}).
 */
export function formatTable(rawVisit: Visit, rawEvaluation: Evaluation, options: TableOptions = {}): string {
  // Every string below comes from these two (or is Unitwise's own): made visible once, here.
  const visit = visibleAll(rawVisit);
  const evaluation = visibleAll(rawEvaluation);
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

  out.push(`  Timed: ${timedText(evaluation)}`);

  // Minutes missing or unreadable: the claim is provisional, said above its lines, each such line marked (as the side panel and its copied text do).
  const provisional = provisionalClaim(visit, evaluation, options.inputHasMinutes ?? true);
  if (provisional) out.push(...wrap(`Claim, PROVISIONAL until the minutes are entered: ${provisional.text}`, '  ', '    ', width).map((l, i) => (i === 0 ? l.replace('PROVISIONAL', paint('PROVISIONAL', 'yellow', color)) : l)));
  if (evaluation.lines.length > 0) {
    if (!provisional) out.push('  Claim:');
    // `97112 ×2 GP 59`, one space apart, so the line reads (and greps) the same everywhere.
    for (const l of evaluation.lines) {
      const base = `    ${[l.code, `×${l.units}`, ...l.modifiers].join(' ')}${provisional?.codes.has(l.code) ? ' [PROVISIONAL: minutes missing or unreadable]' : ''}`;
      if (!l.reason) out.push(base);
      else out.push(...wrap(`— ${l.reason}`, `${base}  `, ' '.repeat(base.length + 4), width));
    }
  } else if (!provisional) {
    out.push('  Claim: no lines');
  }
  // A line waiting on its minutes with no units entered is on no claim line yet: named, not left out.
  for (const code of provisional?.unbilled ?? []) out.push(`    ${code} ×? (enter its minutes) [PROVISIONAL: minutes missing or unreadable]`);

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

// ---------------------------------------------------------------------------------------
// The mapping report, for stderr: how the file was read (before the visits) and what was
// skipped (after). Column names and cell samples come from the file: made visible.

const FORMAT_NAMES: Record<ReadReport['format'], string> = { csv: 'delimited text', xlsx: 'a spreadsheet', '837p': 'an 837P claim file', json: 'JSON', jsonl: 'JSON Lines' };

/** How a file is being read: format, encoding, header, each column and what it became, notes. */
export function formatReportHead(r: ReadReport): string[] {
  const how = [`read as ${FORMAT_NAMES[r.format]}`];
  if (r.format === 'csv' && r.delimiter) how[0] += ` (${delimiterName(r.delimiter)}-separated)`;
  if (r.sheet) how.push(`sheet ${JSON.stringify(r.sheet)}${r.sheets && r.sheets.length > 1 ? ` of ${r.sheets.length}` : ''}`);
  if (r.encoding) how.push(r.encoding);
  if (r.headerLine) how.push(`header on line ${r.headerLine}`);
  if (r.layout) how.push(r.layout === 'wide' ? 'one row per visit' : 'one row per line item');
  const lines = [`${r.file}: ${how.join('; ')}`];
  if (r.columns.length) {
    const cols = r.columns.map((c) => {
      const name = JSON.stringify(c.name || `column ${c.index + 1}`);
      if (!c.role) return `${name} ignored (${c.note ?? 'not used'})`;
      const role = c.item ? `${ROLE_NAMES[c.role]} of line ${c.item}` : ROLE_NAMES[c.role];
      const by = c.how === 'content' ? ' (by content)' : c.how === 'chosen' ? ' (chosen)' : '';
      return `${name} → ${role}${by}`;
    });
    lines.push(...wrap(`columns: ${cols.join(' · ')}`, '  ', '    ', 100));
  }
  lines.push(...formatNotes(r.notes));
  return lines.map(visible);
}

/** The reader's notes, one `note:` each (also those it adds while reading visits, said before the tail). */
export function formatNotes(notes: readonly string[]): string[] {
  return notes.flatMap((note) => wrap(`note: ${note}`, '  ', '    ', 100)).map(visible);
}

/** What became of the rows: checked, skipped (by reason, with lines) and refused. */
export function formatReportTail(r: ReadReport): string[] {
  const { total, checked, skipped, refused } = r.rows;
  const unit = r.format === 'json' || r.format === 'jsonl' ? 'visit' : r.format === '837p' ? 'service line' : 'row';
  const parts = [`${total} ${unit}${total === 1 ? '' : 's'}: ${checked} checked in ${r.visits} visit${r.visits === 1 ? '' : 's'}`];
  if (skipped) {
    const why = r.skipped.map((s) => {
      const lines = `line${s.lines.length > 1 ? 's' : ''} ${s.lines.join(', ')}${s.count > s.lines.length ? '…' : ''}`;
      const said = s.examples.length ? `, e.g. ${s.examples.map((e) => JSON.stringify(e)).join(', ')}` : '';
      return `${s.count} ${SKIP_NAMES[s.reason]}${s.count === 1 ? '' : 's'} (${lines}${said})`;
    });
    parts.push(`skipped ${why.join('; ')}`);
  }
  if (refused) parts.push(`${refused} not checked (see the errors)`);
  return wrap(`${r.file}: ${parts.join('; ')}`, '', '    ', 100).map(visible);
}
