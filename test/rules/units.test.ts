import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../lib/rules/evaluate';
import { chartUnits } from '../../lib/rules/chart';
import type { Evaluation, Visit } from '../../lib/model';
import { WORKED_EXAMPLES } from './examples';

const CHART = { unitMinutes: 15, minimumMinutes: 8 };

const visitOf = (minutes: Record<string, number>, extra: Partial<Visit> = {}): Visit => ({
  payer: 'Medicare',
  discipline: 'PT',
  dateOfService: '2026-03-02',
  entries: Object.entries(minutes).map(([code, m]) => ({ code, minutes: m })),
  ...extra,
});

export const unitsByCode = (e: Evaluation): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const l of e.lines) out[l.code] = (out[l.code] ?? 0) + l.units;
  return out;
};
const withZeros = (units: Record<string, number>, codes: string[]) => Object.fromEntries(codes.map((c) => [c, units[c] ?? 0]));
const rules = (e: Evaluation) => e.findings.map((f) => f.rule);

describe('§20.2 C unit chart (rules-reference §1.2)', () => {
  it.each([
    [7, 0], [8, 1], [22, 1], [23, 2], [37, 2], [38, 3], [52, 3], [53, 4], [67, 4], [68, 5], [82, 5], [83, 6], [97, 6], [98, 7], [112, 7], [113, 8], [127, 8], [128, 9],
  ])('%i minutes → %i units', (minutes, units) => {
    expect(chartUnits(minutes, CHART)).toBe(units);
    expect(evaluate(visitOf({ '97110': minutes })).totalTimedUnits).toBe(units);
  });
});

