import { describe, expect, it } from 'vitest';
import { evaluate, resolveSettings } from '../../lib/rules/evaluate';
import { buildContext } from '../../lib/rules/context';
import { builtInRuleData, loadRuleData } from '../../lib/rules/data';
import type { PtpRow } from '../../lib/rules/data/schema';
import { activePtpRow } from '../../lib/rules/pairs';
import type { PayerPolicyRow } from '../../lib/rules/data';
import { commercial, lineText, medicarePT, ofRule, one, rules, testPack } from './helpers';

// NCCI procedure-to-procedure edits (rules-reference §4), the therapy policies of NCCI Ch. XI,
// and payer pair policies.

const ptpRow = (over: Partial<PtpRow>): PtpRow => ({
  column1: '97530',
  column2: '97116',
  effective: '2020-10-01',
  deleted: null,
  modifierIndicator: 1,
  rationale: 'Mutually exclusive procedures',
  source: 'synthetic test row',
  confidence: 'primary',
  ...over,
});

const packWith = (ptp: PtpRow[]) => testPack({ ptp });

const pairFindings = (e: ReturnType<typeof evaluate>) => e.findings.filter((f) => f.rule.startsWith('pair.'));

describe('pair.modifier-required (indicator 1)', () => {
  const visit = (mods97530: string[]) =>
    medicarePT([
      { code: '97140', minutes: 15, modifiers: ['GP'] },
      { code: '97530', minutes: 15, modifiers: mods97530 },
    ]);

  it('rules-reference §4.3 (CMS Example 9, WebPT) + NCCI Ch. XI §P.2: 97140/97530 without a modifier → error naming XU/59 on 97530, the column 2 code, for separate time blocks only', () => {
    const e = evaluate(visit(['GP']));
    const f = one(e, 'pair.modifier-required');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97140', '97530']);
    expect(f.message).toMatch(/97140 \(column 1\)/);
    expect(f.message).toMatch(/97530 \(column 2\)/);
    expect(f.message).toMatch(/XU or 59 on 97530/);
    expect(f.message).toMatch(/separate 15-minute time intervals/);
    expect(f.message).toMatch(/never for the same time block/);
    expect(f.source).toMatch(/97140\/97530 \(indicator 1/);
    expect(f.source).toMatch(/STARTER/);
    // The suggested claim must not quietly gain the bypass modifier.
    expect(lineText(e)).toEqual(['97140 ×1 GP', '97530 ×1 GP']);
  });

  // From a screenshot review: the card's source said "built-in STARTER table…" in plain text only.
  it('rules-reference §4.3 ("No row below was checked against the current CMS file"): a finding from the built-in starter table says so as data; one from an imported CMS file does not', () => {
    expect(one(evaluate(visit(['GP'])), 'pair.modifier-required').starterData).toBe('ptp');
    expect(one(evaluate(visit(['GP', 'XU'])), 'pair.modifier-required').starterData).toBe('ptp');
    const imported = loadRuleData(packWith([ptpRow({ column1: '97140', column2: '97530', modifierIndicator: 1 })]));
    const f = one(evaluate(visit(['GP']), undefined, imported), 'pair.modifier-required');
    expect(f.source).not.toMatch(/STARTER/);
    expect(f.starterData).toBeUndefined();
  });

  it('NCCI Ch. I §E ("shall NOT be used to bypass … unless the proper criteria are met"): a form without modifiers still gets no 59/XU on the lines', () => {
    const e = evaluate(medicarePT([{ code: '97140', minutes: 15 }, { code: '97530', minutes: 15 }]));
    expect(one(e, 'pair.modifier-required').severity).toBe('error');
    for (const l of e.lines) expect(l.modifiers.some((m) => ['59', 'XE', 'XS', 'XP', 'XU'].includes(m))).toBe(false);
  });

  it('NCCI Ch. XI §P.2 (59 or XU for different timed intervals): XU entered on 97530 → info only, and the line keeps XU as entered', () => {
    const e = evaluate(visit(['GP', 'XU']));
    const f = one(e, 'pair.modifier-required');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/97530 carries XU/);
    expect(f.message).toMatch(/separate 15-minute time intervals/);
    expect(e.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(lineText(e)).toEqual(['97140 ×1 GP', '97530 ×1 GP+XU']);
  });

  it('rules-reference §4.2 (the modifier goes on the column 2 code): XU on 97140 instead of 97530 does not bypass the edit', () => {
    const e = evaluate(
      medicarePT([
        { code: '97140', minutes: 15, modifiers: ['GP', 'XU'] },
        { code: '97530', minutes: 15, modifiers: ['GP'] },
      ]),
    );
    expect(one(e, 'pair.modifier-required').severity).toBe('error');
  });

  it('NCCI Ch. I §E (XS = separate structure, XU = non-overlapping service): XS on 97530 bypasses the edit, and the finding says the row names XU or 59', () => {
    const f = one(evaluate(visit(['GP', 'XS'])), 'pair.modifier-required');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/97530 carries XS/);
    expect(f.message).toMatch(/names XU or 59 for this pair/);
    expect(f.action).toMatch(/Use XU instead of XS/);
  });

  it('NCCI Ch. XI §P.2 / rules-reference §4.3: the edit applies under a commercial payer too (the NCCI table is not Medicare-only in the engine)', () => {
    const e = evaluate(commercial([{ code: '97140', minutes: 15 }, { code: '97530', minutes: 15 }]));
    expect(one(e, 'pair.modifier-required').codes).toEqual(['97140', '97530']);
  });
});

