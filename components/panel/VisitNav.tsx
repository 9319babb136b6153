import type { VisitSummary } from '@/lib/messages';

// Under the verdict, on a page of several visits: which one this is, how the others stand, and
// the next one with problems in one click. The verdict speaks for the visit shown only: a green
// "Ready to bill" on the morning's visit must not hide the afternoon's error further down.

const visits = (n: number) => `${n} ${n === 1 ? 'visit' : 'visits'}`;

export function VisitNav({ all, shown, onPick }: { all: readonly VisitSummary[]; shown: string; onPick(key: string): void }) {
  const charted = all.filter((v) => !v.history);
  const at = charted.findIndex((v) => v.key === shown);
  if (charted.length < 2 || at < 0) return null;
  const others = charted.filter((v) => v.key !== shown);
  const withProblems = others.filter((v) => v.checked && v.errors + v.warnings > 0);
  const withErrors = withProblems.filter((v) => v.errors > 0).length;
  const unchecked = others.filter((v) => !v.checked).length;
  // The next visit with problems after this one, round the page.
  const next = [...charted.slice(at + 1), ...charted.slice(0, at)].find((v) => withProblems.includes(v));
  const standing = withProblems.length
    ? `${withProblems.length} other ${withProblems.length === 1 ? 'visit has' : 'visits have'} problems${withErrors ? ` (${withErrors} with errors)` : ''}`
    : unchecked
      ? `${unchecked} other ${unchecked === 1 ? 'visit' : 'visits'} not checked yet`
      : others.length === 1
        ? 'the other visit is OK'
        : `the other ${visits(others.length)} are OK`;
  return (
    <nav className="visit-nav" aria-label="Visits on this page">
      Visit {at + 1} of {charted.length} · <span className={withErrors ? 'error' : withProblems.length ? 'warning' : undefined}>{standing}</span>
      {next && (
        <>
          {' '}
          <button type="button" className="link" onClick={() => onPick(next.key)} title={next.label}>
            Next with problems ›
          </button>
        </>
      )}
    </nav>
  );
}
