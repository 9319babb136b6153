import { describe, expect, it } from 'vitest';
import { evaluate, resolveSettings } from '../../lib/rules/evaluate';
import { buildContext } from '../../lib/rules/context';
import { loadRuleData } from '../../lib/rules/data';
import type { MueRow } from '../../lib/rules/data/schema';
import { checkMue } from '../../lib/rules/mue';
import { medicarePT, ofRule, one, testPack } from './helpers';

// Medically Unlikely Edits (rules-reference §5; NCCI Ch. I §V): MAI 1 compares each claim line,
// MAI 2 and 3 add up every unit of the code on the date of service.

const packWith = (mue: MueRow[]) => testPack({ mue });
const mueRow = (over: Partial<MueRow>): MueRow => ({ code: '97110', value: 2, mai: 1, rationale: 'synthetic', source: 'synthetic test row', confidence: 'primary', ...over });

describe('mue.exceeded, MAI 2/3: units of the whole day are added (NCCI Ch. I §V)', () => {
  const ultrasound = (units: [number, number]) =>
    medicarePT([
      { code: '97035', label: 'Ultrasound R shoulder', minutes: 23, units: units[0], modifiers: ['GP'] },
      { code: '97035', label: 'Ultrasound L shoulder', minutes: 22, units: units[1], modifiers: ['GP'] },
    ]);

  it('rules-reference §5 (97035 MUE 2, MAI 3, 2017 snapshot): 3 units over two rows exceed it → error saying the built-in value is an unconfirmed starter', () => {
    const e = evaluate(ultrasound([2, 1]));
    const f = one(e, 'mue.exceeded');
    expect(f.severity).toBe('error');
    expect(f.codes).toEqual(['97035']);
    expect(f.message).toMatch(/3 units on this date/);
    expect(f.message).toMatch(/MUE is 2/);
    expect(f.message).toMatch(/MAI 3/);
    expect(f.message).toMatch(/STARTER/);
    expect(f.message).toMatch(/unconfirmed/);
    expect(f.message).toMatch(/ABN cannot be used/);
    expect(f.source).toMatch(/built-in starter/);
    expect(f.source).toMatch(/Ch\. I §V/);
    expect(f.entries).toEqual([0, 1]);
    // 45 minutes support the 3 units: the only problem is the MUE.
    expect(ofRule(e, 'units.over-billed')).toEqual([]);
  });

  it('NCCI Ch. I §V: exactly at the limit (2 units of 97035) does not fire', () => {
    expect(ofRule(evaluate(ultrasound([1, 1])), 'mue.exceeded')).toEqual([]);
  });

  it('NCCI Ch. I §V: without a units field, Unitwise\'s own lines are judged (45 minutes → 3 units of 97035)', () => {
    const e = evaluate(medicarePT([{ code: '97035', minutes: 45 }]));
    expect(one(e, 'mue.exceeded').message).toMatch(/3 units on this date/);
  });

  it('NCCI Ch. I §V: MAI 3 adds up split claim lines too (97035 with CQ on some units)', () => {
    const e = evaluate(medicarePT([{ code: '97035', minutes: 45, assistantMinutes: 30 }]));
    expect(e.lines.filter((l) => l.code === '97035').length).toBe(2);
    expect(one(e, 'mue.exceeded').message).toMatch(/3 units on this date/);
  });
});

describe('mue.exceeded: where its limit comes from', () => {
  // rules-reference §5: "the product must import the practice's copy … and mark built-in values as unconfirmed".
  it('97035 ×3 over the 2017 snapshot\'s MUE of 2 (rules-reference §5 table): marked as starter data; over an imported CMS row, not', () => {
    const v = medicarePT([{ code: '97035', minutes: 45, units: 3, modifiers: ['GP'] }]);
    expect(one(evaluate(v), 'mue.exceeded').starterData).toBe('mue');
    const imported = one(evaluate(v, undefined, loadRuleData(packWith([mueRow({ code: '97035', value: 2, mai: 3 })]))), 'mue.exceeded');
    expect(imported.starterData).toBeUndefined();
  });
});

describe('mue.exceeded, MAI 1: each claim line on its own (custom data pack)', () => {
  it('NCCI Ch. I §V ("MAI of 1 indicates … a claim line MUE"): two lines of 2 units under an MUE of 2 do not fire; a line of 3 does', () => {
    const data = loadRuleData(packWith([mueRow({ code: '97110', value: 2, mai: 1 })]));
    const twoLines = evaluate(
      medicarePT([
        { code: '97110', minutes: 30, units: 2, modifiers: ['GP'] },
        { code: '97110', minutes: 30, units: 2, modifiers: ['GP', 'XE'] },
      ]),
      undefined,
      data,
    );
    expect(ofRule(twoLines, 'mue.exceeded')).toEqual([]);

    const oneLine = evaluate(medicarePT([{ code: '97110', minutes: 45, units: 3, modifiers: ['GP'] }]), undefined, data);
    const f = one(oneLine, 'mue.exceeded');
    expect(f.message).toMatch(/a line has 3 units/);
    expect(f.message).toMatch(/MAI 1/);
    expect(f.action).toMatch(/separate lines only if a modifier/);
    // A primary row from an imported CMS file carries no starter caveat.
    expect(f.message).not.toMatch(/STARTER|unconfirmed/);
    expect(f.source).toMatch(/data pack test-mue/);
  });

  it('NCCI Ch. I §V: the same two lines under MAI 3 are summed (4 > 2) and fire', () => {
    const data = loadRuleData(packWith([mueRow({ code: '97110', value: 2, mai: 3 })]));
    const e = evaluate(
      medicarePT([
        { code: '97110', minutes: 30, units: 2, modifiers: ['GP'] },
        { code: '97110', minutes: 30, units: 2, modifiers: ['GP'] },
      ]),
      undefined,
      data,
    );
    expect(one(e, 'mue.exceeded').message).toMatch(/4 units on this date/);
  });

  it('rules-reference §5 (import the practice\'s copy): an imported row marked unconfirmed says so', () => {
    const data = loadRuleData(packWith([mueRow({ code: '97110', value: 1, mai: 2, confidence: 'unconfirmed' })]));
    const f = one(evaluate(medicarePT([{ code: '97110', minutes: 30 }]), undefined, data), 'mue.exceeded');
    expect(f.message).toMatch(/data pack marks this row unconfirmed/);
    expect(f.message).not.toMatch(/STARTER/);
  });

  it('checkMue on its own: a code with no MUE row is never judged', () => {
    const data = loadRuleData(packWith([mueRow({ code: '97110', value: 1, mai: 1 })]));
    const visit = medicarePT([{ code: '97140', minutes: 60, units: 4 }]);
    const ctx = buildContext(visit, resolveSettings(), data);
    const claim = [{ code: '97140', items: ctx.items, modifiers: [] }];
    expect(checkMue(ctx, claim, new Map([['97140', [4]]]))).toEqual([]);
  });
});
