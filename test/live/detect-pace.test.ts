import { describe, expect, it } from 'vitest';
import { DetectPace } from '../../lib/live/detect-pace';

describe('DetectPace: whole-page reads take at most 200 ms of any second', () => {
  it('lets reads through until they have taken 200 ms of the last second, then waits for the oldest to leave it', () => {
    const pace = new DetectPace({ budgetMs: 200, windowMs: 1000 });
    // Four reads of 60 ms (a big page read again and again): 240 ms by t = 300.
    for (const t of [0, 100, 200, 300]) {
      expect(pace.wait(t)).toBe(0);
      pace.detected(t, 60);
    }
    // 240 ms spent: the one at 0 must leave (t = 1000) for 180 ms, under the budget.
    expect(pace.wait(400)).toBe(600);
    expect(pace.wait(999)).toBe(1);
    expect(pace.wait(1000)).toBe(0);
  });

  it('never holds a small form read again on every keystroke (1 ms a read, 25 a second)', () => {
    const pace = new DetectPace({ budgetMs: 200, windowMs: 1000 });
    for (let t = 0; t < 5_000; t += 40) {
      expect(pace.wait(t)).toBe(0);
      pace.detected(t, 1);
    }
  });

  it('holds a page read back to back to about a fifth of the time', () => {
    const pace = new DetectPace({ budgetMs: 200, windowMs: 1000 });
    let t = 0;
    let spent = 0;
    while (t < 10_000) {
      t += pace.wait(t);
      pace.detected(t, 30);
      spent += 30;
      t += 30;
    }
    expect(spent / t).toBeLessThanOrEqual(0.25);
    expect(spent / t).toBeGreaterThan(0.15);
  });
});
