import { describe, expect, it } from 'vitest';
import { percentile, ratioInterval } from './bench/report';

// The bench prints, beside each typing ratio, how far it could move from resampling alone.
describe('ratioInterval', () => {
  const spread = (n: number, base: number, step: number) => Array.from({ length: n }, (_, i) => base + (i % 50) * step);

  it('holds the ratio of the two p95s, and is narrow when both samples are large and tight', () => {
    const a = spread(1000, 12, 0.01);
    const b = spread(1000, 10, 0.01);
    const [lo, hi] = ratioInterval(a, b);
    const point = percentile(a, 95) / percentile(b, 95);
    expect(lo).toBeLessThanOrEqual(point);
    expect(hi).toBeGreaterThanOrEqual(point);
    expect(hi - lo).toBeLessThan(0.02);
  });

  it('is wide when the p95 rests on a few slow keystrokes of 200', () => {
    // 200 keystrokes, 12 of them slow: the tenth slowest is sometimes a slow one, sometimes not.
    const a = [...Array.from({ length: 188 }, () => 13), ...Array.from({ length: 12 }, () => 30)];
    const b = Array.from({ length: 200 }, () => 13);
    const [lo, hi] = ratioInterval(a, b);
    expect(lo).toBe(1);
    expect(hi).toBeCloseTo(30 / 13, 5);
  });

  it('repeats for one seed, and says n/a with no samples', () => {
    const a = spread(200, 12, 0.1);
    const b = spread(200, 11, 0.1);
    expect(ratioInterval(a, b)).toEqual(ratioInterval(a, b));
    expect(ratioInterval([], b).every(Number.isNaN)).toBe(true);
  });
});
