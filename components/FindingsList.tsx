import type { Evaluation, Finding } from '@/lib/model';

// The minimal findings view: the claim Unitwise suggests and every finding with why and what
// to do. Everything from the page is rendered as text by React, never as HTML.

const LABEL: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

export function FindingsList({ evaluation }: { evaluation: Evaluation }) {
  return (
    <section aria-label="Billing check">
      <p>
        Method: <strong>{evaluation.method === 'cms' ? 'CMS 8-minute rule (total time)' : 'per code'}</strong> · {evaluation.totalTimedMinutes} timed
        minutes → {evaluation.totalTimedUnits} timed units
      </p>
      <h2>Suggested claim</h2>
      <ul aria-label="Suggested claim lines">
        {evaluation.lines.map((l, i) => (
          <li key={i} title={l.reason}>
            {l.code} ×{l.units} {l.modifiers.join(' ')}
          </li>
        ))}
      </ul>
      <h2>Findings ({evaluation.findings.length})</h2>
      <ul aria-label="Findings">
        {evaluation.findings.map((f, i) => (
          <li key={i} data-rule={f.rule} data-severity={f.severity}>
            <strong>{LABEL[f.severity]}</strong> <code>{f.rule}</code>: {f.message}
            {f.action && <div>→ {f.action}</div>}
            <div>
              <small>Source: {f.source}</small>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
