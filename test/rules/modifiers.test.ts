import { describe, expect, it } from 'vitest';
import { evaluate, resolveSettings } from '../../lib/rules/evaluate';
import { buildContext } from '../../lib/rules/context';
import { builtInRuleData } from '../../lib/rules/data';
import { assistantUnits } from '../../lib/rules/modifiers';
import { commercial, lineText, medicarePT, ofRule, one, rules } from './helpers';

// Medicare therapy modifiers (rules-reference §6): GP/GO/GN for the plan of care, CQ/CO for
// assistant time by the de minimis standard and its CY2022 exceptions, KX past the threshold.

describe('modifier.discipline-missing (CPM §20.1)', () => {
  it('CPM §20.1: Medicare, modifiers entered without GP → error; the suggested line carries GP', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 30, modifiers: [] }]));
    const f = one(e, 'modifier.discipline-missing');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97110']);
    expect(f.action).toMatch(/Add GP to 97110/);
    expect(f.source).toMatch(/§20\.1/);
    expect(lineText(e)).toEqual(['97110 ×2 GP']);
  });

  it.each([
    ['PT', '97110', 'GP'],
    ['OT', '97530', 'GO'],
    ['SLP', '92507', 'GN'],
  ] as const)('CPM §20.1 (GP/GO/GN per plan of care): a %s visit\'s %s line carries %s', (discipline, code, mod) => {
    const e = evaluate(medicarePT([{ code, minutes: 30 }], { discipline }));
    expect(e.lines.map((l) => l.modifiers[0])).toEqual([mod]);
    // No modifiers field on the form: nothing to report, the suggestion carries it.
    expect(ofRule(e, 'modifier.discipline-missing')).toEqual([]);
  });

  it('CPM §20.1 (evaluations carry their own discipline): PT and OT evaluations on one visit get GP and GO', () => {
    const e = evaluate({ payer: 'Medicare', dateOfService: '2026-03-02', entries: [{ code: '97161' }, { code: '97165' }] });
    expect(lineText(e)).toEqual(['97161 ×1 GP', '97165 ×1 GO']);
  });

  it('CPM §20.1: a Medicare visit that names no discipline cannot choose GP/GO/GN → warning', () => {
    const e = evaluate({ payer: 'Medicare', dateOfService: '2026-03-02', entries: [{ code: '97110', minutes: 30 }] });
    const f = one(e, 'modifier.discipline-missing');
    expect(f.severity).toBe('warning');
    expect(e.lines[0]!.modifiers).toEqual([]);
  });

  it('CPM §20.1 is a Medicare rule: a commercial visit is not given GP and gets no finding', () => {
    const e = evaluate(commercial([{ code: '97110', minutes: 30, modifiers: [] }]));
    expect(rules(e).filter((r) => r.startsWith('modifier.'))).toEqual([]);
    expect(lineText(e)).toEqual(['97110 ×2']);
  });
});

describe('modifier.discipline-mismatch (CPM §20.1; BPM §220.1.2)', () => {
  it('CPM §20.1: GO on a line of a PT visit → error; the suggested line carries GP', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 30, modifiers: ['GO'] }]));
    const f = one(e, 'modifier.discipline-mismatch');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/GO/);
    expect(f.message).toMatch(/needs GP/);
    expect(lineText(e)).toEqual(['97110 ×2 GP']);
  });

  it('CPM §20.1 institutional edits (no more than one of GN/GO/GP per line): GP and GO together → error', () => {
    const f = one(evaluate(medicarePT([{ code: '97110', minutes: 30, modifiers: ['GP', 'GO'] }])), 'modifier.discipline-mismatch');
    expect(f.message).toMatch(/only one of GP\/GO\/GN/);
  });

  it('BPM §220.1.2 ("a physical therapist may not provide services under an occupational therapist plan of care"): OT evaluation 97165 on a PT visit → error', () => {
    const e = evaluate(medicarePT([{ code: '97165', modifiers: ['GO'] }]));
    const f = one(e, 'modifier.discipline-mismatch');
    expect(f.codes).toEqual(['97165']);
    expect(f.message).toMatch(/belongs to OT/);
    expect(f.message).toMatch(/PT plan of care/);
  });

  it('CMS Therapy Services page / CPM §20.1 (CQ pairs with GP, CO with GO; unpaired claims are rejected): CQ on an OT line → error, and the line carries CO', () => {
    const e = evaluate(medicarePT([{ code: '97530', minutes: 30, modifiers: ['GO', 'CQ'] }], { discipline: 'OT' }));
    const f = one(e, 'modifier.discipline-mismatch');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97530']);
    expect(f.message).toMatch(/CQ/);
    expect(f.message).toMatch(/CO only with GO/);
    expect(lineText(e)).toEqual(['97530 ×2 GO+CO']);
  });

  it('CPM §20.1 (CQ is for PTAs, CO for OTAs; SLP has neither): CQ on an SLP line → error, and the line drops it', () => {
    const e = evaluate(medicarePT([{ code: '92507', minutes: 30, modifiers: ['GN', 'CQ'] }], { discipline: 'SLP' }));
    const f = one(e, 'modifier.discipline-mismatch');
    expect(f.message).toMatch(/an SLP plan of care/);
    expect(f.action).toMatch(/no assistant modifier for SLP/);
    expect(lineText(e)).toEqual(['92507 ×1 GN']);
  });

  it('CPM §20.1: CO on a PT line with assistant minutes → mismatch, and CQ is still required on the assistant\'s unit', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 30, assistantMinutes: 30, modifiers: ['GP', 'CO'] }]));
    expect(one(e, 'modifier.discipline-mismatch').message).toMatch(/CO/);
    expect(one(e, 'modifier.assistant').severity).toBe('error');
    expect(lineText(e)).toEqual(['97110 ×2 GP+CQ']);
  });
});

