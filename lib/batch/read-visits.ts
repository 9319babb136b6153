// A biller's files into Visits, for the batch check (issue 2). Pure functions over strings:
// the command line (scripts/check.ts) reads the files and prints.
//
// Formats: JSON (one Visit or an array), JSON Lines (one Visit per line), CSV (one row per
// line item). A problem with one visit is an error for that visit only; every other visit
// is still read. Unreadable minutes are not errors: they become `minutes: null` with
// `rawMinutes`, so the engine raises `minutes.unreadable` like it does for a live form.

import type { z } from 'zod';
import { Visit, type Entry } from '../model';
import { MAX_MINUTES, parseClockTime, parseMinutes } from '../extract/minutes';
import { forEachCsvRecord } from '../csv';

export interface ReadError {
  file: string;
  /** 1-based line the problem is on (for a visit: the line it starts on). */
  line: number;
  reason: string;
}

export interface ReadVisit {
  visit: Visit;
  /** 1-based line the visit starts on (CSV: its first row). */
  line: number;
}

export interface ReadResult {
  visits: ReadVisit[];
  errors: ReadError[];
}

export type InputFormat = 'json' | 'jsonl' | 'csv';

const RAW_MAX = 200; // Entry.rawMinutes max length

// ---------------------------------------------------------------------------------------
// Format detection

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function firstNonSpace(text: string): string {
  const m = /\S/.exec(text);
  return m ? m[0] : '';
}

/** The format a file is read as: by extension first, then by its first character. */
export function detectFormat(text: string, fileName: string): InputFormat {
  const ext = extensionOf(fileName);
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'json') return 'json';
  const first = firstNonSpace(stripBom(text));
  if (first === '[') return 'json';
  if (first === '{') {
    try {
      JSON.parse(text);
      return 'json';
    } catch {
      return 'jsonl';
    }
  }
  return 'csv';
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads every visit in one file. `fileName` picks the format (`.csv`/`.tsv`, `.json`,
 * `.jsonl`/`.ndjson`; otherwise the content decides) and names the file in errors.
 */
export function readVisits(text: string, fileName: string): ReadResult {
  const body = stripBom(text);
  if (body.trim() === '') return { visits: [], errors: [{ file: fileName, line: 1, reason: 'the file is empty' }] };
  const format = detectFormat(body, fileName);
  if (format === 'csv') {
    const delimiter = extensionOf(fileName) === 'tsv' ? '\t' : guessDelimiter(body);
    return readCsv(body, fileName, delimiter);
  }
  if (format === 'jsonl') return readJsonLines(body, fileName);
  return readJson(body, fileName);
}

// ---------------------------------------------------------------------------------------
// JSON and JSON Lines

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The message of a JSON.parse failure, and the line it points at when it says where. */
function jsonFailure(error: unknown, text: string): { line: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const pos = /position (\d+)/.exec(message);
  const lineCol = /line (\d+) column/.exec(message);
  let line = 1;
  if (lineCol) line = Number(lineCol[1]);
  else if (pos) line = lineAt(text, Number(pos[1]));
  return { line, message };
}

/** Lines on which each element of a top-level JSON array starts (text known to be valid JSON). */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let expectValue = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (depth === 1 && expectValue && c !== 93 /* ] */) {
      lines.push(line);
      expectValue = false;
    }
    if (c === 34 /* " */) {
      // Skip the string: JSON strings hold no raw line breaks.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return lines;
        let backslashes = 0;
        for (let k = q - 1; text.charCodeAt(k) === 92; k--) backslashes++;
        if (backslashes % 2 === 0) {
          i = q;
          break;
        }
        j = q + 1;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth === 1 && c === 91) expectValue = true;
    } else if (c === 93 || c === 125) {
      depth--;
    } else if (c === 44 /* , */ && depth === 1) {
      expectValue = true;
    }
  }
  return lines;
}

