// Visits written as JSON (one Visit or an array) or JSON Lines (one Visit per line): the
// format Unitwise itself writes, and what a script that exports visits would write. A problem
// with one visit is an error for that visit only. Near-misses are fixed before validation:
// minutes and units as text, numeric codes, US dates, modifiers as one string. Unreadable
// minutes are not errors: they become `minutes: null` with `rawMinutes`, so the engine raises
// `minutes.unreadable` as it does for a live form. A null without that text is no value at all.

import { Visit } from '../model';
import { MAX_MINUTES, parseClockTime, parseMinutes } from '../extract/minutes';
import { normaliseDate, normaliseDiscipline, normaliseMethod, parseMoney, parseYesNo, splitModifiers } from './cells';
import { describeIssues, kindOf } from './issues';
import type { ReadReport, ReadSink } from './report';

const RAW_MAX = 200;

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

export function looksLikeJsonLines(text: string): boolean {
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

/** A whole JSON file: one visit or an array of them. */
export function readJson(text: string, file: string, sink: ReadSink, report: ReadReport): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // A ".json" file that is really JSON Lines.
    if (looksLikeJsonLines(text)) {
      report.format = 'jsonl';
      const lines = new JsonLinesStage(file, sink, report);
      lines.push(text);
      lines.end();
      return;
    }
    const { line, message } = jsonFailure(error, text);
    sink.error({ file, line, reason: `not valid JSON: ${message}` });
    return;
  }
  if (Array.isArray(data)) {
    const lines = arrayElementLines(text);
    data.forEach((item, index) => readOneVisit(item, index + 1, lines[index] ?? 1, file, sink, report));
  } else if (data !== null && typeof data === 'object') {
    readOneVisit(data, 1, lineAt(text, text.indexOf('{')), file, sink, report);
  } else {
    sink.error({ file, line: 1, reason: 'expected a visit object or an array of visits' });
  }
}

/** JSON Lines, read line by line as the text arrives. */
export class JsonLinesStage {
  private pending = '';
  private line = 0;
  private ordinal = 0;

  constructor(
    private readonly file: string,
    private readonly sink: ReadSink,
    private readonly report: ReadReport,
  ) {}

  push(text: string): void {
    this.pending += text;
    let start = 0;
    for (let end = this.pending.indexOf('\n'); end !== -1; end = this.pending.indexOf('\n', start)) {
      this.one(this.pending.slice(start, end));
      start = end + 1;
    }
    this.pending = this.pending.slice(start);
  }

  end(): void {
    if (this.pending !== '') this.one(this.pending);
    this.pending = '';
  }

  private one(raw: string): void {
    this.line++;
    const row = raw.trim();
    if (row === '') return;
    this.ordinal++;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.report.rows.total++;
      this.report.rows.refused++;
      this.sink.error({ file: this.file, line: this.line, reason: `visit ${this.ordinal}: not valid JSON: ${message}` });
      return;
    }
    readOneVisit(value, this.ordinal, this.line, this.file, this.sink, this.report);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function visitLabel(ordinal: number, value: unknown): string {
  const id = isRecord(value) ? value.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? `visit ${ordinal} (id ${JSON.stringify(String(id))})` : `visit ${ordinal}`;
}

function readOneVisit(value: unknown, ordinal: number, line: number, file: string, sink: ReadSink, report: ReadReport): void {
  report.rows.total++;
  if (!isRecord(value)) {
    report.rows.refused++;
    sink.error({ file, line, reason: `${visitLabel(ordinal, value)}: expected a visit object, got ${kindOf(value)}` });
    return;
  }
  const coerced = coerceVisit(value);
  const parsed = Visit.safeParse(coerced);
  if (parsed.success) {
    report.rows.checked++;
    report.visits++;
    sink.visit({ visit: parsed.data, line });
  } else {
    report.rows.refused++;
    sink.error({ file, line, reason: `${visitLabel(ordinal, value)}: ${describeIssues(parsed.error.issues, coerced)}` });
  }
}

/**
 * An explicit null is the same as an absent field ("minutes": null on an evaluation or a hot
 * pack means no minutes, not unreadable ones), except minutes that come with the text that
 * could not be read (`rawMinutes`): that is how Unitwise itself writes unreadable minutes.
 */
function dropNulls(out: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(out)) {
    if (value !== null) continue;
    if (key === 'minutes' && typeof out.rawMinutes === 'string') continue;
    delete out[key];
  }
}

function coerceVisit(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v };
  dropNulls(out);
  if (typeof out.id === 'number') out.id = String(out.id);
  if (typeof out.dateOfService === 'string') out.dateOfService = normaliseDate(out.dateOfService) ?? out.dateOfService;
  if (typeof out.discipline === 'string') out.discipline = normaliseDiscipline(out.discipline) ?? out.discipline;
  if (typeof out.method === 'string') out.method = normaliseMethod(out.method) ?? out.method;
  coerceDuration(out, 'totalTreatmentMinutes');
  if (isRecord(out.ytdTherapySpend)) {
    const spend: Record<string, unknown> = { ...out.ytdTherapySpend };
    dropNulls(spend);
    for (const key of ['ptSlp', 'ot']) if (typeof spend[key] === 'string') spend[key] = ((m) => (typeof m === 'number' ? m : spend[key]))(parseMoney(spend[key] as string, false));
    out.ytdTherapySpend = spend;
  }
  if (Array.isArray(out.entries)) out.entries = out.entries.map(coerceEntry);
  return out;
}

function coerceEntry(e: unknown): unknown {
  if (!isRecord(e)) return e;
  const out: Record<string, unknown> = { ...e };
  dropNulls(out);
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
  if (typeof out.coTreatment === 'string') out.coTreatment = parseYesNo(out.coTreatment) ?? out.coTreatment;
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
