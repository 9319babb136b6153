import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import type { Entry, Evaluation, Visit } from '../../lib/model';

// One patient's day with PT lines (GP) and OT lines (GO): each discipline treats under its own
// plan of care (BPM Pub. 100-02 Ch. 15 §220.1.2) and GP/GO say which plan a line is billed under
// (CPM Pub. 100-04 Ch. 5 §20.1), so each plan's timed minutes go through the §20.2 chart on
// their own. The expected units are the CPM §20.2 worked examples (rules-reference §1.4), each
// under one plan.

const line = (code: string, minutes: number, modifier: string, units?: number): Entry => ({ code, minutes, modifiers: [modifier], ...(units !== undefined && { units }) });
const visitOf = (entries: Entry[], extra: Partial<Visit> = {}): Visit => ({ payer: 'Medicare', dateOfService: '2026-03-02', entries, ...extra });

/** Units of each code under each modifier on the suggested claim: "97110 GP" → 2. */
const claim = (e: Evaluation): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const l of e.lines) {
    const key = `${l.code} ${l.modifiers.filter((m) => ['GP', 'GO', 'GN'].includes(m)).join('')}`;
    out[key] = (out[key] ?? 0) + l.units;
  }
  return out;
};
const rules = (e: Evaluation) => e.findings.map((f) => f.rule);

describe('a day with PT and OT lines: timed minutes counted per plan of care', () => {
  // PT: CPM Example 3 (97110:33, 97140:7 → 97110 ×2, 97140 ×1); OT: CPM Example 1 (97112:24,
  // 97110:23 → 97112 ×2, 97110 ×1). Counted together, 87 minutes would give 6 units with none on
  // 97140 (its 7 minutes lose to 97110's 11 left over): the PT plan's Example 3 unit would go.
  const entries = [line('97110', 33, 'GP'), line('97140', 7, 'GP'), line('97112', 24, 'GO'), line('97110', 23, 'GO')];

  it('gives each plan the units its worked example gives', () => {
    const e = evaluate(visitOf(entries));
    expect(claim(e)).toEqual({ '97110 GP': 2, '97140 GP': 1, '97112 GO': 2, '97110 GO': 1 });
    expect(e.totalTimedMinutes).toBe(87);
    expect(e.totalTimedUnits).toBe(6);
    expect(rules(e)).not.toContain('units.not-billable');
    // Each line says its plan, and the chart it was read on.
    const ot = e.lines.find((l) => l.code === '97112')!;
    expect(ot.reason).toMatch(/^OT plan of care \(GO lines\): 47 total timed minutes → 3 units/);
  });

  it('finds nothing wrong when each plan is billed by its own minutes', () => {
    const e = evaluate(visitOf([line('97110', 33, 'GP', 2), line('97140', 7, 'GP', 1), line('97112', 24, 'GO', 2), line('97110', 23, 'GO', 1)]));
    expect(e.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it('does not call two short sessions over-billed: 10 minutes of PT and 10 of OT are a unit each', () => {
    // Together 20 minutes are 1 unit (§20.2 chart, 8–22); alone, each plan's 10 minutes are 1.
    const e = evaluate(visitOf([line('97110', 10, 'GP', 1), line('97530', 10, 'GO', 1)]));
    expect(rules(e)).not.toContain('units.over-billed');
    expect(claim(e)).toEqual({ '97110 GP': 1, '97530 GO': 1 });
  });

  it('names the plan whose units are wrong, and only that plan', () => {
    // PT: 20 minutes of 97110 are 1 unit, 2 entered; OT: 30 minutes of 97530 are 2, 2 entered.
    const e = evaluate(visitOf([line('97110', 20, 'GP', 2), line('97530', 30, 'GO', 2)]));
    const over = e.findings.filter((f) => f.rule === 'units.over-billed');
    expect(over).toHaveLength(1);
    expect(over[0]!.codes).toEqual(['97110']);
    expect(over[0]!.message).toMatch(/^PT plan of care \(GP lines\): 2 timed units entered, but 20 total timed minutes support 1 unit/);
    expect(over[0]!.headline).toMatch(/\(GP lines\)$/);
    expect(over[0]!.source).toMatch(/§220\.1\.2/);
    expect(rules(e)).not.toContain('modifier.discipline-missing');
  });

  it('keeps the same code under two plans on two claim lines, each with its own modifier', () => {
    const e = evaluate(visitOf([line('97110', 25, 'GP', 2), line('97110', 25, 'GO', 2)]));
    expect(claim(e)).toEqual({ '97110 GP': 2, '97110 GO': 2 });
    expect(rules(e)).not.toContain('units.over-billed');
  });

  it('counts together, as one plan, when the visit says its discipline: a GO line is then the one to fix', () => {
    const e = evaluate(visitOf([line('97110', 10, 'GP', 1), line('97530', 10, 'GO', 1)], { discipline: 'PT' }));
    expect(e.totalTimedUnits).toBe(1);
    expect(e.findings.some((f) => f.rule === 'modifier.discipline-mismatch' && f.codes.includes('97530'))).toBe(true);
  });

  it('counts together when a therapy line says no plan, and asks for its modifier', () => {
    const e = evaluate(visitOf([line('97110', 10, 'GP', 1), line('97530', 10, 'GO', 1), { code: '97140', minutes: 10, modifiers: [], units: 1 }]));
    // 30 minutes together → 2 units (23–37): which plan 97140 is under decides the count.
    expect(e.totalTimedUnits).toBe(2);
    expect(rules(e)).toContain('modifier.discipline-missing');
  });
});
