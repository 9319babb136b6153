// The date of service a visit's own heading gives it ("Visit — 03/16/2026", "Smith, Ann · Mar 16,
// 2026"). Pure. Taken only when what stands before the date says nothing else of it: nothing, or
// words that name a visit ("Visit", "Daily note", "DOS"); and never from a heading that speaks of
// the record or of other dates ("signed", "scheduled", "DOB", "POC … thru") before its date, or
// of another date after it, nor one with two dates, nor a birth date a sex or an age beside it
// says it is ("Lee, Ann · 03/04/1941 · F"). A wrong date is worse than none: the page's own date of service is used then.
// (Also yearHints: any date a heading writes, but a birth date, for a day written without its year.)
import { bornOn, mayBeBornOn } from './birth-dates';
import { MONTHS, datesIn } from './dates';

/** Words that may stand just before a visit's date in its heading. */
const VISIT_WORDS = new Set(['visit', 'visits', 'encounter', 'session', 'appointment', 'appt', 'dos', 'date', 'of', 'service', 'treatment', 'tx', 'daily', 'note', 'day', 'sheet', 'flowsheet', 'schedule', 'for', 'on', 'no', 'number', 'group',
  // A day's log or charges named by its day ("Treatment log 11/02/2026", "Charges for 11/02/2026", "Today 11/02/2026", "PT visit 11/02/2026").
  'log', 'charge', 'charges', 'billing', 'capture', 'today', 'roster', 'pt', 'ot', 'st', 'slp', 'therapy', 'progress', 'soap',
  // The day's name before its date ("Daily note — Monday 11/02/2026").
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday']);
/** Words of a heading about the record or another date: before its date, the date is not the visit's ("Signed 03/18", "POC thru 04/30"). */
const OTHER_DATE = /\b(signed|e-?signed|locked|saved|completed|reviewed|approved|scheduled|cancell?ed|no[- ]show|printed|posted|entered|created|modified|updated|thru|through|until|expires?|expiration|due|next|last|prior|previous|dob|d\.o\.b|born|birth|poc|plan of care|cert|certification|recert|onset|surgery|injury|referral|order|ordered|auth|authorization|eval|evaluation|discharge|admit|admission)\b/i;
/**
 * After its date, only the record's state may stand ("Daily note — 11/02/2026 (signed)", "·
 * Locked"): the date is the note's. Any other of OTHER_DATE's words there may be what the date
 * is ("01/02/1950 (DOB)", "04/30/2026 end of cert"), and is refused.
 */
const RECORD_STATE = /\b(signed|e-?signed|locked|saved|completed|reviewed|approved|posted|entered|created|modified|updated)\b/gi;

/**
 * More words of a day sheet's title over its visits ("Appointments 11/06/2026", "Patients seen",
 * "Clinic day", "Group sessions"): asked only of a heading above every visit of the page, not of
 * any heading on it (a side list's "Appointments 11/09/2026" is no date of the note beside it).
 */
const DAY_TITLE_WORDS = new Set(['appointments', 'appts', 'encounters', 'sessions', 'treatments', 'patients', 'seen', 'clinic']);

/** A day and a dash or "to" just before a date: the date ends a range. */
const RANGE_BEFORE = /(?:(?<![\d/])(\d{1,2})[/.](\d{1,2})|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}))\s*(?:[-–—]|to|thru|through|until)\s*$/i;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/**
 * Whether a heading's date ends a range of days: a day ("11/02", "Nov 2") and a dash or "to" just
 * before it, 1 to 92 days before it (a week, a month, a certification's span). Not a visit's
 * count months away ("Visit 5/12 — 11/04/2026", "Pain 3/10 - …"); a count that could be a day
 * of the weeks before ("Visit 10/12 — 11/04/2026") is refused: no date is safer than a span's end.
 */
