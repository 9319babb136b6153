import type { Evaluation, Visit } from '@/lib/model';
import { methodText, treatmentMinutes, type Verdict } from '@/lib/report';

// The visit at a glance: payer, the unit method in force and why, the totals, and a verdict.

export function Summary({ visit, evaluation, verdict }: { visit: Visit; evaluation: Evaluation; verdict: Verdict }) {
  return (
    <section aria-labelledby="summary-h" className="summary">
      <h2 id="summary-h" className="visually-hidden">
        Summary
      </h2>
      <p className={`verdict ${verdict.ready ? 'ready' : 'problems'}`} role="status">
        {verdict.ready ? '✓ ' : '⚠ '}
        {verdict.text}
      </p>
      <dl className="facts">
        <dt>Payer</dt>
        <dd>{visit.payer ?? 'not on the form'}</dd>
        <dt>Method</dt>
        <dd>
          {methodText(evaluation)}
          {evaluation.methodReason && <span className="why"> ({evaluation.methodReason})</span>}
        </dd>
        <dt>Timed</dt>
        <dd>
          {evaluation.totalTimedMinutes} min → {evaluation.totalTimedUnits} {evaluation.totalTimedUnits === 1 ? 'unit' : 'units'}
        </dd>
        <dt>Treatment</dt>
        <dd>{treatmentMinutes(visit)} min</dd>
        {visit.dateOfService && (
          <>
            <dt>Date of service</dt>
            <dd>{visit.dateOfService}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
