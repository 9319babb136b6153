import { describe, expect, it } from 'vitest';
import { evaluate, resolveSettings } from '../../lib/rules/evaluate';
import { buildContext } from '../../lib/rules/context';
import { builtInRuleData } from '../../lib/rules/data';
import { checkCodes } from '../../lib/rules/codes';
import { suggestFromText } from '../../lib/rules/suggest';
import { commercial, lineText, medicarePT, ofRule, one, rules } from './helpers';

// The codes family: can each code be billed on this date for this payer, does the intervention's
// own text point to another code, and does the text say what was treated and why.

describe('code.unknown', () => {
  it('rules-reference §3: a code outside the therapy catalog is flagged, not silently checked', () => {
    const e = evaluate(medicarePT([{ code: '99999', minutes: 10 }]));
    const f = one(e, 'code.unknown');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['99999']);
    expect(f.message).toMatch(/not in Unitwise's therapy code catalog/);
  });

  it('rules-reference §3: text that is not a CPT/HCPCS code shape is told to be corrected', () => {
    const e = evaluate(medicarePT([{ code: 'ABC', minutes: 10 }]));
    const f = one(e, 'code.unknown');
    expect(f.message).toMatch(/does not look like a CPT\/HCPCS code/);
    expect(f.action).toMatch(/Correct the code/);
    expect(e.lines).toEqual([]);
  });

  it('rules-reference §3 (97129 new in 2020): a code used before it existed is flagged', () => {
    const e = evaluate(medicarePT([{ code: '97129', minutes: 15 }], { dateOfService: '2019-06-03' }));
    const f = one(e, 'code.unknown');
    expect(f.message).toMatch(/only exists from 2020-01-01/);
  });
});

describe('code.deleted', () => {
  it.each([
    ['97001', ['97161', '97162', '97163'], 'rules-reference §7: 97001 → 97161-97163 (APTA 2017)'],
    ['97002', ['97164'], 'rules-reference §7: 97002 → 97164 (APTA 2017)'],
    ['97532', ['97129', '97130'], 'rules-reference §7: 97532 → 97127 (2018) → 97129/97130 (2020)'],
  ])('%s is deleted and names its replacement (%s) — %s', (code, replacements) => {
    const e = evaluate(medicarePT([{ code, minutes: 20 }]));
    const f = one(e, 'code.deleted');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual([code]);
    for (const r of replacements) expect(f.action).toContain(r);
    // Kept off the suggested claim.
    expect(e.lines.map((l) => l.code)).not.toContain(code);
    expect(f.action).toMatch(/left off the suggested claim/);
  });

  it('rules-reference §7: a deleted code stays off the lines (and out of pair checks) even with units entered', () => {
    const e = evaluate(medicarePT([{ code: '97002', units: 1, modifiers: ['GP'] }, { code: '97110', minutes: 20, units: 1, modifiers: ['GP'] }]));
    expect(lineText(e)).toEqual(['97110 ×1 GP']);
    expect(rules(e)).not.toContain('pair.reevaluation');
  });

  it('checkCodes on its own: a current code on its date raises nothing', () => {
    const ctx = buildContext(medicarePT([{ code: '97164' }]), resolveSettings(), builtInRuleData());
    expect(checkCodes(ctx)).toEqual([]);
  });
});

describe('code.bundled', () => {
  it('rules-reference §3 (PFS status B, Palmetto GBA): 97010 under Medicare is flagged and left off the lines', () => {
    const e = evaluate(medicarePT([{ code: '97010', minutes: 10 }, { code: '97110', minutes: 20 }]));
    const f = one(e, 'code.bundled');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97010']);
    expect(f.message).toMatch(/bundled/);
    expect(e.lines.map((l) => l.code)).toEqual(['97110']);
  });

  it('rules-reference §3: status B is a Medicare fee-schedule status: a commercial payer gets 97010 on the lines and no finding', () => {
    const e = evaluate(commercial([{ code: '97010', minutes: 10 }]));
    expect(rules(e)).not.toContain('code.bundled');
    expect(lineText(e)).toEqual(['97010 ×1']);
  });
});

