/**
 * Shadow roots that come after the page was read. The document's observer sees nothing inside
 * a shadow tree, and nothing of a shadow root being attached:
 * - a component put in later (a visit opened in a single-page app) has its root when it is put
 *   in, often still empty (its framework draws in a later microtask): it is watched from then on,
 *   and read at once if it holds a form already;
 * - a component whose script loads after the page (a lazily loaded bundle) is upgraded with no
 *   mutation at all: the undefined custom elements the read passed (`Detection.waiting`) are
 *   looked at again on the content script's clock.
 */
import { MAX_WAITING, MAYBE_HOST, mayHostShadow, undefinedComponent, type Root, type ShadowOf } from '../extract/detect';
import { formish } from './mutations';

/** Elements of one subtree put in that are asked for a shadow root: a batch that puts in more is a page drawn anew, which is read whole anyway. */
const MAX_ASKED = 2000;

const isShadowRoot = (n: Root): n is ShadowRoot => n.nodeType === 11 && 'host' in n;

/** Whether a shadow tree holds a form's markup now (mutations.ts `formish`, for each of its top elements). */
function holdsForm(root: ShadowRoot): boolean {
  for (let el = root.firstElementChild; el; el = el.nextElementSibling) if (formish(el)) return true;
  return false;
}

export class LateRoots {
  /** Roots known: the last read's, and those found since. */
  #known = new WeakSet<ShadowRoot>();
  /** Roots found since the last read, for the content script to watch (taken once). */
  #fresh: ShadowRoot[] = [];
  /** Undefined custom elements: each may get a shadow root when its definition loads. */
  #waiting: Element[] = [];

  constructor(private readonly shadowOf: () => ShadowOf) {}

  /** After a read: the roots it looked into, and the undefined components it passed. */
  read(scopes: readonly Root[], waiting: readonly Element[]): void {
    for (const s of scopes) if (isShadowRoot(s)) this.#known.add(s);
    this.#waiting = [...waiting];
  }

  /**
   * The shadow roots `records` put in (on the elements put in, or inside them) that no read
   * looked into: kept for the content script to watch. True when one holds a form's markup
   * already (the page is read whole). An undefined component put in is kept to look at again.
   */
  added(records: readonly MutationRecord[], own: (node: Node) => boolean): boolean {
    const shadowOf = this.shadowOf();
    let form = false;
    for (const r of records) {
      if (r.type !== 'childList') continue;
      for (const n of Array.from(r.addedNodes)) {
        if (n.nodeType !== 1 || own(n)) continue;
        const el = n as Element;
        const ask = (host: Element) => {
          if (!mayHostShadow(host)) return;
          const root = shadowOf(host);
          if (!root) {
            if (this.#waiting.length < MAX_WAITING && undefinedComponent(host)) this.#waiting.push(host);
            return;
          }
          if (this.#known.has(root)) return;
          this.#known.add(root);
          this.#fresh.push(root);
          if (holdsForm(root)) form = true;
        };
        ask(el);
        // (An element with no element inside has nothing more to ask: most text a page puts in.)
        if (!el.firstElementChild) continue;
        const hosts = el.querySelectorAll(MAYBE_HOST);
        for (let k = 0, m = Math.min(hosts.length, MAX_ASKED); k < m; k++) ask(hosts[k]!);
      }
    }
    return form;
  }

  /** The roots found since last asked, to watch. */
  take(): ShadowRoot[] {
    const fresh = this.#fresh;
    this.#fresh = [];
    return fresh;
  }

  /**
   * Whether a component that was waiting for its definition has a shadow root now (the page is
   * read whole then: its form may be in it). One gone from the page, or defined with none (a
   * component that draws in the page's own tree, which the observer sees), is not asked again.
   */
  upgraded(): boolean {
    if (!this.#waiting.length) return false;
    const shadowOf = this.shadowOf();
    let found = false;
    this.#waiting = this.#waiting.filter((el) => {
      if (!el.isConnected) return false;
      const root = shadowOf(el);
      if (root) {
        if (!this.#known.has(root)) found = true;
        return false;
      }
      return undefinedComponent(el);
    });
    return found;
  }
}
