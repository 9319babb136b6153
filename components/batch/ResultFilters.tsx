import type { Filters, Summary } from './results';

// One labelled select per filter; each lists only what the results hold.

export function ResultFilters({ filters, summary, onChange }: { filters: Filters; summary: Summary; onChange(f: Filters): void }) {
  const select = (key: keyof Filters, label: string, options: [value: string, text: string][]) => (
    <label>
      {label}
      <select value={filters[key]} onChange={(e) => onChange({ ...filters, [key]: e.currentTarget.value })}>
        <option value="">all</option>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="filters" role="group" aria-label="Filter results">
      {select('rule', 'Rule', summary.byRule.map(([r, n]) => [r, `${r} (${n})`]))}
      {select('severity', 'Severity', [
        ['error', 'error'],
        ['warning', 'warning'],
        ['info', 'info'],
        ['ok', 'no findings'],
      ])}
      {select('payer', 'Payer', summary.payers.map((p) => [p, p || '(no payer)']))}
      {summary.clinicians.length > 0 && select('clinician', 'Clinician', summary.clinicians.map((c) => [c, c]))}
      {select('date', 'Date', summary.dates.map((d) => [d, d || '(no date)']))}
    </div>
  );
}
