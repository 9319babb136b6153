// Finding a visit's line items on a page (issue 3): a site profile first, then a generic
// detector for forms nobody mapped.
//
// Runs in the content script: no zod, no imports of modules that build schemas. Reads only;
// never writes to the host page. Descends into open shadow roots but never into frames: the
// content script runs in every frame and calls readVisit(document) in each.

import { CODE_SHAPE, LabelCache, cellAtColumn, cellsOf, isCell, columnHeaderOf, span, rowOfCell, MAX_CELL_CHARS, isControl, isEditable, isTextInput, knownCodesIn, markChoiceCell, visitLabelCandidates, readField, textOf, unchosen, words } from './fields';
import { REMARK_LABEL, groupRowText, isOutlineParent, outlineParentOf } from './group-rows';
import type { SiteProfile } from './profile';
import { PROFILE_FIELD_KEYS, PROFILE_VISIT_KEYS } from './profile';
import { clean } from './visit-names';
import { PAYER_BY_VALUE_LABEL, namesPayer } from './payer-names';
import { appointmentPatient, editable, personName } from './visits';
import { columnDay, compareDays, datesIn, normaliseDate, sessionColumn, sessionOf } from './dates';
import { NEVER, PAUSE_EVERY, whole, type Pause, type Steps } from './steps';

export type Root = Document | Element | ShadowRoot;

/** Lines in one visit, at most (the Visit schema's limit); more are left out with a note. */
export const MAX_ROWS = 200;
/**
 * Rows read on one page, at most (a week's flowsheet, a day sheet: many visits of up to 200
 * lines); more are left out with a note that says where reading stopped.
 */
export const MAX_PAGE_ROWS = 5_000;
/** Elements looked at when walking the page, at most. */
const MAX_ELEMENTS = 150_000;
/** Plausible field candidates (see `plausibleFields`) classified, at most. */
export const MAX_FIELDS = 25_000;
/** Free-text blocks scanned for "Gait training 10:05-10:28", at most. */
const MAX_TEXT_BLOCKS = 2_000;

export type RowRole = 'label' | 'code' | 'minutes' | 'units' | 'modifiers' | 'assistantMinutes' | 'startTime' | 'endTime' | 'coTreatment';
export type VisitRole = 'payer' | 'discipline' | 'dateOfService' | 'totalTreatmentMinutes' | 'ytdPtSlp' | 'ytdOt' | 'patient';
export type Role = RowRole | VisitRole | 'visitId' | 'appointment' | 'account' | 'ignore';

export type RowFields = Partial<Record<Exclude<RowRole, 'modifiers'>, Element>> & {
  modifiers?: Element[];
  /**
   * A flowsheet's other columns of the day `minutes` is under (a column per session, "11/02/2026
   * 0900 | 11/02/2026 1400", "AM | PM"), left to right: the day's minutes are theirs and
   * `minutes`'s added up (Reading.row).
   */
  minutesMore?: Element[];
  /** As `minutesMore`, for a row of units. */
  unitsMore?: Element[];
};
/** The RowFields keys of a day's other columns (RowFields.minutesMore). */
type MoreKey = 'minutesMore' | 'unitsMore';

export interface DetectedRow {
  element: Element;
  fields: RowFields;
  /** The row's other parts in an ARIA grid that draws pinned columns in their own containers (one row element each, the same `aria-rowindex`). */
  parts?: Element[];
  /**
   * Cells of the row that name its visit rather than a line (a day sheet's Patient, Date, Payer
   * or Visit # column): rows that differ in them are different visits (lib/extract/visits.ts).
   */
  facts?: RowFacts;
  /** Its minutes field's label says minutes:seconds ("Duration (mm:ss)", "Timer min:sec"): "23:40" is 23 minutes 40 seconds. */
  minutesSeconds?: true;
  /**
   * A row with no minutes field holding numbers under columns headed by days (a flowsheet's
   * "11/02 | 11/04 | 11/06" beside rows named "Ther ex", not "Ther ex minutes"): those headers.
   * Minutes or units, nothing says: none is read, and the reading says why.
   */
  unnamedDays?: string[];
}

/** What a row's own cells say about its visit. */
export type RowFactKey = 'patient' | 'dateOfService' | 'payer' | 'discipline' | 'visitId' | 'appointment' | 'account';
export type RowFacts = Partial<Record<RowFactKey, Element>>;
/** How a table's rows of one shape are read (Page.rowFields): each field's and fact's place among the row's fields. */
interface RowPlan {
  fields: [Exclude<RowRole, 'modifiers'>, number][];
  modifiers: number[];
  /** RowFields.minutesMore and unitsMore, when the row has them. */
  more?: [MoreKey, number[]][];
  facts: [RowFactKey, number][];
  /** The minutes column's label (Page.minutesSeconds asks it). */
  minutesLabel: string;
}
const ROW_FACT_KEYS = new Set<Role>(['patient', 'dateOfService', 'payer', 'discipline', 'visitId', 'appointment', 'account']);

/** A line of free text that names an intervention and a duration ("Gait training 10:05-10:28"). */
export interface FreeTextLine {
  element: Element;
  /** The line (sentence) as read, at most MAX_CELL_CHARS. */
  text: string;
  /** The duration as written in it ("10:05-10:28", "23 min"). */
  duration: string;
}

/** A visit-level fact's element, and its text when only part of the element's text is the value. */
export interface VisitField {
  element: Element;
  /** The value as read when found, for a fact written as text (not a control). */
  text?: string;
  /** "Payer: Aetna" inside `element`'s text: the label, to read the value again as the page rewrites it (visitText). */
  pair?: string;
  /** "<span>Payer:</span> Aetna": the label element, whose next text is the value. */
  after?: Element;
  /** That label element's text, to find it again when the page re-draws the line with the same markup. */
  afterText?: string;
}

/**
 * A text fact's value as the page shows it now (a page rewrites "Payer: Medicare" to "Payer:
 * Aetna" for the next patient), or undefined when it cannot be read in place: its label gone or
 * re-drawn as another element, its line grown past what a fact's line may be. The caller then
 * finds the page's facts again.
 */
export function factTextNow(f: VisitField): string | undefined {
  if (f.pair !== undefined) {
    if (!f.element.isConnected) return undefined;
    const text = textOf(f.element, { max: 200 }).text;
    if (text.length > MAX_FACT_LINE) return undefined;
    const label = f.pair.trim().toLowerCase();
    const value = pairsIn(text).find((p) => p.label.trim().toLowerCase() === label)?.value;
    // (A rank's value ends before a later coverage's label, as when first read: "Primary: Aetna, Secondary: AARP".)
    return (value !== undefined && !roleOfLabel(f.pair) ? value.replace(LATER_LABEL_IN, '') : value)?.slice(0, 200);
  }
  if (f.after) {
    let label: Element | undefined = f.after;
    // Re-drawn with the same markup (jQuery's .html()): the label is found again by its text in the same line.
    if (!label.isConnected || label.parentElement !== f.element) {
      label = f.element.isConnected && f.afterText !== undefined ? Array.from(f.element.children).find((c) => textOf(c, { max: 200 }).text === f.afterText) : undefined;
      if (!label) return undefined;
      f.after = label;
    }
    // The first text after the label; an icon between them (no text of its own) is passed over.
    for (let n = label.nextSibling; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        const t = (n.nodeValue ?? '').trim();
        if (t) return t.slice(0, 200);
      } else if (n.nodeType === 1 && (n.textContent ?? '').trim()) return undefined;
    }
    return undefined;
  }
  if (!f.element.isConnected) return undefined;
  return (f.text ?? readField(f.element, 200).text).slice(0, 200);
}

/** A line of text longer than this is not read for facts ("Payer: …" inside a paragraph of prose). */
const MAX_FACT_LINE = 120;

/** "Payer: Medicare Part B · DOS: 2026-11-20": each part of a line of text that is a label and a value. */
export function pairsIn(text: string): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const part of text.split(/\s+[·•|]\s+/).flatMap(atLabels)) {
    const inline = /^([^:]{2,40}):\s*(\S.*)$/.exec(part);
    if (inline) out.push({ label: inline[1]!, value: inline[2]!.trim() });
  }
  return out;
}

/**
 * A part split before each further label the reader knows, with nothing between them ("Payer:
 * Aetna DOS: 11/02/2026", two <small>s side by side): the label is the fewest words before the
 * colon that name a visit's fact ("DOS", "Date of service"), so the value before keeps its words.
 */