describe('modifier.assistant: de minimis standard and CY2022 exceptions (CMS Therapy Services page)', () => {
  it('CMS CQ/CO billing examples, scenario 1 (rules-reference §6): PTA 23 min 97110 + PT 13 min 97110 + PT 30 min 97140 = 66 min = 4 units; 97110 1×CQ + 1 without, 97140 2 without', () => {
    const e = evaluate(
      medicarePT([
        { code: '97110', label: 'Ther ex (PTA)', minutes: 23, assistantMinutes: 23 },
        { code: '97110', label: 'Ther ex (PT)', minutes: 13 },
        { code: '97140', label: 'Manual (PT)', minutes: 30 },
      ]),
    );
    expect(e.totalTimedMinutes).toBe(66);
    expect(e.totalTimedUnits).toBe(4);
    // The PTA's first 15 minutes are a whole unit (CQ); the last unit is PTA 8 + PT 13, and the PT's ≥ 8 minutes keep it without CQ (exception 1).
    expect(lineText(e)).toEqual(['97110 ×1 GP+CQ', '97110 ×1 GP', '97140 ×2 GP']);
    const f = one(e, 'modifier.assistant');
    expect(f.severity).toBe('info');
    expect(f.codes).toEqual(['97110']);
    expect(f.message).toMatch(/23 minutes of 97110's 36 minutes/);
    expect(f.message).toMatch(/1 unit of 2 needs CQ/);
  });

  it('CPM §20.1 (CQ required from 2020): the same scenario with modifiers entered and no CQ → error', () => {
    const e = evaluate(
      medicarePT([
        { code: '97110', minutes: 36, assistantMinutes: 23, modifiers: ['GP'] },
        { code: '97140', minutes: 30, modifiers: ['GP'] },
      ]),
    );
    const f = one(e, 'modifier.assistant');
    expect(f.severity).toBe('error');
    expect(f.action).toMatch(/1 ×CQ and 1 without/);
  });

  it('de minimis standard: assistant 3 of 45 minutes (under 10%, and every unit has the PT\'s ≥ 8 minutes) → no CQ', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 45, assistantMinutes: 3 }]));
    expect(lineText(e)).toEqual(['97110 ×3 GP']);
    expect(ofRule(e, 'modifier.assistant')).toEqual([]);
  });

  it('APTA quick guide (the 10% test applies per billed unit, rules-reference §6): PT 21 + PTA 2 = 23 min; the 2nd unit is PT 6 + PTA 2, so it needs CQ', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 23, assistantMinutes: 2 }]));
    expect(lineText(e)).toEqual(['97110 ×1 GP+CQ', '97110 ×1 GP']);
  });

  it('CY2022 exception 1: the final unit, PT ≥ 8 minutes → no CQ (PTA 30 + PT 8 = 38 min: 2×CQ + 1 without)', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 38, assistantMinutes: 30 }]));
    expect(lineText(e)).toEqual(['97110 ×2 GP+CQ', '97110 ×1 GP']);
  });

  it('CY2022 exception 1 does not apply under 8 PT minutes: PTA 10 + PT 5 = 15 min → the unit carries CQ (therapycomply, 2022 rule example A)', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 15, assistantMinutes: 10 }]));
    expect(lineText(e)).toEqual(['97110 ×1 GP+CQ']);
  });

  it.each([
    [23, 14, 'PT 9 + PTA 14'],
    [23, 9, 'PT 14 + PTA 9'],
    [28, 14, 'PT 14 + PTA 14'],
  ])('CY2022 exception 2: two units left, each 9–14 min, combined 23–28 → one with CQ, one without (%i min, assistant %i: %s)', (minutes, assistantMinutes) => {
    const e = evaluate(medicarePT([{ code: '97110', minutes, assistantMinutes }]));
    expect(lineText(e)).toEqual(['97110 ×1 GP+CQ', '97110 ×1 GP']);
  });

  it('CPM §20.1 (CO: OT furnished in whole or in part by an OTA): an OTA\'s 30 minutes of 97530 → 2 units with GO+CO', () => {
    const e = evaluate(medicarePT([{ code: '97530', minutes: 30, assistantMinutes: 30, modifiers: ['GO'] }], { discipline: 'OT' }));
    expect(lineText(e)).toEqual(['97530 ×2 GO+CO']);
    const f = one(e, 'modifier.assistant');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/2 units of 2 need CO/);
    expect(f.message).toMatch(/85%/);
  });

  it('de minimis standard: CQ entered when no unit needs it → warning (CQ cuts payment to 85%), and the suggested line drops it', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 45, assistantMinutes: 3, modifiers: ['GP', 'CQ'] }]));
    const f = one(e, 'modifier.assistant');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/carries CQ/);
    expect(f.message).toMatch(/85%/);
    expect(lineText(e)).toEqual(['97110 ×3 GP']);
  });

  it('CPM §20.1: CQ entered on a form without assistant minutes is kept (Unitwise cannot judge it)', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 30, modifiers: ['GP', 'CQ'] }]));
    expect(ofRule(e, 'modifier.assistant')).toEqual([]);
    expect(lineText(e)).toEqual(['97110 ×2 GP+CQ']);
  });

  it('CPM §20.1 (CQ/CO required from dates of service 2020-01-01): not judged before then', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 30, assistantMinutes: 30 }], { dateOfService: '2019-11-04' }));
    expect(lineText(e)).toEqual(['97110 ×2 GP']);
    expect(ofRule(e, 'modifier.assistant')).toEqual([]);
  });

  it('APTA quick guide (untimed codes: 10% of the whole service): an assistant\'s 10 of 30 minutes of group therapy 97150 → CQ', () => {
    const e = evaluate(medicarePT([{ code: '97150', minutes: 30, assistantMinutes: 10 }]));
    expect(lineText(e)).toEqual(['97150 ×1 GP+CQ']);
    const tiny = evaluate(medicarePT([{ code: '97150', minutes: 30, assistantMinutes: 3 }]));
    expect(lineText(tiny)).toEqual(['97150 ×1 GP']);
  });

  it('APTA quick guide (per billed unit) with 97129 once a day + add-on 97130: OTA 30 of 45 minutes → 2 of the 3 units carry CO, counted over the whole service', () => {
    const e = evaluate(medicarePT([{ code: '97129', label: 'Cognitive training (OTA + OT)', minutes: 45, assistantMinutes: 30 }], { discipline: 'OT' }));
    const co = e.lines.filter((l) => l.modifiers.includes('CO')).reduce((n, l) => n + l.units, 0);
    expect(e.lines.reduce((n, l) => n + l.units, 0)).toBe(3);
    expect(co).toBe(2);
    expect(e.lines.find((l) => l.code === '97129')?.units).toBe(1);
  });

  it('assistantUnits on its own: whole units by one person, then the CY2022 exceptions', () => {
    const ctx = buildContext(medicarePT([]), resolveSettings(), builtInRuleData());
    // minutes, assistant minutes, units → units needing CQ
    expect(assistantUnits(36, 23, 2, ctx)).toBe(1); // CMS scenario 1
    expect(assistantUnits(45, 3, 3, ctx)).toBe(0); // de minimis
    expect(assistantUnits(30, 15, 2, ctx)).toBe(1); // one whole unit each
    expect(assistantUnits(60, 60, 4, ctx)).toBe(4); // all by the assistant
    expect(assistantUnits(30, 0, 2, ctx)).toBe(0); // all by the therapist
    expect(assistantUnits(23, 15, 2, ctx)).toBe(1); // PTA whole unit + PT 8 on the final unit (exception 1)
    expect(assistantUnits(30, 8, 2, ctx)).toBe(1); // PT 15 + (PT 7, PTA 8): final unit PT < 8 → CQ
  });
});

