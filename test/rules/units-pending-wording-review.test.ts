// From a review (helper session) of cf2acc0's overWhateverPending wording: each FINDING test failed there.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import type { Visit } from '../../lib/model';

type E = Record<string, unknown> & { code: string };
const visit = (entries: E[], more: Record<string, unknown> = {}) => ({ payer: 'Medicare Part B', entries: entries.map((e) => ({ label: e.code, ...e })), ...more }) as unknown as Visit;
const pending = (v: Visit, s?: object) => evaluate(v, s as never).findings.filter((f) => f.rule === 'units.over-billed' && /whatever minutes are entered/.test(f.message));
const blank = { code: '97140', units: 1, modifiers: ['GP'] };

describe('review 5 — units bound wording', () => {
  it('FINDING U1: per-code, one code: "97110 has 1 unit by their own minutes" (their → its; "With 20 minutes … by their own minutes" says minutes twice)', () => {
    const [f] = pending(visit([{ code: '97110', minutes: 20, units: 3, modifiers: ['GP'] }, blank], { discipline: 'PT' }), { methodOverride: 'per-code' });
    expect(f!.message).not.toMatch(/97110 has \d+ units? by their own/);
  });

  it('FINDING U2: CMS, 8 minutes ×2: "has 0 whole units, and can earn at most 1 more" ("more" than none; "1 unit at most")', () => {
    const [f] = pending(visit([{ code: '97110', minutes: 8, units: 2, modifiers: ['GP'] }, blank], { discipline: 'PT' }));
    expect(f!.message).not.toMatch(/0 whole units, and can earn at most 1 more/);
  });

  it('FINDING U3: CMS, 1 minute ×1: "has 0 whole units; 1 remaining minute can earn no further unit" (no unit to be "further" to)', () => {
    const [f] = pending(visit([{ code: '97110', minutes: 1, units: 1, modifiers: ['GP'] }, blank], { discipline: 'PT' }));
    expect(f!.message).not.toMatch(/0 whole units; .* no further unit/);
  });

  it('FINDING U4: add-on pair, action "Bill 97129 ×1 and 97130 ×2 in all (1 + 3 entered on its rows)": "in all" after a split, "its" for two codes', () => {
    const [f] = pending(visit([{ code: '97129', minutes: 15, units: 1, modifiers: ['GP'] }, { code: '97130', minutes: 32, units: 3, modifiers: ['GP'] }, { code: '97110', units: 1, modifiers: ['GP'] }], { discipline: 'PT' }));
    expect(f!.action).not.toMatch(/×2 in all|on its rows/);
  });

  it('NEAR MISS (passes): plurals and the "and N more" list', () => {
    const [a] = pending(visit([{ code: '97110', minutes: 16, units: 3, modifiers: ['GP'] }, blank], { discipline: 'PT' }));
    expect(a!.message).toMatch(/1 remaining minute can/);
    const [b] = pending(visit([{ code: '97110', minutes: 45, units: 9, modifiers: ['GP'] }, ...['97140', '97112', '97530', '97116', '97535', '97113'].map((code) => ({ code, modifiers: ['GP'], units: 0 }))], { discipline: 'PT' }));
    expect(b!.message).toMatch(/97116 and 2 more\./);
  });
});