function atLabels(part: string): string[] {
  const first = part.indexOf(':');
  if (first < 0) return [part];
  const out: string[] = [];
  let start = 0;
  const label = /\s([A-Za-z][A-Za-z.#/ ]{0,29}):(?=\s)/g;
  label.lastIndex = first + 1;
  for (let m = label.exec(part); m; m = label.exec(part)) {
    const words = m[1]!.split(' ');
    for (let k = words.length - 1; k >= 0; k--) {
      const tail = words.slice(k).join(' ');
      const role = roleOfLabel(tail);
      if (!role || !(VISIT_ROLES.has(role) || role === 'startTime' || role === 'endTime')) continue;
      const at = m.index + 1 + m[1]!.length - tail.length;
      out.push(part.slice(start, at).trim());
      start = at;
      break;
    }
  }
  out.push(part.slice(start).trim());
  return out;
}

export type VisitFields = Partial<Record<VisitRole | 'startTime' | 'endTime', VisitField>>;

export interface DetectOptions {
  profile?: SiteProfile;
  /** Several mappings for this origin (one per form kind): the first that matches is used. */
  profiles?: readonly SiteProfile[];
  codes: ReadonlySet<string>;
  phrases: readonly string[];
  /** Rows detected on the page, at most (default MAX_PAGE_ROWS). */
  maxRows?: number;
  /** Field candidates the user sees, read at most (default MAX_FIELDS; tests pass less). */
  maxFields?: number;
  /**
   * Whether a field is shown to the user (hidden ones never count toward the read limit). The
   * content script passes the browser's `checkVisibility`; the default looks at the `hidden`
   * attribute only (DOM emulators have no layout, and computing styles there is slow).
   */
  shown?: (el: Element) => boolean;
  /**
   * The shadow root an element hosts. The content script passes one that sees closed roots too
   * (the extension APIs for it); the default sees open ones only.
   */
  shadowOf?: ShadowOf;
  /**
   * Told the document and the shadow roots the read looks into as soon as they are found, before
   * its first pause: the content script watches them from then on, so a component that draws
   * in its root while a read in steps waits is news, not lost between the read and its end.
   */
  scopesFound?: (scopes: readonly Root[]) => void;
  /** Whether a table's rows of one shape are read by the plan of the first (Page.rowFields; default true). False reads each row field by field: a test compares the two. */
  rowPlans?: boolean;
}

export type ShadowOf = (el: Element) => ShadowRoot | null;
export const openShadow: ShadowOf = (el) => el.shadowRoot;
export const isShadowRoot = (n: Root): n is ShadowRoot => n.nodeType === 11 && 'host' in n;

export interface Detection {
  source: 'profile' | 'generic' | 'none';
  /** A profile was given but its selectors no longer match this page: it was not used. */
  stale: boolean;
  rows: DetectedRow[];
  /** Free-text lines outside the rows (generic detection only). */
  freeText: FreeTextLine[];
  /**
   * The text blocks the lines were read from, and the note boxes a user types in (a textarea,
   * an editable box) with no line yet, in page order: typed in, their lines are read again alone.
   */
  textBlocks?: Element[];
  /** Whether the page held more text blocks than are read for a note's lines (MAX_TEXT_BLOCKS): those after were not looked at. */
  textCapped?: boolean;
  visitFields: VisitFields;
  /**
   * Every visit-level fact found, in order of trust (fields first, then "Label: value" text):
   * on a page with several visits each takes the facts in its own part of the page.
   */
  visitFacts: VisitFact[];
  notes: string[];
  /** The document and the open shadow roots it was read in: a caller looking again (the page's headings) need not walk the page again. */
  scopes?: Root[];
  /** Custom elements not defined yet, with no shadow root (scopesOf): their component may draw a form in one when its script loads. */
  waiting?: Element[];
  /** Tables or grids whose day's columns were set aside (Page.setAside, said in `notes`), and the headers of those columns. */
  setAside?: ReadonlyMap<Element, ReadonlySet<string>>;
}

export interface VisitFact {
  key: VisitRole | 'startTime' | 'endTime';
  field: VisitField;
  /** A Patient field left blank: it tells a card being filled in apart from the card before (visits.ts), and is no visit's patient (firstFacts skips it). */
  blank?: true;
}

// ---------------------------------------------------------------------------------------
// Label words → role.

const ROLE_PATTERNS: [Role, RegExp][] = [
  // Whether a line is billed, and its price: not its name (BILL_HEADER, notBilled).
  // ("Charge" may name the service: it is a label's word below.)
  ['ignore', /^(?:bill|billable|billed|to bill|fee|amount|price|n c|no charge)$/],
  ['ignore', /\b(comments?|notes?|remarks?|goals?|response|assessment|total timed|timed total|signature|signed|time ?frame|frequency)\b/],
  // Other dates on a visit form are not the date of service.
  ['ignore', /\b(birth|dob|born|onset|referral|admission|admit|discharge|cert|certification|recert|injury|surgery|due|next|eval|evaluation|last)\b/],
  // Dates of the record, not of the service ("Date entered", "Posted", "Created on").
  // (And a report's: "Run date", "Report date", "Date generated". "Progress report date" too:
  // a tracking box's due date as often as a report's own; the visit is then dated otherwise, or said undated.)
  ['ignore', /\b(entered|entry|posted|posting|created|modified|updated|edited|billed|submitted|printed|charted|run|report|generated|exported)\b.*\bdate\b|\bdate\b.*\b(entered|entry|posted|posting|created|modified|updated|edited|billed|submitted|printed|charted|run|generated|exported)\b/],
  // Dates of the care plan, orders and authorizations ("POC date", "Order date", "Auth date").
  ['ignore', /\b(poc|plan of care|order|ordered|orders|auth|authorization|authorized|precert|effective|expiration|expires)\b.*\bdate\b|\bdate\b.*\b(ordered|authorized|expires)\b/],
  // A secondary or tertiary payer is never the one the visit is billed to first.
  ['ignore', /^(?!.*\b(primary|pri)\b)(?:.*\b(secondary|tertiary|supplemental|medigap)\b.*\b(payer|payor|insurance|insurer|ins|carrier|coverage)\b|.*\b(payer|payor|insurance|insurer|ins|carrier|coverage)\b.*\b(secondary|tertiary)\b)/],
  // This clinic's year-to-date therapy spend (the KX threshold amount used), OT apart.
  // (Not a count: "Visits used YTD (PT)".)
  ['ignore', /\b(visits?|sessions?|appointments?|appts?)\b.*\b(ytd|year to date)\b|\b(ytd|year to date)\b.*\b(visits?|sessions?|appointments?|appts?)\b/],
  ['ytdOt', /\b(ytd|year to date|threshold|kx)\b.*\b(ot|occupational)\b|\b(ot|occupational)\b.*\b(ytd|year to date|threshold amount|kx)\b/],
  ['ytdPtSlp', /\b(ytd|year to date)\b.*\b(therapy|spend|spent|amount|dollars|charges|pt|slp)\b|\b(therapy|kx) (threshold|cap) (amount|used|spend|to date|ytd|year to date)\b|\bamount (applied|used) (toward|to) (the )?(therapy )?(threshold|cap)\b/],
  ['totalTreatmentMinutes', /\b(total (treatment|tx|therapy|visit|session) (time|min|mins|minutes)|total (time|min|mins|minutes)|ttm|total treatment|treatment time total)\b/],
  // The patient the page names: the whole label only ("Patient", "Patient name", "MRN"), never "Patient education".
  ['patient', /^(?:(?:patient|client|resident|member|participant)(?: (?:full )?name| id| number| no)?|pt (?:name|id|number|no)|mrn|medical record(?: number| no)?|chart (?:number|no))$/],
  // A day sheet's account column ("Acct #", "Patient Acct"): the row's patient where no Patient
  // column names one (page-session.ts rowVisitKey), never a fact of a visit (a page's "Account:"
  // may be the signed-in user, a billing card's, a family's shared by siblings). Not "Guarantor account".
  ['account', /^(?:patient |pt )?(?:acct|account)(?: no| number| num| id)?$/],
  // A column naming the visit a row is in (a day sheet's "Visit #", "Encounter"): never a fact of the page. Not "Appt"
  // or "Session": one patient's appointments, or individual and group sessions, of a day are billed as the day.
  ['visitId', /^(?:visit|encounter)(?: (?:no|number|id|num))?$/],
  // A day sheet's appointment ("9:00 AM — Lee, Ann"): its patient tells the visits apart (its
  // time does not: one patient's appointments of a day are billed as the day); a time alone says nothing.
  ['appointment', /^(?:appointments?|appts?|scheduled|schedule|appointment (?:time|slot)|appt (?:time|slot)|slot)$/],
  ['dateOfService', /\b(date of service|dos|service date|visit date|treatment date|encounter date|date)\b/],
  // ("Ins:" is the payer too, a chart banner's shorthand; a bare "Primary:" may be a physician or a diagnosis.)
  // (A coverage numbered after the first, "Ins 2", "Insurance 2", is not the one billed first; "Ins 1" is.)
  ['ignore', /^(?:payer|payor|insurance|insurer|ins|carrier|coverage|plan) [23]$/],
  ['payer', /\b(payer|payor|insurance|insurer|financial class|carrier|primary ins)\b|^ins(?: 1)?$/],
  ['discipline', /\b(discipline|therapy type|service line|department)\b/],
  // A line given with another clinician at the same time ("Co-treat", "Co-treatment?", "Cotx"): its flag, not minutes.
  ['coTreatment', /^(?:co ?treat(?:ment|ed)?|cotx|co tx|shared time|concurrent(?: treatment)?)$/],
  ['assistantMinutes', /\b(pta|ota|cota|slpa|assistant|asst)\b.*\b(min|mins|minute|minutes|time)\b|\b(min|mins|minute|minutes|time)\b.*\b(pta|ota|cota|slpa|assistant|asst)\b/],
  ['startTime', /\b(start|started|begin|began|time in|in time)\b|^(?:from|in)$/],
  ['endTime', /\b(end|ended|stop|stopped|finish|finished|time out|out time)\b|^(?:to|out)$/],
  ['minutes', /\b(min|mins|minute|minutes|time|duration|dur)\b/],
  ['units', /\b(unit|units|qty|quantity)\b/],
  ['modifiers', /\b(mod|mods|modifier|modifiers)\b/],
  ['label', /\b(description|desc)\b/],
  ['code', /\b(cpt|hcpcs|code|codes)\b/],
  ['label', /\b(intervention|interventions|activity|activities|exercise|exercises|treatment|service|procedure|name|modality|charge|item)\b/],
];

/** The role a label's words point to, or null when they name nothing Unitwise reads. */
export function roleOfLabel(label: string): Role | null {
  let role = knownRoles.get(label);
  if (role !== undefined) return role;
  role = null;
  const w = words(label);
  if (w) for (const [r, re] of ROLE_PATTERNS) if (re.test(w)) { role = r; break; }
  // A page's labels are few and the same on every read (a column's header, "Payer:"): each is
  // worked out once. (Labels, not values; bounded, so a page of changing texts cannot grow it.)
  if (knownRoles.size >= MAX_KNOWN_ROLES) knownRoles.clear();
  knownRoles.set(label, role);
  return role;
}

const knownRoles = new Map<string, Role | null>();
const MAX_KNOWN_ROLES = 2000;

const ROW_ROLES = new Set<Role>(['label', 'code', 'minutes', 'units', 'modifiers', 'assistantMinutes', 'startTime', 'endTime', 'coTreatment']);
const VISIT_ROLES = new Set<Role>(['payer', 'discipline', 'dateOfService', 'totalTreatmentMinutes', 'ytdPtSlp', 'ytdOt', 'patient']);

// ---------------------------------------------------------------------------------------
// Phrases.

export interface PhraseMatcher {
  test(text: string): boolean;
  all(text: string): string[];
}

const matcherCache = new WeakMap<readonly string[], PhraseMatcher>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Word-bounded phrase matching; short all-capital phrases (ROM, STM) match case-sensitively. */
export function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const cached = matcherCache.get(phrases);
  if (cached) return cached;
  const acronyms = phrases.filter((p) => /^[A-Z]{2,5}$/.test(p));
  const others = phrases.filter((p) => p.trim() && !/^[A-Z]{2,5}$/.test(p)).sort((a, b) => b.length - a.length);
  const build = (list: string[], flags: string) =>
    list.length ? new RegExp(`(?<![A-Za-z0-9])(?:${list.map((p) => escape(p.trim()).replace(/\s+/g, '[\\s-]+')).join('|')})(?![A-Za-z0-9])`, flags) : null;
  const ci = build(others, 'gi');
  const cs = build(acronyms, 'g');
  const matcher: PhraseMatcher = {
    test(text) {
      for (const re of [ci, cs]) {
        if (!re) continue;
        re.lastIndex = 0;
        if (re.test(text)) return true;
      }
      return false;
    },
    all(text) {
      const out: string[] = [];
      for (const re of [ci, cs]) {
        if (!re) continue;
        re.lastIndex = 0; // matchAll starts where the last test() left off
        for (const m of text.matchAll(re)) out.push(m[0].toLowerCase().replace(/[\s-]+/g, ' '));
      }
      return out;
    },
  };
  matcherCache.set(phrases, matcher);
  return matcher;
}

// ---------------------------------------------------------------------------------------
// Walking the page.

const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span']);

/** Whether `el` may have a shadow root (DOM spec, attachShadow: a custom element or one of SHADOW_HOSTS). */
export const mayHostShadow = (el: Element): boolean => SHADOW_HOSTS.has(el.localName) || el.localName.includes('-');

/** Elements that are not in SHADOW_HOSTS and are not custom elements: never a shadow host. */
// (The commonest first, inputs and cells: each element is compared down the list until one matches.)
export const MAYBE_HOST = ':not(input, td, tr, th, select, option, optgroup, textarea, button, label, tbody, thead, tfoot, table, col, colgroup, caption, a, b, i, em, strong, small, br, hr, img, li, ul, ol, dl, dt, dd, form, fieldset, legend, script, style, link, meta, svg, path, g, use, template, iframe, pre, code)';

/** Names of undefined custom elements kept to look at again (a page of framework components that are no custom elements has many). */
export const MAX_WAITING = 200;

/** Whether `el` is a custom element not defined yet: its definition may load later and give it a shadow root. */
export function undefinedComponent(el: Element): boolean {
  if (!el.localName.includes('-')) return false;
  try {
    return !el.matches(':defined');
  } catch {
    return true; // (a DOM without the pseudo-class: looked at again, as undefined)
  }
}

/**
 * The root and every shadow root below it that `shadowOf` sees (frames are not entered); and the
 * custom elements with no shadow root that are not defined yet (`waiting`, one per name, at most MAX_WAITING names):
 * when a component's script loads after the page, its elements get their shadow root then, and
 * the document hears nothing of it.
 */
export function scopesOf(root: Root, shadowOf: ShadowOf = openShadow): { scopes: Root[]; capped: boolean; waiting: Element[] } {
  const scopes: Root[] = [root];
  const waiting: Element[] = [];
  const names = new Set<string>();
  let visited = 0;
  let capped = false;
  for (let i = 0; i < scopes.length; i++) {
    const scope = scopes[i]!;
    const own = i === 0 && scope.nodeType === 1 ? shadowOf(scope as Element) : null;
    if (own) scopes.push(own);
    // The browser leaves out the commonest elements that cannot host one (inputs, cells, rows):
    // on a big form they are most of the page, and asking each of them from script costs a
    // tenth of a first read.
    const all = scope.querySelectorAll(MAYBE_HOST);
    for (let k = 0, n = all.length; k < n; k++) {
      const el = all[k]!;
      if (++visited > MAX_ELEMENTS) {
        capped = true;
        break;
      }
      if (!mayHostShadow(el)) continue;
      const shadow = shadowOf(el);
      if (shadow) scopes.push(shadow);
      // (One element per name: a definition upgrades them all.)
      else if (waiting.length < MAX_WAITING && !names.has(el.localName) && undefinedComponent(el)) {
        names.add(el.localName);
        waiting.push(el);
      }
    }
    if (capped) break;
  }
  return { scopes, capped, waiting };
}

/**
 * querySelectorAll over the root and its open shadow roots, at most `max` matches; throws on a
 * bad selector. A loop, not `push(...all)`: 165,000 matches overflow the call stack.
 */
export function queryDeep(scopes: readonly Root[], selector: string, max = MAX_ELEMENTS): Element[] {
  const out: Element[] = [];
  for (const scope of scopes) {
    // Indexed, not for…of: a NodeList's iterator costs twice as much on a big form.
    const all = scope.querySelectorAll(selector);
    for (let k = 0, n = all.length; k < n; k++) {
      if (out.length >= max) return out;
      out.push(all[k]!);
    }
  }
  return out;
}

const ROW_SELECTOR = 'tr, [role="row"]';
const TABLE_SELECTOR = 'table, [role="grid"], [role="table"], [role="treegrid"]';
const CELL_SELECTOR = 'td, [role="cell"], [role="gridcell"]';
// (Inputs and cells first: the commonest, matched without comparing the rest of the list.)
const FIELD_SELECTOR = 'input:not([type="hidden"]), td, select, textarea, [contenteditable], [role="cell"], [role="gridcell"], [aria-label], [aria-labelledby]';
const NOT_PLAIN_FIELD = new Set(['input', 'script', 'style', 'template', 'button', 'a', 'img', 'svg', 'iframe', 'form', 'table', 'tbody', 'thead', 'tr', 'ul', 'ol', 'nav', 'body', 'html', 'label', 'option', 'fieldset', 'section', 'main', 'dialog']);
const CONTAINER_ROLES = new Set(['button', 'link', 'grid', 'table', 'treegrid', 'row', 'rowgroup', 'region', 'group', 'list', 'listitem', 'navigation', 'dialog', 'form', 'tablist', 'tab', 'menu', 'toolbar', 'banner', 'main', 'columnheader', 'rowheader', 'heading', 'img']);
const CONTROL_SELECTOR = 'input, select, textarea, [contenteditable]';
/** A control that is not a checkbox or a radio button. */
const NOT_CHOICE = 'input:not([type="checkbox" i]):not([type="radio" i]):not([type="hidden" i]), select, textarea, [contenteditable]';

function isHeaderRow(row: Element): boolean {
  if (row.parentElement?.localName === 'thead') return true;
  // (A row's own cells walked until one is no header, not listed first: every row of a table
  // is asked, and a data row's first cell says so.)
  let cells = 0;
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) {
    if (!isCell(c)) continue;
    if (!isHeaderCell(c)) return false;
    cells++;
  }
  if (cells || row.localName === 'tr') return cells > 0;
  const found = cellsOf(row);
  return found.length > 0 && found.every(isHeaderCell);
}

/** Whether an element can be a field: a control, or a plain-text cell with no control inside. */
/**
 * The page's fields that could be part of a visit form: at most `max` the user sees, and at
 * most `max` hidden ones (`display: none`, the `hidden` attribute, a collapsed section), so
 * thousands of hidden fields before the form cannot use up the limit; `more` says whether
 * shown fields (or elements) were left unread.
 */
function* plausibleFields(scopes: readonly Root[], max: number, shown: (el: Element) => boolean, pause: Pause = NEVER): Steps<{ fields: Element[]; more: boolean }> {
  const all = queryDeep(scopes, FIELD_SELECTOR, MAX_ELEMENTS);
  if (pause()) yield;
  // Most pages have no rich-text editor: then no field needs to look for one around it.
  const editors = scopes.some((s) => s.querySelector(EDITOR) !== null);
  // Cells of checkboxes or radio buttons (modifiers ticked) are found from their boxes, met in
  // this same walk: a page without any costs nothing more per cell.
  const choiceCells = new Set<Element>();
  let candidates: Element[] = [];
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    if (i % PAUSE_EVERY === PAUSE_EVERY - 1 && pause()) yield;
    if (isFieldCandidate(el, editors)) candidates.push(el);
    else if (el.localName === 'input' && CHOICE_TYPES.has((el.getAttribute('type') ?? '').toLowerCase())) {
      const cell = cellAround(el);
      if (cell) choiceCells.add(cell);
    }
  }
  if (choiceCells.size) {
    const found = [...choiceCells].filter((cell) => !cell.querySelector(NOT_CHOICE));
    for (const cell of found) markChoiceCell(cell);
    candidates = [...candidates, ...found].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }
  // Stopped at the element limit: there may be more fields after, and that must be said too.
  const atLimit = all.length >= MAX_ELEMENTS;
  // Within the limit whichever are shown: no need to ask the browser about each one (a style
  // and layout check per field, a tenth of a first read).
  if (candidates.length <= max) return { fields: candidates, more: atLimit };
  const fields: Element[] = [];
  let visible = 0;
  let hidden = 0;
  for (const el of candidates) {
    // Hidden fields are still read (rows in a collapsed section are still billed), but they
    // have their own allowance: they never use up the one for the fields a user sees.
    if (shown(el)) {
      if (visible >= max) return { fields, more: true };
      visible++;
    } else if (hidden >= max) continue;
    else hidden++;
    fields.push(el);
  }
  return { fields, more: atLimit };
}

