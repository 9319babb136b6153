// What in a heading or a group row names a visit: a date, a visit word, a time of day, a
// patient label. Shared by the grouping of rows into visits (visits.ts) and by the detector,
// which must not read a visit's group row as one of its lines (group-rows.ts).
import { headingDay, normaliseDate } from './dates';

export const VISIT_WORDS = /\b(visits?|encounters?|sessions?|appointments?|appts?|date of service|dos|mrn|acct|account)\b/i;
/**
 * A heading that is an authorization's or a plan of care's count of visits, not a visit's name:
 * "Prior authorization: 12 visits, 8 used", "Authorized visits remaining: 4", "Visits used: 8 of
 * 12", "# of visits this cert", "Frequency: 2 sessions per week". Only such a heading: "Lee, Ann —
 * 3 visits remaining" names her visit, "Visit 3 of 12" its own.
 */
const VISIT_COUNT =
  /^\s*(?:(?:prior\s+)?auth(?:ori[sz]ation|ori[sz]ed)?\b|(?:visits?|sessions?|appointments?|appts?)\s+(?:used|remaining|left|authori[sz]ed|approved|allowed|attended)\b|(?:#|number)\s+of\s+(?:visits|sessions|appointments|appts)\b|frequency\b|\d+\s+(?:visits|sessions)\b)/i;
/**
 * "Patient: Alice Adams", "Client name: Adams, Alice", "Resident #12": a person named. Not a
 * section about one ("Patient education", "Patient: response to treatment", "Client: goals"):
 * a name is two capitalised words, or a number.
 */
// (Case told apart in the name, so the label's words are spelt both ways rather than with the i flag.)
export const PERSON_LABEL = /\b(?:[Pp]atient|PATIENT|[Cc]lient|CLIENT|[Rr]esident|RESIDENT|[Mm]ember|MEMBER)(?:\s+(?:[Nn]ame|NAME))?\s*(?::\s*(?:#?\s*\d|\p{Lu}[\p{L}'’.-]*,?\s+\p{Lu})|#\s*\d)/u;
/** A time of day (10:00 AM): a bare "0:38" is as likely a duration or a running total. */
export const TIME_OF_DAY = /\b\d{1,2}:\d{2}\s*[ap]\.?m\.?(?![a-z])/i;
/** Words that name a part of one visit's form, not a visit: "Timed services", "Therapeutic procedures", "Charges". */
export const PART_WORDS =
  /\b(timed|untimed|services?|charges?|billing|billable|non-billable|procedures?|codes?|cpt|hcpcs|interventions?|treatments?|therapeutic|therapy|activities|manual|neuromuscular|gait|modalit(?:y|ies)|exercises?|supplies|other|additional|group|units?|minutes?|time|flowsheet|grid|table|details?|summary|and)\b|&/gi;

export function clean(text: string | null | undefined): string {
  const t = text ?? '';
  // (Most texts asked are clean already: one test, not a replacement per space and a new string.
  // It finds what the replacement changes: a space other than " ", two running, one first or last.)
  return /[^\S ]| {2}|^ | $/.test(t) ? t.replace(/\s+/g, ' ').trim() : t;
}

/** A printed page's number in its running header ("Lee, Ann · DOS 11/06/2026 · Page 2 of 2"): the same note's next page. */
const PAGE_NUMBER = /\bpage\s+\d+(?:\s*(?:of|\/)\s*\d+)?\b/gi;

/** What makes a header name a visit, or null when it names none ("Timed services"). */
export function visitIdentity(header: string): string | null {
  const text = clean(header).replace(PAGE_NUMBER, ' ').trim();
  if (!text) return null;
  // A heading that is a day only, with no year ("Mon 11/2", "Tue, Nov 3"): that day's visit,
  // however it is written (a pain score "3/10" beside words, a fraction "1/2" alone, "10/30 min" are no day).
  const day = headingDay(text);
  if (day) return `day ${day}`;
  const named = normaliseDate(text) !== undefined || (VISIT_WORDS.test(text) && !VISIT_COUNT.test(text)) || TIME_OF_DAY.test(text) || PERSON_LABEL.test(text);
  if (!named) return null;
  // Remarks in brackets ("(prior auth on file)") and section names are not what tells visits
  // apart; a patient's name, a date, a visit number or a time of day is.
  return text
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    // A running total in the heading ("38 min", "3 units") changes as the user types: not the visit's name.
    .replace(/\b\d+(?:\.\d+)?\s*(?:minutes?|mins?|units?|hours?|hrs?)\b/g, ' ')
    .replace(PART_WORDS, ' ')
    .replace(/[\s\-–—:|·•,]+/g, ' ')
    .trim();
}
