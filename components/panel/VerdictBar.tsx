import type { MouseEvent, ReactNode } from 'react';
import type { Verdict } from '@/lib/report';

// The panel's first line, kept in view while scrolling: is this visit ready to bill, and if
// not, how many fixes. It is also a link to what it counts: the first card's button, or the claim.

const MARK: Record<Verdict['level'], string> = { error: '✕', warning: '▲', ready: '✓', empty: '' };

/** Moves to the section; on the problems, to the first card's first control (a keyboard user lands on the first fix). */
function jump(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'start' });
  const first = id === 'problems' ? target.querySelector<HTMLElement>('button, summary') : null;
  (first ?? target).focus();
}

export function VerdictBar({ verdict, visitLabel, children }: { verdict: Verdict; visitLabel?: string; children?: ReactNode }) {
  // (A warning with no problem card is a provisional claim: the claim says why.)
  const target = verdict.problems > 0 ? 'problems' : verdict.level === 'ready' || verdict.level === 'warning' ? 'claim' : undefined;
  const mark = MARK[verdict.level];
  const text = (
    <>
      {mark && (
        <span className="mark" aria-hidden="true">
          {mark}
        </span>
      )}
      {verdict.line}
    </>
  );
  return (
    <header className={`verdict-bar ${verdict.level}`}>
      <p className="verdict" role="status">
        {target ? (
          <a href={`#${target}`} onClick={(e) => jump(e, target)}>
            {text}
          </a>
        ) : (
          text
        )}
      </p>
      {visitLabel && <p className="visit-label">{visitLabel}</p>}
      {children}
    </header>
  );
}
