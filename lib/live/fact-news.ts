// A patient's name or a date of service a page shows after it was read, outside what Unitwise
// watches: a chart's banner mounted or filled in after its form (its data from a second request),
// or the next chart's. Pure (DOM reads only); the page session asks whether its facts know them.
import { pairsIn, roleOfLabel } from '../extract/detect';
import { clean } from '../extract/visit-names';
import { regionOf, type Watched } from './mutations';

export type FactKey = 'patient' | 'dateOfService';
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

const keyOf = (label: string): FactKey | undefined => {
  const role = roleOfLabel(label.trim().replace(/:$/, ''));
  return role === 'patient' || role === 'dateOfService' ? role : undefined;
};

/** The facts one element's own line shows: "Patient: Ann Lee", or a value beside its label ("<dt>Patient</dt><dd>Ann Lee</dd>"). */
function factsOf(el: Element, out: FactShown[]): void {
  // (A box of lines runs their texts together, "Patient: Ann LeeDOS: …": its lines are looked at.)
  if (el.querySelector(BLOCKS)) return;
  const text = clean(el.textContent);
  if (!text || text.length > MAX_LINE) return;
  for (const { label, value } of pairsIn(text)) {
    const key = keyOf(label);
    if (key) out.push({ key, value });
  }
  if (text.includes(':')) return;
  const label = el.previousElementSibling;
  const labelText = label && label.childElementCount === 0 ? clean(label.textContent) : '';
  const key = labelText && labelText.length <= 40 ? keyOf(labelText) : undefined;
  if (key) out.push({ key, value: text });
}

/**
 * The patient and date-of-service facts that `records` put on the page outside the watched
 * regions (those inside are read again there). Text added or changed is looked at in its
 * element; elements added, in their lines (the first MAX_LOOKED).
 */
export function factsShown(records: Iterable<MutationRecord>, watched: Watched, own: (node: Node) => boolean): FactShown[] {
  const out: FactShown[] = [];
  const seen = new Set<Element>();
  const look = (el: Element | null) => {
    if (!el || seen.has(el)) return;
    seen.add(el);
    factsOf(el, out);
  };
  for (const r of records) {
    if (r.type === 'attributes' || own(r.target)) continue;
    const at = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
    if (!at || regionOf(watched, at) || at.closest(CHROME)) continue;
    if (r.type === 'characterData') {
      look(at);
      continue;
    }
    for (const node of Array.from(r.addedNodes)) {
      if (node.nodeType === 3) look(at);
      else if (node.nodeType === 1 && !own(node)) {
        const el = node as Element;
        if (el.matches(CHROME) || el.querySelector(CHROME)) continue;
        look(el);
        let n = 0;
        for (const line of Array.from(el.querySelectorAll(LINES))) {
          if (++n > MAX_LOOKED) break;
          look(line);
        }
      }
    }
  }
  return out;
}
