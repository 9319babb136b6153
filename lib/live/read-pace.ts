/**
 * When to read after an edit. At a clinician's usual pace (keys 80 ms and more apart) a read
 * follows each edit at once. In a burst (keys closer than `burstGapMs`, a fast typist's roll
 * or a held key) the values in between are never billed: the read waits until the keys pause
 * for `settleMs`, so Unitwise's work does not land between the user's keystrokes, but never
 * longer than `maxDeferMs` from the burst's start, so a long burst is still checked as it goes.
 * A user who typed a burst in the last `burstMemoryMs` likely starts another with the next key
 * (a field typed as "Backspace, 4, 5", then the next): its read waits `settleMs` too, rather
 * than landing between that key and the one 25 ms after it.
 */
export interface ReadPaceOptions {
  burstGapMs: number;
  settleMs: number;
  maxDeferMs: number;
  burstMemoryMs: number;
}

// settleMs: longer than a 40-keys/s burst's gap (25 ms), short enough that the check after a
// burst is done before the next field's first key at a usual pace (80 ms): with 60 ms it landed
// on that key (bench, 2,000 fields, two interleaved pairs: bursts 1.71 / 1.56 × → 1.44 / 1.47 ×).
// burstMemoryMs: past a move to another visit (the bench pauses 500 ms), short of a pause to think.
export const READ_PACE: ReadPaceOptions = { burstGapMs: 50, settleMs: 35, maxDeferMs: 300, burstMemoryMs: 1_500 };

export class ReadPace {
  #lastEdit = -Infinity;
  /** When the last key that came within burstGapMs of the one before it was typed. */
  #lastBurstKey = -Infinity;
  #burstStart: number | undefined;

  constructor(readonly options: ReadPaceOptions = READ_PACE) {}

  /** An edit at `now` (ms): 0 to read at once, else how long to wait (a later edit asks again). */
  edit(now: number): number {
    const { burstGapMs, settleMs, maxDeferMs, burstMemoryMs } = this.options;
    const gap = now - this.#lastEdit;
    this.#lastEdit = now;
    if (gap >= burstGapMs) {
      this.#burstStart = undefined;
      if (now - this.#lastBurstKey > burstMemoryMs) return 0;
      // Typing in bursts: this key likely starts another.
      this.#burstStart = now;
      return settleMs;
    }
    this.#lastBurstKey = now;
    this.#burstStart ??= now;
    return Math.max(0, Math.min(settleMs, this.#burstStart + maxDeferMs - now));
  }

  /** The deferred read ran: a burst that goes on starts its own allowance. */
  read(): void {
    this.#burstStart = undefined;
  }
}
