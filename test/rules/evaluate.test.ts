import { describe, expect, it } from 'vitest';
import { evaluate, resolveSettings } from '../../lib/rules/evaluate';
import { loadRuleData } from '../../lib/rules/data';
import type { DataPack } from '../../lib/rules/data/schema';

// How evaluate composes the families: visit-level findings, settings, and data packs.

const pack = (over: Partial<DataPack> = {}): DataPack => ({
  kind: 'unitwise-data-pack',
  formatVersion: 1,
  version: 'cms-ptp-v322r0+mue-2026-07-01',
  createdAt: '2026-11-23T00:00:00Z',
  effective: { from: '2026-07-01', to: '2026-09-30' },
  files: [{ name: 'ccipra-v322r0-f1.TXT', kind: 'ptp', rowsRead: 1, rowsKept: 1 }],
  ptp: [{ column1: '97530', column2: '97116', effective: '2020-10-01', deleted: '2025-12-31', modifierIndicator: 1, rationale: 'Mutually exclusive procedures', source: 'test pack line 7', confidence: 'primary' }],
  mue: [{ code: '97110', value: 4, mai: 3, rationale: 'Clinical', source: 'test pack MUE line 3', confidence: 'primary' }],
  ...over,
});

describe('data.out-of-range', () => {
  it('warns when the date of service is after the imported pack\'s quarter, naming what to import', () => {
    const data = loadRuleData(pack());
    const e = evaluate({ payer: 'Medicare', discipline: 'PT', dateOfService: '2026-11-20', entries: [{ code: '97110', minutes: 30 }] }, undefined, data);
    const f = e.findings.filter((x) => x.rule === 'data.out-of-range');
    expect(f.map((x) => x.message).join(' ')).toMatch(/ptp data \(cms-ptp-v322r0\+mue-2026-07-01\) covers 2026-07-01 to 2026-09-30/);
    expect(f[0]?.action).toMatch(/Import the CMS PTP files/);
    const inside = evaluate({ payer: 'Medicare', discipline: 'PT', dateOfService: '2026-08-20', entries: [{ code: '97110', minutes: 30 }] }, undefined, data);
    expect(inside.findings.map((x) => x.rule)).not.toContain('data.out-of-range');
  });
  it('the built-in catalog says so for a date it was not written for', () => {
    const e = evaluate({ payer: 'Medicare', discipline: 'PT', dateOfService: '2027-02-01', entries: [{ code: '97110', minutes: 30 }] });
    expect(e.findings.find((x) => x.rule === 'data.out-of-range')?.message).toMatch(/catalog/);
  });
});

describe('data packs replace the starter tables', () => {
  it('an imported PTP table is used instead of the starter pairs, by date', () => {
    const data = loadRuleData(pack());
    expect(data.builtIn).toBe(false);
    const visit = (dateOfService: string) => ({ payer: 'Medicare', discipline: 'PT' as const, dateOfService, entries: [{ code: '97530', minutes: 15 }, { code: '97116', minutes: 15 }, { code: '97140', minutes: 15 }] });
    const before = evaluate(visit('2025-06-01'), undefined, data);
    expect(before.findings.filter((f) => f.rule === 'pair.modifier-required').map((f) => f.codes)).toEqual([['97530', '97116']]);
    // 97140/97530 is in the starter table but not in this pack; after the pack's deletion date nothing fires.
    const after = evaluate(visit('2026-08-01'), undefined, data);
    expect(after.findings.filter((f) => f.rule.startsWith('pair.'))).toEqual([]);
    expect(after.data).toEqual({ version: expect.stringContaining('cms-ptp-v322r0'), builtIn: false });
  });
});

describe('settings', () => {
  const visit = { payer: 'Medicare', discipline: 'PT' as const, entries: [{ code: '97110', label: 'Ther ex', minutes: 20, units: 1, modifiers: ['GP'] }] };
  it('a rule turned off is not shown; a severity override is applied', () => {
    expect(evaluate(visit).findings.map((f) => f.rule)).toContain('documentation.thin');
    expect(evaluate(visit, { rules: { 'documentation.thin': { enabled: false } } }).findings.map((f) => f.rule)).not.toContain('documentation.thin');
    expect(evaluate(visit, { rules: { 'documentation.thin': { enabled: true, severity: 'warning' } } }).findings.find((f) => f.rule === 'documentation.thin')?.severity).toBe('warning');
  });
  it('one settings object is parsed once for a whole batch; each object gets its own answer', () => {
    const off = { rules: { 'documentation.thin': { enabled: false } } };
    const first = resolveSettings(off);
    expect(resolveSettings(off)).toBe(first);
    expect(first.defaultMethod).toBe('per-code');
    const warn = { rules: { 'documentation.thin': { enabled: true, severity: 'warning' as const } } };
    expect(resolveSettings(warn)).not.toBe(first);
    expect(evaluate(visit, off).findings.map((f) => f.rule)).not.toContain('documentation.thin');
    expect(evaluate(visit, warn).findings.find((f) => f.rule === 'documentation.thin')?.severity).toBe('warning');
    expect(() => resolveSettings({ defaultMethod: 'guess' as never })).toThrow();
  });
  it('findings name the entries and form fields they are about, errors first', () => {
    const e = evaluate({ payer: 'Medicare', discipline: 'PT', entries: [{ code: '97110', minutes: 20, fieldKey: 'row-1', units: 1, modifiers: [] }, { code: '97116', label: 'Gait', minutes: null, rawMinutes: 'abc', fieldKey: 'row-2' }] });
    const unreadable = e.findings.find((f) => f.rule === 'minutes.unreadable');
    expect(unreadable?.entries).toEqual([1]);
    expect(unreadable?.fieldKeys).toEqual(['row-2']);
    const order = e.findings.map((f) => f.severity);
    expect([...order].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b))).toEqual(order);
  });
  it('blank rows of a form are ignored, not reported', () => {
    const e = evaluate({ payer: 'Medicare', discipline: 'PT', entries: [{ code: '97110', minutes: 20 }, {}, { label: '  ' }] });
    expect(e.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
