// One patient's visits of one date on one page (a morning and an afternoon session, each under
// its own heading): CMS bills the day (CPM Pub. 100-04 Ch. 5 §20.2, "in a single day"), so each
// later visit is handed on with the earlier ones (Visit.sameDay), as the batch check does
// (lib/batch/same-day.ts), and `evaluate` adds the day's findings to it (lib/rules/same-day.ts).
// One patient is told by the page's own words only: the patient it names for both (their
// patientTag, a hash of a "Patient:" field or an MRN) and the same date of service, payer and
// plan of care. Visits the page does not say are one patient's are never added together.

import type { SameDayVisit, Visit } from '../model';
import { billed, disciplineOfLines, payerClass } from '../batch/same-day';

/** Earlier visits of one day carried (Visit.sameDay's limit). */
const MAX_EARLIER = 8;

/** A visit as the page names it, in page order: its label is what the day's finding calls it. */
export interface PageVisit {
  label: string;
  visit: Visit;
}

/** What a visit's name says besides its time of day, its words sorted ("AM session 9:00" → "", "9:00 AM — Lee, A." → "a lee"). */
function whoIn(label: string): string {
  return label
    .toLowerCase()
    .replace(/\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?(?![\w/])|\b(?:am|pm|morning|afternoon|evening|session|sessions|visit|treatment|tx)\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    // (In any order: "Lee, Ann · AM" and "Ann Lee · PM" name one person.)
    .split(' ')
    .sort()
    .join(' ');
}

/** The patient and date a visit is of, when the page says both; else undefined (checked alone). */
export function dayOf(visit: Visit): string | undefined {
  return visit.patientTag && visit.dateOfService && visit.entries.length ? `${visit.patientTag}\u0000${visit.dateOfService}` : undefined;
}

/** The visits before `n` of its patient, date, payer and plan of care, as Visit.sameDay. */
export function earlierSameDay(visits: readonly (PageVisit | undefined)[], n: number): SameDayVisit[] {
  const own = visits[n]?.visit;
  const day = own && dayOf(own);
  if (!own || !day) return [];
  const payer = payerClass(own.payer ?? '');
  const discipline = own.discipline ?? disciplineOfLines(own);
  const out: SameDayVisit[] = [];
  for (let m = 0; m < n && out.length < MAX_EARLIER; m++) {
    const other = visits[m];
    if (!other || dayOf(other.visit) !== day || payerClass(other.visit.payer ?? '') !== payer) continue;
    // Visits whose names differ in anything but their time of day ("Lee, Ann" and "Ray, Bob",
    // "9:00 AM — Lee, A." and "10:00 AM — Ray, B.") may be two patients, whatever one
    // "Patient:" above them all says: joined, a wrong error is shown, so they are not.
    if (whoIn(other.label) !== whoIn(visits[n]!.label)) continue;
    // Another plan of care is counted on its own (BPM Ch. 15 §220.1.2).
    const theirs = other.visit.discipline ?? disciplineOfLines(other.visit);
    if (theirs && discipline && theirs !== discipline) continue;
    out.push({ id: other.label.slice(0, 200), entries: other.visit.entries.map(billed) });
  }
  return out;
}
