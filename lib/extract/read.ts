// Reading a visit from the page into a Visit-shaped plain object (issue 3).
//
// Runs in the content script: no zod (lib/model is imported for its types only); the
// background validates what this returns. Reads only; never writes to the host page.

import { fnv1a } from '../fnv';
import type { Discipline, Entry, Visit } from '../model';
import type { DetectedRow, Detection, FreeTextLine, Root, ShadowOf, VisitField, VisitFields } from './detect';
import { detectRows, factTextNow, fieldElements, headingText, phraseMatcher, scopesOf } from './detect';
import { MAX_CELL_CHARS, LabelCache, codeOf, columnHeaderOf, knownCodesIn, readField, textOf, PLACEHOLDER, unchosen } from './fields';
import { holdsCount, readCodeAndUnits } from '../batch/code-cell';
import { KNOWN_MODIFIERS } from '../batch/cells';
import { readUnits } from './units-field';
import { MAX_MINUTES, parseClockTime, parseMinutes, type MinutesResult } from './minutes';
import type { SiteProfile } from './profile';
import { normaliseDate } from './dates';
import { parseMoney } from './money';
import thresholds from '../rules/data/thresholds.json';
import { NO_MODIFIER, chargeParts, hyphenJoined, modifiersIn } from './charge-parts';
import { personName } from './visits';

export { normaliseDate };

export interface ReadOptions {
  /**
   * The previous read's detection, to read the same rows' values again without detecting
   * them anew (a keystroke in a known field). Used only while every row and field is still in
   * the page and there is no free text (whose lines are taken at detection).
   */
  reuse?: Detection;
  /** The site mapping for this page's origin, when the practice has one. */
  profile?: SiteProfile;
  /** Several mappings for this origin: the first that matches the page is used. */
  profiles?: readonly SiteProfile[];
  /** Known codes (catalog.json), for recognising rows and picking codes out of text. */
  codes: ReadonlySet<string>;
  /** Intervention phrases (phrases.json), for recognising rows. */
  phrases: readonly string[];
  /**
   * Phrase (lower case) → code, from phrases.json: lets "Ther ex 10:30-10:45" in a note find
   * the billing row for 97110 even when the row's description uses other words.
   */
  phraseCodes?: ReadonlyMap<string, string>;
  /** Lines in the visit at most (default 200, the Visit schema's limit); also the page's row limit for detection. */
  maxRows?: number;
  /** Field candidates read at most (see DetectOptions.maxFields). */
  maxFields?: number;
  /** Whether a field is shown to the user: see DetectOptions.shown. */
  shown?: (el: Element) => boolean;
  /** Closed shadow roots too: see DetectOptions.shadowOf. */
  shadowOf?: ShadowOf;
}

export interface ReadResult {
  visit: Visit;
  /** fieldKey → the element it names: `r0:minutes`, `r0:code`, `r0`, `visit:payer`… */
  fields: Map<string, Element>;
  source: 'profile' | 'generic' | 'none';
  /** A profile was given but no longer matches the page (the generic detector was used). */
  stale: boolean;
  /** Visit-level start and end times, when the form shows them (HH:MM). */
  times: { start?: string; end?: string };
  /** What could not be read, and limits that were hit. Never patient text. */
  notes: string[];
  /** The rows and fields found, for `reuse` by the next read. */
  detection: Detection;
}

function stillValid(d: Detection): boolean {
  if (d.freeText.length > 0 || d.source === 'none') return false;
  for (const row of d.rows) {
    if (!row.element.isConnected) return false;
    for (const f of Object.values(row.fields)) for (const el of Array.isArray(f) ? f : [f]) if (el && !(el as Element).isConnected) return false;
  }
  return Object.values(d.visitFields).every((f) => !f || (f as VisitField).element.isConnected);
}

const MAX_LABEL = 2000;
const MAX_RAW = 200;
const MAX_MODIFIERS = 8;

function quote(raw: string): string {
  const s = raw.replace(/\s+/g, ' ').trim();
  return `'${s.length > 40 ? `${s.slice(0, 37)}...` : s}'`;
}

// ---------------------------------------------------------------------------------------
// Visit-level values.