describe('pair.not-allowed (indicator 0), indicator 9 and dates (imported PTP data)', () => {
  it('MLN1783722 (CCMI 0: column 2 denied, no modifier allowed): an indicator-0 row fires even with 59 on the column 2 code', () => {
    const data = loadRuleData(packWith([ptpRow({ modifierIndicator: 0 })]));
    const e = evaluate(
      medicarePT([
        { code: '97530', minutes: 15, modifiers: ['GP'] },
        { code: '97116', minutes: 15, modifiers: ['GP', '59'] },
      ]),
      undefined,
      data,
    );
    const f = one(e, 'pair.not-allowed');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97530', '97116']);
    expect(f.message).toMatch(/no modifier bypasses/);
    expect(f.message).toMatch(/97116, the column 2 code, would be denied/);
    expect(f.source).toMatch(/indicator 0/);
    expect(f.source).toMatch(/CMS data pack test-ptp/);
    expect(ofRule(e, 'pair.modifier-required')).toEqual([]);
  });

  it('NCCI Ch. I §E (CCMI 9 = modifiers not specified, used when deletion = effective date): an indicator-9 row is ignored, even on its own date', () => {
    const data = loadRuleData(packWith([ptpRow({ column1: '97140', column2: '97530', effective: '2020-01-01', deleted: '2020-01-01', modifierIndicator: 9 })]));
    const e = evaluate(medicarePT([{ code: '97140', minutes: 15 }, { code: '97530', minutes: 15 }], { dateOfService: '2020-01-01' }), undefined, data);
    expect(pairFindings(e)).toEqual([]);
  });

  it('rules-reference §4.4 (effective and deletion dates): the row in force on the date of service is the one applied', () => {
    const data = loadRuleData(
      packWith([
        ptpRow({ effective: '2021-01-01', deleted: '2023-12-31', modifierIndicator: 0 }),
        ptpRow({ effective: '2024-01-01', deleted: null, modifierIndicator: 1 }),
      ]),
    );
    const on = (dateOfService: string) => evaluate(medicarePT([{ code: '97530', minutes: 15 }, { code: '97116', minutes: 15 }], { dateOfService }), undefined, data);
    expect(pairFindings(on('2020-06-01'))).toEqual([]);
    expect(pairFindings(on('2022-06-01')).map((f) => [f.rule, f.severity])).toEqual([['pair.not-allowed', 'error']]);
    expect(pairFindings(on('2025-06-02')).map((f) => [f.rule, f.severity])).toEqual([['pair.modifier-required', 'error']]);
    // activePtpRow on its own picks the same rows.
    const row = (dos: string) => activePtpRow(buildContext(medicarePT([], { dateOfService: dos }), resolveSettings(), data), '97530', '97116');
    expect(row('2022-06-01')?.modifierIndicator).toBe(0);
    expect(row('2025-06-02')?.modifierIndicator).toBe(1);
    expect(row('2020-06-01')).toBeUndefined();
  });

  it('APTA 2020-09-02 (97150/97110 reinstated 2020-10-01): the built-in row does not apply before its effective date', () => {
    const visit = (dateOfService: string) => medicarePT([{ code: '97150', minutes: 30 }, { code: '97110', minutes: 15 }], { dateOfService });
    expect(pairFindings(evaluate(visit('2020-09-15')))).toEqual([]);
    const f = one(evaluate(visit('2020-10-15')), 'pair.modifier-required');
    expect(f.codes).toEqual(['97150', '97110']);
    expect(f.message).toMatch(/on 97110/);
  });

  // Medicare LCD text quoted at AAPC (thread 67683): "the group therapy CPT code (97150) and the
  // direct one-on-one 15-minute CPT codes for therapeutic procedures (97110 - 97542) are subject
  // to NCCI", with 59 when the sessions were separate; Eli's Rehab Report (AAPC): 97112 is
  // mutually exclusive to 97150, a modifier bypasses it.
  it.each(['97112', '97113', '97116', '97124', '97140', '97530', '97535', '97542'])('group therapy 97150 with one-on-one %s on one date needs a modifier on the one-on-one code', (code) => {
    const visit = (modifiers: string[]) => medicarePT([{ code: '97150', modifiers: ['GP'] }, { code, minutes: 15, modifiers: ['GP', ...modifiers] }], { dateOfService: '2026-03-16' });
    const f = one(evaluate(visit([])), 'pair.modifier-required');
    expect(f.codes).toEqual(['97150', code]);
    expect(f.message).toMatch(new RegExp(`on ${code}`));
    expect(f.source).toMatch(/ptp\.json|97150/);
    expect(f.severity).toBe('error');
    // Separate sessions, said with XU on the one-on-one code: allowed, with a note on when XU is right.
    expect(ofRule(evaluate(visit(['XU'])), 'pair.modifier-required').map((n) => n.severity)).toEqual(['info']);
  });

  it('the cognitive-function codes 97129/97130 (created in 2020, after that LCD text) are not paired with 97150 without a source', () => {
    expect(pairFindings(evaluate(medicarePT([{ code: '97150' }, { code: '97129', minutes: 15 }], { dateOfService: '2026-03-16' })))).toEqual([]);
  });
});

