// Stage 4 of reading an export: mapped rows → Visits.
//
// Long layout: one row per line item, grouped by visit id (or patient and date); a row
// without an id continues the visit above it. Wide layout: one row per visit, with numbered
// line items. A problem with a row skips its visit with the reason (file:line), and every
// other visit is still read. A visit is handed on once no row of it came for `window` rows,
// so memory is bounded by the rows in flight, not by the file.
//
// With a patient column, rows of one visit id but another patient are another visit (a visit
// never spans two patients; some systems number visits per patient). Without an id column, a
// blank patient cell continues the patient above, and a row holding only a patient is a
// heading for the rows below. A visit with no line items is skipped with its reason.
//
// An empty cell in a modifier column is "no modifier" (modifiers: []), not "unknown": a
// Medicare line with an empty modifier cell gets the missing GP/GO/GN finding, exactly as
// the same visit written in JSON with `"modifiers": []`.

import { Visit, type Entry } from '../model';
import { parseClockTime } from '../extract/minutes';
import { toMin } from '../rules/co-treatment';
import { dateParts, disciplineOfTaxonomy, normaliseDiscipline, normaliseMethod, parseCombined, parseDate, parseMinutesCell, parseMoney, parseUnits, parseYesNo, splitModifiers } from './cells';
import { readCodeAndUnits, type CodeCell } from './code-cell';
import { describeIssues } from './issues';
import type { ColumnMap, WideItem } from './mapping';
import { countSkip, type LineCharge, type ReadError, type ReadReport, type ReadVisit } from './report';

const RAW_MAX = 200; // Entry.rawMinutes max length
const MODIFIER_MAX = 4; // Entry.modifiers' item max length
/** Rows a visit's rows may be apart by default. */
export const DEFAULT_WINDOW = 5000;
/** Visits open at once, whatever the window (a file whose every row is a new visit id). */
const MAX_OPEN = 20_000;
/** Ids of visits already handed on, remembered to say so when a late row comes. */
const MAX_DONE = 100_000;
/** Words of a report's footer or banner, never of a patient heading. */
const NOT_A_PATIENT = /\b(?:printed|page \d|run (?:date|on|by)|report|generated|confidential|continued|prepared)\b/i;
/** Visits with a repeated line item said one by one in the report; the rest are counted. */
const MAX_REPEAT_NOTES = 20;

type VisitFact = 'payer' | 'method' | 'discipline' | 'dateOfService' | 'totalTreatmentMinutes' | 'ytdSpend' | 'ytdPtSlp' | 'ytdOt' | 'patient';

interface Group {
  key: string;
  id: string;
  /** Its patient came from a heading row above it, not from its own rows. */
  underHeading?: boolean;
  /** The id cell as written, and (with a patient column) the patient it is keyed with: as written and lower case. */
  idCell: string;
  whoRaw: string;
  who: string;
  line: number;
  payer?: string;
  method?: Visit['method'];
  discipline?: Visit['discipline'];
  dateOfService?: string;
  totalTreatmentMinutes?: number;
  /** This clinic's year-to-date spend: for the visit's discipline, or by KX threshold. */
  ytdSpend?: number;
  ytdPtSlp?: number;
  ytdOt?: number;
  /** With a spend column (ReadOptions.accumulateSpend): the patient and each row's charge. */
  patient?: string;
  charges?: LineCharge[];
  /** Who gave its lines (a clinician column): each name once, co-treating clinicians both. */
  clinicians?: string[];
  entries: Entry[];
  failed: boolean;
  rows: number;
  lastRow: number;
  emitted: boolean;
}

// Read on every row: made once, not per row.
const SPEND_COLUMNS = [['ytdSpend', 'year-to-date therapy spend'], ['ytdPtSlp', 'year-to-date PT/SLP spend'], ['ytdOt', 'year-to-date OT spend']] as const;
const CLOCK_COLUMNS = [['start', 'startTime', 'start'], ['end', 'endTime', 'end']] as const;

const modifierCache = new Map<string, readonly string[]>();
/** {@link splitModifiers} once per cell text (an export repeats a few: "GP", "GP 59"); only read, never changed. */
function modifiersIn(text: string): readonly string[] {
  let list = modifierCache.get(text);
  if (list === undefined) {
    list = splitModifiers(text);
    if (modifierCache.size >= 10_000) modifierCache.clear();
    modifierCache.set(text, list);
  }
  return list;
}

const ORDER_HINT: Record<ColumnMap['dateOrder'], string> = { mdy: 'month first, MM/DD/YYYY', dmy: 'day first, DD/MM/YYYY', ymd: 'YYYY-MM-DD' };

function dateProblem(text: string, order: ColumnMap['dateOrder']): string {
  const p = dateParts(text);
  if (p?.shape === 'ymd') return 'is not a calendar date';
  if (p) return `is not a calendar date read ${ORDER_HINT[order]} (the order this file's dates are read in)`;
  return 'is not a date (expected YYYY-MM-DD, MM/DD/YYYY or MM/DD/YY)';
}

