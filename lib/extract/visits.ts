// Which visit each detected row belongs to, when a page shows several (a flowsheet of a week,
// a day sheet, a chart with today's visit and the earlier ones below it). Each visit is
// checked on its own: rows from two visits are never added up as one.
//
// Pure DOM reads, no layout: tested in happy-dom. The rules, in order:
// - rows are grouped by their table (or grid, or the parent of div rows);
// - a table starts a new visit when a header names a visit (a date, a visit, encounter,
//   session or appointment word, a time of day) that differs from the visit before it: a
//   heading inside the table's own section, the nearest heading before it, or a one-cell
//   separator row inside the table ("Visit 3 — 11/20/2026"); a table whose header names no
//   visit ("Timed services") belongs to the visit before it;
// - a heading, legend, line atop a card or separator row that names a person only ("Smith,
//   Ann", "Ann Smith (#40211)", "Lee, Ann — Follow-up", "9:00a Ann Lee", "Lee, Ann — Checked
//   in", "Lee, Ann ✓") starts a visit only where parts of the same shape name two people or
//   more (a day sheet): one such heading, "Balance, Gait", or a clinician's "Jane Doe —
//   Physical Therapy" splits nothing; headings between div lines listed in one box count as a
//   table's separator rows do; so does a box named by a visit's date in its accessible name
//   (a tab panel by its tab "Visit 11/02/2026");
// - a dialog over the page that names a patient other than the chart's (a charge dialog for
//   "Ray, Bob") is a visit of its own; one naming no one, or the chart's patient, is the chart's;
// - a visit whose header says history (previous, prior, past, earlier, "Last visit 10/30"), or
//   whose rows hold no field the user can edit while another visit's do, is read-only history:
//   listed, never mixed into the visit being charted (a session of the day signed earlier is
//   still carried into the day's later ones: page-session.ts);
// - inside a visit, a wholly read-only table beside tables being edited is split off the same
//   way when it is a summary (the same minutes per code as the lines being edited, or a
//   charge summary's fees with the same units per code) or an
//   earlier visit's lines (every row dated, none on this visit's date): its minutes never count
//   twice. Any other read-only table or row stays (today's signed lines, today's saved lines
//   beside an "add a line" table): a part of today's visit is never left unchecked.

import { labelBirthDates } from './birth-dates';
import { MONTHS, columnDay, datesIn, dayNear, dayNearAll, normaliseDate, weekdayOf, withoutSessionTime } from './dates';
import { dayOnlyDate, headerDate } from './header-date';
import { groupRowText } from './group-rows';
import { parseMinutes } from './minutes';
import { NAMED_PAYER } from './payer-names';
import { isVocabularyWord } from './selector-vocabulary';
import { PART_WORDS, PERSON_LABEL, TIME_OF_DAY, VISIT_WORDS, clean, visitIdentity } from './visit-names';
import { withoutTicking } from './ticking';

export { visitIdentity } from './visit-names';

export interface VisitGroup {
  /** `v1`, `v2`… in page order. */
  key: string;
  /** The visit's header as the page shows it (at most 80 characters), or "Visit N". */
  label: string;
  /** Read-only: an earlier visit, or a read-only table beside the ones being edited (a summary). Shown, not checked. */
  history: boolean;
  /** Indexes into the rows given, in page order. */
  rows: number[];
  /** Where the visit starts on the page (its section, its header, else its first row): facts after it are its own. */
  start: Element;
  /** The element its label was read from (a heading, a separator row), if any: a change to its text may make it another visit. */
  header?: Element;
  /**
   * A visit split off a table by its rows' Patient, Date or Visit # cells: the key of the
   * table's first visit; the visits of one table share the facts of its part of the page
   * (above it, or a footer below it: a payer, a discipline).
   */
  sharesFactsOf?: string;
  /** The date of service its rows' Date column gives it (YYYY-MM-DD), written on its own rows or on the rows above (a date written once for the day). */
  keyDate?: string;
  /** The person its heading, name line, Patient field or separator row names (a day sheet's patient), as compared. */
  who?: string;
  /** History only for being read-only beside a visit being charted (a session signed earlier today), not for any word or date of the page's. */
  besideCharted?: true;
}

export const TABLE_SELECTOR = 'table, [role="grid"], [role="table"], [role="treegrid"]';
const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, [role="heading"], legend, caption, summary';
/** A dialog over the page: its lines are a visit of their own when it names a patient. */
const DIALOG = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

/**
 * Facts, less those in a dialog over the chart that holds none of its lines (an eligibility
 * check, a message: "Payer: Humana Gold Plus · Active") where the chart names that fact itself:
 * the chart's own line is the visit's. A dialog's fact the chart does not name stays (a
 * patient-summary drawer, an app shell marked as a dialog, a sticky header misusing
 * aria-modal: its banner is the chart's). A charge dialog with lines keeps its facts.
 */
export function outsideRowlessDialogs<F extends { key: string; field: { element: Element } }>(facts: readonly F[], lines: readonly Element[]): F[] {
  const holds = new Map<Element, boolean>();
  const rowless = (f: F) => {
    const dialog = f.field.element.closest(DIALOG);
    if (!dialog) return false;
    let has = holds.get(dialog);
    if (has === undefined) holds.set(dialog, (has = lines.some((l) => containsComposed(dialog, l))));
    return !has;
  };
  const apart = facts.filter(rowless);
  if (!apart.length) return [...facts];
  const charted = new Set(facts.filter((f) => !apart.includes(f)).map((f) => f.key));
  return facts.filter((f) => !apart.includes(f) || !charted.has(f.key));
}
/** Whether `box` holds `el`, through the shadow roots between them (a grid in a web component). */
function containsComposed(box: Element, el: Element): boolean {
  for (let n: Node | null = el; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) if (n === box) return true;
  return false;
}
/** The last heading inside `box` that is not in a dialog `container` is not in (asked from the last: one asked, mostly). */
function lastHeadingIn(box: Element, container: Element): Element | undefined {
  const within = box.querySelectorAll(HEADING_SELECTOR);
  for (let i = within.length - 1; i >= 0; i--) if (!inOtherDialog(within[i]!, container)) return within[i];
  return undefined;
}
/** Whether `el` is inside a dialog that `container` is not in: a pop-up over the page, not its part. */
const inOtherDialog = (el: Element, container: Element) => {
  const dialog = el.closest(DIALOG);
  return !!dialog && !dialog.contains(container);
};

/** The people a visit's label names, each as nameKey gives it ("Lee, Ann — Daily note — 11/02/2026" → "lee|ann"). */
function labelPeople(label: string): string[] {
  return label.split(/\s+[—–|·•]\s+/).flatMap((part) => {
    const name = personName(part);
    return name ? [nameKey(name)] : [];
  });
}

/**
 * Whether the chart behind `dialog` names `who` (personName's "ann lee") as its patient: in a
 * heading of the page or a patient banner (a record number or birth date beside the name), not
 * in a list or a side bar of other patients ("Recent patients", a schedule).
 */
function namedOutside(dialog: Element, who: string): boolean {
  const body = dialog.ownerDocument.body;
  if (!body) return false;
  let seen = 0;
  for (const el of Array.from(body.querySelectorAll(`${HEADING_SELECTOR}, p, div, span, header`))) {
    if (++seen > 400) break;
    if (dialog.contains(el) || el.closest('aside, nav, li, [role="complementary"], [role="navigation"], [role="listitem"], table')) continue;
    const heading = el.matches(HEADING_SELECTOR);
    if (!heading && el.childElementCount > 0) continue;
    const text = clean(el.textContent);
    if (!text || text.length > 200 || (!heading && !BANNER_EVIDENCE_TEXT.test(text))) continue;
    if (text.split(BANNER_SEPARATOR).some((part) => personName(part) === who)) return true;
  }
  return false;
}
/** What marks a patient banner beside a name: a record or account number, a birth date. */
const BANNER_EVIDENCE_TEXT = /\b(?:mrn|dob|d\.o\.b\.?|acct|account|chart\s*#|pid)\b/i;

/**
 * The patient a dialog names: in its accessible name or its first headings, beside what the
 * dialog is for ("Ray, Bob — Charges", "Charges for Ray, Bob"), else in a field labelled
 * Patient in it ("Quick charge" with Patient [Ray, Bob]).
 */
function dialogPerson(dialog: Element, formWords?: (text: string) => boolean): string | undefined {
  const texts = [ariaName(dialog), ...Array.from(dialog.querySelectorAll(HEADING_SELECTOR), (h) => h.textContent).slice(0, 2)];
  for (const text of texts) {
    const whole = clean(text);
    if (!whole || whole.length > 120) continue;
    for (const part of [whole, ...whole.split(/\s+(?:[—–|·•-]|for|of)\s+|\s*[()·|•:]\s*/i)]) {
      const name = part && personName(part, formWords);
      if (name) return name;
    }
  }
  for (const label of Array.from(dialog.querySelectorAll('label')).slice(0, 20)) {
    if (!/^\s*(?:patient|client)\b/i.test(label.textContent ?? '')) continue;
    const control = (label as HTMLLabelElement).control ?? label.querySelector('input, select');
    const value = control && 'value' in control ? String((control as HTMLInputElement).value) : '';
    const name = value && personName(value, formWords);
    if (name) return name;
  }
  return undefined;
}
const ROW_SELECTOR = 'tr, [role="row"]';
const CELL_SELECTOR = 'td, th, [role="cell"], [role="gridcell"], [role="columnheader"], [role="rowheader"]';

/** The person a section names before `stop` (its table) ("Patient: Alice Adams · Payer: …" → "alice adams"), from its first few elements, above or below its heading; undefined when none. */
function personBefore(section: Element, stop: Element): { el: Element; name: string } | undefined {
  let n = 0;
  for (let el = section.firstElementChild; el && n < 4; el = el.nextElementSibling, n++) {
    if (el === stop || el.contains(stop)) return undefined;
    // A heading is the visit's name, not a line naming its patient ("Patient: … — untimed codes" is a part's heading).
    if (el.matches(HEADING_SELECTOR)) continue;
    const found = personOfLine(el);
    if (found) return found.name ? found : undefined;
  }
  return undefined;
}

/** The person a "Patient: Lee, Ann · MRN 1001" line names (lower case, and as shown; '' when the label has no name after it); undefined when it is no such line. */
function personOfLine(el: Element): { el: Element; name: string; shown: string } | undefined {
  const text = clean(el.textContent).slice(0, 200);
  const m = PERSON_LABEL.exec(text);
  if (!m) return undefined;
  // The name: after the label's colon or #, up to a separator (·, |, —) or the next label.
  const name = text.slice(m.index).replace(/^[^:#]*[:#]\s*/, '').split(/\s*[·|•—–]\s*|\s{2,}|\s+(?:payer|dos|date|mrn|dob)\b/i)[0]!.trim();
  return { el, name: name.toLowerCase(), shown: name };
}

/**
 * A "Patient: …" line beside a heading and its table with no box of their own (`<h2>Daily
 * note</h2><p>Patient: Ray, Bob · MRN 100</p><table>`, or the line just above the heading): notes
 * of two patients one after the other under the same heading are two visits. Not past a heading
 * or another table. The name as compared: "Lee, Ann (MRN 1001)" and "Ann Lee" are one person.
 */
function personBeside(header: Element, container: Element, holdsRows: (el: Element) => boolean): { el: Element; name: string } | undefined {
  if (header.parentElement !== container.parentElement) return undefined;
  let n = 0;
  for (let el = header.nextElementSibling; el && el !== container && n < 4; el = el.nextElementSibling, n++) {
    if (el.matches(HEADING_SELECTOR) || holdsRows(el)) return undefined;
    const found = personOfLine(el);
    if (found) return lineNamed(found);
  }
  n = 0;
  for (let el = header.previousElementSibling; el && n < 2; el = el.previousElementSibling, n++) {
    if (el.matches(HEADING_SELECTOR) || holdsRows(el)) return undefined;
    const found = personOfLine(el);
    if (found) return lineNamed(found);
  }
  return undefined;
}

/** A line that names the patient ("Patient: Ray, Bob", "Patient name: …", "Pt: …"). */
const PATIENT_LINE = /^\s*(?:patient|pt)(?:\s+name)?\s*[:#]/i;

/**
 * Where a visit starting at its "Patient:" line starts: the lines just before it that hold no
 * heading and no rows ("<p>Payer: Medicare</p><p>Patient: Ray, Bob</p>"): its facts, not the
 * visit's before.
 */
function lineBlockStart(el: Element, holdsRows: (el: Element) => boolean): Element {
  let start = el;
  for (let sib = el.previousElementSibling, n = 0; sib && n < 3 && !holdsRows(sib) && !sib.matches(HEADING_SELECTOR) && !sib.querySelector(HEADING_SELECTOR) && clean(sib.textContent).length <= 120; sib = sib.previousElementSibling, n++) start = sib;
  return start;
}

/** A "Patient:" line's person as compared: "Lee, Ann (MRN 1001)" and "Ann Lee (cont.)" are one person. */
function lineNamed(found: { el: Element; name: string; shown: string }): { el: Element; name: string } | undefined {
  return found.name ? { el: found.el, name: shownName(found.shown) ?? found.name } : undefined;
}

/** The person a line shows, as personName gives it: a note in brackets is no part of the name. */
const shownName = (shown: string) => personName(shown.replace(/\s*[([][^()[\]]*[)\]]/g, ' '));

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The Patient and Date of service fields inside each section before its table (`containers[n]`),
 * by section: what they show, the person in lower case and the date as YYYY-MM-DD.
 */
function sectionKeyFacts(sections: readonly Element[], containers: readonly Element[], facts: LinesAbout['keyFacts']): Map<number, { patient?: string; patientShown?: string; date?: string; fields: Element[] }> {
  const out = new Map<number, { patient?: string; patientShown?: string; date?: string; fields: Element[] }>();
  if (!facts?.length || sections.length < 2) return out;
  const at = new Map<Node, number>();
  sections.forEach((s, n) => {
    if (s !== containers[n]) at.set(s, n);
  });
  for (const f of facts) {
    let n: number | undefined;
    for (let p: Node | null = f.el.parentNode; p && n === undefined; p = p.parentNode) n = at.get(p);
    if (n === undefined || containers[n]!.contains(f.el) || !(f.el.compareDocumentPosition(containers[n]!) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    // (A field left blank, a card being filled in, is still that card's: its own visit.)
    const value = (f.key === 'dateOfService' ? normaliseDate(f.value) : clean(f.value).toLowerCase()) || `(blank ${n})`;
    const own = out.get(n) ?? { fields: [] };
    own.fields.push(f.el);
    if (f.key === 'patient') {
      own.patient ??= value;
      if (clean(f.value)) own.patientShown ??= clean(f.value).slice(0, 60);
    } else own.date ??= value;
    out.set(n, own);
  }
  // A key counts where two sections or more have it: a banner's Patient field in the first
  // section and a Date field in the second are one visit's.
  for (const key of ['patient', 'date'] as const) {
    if ([...out.values()].filter((o) => o[key] !== undefined).length >= 2) continue;
    for (const o of out.values()) {
      delete o[key];
      if (key === 'patient') delete o.patientShown;
    }
  }
  for (const [n, o] of out) if (o.patient === undefined && o.date === undefined) out.delete(n);
  return out;
}

/** A line of a section before its table (`stop`) that names a person only ("<div class="pt-name">Smith, Ann</div>" atop a card), from its first few elements. */
function nameLineIn(section: Element, stop: Element, formWords?: (text: string) => boolean, dated = true): { el: Element; name: string; text: string } | undefined {
  let n = 0;
  for (let el = section.firstElementChild; el && n < 4; el = el.nextElementSibling, n++) {
    if (el === stop || el.contains(stop)) return undefined;
    // Its parts apart first ("<strong>Lee, Ann</strong><span>Medicare</span>": "Lee, Ann ·
    // Medicare", not "Lee, AnnMedicare"), else as one text ("<span>Ann</span> <span>Lee</span>").
    const whole = el.textContent ?? '';
    const parts = partsText(el);
    // (A date beside the name, "Lee, Ann · 11/02/2026 9:00 AM", "· Last visit: 10/30/2026": her line still.)
    const apart = parts !== whole ? (personName(parts, formWords) ?? (dated ? nameBeforeDate(parts, formWords) : undefined)) : undefined;
    if (apart) return { el, name: apart, text: parts };
    const name = personName(whole, formWords) ?? (dated ? nameBeforeDate(whole, formWords) : undefined);
    if (name) return { el, name, text: clean(whole) };
  }
  return undefined;
}

/** A heading's rank: 1 for h1, an ARIA heading's aria-level (2 when unsaid); 0 for anything else. */
function headingRank(el: Element): number {
  if (/^h[1-6]$/.test(el.localName)) return Number(el.localName[1]);
  return el.getAttribute('role') === 'heading' ? Number(el.getAttribute('aria-level')) || 2 : 0;
}

/**
 * A heading of a higher rank just above a table's own heading that names a person only: flat
 * headings with no section around each patient ("<h4>Lee, Ann</h4><h5>Treatment
 * 11/02/2026</h5><table>", then "<h4>Ray, Bob</h4>…"). Never past another table, nor past a
 * heading of the same rank (another part's). Her banner's lines may stand between (a payer, a
 * birth date, a diagnosis, precautions): up to PERSON_ABOVE_LINES of them.
 */
function personAbove(header: Element, holdsRows: (el: Element) => boolean, formWords?: (text: string) => boolean): { el: Element; name: string; text: string } | undefined {
  const rank = headingRank(header);
  if (!rank) return undefined;
  let n = 0;
  for (let sib = header.previousElementSibling; sib && n < PERSON_ABOVE_LINES && !holdsRows(sib); sib = sib.previousElementSibling, n++) {
    // (A heading alone in its box counts as the box: "<div class="pt"><h3>Lee, Ann</h3></div>".)
    const el = !headingRank(sib) && sib.childElementCount === 1 && headingRank(sib.firstElementChild!) ? sib.firstElementChild! : sib;
    const above = headingRank(el);
    if (!above) continue;
    if (above >= rank) return undefined;
    const text = clean(el.textContent);
    const name = text && visitIdentity(text) === null ? personName(text, formWords) : undefined;
    return name ? { el, name, text } : undefined;
  }
  return undefined;
}

/**
 * The heading a table's own heading sits under when that one names no visit: "<h2>Visit
 * 11/04/2026</h2><h3>Charges</h3>", a card's or a `<details>`' title over its "Billing" heading.
 * Each day's "Charges" is then that day's, not one visit of both days. Only the heading (or box
 * title) just before it, of a higher rank: one further up is over several parts alike (a note's
 * title over its AM and PM sessions, whose first part alone would take it), and only one dated
 * as a visit's heading is (headerDate:
 * not "Last visit 11/04/2026", "Certification period 10/01/2026" or "Signed 11/07/2026"). The
 * visit is then told apart by that day alone: "Daily note — 11/06/2026" over "Exercises" and
 * "Billing — DOS 11/06/2026" over "Charges" are one note's parts.
 */
function outlineAbove(header: Element): { el: Element; date: string } | undefined {
  const rank = headingRank(header);
  const sib = header.previousElementSibling;
  if (!rank || !sib) return undefined;
  const above = headingRank(sib);
  if (above ? above >= rank : !(sib.localName === 'summary' || sib.localName === 'legend' || titleLike(sib, true))) return undefined;
  const text = clean(sib.textContent);
  const date = text.length <= 120 ? headerDate(text) : undefined;
  return date && personName(text) === undefined ? { el: sib, date } : undefined;
}

/**
 * A heading beside a visit's row cells in its label, less the day those cells already show:
 * "Lee, Ann · 11/06/2026 · Day sheet", not "… · Day sheet 11/06/2026" (or "… · 11/06/2026").
 */
function withoutDaysOf(shown: string, heading: string): string {
  const days = new Set(datesIn(shown).map((d) => d.date));
  if (!days.size) return heading;
  let out = heading;
  for (const d of datesIn(heading).reverse()) if (days.has(d.date)) out = `${out.slice(0, d.at)} ${out.slice(d.end)}`;
  // (The separators around the day taken out become one: "Day sheet — Main clinic".)
  return out === heading ? heading : clean(out).replace(/^[\s—–·|,:-]+|[\s—–·|,:-]+$/g, '').replace(/\s*([—–·|,:-])(?:\s*[—–·|,:-])+\s*/g, ' $1 ');
}

/** Elements sectionDate looks back over before it gives up (a section's lines and boxes between; a table counts as one). */
const SECTION_LOOKBACK = 400;

/** The element before `el` in document order, a table taken whole (its cells head no section). */
function before(el: Element): Element | null {
  let d = el.previousElementSibling;
  if (!d) return el.parentElement;
  while (d.lastElementChild && d.localName !== 'table') d = d.lastElementChild;
  return d;
}

/** The nearest heading before `from` of a rank higher than `rank` (the section it is in), within SECTION_LOOKBACK elements. */
function sectionHeading(from: Element, rank: number): Element | undefined {
  let n = 0;
  for (let el = before(from); el && el.localName !== 'body' && n < SECTION_LOOKBACK; el = before(el), n++) {
    const r = headingRank(el);
    if (r && r < rank) return el;
  }
  return undefined;
}

/**
 * The date of the section a visit is in: the nearest heading before its own of a higher rank,
 * past the tables, lines and boxes between (the document's outline), when that heading is a day
 * and nothing more ("<h2>11/04/2026</h2><h3>9:00 AM</h3>…<h3>2:00 PM</h3>": both 11/04; not a
 * banner's birth date, "Lee, Ann — DOB 03/04/1950", nor a week's "11/02–11/08/2026"). Only when
 * its last line (`last`) is in the same section: a visit whose lines run on under the next day's
 * heading (an earlier visit's printed line read with today's) is dated by neither; nor by a
 * heading `notOwn` says heads other visits (history). For a visit named within its day only (a
 * time, a patient), where the page's headings name several days.
 */
export function sectionDate(header: Element, last: Element, notOwn?: (heading: Element) => boolean): string | undefined {
  const rank = headingRank(header);
  const section = rank ? sectionHeading(header, rank) : undefined;
  if (!section || notOwn?.(section) || sectionHeading(last.closest('table') ?? last, rank) !== section) return undefined;
  const text = clean(section.textContent);
  return text.length > 120 ? undefined : dayOnlyDate(text);
}

/**
 * What hides a part of a heading from the user without a look at the page's layout. (Not
 * `aria-hidden`: it hides from screen readers only, "<span aria-hidden>11/02/2026</span><span
 * class=sr-only>November 2nd</span>" shows the date.)
 */
const HIDDEN_PART = '[hidden], [style*="display:none" i], [style*="display: none" i]';
/**
 * A heading's text as the user reads it, for a visit's label: a part the page hides ("<h2>Visit
 * 11/04/2026 <span hidden>Ray, Bob</span></h2>") is left out, or the panel would name another
 * patient over hers. (Hidden by a class only: not known without the layout.)
 */
function labelText(el: Element | undefined): string {
  if (!el) return '';
  if (!el.querySelector(HIDDEN_PART)) return clean(el.textContent);
  let text = '';
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) text += c.nodeValue ?? '';
      else if (c.nodeType === 1 && !(c as Element).matches(HIDDEN_PART)) walk(c);
    }
  };
  walk(el);
  return clean(text);
}

/** Lines personAbove looks back over: a walk per table's heading, stopped by the first heading or table. */
const PERSON_ABOVE_LINES = 12;

/**
 * A table's head row above its column headers that names a person only ("<thead><tr><th
 * colspan=4>Lee, Ann — Medicare</th></tr><tr><th>CPT</th>…"): each patient's own table.
 */
function theadName(table: Element, formWords?: (text: string) => boolean): { el: Element; name: string; text: string } | undefined {
  const head = table.localName === 'table' ? (table as HTMLTableElement).tHead : null;
  const headRows = head ? Array.from(head.children).filter((r) => r.localName === 'tr') : [];
  const row = headRows.length > 1 ? headRows[0]! : undefined;
  const cells = row ? Array.from(row.children).filter((c) => c.localName === 'th' || c.localName === 'td') : [];
  // (One cell across the table, or a few side by side: "Lee, Ann | MRN 1001 | Medicare".)
  if (!row || cells.length === 0 || cells.length > 4) return undefined;
  const text = clean(partsText(cells.length === 1 ? cells[0]! : row));
  // (A record number beside the name makes the text a visit's name too: personName is asked all the same.)
  const name = text ? personName(text, formWords) : undefined;
  return name ? { el: row, name, text } : undefined;
}

/**
 * A box between a section and its table (the section itself included) that names a person in
 * its `aria-label` only ("<section aria-label="Ray, Bob">", a card with no visible heading).
 */
function labelledBox(section: Element, stop: Element, formWords?: (text: string) => boolean): { el: Element; name: string; text: string } | undefined {
  for (let el: Element | null = stop; el; el = el.parentElement) {
    const label = ariaName(el);
    const name = label ? personName(label, formWords) : undefined;
    if (name) return { el, name, text: clean(label) };
    if (el === section) return undefined;
  }
  return undefined;
}

/** A box from `stop` up to `section` whose accessible name names a visit by its date or number, not a person ("Visit 11/02/2026"). */
function visitNamedBox(section: Element, stop: Element): { el: Element; text: string; namer: Element } | undefined {
  for (let el: Element | null = stop; el; el = el.parentElement) {
    const label = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? ariaName(el) : null;
    const text = label ? clean(label) : '';
    if (text && visitIdentity(text) !== null && personName(text) === undefined) {
      // What names it: the tab that labels a tab panel (its text is watched for a rename), else the box.
      const by = el.hasAttribute('aria-label') ? null : (el.getRootNode() as Document).getElementById?.(el.getAttribute('aria-labelledby')!.split(/\s+/)[0]!);
      return { el, text, namer: by ?? el };
    }
    if (el === section) return undefined;
  }
  return undefined;
}

/** The aria-label naming a box that holds a visit's rows (labelledBox), to see the page rename it: undefined for any other element. */
export function boxLabel(el: Element): string | undefined {
  const label = ariaName(el);
  return label && el.querySelector(TABLE_SELECTOR + ', ' + ROW_SELECTOR) ? clean(label) : undefined;
}

/** An element's accessible name from `aria-label`, else the elements its `aria-labelledby` names (a tab panel by its tab: "Lee, Ann"). */
function ariaName(el: Element): string | null {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return null;
  const root = el.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById !== 'function') return null;
  const text = ids.split(/\s+/).map((id) => (id ? clean(root.getElementById(id)?.textContent) : '')).join(' ').trim();
  return text ? text.slice(0, 200) : null;
}

/**
 * A line made of parts side by side with no text between them ("<strong>Lee, Ann</strong><span
 * class="badge">Medicare</span>"), its parts apart: "Lee, Ann · Medicare", not "Lee, AnnMedicare".
 */
export function partsText(el: Element): string {
  let parts = 0;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 && n.nodeValue!.trim()) return el.textContent ?? '';
    if (n.nodeType === 1) parts++;
  }
  if (parts < 2) return el.textContent ?? '';
  const texts: string[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const t = clean(c.textContent);
    if (t) texts.push(t);
  }
  return texts.join(' · ');
}