/** Not hidden by the `hidden` attribute: the default where no layout is known (the content script passes the browser's own check). */
export function notHiddenByAttribute(el: Element): boolean {
  return !el.closest('[hidden]');
}

const EDITOR = '[contenteditable]:not([contenteditable="false"])';

/** The table or grid cell a checkbox or radio button sits in (at most four levels up). */
function cellAround(el: Element): Element | undefined {
  let n = 0;
  for (let p = el.parentElement; p && n < 4; p = p.parentElement, n++) {
    if (p.localName === 'td' || p.getAttribute('role') === 'cell' || p.getAttribute('role') === 'gridcell') return p;
  }
  return undefined;
}
const CHOICE_TYPES = new Set(['checkbox', 'radio']);

/** `editors`: whether the page has any contenteditable element (else none can be around this one). */
function isFieldCandidate(el: Element, editors: boolean): boolean {
  // (An input is a control when it takes text or is editable, and a field only when it takes
  // text: its type asked once, not by isControl and again.)
  if (el.localName === 'input') {
    if (isTextInput(el)) return true;
    if (isEditable(el)) return false;
  } else if (isControl(el)) {
    // A contenteditable inside another one is part of it.
    return !(editors && el.parentElement?.closest(EDITOR));
  }
  if (editors && el.closest(EDITOR)) return false;
  // (A cell of checkboxes or radio buttons is found from them: plausibleFields.)
  // (A cell's control is most often its first child: no query of the cell for it.)
  const first = el.firstElementChild;
  if (first && (first.localName === 'input' || first.localName === 'select' || first.localName === 'textarea')) return false;
  if (el.querySelector(CONTROL_SELECTOR)) return false;
  const tag = el.localName;
  if (tag === 'td' || el.getAttribute('role') === 'cell' || el.getAttribute('role') === 'gridcell') return true;
  // An aria-labelled plain-text element: a leaf-ish span/div, not a container or a widget.
  if (NOT_PLAIN_FIELD.has(tag) || CONTAINER_ROLES.has(el.getAttribute('role') ?? '')) return false;
  if (el.querySelector('[aria-label], [aria-labelledby], td')) return false;
  return el.childElementCount <= 3;
}

// ---------------------------------------------------------------------------------------

