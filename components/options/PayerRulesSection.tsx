import { useState } from 'react';
import type { Method, Settings, SettingsInput } from '@/lib/model';

// Payer rules: which unit method applies to which payer, and the year-to-date therapy spend the
// KX check uses. Keys an administrator set by policy are shown but locked.

const METHOD_NAMES: Record<Method, string> = { cms: 'CMS 8-minute rule (total time)', 'per-code': 'Per code (each service on its own)' };

export interface PayerRulesProps {
  settings: Settings;
  locked: readonly string[];
  onChange(change: Partial<SettingsInput>): void;
}

function MethodSelect({ id, value, disabled, onChange }: { id: string; value: Method; disabled: boolean; onChange(m: Method): void }) {
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as Method)}>
      {(Object.keys(METHOD_NAMES) as Method[]).map((m) => (
        <option key={m} value={m}>
          {METHOD_NAMES[m]}
        </option>
      ))}
    </select>
  );
}

const Locked = ({ on }: { on: boolean }) => (on ? <span className="locked"> 🔒 set by your administrator</span> : null);

export function PayerRulesSection({ settings, locked, onChange }: PayerRulesProps) {
  const [contains, setContains] = useState('');
  const [method, setMethod] = useState<Method>('cms');
  const [problem, setProblem] = useState<string>();
  const rulesLocked = locked.includes('payerMethods');
  const spend = settings.ytdTherapySpend;
  // Empty is "unknown"; anything else must be a dollar amount, never silently made 0.
  const setSpend = (key: 'ptSlp' | 'ot', label: string, v: string) => {
    const n = Number(v);
    if (v.trim() !== '' && !(Number.isFinite(n) && n >= 0)) return setProblem(`${label} spend must be an amount of dollars, 0 or more; '${v}' was not saved.`);
    setProblem(undefined);
    onChange({ ytdTherapySpend: { ...spend, [key]: v.trim() === '' ? undefined : n } });
  };
  return (
    <section aria-labelledby="payer-h">
      <h2 id="payer-h">Payer rules</h2>
      <p className="fine">Medicare payers use the CMS 8-minute rule unless a rule below says otherwise; rules are checked in order, and the first whose text the payer name contains wins.</p>
      <div className="field">
        <label htmlFor="default-method">Other payers</label>
        <MethodSelect id="default-method" value={settings.defaultMethod} disabled={locked.includes('defaultMethod')} onChange={(m) => onChange({ defaultMethod: m })} />
        <Locked on={locked.includes('defaultMethod')} />
      </div>
      <div className="field">
        <label htmlFor="no-payer-method">Visits with no payer on the form</label>
        <MethodSelect id="no-payer-method" value={settings.noPayerMethod} disabled={locked.includes('noPayerMethod')} onChange={(m) => onChange({ noPayerMethod: m })} />
        <Locked on={locked.includes('noPayerMethod')} />
      </div>
      <h3>
        Payer name rules
        <Locked on={rulesLocked} />
      </h3>
      {settings.payerMethods.length === 0 ? (
        <p>No payer rules yet.</p>
      ) : (
        <ol aria-label="Payer name rules" className="rules-list">
          {settings.payerMethods.map((r, i) => (
            <li key={`${r.contains}-${i}`}>
              Payer contains “{r.contains}” → {METHOD_NAMES[r.method]}{' '}
              {!rulesLocked && (
                <button type="button" aria-label={`Remove the rule for “${r.contains}”`} onClick={() => onChange({ payerMethods: settings.payerMethods.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {!rulesLocked && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const text = contains.trim();
            if (!text) return setProblem('Enter part of a payer name (e.g. Aetna) for the rule.');
            setProblem(undefined);
            onChange({ payerMethods: [...settings.payerMethods, { contains: text, method }] });
            setContains('');
          }}
        >
          <label>
            Payer name contains
            <input value={contains} onChange={(e) => setContains(e.currentTarget.value)} placeholder="Aetna" maxLength={100} required />
          </label>
          <label>
            Method
            <MethodSelect id="new-rule-method" value={method} disabled={false} onChange={setMethod} />
          </label>
          <button type="submit">Add rule</button>
        </form>
      )}
      {problem && (
        <p role="alert" className="notice error">
          {problem}
        </p>
      )}
      <h3>Year-to-date therapy spend (for the KX modifier)</h3>
      <p className="fine">What this clinic has billed for the patient this year; Unitwise only knows this clinic's share. Leave empty when unknown.</p>
      <div className="inline-form">
        <label>
          PT and SLP ($)
          <input type="number" min={0} step={1} value={spend.ptSlp ?? ''} onChange={(e) => setSpend('ptSlp', 'PT and SLP', e.currentTarget.value)} />
        </label>
        <label>
          OT ($)
          <input type="number" min={0} step={1} value={spend.ot ?? ''} onChange={(e) => setSpend('ot', 'OT', e.currentTarget.value)} />
        </label>
      </div>
    </section>
  );
}
