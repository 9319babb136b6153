/**
 * Shadow roots that come after the page was read. The document's observer sees nothing inside
 * a shadow tree, and nothing of a shadow root being attached:
 * - a component put in later (a visit opened in a single-page app) has its root when it is put
 *   in, often still empty (its framework draws in a later microtask): it is watched from then on,
 *   and read at once if it holds a form already (in its own tree or a component's inside it);
 * - a component whose script loads after the page (a lazily loaded bundle) is upgraded with no
 *   mutation at all: the undefined custom elements the read passed (`Detection.waiting`, one per
 *   name: a definition upgrades every element of its name) are looked at again on the content
 *   script's clock;
 * - a micro-frontend whose bundle loads late attaches its root to a mount point the page holds
 *   empty (`<div id="billing-app"></div>`), again with no mutation: the empty elements with an
 *   id where the read looked (at most MAX_MOUNTS) are looked at again on the same clock.
 */
import { MAX_WAITING, MAYBE_HOST, isShadowRoot, mayHostShadow, queryDeep, undefinedComponent, type Root, type ShadowOf } from '../extract/detect';
import { formish } from './mutations';

/**
 * Elements that are not custom elements (a `<div>` a micro-frontend attached its root to) asked
 * for a shadow root in one batch of mutations: a page that redraws a long list outside the form
 * per keystroke does not have each of its boxes asked per keystroke. Custom elements are always
 * asked, among the first MAX_LOOKED elements put in.
 */
const MAX_ASKED = 1000;
const MAX_LOOKED = 50_000;
/** Clock ticks a component defined with no shadow root yet is still looked at (one that attaches it when its data comes). */
const DEFINED_TICKS = 10;
/** Empty elements with an id looked at on the clock, at most: a micro-frontend's mount points. */
export const MAX_MOUNTS = 50;
/**
 * A micro-frontend's mount point: an element that may host a shadow root, with an id, and empty
 * (a shadow tree is no child). Blocks first: empty spans with an id are mostly icons and spacers.
 * One query per tag: a list of selectors is matched against every element (10 ms on a page of
 * 56,000 elements in Chromium 156, against about 1 ms for each of these).
 */
const MOUNTS = ['div', 'main', 'section', 'span'].map((t) => `${t}[id]:empty`);

/** Whether a shadow tree holds a form's markup now (mutations.ts `formish`, for each of its top elements). */
function holdsForm(root: ShadowRoot): boolean {
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) if (formish(el)) return true;
  return false;
}

const NONE_TAKEN: { roots: readonly ShadowRoot[]; drawn: boolean } = { roots: [], drawn: false };

export class LateRoots {
  /** Roots known: the last read's, and those found since. */
  #known = new WeakSet<ShadowRoot>();
  /** Roots found since the last read, for the content script to watch (taken once), and whether each held a form then. */
  #fresh: { root: ShadowRoot; form: boolean }[] = [];
  /** Undefined custom elements, one per name, and the ticks since each was defined with no shadow root. */
  #waiting = new Map<string, { el: Element; defined: number }>();
  /** The last read's document and roots: where another element of a name is looked for when the one kept is gone. */
  #scopes: readonly Root[] = [];
  /** Empty elements with an id and no shadow root (MOUNT), looked for at the first tick after a read; undefined until then. */
  #mounts: Element[] | undefined;

  constructor(private readonly shadowOf: () => ShadowOf) {}

  /** After a read: the roots it looked into, and the undefined components it passed. */
  read(scopes: readonly Root[], waiting: readonly Element[]): void {
    for (const s of scopes) if (isShadowRoot(s)) this.#known.add(s);
    this.#scopes = scopes;
    this.#waiting = new Map(waiting.map((el) => [el.localName, { el, defined: 0 }]));
    this.#mounts = undefined;
  }