class Page {
  readonly labels: LabelCache;
  #destroyMarkers?: boolean;
  /** Whether the page has any nested-form removal flag (most have none: no row is asked then). */
  get destroyMarkers(): boolean {
    // (Nested forms are forms: the look at every element's name is made inside forms only.)
    // (A table read alone may sit inside its form: the form around a scope counts too.)
    return (this.#destroyMarkers ??= this.scopes.some((s) => [...('closest' in s ? [s.closest('form')] : []), ...Array.from(s.querySelectorAll('form'))].some((f) => !!f?.querySelector(DESTROY_MARKER))));
  }
  readonly #roles = new Map<Element, Role | null>();
  readonly #hits = new Map<Element, boolean>();
  /** roleOfLabel by label text: a column's fields share their header's text. */
  readonly #labelRoles = new Map<string, Role | null>();
  /** The label that made each minutes field one. */
  readonly #minutesLabels = new Map<Element, string>();
  readonly phrases: PhraseMatcher;
  #index?: { rows: readonly Element[]; index: ReturnType<typeof rowIndex> };

  /** Where elements stand relative to these rows: made once for the same list of rows (free text and visit facts both ask). */
  rowIndex(rows: readonly Element[]): ReturnType<typeof rowIndex> {
    if (this.#index?.rows !== rows) this.#index = { rows, index: rowIndex(rows) };
    return this.#index.index;
  }

  constructor(
    readonly scopes: Root[],
    readonly codes: ReadonlySet<string>,
    phrases: readonly string[],
    /** Whether the user sees an element (DetectOptions.shown). */
    readonly shown: (el: Element) => boolean = notHiddenByAttribute,
  ) {
    this.phrases = phraseMatcher(phrases);
    this.labels = new LabelCache(scopes);
  }

  role(el: Element): Role | null {
    let role = this.#roles.get(el);
    if (role !== undefined) return role;
    role = null;
    let label = '';
    visitLabelCandidates(el, this.labels, (_, text) => {
      const found = this.#roleOfText(text);
      role = found;
      label = text;
      return found !== null;
    });
    this.#roles.set(el, role);
    if (role === 'minutes') this.#minutesLabels.set(el, label);
    return role;
  }

  /**
   * A table row's fields (fieldsFrom). Where nothing but the column headers names the row's
   * fields (no `<label>` on the page, no label attribute, plain cells), every row with its fields
   * in the same cells is read alike: the first one's reading is kept as the table's plan for
   * them, and the next ones take their fields by place, not one by one through their labels
   * (those were a fifth of a first read of a 2,000-field flowsheet).
   */
  rowFields(row: Element, candidates: Element[], facts: RowFacts): RowFields {
    if (!this.plans) return fieldsFrom(this, candidates, facts);
    const table = this.labels.mayHaveLabels() ? undefined : this.labels.plainlyHeaded(row);
    const shape = table && this.#shape(row, candidates);
    if (!shape) return fieldsFrom(this, candidates, facts);
    let plans = this.#plans.get(table);
    if (!plans) this.#plans.set(table, (plans = new Map()));
    const plan = plans.get(shape);
    if (plan === undefined) {
      const fields = fieldsFrom(this, candidates, facts);
      plans.set(shape, this.#plan(candidates, fields, facts));
      return fields;
    }
    if (plan === null) return fieldsFrom(this, candidates, facts);
    const fields: RowFields = {};
    // (Indexed, not for…of with destructuring: every row of a table runs this while the reader is
    // not optimised yet, and each step of an iterator is an object then.)
    for (let j = 0; j < plan.fields.length; j++) fields[plan.fields[j]![0]] = candidates[plan.fields[j]![1]]!;
    if (plan.modifiers.length) fields.modifiers = plan.modifiers.map((k) => candidates[k]!);
    if (plan.more) for (const [key, ks] of plan.more) fields[key] = ks.map((k) => candidates[k]!);
    for (let j = 0; j < plan.facts.length; j++) facts[plan.facts[j]![0]] = candidates[plan.facts[j]![1]]!;
    if (fields.minutes) this.#minutesLabels.set(fields.minutes, plan.minutesLabel);
    return fields;
  }

  /**
   * A day's flowsheet columns not read (fieldsFrom): one of them no session's ("11/02/2026
   * Total", "Planned") beside the day's sessions. Their headers, each once, in the order met, by
   * the table or grid they head (a live session watches it: its rows may have none read, and the
   * column taken off has them read). (A row read by its table's plan has the same columns as the
   * row the plan was made from.)
   */
  readonly setAside = new Map<Element, Set<string>>();
  daysSetAside(columns: readonly Element[]): void {
    const headers = headersOf(this, columns).filter(Boolean);
    const table = columns[0]?.closest(TABLE_SELECTOR);
    if (!headers.length || !table) return;
    const known = this.setAside.get(table) ?? new Set();
    for (const h of headers) known.add(h);
    this.setAside.set(table, known);
  }

  /** Rows of each table by their shape (Page.rowFields): how their fields are read, null when one by one. */
  readonly #plans = new Map<Element, Map<string, RowPlan | null>>();
  /** Whether rows are read by their table's plans (DetectOptions.rowPlans). */
  plans = true;

  /** Where a row's fields are: each one's cell, and whether it is typed in (a plain cell is read otherwise); undefined when one has no cell of its own, or something of its own that may label it. */
  #shape(row: Element, candidates: Element[]): string | undefined {
    let shape = '';
    let k = 0;
    let i = 0;
    for (let cell = row.firstElementChild; cell && k < candidates.length; cell = cell.nextElementSibling, i++) {
      const c = candidates[k]!;
      const control = c !== cell;
      if (control ? c.parentElement !== cell || !(c.localName === 'input' || c.localName === 'select' || c.localName === 'textarea') : false) continue;
      if (this.labels.mayBeLabelledOrEditable(c)) return undefined;
      shape += `${i}${control ? 'c' : 't'},`;
      k++;
      // (Two fields in one cell: each is read by its own labels.)
      if (candidates[k]?.parentElement === cell) return undefined;
    }
    return k === candidates.length ? shape : undefined;
  }

  /** The plan of a row read field by field (its `fields` and `facts`), for the rows of its shape: null when a field is named otherwise than by its column's header, or read by its value. */
  #plan(candidates: Element[], fields: RowFields, facts: RowFacts): RowPlan | null {
    for (const c of candidates) {
      const role = this.role(c);
      const header = columnHeaderOf(c, this.labels);
      if (role === null || header === undefined || this.#roleOfText(header) !== role) return null;
      // (A "Time" column's value says whether it is minutes or an appointment: fieldsFrom.)
      if (role === 'startTime' || (role === 'minutes' && this.minutesByTimeOnly(c))) return null;
    }
    const at = (el: Element) => candidates.indexOf(el);
    const plan: RowPlan = { fields: [], modifiers: (fields.modifiers ?? []).map(at), facts: [], minutesLabel: fields.minutes ? (this.#minutesLabels.get(fields.minutes) ?? '') : '' };
    for (const [role, el] of Object.entries(fields)) {
      if (role === 'modifiers') continue;
      if (Array.isArray(el)) (plan.more ??= []).push([role as MoreKey, el.map(at)]);
      else plan.fields.push([role as Exclude<RowRole, 'modifiers'>, at(el as Element)]);
    }
    for (const [key, el] of Object.entries(facts)) if (el) plan.facts.push([key as RowFactKey, at(el)]);
    return plan;
  }

  /** roleOfLabel, once per label text: a column's fields share their header's. */
  #roleOfText(text: string): Role | null {
    let found = this.#labelRoles.get(text);
    if (found === undefined) this.#labelRoles.set(text, (found = roleOfLabel(text)));
    return found;
  }

  /** Whether a minutes field is one only by a "Time" label (an appointment's clock time, often), not by a duration's name ("Min", "Duration"). */
  minutesByTimeOnly(el: Element): boolean {
    // (By label: a column's fields share it, and every row with minutes asks.)
    const label = this.#minutesLabels.get(el) ?? '';
    let timeOnly = this.#timeOnly.get(label);
    if (timeOnly === undefined) {
      const w = words(label);
      // ("Time (m:ss)" is a stopwatch's duration.)
      this.#timeOnly.set(label, (timeOnly = /\btime\b/.test(w) && !/\b(min|mins|minute|minutes|duration|dur)\b/.test(w) && !MINUTES_SECONDS.test(label)));
    }
    return timeOnly;
  }
  readonly #timeOnly = new Map<string, boolean>();

  /** The date its column's header names, as YYYY-MM-DD or, with no year, --MM-DD (a flowsheet's column per date). */
  columnDate(el: Element): string | undefined {
    const header = columnHeaderOf(el, this.labels);
    return header ? columnDay(header) : undefined;
  }

  /** Whether a minutes field's label says it holds minutes:seconds (a stopwatch's "23:40"). */
  minutesSeconds(el: Element): boolean {
    return MINUTES_SECONDS.test(this.#minutesLabels.get(el) ?? '');
  }

  /** Whether a minutes field holds the time planned, not spent ("Scheduled min", "Planned", "Goal", "Authorized"). */
  minutesPlanned(el: Element): boolean {
    return PLANNED.test(words(this.#minutesLabels.get(el) ?? ''));
  }

  /** Whether the element's text or field values hold a known code or an intervention phrase. */
  hit(el: Element): boolean {
    let hit = this.#hits.get(el);
    if (hit !== undefined) return hit;
    // As the page writes it ("Thera<wbr>peutic exercise"), else with each element's text apart
    // ("<span>97110</span><span>Therapeutic exercise</span>").
    const found = (text: string) => knownCodesIn(text, this.codes).length > 0 || this.phrases.test(text);
    hit = found(textOf(el, { values: true, max: MAX_CELL_CHARS * 4 }).text) || found(textOf(el, { values: true, apart: true, max: MAX_CELL_CHARS * 4 }).text);
    // Select values are often the bare code while the text is a name: check them too.
    if (!hit) {
      const selects = el.localName === 'select' ? [el] : Array.from(el.querySelectorAll('select'));
      hit = selects.some((s) => this.codes.has(readField(s).value.toUpperCase()));
    }
    this.#hits.set(el, hit);
    return hit;
  }
}

/** Whether a field holds something: a select's placeholder option ("--", "Select…") has no value. */
function filled(el: Element): boolean {
  const r = readField(el, 200);
  // (A box holding what the browser does not accept, "10-20" in a number box, is filled: FieldRead.unreadable.)
  return r.kind === 'select' ? r.value !== '' : r.unreadable === true || /[a-z0-9]/i.test(r.text);
}


/**
 * A totals line of a flowsheet is not an intervention. Its name is a total's ("Total",
 * "Totals:", "Subtotal", "Visit total", "97110 subtotal", "Total timed minutes", "Timed
 * minutes:", "Untimed minutes:", "Sum"), whatever
 * its code cell holds: a per-code subtotal repeats the code, and reading it as a line would count
 * its minutes twice. A name that goes on with other words is an intervention ("Total Gym squats"
 * is exercise on a Total Gym), kept with or without its code (a missing code is then said). A
 * footer row (`tfoot`) with no code and nothing to type in is the table's summary.
 */
function isTotalsRow(row: Element, fields: RowFields, codes: ReadonlySet<string>, text: string): boolean {
  const inFooter = row.parentElement?.localName === 'tfoot';
  // Most rows say no "total" or "sum" anywhere: the browser's own text of the row tells that at
  // once, without walking its cells (a row's read text is a part of it).
  // (No word boundary: the cells' texts run together there, "Sum333".)
  if (!inFooter && !/total|sum|timed\s*(?:min|unit)/i.test(text)) return false;
  const start = textOf(row, { max: 60 }).text;
  if (TOTALS_NAME.test(start)) return true;
  // (A line's own code makes it a line: "Total Gym squats | 97110".)
  if (!fieldCodes(fields.code, codes).length && personTotal(row, start)) return true;
  // (A footer row a user types a new line into is a line, its missing code said.)
  if (!inFooter || row.querySelector('input:not([readonly]):not([disabled]):not([type="hidden"]):not([type="checkbox"]), select, textarea')) return false;
  return !fieldCodes(fields.code, codes).length;
}

/** "Total" or "Subtotal" alone, a cell's whole text. */
const TOTAL_CELL = /^\s*(?:sub-?)?totals?\s*:?\s*$/i;
/** A person's total on a day sheet: "Total Ann Lee", "Total for Lee, Ann", "Ann Lee total" (the name is asked of personName). */
const TOTAL_BEFORE = /^\s*(?:sub-?)?totals?\s*(?:for\s+)?[:\-–—]?\s*(.+?)\s*$/i;
const TOTAL_AFTER = /^\s*(.+?)\s*[:\-–—]?\s*(?:sub-?)?totals?\s*:?\s*$/i;
/**
 * A row with no code of its own that totals a patient's lines on a day sheet: a cell that says
 * "Total" alone ("Ann Lee | Total | | 20 | 2"), or its first words naming her total ("Total Ann
 * Lee", "Ann Lee total"). Each was a line with no code, or a visit of a patient named "Total Ann Lee".
 */
function personTotal(row: Element, start: string): boolean {
  // (First in the row, or after the patient's name only: "Ann Lee | Total". After an
  // activity's name, a number or a field it is a value, an Assist column's "Total" assistance.)
  for (const cell of cellsOf(row)) {
    const t = (cell.textContent ?? '').trim();
    if (/\d/.test(t) || cell.querySelector('input, select, textarea')) break;
    if (t.length <= 12 && TOTAL_CELL.test(t)) return true;
    if (t && personName(t) === undefined) break;
  }
  // (The row's first words, up to its first number: "Total Ann Lee 20 2" → "Total Ann Lee".)
  const words = start.split(/\s\d/)[0]!;
  const m = TOTAL_BEFORE.exec(words) ?? TOTAL_AFTER.exec(words);
  return !!m && personName(m[1]!) !== undefined;
}

/** A detected row that is no line of the visit: a totals row, a visit's group row or a line's detail, an empty row, a line taken back or not yet made. */
function notALine(page: Page, row: Element, fields: RowFields): boolean {
  // (The row's text once, for the totals and the void words.)
  const text = row.textContent ?? '';
  const classes = row.getAttribute('class') ?? '';
  return isTotalsRow(row, fields, page.codes, text) || groupRow(row, fields, page.codes) || uncharted(page, row, fields) || voidedRow(row, fields, text, classes) || unmadeRow(page, row, classes) || remarkRow(fields) || sectionLabel(row, page.codes);
}

/**
 * A remark written across a table's columns, its code column among them ("Comment: add 97140
 * next visit, 15 min planned"): the codes it names are not billed, and it has no minutes or
 * units of its own.
 */
function remarkRow(fields: RowFields): boolean {
  const code = fields.code;
  if (!code || FORM_FIELD.has(code.localName)) return false;
  for (const key of ['minutes', 'units', 'startTime', 'endTime', 'assistantMinutes'] as const) if (fields[key] && filled(fields[key])) return false;
  const text = readField(code, 200).text;
  // (A cell that starts with its code is the line's, however long its description; one that
  // names it after its description, "Manual therapy techniques, joint mobilization 97140", too:
  // a remark says it is one, "Comment: …", or is a sentence, "Pt tolerated 97110 well.")
  return text.length > 12 && !CODE_FIRST.test(text) && (REMARK_LABEL.test(text) || SENTENCE.test(text));
}

/**
 * A label over the lines below it ("Therapeutic exercise" in one cell across the table, then its
 * coded rows): a heading of lines, not a line (it was one with no code and no minutes). Only one
 * spanning cell of words, no figure and no control, right above a coded row: a spanning
 * "Ultrasound" row with no line below it stays a line, so its missing minutes are said.
 */
function sectionLabel(row: Element, codes: ReadonlySet<string>): boolean {
  // (Asked first, and cheap: most rows have a cell per column.)
  if (row.childElementCount !== 1) return false;
  const cell = row.firstElementChild!;
  if (span(cell) < 2 || cell.querySelector(CONTROL_SELECTOR)) return false;
  const text = cell.textContent ?? '';
  if (/\d/.test(text) || !/\p{L}{3}/u.test(text)) return false;
  const next = row.nextElementSibling;
  if (!next) return false;
  const shown = Array.from(cellsOf(next), (c) => `${c.textContent ?? ''} ${Array.from(c.querySelectorAll<HTMLInputElement>('input, select'), (i) => i.value).join(' ')}`);
  return knownCodesIn(shown.join(' '), codes).length > 0;
}

/** A sentence: five words or more, ending in a full stop after a word. */
const SENTENCE = /^(?=(?:\S+\s+){4,}\S)[\s\S]*[a-z]{2}\.$/;

/** A row's fields that chart it (uncharted), in the order asked; one list for every row. */
const CHARTED_KEYS = ['minutes', 'assistantMinutes', 'startTime', 'endTime', 'code', 'label'] as const;

/**
 * A row with nothing charted in it: no intervention, code, minutes or times. With a unit count
 * or a modifier only, it is a line being started, unless the page hides it (a template for new
 * lines, its defaults filled in).
 */
function uncharted(page: Page, row: Element, fields: RowFields): boolean {
  // A flowsheet's row under a column per day: its printed name and code stand on every day, and
  // the day's column says whether it was charted (left blank today, it was given another day).
  // (A code or a name in a box of the row stands on every day too where another day's column of
  // the row is charted; a row the user is starting, a code typed and no day yet, is a line.
  // Asked only of a row whose minutes are blank: most have them filled.)
  let daily: boolean | undefined;
  let charted: boolean | undefined;
  // (A box of the day's column: the row's minutes, or its units in a code's row of units, "97110 Ther ex — units".)
  const dayBox = (box: Element | undefined) => !!box && isControl(box) && page.columnDate(box) !== undefined;
  const standing = (el: Element) => (daily ??= dayBox(fields.minutes) || (!fields.minutes && dayBox(fields.units))) && (!isControl(el) || (charted ??= unnamedDays(page, row, fields).length > 0));
  for (let k = 0; k < CHARTED_KEYS.length; k++) {
    const key = CHARTED_KEYS[k]!;
    const el = fields[key];
    if (el && filled(el) && !((key === 'label' || key === 'code') && standing(el))) return false;
  }
  // (The day's other columns, a session's each: charted in any of them, the row was that day.)
  if (fields.minutesMore?.some(filled) || fields.unitsMore?.some(filled)) return false;
  if (!(fields.units && filled(fields.units)) && !(fields.modifiers ?? []).some(filled)) return true;
  return !page.shown(row);
}

/**
 * A row the page keeps without charting it: a line marked for removal (a Rails form's hidden
 * `_destroy` field set, the row hidden until the form is saved), or a hidden template for new
 * lines (its class or id says "template"), its example values filled in. Any other hidden row
 * with a line in it is still read: rows in a collapsed section are billed.
 */
function unmadeRow(page: Page, row: Element, classes: string): boolean {
  if (page.destroyMarkers && removedLine(row)) return true;
  return (TEMPLATE_NAME.test(classes) || TEMPLATE_NAME.test(row.id)) && !page.shown(row);
}

/** Whether a nested form's line is marked for removal: its hidden flag "1" / "true" as the form's script sets it, or the form's own "remove" box ticked. */
export function removedLine(row: Element): boolean {
  for (const marker of Array.from(row.querySelectorAll<HTMLInputElement>(DESTROY_MARKER))) {
    if (marker.getAttribute('type') === 'checkbox' ? marker.checked : /^(?:1|true)$/i.test(readField(marker, 10).text)) return true;
  }
  return false;
}

/** A nested-form row's removal flag (Rails `lines_attributes][1][_destroy]`, Cocoon). */
const DESTROY_MARKER = 'input[name$="[_destroy]"], input[name$="_destroy"]';
/** Whether `node` is a nested form's removal flag (its value set or cleared: a line removed, or brought back by Undo). */
export const isRemovalFlag = (node: Node): boolean => node.nodeType === 1 && (node as Element).localName === 'input' && (node as Element).matches(DESTROY_MARKER) && !!(node as Element).closest('form');
const TEMPLATE_NAME = /(?:^|[\s_-])(?:template|tmpl|prototype|blank-row|new-row-template)(?:$|[\s_-])/i;

/**
 * A total's name at the start of a row, in three shapes: a kind of total ("Subtotal", "Grand
 * total", "Visit total …", "Patient total"); a code's subtotal ("97110 subtotal"); "Total" or "Sum" alone, before a
 * number or a colon, or before what it totals ("Total: 38", "Total timed minutes"). Not "Total Gym
 * squats".
 */
export const TOTALS_NAME =
  /^\s*(?:(?:total\s+)?(?:timed|untimed)\s+(?:treatment\s+)?(?:minutes?|mins?|units?)\s*(?:$|[:=(\d])|(?:sub|grand|daily|day|visit|session|treatment|timed|untimed|overall|running|line|code|patient|encounter|claim|charges?|page)[\s-]*totals?\b|(?:pt|ot|slp|st|physical\s+therapy|occupational\s+therapy|speech(?:\s+therapy)?)[\s-]*(?:sub-?)?totals?\s*(?:$|[:=(\d])|[A-Z]?\d{4}[A-Z0-9]?\s*[-:]?\s*sub-?totals?\b|(?:totals?|sum)\s*(?:$|[:=(\d]|(?:of\s+|for\s+)?(?:timed|untimed|treatment|tx|therapy|billable|billed|charged?|visit|session|daily|today'?s?|minutes?|mins?|time|units?|codes?|cpt|pt|ot|slp|st)\b))/i;

/**
 * A row that is no line of the visit: a group row heading a visit's lines (a treegrid's date
 * row, "Visit — 03/16/2026" beside an expander and an "Edit" link: visits.ts splits there), or a
 * treegrid row that only describes the coded line it is nested under ("Bridges x10, clamshells").
 * A row with a known code, or one the user types a line's values in, is always a line.
 */
function groupRow(row: Element, fields: RowFields, codes: ReadonlySet<string>): boolean {
  // A code in its code field, or in another of its cells ("97150 Group therapy session" under Service): a line.
  const coded = () => fieldCodes(fields.code, codes).length > 0 || rowCellCodes(row, codes).length > 0;
  if (isOutlineParent(row)) return !coded();
  // (Asked first: most rows are typed in, and this costs no read of the code.)
  if (ROW_VALUE_KEYS.some((k) => fields[k] && editable(fields[k]))) return false;
  if (coded()) return false;
  // (A row naming a patient only, "Smith, Ann" across the columns, is a separator too.)
  return outlineDetail(row, fields, codes) || groupRowText(row, personName) !== undefined;
}

const ROW_VALUE_KEYS = ['label', 'code', 'minutes', 'units'] as const;

/** A row's class saying the line was taken back: "voided", "line-void", "is-deleted", "struck". */
const VOID_CLASS = /^(?:is-|row-|line-|charge-)?(?:void(?:ed)?|deleted|removed|struck|strike(?:through)?|line-through|cancell?ed)$/i;
/** A status cell saying the same: "Void", "Deleted". */
const VOID_STATUS = /^(?:void(?:ed)?|deleted|removed|cancell?ed)$/i;
/**
 * Struck-through text by its tags. (An inline line-through style is read from the style object,
 * never by an attribute selector on `style`: matching one makes Chromium write out an inline
 * style the page set from script as an attribute, earlier than the page alone would, and a page
 * that compares its DOM would see the attributes in another order.)
 */
const STRUCK = 's, del, strike';
const VOID_WORD = /void|delet|remov|struck|strike|through|cancel/i;
/** What a row's action is drawn as: a button or a link. */
const ACTION = 'button, a, input[type="button"], input[type="submit"], [role="button"], [role="link"]';
const FORM_FIELD = new Set(['input', 'select', 'textarea']);
const CODE_FIRST = /^\s*(?:\d{4}[0-9A-Z]|[A-V]\d{4})\b/i;

/**
 * A line taken back that the page still shows (a charge review's voided or deleted line): its
 * row's class or a cell of its own says so ("voided", "Status: Void"), or its code is struck
 * through (`<s>`, `<del>`, `line-through`). Not a line of the visit: its minutes and units are
 * billed by no claim.
 */
function voidedRow(row: Element, fields: RowFields, text: string, classes: string): boolean {
  // (Most rows have no class, or none with such a word.)
  if (classes && VOID_WORD.test(classes) && Array.from(row.classList).some((c) => VOID_CLASS.test(c))) return true;
  const code = fields.code;
  // A code shown as text, struck through (a charge review's taken-back line); a code field the
  // user types or picks in is a line being charted.
  if (code && !FORM_FIELD.has(code.localName)) {
    const struck = code.closest(STRUCK);
    if (struck && row.contains(struck)) return true;
    for (let el: Element | null = code; el && el !== row.parentElement; el = el.parentElement) if (lineThrough(el)) return true;
    // A cell whose text is all struck through, inside it ("<td><s>97110</s></td>").
    if (code.firstElementChild) {
      const own = clean(code.textContent);
      const marks = Array.from(code.querySelectorAll(STRUCK), (el) => clean(el.textContent)).join(' ');
      if (own && clean(marks) === own) return true;
    }
  }
  // (Cell by cell, only rows that say a void word anywhere.) A status cell says it in its own
  // text: a "Void" or "Delete" button or link in each row is an action, not a status.
  if (!/void|delete|removed|cancel/i.test(text)) return false;
  return cellsOf(row).some((c) => VOID_STATUS.test(clean(c.textContent)) && !c.querySelector(ACTION));
}

/** Whether an element's own inline style strikes its text through. */
function lineThrough(el: Element): boolean {
  const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  return !!style && `${style.textDecorationLine ?? ''} ${style.textDecoration ?? ''}`.includes('line-through');
}

/** Known codes a code field holds, in its text or its value (a select's value is often the bare code). */
function fieldCodes(el: Element | undefined, codes: ReadonlySet<string>): string[] {
  if (!el) return [];
  const r = readField(el, 200);
  return knownCodesIn(`${r.text} ${r.value}`, codes);
}

/** Known codes in a row's cells, read cell by cell (a row's own text runs them together, "exercise97110"). */
function rowCellCodes(row: Element, codes: ReadonlySet<string>): string[] {
  return knownCodesIn(Array.from(cellsOf(row), (c) => c.textContent).join(' '), codes);
}

/** A treegrid row with only a name, nested under a row holding a known code: that line's details. */
function outlineDetail(row: Element, fields: RowFields, codes: ReadonlySet<string>): boolean {
  const parent = outlineParentOf(row);
  if (!parent || (['code', 'minutes', 'units'] as const).some((k) => fields[k] && filled(fields[k]))) return false;
  return rowCellCodes(parent, codes).length > 0;
}

function fieldsFrom(page: Page, candidates: Element[], facts?: RowFacts): RowFields {
  const fields: RowFields = {};
  /** Controls of one role under dated columns (a flowsheet's column per day), when there are two or more. */
  const dated: { minutes?: Element[]; units?: Element[] } = {};
  /** Printed columns of one role passed over for a typed-in one (a session of the day filed, beside the one being charted). */
  const printed: { minutes?: Element[]; units?: Element[] } = {};
  let unlabelled: Element | undefined;
  for (const el of candidates) {
    const role = page.role(el);
    if (facts && role && ROW_FACT_KEYS.has(role)) facts[role as RowFactKey] ??= el;
    // A day sheet's appointment under a "Time" or "Start" header ("9:00 AM — Lee, Ann"): the
    // row's appointment, as under "Appointment", not its minutes or its start.
    if (facts && !facts.appointment && (role === 'startTime' || (role === 'minutes' && page.minutesByTimeOnly(el))) && !isControl(el) && appointmentPatient(readField(el, 120).text)) {
      facts.appointment = el;
      continue;
    }
    if (!role && !unlabelled) {
      // The first field nothing labels, holding words rather than a code or a number, is
      // taken as the intervention's name when no field is labelled as one.
      const text = readField(el, 200).text;
      if (/[a-z].*[a-z]/i.test(text) && !CODE_SHAPE.test(text.trim())) unlabelled = el;
    }
    if (!role || !ROW_ROLES.has(role)) continue;
    if (role === 'modifiers') (fields.modifiers ??= []).push(el);
    else if (!fields[role as Exclude<RowRole, 'modifiers'>]) fields[role as Exclude<RowRole, 'modifiers'>] = el;
    // A row with a "Time" column (9:00, the appointment's) and a "Min" column: the minutes are
    // the one named as a duration, whichever comes first.
    else if (role === 'minutes' && page.minutesByTimeOnly(fields.minutes!) && !page.minutesByTimeOnly(el)) fields.minutes = el;
    // "Scheduled min | Actual min": the minutes spent are billed, not the ones planned.
    else if (role === 'minutes' && page.minutesPlanned(fields.minutes!) && !page.minutesPlanned(el) && !page.minutesByTimeOnly(el)) fields.minutes = el;
    // A flowsheet's earlier visits as plain columns beside today's fields ("03/14 min", "03/16
    // min", then an input): today's, the one a user types in, is the one being charted.
    // (Not a "Time" field over a "Min" one: the rule above decided that.)
    else if ((role === 'minutes' || role === 'units') && !isControl(fields[role]!) && isControl(el) && !(role === 'minutes' && page.minutesByTimeOnly(el))) {
      (printed[role] ??= []).push(...(dated[role] ?? [fields[role]!]));
      fields[role] = el;
      // (The printed days before it are out of the running: the typed-in days are compared.)
      delete dated[role];
    }
    // A flowsheet whose every date column is typed in, or none is (a printed flowsheet): the
    // latest date's is today's, whether the columns run oldest or newest first (worked out
    // below, once all are seen).
    else if ((role === 'minutes' || role === 'units') && isControl(fields[role]!) === isControl(el) && page.columnDate(el) !== undefined && page.columnDate(fields[role]!) !== undefined) {
      (dated[role] ??= [fields[role]!]).push(el);
    }
    // A printed day's column after a typed-in one (a flowsheet newest first: today's filed
    // session right of the one being charted): weighed below with those before it.
    else if ((role === 'minutes' || role === 'units') && isControl(fields[role]!) && !isControl(el) && page.columnDate(el) !== undefined) {
      (printed[role] ??= []).push(el);
    }
  }
  for (const role of ['minutes', 'units'] as const) {
    const all = dated[role];
    if (!all) continue;
    // The one after every other; none when two may be either way round (year-less days months
    // apart): no minutes read is said, where the wrong day's would be billed silently.
    // Columns of that same day (a column per session, "11/02/2026 0900 | 11/02/2026 1400", "AM |
    // PM") are the day's together: CMS counts a code's minutes of a day together (CPM Pub.
    // 100-04 Ch. 5 §20.2), so the first is the row's field and the others are added to it.
    // (Only where each names one session: beside a day's "Total" or "Goal" column, none is read.)
    const days = all.map((el) => page.columnDate(el)!);
    const i = days.findIndex((d) => days.every((e) => e === d || compareDays(d, e) === 1));
    const more = all.filter((_, j) => j > i && days[j] === days[i]);
    if (i < 0) {
      delete fields[role];
      continue;
    }
    if (more.length && !sessionsOfOneDay(page, [all[i]!, ...more], false)) {
      // Said once for the page (detectRowsInSteps): this row is not read, with nothing of its own to say why.
      page.daysSetAside([all[i]!, ...more]);
      delete fields[role];
      continue;
    }
    fields[role] = all[i]!;
    if (more.length) fields[role === 'minutes' ? 'minutesMore' : 'unitsMore'] = more;
  }
  // A session of the day filed (its column printed) beside the one being charted (typed in), as
  // Epic shows a day's sessions: the day's minutes are both (CPM Ch. 5 §20.2). Only the chosen
  // column's own day, and only columns of one session each: a printed "Total" is no session.
  for (const role of ['minutes', 'units'] as const) {
    const chosen = fields[role];
    const day = chosen && printed[role] ? page.columnDate(chosen) : undefined;
    if (day === undefined) continue;
    const filed = printed[role]!.filter((el) => page.columnDate(el) === day);
    const moreKey = role === 'minutes' ? 'minutesMore' : 'unitsMore';
    if (filed.length && sessionsOfOneDay(page, [chosen!, ...(fields[moreKey] ?? []), ...filed], true)) fields[moreKey] = [...(fields[moreKey] ?? []), ...filed];
  }
  if (!fields.label && unlabelled) fields.label = unlabelled;
  // A "Time" column holding a clock time ("10:05" in a vitals table, "2:30 PM") says when, not
  // how long: it is no minutes field. (A duration written h:mm under "Time" is at most a few hours.)
  // (An <input type="time"> typed in part holds half a time of day, not a duration; one holding
  // "00:23" or "01:15" is read as the minutes it says, as a text box is.)
  if (fields.minutes && page.minutesByTimeOnly(fields.minutes)) {
    const read = readField(fields.minutes, 40);
    if (CLOCK_TIME.test(read.text) || (read.unreadable && isTimeBox(fields.minutes))) delete fields.minutes;
  }
  return fields;
}

/**
 * Whether columns of one day are a session's each (sessionColumn); with a printed one, `apart`,
 * under headers told apart too ("0900 | 1400"): a day's header twice over a printed value and a
 * box may be one session's copy. (Boxes of one day typed in twice, "11/02 | 11/02", are a
 * twice-a-day sheet's sessions: one session is not typed in twice.)
 */
function sessionsOfOneDay(page: Page, columns: readonly Element[], apart: boolean): boolean {
  const headers = headersOf(page, columns);
  // (Told apart by the session they name, however written: "1400" and "2:00 PM" are one.)
  return (!apart || new Set(headers.map((h) => sessionOf(h) ?? h)).size === headers.length) && headers.every(sessionColumn);
}

/** The column headers of fields, each on one line ('' for one without). */
function headersOf(page: Page, columns: readonly Element[]): string[] {
  return columns.map((el) => columnHeaderOf(el, page.labels)?.replace(/\s+/g, ' ').trim() ?? '');
}

const isTimeBox = (el: Element) => el.localName === 'input' && el.getAttribute('type')?.trim().toLowerCase() === 'time';

/** A time of day: 5:00–23:59, or any h:mm or h with AM/PM. */
const CLOCK_TIME = /^(?:(?:[5-9]|0[5-9]|1\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|(?:0?[1-9]|1[0-2])(?::[0-5]\d)?\s*[ap]\.?\s?m\.?)$/i;


/** Words of a minutes label that make it the time planned or allowed, not the time spent. */
const PLANNED = /\b(scheduled|sched|planned|plan|goal|target|expected|estimated|est|prescribed|authorized|auth|allowed|remaining|booked)\b/;
/** A minutes label that says minutes:seconds: "mm:ss", "m:ss", "min:sec", "minutes:seconds". */
const MINUTES_SECONDS = /(?<!h+\s*:\s*)\b(?:mm?|mins?|minutes?)\s*:\s*(?:ss|secs?|seconds?)\b/i;

function signature(el: Element): string {
  return `${el.localName}|${el.getAttribute('class') ?? ''}|${el.getAttribute('role') ?? ''}`;
}

/**
 * Table rows and ARIA rows that carry minutes, code or units fields, in tables with a known
 * intervention. Fields are worked out for the first `limit` + 1 such rows only (the rest are
 * counted, not read): a 4,000-row form costs no more than a 200-row one.
 */
function* tableRows(page: Page, candidates: Element[], limit: number, pause: Pause): Steps<{ rows: DetectedRow[]; more: number; all: Element[]; logsLeft: number; unbilled: string[] }> {
  const byRow = new Map<Element, Element[]>();
  const header = new Map<Element, boolean>();
  // One row of a grid drawn in several containers (pinned left, centre, pinned right): its
  // parts share the grid and `aria-rowindex`, and are read as one row.
  const joined = new Map<Element, Map<string, Element>>();
  const parts = new Map<Element, Element[]>();
  const logical = (row: Element): Element => {
    const index = row.localName === 'tr' ? null : row.getAttribute('aria-rowindex');
    const grid = index === null ? null : row.closest(TABLE_SELECTOR);
    if (!grid || index === null) return row;
    let byIndex = joined.get(grid);
    if (!byIndex) joined.set(grid, (byIndex = new Map()));
    const first = byIndex.get(index);
    if (!first) {
      byIndex.set(index, row);
      return row;
    }
    if (first !== row) {
      const list = parts.get(first) ?? [];
      if (!list.includes(row)) parts.set(first, [...list, row]);
    }
    return first;
  };
  let n = 0;
  // (Indexed: each of a page's fields, while the reader is not optimised yet.)
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    if (++n % PAUSE_EVERY === 0 && pause()) yield;
    const plain = plainRowOf(c);
    const physical = plain ?? c.closest(ROW_SELECTOR);
    if (!physical) continue;
    let isHeader = header.get(physical);
    if (isHeader === undefined) header.set(physical, (isHeader = isHeaderRow(physical)));
    if (isHeader) continue;
    // A cell belongs to the row it sits in (directly in a table; in a grid's containers, as
    // AG Grid draws them), not to a row around a nested table.
    if (!plain && c.matches(CELL_SELECTOR) && rowOfCell(c) !== physical) continue;
    const row = logical(physical);
    const list = byRow.get(row);
    if (list) list.push(c);
    else byRow.set(row, [c]);
  }
  const byTable = new Map<Element | null, { row: Element; fields: RowFields; facts: RowFacts }[]>();
  /** A row's table (else its parent), found once per parent: a table's rows share their body. */
  const tableOf = new Map<Element, Element>();
  const tableAround = (row: Element): Element | null => {
    const parent = row.parentElement;
    if (!parent) return null;
    let table = tableOf.get(parent);
    if (table === undefined) tableOf.set(parent, (table = parent.closest(TABLE_SELECTOR) ?? parent));
    return table;
  };
  /** Each table's first column's header, once (rowHeaderPatient). */
  const firstHeads = new Map<Element, string>();
  let read = 0;
  let more = 0;
  for (const [row, cands] of byRow) {
    if (read > limit) {
      more++;
      continue;
    }
    if (++n % PAUSE_EVERY === 0 && pause()) yield;
    const facts: RowFacts = {};
    const fields = page.rowFields(row, cands, facts);
    if (!fields.minutes && !fields.code && !fields.units && !(fields.startTime && fields.endTime)) continue;
    read++;
    const table = tableAround(row);
    if (!facts.patient && !facts.appointment && !facts.account && table) {
      const header = rowHeaderPatient(page, row, table, firstHeads);
      if (header) facts[header.key] = header.cell;
    }
    const list = byTable.get(table);
    if (list) list.push({ row, fields, facts });
    else byTable.set(table, [{ row, fields, facts }]);
  }
  const out: DetectedRow[] = [];
  const tables = [...byTable].filter(([, rows]) => rows.some((r) => page.hit(r.row)) || rows.some(chargeLineTyped));
  // An exercise log (Exercise | Sets | Reps | Min): its minutes are the exercises' time, billed
  // on the charge lines. Read as lines only when it is the page's one table with codes.
  const logs = new Set(tables.flatMap(([table]) => (table && exerciseLog(table) ? [table] : [])));
  // The codes of each row, from its code field, else its text (a log's code may sit in a column
  // its header does not name as one: "Bill as").
  const codesOf = (r: { row: Element; fields: RowFields }) => (r.fields.code ? fieldCodes(r.fields.code, page.codes) : knownCodesIn(textOf(r.row, { max: 400 }).text, page.codes));
  // A log is read as lines unless it names no code, or only codes the charge lines bill (then
  // its minutes would be counted twice). (Worked out only on a page with a log.)
  const charged = new Set(logs.size ? tables.flatMap(([table, rows]) => (table && logs.has(table) ? [] : rows.flatMap(codesOf))) : []);
  const logOnly = (rows: { row: Element; fields: RowFields }[]) => {
    const named = new Set(rows.flatMap(codesOf));
    return named.size === 0 || (charged.size > 0 && [...named].every((c) => charged.has(c)));
  };
  let logsLeft = 0;
  const unbilled: string[] = [];
  for (const [table, rows] of tables) {
    if (table && logs.has(table) && logOnly(rows)) {
      logsLeft++;
      continue;
    }
    const bill = table ? billColumn(table) : -1;
    for (const r of rows) {
      if (++n % PAUSE_EVERY === 0 && pause()) yield;
      if (notALine(page, r.row, r.fields)) continue;
      // A line the page marks as not billed (an unticked "Bill" box, "Billable: No", "N/C"):
      // not a claim line, and its minutes are no billable time (said, not dropped silently).
      if (bill >= 0 && notBilled(r.row, bill)) {
        unbilled.push(codesOf(r)[0] ?? textOf(r.row, { max: 40 }).text.trim());
        continue;
      }
      out.push(detectedRow(page, r.row, r.fields, r.facts, parts.get(r.row)));
    }
  }
  return { rows: out, more, all: [...byRow.keys()], logsLeft, unbilled };
}

/**
 * A line whose fields are named a code and its minutes (a "CPT" and a "Minutes" column) with a
 * code typed that no catalog knows ("97100", "9711O", "9711"): a visit's charge line all the
 * same, read so the mistyped code is said, where a visit of that one line was not read at all.
 */
function chargeLineTyped(r: { fields: RowFields }): boolean {
  const { code, minutes } = r.fields;
  return !!code && !!minutes && isControl(code) && /\d{3}/.test(readField(code, 40).text);
}

/**
 * The `tr` of a plain table cell, or of a control directly in one (none of them with a role):
 * what `closest(ROW_SELECTOR)` finds for them, by their parents alone (the page's fields, most
 * often). Undefined for anything else.
 */
export function plainRowOf(el: Element): Element | undefined {
  if (el.localName === 'tr' || el.hasAttribute('role')) return undefined;
  const up = el.parentElement;
  if (!up) return undefined;
  if (el.localName === 'td') return up.localName === 'tr' ? up : undefined;
  return up.localName === 'td' && !up.hasAttribute('role') && up.parentElement?.localName === 'tr' ? up.parentElement : undefined;
}

/**
 * A row's header cell that names its patient (a day sheet's `<th scope="row">Lee, Ann</th>`,
 * or `<th scope="rowgroup" rowspan="2">` over the patient's lines): its Patient cell, as a
 * Patient column's (an Appointment cell under "Appointment"). Under a "Patient" header, whatever it holds; under a blank one, a name
 * written "Lee, Ann" only. Most row headers name the line ("Ther Ex", "Manual Therapy" under
 * "Intervention"): those are no patient. `heads`: each table's first column's header, once.
 */
function rowHeaderPatient(page: Page, row: Element, table: Element, heads: Map<Element, string>): { key: 'patient' | 'appointment' | 'account'; cell: Element } | undefined {
  const cell = row.firstElementChild;
  if (!cell || !(cell.localName === 'th' || cell.getAttribute('role') === 'rowheader') || spanCount(cell) > 1) return undefined;
  let head = heads.get(table);
  if (head === undefined) heads.set(table, (head = firstColumnHead(table)));
  const role = head ? roleOfLabel(head) : null;
  if (role === 'patient' || role === 'appointment' || role === 'account') return { key: role, cell };
  // (A bare "Name" heads a line's name or a patient's: a name written "Lee, Ann" is the patient, as under a blank header.)
  if (head && !/^names?$/i.test(head)) return undefined;
  const text = clean(cell.textContent);
  return text.includes(',') && text.length <= 80 && personName(text, (t) => page.phrases.test(t)) ? { key: 'patient', cell } : undefined;
}

const spanCount = (cell: Element) => Number(cell.getAttribute('colspan') ?? 1);

/** The header text of a table's first column (its last header row's first cell), '' when blank or none. */
function firstColumnHead(table: Element): string {
  if (table.localName !== 'table') return '';
  const t = table as HTMLTableElement;
  // (The head's rows as its children: the last is the column headers', below a name row.)
  const head = t.tHead ? Array.from(t.tHead.children).filter((r) => r.localName === 'tr') : [];
  const row = head.length ? head[head.length - 1] : t.rows[0] && isHeaderRow(t.rows[0]) ? t.rows[0] : undefined;
  return row ? clean(cellsOf(row)[0]?.textContent) : '';
}

/** A row's field elements, modifiers included. (A loop, not flatMap: V8's flatMap costs a few microseconds a call, and a live page asks this three times a row on a first read.) */
export function fieldElements(fields: RowFields): Element[] {
  const out: Element[] = [];
  for (const key in fields) {
    const f = fields[key as keyof RowFields];
    if (Array.isArray(f)) for (const el of f) out.push(el);
    else if (f) out.push(f as Element);
  }
  return out;
}

/** The day headers (DetectedRow.unnamedDays) over a row's numbers that no field of the row is. */
function unnamedDays(page: Page, row: Element, fields: RowFields): string[] {
  const taken = new Set(fieldElements(fields));
  const days: string[] = [];
  for (const cell of cellsOf(row)) {
    const el = cell.querySelector('input, select, textarea') ?? cell;
    if (taken.has(el) || taken.has(cell) || !/^\s*\d{1,3}(?:\.\d+)?\s*$/.test(readField(el, 20).text)) continue;
    const header = columnHeaderOf(el, page.labels);
    if (header && columnDay(header) !== undefined) days.push(header);
  }
  return days;
}

/**
 * The header of the dated column a visit's rows were read from (a flowsheet's column per day, the
 * day charted): the first row's, when all of them are under columns of that one day (a session's
 * each: the minutes row typed in at 0900, the units row at 1400 only), their fields typed in and
 * one at least filled; undefined when a row's minutes (else units) are under no dated column or
 * another day's, or printed, or all blank (a day to come). Asked only of a visit the page gives no date.
 */
export function sharedColumnDay(rows: readonly RowFields[]): string | undefined {
  const labels = new LabelCache();
  let shared: string | undefined;
  let sharedDay: string | undefined;
  let typed = false;
  for (const fields of rows) {
    const el = fields.minutes ?? fields.units;
    if (!el) continue;
    // (Only a day typed in: a printed day's minutes read for want of today's say nothing of today.)
    if (!isControl(el)) return undefined;
    const header = columnHeaderOf(el, labels)?.trim();
    const day = header ? columnDay(header) : undefined;
    if (day === undefined || (sharedDay !== undefined && day !== sharedDay)) return undefined;
    shared ??= header;
    sharedDay = day;
    // (A box holding what the browser does not accept was typed in too: FieldRead.unreadable.
    // The day's other columns, a session's each, count: the first may be left blank.)
    for (const box of [el, ...((fields.minutes ? fields.minutesMore : fields.unitsMore) ?? [])]) {
      const read = readField(box, 20);
      typed ||= read.text.trim() !== '' || read.unreadable === true;
    }
  }
  return typed ? shared : undefined;
}

/** A row as detected: its fields, its cells that name its visit (when any), and how its minutes are written. */
function detectedRow(page: Page, element: Element, fields: RowFields, facts: RowFacts, parts?: Element[]): DetectedRow {
  const row: DetectedRow = parts ? { element, fields, parts } : { element, fields };
  if (fields.minutes && page.minutesSeconds(fields.minutes)) row.minutesSeconds = true;
  // (A units row whose units are typed under a day's column: the numbers under the other days are its units too.)
  else if (!fields.minutes && !(fields.units && isControl(fields.units) && page.columnDate(fields.units) !== undefined)) {
    const days = unnamedDays(page, element, fields);
    if (days.length) row.unnamedDays = days;
  }
  for (const _ in facts) {
    row.facts = facts;
    break;
  }
  return row;
}

/** A column that says whether its line is billed: "Bill", "Billable?", "Charge", "N/C". */
// (Not "Billed": a line already sent to billing, or not yet, says nothing of whether it is billable.)
const BILL_HEADER = /^(?:bill|billable|to bill|charge|chargeable|n\/c|no charge)\s*\??$/i;
/** What a bill column says of a line not billed. (Not "$0.00": a charge the page works out from units not entered yet.) */
const NOT_BILLED = /^(?:no|n|n\/?c|no charge|not billed|non-?billable|not billable)$/i;

/** The column of a table's header row that says whether each line is billed, or -1. */
function billColumn(table: Element): number {
  const first = table.localName === 'table' ? (table as HTMLTableElement).rows[0] : table.querySelector('[role="row"]');
  if (!first || !isHeaderRow(first)) return -1;
  let column = 0;
  for (const c of cellsOf(first)) {
    if (BILL_HEADER.test((c.textContent ?? '').trim())) return column;
    column += span(c);
  }
  return -1;
}

/** Whether the row's cell in the bill column says the line is not billed. */
function notBilled(row: Element, column: number): boolean {
  const cell = cellAtColumn(row, column);
  if (!cell) return false;
  const box = cell.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
  if (box) return !box.checked;
  const select = cell.querySelector('select');
  const text = select ? (select.selectedOptions[0]?.textContent ?? '') : readField(cell, 40).text;
  return NOT_BILLED.test(text.trim());
}

/** Columns only an exercise log has: sets and repetitions. */
const EXERCISE_COLUMN = /^(?:sets?|reps?|repetitions|sets?\s*[x×\/]\s*reps?|reps?\s*[x×\/]\s*sets?)$/i;

/** Whether a table's own header row names sets or repetitions (an exercise log, not charge lines). */
function exerciseLog(table: Element): boolean {
  const first = table.localName === 'table' ? (table as HTMLTableElement).rows[0] : table.querySelector('[role="row"]');
  if (!first || !isHeaderRow(first)) return false;
  return cellsOf(first).some((c) => EXERCISE_COLUMN.test((c.textContent ?? '').trim()));
}

const STOP_TAGS = new Set(['body', 'html', 'form']);

/**
 * Where elements stand relative to a set of rows, by walking up from the element (its depth)
 * instead of asking every row `contains()` (rows × elements: seconds on a 20,000-field page).
 */
function rowIndex(rows: readonly Element[]) {
  const set = new Set<Node>(rows);
  let walked: { scopes: readonly Root[]; elements: Element[]; set?: Set<Element> } | undefined;
  const ancestors = new Set<Node>();
  for (const r of rows) for (let p = r.parentNode; p && !ancestors.has(p); p = p.parentNode) ancestors.add(p);
  return {
    /** The row that holds `el` (or is `el`), if any. */
    rowOf(el: Element): Element | undefined {
      for (let n: Node | null = el; n; n = n.parentNode) if (set.has(n)) return n as Element;
      return undefined;
    },
    /** Whether `el` holds one of the rows. */
    holdsRow: (el: Element) => ancestors.has(el),
    /**
     * Whether `el`, found under `scopes`, is outside every row: as `!rowOf(el)`, from the one
     * walk `outside` makes (a flowsheet's 2,000 fields each walked up to their row cost more).
     */
    isOutside(scopes: readonly Root[], el: Element): boolean {
      const w = walk(scopes);
      return (w.set ??= new Set(w.elements)).has(el);
    },
    /**
     * The elements under `scopes` that match `selector` and are not in a row (nor a row), in
     * document order, at most `max`: as `queryDeep` filtered by `rowOf`, but a row's subtree is
     * never entered. On a flowsheet the rows hold most of the page: matching every element
     * against a long selector list and walking up from each cost four times as much.
     */
    outside(scopes: readonly Root[], selector: string, max = MAX_ELEMENTS): Element[] {
      const out: Element[] = [];
      for (const n of walk(scopes).elements) {
        if (!n.matches(selector)) continue;
        if (out.length >= max) return out;
        out.push(n);
      }
      return out;
    },
  };
  /** Every element under the scopes outside the rows, in document order: walked once, asked by each selector. */
  function walk(scopes: readonly Root[]): { scopes: readonly Root[]; elements: Element[]; set?: Set<Element> } {
    if (walked?.scopes === scopes) return walked;
    const elements: Element[] = [];
    // By hand, not a TreeWalker with a filter: a call from the browser into script per element cost more than the walk.
    for (const scope of scopes) {
      let n: Element | null = scope.firstElementChild;
      while (n) {
        const inRow = set.has(n);
        if (!inRow) elements.push(n);
        let next: Element | null = inRow ? null : n.firstElementChild;
        for (let up: Element | null = n; !next && up && up !== scope; up = up.parentElement) {
          next = up.nextElementSibling;
          if (!next && up.parentNode === scope) break;
        }
        n = next;
      }
    }
    return (walked = { scopes, elements });
  }
}

/**
 * Rows built from repeated groups (div grids, cards): from each minutes field (or code field
 * when the page has no minutes fields) climb to the smallest ancestor holding a known code or
 * phrase while it still holds only that one minutes field. Groups without a known intervention
 * count when they repeat the shape of a group that has one.
 */
function groupRows(page: Page, candidates: Element[], taken: Element[], limit: number): DetectedRow[] {
  const takenIndex = rowIndex(taken);
  const free = candidates.filter((c) => !takenIndex.rowOf(c) && !c.closest(ROW_SELECTOR));
  let anchors = free.filter((c) => page.role(c) === 'minutes');
  if (anchors.length === 0) anchors = free.filter((c) => page.role(c) === 'code');
  anchors = anchors.slice(0, limit * 2);
  // (A page whose fields all sit in table rows, the usual flowsheet: nothing to group, and no
  // walk up from every candidate to the root below.)
  if (anchors.length === 0) return [];
  const rows: Element[] = [];
  const orphans: Element[] = [];
  /** How many of the free fields each of their ancestors holds (counted once, when a line is alone in its group). */
  let countsOf: Map<Element, number> | undefined;
  for (const anchor of anchors) {
    let last: Element | null = null; // largest ancestor holding only this anchor
    let found: Element | null = null; // smallest ancestor holding a known code or phrase
    let crowded = false; // climbing further reaches another row's anchor
    for (let cur = anchor.parentElement; cur; cur = cur.parentElement) {
      const here = cur;
      if (anchors.some((a) => a !== anchor && here.contains(a))) {
        crowded = true;
        break;
      }
      if (STOP_TAGS.has(here.localName)) break;
      last = here;
      if (!found && page.hit(here)) found = here;
    }
    // Among repeated groups the row is the whole group; alone on the page, the smallest one
    // that names the intervention (not the whole page). A line alone in its card (a patient's
    // one charge under the card's heading) is the line, not the card: the row is no bigger than
    // what holds the fields the whole group holds (a card's own Patient or Date field keeps the
    // card as the row), so the card's heading stays outside it and names its visit.
    if (crowded && found && last) rows.push(found === last ? last : lineWithin(found, last, (countsOf ??= fieldCounts(free))));
    else if (found) rows.push(found);
    else if (crowded && last) orphans.push(last);
  }
  for (const orphan of orphans) {
    const sig = signature(orphan);
    if (rows.some((r) => r.parentElement === orphan.parentElement && signature(r) === sig)) rows.push(orphan);
  }
  const unique = [...new Set(rows)].filter((r) => !rows.some((o) => o !== r && o.contains(r)));
  const uniqueIndex = rowIndex(unique);
  const byRow = new Map<Element, Element[]>();
  for (const c of candidates) {
    const row = uniqueIndex.rowOf(c);
    if (!row) continue;
    const list = byRow.get(row);
    if (list) list.push(c);
    else byRow.set(row, [c]);
  }
  const out: DetectedRow[] = [];
  for (const row of unique) {
    // A card's own Patient, Date or Visit # field names its visit, as a table's cells do (a card per appointment).
    const facts: RowFacts = {};
    const fields = fieldsFrom(page, byRow.get(row) ?? [], facts);
    if (!fields.minutes && !fields.code && !(fields.startTime && fields.endTime)) continue;
    if (notALine(page, row, fields)) continue;
    out.push(detectedRow(page, row, fields, facts));
  }
  // Document order.
  return out.sort((a, b) => (a.element.compareDocumentPosition(b.element) & 4 ? -1 : 1));
}

/** How many of `fields` each of their ancestors holds. */
function fieldCounts(fields: readonly Element[]): Map<Element, number> {
  const counts = new Map<Element, number>();
  for (const f of fields) for (let up = f.parentElement; up; up = up.parentElement) counts.set(up, (counts.get(up) ?? 0) + 1);
  return counts;
}

/**
 * The smallest element from `line` up to `group` that holds every field `group` holds; `group`
 * itself when the rest of it writes a visit's fact ("Patient: Ray, Bob", "DOS: 11/03/2026": a
 * card per appointment, whose facts are its line's).
 */
function lineWithin(line: Element, group: Element, counts: ReadonlyMap<Element, number>): Element {
  const all = counts.get(group) ?? 0;
  for (let el: Element | null = line; el && el !== group; el = el.parentElement) {
    if ((counts.get(el) ?? 0) < all) continue;
    return writesFact(group, el) ? group : el;
  }
  return group;
}

/**
 * Whether `group`, outside `line` and its headings, writes a patient or a date of service as a
 * label and its value ("Patient: Ray, Bob", "DOS: 11/03/2026"): a card per appointment. Not a
 * heading ("Patient: Ray, Bob" atop the card names it from outside the row), nor a hint that
 * only names a word ("Enter minutes per date: one line per code").
 */
function writesFact(group: Element, line: Element): boolean {
  let seen = 0;
  for (const el of Array.from(group.querySelectorAll('*'))) {
    if (++seen > 40) break;
    if (el.childElementCount > 0 || line.contains(el) || el.closest('h1, h2, h3, h4, h5, h6, [role="heading"], legend, caption')) continue;
    for (const { label, value } of pairsIn(clean(el.textContent).slice(0, 200))) {
      const role = roleOfLabel(label);
      if ((role === 'patient' && personName(value)) || (role === 'dateOfService' && normaliseDate(value))) return true;
    }
  }
  return false;
}

// Durations inside free text: "10:05-10:28", "10:05 AM – 10:28 AM", "23 min", "23'", "1 hr 5 min".
const CLOCK = String.raw`\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?`;
const DURATION_IN_TEXT = new RegExp(
  [
    String.raw`(?<![\d:])${CLOCK}\s*(?:-|–|—|to|until)\s*${CLOCK}(?!\d|:\d)`,
    String.raw`(?<![\d.])\d+(?:\.\d+)?\s*(?:h|hr|hrs|hour|hours)\.?(?:\s*\d{1,2}\s*(?:m|min|mins|minutes)\.?)?(?![a-z])`,
    String.raw`(?<![\d.:])\d{1,3}\s*(?:min|mins|minute|minutes|m|'|’|′)(?![a-z])`,
    // A clock range with a typo ("10:05-10:2x") is still meant as a duration: read it so the
    // engine can say it is unreadable, instead of treating the line as having no minutes.
    String.raw`(?<![\d:])\d{1,2}:\d{2}\s*(?:-|–|—)\s*\d{1,2}:[0-9a-z]{1,3}(?![0-9a-z])`,
  ].join('|'),
  'i',
);

/**
 * Whether `text` may name a duration: a loose, cheap test before a subtree's blocks are read for
 * lines. (An element's textContent runs its paragraphs together: "24 minPatient tolerated…".)
 */
const MAY_HOLD_DURATION = /\d\s*(?:m|h|'|’|′)|\d:\d/i;
export const mayHoldLine = (text: string) => MAY_HOLD_DURATION.test(text);

const TEXT_BLOCK_SELECTOR = 'textarea, [contenteditable], p, li, dd, pre, div, td, span, blockquote';

/** The note's lines, and every text block a user types in (a textarea, an editable box) or whose lines were read, in page order. */
function freeTextLines(page: Page, rows: Element[]): { lines: FreeTextLine[]; blocks: Element[]; capped: boolean } {
  const out: FreeTextLine[] = [];
  const blocks: Element[] = [];
  let capped = false;
  const index = page.rowIndex(rows);
  let looked = 0;
  // The rows' own cells are not free text and do not use up the allowance: a note below a
  // long flowsheet is still read.
  for (const el of index.outside(page.scopes, TEXT_BLOCK_SELECTOR)) {
    if (index.holdsRow(el)) continue;
    if (++looked > MAX_TEXT_BLOCKS) {
      capped = true;
      break;
    }
    if (!readWhole(el)) continue;
    const lines = blockLines(el, page.phrases, page.codes);
    out.push(...lines);
    // (A box a visit's fact is typed in, its label "Payer" or "Date of service", is no note: typed in, the page is read.)
    if (lines.length || ((el.localName === 'textarea' || el.matches('[contenteditable]')) && !factBox(page.role(el)))) blocks.push(el);
  }
  return { lines: out, blocks, capped };
}

/** Whether a field's role is a visit fact's (visitFactsGeneric's keys): a box it is typed in is no note. */
const factBox = (role: Role | null) => role !== null && (VISIT_ROLES.has(role) || role === 'startTime' || role === 'endTime');

/** Whether `el` is a text block read as one: a note's paragraph, a textarea, an editable box. */
export function isTextBlock(el: Element): boolean {
  return el.matches(TEXT_BLOCK_SELECTOR) && readWhole(el);
}

/**
 * Whether a text block is read as one (its lines are its text's): a textarea, an editable box,
 * or a block holding no other block or control; not a part of an editable box, nor a span in a block.
 */
export function readWhole(el: Element): boolean {
  const editable = el.matches('[contenteditable]:not([contenteditable="false"])');
  if (!editable && el.parentElement?.closest('[contenteditable]:not([contenteditable="false"])')) return false;
  if (el.localName !== 'textarea' && !editable) {
    if (el.querySelector(`${CONTROL_SELECTOR}, p, li, dd, pre, div, td, blockquote, table`)) return false;
    if (el.localName === 'span' && el.parentElement?.closest(TEXT_BLOCK_SELECTOR)) return false;
  }
  return true;
}

/**
 * The lines of one text block that name an intervention (a phrase or a code) with a duration:
 * what freeTextLines takes from it, read again as the block shows now when the page rewrites it.
 */
export function blockLines(el: Element, phrases: PhraseMatcher, codes: ReadonlySet<string>): FreeTextLine[] {
  return linesInText(blockText(el), el, phrases, codes);
}

/** The text a note's block is read from: a textarea's value, else its text with its lines apart. */
export const blockText = (el: Element) => (el.localName === 'textarea' ? readField(el).text : textOf(el, { lines: true }).text);

/** The note's lines in `text`, each of element `el`. */
export function linesInText(text: string, el: Element, phrases: PhraseMatcher, codes: ReadonlySet<string>): FreeTextLine[] {
  if (!text) return [];
  const out: FreeTextLine[] = [];
  for (const line of text.split(/\n|;|(?<=\.)\s+(?=[A-Z])/)) {
    const m = DURATION_IN_TEXT.exec(line);
    if (!m) continue;
    if (!phrases.test(line) && knownCodesIn(line, codes).length === 0) continue;
    out.push({ element: el, text: line.trim(), duration: m[0].trim() });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Visit-level facts.

/** A label alone before its value's element, after the value before it: "Payer:", " · DOS: ". */
const LABEL_ONLY = /^\s*(?:[·•|,;]\s*)?([^:·•|]{2,40}):\s*$/;

/** A banner's own labels beside a visit's facts: "DOB:", "MRN:", "Age:", "Room:", "Provider:", "Visit #:". */
const BANNER_LABEL = /^(?:dob|d\.o\.b\.?|date of birth|birth ?date|mrn|med(?:ical)? rec(?:ord)?(?: ?(?:no|#|number))?|age|sex|gender|room|rm|bed|provider|therapist|clinician|visit ?(?:#|no\.?|number)|acct|account(?: ?(?:no|#))?|chart ?#?)$/i;
/** A few words after a value, "(primary)", ", 72)": no label, nothing read. Not a coverage billed after the first. */
const QUALIFIER = /^[^:]{0,24}$/;
const LATER = /\b(?:secondary|tertiary|supplement\w*|medigap)\b/i;
/** A coverage's rank or kind as a banner's label ("Primary:", "Secondary:", "Coverage:"): read only as payer-names.ts says. */
const RANK_LABEL = new RegExp(`${PAYER_BY_VALUE_LABEL.source}|^(?:secondary|sec|2nd|tertiary|3rd)(?: (?:coverage|plan|payer|insurance|ins))?$`);
/** A later coverage's label in a primary's value ("Aetna Secondary: AARP", two labels with nothing between them): the value ends there. */
const LATER_LABEL_IN = /[\s(/|,;-]+(?:secondary|sec|2nd|tertiary|3rd)\b[^:]{0,20}:.*$/i;

/**
 * The fact a label names: its role's, else a payer for a rank's or a coverage's label ("Primary:",
 * "Coverage:") whose value is a payer's name (payer-names.ts): "Primary: Dr. Jones" names none.
 */
export function factKey(label: string, value: string | undefined): VisitFact['key'] | null {
  const role = roleOfLabel(label);
  if (role && VISIT_ROLES.has(role)) return role as VisitRole;
  if (role === 'startTime' || role === 'endTime') return role;
  return role === null && value !== undefined && PAYER_BY_VALUE_LABEL.test(words(label)) && namesPayer(value.replace(LATER_LABEL_IN, '')) ? 'payer' : null;
}

/**
 * Whether a short line is a banner of "Label: <span>value</span>" pairs, each value an element of
 * its own ("Patient: <span>…</span> · DOB: <span>…</span> · DOS: <span>…</span>"): each label a
 * visit's fact's or a banner's, after the line's start or a value; words without a label only as
 * a few after a value ("(primary)").
 */
function pairsOnly(line: Element): boolean {
  if ((line.textContent ?? '').length > MAX_FACT_LINE) return false;
  for (let n = line.firstChild; n; n = n.nextSibling) {
    const text = n.nodeType === 3 ? (n.nodeValue ?? '') : '';
    if (!text.trim()) continue;
    if (n.previousSibling && n.previousSibling.nodeType !== 1) return false;
    const label = LABEL_ONLY.exec(text);
    if (!label) {
      if (!QUALIFIER.test(text) || LATER.test(text) || !n.previousSibling) return false;
      continue;
    }
    const role = roleOfLabel(label[1]!.trim());
    if (!(role && VISIT_ROLES.has(role)) && !BANNER_LABEL.test(label[1]!.trim()) && !RANK_LABEL.test(words(label[1]!))) return false;
  }
  return true;
}

/** What makes an element no leaf line of text pairs: its lines are read one by one. */
const NOT_A_LEAF = `${CONTROL_SELECTOR}, div, p, li, table, span, dt, dd, label, td, th`;
const PAIR_SELECTOR = 'dt, th, label, span, b, strong, em, small, div, p, li, td, h1, h2, h3, h4, h5, h6, legend, caption, header, footer, section, article';

/** What says a field is for looking something up: its type, its search landmark, or its id or name ("q", "patient-search"). */
const SEARCH_NAME = /search|find|look-?up|query|^q$/i;
const searchBox = (el: Element) => searchLandmark(el) || SEARCH_NAME.test(el.id) || SEARCH_NAME.test(el.getAttribute('name') ?? '');
/**
 * A field the page itself says is for searching: `type="search"`, `role="searchbox"`, or inside
 * a search landmark (`role="search"`, `<search>`). No visit's line or fact is typed there.
 */
export const searchLandmark = (el: Element) =>
  el.getAttribute('type') === 'search' || el.getAttribute('role') === 'searchbox' || !!el.closest('[role="search"], search');

/** The first fact of each kind. */
export function firstFacts(facts: readonly VisitFact[]): VisitFields {
  const out: VisitFields = {};
  for (const f of facts) if (!f.blank) out[f.key] ??= f.field;
  return out;
}

function visitFactsGeneric(page: Page, candidates: Element[], rows: Element[], have: VisitFields): VisitFact[] {
  const list: VisitFact[] = Object.entries(have).map(([key, field]) => ({ key: key as VisitFact['key'], field: field! }));
  /** Payers read from a rank's or a coverage's label by their value ("Primary: Aetna"): a page's "Payer:" line outranks them. */
  const byValue = new Set<VisitFact>();
  /** A fact found beside `label`: kept aside as read by its value when it is a payer's by a rank's or a coverage's label. */
  const add = (fact: VisitFact, label: string) => {
    list.push(fact);
    if (fact.key === 'payer' && roleOfLabel(label) === null) byValue.add(fact);
  };
  const index = page.rowIndex(rows);
  const outside = (el: Element) => index.isOutside(page.scopes, el);
  // Controls (and labelled plain-text fields) first.
  for (const c of candidates) {
    if (!outside(c)) continue;
    const role = page.role(c);
    if (!role) continue;
    if (!factBox(role)) continue;
    const key = role as VisitFact['key'];
    // A search box for a patient (the next one looked up while this chart is open) names no visit's patient.
    if (key === 'patient' && searchBox(c)) continue;
    // (A list left on "Select…" is blank too. A box holding what the browser does not accept is
    // not: read.ts says it cannot be read.)
    const read = readField(c, 200);
    if ((!read.text && !read.unreadable) || (key === 'patient' && unchosen(c))) {
      // (A blank Patient field still counts for telling visits apart: a card being filled in
      // is its own visit, not the card before's until a name is typed.)
      if (key === 'patient' && isControl(c)) list.push({ key, field: { element: c }, blank: true });
      continue;
    }
    // A payer in a row of a coverage table that ranks it second or after ("Secondary | Aetna"): not the one billed first.
    if (key === 'payer' && laterCoverage(c)) continue;
    // A total row's label under the Patient column ("Total", "Subtotal:"): no one's name.
    if (key === 'patient' && TOTALS_NAME.test(read.text)) continue;
    list.push({ key, field: { element: c } });
  }
  // Then "Payer: Medicare Part B" text and "Payer | Medicare" label/value pairs.
  // (Every visit's header on a big page: the cap is the page's, not the free-text one.)
  for (const el of index.outside(page.scopes, PAIR_SELECTOR)) {
    // Leaves only: "<div><span>Payer: <b>Aetna</b></span><span>DOS: …</span></div>" is read per span.
    if (el.querySelector(NOT_A_LEAF)) continue;
    const text = textOf(el, { max: 200 }).text;
    if (!text || text.length > MAX_FACT_LINE) continue;
    // "Payer: Medicare Part B · Discipline: PT · DOS: 2026-11-20" on one line: each part is a pair.
    const pairs = pairsIn(text);
    for (const { label, value } of pairs) {
      const key = factKey(label, value);
      // (A rank's value ends before a later coverage's label: "Primary: Aetna Secondary: AARP".)
      if (key) add({ key, field: { element: el, text: key === 'payer' && !roleOfLabel(label) ? value.replace(LATER_LABEL_IN, '') : value, pair: label } }, label);
    }
    if (pairs.length) continue;
    // "Patient: <b>Alice Adams</b> · Payer: <input>": in a line that holds controls (so is not read
    // as text pairs), the label is the text just before the element (read as the page shows it).
    // "Date of service: <span>11/02/2026</span> · Payer: <span>Aetna</span>": in a line of such
    // pairs only (each label a visit's fact's, each value an element of its own); not "Lee, Ann ·
    // Insurance on file: <span>…", "Status: Signed · Date: <span>…", "Signed in as: <span>…".
    const line = el.previousSibling?.nodeType === 3 ? el.parentElement : null;
    const lead = line && (line.querySelector(CONTROL_SELECTOR) ? true : line.querySelector(NOT_A_LEAF) && pairsOnly(line)) ? /(?:^|[·•|]\s*)([^:·•|]{2,40}):\s*$/.exec(el.previousSibling!.nodeValue ?? '') : null;
    if (lead && !text.includes(':')) {
      const key = factKey(lead[1]!.trim(), text);
      if (key && key !== 'startTime' && key !== 'endTime') add({ key, field: { element: el } }, lead[1]!.trim());
      continue;
    }
    const bare = /^([^:]{2,40}):?$/.exec(text);
    if (!bare) continue;
    // "DOS 11/02/2026", "Visit summary — DOS 11/02/2026": a label holding its own date is no
    // label of the element after it (a DOB, a printed date); its date is the visit's when the
    // words just before it name the date of service ("DOS", "Date of service"), not "Printed".
    const dates = datesIn(bare[1]!);
    if (dates.length) {
      const lead = bare[1]!.slice(0, dates[0]!.at).split(/[,;·•|—–(]/).pop()!.trim();
      if (dates.length === 1 && lead && roleOfLabel(lead) === 'dateOfService') list.push({ key: 'dateOfService', field: { element: el, text: dates[0]!.date } });
      continue;
    }
    // (A rank's or a plan's label, "Primary", is asked again with its value.)
    const isByValue = roleOfLabel(bare[1]!) === null && PAYER_BY_VALUE_LABEL.test(words(bare[1]!));
    const key = isByValue ? 'payer' : factKey(bare[1]!, undefined);
    if (!key) continue;
    if (el.localName === 'label' && el.getAttribute('for')) continue; // its control was read above
    // "<p><span>Payer:</span> Aetna</p>": the value is the text right after the label.
    const after = el.nextSibling?.nodeType === 3 ? (el.nextSibling.nodeValue ?? '').trim() : '';
    if (after && el.parentElement) {
      if (!isByValue || factKey(bare[1]!, after)) add({ key, field: { element: el.parentElement, text: after.slice(0, 200), after: el, afterText: text } }, bare[1]!);
      continue;
    }
    const value = el.nextElementSibling;
    if (!value || value.querySelector('div, p, table') || !outside(value)) continue;
    // A column header beside the next column's ("Patient | Intervention | CPT"): not a label and its value.
    if (isHeaderCell(el) && isHeaderCell(value)) continue;
    const v = textOf(value, { max: 200, values: true }).text;
    if (v && (!isByValue || factKey(bare[1]!, v))) add({ key, field: { element: value } }, bare[1]!);
  }
  // (A payer's own label anywhere on the page outranks a value that only names one beside a rank.)
  return byValue.size && list.some((f) => f.key === 'payer' && !f.blank && !byValue.has(f)) ? list.filter((f) => !byValue.has(f)) : list;
}

const isHeaderCell = (el: Element) => el.localName === 'th' || el.getAttribute('role') === 'columnheader';

/** A cell ranking a coverage after the first: "Secondary", "Tertiary", "2nd", "Supplemental", "Medigap". */
const LATER_RANK = /^(?:secondary|tertiary|sec|ter|2nd|3rd|supplemental|supplement|medigap)$/i;

/** Whether a payer field sits in a table row that ranks its coverage second or after. */
function laterCoverage(field: Element): boolean {
  const row = field.closest(ROW_SELECTOR);
  return !!row && cellsOf(row).some((cell) => LATER_RANK.test((cell.textContent ?? '').trim()));
}

/** Headings and the title, for "Physical Therapy Daily Note". */
export function headingText(page: { scopes: readonly Root[] }, skip?: (heading: Element) => boolean): string {
  const parts: string[] = [];
  const first = page.scopes[0];
  const doc = first && 'title' in first ? (first as Document) : (first as Element | undefined)?.ownerDocument;
  if (doc?.title) parts.push(doc.title);
  for (const h of queryDeep(page.scopes, 'h1, h2, h3, legend, caption, [role="heading"]', 50)) {
    if (!skip?.(h)) parts.push(textOf(h, { max: 200 }).text);
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------

function fromProfile(page: Page, profile: SiteProfile, maxRows: number): { rows: DetectedRow[]; visitFields: VisitFields } | { stale: string } {
  let rowEls: Element[];
  try {
    rowEls = queryDeep(page.scopes, profile.rowSelector);
  } catch {
    return { stale: 'its row selector is not valid here' };
  }
  if (rowEls.length === 0) return { stale: 'its row selector matches nothing on this page' };
  rowEls = rowEls.slice(0, maxRows);
  const rows: DetectedRow[] = [];
  try {
    for (const row of rowEls) {
      const fields: RowFields = {};
      for (const key of PROFILE_FIELD_KEYS) {
        const sel = profile.fields[key];
        if (!sel) continue;
        if (key === 'modifiers') {
          const mods = Array.from(row.querySelectorAll(sel));
          if (mods.length) fields.modifiers = mods;
        } else {
          const el = row.querySelector(sel);
          if (el) fields[key] = el;
        }
      }
      rows.push({ element: row, fields });
    }
  } catch {
    return { stale: 'a field selector is not valid here' };
  }
  for (const key of ['label', 'code', 'minutes'] as const) {
    if (profile.fields[key] && !rows.some((r) => r.fields[key])) {
      return { stale: `its ${key} selector matches nothing in any row` };
    }
  }
  const visitFields: VisitFields = {};
  for (const key of PROFILE_VISIT_KEYS) {
    const sel = profile.visit?.[key];
    if (!sel) continue;
    try {
      const el = queryDeep(page.scopes, sel, 1)[0];
      if (el) visitFields[key] = { element: el };
    } catch {
      // A bad visit selector only loses that fact.
    }
  }
  return { rows: rows.filter((r) => !notALine(page, r.element, r.fields)), visitFields };
}

/**
 * Finds the visit's line items under `root` (a frame's document, an element or a shadow
 * root): with the profile when it still matches, else with the generic detector. Does not
 * enter frames: call it once per frame's document.
 */
export function detectRows(root: Root, options: DetectOptions): Detection {
  return whole(detectRowsInSteps(root, options));
}

/** {@link detectRows} in steps: `pause` is asked between and within its longer parts (see steps.ts). */
export function* detectRowsInSteps(root: Root, options: DetectOptions, pause: Pause = NEVER): Steps<Detection> {
  const maxRows = options.maxRows ?? MAX_PAGE_ROWS;
  const maxFields = options.maxFields ?? MAX_FIELDS;
  const notes: string[] = [];
  const { scopes, capped, waiting } = scopesOf(root, options.shadowOf);
  options.scopesFound?.(scopes);
  if (capped) notes.push(`The page has more than ${MAX_ELEMENTS} elements that could hold a component; components after them were not looked into.`);
  if (pause()) yield;
  const page = new Page(scopes, options.codes, options.phrases, options.shown);
  page.plans = options.rowPlans !== false;
  if (pause()) yield;
  let stale = false;

  for (const profile of options.profiles ?? (options.profile ? [options.profile] : [])) {
    const result = fromProfile(page, profile, maxRows);
    if ('stale' in result) {
      stale = true;
      notes.push(`The site mapping '${profile.name}' does not match this page (${result.stale}).`);
      continue;
    }
    const all = queryDeep(scopes, profile.rowSelector).length;
    if (all > maxRows) notes.push(`Only the first ${maxRows} of ${all} rows were read.`);
    const candidates = whole(plausibleFields(scopes, maxFields, options.shown ?? notHiddenByAttribute)).fields;
    const visitFacts = visitFactsGeneric(page, candidates, result.rows.map((r) => r.element), result.visitFields);
    // Notes about other mappings that did not match are beside the point once one does.
    return { source: 'profile', stale: false, rows: result.rows, freeText: [], visitFields: firstFacts(visitFacts), visitFacts, notes: notes.filter((n) => !n.startsWith('The site mapping')), scopes, waiting };
  }
  if (stale) notes.push('The generic detector was used instead.');

  const { fields: candidates, more } = yield* plausibleFields(scopes, maxFields, options.shown ?? notHiddenByAttribute, pause);
  if (more) notes.push(`The page has more than ${maxFields} fields; only the first ones were read.`);
  const table = yield* tableRows(page, candidates, maxRows, pause);
  if (pause()) yield;
  if (table.unbilled.length)
    notes.push(`${table.unbilled.length === 1 ? `A line (${table.unbilled[0]}) is` : `${table.unbilled.length} lines (${table.unbilled.slice(0, 4).join(', ')}${table.unbilled.length > 4 ? '…' : ''}) are`} marked not billed on the page: left out of the claim and of the billable minutes.`);
  if (table.logsLeft)
    notes.push(`${table.logsLeft === 1 ? 'An exercise log (a table with sets and reps) was' : `${table.logsLeft} exercise logs (tables with sets and reps) were`} not read as billed lines: its minutes are the exercises' time, billed on the charge lines.`);
  let rows = [...table.rows, ...groupRows(page, candidates, table.rows.map((r) => r.element), maxRows)];
  if (page.setAside.size) {
    const heads = [...new Set([...page.setAside.values()].flatMap((h) => [...h]))];
    notes.push(`Flowsheet columns ${heads.slice(0, 3).map((h) => `“${h}”`).join(', ')}${heads.length > 3 ? '…' : ''} were not read: one of the day's columns names no single session (a total or a plan?), and adding it to the sessions could count minutes twice. Chart each session in a column of its own, or map this form (Teach mode).`);
  }
  const total = rows.length + table.more;
  if (total > maxRows) {
    notes.push(`Only the first ${maxRows} of ${table.more ? 'about ' : ''}${total} rows on this page were read.`);
    rows = rows.slice(0, maxRows);
  }
  // A collapsed group row's lines are not on the page: its rolled-up minutes are no line, so say what was not read.
  const collapsed = queryDeep(scopes, '[role="treegrid"] [role="row"][aria-level][aria-expanded="false"]', 20).filter(isOutlineParent);
  if (collapsed.length) {
    const names = collapsed.slice(0, 3).map((r) => `“${textOf(cellsOf(r)[0] ?? r, { max: 40 }).text}”`).join(', ');
    notes.push(`${collapsed.length === 1 ? 'A group of rows is' : `${collapsed.length} groups of rows are`} collapsed (${names}${collapsed.length > 3 ? '…' : ''}): their lines are not on the page and were not read. Expand them to check them.`);
  }
  const rowEls = rows.map((r) => r.element);
  if (pause()) yield;
  const { lines: freeText, blocks: textBlocks, capped: textCapped } = freeTextLines(page, rowEls);
  if (pause()) yield;
  // Rows past the limit are still rows: their fields are not the visit's payer or date.
  const visitFacts = visitFactsGeneric(page, candidates, table.more ? [...rowEls, ...table.all] : rowEls, {});
  const source = rows.length || freeText.length ? 'generic' : 'none';
  return { source, stale, rows, freeText, textBlocks, textCapped, visitFields: firstFacts(visitFacts), visitFacts, notes, scopes, waiting, ...(page.setAside.size && { setAside: page.setAside }) };
}