describe('code.payer-equivalent', () => {
  it('rules-reference §3 (WebPT; LCD note): 97014 under Medicare → G0283, and the line shows G0283', () => {
    const e = evaluate(medicarePT([{ code: '97014', minutes: 15 }]));
    const f = one(e, 'code.payer-equivalent');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97014', 'G0283']);
    expect(f.message).toMatch(/G0283/);
    expect(lineText(e)).toEqual(['G0283 ×1 GP']);
  });

  it('rules-reference §3: a commercial payer keeps 97014', () => {
    const e = evaluate(commercial([{ code: '97014', minutes: 15 }]));
    expect(rules(e)).not.toContain('code.payer-equivalent');
    expect(e.lines.map((l) => l.code)).toEqual(['97014']);
  });
});

describe('code.missing', () => {
  it('issue #2 (codes): a charted intervention without a code is left off the claim; its words suggest 97116', () => {
    const e = evaluate(medicarePT([{ label: 'Gait training with rolling walker', minutes: 12 }]));
    const f = one(e, 'code.missing');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97116']);
    expect(f.message).toMatch(/"gait"/);
    expect(f.message).toMatch(/"rolling walker"/);
    expect(f.source).toMatch(/phrases\.json row 97116/);
    expect(e.lines).toEqual([]);
  });

  it('issue #2: with no words to go on, no code is guessed', () => {
    const e = evaluate(medicarePT([{ label: 'Session', minutes: 12 }]));
    const f = one(e, 'code.missing');
    expect(f.codes).toEqual([]);
  });
});

describe('code.suggest (phrases.json)', () => {
  it('CPT 97112 descriptor terms (codingahead): "balance and proprioception on foam" coded 97110 suggests 97112, naming the words', () => {
    const e = evaluate(medicarePT([{ code: '97110', label: 'balance and proprioception on foam', minutes: 15 }]));
    const f = one(e, 'code.suggest');
    expect(f.severity).toBe('warning');
    expect(f.codes).toEqual(['97110', '97112']);
    for (const w of ['"balance"', '"proprioception"', '"foam"']) expect(f.message).toContain(w);
    expect(f.source).toMatch(/phrases\.json row 97112/);
  });

  it('meyerdc (97530: bending, lifting, carrying, reaching): functional lifting and transfers coded 97110 suggests 97530', () => {
    const f = one(evaluate(medicarePT([{ code: '97110', label: 'Functional lifting and transfers', minutes: 15 }])), 'code.suggest');
    expect(f.codes).toEqual(['97110', '97530']);
    expect(f.message).toContain('"lifting"');
    expect(f.message).toContain('"transfers"');
  });

  it('CPT 97140 descriptor examples (rules-reference §3): joint mobilisation / soft tissue coded 97110 suggests 97140, each phrase counted once', () => {
    const f = one(evaluate(medicarePT([{ code: '97110', label: 'Joint mobilisation and soft tissue R shoulder', minutes: 15 }])), 'code.suggest');
    expect(f.codes).toEqual(['97110', '97140']);
    expect(f.message).toContain('"joint mobilisation"');
    expect(f.message).toContain('"soft tissue"');
    // "mobilisation" inside "joint mobilisation" is the same words, not a second reason.
    expect(f.message).not.toContain('"mobilisation"');
  });

  it('CPM §20.3 (gait training 97116): gait training coded 97110 suggests 97116', () => {
    const f = one(evaluate(medicarePT([{ code: '97110', label: 'Gait training with rolling walker', minutes: 15 }])), 'code.suggest');
    expect(f.codes).toEqual(['97110', '97116']);
    expect(f.message).toContain('"gait"');
  });

  it('issue #2 (a prompt, never a verdict): text that fits its own code as well as another gives no suggestion', () => {
    // "balance" → 97112, "strengthening" → 97110: one word each.
    const e = evaluate(medicarePT([{ code: '97110', label: 'Balance and strengthening', minutes: 15 }]));
    expect(rules(e)).not.toContain('code.suggest');
    // A code whose own words win is left alone.
    const own = evaluate(medicarePT([{ code: '97112', label: 'Balance on foam, single leg stance', minutes: 15 }]));
    expect(rules(own)).not.toContain('code.suggest');
  });

  it('issue #2 / issue 15: "Joint mobilization then AROM" names two services: a note (info) on 97110 naming 97140, never a warning', () => {
    const e = evaluate(medicarePT([{ code: '97110', label: 'Joint mobilization then AROM', minutes: 15 }]));
    const f = one(e, 'code.suggest');
    expect(f.severity).toBe('info');
    expect(f.codes).toEqual(['97110', '97140']);
    expect(f.message).toContain('"joint mobilization"');
    expect(f.message).toContain('"AROM"');
  });

  it('issue #2: evaluations are never second-guessed by their text', () => {
    const e = evaluate(medicarePT([{ code: '97161', label: 'Gait, balance and transfers assessed' }]));
    expect(rules(e)).not.toContain('code.suggest');
  });

  it('suggestFromText on its own: a clear leader is named with its words; a tie names nothing', () => {
    const data = builtInRuleData();
    expect(suggestFromText(data, 'Sit-to-stand and sit to stand transfers')).toMatchObject({ code: '97530', words: ['sit to stand', 'transfers'] });
    expect(suggestFromText(data, 'gait and balance')).toBeUndefined();
  });

  it('rules-reference §3 (97033 is iontophoresis): iontophoresis coded 97032 suggests 97033', () => {
    const f = one(evaluate(medicarePT([{ code: '97032', label: 'Iontophoresis L lateral elbow', minutes: 15 }])), 'code.suggest');
    expect(f.codes).toEqual(['97032', '97033']);
  });
});

