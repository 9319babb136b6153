// Each tab's address as the browser last reported it to the worker, so a keystroke's snapshot
// does not ask the browser for its tab (one call to the browser's main thread per keystroke,
// while the user types). Forgotten whenever the tab starts loading, changes address or closes:
// the next snapshot asks again. An answer that arrives after such a change is used once, not kept.

/** What the browser says of a tab: its address (absent when the extension may not see it), or undefined for no such tab. */
export type TabLookup = (tabId: number) => Promise<{ url?: string } | undefined>;

export class TabUrls {
  readonly #known = new Map<number, { url?: string }>();
  /** Bumped on every change to a tab: an answer asked for before it is stale. */
  readonly #changes = new Map<number, number>();

  constructor(private readonly lookup: TabLookup) {}

  /** The tab as last reported (undefined when it is gone). */
  async get(tabId: number): Promise<{ url?: string } | undefined> {
    const known = this.#known.get(tabId);
    if (known) return known;
    const asked = this.#changes.get(tabId) ?? 0;
    const tab = await this.lookup(tabId).catch(() => undefined);
    if (!tab) return undefined;
    const seen = { url: tab.url };
    if ((this.#changes.get(tabId) ?? 0) === asked) this.#known.set(tabId, seen);
    return seen;
  }

  /** The tab started loading, changed address, or closed. */
  changed(tabId: number): void {
    this.#known.delete(tabId);
    this.#changes.set(tabId, (this.#changes.get(tabId) ?? 0) + 1);
  }

  /** The tab closed: nothing about it is kept. */
  removed(tabId: number): void {
    this.#known.delete(tabId);
    this.#changes.delete(tabId);
  }
}

/** A fragment that is a route, not an anchor: `#/patient/B`, `#patient/B`, `#!patient/B`, `#!/…` (an anchor has no slash). */
const ROUTE = /^#(?:!|\/|[\w.~-]+\/)/;

/**
 * A page's address, to tell pages apart: without its fragment (an anchor on the same page),
 * unless the fragment is a single-page app's route (ROUTE), which names another chart as much
 * as a path does: a visit's acknowledgements and stored visits go with its route.
 */
export const pageAddress = (url: string | undefined): string => {
  const text = url ?? '';
  const at = text.indexOf('#');
  if (at < 0) return text;
  return ROUTE.test(text.slice(at)) ? text : text.slice(0, at);
};