describe('pair.one-eval-per-day (NCCI Ch. XI §P.1)', () => {
  it('NCCI Ch. XI §P.1: PT evaluation 97161 and PT re-evaluation 97164 on one date → error', () => {
    const e = evaluate(medicarePT([{ code: '97161' }, { code: '97164' }]));
    const f = one(e, 'pair.one-eval-per-day');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97161', '97164']);
    expect(f.source).toMatch(/§P\.1/);
    // The generic PTP check does not repeat it.
    expect(ofRule(e, 'pair.modifier-required')).toEqual([]);
  });

  it('NCCI Ch. XI §P.1: one OT evaluation billed as 2 units is also two evaluations', () => {
    const e = evaluate(medicarePT([{ code: '97166', units: 2, modifiers: ['GO'] }], { discipline: 'OT' }));
    const f = one(e, 'pair.one-eval-per-day');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/97166 ×2/);
  });

  it('NCCI Ch. XI §P.1 ("performed by 2 different practitioners … both may be reported"): PT eval + OT eval → warning only', () => {
    const e = evaluate({ payer: 'Medicare', dateOfService: '2026-03-02', entries: [{ code: '97161' }, { code: '97165' }] });
    const f = one(e, 'pair.one-eval-per-day');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97161', '97165']);
    expect(f.message).toMatch(/two different practitioners/);
  });
});

describe('pair.reevaluation (NCCI Ch. XI §P.3)', () => {
  it('NCCI Ch. XI §P.3: 97164 with 97110 and no modifier → error telling to append 59 or XU to 97164', () => {
    const e = evaluate(medicarePT([{ code: '97164' }, { code: '97110', minutes: 20 }]));
    const f = one(e, 'pair.reevaluation');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97164', '97110']);
    expect(f.action).toMatch(/59 or XU to 97164/);
    expect(f.message).toMatch(/routine re-evaluations/);
    expect(f.source).toMatch(/§P\.3/);
    expect(f.source).toMatch(/97110\/97164/);
    expect(ofRule(e, 'pair.modifier-required')).toEqual([]);
  });

  it('NCCI Ch. XI §P.3: with XU on 97164 → info (valid only if the status changed)', () => {
    const e = evaluate(medicarePT([{ code: '97164', modifiers: ['GP', 'XU'] }, { code: '97110', minutes: 20, modifiers: ['GP'] }]));
    const f = one(e, 'pair.reevaluation');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/status changed/);
    expect(lineText(e)).toContain('97164 ×1 GP+XU');
  });

  it('NCCI Ch. XI §P.3 (modifier appended to 97164): XU on 97110 instead does not count', () => {
    const e = evaluate(medicarePT([{ code: '97164', modifiers: ['GP'] }, { code: '97110', minutes: 20, modifiers: ['GP', 'XU'] }]));
    expect(one(e, 'pair.reevaluation').severity).toBe('error');
  });

  it('NCCI Ch. XI §P.3 names 59 or XU: XS on the re-evaluation → warning', () => {
    const e = evaluate(medicarePT([{ code: '97164', modifiers: ['GP', 'XS'] }, { code: '97110', minutes: 20, modifiers: ['GP'] }]));
    const f = one(e, 'pair.reevaluation');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/59 or XU/);
  });

  it('NCCI Ch. XI §P.3 applies to re-evaluations only: initial evaluation 97161 with 97110 is not a re-evaluation finding', () => {
    const e = evaluate(medicarePT([{ code: '97161' }, { code: '97110', minutes: 20 }]));
    expect(rules(e)).not.toContain('pair.reevaluation');
  });
});

