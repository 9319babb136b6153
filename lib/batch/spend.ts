// Each patient's therapy spend for the KX check, summed from a batch's charges
// (ReadOptions.accumulateSpend; `npm run check -- --accumulate-spend`; issue 15 item 4).
//
// The KX threshold is per beneficiary and calendar year, PT and SLP combined and OT apart
// (CPM Pub. 100-04 Ch. 5 §10.3.3; thresholds.json). A visit's known spend is its patient's
// spend in the year of its date of service up to and including the visit. The batch streams,
// so visits are summed in the order they come: a file sorted by date, or by patient and date,
// gives each visit its running total. A visit dated before one already read for the same
// patient and year would get a total counting spend from after its date: it gets none, and an
// error says so (its charge still counts for the visits after it). The figure is always "this
// clinic's known spend" as seen in this file: other providers' therapy, and this clinic's
// visits outside the file, count toward the threshold too.

import { MAX_THERAPY_SPEND, type Visit } from '../model';
import type { ColumnMap } from './mapping';
import type { LineCharge, ReadError, ReadReport, ReadVisit } from './report';

type Bucket = 'ptSlp' | 'ot';

/** One patient's calendar year, in cents. */
interface Year {
  ptSlp: number;
  ot: number;
  /** The latest date of service read so far, and the line of its visit. */
  last: string;
  lastLine: number;
  /** Why this year's total is no longer known (a charge that is not dollars, or whose discipline cannot be told). */
  unknown?: string;
}

const DISCIPLINE_MODIFIERS: Readonly<Record<string, Bucket>> = { GP: 'ptSlp', GN: 'ptSlp', GO: 'ot' };

const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A charge's threshold: its line's GP/GN/GO, else the visit's discipline, else the one discipline modifier of the visit's lines. */
function bucketOf(charge: LineCharge, visit: Visit): Bucket | undefined {
  for (const m of charge.modifiers) if (Object.hasOwn(DISCIPLINE_MODIFIERS, m)) return DISCIPLINE_MODIFIERS[m];
  if (visit.discipline) return visit.discipline === 'OT' ? 'ot' : 'ptSlp';
  const seen = new Set(visit.entries.flatMap((e) => e.modifiers ?? []).filter((m) => Object.hasOwn(DISCIPLINE_MODIFIERS, m)).map((m) => DISCIPLINE_MODIFIERS[m]));
  return seen.size === 1 ? [...seen][0] : undefined;
}

export class SpendLedger {
  private readonly years = new Map<string, Year>();

  private constructor(
    private readonly file: string,
    /** The column summed, for messages ("allowed amounts", "charges"). */
    private readonly what: string,
    private readonly columnName: string,
    private readonly onError: (e: ReadError) => void,
    /** The column VisitStage reads each row's amount from. */
    readonly column: number,
  ) {}

  /**
   * A ledger for a mapped table when `on` (ReadOptions.accumulateSpend), or undefined with a
   * note saying why (no patient column, no charge or allowed-amount column). The note names the
   * column summed and what the figure is. When off, a table that could be summed says how.
   */
  static start(file: string, map: ColumnMap, report: ReadReport, onError: (e: ReadError) => void, on: boolean): SpendLedger | undefined {
    const column = map.at.allowed ?? map.at.charge;
    if (!on) {
      if (column !== undefined && map.at.patient !== undefined) report.notes.push(`${JSON.stringify(report.columns[column]?.name ?? '')} is not summed: with --accumulate-spend (the batch option accumulateSpend) each patient's ${map.at.allowed !== undefined ? 'allowed amounts' : 'charges'} are summed per year for the KX check`);
      return undefined;
    }
    const missing = [map.at.patient === undefined ? 'patient column' : '', column === undefined ? 'charge or allowed-amount column' : ''].filter((m) => m !== '');
    if (missing.length || column === undefined) {
      const how = [map.at.patient === undefined ? '--map patient=…' : '', column === undefined ? '--map allowed=… (or charge=…)' : ''].filter((m) => m !== '');
      report.notes.push(`year-to-date spend not summed: the export has no ${missing.join(' and no ')} (name ${missing.length > 1 ? 'them' : 'it'} with ${how.join(' and ')}); KX is judged from a year-to-date spend column or the settings`);
      return undefined;
    }
    const what = map.at.allowed !== undefined ? 'allowed amounts' : 'charges';
    const name = report.columns[column]?.name ?? `column ${column + 1}`;
    report.notes.push(
      `year-to-date therapy spend summed per patient and calendar year from ${JSON.stringify(name)} (${what}), PT and SLP together and OT apart, in the order the visits come: each visit's figure is the spend seen in this file up to and including it, not the patient's whole-year spend (other providers, visits not in this file)${what === 'charges' ? '; Medicare counts allowed amounts toward the KX threshold, so billed charges may overstate it' : ''}; a year-to-date spend column, where a visit has one, is used instead`,
    );
    return new SpendLedger(file, what, name, onError, column);
  }

