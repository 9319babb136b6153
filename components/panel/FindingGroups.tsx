import { useState } from 'react';
import type { Finding } from '@/lib/model';
import type { Acknowledgement, Revealed } from '@/lib/messages';
import { findingKey } from '@/lib/report';
import { FindingCard } from './FindingCard';
import { subjectMap } from './finding-text';

// The visit's problems, one card each, worst first: errors, then warnings; then the ones
// acknowledged for this visit (they no longer count). Notes are not here: NotesLine folds them.

export interface FindingGroupsProps {
  /** Errors and warnings (notes go to NotesLine). */
  findings: Finding[];
  acks: readonly Acknowledgement[];
  /** Where the rule data came from, shown under pair and MUE findings. */
  dataText: string;
  /** Button names per finding, unique across the panel (finding-text subjectMap over all findings). */
  subjects?: ReadonlyMap<Finding, string>;
  onReveal(finding: Finding): Promise<Revealed> | void;
  onAcknowledge(finding: Finding, reason: string): void;
  onUnacknowledge(finding: Finding): void;
}

const GROUPS = [
  { key: 'error', label: 'Errors' },
  { key: 'warning', label: 'Warnings' },
] as const;

export function FindingGroups(props: FindingGroupsProps) {
  const { findings, acks, dataText } = props;
  // The card that just moved between lists keeps the focus (its own button, in its new place).
  // The move shows once the acknowledgements come back from storage: until then the card is
  // still in its old place, and must not take the focus there.
  const [moved, setMoved] = useState<{ key: string; acked: boolean } | null>(null);
  const ackBy = new Map(acks.map((a) => [a.key, a]));
  const subjects = props.subjects ?? subjectMap(findings);
  const open = findings.filter((f) => !ackBy.has(findingKey(f)));
  const acked = findings.filter((f) => ackBy.has(findingKey(f)));
  const card = (f: Finding, i: number) => (
    <FindingCard
      key={`${findingKey(f)}#${i}`}
      finding={f}
      subject={subjects.get(f)!}
      ack={ackBy.get(findingKey(f))}
      dataText={dataText}
      takeFocus={moved?.key === findingKey(f) && moved.acked === ackBy.has(findingKey(f))}
      onFocused={() => setMoved(null)}
      onReveal={props.onReveal}
      onAcknowledge={(finding, reason) => {
        setMoved({ key: findingKey(finding), acked: true });
        props.onAcknowledge(finding, reason);
      }}
      onUnacknowledge={(finding) => {
        setMoved({ key: findingKey(finding), acked: false });
        props.onUnacknowledge(finding);
      }}
    />
  );
  return (
    <>
      {open.length > 0 && (
        <section id="problems" aria-labelledby="problems-h" className="fixes">
          <h2 id="problems-h" className="visually-hidden">
            Problems
          </h2>
          {GROUPS.map((g) => {
            const items = open.filter((f) => f.severity === g.key);
            return items.length ? (
              <ul key={g.key} aria-label={g.label} className="cards">
                {items.map(card)}
              </ul>
            ) : null;
          })}
        </section>
      )}
      {acked.length > 0 && (
        <section aria-labelledby="acked-h" className="acked">
          <h2 id="acked-h">Acknowledged ({acked.length})</h2>
          <ul aria-label="Acknowledged" className="cards">
            {acked.map(card)}
          </ul>
        </section>
      )}
    </>
  );
}
