import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { claimRows, timedText } from '../../lib/report';
import type { Entry, Evaluation, Visit } from '../../lib/model';

// One patient's day with PT lines (GP) and OT lines (GO): each discipline treats under its own
// plan of care (BPM Pub. 100-02 Ch. 15 §220.1.2) and GP/GO say which plan a line is billed under
// (CPM Pub. 100-04 Ch. 5 §20.1), so each plan's timed minutes go through the §20.2 chart on
// their own. The expected units are the CPM §20.2 worked examples (rules-reference §1.4), each
// under one plan.

const line = (code: string, minutes: number | undefined, modifier: string, units?: number, more: Partial<Entry> = {}): Entry => ({ code, ...(minutes !== undefined && { minutes }), modifiers: modifier ? [modifier] : [], ...(units !== undefined && { units }), ...more });
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
    expect(e.plans).toEqual([
      { discipline: 'PT', minutes: 40, units: 3 },
      { discipline: 'OT', minutes: 47, units: 3 },
    ]);
    // As the panel, the text report and the batch report print it.
    expect(timedText(e)).toBe('87 min → 6 units (PT 40 min → 3, OT 47 min → 3, each plan of care counted on its own)');
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

  it("says the visit's average minutes per unit once, over both plans", () => {
    // PT 33 + 7 minutes billed 2 + 1, OT 10 minutes billed 1: 50 minutes for 4 units, 12.5 a unit.
    const e = evaluate(visitOf([line('97110', 33, 'GP', 2), line('97140', 7, 'GP', 1), line('97530', 10, 'GO', 1)]));
    const low = e.findings.filter((f) => f.rule === 'units.low-average');
    expect(low.map((f) => f.message.slice(0, 80))).toEqual(['This visit averages 12.5 minutes per billed timed unit (50 minutes, 4 units). Th']);
    expect(low[0]!.codes).toEqual(['97110', '97140', '97530']);
  });

  it('keeps the same code under two plans on two claim lines, each with its own modifier', () => {
    const e = evaluate(visitOf([line('97110', 25, 'GP', 2), line('97110', 25, 'GO', 2)]));
    expect(claim(e)).toEqual({ '97110 GP': 2, '97110 GO': 2 });
    expect(rules(e)).not.toContain('units.over-billed');
  });

  it('counts together, as one plan, when the visit says its discipline: a GO line is then the one to fix', () => {
    const e = evaluate(visitOf([line('97110', 10, 'GP', 1), line('97530', 10, 'GO', 1)], { discipline: 'PT' }));
    expect(e.totalTimedUnits).toBe(1);
    expect(e.plans).toBeUndefined();
    expect(e.findings.some((f) => f.rule === 'modifier.discipline-mismatch' && f.codes.includes('97530'))).toBe(true);
  });

  it('counts together when a therapy line says no plan, and asks for its modifier', () => {
    const e = evaluate(visitOf([line('97110', 10, 'GP', 1), line('97530', 10, 'GO', 1), { code: '97140', minutes: 10, modifiers: [], units: 1 }]));
    // 30 minutes together → 2 units (23–37): which plan 97140 is under decides the count.
    expect(e.totalTimedUnits).toBe(2);
    expect(rules(e)).toContain('modifier.discipline-missing');
  });

  // Found by a review of the change (each failed before its fix).

  it('a line not billed (97010, bundled under Medicare) with no modifier leaves the plans apart', () => {
    const e = evaluate(visitOf([line('97110', 10, 'GP', 1), line('97530', 10, 'GO', 1), line('97010', 10, '')]));
    expect(e.totalTimedUnits).toBe(2);
    expect(rules(e)).not.toContain('modifier.discipline-missing');
  });

  it('co-treatment, PT and OT on the same code at the same time: counted together as before (the time counts once; its split is the therapists’ to agree)', () => {
    const e = evaluate(visitOf([line('97110', 30, 'GP', 1, { startTime: '09:00', endTime: '09:30' }), line('97110', 30, 'GO', 1, { startTime: '09:00', endTime: '09:30' })]));
    // 30 minutes of the patient's time (CPM §20.3) → 2 units (23–37), 2 entered: no units finding.
    expect(e.totalTimedUnits).toBe(2);
    expect(e.findings.filter((f) => f.rule.startsWith('units.') && f.rule !== 'units.low-average').map((f) => f.headline)).toEqual([]);
  });

  it("minutes not known: the plans' units together must fit the visit's total treatment time", () => {
    // 3 PT units need at least 8 + 15 + 15 = 38 minutes, and 3 OT units another 38: 76 > 45.
    const e = evaluate(visitOf([line('97110', undefined, 'GP', 3), line('97530', undefined, 'GO', 3)], { totalTreatmentMinutes: 45 }));
    const over = e.findings.filter((f) => f.rule === 'units.over-billed');
    expect(over.map((f) => f.message)).toEqual([expect.stringMatching(/^6 timed units entered under 2 plans of care, but the visit's 45 minutes .*PT: 3 units need at least 38 minutes; OT: 3 units need at least 38 minutes: 76 in all/)]);
    // 2 + 1 units need 23 + 8 = 31 minutes: they fit 45.
    expect(rules(evaluate(visitOf([line('97110', undefined, 'GP', 2), line('97530', undefined, 'GO', 1)], { totalTreatmentMinutes: 45 })))).not.toContain('units.over-billed');
  });

  it('97129 under two plans (once a day for the patient, the rest on 97130): counted together, as before', () => {
    // Which plan's units go on the add-on is not a split to judge: 40 minutes → 3 units, 97129 ×1 and 97130 ×2.
    const e = evaluate(visitOf([line('97129', 20, 'GN', 1), line('97129', 20, 'GO', 1)]));
    expect(e.plans).toBeUndefined();
    expect(Object.fromEntries(e.lines.map((l) => [l.code, l.units]))).toEqual({ '97129': 1, '97130': 2 });
    expect(e.findings.find((f) => f.rule === 'units.allocation')?.message).toMatch(/^97129 is reported once a day, but 2 units were entered on it/);
    // 97130 alone under one plan and 97129 under another: the same family, counted together.
    expect(evaluate(visitOf([line('97130', 20, 'GO', 1), line('97129', 20, 'GN', 1)])).plans).toBeUndefined();
  });

  it("minutes known for one plan only: its minutes, and the other plan's least, must fit the total treatment time", () => {
    // OT: 40 minutes known. PT: 3 units with no minutes need at least 38. 78 > 50.
    const e = evaluate(visitOf([line('97110', undefined, 'GP', 3), line('97530', 40, 'GO', 1)], { totalTreatmentMinutes: 50 }));
    expect(e.findings.filter((f) => f.rule === 'units.over-billed').map((f) => f.message)).toEqual([expect.stringMatching(/PT: 3 units need at least 38 minutes; OT: 40 timed minutes: 78 in all/)]);
  });

  it('a plan with no timed lines is not listed among the plans’ figures', () => {
    // OT's evaluation (97165, untimed) and PT's timed lines: only PT has timed minutes.
    const e = evaluate(visitOf([line('97110', 30, 'GP', 2), line('97165', 45, 'GO', 1)]));
    expect(e.plans).toBeUndefined();
    expect(e.totalTimedUnits).toBe(2);
  });

  it('the claim rows keep 97110 GP and 97110 GO apart, each beside its own entered units', () => {
    const v = visitOf([line('97110', 25, 'GP', 2), line('97110', 25, 'GO', 2)]);
    const rows = claimRows(v, evaluate(v));
    expect(rows.map((r) => [r.code, r.plan, r.suggested?.units, r.suggested?.modifiers, r.entered?.units, r.unitsDiffer])).toEqual([
      ['97110', 'GP', 2, ['GP'], 2, false],
      ['97110', 'GO', 2, ['GO'], 2, false],
    ]);
    // A code as entered may hold a space: it stays the row's code (the review found it split).
    const odd = visitOf([{ code: 'ABC 12', minutes: 10, units: 1 }]);
    expect(claimRows(odd, evaluate(odd)).map((r) => [r.code, r.plan])).toEqual([['ABC 12', '']]);
  });
});

describe('the same patient’s earlier visit that day, under two plans of care', () => {
  it("one plan over-billed for the day is said, though another plan's under-billing would net it out", () => {
    // PT for the day: 10 + 10 = 20 minutes → 1 unit, 2 entered. OT: 25 minutes → 2 units, 1 entered.
    const v = visitOf([line('97110', 10, 'GP', 1), line('97530', 25, 'GO', 1)], { id: 'V2', sameDay: [{ id: 'V1', entries: [line('97110', 10, 'GP', 1)] }] });
    const day = evaluate(v).findings.filter((f) => f.rule === 'units.same-day');
    expect(day).toHaveLength(1);
    expect(day[0]!.message).toMatch(/For the day: PT plan of care \(GP lines\): 2 timed units entered, but 20 total timed minutes support 1 unit/);
  });

  it('a line under the plan its code names (92507 is SLP’s) is counted in that plan’s day, modifier or not', () => {
    // 92507 is untimed: 1 unit a day. Earlier visit 92507 ×1, this one 92507 ×1 again, beside PT lines.
    const v = visitOf([{ code: '92507', minutes: 30, units: 1 }, line('97110', 15, 'GP', 1)], { id: 'V2', sameDay: [{ id: 'V1', entries: [{ code: '92507', minutes: 30, units: 1 }] }] });
    expect(evaluate(v).findings.filter((f) => f.rule === 'units.same-day').map((f) => f.codes)).toEqual([['92507']]);
  });
});