function readJson(text: string, file: string): ReadResult {
  const result: ReadResult = { visits: [], errors: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // A ".json" file that is really JSON Lines.
    if (looksLikeJsonLines(text)) return readJsonLines(text, file);
    const { line, message } = jsonFailure(error, text);
    result.errors.push({ file, line, reason: `not valid JSON: ${message}` });
    return result;
  }
  if (Array.isArray(data)) {
    const lines = arrayElementLines(text);
    data.forEach((item, index) => readOneVisit(item, index + 1, lines[index] ?? 1, file, result));
  } else if (data !== null && typeof data === 'object') {
    readOneVisit(data, 1, lineAt(text, text.indexOf('{')), file, result);
  } else {
    result.errors.push({ file, line: 1, reason: 'expected a visit object or an array of visits' });
  }
  return result;
}

function looksLikeJsonLines(text: string): boolean {
  const end = text.indexOf('\n');
  if (end === -1) return false;
  const first = text.slice(0, end).trim();
  if (!first.startsWith('{')) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

function readJsonLines(text: string, file: string): ReadResult {
  const result: ReadResult = { visits: [], errors: [] };
  let ordinal = 0;
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const row = text.slice(start, end).trim();
    start = end + 1;
    if (row === '') continue;
    ordinal++;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.errors.push({ file, line, reason: `visit ${ordinal}: not valid JSON: ${message}` });
      continue;
    }
    readOneVisit(value, ordinal, line, file, result);
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function visitLabel(ordinal: number, value: unknown): string {
  const id = isRecord(value) ? value.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? `visit ${ordinal} (id ${JSON.stringify(String(id))})` : `visit ${ordinal}`;
}

function readOneVisit(value: unknown, ordinal: number, line: number, file: string, result: ReadResult): void {
  if (!isRecord(value)) {
    result.errors.push({ file, line, reason: `${visitLabel(ordinal, value)}: expected a visit object, got ${kindOf(value)}` });
    return;
  }
  const coerced = coerceVisit(value);
  const parsed = Visit.safeParse(coerced);
  if (parsed.success) result.visits.push({ visit: parsed.data, line });
  else result.errors.push({ file, line, reason: `${visitLabel(ordinal, value)}: ${describeIssues(parsed.error.issues, coerced)}` });
}

// Near-misses a hand-written or exported JSON file commonly has, fixed before validation.

function coerceVisit(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v };
  if (typeof out.id === 'number') out.id = String(out.id);
  if (typeof out.dateOfService === 'string') out.dateOfService = normaliseDate(out.dateOfService) ?? out.dateOfService;
  if (typeof out.discipline === 'string') out.discipline = normaliseDiscipline(out.discipline) ?? out.discipline;
  if (typeof out.method === 'string') out.method = normaliseMethod(out.method) ?? out.method;
  coerceDuration(out, 'totalTreatmentMinutes');
  if (Array.isArray(out.entries)) out.entries = out.entries.map(coerceEntry);
  return out;
}

function coerceEntry(e: unknown): unknown {
  if (!isRecord(e)) return e;
  const out: Record<string, unknown> = { ...e };
  if (typeof out.code === 'number') out.code = String(out.code);
  // Minutes: text goes through parseMinutes; anything unreadable (or a number no service
  // can last) is kept as rawMinutes for the engine's minutes.unreadable.
  if (typeof out.minutes === 'string') {
    const text = out.minutes;
    if (text.trim() === '') delete out.minutes;
    else {
      const r = parseMinutes(text);
      if (r.ok) out.minutes = r.minutes;
      else {
        out.minutes = null;
        if (typeof out.rawMinutes !== 'string') out.rawMinutes = text.slice(0, RAW_MAX);
      }
    }
  } else if (typeof out.minutes === 'number' && !(out.minutes >= 0 && out.minutes <= MAX_MINUTES)) {
    if (typeof out.rawMinutes !== 'string') out.rawMinutes = String(out.minutes);
    out.minutes = null;
  }
  if (typeof out.units === 'string') {
    const t = out.units.trim();
    if (t === '') delete out.units;
    else if (/^\d+(?:\.0*)?$/.test(t)) out.units = Number(t);
  }
  if (typeof out.modifiers === 'string') out.modifiers = splitModifiers(out.modifiers);
  coerceDuration(out, 'assistantMinutes');
  for (const key of ['startTime', 'endTime'] as const) {
    if (typeof out[key] === 'string') {
      if ((out[key] as string).trim() === '') delete out[key];
      else out[key] = parseClockTime(out[key] as string) ?? out[key];
    }
  }
  return out;
}

