// A birth date printed with no label beside a patient's name ("Lee, Ann  03/04/1941  F", "Ann
// Lee · 85 y · 03/04/1941"), as schedules and day sheets print a patient's line: told from a
// date of service only by what the page prints beside it, a sex or an age. Never by the year
// alone: a chart's earlier visits are headed by their dates too ("Lee, Ann — 10/30/2025"). And
// never against what is printed: an age the date does not give by the user's clock, or by the
// day the page says it is of ("Daily note — Lee, Ann (85 y.o. F) — 11/02/2026" is a note's date;
// a day sheet of 11/02/2024 prints ages of that day), nor, by a sex alone, a date of the last
// year (a visit's, as "Lee, Ann — 10/30/2026 · F" may be; a younger baby's is told by her age).
// Pure: a regex on a heading's text already read; the clock is a parameter.
import { datesIn, normaliseDate } from './dates';
import { NAMED_PAYER } from './payer-names';

/** A sex as a heading prints it beside a birth date: "F", "M", "U", "X", "Female", "Male" (capitals: "f" or "x" may be anything). */
const SEX = String.raw`(?:[MFUX]|[Ff]emale|[Mm]ale|FEMALE|MALE)`;
/** An age: "85 y", "85 yo", "85 y/o", "85 yrs", "85 years old", "85F", "age 85", "Age: 85"; a child's in months, "18 mo", "18 months old". */
const AGE = String.raw`(?:\d{1,3}\s*(?:y\/o|y\.o\.?|yo|yrs?\.?|years?(?:\s+old)?|y)(?:\s*[MF])?|\d{1,2}\s*(?:mos?\.?|months?(?:\s+old)?)(?:\s*[MF])?|\d{1,3}\s*[MF]|[Aa][Gg][Ee]:?\s*\d{1,3})`;
/** What may stand between a date and its sex or age: a separator, or nothing but a space. */
const SEP = String.raw`(?:\s*[·|•—–,;:]\s*|\s+-\s+|\s*)`;
/**
 * Right after the date: a sex or an age, in brackets or standing alone up to a separator or the
 * end ("F", "F · Medicare", "Female", "(F)", "85 y"); not a word's start ("F/U" is a follow-up,
 * "M. Smith" or "M Smith PT" a clinician).
 */
const AFTER = new RegExp(String.raw`^${SEP}(?:\(\s*(?:${SEX}|${AGE})\s*\)|(?:${SEX}|${AGE})(?![\p{L}\d/.'’-])(?!\s+\p{L}))`, 'u');
/**
 * Right before the date: an age ("85 y · "), or a sex in brackets or between separators ("(F) ",
 * "· F · "); an age may be a bare number in brackets here ("(85) 03/04/1941"), where no label's
 * counter stands ("Visit 11/02/2026 (2)"), of two digits ("Lee, Ann (2)" counts her sessions). A
 * capital alone after a name is her initial ("Lee, Ann F").
 */
const BEFORE = new RegExp(String.raw`(?:(?:^|[\s([])(?<age>${AGE})|(?<bracketed>\(\s*(?:${SEX}|${AGE}|\d{2,3})\s*\))|(?:^|[·|•—–]\s*|\s-\s+)(?<sex>${SEX})\s*[·|•—–])${SEP}$`, 'u');
/** A sex or an age after the date followed by words (AFTER refuses them: "M Smith PT" is a clinician): `mark` and the words. */
const AFTER_THEN_WORDS = new RegExp(String.raw`^(?<mark>${SEP}(?:${SEX}|${AGE}))\s+(?<rest>\p{L}.*)$`, 'u');
/** A payer's name first: "Medicare", "Aetna PPO" (a schedule's next column after the sex). */
const PAYER_FIRST = new RegExp(String.raw`^(?:${NAMED_PAYER.source})`, 'i');

/** A time after the date: an appointment's ("11/02/2026 9:00 AM · F"), never a birth date. */
const TIME_AFTER = /^\s*(?:at\s+)?\d{1,2}:\d{2}/;
/** The date already said to be a birth date: "DOB 03/04/1941", "Born 03/04/1941". */
const LABELLED = /\b(?:dob|d\.o\.b\.?|born|birth\s*date|date\s+of\s+birth)\s*:?\s*$/i;

/**
 * Whether the date from `at` to `end` in `text` is a birth date by a sex or an age printed beside
 * it, and one the clock allows (`today`: the user's, or the day the page says it is of, as its
 * ages are): an age printed is the time from the date to today (N years: N to N + 1 of them; N
 * months: N to N + 1 of them, give or take a fortnight); a sex alone, a date a year or more
 * before today (a date of service older is past billing in time, CMS's 12 months; a baby's birth
 * date beside her sex is a year old or more, mostly).
 */
export function bornOn(text: string, at: number, end: number, today: Date = new Date()): boolean {
  return birthMark(text, at, end, today) !== undefined;
}

/** What marks a date a birth date (bornOn): the sex or age beside it, and, when a payer's name follows that mark ("F  Medicare"), the two apart. */
interface BirthMark {
  mark: string;
  payer?: [mark: string, rest: string];
}

/** The mark bornOn finds beside the date, the clock allowing it; undefined when none. */
function birthMark(text: string, at: number, end: number, today: Date = new Date()): BirthMark | undefined {
  const after = text.slice(end);
  if (TIME_AFTER.test(after)) return undefined;
  const found = markBeside(text.slice(0, at), after);
  const day = found && normaliseDate(text.slice(at, end));
  if (!day) return undefined;
  const months = (today.getTime() - Date.parse(`${day}T00:00:00`)) / MONTH_MS;
  const age = ageIn(found!.mark);
  if (!age) return months >= 12 ? found : undefined;
  const [n, per] = age;
  return months >= n * per - 0.5 && months <= (n + 1) * per + 0.5 ? found : undefined;
}

