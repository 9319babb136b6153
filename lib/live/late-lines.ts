/**
 * A note's lines put on the page after it was read (a single-page app fetching the note's text
 * after drawing its form, into an empty box): outside every watched region, so no region's read
 * would take them. They make the page be read whole once; a read that does not take them (a
 * toast echoing what was typed, a status line, an autocomplete list) makes that kind of element
 * in that box quiet, so a page that puts one in on every keystroke is not read whole on every
 * keystroke.
 */
import { CHROME } from './fact-news';
import { regionOf, type Watched } from './mutations';

/** Elements looked at in one subtree put in (a note is a few paragraphs; a bigger tree is a page part a read finds anyway). */
const MAX_LOOKED = 40;

/** What kind of element was put in: its tag, class and role (a toast's `div.toast`, a list's `ul.ac`), not its text, which changes. */
const shapeOf = (el: Element) => `${el.localName}.${el.getAttribute('class') ?? ''}[${el.getAttribute('role') ?? ''}]`;

export interface LateLineTests {
  /** Whether `el` is a block a note's lines are read from, and has any line. */
  hasLine(el: Element): boolean;
  /** Whether `el` is a note block the session reads already. */
  known(el: Element): boolean;
}

export class LateLines {
  /** The kinds of element put in a box whose lines a read did not take: not news there again. */
  readonly #quiet = new WeakMap<Node, Set<string>>();
  /** What made the page be read whole, until that read says whether it took them. */
  #told: { box: Node; shape: string; el: Element }[] = [];

  /** Whether `records` put a note's line outside what was read, of a kind not made quiet: the page is to be read whole. */
  news(records: readonly MutationRecord[], watched: Watched, own: (node: Node) => boolean, tests: LateLineTests): boolean {
    for (const r of records) {
      if (r.type !== 'childList' || !r.addedNodes.length || own(r.target) || regionOf(watched, r.target)) continue;
      const box = r.target;
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType !== 1 || own(n)) continue;
        const el = n as Element;
        const shape = shapeOf(el);
        if (this.#quiet.get(box)?.has(shape) || el.closest(CHROME)) continue;
        const looked = [el, ...Array.from(el.querySelectorAll('*')).slice(0, MAX_LOOKED)];
        if (!looked.some((b) => !tests.known(b) && tests.hasLine(b))) continue;
        this.#told.push({ box, shape, el });
        return true;
      }
    }
    return false;
  }

  /** A read of the page is done: what it took no line from is quiet from now on. */
  read(taken: (el: Element) => boolean): void {
    for (const { box, shape, el } of this.#told) {
      if (taken(el)) continue;
      let shapes = this.#quiet.get(box);
      if (!shapes) this.#quiet.set(box, (shapes = new Set()));
      shapes.add(shape);
    }
    this.#told = [];
  }
}