/** A duration field without a null/raw form: text that reads as minutes becomes a number. */
function coerceDuration(out: Record<string, unknown>, key: string): void {
  const value = out[key];
  if (typeof value !== 'string') return;
  if (value.trim() === '') {
    delete out[key];
    return;
  }
  const r = parseMinutes(value);
  if (r.ok) out[key] = r.minutes;
}

// Zod issues in a biller's words: `entries[1].units: expected an integer (got 1.5)`.

function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const key of path) {
    if (typeof key === 'number') s += `[${key}]`;
    else s += s === '' ? String(key) : `.${String(key)}`;
  }
  return s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value !== null && typeof value === 'object') return kindOf(value);
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

const EXPECTED_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'text',
  array: 'a list',
  object: 'an object',
  boolean: 'true or false',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path) || 'visit';
  const got = valueAt(input, issue.path);
  let message = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type') {
    const expected = (issue as { expected?: string }).expected ?? '';
    message = `expected ${EXPECTED_NAMES[expected] ?? expected}`;
  }
  return `${where}: ${message} (got ${preview(got)})`;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const shown = issues.slice(0, 3).map((i) => describeIssue(i, input));
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return shown.join('; ') + more;
}

// ---------------------------------------------------------------------------------------
// Cell values shared by CSV and the JSON near-miss fixes

/** YYYY-MM-DD or M/D/YYYY (also with `-` or `.`) → YYYY-MM-DD; null when neither. Calendar validity is the schema's job. */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return null;
}

const DISCIPLINES: Record<string, Visit['discipline']> = {
  pt: 'PT',
  physicaltherapy: 'PT',
  physical: 'PT',
  ot: 'OT',
  occupationaltherapy: 'OT',
  occupational: 'OT',
  slp: 'SLP',
  st: 'SLP',
  speech: 'SLP',
  speechtherapy: 'SLP',
  speechlanguagepathology: 'SLP',
};

function normaliseDiscipline(raw: string): Visit['discipline'] | null {
  return DISCIPLINES[raw.toLowerCase().replace(/[^a-z]/g, '')] ?? null;
}

function normaliseMethod(raw: string): Visit['method'] | null {
  const key = raw.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'cms' || key === 'medicare' || key === 'totaltime' || key === 'eightminute') return 'cms';
  if (key === 'percode' || key === 'ama' || key === 'substantialportion') return 'per-code';
  return null;
}

/** `GP,59`, `GP 59`, `GP-XU`, `GP;59`, `GP|59` → ["GP", "59"]. */
export function splitModifiers(raw: string): string[] {
  return raw
    .split(/[\s,;|\-]+/)
    .filter((m) => m !== '')
    .map((m) => m.toUpperCase());
}

// ---------------------------------------------------------------------------------------
// CSV

type Column =
  | 'id'
  | 'date'
  | 'payer'
  | 'discipline'
  | 'code'
  | 'description'
  | 'minutes'
  | 'units'
  | 'modifiers'
  | 'assistantMinutes'
  | 'method'
  | 'totalTreatmentMinutes'
  | 'start'
  | 'end';

/** Header names, lower-cased with everything but letters and digits removed. */
const COLUMN_NAMES: Record<Column, string[]> = {
  id: ['visitid', 'visit', 'visitnumber', 'visitno', 'visitnum', 'encounterid', 'encounter', 'encounterno', 'encounternumber', 'id'],
  date: ['date', 'dos', 'dateofservice', 'servicedate', 'visitdate', 'dateofvisit'],
  payer: ['payer', 'payor', 'payername', 'payorname', 'insurance', 'insurer', 'plan'],
  discipline: ['discipline', 'disc', 'therapy', 'therapytype', 'serviceline'],
  code: ['code', 'cpt', 'cptcode', 'hcpcs', 'hcpcscode', 'cpthcpcs', 'procedurecode', 'proccode', 'procedure'],
  description: ['description', 'desc', 'intervention', 'label', 'service', 'treatment', 'interventiondescription', 'codedescription'],
  minutes: ['minutes', 'mins', 'min', 'time', 'duration', 'timeminutes', 'minutesbilled', 'treatmentminutes'],
  units: ['units', 'unit', 'billedunits', 'unitsbilled', 'qty', 'quantity'],
  modifiers: ['modifiers', 'modifier', 'mods', 'mod'],
  assistantMinutes: ['assistantminutes', 'assistantmins', 'assistanttime', 'ptaminutes', 'ptamins', 'otaminutes', 'otamins', 'ptaotaminutes'],
  method: ['method', 'billingmethod', 'unitmethod'],
  totalTreatmentMinutes: ['totaltreatmentminutes', 'totaltreatmentmins', 'totaltreatmenttime', 'totalminutes', 'totaltime', 'ttm'],
  start: ['start', 'starttime', 'timein', 'from'],
  end: ['end', 'endtime', 'timeout', 'to'],
};

