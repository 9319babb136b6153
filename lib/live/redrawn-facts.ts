// A visit fact's line that the app draws anew on each keystroke ("<p>Payer: Medicare Part B</p>"
// put back with innerHTML or a template beside a running total): the element read is gone, and
// an element saying the same label stands where it was. Found again there, the line is read in
// place, not the page whole again on every keystroke. Pure (DOM reads only).
import { factTextNow, type VisitFact } from '../extract/detect';
import { CHROME } from './fact-news';

/** Elements of an added subtree looked at for a gone line (a header component mounted whole). */
const MAX_LOOKED = 40;
/** A label longer than this is a sentence, not a label ("Payer", "Payer:", "Date of service"). */
const MAX_LABEL = 60;

/** Whether `f` is a line of text read by its label ("Payer: Aetna", "<b>Payer:</b> Aetna"): known again by that label. */
const byLabel = (f: VisitFact) => f.field.pair !== undefined || f.field.after !== undefined;
/**
 * Whether `f` is a value element read whole beside its label ("<dt>Payer</dt><dd>Aetna</dd>",
 * "Payer: <b>Aetna</b>"): known again by its place in what replaced it and the label before it.
 * (Not a control: one put in anew is the form's structure.)
 */
const byPlace = (f: VisitFact) => !byLabel(f) && f.field.text === undefined && !/^(?:input|select|textarea)$/.test(f.field.element.localName);

/** Where removed nodes were, and what now stands there. */
interface Place {
  /** The nodes taken away there, in order (text nodes too: a label may be one). */
  removed: Node[];
  /** The elements put in there, in order. */
  added: Element[];
  /** The node before the first one removed, as the record says. */
  before: Node | null;
}

