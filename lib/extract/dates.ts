// Dates of service as the page writes them, to YYYY-MM-DD. Pure: used by the reader and by
// the visit grouping (a header with a date names a visit).

export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function iso(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  // (Counted, not a Date made and printed: this runs for every row's date on a first read.)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!)) return undefined;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * A date of service as YYYY-MM-DD from `2026-03-02`, `2026/03/02`, `03/02/2026` (US month
 * first), `3/2/26`, `03-02-2026`, `Mar 2, 2026`, `2 March 2026`, `02-Nov-2026` and `02-NOV-26`
 * (as hospital systems print it, and as the batch check reads it); undefined otherwise.
 */
export function normaliseDate(raw: string): string | undefined {
  const t = raw.trim().toLowerCase();
  let m = /(?<!\d)(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?!\d)/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[3]), Number(m[4]));
  m = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/.exec(t);
  if (m) {
    const y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return iso(y, Number(m[1]), Number(m[2]));
  }
  // (A two-digit year only between hyphens: "02-Nov-26" is a date, "2 sets 26" no month.)
  m = /(?<!\d)(\d{1,2})-([a-z]{3})[a-z]*\.?-(\d{4}|\d{2})(?!\d)/.exec(t);
  if (m && MONTHS.includes(m[2]!)) return iso(m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]), MONTHS.indexOf(m[2]!) + 1, Number(m[1]));
  m = /\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(t);
  if (m && MONTHS.includes(m[1]!)) return iso(Number(m[3]), MONTHS.indexOf(m[1]!) + 1, Number(m[2]));
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b/.exec(t);
  if (m && MONTHS.includes(m[2]!)) return iso(Number(m[3]), MONTHS.indexOf(m[2]!) + 1, Number(m[1]));
  return undefined;
}

