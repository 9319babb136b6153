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

  constructor(private readonly area: SessionArea) {}

  /** The value at `key` as `parse` makes it (undefined when absent or not valid), from memory when known. */
  async read<T>(key: string, parse: (raw: unknown) => T | undefined): Promise<T | undefined> {
    if (this.#values.has(key)) return this.#values.get(key) as T | undefined;
    const raw = (await this.area.get(key))[key];
    // A write made while this read was under way is newer: it stays.
    if (this.#values.has(key)) return this.#values.get(key) as T | undefined;
    const value = raw === undefined ? undefined : parse(raw);
    this.#values.set(key, value);
    return value;
  }

  async write(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.#values.set(key, value);
    await this.area.set(items);
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    for (const key of keys) this.#values.set(key, undefined);
    await this.area.remove([...keys]);
  }

  /** Every key in storage (not from memory: other parts write their own keys). */
  async keys(): Promise<string[]> {
    return Object.keys(await this.area.get(null));
  }
}
