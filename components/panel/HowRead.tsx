import { useId, useState } from 'react';
import type { Visit } from '@/lib/model';
import type { CorrectReply } from '@/lib/messages';

// "How Unitwise read this page": the visit's lines as read, each value a button that shows the
// page field it came from, and a column corrected in one step ("Minutes is really Units"),
// saved as this site's mapping (the same kind teach mode saves).

const COLUMNS = [
  ['label', 'Intervention'],
  ['code', 'Code'],
  ['minutes', 'Minutes'],
  ['units', 'Units'],
  ['modifiers', 'Modifiers'],
] as const;
type Column = (typeof COLUMNS)[number][0];
const NAME = Object.fromEntries(COLUMNS) as Record<Column, string>;
/** The kinds of field a column can be, for the correction's two choices. */
const COLUMN_OPTIONS = COLUMNS.map(([c, name]) => (
  <option key={c} value={c}>
    {name}
  </option>
));

/** Column headings short enough for a 320 px panel. */
const HEADING: Record<Column, string> = { ...NAME, minutes: 'Min', modifiers: 'Mods' };

const valueOf = (e: Visit['entries'][number], c: Column): string => {
  switch (c) {
    case 'label':
      return e.label ?? '';
    case 'code':
      return e.code ?? '';
    case 'minutes':
      return typeof e.minutes === 'number' ? String(e.minutes) : e.minutes === null ? (e.rawMinutes ? `'${e.rawMinutes}'?` : '?') : '';
    case 'units':
      // (Units written that could not be read: '?', as for minutes; not blank, as for none.)
      return e.units !== undefined ? String(e.units) : e.rawUnits === undefined ? '' : e.rawUnits ? `'${e.rawUnits}'?` : '?';
    case 'modifiers':
      return (e.modifiers ?? []).join(' ');
  }
};

/** The key of the field a line's value came from: the line's key with the column's role. */
const keyOf = (fieldKey: string | undefined, c: Column) => {
  if (!fieldKey) return undefined;
  const cut = fieldKey.lastIndexOf(':');
  return `${cut > 0 ? fieldKey.slice(0, cut) : fieldKey}:${c}`;
};

export interface HowReadProps {
  visit: Visit;
  /** The page this was read on, for the mapping's wording. */
  origin?: string;
  onReveal(fieldKey: string): Promise<boolean>;
  onCorrect(fieldKey: string, from: Column, to: Column): Promise<CorrectReply>;
}

export function HowRead({ visit, origin, onReveal, onCorrect }: HowReadProps) {
  const id = useId();
  const [from, setFrom] = useState<Column>('minutes');
  const [to, setTo] = useState<Column>('units');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const lines = visit.entries;
  const anchor = lines.find((e) => e.fieldKey)?.fieldKey;

  const correct = async () => {
    if (!anchor) return;
    if (from === to) {
      setStatus({ kind: 'error', text: 'Choose two different kinds of field.' });
      return;
    }
    setBusy(true);
    const reply = await onCorrect(anchor, from, to).catch((): CorrectReply => ({ ok: false, error: 'Unitwise is not running on this page. Reload the page.' }));
    setBusy(false);
    setStatus(reply.ok ? { kind: 'ok', text: `Saved a mapping for ${origin ?? 'this site'}: the ${NAME[from]} column is read as ${NAME[to]} on ${reply.rows} ${reply.rows === 1 ? 'line' : 'lines'}. It is listed under Site mappings, where it can be removed.` } : { kind: 'error', text: reply.error });
  };

  return (
    <details className="how-read">
      <summary>How Unitwise read this page</summary>
      <p className="fine">
        {lines.length} {lines.length === 1 ? 'line' : 'lines'} read{visit.payer ? `; payer “${visit.payer}”` : '; no payer'}
        {visit.dateOfService ? `; date of service ${visit.dateOfService}` : '; no date of service'}. Each value shows the field it came from.
      </p>
      <table className="claim read-lines" aria-label="Lines as Unitwise read them">
        <thead>
          <tr>
            {COLUMNS.map(([c, name]) => (
              <th key={c} scope="col">
                {HEADING[c] === name ? name : <abbr title={name}>{HEADING[c]}</abbr>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((e, i) => (
            <tr key={e.fieldKey ?? i}>
              {COLUMNS.map(([c, name]) => {
                const value = valueOf(e, c);
                const key = keyOf(e.fieldKey, c);
                return (
                  <td key={c}>
                    {value && key ? (
                      <button type="button" className="link" aria-label={`${name} of line ${i + 1}: ${value}. Show on page`} onClick={() => void onReveal(key)}>
                        {value}
                      </button>
                    ) : (
                      value || <span className="visually-hidden">none</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {anchor && (
        <fieldset className="correct">
          <legend>Read a column wrong?</legend>
          <label htmlFor={`${id}-from`}>The column read as</label>
          <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value as Column)}>
            {COLUMN_OPTIONS}
          </select>
          <label htmlFor={`${id}-to`}>is really</label>
          <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value as Column)}>
            {COLUMN_OPTIONS}
          </select>
          <button type="button" onClick={() => void correct()} disabled={busy}>
            Save for this site
          </button>
        </fieldset>
      )}
      {status && (
        <p role="status" className={`notice ${status.kind === 'ok' ? 'ok' : 'error'}`}>
          {status.text}
        </p>
      )}
    </details>
  );
}