describe('pair.eval-with-test (NCCI Ch. XI §P.8)', () => {
  it('NCCI Ch. XI §P.8: 97750 on the same date as 97161 → warning (only different specialties may report both)', () => {
    const e = evaluate(medicarePT([{ code: '97161' }, { code: '97750', minutes: 20 }]));
    const f = one(e, 'pair.eval-with-test');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97750', '97161']);
    expect(f.message).toMatch(/two PTs may not/);
    expect(f.source).toMatch(/§P\.8/);
  });

  it('NCCI Ch. XI §P.8: with an NCCI modifier entered → info', () => {
    const e = evaluate(medicarePT([{ code: '97161', modifiers: ['GP'] }, { code: '97750', minutes: 20, modifiers: ['GP', 'XP'] }]));
    expect(one(e, 'pair.eval-with-test').severity).toBe('info');
  });

  it('NCCI Ch. XI §P.8: 97760 (orthotic, initial) with re-evaluation 97164 is the same rule', () => {
    const e = evaluate(medicarePT([{ code: '97164', modifiers: ['GP', 'XU'] }, { code: '97760', minutes: 20, modifiers: ['GP'] }]));
    expect(one(e, 'pair.eval-with-test').codes).toEqual(['97760', '97164']);
  });
});

describe('pair.cmt-region (NCCI Ch. XI §S)', () => {
  it('NCCI Ch. XI §S: manipulation 98940 with 97140 and no modifier → error', () => {
    const e = evaluate(medicarePT([{ code: '98940' }, { code: '97140', minutes: 20 }]));
    const f = one(e, 'pair.cmt-region');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['98940', '97140']);
    expect(f.action).toMatch(/XS \(or 59\)/);
    expect(f.source).toMatch(/§S/);
    expect(ofRule(e, 'pair.modifier-required')).toEqual([]);
  });

  it('NCCI Ch. XI §S (59 or XS when done in a different region): XS on 97140 → info', () => {
    const e = evaluate(medicarePT([{ code: '98940', modifiers: [] }, { code: '97140', minutes: 20, modifiers: ['GP', 'XS'] }]));
    const f = one(e, 'pair.cmt-region');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/different region/);
  });

  it('NCCI Ch. XI §S (modifier on the 97xxx code, healthnetworksolutions): XS on 98940 does not count; XU on 97140 is not the §S modifier', () => {
    const onCmt = evaluate(medicarePT([{ code: '98940', modifiers: ['XS'] }, { code: '97140', minutes: 20, modifiers: ['GP'] }]));
    expect(one(onCmt, 'pair.cmt-region').severity).toBe('error');
    const xu = evaluate(medicarePT([{ code: '98941', modifiers: [] }, { code: '97112', minutes: 20, modifiers: ['GP', 'XU'] }]));
    expect(one(xu, 'pair.cmt-region').severity).toBe('error');
  });
});

