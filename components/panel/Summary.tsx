import type { Evaluation, Visit } from '@/lib/model';
import { dayLimited, methodText, timedText, treatmentMinutes, type ClaimRow } from '@/lib/report';

// The visit's facts in one line above the claim, and the unit arithmetic behind "How units
// were counted": the method in force and why, the totals, and each line's reason.

export function VisitLine({ visit, evaluation }: { visit: Visit; evaluation: Evaluation }) {
  // (Each plan's figures are in "How units were counted": the line is read at a glance.)
  const plans = evaluation.plans?.length;
  const units = `${timedText({ ...evaluation, plans: undefined })}${plans ? ` (${plans} plans of care)` : ''}${dayLimited(evaluation) ? ' this visit alone' : ''}`;
  const parts = [visit.payer ?? 'No payer on the form', evaluation.method === 'cms' ? 'CMS 8-minute rule' : 'Per code', units, visit.dateOfService].filter(Boolean);
  return <p className="visit-line">{parts.join(' · ')}</p>;
}

export function Summary({ visit, evaluation, rows }: { visit: Visit; evaluation: Evaluation; rows: ClaimRow[] }) {
  const reasons = rows.filter((r) => r.suggested?.reason);
  return (
    <details className="summary counted">
      <summary>How units were counted</summary>
      <dl className="facts">
        <dt>Payer</dt>
        <dd>{visit.payer ?? 'not on the form'}</dd>
        <dt>Method</dt>
        <dd>
          {methodText(evaluation)}
          {evaluation.methodReason && <span className="why"> ({evaluation.methodReason})</span>}
        </dd>
        <dt>Timed</dt>
        <dd>{timedText(evaluation)}</dd>
        <dt>Treatment</dt>
        <dd>{treatmentMinutes(visit)} min</dd>
        {visit.dateOfService && (
          <>
            <dt>Date of service</dt>
            <dd>{visit.dateOfService}</dd>
          </>
        )}
      </dl>
      {reasons.length > 0 && (
        <ul className="reasons" aria-label="Each line's units">
          {reasons.map((r) => (
            <li key={`${r.code} ${r.plan}`}>
              <span className="code">{r.code}</span>: {r.suggested!.reason}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