const REQUIRED: { column: Column; name: string }[] = [
  { column: 'id', name: 'visit id' },
  { column: 'code', name: 'code' },
  { column: 'minutes', name: 'minutes' },
];

const HEADER_LOOKUP = new Map<string, Column>();
for (const [column, names] of Object.entries(COLUMN_NAMES) as [Column, string[]][]) {
  for (const name of names) HEADER_LOOKUP.set(name.replace(/[^a-z0-9]/g, ''), column);
}

function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function guessDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const head = end === -1 ? text : text.slice(0, end);
  const count = (ch: string) => head.split(ch).length - 1;
  const candidates: [string, number][] = [
    [',', count(',')],
    ['\t', count('\t')],
    [';', count(';')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

interface Group {
  id: string;
  line: number;
  payer?: string;
  method?: Visit['method'];
  discipline?: Visit['discipline'];
  dateOfService?: string;
  totalTreatmentMinutes?: number;
  entries: Entry[];
  failed: boolean;
}

type VisitFact = 'payer' | 'method' | 'discipline' | 'dateOfService' | 'totalTreatmentMinutes';

interface Layout {
  at: Partial<Record<Column, number>>;
  modifierCells: number[];
  width: number;
}

function cellOf(fields: string[], layout: Layout, column: Column): string {
  const index = layout.at[column];
  if (index === undefined) return '';
  const value = fields[index];
  return value === undefined ? '' : value.trim();
}

/**
 * A visit-level fact from a row: the first row that fills it sets it; a later row that
 * disagrees is a reason to skip the visit (returned), since either value may be the wrong one.
 */
function mergeFact(g: Group, key: VisitFact, value: string | number, label: string): string | null {
  const current = g[key];
  if (current === undefined) {
    (g as unknown as Record<VisitFact, string | number>)[key] = value;
    return null;
  }
  const same = typeof current === 'string' && typeof value === 'string' ? current.toLowerCase() === value.toLowerCase() : current === value;
  if (same) return null;
  return `${label} ${JSON.stringify(String(value))} differs from ${JSON.stringify(String(current))} on an earlier row of the same visit`;
}

/** Reads one row into its visit; returns why the visit must be skipped, or null. */
function readRow(g: Group, fields: string[], line: number, layout: Layout): string | null {
  const { width } = layout;
  if (fields.length > width) {
    for (let i = width; i < fields.length; i++) {
      if (fields[i]!.trim() !== '') return `row has ${fields.length} cells but the header has ${width} (an unquoted delimiter in a cell?)`;
    }
  }
  let why: string | null;

  const payer = cellOf(fields, layout, 'payer');
  if (payer && (why = mergeFact(g, 'payer', payer, 'payer'))) return why;

  const dateText = cellOf(fields, layout, 'date');
  if (dateText) {
    const date = normaliseDate(dateText);
    if (!date) return `date ${JSON.stringify(dateText)} is not YYYY-MM-DD or MM/DD/YYYY`;
    if ((why = mergeFact(g, 'dateOfService', date, 'date'))) return why;
  }

  const disciplineText = cellOf(fields, layout, 'discipline');
  if (disciplineText) {
    const discipline = normaliseDiscipline(disciplineText);
    if (!discipline) return `discipline ${JSON.stringify(disciplineText)} is not PT, OT or SLP`;
    if ((why = mergeFact(g, 'discipline', discipline, 'discipline'))) return why;
  }

  const methodText = cellOf(fields, layout, 'method');
  if (methodText) {
    const method = normaliseMethod(methodText);
    if (!method) return `method ${JSON.stringify(methodText)} is not "cms" or "per-code"`;
    if ((why = mergeFact(g, 'method', method, 'method'))) return why;
  }

  const totalText = cellOf(fields, layout, 'totalTreatmentMinutes');
  if (totalText) {
    const total = parseMinutes(totalText);
    if (!total.ok) return `total treatment minutes: ${total.reason}`;
    if ((why = mergeFact(g, 'totalTreatmentMinutes', total.minutes, 'total treatment minutes'))) return why;
  }

  // The line item.
  const entry: Entry = {};
  let filled = false;
  const code = cellOf(fields, layout, 'code');
  if (code) {
    entry.code = code;
    filled = true;
  }
  const label = cellOf(fields, layout, 'description');
  if (label) {
    entry.label = label;
    filled = true;
  }

  const minutesText = cellOf(fields, layout, 'minutes');
  if (minutesText) {
    const m = parseMinutes(minutesText);
    if (m.ok) entry.minutes = m.minutes;
    else {
      entry.minutes = null;
      entry.rawMinutes = minutesText.slice(0, RAW_MAX);
    }
    filled = true;
  }

  const unitsText = cellOf(fields, layout, 'units');
  if (unitsText) {
    if (!/^\d+(?:\.0*)?$/.test(unitsText)) return `units ${JSON.stringify(unitsText)} is not a whole number`;
    entry.units = Number(unitsText);
    filled = true;
  }

  let modifiers: string[] | undefined;
  for (const index of layout.modifierCells) {
    const text = fields[index];
    if (!text) continue;
    const split = splitModifiers(text);
    modifiers = modifiers ? modifiers.concat(split) : split;
  }
  if (modifiers && modifiers.length > 0) {
    entry.modifiers = modifiers;
    filled = true;
  }

  const assistantText = cellOf(fields, layout, 'assistantMinutes');
  if (assistantText) {
    const m = parseMinutes(assistantText);
    if (!m.ok) return `assistant minutes: ${m.reason}`;
    entry.assistantMinutes = m.minutes;
    filled = true;
  }

  const startText = cellOf(fields, layout, 'start');
  if (startText) {
    const time = parseClockTime(startText);
    if (!time) return `start time ${JSON.stringify(startText)} is not a clock time`;
    entry.startTime = time;
    filled = true;
  }
  const endText = cellOf(fields, layout, 'end');
  if (endText) {
    const time = parseClockTime(endText);
    if (!time) return `end time ${JSON.stringify(endText)} is not a clock time`;
    entry.endTime = time;
    filled = true;
  }

  // A row that carries only visit-level cells adds no line item.
  if (filled) {
    entry.fieldKey = `line:${line}`;
    g.entries.push(entry);
  }
  return null;
}

/** Where each column is, from the header row; null (and an error) when a required one is missing. */
function layoutOf(header: string[], line: number, file: string, result: ReadResult): Layout | null {
  // First match wins; `Modifier 1`, `Modifier 2`… all count.
  const layout: Layout = { at: {}, modifierCells: [], width: header.length };
  header.forEach((cell, index) => {
    let key = headerKey(cell);
    // "Time (min)", "Units (billed)": try without the parenthesised note too.
    if (!HEADER_LOOKUP.has(key)) key = headerKey(cell.replace(/\([^)]*\)/g, '')) || key;
    const column = HEADER_LOOKUP.get(key);
    if (column === 'modifiers' || /^(?:modifier|mod)\d$/.test(key)) layout.modifierCells.push(index);
    else if (column !== undefined && layout.at[column] === undefined) layout.at[column] = index;
  });
  const missing = REQUIRED.filter((r) => layout.at[r.column] === undefined).map((r) => r.name);
  if (missing.length === 0) return layout;
  const found = header.map((f) => JSON.stringify(f.trim())).join(', ');
  result.errors.push({
    file,
    line,
    reason: `cannot read this CSV: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (header has ${found})`,
  });
  return null;
}

const calendarDates = new Map<string, boolean>();

function isCalendarDate(date: string): boolean {
  let ok = calendarDates.get(date);
  if (ok === undefined) {
    const d = new Date(`${date}T00:00:00Z`);
    ok = !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
    if (calendarDates.size < 10_000) calendarDates.set(date, ok);
  }
  return ok;
}

/**
 * The limits of the Visit schema that a visit built from CSV cells can still break (every
 * other field was produced by a reader that only yields valid values). A test checks that
 * this agrees with `Visit.safeParse` on generated visits.
 */
function withinLimits(v: Visit): boolean {
  if (v.id !== undefined && v.id.length > 200) return false;
  if (v.payer !== undefined && v.payer.length > 200) return false;
  if (v.dateOfService !== undefined && !isCalendarDate(v.dateOfService)) return false;
  if (v.entries.length > 200) return false;
  for (const e of v.entries) {
    if (e.code !== undefined && e.code.length > 16) return false;
    if (e.label !== undefined && e.label.length > 2000) return false;
    if (e.units !== undefined && e.units > 999) return false;
    if (e.modifiers !== undefined) {
      if (e.modifiers.length > 8) return false;
      for (const m of e.modifiers) if (m.length > 4) return false;
    }
  }
  return true;
}

function readCsv(text: string, file: string, delimiter: string): ReadResult {
  const result: ReadResult = { visits: [], errors: [] };
  const groups = new Map<string, Group>();
  let layout: Layout | null | undefined;
  let previous: Group | undefined;

  const error = forEachCsvRecord(
    text,
    (fields, line) => {
      if (layout === undefined) {
        layout = layoutOf(fields, line, file, result);
        return layout !== null;
      }
      if (layout === null) return false;
      // A row without a visit id continues the visit above it (exports that print the id once per visit).
      const id = cellOf(fields, layout, 'id');
      let group: Group | undefined;
      if (id === '') {
        group = previous;
        if (!group) {
          result.errors.push({ file, line, reason: 'row has no visit id and no visit above it to belong to; row skipped' });
          return true;
        }
      } else {
        group = groups.get(id);
        if (!group) {
          group = { id, line, entries: [], failed: false };
          groups.set(id, group);
        }
      }
      previous = group;
      if (group.failed) return true;
      const why = readRow(group, fields, line, layout);
      if (why !== null) {
        group.failed = true;
        result.errors.push({ file, line, reason: `visit ${JSON.stringify(group.id)} skipped: ${why}` });
      }
      return true;
    },
    { delimiter },
  );
  if (error) result.errors.push({ file, line: error.line, reason: error.reason });

  for (const g of groups.values()) {
    if (g.failed) continue;
    const candidate: Visit = { id: g.id, entries: g.entries };
    if (g.payer !== undefined) candidate.payer = g.payer;
    if (g.method !== undefined) candidate.method = g.method;
    if (g.discipline !== undefined) candidate.discipline = g.discipline;
    if (g.dateOfService !== undefined) candidate.dateOfService = g.dateOfService;
    if (g.totalTreatmentMinutes !== undefined) candidate.totalTreatmentMinutes = g.totalTreatmentMinutes;
    // Every cell was already read into its schema type; only the limits below can still fail,
    // and only then does zod run (for its message). Validating 100,000 visits with zod would
    // double the cost of reading a large export.
    if (withinLimits(candidate)) {
      result.visits.push({ visit: candidate, line: g.line });
      continue;
    }
    const parsed = Visit.safeParse(candidate);
    if (parsed.success) result.visits.push({ visit: parsed.data, line: g.line });
    else {
      // Point at the row of the line item the first issue is about, when it is about one.
      const [first] = parsed.error.issues;
      const entryIndex = first?.path[0] === 'entries' ? first.path[1] : undefined;
      const key = typeof entryIndex === 'number' ? g.entries[entryIndex]?.fieldKey : undefined;
      result.errors.push({
        file,
        line: key ? Number(key.slice('line:'.length)) : g.line,
        reason: `visit ${JSON.stringify(g.id)} skipped: ${describeIssues(parsed.error.issues, candidate)}`,
      });
    }
  }
  result.errors.sort((a, b) => a.line - b.line);
  return result;
}
