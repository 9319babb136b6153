/**
 * How much of the main thread whole-page reads may take. A page that adds and removes form-like
 * markup many times a second (a widget re-rendering a table of inputs, a hostile page) would
 * otherwise have Unitwise find the form again after every paint: on a 2,000-field page, reads of
 * 15–80 ms back to back, the whole main thread. Full reads may take at most `budgetMs` of any
 * `windowMs`; past that the next one waits until the window has moved on (it still comes: the
 * page's last state is always read). A small form read again on every keystroke (an app that
 * rebuilds its rows per key) costs a millisecond a read and is never held; edits to rows already
 * read are no full read and never wait.
 */
export interface DetectPaceOptions {
  budgetMs: number;
  windowMs: number;
}

export const DETECT_PACE: DetectPaceOptions = { budgetMs: 200, windowMs: 1_000 };

export class DetectPace {
  /** Recent full reads: when each started and how long it took. */
  readonly #reads: { at: number; ms: number }[] = [];

  constructor(readonly options: DetectPaceOptions = DETECT_PACE) {}

  /** How long a full read due at `now` (ms) waits: 0 to read at once. */
  wait(now: number): number {
    const { budgetMs, windowMs } = this.options;
    while (this.#reads.length && this.#reads[0]!.at <= now - windowMs) this.#reads.shift();
    let spent = 0;
    for (const r of this.#reads) spent += r.ms;
    if (spent < budgetMs) return 0;
    // The budget frees up as the oldest reads leave the window: until the one that brings it under has.
    for (const r of this.#reads) {
      spent -= r.ms;
      if (spent < budgetMs) return r.at + windowMs - now;
    }
    return 0;
  }

  /** How long all full reads took (ms; diagnostics). */
  totalMs = 0;

  /** A full read started at `at` (ms) and took `ms`. */
  detected(at: number, ms: number): void {
    this.#reads.push({ at, ms });
    this.totalMs += ms;
  }
}
