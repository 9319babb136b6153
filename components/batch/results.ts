// Filtering, sorting and counting the checked visits: pure, so the table and charts stay thin.

import type { CheckedVisit } from '@/lib/batch/export-csv';
import type { Severity } from '@/lib/model';

export interface Filters {
  rule: string;
  severity: Severity | 'ok' | '';
  payer: string;
  /** A clinician the export names on the visit's lines ('' = any). */
  clinician: string;
  date: string;
}
export const NO_FILTERS: Filters = { rule: '', severity: '', payer: '', clinician: '', date: '' };

export type SortKey = 'line' | 'id' | 'date' | 'payer' | 'clinician' | 'worst';
export interface Sort {
  key: SortKey;
  dir: 1 | -1;
}

const RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };
/** Worst severity of a visit's findings: 3 error, 2 warning, 1 info, 0 none. */
export const worst = (c: CheckedVisit) => Math.max(0, ...c.evaluation.findings.map((f) => RANK[f.severity] ?? 0));

export function matches(c: CheckedVisit, f: Filters): boolean {
  if (f.rule && !c.evaluation.findings.some((x) => x.rule === f.rule)) return false;
  if (f.severity === 'ok' ? c.evaluation.findings.length > 0 : f.severity && !c.evaluation.findings.some((x) => x.severity === f.severity)) return false;
  if (f.payer && (c.visit.payer ?? '') !== f.payer) return false;
  if (f.clinician && !(c.visit.clinicians ?? []).includes(f.clinician)) return false;
  if (f.date && (c.visit.dateOfService ?? '') !== f.date) return false;
  return true;
}

const keyOf: Record<SortKey, (c: CheckedVisit) => string | number> = {
  line: (c) => c.line,
  id: (c) => c.visit.id ?? '',
  date: (c) => c.visit.dateOfService ?? '',
  payer: (c) => (c.visit.payer ?? '').toLowerCase(),
  clinician: (c) => (c.visit.clinicians ?? []).join(', ').toLowerCase(),
  worst,
};

export function filterAndSort(all: readonly CheckedVisit[], f: Filters, sort: Sort): CheckedVisit[] {
  const key = keyOf[sort.key];
  // Ties keep file order (line), so a sort never shuffles equal rows.
  return all.filter((c) => matches(c, f)).sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || a.line - b.line;
  });
}

/** Counts for the charts and the filter choices, most first (dates in date order). */
export function summarize(all: readonly CheckedVisit[]) {
  const byRule = new Map<string, number>();
  const byDay = new Map<string, number>();
  const byPayer = new Map<string, number>();
  const payers = new Set<string>();
  const clinicians = new Set<string>();
  const dates = new Set<string>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let withErrors = 0;
  let withWarnings = 0;
  for (const c of all) {
    const payer = c.visit.payer ?? '(no payer)';
    const date = c.visit.dateOfService ?? '(no date)';
    payers.add(c.visit.payer ?? '');
    for (const name of c.visit.clinicians ?? []) clinicians.add(name);
    dates.add(c.visit.dateOfService ?? '');
    const w = worst(c);
    if (w === 3) withErrors++;
    else if (w === 2) withWarnings++;
    for (const f of c.evaluation.findings) {
      add(byRule, f.rule);
      add(byDay, date);
      add(byPayer, payer);
    }
  }
  const most = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    visits: all.length,
    withErrors,
    withWarnings,
    byRule: most(byRule),
    byDay: [...byDay].sort((a, b) => a[0].localeCompare(b[0])),
    byPayer: most(byPayer),
    rules: most(byRule).map(([r]) => r),
    payers: [...payers].sort(),
    /** Clinicians named in the export (none: the export has no clinician column). */
    clinicians: [...clinicians].sort((a, b) => a.localeCompare(b)),
    dates: [...dates].sort(),
  };
}
export type Summary = ReturnType<typeof summarize>;
