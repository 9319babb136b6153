import type { VisitSummary } from '@/lib/messages';

// A page can show several visits (a week's flowsheet, a day sheet, today's visit above the
// earlier ones). The panel shows one (the visit being edited); this lists every visit with
// its status, and reaches each in one click. Read-only tables (earlier visits, summaries) are listed apart, unchecked.

function status(v: VisitSummary): string {
  if (!v.checked) return 'not checked yet';
  const problems = v.errors + v.warnings;
  return problems === 0 ? 'OK' : `${problems} ${problems === 1 ? 'problem' : 'problems'}`;
}

const lines = (n: number) => `${n} ${n === 1 ? 'line' : 'lines'}`;

export function PageVisits({ visits, shown, onPick }: { visits: VisitSummary[]; shown: string; onPick(key: string): void }) {
  const charted = visits.filter((v) => !v.history);
  const history = visits.filter((v) => v.history);
  if (charted.length < 2 && !history.length) return null;
  return (
    <section aria-labelledby="visits-h" className="notice page-visits">
      <h2 id="visits-h" className="small">
        {charted.length} {charted.length === 1 ? 'visit' : 'visits'} on this page
      </h2>
      <ul>
        {charted.map((v) => (
          <li key={v.key} className={v.key === shown ? 'current' : undefined} aria-current={v.key === shown ? 'true' : undefined}>
            {v.key === shown ? (
              <span>
                <b>{v.label}</b> (shown)
              </span>
            ) : (
              <button type="button" className="link" onClick={() => onPick(v.key)}>
                {v.label}
              </button>
            )}{' '}
            <span className={`status ${v.errors ? 'error' : v.warnings ? 'warning' : v.checked ? 'ok' : ''}`}>{status(v)}</span> · {lines(v.entries)}
          </li>
        ))}
      </ul>
      {history.length > 0 && (
        <>
          <h3 className="small">Read-only: earlier visits, plans, summaries and notes (not checked)</h3>
          <ul>
            {history.map((v) => (
              <li key={v.key}>
                {v.label} · {lines(v.entries)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