export class VisitStage {
  private readonly open = new Map<string, Group>();
  /** Open visits in the order they started (emitted ones are skipped): the oldest is checked first. */
  private queue: Group[] = [];
  private head = 0;
  private readonly done = new Map<string, number>();
  /**
   * `done`'s keys in the order they were added, to forget the oldest. Not `done.keys().next()`:
   * V8 leaves a deleted Map entry as a hole until the table is rebuilt, and every new iterator
   * walks the holes from the start, so evicting that way costs O(holes) per visit (the
   * 1,000,000-visit check spent most of its time there once past MAX_DONE visits).
   */
  private doneOrder: string[] = [];
  private doneHead = 0;
  private previous: Group | undefined;
  private rowCount = 0;
  /** The reason `read` just gave is a visit id spanning dates that grouping by patient would read (ReadError.regroup). */
  private regroup = false;
  /** With ids and a patient column: the latest open visit of each id, and the patient of each id handed on. */
  private readonly openById = new Map<string, Group>();
  private readonly donePatient = new Map<string, string>();
  /** No id column: the patient of the rows above (a blank patient cell continues it). */
  private lastPatient = '';
  private appointmentSaid = false;
  private repeats = 0;
  /** Code cells whose note (code-cell.ts) was said. */
  private readonly codeNotes = new Set<string>();
  /** Code columns whose units written after the code ("97110 x2") were read: said once each. */
  private readonly codeUnitColumns = new Set<number>();
  /** Lines whose code cell and units cell give different units (the units cell is read). */
  private unitConflicts = 0;
  private idSplits = 0;

  constructor(
    private readonly file: string,
    private readonly map: ColumnMap,
    private readonly report: ReadReport,
    private readonly onVisit: (v: ReadVisit) => void,
    private readonly onError: (e: ReadError) => void,
    private readonly window = DEFAULT_WINDOW,
    /** The charge or allowed-amount column to read (ReadOptions.accumulateSpend; lib/batch/spend.ts). */
    private readonly spendColumn?: number,
  ) {}

  private cell(cells: string[], index: number | undefined): string {
    if (index === undefined) return '';
    const v = cells[index];
    return v === undefined ? '' : v.trim();
  }

  /**
   * The row's patient: its patient cell, or its last and first name cells together ("Lee, Ann").
   * With two name columns, a row that leaves either blank names no patient (a continuation row
   * printing the last name only is the visit above's, not a patient called "Lee").
   */
  private patientOf(cells: string[]): string {
    const last = this.cell(cells, this.map.at.patient);
    if (this.map.patientFirst === undefined) return last;
    const first = this.cell(cells, this.map.patientFirst);
    return last && first ? `${last}, ${first}` : '';
  }

  row(cells: string[], line: number): void {
    this.rowCount++;
    const { map } = this;
    // Cheap test first (a row with a code is no heading): this runs on every row.
    const code = cells[map.at.code ?? map.at.combined ?? -1];
    if (map.at.patient !== undefined && (code === undefined || code.trim() === '') && this.isHeading(cells)) {
      const patient = this.cell(cells, map.at.patient);
      // A page's footer or banner in that column ("Printed 03/17/2026 by jsmith", "Page 2 of 9")
      // names no patient: a title line, and the rows around it keep theirs.
      if (NOT_A_PATIENT.test(patient)) {
        countSkip(this.report, 'title', line, patient);
        return;
      }
      countSkip(this.report, 'patient-heading', line, patient);
      this.lastPatient = patient;
      // The rows below belong to this patient: none of them continues the visit above.
      this.previous = undefined;
      return;
    }
    const group = this.groupOf(cells, line);
    if (!group) {
      this.report.rows.refused++;
      return;
    }
    group.rows++;
    group.lastRow = this.rowCount;
    if (!group.failed) {
      const why = this.read(group, cells, line);
      if (why !== null) {
        group.failed = true;
        this.onError({ file: this.file, line, reason: `visit ${JSON.stringify(group.id)} skipped: ${why}`, ...(this.regroup && { regroup: true }) });
        this.regroup = false;
      }
    }
    if (map.rowIsVisit && map.at.id === undefined) this.emit(group);
    this.flushStale();
  }

  end(): void {
    for (let i = this.head; i < this.queue.length; i++) if (!this.queue[i]!.emitted) this.emit(this.queue[i]!);
    this.queue = [];
    this.head = 0;
    if (this.repeats > MAX_REPEAT_NOTES) this.report.notes.push(`${this.repeats - MAX_REPEAT_NOTES} more visits have a line item repeated: both are counted in each`);
    if (this.codeNotes.size > MAX_REPEAT_NOTES) this.report.notes.push(`${this.codeNotes.size - MAX_REPEAT_NOTES} more code cells have two letters after the code that were read as its description, not as a modifier`);
    if (this.unitConflicts > MAX_REPEAT_NOTES) this.report.notes.push(`${this.unitConflicts - MAX_REPEAT_NOTES} more lines have units after the code that differ from their units cell: the units cell was read`);
  }

  /** A row whose only filled cell is the patient's ("Acct 10234 - Ann Lee"): a heading for the rows below. */
  private isHeading(cells: string[]): boolean {
    const at = this.map.at.patient!;
    if (this.cell(cells, at) === '') return false;
    for (let i = 0; i < cells.length; i++) if (i !== at && cells[i]!.trim() !== '') return false;
    return true;
  }

