// One cell of an export read as a value: dates, minutes, units, codes, modifiers, disciplines.
// Shared by the mapping stage (does this column hold dates? clock times?) and the visits stage
// (read this cell). Every reader returns null (or a reason) for text it cannot read: a cell is
// never turned into a zero or a guess.

import type { Visit } from '../model';
import { MAX_MINUTES, parseMinutes, type MinutesResult } from '../extract/minutes';

export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export interface DateParts {
  /** The three numbers in the order written, and the year's position when it is known by its length. */
  a: number;
  b: number;
  c: number;
  /** 'ymd' when the first number has four digits; otherwise the year is last. */
  shape: 'ymd' | 'xxy';
  twoDigitYear: boolean;
  separator: string;
}

// 2026-03-16, 2026-03-16 00:00:00, 2026-03-16T00:00:00Z, 2026/03/16
const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
// 03/16/2026, 16.03.2026, 3-16-26, with an optional time (Excel writes "3/16/2026 0:00")
const XXY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?)?$/i;
// 16-Mar-2026, 16 Mar 2026, Mar 16, 2026, March 16 2026
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const D_MON_Y = /^(\d{1,2})[-\s]([a-z]{3})[a-z]*\.?[-\s,]+(\d{4}|\d{2})$/i;
const MON_D_Y = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

/** The numbers of a numeric date, or null when the text is not one. */
export function dateParts(raw: string): DateParts | null {
  const s = raw.trim();
  let m = YMD.exec(s);
  if (m) return { a: Number(m[1]), b: Number(m[3]), c: Number(m[4]), shape: 'ymd', twoDigitYear: false, separator: m[2]! };
  m = XXY.exec(s);
  if (m) return { a: Number(m[1]), b: Number(m[3]), c: Number(m[4]), shape: 'xxy', twoDigitYear: m[4]!.length === 2, separator: m[2]! };
  return null;
}

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (the spreadsheet convention). */
export const fullYear = (y: number) => (y < 70 ? 2000 + y : 1900 + y);

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s) ? s : null;
}

/**
 * A date cell as YYYY-MM-DD: numeric dates in the given order (year first is always year first),
 * with two- or four-digit years and an optional time of day; or with the month's name.
 * Null when the text is not a calendar date in that order.
 */
export function parseDate(raw: string, order: DateOrder): string | null {
  // A week's export repeats a few dozen dates thousands of times.
  const cache = dateCache[order];
  let d = cache.get(raw);
  if (d === undefined) {
    d = readDate(raw, order);
    if (cache.size >= 10_000) cache.clear();
    cache.set(raw, d);
  }
  return d;
}
const dateCache: Record<DateOrder, Map<string, string | null>> = { mdy: new Map(), dmy: new Map(), ymd: new Map() };

function readDate(raw: string, order: DateOrder): string | null {
  const p = dateParts(raw);
  if (p) {
    if (p.shape === 'ymd') return iso(p.a, p.b, p.c);
    const y = p.twoDigitYear ? fullYear(p.c) : p.c;
    return order === 'dmy' ? iso(y, p.b, p.a) : iso(y, p.a, p.b);
  }
  const s = raw.trim().toLowerCase();
  let m = D_MON_Y.exec(s);
  if (m && MONTHS.includes(m[2]!)) return iso(m[3]!.length === 2 ? fullYear(Number(m[3])) : Number(m[3]), MONTHS.indexOf(m[2]!) + 1, Number(m[1]));
  m = MON_D_Y.exec(s);
  if (m && MONTHS.includes(m[1]!)) return iso(Number(m[3]), MONTHS.indexOf(m[1]!) + 1, Number(m[2]));
  return null;
}

/** True when the cell reads as a date in some order (for the mapping stage's look at content). */
export function looksLikeDate(raw: string): boolean {
  return parseDate(raw, 'mdy') !== null || parseDate(raw, 'dmy') !== null;
}

/**
 * YYYY-MM-DD or M/D/YYYY (also with `-` or `.`) → YYYY-MM-DD; null when neither. Calendar
 * validity is the schema's job. The JSON reader's near-miss fix (a visit's own field).
 */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return null;
}

/** "2,0" → "2.0" when the file writes decimals with a comma. */
const decimal = (s: string, comma: boolean) => (comma ? s.replace(/^(\d+),(\d+)$/, '$1.$2') : s);