/** PT, OT or SLP from a field value ("PT", "Occupational Therapy") or, with `strict`, only long forms. */
export function disciplineOf(text: string, strict = false): Discipline | undefined {
  const found = disciplinesIn(text, strict);
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Every discipline a value names. Not strict (a Discipline field's own value), its short forms
 * anywhere in it, an assistant's too ("PTA", "COTA"): "OT/PT" names two, so neither is the visit's.
 */
export function disciplinesIn(text: string, strict = false): Set<Discipline> {
  const t = text.toLowerCase();
  const found = new Set<Discipline>();
  const short = !strict && t.length <= 60;
  // ("Physical/Occupational Therapy" names both; "Occupational Health", "Physical Medicine" neither.)
  const joined = short && /\b(?:physical|occupational|speech)\s*(?:\/|&|\+|,|and)\s*(?:physical|occupational|speech)\b[^]*\btherap/.test(t);
  if (/\bphysical therap|\bphysiotherap/.test(t) || (short ? /\b(?:pt|pta|dpt)\b/.test(t) || (joined && /\bphysical\b/.test(t)) : !strict && /^\s*pt\b/.test(t))) found.add('PT');
  if (/\boccupational therap/.test(t) || (short ? /\b(?:ot|ota|cota|otr)\b/.test(t) || (joined && /\boccupational\b/.test(t)) : !strict && /^\s*ot\b/.test(t))) found.add('OT');
  if (/\bspeech(?:[\s-]+language)?(?:\s+patholog|\s+therap)|\bspeech\b/.test(t) || (!strict && /^\s*(slp|st)\b/.test(t)) || (short && /\b(?:slp|slpa)\b/.test(t))) found.add('SLP');
  return found;
}

/** A fact's value: a control's as it is now, a text fact's as last read (the live session reads those again when the page changes them, factTextNow). */
/** A plan's spend as written by the threshold it counts toward: "(PT/SLP)", "(OT)". */
const SPEND_PLAN = /\s*\(\s*(?:(pt|slp|pt\s*(?:\/|&|and|\+)\s*slp)|(ot))\s*\)$/i;
/** Every year's KX threshold amount (PT/SLP and OT), to know which of two amounts is the threshold. */
const KX_AMOUNTS: ReadonlySet<number> = new Set(thresholds.kx.flatMap((k) => [k.ptSlp, k.ot]));
/** "$2,350.00 / $2,480.00", "$2,350 of $2,480": spent so far, over the threshold. */
const SPEND_OF = /^(.+?)\s*(?:\/|\bof\b)\s*(.+)$/i;

/**
 * This year's therapy spend as a page writes it: "$2,350.00", with the plan after it ("$2,350.00
 * (PT/SLP)", which a plan-less label then follows), or over its threshold ("$2,350.00 /
 * $2,480.00", "$2,650 of $2,480": the first amount, when the second is a year's KX threshold).
 * The reason otherwise.
 */
export function readSpend(raw: string, plan: 'ptSlp' | 'ot'): { dollars: number; plan: 'ptSlp' | 'ot' } | string {
  let text = raw.trim();
  const named = SPEND_PLAN.exec(text);
  if (named) {
    plan = named[2] ? 'ot' : 'ptSlp';
    text = text.slice(0, named.index);
  }
  const dollars = parseMoney(text);
  if (typeof dollars === 'number') return { dollars, plan };
  // (Both in dollars: "8 of 20" is a count of visits, not a spend over its threshold.)
  const of = text.split('$').length > 2 ? SPEND_OF.exec(text) : null;
  if (of) {
    const [spent, limit] = [parseMoney(of[1]!), parseMoney(of[2]!)];
    if (typeof spent === 'number' && typeof limit === 'number') {
      // The second is the threshold the spend counts toward (a year's KX amount, thresholds.json):
      // the first is the spend, under it or over it (over it is when KX is needed).
      if (KX_AMOUNTS.has(limit)) return { dollars: spent, plan };
      return `${JSON.stringify(text.slice(0, 40))} holds two amounts, and the second is no year's KX threshold; it was not read (write the amount spent so far)`;
    }
  }
  return dollars;
}

function visitText(f: VisitField): string {
  if (f.text !== undefined) return f.text.slice(0, 200);
  return factTextNow(f) ?? '';
}

/** A visit's box (total minutes, date of service) holding what the browser does not accept: said in a note, as text it cannot read is. */
function unreadableFact(f: VisitField, name: string, reading: Reading, key: string): boolean {
  if (f.text !== undefined || f.element.localName !== 'input' || !readField(f.element, 1).unreadable) return false;
  reading.notes.push(`${name}: ${UNREADABLE_BOX}.`);
  // (Kept, so a finding about it is marked on its box.)
  reading.fields.set(key, f.element);
  return true;
}

/**
 * What is said of a line whose Date cell says no day (visits.ts dateUnread): `shown` what it
 * shows, `unreadable` a box the browser does not let be read; `row` its place in its visit,
 * `who` the patient and code it is of. Its line continues no other day's visit (rowKeys).
 */
export function unreadDateNote(row: number, shown: string, unreadable: boolean, who: readonly (string | undefined)[]): string {
  const of = who.filter(Boolean).join(', ');
  const why = unreadable ? UNREADABLE_BOX : 'it is not a whole date (month, day and year)';
  return `Could not read the date of service${unreadable ? '' : ` ${quote(shown)}`} in row ${row}${of ? ` (${of})` : ''}: ${why}; finish or correct the date.`;
}

// ---------------------------------------------------------------------------------------
// Entries.

export interface Built {
  /** What its field keys start with: `r3` (`r3:minutes`…), `v2.r3` for a page's second visit. */
  key: string;
  entry: Entry;
  /** Whether the row has a minutes field at all (a free-text line may supply the minutes). */
  hasMinutesField: boolean;
}

const MODIFIER_LIST = /^[A-Z0-9]{2}(?:[\s,;/|+]+[A-Z0-9]{2})*$/i;

/**
 * A modifier dropdown's choice: its value when that is a modifier ("GP" for "Physical therapy";
 * "GP" for a "PT" the user sees), else the modifiers its text starts with where the values are
 * the EHR's own ids ("3" for "GP", "GP - Physical therapy"), else the text's first word.
 */
function selectModifiers(r: { text: string; value: string }): string {
  // ("GP-XU": a hyphen joining modifiers is not the one before a name, as in "GP-Physical therapy".)
  const word = r.text.trim().split(/\s+/)[0]!;
  const joined = !!hyphenJoined(word);
  const shown = joined ? word : r.text.split(/\s+[-–—:]\s+|\s*[-–—:]\s*(?=[a-z])/i)[0]!.trim();
  // A value of digits only may be the EHR's id ("12" for GP): the modifier shown wins then.
  // (Shown as written, in capitals: "No" and "NA" are a choice of none, not a modifier.)
  const shownModifiers = (joined || /^[A-Z0-9]{2}(?:[\s,;/|+]+[A-Z0-9]{2})*$/.test(shown)) && !NO_MODIFIER.has(shown);
  const valueModifiers = MODIFIER_LIST.test(r.value) || !!hyphenJoined(r.value.toUpperCase());
  if (valueModifiers && !(/^\d+$/.test(r.value) && shownModifiers)) return r.value;
  if (shownModifiers) return shown;
  return r.value || r.text.split(/[\s\-–—:]/)[0] || '';
}

/**
 * "9:05" alone in a minutes field reads as 9 h 05 min (h:mm), but two hours or more of one line
 * is more likely a time of day typed in the wrong field ("9:05" when the session began): not
 * read, and said, rather than offered as 545 minutes supporting 36 units. ("0:38", "1:15" stay
 * durations.) A judgement of plausibility, not a payer's rule: one timed code's line of two hours
 * is eight units or more.
 */
const CLOCK_SHAPED = /^\s*\d{1,2}:\d{2}\s*$/;
function clockLike(r: MinutesResult, raw: string, colon: 'h:mm' | 'mm:ss', from = 120, of = 'for one line'): MinutesResult {
  if (!r.ok || colon !== 'h:mm' || r.minutes < from || !CLOCK_SHAPED.test(raw)) return r;
  const shown = raw.trim();
  return { ok: false, reason: `'${shown}' would be ${Math.floor(r.minutes / 60)} h ${String(r.minutes % 60).padStart(2, '0')} min ${of}, more likely a time of day: enter the minutes spent (e.g. 23), or the start and end times` };
}

/**
 * What a field says was written in it: nothing for a dropdown left on its placeholder (an empty
 * value), or, with `none`, a field holding only a dash, "N/A", "TBD" or "Select" (units not
 * chosen yet). (Minutes "N/A" stay unreadable: the note says why the visit's units are not checked.)
 */
const NOTHING_WRITTEN = /^(?:[-–—_.\s]+|n\/?a|none|tbd|--?\s*(?:select|choose)\b.*|(?:select|choose)\b.*)$/i;
function written(r: { text: string; value: string; kind: string }, none = false): string {
  if (r.kind === 'select' && r.value.trim() === '' && PLACEHOLDER.test(r.text.trim())) return '';
  return none && NOTHING_WRITTEN.test(r.text.trim()) ? '' : r.text;
}

/** A count named as units in a code's cell ("2 units", "1 unit"). */
const NAMED_UNITS = /(?<![\d.\-–])(\d{1,2})\s*units?(?:\(s\))?(?![\w(])/gi;

/** Text that is modifiers only, each one a therapy claim uses ("GP", "GP 59", "GP-KX"). */
function onlyModifiers(text: string): boolean {
  // (Written as a code's cell writes them, as #afterCode reads them: "GP.59" is not.)
  if (!/^[A-Z0-9]{2}(?:[\s:,;/\\+&-]+[A-Z0-9]{2})*$/i.test(text.trim())) return false;
  return text.trim().toUpperCase().split(/[\s:,;/\\+&-]+/).every((m) => KNOWN_MODIFIERS.has(m));
}

/** The code of a cell holding it with modifiers or units typed onto it ("97110GP", "97110x2"), as readCodeCell reads one. */
function gluedCode(text: string): string | undefined {
  const t = text.trim();
  if (t.length < 7 || t.length > 13) return undefined;
  const cell = readCodeAndUnits(t);
  return typeof cell === 'object' && (cell.modifiers?.length || cell.units !== undefined) && /^\d{4}[0-9A-Z]$|^G\d{4}$/i.test(cell.code) ? cell.code.toUpperCase() : undefined;
}

/** What is said of a box holding what the browser does not accept (FieldRead.unreadable): it shows scripts none of it. */
export const UNREADABLE_BOX = 'the box holds something the browser does not accept (not a number, or a time or date typed in part), and the browser does not let Unitwise see it';

/** A row's clock times, asked of every row (one list, indexed: Reading.row). */
const CLOCK_KEYS = ['startTime', 'endTime'] as const;

export class Reading {
  /** The keys this reading set in `fields`, in order (a live page's rows share one map: each row's keys are dropped before it is read again). */
  readonly keys: string[] = [];
  readonly notes: string[] = [];
  #truncated = false;

  /** `fields`: where each field's key goes; a live page passes its own map, so no row's keys are copied (2,400 on a 2,000-field page). */
  constructor(
    readonly options: ReadOptions,
    readonly fields = new Map<string, Element>(),
  ) {}

  #set(key: string, el: Element): void {
    this.fields.set(key, el);
    this.keys.push(key);
  }

  read(el: Element) {
    const r = readField(el, MAX_CELL_CHARS);
    if (r.truncated) this.#truncated = true;
    return r;
  }

  finish(): void {
    if (this.#truncated) this.notes.push(`Some fields hold more than ${MAX_CELL_CHARS} characters; only the first ${MAX_CELL_CHARS} were read.`);
  }

  setMinutes(entry: Entry, raw: string, where: string, colon: 'h:mm' | 'mm:ss' = 'h:mm'): void {
    if (!raw) return;
    const r = clockLike(parseMinutes(raw, colon), raw, colon);
    if (r.ok) {
      entry.minutes = r.minutes;
    } else {
      entry.minutes = null;
      entry.rawMinutes = raw.slice(0, MAX_RAW);
      this.notes.push(`${where}: ${r.reason}.`);
    }
  }

  /** Reads one row: its field keys start with `base` (default `r<index>`); notes name it `where` ("Row 3"). */
  row(row: DetectedRow, index: number, where = `Row ${index + 1}`, base = `r${index}`): Built {
    const { fields } = row;
    const key = (name: string) => `${base}:${name}`;
    const entry: Entry = {};
    this.#set(base, row.element);

    let codeText = '';
    /** The cell the code is written in, when it may say more after it ("97110-GP", "97110 x2"). */
    let codeCell: { el: Element; text: string } | undefined;
    if (fields.code) {
      this.#set(key('code'), fields.code);
      const r = this.read(fields.code);
      codeText = r.text;
      let code = codeOf(r, this.options.codes);
      // A dropdown whose value is the EHR's own id ("10023" for "97530 Therapeutic activities"):
      // the code the user chose is the one shown. (Both codes, and different: said.)
      const inText = r.kind === 'select' ? knownCodesIn(r.text, this.options.codes) : [];
      const shown = inText[0];
      if (shown && code !== shown && !(code && this.options.codes.has(code) && inText.includes(code))) {
        if (code && this.options.codes.has(code)) this.notes.push(`${where} code: the list shows ${shown} but its value is ${code}; the code shown was read.`);
        code = shown;
      }
      // "97110GP", "97110x2": the code with its modifiers or units typed onto it (read by #afterCode below).
      const glued = code || r.kind === 'select' ? undefined : gluedCode(r.text);
      if (code || glued) {
        entry.code = code ?? glued;
        // (A select's option text is its name.)
        if (r.kind !== 'select') codeCell = { el: fields.code, text: r.text.trim() };
      } else {
        // Something that is not a code (a typo like "9711"): keep it so the engine names it;
        // a select's placeholder ("-- choose --") has no value and is no code at all.
        const raw = (r.kind === 'select' ? r.value : r.text).trim().toUpperCase();
        if (raw && /\d/.test(raw) && raw.length <= 16) entry.code = raw;
        else if (raw.length > 16) this.notes.push(`${where}: the code field holds more than 16 characters; it was not read.`);
      }
    }

    /** A "Procedure" dropdown read as the line's name whose chosen value is a known code ("97530" for "Therapeutic Activities"). */
    let labelCode: string | undefined;
    let labelText = '';
    if (fields.label) {
      this.#set(key('label'), fields.label);
      const r = this.read(fields.label);
      if (r.text) entry.label = r.text.slice(0, MAX_LABEL);
      if (r.kind !== 'select') labelText = r.text.trim();
      const value = r.kind === 'select' ? r.value.trim().toUpperCase() : '';
      // (A code in the text shown wins: the value may be an id that looks like one.)
      if (value && this.options.codes.has(value) && !knownCodesIn(r.text, this.options.codes).length) labelCode = value;
    }
    if (!entry.label && codeText && entry.code) {
      // "97110 – Therapeutic exercise" in the code select names the intervention too.
      const rest = codeText.replace(entry.code, '').replace(NAMED_UNITS, ' ').replace(/^[\s\-–—:|]+|[\s\-–—:|]+$/g, '');
      // (Modifiers or units written onto the code, "97110-GP", "97110GP x2", name nothing.)
      const cell = readCodeAndUnits(codeText.trim());
      const parts = typeof cell === 'object' && cell.code === entry.code && !cell.label && (!!cell.modifiers?.length || cell.units !== undefined);
      if (/[a-z]/i.test(rest) && !parts && !onlyModifiers(rest)) entry.label = rest.slice(0, MAX_LABEL);
    }
    // A row named by its header cell and nothing else (an Epic-style flowsheet's
    // "<th scope="row">97110 Ther Ex — minutes</th>"): named by it, as by a name cell.
    if (!entry.label && !fields.label && !fields.code) {
      const head = rowHeaderName(row);
      if (head) entry.label = head.slice(0, MAX_LABEL);
    }
    if (!entry.code) {
      const inText = (apart: boolean) => knownCodesIn(`${entry.label ?? ''} ${this.rowText(row, apart)}`, this.options.codes)[0];
      const fromText = labelCode ?? inText(false) ?? inText(true);
      if (fromText) entry.code = fromText;
      // A "Charge" column naming the line by its code ("97110 x2") is its code cell.
      if (fromText && labelText.startsWith(fromText)) codeCell = { el: fields.label!, text: labelText };
    }
    // (Only a cell longer than a code can say more.)
    const after = codeCell && codeCell.text.length > entry.code!.length + 1 ? this.#afterCode(codeCell.text, entry.code!, where) : undefined;
    /** Modifiers written onto the code ("97110-GP", "97140 GP 59"), as claims print them. */
    const codeModifiers = after?.modifiers ?? [];
    /** Units written after the code ("97110 x2"), as a charge list prints them. */
    const codeUnits = after?.units;

    // Numbers under day columns that nothing names minutes or units: said, not guessed.
    if (!fields.minutes && row.unnamedDays?.length)
      this.notes.push(
        `${where}: the columns headed by days (${row.unnamedDays.slice(0, 3).join(', ')}${row.unnamedDays.length > 3 ? ', …' : ''}) hold numbers, but nothing says whether they are minutes or units, so none was read. Name the row's measure ("Ther ex minutes"), or map this form.`,
      );
    if (fields.minutes) {
      const colon = row.minutesSeconds ? 'mm:ss' : 'h:mm';
      const got = this.#measure(fields.minutes, fields.minutesMore, (box) => this.#minutesIn(box, colon), 'minutes', MAX_MINUTES, where, entry.code);
      this.#set(key('minutes'), got.marked);
      if (got.n !== undefined) entry.minutes = got.n;
      else if (got.raw !== undefined) {
        entry.minutes = null;
        entry.rawMinutes = got.raw.slice(0, MAX_RAW);
      }
    }

    let unitsRaw = '';
    if (fields.units) {
      const got = this.#measure(fields.units, fields.unitsMore, (box) => this.#unitsIn(box), 'units', 999, where, entry.code);
      this.#set(key('units'), got.marked);
      unitsRaw = got.written;
      if (got.n !== undefined) entry.units = got.n;
      // Kept, so the engine says the visit's units cannot be checked (not a line of no units).
      else if (got.raw !== undefined) entry.rawUnits = got.raw.trim().slice(0, MAX_RAW);
    }
    if (codeUnits !== undefined) {
      // A units field filled in is the one made for them: it wins, and a difference is said.
      if (!unitsRaw && entry.rawUnits === undefined) {
        entry.units = codeUnits;
        // (A unit fix is marked where the units are written.)
        if (!fields.units) this.#set(key('units'), codeCell!.el);
      } else if (entry.units !== undefined && entry.units !== codeUnits) {
        this.notes.push(`${where}: the code says ×${codeUnits} units but the units field ${entry.units}; the units field was read.`);
      }
    }

    if (fields.modifiers?.length || codeModifiers.length) {
      if (fields.modifiers?.length) this.#set(key('modifiers'), fields.modifiers[0]!);
      fields.modifiers?.forEach((el, i) => i > 0 && this.#set(key(`modifiers${i + 1}`), el));
      const mods: string[] = [...codeModifiers];
      for (const el of fields.modifiers ?? []) {
        const r = this.read(el);
        const source = r.kind === 'select' ? selectModifiers(r) : r.text;
        const read = modifiersIn(source.toUpperCase());
        mods.push(...read.modifiers);
        for (const { token, why } of read.not) this.notes.push(`${where} modifiers: ${quote(token)} is not a modifier${why ? `: ${why}` : ''}.`);
      }
      // (Most lines have one modifier or none: no Set made for them.)
      const unique = mods.length < 2 ? mods : [...new Set(mods)];
      if (unique.length > MAX_MODIFIERS) this.notes.push(`${where}: more than ${MAX_MODIFIERS} modifiers; only the first ${MAX_MODIFIERS} were read.`);
      // An empty modifiers field is still a field: [] lets the engine say a GP/GO/GN is missing.
      entry.modifiers = unique.slice(0, MAX_MODIFIERS);
    }

    if (fields.assistantMinutes) {
      this.#set(key('assistantMinutes'), fields.assistantMinutes);
      const read = this.read(fields.assistantMinutes);
      const raw = read.text;
      if (read.unreadable) this.notes.push(`${where} assistant minutes: ${UNREADABLE_BOX}; the assistant's part of the line is not checked.`);
      else if (raw) {
        const r = clockLike(parseMinutes(raw), raw, 'h:mm');
        if (r.ok) entry.assistantMinutes = r.minutes;
        else this.notes.push(`${where} assistant minutes: ${r.reason}.`);
      }
    }

    // Co-treatment marked on the line ("Yes", a ticked box): its minutes are shared time (CPM §20.3).
    if (fields.coTreatment) {
      this.#set(key('coTreatment'), fields.coTreatment);
      if (YES.test(this.read(fields.coTreatment).text.trim()) || ticked(fields.coTreatment)) entry.coTreatment = true;
    }

    let timeUnread = false;
    for (let c = 0; c < CLOCK_KEYS.length; c++) {
      const which = CLOCK_KEYS[c]!;
      const el = fields[which];
      if (!el) continue;
      this.#set(key(which), el);
      const read = this.read(el);
      const raw = read.text;
      if (read.unreadable) {
        timeUnread = true;
        this.notes.push(`${where} ${which === 'startTime' ? 'start' : 'end'} time: ${UNREADABLE_BOX}.`);
      }
      if (!raw) continue;
      const t = parseClockTime(raw);
      if (t) entry[which] = t;
      else this.notes.push(`${where} ${which === 'startTime' ? 'start' : 'end'} time: ${quote(raw)} is not a clock time.`);
    }
    // No minutes field: the clock times give them. (A Minutes field left blank stays missing: its
    // row's times may be the visit's, repeated on each line, or a blank row's.)
    if (!fields.minutes && entry.startTime && entry.endTime) {
      this.setMinutes(entry, `${entry.startTime}-${entry.endTime}`, `${where} minutes from its start and end times`);
      this.#set(key('minutes'), fields.startTime!);
    } else if (!fields.minutes && timeUnread && fields.startTime && fields.endTime && entry.minutes === undefined) {
      // (Start and end give the minutes, and one cannot be read: the minutes cannot, not "none".
      // Marked on the one that cannot.)
      entry.minutes = null;
      entry.rawMinutes = '';
      this.#set(key('minutes'), entry.startTime ? fields.endTime : fields.startTime);
    }

    // The field a finding about the whole row is marked on: its minutes, else its code, else its name.
    const keyed = fields.minutes || (entry.startTime && entry.endTime && fields.startTime) || (timeUnread && fields.startTime && fields.endTime && entry.minutes === null) ? 'minutes' : fields.code ? 'code' : fields.label ? 'label' : undefined;
    entry.fieldKey = keyed ? key(keyed) : base;
    return { key: base, entry, hasMinutesField: !!fields.minutes };
  }

  /** A minutes box's value (BoxRead). */
  #minutesIn(box: Element, colon: 'h:mm' | 'mm:ss'): BoxRead {
    const read = this.read(box);
    if (read.unreadable) return { raw: '', said: UNREADABLE_BOX, written: '' };
    const raw = written(read);
    if (!raw) return undefined;
    const r = clockLike(parseMinutes(raw, colon), raw, colon);
    return r.ok ? { n: r.minutes, written: raw } : { raw, said: r.reason, written: raw };
  }

  /** A units box's value (BoxRead): "2", "2u", "x2", a dropdown's "Two" by its value. */
  #unitsIn(box: Element): BoxRead {
    const field = this.read(box);
    const raw = written(field, true);
    if (field.unreadable) return { raw: '', said: UNREADABLE_BOX, written: raw };
    if (!raw) return undefined;
    // (A dropdown's value when its text says more: "Two", "2 - 23 to 37 min".)
    const shown = readUnits(raw);
    // (Only where the text says no other number, or starts with the value: a value may be the EHR's id.)
    const byValue = !shown.ok && field.kind === 'select' && (!/\d/.test(raw) || raw.trim().split(/\D/)[0] === field.value.trim());
    const valued = byValue ? readUnits(field.value) : undefined;
    const r = valued?.ok ? valued : shown;
    return r.ok ? { n: r.units, written: raw } : { raw, said: `${quote(raw)} ${r.why}`, written: raw };
  }

  /**
   * A row's minutes or units: its box's, or under a flowsheet's columns of one day, a session's
   * each (RowFields.minutesMore), those filled added up (CMS counts a code's minutes of a day
   * together, CPM Pub. 100-04 Ch. 5 §20.2) with a note naming the columns added. A column left
   * blank adds nothing; one that cannot be read leaves the day's total unread and is said (never
   * a silent zero in it). `marked`: the box a finding about them is marked on.
   */
  #measure(first: Element, more: readonly Element[] | undefined, readBox: (box: Element) => BoxRead, measure: 'minutes' | 'units', max: number, where: string, code?: string): { n?: number; raw?: string; written: string; marked: Element } {
    if (!more?.length) {
      const got = readBox(first);
      if (got && 'said' in got) this.notes.push(`${where} ${measure}: ${got.said}.`);
      return { ...got, written: got?.written ?? '', marked: first };
    }
    const boxes = [first, ...more];
    const reads = boxes.map(readBox);
    const cache = new LabelCache();
    const header = (k: number) => columnHeaderOf(boxes[k]!, cache)?.replace(/\s+/g, ' ').trim() || `column ${k + 1} of the day`;
    const written = reads.map((r) => r?.written ?? '').filter(Boolean).join(' ');
    const bad = reads.flatMap((r, k) => (r && 'said' in r ? [k] : []));
    const line = `${where}${code ? ` (${code})` : ''}`;
    for (const k of bad) this.notes.push(`${line} ${measure} under "${header(k)}": ${(reads[k] as { said: string }).said}; the day's ${measure} were not added up.`);
    // (Marked on the first box that cannot be read, else the first filled: a box of the day that
    // holds what the finding is about, not one left blank.)
    if (bad.length) return { raw: (reads[bad[0]!] as { raw: string }).raw, written, marked: boxes[bad[0]!]! };
    const filled = reads.flatMap((r, k) => (r && 'n' in r ? [k] : []));
    if (!filled.length) return { written, marked: first };
    const values = filled.map((k) => (reads[k] as { n: number }).n);
    const n = values.reduce((a, b) => a + b, 0);
    const names = sameDayNames(filled.map(header));
    if (n > max) {
      this.notes.push(`${line}: the ${measure} of ${names} add up to ${n}, more than one day can hold; they were not read.`);
      return { raw: String(n), written, marked: boxes[filled[0]!]! };
    }
    if (filled.length > 1) this.notes.push(`${line}: ${measure} of ${names} added: ${values.join(' + ')} = ${n} (a code's ${measure} of one day are billed together).`);
    return { n, written, marked: boxes[filled[0]!]! };
  }

  /** What a cell says after its code ("97110-GP", "97110 x2"): modifiers and units; a number that may be units or minutes is said, not read. */
  #afterCode(text: string, code: string, where: string): { modifiers: string[]; units?: number } {
    // Units named as units ("97110 - 2 units", "97110 GP 2 units"): those, and what is before them read as a cell.
    const named = /unit/i.test(text) ? [...text.matchAll(NAMED_UNITS)] : [];
    const cell = named.length === 1 ? undefined : readCodeAndUnits(text);
    if (typeof cell === 'object' && cell.code === code) return { modifiers: cell.modifiers ?? [], units: cell.units };
    if (named.length === 1) {
      const m = named[0]!;
      const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/[\s\-–—:,;|]+$/, '').trim();
      // (Only beside the code, its modifiers and a name in words: "1-2 units", "(2 units max)", "8-22 min = 1 unit" say no units billed.)
      const before = readCodeAndUnits(rest);
      if (typeof before === 'object' && before.code === code && !before.note && (!before.label || /^[A-Za-z][A-Za-z\s.&/]*$/.test(before.label)))
        return { modifiers: before.modifiers ?? [], units: Number(m[1]) };
    }
    // Two codes in one cell ("97110/97112", "97110, 97140"): the first is read, the other said.
    const others = [...text.toUpperCase().matchAll(/\b(?:\d{4}[0-9A-Z]|[A-Z]\d{4})\b/g)].map((m) => m[0]).filter((c) => c !== code);
    if (others.length) this.notes.push(`${where} code: ${quote(text)} holds ${others.length === 1 ? 'another code' : 'other codes'} (${others.join(', ')}) after ${code}; only ${code} was read. Put each code on its own line.`);
    else if (holdsCount(text) === code) this.notes.push(`${where} code: ${quote(text)} has a number after ${code} that was not read as units or minutes (it could be either); write units as "${code} x2" or in a units field.`);
    return { modifiers: [] };
  }

  /** The row's text; `apart`: its elements' texts apart ("<span>97110</span><span>Ther ex</span>": the code is found). */
  rowText(row: DetectedRow, apart = false): string {
    return apart ? textOf(row.element, { max: MAX_CELL_CHARS, values: true, apart: true }).text : readField(row.element, MAX_CELL_CHARS).text;
  }

  /** Units and modifiers a note line writes beside its code ("— 2 units — GP"); different counts of units are said, not read. */
  lineCharge(line: FreeTextLine, code: string | undefined, n: number): Pick<Entry, 'units' | 'modifiers'> {
    const { units, modifiers } = chargeParts(line.text, code);
    const out: Pick<Entry, 'units' | 'modifiers'> = {};
    if (units.length === 1) out.units = units[0];
    else if (units.length > 1) this.notes.push(`Note line ${n + 1} gives units ${units.length === 2 ? 'twice' : `${units.length} times`} (${units.join(' and ')}); none was read.`);
    if (modifiers.length) out.modifiers = modifiers.slice(0, MAX_MODIFIERS);
    return out;
  }

  /** Minutes, start and end times from a free-text line's duration. */
  lineTimes(line: FreeTextLine): Pick<Entry, 'minutes' | 'rawMinutes' | 'startTime' | 'endTime'> {
    const out: Entry = {};
    this.setMinutes(out, line.duration, 'A note line');
    const sides = line.duration.split(/\s*(?:-|–|—|to|until)\s*/i);
    if (sides.length === 2 && typeof out.minutes === 'number') {
      const start = parseClockTime(sides[0]!);
      const end = parseClockTime(sides[1]!);
      // Keep the clock times only when they agree with the minutes (AM/PM guessed the same way).
      if (start && end) {
        const check = parseMinutes(`${start}-${end}`);
        if (check.ok && check.minutes === out.minutes) {
          out.startTime = start;
          out.endTime = end;
        }
      }
    }
    return out;
  }
}

