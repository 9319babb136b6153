/**
 * Which marked fields may be on screen, as the browser reports them while it renders (an
 * IntersectionObserver): only these are measured when markers are placed.
 *
 * Watched two levels deep: each table or grid that holds marked fields, and the fields of a
 * table only while that table is near the viewport. The browser works out every watched
 * element's intersection on every frame; a 100-visit day sheet whose every row is marked had
 * about 4,000 fields watched, 2 ms of each keystroke's frame at 20,000 fields. Now it has one
 * table per visit and the fields of the two or three visits on screen.
 */

/** What this needs of an IntersectionObserver. */
export interface Watcher {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}

/** An IntersectionObserver's entry, as far as this reads it. */
export interface NearEntry {
  target: Element;
  isIntersecting: boolean;
  /** Where the target was (in its own window), when the observer says. */
  boundingClientRect?: { top: number; bottom: number };
}

const BLOCK_SELECTOR = 'table, [role="grid"], [role="table"], [role="treegrid"]';

/** The table or grid a field is in (watched in its place while far off screen), or the field itself. */
export function blockOf(field: Element): Element {
  return field.closest(BLOCK_SELECTOR) ?? field;
}

export class NearWatch {
  readonly #watcher: Watcher;
  /** Each watched block's marked fields, with how many markers each has (a field may be marked for two visits). */
  readonly #fields = new Map<Element, Map<Element, number>>();
  readonly #blockOfField = new Map<Element, Element>();
  /** Watched elements (blocks and fields) the browser last reported near the viewport. */
  readonly #near = new WeakSet<Element>();
  /** Watched elements reported on at least once since they were (last) watched. */
  readonly #reported = new WeakSet<Element>();
  /**
   * Fields (of a near table, or on their own) reported out of view but level with the window
   * (see `level`): out of its view to one side, in a table wider than its scroll box or frame.
   * Their markers go at the view's edge, so they are measured.
   */
  readonly #beside = new WeakSet<Element>();

  /**
   * `watch(onEntries)` makes the observer (an IntersectionObserver with the margin that counts
   * as near); `came` is called when something came near (markers to place). `level(rect)`:
   * whether a field the observer reports out of view is at a height the window shows (near it,
   * as the observer's margin counts): beside the view, not above or below it; without it, a
   * field out of view is not measured.
   */
  constructor(
    watch: (onEntries: (entries: readonly NearEntry[]) => void) => Watcher,
    readonly came: () => void,
    readonly level: (rect: { top: number; bottom: number }) => boolean = () => false,
  ) {
    this.#watcher = watch((entries) => this.#changed(entries));
  }

  /** A marker on `field` was drawn. */
  add(field: Element): void {
    const block = this.#blockOfField.get(field) ?? blockOf(field);
    let fields = this.#fields.get(block);
    if (!fields) {
      this.#fields.set(block, (fields = new Map()));
      this.#watcher.observe(block);
    }
    const n = fields.get(field) ?? 0;
    fields.set(field, n + 1);
    this.#blockOfField.set(field, block);
    if (n === 0 && block !== field && this.#near.has(block)) this.#watcher.observe(field);
  }

  /** A marker on `field` was removed. */
  remove(field: Element): void {
    const block = this.#blockOfField.get(field);
    const fields = block && this.#fields.get(block);
    if (!block || !fields) return;
    const n = (fields.get(field) ?? 1) - 1;
    if (n > 0) {
      fields.set(field, n);
      return;
    }
    fields.delete(field);
    this.#blockOfField.delete(field);
    if (block !== field) this.#forget(field);
    if (!fields.size) {
      this.#fields.delete(block);
      this.#forget(block);
    }
  }

  /**
   * Whether `field` may be on screen: its block near the viewport (or not reported on yet), and
   * the field itself too (or not reported on yet). A field not watched: yes (measure it).
   */
  mayShow(field: Element): boolean {
    const block = this.#blockOfField.get(field);
    // (A field the page moved out of its table since it was marked: measured, never hidden on the old table's word.)
    if (!block || (block !== field && !block.contains(field))) return true;
    if (this.#reported.has(block) && !this.#near.has(block) && !this.#beside.has(block)) return false;
    return block === field || !this.#reported.has(field) || this.#near.has(field) || this.#beside.has(field);
  }

  disconnect(): void {
    this.#watcher.disconnect();
  }

  #forget(el: Element): void {
    this.#watcher.unobserve(el);
    this.#near.delete(el);
    this.#reported.delete(el);
    this.#beside.delete(el);
  }

  #changed(entries: readonly NearEntry[]): void {
    let came = false;
    for (const { target, isIntersecting, boundingClientRect } of entries) {
      const fields = this.#fields.get(target);
      // A field no longer watched, or whose block has left since its entry was queued: the block's word stands.
      const block = this.#blockOfField.get(target);
      if (!fields && (!block || !this.#near.has(block))) continue;
      this.#reported.add(target);
      const was = this.#near.has(target);
      if (isIntersecting) this.#near.add(target);
      else this.#near.delete(target);
      // (A field, in a table or on its own, not a table: a table out of view is far, whatever its height.)
      const wasBeside = this.#beside.has(target);
      const beside = this.#blockOfField.has(target) && !isIntersecting && !!boundingClientRect && this.level(boundingClientRect);
      if (beside) this.#beside.add(target);
      else this.#beside.delete(target);
      came ||= (isIntersecting && !was) || (beside && !wasBeside && !was);
      if (!fields || isIntersecting === was) continue;
      // A block came near: its fields are watched (and measured until reported on); it left: they are not.
      for (const f of fields.keys()) {
        if (f === target) continue;
        if (isIntersecting) this.#watcher.observe(f);
        else this.#forget(f);
      }
    }
    if (came) this.came();
  }
}