/**
 * A person as compared: surname and first name ("Lee, Ann", "ann lee", "Ann Lee Jr." →
 * "lee|ann"). Two visits named with different surnames, or first names that are not one name
 * written two ways (samePerson), are two patients: a couple treated the same day is common.
 */
function nameKey(name: string): string {
  const text = name.toLowerCase().replace(/\./g, '');
  const suffix = (w: string) => /^(?:jr|sr|ii|iii|iv)$/.test(w);
  if (text.includes(',')) {
    const [last, first] = text.split(',');
    return `${last!.trim().split(/\s+/).filter((w) => !suffix(w)).join(' ')}|${first!.trim().split(/\s+/).find((w) => !suffix(w)) ?? ''}`;
  }
  const words = text.trim().split(/\s+/).filter((w) => !suffix(w));
  return `${words[words.length - 1] ?? ''}|${words.length > 1 ? words[0] : ''}`;
}

/**
 * The patient a visit's own label names, as personName gives it ("Lee, Ann — 9:00 AM" and "Ann
 * Lee (2)" → "ann lee"); undefined when it names nobody, two people, or an initial only ("Lee,
 * A." may be another Lee): two sessions are one patient's day only where the page says so.
 */
export function labelPatient(label: string, start: Element, formWords?: (text: string) => boolean): string | undefined {
  // (The counter that tells two visits' labels apart, "Lee, Ann · Rm 4 (2)", is no part of her
  // room or record number: left aside. personName leaves it aside after a name, "Lee, Ann (2)".)
  // (A birth date beside a sex or an age is labelled first: "Lee, Ann 03/04/1941 F" is hers as "Lee, Ann · DOB 03/04/1941 · F" is.)
  const parts = labelBirthDates(clean(label).replace(LABEL_COUNTER, '')).split(/\s+[—–|·•]\s+/);
  const names = parts.map((part) => personName(part, formWords)).filter((n): n is string => !!n);
  if (names.length !== 1 || (nameKey(names[0]!).split('|')[1] ?? '').length < 2) return undefined;
  // A line of its own part of the page naming someone else ("<p>Ann Lee, 82F</p>" under "Kim,
  // Joe — 9:00 AM"): the heading may name the therapist, not the patient.
  if (namesAnother(start, names[0]!, formWords)) return undefined;
  // (As personName gives it, "ann lee": the tag a Patient cell or an appointment gives her too;
  // with a room, an age or a record number beside it, those too: "Lee, Ann · Rm 4" and "Lee, Ann
  // · Rm 5" may be two patients, and are never billed as one's day.)
  const banner = parts.filter((p) => BANNER_PART.test(p)).map((p) => p.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim());
  return [names[0]!, ...banner].join(' ');
}

/** Whether the first lines of a visit's own box name a person other than `name` (personName's form). */
function namesAnother(start: Element, name: string, formWords?: (text: string) => boolean): boolean {
  let seen = 0;
  for (const el of Array.from(start.querySelectorAll('p, div, span, dd, li, strong, b'))) {
    if (++seen > 12) break;
    if (el.querySelector('table, input, select, textarea, p, div')) continue;
    const text = clean(el.textContent);
    // (A fact's line, "Payer: Blue Cross", names no one.)
    if (text.includes(':') || PAYER_PART.test(text)) continue;
    const other = personName(text, formWords);
    if (other && other !== name) return true;
  }
  return false;
}

/** Short forms of first names a chart and a schedule may each use for one patient ("Bob" and "Robert"). */
const NICKNAMES: Record<string, string> = {
  bob: 'robert', bobby: 'robert', rob: 'robert', robbie: 'robert', bill: 'william', billy: 'william', will: 'william', liz: 'elizabeth', beth: 'elizabeth', betty: 'elizabeth',
  jim: 'james', jimmy: 'james', mike: 'michael', kate: 'katherine', kathy: 'katherine', cathy: 'catherine', tom: 'thomas', tommy: 'thomas', dick: 'richard', rick: 'richard',
  rich: 'richard', joe: 'joseph', peggy: 'margaret', maggie: 'margaret', meg: 'margaret', sue: 'susan', susie: 'susan', dave: 'david', dan: 'daniel', danny: 'daniel',
  chris: 'christopher', tony: 'anthony', ed: 'edward', ted: 'edward', al: 'albert', pat: 'patricia', jen: 'jennifer', jenny: 'jennifer', greg: 'gregory', steve: 'steven',
  larry: 'lawrence', jack: 'john', johnny: 'john', nick: 'nicholas', sam: 'samuel', ben: 'benjamin', frank: 'francis', fred: 'frederick', ron: 'ronald', don: 'donald',
};
const firstName = (w: string) => NICKNAMES[w] ?? w;

/** Whether two nameKeys may be one patient: the same surname, and first names alike (one missing, an initial, a short form). */
function samePerson(a: string, b: string): boolean {
  if (a === b) return true;
  const [lastA, firstA = ''] = a.split('|');
  const [lastB, firstB = ''] = b.split('|');
  if (lastA !== lastB) return false;
  if (!firstA || !firstB || firstName(firstA) === firstName(firstB)) return true;
  if ((firstA.length === 1 && firstB.startsWith(firstA)) || (firstB.length === 1 && firstA.startsWith(firstB))) return true;
  // One name spelt or shortened otherwise ("Ann" and "Anne", "Katie" and "Katherine", "Mary-Ann"
  // and "Mary"): the same first three letters. ("Ann" and "Tom", "Robert" and "Rose" are two.)
  const a3 = firstA.replace(/[^a-z]/g, '').slice(0, 3);
  return a3.length === 3 && a3 === firstB.replace(/[^a-z]/g, '').slice(0, 3);
}

/** A page's title naming one patient's note ("Daily note", "Progress note — 11/04/2026"): not a list of notes, nor a group's or a co-treatment's (several patients). */
const ONE_NOTE_TITLE = /\bnote\b/i;
const SEVERAL_PATIENTS = /\b(?:group|co-?treat(?:ment)?|concurrent|class)\b/i;
/** A title, an app's own header's too: the first h1, h2 or titled box above `first`. */
const TITLE_LIKE = 'h1, h2, [class*="title" i]';

