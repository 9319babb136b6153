// The same patient's visits on one date, across visit ids: an export that lists a morning and
// an afternoon session apart is still billed by the day (CPM Pub. 100-04 Ch. 5 §20.2, "in a
// single day"; an MUE adds the date of service's units). Each visit is handed on with the
// earlier visits of its patient and date (Visit.sameDay), and `evaluate` adds the day's
// findings to it (lib/rules/same-day.ts). Needs a patient column: without one, nothing tells
// two visits of one patient from visits of two.

import type { Entry, SameDayVisit, Visit } from '../model';
import { fnv1a } from '../fnv';
import type { ReadVisit } from './report';
import { isMedicarePayer } from '../medicare-payer';

/**
 * Patient-dates remembered: visits of one day sit near each other in an export sorted by date
 * (a clinic's day is hundreds of patients) or by patient. More cost memory: the 100,000-visit
 * check with a patient column took about 280 MB with 2,000, 311 with 5,000, 330 with 10,000. A forgotten
 * patient-day that comes back is said in the report (once), never passed over in silence.
 */
const MAX_DAYS = 5_000;
/** Earlier visits of one day carried (Visit.sameDay's limit). */
const MAX_EARLIER = 8;

interface Earlier extends SameDayVisit {
  payer: string;
  discipline: Visit['discipline'];
}

export class SameDayLedger {
  private readonly days = new Map<string, Earlier[]>();
  /** Hashes (FNV-1a: a number, not a patient's name) of the patient-days forgotten, to say when one comes back (a file sorted by therapist). */
  private readonly forgotten = new Set<number>();
  private said = false;

  constructor(private readonly notes?: string[]) {}

  /** `days`' keys in the order added, to forget the oldest (not `keys().next()`: see VisitStage.doneOrder). */
  private order: string[] = [];
  private head = 0;

  /** The visit with its patient's earlier visits of the same date, payer and discipline. */
  apply(read: ReadVisit): ReadVisit {
    const { visit } = read;
    const date = visit.dateOfService;
    if (!read.patient || !date || !visit.entries.length) return read;
    const key = `${read.patient.trim().toLowerCase()}\u0000${date}`;
    let day = this.days.get(key);
    const payer = payerClass(visit.payer ?? '');
    const discipline = visit.discipline ?? disciplineOfLines(visit);
    // Another payer is another claim; another discipline another plan of care (BPM §220.1.2).
    const earlier = day ? day.filter((e) => e.payer === payer && (!e.discipline || !discipline || e.discipline === discipline)) : [];
    if (!day) {
      if (this.forgotten.size && !this.said && this.forgotten.has(fnv1a(key))) {
        this.said = true;
        this.notes?.push(`a patient's visits of one date are more than ${MAX_DAYS.toLocaleString('en-US')} patient-days apart in this file (from line ${read.line}): such visits were checked alone, not as one day; sort the export by date or by patient to check them together`);
      }
      this.days.set(key, (day = []));
      this.remember(key);
    }
    const own: Earlier = { entries: visit.entries.map(billed), payer, discipline };
    if (visit.id !== undefined) own.id = visit.id;
    own.line = read.line;
    if (day.length < MAX_EARLIER) day.push(own);
    if (!earlier.length) return read;
    const sameDay = earlier.map(({ id, line, entries }): SameDayVisit => (id === undefined ? { line: line!, entries } : { id, line: line!, entries }));
    return { ...read, visit: { ...visit, sameDay } };
  }

  private remember(key: string): void {
    this.order.push(key);
    if (this.days.size <= MAX_DAYS) return;
    const old = this.order[this.head++]!;
    this.days.delete(old);
    if (!this.said) {
      if (this.forgotten.size >= 1_000_000) this.forgotten.clear();
      this.forgotten.add(fnv1a(old));
    }
    if (this.head >= MAX_DAYS) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Which claim a payer name bills: "Medicare", "MEDICARE PART B", "MCR" and a Medicare contractor
 * (Novitas…) are one payer, Original Medicare, as the rules class them (lib/rules/context.ts); a
 * Medicare Advantage or supplement plan is its own company's claim, so it keeps its name, as any
 * other payer does (case and spacing aside).
 */
const NOT_ORIGINAL_MEDICARE = /advantage|replacement|supplement|medigap|\b(?:hmo|ppo|pffs|snp|ma|mapd)\b/i;
export function payerClass(payer: string): string {
  const name = payer.trim().replace(/\s+/g, ' ').toLowerCase();
  return name !== '' && isMedicarePayer(name) && !NOT_ORIGINAL_MEDICARE.test(name) ? '\u0000medicare' : name;
}

const BY_MODIFIER: Record<string, Visit['discipline']> = { GP: 'PT', GO: 'OT', GN: 'SLP' };

/** The plan of care the lines' GP/GO/GN say (CPM §20.1), when they all say the same one. */
export function disciplineOfLines(visit: Visit): Visit['discipline'] {
  let found: Visit['discipline'];
  for (const e of visit.entries) {
    for (const m of e.modifiers ?? []) {
      const d = BY_MODIFIER[m];
      if (!d) continue;
      if (found && found !== d) return undefined;
      found = d;
    }
  }
  return found;
}

/**
 * What the day's rules read of a line, and nothing else: a description read from a file is a
 * slice of the chunk of text it came in, and keeping it would keep the whole chunk (V8 slices
 * strings of 13 characters or more) for as long as the day is remembered.
 */
export function billed(e: Entry): Entry {
  const out: Entry = {};
  if (e.code !== undefined) out.code = e.code;
  if (e.minutes !== undefined) out.minutes = e.minutes;
  if (e.units !== undefined) out.units = e.units;
  if (e.modifiers !== undefined) out.modifiers = e.modifiers;
  if (e.assistantMinutes !== undefined) out.assistantMinutes = e.assistantMinutes;
  if (e.startTime !== undefined) out.startTime = e.startTime;
  if (e.endTime !== undefined) out.endTime = e.endTime;
  if (e.coTreatment) out.coTreatment = true;
  return out;
}
