import { count } from '@/lib/count';

// The check's progress, announced politely to screen readers, with Cancel beside it.

export function Progress({ bytes, total, visits, onCancel }: { bytes: number; total: number; visits: number; onCancel(): void }) {
  const pct = total ? Math.round((100 * bytes) / total) : 0;
  return (
    <div className="progress">
      <progress max={100} value={pct} aria-label="Check progress" />
      <span role="status" aria-live="polite">
        Checking… {pct}% · {count(visits)} visit{visits === 1 ? '' : 's'}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
