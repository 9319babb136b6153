import { describe, expect, it } from 'vitest';
import { StoredEvaluation, compactStored, forStorage } from '../lib/messages';
import { evaluate } from '../lib/rules/evaluate';
import type { Visit } from '../lib/model';

// What a keystroke writes to storage.session: field keys a finding's entries give are left
// out, and come back when the record is read (the side panel's "Show on page" needs them).

const visit: Visit = {
  payer: 'medicare',
  entries: [
    { code: '97110', minutes: 8, units: 4, modifiers: ['GP'], fieldKey: 'v2.r0:minutes', label: 'Exercise' },
    { code: '97140', minutes: 8, units: 4, modifiers: ['GP'], fieldKey: 'v2.r1:minutes', label: 'Manual' },
    { code: '97530', minutes: 8, units: 4, modifiers: ['GP'], fieldKey: 'v2.r2:minutes', label: 'Activities' },
  ],
};

function stored(): StoredEvaluation {
  const evaluation = evaluate(visit);
  // A finding that names a field no entry gives (a visit-level fact) keeps its key.
  evaluation.findings.push({ rule: 'visit.payer', severity: 'info', message: 'Payer read from the header.', source: 'test', codes: [], fieldKeys: ['visit.v2:payer'] });
  return StoredEvaluation.parse({ tabId: 7, visitKey: 'v2', source: 'generic', visit, evaluation, updatedAt: 1, tables: [{ name: 'ptp', version: '2026Q1', effective: { from: '2026-01-01', to: null }, starter: false }] });
}

describe('stored evaluations', () => {
  it('leave out the field keys that entries give, and get them back when read', () => {
    const full = stored();
    const withEntries = full.evaluation.findings.filter((f) => f.entries?.length);
    expect(withEntries.length).toBeGreaterThan(0);
    const compact = compactStored(full);
    for (const f of compact.evaluation.findings) if (f.entries?.length) expect(f.fieldKeys).toBeUndefined();
    expect(compact.evaluation.findings.find((f) => f.rule === 'visit.payer')?.fieldKeys).toEqual(['visit.v2:payer']);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length);
    const read = StoredEvaluation.parse(JSON.parse(JSON.stringify(compact)));
    expect(read.evaluation.findings).toEqual(full.evaluation.findings);
  });

  it('keep field keys that differ from what the entries give', () => {
    const full = stored();
    const f = full.evaluation.findings.find((x) => x.entries?.length)!;
    f.fieldKeys = ['v2.r9:units'];
    const compact = compactStored(full);
    expect(compact.evaluation.findings.find((x) => x.rule === f.rule && x.message === f.message)?.fieldKeys).toEqual(['v2.r9:units']);
  });

  it('are written with their lines packed, and read back the same record', () => {
    const full = stored();
    const written = forStorage({ 'evaluation:7': full })['evaluation:7'] as { visit: Record<string, unknown> };
    expect(written.visit.entries).toBeUndefined();
    expect(written.visit.lines).toBeDefined();
    const read = StoredEvaluation.parse(JSON.parse(JSON.stringify(written)));
    expect({ ...read, tables: full.tables }).toEqual(full);
  });

  it('are refused, not read as an empty visit, when the packed lines are broken', () => {
    const written = forStorage({ 'evaluation:7': stored() })['evaluation:7'] as { visit: Record<string, unknown> };
    expect(StoredEvaluation.safeParse({ ...written, visit: { ...written.visit, lines: { shapes: [['code']], rows: [[5, '97110']] } } }).success).toBe(false);
  });

  it('are compacted only under evaluation keys', () => {
    const full = stored();
    const items = forStorage({ 'evaluation:7': full, 'evaluation:7:v3': full, 'evaluation:7:visits': { visits: [] }, 'acks:7': full });
    const hasKeys = (v: unknown) => (v as StoredEvaluation).evaluation.findings.some((x) => x.entries?.length && x.fieldKeys);
    expect(hasKeys(items['evaluation:7'])).toBe(false);
    expect(hasKeys(items['evaluation:7:v3'])).toBe(false);
    expect(hasKeys(items['acks:7'])).toBe(true);
    expect(items['evaluation:7:visits']).toEqual({ visits: [] });
    // The rule tables in force are the same for every visit: not written with each one.
    expect((items['evaluation:7'] as StoredEvaluation).tables).toEqual([]);
  });
});