/** A box's minutes or units (Reading.row): read (`n`), not readable (`raw` as written, '' for a box the browser hides, and what is `said` of it), or undefined when blank. `written`: its text. */
type BoxRead = { n: number; written: string } | { raw: string; said: string; written: string } | undefined;

/** Columns of one day by their headers, the day written once: "11/02/2026 0900 and 1400", "11/02/2026 AM and PM". */
function sameDayNames(headers: readonly string[]): string {
  const words = headers.map((h) => h.split(' '));
  const head = words[0]!;
  let k = 0;
  while (k < head.length - 1 && words.every((w) => w.length - 1 > k && w[k] === head[k])) k++;
  const names = words.map((w, i) => (i === 0 ? w : w.slice(k)).join(' '));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]!;
}

function phrasesIn(text: string, options: ReadOptions): string[] {
  return phraseMatcher(options.phrases).all(text);
}

/** A flowsheet row's measure after its name: "97110 Ther Ex — minutes", "Manual (97140) units". */
const MEASURE = /[\s\-–—:(|]*\b(?:minutes?|mins?|time|units?|#\s*units?)\)?\s*$/i;
const MINUTES_MEASURE = /\b(?:minutes?|mins?|time)\)?\s*$/i;
const UNITS_MEASURE = /\bunits?\)?\s*$/i;