describe('pair.payer-policy (payer overrides, settings.payerPolicies)', () => {
  const acme: PayerPolicyRow = {
    payerContains: 'acme health',
    column1: '97140',
    column2: '97530',
    policy: 'deny-together',
    note: 'Fictional test payer: denies 97530 with 97140 even with modifier 59.',
    effective: '2024-01-01',
    deleted: null,
    source: 'test policy (fictional payer)',
    confidence: 'unconfirmed',
  };
  const visit = (payer: string) =>
    commercial([{ code: '97140', minutes: 15, modifiers: ['59'] }, { code: '97530', minutes: 15, modifiers: ['59'] }], { payer });

  it('issue #2 (payer overrides by payer name): "Acme Health PPO" denies 97530 with 97140 even with 59 → error', () => {
    const e = evaluate(visit('Acme Health PPO'), { payerPolicies: [acme] });
    const f = one(e, 'pair.payer-policy');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97140', '97530']);
    expect(f.message).toMatch(/Acme Health PPO denies 97530 with 97140/);
    expect(f.message).toMatch(/even with modifier 59/);
    expect(f.source).toMatch(/acme health/);
  });

  it('issue #2: a different payer is unaffected by Acme\'s policy', () => {
    const e = evaluate(visit('Aetna Choice POS II'), { payerPolicies: [acme] });
    expect(ofRule(e, 'pair.payer-policy')).toEqual([]);
  });

  it('issue #2: a policy is applied only while in force on the date of service', () => {
    const e = evaluate({ ...visit('Acme Health PPO'), dateOfService: '2023-06-01' }, { payerPolicies: [acme] });
    expect(ofRule(e, 'pair.payer-policy')).toEqual([]);
  });

  it('issue #2: a "modifier-required" payer policy is met by an NCCI modifier on the column 2 code', () => {
    const row: PayerPolicyRow = { ...acme, policy: 'modifier-required', note: 'Fictional: needs 59 on 97530.' };
    expect(ofRule(evaluate(visit('Acme Health PPO'), { payerPolicies: [row] }), 'pair.payer-policy')).toEqual([]);
    const without = commercial([{ code: '97140', minutes: 15 }, { code: '97530', minutes: 15 }], { payer: 'ACME HEALTH' });
    expect(one(evaluate(without, { payerPolicies: [row] }), 'pair.payer-policy').message).toMatch(/requires a modifier on 97530/);
  });

  it('payer-policies.json ships empty (no confirmed commercial policy): the built-in data alone raises nothing', () => {
    expect(builtInRuleData().payerPolicies).toEqual([]);
    expect(ofRule(evaluate(visit('Acme Health PPO')), 'pair.payer-policy')).toEqual([]);
  });
});

// From a review with screenshots (2026-12-05): "97530: add XU if separate from 97140" was
// marked on the 97140 row's modifiers too, and "Show on page" went there first; XU on the
// column 1 line leaves the edit in place (NCCI Ch. I §E: the modifier goes on the column 2 code).
describe('which line a pair finding points at: the column 2 code’s, the one to change', () => {
  const keyed = (lines: { code: string; minutes: number; modifiers?: string[] }[]) => lines.map((l, i) => ({ ...l, fieldKey: `r${i}:code` }));

  it('pair.modifier-required: only 97530’s line, whichever order the lines come in', () => {
    for (const order of [['97140', '97530'], ['97530', '97140']]) {
      const visit = medicarePT(keyed(order.map((code) => ({ code, minutes: 15, modifiers: ['GP'] }))));
      const f = one(evaluate(visit), 'pair.modifier-required');
      expect(f.fieldKeys).toEqual([`r${order.indexOf('97530')}:code`]);
      expect(f.entries).toEqual([order.indexOf('97530')]);
    }
  });

  it('pair.not-allowed: the column 2 code’s line (the one to drop)', () => {
    const data = loadRuleData(packWith([ptpRow({ modifierIndicator: 0 })]));
    const e = evaluate(medicarePT(keyed([{ code: '97530', minutes: 15, modifiers: ['GP'] }, { code: '97116', minutes: 15, modifiers: ['GP'] }])), undefined, data);
    expect(one(e, 'pair.not-allowed').fieldKeys).toEqual(['r1:code']);
  });

  it('pair.payer-policy: the column 2 code’s line', () => {
    const acme: PayerPolicyRow = { payerContains: 'acme', column1: '97140', column2: '97530', policy: 'modifier-required', note: 'Fictional test payer.', effective: '2024-01-01', deleted: null, source: 'test policy (fictional payer)', confidence: 'unconfirmed' };
    const e = evaluate(commercial(keyed([{ code: '97530', minutes: 15 }, { code: '97140', minutes: 15 }]), { payer: 'Acme' }), { payerPolicies: [acme] });
    expect(one(e, 'pair.payer-policy').fieldKeys).toEqual(['r0:code']);
  });
});
