// What a batch of DOM mutations means for the visit Unitwise has read: nothing (the page's own
// churn: totals, status text, tooltips, framework bookkeeping outside the form), new values to
// read in the rows already known, or a change of structure that needs the form found again.
// Pure (DOM reads only), so it is tested without a browser; the content script feeds it its
// MutationObserver's records.

import { TOTALS_NAME } from '../extract/detect';

export type MutationVerdict = 'ignore' | 'values' | 'detect';

export interface Watched {
  /**
   * Where the detected form lives: each row's container, each visit fact's element, each
   * free-text line. Mutations elsewhere are the page's own business unless they could add a form.
   */
  regions: readonly Element[];
}

/** Elements that are, or may hold, a visit form's fields or rows. */
const FORMISH = 'input, select, textarea, table, tr, td, [contenteditable], [role="grid"], [role="treegrid"], [role="table"], [role="row"], [role="gridcell"], [role="cell"]';

const RANK: Record<MutationVerdict, number> = { ignore: 0, values: 1, detect: 2 };

/** Form controls: where a visit's values are typed. */
const CONTROLS = 'input, select, textarea, [contenteditable]';
const CELLS = 'td, th, [role="gridcell"], [role="cell"], [role="columnheader"], [role="rowheader"]';
/** Text a visit's row shows: a CPT or HCPCS code, or a minutes or units column. */
const CODE_TEXT = /\b(?:\d{4}[0-9A-Z]|[A-Z]\d{4})\b/i;
const ROW_TEXT = new RegExp(`${CODE_TEXT.source}|\\b(?:minutes?|mins?|units?)\\b`, 'i');

/**
 * Whether a cell shows what a visit's line does: a code; or minutes or units not on a key/value
 * table's totals row ("<th>Total</th><td>24 min</td>" in a banner drawn anew per keystroke is
 * the page's own; "<td>Total</td><td>39 min</td>" under a table's lines may be a visit's).
 */
function lineCell(cell: Element): boolean {
  const text = cell.textContent ?? '';
  if (!ROW_TEXT.test(text)) return false;
  if (CODE_TEXT.test(text)) return true;
  const row = cell.closest('tr, [role="row"]');
  const cells = row ? Array.from(row.querySelectorAll(CELLS)) : [];
  const first = cells[0];
  const keyed = !!first && cells.length <= 2 && (first.localName === 'th' || first.getAttribute('role') === 'rowheader');
  return !keyed || !TOTALS_NAME.test((first.textContent ?? '').slice(0, 60));
}

/**
 * Whether an added node may be (part of) a visit form: table or grid markup that holds a
 * control, a code or a minutes or units column. A page's own widget that re-renders a small
 * table ten times a second (a session clock, a summary) is not: on the 2,000-field day sheet it
 * made Unitwise find the form again 50 times in 5 s (1.7 s of the page's main thread).
 */
export function formish(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (!el.matches(FORMISH) && !el.querySelector(FORMISH)) return false;
  if (el.matches(CONTROLS) || el.querySelector(CONTROLS)) return true;
  // Cell by cell: a table's textContent runs its cells together ("Gait training97116").
  if (el.matches(CELLS) && lineCell(el)) return true;
  for (const cell of Array.from(el.querySelectorAll(CELLS))) if (lineCell(cell)) return true;
  return false;
}

/** The watched regions from a detection: rows' parents (rows come and go there), visit facts, free-text lines. */
export function regionsOf(rows: readonly Element[], others: readonly Element[]): Element[] {
  const set = new Set<Element>();
  for (const row of rows) set.add(row.parentElement ?? row);
  for (const el of others) set.add(el);
  // A region inside another adds nothing. (Each one's ancestors asked, not every pair: a
  // 20,000-field day sheet has some 300 regions, 90,000 pairs.)
  const inside = (r: Element) => {
    for (let p = r.parentElement; p; p = p.parentElement) if (set.has(p)) return true;
    return false;
  };
  return [...set].filter((r) => !inside(r));
}

/** What a batch of mutations means, and where: the regions whose rows changed shape. */
export interface MutationReport {
  verdict: MutationVerdict;
  /**
   * With 'detect': the watched regions in which rows were added, removed or re-rendered, when
   * that is all that happened (their rows can be found again alone); null when the change
   * reaches outside them (a form appearing, a region gone): the whole page is read again.
   */
  regions: Set<Element> | null;
}