  /**
   * The shadow roots `records` put in (on the elements put in, inside them, and inside the roots
   * found) that no read looked into: kept for the content script to watch. True when one holds
   * a form's markup already (the page is read whole). An undefined component put in is kept
   * to look at again.
   */
  added(records: readonly MutationRecord[], own: (node: Node) => boolean): boolean {
    const shadowOf = this.shadowOf();
    let form = false;
    let asked = 0;
    let looked = 0;
    const seen = new Set<Element>();
    const ask = (host: Element) => {
      if (seen.has(host) || !mayHostShadow(host)) return;
      if (!host.localName.includes('-') && ++asked > MAX_ASKED) return;
      seen.add(host);
      const root = shadowOf(host);
      if (!root) {
        const name = host.localName;
        const was = this.#waiting.get(name);
        if ((was ? !was.el.isConnected : this.#waiting.size < MAX_WAITING) && undefinedComponent(host)) this.#waiting.set(name, { el: host, defined: 0 });
        return;
      }
      if (this.#known.has(root)) return;
      this.#known.add(root);
      const holds = holdsForm(root);
      this.#fresh.push({ root, form: holds });
      form ||= holds;
      // (A component's tree may hold the component with the form: a card around a grid.)
      scan(root);
    };
    const scan = (under: Element | ShadowRoot) => {
      if (!under.firstElementChild) return;
      const hosts = under.querySelectorAll(MAYBE_HOST);
      for (let k = 0, n = hosts.length; k < n && looked < MAX_LOOKED; k++, looked++) ask(hosts[k]!);
    };
    for (const r of records) {
      if (r.type !== 'childList') continue;
      for (const n of Array.from(r.addedNodes)) {
        if (looked >= MAX_LOOKED) return form;
        if (n.nodeType !== 1 || own(n) || seen.has(n as Element)) continue;
        looked++;
        ask(n as Element);
        scan(n as Element);
      }
    }
    return form;
  }

  /**
   * The roots found since last asked, to watch; and whether one of them, empty when found, holds
   * a form now (drawn before it could be watched, while a read in steps held the page's news).
   */
  take(): { roots: readonly ShadowRoot[]; drawn: boolean } {
    // (Asked after every batch of mutations, keystrokes' too: most find none.)
    if (!this.#fresh.length) return NONE_TAKEN;
    const fresh = this.#fresh;
    this.#fresh = [];
    return { roots: fresh.map((f) => f.root), drawn: fresh.some((f) => !f.form && holdsForm(f.root)) };
  }

  /**
   * Whether a mount point has a shadow root now. Looked for once after a read (on the clock, not
   * in the read); one that got children (drawn in the page's own tree, which the observer sees),
   * left the page or got its root is not asked again.
   */
  #mounted(shadowOf: ShadowOf): boolean {
    if (!this.#mounts) {
      const scopes = this.#scopes.filter((s) => s.isConnected);
      const mounts: Element[] = [];
      try {
        for (const selector of MOUNTS) {
          for (const el of queryDeep(scopes, selector, MAX_MOUNTS * 2)) if (mounts.length < MAX_MOUNTS && !shadowOf(el)) mounts.push(el);
        }
      } catch {
        // (A DOM without :empty: none looked at.)
      }
      this.#mounts = mounts;
    }
    if (!this.#mounts.length) return false;
    let found = false;
    this.#mounts = this.#mounts.filter((el) => {
      if (!el.isConnected || el.firstChild) return false;
      const root = shadowOf(el);
      if (!root) return true;
      if (!this.#known.has(root)) found = true;
      return false;
    });
    return found;
  }

  /** An element named `name` where the last read looked. */
  #another(name: string): Element | undefined {
    try {
      return queryDeep(this.#scopes.filter((s) => s.isConnected), name, 1)[0];
    } catch {
      return undefined; // (a name no selector can say: "x-a.b")
    }
  }

  /**
   * Whether a component that was waiting for its definition has a shadow root now (the page is
   * read whole then: its form may be in it). One gone from the page, or defined for a while with
   * none (a component that draws in the page's own tree, which the observer sees), is not asked again.
   */
  upgraded(): boolean {
    const shadowOf = this.shadowOf();
    let found = this.#mounted(shadowOf);
    if (!this.#waiting.size) return found;
    for (const [name, w] of this.#waiting) {
      // (The one kept taken out, a dialog closed: another of its name, if the page has one.)
      if (!w.el.isConnected) w.el = this.#another(name) ?? w.el;
      const root = w.el.isConnected ? shadowOf(w.el) : null;
      if (root && !this.#known.has(root)) found = true;
      if (root || !w.el.isConnected || (!undefinedComponent(w.el) && ++w.defined > DEFINED_TICKS)) this.#waiting.delete(name);
    }
    return found;
  }
}