describe('worked examples under the CMS method', () => {
  for (const ex of WORKED_EXAMPLES) {
    it(`${ex.name} (${ex.source})`, () => {
      const e = evaluate(visitOf(ex.minutes));
      const codes = Object.keys(ex.minutes);
      expect(e.method).toBe('cms');
      expect(e.totalTimedMinutes).toBe(Object.values(ex.minutes).reduce((a, b) => a + b, 0));
      expect(e.totalTimedUnits).toBe(ex.cms.total);
      expect(ex.cms.allowed).toContainEqual(withZeros(unitsByCode(e), codes));
      if (ex.cms.allowed.length > 1) {
        const tie = e.findings.find((f) => f.rule === 'units.tie');
        expect(tie?.codes.sort()).toEqual(codes.filter((c) => ex.cms.allowed.some((a) => a[c]! > 0) && ex.cms.allowed.some((a) => a[c] !== ex.cms.allowed[0]![c])).sort());
      } else {
        expect(rules(e)).not.toContain('units.tie');
      }
      // Every line carries GP under Medicare (CPM §20.1) and its own reason.
      for (const l of e.lines) {
        expect(l.modifiers).toEqual(['GP']);
        expect(l.reason).toMatch(/total timed minutes/);
      }
    });
  }

  // From a review with screenshots (2026-12-05): where codes tie for the last unit, the error
  // named the one Unitwise left without it ("97112: bill 0 units, not 1") while a note said either
  // was correct. CPM §20.2 Example 5: "shall select one appropriate CPT code … to bill"; Example 2:
  // "choose either code for 2 units and bill the other for 1 unit".
  it.each([
    ['Example 5, two of the three tied codes billed ×1', { '97112': 7, '97110': 7, '97140': 7 }, { '97112': 1, '97110': 1 }, /^Bill 1 timed unit, not 2: one off (97110 or 97112|97112 or 97110)$/, ['97110', '97112']],
    ['Example 2, both codes billed ×2', { '97112': 20, '97110': 20 }, { '97112': 2, '97110': 2 }, /^Bill 3 timed units, not 4: one off (97110 or 97112|97112 or 97110)$/, ['97110', '97112']],
  ])('%s: the over-billing error leaves the choice to the clinician, naming each tied code', (_, minutes, units, headline, codes) => {
    const v = visitOf(minutes);
    v.entries = v.entries.map((e) => ({ ...e, units: (units as Record<string, number>)[e.code!] ?? 0 }));
    const f = evaluate(v).findings.find((x) => x.rule === 'units.over-billed')!;
    expect(f.headline).toMatch(headline);
    expect([...f.codes].sort()).toEqual(codes);
    expect(f.action).toMatch(/the clinician's choice/);
  });

  it('no tie (Example 1, 33 + 7 minutes billed 97110 ×3, 97140 ×1, over by one): the error names the code to change', () => {
    const v = visitOf({ '97110': 33, '97140': 7 });
    v.entries = v.entries.map((e) => ({ ...e, units: e.code === '97110' ? 2 : 1 }));
    // 40 minutes → 3 units: 97110 ×2 + 97140 ×1 is right; billed as 97110 ×3 + 97140 ×1 it is over on 97110.
    v.entries[0]!.units = 3;
    expect(evaluate(v).findings.find((x) => x.rule === 'units.over-billed')!.headline).toBe('97110: bill 2 units, not 3');
  });

  // From a visual review (helper session): the marker on each over-billed code's Units field said
  // only the visit's total ("Bill 3 timed units, not 5"), which beside one Units box reads as
  // "type 3" there. It now says what each code's units should be.
  it('two codes over (Example 1, 33 + 7 minutes billed 97110 ×3, 97140 ×2): the error says each code\'s units', () => {
    const v = visitOf({ '97110': 33, '97140': 7 });
    v.entries = v.entries.map((e) => ({ ...e, units: e.code === '97110' ? 3 : 2 }));
    const f = evaluate(v).findings.find((x) => x.rule === 'units.over-billed')!;
    expect(f.headline).toBe('Bill 3 timed units, not 5: 97110 ×2, 97140 ×1');
    expect([...f.codes].sort()).toEqual(['97110', '97140']);
  });

  it('Example 4: 97035 gets no unit and the finding says to document it anyway', () => {
    const e = evaluate(visitOf({ '97110': 18, '97140': 13, '97116': 10, '97035': 8 }));
    const f = e.findings.find((x) => x.rule === 'units.not-billable');
    expect(f?.codes).toEqual(['97035']);
    expect(f?.action).toMatch(/document/i);
    expect(e.lines.map((l) => l.code)).not.toContain('97035');
  });

  it('Example 2: 3 units on one code is the right total but a wrong split (units.allocation)', () => {
    const e = evaluate({ ...visitOf({}), entries: [{ code: '97112', minutes: 20, units: 3 }, { code: '97110', minutes: 20, units: 0 }] });
    const f = e.findings.find((x) => x.rule === 'units.allocation');
    expect(f?.severity).toBe('error');
    expect(f?.codes).toContain('97112');
    expect(rules(e)).not.toContain('units.over-billed');
  });

  it('Example 2: either 2+1 split entered is accepted', () => {
    for (const [a, b] of [[2, 1], [1, 2]]) {
      const e = evaluate({ ...visitOf({}), entries: [{ code: '97112', minutes: 20, units: a }, { code: '97110', minutes: 20, units: b }] });
      expect(rules(e).filter((r) => r.startsWith('units.') && r !== 'units.tie' && r !== 'units.low-average')).toEqual([]);
    }
  });

  it('Example 1 billed as 4 units is over-billed: 47 minutes support 3', () => {
    const e = evaluate({ ...visitOf({}), entries: [{ code: '97112', minutes: 24, units: 2 }, { code: '97110', minutes: 23, units: 2 }] });
    const f = e.findings.find((x) => x.rule === 'units.over-billed');
    expect(f?.severity).toBe('error');
    expect(f?.message).toMatch(/4 timed units.*47.*3 units/);
    expect(f?.codes).toEqual(['97110']);
    expect(f?.action).toMatch(/97112 ×2, 97110 ×1/);
  });

  it('Example 3 billed as 97110 ×2 only is under-billed', () => {
    const e = evaluate({ ...visitOf({}), entries: [{ code: '97110', minutes: 33, units: 2 }, { code: '97140', minutes: 7, units: 0 }] });
    const f = e.findings.find((x) => x.rule === 'units.under-billed');
    expect(f?.codes).toEqual(['97140']);
  });

  it('Example 4 with 97035 billed: 4 units for 49 minutes is over-billed', () => {
    const e = evaluate({ ...visitOf({}), entries: Object.entries({ '97110': 18, '97140': 13, '97116': 10, '97035': 8 }).map(([code, minutes]) => ({ code, minutes, units: 1 })) });
    expect(e.findings.find((x) => x.rule === 'units.over-billed')?.codes).toEqual(['97035']);
  });

  it('low average: 40 minutes billed as 3 units averages 13.3 minutes per unit (info)', () => {
    const e = evaluate({ ...visitOf({}), entries: [{ code: '97110', minutes: 33, units: 2 }, { code: '97140', minutes: 7, units: 1 }] });
    const f = e.findings.find((x) => x.rule === 'units.low-average');
    expect(f?.severity).toBe('info');
    expect(f?.message).toMatch(/13\.3 minutes/);
    const fine = evaluate({ ...visitOf({}), entries: [{ code: '97112', minutes: 24, units: 2 }, { code: '97110', minutes: 23, units: 1 }] });
    expect(rules(fine)).not.toContain('units.low-average');
  });

  // From a screenshot review: an Aetna visit (per-code method) was told "CMS expects direct contact
  // to average 15 minutes per unit". The expectation is the Medicare manual's (CPM §20.2 C).
  it('low average is said only where Medicare rules apply: not on a commercial plan, per code or counted the CMS way', () => {
    // CPM Example 4 (18/13/10/8 minutes) by the per-code method: 4 units, 1 each (rules-reference §2 table), 12.3 minutes a unit.
    const ex4 = Object.entries({ '97110': 18, '97140': 13, '97116': 10, '97035': 8 }).map(([code, minutes]) => ({ code, minutes, units: 1 }));
    const aetna = evaluate(visitOf({}, { payer: 'Aetna', entries: ex4 }));
    expect(aetna.method).toBe('per-code');
    expect(rules(aetna)).toEqual([]);
    // CPM Example 3 (33 + 7 minutes → 2 + 1 units, 13.3 a unit) for a commercial plan the practice counts the CMS way.
    const ex3 = [{ code: '97110', minutes: 33, units: 2 }, { code: '97140', minutes: 7, units: 1 }];
    const blue = evaluate(visitOf({}, { payer: 'Blue Cross Nebraska', entries: ex3 }), { payerMethods: [{ contains: 'blue cross', method: 'cms' }] });
    expect(blue.method).toBe('cms');
    expect(rules(blue)).not.toContain('units.low-average');
    // Medicare, and a visit with no payer checked by Medicare's rules (the default): still said.
    for (const v of [visitOf({}, { entries: ex3 }), visitOf({}, { payer: undefined, entries: ex3 })]) {
      const f = evaluate(v).findings.find((x) => x.rule === 'units.low-average');
      expect(f?.message).toMatch(/13\.3 minutes per billed timed unit.*CMS expects direct contact to average 15 minutes/);
      expect(f?.source).toMatch(/Ch\. 5 §20\.2 C/);
    }
  });
});

describe('per-code method (rules-reference §2 comparison table)', () => {
  for (const ex of WORKED_EXAMPLES.filter((x) => x.perCode)) {
    it(`${ex.name}: ${ex.perCode!.total} units per code`, () => {
      const e = evaluate(visitOf(ex.minutes, { payer: 'Aetna' }));
      expect(e.method).toBe('per-code');
      expect(e.totalTimedUnits).toBe(ex.perCode!.total);
      expect(withZeros(unitsByCode(e), Object.keys(ex.minutes))).toEqual(ex.perCode!.units);
    });
  }
  it('per code, each code is judged alone: 97110 ×2 for 20 minutes is over-billed', () => {
    const e = evaluate({ payer: 'Aetna', entries: [{ code: '97110', minutes: 20, units: 2 }, { code: '97112', minutes: 20, units: 1 }] });
    const f = e.findings.find((x) => x.rule === 'units.over-billed');
    expect(f?.codes).toEqual(['97110']);
  });
  it('per code, a code under 8 minutes earns nothing (units.not-billable)', () => {
    const e = evaluate({ payer: 'Aetna', entries: [{ code: '97110', minutes: 33 }, { code: '97140', minutes: 7 }] });
    expect(e.findings.find((x) => x.rule === 'units.not-billable')?.codes).toEqual(['97140']);
  });
});

describe('which method applies', () => {
  it('a payer containing "medicare" in any case → CMS; others → per-code; method overrides', () => {
    expect(evaluate(visitOf({ '97110': 20 }, { payer: 'MEDICARE Part B' })).method).toBe('cms');
    expect(evaluate(visitOf({ '97110': 20 }, { payer: 'Humana Medicare Advantage' })).method).toBe('cms');
    expect(evaluate(visitOf({ '97110': 20 }, { payer: 'Blue Cross' })).method).toBe('per-code');
    expect(evaluate(visitOf({ '97110': 20 }, { payer: 'Blue Cross', method: 'cms' })).method).toBe('cms');
    expect(evaluate(visitOf({ '97110': 20 }, { payer: 'Medicare', method: 'per-code' })).method).toBe('per-code');
  });
  it('settings map payer names to methods (Nebraska Blue uses the CMS logic)', () => {
    const e = evaluate(visitOf({ '97112': 20, '97110': 20 }, { payer: 'Nebraska Blue' }), { payerMethods: [{ contains: 'nebraska blue', method: 'cms' }] });
    expect(e.method).toBe('cms');
    expect(e.totalTimedUnits).toBe(3);
  });
  it('no date of service: checked by the rules in force now, and said so (dos.missing); a visit with its date is not told', () => {
    const without = evaluate({ payer: 'Medicare Part B', entries: [{ code: '97110', minutes: 20, units: 1, modifiers: ['GP'] }] });
    const missing = without.findings.find((f) => f.rule === 'dos.missing');
    expect(missing?.severity).toBe('info');
    expect(missing?.fix).toBe('dateOfService');
    const dated = evaluate({ payer: 'Medicare Part B', dateOfService: '2026-03-02', entries: [{ code: '97110', minutes: 20, units: 1, modifiers: ['GP'] }] });
    expect(dated.findings.map((f) => f.rule)).not.toContain('dos.missing');
  });
  it('no payer: CMS assumed and said so (payer.missing)', () => {
    const e = evaluate({ entries: [{ code: '97110', minutes: 20 }] });
    expect(e.method).toBe('cms');
    expect(e.findings.find((f) => f.rule === 'payer.missing')?.severity).toBe('info');
  });
});

describe('untimed, add-on and RTM codes', () => {
  it('§20.2 B: 92521 is 1 unit whatever the minutes, and untimed minutes are not timed minutes', () => {
    const e = evaluate({ payer: 'Medicare', discipline: 'SLP', entries: [{ code: '92521', minutes: 60 }] });
    expect(e.lines).toEqual([expect.objectContaining({ code: '92521', units: 1, modifiers: ['GN'] })]);
    expect(e.totalTimedMinutes).toBe(0);
    expect(e.totalTimedUnits).toBe(0);
  });
  it.each(['97161', '97150', '97010', '97012', '97028', 'G0283', '92507', '92526', '92610', '92522'])('%s is untimed: 1 unit; 2 entered is over-billed', (code) => {
    const e = evaluate({ payer: 'Aetna', entries: [{ code, minutes: 45, units: 2 }] });
    expect(e.lines.find((l) => l.code === code)?.units).toBe(1);
    expect(e.findings.find((f) => f.rule === 'units.over-billed')?.codes).toEqual([code]);
  });
  it('untimed minutes do not join the 8-minute pool (CPM §20.2 NOTE)', () => {
    const e = evaluate(visitOf({ '97110': 20, '97012': 15 }));
    expect(e.totalTimedMinutes).toBe(20);
    expect(unitsByCode(e)).toEqual({ '97110': 1, '97012': 1 });
  });
  it('97129 is once a day: 40 minutes → 97129 ×1 + 97130 ×2', () => {
    const e = evaluate({ payer: 'Medicare', discipline: 'OT', entries: [{ code: '97129', minutes: 40, units: 3 }] });
    expect(unitsByCode(e)).toEqual({ '97129': 1, '97130': 2 });
    const f = e.findings.find((x) => x.rule === 'units.allocation');
    expect(f?.message).toMatch(/once a day/);
  });
  it('97129 + 97130 rows entered correctly raise no unit finding', () => {
    const e = evaluate({ payer: 'Medicare', discipline: 'OT', entries: [{ code: '97129', minutes: 15, units: 1 }, { code: '97130', minutes: 25, units: 2 }] });
    expect(unitsByCode(e)).toEqual({ '97129': 1, '97130': 2 });
    expect(rules(e).filter((r) => r.startsWith('units.') && r !== 'units.low-average')).toEqual([]);
  });
  it.each(['98975', '98977', '98980', '98981', '98985'])('RTM %s is never put through the 8-minute rule', (code) => {
    const e = evaluate({ payer: 'Medicare', discipline: 'PT', dateOfService: '2026-05-01', entries: [{ code, minutes: 25, units: 1 }, { code: '97110', minutes: 10, units: 1 }] });
    expect(e.totalTimedMinutes).toBe(10);
    expect(e.totalTimedUnits).toBe(1);
    expect(unitsByCode(e)[code]).toBe(1);
    expect(e.findings.find((f) => f.rule === 'units.rtm')?.codes).toEqual([code]);
    expect(rules(e)).not.toContain('units.over-billed');
  });
  it('the same code on two rows is one service: minutes add up (FCSO: one line per code and date)', () => {
    const e = evaluate(visitOf({}, { entries: [{ code: '97110', minutes: 10 }, { code: '97110', minutes: 13 }] }));
    expect(e.lines).toEqual([expect.objectContaining({ code: '97110', units: 2 })]);
  });
  it("unreadable minutes: no unit verdict is guessed for the visit; only what holds whatever they are (30 minutes of 97110 never earn 4 units)", () => {
    const e = evaluate({ ...visitOf({}), entries: [{ code: '97110', minutes: 30, units: 4 }, { code: '97116', label: 'Gait training', minutes: null, rawMinutes: '1:5x', units: 1 }] });
    expect(rules(e)).toContain('minutes.unreadable');
    // No visit total ("Bill N timed units"), no verdict on 97116: only 97110's 2 whole units, its remainder 0 (§20.2 C).
    expect(e.findings.filter((f) => f.rule === 'units.over-billed').map((f) => f.headline)).toEqual(['97110: bill 2 units, not 4']);
    // The entered units stay on the claim, marked as unchecked, so pairs and MUEs still see them.
    expect(e.lines.find((l) => l.code === '97116')).toMatchObject({ units: 1, reason: expect.stringMatching(/not checked/) });
  });
});

// Property tests: the rules of §20.2 C must hold for any minutes, not only the examples.
const TIMED = ['97110', '97112', '97116', '97140', '97530', '97535', '97035', '97032', '97750'];
const visitArb = fc
  .uniqueArray(fc.constantFrom(...TIMED), { minLength: 1, maxLength: 8 })
  .chain((codes) => fc.tuple(fc.constant(codes), fc.array(fc.integer({ min: 0, max: 120 }), { minLength: codes.length, maxLength: codes.length })));

describe('CMS method properties (fast-check)', () => {
  it('total units equal the chart units for the total timed minutes; ≥15 min → ≥1, ≥30 → ≥2; never more than one unit beyond whole blocks', () => {
    fc.assert(
      fc.property(visitArb, ([codes, mins]) => {
        const minutes = Object.fromEntries(codes.map((c, i) => [c, mins[i]!]));
        const e = evaluate(visitOf(minutes));
        const total = mins.reduce((a, b) => a + b, 0);
        const units = unitsByCode(e);
        expect(e.totalTimedUnits).toBe(chartUnits(total, CHART));
        expect(Object.values(units).reduce((a, b) => a + b, 0)).toBe(chartUnits(total, CHART));
        for (const [c, m] of Object.entries(minutes)) {
          const u = units[c] ?? 0;
          expect(u).toBeGreaterThanOrEqual(Math.floor(m / 15));
          expect(u).toBeLessThanOrEqual(Math.floor(m / 15) + 1);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('the suggested claim, entered back as units, draws no unit finding', () => {
    fc.assert(
      fc.property(visitArb, ([codes, mins]) => {
        const e = evaluate(visitOf(Object.fromEntries(codes.map((c, i) => [c, mins[i]!]))));
        const units = unitsByCode(e);
        const again = evaluate(visitOf({}, { entries: codes.map((code, i) => ({ code, minutes: mins[i]!, units: units[code] ?? 0 })) }));
        expect(again.findings.map((f) => f.rule).filter((r) => ['units.over-billed', 'units.under-billed', 'units.allocation'].includes(r))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
