import { headlineOf } from '@/components/panel/finding-text';
import type { CheckedVisit } from '@/lib/batch/export-csv';
import type { Sort, SortKey } from './results';
import { count } from '@/lib/count';
import { provisionalClaim } from '@/lib/batch/provisional';

// The checked visits: sortable by a header button (aria-sort says how), each row with its
// findings (severity and headline; opened, why, what to do and the source) and the suggested
// claim lines. Large results show a page of rows: the filters and the CSV cover all of them.

export const PAGE_ROWS = 200;

const COLUMNS: [SortKey | null, string][] = [
  ['line', 'Line'],
  ['id', 'Visit'],
  ['date', 'Date'],
  ['payer', 'Payer'],
  ['worst', 'Findings'],
  [null, 'Suggested claim lines'],
];

/** A row whose result could not be read back: shown as such, never left out. */
export type Unreadable = { line: number; problem: string };

/** A row to show: its result, and a key that names the visit (lines repeat: a JSON array's visits can all be on line 1). */
export type ShownRow = { key: string; result: CheckedVisit | Unreadable };

/** `shown`: the first {@link PAGE_ROWS} of the `matching` visits, decoded. */
/** `inputHasMinutes`: false for an export with no minutes at all (837P), whose report says so once: no claim is called provisional then. */
export function ResultsTable({ shown, matching, total, sort, onSort, clinicians = false, inputHasMinutes = true }: { shown: ShownRow[]; matching: number; total: number; sort: Sort; onSort(s: Sort): void; clinicians?: boolean; inputHasMinutes?: boolean }) {
  // A Clinician column only when the export names clinicians.
  const columns = clinicians ? COLUMNS.flatMap((c) => (c[0] === 'payer' ? [c, ['clinician', 'Clinician'] as [SortKey, string]] : [c])) : COLUMNS;
  return (
    <>
      <p role="status" aria-live="polite">
        Showing {count(shown.length)} of {count(matching)} matching visit{matching === 1 ? '' : 's'} ({count(total)} checked)
      </p>
      <table className="results">
        <thead>
          <tr>
            {columns.map(([key, label]) => (
              <th key={label} scope="col" aria-sort={key && sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}>
                {key ? (
                  <button type="button" className="sort" onClick={() => onSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}>
                    {label}
                    <span aria-hidden="true">{sort.key === key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map(({ key, result }) =>
            'problem' in result ? (
              <tr key={key}>
                <td>{result.line}</td>
                <td colSpan={columns.length - 1} className="error">
                  Could not show this visit's result: {result.problem}
                </td>
              </tr>
            ) : (
              <Row key={key} checked={result} clinicians={clinicians} inputHasMinutes={inputHasMinutes} />
            ),
          )}
        </tbody>
      </table>
    </>
  );
}

function Row({ checked: { line, visit, evaluation }, clinicians, inputHasMinutes }: { checked: CheckedVisit; clinicians: boolean; inputHasMinutes: boolean }) {
  // Minutes missing or unreadable: the claim is provisional (which lines, and why), as in the side panel.
  const provisional = provisionalClaim(visit, evaluation, inputHasMinutes);
  const lines = evaluation.lines.map((l) => `${l.code}${l.modifiers.length ? `-${l.modifiers.join('-')}` : ''} ×${l.units}${provisional?.codes.has(l.code) ? ' (as entered, unchecked)' : ''}`);
  // A line waiting on its minutes with no units entered is on no claim line yet: named, not left out.
  for (const code of provisional?.unbilled ?? []) lines.push(`${code} ×? (enter its minutes)`);
  return (
    <tr>
      <td>{line}</td>
      <td>{visit.id ?? ''}</td>
      <td>{visit.dateOfService ?? '—'}</td>
      <td>{visit.payer ?? '—'}</td>
      {clinicians && <td>{visit.clinicians?.join(', ') ?? '—'}</td>}
      <td>
        {evaluation.findings.length === 0 ? (
          <span className="ok">no findings</span>
        ) : (
          <ul className="findings">
            {evaluation.findings.map((f, i) => (
              <li key={i} className={f.severity}>
                <details>
                  <summary>
                    <span className="sev">{f.severity}</span> {headlineOf(f)} <code>{f.rule}</code>
                  </summary>
                  <p>{f.message}</p>
                  {f.action && (
                    <p>
                      <strong>What to do:</strong> {f.action}
                    </p>
                  )}
                  <p className="source">Source: {f.source}</p>
                </details>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className={provisional ? 'provisional' : undefined}>
        {lines.join(', ') || '—'}
        {provisional && (
          <p className="notice provisional" role="note">
            <strong>Provisional claim until the minutes are entered.</strong> {provisional.text}
          </p>
        )}
      </td>
    </tr>
  );
}