  /** The visit a row belongs to; undefined (and an error) when it belongs to none. */
  private groupOf(cells: string[], line: number): Group | undefined {
    const { map } = this;
    let key: string;
    let id: string;
    const idCell = this.cell(cells, map.at.id);
    if (map.at.id !== undefined) {
      if (idCell === '') {
        // Exports that print the visit id once per visit: a row without one continues the visit above,
        // unless it names another patient (a charge posted without an encounter is not that visit).
        if (this.previous && this.open.get(this.previous.key) === this.previous) {
          const own = map.at.patient !== undefined ? this.patientOf(cells) : '';
          const above = this.previous.whoRaw;
          if (own && above && own.toLowerCase() !== above.toLowerCase()) {
            this.onError({ file: this.file, line, reason: `row has no visit id and names patient ${JSON.stringify(own)}, not ${JSON.stringify(above)} of the visit above (${JSON.stringify(this.previous.id)}); row skipped: give it its visit id, or check the file with --map id=none to group rows by patient and date` });
            return undefined;
          }
          return this.previous;
        }
        this.onError({ file: this.file, line, reason: 'row has no visit id and no visit above it to belong to; row skipped' });
        return undefined;
      }
      // A blank patient cell under a patient heading is that patient's (lastPatient is set only by headings here).
      if (map.at.patient !== undefined) {
        const own = this.patientOf(cells);
        if (own) return this.groupOfPatient(idCell, own, line);
        // A blank patient cell. The open visit of this id printed its patient on its own rows: the
        // row is that visit's, and a line in the patient column between its rows (a page footer,
        // "Printed 03/17/2026 by …") names no patient of theirs. Under patient headings: the
        // heading's patient (visit numbers may be per patient).
        const open = this.openById.get(idCell);
        if (open && !open.emitted && !open.underHeading) return this.groupOfPatient(idCell, '', line);
        const g = this.groupOfPatient(idCell, this.lastPatient, line);
        if (g && this.lastPatient && g.rows === 0) g.underHeading = true;
        return g;
      }
      key = id = idCell;
    } else if (map.rowIsVisit) {
      key = `\u0000${line}`;
      id = `line ${line}`;
    } else {
      let patient = this.patientOf(cells);
      const date = this.cell(cells, map.at.date);
      if (patient === '' && date === '') {
        if (this.previous && this.open.get(this.previous.key) === this.previous) return this.previous;
        this.onError({ file: this.file, line, reason: 'row has no patient and no date, and no visit above it to belong to; row skipped' });
        return undefined;
      }
      // Exports that print the patient once (or on a heading row): a blank cell is the patient above.
      if (patient === '') patient = this.lastPatient;
      else this.lastPatient = patient;
      key = `${patient}\u0000${date}`;
      const iso = parseDate(date, map.dateOrder);
      id = [patient, iso ?? date].filter(Boolean).join(' ');
    }
    return this.groupByKey(key, id, line, '', map.rowIsVisit ? '' : this.lastPatient);
  }

  /** With a visit id and a patient column: the visit of this id and patient. */
  private groupOfPatient(idCell: string, whoRaw: string, line: number): Group | undefined {
    // Rows of one visit come together: the visit above, without building a key.
    const p = this.previous;
    if (p && !p.emitted && p.idCell === idCell && (whoRaw === '' || whoRaw === p.whoRaw)) return p;
    const who = whoRaw.toLowerCase();
    if (who === '') {
      // A blank patient cell: the visit of this id above (the patient printed once per visit).
      const open = this.openById.get(idCell);
      if (open) return (this.previous = open);
    } else if (p && !p.emitted && p.idCell === idCell && (p.who === who || p.who === '')) {
      if (p.who === '') {
        // The visit's first rows left the patient blank: it is this patient's.
        this.open.delete(p.key);
        p.key = `${idCell}\u0000${who}`;
        this.open.set(p.key, p);
        p.who = who;
      }
      p.whoRaw = whoRaw;
      return p;
    }
    const group = this.groupByKey(`${idCell}\u0000${who}`, idCell, line, idCell, whoRaw);
    if (!group || group.rows > 0) return group;
    // A new visit: when its id is another patient's too, both are named with their patient.
    const other = this.openById.get(idCell);
    const otherWho = other ? other.who : this.donePatient.get(idCell);
    if (otherWho !== undefined && otherWho !== who) {
      if (who !== '') group.id = `${idCell} \u00b7 ${whoRaw}`;
      if (other && !other.emitted && other.id === idCell && other.whoRaw !== '') other.id = `${idCell} \u00b7 ${other.whoRaw}`;
      this.sayIdSplit(idCell, other?.whoRaw ?? otherWho, whoRaw, line);
    }
    this.openById.set(idCell, group);
    return group;
  }

  /**
   * One visit id with rows for two patients is checked as two visits: said in the report (the
   * first few one by one), since a column taken for the patient that is not one (an account or
   * ledger code) would split a visit in two.
   */
  private sayIdSplit(idCell: string, first: string, second: string, line: number): void {
    if (++this.idSplits > MAX_REPEAT_NOTES) return;
    const name = (i: number | undefined) => (i === undefined ? '' : (this.report.columns[i]?.name?.trim() ?? ''));
    const column = JSON.stringify([name(this.map.at.patient), name(this.map.patientFirst)].filter(Boolean).join(' + ') || 'patient');
    this.report.notes.push(
      `visit id ${JSON.stringify(idCell)} has rows for two patients in ${column} (${JSON.stringify(first)}, ${JSON.stringify(second)} from line ${line}): checked as two visits${this.idSplits === MAX_REPEAT_NOTES ? ' (further ids like this are not listed)' : ''}. Right when visits are numbered per patient; if ${column} is not the patient (an account or ledger code), read that column as nothing (--map patient=none; on the Batch page, "ignored")`,
    );
  }

