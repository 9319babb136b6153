import { useState } from 'react';
import type { Finding } from '@/lib/model';
import type { Acknowledgement } from '@/lib/messages';
import { findingKey } from '@/lib/report';

// Findings grouped by severity, each with what is wrong, what to do and its source. A finding
// can be shown on the page, or acknowledged with a reason for this visit (then it moves to the
// acknowledged group and no longer counts as a problem). Everything is rendered as text.

const GROUPS: { severity: Finding['severity']; title: string }[] = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Notes' },
];

export interface FindingGroupsProps {
  findings: Finding[];
  acks: readonly Acknowledgement[];
  /** Where the rule data came from, shown under pair and MUE findings. */
  dataText: string;
  onReveal(fieldKey: string): void;
  onAcknowledge(finding: Finding, reason: string): void;
  onUnacknowledge(finding: Finding): void;
}

function FindingItem({ finding, ack, dataText, onReveal, onAcknowledge, onUnacknowledge }: { finding: Finding; ack?: Acknowledgement } & Omit<FindingGroupsProps, 'findings' | 'acks'>) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const usesTables = /^(pair|mue|data)\./.test(finding.rule);
  return (
    <li className={`finding ${finding.severity}`} data-rule={finding.rule}>
      <p className="message">
        <span className="severity">{finding.severity === 'error' ? 'Error' : finding.severity === 'warning' ? 'Warning' : 'Note'}</span> {finding.message}
      </p>
      {finding.action && <p className="action">What to do: {finding.action}</p>}
      <p className="source">
        <code>{finding.rule}</code> · Source: {finding.source}
        {usesTables && <> · Data: {dataText}</>}
      </p>
      {ack && <p className="ack">Acknowledged: {ack.reason}</p>}
      <div className="buttons">
        {finding.fieldKeys?.[0] && (
          <button type="button" onClick={() => onReveal(finding.fieldKeys![0]!)}>
            Show on page
          </button>
        )}
        {ack ? (
          <button type="button" onClick={() => onUnacknowledge(finding)}>
            Undo acknowledgement
          </button>
        ) : !asking ? (
          <button type="button" onClick={() => setAsking(true)}>
            Acknowledge…
          </button>
        ) : null}
      </div>
      {asking && !ack && (
        <form
          className="ack-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return;
            onAcknowledge(finding, reason.trim());
            setAsking(false);
            setReason('');
          }}
        >
          <label>
            Reason (kept for this visit only)
            <input value={reason} maxLength={500} required autoFocus onChange={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="submit">Save</button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

export function FindingGroups(props: FindingGroupsProps) {
  const ackBy = new Map(props.acks.map((a) => [a.key, a]));
  const open = props.findings.filter((f) => !ackBy.has(findingKey(f)));
  const acked = props.findings.filter((f) => ackBy.has(findingKey(f)));
  if (props.findings.length === 0) return <p role="status">No findings: nothing to fix on this visit.</p>;
  const groups = [...GROUPS.map((g) => ({ ...g, items: open.filter((f) => f.severity === g.severity) })), { severity: 'ack', title: 'Acknowledged', items: acked }];
  return (
    <>
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.severity} aria-labelledby={`findings-${g.severity}`} className={`group ${g.severity}`}>
            <h3 id={`findings-${g.severity}`}>
              {g.title} ({g.items.length})
            </h3>
            <ul aria-label={g.title}>
              {g.items.map((f, i) => (
                <FindingItem key={`${findingKey(f)}#${i}`} finding={f} ack={ackBy.get(findingKey(f))} dataText={props.dataText} onReveal={props.onReveal} onAcknowledge={props.onAcknowledge} onUnacknowledge={props.onUnacknowledge} />
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
