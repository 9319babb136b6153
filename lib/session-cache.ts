// The background worker's view of what it keeps in storage.session, remembered between
// messages: a keystroke's snapshot reads the tab's shown visit, its list and its frames, and
// reading and validating them from storage each time costs more than checking the visit.
// The worker is the only writer of these keys (the side panel writes acknowledgements only,
// which are not kept here), so what it wrote is what storage holds; a worker that restarts
// starts empty and reads from storage again.

export interface SessionArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export class SessionCache {
  /** Parsed values by key; `undefined` kept for a key known to be absent or invalid. */
  readonly #values = new Map<string, unknown>();
  /** Keys known not to be in storage (read as absent, or removed here): removing them again is not asked of the browser. */
  readonly #absent = new Set<string>();

  /**
   * `sharedKey`: keys that other parts write too (the side panel's acknowledgements): what this
   * cache last saw of them says nothing about storage now, so their removal is always sent.
   */
  constructor(
    private readonly area: SessionArea,
    private readonly sharedKey: (key: string) => boolean = () => false,
  ) {}

  /** The value at `key` as `parse` makes it (undefined when absent or not valid), from memory when known. */
  async read<T>(key: string, parse: (raw: unknown) => T | undefined): Promise<T | undefined> {
    if (this.#values.has(key)) return this.#values.get(key) as T | undefined;
    const raw = (await this.area.get(key))[key];
    // A write made while this read was under way is newer: it stays.
    if (this.#values.has(key)) return this.#values.get(key) as T | undefined;
    const value = raw === undefined ? undefined : parse(raw);
    this.#values.set(key, value);
    if (raw === undefined) this.#absent.add(key);
    return value;
  }

  async write(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) {
      this.#values.set(key, value);
      this.#absent.delete(key);
    }
    await this.area.set(items);
  }

  /**
   * Removes `keys`; only those that may be in storage are sent to the browser (a keystroke's
   * write often names a key that was never written: each browser call costs its main thread).
   */
  async remove(keys: readonly string[]): Promise<void> {
    const present = keys.filter((key) => !this.#absent.has(key) || this.sharedKey(key));
    for (const key of keys) {
      this.#values.set(key, undefined);
      this.#absent.add(key);
    }
    if (present.length) await this.area.remove(present);
  }

  /** Every key in storage (not from memory: other parts write their own keys). */
  async keys(): Promise<string[]> {
    return Object.keys(await this.area.get(null));
  }
}
