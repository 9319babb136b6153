/**
 * A note's lines put on the page after it was read (a single-page app fetching the note's text
 * after drawing its form, into an empty box): outside every watched region, so no region's read
 * would take them. They make the page be read whole once; a read that does not take them (a
 * side bar's summary) makes that kind of element in that box quiet, so a page that puts one in
 * on every keystroke is not read whole on every keystroke. (Lines put in beside a note's blocks
 * the session follows already, a toast stack's, are added to that note: PageSession.#grownNote.)
 */
import { isTextBlock, mayHoldLine } from '../extract/detect';
import { CHROME } from './fact-news';
import { regionOf, type Watched } from './mutations';

/** Elements looked at in one subtree put in whose text names a duration. */
const MAX_LOOKED = 200;
/** How far up from a changed text its text block is looked for ("<p>… <span><b><a><em>24</em></a></b></span> min</p>"). */
const BLOCK_UP = 8;

/** What kind of element was put in: its tag, class and role (a toast's `div.toast`, a list's `ul.ac`), not its text, which changes. */
const shapeOf = (el: Element) => `${el.localName}.${el.getAttribute('class') ?? ''}[${el.getAttribute('role') ?? ''}]`;

export interface LateLineTests {
  /** Whether `el` is a block a note's lines are read from, and has any line. */
  hasLine(el: Element): boolean;
  /** Whether `el` is a note block the session reads already. */
  known(el: Element): boolean;
}

/** Where `records` put text outside what was read: an element put in (its subtree looked at), or one whose text was set or changed (itself). */
export interface TextPut {
  el: Element;
  /** Whether `el` was put in whole (its subtree is looked at), not only its text changed. */
  whole: boolean;
}

/**
 * The places `records` put text in outside what was read: each element put in, and the element
 * whose text was set or changed (`textContent = …` on an empty box, a text node a framework
 * binds, updated in place).
 */
export function* textPutIn(records: readonly MutationRecord[], watched: Watched, own: (node: Node) => boolean): Generator<TextPut> {
  for (const r of records) {
    if (r.type === 'attributes' || own(r.target)) continue;
    const at = r.type === 'characterData' ? r.target.parentElement : r.target;
    if (!at || at.nodeType !== 1 || regionOf(watched, at)) continue;
    if (r.type === 'characterData') {
      yield { el: at as Element, whole: false };
      continue;
    }
    let text = false;
    for (const n of Array.from(r.addedNodes)) {
      if (n.nodeType === 1) {
        if (!own(n)) yield { el: n as Element, whole: true };
      } else if (n.nodeType === 3) text = true;
    }
    if (text) yield { el: at as Element, whole: false };
  }
}

/**
 * Whether `el` is a menu's, a listbox's, a tooltip's or a dialog's own: one put in whole (`put`,
 * default `el` itself), or inside one. Not what is put in a dialog that stood before (a note
 * edited in a modal): that is read as a read of the page reads it.
 */
export function inChrome(el: Element, put: readonly Element[] = [el]): boolean {
  const c = el.closest(CHROME);
  return !!c && put.some((p) => p.contains(c));
}

/**
 * The elements that may hold a line where text was put: in an element put in, itself and its
 * subtree (none when its text names no duration); where only text changed, the text block it is
 * in (a span's text is its paragraph's line).
 */
export function lineCandidates({ el, whole }: TextPut): Element[] {
  if (!whole) {
    // (The text block it is in, a few levels up at most: "Therapeutic exercise <span>24</span> min".
    // A box holding blocks is none, and says so at its first nested block: a big box costs little.)
    let n: Element | null = el;
    for (let up = 0; n && up < BLOCK_UP && !isTextBlock(n); up++) n = n.parentElement;
    return n && isTextBlock(n) && mayHoldLine(n.textContent ?? '') ? [n] : [];
  }
  if (!mayHoldLine(el.textContent ?? '')) return [];
  const out = [el];
  const walk = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT);
  for (let n = walk.nextNode(); n && out.length < MAX_LOOKED; n = walk.nextNode()) out.push(n as Element);
  return out;
}

export class LateLines {
  /** The kinds of element put in a box whose lines a read did not take: not news there again. */
  readonly #quiet = new WeakMap<Node, Set<string>>();
  /** What made the page be read whole, until that read says whether it took them. */
  #told: { box: Node; shape: string; el: Element }[] = [];

  /** Whether `records` put a note's line outside what was read, of a kind not made quiet: the page is to be read whole. */
  news(records: readonly MutationRecord[], watched: Watched, own: (node: Node) => boolean, tests: LateLineTests): boolean {
    for (const put of textPutIn(records, watched, own)) {
      const { el } = put;
      const box = el.parentNode;
      if (!box || !el.isConnected) continue;
      const shape = shapeOf(el);
      if (this.#quiet.get(box)?.has(shape) || inChrome(el)) continue;
      if (!lineCandidates(put).some((b) => !tests.known(b) && tests.hasLine(b))) continue;
      this.#told.push({ box, shape, el });
      return true;
    }
    return false;
  }

  /**
   * A read of the page is done: what it took no line from is quiet from now on. (Not what is
   * gone by then, an optimistic render the server's replaced: the read said nothing of it.)
   */
  read(taken: (el: Element) => boolean): void {
    for (const { box, shape, el } of this.#told) {
      if (!el.isConnected || taken(el)) continue;
      let shapes = this.#quiet.get(box);
      if (!shapes) this.#quiet.set(box, (shapes = new Set()));
      shapes.add(shape);
    }
    this.#told = [];
  }
}
