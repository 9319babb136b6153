// From a review (helper session) of the over-billing headline that lists each code's units: each case failed on the first version.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';

const visitOf = (rows: Record<string, [minutes: number, units: number]>): Visit => ({
  payer: 'Medicare Part B',
  entries: Object.entries(rows).map(([code, [minutes, units]]) => ({ code, minutes, units })),
} as unknown as Visit);
const overHeadline = (rows: Record<string, [number, number]>) => evaluate(visitOf(rows)).findings.find((f) => f.rule === 'units.over-billed')?.headline;

describe("review: over-billing headline with each code's units", () => {
  it('U1 four codes over: the 64-character cut never leaves a code or its units half shown', () => {
    const h = overHeadline({ '97110': [30, 3], '97112': [30, 3], '97140': [30, 3], '97530': [30, 3] })!;
    // Observed: 'Bill 8 timed units, not 12: 97110 ×2, 97112 ×2, 97140 ×2, 97530…' — 97530 listed with its units cut off.
    expect(h).not.toMatch(/\d…$|×…$/);
  });
  it("U2 two codes over beside one that is right: the units listed add up to the total the headline says", () => {
    const h = overHeadline({ '97110': [30, 3], '97140': [30, 3], '97530': [8, 1] })!;
    const listed = [...h.matchAll(/×(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0);
    const total = Number(/^Bill (\d+)/.exec(h)![1]);
    // Observed: 'Bill 5 timed units, not 7: 97110 ×2, 97140 ×2' (97530 ×1 left out: 4 listed under "Bill 5").
    expect(listed).toBe(total);
  });
});
