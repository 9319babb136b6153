import { describe, expect, it } from 'vitest';
import { ReadPace } from '../../lib/live/read-pace';

// When the content script reads after an edit: at once at a usual pace, after the keys pause
// in a burst, and never later than the burst allowance.

/** Replays key times (ms) and returns when each read would run. */
function readsFor(keys: number[], pace = new ReadPace({ burstGapMs: 50, settleMs: 60, maxDeferMs: 300, burstMemoryMs: 1_000 })): number[] {
  const reads: number[] = [];
  let due: number | undefined;
  for (const t of keys) {
    if (due !== undefined && due <= t) {
      reads.push(due);
      pace.read();
      due = undefined;
    }
    const wait = pace.edit(t);
    if (wait === 0) {
      reads.push(t);
      pace.read();
      due = undefined;
    } else due = t + wait;
  }
  if (due !== undefined) reads.push(due);
  return reads;
}

describe('ReadPace', () => {
  it('reads at once after every key at 12 keys a second', () => {
    const keys = [0, 83, 166, 250, 333];
    expect(readsFor(keys)).toEqual(keys);
  });

  it('in a burst of three keys 25 ms apart: the first at once, the rest once the keys pause 60 ms', () => {
    expect(readsFor([0, 25, 50])).toEqual([0, 110]);
    // Then at a usual pace again: at once, once the last burst is a second behind.
    expect(readsFor([0, 25, 50, 1100, 1200])).toEqual([0, 110, 1100, 1200]);
  });

  it('after a burst, the first key of the next field waits for the keys to pause too (the user types in bursts)', () => {
    // Two fields typed as bursts, 80 ms apart: the second field's first key is not read between its keys.
    expect(readsFor([0, 25, 50, 130, 155, 180])).toEqual([0, 110, 240]);
    // A single key soon after a burst: read once it is clear no key follows (60 ms), not at once.
    expect(readsFor([0, 25, 50, 500])).toEqual([0, 110, 560]);
    // The keys after that single key, at a usual pace: at once again once the burst is a second behind.
    expect(readsFor([0, 25, 50, 500, 900, 1300])).toEqual([0, 110, 560, 960, 1300]);
  });

  it('a held key (every 30 ms for a second) is still read at least every 300 ms', () => {
    const keys = Array.from({ length: 34 }, (_, i) => i * 30);
    const reads = readsFor(keys);
    expect(reads[0]).toBe(0);
    for (let i = 1; i < reads.length; i++) expect(reads[i]! - reads[i - 1]!).toBeLessThanOrEqual(330);
    // And once after the last key.
    expect(reads.at(-1)).toBeGreaterThanOrEqual(keys.at(-1)!);
  });
});