describe('modifier.kx (CPM §10.3.3; thresholds.json)', () => {
  const visit = (modifiers: string[], dateOfService = '2026-03-02') => medicarePT([{ code: '97110', minutes: 30, modifiers }], { dateOfService });

  it('CMS Therapy Services page (CR 14252, 2026 threshold $2,480): spend $2,500 → KX needed; the message says only this clinic\'s spend is known', () => {
    const e = evaluate(visit(['GP']), { ytdTherapySpend: { ptSlp: 2500 } });
    const f = one(e, 'modifier.kx');
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/\$2,500/);
    expect(f.message).toMatch(/2026 KX threshold of \$2,480/);
    expect(f.message).toMatch(/PT and SLP combined/);
    expect(f.message).toMatch(/this clinic's known spend \(as entered in settings\)/);
    expect(f.source).toMatch(/§10\.3\.3/);
    expect(lineText(e)).toEqual(['97110 ×2 GP+KX']);
  });

  it('issue #2 ("reaches the year\'s threshold"): spend exactly $2,480 in 2026 → KX', () => {
    expect(lineText(evaluate(visit(['GP']), { ytdTherapySpend: { ptSlp: 2480 } }))).toEqual(['97110 ×2 GP+KX']);
  });

  it('rules-reference §6 (2025 threshold $2,410, secondary sources): spend $2,450 needs KX in 2025 but not in 2026', () => {
    const y2025 = evaluate(visit(['GP'], '2025-03-03'), { ytdTherapySpend: { ptSlp: 2450 } });
    expect(one(y2025, 'modifier.kx').message).toMatch(/2025 KX threshold of \$2,410/);
    const y2026 = evaluate(visit(['GP']), { ytdTherapySpend: { ptSlp: 2450 } });
    expect(ofRule(y2026, 'modifier.kx')).toEqual([]);
    expect(lineText(y2026)).toEqual(['97110 ×2 GP']);
  });

  it('CPM §10.3.3 ("Use of the KX modifier when there is no indication that the cap is likely to be exceeded is abusive"): spend below the threshold with KX entered → warning', () => {
    const e = evaluate(visit(['GP', 'KX']), { ytdTherapySpend: { ptSlp: 2000 } });
    const f = one(e, 'modifier.kx');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/\$2,000/);
    expect(f.message).toMatch(/\$2,480/);
    expect(f.message).toMatch(/abusive/);
    expect(f.message).toMatch(/this clinic's known spend \(as entered in settings\)/);
  });

  it('rules-reference §6 (a separate amount for OT): an OT visit is judged on the OT spend', () => {
    const e = evaluate(medicarePT([{ code: '97530', minutes: 30 }], { discipline: 'OT' }), { ytdTherapySpend: { ptSlp: 0, ot: 2500 } });
    expect(lineText(e)).toEqual(['97530 ×2 GO+KX']);
    const pt = evaluate(medicarePT([{ code: '97110', minutes: 30 }]), { ytdTherapySpend: { ptSlp: 0, ot: 2500 } });
    expect(lineText(pt)).toEqual(['97110 ×2 GP']);
  });

  it('per visit (issue 15): a December 2025 and a January 2026 visit each with its own spend, judged against its own year (CMS: $2,410 in 2025, $2,480 in 2026)', () => {
    const dec = medicarePT([{ code: '97110', minutes: 30, modifiers: ['GP'] }], { dateOfService: '2025-12-15', ytdTherapySpend: { ptSlp: 2450 } });
    const jan = medicarePT([{ code: '97110', minutes: 30, modifiers: ['GP'] }], { dateOfService: '2026-01-12', ytdTherapySpend: { ptSlp: 2450 } });
    // The setting says $0: each visit's own figure wins.
    const settings = { ytdTherapySpend: { ptSlp: 0 } };
    const f = one(evaluate(dec, settings), 'modifier.kx');
    expect(f.message).toMatch(/known 2025 therapy spend for the patient, \$2,450, reaches the 2025 KX threshold of \$2,410/);
    expect(f.message).toMatch(/this clinic's known spend \(as given with this visit\)/);
    expect(lineText(evaluate(dec, settings))).toEqual(['97110 ×2 GP+KX']);
    expect(ofRule(evaluate(jan, settings), 'modifier.kx')).toEqual([]);
    expect(lineText(evaluate(jan, settings))).toEqual(['97110 ×2 GP']);
    // An OT figure on the visit does not stand in for PT/SLP: the setting is used for PT.
    const ptWithOt = medicarePT([{ code: '97110', minutes: 30, modifiers: ['GP'] }], { dateOfService: '2026-01-12', ytdTherapySpend: { ot: 9000 } });
    expect(lineText(evaluate(ptWithOt, { ytdTherapySpend: { ptSlp: 2500 } }))).toEqual(['97110 ×2 GP+KX']);
  });

  it('thresholds.json: a year with no threshold in the data says it cannot tell', () => {
    const f = one(evaluate(visit(['GP'], '2031-02-03'), { ytdTherapySpend: { ptSlp: 2500 } }), 'modifier.kx');
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/no KX threshold for 2031/);
  });
});
