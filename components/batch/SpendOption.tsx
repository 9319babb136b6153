import type { Report } from '@/entrypoints/batch/protocol';

// An export with a patient column and a charge or allowed-amount column can give each visit the
// patient's therapy spend so far this year, for the KX check (lib/batch/spend.ts; the CLI's
// --accumulate-spend). Off until the user asks: the file holds only this clinic's charges in it.

export const canSumSpend = (report: Pick<Report, 'columns'>) => report.columns.some((c) => c.role === 'patient') && report.columns.some((c) => c.role === 'charge' || c.role === 'allowed');

export function SpendOption({ checked, onChange, disabled }: { checked: boolean; onChange(on: boolean): void; disabled?: boolean }) {
  return (
    <p className="spend-option no-print">
      <label>
        <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} /> Sum each patient's charges in this file for the KX check
      </label>{' '}
      <span>
        (per calendar year, PT and SLP together, OT apart, in the order the visits come; it is this clinic's spend seen in this file, not the patient's spend with other providers)
      </span>
    </p>
  );
}
