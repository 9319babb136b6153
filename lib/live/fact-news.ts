// A patient's name, a date of service or a payer a page shows after it was read, outside what
// Unitwise watches: a chart's banner or coverage mounted or filled in after its form (its data
// from a second request), or the next chart's. Pure (DOM reads only); the page session asks
// whether its facts know them.
import { factKey, pairsIn } from '../extract/detect';
import { words } from '../extract/fields';
import { PAYER_BY_VALUE_LABEL } from '../extract/payer-names';
import { normaliseDate } from '../extract/dates';
import { personName } from '../extract/visits';
import { clean } from '../extract/visit-names';
import { regionOf, type Watched } from './mutations';

export type FactKey = 'patient' | 'dateOfService' | 'payer';
export interface FactShown {
  key: FactKey;
  value: string;
}

/** Longer texts are a page's content, not a banner's line ("Patient: Ann Lee"). */
const MAX_LINE = 200;
/** Elements of an added subtree looked at (a header component mounted whole). */
const MAX_LOOKED = 40;
const BLOCKS = 'p, div, li, dd, dt, dl, ul, ol, table, tr, section, h1, h2, h3, h4, h5, h6';
const LINES = 'p, li, dd, dt, span, div, td, th, b, strong, small, label';

/**
 * Pop-ups whose lines name other patients or days as a matter of course: a search's
 * suggestions, menus, tooltips, dialogs. (Not a side bar or a live region: a chart's banner may
 * be either. Their churn is told apart by what the page already names: PageSession.#knowsFact.)
 */
export const CHROME = '[role="listbox"], [role="option"], [role="combobox"], [role="menu"], [role="tooltip"], [role="dialog"], dialog';

/** The fact a label names (its value decides for a rank's label, "Primary:"). */
const keyOf = (label: string, value?: string): FactKey | undefined => {
  const key = factKey(label.trim().replace(/:$/, ''), value);
  return key === 'patient' || key === 'dateOfService' || key === 'payer' ? key : undefined;
};
/**
 * A payer's value as a banner shows it: a name, short, no label of its own. Not a line run into
 * the next ones ("Payer: Medicare Part B Total: 47 min Draft saved 10:41", a header of spans).
 */
const isPayerValue = (value: string) => value.length <= 60 && !value.includes(':');
/** A payer's value while it loads or when there is none: "—", "Loading…", "Unknown", "N/A". */
const NO_PAYER_YET = /^(?:[-—–.…\s]*|n\/?a|none|unknown|loading\b.*|pending|tbd|select\b.*|not on file)$/i;

