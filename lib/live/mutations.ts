// What a batch of DOM mutations means for the visit Unitwise has read: nothing (the page's own
// churn: totals, status text, tooltips, framework bookkeeping outside the form), new values to
// read in the rows already known, or a change of structure that needs the form found again.
// Pure (DOM reads only), so it is tested without a browser; the content script feeds it its
// MutationObserver's records.

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

function formish(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return el.matches(FORMISH) || !!el.querySelector(FORMISH);
}

/** The watched regions from a detection: rows' parents (rows come and go there), visit facts, free-text lines. */
export function regionsOf(rows: readonly Element[], others: readonly Element[]): Element[] {
  const set = new Set<Element>();
  for (const row of rows) set.add(row.parentElement ?? row);
  for (const el of others) set.add(el);
  // A region inside another adds nothing.
  return [...set].filter((r) => ![...set].some((o) => o !== r && o.contains(r)));
}

/**
 * The strongest verdict for `records`. `own` says whether a node is Unitwise's (its overlay):
 * those mutations are ignored.
 */
export function classifyMutations(records: Iterable<MutationRecord>, watched: Watched, own: (node: Node) => boolean = () => false): MutationVerdict {
  if (watched.regions.some((r) => !r.isConnected)) return 'detect';
  const inside = (node: Node) => watched.regions.some((r) => r === node || r.contains(node));
  let verdict = 'ignore' as MutationVerdict;
  const raise = (v: MutationVerdict) => {
    if (RANK[v] > RANK[verdict]) verdict = v;
  };
  for (const r of records) {
    if (own(r.target)) continue;
    if (r.type === 'childList') {
      const nodes = [...Array.from(r.addedNodes), ...Array.from(r.removedNodes)].filter((n) => !own(n));
      if (!nodes.length) continue;
      if (inside(r.target)) {
        // Text replaced inside a cell is a new value; elements added or removed are rows (or
        // parts of rows) re-rendered, added or deleted.
        raise(nodes.some((n) => n.nodeType === 1) ? 'detect' : 'values');
      } else if (Array.from(r.addedNodes).some((n) => !own(n) && formish(n)) || Array.from(r.removedNodes).some((n) => watched.regions.some((g) => n.contains(g)))) {
        // Outside the form: only what could be (part of) a form, or takes the form away, counts.
        raise('detect');
      }
    } else if (inside(r.target)) {
      // A cell's text or an attribute (a value set by a framework, a row marked dirty).
      raise('values');
    }
    if (verdict === 'detect') break;
  }
  return verdict;
}
