import { describe, expect, it } from 'vitest';
import { actionText, canShow, headlineOf, subjectsOf } from '../../components/panel/finding-text';
import type { Finding } from '../../lib/model';
import { RULES } from '../../lib/rules/registry';

// How a card names its finding: the rule's headline or a fallback, the button named for the
// field to change, and names that tell one card's buttons from another's.

const f = (rule: string, codes: string[], more: Partial<Finding> = {}): Finding => ({ rule, severity: 'error', codes, message: 'A long message that explains what is wrong and why, with the manual section it rests on.', source: 'test', ...more });

describe('headlineOf', () => {
  it("the rule's own headline first; else the codes and the rule's title; else the message's start", () => {
    expect(headlineOf(f('units.over-billed', ['97110'], { headline: '97110: bill 3 units, not 4' }))).toBe('97110: bill 3 units, not 4');
    expect(headlineOf(f('modifier.discipline-missing', ['97110', '97116']))).toBe(`97110, 97116: ${RULES['modifier.discipline-missing'].title}`);
    expect(headlineOf(f('mue.exceeded', ['97110', '97112', '97116', '97140']))).toBe(`97110, 97112, 97116…: ${RULES['mue.exceeded'].title}`);
    const unknown = headlineOf(f('some.future-rule', []));
    expect(unknown.length).toBeLessThanOrEqual(64);
    expect(unknown).toMatch(/^A long message .*…$/);
  });
});

describe('actionText', () => {
  it('is named for the field to change', () => {
    expect(actionText({ fix: 'units' })).toBe('Show units field');
    expect(actionText({ fix: 'modifiers' })).toBe('Show modifiers field');
    expect(actionText({ fix: 'dateOfService' })).toBe('Show date of service field');
    expect(actionText({})).toBe('Show on page');
  });
});

describe('canShow', () => {
  it("a line's field when the finding names one; the visit's own facts even without", () => {
    expect(canShow({ fieldKeys: ['r1:minutes'], fix: 'units' })).toBe(true);
    expect(canShow({ fix: 'payer' })).toBe(true);
    expect(canShow({ fix: 'dateOfService' })).toBe(true);
    expect(canShow({ fix: 'units' })).toBe(false);
    expect(canShow({})).toBe(false);
  });
});

describe('subjectsOf', () => {
  it('the codes when they tell the cards apart; the rule title when two cards name the same codes; a number as the last resort', () => {
    const names = subjectsOf([f('units.over-billed', ['97110']), f('mue.exceeded', ['97110']), f('code.suggest', ['97112']), f('payer.missing', []), f('mue.exceeded', ['97110'])]);
    const [over, mue, missing] = [RULES['units.over-billed'].title, RULES['mue.exceeded'].title, RULES['payer.missing'].title];
    expect(names).toEqual([`97110 (${over})`, `97110 (${mue}) #1`, '97112', missing, `97110 (${mue}) #2`]);
    expect(new Set(names).size).toBe(names.length);
  });
});
