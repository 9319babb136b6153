import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/rules/evaluate';
import type { Finding, Visit } from '../../lib/model';

// What a clinician reads at a glance: each finding's headline says the fix in one short line,
// and `fix` names the field to change (issue 13). Checked on the CMS manual's worked examples
// (CPM Pub. 100-04 Ch. 5 §20.2) and the modifier rule (§20.1), not on the code's own numbers.

const medicare = (entries: Visit['entries'], extra: Partial<Visit> = {}): Visit => ({ payer: 'Medicare', discipline: 'PT', dateOfService: '2026-03-16', entries, ...extra });
const only = (findings: Finding[], rule: string) => {
  const hits = findings.filter((f) => f.rule === rule);
  expect(hits, `${rule} in ${findings.map((f) => f.rule).join(', ')}`).toHaveLength(1);
  return hits[0]!;
};

describe('headlines and the field to fix', () => {
  it('§20.2 Example 2 (33 min 97110 + 7 min 97140 = 3 units, 2 + 1) entered 3 + 0: the split, on the units fields', () => {
    const e = evaluate(medicare([{ code: '97110', minutes: 33, units: 3, modifiers: ['GP'] }, { code: '97140', minutes: 7, units: 0, modifiers: ['GP'] }]));
    const f = only(e.findings, 'units.allocation');
    expect(f.fix).toBe('units');
    expect(f.headline).toBe('Split: 97110 ×2, not ×3; 97140 ×1, not ×0');
  });

  it('§20.2: 7 minutes of 97140 alone earn no unit: "bill 0 units, not 1" on its units field', () => {
    const e = evaluate(medicare([{ code: '97140', minutes: 7, units: 1, modifiers: ['GP'] }]));
    const f = only(e.findings, 'units.over-billed');
    expect([f.fix, f.headline]).toEqual(['units', '97140: bill 0 units, not 1']);
  });

  it('§20.1: a Medicare therapy line without GP/GO/GN points at its modifier field', () => {
    const e = evaluate(medicare([{ code: '97110', minutes: 30, units: 2, modifiers: [] }]));
    const f = only(e.findings, 'modifier.discipline-missing');
    expect([f.fix, f.headline]).toEqual(['modifiers', '97110: add GP']);
  });

  it('unreadable minutes point at the minutes field and quote what was typed', () => {
    const e = evaluate(medicare([{ label: 'Gait training', code: '97116', minutes: null, rawMinutes: '1:5x', units: 1, modifiers: ['GP'] }]));
    const f = only(e.findings, 'minutes.unreadable');
    expect(f.fix).toBe('minutes');
    expect(f.headline).toContain("'1:5x'");
  });

  it('a visit without a payer points at the payer, and headlines stay short', () => {
    const e = evaluate({ entries: [{ code: '97110', minutes: 30, units: 2 }] });
    expect(only(e.findings, 'payer.missing').fix).toBe('payer');
    for (const f of e.findings) expect(f.headline!.length).toBeLessThanOrEqual(72);
  });
});