/** The sex or age right after a date (AFTER), or one followed by a payer's name ("F  Medicare"), else one right before it (BEFORE). */
function markBeside(before: string, after: string): BirthMark | undefined {
  const m = AFTER.exec(after);
  if (m) return { mark: m[0] };
  const w = AFTER_THEN_WORDS.exec(after);
  if (w && PAYER_FIRST.test(w.groups!.rest!)) return { mark: w.groups!.mark!, payer: [w.groups!.mark!, w.groups!.rest!] };
  const b = BEFORE.exec(before);
  return b ? { mark: b[0] } : undefined;
}
const MONTH_MS = (365.25 / 12) * 24 * 3600 * 1000;

/** The age a mark beside a date prints, and the months in its unit ("85 y.o. F" [85, 12], "18 mo" [18, 1], "(85)" [85, 12]); undefined for a sex alone. */
function ageIn(mark: string): [number, number] | undefined {
  const months = /(\d{1,2})\s*mo/i.exec(mark);
  if (months) return [Number(months[1]), 1];
  const n = /\d{1,3}/.exec(mark);
  return n ? [Number(n[0]), 12] : undefined;
}

/** A birth date's label just after it: "03/04/1941 (DOB)", "03/04/1941 - born". */
const LABELLED_AFTER = /^\s*[(\-–—·|,:]?\s*(?:dob|d\.o\.b\.?|born)\b/i;

/**
 * Whether the date from `at` to `end` in `text` may be a birth date: labelled ("DOB 03/04/1941",
 * "03/04/1941 (DOB)"), or a sex or an age printed beside it whatever the clock says of that age
 * (bornOn weighs the age; this does not). For a date only a sure one will do for: a year's.
 */
export function mayBeBornOn(text: string, at: number, end: number): boolean {
  if (!mayHoldBirthDate(text)) return false;
  const after = text.slice(end);
  return LABELLED.test(text.slice(0, at)) || LABELLED_AFTER.test(after) || (!TIME_AFTER.test(after) && markBeside(text.slice(0, at), after) !== undefined);
}

/** What any sex, age or label bornOn and LABELLED look for holds (a loose first look: what it lets by is asked in full). */
const MAY_MARK = new RegExp(String.raw`(?:^|[^\p{L}])${SEX}(?![\p{L}])|\d\s*[MFmfYy]|\(\s*\d{2,3}\s*\)`, 'u');
const MAY_LABEL = /age|dob|d\.o\.b|born|birth/i;

/**
 * Whether `text` may hold a birth date told by a sex, an age or a label (a loose first look,
 * no date read): what else asks for a birth date (the page's day its ages are as of) only then.
 */
export function mayHoldBirthDate(text: string): boolean {
  return /\d[/.-]\d|\d{4}/.test(text) && (MAY_MARK.test(text) || MAY_LABEL.test(text));
}

/** Separators and spaces at the end, or at the start, of a banner's part. */
const TRAILING = /[\s·|•—–,;:-]+$/;
const LEADING = /^[\s·|•—–,;:-]+/;

/**
 * `text` with each birth date set apart as a banner's part is, and labelled: an unlabelled one
 * (bornOn), a sex or an age before it a part of its own too ("Lee, Ann 03/04/1941 F" → "Lee, Ann
 * · DOB 03/04/1941 · F", "Lee, Ann (F) 03/04/1941" → "Lee, Ann · F · DOB 03/04/1941"), and a
 * labelled one run on after the name ("Lee, Ann  DOB: 03/04/1941 F" → "Lee, Ann · DOB
 * 03/04/1941 · F"). The name and the birth date are then read as they are beside "· DOB"
 * (visits.ts: bannerName, labelPatient). Any other text as it is.
 */
export function labelBirthDates(text: string): string {
  // (Cheaply first: most texts asked hold no date, or nothing that could mark one a birth date:
  // a day sheet's "Visit 12 — 11/02/2026" is asked for every line of its visit.)
  if (!mayHoldBirthDate(text)) return text;
  let out = text;
  // (From the last: only what follows a date is rewritten, so the dates before keep their places.)
  for (const d of datesIn(text).reverse()) {
    const head = out.slice(0, d.at);
    const label = LABELLED.exec(head);
    let before: string[];
    const born = label ? undefined : birthMark(out, d.at, d.end);
    if (label) {
      // (Already a part of its own, "Lee, Ann · DOB 03/04/1941", "(DOB …)": as it is.)
      if (/(?:^|[·|•—–,;(]\s*)$/.test(head.slice(0, label.index))) continue;
      before = [head.slice(0, label.index)];
    } else if (born) {
      const m = BEFORE.exec(head);
      const mark = m && (m.groups!.age ?? m.groups!.bracketed ?? m.groups!.sex)!;
      before = m ? [head.slice(0, m.index + m[0].indexOf(mark!)), mark!.replace(/^\(\s*|\s*\)$/g, '')] : [head];
    } else continue;
    // (A sex and a payer after it, "F  Medicare": each a part of its own, as "F · Medicare".)
    const after = born?.payer ?? [out.slice(d.end)];
    const parts = [...before.map((p) => p.replace(TRAILING, '')), `DOB ${out.slice(d.at, d.end)}`, ...after.map((p) => p.replace(LEADING, ''))];
    out = parts.filter(Boolean).join(' · ');
  }
  return out;
}
