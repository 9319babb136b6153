import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { Finding } from '@/lib/model';
import type { Acknowledgement, Revealed } from '@/lib/messages';
import { AckForm } from './AckForm';
import { actionText, canShow, headlineOf, SEVERITY, STARTER_DATA } from './finding-text';

// One problem on one card: what to change in a line, one button that shows the field to
// change, and behind "Why?" the full message, what to do, the source and the rule id. Overriding
// (acknowledging with a reason) is the card's secondary action. Page text is rendered as text.

export interface FindingCardProps {
  finding: Finding;
  /** Words that tell this card's buttons from every other card's (finding-text subjectsOf). */
  subject: string;
  ack?: Acknowledgement;
  /** Where the rule data came from, shown under pair and MUE findings. */
  dataText: string;
  /** Take the focus once mounted: the card just moved (acknowledged, or undone). */
  takeFocus?: boolean;
  onFocused?(): void;
  /** Shows the field on the page; false when the page has no such field (said on the card). */
  onReveal(finding: Finding): Promise<Revealed> | void;
  /** Absent for notes: they are shown, never acknowledged (they never hold up a claim). */
  onAcknowledge?(finding: Finding, reason: string): void;
  onUnacknowledge?(finding: Finding): void;
}

export function FindingCard({ finding, subject, ack, dataText, takeFocus, onFocused, onReveal, onAcknowledge, onUnacknowledge }: FindingCardProps) {
  const [asking, setAsking] = useState(false);
  const [notFound, setNotFound] = useState<Revealed>(true);
  const formId = useId();
  const secondary = useRef<HTMLButtonElement>(null);
  const sev = SEVERITY[finding.severity];
  const usesTables = /^(pair|mue|data)\./.test(finding.rule);
  const action = actionText(finding);

  // Before the browser paints (and before anything can read the focus): the focus never
  // drops to <body> between the card moving and its button taking it.
  useLayoutEffect(() => {
    if (!takeFocus) return;
    secondary.current?.focus();
    onFocused?.();
  }, [takeFocus]);

  const close = () => {
    setAsking(false);
    // Back to the button that opened the form, not to the page's start.
    secondary.current?.focus();
  };

  return (
    <li className={`card ${finding.severity}`} data-rule={finding.rule}>
      <p className="headline">
        <span className="sev" aria-hidden="true">
          {sev.mark}
        </span>
        <span className="visually-hidden">{sev.word}: </span>
        {headlineOf(finding)}
      </p>
      {finding.starterData && (
        <p className="provenance">
          <span className="chip starter" role="note" aria-label={`Starter data — verify: ${STARTER_DATA[finding.starterData]}`} title={STARTER_DATA[finding.starterData]}>
            Starter data — verify
          </span>
        </p>
      )}
      {ack && <p className="ack">Acknowledged: {ack.reason}</p>}
      <div className="buttons">
        {canShow(finding) && (
          <button type="button" className="primary" aria-label={`${action} for ${subject}`} onClick={() => void Promise.resolve(onReveal(finding)).then((shown) => setNotFound(shown ?? true))}>
            {action}
          </button>
        )}
        {ack ? (
          <button type="button" ref={secondary} className="secondary" aria-label={`Undo acknowledgement for ${subject}`} onClick={() => onUnacknowledge?.(finding)}>
            Undo acknowledgement
          </button>
        ) : (
          onAcknowledge && (
            <button type="button" ref={secondary} className="secondary" aria-label={`Acknowledge… for ${subject}`} aria-expanded={asking} aria-controls={asking ? formId : undefined} onClick={() => (asking ? close() : setAsking(true))}>
              Acknowledge…
            </button>
          )
        )}
      </div>
      {notFound === false && (
        <p role="status" className="fine">
          That field is not on the page now (scrolled away in a list, or on another tab of the form).
        </p>
      )}
      {typeof notFound === 'object' && (
        <p role="status" className="fine">
          That field is in the collapsed section “{notFound.collapsed}” on the page: open it to see the field.
        </p>
      )}
      {asking && !ack && onAcknowledge && (
        <AckForm
          id={formId}
          subject={subject}
          onSave={(reason) => {
            setAsking(false);
            onAcknowledge(finding, reason);
          }}
          onClose={close}
        />
      )}
      <details className="why">
        <summary>
          Why?<span className="visually-hidden"> ({subject})</span>
        </summary>
        <p className="message">{finding.message}</p>
        {finding.action && <p className="action">What to do: {finding.action}</p>}
        <p className="source">
          Source: {finding.source}
          {usesTables && <> · Data: {dataText}</>} · Rule <code>{finding.rule}</code>
        </p>
        {finding.starterData && <p className="source starter">Starter data: {STARTER_DATA[finding.starterData]}</p>}
      </details>
    </li>
  );
}