const regionSets = new WeakMap<readonly Element[], Set<Node>>();

/**
 * The watched region that holds `node` (or is it), if any: one walk up from the node, not a
 * `contains` per region (a mutation batch is handled in the keystroke's frame; on a 20-visit
 * page that was some 40 calls a record). Regions never nest (`regionsOf`).
 */
export function regionOf(watched: Watched, node: Node): Element | undefined {
  let set = regionSets.get(watched.regions);
  if (!set) regionSets.set(watched.regions, (set = new Set(watched.regions)));
  for (let n: Node | null = node; n; n = n.parentNode) if (set.has(n)) return n as Element;
  return undefined;
}

/**
 * The strongest verdict for `records`, and where rows changed. `own` says whether a node is
 * Unitwise's (its overlay): those mutations are ignored.
 */
export function reportMutations(records: Iterable<MutationRecord>, watched: Watched, own: (node: Node) => boolean = () => false): MutationReport {
  if (watched.regions.some((r) => !r.isConnected)) return { verdict: 'detect', regions: null };
  let verdict = 'ignore' as MutationVerdict;
  const regions = new Set<Element>();
  const raise = (v: MutationVerdict) => {
    if (RANK[v] > RANK[verdict]) verdict = v;
  };
  for (const r of records) {
    if (own(r.target)) continue;
    if (r.type === 'childList') {
      const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)].filter((n) => !own(n));
      if (!nodes.length) continue;
      const region = regionOf(watched, r.target);
      if (region) {
        // Text replaced inside a cell is a new value; elements added or removed are rows (or
        // parts of rows) re-rendered, added or deleted.
        if (nodes.some((n) => n.nodeType === 1)) {
          raise('detect');
          regions.add(region);
        } else raise('values');
      } else if (Array.from(r.addedNodes).some((n) => !own(n) && formish(n)) || Array.from(r.removedNodes).some((n) => watched.regions.some((g) => n.contains(g)))) {
        // Outside the form: only what could be (part of) a form, or takes the form away, counts.
        return { verdict: 'detect', regions: null };
      }
    } else if (regionOf(watched, r.target)) {
      // A cell's text or an attribute (a value set by a framework, a row marked dirty).
      raise('values');
    }
  }
  return { verdict, regions: verdict === 'detect' ? regions : null };
}

/** A column's header cell, as fields.ts finds one (a `th`, a header row in `thead`, an ARIA column header). */
const HEADER_CELL = 'th, thead, [role="columnheader"]';
/** What a table's columns are made of: a cell, a row, a box. */
const COLUMN_PARTS = `${CELLS}, tr, [role="row"], ${CONTROLS}`;

/**
 * The tables of `setAside` (a day's columns of theirs not read, detect.ts Page.setAside) that
 * `records` may have read otherwise now: a header's text changed ("11/02/2026 Total" renamed to
 * a session), or a cell, row or box put in or taken out (the total's column removed). Null when
 * one is gone from the page. Not a body cell's text or an attribute (the day's total the page
 * writes as the user types): columns are set aside by their headers and boxes, not their values.
 */
export function setAsideTouched(records: Iterable<MutationRecord>, setAside: ReadonlyMap<Element, unknown>, own: (node: Node) => boolean): Set<Element> | null {
  for (const t of setAside.keys()) if (!t.isConnected) return null;
  const touched = new Set<Element>();
  for (const r of records) {
    if (r.type === 'attributes' || own(r.target)) continue;
    const el = r.target.nodeType === 1 ? (r.target as Element) : r.target.parentElement;
    // (One walk up from the node, as regionOf: set-aside tables are few, records many; what was
    // put in or taken out is looked into only inside one.)
    let table: Element | null = el;
    while (table && !setAside.has(table)) table = table.parentElement;
    if (!table || touched.has(table)) continue;
    const parts = r.type === 'childList' && [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)].some((n) => n.nodeType === 1 && !own(n) && ((n as Element).matches(COLUMN_PARTS) || !!(n as Element).querySelector(COLUMN_PARTS)));
    if (parts || el!.closest(HEADER_CELL)) touched.add(table);
  }
  return touched;
}