/** A units cell: a whole number, also written "2.0" or (decimal comma) "2,0"; otherwise the reason. */
export function parseUnits(raw: string, decimalComma: boolean): number | string {
  const t = decimal(raw.trim(), decimalComma);
  if (/^\d+(?:\.0*)?$/.test(t)) return Number(t);
  // -1 or (1), as accounting writes it: a charge taken back, not a service given.
  if (/^(?:[-\u2212]\s*\d+(?:\.\d*)?|\(\d+(?:\.\d*)?\))$/.test(t)) return `units ${JSON.stringify(raw.trim())} are negative: the row looks like a reversal or adjustment of a charge, not a service, so the visit's billing is not what its rows say; check it by hand or export it without reversals`;
  return `units ${JSON.stringify(raw.trim())} is not a whole number`;
}

export { parseMoney } from '../extract/money';

// A clock time of day: 10:30, 9:05 AM, 14:00:00. h:mm durations (0:33, 1:05) look the same,
// so the mapping stage judges a whole column: see looksLikeClockColumn.
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m?\.?)?$/i;

/** The hour of a clock-time-looking cell, and whether it carries AM/PM; null otherwise. */
export function clockParts(raw: string): { hour: number; minute: number; second?: number; meridiem: boolean } | null {
  const m = CLOCK.exec(raw.trim());
  if (!m) return null;
  return { hour: Number(m[1]), minute: Number(m[2]), second: m[3] === undefined ? undefined : Number(m[3]), meridiem: !!m[4] };
}

/**
 * A minutes cell: what parseMinutes reads (23, 0:33, 1h 5m, 10:05-10:28) and h:mm:ss, with decimal commas
 * ("7,5") when the file uses them. A time of day with AM/PM is not a duration.
 */
export function parseMinutesCell(raw: string, decimalComma: boolean): MinutesResult {
  const t = decimal(raw.trim(), decimalComma);
  const clock = clockParts(t);
  if (clock?.meridiem) return { ok: false, reason: `'${raw.trim()}' is a time of day, not minutes` };
  // h:mm:ss, as spreadsheets write a duration (0:30:00); the mapping stage has already told
  // such a column from one of clock times.
  if (clock?.second !== undefined) {
    const minutes = clock.hour * 60 + clock.minute + clock.second / 60;
    if (clock.minute >= 60 || clock.second >= 60 || minutes > MAX_MINUTES) return { ok: false, reason: `could not read minutes '${raw.trim()}' (expected h:mm:ss)` };
    return { ok: true, minutes };
  }
  return parseMinutes(t);
}

/**
 * A cell as its text, without what Excel adds to keep it text: a leading apostrophe ('97110)
 * and a formula of one string (="97110", which a CSV writes "=""97110"""). Other formulas are
 * left as written. Callers test the first character before calling (it runs on every cell).
 */
export function excelText(raw: string): string {
  const first = raw.charCodeAt(0);
  if (first === 39 /* ' */) return raw.length > 1 && raw.charCodeAt(1) !== 39 ? raw.slice(1) : raw;
  if (first === 61 /* = */) {
    const m = /^="((?:[^"]|"")*)"$/.exec(raw.trim());
    if (m) return m[1]!.replace(/""/g, '"');
  }
  return raw;
}

const CODE = /^(?:\d{4}[0-9A-Z]|[A-V]\d{4})$/i;
/** A CPT (5 digits, or 4 and a letter for Category II/III) or HCPCS Level II (letter and 4 digits) code. */
export const looksLikeCode = (raw: string) => CODE.test(raw.trim());

const MODIFIER = /^[0-9A-Z]{2}$/i;
// Modifiers the rules read (therapy discipline, assistant, KX, NCCI; rules-reference §§ on
// modifiers) and a few common payment ones: a run-together "GP59" is split only into these.
export const KNOWN_MODIFIERS: ReadonlySet<string> = new Set(['GP', 'GO', 'GN', 'CQ', 'CO', 'KX', '59', 'XE', 'XS', 'XP', 'XU', '76', '77', '52', '22', '25', 'GA', 'GY', 'GZ', '95', 'KO']);

/**
 * `GP,59`, `GP 59`, `GP-XU`, `GP;59`, `GP|59`, `GP:59`, `GP/KX`, `GP\KX`, `GP+KX`, `GP&KX`, `GP.KX`, and `GP59`
 * when both halves are known modifiers → ["GP", "59"].
 */
export function splitModifiers(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[\s,;|:/\\+&.\-]+/)) {
    if (part === '') continue;
    const m = part.toUpperCase();
    const a = m.slice(0, 2);
    const b = m.slice(2);
    if (m.length === 4 && KNOWN_MODIFIERS.has(a) && KNOWN_MODIFIERS.has(b)) out.push(a, b);
    else out.push(m);
  }
  return out;
}
export const looksLikeModifiers = (raw: string) => splitModifiers(raw).every((m) => MODIFIER.test(m));

export interface CombinedLine {
  code: string;
  modifiers: string[];
  units?: number;
  minutes?: number;
}