/** The page's title above `first` (the first of its sections) when it names one patient's note: its text. */
function noteTitle(first: Element): string | undefined {
  // The nearest title above: not a side bar's, a menu's or a link's ("Recent notes": "Daily note — 10/30/2026").
  const above = Array.from(first.ownerDocument.querySelectorAll(TITLE_LIKE)).filter((el) => el !== first && !el.closest(NOT_THE_TITLE) && first.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  let headings = 0;
  for (let k = above.length - 1; k >= 0; k--) {
    const el = above[k]!;
    const text = clean(el.textContent);
    if (text.length <= 200 && ONE_NOTE_TITLE.test(text)) return SEVERAL_PATIENTS.test(text) ? undefined : text;
    // (The h1 and h2 above count: a page's title is one of its first few.)
    if ((el.localName === 'h1' || el.localName === 'h2') && ++headings >= 8) break;
  }
  return undefined;
}
const NOT_THE_TITLE = 'aside, nav, a, li, [role="navigation"], [role="complementary"]';

/** The one person the page's Patient facts outside any dialog name (by nameKey), if they name exactly one. */
function onePatient(facts: LinesAbout['keyFacts'], formWords?: (text: string) => boolean): string | undefined {
  let one: string | undefined;
  for (const f of facts ?? []) {
    // (A control's value is a search's or a picker's, the next patient looked up, as often as the chart's.)
    if (f.key !== 'patient' || f.el.closest(DIALOG) || CONTROL.has(f.el.localName)) continue;
    const name = personName(f.value, formWords);
    if (!name) continue;
    const key = nameKey(name);
    if (one !== undefined && !samePerson(one, key)) return undefined;
    one ??= key;
  }
  return one;
}

/** Whether a header names its visit only by the person ("Patient: Alice Adams"), not by a date, a visit word or a time. */
function personOnly(text: string): boolean {
  return PERSON_LABEL.test(text) && normaliseDate(text) === undefined && !VISIT_WORDS.test(text) && !TIME_OF_DAY.test(text);
}
/** "Previous visits", "Visit history", "Last visit — 10/30/2026", "Last visit 10/30/2026", "Last session Oct 30": not "prior auth on file", not "Last treatment session — discharge" (today's). */
const HISTORY_WORDS = /\b(history|historical)\b|\b(previous|prior|past|earlier)\s+(visits?|encounters?|sessions?|treatments?|notes?)\b|^\s*last\s+(?:visit|encounter|session|treatment|note)s?\s*(?:[-–—:(,]\s*[^)]*\d{2,4}\)?|(?:on\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|(?:on\s+)?[a-z]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?)?\s*$/i;
/**
 * More ways EHRs head a read-only table of earlier care: "Previous" or "Prior" alone, "Prior
 * charges", "Previously billed", "Last billed", "Yesterday" or "Yesterday's visits" alone, "Before
 * today", "Past 30 days", "Recent treatment", "Previous day sheet", "Archive", "Older notes".
 * (Not "Recent", "Signed notes" or "Completed visits" alone: a day sheet's section of today's
 * signed visits. Not "Prior level of function" or "Prior authorization": words of today's note;
 * nor "Yesterday — PM session", a session charted late, checked as any other.)
 */
const HISTORY_MORE = /^\s*(?:previous|prior|earlier)\s*:?\s*$|\b(?:previous|prior|past|earlier)\s+(?:charges?|days?|dates?|dos|day\s*sheets?|billing|claims?)\b|\b(?:previously|already|last)\s+billed\b|^\s*(?:yesterday(?:'s|’s)?|before\s+today)\s*(?:visits?|sessions?|charges?|notes?|treatments?)?\s*:?\s*$|\bpast\s+\d+\s+(?:days?|weeks?|months?|visits?)\b|\brecent\s+(?:treatments?|visits?|sessions?|charges?)\b|^\s*(?:archived?|older\s+(?:notes?|visits?))\s*:?\s*$/i;
/** "Not previously billed", "Not yet billed": today's charges, not earlier ones. */
const NOT_BILLED = /\bnot\s+(?:yet\s+)?(?:previously\s+|already\s+)?billed\b/i;
/**
 * Whether a heading or a region's label says what is under it is earlier care: HISTORY_WORDS
 * always; HISTORY_MORE only over a table no one types in (`readOnly`, asked only then): "Prior",
 * "Yesterday" or "Recent treatment changes" over lines being typed are today's.
 */
export const saysHistory = (text: string, readOnly: () => boolean = () => false) =>
  HISTORY_WORDS.test(text) || (HISTORY_MORE.test(text) && !NOT_BILLED.test(text) && readOnly());

const MAX_LABEL = 80;
/** What a long label keeps of its end (a heading's kind of visit and its date: "… Re-evaluation — 2026-11-02"). */
const LABEL_TAIL = 30;
/** A label read from the page before it is cut (cutLabel): long enough for its end. */
const MAX_LABEL_READ = 400;

/** A label of at most MAX_LABEL characters: a longer one is cut, the cut said by "…". */
export function cutLabel(label: string): string {
  return label.length <= MAX_LABEL ? label : `${label.slice(0, MAX_LABEL - 1).trimEnd()}…`;
}

/**
 * A long label kept by its start and its end ("Maximilian Alexander Rodriguez-… Therapy
 * Re-evaluation — 2026-11-02"): two visits of one patient under long headings differ at their
 * end, in what was done and when. Only where the start alone does not tell them apart: an end may
 * hold a running total, and the panel follows a visit by its label.
 */
function cutInMiddle(label: string): string {
  if (label.length <= MAX_LABEL) return label;
  return `${label.slice(0, MAX_LABEL - LABEL_TAIL - 1).trimEnd()}…${label.slice(-LABEL_TAIL).trimStart()}`;
}

// A heading, legend, card line or separator row that names a person only ("Smith, Ann", "Ann
// Smith", "Smith, Ann (#40211)", "9:00 – Smith, Ann"): a day sheet's part per patient. No
// list of names is complete, so a name is told by its shape, capitalised words, and by none of
// its words being the form's ("Balance, Gait", "Strength, ROM", "Manual Therapy" are sections
// of one visit). Such a part names a visit only where the page repeats it (groupVisits).
/** A name word: Smith, O'Brien, Smith-Jones, McDonald, SMITH; two letters at least. */
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)?`;
const INITIAL = String.raw`\p{Lu}\.?`;
/** Lower-case particles of a surname: "de la Cruz", "van der Berg", "da Silva", "bin Said". */
const PARTICLES = String.raw`(?:d[aeiou]|del|della|das|dos|van|von|der|den|ter|ten|le|la|bin|ibn|al|el)`;
const PARTICLE_START = new RegExp(String.raw`^${PARTICLES}\s`);
/** A surname: words, each after any particles ("Smith", "Van Buren", "de la Cruz", "Maria da Silva"'s "da Silva"). */
const SURNAME_WORD = String.raw`(?:${PARTICLES}\s+){0,2}${NAME_WORD}`;
/** "Smith, Ann", "Van Buren, Ann M.", "de la Cruz, Maria" */
const LAST_FIRST = new RegExp(String.raw`^(${SURNAME_WORD}(?:\s+${SURNAME_WORD}){0,2}),\s*(${NAME_WORD}(?:\s+(?:${NAME_WORD}|${INITIAL}))?)$`, 'u');
/** "Ann Smith", "Ann M. Smith", "Mary Ann Smith", "Maria de la Cruz" */
const FIRST_LAST = new RegExp(String.raw`^${NAME_WORD}(?:\s+${INITIAL})?(?:\s+${SURNAME_WORD}){1,2}$`, 'u');
/** A name's suffix, with the comma or space before it: "Jr.", "Sr", "II"–"IV". */
const NAME_SUFFIX = /,?\s+(?:jr|sr)\.?(?=\s*,|$)|\s+(?:ii|iii|iv)(?=\s*,|$)/gi;
/** What may stand beside the name: a time of day first or last, a record number ("#40211", "(#40211)"). */
const NAME_EXTRAS = [
  // A time before or after the name, "9:00 AM", "9:00a" (a schedule's short form).
  /^\d{1,2}:\d{2}(?:\s*[ap]\.?(?:m\.?)?)?(?![\w:])/i,
  /\d{1,2}:\d{2}(?:\s*[ap]\.?(?:m\.?)?)?$/i,
  // A 24-hour clock before the name, as hospital systems print it: "0900 · Lee, Ann".
  /^(?:[01]\d|2[0-3])[0-5]\d(?=\s*[·|•—–-])/,
  // A title before the name: "Mrs. Lee, Ann" (not "Dr.": a provider).
  /^(?:mr|mrs|ms|mx|miss)\.?\s+/i,
  // The visit's kind after the name: "Lee, Ann — Follow-up", "Ann Lee (Eval)", "Ray, Bob — Initial
  // evaluation". (Not a discipline: "Jane Doe (PT)" is a clinician's heading, not a patient's.)
  /\s*(?:[·|•—–-]\s*|[([]\s*)(?:initial\s+|re-?\s*)?(?:eval(?:uation)?|follow[\s-]?up|f\/u|treatment|tx|recert(?:ification)?|progress(?:\s+note)?|discharge|d\/c|daily(?:\s+note)?|new\s+patient)\s*[)\]]?\s*$/i,
  /[([]\s*#?\s*\d{3,}\s*[)\]]/g,
  /#\s*\d{3,}\b/g,
  // The note's state in brackets after the name: "Lee, Tom (signed)", "Ray, Bob [draft]".
  /\s*[([]\s*(?:e-?signed|co-?signed|signed|unsigned|locked|draft|pending|in progress|completed|finali[sz]ed|billed|not billed)\s*[)\]]\s*$/i,
  // The session beside a day sheet's name: a counter, "Lee, Ann (2)"; a part of the day, "Lee, Ann · PM session".
  // (Stripped as a time is, not a banner's part: the whole name is still asked, "Lunges, Forward (2)" is none.)
  /\s*[([]\s*\d{1,2}\s*[)\]]\s*$/,
  /\s*[·|•—–-]\s*(?:am|pm|a\.m\.|p\.m\.|morning|afternoon|evening)(?:\s+(?:session|visit|tx|treatment))?\s*$/i,
];
/** A part of a patient banner beside the name, after a separator: a record or account number, a birth date, an age, a room ("Lee, Ann · DOB 03/04/1941 · MRN 1001"). */
export const BANNER_PART = /^(?:mrn|dob|d\.o\.b\.?|acct|account|chart|pid|id|born|age)\b|^\d{1,3}\s*(?:y\/?o|y\.o\.?|yo|yrs?|years?)(?![a-z])|^#\s*\d|^\d{1,3}\s*[mf]$|^(?:rm|room|bed|bay)\.?\s*#?\s*[a-z0-9-]{1,6}$/i;
/** A payer named beside a patient ("Lee, Ann — Medicare Part B", "Ray, Bob (Aetna)"). */
const PAYER_PART = /\b(?:medicare|mcr|mcb|medicaid|medi-cal|aetna|cigna|humana|tricare|champva|bcbs|blue\s*(?:cross|shield)|united\s*health(?:care)?|uhc|kaiser|anthem|self[\s-]?pay|workers'?\s*comp|commercial|insurance|part\s*b)\b/i;
/** Where a banner's or group row's parts meet: "·", "|", a spaced dash, brackets, a comma before an age ("Ann Lee, 78F"). */
const BANNER_SEPARATOR = /\s*[·|•]\s*|\s+[—–-]\s+|\s*[()]\s*|,\s*(?=\d{1,3}\s*(?:[mf]|y\/?o|yo|yrs?|years?)\b)/i;
/** An appointment's clock time as a part of a heading: "9:00 AM", "9:00a", "0900". */
const CLOCK_PART = /^\s*(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m?\.?)?|(?:[01]\d|2[0-3])[0-5]\d)\s*$/i;

/**
 * A patient banner's or group row's name ("Ann Lee · MRN 12345 · Medicare Part B" → "Ann Lee",
 * "Lee, Ann — Medicare Part B" → "Lee, Ann"): its first part that is not a record number, a
 * birth date, an age or a payer; any other text as it is.
 */
function bannerName(text: string): string {
  const parts = bannerParts(text);
  const extra = (p: string) => BANNER_PART.test(p) || PAYER_PART.test(p);
  // (An appointment's clock time beside them is no name either, "0900 · Lee, Ann · Medicare"; alone
  // it makes no banner: "0900 · Press, Chest" is asked whole, its words the form's.)
  return parts.length > 1 && parts.some(extra) ? (parts.find((p) => !extra(p) && !CLOCK_PART.test(p)) ?? '') : text;
}

/** A banner's parts; a birth date with no label but a sex or an age beside it is one, as "DOB 03/04/1941" is ("Lee, Ann 03/04/1941 F"). */
const bannerParts = (text: string) => labelBirthDates(text).split(BANNER_SEPARATOR).filter((p) => p.trim());

/**
 * The payer a visit's own header names beside the patient ("Ray, Bob — Aetna", "Lee, Ann (Medicare
 * Part B)", "Ann Lee · MRN 1001 · Medicare Part B"), or undefined.
 */
export function headerPayer(text: string): string | undefined {
  // (A coverage said to be billed after the first, "Medicaid (secondary)", is not the payer.)
  // (A birth date with a sex and the payer run on after it, "Lee, Ann  03/04/1941  F  Medicare": set apart, labelBirthDates.)
  const parts = labelBirthDates(clean(text)).replace(LATER_COVERAGE, ' · ').split(BANNER_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  // (Beside the patient, or beside the visit's day: "Visit 03/16/2026 — Medicare Part B", a chart
  // whose coverage changed between visits.)
  // (Her appointment's time before or after, "9:00 AM · Lee, Ann · Medicare", is no part of her name.)
  const untimed = text.replace(APPOINTMENT_TIME, ' ');
  const byPerson = !!personName(clean(text)) || (untimed !== text && !!personName(clean(untimed)));
  if (parts.length < 2 || (!byPerson && normaliseDate(text) === undefined)) return undefined;
  // (Not a status beside the name, "Insurance verified", nor a secondary coverage. Beside a day
  // only a payer's name, not a labelled part, "Plan: …": the page's facts say what those are.)
  const payer = parts.find((p) => PAYER_PART.test(p) && !BANNER_PART.test(p) && !NOT_THE_PAYER.test(p) && (byPerson || (NAMED_PAYER.test(p) && !p.includes(':') && !PLACE_OR_STATUS.test(p))));
  return payer && payer.length <= 60 ? payer : undefined;
}

/** A place's or a status's words beside a payer's name: "Kaiser Medical Center", "Medicare card scanned". */
const PLACE_OR_STATUS = /\b(?:clinic|center|centre|campus|street|st\.|ave(?:nue)?|building|plaza|hospital|office|updated|changed|card|scanned|on file)\b/i;
const LATER_COVERAGE = /[^·|•—–()]*\(\s*(?:secondary|tertiary|supplement\w*|medigap)\s*\)/gi;
/** A part beside a name that names a payer but is not the visit's: a coverage's status, or a coverage billed after the first. */
const NOT_THE_PAYER = /\b(?:verified|verify|pending|eligib\w*|on file|expired|inactive|needed|required|denied|approved|auth\w*|secondary|tertiary|supplement\w*|medigap|no(?!\.)|not|non)\b/i;

/** A banner as a visit's label: its name, and a date of service it gives ("Lee, Ann · MRN 1001 · DOS 11/02/2026" → "Lee, Ann · DOS 11/02/2026"); never its birth date. */
function bannerLabel(text: string): string {
  const name = bannerName(text);
  if (name === text) return text;
  const dated = bannerParts(text).filter((p) => p !== name && !BANNER_PART.test(p) && datesIn(p).length > 0);
  return [name, ...dated].join(' · ');
}
/** Words of a therapy form's sections that the shape alone would take for a name ("Left Knee", "Home Program", "Pain, Vitals"). */
const NOT_NAME_WORDS = new Set(
  (
    'balance strength rom range motion pain home program hep education training transfers transfer mobility posture stretching endurance ' +
    'coordination functional function activity activities self care adl adls ice heat cold hot pack packs ultrasound estim electrical ' +
    'stimulation traction massage taping dry needling vestibular cognition cognitive speech language swallow swallowing dysphagia upper ' +
    'lower extremity extremities left right bilateral cervical lumbar thoracic shoulder knee hip ankle foot wrist hand elbow neck back ' +
    'spine core trunk plan goals goal assessment subjective objective notes note vitals evaluation eval progress discharge daily ' +
    'initial orders precautions signature signed attestation narrative comments comment pt ot slp pta cota dpt st patient patients client ' +
    'clients resident member therapist provider clinician staff day sheet week schedule morning afternoon evening new added saved draft ' +
    'pending completed open closed individual supervised unattended attended constant attendance session sessions ' +
    'work hardening conditioning canalith repositioning gross fine motor visual perception perceptual sensory integration skills ' +
    'community reintegration wheelchair prosthetic orthotic aquatic ' +
    // Body regions, techniques and programmes a section may be headed by ("Pelvic Floor", "Deep Tissue", "Cardiac Rehab").
    'pelvic floor deep tissue soft myofascial release lymphedema management cardiac pulmonary rehab rehabilitation fall falls prevention ' +
    'scapular stabilization stability dressing bathing grooming toileting feeding hamstrings hamstring quads quadriceps glutes gluteal ' +
    'calves calf clinical impression impressions vital signs blood flow restriction joint mobilization manipulation neuromuscular ' +
    're-education reeducation gait stairs sitting standing supine prone seated dynamic static warm cool down modalities modality ' +
    'kinesio dry wound care splinting fabrication handwriting fine visual motor oral feeding voice fluency aphasia memory ' +
    // Exercises written noun first, as a row header or a heading may list them ("Lunges, Forward", "Raise, Heel", "Press, Leg").
    'lunge lunges squat squats raise raises press presses curl curls bridge bridges plank planks clamshell clamshells heel heels toe ' +
    'toes leg legs forward reverse lateral'
  ).split(' '),
);
/** PART_WORDS without its g flag: a stateless test. */
const PART_WORD = new RegExp(PART_WORDS.source, 'i');

/**
 * The person a header names when it names only a person, as compared ("Smith, Ann (#40211)" →
 * "ann smith", the same as "Ann Smith"); undefined when it is anything else. `formWords` is the
 * reader's intervention phrase matcher: a phrase in it is no name.
 */
export function personName(header: string, formWords?: (text: string) => boolean): string | undefined {
  return personOf(header, formWords, false);
}

/**
 * The person a heading or a card's title names before a note that holds a date: "Lee, Ann —
 * Signed 11/02/2026 10:15 AM", "Lee, Ann · Last visit: 10/30/2026", a title of
 * "<span>Lee, Ann</span><span>11/02/2026 9:00 AM</span>". personName takes such a heading for a
 * visit's name (its date), and it is one; a day sheet's headings per patient are still told
 * apart by the names in them (groupVisits' name parts), wherever a page stamps a date beside one.
 */
export function nameBeforeDate(header: string, formWords?: (text: string) => boolean): string | undefined {
  // (Told cheaply first: most headings with a date name a visit by it, "Visit 3 — 11/03/2026",
  // and are asked on every read. A name has no digit, but a time before it may.)
  const text = clean(header);
  const m = NAME_THEN_NOTE.exec(text) ?? NAME_THEN_BRACKETS.exec(text);
  if (!m || (/\d/.test(m[1]!) && !/^(?:\d{1,2}:\d{2}|(?:[01]\d|2[0-3])[0-5]\d\b)/.test(m[1]!))) return undefined;
  if (datesIn(m[2]!).length === 0) return undefined;
  return personOf(header, formWords, true);
}

/** personName, or with `dated` nameBeforeDate. */
function personOf(header: string, formWords: ((text: string) => boolean) | undefined, dated: boolean): string | undefined {
  // (A long text is no name: said before cleaning a whole wrapper's text.)
  if (header.length > 400) return undefined;
  const whole = clean(header);
  let text = bannerName(whole);
  if (!text || text.length > 80) return undefined;
  /** Whether a record number, birth date, age or payer stands beside it: a patient banner. */
  const banner = text !== whole;
  for (const extra of NAME_EXTRAS) text = text.replace(extra, ' ');
  // A suffix stands outside the name's shape ("Ray Jr., Robert", "Ray, Robert Jr.", "Robert Ray
  // III") but tells two people apart (a father and son seen the same day): it stays in the name.
  const suffix = [...text.matchAll(NAME_SUFFIX)].map((m) => m[0].replace(/[\s,.]/g, '').toLowerCase()).join(' ');
  text = text.replace(NAME_SUFFIX, '');
  text = clean(text).replace(/^[\s\-–—|·•:,]+|[\s\-–—|·•:,]+$/g, '');
  if (dated) return nameBeforeNote(text, suffix, formWords, true);
  return nameShaped(text, banner, suffix, formWords) ?? nameBeforeNote(text, suffix, formWords);
}

/**
 * A day sheet's or scheduler's heading with a note after the name ("Lee, Ann — Checked in",
 * "Lee, Ann · Locked", "Ray, Bob — Dr. Jones", "Lee, Ann — 38 min", "Lee, Ann ✓"): the name
 * before it. A name written first-name first not beside a discipline or a co-signature ("Jane
 * Doe — PT", "— Physical Therapy", "· Co-signed" head a clinician's part). Never when the note
 * says staff ("— Treating therapist") or holds a date ("Ann Lee — 11/02/2026" names a visit,
 * and is read as one).
 */
function nameBeforeNote(text: string, suffix: string, formWords?: (text: string) => boolean, dated = false): string | undefined {
  const unmarked = text.replace(MARKS_AFTER, '');
  // (A dated note may stand in brackets, "Lee, Ann (Signed 11/02/2026 10:15 AM)", and run longer:
  // "— E-signed 11/02/2026 10:15 AM by Kim, Joe PT".)
  const m = NAME_THEN_NOTE.exec(unmarked) ?? (dated ? NAME_THEN_BRACKETS.exec(unmarked) : null);
  const head = m ? m[1]! : unmarked;
  const note = m ? m[2]! : '';
  // (`dated`: only a note that holds a date, the one personName leaves, after a name written
  // surname first, as schedules list patients: see nameBeforeDate. "Jane Doe — Signed …" heads a clinician's part.)
  if (head === text || !head || note.length > (dated ? 60 : 40) || CLINICIAN_NOTE.test(note) || datesIn(note).length > 0 !== dated) return undefined;
  if (dated && !LAST_FIRST.test(head)) return undefined;
  // (Written first-name first, as clinicians sign their parts, not beside a discipline or a
  // co-signature: "Jane Doe — Physical Therapy", "Jane Doe · Co-signed" head a clinician's part.)
  if (!LAST_FIRST.test(head) && (!FIRST_LAST.test(head) || CLINICIAN_PART.test(note))) return undefined;
  return nameShaped(head, false, suffix, formWords);
}
/** A discipline, a clinician's credential or a co-signature after a name written first-name first. */
const CLINICIAN_PART = /\b(?:pt|ot|slp|st|pta|cota|dpt|otr(?:\/l)?|ccc-slp|md|np|rn|atc|therap\w*|patholog\w*|co-?sign\w*|student|intern|aide|trainer)\b/i;
/** A name, then a spaced dash or a dot, bar or bullet, then a short note. */
const NAME_THEN_NOTE = /^(.{3,60}?)(?:\s+[—–-]\s+|\s*[·|•]\s*)(.+)$/u;
/** A name, then a note in brackets: "Lee, Ann (Signed 11/02/2026 10:15 AM)". */
const NAME_THEN_BRACKETS = /^([^()]{3,60}?)\s*\(([^()]+)\)\s*$/u;
/** Marks after a name: a tick, a cross, a star, a dot ("Lee, Ann ✓"). */
const MARKS_AFTER = /\s*[✓✔☑✗✘★☆●○]+\s*$/u;
/** A note that says the person is staff: "Treating therapist", "Supervising clinician". */
const CLINICIAN_NOTE = /\b(?:therapist|clinician|provider|supervis\w*|treating|rendering|attending|staff|npi|license\w*)\b/i;

/** `text` as a person's name when it has a name's shape and no word of the form's: see personName. */
function nameShaped(text: string, banner: boolean, suffix: string, formWords?: (text: string) => boolean): string | undefined {
  // A digit left, or no capital to start: no name ("Visit 3", "untimed codes"). Said before the
  // name patterns run: their Unicode classes cost a page's first read milliseconds to compile.
  if (/\d/.test(text) || !text || (text[0] === text[0]!.toLowerCase() && !PARTICLE_START.test(text))) return undefined;
  const lastFirst = LAST_FIRST.exec(text);
  if (!lastFirst && !FIRST_LAST.test(text)) return undefined;
  // Beside a record number, a birth date, an age or a payer, a surname may be a word of the form
  // ("Walker, Mary — Aetna", "Gross, Helen · MRN 1002"): only the given name is asked then.
  const asked = banner ? (lastFirst ? lastFirst[2]! : text.split(/\s+/)[0]!) : text;
  const words = asked.toLowerCase().split(/[\s,.]+/).filter(Boolean);
  // (An intervention's phrase is asked of the whole "First Last": "Ther Ex — Medicare" is a section.)
  if (words.some((w) => NOT_NAME_WORDS.has(w) || isVocabularyWord(w)) || PART_WORD.test(text) || formWords?.(banner && lastFirst ? asked : text)) return undefined;
  const name = `${lastFirst ? `${lastFirst[2]} ${lastFirst[1]}` : text}${suffix ? ` ${suffix}` : ''}`;
  return name.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');
}

/**
 * "Lee, A.", "Van Buren, A. B.": a patient by surname and initials, as some day sheets list them.
 * Asked only on a page that is no one patient's chart (groupVisits' initialsPage): in a note,
 * "Station, A." or "Smith, J." head her parts (initials-names.test.ts). The initial's dot is
 * asked ("Circuit, A" heads a circuit) and a lone side is none ("Forearm, R.").
 */
const LAST_INITIALS = new RegExp(String.raw`^(${SURNAME_WORD}(?:\s+${SURNAME_WORD}){0,2}),\s*((?![LR]\.$)\p{Lu}\.(?:\s*\p{Lu}\.)?)$`, 'u');
/** Words that head a note's lettered or numbered parts ("Phase, I.", "Block, A."), never a surname here. */
const LETTERED_PART = /^(?:phase|station|circuit|part|block|protocol|grade|level|stage|set|round|group|step|option|trial|section|series|day|week|tier)$/i;

/** A heading of surname and initials only ("Lee, A."): its name as compared ("a lee"); undefined for anything else. */
function initialsName(header: string, formWords?: (text: string) => boolean): string | undefined {
  const text = clean(header);
  if (text.length > 60 || /\d/.test(text) || !text.includes(',')) return undefined;
  const m = LAST_INITIALS.exec(text);
  if (!m) return undefined;
  const words = m[1]!.toLowerCase().split(/\s+/);
  if (words.some((w) => NOT_NAME_WORDS.has(w) || isVocabularyWord(w) || LETTERED_PART.test(w)) || PART_WORD.test(text) || formWords?.(m[1]!)) return undefined;
  return `${m[2]!.replace(/[.\s]/g, '').toLowerCase()} ${m[1]!.toLowerCase()}`;
}

/** Whether a page title names a person in one of its parts ("Daily note — Ann Lee — 11/02/2026"): a chart's. */
function titleNamesPerson(title: string, formWords?: (text: string) => boolean): boolean {
  return title.split(BANNER_SEPARATOR).some((part) => part.trim() !== '' && personName(part, formWords) !== undefined);
}
/** A title of a list of several patients' visits: "Visits 11/02/2026", "Day Sheet", "Schedule", "Caseload". */
const LIST_TITLE = /\b(?:visits|day\s?sheet|schedule|appointments|appts|encounters|patients|caseload|census|roster)\b/i;
/**
 * A title of one patient's programme, plan or count of visits, or of her visits to come or past,
 * not a list of today's: "Home exercise schedule", "Plan of care: visits 6 of 12", "Upcoming
 * appointments" (not a day pager's "« Previous day · Next day »" beside "Day Sheet").
 */
const NOT_A_LIST = /\b(?:exercise|hep|dosing|frequency|plan of care|poc|authori[sz]\w*)\b|\b\d+\s+of\s+\d+\b|\b(?:upcoming|next|future|past|previous|prior|recent)\s+(?:visits|appointments|appts|encounters)\b/i;
/** Where a heading is the app's or a passing box's, not the page's title: its menus, side bars, tabs, dialogs, tooltips (its header: appHeader). */
const NOT_THE_PAGES = 'nav, aside, dialog, [role="banner"], [role="navigation"], [role="complementary"], [role="tablist"], [role="dialog"], [role="alertdialog"], [role="tooltip"], [role="menu"]';
/** Whether a heading is in the app's own header (the body's), not a page's header inside its main content or an article. */
const appHeader = (h: Element) => {
  const header = h.closest('header');
  return !!header && !header.parentElement?.closest('main, article, section, [role="main"]');
};
/**
 * Whether the page says it lists several patients' visits: one of its titles (an h1 or h2 above
 * its first row, not the app's header, menus or side bars, nor a dialog's or a tooltip's) says
 * so, and none of them names a person, nor the tab's title a surname-first name ("Lee, Ann –
 * Visits"; a town after a bar, "Day Sheet | Chapel Hill", is no one).
 */
function listsVisits(first: Element, formWords?: (text: string) => boolean): boolean {
  const doc = first.ownerDocument;
  const titles: string[] = [];
  for (const h of headingsBefore(doc, first)) if (!h.closest(NOT_THE_PAGES) && !appHeader(h)) titles.push(clean(h.textContent));
  // (The tab's title names the chart's patient, "Ann Lee | Daily Note", unless it names a list,
  // "Day Sheet | Chapel Hill", its town no one.)
  const tabTitle = clean(doc.title);
  const tab = LIST_TITLE.test(tabTitle) ? [] : [tabTitle];
  return titles.some((t) => LIST_TITLE.test(t) && !NOT_A_LIST.test(t)) && ![...titles, ...tab].some((t) => t && titleNamesPerson(t, formWords));
}

/** Elements walked to a page's first row before its headings are queried instead (headingsBefore). */
const HEADINGS_WALKED = 1000;
/**
 * The document's h1 and h2 elements before `first` in document order (around it or ahead of it),
 * in that order. Walked from the top and stopped at `first`, not a query of the whole page: the
 * rows are most often near its top. (`first` in a shadow root or apart from `doc`: the query.)
 */
function headingsBefore(doc: Document, first: Element): Element[] {
  const out: Element[] = [];
  if (first.getRootNode() === doc) {
    const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_ELEMENT);
    let n = walker.nextNode();
    for (let k = 0; n && n !== first && k < HEADINGS_WALKED; n = walker.nextNode(), k++) {
      const name = (n as Element).localName;
      if (name === 'h1' || name === 'h2') out.push(n as Element);
    }
    if (n === first) return out;
    // (Rows far down a long page: the browser's query costs less than walking to them.)
    out.length = 0;
  }
  for (const h of doc.querySelectorAll('h1, h2')) {
    if (!(h.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
    out.push(h);
  }
  return out;
}

/** A clock time (or a range) at the start or end of an appointment's text, with the separator beside it: "9:00 AM — ", "09:00 ", "9:00a ", "9:00-9:45 ", " - 2:15 PM". */
const APPOINTMENT_TIME = /^\s*\d{1,2}:\d{2}(?:\s*[ap]\.?(?:m\.?)?)?(?:\s*[-–—]\s*\d{1,2}:\d{2}(?:\s*[ap]\.?(?:m\.?)?)?)?(?![\w:])[\s\-–—|·•:,]*|[\s\-–—|·•:,]*\b\d{1,2}:\d{2}(?:\s*[ap]\.?(?:m\.?)?)?\s*$/gi;

/**
 * The patient a day sheet's appointment cell names, as written ("9:00 AM — Lee, Ann" → "Lee,
 * Ann"), '' when it names none (a time alone, "9:00 AM"): its time is no part of the name, so
 * a patient's two appointments of a day are one visit.
 */
export function appointmentPatient(text: string): string {
  // (The visit's kind in brackets after the name is no part of it: "Lee, Ann (Eval)", "Ray, Bob [Tx]".)
  const rest = clean(text.replace(APPOINTMENT_TIME, ' ').replace(/\s*[([][^()[\]]{1,30}[)\]]\s*$/, ' ').replace(MARKS_AFTER, ' '));
  // The visit's kind after a dash ("9:00 AM — Lee, Ann — PT Follow-up"): the name before it,
  // as written in her other appointments ("Lee, Ann"), so they are one visit.
  const named = rest.split(/\s+[—–|·•-]\s+/)[0]!;
  if (named !== rest && personName(named)) return named.slice(0, 80);
  return rest && personName(rest) ? rest.slice(0, 80) : '';
}

/** A clock time, a part of the day or a session: "9:00", "AM session", "Afternoon". */
const DAY_PART = /\b\d{1,2}:\d{2}\b|\b(?:am|pm|a\.m\.|p\.m\.|morning|afternoon|evening|session)\b/i;
/** A visit named by its number ("Visit 3", "Encounter #12", "Session 2"), not a clock time after its word ("AM session 9:00"): maybe another day's. */
const NUMBERED_VISIT = /\b(?:visits?|encounters?|appts?|appointments?|sessions?)\s*(?:#|no\.?|number)?\s*\d+(?![\d:.])/i;

/**
 * A day of its own in a visit's name: a date without its year ("11/04", "Nov 4", "4 Nov"), a
 * weekday ("Mon", "Wednesday"), a day said in words ("Yesterday").
 */
const OWN_DAY = new RegExp(
  String.raw`\b\d{1,2}[/.-]\d{1,2}\b|\b(?:${MONTHS.join('|')})[a-z]*\.?[\s-]\d{1,2}\b|\b\d{1,2}[\s-](?:${MONTHS.join('|')})|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b|\b(?:today|yesterday|tomorrow)\b`,
  'i',
);

/**
 * Whether a visit of several on a page is named only by its patient or its part of the day
 * ("Lee, Ann — Medicare", "PM session 2:00"): a day sheet's or one day's sessions, whose date
 * is the one the page's heading names. A numbered visit ("Visit 3") may be another day's.
 */
export function namedWithinTheDay(label: string): boolean {
  const text = clean(label);
  if (!text) return false;
  // (A name first: "Sun, Li" is a patient, not a Sunday.)
  if (personName(text) !== undefined || PERSON_LABEL.test(text)) return true;
  return namedBySessionOnly(text);
}

/**
 * A visit named by its part of the day only ("AM session 9:00", "Afternoon"): a session of the
 * day the page names. A number or a day of its own may be another day's: "Session 2 — 9:00 AM"
 * beside "Session 1 — 9:00 AM" is a course of sessions, "Nov 4 — AM session" another date.
 */
export function namedBySessionOnly(label: string): boolean {
  const text = clean(label);
  return !NUMBERED_VISIT.test(text) && !OWN_DAY.test(text) && DAY_PART.test(text) && personName(text) === undefined && !PERSON_LABEL.test(text);
}

/**
 * Whether a visit of several is told apart by its patient alone (a card or fieldset per patient
 * whose heading, "Encounter", names no day of its own): a visit of the day the page's heading names.
 */
export function namedByPatientOnly(group: Pick<VisitGroup, 'who' | 'label'>): boolean {
  // (Its own part: "Ray, Bob · Schedule — Mon 11/02/2026" is named by "Ray, Bob" under the day's heading.)
  const parts = group.label.split(' · ');
  // (A stamp the page puts on a note it signed, "Lee, Ann — Signed 11/02/2026 10:15 AM", says
  // when it was signed, not which day it is: PageSession checks that day against it.)
  const text = clean(parts.length > 1 ? parts.slice(0, -1).join(' ') : parts[0]).replace(SIGNED_STAMP, '');
  return !!group.who && !NUMBERED_VISIT.test(text) && !OWN_DAY.test(text) && normaliseDate(text) === undefined;
}

/** A heading that says its table is today's: "Today", "Todays note", "Today's Treatment Note", "New Progress Note", "Current visit". */
const TODAY_HEADING = /^\s*(?:today(?:'s|’s|s)?|new|current)(?:\s+(?:treatment|daily|progress|visit|soap|therapy|session|encounter))?(?:\s+(?:note|visit|session|treatment|charges|billing|interventions|encounter))?\s*:?\s*$/i;
/** A heading's words without what ticks beside them as the user types and the separators left ("Today's note — 38 min", "Today · Saved 10:41 AM", "Today's note, 38 min", "Today's note [38 min]" → "Today's note", "Today"). */
const untickedHeading = (label: string) => clean(withoutTicking(label)).replace(/[([{]\s*[)\]}]/g, ' ').replace(/^[\s—–|·•:,/\\-]+|[\s—–|·•:,/\\-]+$/g, '');
/** Whether a heading says its table is today's (TODAY_HEADING): a visit being charted, not the signed note above it. */
export const todayHeading = (label: string): boolean => TODAY_HEADING.test(untickedHeading(label));
/** A heading that names its visit's day as today, in that word ("Today", "Today's note"): not "New note" or "Current visit". */
export const saysToday = (label: string): boolean => {
  const words = untickedHeading(label);
  return /^today/i.test(words) && TODAY_HEADING.test(words);
};

/**
 * A note's signature stamp after its patient's name: "— Signed 11/02/2026 10:15 AM", "· Locked
 * 11/02/2026", "| E-signed by Kim, Joe PT 11/02", "— Signed by Kim, Joe — 11/02/2026". Right after
 * a separator, and within its own part: not "POC signed 10/01", "Unsigned", "Assigned to", nor a
 * "· Last visit 10/30" or "— Last visit 10/30" after it.
 */
const SIGNED_STAMP = /\s*(?:[—–|·•-]|\()\s*(?:electronically\s+)?(?:co-?|e-?)?(?:signed|locked|finali[sz]ed)\b(?:(?!\s[—–-]\s(?!\d))[^·|•()])*/i;

/** The day a visit's label says its note was signed ("Lee, Ann — Signed 11/02/2026 10:15 AM" → 2026-11-02), if it says one. */
export function signedDay(label: string): string | undefined {
  const stamp = SIGNED_STAMP.exec(clean(label))?.[0];
  return stamp ? datesIn(stamp)[0]?.date : undefined;
}

/**
 * Of the parts that name a person only (`el`, its `shape`: what repeats from patient to patient,
 * a tag and its class), those whose shape names two people or more: a day sheet's heading per
 * patient. A single one ("Smith, Ann" above one visit's form) names no other visit.
 */
function repeatedNames<T extends { name: string; shape: string }>(parts: readonly T[]): T[] {
  const names = new Map<string, Set<string>>();
  for (const p of parts) names.set(p.shape, (names.get(p.shape) ?? new Set()).add(p.name));
  return parts.filter((p) => names.get(p.shape)!.size > 1);
}
const shapeOf = (el: Element) => `${el.localName}.${clean(el.getAttribute('class'))}`;

/** What a visit's header element names, to see an edit of it make the visit another: a visit (visitIdentity), else a person only ("Smith, Ann"). */
export function headerIdentity(header: string): string | null {
  return visitIdentity(header) ?? personName(header) ?? null;
}

/** The element that holds a row's table: rows of one table are read together. */
function containerOf(row: Element): Element {
  return row.parentElement?.closest(TABLE_SELECTOR) ?? row.parentElement ?? row;
}

/** The largest ancestor of `container` that holds no other container: its section of the page. */
function sectionOf(container: Element, holding: (el: Element) => number): Element {
  let section = container;
  for (let p = container.parentElement; p && p.localName !== 'body' && p.localName !== 'html'; p = p.parentElement) {
    if (holding(p) > 1) break;
    section = p;
  }
  return section;
}

/** The heading that names a section: inside it before its table, else just before it on the page. */
export function headerOf(section: Element, container: Element, holdsRows: (el: Element) => boolean, markupTitles = false): Element | undefined {
  // The last, in page order, of: the headings before the table (not in it), and any caption.
  let inside = headingBefore(container, section);
  const captions = section.getElementsByTagName('caption');
  const caption = captions[captions.length - 1];
  if (caption && (!inside || inside.compareDocumentPosition(caption) & Node.DOCUMENT_POSITION_FOLLOWING)) inside = caption;
  if (section.matches(HEADING_SELECTOR)) return section;
  if (inside) return inside;
  // A card's header drawn as a <div> ("card-header", "panel-title") before the table in its own box.
  const title = titleBefore(container, section, markupTitles);
  if (title) return title;
  // "<h2>Visit 3</h2><p>Payer…</p><table>": up to three siblings back, never past another table.
  let fallback: Element | undefined;
  let sibling = section.previousElementSibling;
  for (let n = 0; sibling && n < 3 && !holdsRows(sibling); n++, sibling = sibling.previousElementSibling) {
    if (sibling.matches(HEADING_SELECTOR) && !inOtherDialog(sibling, container)) return sibling;
    const heading = lastHeadingIn(sibling, container);
    if (heading) return heading;
    const text = clean(sibling.textContent);
    // (Not a line dated for something else: "Next appointment: 11/04/2026", "Signed 11/03/2026".)
    if (!fallback && text.length <= 120 && visitIdentity(text) && !datedOtherwise(text)) fallback = sibling;
  }
  return fallback;
}

/**
 * The heading inside `section` nearest before `container` in page order, not inside it: found
 * walking back and up from the container, so the table's own rows and cells are never matched
 * against the heading selector (a day sheet's sections are mostly their tables).
 */
function headingBefore(container: Element, section: Element): Element | undefined {
  for (let cur: Element = container; cur !== section; ) {
    for (let sib = cur.previousElementSibling; sib; sib = sib.previousElementSibling) {
      // (Not a heading in a dialog over the page: "Eligibility check" names no visit of the chart.)
      const within = lastHeadingIn(sib, container);
      if (within) return within;
      if (sib.matches(HEADING_SELECTOR) && !inOtherDialog(sib, container)) return sib;
    }
    const parent = cur.parentElement;
    if (!parent) return undefined;
    if (parent !== section && parent.matches(HEADING_SELECTOR)) return parent;
    cur = parent;
  }
  return undefined;
}

/**
 * Whether a card's title names a visit: its day ("Visit — 11/02/2026", not "Printed 11/09/2026"
 * or "Signed 11/07/2026") or earlier care ("Visit history"). Not "Charges" or "Therapeutic
 * exercise": a part's title, under the visit's own heading.
 */
const namesVisit = (text: string) => (datesIn(text).length > 0 && !datedOtherwise(text)) || saysHistory(text, () => true);
/** The title-like box (titleLike) naming a visit (namesVisit) inside `section` nearest before `container`, walking back and up as headingBefore does. */
function titleBefore(container: Element, section: Element, markup: boolean | 'any' = false): Element | undefined {
  if (section === container) return undefined;
  for (let cur: Element = container; cur !== section; ) {
    for (let sib = cur.previousElementSibling; sib; sib = sib.previousElementSibling) if (titleLike(sib, markup === 'any' ? false : markup ? 'markup' : true) && namesVisit(clean(sib.textContent))) return sib;
    const parent = cur.parentElement;
    if (!parent) return undefined;
    cur = parent;
  }
  return undefined;
}

/** How far up from a page's only table its card's title is looked for: the table's box (a card's body), then the card. */
const CARD_LEVELS = 2;
/**
 * The title of the card a page's only table is in, its body a box of its own ("<div
 * class="card"><div class="card-header">Daily note — 11/05/2026</div><div class="card-body"><table>"):
 * what headerOf finds when the card-header stands beside the table itself. Only a title that
 * names its day (namesDay): not "Charges", nor "Printed 11/09/2026".
 */
function loneCardTitle(container: Element, markup: boolean, today?: string): Element | undefined {
  let card = container;
  for (let n = 0; n < CARD_LEVELS && card.parentElement && !/^(?:body|html|main|form)$/.test(card.parentElement.localName); n++) card = card.parentElement;
  if (card === container) return undefined;
  // (Its heading's own element, "<div class="card-header"><h5>Daily note — 11/05/2026</h5></div>", the same.)
  const heading = headingBefore(container, card);
  // (On a page that is no one patient's chart, a title of any markup: "<span>Moore, Dan</span> ·
  // <span>2026-11-19 8:00 AM</span><span class="badge">Medicare</span>", the badge run on.)
  const title = heading && namesDay(heading, today) ? heading : titleBefore(container, card, markup ? 'any' : false);
  return title && namesDay(title, today) ? title : undefined;
}
/**
 * A title naming its visit's day (headerDate: not "Signed", "Printed", a birth date beside a sex
 * or an age), not earlier care ("Last visit 10/30/2026", "Previous visits"), which a lone table
 * typed in is not. A day in brackets after a name ("Lee, Ann (03/04/1941)") is her birth date,
 * not one after a note's name ("Treatment note (11/03/2026)"); a day over OLDEST_CARD_YEARS before
 * today is a birth date too ("Lee, Ann · 03/04/1941"). (A plan's day, "Next visit 11/09", headerDate refuses.)
 */
const namesDay = (el: Element, today?: string) => {
  const whole = clean(el.textContent);
  const outside = whole.replace(/\([^()]*\)/g, ' ');
  const text = personName(outside) !== undefined ? outside : whole;
  const day = headerDate(text);
  if (!day || saysHistory(text, () => true)) return false;
  // (A person's name and a day, "Lee, Mia · 03/04/2022", may be her birth date: only a day of the
  // last year, the claims Medicare still takes, 42 CFR 424.44, is taken for her visit's.)
  const years = datesIn(text).some((d) => personName(clean(text.slice(0, d.at)).replace(/[\s\-–—|·•:,]+$/, '')) !== undefined) ? 1 : OLDEST_CARD_YEARS;
  return !today || day >= `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;
};
/** Years before today a lone card's day may be: a late entry, an audit (its lookback six years, 42 CFR 401.305(f)); before that, a birth date. */
const OLDEST_CARD_YEARS = 6;

/** Words before a date that make it another day than a visit's: "Next appointment: 11/04/2026", "Signed 11/03/2026", "DOB". (Not "Last visit": history is a visit.) */
const OTHER_DAY = /\b(?:next|signed|e-?signed|co-?signed|printed|scheduled|due|follow[- ]?up|dob|d\.o\.b|born|birth|expires?|expiration|referral|ordered|authori[sz]ation|auth|onset|surgery|injury|recert|cert|poc|plan of care)\b/i;
/**
 * A heading that plans a coming visit on a day it names: "Next visit Mon 11/9", "Upcoming
 * appointment 11/09/2026". Not "Next session" alone, "Planned treatment" or "Plan: continue POC"
 * (a note's sections over today's lines), nor "Next appointment — Ray, Bob" (another patient's).
 */
const COMING_VISIT = /^\s*(?:next|upcoming|future)\s+(?:visits?|appts?|appointments?|sessions?|treatments?|tx)\b/i;
function comingVisit(text: string, formWords?: (text: string) => boolean): boolean {
  return COMING_VISIT.test(text) && (OWN_DAY.test(text) || datesIn(text).length > 0) && personName(text.replace(COMING_VISIT, '').replace(/^[\s:—–-]+/, ''), formWords) === undefined;
}
const SIGNATURE_HEADING = /^\s*(?:electronically\s+)?(?:co-?|e-?)?signed\b|^\s*(?:addendum|amended|late\s+entry)\b/i;
const NAMES_A_NOTE = /\b(?:notes?|visits?|encounters?|sessions?|dos|date of service|treatments?|daily|evaluation|eval)\b/i;
/**
 * A read-only table under a plan's heading ("Planned interventions", "Scheduled", "Upcoming",
 * "Proposed treatment", "Recommended", "Next time") beside the lines being charted: what is
 * planned, not billed today. (A plan's heading over lines typed in is today's note's section,
 * "Plan: continue POC", "Planned treatment": those stay; so does a SOAP note's "Plan" or a
 * "Planned" alone over printed lines, which may be today's charges, and any heading naming
 * billing or charges.)
 */
const PLAN_HEADING = /^\s*(?:scheduled|upcoming|proposed|recommended|future|next\s+(?:time|visit|session|appointment|treatment|tx)|planned\s+(?:interventions?|treatments?|exercises|activities|services))\b(?!.*\b(?:billing|billed|charges?)\b)/i;
function datedOtherwise(text: string): boolean {
  const at = datesIn(text)[0]?.at;
  return at !== undefined && OTHER_DAY.test(text.slice(0, at));
}

/**
 * "Previous visits" above a group of visits, up to four levels up. `first`: each parent's first
 * history heading among its children (null: none), found once per grouping: a day sheet's
 * sections share their parent, and looking through every section before each one was quadratic
 * (5,000 `matches` on a 100-visit page).
 */
function underHistoryHeading(section: Element, first: Map<Element, Element | null>, readOnly: () => boolean): boolean {
  // A region labelled as history, the section itself or a box around it: "<section
  // aria-label="Previous visits">", a tab panel labelled by its "History" tab.
  for (let el: Element | null = section, n = 0; el && n < 5 && el.localName !== 'body'; el = el.parentElement, n++) if (labelSaysHistory(el, readOnly)) return true;
  let child: Element = section;
  for (let p = section.parentElement, n = 0; p && n < 4 && p.localName !== 'body'; p = p.parentElement, n++, child = child.parentElement!) {
    let heading = first.get(p);
    if (heading === undefined) {
      heading = null;
      // (Any words of history here: whether this table is typed in is asked below, per table.)
      for (const c of p.children) {
        if ((c.matches(HEADING_SELECTOR) || titleLike(c)) && saysHistory(c.textContent ?? '', () => true)) {
          heading = c;
          break;
        }
      }
      first.set(p, heading);
    }
    // (A history heading before this child: then the first one is before it too.)
    if (heading && heading !== child && heading.compareDocumentPosition(child) & Node.DOCUMENT_POSITION_FOLLOWING && saysHistory(heading.textContent ?? '', readOnly) && !historyEnded(heading, child, readOnly)) return true;
  }
  return false;
}

/**
 * Whether a table typed in stands after the end of the history a heading heads: another heading
 * of its rank or higher between them that says no history ("<h2>Previous visits</h2><table>…
 * <h2>Daily note</h2><table>" in one box: today's note after the earlier visits). A table no one
 * types in stays under it (an earlier visit's own dated heading, "<h2>10/26/2026</h2>").
 */
function historyEnded(heading: Element, child: Element, readOnly: () => boolean): boolean {
  const rank = headingRank(heading);
  // (A title drawn as a <div>, "<div class="section-title">Previous visits</div>", has no rank:
  // only a title of its own kind, its class, ends it.)
  const kind = rank ? undefined : heading.getAttribute('class');
  if ((!rank && !kind) || readOnly()) return false;
  // (Today's note above the history, "<h2>Daily note</h2><table>…<h2>Previous visits</h2>": the
  // history runs to the box's end, its visits under their own headings, "<h2>10/26/2026</h2>",
  // typed in or not: a draft, a fieldset shown disabled.)
  for (let el = heading.previousElementSibling; el; el = el.previousElementSibling) if (el.matches(TYPED) || el.querySelector(TYPED)) return false;
  const ends = (el: Element | null) => {
    if (!el) return false;
    const r = headingRank(el);
    const same = rank ? r > 0 && r <= rank : el.getAttribute('class') === kind && titleLike(el);
    return same && !saysHistory(el.textContent ?? '', () => true);
  };
  // (The note's own box may open with it: "<section><h2>Daily note</h2><table>".)
  if (ends(rank ? child.querySelector(RANKED_HEADING) : child.firstElementChild)) return true;
  for (let el = child.previousElementSibling; el && el !== heading; el = el.previousElementSibling) if (ends(el)) return true;
  return false;
}
const RANKED_HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
/** A box one types in. */
const TYPED = 'input:not([type="hidden"]), select, textarea';

/**
 * A side bar's "Recent" list of printed lines ("<aside><h3>Recent</h3><table>…"): earlier care.
 * Only in a side bar and over a table no one types in: "Recent" also heads a day sheet's section
 * of today's signed visits.
 */
function recentAside(header: string, container: Element, readOnly: () => boolean): boolean {
  return /^\s*recent\b/i.test(header) && !NOT_BILLED.test(header) && !!container.closest('aside, [role="complementary"]') && readOnly();
}

/** Whether a box's own label (`aria-label`, or the text of what `aria-labelledby` names) says it holds earlier care. */
function labelSaysHistory(el: Element, readOnly: () => boolean): boolean {
  const label = el.getAttribute('aria-label');
  if (label && saysHistory(label, readOnly)) return true;
  const by = el.getAttribute('aria-labelledby');
  if (!by) return false;
  const doc = el.ownerDocument;
  return by.split(/\s+/).some((id) => {
    const named = id ? doc.getElementById(id) : null;
    return !!named && saysHistory(clean(named.textContent).slice(0, 120), readOnly);
  });
}

/** Class words of a box that heads a card or panel as a heading would ("card-header", "panel-title", "section-heading"). */
const TITLE_CLASS = /(?:^|[\s_-])(?:title|header|heading|caption)(?:$|[\s_-])/i;
/**
 * A title drawn with a `<div>` rather than a heading, a card's header ("<div class="card-header">Visit
 * — 11/02/2026</div>"): short text, no table or field in it, its class saying so. `plain`: its
 * text alone, no element in it (a header of a name and a payer badge, "<strong>Lee,
 * Ann</strong><span class=badge>Medicare</span>", is read by its parts: nameLineIn, the payer);
 * 'markup': its text reads as it is (plainText).
 */
function titleLike(el: Element, plain: boolean | 'markup' = false): boolean {
  if (!TITLE_CLASS.test(el.getAttribute('class') ?? '') || (plain === 'markup' ? !plainText(el) : plain ? el.childElementCount > 0 : !!el.querySelector('table, input, select, textarea, [role="grid"], [role="table"]'))) return false;
  const text = clean(el.textContent);
  return text.length > 0 && text.length <= 80;
}

/**
 * Whether an element's text reads as one line as it is: text alone, or text's own markup with
 * text between its parts ("<span>Ann Lee</span> · <span>11/05/2026</span>"). Not parts run
 * together ("<strong>Lee, Ann</strong><span>Medicare</span>": "Lee, AnnMedicare"), nor a button,
 * a menu or a box inside.
 */
function plainText(el: Element): boolean {
  if (el.childElementCount === 0) return true;
  if (el.querySelector(NOT_PHRASING)) return false;
  for (const child of el.children) if (child.previousSibling?.nodeType === 1) return false;
  return true;
}
const NOT_PHRASING = ':not(span, b, strong, em, i, small, time, abbr, a, br, wbr)';

const CONTROL = new Set(['input', 'select', 'textarea']);

/** Whether the user can type in or pick a field's value (not read-only, not disabled). */
export function editable(el: Element): boolean {
  const tag = el.localName;
  if (tag === 'input' || tag === 'select' || tag === 'textarea') return !el.hasAttribute('readonly') && !el.hasAttribute('disabled') && el.getAttribute('aria-readonly') !== 'true';
  return el.matches('[contenteditable]:not([contenteditable="false"])');
}

/**
 * Splits `rows` (in page order) into visits. `fields(i)` gives row i's field elements, to tell
 * a read-only history table from the form being charted.
 */
/**
 * `namers`, when given, receives every element whose text or value named a visit in this
 * grouping (each table's heading, a card's name line, a "Patient:" line, a card's Patient or
 * Date field, a separator row): an edit to one may make the page group otherwise (page-session.ts).
 */
export function groupVisits(rows: readonly Element[], fields: (index: number) => readonly Element[], lines?: LinesAbout, keyOf?: (index: number) => RowVisitKey | undefined, namers?: Element[]): VisitGroup[] {
  if (rows.length === 0) return [];
  const containers: Element[] = [];
  const rowsOf = new Map<Element, number[]>();
  // (Rows of one parent share their container: found once per parent, not once per row.)
  const byParent = new Map<Element, Element>();
  rows.forEach((row, i) => {
    const parent = row.parentElement;
    let c = parent && byParent.get(parent);
    if (!c) {
      c = containerOf(row);
      if (parent) byParent.set(parent, c);
    }
    const list = rowsOf.get(c);
    if (list) list.push(i);
    else {
      rowsOf.set(c, [i]);
      containers.push(c);
    }
  });
  const containerSet = new Set(containers);
  // Ancestors of each container, once: "holds another container" without containers² contains().
  const holders = new Map<Element, number>();
  for (const c of containers) for (let p = c.parentElement; p; p = p.parentElement) holders.set(p, (holders.get(p) ?? 0) + 1);
  const holdsRows = (el: Element) => containerSet.has(el) || (holders.get(el) ?? 0) > 0;

  // A visit's rows by table (`parts`): a wholly read-only table beside the ones being edited is split off below.
  type Draft = { label: string; identity: string | null; history: boolean; rows: number[]; parts: Part[]; start: Element; header?: Element; rowKey?: string; sharesFactsOf?: Draft; patient?: true; keyDate?: string; keyShown?: string; who?: string; fieldKey?: string; lineDay?: string };
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  /** `who`: the person its heading, name line or separator row names, if any (a day sheet's patient). */
  const open = (label: string, identity: string | null, history: boolean, start: Element, header?: Element, who?: string) => {
    current = { label, identity, history, rows: [], parts: [], start, ...(header && { header }), ...(who && { who: nameKey(who) }) };
    drafts.push(current);
  };
  const add = (i: number, container: Element, header: Element | undefined) => {
    current!.rows.push(i);
    const last = current!.parts[current!.parts.length - 1];
    if (last?.container === container) last.rows.push(i);
    else current!.parts.push({ container, ...(header && { header }), rows: [i], first: rows[i]! });
  };
  // A header that names only a person starts a visit after another person's, or after no named
  // visit; inside a visit named by its date or number ("Visit — 11/02"), "Patient: Alice Adams —
  // untimed codes" is a part of it, not another visit.
  const startsVisit = (identity: string | null, text: string) =>
    identity !== null && identity !== current!.identity && !(personOnly(text) && current!.identity !== null && !personOnly(current!.label));

  /** The dates of service the page states, and those its headings name: rows dated otherwise are other days. */
  const pageDates = new Set(lines?.dates ?? []);
  /**
   * A signature's or an addendum's heading between a note's tables, no box of its own ("<h3>Signed
   * 11/07/2026</h3>", "Addendum 11/07/2026", "Co-signed 11/07/2026 by Kim, Joe PT"), dated on or
   * after the day of the note before it: a part of that note, not a visit. (One dated before it
   * is an earlier note's; one naming a note, a visit or a DOS, "Signed note — 11/04/2026", "Late
   * entry for DOS 11/05/2026", names its own.)
   */
  const signedAfter = (text: string, before: Draft | undefined) => {
    // (Not after a visit named by its own signature: "Signed 11/04/2026", "Signed 11/05/2026" are two notes.)
    if (!before || before.history || !SIGNATURE_HEADING.test(text) || NAMES_A_NOTE.test(text) || SIGNATURE_HEADING.test(before.label)) return false;
    const signed = datesIn(text)[0]?.date;
    const day = normaliseDate(before.label) ?? (pageDates.size === 1 ? [...pageDates][0] : undefined);
    return !!signed && !!day && signed >= day;
  };
  /**
   * Whether a visit is named by a day of its own before today, none of its lines typed in, on a
   * page that states no date of service: an earlier note the page shows signed. (Where the page
   * states one, a table under another day's heading is told apart by it: splitAsides.)
   */
  const earlierSigned = (d: Draft) => {
    if (pageDates.size > 0 || !lines?.today) return false;
    const day = normaliseDate(d.label);
    return !!day && day < lines.today && d.rows.length > 0 && !d.rows.some(rowEditable);
  };
  /** Whether the table before was split into visits by its rows (then a table naming none is not its last visit's). */
  let afterSplit = false;
  /** Visits opened for a row key (a patient, a date) since the last heading that named a visit. */
  const byRowKey = new Map<string, Draft>();
  const rowEditable = (i: number) => fields(i).some(editable);
  // A container's section holds just it: climb while the parent holds no other container.
  const sections = containers.map((c) => (containers.length > 1 ? sectionOf(c, (p) => holders.get(p) ?? 0) : c));
  // A plan for a coming visit ("Next visit Mon 11/9") names no visit of the page. Over the page's
  // first table it is no header (the note's only table is today's); after a visit's table, its
  // table is that plan: listed read-only, never billed today.
  const planned = new Set<number>();
  /** A plan's visit → the visit before it, which a table of today's after the plan goes on with. */
  const beforePlan = new Map<Draft, Draft>();
  /** Each parent's first history heading, looked for once (underHistoryHeading). */
  const historyHeadings = new Map<Element, Element | null>();
  // A name beside a date ("Lee, Ann — Signed 11/02/2026") names a patient only on a page that is
  // no one patient's chart: under a chart's own "<h1>Lee, Ann</h1>" or Patient facts, such
  // headings are her notes', signed by their clinicians ("Kim, Joe — Signed 11/02/2026").
  let datedNamesNow: boolean | undefined;
  const datedNames = () =>
    (datedNamesNow ??= (() => {
      const title = rows[0]!.ownerDocument.querySelector('h1');
      return !(title && personName(clean(title.textContent), lines?.formWords)) && !(lines?.keyFacts ?? []).some((f) => f.key === 'patient' && !f.el.closest(DIALOG) && personName(f.value, lines?.formWords));
    })());
  let markupTitlesNow: boolean | undefined;
  const markupTitles = () => (markupTitlesNow ??= datedNames() && !titleNamesPerson(clean(rows[0]!.ownerDocument.querySelector('h1')?.textContent), lines?.formWords));
  const headers = containers.map((c, n) => {
    // (A card title of markup, "<span>Ann Lee</span> · <span>11/05/2026</span>", only on a page that is no one patient's chart: under hers, her note's parts' stamps, "<span>Kim, Jane PT</span> · <span>11/02/2026 9:00 AM</span>".)
    const header = headerOf(sections[n]!, c, holdsRows, markupTitles()) ?? (containers.length === 1 ? loneCardTitle(c, markupTitles(), lines?.today) : undefined);
    if (!header || !comingVisit(clean(header.textContent), lines?.formWords)) return header;
    if (n === 0) return undefined;
    planned.add(n);
    return header;
  });
  // A section named by a person only, its heading or a line atop it ("Smith, Ann"): a visit of
  // its own where sections of the same shape name two people or more.
  // A day sheet listing its patients by surname and initials ("Lee, A.", "Ray, B."): on a page
  // that is no one patient's chart and says it lists visits ("Visits 11/02/2026", "Day Sheet"),
  // its titles naming no one. A note's parts may be headed by its clinicians ("Kim, J."), and its
  // patient named where no check looks (a banner div, the tab's title): "Daily Note" lists none.
  let initialsPageNow: boolean | undefined;
  const initialsPage = () => (initialsPageNow ??= datedNames() && listsVisits(rows[0]!, lines?.formWords));
  // (Two siblings, "Nguyen, A." and "Nguyen, B.", are two patients as two surnames are: the page
  // says it lists visits. A lettered part's word, "Station, A.", is none: initialsName.)
  const nameParts = containers.flatMap((c, n): { el: Element; name: string; text: string; n: number; shape: string }[] => {
    const text = clean(headers[n]?.textContent);
    // (A heading naming her session too, "Lee, Ann · AM session", names her: personName leaves the session aside.)
    // (So does one the page stamps with a date beside the name, "Lee, Ann — Signed 11/02/2026
    // 10:15 AM": its patient's still, where the next heading names another, "Ray, Bob". The day
    // first, "11/12/2026 — Ray, Bob", only where the page says it lists visits: a chart lists her
    // notes so, "10/28/2026 — Kim, Jane", by their clinicians.)
    const own = text ? (personName(text, lines?.formWords) ?? (datedNames() ? nameBeforeDate(text, lines?.formWords) : undefined)) : undefined;
    const found = own
      ? { el: headers[n]!, name: own, text: text }
      : (theadName(c, lines?.formWords) ??
        (sections[n] !== c ? (nameLineIn(sections[n]!, c, lines?.formWords, datedNames()) ?? labelledBox(sections[n]!, c, lines?.formWords)) : undefined) ??
        (headers[n] ? personAbove(headers[n]!, holdsRows, lines?.formWords) : undefined));
    // (Surname and initials, "Lee, A.": only on a page that is no one patient's chart, below.)
    const initials = !found && text && initialsPage() ? initialsName(text, lines?.formWords) : undefined;
    if (initials) return [{ el: headers[n]!, name: initials, text, n, shape: shapeOf(headers[n]!) }];
    return found ? [{ ...found, n, shape: shapeOf(found.el) }] : [];
  });
  // A note (its title says so, "Daily note — 11/04/2026") whose own Patient facts name one
  // person ("Patient: Ann Lee") is hers: sections headed by other people's names are her visit's
  // parts (each clinician's, "Jane Doe — Signed", "Tom Roe — Draft"), not other patients' visits.
  // (A day sheet's headings name its patients, under a patient search box or a quick-charge
  // line too: split as before.)
  const chartOf = nameParts.length > 1 ? onePatient(lines?.keyFacts, lines?.formWords) : undefined;
  const othersOnly = chartOf !== undefined && nameParts.every((p) => !samePerson(nameKey(p.name), chartOf)) && noteTitle(nameParts[0]!.el) !== undefined;
  const nameOf = new Map(othersOnly ? [] : repeatedNames(nameParts).map((p) => [p.n, p]));
  // What each section's own Patient and Date fields show, above its table: "alice adams 2026-11-02".
  const factsOf = sectionKeyFacts(sections, containers, lines?.keyFacts);
  /** The person the last "Patient:" line beside a heading named (personBeside), as compared. */
  let lastBeside: string | undefined;
  let lastBesideEl: Element | undefined;
  /** The dialog the container before was in (a modal charge dialog over the chart), if any, and the person it names. */
  let lastDialog: Element | null = null;
  let lastDialogWho: string | undefined;
  /** The patients the page's own Patient facts name, outside any dialog (asked only where a dialog names one). */
  let chartPatientKeys: string[] | undefined;
  const chartPatients = () =>
    (chartPatientKeys ??= (lines?.keyFacts ?? []).flatMap((f) => {
      const name = f.key === 'patient' && !f.el.closest(DIALOG) ? personName(f.value, lines?.formWords) : undefined;
      return name ? [nameKey(name)] : [];
    }));
  for (const [n, container] of containers.entries()) {
    const indexes = rowsOf.get(container)!;
    const section = sections[n]!;
    const header = headers[n];
    const nameLine = nameOf.get(n);
    // A name line atop a card is its label; the heading above every card is its context.
    // (A banner's name only: its birth date is no date of the visit's.)
    const fieldFacts = factsOf.get(n);
    // A box named by its accessible name only, with a visit's date or number (a tab panel by its
    // tab "Visit 11/02/2026", a <section aria-label="Visit 11/04/2026">): named by it, as by a
    // heading of its own. (Not a tab list's run-together text found beside the panels.)
    const boxed = !(header && section !== container && section.contains(header)) ? visitNamedBox(section, container) : undefined;
    const ownHeader = !!boxed || (!!header && section !== container && section.contains(header));
    // (A heading above every card, outside this one, is the page's, not part of the card's name.)
    const headerClean = boxed?.text ?? clean(header?.textContent);
    const ownNamed = signedAfter(headerClean, section === container && current ? current : undefined) ? null : visitIdentity(headerClean);
    // A part's heading ("Charges") right under its day's: the visit is named by the day's (outlineAbove).
    const outline = !nameLine && header && ownNamed === null && personName(headerClean, lines?.formWords) === undefined ? outlineAbove(header) : undefined;
    const headed = boxed ? boxed.text.slice(0, MAX_LABEL_READ) : outline ? labelText(outline.el) : labelText(header);
    const headerOnly = nameLine && nameLine.el !== header ? [bannerLabel(nameLine.text), ownHeader || !section.contains(nameLine.el) ? labelText(header) : ''].filter(Boolean).join(' · ') : headed;
    // A card told apart by its Patient field is named by it: "Ann Lee · Treatment", not "Treatment" twice.
    // (Its own heading after the name, "Ann Lee · Treatment"; a heading above every card, outside
    // this one, is the page's: not part of its name. A record number alone names no one.)
    const shown = fieldFacts?.patientShown && /\p{L}{2}/u.test(fieldFacts.patientShown) ? fieldFacts.patientShown : undefined;
    const headerText = shown && !new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(shown)}(?:[^\\p{L}]|$)`, 'iu').test(headerOnly) ? (ownHeader || nameLine ? [shown, headerOnly].filter(Boolean).join(' · ') : shown) : headerOnly;
    // A person named in the visit's own section, above its heading ("<p>Patient: Alice Adams ·
    // Payer…</p><h2>Daily note — 11/02</h2>"): two patients' notes of one date are two visits.
    // A person named in the section before its table, above or below its heading ("<h2>Daily
    // note</h2><p>Patient: Bob Brown · Payer…</p>"): a card per patient under the same heading,
    // dated or not, is a visit each, never one visit of two patients.
    const personLine = section !== container ? personBefore(section, container) : undefined;
    // (A heading and its table with no box of their own: the line beside them. It names the
    // visit's patient, but the visit still starts at its heading: the line is the visit's fact.)
    // Only a line naming another person than the one before does ("Patient: Lee, Ann" again, a
    // printed page's running header, is the same note's); the first one, above the first
    // heading, is the page's banner: it names the person the next lines are compared with.
    const beside = !personLine && !nameLine && section === container && header ? personBeside(header, container, holdsRows) : undefined;
    const besideLine = beside && lastBeside !== undefined && beside.name !== lastBeside ? beside : undefined;
    if (beside) {
      lastBeside = beside.name;
      lastBesideEl = beside.el;
    }
    // A table whose own header is a "Patient:" line, no heading nearer ("<p>Patient: Ray, Bob</p>
    // <table>" after Ann's under a day sheet's title): compared as a line beside a heading is.
    // (A "Patient:" line only, naming a person: not "Member: Lee, Mark" (the subscriber), "Client:
    // … (parent)", nor "Patient: Reports decreased pain"; "Lee, Ann M." and "Lee, Ann" are one.)
    const found = !beside && !personLine && !nameLine && header && section === container && !header.matches(HEADING_SELECTOR) && PATIENT_LINE.test(headerClean) ? personOfLine(header) : undefined;
    const ownName = found?.name ? shownName(found.shown) : undefined;
    const ownLine = found && ownName ? { el: found.el, name: ownName } : undefined;
    // (After a visit named by its own "Patient:" line, the headings compare as before: startsVisit.)
    const anotherPerson = !!ownLine && lastBeside !== undefined && !!current && !personOnly(current.label) && !samePerson(nameKey(ownLine.name), nameKey(lastBeside));
    // The visit before is then its own line's patient's, from that line (a day sheet's title
    // and payer line above it hold for every visit), named by it.
    if (anotherPerson && current && lastBesideEl && !current.history && current.start.contains(lastBesideEl) === false && current.start.compareDocumentPosition(lastBesideEl) & Node.DOCUMENT_POSITION_FOLLOWING) {
      Object.assign(current, { start: lastBesideEl, label: clean(lastBesideEl.textContent).slice(0, MAX_LABEL_READ), who: nameKey(lastBeside!) });
    }
    if (ownLine) {
      lastBeside = ownLine.name;
      lastBesideEl = ownLine.el;
    }
    const person = personLine?.name ?? nameLine?.name ?? besideLine?.name ?? (anotherPerson ? ownLine!.name : undefined);
    if (namers) {
      for (const el of [header, nameLine?.el, personLine?.el, beside?.el]) if (el) namers.push(el);
      if (fieldFacts) namers.push(...fieldFacts.fields);
    }
    const inSection = ownHeader || (!!person && !besideLine && !anotherPerson && (!nameLine || section.contains(nameLine.el))) || !!fieldFacts;
    // (A day from the heading above starts a visit only after a visit named too: an undated
    // "Flowsheet" and then "Billing — 11/06/2026" over "Timed codes" are one note's.)
    // A heading naming only a person right under a day's heading ("<h2>11/02/2026</h2><h3>Lee,
    // Ann</h3>", a week's log of one patient): that day's visit of hers, not one visit of her days.
    const dayOver = !outline && !person && ownNamed === null && header && personName(headerClean, lines?.formWords) !== undefined ? outlineAbove(header) : undefined;
    // A card named by its patient's line that holds the day too ("<span>O'Brien, Sean</span> ·
    // <span>10/19/2026 8:00 AM</span><span class="badge">Medicare</span>"), no heading of its own:
    // that day's visit of his, not one visit of his days (headerDate: not a birth date, nor "Signed").
    // Only another day written than his card's before: one giving his time alone ("2:00 PM") or
    // no day headerDate takes ("· Co-signed 10/20/2026") goes on with it.
    const lineDay = !outline && !dayOver && ownNamed === null && nameLine && person === nameLine.name ? headerDate(nameLine.text) : undefined;
    const visitNamed = outline && !person && current?.identity !== null ? `day ${outline.date}` : dayOver ? `day ${dayOver.date}` : ownNamed;
    const identity = person ? `${visitNamed ?? ''} ${person}`.trim() : visitNamed;
    // What the card's own Patient and Date fields say: another patient or date than the visit
    // before's is another visit, whatever the headings (the same ones: one visit's two tables).
    const fieldKey = fieldFacts ? `${fieldFacts.patient ?? ''}|${fieldFacts.date ?? ''}` : undefined;
    // (Whether anyone types in this table: asked only of words that say history only then.)
    const readOnly = () => !indexes.some(rowEditable);
    const history = saysHistory(headerText, readOnly) || underHistoryHeading(section, historyHeadings, readOnly) || planned.has(n) || recentAside(headerText, container, readOnly);
    // Where the visit starts: its own section when the header is in it (a payer or date shown
    // above the visit's heading, in its box, is its own), else its header, else its first row.
    // (A patient's heading above the table's own, outside its section: from there.)
    // (A "Patient:" line just above its heading starts it: the line is this visit's fact, not the one's before.)
    const lineAbove = besideLine && header && besideLine.el.compareDocumentPosition(header) & Node.DOCUMENT_POSITION_FOLLOWING ? besideLine.el : anotherPerson ? lineBlockStart(ownLine!.el, holdsRows) : undefined;
    const start = inSection ? section : (lineAbove ?? (nameLine && !section.contains(nameLine.el) ? nameLine.el : header) ?? rows[indexes[0]!]!);
    // The element that names the visit: a name line atop a card, else its heading.
    const namer = nameLine?.el ?? boxed?.namer ?? header;
    // Today's table after a plan's ("Timed codes", "Next visit Mon 11/9", "Untimed codes"): the
    // visit before the plan goes on, unless this table starts another.
    const previous = current;
    if (current && !history && !planned.has(n)) current = beforePlan.get(current) ?? current;
    // A dialog over the page naming a patient (a charge dialog for "Ray, Bob") is a visit of its
    // own: its lines never join the chart's, nor the chart's its. (One naming no one, "Add
    // charge", is the chart's own: its lines are the visit's.)
    const dialog = container.closest(DIALOG);
    const dialogWho = dialog ? dialogPerson(dialog, lines?.formWords) : undefined;
    // (The chart's own patient named in it, "Add charge" for Lee, Ann over her chart: hers.)
    const chartsOwn = (who: string | undefined) =>
      !!who &&
      ([...(current?.who ? [current.who] : []), ...chartPatients(), ...labelPeople(current?.label ?? '')].some((p) => samePerson(p, nameKey(who))) ||
        // (One chart on the page so far, its banner or heading naming her: "Lee, Ann · MRN 1001".)
        (drafts.length === 1 && !!dialog && namedOutside(dialog, who)));
    const dialogApart = dialog !== lastDialog && ((!!dialogWho && !chartsOwn(dialogWho)) || (!!lastDialogWho && !chartsOwn(lastDialogWho)));
    lastDialog = dialog;
    lastDialogWho = dialogWho;
    // A table typed in under a heading that says it is today's ("Today", "Today's note", "New
    // note") after a note named by an earlier day of its own and wholly printed or read-only
    // ("Treatment Note — 10/30/2026", signed): today's visit being charted, not a part of that
    // note, which is then history. (Under any other heading that names no visit, "Treatment",
    // "Charges", a table goes on with the note above: the page's title may name today's date
    // there, and that note be today's signed lines.)
    const afterSigned = identity === null && !history && !!current && !current.history && current.identity !== null && todayHeading(headerText) && !readOnly() && earlierSigned(current);
    if (afterSigned) current!.history = true;
    const anotherDay = !!lineDay && !!current?.lineDay && lineDay !== current.lineDay && identity === current.identity;
    if (!current || afterSigned || dialogApart || anotherPerson || anotherDay || startsVisit(identity, headerText) || history !== current.history || (fieldKey !== undefined && current.fieldKey !== undefined && fieldKey !== current.fieldKey)) {
      // (Named by its own heading, else by its accessible name, not by a heading of the page behind it.)
      const label = dialog && !(header && dialog.contains(header)) ? clean(ariaName(dialog)) : headerText;
      open(label, identity ?? (dialogWho ? `person ${dialogWho}` : null), history, dialog && !dialog.contains(start) ? dialog : start, namer, person ?? dialogWho ?? (fieldFacts?.patientShown ? fieldFacts.patient : undefined));
      byRowKey.clear();
      if (planned.has(n) && previous) beforePlan.set(current!, previous);
    }
    if (fieldKey !== undefined) current!.fieldKey ??= fieldKey;
    if (lineDay) current!.lineDay ??= lineDay;
    // The visit each row's own cells name (a day sheet's Patient, Date or Visit # column).
    const keys = keyOf ? rowKeys(indexes, keyOf, rowEditable, pageDates, lines?.today, lines?.headingDates) : undefined;
    // A table naming no visit in its rows after visits split by theirs (a billing summary below
    // a day sheet): not the last patient's; a read-only one is then split off as history.
    if (!keys?.some((k) => k !== undefined) && afterSplit && current!.rowKey !== undefined && current!.rows.length > 0) {
      open(headerText, identity, history, start, namer, person);
      byRowKey.clear();
    }
    const said = keys?.filter((k) => k !== undefined) ?? [];
    const split = new Set(said.map((k) => k.id)).size > 1 || (current!.rowKey !== undefined && said.length > 0 && said[0]!.id !== current!.rowKey);
    afterSplit = split;
    /** The section's first visit: the others of a table split by its rows share its facts (a payer above the table). */
    const first = current!;
    /** Rows the visit already had from tables before this one: it is then not this table's to rename. */
    const before = first.rows.length;
    /** A visit's date from its key, and whether it is another patient's visit of the page's day (today's, even when signed; dated another day, an earlier visit). */
    const mark = (d: Draft, id: string, shown: string) => {
      if (shown) d.keyShown = shown;
      const [who, day] = id.split('|');
      if (day && ISO_DAY.test(day)) d.keyDate = day;
      // (A day that could not be read, rowKeys' "?n", is none known.)
      if (who && (!day || day.startsWith('?') || pageDates.has(day) || day === normaliseDate(headerText))) d.patient = true;
      if (who) d.who ??= nameKey(who);
    };
    const byKey = (k: number) => {
      const key = keys?.[k];
      if (!key) return;
      if (!split) {
        if (current!.rowKey === undefined) mark(current!, key.id, key.shown);
        current!.rowKey ??= key.id;
        return;
      }
      if (current!.rowKey === key.id) return;
      // The patient (or date) seen before under the same heading: their visit again (Ann at 9:00
      // and at 14:00, her lines in the exercise table and the manual therapy table).
      const seen = byRowKey.get(key.id);
      if (seen) {
        current = seen;
        return;
      }
      // A dated row of the page's own day (today's signed line in a week's charges) is the visit
      // charted before the table, when that one names no row key.
      const [who, day] = key.id.split('|');
      if (!who && day && pageDates.has(day) && first.rowKey === undefined && before > 0) {
        current = first;
        byRowKey.set(key.id, first);
        return;
      }
      // (A table with no heading of its own is named by the heading of the visit before it.)
      const context = headerText || (first.keyShown && first.label.startsWith(`${first.keyShown} · `) ? first.label.slice(first.keyShown.length + 3) : first.label === first.keyShown ? '' : first.label);
      const beside = key.shown ? withoutDaysOf(key.shown, context) : context;
      const label = key.shown && beside ? `${key.shown} · ${beside}` : key.shown || beside;
      // The visit the table's header opened (with only rows of this table before any said): named by its first rows' cells.
      if (current!.rowKey === undefined && (current !== first || before === 0)) Object.assign(current!, { label, rowKey: key.id });
      // A table of its own (a card per patient): the visit starts where the table's part of the
      // page does, and the facts there (its payer line) are its own.
      else if (k === 0) {
        open(label, identity, history, start, header);
        current!.rowKey = key.id;
      } else {
        open(label, identity, history, rows[indexes[k]!]!);
        Object.assign(current!, { rowKey: key.id, sharesFactsOf: first });
      }
      byRowKey.set(key.id, current!);
      mark(current!, key.id, key.shown);
    };
    // Separator rows inside the table ("Visit 3 — 11/20"), between the detected rows, with what each names.
    const separators = new Map<Element, { text: string; id: string | null }>();
    const personOf = (text: string) => (visitIdentity(text) === null ? personName(text, lines?.formWords) : undefined);
    if (container.localName !== 'table' && !container.matches(TABLE_SELECTOR)) {
      // Lines of divs listed in one box, a heading of their own between them ("<h3>Lee, Ann</h3>
      // …lines… <h3>Ray, Bob</h3> …lines…", or each day's date): each heading starts a visit,
      // as a separator row does in a table (the box's heading before its first line too).
      const detected = indexes.map((i) => rows[i]!);
      const heads = Array.from(container.querySelectorAll(HEADING_SELECTOR)).filter((h) => !detected.some((r) => r.contains(h)));
      if (heads.some((h) => detected[0]!.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        const found = heads.flatMap((h) => {
          const text = clean(h.textContent);
          // (Not a part of the note: its addendum or signature, "Addendum 11/02/2026 10:15"; its goals or plan, "Goals due 12/15/2026".)
          if (text.length > 120 || (SIGNATURE_HEADING.test(text) && !NAMES_A_NOTE.test(text)) || /\bgoals?\b/i.test(text) || comingVisit(text, lines?.formWords)) return [];
          const name = personOf(text);
          return name || visitIdentity(text) ? [{ row: h, text, name }] : [];
        });
        const byName = new Set(repeatedNames(found.filter((f): f is typeof f & { name: string } => !!f.name).map((f) => ({ ...f, shape: shapeOf(f.row) }))).map((f) => f.row));
        for (const f of found) if (!f.name || byName.has(f.row)) separators.set(f.row, { text: f.name && headerText ? `${f.text} · ${headerText}` : f.text, id: f.name ?? visitIdentity(f.text) });
        if (namers) namers.push(...separators.keys());
      }
    } else {
      const detected = new Set(indexes.map((i) => rows[i]!));
      const found: { row: Element; text: string; name?: string; shape: string }[] = [];
      for (const row of container.querySelectorAll(ROW_SELECTOR)) {
        if (detected.has(row)) continue;
        const text = groupRowText(row, personOf);
        if (text) found.push({ row, text, name: personOf(text), shape: `${shapeOf(row)}|${row.querySelectorAll(CELL_SELECTOR).length}` });
      }
      // A table body per patient named by its aria-label only ("<tbody aria-label="Lee, Ann">"):
      // a separator at its first row, as a row naming her would be.
      const bodies = container.localName === 'table' ? (container as HTMLTableElement).tBodies : undefined;
      if (bodies && bodies.length > 1) {
        for (const body of bodies) {
          const label = clean(ariaName(body));
          // (Beside its record number, "Lee, Ann · MRN 1001", still hers: a banner's name.)
          const name = label ? personName(label, lines?.formWords) : undefined;
          if (name) found.push({ row: body, text: label, name, shape: 'tbody' });
        }
        found.sort((a, b) => (a.row.compareDocumentPosition(b.row) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      }
      // A row naming a person only separates visits where the table's rows of its shape name two people or more (a day sheet's row per patient).
      const byName = new Set(repeatedNames(found.filter((f): f is typeof f & { name: string } => !!f.name)).map((f) => f.row));
      // A row naming a person only is labelled with the table's heading too ("Lee, Ann — Aetna ·
      // Day sheet — 11/02/2026"), as a table split by its Patient cells is: the heading's date is
      // each patient's date of service.
      for (const f of found) if (!f.name || byName.has(f.row)) separators.set(f.row, { text: f.name && headerText ? `${f.text} · ${headerText}` : f.text, id: f.name ?? visitIdentity(f.text) });
      // (A row naming the table's one patient is watched too: a second patient's row added under
      // it makes the rows of both name two people, and the table is split.)
      if (namers) namers.push(...separators.keys(), ...found.filter((f) => f.name && !byName.has(f.row)).map((f) => f.row));
    }
    if (separators.size) {
      const sepRows = [...separators.keys()];
      let s = 0;
      for (let k = 0; k < indexes.length; k++) {
        const i = indexes[k]!;
        // Separators before this row start visits (the last one before it wins).
        while (s < sepRows.length && sepRows[s]!.compareDocumentPosition(rows[i]!) & Node.DOCUMENT_POSITION_FOLLOWING) {
          const { text, id } = separators.get(sepRows[s]!)!;
          if (id !== current!.identity) {
            // (A group row of the name and the day, "Ray, Bob — 11/12/2026", names him, on a page that is no one patient's chart: his visit, signed or not, is checked beside hers.)
            const who = personName(text, lines?.formWords) ?? (datedNames() ? nameBeforeDate(text, lines?.formWords) : undefined);
            if (current!.rows.length === 0) Object.assign(current!, { label: text, identity: id, start: sepRows[s]!, header: sepRows[s]!, ...(who && { who: nameKey(who) }) });
            else open(text, id, current!.history || saysHistory(text), sepRows[s]!, sepRows[s]!, who);
            byRowKey.clear();
          }
          s++;
        }
        byKey(k);
        add(i, container, header);
      }
    } else
      indexes.forEach((i, k) => {
        byKey(k);
        add(i, container, header);
      });
  }

  // Several visits named by their rows' cells: each says whose it is, the one whose table held
  // only its own rows too ("Ann Lee · Day sheet", not "Day sheet" beside "Bob Ray · Day sheet").
  const named = drafts.filter((d) => d.keyShown && d.rows.length);
  if (new Set(named.map((d) => d.rowKey)).size > 1) for (const d of named) if (!d.label.startsWith(d.keyShown!)) d.label = d.label ? `${d.keyShown} · ${d.label}` : d.keyShown!;
  const rowHasControl = (i: number) => fields(i).some((el) => CONTROL.has(el.localName) || el.hasAttribute('contenteditable'));
  const groups = lines ? splitAsides(drafts.filter((d) => d.rows.length > 0), rowEditable, rowHasControl, lines) : drafts.filter((d) => d.rows.length > 0);
  // Read-only rows beside rows the user edits: the read-only ones are history. Not another
  // patient's visit on a day sheet (signed this morning, beside the afternoon's being charted):
  // a biller checks it before the claim goes out.
  const isEditable = groups.map((g) => g.rows.some(rowEditable));
  // (So too a visit headed by another person than every visit being charted: "Lee, Ann" signed
  // beside "Ray, Bob" typed in. A read-only visit naming no one, or the same person, is history.)
  const charting = groups.flatMap((g, n) => (isEditable[n] && g.who ? [g.who] : []));
  const otherPatient = (g: Piece) => !!g.who && charting.length > 0 && !charting.some((w) => samePerson(w, g.who!));
  // A charge summary of the day ("Today's charges": Patient | CPT | Units | Charge), read-only,
  // no minutes, a fee on every row or a column of charges, a patient's rows the same units per
  // code as her visit being charted: a summary of that visit, not another visit of hers to check
  // again. (Not her sessions signed this morning, "Patient | CPT | Units | Signed 9:40 AM".)
  if (lines && isEditable.some(Boolean))
    groups.forEach((g, n) => {
      if (isEditable[n] || g.history || !g.who || g.rows.some((i) => lines.line(i).minutes.trim())) return;
      if (!g.rows.every((i) => FEE.test(lines.line(i).text)) && !CHARGE_HEADER.test(clean(rows[g.rows[0]!]!.closest(TABLE_SELECTOR)?.querySelector('thead, tr')?.textContent))) return;
      const hers = groups.flatMap((o, m) => (isEditable[m] && o.who && samePerson(o.who, g.who!) ? o.rows : []));
      if (hers.length && sameTotals(unitsByCode(g.rows, lines), unitsByCode(hers, lines))) g.history = true;
    });
  const beside = new Set<Piece>();
  if (isEditable.some(Boolean))
    groups.forEach((g, n) => {
      if (isEditable[n] || groups.length < 2 || (g as { patient?: true }).patient || otherPatient(g)) return;
      if (!g.history) beside.add(g);
      g.history = true;
    });
  // History only beside a visit being charted: a page of nothing but history is checked.
  if (groups.every((g) => g.history)) groups.forEach((g) => (g.history = false));
  // Unnamed visits are numbered among the visits checked ("Visit 2" is the second one checked).
  let charted = 0;
  const labels = uniqueLabels(groups.map((g) => g.label || (g.history ? 'Read-only table' : `Visit ${++charted}`)));
  const keyOfGroup = new Map<object, string>(groups.map((g, n) => [g, `v${n + 1}`]));
  return groups.map((g, n) => {
    const shares = (g as { sharesFactsOf?: object }).sharesFactsOf;
    const from = shares && keyOfGroup.get(shares);
    return {
      key: `v${n + 1}`,
      label: labels[n]!,
      history: g.history,
      rows: g.rows,
      start: g.start,
      ...(g.header && { header: g.header }),
      ...(from && { sharesFactsOf: from }),
      ...((g as { keyDate?: string }).keyDate && { keyDate: (g as { keyDate?: string }).keyDate }),
      ...(g.who && { who: g.who }),
      ...(g.history && beside.has(g) && { besideCharted: true as const }),
    };
  });
}

/** What a row's own cells say of its visit, as the page shows them ('' or absent: not said, the row above's holds). */
export interface RowVisitKey {
  patient?: string;
  /** An account number where the row names no patient ("Acct # A-1001"): its patient's key only where no row of the table names one (rowKeys). */
  account?: string;
  date?: string;
  visit?: string;
  /** Whether the Date column stands left of the Patient column (a week's sheet grouped by day, then patient). */
  dateFirst?: boolean;
  /** The Date box holds what the browser does not accept (a date typed in part: FieldRead.unreadable), shown to scripts as ''. */
  dateUnread?: true;
}

/**
 * Whether a row's Date cell holds something that says no day: a box the browser cannot give
 * (RowVisitKey.dateUnread), or digits and a date's separators that are no date ("11/0",
 * "13/45/2026", "2026-11-0"). Not a blank cell, nor words or a ditto mark (the row above's day
 * holds), nor a day without its year ("11/03": rowKeys reads it by the row above's day). A
 * time after the day is judged without it ("11/02 9:00 AM" a day, "13/02/2026 1030" none).
 */
export function dateUnread(key: RowVisitKey | undefined): boolean {
  if (key?.dateUnread) return true;
  // (A time after the day is set aside: "11/02 0900" is a day and its time, "13/02/2026 1030" no day.)
  const text = withoutSessionTime(clean(key?.date));
  return DATE_TYPED.test(text) && normaliseDate(text) === undefined && columnDay(text) === undefined;
}
/** Digits and a date's separators only, a digit among them, no space: a date as typed, whole or not (its time set aside first). */
const DATE_TYPED = /^[\d/.-]*\d[\d/.-]*$/;

/** A key cell's text as compared: a date as YYYY-MM-DD, a name as "ann lee" whether written "Lee, Ann" or "Ann Lee", a visit number with a digit; undefined when it is none of these. */
function keyId(part: 'patient' | 'date' | 'visit', text: string): string | undefined {
  if (part === 'date') return normaliseDate(text);
  if (part === 'visit') return /\d/.test(text) ? text.toLowerCase() : undefined;
  const name = text.toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');
  const comma = /^([^,]+),\s*(.+)$/.exec(name);
  return comma ? `${comma[2]} ${comma[1]}` : name;
}

/**
 * Each row's visit, told by its Patient, Date and Visit # cells. A blank cell continues the row
 * above's (a name or a date written once for its rows, a `rowspan`), unless a cell further out
 * names another visit: a new patient under a day's date keeps the date and drops the row
 * above's Visit #; a new date under a patient's name keeps the name (the columns' order says
 * which is further out; a Visit # is always the innermost). A row the user edits below dated
 * rows they cannot, dated another day than the page's, starts afresh (today's new line, its
 * date not typed yet, under earlier visits' lines). A Visit # column says nothing where the
 * table names patients: one patient's appointments of a day are billed as the day (CPM
 * §20.2). A Date cell that is not blank but says no day (dateUnread) continues no other day:
 * its row starts a visit. A day without its year continues the row above's day when it is
 * that day, else is another's (yearlessDay; the year from `headed`, the headings' dates, where
 * nothing above gives one). Undefined for the rows before the first said;
 * after that, a row that says nothing is its own unnamed visit (`id` ''). `id` compares ("ann
 * lee|2026-11-02|"), `shown` names the visit in its label.
 */
function rowKeys(indexes: readonly number[], keyOf: (index: number) => RowVisitKey | undefined, editable: (index: number) => boolean, pageDates: ReadonlySet<string>, today?: string, headed?: () => readonly string[]): ({ id: string; shown: string } | undefined)[] {
  const keys = indexes.map(keyOf);
  // (Most tables name no visit in their rows: nothing more to work out, no row's fields asked.)
  if (keys.every((k) => k === undefined)) return keys as undefined[];
  const patients = keys.some((k) => !!clean(k?.patient));
  // (An account tells patients apart only in a table naming none: beside a Patient column, or a
  // patient's row group over her lines, her lines are hers whatever account each is filed under.)
  if (!patients) keys.forEach((k, n) => k?.account && (keys[n] = { ...k, patient: `acct ${k.account}` }));
  const order: ('patient' | 'date' | 'visit')[] = keys.find((k) => k?.dateFirst !== undefined)?.dateFirst ? ['date', 'patient', 'visit'] : ['patient', 'date', 'visit'];
  const held: Required<Omit<RowVisitKey, 'dateFirst' | 'dateUnread' | 'account'>> = { patient: '', date: '', visit: '' };
  const shown: Required<Omit<RowVisitKey, 'dateFirst' | 'dateUnread' | 'account'>> = { patient: '', date: '', visit: '' };
  /** A day without its year said where no whole date is held ("11/02" on a sheet writing none): the next such day is compared with it. */
  let yearless = '';
  const forget = (parts: readonly ('patient' | 'date' | 'visit')[]) => {
    for (const part of parts) held[part] = shown[part] = '';
    if (parts.includes('date')) yearless = '';
  };
  let seen = false;
  let wasEditable: boolean | undefined;
  return indexes.map((i, n) => {
    const key = keys[n];
    const canEdit = editable(i);
    // Under dated rows of another day than the page's (or, on a page that states none, than
    // today), a row the user edits continues none of them.
    const otherDay = pageDates.size ? !pageDates.has(held.date) : today !== undefined && held.date !== today;
    if (wasEditable !== undefined && wasEditable !== canEdit && held.date && otherDay) forget(order.slice(order.indexOf('date')));
    wasEditable = canEdit;
    order.forEach((part, at) => {
      if (part === 'visit' && patients) return;
      const text = clean(key?.[part]);
      // A Date cell that cannot be read as a day (a box typed in part, "11/0", "13/45/2026")
      // continues no other day's visit: its row is its own (and its rows below that say no day),
      // the patient kept. Only under no day or the page's own date of service is it the row
      // above's (a one-visit form's line, its date being typed). (Said: the visit's notes.)
      if (part === 'date' && dateUnread(key)) {
        if (pageDates.size && (!held.date || pageDates.has(held.date))) {
          // (A first row's, no day held yet: the page's one stated day, so the rows below of
          // that day continue it, one visit, as under a second row typed in part.)
          // (Only a row whose patient is known, or a table naming none: a first row's empty
          // Patient box joins the next row's visit, as its key said nothing.)
          if (!held.date && pageDates.size === 1 && (held.patient || clean(key?.patient) || !patients)) held.date = [...pageDates][0]!;
          return;
        }
        held.date = `?${n}`;
        shown.date = text.slice(0, 40);
        held.visit = shown.visit = '';
        return;
      }
      let id = text ? keyId(part, text) : undefined;
      // A day without its year ("11/03") is another day's visit when the rows above said
      // another day: of the year near theirs, or kept apart when none can be told.
      const day = part === 'date' && !id && text ? columnDay(text) : undefined;
      if (day?.startsWith('--')) {
        const above = ISO_DAY.test(held.date) ? held.date : yearless;
        // A dotted "10.30" is a time of day as well ("10.30" under "Date/Time", a second session
        // of the day above): no other day is read from it, its row kept apart and said.
        // (Unless its weekday is that day's: "Mon 11.02" of 2026-11-02 is plainly a day.)
        const dotted = DOTTED_DAY.test(text) && !weekdayFits(text, yearlessDay(day, above, pageDates, headed), ISO_DAY.test(above) ? [above] : [...pageDates, ...(headed?.() ?? [])]);
        const read = dotted ? (!above || above.endsWith(day.slice(1)) ? undefined : null) : yearlessDay(day, above, pageDates, headed);
        if (read === null) {
          held.date = `?${n}`;
          shown.date = text.slice(0, 40);
          held.visit = shown.visit = '';
        }
        if (!read) yearless = day;
        id = read ?? undefined;
      }
      // Not a key: a date's words or a day without its year where no other day is said
      // ("same", "11/03" under "11/03/2026"), a Visit column naming the visit's kind
      // ("Initial", "Re-eval") rather than numbering it.
      if (!id) return;
      // Another visit named here: what the row above said further in is not this row's.
      if (held[part] !== id) forget(order.slice(at + 1));
      held[part] = id;
      shown[part] = text.slice(0, 40);
    });
    if (!held.patient && !held.date && !held.visit) return seen ? { id: '', shown: '' } : undefined;
    seen = true;
    return { id: `${held.patient}|${held.date}|${held.visit}`, shown: [shown.visit, shown.patient, shown.date].filter(Boolean).join(' · ') };
  });
}

/**
 * What a Date cell's day without its year (`day`, columnDay's `--MM-DD`: "11/03") says under
 * `above`, the day the rows above said (YYYY-MM-DD, or `--MM-DD`; '' none): nothing when it is
 * that day (it goes on as a blank cell does); else its date, of the year near that day or the
 * page's one date of service, else near the dates its headings write (`headed`: "Week of
 * 11/02/2026"); nothing when none was said and no year can be told; null when one was ("05/01"
 * under 11/02/2026, or under "11/02" with no year anywhere): then its row is kept apart.
 */
function yearlessDay(day: string, above: string, pageDates: ReadonlySet<string>, headed?: () => readonly string[]): string | null | undefined {
  if (above && above.endsWith(day.slice(1))) return undefined;
  if (ISO_DAY.test(above)) return dayNear(day, above) ?? null;
  if (pageDates.size === 1) return above ? (dayNear(day, [...pageDates][0]!) ?? null) : undefined;
  const near = pageDates.size ? undefined : headed && dayNearAll(day, headed());
  return near ?? (above ? null : undefined);
}
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Whether `text` names a weekday ("Mon 11.02") and `date` (YYYY-MM-DD) falls on it, within a week
 * of `near` (the day above, else a date the headings write): a day of that week, not a session's
 * weekday and clock that happen to fit a day months away ("Wed 9.30" under 11/04/2026).
 */
function weekdayFits(text: string, date: string | null | undefined, near: readonly string[]): boolean {
  const named = weekdayOf(text);
  if (named === undefined || !date || !ISO_DAY.test(date) || new Date(`${date}T12:00:00Z`).getUTCDay() !== named) return false;
  const at = Date.parse(`${date}T12:00:00Z`);
  return near.some((d) => ISO_DAY.test(d) && Math.abs(Date.parse(`${d}T12:00:00Z`) - at) <= 7 * 86_400_000);
}
/** A day written with a dot and no year ("10.30", "Mon 10.30", "10.30 AM"), as a time of day may be written. */
const DOTTED_DAY = /^(?:[a-z]{3,9}\.?,?\s+)?\d{1,2}\.\d{2}(?:\s*[ap]\.?m\.?)?$/i;

/** `who`: the person the visit's heading, name line or separator row names (compared by nameKey). */
type Piece = { label: string; history: boolean; rows: number[]; start: Element; header?: Element; who?: string };
type Part = { container: Element; header?: Element; rows: number[]; first: Element };

/** What the grouping may read of each row's values, to tell a summary or an earlier visit's table from a part of today's (page-session.ts). */
export interface LinesAbout {
  /** Row i's code (upper case, '' for none) and minutes as written ('' for none), and its text (for dates). */
  /** Row i's code, minutes and text (its cells' texts apart), and whether it has units or modifiers written. */
  line(i: number): { code: string; minutes: string; text: string; billed: boolean; units?: string };
  /** Dates of service the page states (its facts), YYYY-MM-DD. */
  dates: ReadonlySet<string>;
  /**
   * The dates the page's headings write (header-date.ts yearHints: "Week of 11/02/2026", not a
   * birth date), for a Date cell's day without its year that nothing above dates. Asked only
   * then, once: most pages' headings are never walked for it.
   */
  headingDates?: () => readonly string[];
  /**
   * The user's date today (YYYY-MM-DD), for a page that states no date of service: a row being
   * charted (its Date cell still blank) under read-only rows dated another day is no line of theirs.
   */
  today?: string;
  /** Whether text holds an intervention phrase (the reader's matcher): a heading "Balance, Gait" names no person. */
  formWords?: (text: string) => boolean;
  /**
   * Tables set apart as a summary at an earlier read of this page, each with what it and the
   * edited lines held then (codes and minutes; the edited lines' codes): once the user types,
   * the form's minutes differ from the summary's saved ones, and a page read again (its form
   * drawn anew) would count both. Kept apart while the summary and the edited lines' codes are
   * as they were (a new patient in the same table, or a line added, is judged again).
   * splitAsides records the ones it sets apart.
   */
  keptApart?: { get(table: Element): string | undefined; set(table: Element, held: string): unknown };
  /**
   * The page's Patient and Date of service fields with what they show: a card or fieldset per
   * appointment, each with its own "Patient" select or "Date" input above its table, is a visit each.
   */
  keyFacts?: readonly { el: Element; key: 'patient' | 'dateOfService'; value: string }[];
}

/** Minutes per code of `rows` (codes with no minutes left out): a summary repeats these, line by line or added up by code. */
function minutesByCode(rows: readonly number[], about: LinesAbout): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of rows) {
    const { code, minutes } = about.line(i);
    // As the reader reads minutes: "23", "23 min", "0:23", "1h 5m".
    const read = minutes ? parseMinutes(minutes) : undefined;
    const n = read?.ok ? read.minutes : 0;
    if (code && n > 0) out.set(code, (out.get(code) ?? 0) + n);
  }
  return out;
}

/** A code's shape in a row's text (97110, G0283): a row that names one is a line, whatever its columns. */
const CODE_IN_TEXT = /(?<![a-z\d])(?:\d{4}[0-9a-z]|[a-z]\d{4})(?![a-z\d])/i;

/** A row with no code, units, modifiers or date: a note's, not a line's (one with any of them may be a line billed today). */
const noteRow = (l: ReturnType<LinesAbout['line']>) => !l.code && !l.billed && !CODE_IN_TEXT.test(l.text) && normaliseDate(l.text) === undefined;

/** A table's header naming a column of charges: "Charge ($)", "Fee", "Amount", "Billed". */
const CHARGE_HEADER = /\b(?:charges?|fees?|amounts?|billed)\b|\$/i;
/** A fee written on a charge's row: "$64.00", "64.00", "1,064.00" (an amount in cents, not a clock time). */
const FEE = /\$\s?\d|(?<![\d:.])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d:])/;

/** Units per code of `rows` (a whole count written alone): a charge summary with no minutes (CPT, units, fee) repeats these added up by code. */
function unitsByCode(rows: readonly number[], about: LinesAbout): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of rows) {
    const { code, units } = about.line(i);
    const n = /^\s*\d{1,2}\s*$/.test(units ?? '') ? Number(units) : 0;
    if (code && n > 0) out.set(code, (out.get(code) ?? 0) + n);
  }
  return out;
}

const sameTotals = (a: Map<string, number>, b: Map<string, number>) => a.size > 0 && a.size === b.size && [...a].every(([code, n]) => Math.abs((b.get(code) ?? -1) - n) < 0.01);

/** The day the page's title names when it is one patient's note's ("Daily note — 11/04/2026"), as a set: empty when none. (Not a banner's birth date, nor the app's clock.) */
function titleDay(el: Element): ReadonlySet<string> {
  // (A date in brackets after her name, "Lee, Ann (03/14/1950)", is her birth date.)
  const title = noteTitle(el)?.replace(/\([^()]*\)/g, ' ');
  const date = title ? headerDate(title) : undefined;
  return new Set(date ? [date] : []);
}

/**
 * A table inside a visit whose other tables are being edited, when it is wholly read-only and
 * is either a summary (text, no controls, with the same minutes per code as the lines being
 * edited, or no minutes, a fee on every row and the same units per code: counting it would
 * count them twice; or set apart so at an earlier read of the page,
 * LinesAbout.keptApart), notes with no code in any row (a pain scale, outcome measures) beside
 * edited lines with codes and minutes, or an earlier visit's lines (every row dated, none on
 * this visit's date),
 * is not part of the visit: it is split off as its own read-only entry, listed and not
 * checked. Any other read-only table stays (today's signed lines with disabled inputs, today's
 * saved lines beside an "add a line" table): leaving a part of today's visit unchecked would
 * hide its errors. Pieces are in page order by their first row, the visit first.
 */
function splitAsides<D extends Piece & { identity: string | null; parts: Part[] }>(drafts: D[], rowEditable: (i: number) => boolean, hasControl: (i: number) => boolean, about: LinesAbout): Piece[] {
  const out: Piece[] = [];
  for (const d of drafts) {
    const editableParts = d.parts.map((p) => p.rows.some(rowEditable));
    if (d.history || !editableParts.some(Boolean) || editableParts.every(Boolean)) {
      out.push(d);
      continue;
    }
    const edited = d.parts.flatMap((p, k) => (editableParts[k] ? p.rows : []));
    const editedTotals = minutesByCode(edited, about);
    // A read-only part under its own heading dated another day than the page's date of service
    // ("10/30/2026" above today's "Treatment"): that day's lines, not today's. With no date of
    // service written, the day the page's title names ("Daily note — 11/04/2026").
    const days = about.dates.size ? about.dates : titleDay(d.start);
    const otherDay = (p: Part, k: number) => {
      if (editableParts[k] || !p.header || days.size === 0) return false;
      // (A heading's date of signing, entry or plan of care is no date of service: headerDate.)
      const date = headerDate(clean(p.header.textContent));
      return date !== undefined && !days.has(date);
    };
    const visitDates = new Set(about.dates);
    const labelDate = normaliseDate(d.label);
    if (labelDate && !d.parts.some((p, k) => p.header === d.header && otherDay(p, k))) visitDates.add(labelDate);
    for (const i of edited) {
      const date = normaliseDate(about.line(i).text);
      if (date) visitDates.add(date);
    }
    const aside = d.parts.map((p, k) => {
      if (editableParts[k]) return false;
      if (otherDay(p, k)) return true;
      // A summary is text the page writes; a table of controls, even disabled ones, is a form:
      // today's signed lines (97110 10 min signed this morning beside 97110 10 min added now).
      if (!p.rows.some(hasControl)) {
        const held = `${p.rows.map((i) => `${about.line(i).code}:${about.line(i).minutes}`).join(',')}|${edited.map((i) => about.line(i).code).join(',')}`;
        // (A charge summary with no minutes, a superbill's "CPT | Units | Charge": a fee on every
        // row, and the same units per code. Not today's signed lines, "97110 | 1 | Signed 9:40 AM".)
        const unitsOnly = () => p.rows.every((i) => !about.line(i).minutes.trim() && FEE.test(about.line(i).text)) && sameTotals(unitsByCode(p.rows, about), unitsByCode(edited, about));
        if (about.keptApart?.get(p.container) === held || sameTotals(minutesByCode(p.rows, about), editedTotals) || unitsOnly()) {
          about.keptApart?.set(p.container, held);
          return true;
        }
      }
      // Text rows naming interventions with no code anywhere (a pain scale, outcome measures, a
      // home program: "Gait training | 4/10 | 10 min") beside lines being charted with codes and
      // minutes: notes about the visit, not lines of it (each would be "code missing").
      if (!p.rows.some(hasControl) && editedTotals.size > 0 && p.rows.every((i) => noteRow(about.line(i)))) return true;
      if (!p.rows.some(hasControl) && p.header && p.header !== d.header && PLAN_HEADING.test(clean(p.header.textContent))) return true;
      const dates = p.rows.map((i) => normaliseDate(about.line(i).text));
      return visitDates.size > 0 && dates.every((x) => x !== undefined) && !dates.some((x) => visitDates.has(x!));
    });
    if (!aside.some(Boolean)) {
      out.push(d);
      continue;
    }
    const mainParts = d.parts.filter((_, k) => !aside[k]);
    const firstMain = mainParts[0]!;
    // The visit's heading is the aside's own when it names no visit and sits right above the
    // aside that opens the visit ("Billing summary", named by the day's heading above it only,
    // outlineAbove): the visit is then named by its own table's.
    const headingIsAside = aside[0] && d.parts[0]!.header === d.header && !!d.header && (d.identity === null || (!d.who && visitIdentity(clean(d.header.textContent)) === null) || otherDay(d.parts[0]!, 0));
    const ownOf = (part: Part) => (part.header && (part.header !== d.header || headingIsAside) ? clean(part.header.textContent) : '');
    // Then the visit's own heading is the one before the aside's, when it names a visit ("Daily note — 11/20"), else its own table's.
    const before = headingIsAside ? headingBefore(d.header!, d.header!.ownerDocument.body ?? d.header!.ownerDocument.documentElement) : undefined;
    const mainHeader = headingIsAside ? (before && visitIdentity(before.textContent ?? '') !== null ? before : firstMain.header !== d.header ? firstMain.header : undefined) : d.header;
    const mainLabel = headingIsAside ? (mainHeader ? clean(mainHeader.textContent) : '') : d.label;
    // Where the visit starts: its own, unless that is inside an aside (a page with no headings) or is the aside's heading.
    const inAside = (el: Element) => d.parts.some((p, k) => aside[k] && (p.container.contains(el) || p.header === el));
    const main: Piece = { label: mainLabel, history: false, rows: mainParts.flatMap((p) => p.rows), start: inAside(d.start) ? (mainHeader ?? firstMain.first) : d.start, ...(mainHeader && { header: mainHeader }), ...(d.who && { who: d.who }) };
    const pieces: Piece[] = [main];
    let open: Piece | undefined;
    d.parts.forEach((part, k) => {
      if (!aside[k]) {
        open = undefined;
        return;
      }
      if (open) {
        open.rows.push(...part.rows);
        return;
      }
      const own = ownOf(part);
      const where = mainLabel ? ` in ${mainLabel}` : '';
      // Starts at its first row: its heading may sit above the visit's own start (a separator row).
      open = { label: `${own || 'Read-only table'}${where}`, history: true, rows: [...part.rows], start: part.first };
      pieces.push(open);
    });
    pieces.sort((a, b) => (a.start === b.start ? 0 : a.start.compareDocumentPosition(b.start) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    out.push(...pieces);
  }
  return out;
}

/** What uniqueLabels puts after a label seen before: " (2)". */
const LABEL_COUNTER = /\s\(\d{1,4}\)$/;

/**
 * Labels cut to MAX_LABEL and told apart: the side panel follows the visit it shows by its
 * label when keys shift, so two visits never share one (a second "Visit — 11/02" is "… (2)").
 */
function uniqueLabels(labels: string[]): string[] {
  const seen = new Map<string, number>();
  const cut = labels.map(cutLabel);
  // Visits whose labels differ only after the cut: told apart by their ends.
  const byCut = new Map<string, Set<string>>();
  labels.forEach((l, i) => byCut.set(cut[i]!, (byCut.get(cut[i]!) ?? new Set()).add(l)));
  labels.forEach((l, i) => {
    if (byCut.get(cut[i]!)!.size > 1) cut[i] = cutInMiddle(l);
  });
  const taken = new Set(cut);
  return cut.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    if (n === 1) return label;
    for (let k = n; ; k++) {
      const suffix = ` (${k})`;
      const next = label.length + suffix.length <= MAX_LABEL ? label + suffix : `${label.slice(0, MAX_LABEL - suffix.length - 1)}…${suffix}`;
      if (!taken.has(next)) {
        taken.add(next);
        return next;
      }
    }
  });
}

/**
 * The visit a page element belongs to by position: the last visit that starts at or before it;
 * -1 when it comes before every visit (a page-level fact, such as the patient banner's payer).
 */
export function visitAt(groups: readonly VisitGroup[], el: Element): number {
  let lo = 0;
  let hi = groups.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = groups[mid]!.start;
    if (start === el || start.contains(el) || start.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
