/**
 * The visits a draw of many still has to draw (the content script draws many visits in steps,
 * the page's tasks between them). Visits asked for while that draw is under way join it, once
 * each, and are drawn from their evaluation when their turn comes: a second draw of a few visits
 * must never cut short the first draw of all of them.
 */
export class DrawQueue {
  #due: string[] | undefined;

  /** Whether a draw is under way. */
  get running(): boolean {
    return this.#due !== undefined;
  }

  /** Visits to draw. True when no draw was under way: the caller starts one (else these join it). */
  add(keys: Iterable<string>): boolean {
    const start = !this.#due;
    const due = (this.#due ??= []);
    for (const key of keys) if (!due.includes(key)) due.push(key);
    return start;
  }

  /** The next visit to draw; undefined when none is left, and the draw is over. */
  next(): string | undefined {
    const key = this.#due?.shift();
    if (key === undefined) this.#due = undefined;
    return key;
  }

  /** Whether visits are left to draw. */
  get more(): boolean {
    return !!this.#due?.length;
  }

  /** The draw stops here (a whole read will draw every visit at its end). */
  stop(): void {
    this.#due = undefined;
  }
}
