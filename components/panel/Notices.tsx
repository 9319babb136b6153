import type { Finding } from '@/lib/model';
import { AllowSite, type AllowSiteProps } from './AllowSite';

// What stands between the user and a trustworthy answer, said with what to do about it:
// settings or data that could not be read, rule data out of date for the date of service,
// fields Unitwise could not read, and what the reader skipped. (The reader's other notes are
// folded into NotesLine.)

export function Notices({ warnings, findings, notes }: { warnings: string[]; findings: Finding[]; notes: string[] }) {
  const outOfRange = findings.filter((f) => f.rule === 'data.out-of-range');
  const unreadable = findings.filter((f) => f.rule === 'minutes.unreadable' || f.rule === 'units.unreadable');
  // The reader's bounds (rows, fields, elements, characters): the claim may be missing lines.
  const skipped = notes.filter((n) => /only the first|were not read|Reading stopped/i.test(n));
  if (!warnings.length && !outOfRange.length && !unreadable.length && !skipped.length) return null;
  return (
    <div className="notices">
      {warnings.map((w) => (
        <p key={w} role="alert" className="notice error">
          {w}
        </p>
      ))}
      {outOfRange.length > 0 && (
        <p role="alert" className="notice warning">
          The rule data is not for this date of service: {outOfRange[0]!.message} Import the CMS files for that quarter in Options → Rule data.
        </p>
      )}
      {unreadable.length > 0 && (
        <p role="alert" className="notice warning">
          {unreadable.length === 1 ? 'One field' : `${unreadable.length} fields`} could not be read, so the units may be wrong: fix the values marked on the page.
        </p>
      )}
      {skipped.length > 0 && (
        <p role="alert" className="notice warning">
          This form is very large, and Unitwise read only part of it: {skipped.join(' ')} Check the rest of the visit by hand.
        </p>
      )}
    </div>
  );
}

export type PanelEmpty = 'no-tab' | 'not-enabled' | 'no-form';

/** The panel when there is no evaluation to show, and what to do about it. */
export function EmptyState({ kind, origin, onTeach, onOpenOptions, onAllow }: { kind: PanelEmpty; origin?: string; onTeach(): void; onOpenOptions(): void; onAllow: AllowSiteProps['onAllow'] }) {
  if (kind === 'not-enabled') {
    return (
      <section className="empty" aria-labelledby="not-enabled-h">
        <h2 id="not-enabled-h">Unitwise is not enabled on this site{origin ? ` (${origin})` : ''}</h2>
        <p>Allow it to read visit forms on this one site: your browser asks you first, and Unitwise never asks for all sites.</p>
        <AllowSite origin={origin} onAllow={onAllow} onOpenOptions={onOpenOptions} />
      </section>
    );
  }
  if (kind === 'no-tab') return <p role="status" className="empty">Open a visit form in a tab to see its billing checks here.</p>;
  return (
    <div role="status" className="empty">
      <p>No visit form found on this page{origin ? ` (${origin})` : ''}.</p>
      <p>If this page is a visit form, map it once: click Map this form, then click the fields of one row.</p>
      <button type="button" onClick={onTeach}>
        Map this form
      </button>
    </div>
  );
}