describe('documentation.thin', () => {
  it('BPM §220.3 / rules-reference §1.7 (auditors look for body part, intent, progress): "Ther ex" alone is thin (info)', () => {
    const f = one(evaluate(medicarePT([{ code: '97110', label: 'Ther ex', minutes: 20 }])), 'documentation.thin');
    expect(f.severity).toBe('info');
    expect(f.codes).toEqual(['97110']);
    expect(f.message).toContain('"Ther ex"');
  });

  it('rules-reference §1.7: "Ther ex R knee to improve stair climbing" names a region and a purpose: no finding', () => {
    const e = evaluate(medicarePT([{ code: '97110', label: 'Ther ex R knee to improve stair climbing', minutes: 20 }]));
    expect(ofRule(e, 'documentation.thin')).toEqual([]);
    // Its own code's words ("ther ex") match as well as "stair climbing" (97116): no suggestion either.
    expect(rules(e)).not.toContain('code.suggest');
  });

  it('several thin lines are one finding for the visit, naming them, with a marker on each', () => {
    const e = evaluate(medicarePT([
      { code: '97110', label: 'Ther ex', minutes: 20, fieldKey: 'r0:minutes' },
      { code: '97112', label: 'NMR', minutes: 10, fieldKey: 'r1:minutes' },
      { code: '97110', label: 'Ther ex R knee to improve stair climbing', minutes: 10, fieldKey: 'r2:minutes' },
    ]));
    const f = one(e, 'documentation.thin');
    expect(f.message).toMatch(/^2 lines name no body region or target and no purpose: "Ther ex", "NMR"\./);
    expect(f.codes).toEqual(['97110', '97112']);
    expect(f.fieldKeys).toEqual(['r0:minutes', 'r1:minutes']);
  });

  it('rules-reference §1.7: a form without a description field says nothing, so nothing is reported; untimed codes are not checked', () => {
    const e = evaluate(medicarePT([{ code: '97110', minutes: 20 }, { code: '97161', label: 'Eval' }]));
    expect(ofRule(e, 'documentation.thin')).toEqual([]);
  });
});
