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
 *   id where the read looked, and those put in since (at most MAX_MOUNTS), are looked at again
 *   on the same clock.
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
 * The tags of a micro-frontend's mount point, blocks first (empty spans with an id are mostly
 * icons and spacers). One query per tag: a list of selectors is matched against every element
 * (10 ms on a page of 56,000 elements in Chromium 156, against about 1 ms for each alone).
 */
const MOUNT_TAGS = ['div', 'main', 'section', 'span'];
const MOUNTS = MOUNT_TAGS.map((t) => `${t}[id]`);

/** The text a mount point may show until its app comes ("Loading…", "Please wait"), at most. */
const MAX_MOUNT_TEXT = 40;

/**
 * A mount point: one of MOUNT_TAGS with an id, holding no element (a shadow tree is no child):
 * empty (white space or a framework's comment anchor at most), or with `texts` a short text
 * ("Loading…", which the app may clear before it attaches its root, with no mutation of note).
 */
function mountPoint(el: Element, texts: boolean): boolean {
  if (el.id === '' || !MOUNT_TAGS.includes(el.localName) || el.firstElementChild) return false;
  const text = (el.textContent ?? '').trim();
  return text === '' || (texts && text.length <= MAX_MOUNT_TEXT);
}

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
  /** Mount points (mountPoint) with no shadow root the reads know: put in since the read, and those of its scopes, looked for at the first tick after it. */
  #mounts: Element[] = [];
  #mountsLooked = false;

  constructor(private readonly shadowOf: () => ShadowOf) {}

  /** After a read: the roots it looked into, and the undefined components it passed. */
  read(scopes: readonly Root[], waiting: readonly Element[]): void {
    for (const s of scopes) if (isShadowRoot(s)) this.#known.add(s);
    this.#scopes = scopes;
    this.#waiting = new Map(waiting.map((el) => [el.localName, { el, defined: 0 }]));
    this.#mounts = [];
    this.#mountsLooked = false;
  }

  /** Keeps `el` to ask on the clock (room allowing), when it is a mount point (`texts`: a "Loading…" one too) whose root no read knows. */
  #mount(el: Element, shadowOf: ShadowOf, texts = true): void {
    if (this.#mounts.length >= MAX_MOUNTS || !mountPoint(el, texts) || this.#mounts.includes(el)) return;
    const root = shadowOf(el);
    if (!root || !this.#known.has(root)) this.#mounts.push(el);
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
        // (A mount point put in, a route's: its micro-frontend may attach its root later.)
        this.#mount(host, shadowOf);
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
   * Whether a mount point has a shadow root no read knows now. Those of the read's scopes are
   * looked for once, at the first tick after it (on the clock, not in the read): the empty ones
   * first, then those showing a short text. One that left the page, was drawn into (an element
   * in it: the page's own tree, which the observer sees), or whose root was found is not asked
   * again; one the page wrote a "Loading…" in is (the app may clear it, then attach its root).
   */
  #mounted(shadowOf: ShadowOf): boolean {
    if (!this.#mountsLooked) {
      this.#mountsLooked = true;
      for (const texts of [false, true]) {
        for (const scope of this.#scopes) {
          if (!scope.isConnected) continue;
          for (const selector of MOUNTS) {
            const all = scope.querySelectorAll(selector);
            for (let k = 0, n = all.length; k < n && this.#mounts.length < MAX_MOUNTS; k++) this.#mount(all[k]!, shadowOf, texts);
          }
        }
      }
    }
    if (!this.#mounts.length) return false;
    let found = false;
    this.#mounts = this.#mounts.filter((el) => {
      if (!el.isConnected || el.firstElementChild) return false;
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