function endsRange(before: string, date: string): boolean {
  const m = RANGE_BEFORE.exec(before);
  if (!m) return false;
  const month = m[1] ? Number(m[1]) : MONTH_NAMES.indexOf(m[3]!.toLowerCase()) + 1;
  const day = Number(m[2] ?? m[4]);
  const year = Number(date.slice(0, 4));
  const start = Date.UTC(month > Number(date.slice(5, 7)) ? year - 1 : year, month - 1, day);
  const days = (Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000;
  return days >= 1 && days <= 92;
}

/**
 * The heading's date of service (see the file's note); `asOf`, the day the page says it is of
 * ("Day Sheet 11/02/2024"): an age printed beside a birth date may be of that day (a printed
 * sheet's) as well as of the user's clock (an EHR's banner drawn today over an old note).
 */
export function headerDate(heading: string, dayTitle = false, asOf?: string): string | undefined {
  const found = datesIn(heading);
  if (!found.length || found.some((f) => f.date !== found[0]!.date)) return undefined;
  const first = found[0]!.at;
  // The end of a range of days ("11/02 – 11/08/2026", "Nov 2 to 11/08/2026"): a week's, not a visit's.
  if (endsRange(heading.slice(0, first), found[0]!.date)) return undefined;
  if (OTHER_DATE.test(heading.slice(0, first)) || OTHER_DATE.test(heading.slice(first).replace(RECORD_STATE, ' '))) return undefined;
  // What stands before the date in its part of the heading ("Smith, Ann · 03/16/2026", "Smith,
  // Ann — 03/16/2026" → nothing; "Smith, Ann 01/02/1950" → "Ann": a birth date as likely as not).
  const visitWords = (words: string[]) => words.every((w) => VISIT_WORDS.has(w) || (dayTitle && DAY_TITLE_WORDS.has(w)));
  const before = wordsOf(heading.slice(0, first).split(/[·|•,;(]|\s[-–—]+\s/).pop()!);
  if (!visitWords(before)) return undefined;
  // Nothing there, but a person's name before it, and a sex or an age beside the date ("Lee, Ann
  // · 03/04/1941 · F", "Ann Lee · 85 y · 03/04/1941"): her birth date. (Not after a visit's
  // words: "Daily note — 11/02/2026 · X" is the note's day.)
  // (An age printed is of the page's day on a printed sheet, of today on a live chart's banner
  // over an old note: either will do.)
  const born = bornOn(heading, first, found[0]!.end) || (!!asOf && bornOn(heading, first, found[0]!.end, new Date(`${asOf}T00:00:00`)));
  if (!before.length && born && !visitWords(wordsOf(heading.slice(0, first)))) return undefined;
  return found[0]!.date;
}

/** A heading's words, lower case, numbers left out. ("Today's charges": a possessive is its word's.) */
function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/['’]s\b/g, '').split(/[^a-z0-9#]+/).filter((w) => w && !/^#?\d+$/.test(w));
}

/**
 * A heading that is a day and nothing more, but for words naming a visit or its day ("11/04/2026",
 * "Monday 11/04/2026", "Visits — 11/04/2026"): its date. Not a banner's ("Ann Lee · 03/04/1950 ·
 * MRN 1001"), nor a week's ("Week of 11/02/2026", "11/02–11/08/2026").
 */
export function dayOnlyDate(text: string): string | undefined {
  const found = datesIn(text);
  if (found.length !== 1) return undefined;
  const rest = `${text.slice(0, found[0]!.at)} ${text.slice(found[0]!.end)}`.toLowerCase();
  // (No other day: "11/02 – 11/08/2026" is a week. A count after it stays, "11/04/2026 (2 visits)";
  // one before it may be a program's day, "Day 1 — 10/01/2026", not the visit's.)
  const ahead = text.slice(0, found[0]!.at);
  return !/\d/.test(ahead) && !/\d\s*[/.]\s*\d/.test(rest) && rest.split(/[^a-z]+/).every((w) => !w || VISIT_WORDS.has(w)) ? found[0]!.date : undefined;
}

/** Words of a heading whose dates are not the visits' days: a print or run date, a care plan's, a birth, an age, an admission, a referral, a coming or last visit. */
const NO_YEAR_HINT = /\b(?:printed|print|run|generated|exported|created|start of care|soc|cert\w*|recert\w*|signed|dob|d\.o\.b|born|birth\w*|age|admit\w*|admission|discharg\w*|onset|injury|surgery|referr\w*|next|last|due|scheduled|expir\w*|auth\w*|poc|plan of care)\b|\bb\.\s*\d|\d\s*(?:mo|mos|months?|wks?|weeks?\s+old|y\/?o|yrs?|years?)\b/i;

/** The part of a heading (between its "·", "|", "•", ";", commas or spaced dashes) holding `at`–`end` ("Lee, Ann, DOB 03/04/1941, week of 11/02/2026"). */
function partAround(line: string, at: number, end: number): string {
  let from = 0;
  let to = line.length;
  for (const m of line.matchAll(HEADING_PART_SEPARATOR)) {
    if (m.index + m[0].length <= at) from = m.index + m[0].length;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return line.slice(from, to);
}
const HEADING_PART_SEPARATOR = /\s*[·|•;]\s*|\s+[—–]\s+|(?<!\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?),\s+/gi;

/** A month and its year with no day ("November 2026", "Nov. 2026"). */
const MONTH_YEAR = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:uary|ruary|ch|il|e|y|ust|t|tember|ober|ember)?\.?,?\s+((?:19|20|21)\d\d)\b/gi;

/**
 * The dates the page's headings (`headings`, one a line) write whole, whatever they are of ("Week
 * of 11/02/2026", "Period: 11/01/2026 to 11/30/2026"), and a month's 15th for a month and year
 * ("November 2026"): what a day written without its year may take its year from (dates.ts
 * dayNearAll). Never a birth date, sure or maybe (mayBeBornOn): a year from it is decades off.
 */
export function yearHints(headings: string): string[] {
  const out: string[] = [];
  for (const line of headings.split('\n')) {
    // (A date in a part of the heading about another kind of date gives none: "Printed
    // 01/05/2027", "Start of care 02/23/2026", "DOB/Age 01/10/2026 / 11 mo": its year may be
    // another than the visits'. The heading's other parts still may: "Week of 11/02/2026 · DOB …".)
    const other = (at: number, end: number) => NO_YEAR_HINT.test(partAround(line, at, end)) || mayBeBornOn(line, at, end);
    const found = datesIn(line);
    for (const d of found) if (!other(d.at, d.end)) out.push(d.date);
    // (A month and year outside the whole dates: "2 November 2026" is one date, not a month too.)
    for (const m of line.matchAll(MONTH_YEAR)) {
      const end = m.index + m[0].length;
      if (found.some((d) => d.at < end && m.index < d.end) || other(m.index, end)) continue;
      const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
      out.push(`${m[2]}-${month < 10 ? '0' : ''}${month}-15`);
    }
  }
  return out;
}