const textOfNode = (n: Node) => (n.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The label just before `el` in its parent: the nearest earlier sibling with text ("Payer", "Payer:"). */
function labelBefore(el: Node, siblings?: { list: Node[]; before: Node | null }): string {
  let prev: Node | null;
  let k = siblings ? siblings.list.indexOf(el) : -1;
  const next = () => (siblings && k >= 0 ? (k > 0 ? siblings.list[--k]! : ((k = -1), siblings.before)) : prev!.previousSibling);
  prev = el;
  for (prev = next(); prev; prev = next()) {
    const t = textOfNode(prev);
    if (t) return t.length <= MAX_LABEL ? t.toLowerCase().replace(/:$/, '') : '';
  }
  return '';
}

/** The child indexes from `root` down to `el`. */
function pathOf(root: Node, el: Element): number[] {
  const path: number[] = [];
  for (let n: Element = el; n !== root; n = n.parentElement!) path.unshift(Array.prototype.indexOf.call(n.parentElement!.children, n));
  return path;
}

/**
 * The elements now standing for `facts` whose element `records` took off the page, found where
 * it was: among the elements put in by the record that took it away (innerHTML, `replaceWith`);
 * else put in right beside it (a framework's insertBefore, then removeChild); else, in a box
 * emptied (nothing left beside what was removed), what was put in that box. A line read by its
 * label is known by the same tag and label, its value readable in place (lines with the same
 * label matched in order); a value element read whole, by its place in what replaced it and the
 * same label before it. Shown, never inside a pop-up. A gone fact found nowhere is left out:
 * the page is read again for it.
 */
export function redrawnFacts(records: Iterable<MutationRecord>, facts: readonly VisitFact[], own: (node: Node) => boolean, shown: (el: Element) => boolean): Map<VisitFact, Element> {
  const found = new Map<VisitFact, Element>();
  const gone = facts.filter((f) => (byLabel(f) || byPlace(f)) && !f.field.element.isConnected);
  if (!gone.length) return found;
  const places = placesOf(records, own);
  const fits = (el: Element, was: Element) => el.localName === was.localName && !el.closest(CHROME) && shown(el);
  for (const { removed, added, before } of places) {
    const here = gone.filter((f) => !found.has(f) && removed.some((n) => n.contains(f.field.element)));
    if (!here.length || !added.length) continue;
    const candidates = added.flatMap((el) => [el, ...Array.from(el.querySelectorAll('*')).slice(0, MAX_LOOKED)]);
    const removedElements = removed.filter((n): n is Element => n.nodeType === 1);
    // Each gone element's new one (two facts may be read from one element); each taken once.
    const now = new Map<Element, Element>();
    const taken = (el: Element) => [...now.values()].includes(el);
    for (const f of here) {
      const was = f.field.element;
      if (now.has(was)) {
        found.set(f, now.get(was)!);
        continue;
      }
      if (byLabel(f)) {
        for (const el of candidates) {
          if (taken(el) || !fits(el, was)) continue;
          // Read as the fact would be, on the new element: a label element is found again by its text.
          const probe = { ...f.field, element: el };
          if (factTextNow(probe) === undefined) continue;
          now.set(was, el);
          found.set(f, el);
          if (probe.after) f.field.after = probe.after;
          break;
        }
        continue;
      }
      // By place, behind the same label.
      const el = atPlace({ removed, added, before }, was);
      const label = removedElements.includes(was) ? labelBefore(was, { list: removed, before }) : labelBefore(was);
      if (!el || taken(el) || !fits(el, was) || !label || labelBefore(el) !== label) continue;
      now.set(was, el);
      found.set(f, el);
    }
  }
  return found;
}

/**
 * Where `records` took elements off the page, and what stands there now: what the record that
 * took them away put in (innerHTML, `replaceWith`); else what was put in right beside them (a
 * framework's insertBefore, then removeChild); else, for a box emptied (nothing left beside
 * what was removed: its children taken away one by one, then put back), what was put in it.
 */
export function placesOf(records: Iterable<MutationRecord>, own: (node: Node) => boolean): Place[] {
  const batch = Array.from(records).filter((r) => r.type === 'childList' && !own(r.target) && r.target.isConnected);
  const addedBy = (r: MutationRecord) => Array.from(r.addedNodes).filter((n): n is Element => n.nodeType === 1 && n.isConnected && !own(n));
  const addedInBatch = new Set<Node>(batch.flatMap(addedBy));
  const removedInBatch = new Set<Node>(batch.flatMap((r) => Array.from(r.removedNodes)));
  const places: Place[] = [];
  const emptiedBoxes = new Set<Node>();
  for (const r of batch) {
    const removed = Array.from(r.removedNodes);
    if (!removed.some((n) => n.nodeType === 1)) continue;
    let added = addedBy(r);
    if (!added.length) {
      const was = new Set<Node>(removed);
      added = batch.filter((o) => o !== r && (was.has(o.nextSibling as Node) || was.has(o.previousSibling as Node))).flatMap(addedBy);
      for (const n of [r.previousSibling, r.nextSibling]) if (n && addedInBatch.has(n) && !added.includes(n as Element)) added.push(n as Element);
      // (Taken off, then another put in at the same spot: a toast's or a keyed list's remove, then append.)
      // (Where it stands now, not the record's siblings: happy-dom gives an append none.)
      if (!added.length) added = batch.filter((o) => o !== r && o.target === r.target).flatMap(addedBy).filter((a) => a.previousSibling === r.previousSibling && a.nextSibling === r.nextSibling);
    }
    const emptied = (n: Node | null) => !n || removedInBatch.has(n);
    // (The node before what was removed, not one put in there since: what the label is.)
    let before = r.previousSibling;
    while (before && addedInBatch.has(before)) before = before.previousSibling;
    if (added.length) places.push({ removed, added, before });
    else if (emptied(r.previousSibling) && emptied(r.nextSibling) && !emptiedBoxes.has(r.target)) {
      emptiedBoxes.add(r.target);
      const same = batch.filter((o) => o.target === r.target);
      places.push({ removed: same.flatMap((o) => Array.from(o.removedNodes)), added: same.flatMap(addedBy), before: null });
    }
  }
  return places;
}

/** The element standing where `was` stood in `place`: the same child of what was put in where its root was, with its tag. */
function atPlace(place: Place, was: Element): Element | undefined {
  const removed = place.removed.filter((n): n is Element => n.nodeType === 1);
  const k = removed.findIndex((n) => n.contains(was));
  let el: Element | undefined = place.added[k];
  if (!el) return undefined;
  for (const i of pathOf(removed[k]!, was)) el = el?.children[i];
  return el?.localName === was.localName ? el : undefined;
}

/**
 * Elements `records` took off the page (a visit's heading, its name line), each with the element
 * standing at its place now (atPlace), when `same(was, now)` says it is the same one drawn anew.
 */
export function redrawnElements(records: Iterable<MutationRecord>, gone: readonly Element[], own: (node: Node) => boolean, same: (was: Element, now: Element) => boolean): Map<Element, Element> {
  const found = new Map<Element, Element>();
  if (!gone.length) return found;
  for (const place of placesOf(records, own)) {
    for (const was of gone) {
      if (found.has(was) || !place.removed.some((n) => n.contains(was))) continue;
      const el = atPlace(place, was);
      if (el && !el.closest(CHROME) && ![...found.values()].includes(el) && same(was, el)) found.set(was, el);
    }
  }
  return found;
}
