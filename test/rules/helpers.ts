import type { Entry, Evaluation, Finding, Visit } from '../../lib/model';
import type { DataPack, MueRow, PtpRow } from '../../lib/rules/data/schema';

// Small helpers shared by the per-family rule tests.

/** A Medicare PT visit on a 2026 date of service (CMS method, GP/CQ/KX rules apply). */
export const medicarePT = (entries: Entry[], extra: Partial<Visit> = {}): Visit => ({
  payer: 'Medicare Part B',
  discipline: 'PT',
  dateOfService: '2026-03-02',
  entries,
  ...extra,
});

/** A commercial visit (per-code method, no Medicare-only rules). */
export const commercial = (entries: Entry[], extra: Partial<Visit> = {}): Visit => ({
  payer: 'Aetna Choice POS II',
  discipline: 'PT',
  dateOfService: '2026-03-02',
  entries,
  ...extra,
});

export const ofRule = (e: Evaluation, rule: string): Finding[] => e.findings.filter((f) => f.rule === rule);
export const rules = (e: Evaluation): string[] => e.findings.map((f) => f.rule);

/** The single finding of a rule; fails the test when there is none or more than one. */
export function one(e: Evaluation, rule: string): Finding {
  const found = ofRule(e, rule);
  if (found.length !== 1) throw new Error(`expected one ${rule} finding, got ${found.length}: ${JSON.stringify(e.findings.map((f) => [f.rule, f.severity, f.codes]))}`);
  return found[0]!;
}

/** Claim lines as "code ×units mod+mod", easy to compare. */
export const lineText = (e: Evaluation): string[] => e.lines.map((l) => `${l.code} ×${l.units}${l.modifiers.length ? ` ${l.modifiers.join('+')}` : ''}`);

/** A data pack as `npm run import` writes it, holding only the PTP or MUE rows a test needs. */
export function testPack(tables: { ptp?: PtpRow[]; mue?: MueRow[] }): DataPack {
  const files: DataPack['files'] = [];
  if (tables.ptp) files.push({ name: 'ccipra-test-f1.TXT', kind: 'ptp', rowsRead: tables.ptp.length, rowsKept: tables.ptp.length });
  if (tables.mue) files.push({ name: 'MCR_MUE_PractitionerServices_Eff_test.csv', kind: 'mue', rowsRead: tables.mue.length, rowsKept: tables.mue.length });
  return {
    kind: 'unitwise-data-pack',
    formatVersion: 1,
    version: tables.ptp ? 'test-ptp' : 'test-mue',
    createdAt: '2026-11-23T00:00:00Z',
    effective: { from: '2020-01-01', to: null },
    files,
    ...tables,
  };
}