/** A banner's part that is no fact Unitwise reads but no other text either: a record number, a birth date, an age, a room. */
const BANNER_BITS = /^(?:(?:mrn|dob|d\.o\.b\.?|date of birth|acct|account|chart|age|sex|gender|room|rm|bed)\b.*|#\s*\d+|\d{1,3}\s*(?:y\/?o|yo|yrs?|years?)?\s*[mf]?)$/i;
/** A label of words, "Allergies", "Code status": not a clock's hours ("10:00 AM"). */
const WORD_LABEL = /^[a-z][a-z .#/'-]{1,30}$/i;
/** Logs (a chat, an activity feed) name other patients and days as a matter of course. (A list is judged by its items, as any box.) */
const LISTED = '[role="log"]';

/**
 * The facts one element's own line shows: "Patient: Ann Lee · MRN 1001", or a value beside its
 * label ("<dt>Patient</dt><dd>Ann Lee</dd>"); null when the line says anything else (a toast's
 * "Checked in", an appointment's time): it is no banner's line.
 */
function factsOf(el: Element): FactShown[] | null {
  const text = clean(el.textContent);
  if (!text) return [];
  if (text.length > MAX_LINE) return null;
  const out: FactShown[] = [];
  const parts = text.split(/\s+[·•|]\s+|\s*[·•|]\s*/).filter(Boolean);
  if (text.includes(':')) {
    for (const part of parts) {
      const pair = pairsIn(part)[0];
      const role = pair ? keyOf(pair.label, pair.value) : undefined;
      if (pair && role === 'payer' && isPayerValue(pair.value)) {
        // (Not "Loading…": a line of the banner still, and no news.)
        if (!NO_PAYER_YET.test(pair.value)) out.push({ key: role, value: pair.value });
      } else if (pair && role && role !== 'payer') {
        // (A banner's value is the name or the date alone: not "11/05/2026 — reminder sent".)
        const alone = role === 'patient' ? personName(pair.value) !== undefined : pair.value.length <= 20 && normaliseDate(pair.value) !== undefined;
        if (!alone) return null;
        out.push({ key: role, value: pair.value });
      } else if (!(pair && WORD_LABEL.test(pair.label.trim()) && pair.value.length <= 40) && !BANNER_BITS.test(part.trim())) return null;
      // (Any other short "Label: value", "Allergies: NKDA", "Payer: Aetna": a banner's too.)
    }
    return out;
  }
  const label = el.previousElementSibling;
  const labelText = label && label.childElementCount === 0 ? clean(label.textContent) : '';
  const key = labelText && labelText.length <= 40 ? keyOf(labelText, text) : undefined;
  if (key === 'payer') return !isPayerValue(text) ? null : NO_PAYER_YET.test(text) ? [] : [{ key, value: text }];
  // (A label of its own, "<dt>Patient</dt>", or a banner's bits: no line of other words.)
  return key ? [{ key, value: text }] : keyOf(text) || PAYER_BY_VALUE_LABEL.test(words(text)) || parts.every((p) => BANNER_BITS.test(p.trim())) ? [] : null;
}

/**
 * The patient and date-of-service facts that `records` put on the page outside the watched
 * regions (those inside are read again there). An element put in is looked at by its own lines;
 * text changed in a line that was there, with the lines of the box it is in. Its lines (the first
 * MAX_LOOKED) count only when every one is a banner's (facts, record numbers, short labelled
 * lines): a toast ("Checked in · Patient: Ray, Bob"), a list of appointments or reminders, a
 * note's text name other patients and days.
 */
export function factsShown(records: Iterable<MutationRecord>, watched: Watched, own: (node: Node) => boolean): FactShown[] {
  const out: FactShown[] = [];
  const judged = new Set<Element>();
  /** A box's lines, judged once: its facts when every line is a banner's. */
  const judge = (box: Element) => {
    if (judged.has(box)) return;
    judged.add(box);
    // Its lines: the elements that hold no line of their own.
    // (Not a fact's line drawn anew inside it, watched at its new element: read there.)
    const lines = [box, ...Array.from(box.querySelectorAll(LINES))].filter((l) => !l.querySelector(BLOCKS) && !regionOf(watched, l)).slice(0, MAX_LOOKED);
    const found: FactShown[] = [];
    for (const line of lines) {
      if (lines.some((o) => o !== line && o.contains(line))) continue;
      const facts = factsOf(line);
      if (!facts) return;
      found.push(...facts);
    }
    out.push(...found);
  };
  const batch = Array.from(records).filter((r) => r.type !== 'attributes' && !own(r.target));
  // Elements this batch put in: what is inside one is judged with it, not alone (a parser's
  // records for a toast's lines, "Checked in" and "Patient: Ray, Bob", as the toast).
  const added = new Set<Node>(batch.flatMap((r) => Array.from(r.addedNodes).filter((n) => n.nodeType === 1)));
  const inAdded = (el: Element) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (added.has(p)) return true;
    return false;
  };
  for (const r of batch) {
    const at = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
    // (Not what a parser builds before it is put in: its box's record says it.)
    if (!at?.isConnected || regionOf(watched, at) || at.closest(CHROME) || at.closest(LISTED) || added.has(at) || inAdded(at)) continue;
    // Text changed in a line that was there: judged with the lines beside it ("<dd>" filled in
    // beside its "<dt>"), the box it is in, unless that is the page's own body.
    if (r.type === 'characterData' || Array.from(r.addedNodes).some((n) => n.nodeType === 3)) {
      const parent = at.parentElement;
      judge(at.querySelector(BLOCKS) || !parent || parent === at.ownerDocument.body || regionOf(watched, parent) ? at : parent);
    }
    // Elements put in: each judged by its own lines.
    for (const node of r.type === 'childList' ? Array.from(r.addedNodes) : []) {
      if (node.nodeType !== 1 || own(node) || !node.isConnected) continue;
      const el = node as Element;
      // (A fact's line drawn anew, watched at its new element: read there.)
      if (regionOf(watched, el)) continue;
      if (!el.matches(CHROME) && !el.querySelector(CHROME) && !el.matches(LISTED) && !el.querySelector(LISTED)) judge(el);
    }
  }
  return out;
}
