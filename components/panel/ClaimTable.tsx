import type { ClaimRow } from '@/lib/report';

// The claim Unitwise suggests, one row per code, beside what the form has entered; a
// difference is marked in words as well as colour.

export function ClaimTable({ rows, names }: { rows: ClaimRow[]; names: ReadonlyMap<string, string> }) {
  if (rows.length === 0) return <p>No billable codes on this visit yet.</p>;
  return (
    <table className="claim" aria-label="Suggested claim lines">
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Units</th>
          <th scope="col">Mods</th>
          <th scope="col">Form has</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const differs = r.unitsDiffer || r.modifiersDiffer;
          return (
            <tr key={r.code} className={differs ? 'differs' : undefined} data-code={r.code}>
              <th scope="row">
                <span className="code">{r.code}</span> <span className="name">{names.get(r.code) ?? ''}</span>
                {r.suggested?.reason && <div className="why">{r.suggested.reason}</div>}
              </th>
              <td>{r.suggested?.units ?? 0}</td>
              <td>{r.suggested?.modifiers.join(' ') || '–'}</td>
              <td>
                {r.entered ? (
                  <>
                    {r.unitsDiffer ? <mark>{r.entered.units}</mark> : (r.entered.units ?? '–')} {r.modifiersDiffer ? <mark>{r.entered.modifiers.join(' ')}</mark> : r.entered.modifiers.join(' ')}
                    {differs && <span className="visually-hidden"> (differs from the suggestion)</span>}
                  </>
                ) : (
                  <span>not entered</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
