import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import { Visit } from '../../lib/model';
import { medicarePT, ofRule, one, rules } from './helpers';

// A patient seen twice on one date, under two visit ids: CMS counts the day's timed minutes
// together (CPM Pub. 100-04 Ch. 5 §20.2: "When more than one service represented by 15 minute
// timed codes is performed in a single day, the total number of minutes of service … determines
// the number of timed units billed"), and an MAI 3 MUE adds every unit of the date of service
// (rules-reference §5).

const claim = (e: { lines: { code: string; units: number }[] }) => e.lines.map((l) => `${l.code}×${l.units}`);

describe("units.same-day: the day's visits together (CPM §20.2, in a single day)", () => {
  const morning = { id: 'V1', line: 2, entries: [{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }] };

  it('10 minutes of 97110 in each of two visits, 1 unit each: each alone is right, the day (20 minutes → 1 unit, chart 8–22) is over by one', () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'], fieldKey: 'line:3' }], { id: 'V2' });
    // Alone: 10 minutes → 1 unit, as billed.
    expect(ofRule(evaluate(afternoon), 'units.over-billed')).toEqual([]);
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    const f = one(e, 'units.same-day');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/another visit on 2026-03-02: "V1" \(line 2\)/);
    expect(f.message).toMatch(/2 timed units entered, but 20 total timed minutes support 1 unit/);
    // What to bill here, as the claim below says: the day's one unit is on the morning's claim.
    expect(f.action).toMatch(/^Bill nothing on this visit\./);
    expect(f.source).toMatch(/§20\.2/);
    // Marked on this visit's own line, not the morning's.
    expect(f.entries).toEqual([0]);
    expect(f.fieldKeys).toEqual(['line:3']);
    // The day's one unit is on the morning's claim: the afternoon's claim bills none (alone it would bill 97110 ×1).
    expect(claim(evaluate(afternoon))).toEqual(['97110×1']);
    expect(claim(e)).toEqual([]);
    expect(rules(e)).not.toContain('units.over-billed');
  });

  it('a day whose minutes support its units (20 + 25 = 45 minutes → 3 units, 1 + 2 billed): no finding', () => {
    const afternoon = medicarePT([{ code: '97140', minutes: 25, units: 2, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97110', minutes: 20, units: 1, modifiers: ['GP'] }] }] });
    expect(rules(e)).not.toContain('units.same-day');
    expect(rules(e)).not.toContain('mue.same-day');
  });

  it('a visit over on its own whose excess is the whole day\'s excess is told once (units.over-billed): 30 + 10 minutes → 3 units, 2 + 2 billed', () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 10, units: 2, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97140', minutes: 30, units: 2, modifiers: ['GP'] }] }] });
    expect(ofRule(e, 'units.over-billed')).toHaveLength(1);
    expect(ofRule(e, 'units.same-day')).toEqual([]);
  });

  it('a visit over on its own that the day puts over by more: the day\'s finding only, which its claim follows (10 min ×2 after 10 min ×1: the day\'s 20 minutes support 1 unit of 3)', () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 10, units: 2, modifiers: ['GP'] }], { id: 'V2' });
    expect(ofRule(evaluate(afternoon), 'units.over-billed')).toHaveLength(1);
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    // Its own "bill 1, not 2" would contradict the day's "bill 0 here": not said.
    expect(ofRule(e, 'units.over-billed')).toEqual([]);
    expect(one(e, 'units.same-day').message).toMatch(/3 timed units entered, but 20 total timed minutes support 1 unit/);
    expect(claim(e)).toEqual([]);
  });

  it('an earlier visit over on its own: its excess is not this visit\'s (10 min ×2 in the morning, 30 min ×2 in the afternoon)', () => {
    const afternoon = medicarePT([{ code: '97140', minutes: 30, units: 2, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97110', minutes: 10, units: 2, modifiers: ['GP'] }] }] });
    expect(rules(e)).not.toContain('units.same-day');
  });

  it('three visits of 10 minutes, 1 unit each: the second is told the day is over; the third adds no new excess (30 minutes → 2 units, 3 billed: the one extra unit already said)', () => {
    const v = (id: string, code: string) => ({ id, entries: [{ code, minutes: 10, units: 1, modifiers: ['GP'] }] });
    const second = medicarePT(v('B', '97140').entries, { id: 'B', sameDay: [v('A', '97110')] });
    const third = medicarePT(v('C', '97112').entries, { id: 'C', sameDay: [v('A', '97110'), v('B', '97140')] });
    expect(rules(evaluate(second))).toContain('units.same-day');
    expect(rules(evaluate(third))).not.toContain('units.same-day');
  });

  it('a per-code payer: the day is counted per code, and the finding does not cite the CMS total-time rule', () => {
    const afternoon = { payer: 'Aetna PPO', discipline: 'PT' as const, dateOfService: '2026-03-02', id: 'V2', entries: [{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }] };
    const f = one(evaluate({ ...afternoon, sameDay: [morning] }), 'units.same-day');
    expect(f.message).toMatch(/each code's minutes of the day are counted together/);
    expect(f.message).not.toMatch(/CMS counts/);
  });

  it('the rule can be turned off in settings like any other', () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [morning] }, { rules: { 'units.same-day': { enabled: false } } });
    expect(rules(e)).not.toContain('units.same-day');
  });

  it("the later visit's claim bills what the day has left, so the day's claims add up to what its minutes support", () => {
    // 10 min of 97110 in the morning (1 unit); the afternoon 10 min of 97140 and 13 of 97112:
    // alone 23 minutes → 2 units; the day's 33 minutes → 2 units (CPM §20.2 chart, 23–37), one
    // already on the morning's claim: 1 left, on 97112, the afternoon's code with the most minutes.
    const afternoon = medicarePT([{ code: '97140', minutes: 10, units: 1, modifiers: ['GP'] }, { code: '97112', minutes: 13, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    expect(claim(evaluate(afternoon)).sort()).toEqual(['97112×1', '97140×1']);
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    const f = one(e, 'units.same-day');
    expect(f.message).toMatch(/3 timed units entered, but 33 total timed minutes support 2 units/);
    expect(f.action).toMatch(/^Bill 97112 ×1 on this visit\./);
    expect(f.headline).toBe('Same day as V1: do not bill 97140 here');
    // The day's claims together: 97110 ×1 (morning) + 97112 ×1 = 2 units, the finding's plan.
    expect(claim(e)).toEqual(['97112×1']);
  });

  it('a line cut, not dropped, says why in its reason (10 min, then 25 min of 97110 at 2 units: the day\'s 35 minutes → 2 units, 1 left)', () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 25, units: 2, modifiers: ['GP'] }], { id: 'V2' });
    expect(claim(evaluate(afternoon))).toEqual(['97110×2']);
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    expect(one(e, 'units.same-day').message).toMatch(/35 total timed minutes support 2 units/);
    expect(claim(e)).toEqual(['97110×1']);
    expect(e.lines[0]!.reason).toMatch(/; same day: the day's GP timed minutes support 2 units, 1 on the earlier visits' claims: 1 here, not 2$/);
  });

  it("an earlier visit whose minutes support more than its form: billed as suggested, the day leaves this one less (23 min of 97110 at 1 unit, then 10 of 97112: 33 minutes → 2 units)", () => {
    const afternoon = medicarePT([{ code: '97112', minutes: 10, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97110', minutes: 23, units: 1, modifiers: ['GP'] }] }] });
    // The forms' 1 + 1 fit the day: no error. The morning's claim says 97110 ×2 (its own 23 minutes), so with it this visit bills none: a warning says which.
    const f = one(e, 'units.same-day');
    expect(f.severity).toBe('warning');
    expect(f.headline).toBe('If V1 bills as suggested: do not bill 97112 here');
    expect(f.message).toMatch(/the day's minutes leave this visit nothing; its form has 97112 ×1/);
    expect(f.action).toMatch(/If an earlier visit is billed otherwise than its suggested claim, bill this one so that the day's units are what its minutes support/);
    expect(claim(e)).toEqual([]);
  });

  it("this visit's minutes support more than its form, but the day does not: no under-billing said (10 min of 97110, then 23 of 97112 at 1 unit: 33 minutes → 2 units, 1 on each)", () => {
    const afternoon = medicarePT([{ code: '97112', minutes: 23, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    expect(rules(evaluate(afternoon))).toContain('units.under-billed');
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    expect(rules(e)).not.toContain('units.under-billed');
    // A note says why its claim is 1, not the 2 its own 23 minutes support.
    const f = one(e, 'units.same-day');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/leave this visit 97112 ×1\.$/);
    expect(claim(e)).toEqual(['97112×1']);
  });

  it('a code the day ranks first, added after the morning was billed: still no more units than the day supports (10 min of 97110, then 12 of 97112: 22 minutes → 1 unit)', () => {
    const afternoon = medicarePT([{ code: '97112', minutes: 12, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    expect(one(e, 'units.same-day').message).toMatch(/22 total timed minutes support 1 unit/);
    // The morning's 97110 ×1 is the day's one unit.
    expect(claim(e)).toEqual([]);
  });

  it('three visits of 10 minutes, 1 unit each: the second bills none, the third its one (30 minutes → 2 units for the day)', () => {
    const v = (id: string, code: string) => ({ id, entries: [{ code, minutes: 10, units: 1, modifiers: ['GP'] }] });
    expect(claim(evaluate(medicarePT(v('B', '97140').entries, { id: 'B', sameDay: [v('A', '97110')] })))).toEqual([]);
    // A's 1 + C's 1 = 2: the third visit's claim is its own (A and B, read together, leave 1 of the day's 2).
    expect(claim(evaluate(medicarePT(v('C', '97112').entries, { id: 'C', sameDay: [v('A', '97110'), v('B', '97140')] })))).toEqual(['97112×1']);
  });

  it("a visit with no day finding keeps its claim (30 + 10 minutes: its own over-billing is its own finding's)", () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 10, units: 2, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97140', minutes: 30, units: 2, modifiers: ['GP'] }] }] });
    expect(rules(e)).not.toContain('units.same-day');
    expect(claim(e)).toEqual(claim(evaluate(afternoon)));
  });

  it("a per-code payer: each code's day (10 + 10 minutes of 97110 → 1 unit), the other codes untouched", () => {
    const afternoon = { payer: 'Aetna PPO', discipline: 'PT' as const, dateOfService: '2026-03-02', id: 'V2', entries: [{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }, { code: '97140', minutes: 15, units: 1, modifiers: ['GP'] }] };
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    expect(one(e, 'units.same-day').codes).toEqual(['97110']);
    expect(claim(e)).toEqual(['97140×1']);
  });

  it("two plans of care: the PT day's cut is on PT's lines only (10 + 10 minutes of 97110 GP → 1 unit; the OT 97530 GO 25 minutes → 2 units, kept)", () => {
    // (No discipline on the visit: its lines' GP and GO name their plans.)
    const afternoon = { payer: 'Medicare Part B', dateOfService: '2026-03-02', id: 'V2', entries: [{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }, { code: '97530', minutes: 25, units: 2, modifiers: ['GO'] }] };
    expect(claim(evaluate(afternoon)).sort()).toEqual(['97110×1', '97530×2']);
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    expect(one(e, 'units.same-day').message).toMatch(/GP/);
    expect(claim(e)).toEqual(['97530×2']);
  });

  // From a review of the day's claim: each case a biller meets.
  const day = (a: object[], b: object[], payer = 'Medicare Part B') => {
    const visit = { payer, discipline: 'PT' as const, dateOfService: '2026-03-02', id: 'B', entries: b, sameDay: [{ id: 'A', entries: a }] };
    return evaluate(visit as Visit);
  };
  const gp = (code: string, minutes: number, units?: number) => ({ code, minutes, ...(units !== undefined && { units }), modifiers: ['GP'] });

  it('its own "minutes support more" never asks for more than the day leaves (25 min ×2, then 25 min ×0: 50 minutes → 3 units, 1 left)', () => {
    const e = day([gp('97110', 25, 2)], [gp('97110', 25, 0)]);
    expect(claim(e)).toEqual(['97110×1']);
    expect(rules(e)).not.toContain('units.under-billed');
    expect(one(e, 'units.same-day').headline).toBe('If A bills as suggested: bill 97110 ×1 here');
    // 10 min ×1, then 40 min ×1: 50 minutes → 3 units, 2 left (alone 40 minutes would say 3).
    const f = day([gp('97110', 10, 1)], [gp('97110', 40, 1)]);
    expect(claim(f)).toEqual(['97110×2']);
    expect(f.findings.map((x) => x.action).join(' ')).not.toMatch(/×3/);
  });

  it('the day has room: a later visit keeps what the day supports (20 min ×1, then 20 min ×2: 40 minutes → 3 units)', () => {
    const e = day([gp('97110', 20, 1)], [gp('97110', 20, 2)]);
    expect(claim(e)).toEqual(['97110×2']);
    expect(rules(e)).not.toContain('units.over-billed');
    expect(rules(e).filter((r) => r === 'units.same-day')).toHaveLength(1);
    expect(e.findings.find((x) => x.rule === 'units.same-day')!.severity).toBe('info');
  });

  it('a visit over on its own and for the day: one finding, the claim the day leaves (9 min ×1, then 9 min ×2: 18 minutes → 1 unit)', () => {
    const e = day([gp('97110', 9, 1)], [gp('97110', 9, 2)]);
    expect(claim(e)).toEqual([]);
    expect(rules(e)).not.toContain('units.over-billed');
    expect(ofRule(e, 'units.same-day')).toHaveLength(1);
    expect(one(e, 'units.same-day').severity).toBe('error');
  });

  it('97129 in each visit: the later visit bills the day\'s add-on 97130, not a second 97129 (40 minutes → 97129 ×1 + 97130 ×2)', () => {
    for (const payer of ['Medicare Part B', 'Aetna PPO']) {
      const e = day([{ code: '97129', minutes: 20, units: 1, modifiers: ['GP'] }], [{ code: '97129', minutes: 20, units: 1, modifiers: ['GP'] }], payer);
      expect(claim(e), payer).toEqual(['97130×2']);
    }
  });

  it('an evaluation in both visits is billed once for the day (97161)', () => {
    const e = day([{ code: '97161', units: 1, modifiers: ['GP'] }], [{ code: '97161', units: 1, modifiers: ['GP'] }]);
    expect(claim(e)).not.toContain('97161×1');
  });

  it('minutes without units in both (10 + 10 minutes): the later claim bills nothing, and a note says why', () => {
    const e = day([gp('97110', 10)], [gp('97110', 10)]);
    expect(claim(e)).toEqual([]);
    expect(rules(e)).not.toContain('units.under-billed');
    expect(one(e, 'units.same-day').severity).toBe('info');
  });

  it('the day\'s claims never bill more than the day\'s minutes support, nor leave room unbilled (random days of 2–3 visits)', () => {
    // CPM §20.2 chart: the day's total timed minutes give its timed units.
    const chart = (m: number) => (m < 8 ? 0 : Math.floor((m - 8) / 15) + 1);
    const codes = ['97110', '97112', '97140', '97530'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let t = 0; t < 400; t++) {
      const visits = Array.from({ length: 2 + rnd(2) }, (_, v) => ({ id: `V${v}`, entries: Array.from({ length: 1 + rnd(2) }, () => gp(codes[rnd(4)]!, 3 + rnd(40), rnd(4))) }));
      let billed = 0;
      visits.forEach((v, i) => {
        const e = evaluate({ payer: 'Medicare Part B', discipline: 'PT', dateOfService: '2026-03-02', id: v.id, entries: v.entries, ...(i && { sameDay: visits.slice(0, i) }) } as Visit);
        billed += e.lines.reduce((n, l) => n + l.units, 0);
      });
      const minutes = visits.flatMap((v) => v.entries).reduce((n, e) => n + e.minutes, 0);
      expect(billed, JSON.stringify(visits)).toBe(chart(minutes));
    }
  });

  it('per code (a commercial payer): each code\'s claims over the day are what its day\'s minutes support (random days of 2–3 visits)', () => {
    const chart = (m: number) => (m < 8 ? 0 : Math.floor((m - 8) / 15) + 1);
    const codes = ['97110', '97112', '97140'];
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let t = 0; t < 300; t++) {
      const visits = Array.from({ length: 2 + rnd(2) }, (_, v) => ({ id: `V${v}`, entries: Array.from({ length: 1 + rnd(2) }, () => gp(codes[rnd(3)]!, 3 + rnd(40), rnd(4))) }));
      const billed = new Map<string, number>();
      visits.forEach((v, i) => {
        const e = evaluate({ payer: 'Aetna PPO', discipline: 'PT', dateOfService: '2026-03-02', id: v.id, entries: v.entries, ...(i && { sameDay: visits.slice(0, i) }) } as Visit);
        for (const l of e.lines) billed.set(l.code, (billed.get(l.code) ?? 0) + l.units);
      });
      for (const c of codes) {
        const minutes = visits.flatMap((v) => v.entries).filter((e) => e.code === c).reduce((n, e) => n + e.minutes, 0);
        expect(billed.get(c) ?? 0, `${c} ${JSON.stringify(visits)}`).toBe(chart(minutes));
      }
    }
  });

  // From a second review.
  it("another plan's own over-billing is still said, in the one finding (PT day over; OT 97530 10 min at 2 units)", () => {
    const visit = { payer: 'Medicare Part B', dateOfService: '2026-03-02', id: 'B', entries: [gp('97110', 10, 1), { code: '97530', minutes: 10, units: 2, modifiers: ['GO'] }], sameDay: [{ id: 'A', entries: [gp('97110', 10, 1)] }] };
    const e = evaluate(visit as Visit);
    expect(claim(e).sort()).toEqual(['97530×1']);
    const f = one(e, 'units.same-day');
    expect(f.severity).toBe('error');
    expect(f.headline).toMatch(/bill 97530 ×1; do not bill 97110 here/);
    // Marked on the units fields to change.
    expect(f.fix).toBe('units');
  });

  it('the day\'s finding never names numbers the claims do not show (10 min of 97110, then 12 of 97112: the morning bills the day\'s one unit)', () => {
    const e = day([gp('97110', 10, 1)], [gp('97112', 12, 1)]);
    expect(claim(e)).toEqual([]);
    expect(e.findings.filter((f) => f.rule === 'units.same-day').map((f) => f.action)).toEqual([expect.stringMatching(/^Bill nothing on this visit\./)]);
  });

  it('a unit the day has left goes to a code performed here, with its own modifiers (20 min of 97140, then 20 of 97530: 40 minutes → 3 units)', () => {
    expect(claim(day([gp('97140', 20, 1)], [gp('97530', 20, 1)]))).toEqual(['97530×2']);
    const e = day([{ code: '97140', minutes: 20, units: 1, modifiers: ['GP', 'CQ'] }], [gp('97110', 5)]);
    expect(e.lines.map((l) => `${l.code}×${l.units} ${l.modifiers.join(' ')}`)).toEqual(['97110×1 GP']);
  });

  it('an earlier visit with no minutes on a line: the day is not known, so this visit is not told it is over (a warning at most)', () => {
    const e = day([{ code: '97110', units: 1, modifiers: ['GP'] }, gp('97140', 10, 1)], [gp('97140', 10, 1)]);
    expect(e.findings.filter((f) => f.rule === 'units.same-day' && f.severity === 'error')).toEqual([]);
  });

  it('two PT evaluations of different complexity on one date, one in each visit (97163, then 97161): one a day, said on the later visit', () => {
    const e = day([{ code: '97163', units: 1, modifiers: ['GP'] }], [{ code: '97161', units: 1, modifiers: ['GP'] }]);
    const f = one(e, 'pair.same-day');
    expect(f.severity).toBe('error');
    expect(f.headline).toBe('Same day as A: one evaluation a day (97163 there, 97161 here)');
    expect(f.source).toMatch(/§P\.1/);
  });

  it("with the day's rule turned off, the claim is the visit's own", () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    expect(claim(evaluate({ ...afternoon, sameDay: [morning] }, { rules: { 'units.same-day': { enabled: false } } }))).toEqual(['97110×1']);
  });

  it('the sameDay field is part of the Visit schema, bounded', () => {
    expect(Visit.safeParse({ entries: [], sameDay: [morning] }).success).toBe(true);
    expect(Visit.safeParse({ entries: [], sameDay: Array.from({ length: 9 }, () => morning) }).success).toBe(false);
  });
});

describe('mue.same-day: an MAI 3 MUE adds the units of every visit of the date (rules-reference §5)', () => {
  it('the morning alone already over the MUE (97035 ×3): the afternoon\'s unit puts the date further over (4 units; MAI 3 denies all of them), and it is told so', () => {
    const afternoon = medicarePT([{ code: '97035', minutes: 15, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97035', minutes: 45, units: 3, modifiers: ['GP'] }] }] });
    expect(one(e, 'mue.same-day').message).toMatch(/4 units on this date/);
  });

  it('97035 (MUE 2, MAI 3): 2 units in the morning and 1 in the afternoon are 3 on the date', () => {
    const afternoon = medicarePT([{ code: '97035', minutes: 15, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    expect(ofRule(evaluate(afternoon), 'mue.exceeded')).toEqual([]);
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', line: 2, entries: [{ code: '97035', minutes: 30, units: 2, modifiers: ['GP'] }] }] });
    const f = one(e, 'mue.same-day');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97035']);
    expect(f.message).toMatch(/3 units on this date/);
    expect(f.message).toMatch(/MUE is 2/);
    expect(f.entries).toEqual([0]);
  });

  it("a code this visit does not bill is not this visit's to fix", () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 15, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97035', minutes: 45, units: 3, modifiers: ['GP'] }] }] });
    expect(ofRule(e, 'mue.same-day')).toEqual([]);
  });
});

describe('pair.same-day: an NCCI edit applies to the date of service, across visits (rules-reference §4.3; XE: separate encounter)', () => {
  const morning = { id: 'V1', line: 2, entries: [{ code: '97140', minutes: 15, units: 1, modifiers: ['GP'] }] };

  it('97140 in the morning and 97530 in the afternoon (97140/97530, modifier indicator 1): the afternoon line needs XE if the visits were separate', () => {
    const afternoon = medicarePT([{ code: '97530', minutes: 15, units: 1, modifiers: ['GP'], fieldKey: 'line:3' }], { id: 'V2' });
    expect(rules(evaluate(afternoon))).not.toContain('pair.modifier-required');
    const f = one(evaluate({ ...afternoon, sameDay: [morning] }), 'pair.same-day');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97140', '97530']);
    expect(f.action).toMatch(/append XE \(or 59\) to 97530/);
    expect(f.fieldKeys).toEqual(['line:3']);
  });

  it('XE already on the afternoon line: no finding', () => {
    const afternoon = medicarePT([{ code: '97530', minutes: 15, units: 1, modifiers: ['GP', 'XE'] }], { id: 'V2' });
    expect(rules(evaluate({ ...afternoon, sameDay: [morning] }))).not.toContain('pair.same-day');
  });

  it('both codes in this visit: its own pair finding, not a second one for the day', () => {
    const afternoon = medicarePT([{ code: '97140', minutes: 15, units: 1, modifiers: ['GP'] }, { code: '97530', minutes: 15, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [morning] });
    expect(ofRule(e, 'pair.modifier-required')).toHaveLength(1);
    expect(ofRule(e, 'pair.same-day')).toEqual([]);
  });
});

describe('second review: excesses by code', () => {
  it('a PT evaluation (97161, untimed, one a day) in both visits: the second is told the date has 2', () => {
    const afternoon = medicarePT([{ code: '97161', minutes: 30, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97161', minutes: 30, units: 1, modifiers: ['GP'] }] }] });
    expect(rules(e).some((r) => r.endsWith('same-day'))).toBe(true);
  });

  it('a per-code payer: 97110 10 + 10 minutes at 1 + 1 unit is over for the day, whatever another code\'s shortfall', () => {
    const aetna = (entries: { code: string; minutes: number; units: number }[], extra = {}) => ({ payer: 'Aetna PPO', discipline: 'PT' as const, dateOfService: '2026-03-02', entries: entries.map((e) => ({ ...e, modifiers: ['GP'] })), ...extra });
    const e = evaluate({ ...aetna([{ code: '97110', minutes: 10, units: 1 }], { id: 'B' }), sameDay: [{ id: 'A', entries: aetna([{ code: '97110', minutes: 10, units: 1 }, { code: '97140', minutes: 30, units: 1 }]).entries }] });
    expect(one(e, 'units.same-day').codes).toEqual(['97110']);
  });

  it('the practice turning units.over-billed down does not turn units.same-day down', () => {
    const afternoon = medicarePT([{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97110', minutes: 10, units: 1, modifiers: ['GP'] }] }] }, { rules: { 'units.over-billed': { enabled: false } } });
    expect(one(e, 'units.same-day').severity).toBe('error');
  });
});

describe('second review: a once-a-day code across visits', () => {
  it('97129 in each of two visits: the date has it twice; the day bills 97129 ×1 and the rest as its add-on 97130', () => {
    const afternoon = medicarePT([{ code: '97129', minutes: 15, units: 1, modifiers: ['GP'] }], { id: 'V2' });
    const e = evaluate({ ...afternoon, sameDay: [{ id: 'V1', entries: [{ code: '97129', minutes: 15, units: 1, modifiers: ['GP'] }] }] });
    const f = one(e, 'units.same-day');
    expect(f.message).toMatch(/97129 is reported once a day, but 2 units/);
    // 30 minutes: 97129 ×1 (the morning's claim) and 97130 ×1 (this one's).
    expect(f.action).toMatch(/^Bill 97130 ×1 on this visit\./);
    expect(claim(e)).toEqual(['97130×1']);
  });
});
