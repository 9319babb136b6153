// Units written but not a whole number ("2?", "1.5"): the line is said, and the visit's units are
// not judged as if it held none. Worked example: CPM §20.2 Example 1 (97112 24 min + 97110 23 min
// = 47 min → 3 units, 2 of 97112 and 1 of 97110; rules-reference §1.4).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import type { Entry, Visit } from '../../lib/model';

const visit = (entries: Entry[]): Visit => ({ payer: 'Medicare', discipline: 'PT', dateOfService: '2026-03-02', entries });
const rules = (v: Visit) => evaluate(v).findings.map((f) => f.rule);
const gp = ['GP'];

describe('units.unreadable', () => {
  it('CPM Example 1 billed 2 + 1 passes; with 97110\'s units unreadable, that line is said and no total is judged', () => {
    const right = visit([{ code: '97112', minutes: 24, units: 2, modifiers: gp }, { code: '97110', minutes: 23, units: 1, modifiers: gp }]);
    expect(rules(right)).not.toContain('units.under-billed');
    expect(rules(right)).not.toContain('units.unreadable');

    const e = evaluate(visit([{ code: '97112', minutes: 24, units: 2, modifiers: gp }, { code: '97110', minutes: 23, rawUnits: '1?', modifiers: gp }]));
    const f = e.findings.find((x) => x.rule === 'units.unreadable')!;
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97110']);
    expect(f.message).toContain("Could not read units '1?'");
    expect(f.fix).toBe("units");
    expect(f.action).toContain("Until then Unitwise cannot compare this visit's timed units with its minutes");
    expect(f.source).toContain('§20.2');
    // Counted as no units it would have read "2 units entered, 47 minutes support 3".
    expect(e.findings.map((x) => x.rule)).not.toContain('units.under-billed');
    expect(e.findings.map((x) => x.rule)).not.toContain('units.allocation');
    expect(e.findings.map((x) => x.rule)).not.toContain('units.low-average');
    // The suggested claim still comes from the minutes.
    expect(e.totalTimedUnits).toBe(3);
  });

  it('units over what the minutes support without the unreadable ones: still over-billed (from a review)', () => {
    const e = evaluate(visit([{ code: '97110', minutes: 23, units: 9, modifiers: gp }, { code: '97140', minutes: 10, rawUnits: '?', modifiers: gp }]));
    const over = e.findings.find((f) => f.rule === 'units.over-billed')!;
    // 33 minutes support 2 units (CPM §20.2 chart, 23–37 → 2); 9 are entered before the unreadable line's.
    expect(over.message).toContain('9 timed units entered (not counting the units that could not be read), but 33 total timed minutes support 2 units');
    expect(e.findings.map((f) => f.rule)).toContain('units.unreadable');
  });

  it('an untimed code with unreadable units is said once, not also as "no unit entered"', () => {
    const got = rules(visit([{ code: '97161', minutes: 30, rawUnits: 'one?', modifiers: gp }, { code: '97110', minutes: 23, units: 2, modifiers: gp }]));
    expect(got).toContain('units.unreadable');
    expect(got.filter((r) => r === 'units.under-billed')).toEqual([]);
  });

  it('a line of only unreadable units is still a line', () => {
    const e = evaluate(visit([{ rawUnits: '2?' }]));
    expect(e.findings.map((f) => f.rule)).toContain('units.unreadable');
  });
});

describe('assistant minutes over the service\'s (from a red-team pass)', () => {
  it('said as an error of the minutes only: no advice to remove CQ "within de minimis"', () => {
    const e = evaluate(visit([{ code: '97110', minutes: 23, assistantMinutes: 23.5, units: 2, modifiers: ['GP', 'CQ'] }]));
    expect(e.findings.map((f) => f.rule)).toContain('minutes.total-mismatch');
    expect(e.findings.filter((f) => f.rule === 'modifier.assistant')).toEqual([]);
  });
});
