import { ROLE_NAMES, ROLES, SKIP_NAMES, delimiterName, type Role } from '@/lib/batch/report';
import type { Report } from '@/entrypoints/batch/protocol';

// The mapping report: each column, what it became and how it was decided, with a dropdown to
// correct it; then the rows skipped and why, and the reader's notes. Everything from the file
// (column names, examples) is rendered as React text, never as HTML.

const HOW: Record<string, string> = { name: 'by its name', content: 'by its content', chosen: 'your choice' };

export function MappingTable({ report, onChange, disabled }: { report: Report; onChange(column: number, role: Role | ''): void; disabled?: boolean }) {
  const facts = [
    `format ${report.format}`,
    report.encoding && `encoding ${report.encoding}`,
    report.delimiter && `delimiter ${delimiterName(report.delimiter)}`,
    report.sheet && `sheet ${report.sheet}`,
    report.headerLine && `header on line ${report.headerLine}`,
    report.layout && `${report.layout} layout`,
  ].filter(Boolean);
  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">How the file was read</h2>
      <p>{facts.join(' · ')}</p>
      {report.columns.length > 0 && (
        <table className="mapping">
          <caption className="visually-hidden">Columns and what each became</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Read as</th>
              <th scope="col">How</th>
            </tr>
          </thead>
          <tbody>
            {report.columns.map((c) => (
              <tr key={c.index} className={c.role ? '' : 'ignored'}>
                <th scope="row">{c.name || `(column ${c.index + 1})`}</th>
                <td>
                  {c.item !== undefined ? (
                    // Numbered columns of a wide layout are decided together; changing one alone would break the set.
                    <span>
                      {ROLE_NAMES[c.role!]} (line {c.item})
                    </span>
                  ) : (
                    <select aria-label={`Read column ${c.name || c.index + 1} as`} value={c.role ?? ''} disabled={disabled} onChange={(e) => onChange(c.index, e.currentTarget.value as Role | '')}>
                      <option value="">ignored</option>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_NAMES[r]}
                        </option>
                      ))}
                    </select>
                  )}
                  {c.item === undefined && <span className="print-only">{c.role ? ROLE_NAMES[c.role] : 'ignored'}</span>}
                </td>
                <td>
                  {c.role ? HOW[c.how ?? ''] ?? '' : 'ignored'}
                  {c.note ? ` — ${c.note}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.skipped.length > 0 && (
        <>
          <h3>Rows skipped</h3>
          <ul>
            {report.skipped.map((s) => (
              <li key={s.reason}>
                {s.count} {SKIP_NAMES[s.reason]}
                {s.count === 1 ? '' : 's'} (line {s.lines.join(', ')}
                {s.count > s.lines.length ? '…' : ''}){s.examples.length ? `: ${s.examples.map((e) => `“${e}”`).join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.notes.length > 0 && (
        <ul className="notes">
          {report.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
