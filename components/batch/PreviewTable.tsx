import type { Visit } from '@/lib/model';

// The first visits as the reader put them together: what "read as" means in practice.

const lineText = (e: Visit['entries'][number]) =>
  [e.code ?? '(no code)', e.modifiers?.length ? `-${e.modifiers.join('-')}` : '', e.units !== undefined ? ` ×${e.units}` : '', e.minutes != null ? ` (${e.minutes} min)` : ''].join('');

export function PreviewTable({ visits }: { visits: { line: number; visit: Visit }[] }) {
  if (!visits.length) return <p>No visit could be read from the start of the file.</p>;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">First visits as read</h2>
      <table className="preview">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Visit</th>
            <th scope="col">Date</th>
            <th scope="col">Payer</th>
            <th scope="col">Discipline</th>
            <th scope="col">Lines</th>
          </tr>
        </thead>
        <tbody>
          {visits.map(({ line, visit }) => (
            <tr key={line}>
              <td>{line}</td>
              <td>{visit.id ?? ''}</td>
              <td>{visit.dateOfService ?? '—'}</td>
              <td>{visit.payer ?? '—'}</td>
              <td>{visit.discipline ?? '—'}</td>
              <td>{visit.entries.map(lineText).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
