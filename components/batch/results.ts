// Filtering, sorting and counting the checked visits: pure, so the table and charts stay thin.

import type { ResultRow } from '@/entrypoints/batch/results-wire';
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

const SEVERITY_BIT = { error: 4, warning: 2, info: 1 } as const;

/** `f.rule` as an index into `ruleNames` (-1: no visit has it); undefined when not filtering by rule. */
const ruleIndex = (f: Filters, ruleNames: readonly string[]) => (f.rule ? ruleNames.indexOf(f.rule) : undefined);

export function matches(c: ResultRow, f: Filters, rule: number | undefined): boolean {
  if (rule !== undefined && !c.rules.includes(rule)) return false;
  if (f.severity === 'ok' ? c.rules.length > 0 : f.severity && !(c.severities & SEVERITY_BIT[f.severity])) return false;
  if (f.payer && (c.payer ?? '') !== f.payer) return false;
  if (f.clinician && !(c.clinicians ?? []).includes(f.clinician)) return false;
  if (f.date && (c.date ?? '') !== f.date) return false;
  return true;
}

const keyOf: Record<SortKey, (c: ResultRow) => string | number> = {
  line: (c) => c.line,
  id: (c) => c.id ?? '',
  date: (c) => c.date ?? '',
  payer: (c) => (c.payer ?? '').toLowerCase(),
  clinician: (c) => (c.clinicians ?? []).join(', ').toLowerCase(),
  worst: (c) => c.worst,
};

export function filterAndSort(all: readonly ResultRow[], ruleNames: readonly string[], f: Filters, sort: Sort): ResultRow[] {
  const keyFor = keyOf[sort.key];
  const rule = ruleIndex(f, ruleNames);
  // Each row's key worked out once, not in every comparison (100,000 rows by clinician 106 → 52 ms, by visit id 211 → 119 ms).
  const keyed = all.filter((c) => matches(c, f, rule)).map((row) => ({ row, key: keyFor(row) }));
  // Ties keep file order (line), so a sort never shuffles equal rows.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * sort.dir || a.row.line - b.row.line);
  return keyed.map((k) => k.row);
}

/** Counts for the charts and the filter choices, most first (dates in date order). */
export function summarize(all: readonly ResultRow[], ruleNames: readonly string[]) {
  const byRule = new Map<string, number>();
  const byDay = new Map<string, number>();
  const byPayer = new Map<string, number>();
  const payers = new Set<string>();
  const clinicians = new Set<string>();
  const dates = new Set<string>();
  let withErrors = 0;
  let withWarnings = 0;
  const perRule = new Array<number>(ruleNames.length).fill(0);
  for (const c of all) {
    const payer = c.payer ?? '(no payer)';
    const date = c.date ?? '(no date)';
    payers.add(c.payer ?? '');
    for (const name of c.clinicians ?? []) clinicians.add(name);
    dates.add(c.date ?? '');
    if (c.worst === 3) withErrors++;
    else if (c.worst === 2) withWarnings++;
    // Counted per finding, as the charts' titles say.
    for (const r of c.rules) perRule[r]!++;
    if (c.rules.length) {
      byDay.set(date, (byDay.get(date) ?? 0) + c.rules.length);
      byPayer.set(payer, (byPayer.get(payer) ?? 0) + c.rules.length);
    }
  }
  perRule.forEach((n, r) => n && byRule.set(ruleNames[r]!, n));
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