/** The text of a row's header cell (its first cell, a `<th>` or a `rowheader`) when it is neither a field nor a cell naming the row's visit (a patient's). */
function rowHeaderName(row: DetectedRow): string | undefined {
  const cell = row.element.firstElementChild;
  if (!cell || !(cell.localName === 'th' || cell.getAttribute('role') === 'rowheader')) return undefined;
  if (Object.values(row.facts ?? {}).includes(cell) || fieldElements(row.fields).some((f) => f === cell || cell.contains(f))) return undefined;
  const text = (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text && text.length <= 200 ? text : undefined;
}

/**
 * A flowsheet that gives each code two rows, its minutes and then its units ("97110 Ther Ex —
 * minutes" | 23, "97110 Ther Ex — units" | 2): one line of the claim, not two lines each missing
 * the other (which asked for minutes on the units row and left its units unchecked). Rows are
 * paired only when next to each other, of one code, named alike but for the measure, one with
 * minutes only and the other with units only. `alias(from, to)`: the pair's units field is keyed
 * on the minutes row's line too (`r0:units`), for its marker.
 */
export function pairMeasureRows(built: Built[], alias?: (line: string, unitsRow: string) => void): Built[] {
  const out: Built[] = [];
  for (let i = 0; i < built.length; i++) {
    const a = built[i]!;
    const b = built[i + 1];
    const label = (x: Built) => (x.entry.label ?? '').trim();
    // (Units or minutes that could not be read are written all the same: "—units" | "2e".)
    const hasUnits = (x: Built) => x.entry.units !== undefined || x.entry.rawUnits !== undefined;
    if (b && a.entry.code && a.entry.code === b.entry.code && !hasUnits(a) && b.entry.minutes === undefined && hasUnits(b) && a.entry.minutes !== undefined
      && MINUTES_MEASURE.test(label(a)) && UNITS_MEASURE.test(label(b)) && label(a).replace(MEASURE, '').toLowerCase() === label(b).replace(MEASURE, '').toLowerCase()) {
      const modifiers = [...new Set([...(a.entry.modifiers ?? []), ...(b.entry.modifiers ?? [])])];
      out.push({ ...a, entry: { ...a.entry, label: label(a).replace(MEASURE, ''), ...(b.entry.units !== undefined ? { units: b.entry.units } : { rawUnits: b.entry.rawUnits }), ...(modifiers.length && { modifiers }) } });
      alias?.(a.key, b.key);
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Puts free-text minutes on the billing row they describe, or makes entries of them when there is no grid. */
export function mergeFreeText(reading: Reading, built: Built[], lines: FreeTextLine[], options: ReadOptions): Entry[] {
  const entries = built.map((b) => b.entry);
  lines.forEach((line, n) => {
    const linePhrases = phrasesIn(line.text, options);
    const lineCodes = knownCodesIn(line.text, options.codes);
    const hinted = linePhrases.map((p) => options.phraseCodes?.get(p)).filter((c): c is string => !!c);
    const times = reading.lineTimes(line);
    if (built.length === 0) {
      const index = entries.length;
      // (A charge list read as text: "97110 THER EX — 2 units — 25 min — GP".)
      const entry: Entry = { label: line.text.slice(0, MAX_LABEL), ...times, ...reading.lineCharge(line, lineCodes[0], n) };
      if (lineCodes[0]) entry.code = lineCodes[0];
      entry.fieldKey = `r${index}:minutes`;
      reading.fields.set(`r${index}`, line.element);
      reading.fields.set(`r${index}:minutes`, line.element);
      reading.fields.set(`r${index}:label`, line.element);
      entries.push(entry);
      return;
    }
    // A code written in the line, then a phrase shared with the row's description, then a
    // code the line's phrases point to.
    const byCode = (codes: string[]) => (b: Built) => !!b.entry.code && codes.includes(b.entry.code);
    const byPhrase = (b: Built) => !!b.entry.label && phrasesIn(b.entry.label, options).some((p) => linePhrases.includes(p));
    const open = (b: Built) => !b.hasMinutesField && b.entry.minutes === undefined;
    let target: Built | undefined;
    for (const test of [byCode(lineCodes), byPhrase, byCode(hinted)]) {
      target = built.find((b) => test(b) && open(b)) ?? built.find(test);
      if (target) break;
    }
    if (!target) {
      reading.notes.push(`Note line ${n + 1} names an intervention with a duration but matches no billing row.`);
      return;
    }
    const index = target.key;
    if (!target.hasMinutesField && target.entry.minutes === undefined) {
      Object.assign(target.entry, times);
      reading.fields.set(`${index}:minutes`, line.element);
      target.entry.fieldKey = `${index}:minutes`;
      reading.notes.push(`Row ${built.indexOf(target) + 1} minutes were read from the note's free text.`);
    } else if (typeof target.entry.minutes === 'number' && typeof times.minutes === 'number' && target.entry.minutes !== times.minutes) {
      reading.notes.push(`Row ${built.indexOf(target) + 1} has ${target.entry.minutes} minutes but the note gives ${times.minutes}.`);
    }
  });
  return entries;
}

/** The reader's vocabulary from the rule data's codes and (phrase, code) pairs. */
export function vocabularyOptions(codes: Iterable<string>, phrases: readonly (readonly [string, string])[]): Pick<ReadOptions, 'codes' | 'phrases' | 'phraseCodes'> {
  return { codes: new Set(codes), phrases: phrases.map(([p]) => p), phraseCodes: new Map(phrases.map(([p, code]) => [p.toLowerCase(), code])) };
}

/**
 * The visit-level facts (payer, discipline, date of service, total time) into `visit`; their
 * fields are keyed `<prefix>:payer`…; returns the visit's start and end times.
 */
/**
 * A short hash of the patient a page names (FNV-1a of the name's letters and digits, lower
 * case): enough to tell the next patient from this one, never the name itself.
 */
export function patientTag(text: string): string {
  const norm = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return fnv1a(norm).toString(16).padStart(8, '0');
}

/** A cell or field saying yes: "Yes", "Y", "✓", "X", "true". */
const YES = /^(?:yes|y|true|✓|✔|☑|x|co-?treat(?:ment|ed)?)$/i;

/** A cell of checkboxes with one ticked (fields.ts reads it as the ticked boxes' labels, which may be none). */
function ticked(el: Element): boolean {
  if (el.localName === 'input') return (el as HTMLInputElement).type === 'checkbox' && (el as HTMLInputElement).checked;
  return !!el.querySelector('input[type="checkbox" i]:checked');
}

/** A payer's rank written beside it: "(primary)", "- secondary", "2nd". */
const RANK = /\(?\b(primary|pri|1st|secondary|sec|2nd|tertiary|3rd)\b\)?/i;

/** A payer field that names none: nothing written, or "Unknown". */
const NO_PAYER = (t: string) => NOTHING_WRITTEN.test(t) || /^unknown$/i.test(t);

/**
 * The payer billed first, from a line naming several by rank ("Medicare Part B (secondary) /
 * Aetna PPO (primary)" → "Aetna PPO (primary)"): the claim goes to the primary. A line naming
 * one payer, or several with no rank, is kept as written.
 */
export function primaryPayer(text: string): string {
  const parts = text.split(/\s*(?:\/|;|\||\n)\s*/).filter(Boolean);
  if (parts.length < 2 || !parts.every((p) => RANK.test(p))) return text;
  return parts.find((p) => /^(?:primary|pri|1st)$/i.test(RANK.exec(p)![1]!)) ?? text;
}

/** What is said of a Date of service written dotted with no year ("10.30", "2.15 PM"): a time as well as a day. */
function dottedDay(t: string): string | undefined {
  const m = /^\s*(?:[a-z]{3,9}\.?,?\s+)?(\d{1,2})\.(\d{2})(\s*[ap]\.?m\.?)?\s*$/i.exec(t);
  return m ? `Date of service ${quote(t)} is not a date: it may be a time (${m[1]}:${m[2]}${m[3] ?? ''}) or a day (${m[1]}/${m[2]}). Write the date in full (MM/DD/YYYY).` : undefined;
}

export function readFacts(visit: Visit, vf: VisitFields, reading: Reading, prefix: string): ReadResult['times'] {
  const times: ReadResult['times'] = {};
  if (vf.payer) {
    const t = visitText(vf.payer);
    // (A list left on "-- Select payer --", or "None", "N/A", "Unknown": no payer, said by payer.missing.)
    if (t && !NO_PAYER(t.trim()) && !unchosen(vf.payer.element)) visit.payer = primaryPayer(t);
    reading.fields.set(`${prefix}:payer`, vf.payer.element);
  }
  if (vf.discipline) {
    const t = visitText(vf.discipline);
    const found = disciplinesIn(t);
    if (found.size === 1) visit.discipline = [...found][0]!;
    else if (found.size > 1) reading.notes.push(`Discipline ${quote(t)} names ${[...found].join(' and ')}: each line's GP, GO or GN says its plan of care.`);
    else if (t && !unchosen(vf.discipline.element)) reading.notes.push(`Discipline ${quote(t)} is not PT, OT or SLP.`);
    reading.fields.set(`${prefix}:discipline`, vf.discipline.element);
  }
  if (vf.patient) {
    const t = visitText(vf.patient);
    // (A person's name as compared: "Lee, Ann" and "Ann Lee" are one patient, as a heading names her.)
    // (Not a list left on "Select…": every chart would share its tag.)
    if (t && !unchosen(vf.patient.element)) visit.patientTag = patientTag(personName(t) ?? t);
  }
  if (vf.dateOfService && !unreadableFact(vf.dateOfService, 'Date of service', reading, `${prefix}:dateOfService`)) {
    const t = visitText(vf.dateOfService);
    const d = normaliseDate(t);
    if (d) visit.dateOfService = d;
    // (A dotted "10.30" may be a time, 10:30, as well as a day: said so.)
    else if (t) reading.notes.push(dottedDay(t) ?? `Date of service ${quote(t)} is not a date.`);
    reading.fields.set(`${prefix}:dateOfService`, vf.dateOfService.element);
  }
  if (vf.totalTreatmentMinutes && !unreadableFact(vf.totalTreatmentMinutes, 'Total treatment minutes', reading, `${prefix}:totalTreatmentMinutes`)) {
    const t = visitText(vf.totalTreatmentMinutes);
    if (t) {
      // (A time of day in it, "9:05": not 545 minutes. A visit's total runs longer than a line's.)
      const r = clockLike(parseMinutes(t), t, 'h:mm', 240, 'for the visit');
      if (r.ok && r.minutes <= MAX_MINUTES) visit.totalTreatmentMinutes = r.minutes;
      else reading.notes.push(`Total treatment minutes: ${r.ok ? 'more than a day' : r.reason}.`);
    }
    reading.fields.set(`${prefix}:totalTreatmentMinutes`, vf.totalTreatmentMinutes.element);
  }
  for (const [key, name] of [['ytdPtSlp', 'PT/SLP'], ['ytdOt', 'OT']] as const) {
    const f = vf[key];
    if (!f || unreadableFact(f, `Year-to-date ${name} therapy spend`, reading, `${prefix}:${key}`)) continue;
    const t = visitText(f);
    if (!t) continue;
    const spend = readSpend(t, key === 'ytdOt' ? 'ot' : 'ptSlp');
    if (typeof spend === 'object') visit.ytdTherapySpend = { ...visit.ytdTherapySpend, [spend.plan]: spend.dollars };
    else reading.notes.push(`Year-to-date ${name} therapy spend: ${spend}.`);
    reading.fields.set(`${prefix}:${key}`, f.element);
  }
  for (const [which, name] of [['startTime', 'start'], ['endTime', 'end']] as const) {
    const f = vf[which];
    if (!f) continue;
    const t = parseClockTime(visitText(f));
    if (t) {
      times[name] = t;
      reading.fields.set(`${prefix}:${which}`, f.element);
    }
  }

  return times;
}

/**
 * Reads the visit shown under `root`: a frame's document (the content script calls this once
 * per frame), an element or a shadow root. Never throws on page content; what it cannot read
 * is left out with a note, and minutes that are not a duration become `minutes: null` with
 * `rawMinutes` kept.
 */
export function readVisit(root: Root, options: ReadOptions): ReadResult {
  const detection = options.reuse && stillValid(options.reuse) ? options.reuse : detectRows(root, options);
  const reading = new Reading(options);
  reading.notes.push(...detection.notes);

  const built = detection.rows.map((row, i) => reading.row(row, i));
  let entries = mergeFreeText(reading, built, detection.freeText, options);
  const maxRows = options.maxRows ?? 200;
  if (entries.length > maxRows) {
    reading.notes.push(`Only the first ${maxRows} of ${entries.length} lines were read.`);
    entries = entries.slice(0, maxRows);
  }

  const visit: Visit = { entries };
  const times = readFacts(visit, detection.visitFields, reading, 'visit');
  if (!visit.discipline && detection.source !== 'none') {
    const d = disciplineOf(headingText({ scopes: scopesOf(root, options.shadowOf).scopes }), true);
    if (d) visit.discipline = d;
  }

  reading.finish();
  const source = detection.source === 'none' && entries.length === 0 ? 'none' : detection.source;
  return { visit, fields: reading.fields, source, stale: detection.stale, times, notes: reading.notes, detection };
}
