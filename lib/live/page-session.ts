// The live reading of one page: takes the user's edits and the page's DOM mutations, and
// gives back what changed, per visit. A keystroke in a known field re-reads that field's row
// and rebuilds that row's visit only; the page's own churn outside the form (totals, status
// text) is ignored; only a change of structure finds the form again (counted in `detections`).
//
// No browser APIs beyond the DOM, no zod: runs in the content script and in happy-dom tests.

import type { Visit } from '../model';
import { MAX_ROWS, isShadowRoot, openShadow, blockLines, blockText, linesInText, mayHoldLine, searchLandmark, type PhraseMatcher, detectRows, detectRowsInSteps, factKey, factTextNow, isTextBlock, pairsIn, readWhole, isRemovalFlag, removedLine, headingText, queryDeep, phraseMatcher, scopesOf, firstFacts, fieldElements, sharedColumnDay, notHiddenByAttribute, type DetectedRow, type Detection, type FreeTextLine, type Root, type VisitFact } from '../extract/detect';
import { Reading, disciplineOf, disciplinesIn, mergeFreeText, pairMeasureRows, patientTag, readFacts, unreadDateNote, type Built, type ReadOptions } from '../extract/read';
import { BANNER_PART, TABLE_SELECTOR, outsideRowlessDialogs, appointmentPatient, cutLabel, dateUnread, editable, saysHistory, groupVisits, headerIdentity, labelPatient, headerPayer, namedByPatientOnly, namedBySessionOnly, namedWithinTheDay, sectionDate, signedDay, saysToday, todayHeading, boxLabel, partsText, personName, visitAt, type LinesAbout, type RowVisitKey, type VisitGroup } from '../extract/visits';
import { readField, textOf, type FieldRead } from '../extract/fields';
import { datesIn, headingDay, normaliseDate, weekdayOf, yearlessOf } from '../extract/dates';
import { dayOf, earlierSameDay, type PageVisit } from './same-day';
import { FRAME, chartFacts } from './chart-facts';
import { dayOnlyDate, headerDate, yearHints } from '../extract/header-date';
import { labelBirthDates, mayHoldBirthDate } from '../extract/birth-dates';
import { clean } from '../extract/visit-names';
import { regionOf, regionsOf, reportMutations, setAsideTouched, type Watched } from './mutations';
import { CHROME, factsShown, type FactShown } from './fact-news';
import { RUNNING_TOTAL, SAVE_STATUS, withoutTicking } from '../extract/ticking';
import { placesOf, redrawnElements, redrawnFacts } from './redrawn-facts';
import { LateRoots } from './late-roots';
import { PassedFields } from './passed-fields';
import { LateLines, inChrome, lineCandidates, textPutIn, type LateLineTests } from './late-lines';
import { GridRows, coverageNote, gridRow, type GridRowAt } from './grid-rows';
import { BoxMemo, rowDrawn } from './scroll-box';
import { unseenNotes } from '../extract/unseen';
import { groupRowText } from '../extract/group-rows';
import { pageAddress } from '../tab-urls';
import { NEVER, PAUSE_EVERY, whole, type Pause, type Steps } from '../extract/steps';

/** One visit's content, as sent to be checked. */
export interface VisitPart {
  key: string;
  visit: Visit;
  /** What could not be read in this visit ("Row 3 minutes: …"). */
  notes: string[];
}

/** A visit on the page as the side panel lists it: no content, only where and how big. */
export interface VisitListItem {
  key: string;
  label: string;
  /** Read-only: an earlier visit or a summary table. Listed, not checked. */
  history: boolean;
  entries: number;
}

export interface PageUpdate {
  source: 'profile' | 'generic' | 'none';
  /** About the whole page: limits hit, a mapping that no longer matches. */
  notes: string[];
  /** The page's visits, after the form was found (again); absent when only values changed. */
  list?: VisitListItem[];
  /** Visits whose content changed since the last update (every visit after a detection). */
  visits: VisitPart[];
  /** The visit holding the field the user edited last. */
  focus?: string;
}

interface RowRead {
  built: Built;
  notes: string[];
  /** The keys its read set in the session's `fields`. */
  keys: readonly string[];
  /** Its place in a virtualised grid or a box that scrolls, found once per read of the row; null while not drawn (found at its next read). */
  grid?: GridRowAt | null;
  /** The row element read, and its `aria-rowindex` then: while both stay, so does its place. */
  element: Element;
  rowIndex: string | null;
}

/** Visits read on one page at most (the snapshot message's limit). */
export const MAX_VISITS = 1000;

/** A field's value as the page shows it (a select's value, else its text). */
function shownValue(el: Element | undefined): string {
  if (!el) return '';
  const r = readField(el, 200);
  return (r.kind === 'select' ? r.value || r.text : r.text).trim();
}

/** The day of a time as YYYY-MM-DD, in the user's time zone (the clinic's day). */
const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * What visit grouping reads of the rows' values: each row's code, minutes and text, and the page's
 * dates of service (visits.ts LinesAbout); its headings' dates from `headings`, asked at most once.
 */
function linesAbout(rows: readonly DetectedRow[], facts: readonly VisitFact[], phrases: readonly string[], keptApart: LinesAbout['keptApart'], headings: () => string): LinesAbout {
  const cache = new Map<number, ReturnType<LinesAbout['line']>>();
  // A select's value may be the EHR's own id (value="17", "97110 Therapeutic exercise"): its text too.
  const codeIn = (el: Element | undefined) => {
    if (!el) return '';
    const r = readField(el, 200);
    return /\b([0-9]{5}|[A-Z][0-9]{4})\b/.exec(`${r.value} ${r.text}`.toUpperCase())?.[1] ?? '';
  };
  const dates = new Set<string>();
  const keyFacts: NonNullable<LinesAbout['keyFacts']>[number][] = [];
  for (const f of facts) {
    if (f.key !== 'dateOfService' && f.key !== 'patient') continue;
    const value = f.field.text ?? keyText(f.field.element);
    keyFacts.push({ el: f.field.element, key: f.key, value });
    const date = f.key === 'dateOfService' ? normaliseDate(f.field.text ?? shownValue(f.field.element)) : undefined;
    if (date) dates.add(date);
  }
  const matcher = phraseMatcher(phrases);
  let hints: string[] | undefined;
  return {
    dates,
    headingDates: () => (hints ??= yearHints(headings())),
    keyFacts,
    today: localDay(new Date()),
    keptApart,
    formWords: (text) => matcher.test(text),
    line(i) {
      let line = cache.get(i);
      if (!line) {
        const { fields, element } = rows[i]!;
        const code = codeIn(fields.code);
        // A row's cells' texts apart ("Manual therapy | 10 | 97140", not "Manual therapy1097140"):
        // a framework's table has no space between its cells.
        const text = textOf(element, { max: 2000 }).text;
        const billed = [fields.units, ...(fields.modifiers ?? [])].some((f) => f && /\w/.test(shownValue(f)));
        cache.set(i, (line = { code, minutes: shownValue(fields.minutes), text: text.slice(0, 2000), billed, units: shownValue(fields.units) }));
      }
      return line;
    },
  };
}

/**
 * A session of the day signed earlier (read-only beside the one being charted, named by its part
 * of the day only, "AM session 9:00"): not checked again, but carried into the day's later
 * visits. Not a session under an earlier visit's heading ("Previous visit — 10/30/2026"): that
 * one is history by the page's words.
 */
const signedSession = (g: VisitGroup) => g.history && !!g.besideCharted && namedBySessionOnly(g.label);

/** A heading, or what stands for one: a summary, a legend, a card's header or title. */
const HEADING_LIKE = 'h2, h3, h4, h5, h6, [role="heading"], summary, legend, caption, [class*="header" i], [class*="title" i]';

/**
 * The texts of the headings a part of the page stands under: before it among its own and its
 * boxes' siblings, back to the page's h1 or to the part before it that holds rows (a day's
 * heading over its sessions, a card's header, a <details>' summary). At most 60 elements looked at.
 */