// "97110-GP x2 (33 min)", "97110 GP 59 ×1 (15 minutes)", "97140:GP x1 (7m)", "97110-GP (33)"
const COMBINED =
  /^([0-9A-Z]{5})((?:[\s:\-]+(?![x×*]\s*\d)[0-9A-Z]{2})*)\s*(?:[x×*]\s*(\d+(?:[.,]0+)?)(?:\s*units?)?)?\s*(?:\(\s*(\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minutes)?\.?\s*\))?$/i;

/**
 * A cell that holds a whole line item: code, modifiers, units and minutes. Several line
 * items may share a cell, separated by `;` or a line break. Null when any part is not one.
 */
export function parseCombined(raw: string): CombinedLine[] | null {
  const parts = raw.split(/[;\n]+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const out: CombinedLine[] = [];
  for (const part of parts) {
    const m = COMBINED.exec(part);
    if (!m || !looksLikeCode(m[1]!)) return null;
    // Only a part that says more than a code is a combined cell: a bare code is a code column.
    const line: CombinedLine = { code: m[1]!.toUpperCase(), modifiers: splitModifiers(m[2] ?? '') };
    if (m[3] !== undefined) line.units = Number(m[3].replace(',', '.'));
    if (m[4] !== undefined) line.minutes = Number(m[4].replace(',', '.'));
    out.push(line);
  }
  return out;
}
export const looksLikeCombined = (raw: string) => {
  const parsed = parseCombined(raw);
  return !!parsed && parsed.some((l) => l.units !== undefined || l.minutes !== undefined || l.modifiers.length > 0);
};

const DISCIPLINES: Record<string, Visit['discipline']> = {
  PT: 'PT',
  OT: 'OT',
  SLP: 'SLP',
  pt: 'PT',
  physicaltherapy: 'PT',
  physical: 'PT',
  physicaltherapist: 'PT',
  pta: 'PT',
  ot: 'OT',
  occupationaltherapy: 'OT',
  occupational: 'OT',
  occupationaltherapist: 'OT',
  ota: 'OT',
  cota: 'OT',
  slp: 'SLP',
  st: 'SLP',
  speech: 'SLP',
  speechtherapy: 'SLP',
  speechlanguagepathology: 'SLP',
  speechlanguagepathologist: 'SLP',
};

/** PT/OT/SLP from what a system writes: "PT", "Physical Therapy", "OCCUPATIONAL THERAPY", "Speech". */
const DISCIPLINE_MAP = new Map(Object.entries(DISCIPLINES));
export function normaliseDiscipline(raw: string): Visit['discipline'] | null {
  return DISCIPLINE_MAP.get(raw) ?? DISCIPLINE_MAP.get(raw.toLowerCase().replace(/[^a-z]/g, '')) ?? null;
}

/** The discipline of a provider taxonomy code (837P PRV segment; some exports print it). */
export function disciplineOfTaxonomy(code: string): Visit['discipline'] | null {
  const c = code.trim().toUpperCase();
  if (c.startsWith('2251') || c.startsWith('2252')) return 'PT'; // physical therapist, PT assistant
  if (c.startsWith('225X') || c.startsWith('224Z')) return 'OT'; // occupational therapist, OT assistant
  if (c.startsWith('235Z') || c.startsWith('2355')) return 'SLP'; // speech-language pathologist, assistant
  return null;
}

export function normaliseMethod(raw: string): Visit['method'] | null {
  const key = raw.toLowerCase().replace(/[^a-z]/g, '');
  if (key === 'cms' || key === 'medicare' || key === 'totaltime' || key === 'eightminute') return 'cms';
  if (key === 'percode' || key === 'ama' || key === 'substantialportion') return 'per-code';
  return null;
}

/** A yes/no cell: true, false, or undefined when it says neither ("maybe", a date). */
export function parseYesNo(raw: string): boolean | undefined {
  const key = raw.trim().toLowerCase();
  if (/^(?:y|yes|true|t|1|x|✓|co-?treat(?:ment|ed)?)$/.test(key)) return true;
  if (/^(?:n|no|false|f|0|-)$/.test(key)) return false;
  return undefined;
}

// Names of payers, for finding a payer column by its content when its header says nothing.
const PAYER_WORDS =
  /\b(medicare|medicaid|medi-cal|aetna|cigna|humana|united ?health(?:care)?|uhc|blue ?cross|blue ?shield|bcbs|anthem|kaiser|tricare|champva|wellcare|molina|centene|ambetter|oscar|highmark|carefirst|premera|regence|optum|self[- ]?pay|private pay|workers'? ?comp|commercial|insurance|health ?plan|hmo|ppo)\b/i;
export const looksLikePayer = (raw: string) => PAYER_WORDS.test(raw);
