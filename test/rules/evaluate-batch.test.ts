import { describe, expect, it } from 'vitest';
import type { Settings } from '../../lib/model';
import { builtInRuleData } from '../../lib/rules/data';
import { evaluate } from '../../lib/rules/evaluate';
import { variedVisits } from './varied-visits';

// The batch check evaluates thousands of visits with one rule data, and the engine keeps what
// it worked out per rule data (each description's reading, tables indexed once). A copy of the
// data is a new key, so everything is worked out afresh for it: each visit of a batch must get
// exactly the evaluation it gets alone.

// Each visit under every discipline too: what a line's words suggest can depend on it.
const visits = variedVisits(300).flatMap((v) => [v, ...(['PT', 'OT', 'SLP'] as const).map((discipline) => ({ ...v, discipline }))]);

describe('evaluate in a batch = evaluate of each visit alone', { timeout: 60_000 }, () => {
  it.each<[string, Partial<Settings> | undefined]>([
    ['default settings', undefined],
    ['per-code for every visit, a rule off and one made an error', { methodOverride: 'per-code', rules: { 'documentation.thin': { enabled: false }, 'code.suggest': { enabled: true, severity: 'error' } } }],
  ])('%s', (_, settings) => {
    const data = builtInRuleData();
    const inBatch = visits.map((v) => evaluate(v, settings, data));
    const rules = new Set(inBatch.flatMap((e) => e.findings.map((f) => f.rule)));
    // The generated visits reach most rule families, or this test would prove little.
    expect(rules.size).toBeGreaterThanOrEqual(20);
    visits.forEach((v, i) => expect(inBatch[i], v.id).toStrictEqual(evaluate(v, settings, { ...data })));
  });
});