  /** The visit with its patient's running total for its year as ytdTherapySpend (see the file comment). */
  apply(read: ReadVisit): ReadVisit {
    const { visit } = read;
    const date = visit.dateOfService;
    if (!read.patient || !date) return read;
    const yearText = date.slice(0, 4);
    const key = `${read.patient.toLowerCase()}\u0000${yearText}`;
    let year = this.years.get(key);
    if (!year) this.years.set(key, (year = { ptSlp: 0, ot: 0, last: date, lastLine: read.line }));
    const name = `visit ${JSON.stringify(visit.id ?? `line ${read.line}`)}`;

    let own = 0;
    for (const charge of read.charges ?? []) {
      const bucket = bucketOf(charge, visit);
      if (typeof charge.dollars === 'string' || !bucket) {
        if (!year.unknown) {
          year.unknown = typeof charge.dollars === 'string' ? `its charge on line ${charge.line}, ${charge.dollars}` : `the charge on line ${charge.line} has no GP, GN or GO modifier and the visit no discipline, so its threshold (PT/SLP or OT) cannot be told`;
          this.error(read.line, `${name}: patient ${JSON.stringify(read.patient)}'s ${yearText} spend is not summed from here on: ${year.unknown}. Correct the ${this.what} column (${JSON.stringify(this.columnName)}), or give the visits a year-to-date spend column`);
        }
        continue;
      }
      const cents = Math.round(charge.dollars * 100);
      year[bucket] += cents;
      own += cents;
      // A running total no therapy year reaches: the column is not what it seems. Said once, and
      // the total left unknown, as for a charge that is not dollars (the schema's limit).
      if (year[bucket] > MAX_THERAPY_SPEND * 100 && !year.unknown) {
        year.unknown = `its ${this.what} reach ${dollars(year[bucket])} by line ${charge.line}, more than any patient's therapy year (over ${dollars(MAX_THERAPY_SPEND * 100)})`;
        this.error(read.line, `${name}: patient ${JSON.stringify(read.patient)}'s ${yearText} spend is not summed from here on: ${year.unknown}. Check that ${JSON.stringify(this.columnName)} holds dollar amounts, or give the visits a year-to-date spend column`);
      }
    }

    if (date < year.last) {
      this.error(
        read.line,
        `${name}: no year-to-date spend summed: patient ${JSON.stringify(read.patient)} has a later visit (${year.last}, line ${year.lastLine}) earlier in the file, so a running total here would count spend from after ${date}. Its ${dollars(own)} counts for the visits after it, but the ${yearText} visits of this patient already checked did not count it: sort the export by patient and date of service`,
      );
      return read;
    }
    year.last = date;
    year.lastLine = read.line;
    if (year.unknown || visit.ytdTherapySpend) return read;
    const from = `summed from this file's ${this.what} for the patient's ${yearText} visits up to and including this one: the spend seen in this file, not other providers' or visits outside it`;
    return { ...read, visit: { ...visit, ytdTherapySpend: { ptSlp: year.ptSlp / 100, ot: year.ot / 100 }, ytdTherapySpendFrom: from } };
  }

  private error(line: number, reason: string): void {
    this.onError({ file: this.file, line, reason });
  }
}