function headingsOver(start: Element): string[] {
  const out: string[] = [];
  let looked = 0;
  // Its own box's headings before its rows (a card's header, a <details>' summary, its own heading).
  const rows = start.querySelector(`${TABLE_SELECTOR}, [role="row"]`);
  for (const h of Array.from(start.querySelectorAll(HEADING_LIKE)).slice(0, 10)) {
    if (rows && !(h.compareDocumentPosition(rows) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
    const text = (h.textContent ?? '').trim();
    if (text && text.length <= 120) out.push(text);
  }
  for (let box: Element | null = start; box && box.localName !== 'body' && looked < 60; box = box.parentElement) {
    for (let sib = box.previousElementSibling; sib && looked < 60; sib = sib.previousElementSibling, looked++) {
      if (sib.localName === 'h1') return out;
      if (sib.matches(TABLE_SELECTOR) || sib.querySelector(`${TABLE_SELECTOR}, [role="row"]`)) return out;
      const text = (sib.textContent ?? '').trim();
      if (text && text.length <= 120 && sib.matches(HEADING_LIKE)) out.push(text);
    }
  }
  return out;
}

/** The row's fields. */
const fieldsOfRow = (row: DetectedRow): Element[] => fieldElements(row.fields);
/** The row's cells that name its visit (Patient, Date, Payer, Visit #). */
const factsOfRow = (row: DetectedRow): Element[] => (row.facts ? Object.values(row.facts) : []);

/** A Payer cell that gives the payer's rank, not the payer. */
const PAYER_RANK = /^(?:primary|secondary|tertiary|pri|sec|ter|prim|[123](?:st|nd|rd)?)$/i;

/** A key cell as the page shows it: a select's chosen option's text (its value may be the EHR's id), '' for its placeholder. */
function keyText(el: Element | undefined): string {
  return el ? shownKey(readField(el, 200)) : '';
}
const shownKey = (r: FieldRead) => (r.kind === 'select' ? (r.value ? r.text : '') : r.text).trim();

/** The visit a row's own cells name (visits.ts rowKeys): its patient, date and visit number as shown. */
function rowVisitKey(row: DetectedRow | undefined): RowVisitKey | undefined {
  const f = row?.facts;
  if (!f || !(f.patient || f.dateOfService || f.visitId || f.appointment || f.account)) return undefined;
  // (An appointment cell says whose visit it is by the patient it names: "9:00 AM — Lee, Ann".)
  // (An account number where no Patient column names one: "Acct # A-1001". Not a financial
  // class written in an Account column, "Medicare", "Self-pay": a number's digits are asked.)
  const account = f.account ? keyText(f.account) : '';
  const patient = keyText(f.patient) || (f.appointment ? appointmentPatient(keyText(f.appointment)) : '');
  if (!patient && !f.patient && !f.dateOfService && !f.visitId && !/\d/.test(account)) return undefined;
  // (A date box typed in part shows scripts '': said unread, not blank, so it continues no other day.)
  const date = f.dateOfService ? readField(f.dateOfService, 200) : undefined;
  const key: RowVisitKey = { patient, date: date ? shownKey(date) : '', visit: keyText(f.visitId) };
  if (/\d/.test(account)) key.account = account;
  if (date?.unreadable) key.dateUnread = true;
  if (f.patient && f.dateOfService) key.dateFirst = !!(f.dateOfService.compareDocumentPosition(f.patient) & 4); // Node.DOCUMENT_POSITION_FOLLOWING
  return key;
}
const sameKey = (a: RowVisitKey | undefined, b: RowVisitKey | undefined) => a?.patient === b?.patient && a?.account === b?.account && a?.date === b?.date && a?.visit === b?.visit && a?.dateUnread === b?.dateUnread;

/** What a visit's heading, name line or key field shows: a control's value, else its text. */
function namerText(el: Element): string {
  return isControlNamer(el) ? keyText(el) : clean((el.textContent ?? '').slice(0, 400));
}
const isControlNamer = (el: Element) => el.localName === 'input' || el.localName === 'select' || el.localName === 'textarea';

/**
 * What a heading, name line or key field that showed `text` names, as compared from read to
 * read: a control's value; else the visit, payer and people its text names.
 */
function keyOfNamerText(el: Element, text: string): string {
  if (isControlNamer(el)) return `=${text}`;
  // What the text names, not the text: a running total ("total 3000", "Units: 2") or a status
  // ("Saving…", "Saved") the page rewrites on every keystroke names no other visit, and must
  // not make the page be read again per keystroke.
  let key = namerKeys.get(text);
  if (key === undefined) {
    const named = withoutTicking(text);
    const parts = named.split(/\s+[—–|·•]\s+|\s*[·•|]\s*/);
    const people = parts.map((part) => personName(part) ?? '').filter(Boolean);
    // (A room, an age, a record number beside a name: "Lee, Ann · Rm 4" and "· Rm 6" may be two patients, labelPatient.)
    // (Not an age and sex, "72F": "38m" is as often a timer.)
    const banner = parts.filter((part) => BANNER_PART.test(part.trim()) && !AGE_SEX.test(part.trim())).map((part) => part.trim().toLowerCase());
    // (Its dates too: "Lee, Ann (11/02/2026)" written "(11/03/2026)" is the next visit, in brackets or not.)
    const days = datesIn(named).map((d) => d.date);
    // (And whether it says it is today's: "Note" written "Today" after a signed note parts them, groupVisits.)
    key = `${headerIdentity(named) ?? ''}|${headerPayer(named) ?? ''}|${people.join(',')}|${banner.join(',')}|${days.join(',')}|${todayHeading(named) ? 'today' : ''}`;
    if (namerKeys.size > 2000) namerKeys.clear();
    namerKeys.set(text, key);
  }
  return key;
}
/** A heading's text without its running totals and save status: what its label says besides what ticks with each keystroke. */
const uncounted = (text: string) => clean(text.replace(RUNNING_TOTAL, ' ').replace(SAVE_STATUS, ' '));
/**
 * The discipline a visit's own heading names, written out ("Speech Therapy") or as a capital
 * abbreviation ("PT Daily Note", "— OT"): one only ("OT evaluation · Referred by Physical
 * Therapy" names two). Not a time zone after a clock time ("9:00 AM PT").
 */
function labelDiscipline(label: string): Visit['discipline'] | undefined {
  const text = label.replace(/\b\d{1,2}(?::\d{2})?\s*(?:[AP]\.?M\.?)?\s+(?:PT|ET|CT|MT)\b/gi, ' ');
  const named = new Set(disciplinesIn(text, true));
  for (const m of text.matchAll(/\b(PT|OT|SLP)\b/g)) named.add(m[1] as NonNullable<Visit['discipline']>);
  return named.size === 1 ? [...named][0] : undefined;
}
const AGE_SEX = /^\d{1,3}\s*[mf]$/i;
/** keyOfNamerText's answers by text: a page's headings are few, and asked again at every fact change. */
const namerKeys = new Map<string, string>();
/** The headings the page's day, patient and year are read from (headingText's), and its title. */
const HEADINGS = 'h1, h2, h3, legend, caption, [role="heading"], title';
/**
 * What a heading names that the page's day, patient or year may be read from: its dates and the
 * people its parts name; '' for one naming neither (a clock, a total, a status, "Treatment").
 */
function headingKey(text: string): string {
  const t = clean(text.slice(0, 400));
  const dates = datesIn(t).map((d) => d.date);
  const people = t.split(/\s+[—–|·•]\s+/).flatMap((part) => personName(part) ?? []);
  return dates.length || people.length ? `${dates.join(',')}|${people.join(',')}` : '';
}
/** What the headings of `text` (one a line) name, each as headingKey gives it. */
const headingKeys = (text: string) => text.split('\n').map(headingKey).filter(Boolean);

/** Elements of a subtree put in where a note's blocks were, looked at for its blocks now. */
const MAX_NOTE_LOOKED = 40;
/** What a note's block put in beside others does not hold: a heading (another visit's part), a field, a table. */
const NOT_A_NOTE = 'h1, h2, h3, h4, h5, h6, [role="heading"], input, select, table, [role="grid"], [role="table"]';
/** A note block's textarea in the look at values (not a row's index). */
const BLOCK = -1;

/** Controls looked at between two asks whether a look at the values may go on (changedValues). */
const VALUE_SLICE = 256;

export class PageSession {
  /** Full detections so far (diagnostics: the bench and the e2e suite count them). */
  detections = 0;
  /** Times one table's rows were found again alone (rows added, removed or re-rendered in it). */
  regionReads = 0;
  /**
   * Every read field by key: `r3:minutes` (first visit), `v2.r3:minutes`, `visit:payer`,
   * `visit.v2:payer`. While the page is read whole in steps, the read before's, whole: a
   * marker placed meanwhile (a scroll) finds its neighbours, not half of them.
   */
  get fields(): Map<string, Element> {
    return this.#fields;
  }
  #fields = new Map<string, Element>();
  /** The fields of a whole read under way: in place of {@link fields} once it ends. */
  #building: Map<string, Element> | undefined;
  /** Where this read keys its fields. */
  get #target(): Map<string, Element> {
    return this.#building ?? this.#fields;
  }

  readonly #root: Root;
  /** The address last read at (addressChanged). */
  #href: string;
  readonly #options: () => ReadOptions;
  #detection: Detection | undefined;
  #groups: VisitGroup[] = [];
  #groupOf: number[] = [];
  #localOf: number[] = [];
  #rows: RowRead[] = [];
  readonly #gridRows = new GridRows();
  /** The day each heading that says "Today" over a visit with no date of service gave it: the first read's (a note left open overnight keeps its day; a chart drawn anew, its heading a new element, takes the new day's). */
  #headingToday = new WeakMap<Element, string>();
  /** Which elements scroll on their own and hide content, found once per read of the page (lib/live/scroll-box.ts). */
  readonly #boxes = new BoxMemo();
  #rowIndex = new Map<Element, number>();
  #rowParent: (Element | null)[] = [];
  #fieldRow = new Map<Element, number>();
  /** Each row's Patient, Date and Visit # as read when the page was grouped: one that changes groups it again. */
  #rowKeys: (RowVisitKey | undefined)[] = [];
  /** Each visit's facts, in order of trust (after its rows' own cells, read in #part): its part of the page, the part it shares, then the page's. */
  #factsOf: VisitFact[][] = [];
  /** The facts of the page as a whole (a chart banner's), at the end of each visit's list: a visit's own heading's date comes before them. */
  #pageFacts = new Set<VisitFact>();
  #factGroup = new Map<Element, number>();
  #linesOf: FreeTextLine[][] = [];
  /** Each visit's note blocks (the elements its lines are read from) in page order: a block left with no line keeps its place. */
  #lineBlocks: Element[][] = [];
  /** Each note block's lines as last read, and its visit. */
  readonly #blockLines = new Map<Element, { n: number; lines: FreeTextLine[] }>();
  /** Note blocks typed in or rewritten since the last read: their lines are read again, not the page. */
  readonly #dirtyBlocks = new Set<Element>();
  /** Visits whose note blocks were taken off since the last read (#dropBlocks): their lines are gathered again. */
  readonly #droppedFrom = new Set<number>();
  /** Note blocks that are, or hold, a visit fact's element ("Date of service: …" written in the note): changed, the facts are read again too. */
  #factBlocks = new Set<Element>();
  /** Each visit's lines at its last build (#part), for the visit list. */
  #lineCounts: (number | undefined)[] = [];
  /** The discipline the page's headings name ("Physical Therapy Daily Note"): read when a visit names none (null: not read yet). */
  #pageDiscipline: Visit['discipline'] | null = null;
  /** The one date of service the page's headings name (a single visit's page), found when first needed: null not yet looked for. */
  #pageDate: string | undefined | null = null;
  /** The year of the page's written dates, for a visit named by a day without one (#yearlessDate); null: not looked for yet. */
  #pageYear: string | undefined | null = null;
  /** The date a heading above several visits names for their day (null: not looked for yet). */
  #dayDate: string | undefined | null = null;
  /** The patient the page's headings name, when they name one only (patientTag); null: not asked yet this detection. */
  #dayPatient: string | undefined | null = null;
  /** The page's headings as last walked (#headings); undefined: not walked since the page was detected. */
  #headingText?: string;
  /** What the headings the page's day, patient or year were worked out from this detection name (headingKey), if any were. */
  #headingInputs: Set<string> | undefined;
  /** A heading those came from now says something else: they are worked out again at the next flush. */
  #headingsMoved = false;
  /** The visits were grouped with the headings' dates (a day without its year: LinesAbout.headingDates). */
  #groupedByHeadings = false;
  /** What each of the page's first headings named then (headingKey): one that names something else now, or nothing, is news. */
  #headingKeyOf: Map<Element, string> | undefined;
  /** Each visit as last built, without its sameDay: what a later visit of its patient and date carries. */
  #dayVisits: (PageVisit | undefined)[] = [];
  /** The sessions of the day signed earlier, carried into the later ones (signedSession, under no heading that says history or another day); once per detection. */
  #carriedSessions: Set<VisitGroup> | undefined;

  #carried(): Set<VisitGroup> {
    if (this.#carriedSessions) return this.#carriedSessions;
    const signed = this.#groups.filter(signedSession);
    if (!signed.length) return (this.#carriedSessions = new Set());
    // Not a session under a heading that says history or names another day than the charted
    // ones' ("Previous visit — 10/30/2026" over its sessions, "Today" over the one charted).
    const days = new Set<string>();
    for (const g of this.#groups) if (!g.history) for (const t of headingsOver(g.start)) for (const d of datesIn(t)) days.add(d.date);
    for (const h of (this.#root.nodeType === 9 ? (this.#root as Document) : this.#root.ownerDocument!).querySelectorAll('h1')) for (const d of datesIn(h.textContent ?? '')) days.add(d.date);
    return (this.#carriedSessions = new Set(signed.filter((g) => headingsOver(g.start).every((t) => !saysHistory(t) && datesIn(t).every((d) => days.has(d.date))))));
  }
  #watched: Watched = { regions: [] };
  /**
   * What named the visits at the last detection (groupVisits' `namers`: headings, name lines,
   * "Patient:" lines, a card's Patient or Date field), each with what it said then (keyOfNamerText).
   */
  #namers = new Map<Element, { text: string }>();
  /** Boxes holding a visit's rows named by their aria-label ("<section aria-label="Ray, Bob">"), with that label. */
  #labelBoxes = new Map<Element, string>();
  /** Headings whose text changed without naming another visit: the visits' labels are brought up to date at the next flush. */
  #relabel = new Set<Element>();
  #structural = true;
  /** A note's lines put in after the read, outside it (late-lines.ts). */
  readonly #lateLines = new LateLines();
  /** Text boxes a read passed over after they were typed in (a visit comment). */
  readonly #passedFields = new PassedFields();
  /** The box not read that the last keystroke asking for a whole read was in: passed over if that read does not take it. */
  #typedUnread: Element | undefined;
  /** Shadow roots put in or attached after the read (components put in, or upgraded when their script loads). */
  readonly #lateRoots = new LateRoots(() => this.#options().shadowOf ?? openShadow);
  readonly #lateTests: LateLineTests = {
    known: (el) => this.#blockLines.has(el),
    hasLine: (el) => this.#hasLine(el),
  };
  /** Whether a text has a note's line, by text: a list the page mounts anew per keystroke says the same texts again. */
  readonly #lineTexts = new Map<string, boolean>();
  #linePhrases: { source: ReadOptions['phrases']; phrases: PhraseMatcher } | undefined;

  /**
   * The reader's phrase matcher for the phrases now; new phrases (a vocabulary loaded) forget what
   * texts said. (By the phrases' list, not the options: the content script's are made anew per call.)
   */
  #phrases(): PhraseMatcher {
    const { phrases } = this.#options();
    if (this.#linePhrases?.source !== phrases) {
      this.#linePhrases = { source: phrases, phrases: phraseMatcher(phrases) };
      this.#lineTexts.clear();
    }
    return this.#linePhrases.phrases;
  }

  /** Whether `el` is a text block with a note's line (its text asked once: #lineTexts). */
  #hasLine(el: Element): boolean {
    if (!isTextBlock(el)) return false;
    const text = blockText(el);
    if (!text || !mayHoldLine(text)) return false;
    const phrases = this.#phrases();
    let has = this.#lineTexts.get(text);
    if (has === undefined) {
      has = linesInText(text, el, phrases, this.#options().codes).length > 0;
      if (this.#lineTexts.size >= 5_000) this.#lineTexts.clear();
      this.#lineTexts.set(text, has);
    }
    return has;
  }
  /** Whether a read in steps waits between two of them (flushInSteps). */
  #waiting = false;
  /**
   * What the page said to the session while a read in steps waited (edits, mutations, a part
   * drawn, a resend): told once the read is done, in order, so nothing works on a half-built
   * read and nothing said is lost.
   */
  #held: (() => void)[] = [];
  #dirtyRows = new Set<number>();
  #dirtyFacts = false;
  /** Watched regions whose rows were added, removed or re-rendered: found again alone. */
  #dirtyRegions = new Set<Element>();
  /**
   * Tables whose day's columns were set aside at the last detection (Detection.setAside, the
   * page's note says so), each with what it read as then (setAsideKey) and how its headers and
   * cells look (tableLook): no row of theirs may be
   * read, so no watched region holds them; their headers and columns are watched instead.
   */
  #setAside = new Map<Element, { read: string; look: string }>();
  /** Set-aside tables whose headers or columns changed since the last read: found again alone at the next flush. */
  #dirtySetAside = new Set<Element>();
  #focus: string | undefined;
  /** Where a look at the read controls' values that `more` stopped will go on (changedValues). */
  #valueSweep: { controls: Iterator<readonly [Element, number | undefined]>; changed: boolean; any: boolean; connected: boolean } | undefined;
  /** Summary tables set apart at a read of this page, with what they held: kept apart after the user typed (LinesAbout.keptApart); forgotten when the page moves to another address. */
  #keptApart = new WeakMap<Element, string>();
  /** Each form control's value as last read or typed (see changedValues). */
  readonly #seenValues = new WeakMap<Element, string>();
  /** How the page was read and what was said about it, at the last detection. */
  #page: Pick<PageUpdate, 'source' | 'notes'> = { source: 'none', notes: [] };
  /**
   * What was last sent per visit: an unchanged visit is not sent again. Kept as the part, and
   * written out as JSON only when the visit is read again (a first read compares nothing).
   * A part is never changed once built.
   */
  #sent = new Map<string, VisitPart | string>();
  /** The visit list, and the page's source and notes, last sent (JSON); empty after resend(): all goes again. */
  #sentList = '';
  #sentAbout = '';

  constructor(root: Root, options: () => ReadOptions) {
    this.#root = root;
    this.#options = options;
    this.#href = this.#location();
  }

  /** The document's address now ('' for a part of a page, which has none of its own). */
  #location(): string {
    return this.#root.nodeType === 9 ? ((this.#root as Document).defaultView?.location.href ?? '') : '';
  }

  /** True when a read in steps is waiting: `told` is kept for when it is done (see #held). */
  #later(told: () => void): boolean {
    if (!this.#waiting) return false;
    this.#held.push(told);
    return true;
  }

  /**
   * Whether the address changed since the last look (a single-page app's `pushState`, which no
   * event tells): another chart's address (lib/tab-urls.ts) is `navigated`, an anchor is read
   * again. Looked at before every read too, so an edit made just after a route change is never
   * read with the rows kept from the chart before, whenever the caller's own check comes.
   */
  addressChanged(): boolean {
    // (Looked at again by the read's own flush, or the next one.)
    if (this.#later(() => this.addressChanged())) return false;
    const href = this.#location();
    if (href === this.#href) return false;
    if (pageAddress(href) !== pageAddress(this.#href)) this.navigated();
    else this.resend();
    this.#href = href;
    return true;
  }

  /** Whether the next flush finds the form again (a full read of the page). */
  get detectsNext(): boolean {
    return this.#structural || this.#detection === undefined;
  }

  /** Whether a read is due. */
  get pending(): boolean {
    return this.#structural || this.#dirtyRows.size > 0 || this.#dirtyFacts || this.#dirtyRegions.size > 0 || this.#dirtyBlocks.size > 0 || this.#relabel.size > 0;
  }

  /** Find the form again at the next flush (a new mapping, a navigation, a resend). */
  restructure(): void {
    if (this.#later(() => this.restructure())) return;
    this.#structural = true;
  }

  /** Forget what was sent: the next flush sends every visit again. */
  resend(): void {
    if (this.#later(() => this.resend())) return;
    this.#sent.clear();
    this.#sentList = '';
    this.#sentAbout = '';
    this.#structural = true;
  }

  /**
   * Whether a script changed a read field's value since it was read. Frameworks (Angular, Vue,
   * jQuery's val(), Knockout) set `value` with no event and no mutation: a page that fills the
   * same inputs with the next patient's values would otherwise keep the patient before's until
   * the user types, and then mix the two. The rows and facts whose controls changed are read at
   * the next flush. A look at each read control's value: call it now and then (the content
   * script: once a second, when the page is idle).
   *
   * `more` is asked every {@link VALUE_SLICE} controls whether to go on. When it says no, the
   * look stops there (undefined: not done) and the next call goes on from that control, so a
   * key typed meanwhile never waits for the whole look (a few milliseconds at 20,000 fields).
   * Once every control has been looked at: whether any value changed since the look began.
   */
  changedValues(more: () => boolean = () => true): boolean | undefined {
    // (Not done: asked again once the read is.)
    if (this.#waiting) return undefined;
    const sweep = (this.#valueSweep ??= { controls: this.#controls(), changed: false, any: false, connected: false });
    for (let n = 1; ; n++) {
      if (n % VALUE_SLICE === 0 && !more()) return undefined;
      const next = sweep.controls.next();
      if (next.done) break;
      const [el, row] = next.value;
      sweep.any = true;
      if (!sweep.connected && el.isConnected) sweep.connected = true;
      if (!this.#changed(el)) continue;
      sweep.changed = true;
      if (row === BLOCK) this.#blockChanged(el);
      else if (row === undefined) this.#dirtyFacts = true;
      else this.#dirtyRows.add(row);
    }
    this.#valueSweep = undefined;
    // Every control read is gone from the page, which said nothing Unitwise heard (a chart drawn
    // anew where no observer sees: a closed component, a replaced root): the page is found again.
    if (sweep.any && !sweep.connected) {
      this.#structural = true;
      return true;
    }
    return sweep.changed;
  }

  /**
   * The shadow roots the last read looked into, or the read under way in steps: a component
   * re-rendering its shadow tree (the next patient's chart) is no mutation of the document, so
   * the content script watches these too, from the read's first step.
   */
  shadowScopes(): ShadowRoot[] {
    return ((this.#waiting && this.#readingScopes) || this.#detection?.scopes || []).filter(isShadowRoot);
  }
  /** The scopes of a read in steps under way, from when they are found until its detection is kept (shadowScopes). */
  #readingScopes: readonly Root[] | undefined;

  /**
   * Shadow roots found in what the page put in since the last read (LateRoots): to watch from now
   * on, each given once. One empty when found that holds a form now (drawn while a read in steps
   * held the page's news, before it could be watched) has the page read whole (`detectsNext`).
   */
  lateShadowRoots(): readonly ShadowRoot[] {
    if (this.#waiting) return [];
    const { roots, drawn } = this.#lateRoots.take();
    if (drawn) this.#structural = true;
    return roots;
  }

  /**
   * Whether a component the read found waiting for its definition has a shadow root now (its
   * script loaded after the page; no mutation says so): the page is to be read whole, as
   * `restructure` says. Asked on the content script's clock.
   */
  componentsUpgraded(): boolean {
    if (this.#waiting || !this.#lateRoots.upgraded()) return false;
    this.#structural = true;
    return true;
  }

  /** Every read control: each row's, with its row, then each visit fact's. */
  *#controls(): Generator<readonly [Element, number | undefined]> {
    yield* this.#fieldRow;
    for (const el of this.#factGroup.keys()) yield [el, undefined];
    // (A note's textarea a script fills in: a smart phrase, dictation.)
    for (const el of this.#blockLines.keys()) if (el.localName === 'textarea') yield [el, BLOCK];
  }

  /** A note block typed in or rewritten: its lines are read again; the visit's facts too when one is written in it. */
  #blockChanged(block: Element): boolean {
    const news = !this.#dirtyBlocks.has(block) || (this.#factBlocks.has(block) && !this.#dirtyFacts);
    this.#dirtyBlocks.add(block);
    if (this.#factBlocks.has(block)) this.#dirtyFacts = true;
    return news;
  }

  /** A form control's value now; undefined for other elements (their text changes are mutations). */
  #valueOf(el: Element): string | undefined {
    const v = (el as HTMLInputElement).value;
    return typeof v === 'string' && (el.localName === 'input' || el.localName === 'select' || el.localName === 'textarea') ? v : undefined;
  }

  #see(el: Element): void {
    const v = this.#valueOf(el);
    if (v !== undefined) this.#seenValues.set(el, v);
  }

  #changed(el: Element): boolean {
    const v = this.#valueOf(el);
    if (v === undefined || this.#seenValues.get(el) === v) return false;
    this.#seenValues.set(el, v);
    return true;
  }

  /**
   * The page moved to another address without a load (a single-page app opening another chart):
   * everything is sent again, and the rows kept from virtualised grids are forgotten. A grid
   * element the app reuses for the next patient draws only the rows in view, and the rows kept
   * by index from the patient before would be read as this one's.
   */
  navigated(): void {
    if (this.#later(() => this.navigated())) return;
    this.#headingToday = new WeakMap();
    this.#gridRows.clear();
    this.#keptApart = new WeakMap();
    this.resend();
  }

  /** The user typed or picked a value in `target` (an input or change event). */
  edit(target: EventTarget | null): void {
    if (this.#later(() => this.edit(target))) return;
    const el = target as Element | null;
    if (el) this.#see(el);
    const row = el ? (this.#fieldRow.get(el) ?? this.#choiceRow(el)) : undefined;
    if (row !== undefined) {
      this.#dirtyRows.add(row);
      this.#focus = this.#groups[this.#groupOf[row]!]?.key;
      return;
    }
    const group = el ? this.#factGroup.get(el) : undefined;
    if (group !== undefined) {
      this.#dirtyFacts = true;
      if (group >= 0) this.#focus = this.#groups[group]?.key;
      return;
    }
    // A note typed in (a textarea, an editable box) whose lines were read: its lines are read again.
    const block = el && this.#blockLines.size ? this.#blockOf(el) : undefined;
    if (block) {
      this.#blockChanged(block);
      this.#focus = this.#groups[this.#blockLines.get(block)!.n]?.key;
      return;
    }
    // A box in a row read that is none of its fields, labelled as set aside (a Comments column):
    // that row is read again, not the page.
    const inRow = el ? this.#rowOfNode(el) : undefined;
    if (inRow !== undefined && this.#passedFields.rowRemark(el!)) {
      this.#dirtyRows.add(inRow);
      this.#focus = this.#groups[this.#groupOf[inRow]!]?.key;
      return;
    }
    // (A search box the page marks as one, a patient or a code looked up: no visit's field. What
    // picking a result puts on the page is read by its mutations.)
    if (el && searchLandmark(el)) return;
    // A box a read passed over when it was typed in (a visit comment), its text saying the same.
    if (el && this.#passedFields.passed(el, this.#options().codes, this.#phrases())) return;
    // A field not read before (an empty row filled in, a note typed): the form may have changed.
    this.#structural = true;
    if (el) this.#typedUnread = el;
  }

  /** Whether a read took `el`: a row's field or a box in a row read, a visit's fact (or a box in one, a date picker's wrapper), a note's block. */
  #taken(el: Element): boolean {
    if (this.#fieldRow.has(el) || !!this.#blockOf(el) || this.#rowOfNode(el) !== undefined) return true;
    let up = 0;
    for (let n: Element | null = el; n && up <= FACT_WRAPPER_UP; n = n.parentElement, up++) if (this.#factGroup.has(n)) return true;
    return false;
  }

  /** The note block `el` is, or is in (an editable box's own paragraphs). */
  #blockOf(el: Element): Element | undefined {
    for (let n: Element | null = el; n; n = n.parentElement) if (this.#blockLines.has(n)) return n;
    return undefined;
  }

  /** The row of a checkbox or radio button ticked in a read cell (modifiers ticked: the cell is the field). */
  #choiceRow(el: Element): number | undefined {
    if (el.localName !== 'input') return undefined;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (type !== 'checkbox' && type !== 'radio') return undefined;
    let n = 0;
    for (let p = el.parentElement; p && n < 4; p = p.parentElement, n++) {
      const row = this.#fieldRow.get(p);
      if (row !== undefined) return row;
    }
    return undefined;
  }

  /**
   * A part of the page the browser skipped off screen (`content-visibility: auto`) is drawn now:
   * its rows that could not be placed then are read again at the next flush.
   */
  partDrawn(part: Node): void {
    if (this.#later(() => this.partDrawn(part))) return;
    this.#rows.forEach((r, i) => {
      if (r?.grid === null && part.contains(r.element)) this.#dirtyRows.add(i);
    });
  }

  /**
   * A batch of MutationObserver records; `own` tells Unitwise's own nodes (ignored). Returns
   * whether they gave the next flush anything new to do: a change inside a row an edit already
   * marked (the page styling the row it is typed in) does not, so it does not hurry a read that
   * the edit's pace put off.
   */
  mutations(records: readonly MutationRecord[], own: (node: Node) => boolean): boolean {
    // (Something to do, maybe: the read's end says whether anything is pending.)
    if (this.#later(() => this.mutations(records, own))) return true;
    // A visit's heading or name line now says something else (its date, its patient, its payer):
    // the page is grouped again. A running total in it ("Visit 1 — 38 min") is no new name.
    if (!this.#structural && this.#labelBoxes.size) {
      for (const r of records) {
        if (r.type !== 'attributes' || (r.attributeName !== 'aria-label' && r.attributeName !== 'aria-labelledby')) continue;
        const was = this.#labelBoxes.get(r.target as Element);
        const now = was === undefined ? undefined : boxLabel(r.target as Element);
        if (was !== undefined && now !== was && keyOfNamerText(r.target as Element, now ?? '') !== keyOfNamerText(r.target as Element, was)) {
          this.#anotherVisit();
          return true;
        }
      }
    }
    if (!this.#structural && this.#namers.size) {
      // One walk up from each record's node, not a `contains` per heading and record.
      for (const r of records) {
        if (own(r.target)) continue;
        for (let n: Node | null = r.target; n; n = n.parentNode) {
          const was = this.#namers.get(n as Element);
          if (was === undefined || this.#relabel.has(n as Element)) continue;
          const now = namerText(n as Element);
          if (now === was.text) continue;
          if (keyOfNamerText(n as Element, now) !== keyOfNamerText(n as Element, was.text)) {
            this.#anotherVisit();
            return true;
          }
          // The same visit, its heading worded otherwise ("Today's treatment — Aetna", a clock in
          // it): its label follows, without reading the page again. A running total or a save
          // status is left: the label would change on every keystroke.
          if (uncounted(now) !== uncounted(was.text)) this.#relabel.add(n as Element);
        }
      }
    }
    // A fact's line or a visit's heading the app drew anew (innerHTML beside a running total): read in place.
    let redrawn = !this.#structural && !!this.#detection && this.#followRedrawn(records, own);
    // A patient or a date of service shown outside what was read (a chart's banner mounted or
    // filled in after its form) where no visit has one: the page is read whole again. (Once per
    // text: one the read does not take as the visits' is not news again.)
    if (!this.#structural && this.#detection) {
      for (const f of factsShown(records, this.#watched, own)) {
        if (this.#knowsFact(f)) continue;
        this.#anotherVisit();
        return true;
      }
    }
    // A note's line put in beside a note's blocks (a toast stack, a list): that note's block too.
    if (!this.#structural && this.#detection && this.#blockLines.size) {
      const grown = this.#grownNote(records, own);
      if (grown === false) {
        this.#structural = true;
        return true;
      }
      if (grown) redrawn = true;
    }
    // A note's line put in outside what was read (a note fetched after its form): read whole again.
    if (!this.#structural && this.#detection && this.#lateLines.news(records, this.#watched, own, this.#lateTests)) {
      this.#structural = true;
      return true;
    }
    let news = redrawn;
    // A table whose day's columns were set aside, a header renamed or a column taken off: asked
    // again alone at the flush; one gone, the page is read again (its note goes with it).
    if (!this.#structural && this.#setAside.size) {
      const touched = setAsideTouched(records, this.#setAside, own);
      if (!touched) {
        this.#structural = true;
        return true;
      }
      for (const t of touched) {
        // (A header row rebuilt with the same text, as a template re-rendered per keystroke is: nothing to read again.)
        if (this.#dirtySetAside.has(t) || tableLook(t) === this.#setAside.get(t)!.look) continue;
        this.#dirtySetAside.add(t);
        news = true;
      }
    }
    // A heading the page's day or patient was read from, rewritten in place (a single-page app
    // showing the next chart in the same elements): they are worked out again.
    // (A heading that names no date or person now, a clock or a total ticking in it, is none.)
    // So is one that named nothing when the page was read and names a day or a person now: a
    // chart's header filled in after its form (its data from a second request), or the next
    // chart's, after a blank "loading" header.
    if (this.#detection && !this.#headingsMoved) {
      const moved = (h: Element | null | undefined) => {
        // (A tooltip's, a menu's, a search's suggestions' heading names other patients as a matter of course.)
        if (!h || h.closest(CHROME)) return false;
        const was = this.#headingKeyOf?.get(h);
        // (A visit's own heading: its namer's check above says whether it names another visit.)
        if (was === undefined && this.#namers.has(h)) return false;
        const key = headingKey(h.textContent ?? '');
        return was !== undefined ? key !== was : key !== '' && !this.#headingInputs?.has(key);
      };
      for (const r of records) {
        // (An attribute, a class toggled: the heading says the same.)
        if (r.type === 'attributes' || own(r.target)) continue;
        let hit = moved((r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement)?.closest(HEADINGS));
        // Headings put in anew (a framework mounting the next chart's header): the record is their parent's.
        for (const node of r.type === 'childList' && !hit ? Array.from(r.addedNodes) : []) {
          if (node.nodeType !== 1) continue;
          const el = node as Element;
          if ((hit = (el.matches(HEADINGS) ? [el] : Array.from(el.querySelectorAll(HEADINGS)).slice(0, 10)).some(moved))) break;
        }
        if (hit) {
          this.#headingsMoved = news = true;
          this.#gridRows.clear();
          break;
        }
      }
    }
    const { verdict, regions } = reportMutations(records, this.#watched, own);
    // Shadow roots put in outside what was read (a component the page mounts): watched from now
    // on; one that holds a form's markup already has the page read whole. (A read of the whole
    // page finds them itself: not asked when these records have it read whole, `regions` null
    // with 'detect'; reportMutations gives null regions with the other verdicts too.)
    if (!this.#structural && this.#detection && !(verdict === 'detect' && !regions) && this.#lateRoots.added(records, own)) {
      this.#structural = true;
      return true;
    }
    if (verdict === 'detect') {
      if (regions) {
        for (const r of regions) {
          // (A note block's paragraphs: its lines read again.)
          if (this.#blockLines.has(r)) {
            if (this.#blockChanged(r)) news = true;
            continue;
          }
          if (this.#dirtyRegions.has(r)) continue;
          this.#dirtyRegions.add(r);
          news = true;
        }
      } else if (!this.#structural) {
        this.#structural = true;
        news = true;
      }
    }
    if (verdict === 'ignore') return news;
    for (const r of records) {
      if (own(r.target)) continue;
      const row = this.#rowOfNode(r.target);
      if (row !== undefined) {
        if (!this.#dirtyRows.has(row)) {
          this.#dirtyRows.add(row);
          news = true;
        }
      } else if (r.type === 'attributes' && isRemovalFlag(r.target)) {
        // A line left out as removed, its flag cleared (Undo): its table is read again.
        const region = regionOf(this.#watched, r.target);
        if (region ? !this.#dirtyRegions.has(region) : !this.#structural) news = true;
        if (region) this.#dirtyRegions.add(region);
        else this.#structural = true;
      } else {
        // (A note's paragraph inside a div grid's rows: its own block, not the rows' region.)
        const block = this.#blockLines.size ? this.#blockOf((r.target.nodeType === 1 ? r.target : r.target.parentNode) as Element) : undefined;
        if (block) {
          if (this.#blockChanged(block)) news = true;
          continue;
        }
        // (Else a fact's text rewritten in place.)
        if (!regionOf(this.#watched, r.target)) continue;
        news ||= !this.#dirtyFacts;
        this.#dirtyFacts = true;
      }
    }
    return news;
  }

  /**
   * Lines `records` took off the page and drew anew in their place (redrawn-facts.ts): a visit's
   * heading or name line (a namer) that names the same visit, and facts, each watched and read at
   * its new element, not the page whole again. Whether any was.
   */
  #followRedrawn(records: readonly MutationRecord[], own: (node: Node) => boolean): boolean {
    const moved = new Map<Element, Element>();
    // A namer first: a "Patient:" line may be a fact too, and goes where the namer went.
    const goneNamers = [...this.#namers.keys()].filter((el) => !el.isConnected && !isControlNamer(el));
    const namers = redrawnElements(records, goneNamers, own, (was, now) => keyOfNamerText(now, namerText(now)) === keyOfNamerText(was, this.#namers.get(was)!.text));
    for (const [was, el] of namers) {
      const said = this.#namers.get(was)!;
      this.#namers.delete(was);
      this.#namers.set(el, said);
      // (Its text said otherwise, a running total in it: the visit's label follows.)
      if (namerText(el) !== said.text) this.#relabel.add(el);
      const key = this.#headingKeyOf?.get(was);
      if (key !== undefined) this.#headingKeyOf!.set(el, key);
      // (In place: a visit is known by its group, in the sessions carried into the day's later ones.)
      for (const g of this.#groups) {
        if (g.start === was) g.start = el;
        if (g.header === was) g.header = el;
      }
      moved.set(was, el);
    }
    const found = new Map<VisitFact, Element>();
    for (const f of this.#detection!.visitFacts) if (moved.has(f.field.element)) found.set(f, moved.get(f.field.element)!);
    // (Not a namer's own line that stayed: its text changed in place, told above.)
    const others = this.#detection!.visitFacts.filter((f) => !found.has(f) && !this.#namers.has(f.field.element));
    for (const [f, el] of redrawnFacts(records, others, own, this.#options().shown ?? notHiddenByAttribute)) found.set(f, el);
    // A note's paragraphs drawn anew: the blocks now where they stood.
    const note = this.#blockLines.size ? this.#redrawnNote(records, own) : undefined;
    if (note === false) {
      this.#structural = true;
      return true;
    }
    if (!found.size && !moved.size && !note) return false;
    for (const [f, el] of found) {
      const was = f.field.element;
      moved.set(was, el);
      f.field.element = el;
      const n = this.#factGroup.get(was);
      this.#factGroup.delete(was);
      if (n !== undefined) this.#factGroup.set(el, n);
    }
    this.#watched = { regions: this.#watched.regions.map((r) => moved.get(r) ?? r) };
    if (found.size || namers.size) this.#dirtyFacts = true;
    return true;
  }

  /**
   * A note's blocks drawn anew (its paragraphs put back with innerHTML, maybe more or fewer, in
   * another order, a "Saving…" line above them): where they stood, the text blocks put in are
   * that visit's note now, their lines read at the next flush. Undefined when no block is gone;
   * false when one cannot be followed (blocks of two visits, a fact written in one, nothing in
   * its place): the page is read again.
   */
  #redrawnNote(records: readonly MutationRecord[], own: (node: Node) => boolean): boolean | undefined {
    const gone = [...this.#blockLines.keys()].filter((el) => !el.isConnected);
    if (!gone.length) return undefined;
    const left = new Set(gone);
    /** Blocks this batch put in and followed. */
    const placed = new Set<Element>();
    let regions = this.#watched.regions.filter((r) => !left.has(r));
    for (const place of placesOf(records, own)) {
      const olds = gone.filter((b) => left.has(b) && place.removed.some((n) => n.contains(b)));
      if (!olds.length) continue;
      const visits = new Set(olds.map((b) => this.#blockLines.get(b)!.n));
      if (visits.size > 1 || olds.some((b) => this.#factBlocks.has(b))) return false;
      const n = [...visits][0]!;
      // (A big subtree put in, more than is looked at: the page is read.)
      const subtrees = place.added.map((a) => [a, ...Array.from(a.querySelectorAll('*'))]);
      if (subtrees.some((t) => t.length > MAX_NOTE_LOOKED)) return false;
      // (A menu or a tooltip drawn inside what was put in is no note; a note inside a dialog stays one.)
      const all = subtrees.flat();
      const now = all.filter((el) => !this.#blockLines.has(el) && !inChrome(el, place.added) && isTextBlock(el));
      if (!now.length) {
        // (What was put in here is this visit's block already, followed from another place of
        // the same batch: paragraphs put in one by one before the old ones, then those taken off.)
        if (!all.some((el) => placed.has(el) && this.#blockLines.get(el)!.n === n)) return false;
        this.#lineBlocks[n] = this.#lineBlocks[n]!.filter((b) => !olds.includes(b));
        this.#forget(olds, left);
        continue;
      }
      // Read again whole when what is put in may say more than a note's lines: a fact written in
      // it ("Date of service: …", "Payer: …"), a part of another visit (under its heading), or no
      // line where the note had some (a "Loading…" placeholder, the note drawn elsewhere).
      if (now.some((el) => this.#noteVisitAt(el) !== n)) return false;
      if (now.some((el) => this.#saysFact(el))) return false;
      if (!now.some((el) => this.#hasLine(el)) && olds.some((b) => this.#blockLines.get(b)!.lines.length > 0)) return false;
      const list = this.#lineBlocks[n]!;
      const at = Math.min(...olds.map((b) => list.indexOf(b)));
      const kept = (b: Element) => !olds.includes(b);
      this.#lineBlocks[n] = [...list.slice(0, at).filter(kept), ...now, ...list.slice(at).filter(kept)];
      this.#forget(olds, left);
      for (const el of now) {
        this.#blockLines.set(el, { n, lines: [] });
        this.#dirtyBlocks.add(el);
        placed.add(el);
      }
      for (const g of this.#groups) if (g.start && olds.includes(g.start)) g.start = now[0]!;
      regions = [...regions, ...now];
    }
    if (left.size && !this.#dropBlocks(records, left)) return false;
    this.#watched = { regions: regionsOf([], regions) };
    return true;
  }

  /**
   * Note blocks taken off with nothing put in their place, from a box that keeps blocks of
   * their visit (a toast stack's oldest, a suggestion no longer listed): their lines go, as a
   * read of the page finds. Whether all of `gone` were; false leaves them (the page is read).
   */
  #dropBlocks(records: readonly MutationRecord[], gone: ReadonlySet<Element>): boolean {
    for (const b of gone) {
      // (A block a visit's fact was read from, "Date of service: …" in the note: the facts are read again with the page.)
      if (this.#factBlocks.has(b)) return false;
      const { n, lines } = this.#blockLines.get(b)!;
      const box = records.find((r) => r.type === 'childList' && Array.from(r.removedNodes).some((x) => x.contains(b)))?.target;
      if (!box?.isConnected) return false;
      const kept = this.#lineBlocks[n]!.filter((k) => !gone.has(k) && k.isConnected);
      if (!kept.some((k) => box.contains(k))) return false;
      // (A note that had lines and keeps none, a "Loading…" in its place elsewhere: read again.)
      if (lines.length && !kept.some((k) => this.#blockLines.get(k)!.lines.length || this.#dirtyBlocks.has(k))) return false;
    }
    for (const b of gone) {
      const { n } = this.#blockLines.get(b)!;
      this.#lineBlocks[n] = this.#lineBlocks[n]!.filter((k) => k !== b);
      this.#droppedFrom.add(n);
    }
    this.#forget(gone);
    return true;
  }

  /** Note blocks no longer read (their visit's list of blocks is the caller's), and out of `left` if given. */
  #forget(blocks: Iterable<Element>, left?: Set<Element>): void {
    for (const b of blocks) {
      this.#blockLines.delete(b);
      this.#dirtyBlocks.delete(b);
      left?.delete(b);
    }
  }

  /** Whether a text block put in writes a visit's fact ("Date of service: …", "Payer: …"): then it may say more than a note's lines. */
  #saysFact(el: Element): boolean {
    return pairsIn(textOf(el, { max: 200 }).text).some(({ label, value }) => factKey(label, value) !== null);
  }

  /**
   * Text blocks with a note's line put in beside a visit's note blocks, in a box that holds
   * them (a toast stack, a list of suggestions, a note's paragraph appended): that visit's
   * blocks too, their lines read at the next flush, as a read of the page finds them.
   * Undefined when none was; false when what was put in may say more than a note's lines (a
   * heading, a field, a fact, another visit's part, a big subtree): the page is read again.
   */
  #grownNote(records: readonly MutationRecord[], own: (node: Node) => boolean): boolean | undefined {
    let grown: boolean | undefined;
    // (A page with more text blocks than a read looks at: what is put in past them is not read
    // as a note by a read of the page either; the late-line read asks it.)
    if (this.#detection?.textCapped) return undefined;
    for (const put of textPutIn(records, this.#watched, own)) {
      const { el } = put;
      if (!el.isConnected || this.#blockLines.has(el) || inChrome(el)) continue;
      // The text blocks with a note's line in what was put in (most churn has none: asked first).
      const now = lineCandidates(put).filter((b) => !this.#blockLines.has(b) && this.#hasLine(b));
      // (The outermost block only: a paragraph's span is read with it.)
      const blocks = now.filter((b) => !now.some((o) => o !== b && o.contains(b)));
      if (!blocks.length) continue;
      // Beside one visit's blocks: the nearest box around it that holds any (a toast's stack, the
      // note's box, the form). Two visits' (a day sheet's body): left to the late-line read.
      const n = this.#blocksVisitAround(blocks[0]!);
      if (n === undefined) continue;
      // (What was put in, or the block whose text was set: not a whole box a text changed in.)
      const root = put.whole ? el : blocks[0]!;
      if (root.querySelectorAll('*').length > MAX_NOTE_LOOKED || root.matches(NOT_A_NOTE) || root.querySelector(NOT_A_NOTE)) return false;
      if (blocks.some((b) => this.#noteVisitAt(b) !== n)) return false;
      if (blocks.some((b) => this.#saysFact(b))) return false;
      const list = this.#lineBlocks[n]!;
      for (const b of blocks) {
        // (In page order: the lines are sent as the page shows them.)
        const at = list.findIndex((k) => (b.compareDocumentPosition(k) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
        list.splice(at < 0 ? list.length : at, 0, b);
        this.#blockLines.set(b, { n, lines: [] });
        this.#dirtyBlocks.add(b);
      }
      this.#watched = { regions: regionsOf([], [...this.#watched.regions, ...blocks]) };
      grown = true;
    }
    return grown;
  }

  /** The one visit whose note blocks the nearest box around `el` that holds any holds; undefined when none, or two visits'. */
  #blocksVisitAround(el: Element): number | undefined {
    const blocks = [...this.#blockLines].filter(([b]) => b.isConnected);
    for (let box = el.parentElement; box; box = box.parentElement) {
      let n: number | undefined;
      for (const [b, at] of blocks) {
        if (!box.contains(b)) continue;
        if (n !== undefined && at.n !== n) return undefined;
        n = at.n;
      }
      if (n !== undefined) return n;
    }
    return undefined;
  }

  /**
   * The visit a note block at `el` is read with, as a read of the page gives it: its part's; in
   * a read-only (history) part, the visit charted before it, else the first charted.
   */
  #noteVisitAt(el: Element): number {
    let n = this.#groups.length > 1 ? visitAt(this.#groups, el) : 0;
    while (n >= 0 && this.#groups[n]?.history) n--;
    return n >= 0 ? n : Math.max(0, this.#groups.findIndex((g) => !g.history));
  }

  /**
   * The page names another visit or patient than it did (a heading, a box's name, a banner):
   * read whole again, and the rows kept from virtualised grids forgotten, as after a navigation.
   * An app that shows the next chart in the same grid draws only its rows in view: rows kept by
   * index from the chart before, the same protocol's lines, would be read as this one's.
   */
  #anotherVisit(): void {
    this.#structural = true;
    this.#gridRows.clear();
  }

  /**
   * Whether what `f` shows is no news: a value that names no one or no day ("—", "Loading…"); a
   * page that names a patient (a day) already, in its facts, its visits or its headings (a toast,
   * a summary or a side bar naming her or the next patient is the page's churn); a payer every
   * visit has already; a text told before. (The next chart's banner in place of this one's is
   * read again by the regions it replaces.)
   */
  #knowsFact(f: FactShown): boolean {
    if (f.key === 'payer') {
      // A payer is per visit (a section may name its own under the page's, or the payer another
      // section has): news unless every visit has it already. (A text is news once.)
      const named = f.value.trim().toLowerCase();
      if (this.#dayVisits.length && this.#dayVisits.every((v) => v?.visit.payer?.trim().toLowerCase() === named)) return true;
    } else if (f.key === 'dateOfService' ? normaliseDate(f.value) === undefined : personName(f.value) === undefined) return true;
    else if (this.#knownOnPage(f)) return true;
    const told = `${f.key}:${f.value}`;
    if (this.#factsTold.has(told)) return true;
    if (this.#factsTold.size >= 100) this.#factsTold.clear();
    this.#factsTold.add(told);
    return false;
  }
  /** Whether the page already names a patient (a day of service): in its facts, its visits or its headings. */
  #knownOnPage(f: FactShown): boolean {
    if (this.#detection!.visitFacts.some((v) => v.key === f.key && !v.blank)) return true;
    if (this.#dayVisits.some((v) => (f.key === 'patient' ? v?.visit.patientTag : v?.visit.dateOfService))) return true;
    const headings = this.#headings(this.#options());
    // (A day of service, not a birth date: "Daily note — Lee, Ann (DOB 03/14/1950)" names none.)
    return f.key === 'dateOfService' ? headings.split('\n').some((h) => headerDate(h) !== undefined) : headings.split(/\n|\s+[—–|·•]\s+/).some((part) => personName(part) !== undefined);
  }
  /** What each written Patient and Date of service fact showed when last read (not a control's: the user types there). */
  #keyFactsShown = new Map<VisitFact, string>();
  /** Facts shown late that made the page be read again (#knowsFact). */
  readonly #factsTold = new Set<string>();

  /** Where a visit starts on the page (to scroll to it). */
  startOf(key: string): Element | undefined {
    return this.#groups.find((g) => g.key === key)?.start;
  }

  /** Reads what changed since the last flush: the update to send, or undefined when nothing did. */
  flush(): PageUpdate | undefined {
    if (this.#waiting) throw new Error('A read in steps is under way: flush after it.');
    return whole(this.#flushSteps(NEVER));
  }

  /**
   * {@link flush} in steps: each step returns when `pause` says so (a read of the whole page, on
   * load or after the page changed its form, is many short tasks, not one long one; a re-read of
   * the rows edited is one step). While it waits, what the page says to the session is kept and
   * told once the read is done (then {@link pending} says whether another read is due). Stopped
   * before its end (`return()`), the page is read whole next time.
   */
  *flushInSteps(pause: Pause): Steps<PageUpdate | undefined> {
    if (this.#waiting) throw new Error('A read in steps is under way: flush after it.');
    const steps = this.#flushSteps(pause);
    let done = false;
    try {
      for (;;) {
        const r = steps.next();
        if (r.done) {
          done = true;
          return r.value;
        }
        // (Only while it waits: the read's own calls, an address change seen, are not held.)
        this.#waiting = true;
        yield;
        this.#waiting = false;
      }
    } finally {
      this.#waiting = false;
      this.#readingScopes = undefined;
      if (!done) {
        steps.return(undefined);
        this.#structural = true;
        // (The read before's fields stay: the page is read whole next time.)
        this.#building = undefined;
      }
      const held = this.#held;
      this.#held = [];
      for (const told of held) told();
    }
  }

  *#flushSteps(pause: Pause): Steps<PageUpdate | undefined> {
    // A whole read that failed part way (a step threw) leaves the fields of the read before, and
    // its rows half read: the page is read whole again.
    if (this.#building) {
      this.#building = undefined;
      this.#structural = true;
    }
    this.#boxes.clear();
    this.addressChanged();
    if (!this.#structural) {
      for (const i of this.#dirtyRows) if (!this.#rowStillThere(i)) this.#structural = true;
    }
    // Rows were told apart by the year the headings gave their days ("11/03" under "Week of
    // 11/02/2026"), and a heading now says something else, or was put in late: grouped again.
    if (this.#headingsMoved && this.#groupedByHeadings) this.#structural = true;
    if (this.#structural) return yield* this.#detect(pause);
    const options = this.#options();
    for (const table of this.#dirtySetAside) if (this.#setAsideMoved(table, options)) return yield* this.#detect(pause);
    this.#dirtySetAside.clear();
    const changed = new Set<number>();
    // Rows first, while their indexes are still those of the rows read (a table read again
    // below splices its rows in and moves the indexes after it).
    for (const i of this.#dirtyRows) {
      // A row's Patient, Date or Visit # cell now names another visit: the page is grouped again.
      // (So does a row that named none and now does: an account typed into a blank Acct # box.)
      if (!sameKey(this.#rowKeys[i], rowVisitKey(this.#detection!.rows[i]))) return yield* this.#detect(pause);
      // A nested form's line removed by its script (its hidden flag set, the row hidden till
      // the form is saved): no longer a line, as a read of the page finds.
      // (In a form, as a read of the page asks: a flag outside one is no removal, and must not have every edit read the page whole.)
      const rowEl = this.#detection!.rows[i]!.element;
      if (removedLine(rowEl) && rowEl.closest('form')) return yield* this.#detect(pause);
      this.#readRow(i, options);
      changed.add(this.#groupOf[i]!);
    }
    this.#dirtyRows.clear();
    for (const region of this.#dirtyRegions) {
      const visits = this.#rereadRegion(region, options);
      if (visits === undefined) return yield* this.#detect(pause);
      for (const n of visits) changed.add(n);
    }
    this.#dirtyRegions.clear();
    if (this.#dirtyBlocks.size || this.#droppedFrom.size) {
      for (const n of this.#droppedFrom) {
        this.#linesOf[n] = this.#lineBlocks[n]!.flatMap((e) => this.#blockLines.get(e)!.lines);
        changed.add(n);
      }
      this.#droppedFrom.clear();
      const phrases = phraseMatcher(options.phrases);
      for (const el of this.#dirtyBlocks) {
        // (A block no longer read as one, a paragraph put inside it, or gone: the page is read again.)
        if (!el.isConnected || !readWhole(el)) return yield* this.#detect(pause);
        const b = this.#blockLines.get(el)!;
        b.lines = blockLines(el, phrases, options.codes);
        this.#linesOf[b.n] = this.#lineBlocks[b.n]!.flatMap((e) => this.#blockLines.get(e)!.lines);
        changed.add(b.n);
      }
      this.#dirtyBlocks.clear();
      // (A note left with no line, on a page with no rows: no visit, as a read of the page finds.)
      if (!this.#detection!.rows.length && this.#linesOf.every((l) => !l.length)) return yield* this.#detect(pause);
    }
    // Each visit's label rewritten from what it was, every heading changed in it at once (two
    // headings that swap their texts do not undo each other). A heading renames the visits it
    // heads; else the visit it sits in (not another whose label holds the same words: "Ray, Bob
    // Jr." under "Ray, Bob"); a heading above every visit, any whose label holds it.
    // (A label cut holds the heading's start, "…" after it; one cut in its middle, told apart
    // from another by its end, no longer does: named again at the next read.)
    const edits = new Map<number, { at: number; len: number; to: string }[]>();
    for (const el of this.#relabel) {
      const was = this.#namers.get(el)!;
      const now = namerText(el);
      const head = cutLabel(was.text);
      const headed = this.#groups.flatMap((g, n) => (g.header === el ? [n] : []));
      const within = headed.length || this.#groups.length < 2 ? -1 : visitAt(this.#groups, el);
      this.#groups.forEach((g, n) => {
        if (!was.text || (headed.length ? !headed.includes(n) : within >= 0 && within !== n)) return;
        const list = edits.get(n) ?? [];
        let at = g.label.indexOf(head);
        while (at >= 0 && list.some((e) => at < e.at + e.len && e.at < at + head.length)) at = g.label.indexOf(head, at + 1);
        if (at < 0) return;
        list.push({ at, len: head.length, to: now });
        edits.set(n, list);
      });
      was.text = now;
    }
    for (const [n, list] of edits) {
      const g = this.#groups[n]!;
      let label = g.label;
      for (const e of list.sort((x, y) => y.at - x.at)) label = label.slice(0, e.at) + e.to + label.slice(e.at + e.len);
      g.label = cutLabel(label);
      changed.add(n);
    }
    this.#relabel.clear();
    if (this.#dirtyFacts) {
      // A card's Patient or Date field picked anew, a "Patient:" line rewritten: grouped again.
      for (const [el, was] of this.#namers) {
        const now = namerText(el);
        if (now !== was.text && keyOfNamerText(el, now) !== keyOfNamerText(el, was.text)) {
          this.#gridRows.clear();
          return yield* this.#detect(pause);
        }
      }
      // Facts written as text are read again as the page shows them now; one the page re-drew
      // past reading in place (its label gone) is found again with the page's form.
      for (const f of this.#detection!.visitFacts) {
        // A Patient field blank when read, a name typed in it since: the visit's patient now, as a read of the page has it.
        if (f.blank && keyText(f.field.element)) return yield* this.#detect(pause);
        if (f.field.text === undefined) continue;
        const now = factTextNow(f.field);
        if (now === undefined) return yield* this.#detect(pause);
        f.field.text = now;
      }
      // A patient or a date of service the page writes (not a field typed in) written otherwise:
      // the app shows another patient, or another visit of hers, maybe in the same grid.
      for (const [f, was] of this.#keyFactsShown) {
        const now = f.field.text ?? keyText(f.field.element);
        if (now === was) continue;
        this.#keyFactsShown.set(f, now);
        this.#gridRows.clear();
      }
      this.#groups.forEach((_, n) => changed.add(n));
    }
    this.#dirtyFacts = false;
    if (this.#headingsMoved) {
      this.#headingsMoved = false;
      this.#headingInputs = undefined;
      this.#headingKeyOf = undefined;
      this.#headingText = undefined;
      this.#namedInHeadings = undefined;
      this.#pageDate = this.#dayDate = this.#dayPatient = this.#pageYear = null;
      // (What they name now, kept: the same heading drawn again is no news.)
      this.#keyHeadings(this.#detection?.scopes ?? scopesOf(this.#root, options.shadowOf).scopes);
      this.#groups.forEach((_, n) => changed.add(n));
    }
    // The patient and date each changed visit was of before: a later visit of that day carries it.
    const daysBefore = new Set([...changed].map((n) => this.#dayAt(n)));
    const visits = [...changed].sort((a, b) => a - b).flatMap((n) => this.#partIfChanged(n, options));
    visits.push(...this.#laterOfTheDay(changed, daysBefore, options));
    const list = this.#list();
    const listChanged = JSON.stringify(list) !== this.#sentList;
    const focus = this.#takeFocus();
    if (!visits.length && !listChanged) return undefined;
    this.#sentList = JSON.stringify(list);
    return { source: this.#page.source, notes: this.#page.notes, visits, ...(focus ? { focus } : {}), ...(listChanged ? { list } : {}) };
  }

  /** The visit the user edited since the last update, once: a change the page made itself (a row it added) does not take the panel away from the visit the user picked. */
  #takeFocus(): string | undefined {
    const focus = this.#focus;
    this.#focus = undefined;
    return focus && this.#groups.some((g) => g.key === focus) ? focus : undefined;
  }

  /** The visit list: each visit's lines as last built (a minutes row and a units row of one code are one line), else its rows. */
  #list(): VisitListItem[] {
    // (Never more than the rows read now: a virtualised grid's visit is built with the rows it
    // keeps by index, not on the page; counted so, its markers were lost once the grid drew its
    // first rows anew, test/e2e/grids.e2e.ts.)
    return this.#groups.map((g, n) => {
      const rows = Math.min(g.rows.length || (this.#linesOf[n]?.length ?? 0), MAX_ROWS);
      return { key: g.key, label: g.label, history: g.history, entries: Math.min(this.#lineCounts[n] ?? rows, rows) };
    });
  }

  /**
   * Rows added, removed or re-rendered in one watched region (a table's body): when all its
   * rows are one visit's, that table alone is read again and spliced into the page's rows.
   * Returns the visit's index, -1 when the region holds no rows (a fact: re-read), or
   * undefined when the page must be read whole.
   */
  #rereadRegion(region: Element, options: ReadOptions): number[] | undefined {
    const rows = this.#detection!.rows;
    // Where each row was when read (a removed row has no parent now).
    const inRegion = rows.flatMap((_, i) => (this.#rowParent[i] === region ? [i] : []));
    if (!inRegion.length) {
      this.#dirtyFacts = true;
      return [];
    }
    const n = this.#groupOf[inRegion[0]!]!;
    const group = this.#groups[n]!;
    // A day sheet's table of several visits re-rendered as it was (a framework redrawing its
    // body on each keystroke): the same rows naming the same visits, read again in place.
    if (inRegion.some((i) => this.#rowKeys[i] !== undefined)) return this.#rereadKeyedRows(region, inRegion, options);
    // One visit, wholly in this region, in one run of rows: else the page is read whole.
    if (group.rows.length !== inRegion.length || group.rows.some((i, k) => i !== inRegion[k]) || this.#linesOf[n]?.length) return undefined;
    const table = region.closest('table, [role="grid"], [role="table"], [role="treegrid"]') ?? region;
    // The table must hold this visit's rows only.
    const own = new Set(inRegion);
    if (rows.some((r, i) => !own.has(i) && table.contains(r.element))) return undefined;
    const found = detectRows(table, { ...options, profiles: this.#detection!.source === 'profile' ? options.profiles : [] });
    const fresh = found.rows;
    if (!fresh.length || found.source !== this.#detection!.source || found.freeText.length) return undefined;
    // Rows that name their visit (a Patient or Date cell): a row added for another patient is
    // another visit, so the page is grouped again.
    if (fresh.some((r) => rowVisitKey(r) !== undefined)) return undefined;
    // A row naming a visit that did not before (a date or patient row the page added, "11/03/2026"
    // above the next day's lines): the visit's rows are not all this visit's any more.
    if (this.#newGroupRow(table, fresh)) return undefined;
    // A read-only table (a summary the page rewrites as the user types) stays read-only, else
    // the page's visits are worked out again; so too a table that turns editable or read-only
    // beside other visits (a note switched to edit mode in place): which visits are history
    // depends on which are being charted.
    const editableNow = fresh.some((r) => fieldsOfRow(r).some(editable));
    if (group.history && editableNow) return undefined;
    if (this.#groups.length > 1 && editableNow !== inRegion.some((i) => fieldsOfRow(rows[i]!).some(editable))) return undefined;
    this.regionReads++;
    const first = inRegion[0]!;
    const count = inRegion.length;
    for (const i of inRegion) for (const key of this.#rows[i]?.keys ?? []) this.#target.delete(key);
    const all = [...rows.slice(0, first), ...fresh, ...rows.slice(first + count)];
    this.#detection = { ...this.#detection!, rows: all };
    this.#rows = [...this.#rows.slice(0, first), ...fresh.map(() => undefined as unknown as RowRead), ...this.#rows.slice(first + count)];
    const shift = fresh.length - count;
    // Rows after the table's move by the change, whichever visit has them (a summary split off
    // a visit may sit above rows of the visit it was split from: visits' rows need not be in order).
    const end = first + count;
    this.#groups = this.#groups.map((g, m) => {
      if (m !== n) return shift && g.rows.some((i) => i >= end) ? { ...g, rows: g.rows.map((i) => (i >= end ? i + shift : i)) } : g;
      const indexes = fresh.map((_, k) => first + k);
      return { ...g, rows: indexes, start: g.start.isConnected ? g.start : fresh[0]!.element };
    });
    this.#index();
    for (let k = 0; k < fresh.length; k++) this.#readRow(first + k, options);
    return [n];
  }

  /**
   * Whether a table whose day's columns were set aside reads otherwise now, found again alone:
   * other columns set aside, none (its total's column taken off), or rows read where none were.
   * The page is then read whole: its visits and its note change.
   */
  #setAsideMoved(table: Element, options: ReadOptions): boolean {
    const found = detectRows(table, { ...options, profiles: [] });
    const was = this.#setAside.get(table)!;
    if (setAsideKey(found.setAside?.get(table), found.rows.length > 0) !== was.read) return true;
    // Read as before (a tooltip in the Total's header, a total written in it as the user types):
    // its look now is the one to compare the next change with.
    was.look = tableLook(table);
    return false;
  }

  /** Whether `table` holds a group row naming a visit ("Visit 3 — 11/20", a date) that did not name one at the last grouping. */
  #newGroupRow(table: Element, lines: readonly DetectedRow[]): boolean {
    const own = new Set(lines.map((r) => r.element));
    let known: Set<string | undefined> | undefined;
    for (const row of Array.from(table.querySelectorAll('tr, [role="row"]'))) {
      if (own.has(row) || this.#namers.has(row)) continue;
      // A date, a visit's number or time; or a person not named there before (the next
      // patient's row added under the one patient's): a row naming a person the table named
      // already (the table drawn again) changes nothing.
      const text = groupRowText(row, (t) => personName(t));
      if (text === undefined) continue;
      if (groupRowText(row) !== undefined) return true;
      // (Who each row naming a person named at the last grouping: the same person named again, her totals beside her changed, is no news.)
      known ??= new Set([...this.#namers.keys()].flatMap((el) => (el.matches('tr, [role="row"]') ? [personName(groupRowText(el, (t) => personName(t)) ?? '')] : [])));
      if (!known.has(personName(text))) return true;
    }
    return false;
  }

  /**
   * The rows of a region whose rows name their visits, re-rendered: when the region's rows are
   * found again one for one, each naming the visit it named, they replace the old ones in their
   * visits (the visits read again are returned); else (a row added, another patient) undefined:
   * the page is grouped again.
   */
  #rereadKeyedRows(region: Element, inRegion: number[], options: ReadOptions): number[] | undefined {
    const rows = this.#detection!.rows;
    const first = inRegion[0]!;
    if (inRegion.some((i, k) => i !== first + k)) return undefined;
    const table = region.closest('table, [role="grid"], [role="table"], [role="treegrid"]') ?? region;
    const own = new Set(inRegion);
    if (rows.some((r, i) => !own.has(i) && table.contains(r.element))) return undefined;
    const found = detectRows(table, { ...options, profiles: this.#detection!.source === 'profile' ? options.profiles : [] });
    const fresh = found.rows;
    if (fresh.length !== inRegion.length || found.source !== this.#detection!.source || found.freeText.length) return undefined;
    if (fresh.some((r, k) => !sameKey(rowVisitKey(r), this.#rowKeys[first + k]) || fieldsOfRow(r).some(editable) !== fieldsOfRow(rows[first + k]!).some(editable))) return undefined;
    this.regionReads++;
    const byOld = new Map<Element, Element>(inRegion.map((i, k) => [rows[i]!.element, fresh[k]!.element]));
    for (const i of inRegion) for (const key of this.#rows[i]?.keys ?? []) this.#target.delete(key);
    const all = [...rows];
    fresh.forEach((r, k) => (all[first + k] = r));
    this.#detection = { ...this.#detection!, rows: all };
    // A visit that started at one of the old rows starts at its new one.
    this.#groups = this.#groups.map((g) => (byOld.has(g.start) ? { ...g, start: byOld.get(g.start)! } : g));
    this.#index();
    for (const i of inRegion) this.#readRow(i, options);
    return [...new Set(inRegion.map((i) => this.#groupOf[i]!))];
  }

  /** Which visit and place each row has, and which row each field and row element is. */
  #index(): void {
    const rows = this.#detection!.rows;
    this.#groupOf = [];
    this.#localOf = [];
    this.#groups.forEach((g, n) =>
      g.rows.forEach((i, local) => {
        this.#groupOf[i] = n;
        this.#localOf[i] = local;
      }),
    );
    this.#rowIndex = new Map();
    rows.forEach((r, i) => {
      this.#rowIndex.set(r.element, i);
      for (const p of r.parts ?? []) this.#rowIndex.set(p, i);
    });
    this.#rowParent = rows.map((r) => r.element.parentElement);
    // A look at the values half done goes round the new rows from the start.
    this.#valueSweep = undefined;
    this.#fieldRow.clear();
    rows.forEach((row, i) => {
      // (Indexed: every row's, while the reader is not optimised yet.)
      const fields = fieldsOfRow(row);
      for (let k = 0; k < fields.length; k++) this.#fieldRow.set(fields[k]!, i);
      const facts = factsOfRow(row);
      for (let k = 0; k < facts.length; k++) this.#fieldRow.set(facts[k]!, i);
    });
    this.#rowKeys = rows.map(rowVisitKey);
  }

  *#detect(pause: Pause): Steps<PageUpdate | undefined> {
    this.detections++;
    this.#structural = false;
    this.#dirtyRows.clear();
    this.#dirtyBlocks.clear();
    this.#droppedFrom.clear();
    this.#dirtyFacts = false;
    const options = this.#options();
    /** How often the read stopped for the page's tasks (a read in steps): the page may have changed meanwhile. */
    let stops = 0;
    const stop = () => pause() && ++stops > 0;
    // (The roots this read looks into, watched by the content script from the read's first step.)
    let detection = yield* detectRowsInSteps(this.#root, { ...options, scopesFound: (scopes) => (this.#readingScopes = scopes) }, stop);
    if (stop()) yield;
    const stopped = stops > 0;
    // What the page said while the read waited is told at its end, against what was kept of the
    // page since: a fact found in an earlier step and rewritten before the visits are grouped
    // ("Patient: Bob Ray" → "Ann Lee") would be grouped by its old text and kept with the new one.
    // Grouped by the text it shows now; one no longer readable in place has the page read again.
    let refound = false;
    if (stopped) {
      for (const f of detection.visitFacts) {
        if (f.field.text === undefined) continue;
        const now = factTextNow(f.field);
        if (now === undefined) refound = true;
        else f.field.text = now;
      }
    }
    // (Not a dialog's over the chart that holds none of its lines, where the chart names the same: an eligibility check's payer.)
    detection = { ...detection, visitFacts: outsideRowlessDialogs(detection.visitFacts, [...detection.rows.map((r) => r.element), ...detection.freeText.map((l) => l.element)]) };
    this.#detection = detection;
    this.#readingScopes = undefined;
    this.#lateRoots.read(detection.scopes ?? [], detection.waiting ?? []);
    this.#keyFactsShown = new Map(detection.visitFacts.flatMap((f) => ((f.key === 'patient' || f.key === 'dateOfService') && !isControlNamer(f.field.element) ? [[f, f.field.text ?? keyText(f.field.element)] as const] : [])));
    let rows = detection.rows;
    const namers: Element[] = [];
    this.#groupedByHeadings = false;
    this.#groups = groupVisits(
      rows.map((r) => r.element),
      (i) => fieldsOfRow(rows[i]!),
      // (The headings walked only when a Date cell's day without its year asks, once.)
      linesAbout(rows, detection.visitFacts, options.phrases, this.#keptApart, () => {
        this.#groupedByHeadings = true;
        return headingText({ scopes: detection.scopes ?? scopesOf(this.#root, options.shadowOf).scopes });
      }),
      (i) => rowVisitKey(rows[i]),
      namers,
    );
    // At most MAX_VISITS visits (the message's limit): the rest are named as not read.
    let visitsLeftOut = '';
    if (this.#groups.length > MAX_VISITS) {
      const last = this.#groups[MAX_VISITS - 1]!;
      visitsLeftOut = `This page shows ${this.#groups.length} visits; the first ${MAX_VISITS} were read: the visits after “${last.label}” were not checked.`;
      // The kept visits' rows, in page order (a patient seen again further down has rows past the cut).
      const kept = this.#groups.slice(0, MAX_VISITS);
      const keep = [...new Set(kept.flatMap((g) => g.rows))].sort((a, b) => a - b);
      const at = new Map(keep.map((old, k) => [old, k]));
      this.#groups = kept.map((g) => ({ ...g, rows: g.rows.map((i) => at.get(i)!) }));
      detection.rows = rows = keep.map((i) => rows[i]!);
    }
    // A note with no grid: its lines are one visit.
    if (!this.#groups.length && detection.freeText.length) this.#groups = [{ key: 'v1', label: 'Visit 1', history: false, rows: [], start: detection.freeText[0]!.element }];
    this.#index();
    // Visits' headings too: one edited in place ("Patient: Alice Adams — 11/02" → Bob) may make the visit another (see mutations).
    for (const g of this.#groups) if (g.header) namers.push(g.header);
    // (Their texts only: what each names is worked out when one changes, not on every read.)
    // A box named by its aria-label holds its rows: not a namer watched by its text (every
    // keystroke's status inside it would ask), but by that attribute (mutations).
    this.#namers = new Map();
    this.#labelBoxes = new Map();
    for (const el of namers) {
      const label = boxLabel(el);
      if (label === undefined) this.#namers.set(el, { text: namerText(el) });
      else this.#labelBoxes.set(el, label);
    }
    this.#relabel.clear();
    // (What named each visit and each row's keys are kept in the step that grouped them: a
    // heading or a Patient cell changed after it, while a read in steps waits, is then seen as
    // changed when it is told at the read's end.)
    const grouped = stops;
    if (stop()) yield;
    this.#building = new Map();
    this.#rows = [];
    this.#dirtyRegions.clear();
    for (let i = 0; i < rows.length; i++) {
      if (i % PAUSE_EVERY === PAUSE_EVERY - 1 && stop()) yield;
      // A Patient or Date input a script set with no event since the grouping (a framework
      // filling the next patient's row): its row is grouped again at the next flush, where the
      // look at values would find nothing, the value read here being the new one.
      if (stops !== grouped && this.#rowKeys[i] !== undefined && !sameKey(this.#rowKeys[i], rowVisitKey(rows[i]))) this.#dirtyRows.add(i);
      this.#readRow(i, options);
    }
    if (stop()) yield;
    // Facts and note lines go to the visit whose part of the page they are in; those above
    // every visit (a patient banner's payer) hold for each visit that has none of its own.
    const charted = this.#groups.findIndex((g) => !g.history);
    // A fact or note line inside a read-only table's part of the page is about the visit being
    // charted around it: the nearest one before, else the first.
    /** Whether `el` comes before visit n's first row (in its heading's part of the page). */
    const aboveRows = (n: number, el: Element) => {
      const first = rows[this.#groups[n]!.rows[0]!]?.element;
      return !!first && !first.contains(el) && !!(first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
    };
    const chartedAt = (n: number) => {
      while (n >= 0 && this.#groups[n]!.history) n--;
      return n >= 0 ? n : Math.max(0, charted);
    };
    this.#factsOf = this.#groups.map(() => []);
    this.#linesOf = this.#groups.map(() => []);
    this.#lineCounts = [];
    this.#factGroup.clear();
    const pageFacts: VisitFact[] = [];
    // (A page with a payer or a date but no visit's lines, a patient summary, has no visit to give them to.)
    for (const fact of this.#groups.length ? detection.visitFacts : []) {
      let n = this.#groups.length > 1 ? visitAt(this.#groups, fact.field.element) : 0;
      // Below a history table, a fact is about the visit being charted; above its rows, under
      // its own heading ("Prior visit — 10/30 · Payer: Aetna"), it is that visit's own.
      if (n >= 0 && this.#groups[n]!.history && !aboveRows(n, fact.field.element)) n = chartedAt(n);
      this.#factGroup.set(fact.field.element, n);
      this.#see(fact.field.element);
      if (n < 0) pageFacts.push(fact);
      else this.#factsOf[n]!.push(fact);
    }
    // The visits split off one table by its rows' cells share the facts of its part of the page,
    // above it or in a footer below it (a payer, a date), whichever of them the place gave them
    // to; each visit's own cells come first (#part).
    const family = new Map<string, number[]>();
    this.#groups.forEach((g, n) => {
      const head = g.sharesFactsOf ?? (this.#groups.some((h) => h.sharesFactsOf === g.key) ? g.key : undefined);
      if (head !== undefined) family.set(head, [...(family.get(head) ?? []), n]);
    });
    for (const members of family.values()) {
      // Facts above or below the table, not a line inside it under one patient's rows.
      const table = rows[this.#groups[members[0]!]!.rows[0]!]?.element.closest('table, [role="grid"], [role="table"], [role="treegrid"]');
      const pooled = members.flatMap((n) => this.#factsOf[n]!).filter((f) => !table?.contains(f.field.element));
      for (const n of members) this.#factsOf[n] = [...this.#factsOf[n]!, ...pooled.filter((f) => !this.#factsOf[n]!.includes(f))];
    }
    this.#factsOf.forEach((own) => own.push(...pageFacts));
    this.#pageFacts = new Set(pageFacts);
    this.#lineBlocks = this.#groups.map(() => []);
    this.#blockLines.clear();
    const linesIn = new Map<Element, FreeTextLine[]>();
    for (const line of detection.freeText) linesIn.set(line.element, [...(linesIn.get(line.element) ?? []), line]);
    // Each block with its visit's (a note box with no line yet too: typed in, it is read alone).
    for (const el of detection.textBlocks ?? [...linesIn.keys()]) {
      const at = this.#noteVisitAt(el);
      if (!this.#linesOf[at]) continue;
      const lines = linesIn.get(el) ?? [];
      this.#linesOf[at]!.push(...lines);
      this.#blockLines.set(el, { n: at, lines });
      this.#lineBlocks[at]!.push(el);
      this.#see(el);
    }
    // (Asked only of what a note's line put in late made the page be read for; blocks are few.)
    this.#lateLines.read((el) => [...this.#blockLines.keys()].some((b) => el.contains(b) || b.contains(el)));
    // A box typed in that this read did not take either: its next keystrokes read nothing while its text says the same.
    const typed = this.#typedUnread;
    this.#typedUnread = undefined;
    if (typed && !this.#taken(typed)) this.#passedFields.pass(typed, options.codes, this.#phrases());
    // (Facts are few, blocks few: each pair asked.)
    this.#factBlocks = new Set([...this.#blockLines.keys()].filter((b) => detection.visitFacts.some((f) => b.contains(f.field.element))));
    this.#pageDiscipline = detection.source === 'none' ? undefined : null;
    this.#pageDate = detection.source === 'none' ? undefined : null;
    this.#dayDate = this.#pageDate;
    this.#dayPatient = null;
    this.#namedInHeadings = undefined;
    this.#headingText = undefined;
    this.#headingInputs = undefined;
    this.#headingKeyOf = undefined;
    this.#headingsMoved = false;
    this.#pageYear = null;
    this.#dayVisits = [];
    this.#carriedSessions = undefined;
    const facts = detection.visitFacts.map((f) => f.field.element);
    this.#watched = { regions: regionsOf(rows.flatMap((r) => [r.element, ...(r.parts ?? [])]), [...facts, ...this.#blockLines.keys(), ...this.#namers.keys()]) };
    // (Few tables, once per read: each one's rows looked for among the rows read.)
    this.#setAside = new Map([...(detection.setAside ?? [])].map(([t, heads]) => [t, { read: setAsideKey(heads, rows.some((r) => t.contains(r.element))), look: tableLook(t) }]));
    this.#dirtySetAside.clear();

    // What the page shows that Unitwise cannot read (a canvas grid, other sites' frames).
    const doc = this.#root.nodeType === 9 ? (this.#root as Document) : undefined;
    const unseen = doc?.defaultView ? unseenNotes(doc, doc.defaultView.location.origin) : [];
    const notes = [...detection.notes, ...(visitsLeftOut ? [visitsLeftOut] : []), ...unseen];
    if (notes.some((n) => /rows on this page were read/.test(n)) && this.#groups.length) {
      const last = this.#groups[this.#groups.length - 1]!;
      notes.push(`Reading stopped in “${last.label}”: that visit may be incomplete, and visits after it on the page were not read.`);
    }
    const source = this.#groups.length ? detection.source : 'none';
    // Kept for the updates that follow: what is said about the page holds until it is read again.
    this.#page = { source, notes };
    const about = JSON.stringify([source, notes]);
    // What is said about the page goes with every visit (its notes, how it was read): when
    // that changed, every visit is sent again; else only the visits that changed.
    const aboutChanged = about !== this.#sentAbout;
    if (aboutChanged) this.#sent.clear();
    this.#sentAbout = about;
    for (const key of this.#sent.keys()) if (!this.#groups.some((g) => g.key === key && !g.history)) this.#sent.delete(key);
    const visits: VisitPart[] = [];
    for (let n = 0; n < this.#groups.length; n++) {
      if (stop()) yield;
      visits.push(...this.#partIfChanged(n, options));
    }
    // The same for a card's Patient or Date field, a namer: its visit is grouped again.
    if (stops !== grouped) for (const [el, was] of this.#namers) if (namerText(el) !== was.text) this.#dirtyFacts = true;
    // The read's fields in place of the read before's, whole.
    this.#fields = this.#building!;
    this.#building = undefined;
    // (After the parts: the list counts each visit's lines as built.)
    const list = this.#list();
    const listJson = JSON.stringify(list);
    // (A fact that could not be read in place again: found again at the next flush.)
    if (refound) this.#structural = true;
    if (!aboutChanged && listJson === this.#sentList && !visits.length) return undefined;
    this.#sentList = listJson;
    const focus = this.#takeFocus();
    return { source, notes, list, visits, ...(focus ? { focus } : {}) };
  }

  #readRow(i: number, options: ReadOptions): void {
    const row = this.#detection!.rows[i]!;
    // (Indexed: every row of a first read runs this before the reader is optimised.)
    const seen = fieldsOfRow(row);
    for (let k = 0; k < seen.length; k++) this.#see(seen[k]!);
    const facts = factsOfRow(row);
    for (let k = 0; k < facts.length; k++) this.#see(facts[k]!);
    // The row's old keys go first: the reading sets its new ones in the session's map itself.
    const before = this.#rows[i];
    if (before) for (const key of before.keys) this.#target.delete(key);
    const reading = new Reading(options, this.#target);
    // Keys by visit and row in it (`v18.r10:minutes`; `r10:minutes` in the first visit): a
    // row added to one visit leaves the others' keys, and so their messages, unchanged.
    const local = this.#localOf[i] ?? i;
    const n = this.#groupOf[i] ?? 0;
    // A virtualised grid's row is keyed by its row index in the grid, not by its place among
    // the rows drawn now: a row read before and scrolled away keeps its own key.
    // (Found again only when the row is another element or says another index, or was not
    // drawn when it was found: a keystroke's read of its row otherwise measures nothing, so the
    // page is never laid out between its own writes.)
    const index = row.element.getAttribute('aria-rowindex');
    const inGrid = before && before.element === row.element && before.rowIndex === index && before.grid !== null ? before.grid : gridRow(row.element, this.#boxes);
    const name = inGrid?.index !== undefined ? `g${inGrid.index}` : `r${local}`;
    const built = reading.row(row, i, `Row ${local + 1}`, n === 0 ? name : `${this.#groups[n]!.key}.${name}`);
    reading.finish();
    this.#rows[i] = { element: row.element, rowIndex: index, built, notes: reading.notes, keys: reading.keys, ...(inGrid !== undefined && { grid: inGrid }) };
  }

  /** The patient row i's Patient cell names, else the nearest row's above it in its table that names one. */
  #keyPatient(i: number): string | undefined {
    for (let j = i; j >= 0 && this.#rowParent[j] === this.#rowParent[i]; j--) if (this.#rowKeys[j]?.patient) return this.#rowKeys[j]!.patient;
    return undefined;
  }

  /** Visit n's patient and date as last built (dayOf), to find the later visits an edit of it changes. */
  /** The page's headings, walked once per detection (a walk costs as much as a tenth of a first read) for its date and discipline. */
  #headings(options: ReadOptions): string {
    if (this.#headingText === undefined) {
      const scopes = this.#detection?.scopes ?? scopesOf(this.#root, options.shadowOf).scopes;
      this.#headingText = headingText({ scopes });
      for (const key of headingKeys(this.#headingText)) (this.#headingInputs ??= new Set()).add(key);
      this.#keyHeadings(scopes);
    }
    return this.#headingText;
  }

  /** What the page's first headings name now, each kept (see #headingKeyOf); once per detection. */
  #keyHeadings(scopes: readonly Root[]): void {
    if (this.#headingKeyOf) return;
    this.#headingKeyOf = new Map();
    for (const h of queryDeep(scopes, HEADINGS, 50)) this.#headingKeyOf.set(h, headingKey(h.textContent ?? ''));
  }

  #dayAt(n: number): string | undefined {
    const v = this.#dayVisits[n];
    return v ? dayOf(v.visit) : undefined;
  }

  /** The visits after the changed ones of a patient and date they were or are now of: their sameDay changed with them. */
  #laterOfTheDay(changed: ReadonlySet<number>, daysBefore: Set<string | undefined>, options: ReadOptions): VisitPart[] {
    for (const n of changed) daysBefore.add(this.#dayAt(n));
    daysBefore.delete(undefined);
    if (!daysBefore.size) return [];
    const first = Math.min(...changed);
    const out: VisitPart[] = [];
    for (let n = first + 1; n < this.#groups.length; n++) {
      if (!changed.has(n) && daysBefore.has(this.#dayAt(n))) out.push(...this.#partIfChanged(n, options));
    }
    return out;
  }

  /** Visit n as it reads now, when it differs from what was last sent (history is never sent). */
  #partIfChanged(n: number, options: ReadOptions): VisitPart[] {
    const group = this.#groups[n]!;
    if (group.history) {
      // An earlier session of the day, signed (read-only beside the one being charted, "AM
      // session 9:00" above "PM session 2:00"): not sent, but carried into the day's later
      // visits, which CMS bills with it (CPM Pub. 100-04 Ch. 5 §20.2).
      if (this.#carried().has(group)) this.#part(n, options);
      return [];
    }
    const part = this.#part(n, options);
    const before = this.#sent.get(group.key);
    if (before === undefined) {
      this.#sent.set(group.key, part);
      return [part];
    }
    const json = JSON.stringify(part);
    if ((typeof before === 'string' ? before : JSON.stringify(before)) === json) return [];
    this.#sent.set(group.key, json);
    return [part];
  }

  #part(n: number, options: ReadOptions): VisitPart {
    const group = this.#groups[n]!;
    // Rows not drawn when they were read are placed now if they are (all of the visit's at
    // once: a grid's rows are judged together), read again for the key their place gives them.
    // (Rows still skipped are left: every visit is built again when the page's facts change.)
    for (const i of group.rows) if (this.#rows[i]!.grid === null && rowDrawn(this.#detection!.rows[i]!.element, this.#boxes)) this.#readRow(i, options);
    // A virtualised grid split into visits by its group rows (a treegrid's dates): its rows are
    // the visits' together, each visit's drawn now, and what it holds is judged over all of them.
    const grids = new Set<Element | undefined>(group.rows.flatMap((i) => this.#rows[i]!.grid?.grid ?? []));
    const inGrids = (i: number) => grids.has(this.#rows[i]?.grid?.grid);
    const shared = grids.size > 0 && this.#groups.some((g, m) => m !== n && g.rows.some(inGrids));
    const gridRows = shared ? this.#groups.flatMap((g) => g.rows.filter(inGrids)).sort((a, b) => a - b) : group.rows;
    // Rows of a virtualised grid seen before and scrolled away are kept (lib/live/grid-rows.ts).
    const merged = this.#gridRows.merge(gridRows.map((i) => ({ at: this.#rows[i]!.grid ?? undefined, element: this.#detection!.rows[i]!.element, built: this.#rows[i]!.built })));
    // In a grid whose rows name their visits, or that is split by its group rows, the rows kept
    // by index are the grid's, whoever's visit they were: the visit is its rows drawn now, and
    // what the grid did not draw is said.
    const keyed = shared || group.rows.some((i) => this.#rowKeys[i] !== undefined);
    const grid = keyed ? { built: group.rows.map((i) => this.#rows[i]!.built), coverage: merged.coverage } : merged;
    // Copies: a note line's minutes are merged into its row's entry for this build only.
    // (A flowsheet's minutes row and units row of one code: one line, its units marked where they are.)
    const built = pairMeasureRows(
      grid.built.map((b) => ({ ...b, entry: { ...b.entry } })),
      (line, unitsRow) => {
        const units = this.#target.get(`${unitsRow}:units`);
        if (units) this.#target.set(`${line}:units`, units);
      },
    );
    const reading = new Reading(options);
    let entries = mergeFreeText(reading, built, this.#linesOf[n] ?? [], options);
    const notes = group.rows.flatMap((i) => this.#rows[i]!.notes);
    // A line whose Date cell says no day (a box typed in part, "11/0"): kept from the row above's
    // visit of another day (rowKeys), and said. (From the keys read at grouping: no cell read again.)
    for (const i of group.rows) {
      const key = this.#rowKeys[i];
      if (dateUnread(key)) notes.push(unreadDateNote((this.#localOf[i] ?? 0) + 1, key!.date ?? '', !!key!.dateUnread, [this.#keyPatient(i), this.#rows[i]!.built.entry.code]));
    }
    // What was not read is said, and the visit is not judged as if it were whole.
    const partial = grid.coverage.map(coverageNote).filter((s): s is string => !!s);
    if (entries.length > MAX_ROWS) {
      partial.push(`Rows ${MAX_ROWS + 1}–${entries.length} of this visit were not read: Unitwise checks at most ${MAX_ROWS} lines per visit.`);
      entries = entries.slice(0, MAX_ROWS);
    }
    notes.push(...partial);
    this.#lineCounts[n] = entries.length;
    const visit: Visit = { entries };
    if (partial.length) visit.incomplete = partial.join(' ').slice(0, 400);
    // The visit's rows' own Patient, Date and Payer cells first, as the rows are now (a table
    // the page re-rendered has new cells); a blank one says nothing (the row above, or the page, says it).
    const own: VisitFact[] = [];
    for (const i of group.rows) {
      const facts = this.#detection!.rows[i]?.facts;
      if (!facts) continue;
      for (const [key, element] of Object.entries(facts)) {
        // An appointment ("9:00 AM — Lee, Ann") is its patient's name when it names one, else nothing.
        if (key === 'appointment') {
          const patient = !facts.patient && element ? appointmentPatient(shownValue(element)) : '';
          if (patient) own.push({ key: 'patient', field: { element, text: patient } });
          continue;
        }
        // (An account tells rows apart only: rowVisitKey. It names no patient of the visit.)
        if (key === 'account') continue;
        const text = element && key !== 'visitId' ? shownValue(element) : '';
        // A payer's rank ("Primary") names no payer: the page's own says which. (A date that
        // is no day is said above, dateUnread; a day without its year, "11/03" under
        // "10/30/2026", is its rows' whole date, keyDate.)
        if (text && !(key === 'payer' && PAYER_RANK.test(text)) && !(key === 'dateOfService' && (dateUnread(this.#rowKeys[i]) || (!!group.keyDate && yearlessOf(text, group.keyDate))))) own.push({ key: key as VisitFact['key'], field: { element: element! } });
      }
    }
    // A Discipline column naming PT on one line and OT on another says each line's plan, not the
    // visit's: no discipline for the visit then (each line's GP or GO says its plan of care).
    const disciplines = new Set(own.flatMap((f) => (f.key === 'discipline' ? [disciplineOf(shownValue(f.field.element))].filter((d) => d !== undefined) : [])));
    const mixedPlans = disciplines.size > 1;
    // (Of two lines of a kind, the one the user sees in the chart: not a hidden one, nor a schedule's in a side bar.)
    let facts = chartFacts(
      [...own, ...(this.#factsOf[n] ?? [])].filter((f) => !mixedPlans || f.key !== 'discipline'),
      options.shown ?? notHiddenByAttribute,
    );
    // A patient field above every visit (a day sheet's patient search, a quick-charge box, the
    // last patient opened) is no visit's own when the visits' headings name several people on
    // one day ("Lee, Ann", "Ray, Bob" under "Patient: [Cole, Eve]"): each is its heading's, or
    // every visit would be Eve's (the tag its dismissed warnings are kept by). One person named
    // over every visit of a day, or over visits of different days ("Kim, Joe — 9:00 AM", "Kim,
    // Joe — 2:00 PM"; "Daily note — Kim, Joe — 11/02" then "— Park, Sue — 11/04"), is a
    // therapist: the page's patient stands, as does the same patient or a heading naming no one.
    if (!group.history && !own.some((f) => f.key === 'patient')) {
      const pagePatient = facts.find((f) => f.key === 'patient' && this.#pageFacts.has(f));
      const named = pagePatient && this.#headingPatients(options);
      const who = named?.get(n);
      const theirs = pagePatient && clean(pagePatient.field.text ?? shownValue(pagePatient.field.element));
      const pageName = theirs ? (personName(theirs) ?? theirs.toLowerCase()) : '';
      if (who && who.others && who.name !== pageName && !who.name.startsWith(`${pageName} `)) facts = facts.filter((f) => f !== pagePatient);
    }
    // The date in the visit's own heading ("Visit — 03/16/2026") over one the page shows for all
    // of them (a banner's "Date: 03/18/2026" above a week of visits); a date in its own part of
    // the page or its rows comes first.
    const dated = group.header && !facts.some((f) => f.key === 'dateOfService' && !this.#pageFacts.has(f)) ? (headerDate(group.label, false, this.#agesAsOf(group.label, options)) ?? this.#yearlessDate(group.label, options)) : undefined;
    if (dated) {
      // Said when the page's date is another: the user sees which one the visit was checked on.
      const other = facts.map((f) => (f.key === 'dateOfService' ? (f.field.text ?? shownValue(f.field.element)).slice(0, 40) : '')).find((t) => t && normaliseDate(t) !== dated);
      if (other) reading.notes.push(`Date of service ${dated} taken from this visit's heading "${group.label}", not the page's "${other}".`);
      facts = facts.filter((f) => f.key !== 'dateOfService');
    }
    // The payer the visit's own header names beside its patient ("Ray, Bob — Aetna"), over one
    // the page shows for every visit (a banner's); one in its own part of the page comes first.
    const named = group.header && !facts.some((f) => f.key === 'payer' && !this.#pageFacts.has(f)) ? (headerPayer(group.label) ?? headerPayer(partsText(group.header))) : undefined;
    if (named) {
      const other = facts.map((f) => (f.key === 'payer' ? (f.field.text ?? shownValue(f.field.element)).slice(0, 60) : '')).find((t) => t && t.toLowerCase() !== named.toLowerCase());
      if (other) reading.notes.push(`Payer ${named} taken from this visit's heading "${group.label}", not the page's "${other}".`);
      facts = facts.filter((f) => f.key !== 'payer');
    }
    readFacts(visit, firstFacts(facts), reading, n === 0 ? 'visit' : `visit.${group.key}`);
    if (dated) visit.dateOfService = dated;
    if (named) visit.payer = named;
    // Its rows' Date column, written on the rows above it (a day's date written once): the visit's date, over the page's.
    if (group.keyDate && !own.some((f) => f.key === 'dateOfService')) visit.dateOfService = group.keyDate;
    // A page of one visit whose date is in a heading above its form, not beside its table
    // ("<h1>Daily note — Ann Lee — 11/02/2026</h1><p>Payer…</p><form><table>"): that date,
    // when the headings name one only; so too a visit of several named only by its patient or
    // its part of the day ("Visits 11/02/2026" over "Lee, Ann" and "Ray, Bob"; an AM and a PM
    // session). A numbered visit of several is dated by its own heading.
    const alone = this.#groups.filter((g) => !g.history).length === 1;
    /** A signed session of the day beside the one being charted: dated and named as a session being charted is. */
    const session = this.#carried().has(group);
    if (!visit.dateOfService && (!group.history || session) && (alone || namedWithinTheDay(group.label) || namedByPatientOnly(group))) {
      // (Not an earlier visit's own heading, listed as history beside it: "Visit 11/04/2026" above
      // today's "Charges"; nor a side bar's or a menu's, "Appointments 11/09/2026". A heading above
      // them all naming today's date, "Daily note 11/06/2026", still dates it.)
      if (alone && this.#pageDate === null) {
        const earlier = this.#headsHistory();
        const scopes = this.#detection?.scopes ?? scopesOf(this.#root, options.shadowOf).scopes;
        const main = headingText({ scopes }, (h) => !!h.closest(FRAME) || earlier(h));
        this.#pageDate = onlyHeadingDate(main, false, this.#agesAsOf(main, options));
        this.#headingInputs ??= new Set();
        for (const key of headingKeys(main)) this.#headingInputs.add(key);
        this.#keyHeadings(scopes);
      }
      // Of several visits, only a heading above them all that names the day ("Visits 11/02/2026",
      // "Daily note — … — 11/02/2026"), never a visit's own (an earlier visit's "Visit 10/30/2026")
      // or a banner's birth date ("Ann Lee · 03/04/1950").
      const date = alone ? this.#pageDate : this.#dayOfVisits(options);
      // (Not a note the page says was signed before that day: an earlier visit's, whose day is not known.)
      if (date) {
        const signed = signedDay(group.label);
        if (!(signed && signed < date)) visit.dateOfService = date;
      }
      // Several days' sessions under their days' headings: each its own section's day (not a
      // day's heading over earlier visits listed as history: "11/04/2026" over printed lines).
      else if (!alone && group.header && namedWithinTheDay(group.label)) {
        const last = group.rows.length ? this.#detection!.rows[group.rows[group.rows.length - 1]!]?.element : undefined;
        const day = sectionDate(group.header, last ?? group.header, this.#headsHistory());
        if (day) visit.dateOfService = day;
      }
    }
    // A flowsheet's column per day, today's typed in: the day of the column its lines were read
    // from, when nothing else on the page dates the visit ("11/06/2026", "Wed 11/06").
    if (!visit.dateOfService && !group.history) {
      const header = sharedColumnDay(group.rows.map((i) => this.#detection!.rows[i]!.fields));
      const day = header && (headerDate(header) ?? this.#yearlessDate(header, options));
      // (Not a day to come: a column typed ahead is a plan.)
      if (day && day <= localDay(new Date())) {
        visit.dateOfService = day;
        reading.notes.push(`Date of service ${day} taken from the column its minutes were read from ("${header}").`);
      }
    }
    // A visit whose own heading says it is today's ("Today", "Today's note") and that nothing on
    // the page dates: today, by the user's clock, said so (a signed note of an earlier day above
    // it is history, its date not this visit's).
    // (Not where a date-of-service fact was read that gave no date, "13/45/2026": its note says
    // so. A blank box is no fact read. The day is the first read's with such a heading: a note
    // left open overnight is not moved to the next day by a keystroke after midnight.)
    if (!visit.dateOfService && !group.history && group.header && saysToday(group.label) && !facts.some((f) => f.key === 'dateOfService')) {
      let day = this.#headingToday.get(group.header);
      if (!day) this.#headingToday.set(group.header, (day = localDay(new Date())));
      visit.dateOfService = day;
      reading.notes.push(`Date of service ${day} (today) taken from this visit's heading "${group.label}": no date of service was read for it on the page.`);
    }
    // Sessions named only by their time of day ("AM session 9:00", "PM session 2:00") under a
    // heading that names one person ("Daily note — Ann Lee — 11/02/2026"): that patient's, so
    // they are billed as her day. (A heading naming two people, patient and therapist, names none.)
    // (One session charted beside a signed one: still one of the day's sessions.)
    if (!visit.patientTag && (!group.history || session) && (!alone || this.#carried().size > 0) && namedWithinTheDay(group.label) && personName(clean(group.label)) === undefined) {
      if (this.#dayPatient === null) {
        const matcher = phraseMatcher(options.phrases);
        // Only a patient banner (a record number or birth date beside the name; a birth date
        // unlabelled but for a sex or an age beside it, "Lee, Ann  03/04/1941  F", too) or a
        // note's own heading (its day: "Daily note — Ann Lee — 11/02/2026"): a clinic's, a user's
        // or a therapist's name in a heading of its own is no patient.
        const names = new Set(
          this.#aboveVisits(options)
            .filter((h) => BANNER_EVIDENCE.test(labelBirthDates(h)) || (dayHeading(h) && headerDate(h) !== undefined))
            .flatMap((h) => h.split(/\s+[—–|·•]\s+/).map((part) => (ORGANISATION.test(part) ? undefined : personName(part, (text) => matcher.test(text)))))
            .filter((n): n is string => !!n),
        );
        this.#dayPatient = names.size === 1 ? patientTag([...names][0]!) : undefined;
      }
      if (this.#dayPatient) visit.patientTag = this.#dayPatient;
    }
    // A visit headed by its patient ("Lee, Ann — 9:00 AM", "Lee, Ann (2)"): the page says whose
    // it is, so her later session that day, another patient's between, is billed with the earlier
    // (CPM Pub. 100-04 Ch. 5 §20.2 counts units over the day).
    if (!visit.patientTag && !group.history && !alone) {
      // (Already asked this detection where a patient field above the visits gave way to it.)
      const matcher = phraseMatcher(options.phrases);
      const who = this.#namedInHeadings?.get(n)?.name ?? labelPatient(group.label, group.start, (text) => matcher.test(text));
      if (who) visit.patientTag = patientTag(who);
    }
    if (!visit.discipline && !mixedPlans) {
      // The visit's own heading names its discipline ("Lee, Ann — Speech Therapy", "PT Daily
      // Note"); else the headings above every visit do ("Physical Therapy Daily Note"), never
      // another visit's own. (Walking the page for its headings costs as much as a tenth of a
      // first read: only when needed.)
      const own = labelDiscipline(group.label);
      if (this.#pageDiscipline === null && !own) this.#pageDiscipline = disciplineOf(this.#aboveVisits(options).join('\n'), true);
      const discipline = own ?? this.#pageDiscipline;
      if (discipline) visit.discipline = discipline;
    }
    for (const [key, el] of reading.fields) this.#target.set(key, el);
    // The patient's earlier visits of this date on the page: the day is billed together.
    this.#dayVisits[n] = group.history && !session ? undefined : { label: group.label, visit: { ...visit } };
    const sameDay = earlierSameDay(this.#dayVisits, n);
    if (sameDay.length) visit.sameDay = sameDay;
    return { key: group.key, visit, notes: [...new Set([...notes, ...reading.notes])] };
  }

  /**
   * The person each charted visit's own heading names (labelPatient), and whether another
   * person is named over a visit of the same day (its heading's date; '' for one its heading
   * does not date): a day sheet of several patients. Worked out once per detection, when a
   * patient field above the visits asks.
   */
  #headingPatients(options: ReadOptions): Map<number, { name: string; others: boolean }> {
    if (this.#namedInHeadings) return this.#namedInHeadings;
    const matcher = phraseMatcher(options.phrases);
    const found: { n: number; name: string; day: string }[] = [];
    this.#groups.forEach((g, n) => {
      const name = g.history ? undefined : labelPatient(g.label, g.start, (text) => matcher.test(text));
      if (name) found.push({ n, name, day: headerDate(clean(g.label)) ?? g.keyDate ?? '' });
    });
    return (this.#namedInHeadings = new Map(found.map((f) => [f.n, { name: f.name, others: found.some((o) => o.day === f.day && o.name !== f.name) }])));
  }
  #namedInHeadings?: Map<number, { name: string; others: boolean }>;

  /**
   * The date of a visit named by a day without its year ("Mon 11/2", "Tue, Nov 3"), of the year
   * the page's dates of service and headings give when they give one (not a birth date:
   * headerDate), else of this year; none when they give two.
   */
  #yearlessDate(label: string, options: ReadOptions): string | undefined {
    const day = headingDay(clean(label));
    if (!day) return undefined;
    if (this.#pageYear === null) {
      const written = [...this.#detection!.visitFacts.filter((f) => f.key === 'dateOfService').map((f) => normaliseDate(f.field.text ?? shownValue(f.field.element))), ...this.#headings(options).split('\n').map((h) => headerDate(h))];
      const years = new Set(written.flatMap((d) => (d ? [d.slice(0, 4)] : [])));
      this.#pageYear = years.size === 1 ? [...years][0]! : years.size ? undefined : String(new Date().getFullYear());
    }
    if (!this.#pageYear) return undefined;
    // A weekday beside the day says the year when the page's is the wrong one ("Mon 12/28", then "Fri 1/1": next year's).
    const weekday = weekdayOf(label);
    const year = Number(this.#pageYear);
    const fits = (y: number) => weekday === undefined || new Date(`${y}${day.slice(1)}T12:00:00Z`).getUTCDay() === weekday;
    const chosen = [year, year + 1, year - 1].find(fits) ?? year;
    return normaliseDate(`${chosen}${day.slice(1)}`);
  }

  /** The day a heading above every visit names ("Visits 11/02/2026", "Day Sheet 11/02/2024"), once per detection. */
  #dayOfVisits(options: ReadOptions): string | undefined {
    if (this.#dayDate === null) this.#dayDate = onlyHeadingDate(this.#aboveVisits(options).filter(dayHeading).join('\n'), true);
    return this.#dayDate;
  }

  /**
   * The day an age printed in `text` beside a birth date is as of: the page's day (a day sheet of
   * 11/02/2024 prints its patients' ages of then), else undefined (the user's clock). Asked only
   * where a birth date may be printed: other pages walk no headings for it.
   */
  #agesAsOf(text: string, options: ReadOptions): string | undefined {
    return mayHoldBirthDate(text) ? this.#dayOfVisits(options) : undefined;
  }

  /** Whether a heading starts with the label of an earlier visit listed as history (its own heading: "Visit 11/04/2026"). */
  #headsHistory(): (heading: Element) => boolean {
    const labels = this.#groups.filter((g) => g.history && g.label).map((g) => g.label.replace(/ \(\d+\)$/, ''));
    return (h) => labels.length > 0 && labels.some((label) => clean(h.textContent).startsWith(label));
  }

  /**
   * The page's headings that are no visit's own name: what names the page's day or patient above
   * its several visits. A heading two visits' names hold is theirs in common ("Lee, Ann · Visits
   * 11/02/2026" and "Ray, Bob · Visits 11/02/2026", split from one table by its Patient column).
   */
  #aboveVisits(options: ReadOptions): string[] {
    const own = this.#groups.map((g) => clean(g.label));
    return this.#headings(options)
      .split('\n')
      .filter((h) => {
        const c = clean(h);
        let holding = 0;
        for (const label of own) if (label.includes(c) && ++holding > 1) return true;
        return holding === 0;
      });
  }

  #rowStillThere(i: number): boolean {
    const row = this.#detection?.rows[i];
    return !!row && row.element.isConnected && fieldsOfRow(row).every((el) => el.isConnected);
  }

  #rowOfNode(node: Node): number | undefined {
    for (let n: Node | null = node; n; n = n.parentNode) {
      const i = this.#rowIndex.get(n as Element);
      if (i !== undefined) return i;
    }
    return undefined;
  }
}

/**
 * What a table whose day's columns were set aside reads as: whether some are, and whether any of
 * its rows is read. (Not the headers' words: a tooltip or a running total in the Total's header
 * changes them, not what is read.)
 */
const setAsideKey = (heads: ReadonlySet<string> | undefined, rowsRead: boolean) => `${!!heads?.size}|${rowsRead}`;
/** How a table's columns look: its headers' text and its number of cells (a column renamed, put in or taken out changes it). */
function tableLook(table: Element): string {
  const heads = Array.from(table.querySelectorAll('th, [role="columnheader"]'), (h) => h.textContent ?? '');
  return `${heads.join('\u0001')}|${table.querySelectorAll('td, [role="gridcell"], [role="cell"]').length}`;
}

/** How far up from a box a visit's fact may be its wrapper (an input group, a date picker: "<div><i></i><input></div>"). */
const FACT_WRAPPER_UP = 3;

/** Beside a name, what makes a heading a patient banner: a record number, a birth date, an age. */
const BANNER_EVIDENCE = /\b(?:mrn|mr#|dob|d\.o\.b\.?|born|age|acct|account|chart)\b|#\s*\d/i;
/** Words of an organisation's or a place's name, not a person's. */
const ORGANISATION = /\b(?:health|healthcare|hospital|clinic|clinics|medical|center|centre|rehab|rehabilitation|therapy|therapies|orthopa?edics|sports|wellness|care|campus|desk|associates|group|partners|services|university|institute|permanente|cross|shield|welcome|dr|md|do|pt|dpt|ot|otr|slp|pta|cota)\b/i;

/** A heading that names a day's visits: a day sheet, a note, visits or sessions. */
const DAY_HEADING_WORDS = /\b(?:visits?|day ?sheet|daily|note|schedule|dos|date of service|treatments?|flowsheet|encounters?|sessions?|appointments?|charges?|billing|log|roster|census|today|group|patients\s+seen|clinic\s+day)\b/i;
/** A heading that names a day: by its words ("Visits 11/02/2026", "Charge capture — 11/02/2026"), or the date alone ("Monday, November 2, 2026"). */
// (A day's heading with a count, "11/04/2026 (2 visits)", is one too: with another day's, no one day is the page's.)
const dayHeading = (h: string) => DAY_HEADING_WORDS.test(h) || (DATE_WORDS_ONLY.test(h.replace(DATE_WORDS, '')) && headerDate(h) !== undefined) || dayOnlyDate(h) !== undefined;
const DATE_WORDS = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b/gi;
const DATE_WORDS_ONLY = /^[\d\s,./\-–—:]*$/;

/** The date of service the page's headings name, when they name one only (headerDate's rules: not a DOB, a signed or a plan-of-care date). */
function onlyHeadingDate(headings: string, dayTitles = false, asOf?: string): string | undefined {
  const dates = new Set(headings.split('\n').map((h) => headerDate(h, dayTitles, asOf)).filter((d): d is string => !!d));
  return dates.size === 1 ? [...dates][0] : undefined;
}
