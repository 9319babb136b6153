// A visit fact's line that the app draws anew on each keystroke ("<p>Payer: Medicare Part B</p>"
// put back with innerHTML or a template beside a running total): the element read is gone, and
// an element saying the same label stands where it was. Found again by that label, the line is
// read in place, not the page whole again on every keystroke. Pure (DOM reads only).
import { factTextNow, type VisitFact } from '../extract/detect';
import { CHROME } from './fact-news';

/** Elements of an added subtree looked at for a gone line (a header component mounted whole). */
const MAX_LOOKED = 40;

/** Whether `f` is a line of text read by its label, so one drawn anew can be known by it. */
const byLabel = (f: VisitFact) => f.field.pair !== undefined || f.field.after !== undefined;

/**
 * The elements now standing for `facts` whose element `records` took off the page, each found by
 * its label among the elements the same records put back in the same box: the same tag, the same
 * label, its value readable in place. Lines with the same label are matched in order. A gone
 * fact found nowhere is left out: the page is read again for it, as before.
 */
export function redrawnFacts(records: Iterable<MutationRecord>, facts: readonly VisitFact[], own: (node: Node) => boolean): Map<VisitFact, Element> {
  const found = new Map<VisitFact, Element>();
  const gone = facts.filter((f) => byLabel(f) && !f.field.element.isConnected);
  if (!gone.length) return found;
  // Per box (a record's target), what was taken off it and what was put in.
  const boxes = new Map<Node, { removed: Node[]; added: Element[] }>();
  for (const r of records) {
    if (r.type !== 'childList' || own(r.target) || !r.target.isConnected) continue;
    const box = boxes.get(r.target) ?? { removed: [], added: [] };
    for (const n of Array.from(r.removedNodes)) if (n.nodeType === 1) box.removed.push(n);
    for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1 && n.isConnected && !own(n)) box.added.push(n as Element);
    boxes.set(r.target, box);
  }
  for (const { removed, added } of boxes.values()) {
    const here = gone.filter((f) => !found.has(f) && removed.some((n) => n.contains(f.field.element)));
    if (!here.length || !added.length) continue;
    const candidates = added.flatMap((el) => [el, ...Array.from(el.querySelectorAll('*')).slice(0, MAX_LOOKED)]);
    // Each gone element's new one (two facts may be read from one line); each taken once.
    const now = new Map<Element, Element>();
    for (const f of here) {
      const was = f.field.element;
      for (const el of now.has(was) ? [now.get(was)!] : candidates) {
        if ((!now.has(was) && [...now.values()].includes(el)) || el.localName !== was.localName || el.closest(CHROME)) continue;
        // Read as the fact would be, on the new element: a label element is found again by its text.
        const probe = { ...f.field, element: el };
        if (factTextNow(probe) === undefined) continue;
        now.set(was, el);
        found.set(f, el);
        if (probe.after) f.field.after = probe.after;
        break;
      }
    }
  }
  return found;
}
