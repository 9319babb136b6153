// Minutes as people write them in a visit form or a biller's export (issue 3).
//
// Runs in the content script: no zod, no imports of modules that build schemas.
// Text that is not a duration is never read as 0: callers keep it as
// `minutes: null, rawMinutes` so the engine raises `minutes.unreadable`.

export type MinutesResult = { ok: true; minutes: number } | { ok: false; reason: string };

/** A day: no single service lasts longer (and the Visit schema's upper bound). */
export const MAX_MINUTES = 24 * 60;

// `1h 5m`, `1 hr 05 min`, `23 min`, `23'`, `7.5`, `1.5 hours`, `1h05`.
const DURATION =
  /^(?:(\d+(?:\.\d+)?)\s*(h|hr|hrs|hour|hours)\.?)?\s*,?\s*(?:(\d+(?:\.\d+)?)\s*(m|min|mins|minute|minutes|mn|')?\.?)?$/;
// `0:23`, `1:05` (hours:minutes).
const H_MM = /^(\d{1,2}):(\d+)$/;
// One clock time inside a range: `10:05`, `9:50am`, `12:10 p.m.`, `9 am`.
// (Seconds, as a time input with a step writes them, "10:05:00", are passed over.)
const CLOCK = String.raw`(\d{1,2})(?::(\d{2})(?::\d{2})?)?\s*(a\.?m\.?|p\.?m\.?|a|p)?`;
const RANGE = new RegExp(`^${CLOCK}\\s*(?:-|to|until)\\s*${CLOCK}$`);
const CLOCK_ONLY = new RegExp(`^${CLOCK}$`);

function quote(raw: string): string {
  const s = raw.trim();
  return `'${s.length > 60 ? `${s.slice(0, 57)}...` : s}'`;
}

/** Lower-case, one space, ASCII dash and prime: the forms below only need one spelling. */
function normalise(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-') // hyphens, en/em dashes, minus sign
    .replace(/[\u2018\u2019\u2032`]/g, "'") // curly quotes and prime used for minutes
    .replace(/\s+/g, ' ');
}

type Meridiem = 'am' | 'pm' | undefined;

function meridiem(text: string | undefined): Meridiem {
  if (!text) return undefined;
  return text.startsWith('a') ? 'am' : 'pm';
}

/** Minutes since midnight for a 12-hour clock time, or null when the hour cannot be one. */
function minutesOf12h(hour: number, minute: number, m: 'am' | 'pm'): number | null {
  if (hour < 1 || hour > 12) return null;
  return ((hour % 12) + (m === 'pm' ? 12 : 0)) * 60 + minute;
}

/** Minutes since midnight: 12-hour when a marker is given, else 24-hour. */
function clockMinutes(hour: number, minute: number, m: Meridiem): number | null {
  if (m) return minutesOf12h(hour, minute, m);
  return hour <= 23 ? hour * 60 + minute : null;
}

function flip(m: 'am' | 'pm'): 'am' | 'pm' {
  return m === 'am' ? 'pm' : 'am';
}

function parseRange(match: RegExpExecArray, raw: string): MinutesResult {
  const [, h1s, m1s, ap1, h2s, m2s, ap2] = match;
  // A bare number on either side ("10-28") is not a clock time: each side needs a colon
  // or an AM/PM marker.
  if ((m1s === undefined && !ap1) || (m2s === undefined && !ap2)) {
    return { ok: false, reason: `could not read minutes ${quote(raw)}` };
  }
  const h1 = Number(h1s);
  const h2 = Number(h2s);
  const m1 = Number(m1s ?? 0);
  const m2 = Number(m2s ?? 0);
  const mer1 = meridiem(ap1);
  const mer2 = meridiem(ap2);
  const notClock = { ok: false, reason: `not a clock time in ${quote(raw)}` } as const;
  const backwards = (hint: string): MinutesResult => ({
    ok: false,
    reason: `time range ${quote(raw)} ends before it starts${hint}`,
  });
  if (m1 >= 60 || m2 >= 60) return notClock;

  if (!mer1 && !mer2) {
    const start = clockMinutes(h1, m1, undefined);
    const end = clockMinutes(h2, m2, undefined);
    if (start === null || end === null) return notClock;
    if (end < start) return backwards(' (write AM/PM if it crosses noon or midnight)');
    return { ok: true, minutes: end - start };
  }

  if (mer1 && mer2) {
    const start = minutesOf12h(h1, m1, mer1);
    const end = minutesOf12h(h2, m2, mer2);
    if (start === null || end === null) return notClock;
    if (end >= start) return { ok: true, minutes: end - start };
    // Only a PM start with an AM end clearly crosses midnight.
    if (mer1 === 'pm' && mer2 === 'am') return { ok: true, minutes: end + MAX_MINUTES - start };
    return backwards('');
  }

  // One side has AM/PM ("9:50-10:10am", "11:50am-12:10"): the other shares it, unless that
  // puts the end before the start and the opposite marker does not ("11:50-12:10pm" starts
  // at 11:50 AM). A side whose hour cannot be 12-hour ("13:50") is read as 24-hour.
  const known = (mer1 ?? mer2) as 'am' | 'pm';
  const unknownHour = mer1 ? h2 : h1;
  if (unknownHour === 0 || unknownHour > 12) {
    const start = clockMinutes(h1, m1, mer1);
    const end = clockMinutes(h2, m2, mer2);
    if (start === null || end === null) return notClock;
    if (end < start) return backwards('');
    return { ok: true, minutes: end - start };
  }
  for (const guess of [known, flip(known)]) {
    const start = minutesOf12h(h1, m1, mer1 ?? guess);
    const end = minutesOf12h(h2, m2, mer2 ?? guess);
    if (start === null || end === null) return notClock;
    if (end >= start) return { ok: true, minutes: end - start };
  }
  return backwards('');
}

function checkRange(minutes: number, raw: string): MinutesResult {
  if (minutes > MAX_MINUTES) {
    return { ok: false, reason: `${quote(raw)} is more than a day (${MAX_MINUTES} minutes)` };
  }
  if (!Number.isFinite(minutes) || minutes < 0) return { ok: false, reason: `could not read minutes ${quote(raw)}` };
  return { ok: true, minutes };
}

/**
 * Reads a duration in minutes from what a clinician typed: `23`, `23 min`, `23m`, `23'`,
 * `0:23` and `1:05` (h:mm; minutes:seconds when `colon` says the column is mm:ss), `1h 5m`, `1 hr 05 min`, `1.5 hours`, `7.5`, or a range of clock
 * times (`10:05-10:28`, `10:05 AM – 10:28 AM`, `11:50 AM - 12:10 PM`).
 * Never throws; a failure's reason quotes what was read.
 */
export function parseMinutes(raw: string, colon: 'h:mm' | 'mm:ss' = 'h:mm'): MinutesResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'empty' };
  // Fast path for the common case: a plain whole number.
  if (/^\s*\d{1,7}\s*$/.test(raw)) return checkRange(Number(raw), raw);
  const text = normalise(raw);
  if (text === '') return { ok: false, reason: 'empty' };

  if (/^-\s*\d/.test(text)) return { ok: false, reason: `negative minutes ${quote(raw)}` };

  const hmm = H_MM.exec(text);
  if (hmm) {
    const [, h, m] = hmm as unknown as [string, string, string];
    if (m.length !== 2) return { ok: false, reason: `could not read minutes ${quote(raw)} (expected h:mm)` };
    if (Number(m) >= 60) {
      return { ok: false, reason: `${quote(raw)} has ${m} ${colon === 'mm:ss' ? 'seconds' : 'minutes'} after the colon (${colon} needs fewer than 60)` };
    }
    // A stopwatch's "23:40" under a column headed "mm:ss" is 23 minutes 40 seconds (not a
    // minute more than 23: CMS counts the minutes spent, and 7:40 is short of 8).
    if (colon === 'mm:ss') return checkRange(Math.round((Number(h) + Number(m) / 60) * 100) / 100, raw);
    return checkRange(Number(h) * 60 + Number(m), raw);
  }

  const range = RANGE.exec(text);
  if (range) return parseRange(range, raw);

  const d = DURATION.exec(text);
  if (d) {
    const [, hours, , mins] = d;
    if (hours === undefined && mins === undefined) return { ok: false, reason: `could not read minutes ${quote(raw)}` };
    const total = Number(hours ?? 0) * 60 + Number(mins ?? 0);
    // "0.000…01" with hundreds of zeros underflows to 0: a non-zero digit is never read as 0.
    if (total === 0 && /[1-9]/.test(text)) return { ok: false, reason: `could not read minutes ${quote(raw)}` };
    return checkRange(total, raw);
  }

  return { ok: false, reason: `could not read minutes ${quote(raw)}` };
}

/**
 * A clock time as "HH:MM" (24-hour): accepts `9:05`, `09:05`, `9:05 am`, `9:05 PM`, `9 am`,
 * `21:05`. Returns null for anything else (including `25:00`, `13:05 pm`, `9`).
 */
export function parseClockTime(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const match = CLOCK_ONLY.exec(normalise(raw));
  if (!match) return null;
  const [, hs, ms, ap] = match;
  const hour = Number(hs);
  const minute = Number(ms ?? 0);
  if (minute >= 60) return null;
  const mer = meridiem(ap);
  let total: number | null;
  if (mer) total = minutesOf12h(hour, minute, mer);
  else if (ms === undefined) return null; // a bare "9" is not a time
  else total = hour <= 23 ? hour * 60 + minute : null;
  if (total === null) return null;
  const hh = Math.floor(total / 60);
  const mm = total % 60;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}