  /** The open visit of `key`, or a new one; undefined (and an error) when it was already handed on. */
  private groupByKey(key: string, id: string, line: number, idCell: string, whoRaw: string): Group | undefined {
    let group = this.open.get(key);
    if (!group) {
      const before = this.done.get(key);
      if (before !== undefined) {
        this.onError({
          file: this.file,
          line,
          reason: `visit ${JSON.stringify(id)} was already checked (it starts on line ${before}) and this row is more than ${this.window} rows after its last one; row not checked: sort the export by visit, or check it with a larger window`,
        });
        return undefined;
      }
      group = { key, id, idCell, whoRaw, who: whoRaw.toLowerCase(), line, entries: [], failed: false, rows: 0, lastRow: 0, emitted: false };
      this.open.set(key, group);
      this.queue.push(group);
    }
    this.previous = group;
    return group;
  }

  private flushStale(): void {
    while (this.head < this.queue.length) {
      const first = this.queue[this.head]!;
      if (!first.emitted) {
        if (this.rowCount - first.lastRow < this.window && this.open.size <= MAX_OPEN) break;
        this.emit(first);
      }
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** A visit-level fact: the first row that fills it sets it; a later row that disagrees skips the visit. */
  private merge(g: Group, key: VisitFact, value: string | number, label: string): string | null {
    const current = g[key];
    if (current === undefined) {
      (g as unknown as Record<VisitFact, string | number>)[key] = value;
      return null;
    }
    const same = typeof current === 'string' && typeof value === 'string' ? current.toLowerCase() === value.toLowerCase() : current === value;
    if (same) return null;
    return `${label} ${JSON.stringify(String(value))} differs from ${JSON.stringify(String(current))} on an earlier row of the same visit`;
  }

  /** An id column whose id spans several dates (a claim number): say so, and how else to read it. */
  private spansDates(why: string): string {
    const column = JSON.stringify(this.report.columns[this.map.at.id!]?.name ?? 'the visit id column');
    const said = `${why}: ${column} holds one id for several dates of service (a claim number?), and a visit has one date`;
    if (this.map.at.patient === undefined) return said;
    this.regroup = true;
    return `${said}; read the file without a visit id column to group its rows by patient and date instead`;
  }

  /**
   * A row dated from one day to another ("From DOS" 03/16, "To DOS" 03/20) holds several days'
   * units on one line, and which fall on which day is not written: checked as its first day it
   * would break that day's MUE and pairs, so the visit is refused. The same date twice is that day.
   */
  private dateSpan(cells: string[], fromText: string, from: string): string | null {
    const at = this.map.at.dateTo;
    const toText = this.cell(cells, at);
    if (!toText) return null;
    const to = parseDate(toText, this.map.dateOrder);
    if (!to) return `last date of service ${JSON.stringify(toText)} ${dateProblem(toText, this.map.dateOrder)}`;
    if (to === from) return null;
    const name = (i: number | undefined) => JSON.stringify(this.report.columns[i ?? -1]?.name?.trim() || 'the date');
    return `the line is dated ${fromText} to ${toText} (${name(this.map.at.date)} to ${name(at)}), a range of days on one line: its units cannot be checked as one day's (MUE, pairs, 8-minute rule), and which units fall on which day is not written; export one row per date of service, or check this visit by hand`;
  }

  /** Reads one row into its visit; returns why the visit must be skipped, or null. */
  private read(g: Group, cells: string[], line: number): string | null {
    const { map } = this;
    const at = map.at;
    if (cells.length > map.width) {
      for (let i = map.width; i < cells.length; i++) {
        if (cells[i]!.trim() !== '') return `row has ${cells.length} cells but the header has ${map.width} (an unquoted delimiter in a cell?)`;
      }
    }
    let why: string | null;

    const payer = this.cell(cells, at.payer);
    if (payer && (why = this.merge(g, 'payer', payer, 'payer'))) return why;

    // Rows of one visit may name different clinicians (co-treatment): each is kept, never a conflict.
    const clinician = this.cell(cells, at.clinician)?.slice(0, 100);
    if (clinician && !(g.clinicians ??= []).some((c) => c.toLowerCase() === clinician.toLowerCase()) && g.clinicians.length < 10) g.clinicians.push(clinician);

    const dateText = this.cell(cells, at.date);
    if (dateText) {
      const date = parseDate(dateText, map.dateOrder);
      if (!date) return `date ${JSON.stringify(dateText)} ${dateProblem(dateText, map.dateOrder)}`;
      if ((why = this.merge(g, 'dateOfService', date, 'date'))) return at.id === undefined ? why : this.spansDates(why);
      if ((why = this.dateSpan(cells, dateText, date))) return why;
    }

    const disciplineText = this.cell(cells, at.discipline);
    if (disciplineText) {
      const discipline = normaliseDiscipline(disciplineText) ?? disciplineOfTaxonomy(disciplineText);
      if (!discipline) return `discipline ${JSON.stringify(disciplineText)} is not PT, OT or SLP`;
      if ((why = this.merge(g, 'discipline', discipline, 'discipline'))) return why;
    }

    const methodText = this.cell(cells, at.method);
    if (methodText) {
      const method = normaliseMethod(methodText);
      if (!method) return `method ${JSON.stringify(methodText)} is not "cms" or "per-code"`;
      if ((why = this.merge(g, 'method', method, 'method'))) return why;
    }

    const totalText = this.cell(cells, at.totalTreatmentMinutes);
    if (totalText) {
      const total = parseMinutesCell(totalText, map.decimalComma);
      if (!total.ok) return `total treatment minutes: ${total.reason}`;
      if ((why = this.merge(g, 'totalTreatmentMinutes', total.minutes, 'total treatment minutes'))) return why;
    }

    for (const [role, label] of SPEND_COLUMNS) {
      const text = this.cell(cells, at[role]);
      if (!text) continue;
      const dollars = parseMoney(text, map.decimalComma);
      if (typeof dollars === 'string') return `${label}: ${dollars}`;
      if ((why = this.merge(g, role, dollars, label))) return why;
    }

    const before = g.entries.length;
    if (map.layout === 'wide') {
      for (const item of map.items) {
        const r = this.item(cells, item, line, g);
        if (r !== null) return r;
      }
    } else if ((why = this.lineItem(cells, line, g))) return why;
    return this.spendColumn === undefined ? null : this.charge(g, cells, line, before);
  }

  /** The row's charge and the visit's patient, for lib/batch/spend.ts (not checked here: a charge that is not dollars is said there). */
  private charge(g: Group, cells: string[], line: number, firstEntry: number): string | null {
    // A blank cell: the patient the visit was grouped by (printed once, or on a heading row).
    const patient = this.patientOf(cells) || g.whoRaw;
    let why: string | null;
    if (patient && (why = this.merge(g, 'patient', patient, 'patient'))) return why;
    const text = this.cell(cells, this.spendColumn);
    if (!text) return null;
    const modifiers = g.entries.slice(firstEntry).flatMap((e) => e.modifiers ?? []);
    (g.charges ??= []).push({ line, dollars: parseMoney(text, this.map.decimalComma), modifiers });
    return null;
  }

  private minutesInto(entry: Entry, text: string): void {
    const m = parseMinutesCell(text, this.map.decimalComma);
    if (m.ok) entry.minutes = m.minutes;
    else {
      entry.minutes = null;
      entry.rawMinutes = text.slice(0, RAW_MAX);
    }
  }

  /** The modifier columns' modifiers; or why a cell is not modifiers (in words, not the schema's limit). */
  private modifiersOf(cells: string[], columns: number[]): string[] | string {
    const out: string[] = [];
    for (const index of columns) {
      const text = cells[index];
      if (!text) continue;
      for (const m of modifiersIn(text)) {
        if (m.length > MODIFIER_MAX) return `modifiers ${JSON.stringify(text.trim().slice(0, 40))}: ${JSON.stringify(m.slice(0, 20))} is not a modifier (a modifier is 2 characters, like GP or 59); separate modifiers with a comma or a space (GP, KX)`;
        out.push(m);
      }
    }
    return out;
  }

  /**
   * A code cell into the entry (code-cell.ts): the code, and the description written with it;
   * the modifiers written with it are returned. Its note, if any, is said once per cell text.
   */
  private codeInto(entry: Entry, text: string, line: number): (CodeCell & { units?: number }) | string {
    const read = readCodeAndUnits(text);
    if (typeof read === 'string') return read;
    entry.code = read.code;
    if (read.label !== undefined) entry.label = read.label; // a description column's label, below, wins
    if (read.note && !this.codeNotes.has(text)) {
      this.codeNotes.add(text);
      if (this.codeNotes.size <= MAX_REPEAT_NOTES) this.report.notes.push(`code ${JSON.stringify(text)} (line ${line}, and every cell written the same): ${read.note}`);
    }
    return read;
  }

  /**
   * Units written after the code ("97110 x2", "97110-GP ×2"; code-cell.ts readCodeAndUnits), read
   * as the side panel reads them: the line's units when the export has no units column or the
   * line's units cell is blank, and the mapping report says the code column gave them. A units
   * cell filled in is the one made for units: it wins, and a different count is said.
   */
  private unitsFromCode(entry: Entry, units: number, text: string, g: Group, line: number, codeColumn: number, unitsColumn: number | undefined): void {
    const name = (i: number) => JSON.stringify(this.report.columns[i]?.name?.trim() || `column ${i + 1}`);
    if (entry.units === undefined) {
      entry.units = units;
      if (this.codeUnitColumns.has(codeColumn)) return;
      this.codeUnitColumns.add(codeColumn);
      const where = unitsColumn === undefined ? '' : `, where ${name(unitsColumn)} is blank`;
      const column = this.report.columns[codeColumn];
      const said = `units written after the code (${JSON.stringify(text)}, line ${line}) read as the line's units${where}`;
      if (column) column.note = column.note ? `${column.note}; ${said}` : said;
      this.report.notes.push(`${name(codeColumn)} has units written after the code (${JSON.stringify(text)}, line ${line}, and cells written the same way): read as the line's units${where}, as the side panel reads them`);
      return;
    }
    if (entry.units === units || ++this.unitConflicts > MAX_REPEAT_NOTES) return;
    this.report.notes.push(`visit ${JSON.stringify(g.id)} (line ${line}): code ${JSON.stringify(text)} says ${units} unit${units === 1 ? '' : 's'} but ${unitsColumn === undefined ? 'the units column' : name(unitsColumn)} says ${entry.units}; ${unitsColumn === undefined ? 'the units column' : name(unitsColumn)} was read, check which was billed`);
  }

  /** Combined cells: "97110-GP x2 (33 min); 97140-GP x1 (7 min)". */
  private combined(text: string, line: number, g: Group, label?: string): string | null {
    const parsed = parseCombined(text);
    if (!parsed) return `cannot read ${JSON.stringify(text.slice(0, 60))} as code-modifiers ×units (minutes), like "97110-GP x2 (33 min)"`;
    parsed.forEach((p, i) => {
      const entry: Entry = { code: p.code, modifiers: p.modifiers };
      if (label) entry.label = label;
      if (p.units !== undefined) entry.units = p.units;
      if (p.minutes !== undefined) entry.minutes = p.minutes;
      entry.fieldKey = parsed.length > 1 ? `line:${line}:${i + 1}` : `line:${line}`;
      g.entries.push(entry);
    });
    return null;
  }

  /** Long layout: the row's line item (a row with only visit facts adds none). */
  private lineItem(cells: string[], line: number, g: Group): string | null {
    const { map } = this;
    const at = map.at;
    const label = this.cell(cells, at.description);
    const combinedText = this.cell(cells, at.combined);
    if (combinedText) return this.combined(combinedText, line, g, label || undefined);

    const entry: Entry = {};
    let filled = false;
    const code = this.cell(cells, at.code);
    let codeModifiers: string[] | undefined;
    let codeUnits: number | undefined;
    if (code) {
      // "97110-GP": the code and its modifiers; "97110 - THERAPEUTIC EXERCISES": the code and its words; "97110 x2": and its units.
      const read = this.codeInto(entry, code, line);
      if (typeof read === 'string') return read;
      codeModifiers = read.modifiers;
      codeUnits = read.units;
      filled = true;
    }
    if (label) {
      entry.label = label;
      filled = true;
    }
    const minutesText = this.cell(cells, at.minutes);
    if (minutesText) {
      this.minutesInto(entry, minutesText);
      filled = true;
    }
    const unitsText = this.cell(cells, at.units);
    if (unitsText) {
      const units = parseUnits(unitsText, map.decimalComma);
      if (typeof units === 'string') return units;
      entry.units = units;
      filled = true;
    }
    if (codeUnits !== undefined) this.unitsFromCode(entry, codeUnits, code, g, line, at.code!, at.units);
    const assistantText = this.cell(cells, at.assistantMinutes);
    if (assistantText) {
      const m = parseMinutesCell(assistantText, map.decimalComma);
      if (!m.ok) return `assistant minutes: ${m.reason}`;
      entry.assistantMinutes = m.minutes;
      filled = true;
    }
    for (const [role, key, name] of CLOCK_COLUMNS) {
      const text = this.cell(cells, at[role]);
      if (!text) continue;
      const time = parseClockTime(text);
      if (!time) return `${name} time ${JSON.stringify(text)} is not a clock time`;
      entry[key] = time;
      filled = true;
    }
    if (map.minutesFromTimes && entry.startTime && entry.endTime) {
      const minutes = toMin(entry.endTime) - toMin(entry.startTime);
      if (minutes < 0) return `the line ends (${this.cell(cells, at.end)}) before it starts (${this.cell(cells, at.start)})`;
      entry.minutes = minutes;
    }
    const coText = this.cell(cells, at.coTreatment);
    if (coText) {
      const co = parseYesNo(coText);
      if (co === undefined) return `co-treatment ${JSON.stringify(coText.slice(0, 20))} is not yes or no`;
      if (co) entry.coTreatment = true;
    }
    const modifiers = this.modifiersOf(cells, map.modifiers);
    if (typeof modifiers === 'string') return modifiers;
    if (modifiers.length) filled = true;
    if (!filled) return null;
    // The export has a modifier column: an empty cell there says "no modifier".
    if (map.modifiers.length || codeModifiers) entry.modifiers = withCodeModifiers(codeModifiers, modifiers);
    entry.fieldKey = `line:${line}`;
    g.entries.push(entry);
    return null;
  }

  /** Wide layout: numbered line item `item` of the row, when any of its cells is filled. */
  private item(cells: string[], item: WideItem, line: number, g: Group): string | null {
    const label = this.cell(cells, item.description);
    const combinedText = this.cell(cells, item.combined);
    if (combinedText) return this.combined(combinedText, line, g, label || undefined);
    const code = this.cell(cells, item.code);
    const minutesText = this.cell(cells, item.minutes);
    const unitsText = this.cell(cells, item.units);
    const modifiers = this.modifiersOf(cells, item.modifiers);
    if (typeof modifiers === 'string') return `line ${item.n}: ${modifiers}`;
    if (!code && !label && !minutesText && !unitsText && modifiers.length === 0) return null;
    const entry: Entry = {};
    const read = code ? this.codeInto(entry, code, line) : undefined;
    if (typeof read === 'string') return `line ${item.n}: ${read}`;
    const codeModifiers = read?.modifiers;
    if (label) entry.label = label;
    if (minutesText) this.minutesInto(entry, minutesText);
    if (unitsText) {
      const units = parseUnits(unitsText, this.map.decimalComma);
      if (typeof units === 'string') return `line ${item.n}: ${units}`;
      entry.units = units;
    }
    if (read?.units !== undefined) this.unitsFromCode(entry, read.units, code, g, line, item.code!, item.units);
    if (item.modifiers.length || codeModifiers) entry.modifiers = withCodeModifiers(codeModifiers, modifiers);
    entry.fieldKey = `line:${line}:${item.n}`;
    g.entries.push(entry);
    return null;
  }

  private emit(g: Group): void {
    g.emitted = true;
    this.open.delete(g.key);
    if (this.previous === g) this.previous = undefined;
    if (!this.done.has(g.key)) this.doneOrder.push(g.key);
    this.done.set(g.key, g.line);
    if (g.idCell !== '') {
      if (this.openById.get(g.idCell) === g) this.openById.delete(g.idCell);
      this.donePatient.set(g.idCell, g.who);
    }
    if (this.done.size > MAX_DONE) {
      const key = this.doneOrder[this.doneHead++]!;
      this.done.delete(key);
      const cut = key.indexOf('\u0000');
      if (cut > 0 && this.donePatient.get(key.slice(0, cut)) === key.slice(cut + 1)) this.donePatient.delete(key.slice(0, cut));
      if (this.doneHead >= MAX_DONE) {
        this.doneOrder = this.doneOrder.slice(this.doneHead);
        this.doneHead = 0;
      }
    }
    if (g.failed) {
      this.report.rows.refused += g.rows;
      return;
    }
    if (g.entries.length === 0) {
      countSkip(this.report, 'no-line-items', g.line, g.id, g.rows);
      return;
    }
    if (g.entries.length > 1) {
      this.appointmentTimes(g);
      this.sayRepeats(g);
    }
    const candidate: Visit = { id: g.id, entries: g.entries };
    if (g.payer !== undefined) candidate.payer = g.payer;
    if (g.clinicians?.length) candidate.clinicians = g.clinicians;
    if (g.method !== undefined) candidate.method = g.method;
    if (g.discipline !== undefined) candidate.discipline = g.discipline;
    if (g.dateOfService !== undefined) candidate.dateOfService = g.dateOfService;
    if (g.totalTreatmentMinutes !== undefined) candidate.totalTreatmentMinutes = g.totalTreatmentMinutes;
    // A spend column for "the visit's discipline" goes to that discipline's KX threshold.
    const ptSlp = g.ytdPtSlp ?? (g.discipline !== 'OT' ? g.ytdSpend : undefined);
    const ot = g.ytdOt ?? (g.discipline === 'OT' ? g.ytdSpend : undefined);
    if (ptSlp !== undefined || ot !== undefined) candidate.ytdTherapySpend = { ...(ptSlp !== undefined && { ptSlp }), ...(ot !== undefined && { ot }) };
    // Every cell was already read into its schema type; only the limits below can still fail,
    // and only then does zod run (for its message): validating every visit with zod would
    // double the cost of reading a large export.
    if (withinLimits(candidate)) {
      this.accept(candidate, g);
      return;
    }
    const parsed = Visit.safeParse(candidate);
    if (parsed.success) {
      this.accept(parsed.data, g);
      return;
    }
    // Point at the row of the line item the first issue is about, when it is about one.
    const [first] = parsed.error.issues;
    const entryIndex = first?.path[0] === 'entries' ? first.path[1] : undefined;
    const key = typeof entryIndex === 'number' ? g.entries[entryIndex]?.fieldKey : undefined;
    this.report.rows.refused += g.rows;
    this.onError({
      file: this.file,
      line: key ? Number(key.split(':')[1]) : g.line,
      reason: `visit ${JSON.stringify(g.id)} skipped: ${describeIssues(parsed.error.issues, candidate)}`,
    });
  }

  /**
   * The same start and end time on every line, with the lines' minutes fitting inside: the
   * visit's appointment (Time In/Out printed on each row), not when each line was given.
   * Dropped from the lines, so the co-treatment and overlap rules do not read them as lines
   * given at the same time; each line's own minutes are counted. With no minutes column (the
   * minutes were taken from the times) a line's own minutes are not known: left out, never the
   * whole appointment's on every line (minutes.missing says so per line). Said once in the report.
   */
  private appointmentTimes(g: Group): void {
    const { at, minutesFromTimes } = this.map;
    if (at.start === undefined || at.end === undefined || (at.minutes === undefined && !minutesFromTimes)) return;
    // (Without a minutes column, one line's times are its own: they give its minutes.)
    if (minutesFromTimes && g.entries.length < 2) return;
    const { startTime, endTime } = g.entries[0]!;
    if (!startTime || !endTime || g.entries.some((e) => e.startTime !== startTime || e.endTime !== endTime)) return;
    if (!minutesFromTimes) {
      const sum = g.entries.reduce((n, e) => n + (typeof e.minutes === 'number' ? e.minutes : 0), 0);
      // More minutes than the clock allows: the times are the lines' own (co-treatment, overlap).
      if (sum === 0 || sum > toMin(endTime) - toMin(startTime)) return;
    }
    for (const e of g.entries) {
      // Minutes taken from the times would be the whole appointment's on every line: not known.
      if (minutesFromTimes) delete e.minutes;
      delete e.startTime;
      delete e.endTime;
    }
    if (this.appointmentSaid) return;
    this.appointmentSaid = true;
    const name = (i: number) => JSON.stringify(this.report.columns[i]?.name?.trim() || `column ${i + 1}`);
    const what = minutesFromTimes
      ? "the appointment's times, not each line's, so its lines' minutes are not known (units are taken as billed), for it and every visit like it; export each line's minutes to check the 8-minute rule"
      : "read as the visit's appointment times, not each line's, for it and every visit like it; each line's own minutes are counted, and no co-treatment or overlap is taken from those times";
    this.report.notes.push(`${name(at.start)} and ${name(at.end)} are the same on every line of visit ${JSON.stringify(g.id)} (line ${g.line}): ${what}`);
  }

  /** Identical line items in one visit (an export that repeated a row): both count, and the report names them. */
  private sayRepeats(g: Group): void {
    const { entries } = g;
    // Two clinicians' identical lines are co-treatment, which the rules judge: not a repeat.
    if ((g.clinicians?.length ?? 0) > 1) return;
    let seen: Set<number> | undefined;
    for (let i = 0; i < entries.length; i++) {
      if (seen?.has(i) || !entries[i]!.code || entries[i]!.coTreatment) continue;
      let same: number[] | undefined;
      for (let j = i + 1; j < entries.length; j++) if (sameEntry(entries[i]!, entries[j]!)) (same ??= [i]).push(j);
      if (!same) continue;
      for (const j of same) (seen ??= new Set()).add(j);
      if (++this.repeats > MAX_REPEAT_NOTES) continue;
      const e = entries[i]!;
      const lines = same.map((j) => entries[j]!.fieldKey?.split(':')[1] ?? '?');
      const what = [e.code, typeof e.minutes === 'number' ? `${e.minutes} min` : undefined, e.units !== undefined ? `${e.units} unit${e.units === 1 ? '' : 's'}` : undefined, e.modifiers?.length ? e.modifiers.join(' ') : undefined].filter(Boolean).join(', ');
      const n = same.length;
      const sums = [typeof e.minutes === 'number' ? `${e.minutes * n} minutes` : undefined, e.units !== undefined ? `${e.units * n} units` : undefined].filter(Boolean).join(' and ');
      this.report.notes.push(
        `visit ${JSON.stringify(g.id)}: lines ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)} are the same line item (${what}): ${n === 2 ? 'both' : `all ${n}`} are counted${sums ? `, ${sums} of ${e.code}` : ''}; if the export repeated the row, remove one and check again`,
      );
    }
  }

  private accept(visit: Visit, g: Group): void {
    this.report.rows.checked += g.rows;
    this.report.visits++;
    if (this.spendColumn !== undefined) this.onVisit({ visit, line: g.line, patient: g.patient, charges: g.charges ?? [] });
    // The patient the visit was grouped by (lib/batch/same-day.ts counts a patient's day).
    else this.onVisit(g.whoRaw ? { visit, line: g.line, patient: g.whoRaw } : { visit, line: g.line });
  }
}

/** The code cell's modifiers, then the modifier columns' (each once). */
function withCodeModifiers(fromCode: string[] | undefined, columns: string[]): string[] {
  if (!fromCode) return columns;
  const out = [...fromCode];
  for (const m of columns) if (!out.includes(m)) out.push(m);
  return out;
}

function sameEntry(a: Entry, b: Entry): boolean {
  if (a.code !== b.code || a.minutes !== b.minutes || a.units !== b.units || a.label !== b.label || a.rawMinutes !== b.rawMinutes) return false;
  if (a.assistantMinutes !== b.assistantMinutes || a.startTime !== b.startTime || a.endTime !== b.endTime || a.coTreatment !== b.coTreatment) return false;
  const am = a.modifiers ?? [];
  const bm = b.modifiers ?? [];
  return am.length === bm.length && am.every((m, i) => m === bm[i]);
}

const calendarDates = new Map<string, boolean>();

function isCalendarDate(date: string): boolean {
  let ok = calendarDates.get(date);
  if (ok === undefined) {
    const d = new Date(`${date}T00:00:00Z`);
    ok = !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
    if (calendarDates.size < 10_000) calendarDates.set(date, ok);
  }
  return ok;
}

/**
 * The limits of the Visit schema that a visit built from cells can still break (every other
 * field was produced by a reader that only yields valid values). A test checks that this
 * agrees with `Visit.safeParse` on generated visits.
 */
export function withinLimits(v: Visit): boolean {
  if (v.id !== undefined && v.id.length > 200) return false;
  if (v.payer !== undefined && v.payer.length > 200) return false;
  if (v.dateOfService !== undefined && !isCalendarDate(v.dateOfService)) return false;
  if (v.totalTreatmentMinutes !== undefined && v.totalTreatmentMinutes > 24 * 60) return false;
  if (v.entries.length > 200) return false;
  if (Object.values(v.ytdTherapySpend ?? {}).some((d) => d > 10_000_000)) return false;
  for (const e of v.entries) {
    if (e.code !== undefined && e.code.length > 16) return false;
    if (e.label !== undefined && e.label.length > 2000) return false;
    if (e.units !== undefined && e.units > 999) return false;
    if (typeof e.minutes === 'number' && e.minutes > 24 * 60) return false;
    if (e.assistantMinutes !== undefined && e.assistantMinutes > 24 * 60) return false;
    if (e.modifiers !== undefined) {
      if (e.modifiers.length > 8) return false;
      for (const m of e.modifiers) if (m.length > 4) return false;
    }
  }
  return true;
}
