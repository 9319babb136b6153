// Units over what the minutes can support whatever the minutes still missing turn out to be
// (CPM Pub. 100-04 Ch. 5 §20.2 C): an error already, not a "check once the minutes are in".
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';

type Row = [code: string, minutes: number | undefined, units: number | undefined];
const visitOf = (rows: Row[], method?: 'cms' | 'per-code'): [Visit, object | undefined] => [
  { payer: 'Medicare Part B', discipline: 'PT', entries: rows.map(([code, minutes, units]) => ({ label: code, code, modifiers: ['GP'], ...(minutes !== undefined && { minutes }), ...(units !== undefined && { units }) })) } as unknown as Visit,
  method === 'per-code' ? { methodOverride: 'per-code' } : undefined,
];
const run = (rows: Row[], method?: 'cms' | 'per-code') => {
  const [visit, settings] = visitOf(rows, method);
  return evaluate(visit, settings as never);
};
const overFor = (rows: Row[], code: string, method?: 'cms' | 'per-code') => run(rows, method).findings.filter((f) => f.rule === 'units.over-billed' && f.severity === 'error' && f.codes.includes(code));

describe('units over-billed whatever the missing minutes', () => {
  it("the demo flowsheet: 97110 24 + 23 minutes billed ×2 + ×2, Gait training's minutes blank: 4 units of 97110 is an error now", () => {
    // 47 minutes: 3 whole units and 2 left over. Any minutes for 97116 that make a 4th unit
    // (53+ in all) leave 97116 6+ minutes, more than 97110's 2: the unit goes to 97116 (§20.2 C).
    const found = overFor([['97110', 24, 2], ['97110', 23, 2], ['97116', undefined, undefined]], '97110');
    expect(found).toHaveLength(1);
    expect(found[0]!.headline).toBe('97110: bill 3 units, not 4');
    expect(found[0]!.action).toBe('Bill 97110 ×3 in all (2 + 2 entered on its rows).');
    expect(found[0]!.message).toMatch(/whatever minutes are entered for 97116/);
    expect(found[0]!.source).toMatch(/§20\.2/);
  });

  it('CPM §20.2 Example 1 with 97140 not yet entered: 33 minutes of 97110 earn 2 units whatever 97140 holds, so ×3 is an error', () => {
    // Example 1: 97110 33 min + 97140 7 min = 40 min → 3 units, 97110 ×2, 97140 ×1. 97110's
    // 3 remaining minutes make a unit only with 5 or more of 97140's, which then outrank them.
    expect(overFor([['97110', 33, 2], ['97140', undefined, 1]], '97110')).toHaveLength(0);
    expect(overFor([['97110', 33, 3], ['97140', undefined, 1]], '97110').map((f) => f.headline)).toEqual(['97110: bill 2 units, not 3']);
  });

  it('a service with 8 minutes and another blank: 1 unit of it is never an error (it may be the largest remainder)', () => {
    expect(overFor([['97110', 8, 1], ['97140', undefined, undefined]], '97110')).toHaveLength(0);
    const two = overFor([['97110', 8, 2], ['97140', undefined, undefined]], '97110');
    expect(two.map((f) => [f.headline, f.action])).toEqual([['97110: at most 1 unit, not 2', 'Bill 97110 ×1 at most: enter the missing minutes to see whether its minutes earn it.']]);
  });

  it('whole units only (30 minutes): no further unit can come from its remainder, so 3 units is over', () => {
    const found = overFor([['97110', 30, 3], ['97140', undefined, 1]], '97110');
    expect(found.map((f) => f.headline)).toEqual(['97110: bill 2 units, not 3']);
  });

  it('per-code method: each code by its own minutes, whatever the others', () => {
    // 7 minutes earn no unit on their own; by the total they may (the largest remainder of 8+).
    expect(overFor([['97110', 7, 1], ['97140', undefined, 1]], '97110', 'per-code').map((f) => f.headline)).toEqual(['97110: its minutes earn no unit, 1 entered']);
    expect(overFor([['97110', 7, 1], ['97140', undefined, 1]], '97110')).toHaveLength(0);
    expect(overFor([['97110', 24, 2], ['97140', undefined, 1]], '97110', 'per-code')).toHaveLength(0);
  });

  it('units as entered that every value of the missing minutes supports: no error (sound), checked against the full evaluation', () => {
    const codes = ['97110', '97112', '97140', '97530'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
        (minutes, blank, units) => {
          const at = blank % minutes.length;
          const rows: Row[] = minutes.map((m, k) => [codes[k]!, k === at ? undefined : m, units[k]]);
          const flagged = new Set(run(rows).findings.filter((f) => f.rule === 'units.over-billed' && f.severity === 'error').flatMap((f) => f.codes));
          // Every code flagged is over what the full evaluation gives it for every value of the blank minutes.
          for (let m = 0; m <= 60; m++) {
            const full = run(rows.map((r, k) => (k === at ? [r[0], m, r[2]] : r)));
            for (const code of flagged) {
              const line = full.lines.find((l) => l.code === code);
              const entered = units[codes.indexOf(code)]!;
              if (entered <= (line?.units ?? 0)) {
                // A unit that is the clinician's choice in a tie counts as possible.
                if (full.findings.some((f) => f.rule === 'units.tie' && f.codes.includes(code))) continue;
                throw new Error(`${code} flagged with ${entered} units, but ${m} minutes of ${codes[at]} give it ${line?.units}: ${JSON.stringify(rows)}`);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