/** Date-shaped parts of a text in the formats normaliseDate reads, each with where it starts: a heading's dates (header-date.ts). */
const DATE_PART = /(?<!\d)\d{4}([-/])\d{1,2}\1\d{1,2}(?!\d)|(?<!\d)\d{1,2}-[a-z]{3}[a-z]*\.?-(?:\d{4}|\d{2})(?!\d)|(?<!\d)\d{1,2}([/.-])\d{1,2}\2(?:\d{4}|\d{2})(?!\d)|\b[a-z]{3}[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3}[a-z]*\.?,?\s+\d{4}\b/gi;
export function datesIn(text: string): { date: string; at: number; end: number }[] {
  const found: { date: string; at: number; end: number }[] = [];
  for (const m of text.matchAll(DATE_PART)) {
    const date = normaliseDate(m[0]);
    if (date) found.push({ date, at: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** The day of a header that is only a date without its year ("10/30", "Mon 10/30", "Oct 30", "30 Oct"): a flowsheet's column. */
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?`;
const MONTH_WORD = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\.?`;
const YEARLESS = [
  new RegExp(String.raw`^${WEEKDAY}(\d{1,2})[/.](\d{1,2})$`),
  // ("Oct-30", "30-Oct": a spreadsheet's day.)
  new RegExp(String.raw`^${WEEKDAY}${MONTH_WORD}(?:\s+|-)(\d{1,2})(?:st|nd|rd|th)?$`),
  new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)${MONTH_WORD}$`),
];

/**
 * A flowsheet column header's date: YYYY-MM-DD as normaliseDate reads it, or `--MM-DD` when the
 * whole header is a month and day with no year ("10/30", "Oct 30"); undefined otherwise.
 */
export function columnDay(raw: string): string | undefined {
  // "Today", "Current", "11/02 (today)", "Today 11/02": the day being charted, after any other.
  if (TODAY_WORD.test(raw)) {
    const rest = raw.replace(TODAY_WORDS, ' ').replace(/[()\-–—:,]/g, ' ').trim();
    // (A session of today too: "Today" over "AM | PM" is "Today AM".)
    if (!rest || columnDay(rest) !== undefined || SESSION_ONLY.test(rest)) return TODAY;
  }
  const full = normaliseDate(raw);
  if (full) return full;
  // (A unit word beside the day: "10/30 min", "Units 11/02"; the visit's number: "Visit 12 — 11/02", "11/02 (Tx 4)".)
  // (And a session's time after it: "11/02 0900", "11/02 9:00 AM", "11/02 PM", a column per session.)
  const t = raw.trim().toLowerCase().replace(UNIT_WORD, '').replace(VISIT_NUMBER, '').replace(SESSION_TIME, '');
  let month: number | undefined;
  let day: number | undefined;
  let m = YEARLESS[0]!.exec(t);
  if (m) [month, day] = [Number(m[1]), Number(m[2])];
  else if ((m = YEARLESS[1]!.exec(t)) && MONTHS.includes(m[1]!)) [month, day] = [MONTHS.indexOf(m[1]!) + 1, Number(m[2])];
  else if ((m = YEARLESS[2]!.exec(t)) && MONTHS.includes(m[2]!)) [month, day] = [MONTHS.indexOf(m[2]!) + 1, Number(m[1])];
  // (2024 is a leap year: 02/29 is a day.)
  const valid = month !== undefined && day !== undefined ? iso(2024, month, day) : undefined;
  return valid ? `--${valid.slice(5)}` : undefined;
}

/** A session's time of day after a column's day: "0900", "14:00", "9:00 am", "9am", "pm" (24-hour times whole: 0000–2359). */
const SESSION_TIME = /\s+(?:(?:[01]\d|2[0-3])[0-5]\d|\d{1,2}:[0-5]\d(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|[ap]\.?m\.?)$/i;
/** A session's time and nothing else ("AM", "0900", "2 pm"). */
const SESSION_ONLY = /^(?:(?:[01]\d|2[0-3])[0-5]\d|\d{1,2}\s*[ap]\.?m\.?|[ap]\.?m\.?)$/i;

/** `text` without a time of day after its day ("11/02 0900" → "11/02", "13/02/2026 10:30 AM" → "13/02/2026"). */
export const withoutSessionTime = (text: string) => text.replace(SESSION_TIME, '');
/**
 * Which session of which day a column's header names, written one way ("11/02/2026 1400",
 * "11/02/2026 2:00 PM", "11/02/2026 2 pm" are all `2026-11-02@14:00`; "11/02 AM" `--11-02@am`):
 * two headers of one session told alike however the page writes the time. Undefined for a
 * header naming no day.
 */
export function sessionOf(header: string): string | undefined {
  // (A unit word after the session, a charge grid's "11/02/2026 PM Min": the session's still.)
  const t = ` ${header.trim()}`.replace(UNIT_AFTER, '');
  const found = SESSION_TIME.exec(t);
  const day = columnDay(found ? t.slice(0, found.index) : t);
  if (day === undefined) return undefined;
  const time = found?.[0].toLowerCase().replace(/[.\s]/g, '');
  if (!time) return day;
  const m = /^(\d{1,2}):?(\d{2})?(am|pm)?$/.exec(time);
  if (!m) return `${day}@${time}`; // "am", "pm"
  let hour = Number(m[1]);
  if (m[3] === 'pm' && hour < 12) hour += 12;
  if (m[3] === 'am' && hour === 12) hour = 0;
  return `${day}@${String(hour).padStart(2, '0')}:${m[2] ?? '00'}`;
}

/** Whether `text` is a session's time of day and nothing else ("AM", "PM", "0900", "2:00 PM"): a column header under its day's. */
export const sessionTimeOnly = (text: string) => !!text.trim() && withoutSessionTime(` ${text.trim()}`) === '';
/** A measure's header: "Min", "Units", "(min)", "Time (min)", "# Units", "No. of units". */
const UNIT_TERM = String.raw`(?:time\s*)?\(?(?:#\s*|no\.?\s*(?:of\s+)?)?(?:min|mins|minutes|units?)\.?\)?`;
const UNIT_WORD = new RegExp(String.raw`^(?:min|mins|minutes|units?)\.?\s+|\s+${UNIT_TERM}$`);
/** A unit word ending a header ("11/02/2026 PM Min"). */
const UNIT_AFTER = new RegExp(String.raw`\s+${UNIT_TERM}$`, 'i');
/** Whether a header is a unit word and nothing else ("Min", "Units", "(min)", "Time (min)", "# Units"): a charge grid's column under its session's. */
export const unitWordOnly = (text: string) => UNIT_ONLY.test(text.trim());
const UNIT_ONLY = new RegExp(String.raw`^${UNIT_TERM}$`, 'i');

/**
 * A visit's heading that is a day without its year, as `--MM-DD`: stricter than a column's
 * header, for a heading over a table may be a fraction or a count ("1/2", "Units 1/2", "10/30
 * min"). A weekday or a month's name with it ("Mon 11/2", "Tue, Nov 3"), or a day written with
 * two digits ("11/02"); no unit word.
 */
export function headingDay(text: string): string | undefined {
  const t = text.trim();
  if (t.length > 30 || /\b(?:min|mins|minutes|units?|sets?|reps?|of)\b/i.test(t)) return undefined;
  const named = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\b/i.test(t) || /[a-z]{3}/i.test(t.replace(WEEKDAY_FIRST, ''));
  if (!named && !/^\d{1,2}[/.]\d{2}$/.test(t)) return undefined;
  const day = columnDay(t);
  return day?.startsWith('--') ? day : undefined;
}

/** A weekday written first, with what follows it up to the day ("Mon ", "Tuesday, "). */
const WEEKDAY_FIRST = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s*/i;

/** The weekday a heading names first ("Fri 1/1" → 5, Sunday 0), if any. */
export function weekdayOf(text: string): number | undefined {
  const m = WEEKDAY_FIRST.exec(text.trim());
  return m ? ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].indexOf(m[1]!.toLowerCase()) : undefined;
}
/** A visit's number before or after a column's day: "Visit 12 — ", "Session 3: ", "Tx #4 ", " (Visit 12)". */
const VISIT_NUMBER = /^(?:visit|session|tx|treatment|appt|appointment|encounter)\s*(?:no\.?|#)?\s*\d{1,3}\s*[—–:,|-]?\s+|\s+\((?:visit|session|tx|treatment|appt|appointment|encounter)\s*(?:no\.?|#)?\s*\d{1,3}\)$/;

/**
 * Whether a column header names a day and, beside it, only one session of it: its clock time
 * ("11/02/2026 0900", "11/2 9:00 AM"), its part of the day ("AM", "PM"), its number ("Session
 * 2"), a weekday or a unit word. Not a day's "Total", "Goal", "Planned" or "Cancelled" column:
 * added to the day's sessions, its minutes would be counted twice or billed unspent.
 */
export function sessionColumn(raw: string): boolean {
  // (A measure's header after the session, "11/02/2026 AM Time (min)", "… No. of units": the session's.)
  return raw
    .replace(UNIT_AFTER, '')
    .toLowerCase()
    .split(/[^a-z0-9#]+/)
    .every((w) => !w || SESSION_WORD.test(w));
}

/** A word of a session's column header (sessionColumn): a number (the date's, the clock's, the session's), AM/PM, a session's name, a weekday or month, a unit word. */
const SESSION_WORD =
  /^(?:#?\d{1,4}(?:[ap]m?|h|st|nd|rd|th)?|[apm#]|am|pm|morning|afternoon|evening|eve|session|sess|visit|tx|treatment|appt|appointment|no|today|current|mins?|minutes?|units?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/;

/** columnDay's answer for a column headed "Today" or "Current". */
const TODAY = '~today';
const TODAY_WORD = /\b(?:today|current)\b/i;
const TODAY_WORDS = /\b(?:today|current(?:\s+(?:visit|session|day))?)\b/gi;

/** How far apart two year-less days may be and still be ordered (a plan of care's span): further, either may be the later. */
const YEARLESS_SPAN = 120;

/**
 * The date of year-less day `day` (columnDay's `--MM-DD`) near full date `near`: of its year,
 * the year before or the year after, whichever falls within YEARLESS_SPAN days of it ("11/03"
 * under "10/30/2026": 2026-11-03; "01/02" under "12/30/2026": 2027-01-02). Undefined when none
 * does: "05/01" under "11/02/2026" may be last May's or next May's.
 */
export function dayNear(day: string, near: string): string | undefined {
  const [month, date] = [Number(day.slice(2, 4)), Number(day.slice(5, 7))];
  const year = Number(near.slice(0, 4));
  const at = Date.UTC(year, Number(near.slice(5, 7)) - 1, Number(near.slice(8, 10)));
  for (const y of [year, year - 1, year + 1]) {
    const found = iso(y, month, date);
    if (found && Math.abs(Date.UTC(y, month - 1, date) - at) <= YEARLESS_SPAN * 86_400_000) return found;
  }
  return undefined;
}

/**
 * The date of year-less day `day` near dates `nears` (dayNear): the one those that give one agree
 * on; undefined when none gives one or two give different ones.
 */
export function dayNearAll(day: string, nears: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const near of nears) {
    const d = dayNear(day, near);
    if (d && found && d !== found) return undefined;
    found ??= d;
  }
  return found;
}

/** Whether `text` is full date `date`'s day written without its year ("11/03" of 2026-11-03). */
export function yearlessOf(text: string, date: string): boolean {
  const day = normaliseDate(text) === undefined ? columnDay(text) : undefined;
  return !!day?.startsWith('--') && date.endsWith(day.slice(1));
}

/**
 * Whether column day `a` is after `b` (columnDay's answers): 1 after, -1 before, 0 the same day
 * or not known. Two full dates compare as dates; "Today" is after any day; a year-less one is
 * ordered only within about four months of the other ("12/30 | 01/02" runs into the new year;
 * "05/01 | 11/02" may be either way round).
 */
export function compareDays(a: string, b: string): 1 | -1 | 0 {
  if (a === b) return 0;
  if (a === TODAY || b === TODAY) return a === TODAY ? 1 : -1;
  if (!a.startsWith('--') && !b.startsWith('--')) return a > b ? 1 : -1;
  const dayOfYear = (s: string) => (Number(s.slice(-5, -3)) - 1) * 31 + Number(s.slice(-2));
  const ahead = (dayOfYear(a) - dayOfYear(b) + 372) % 372;
  return ahead > 0 && ahead <= YEARLESS_SPAN ? 1 : ahead >= 372 - YEARLESS_SPAN ? -1 : 0;
}

