import type { Settings, SettingsInput, Severity } from '@/lib/model';
import { RULES, RULE_IDS } from '@/lib/rules/registry';

// Every rule by what it checks (its id below, for exports and support): on or off, and its
// severity for this practice.

export function RulesSection({ settings, locked, onChange }: { settings: Settings; locked: boolean; onChange(change: Partial<SettingsInput>): void }) {
  const set = (id: string, next: { enabled?: boolean; severity?: Severity | undefined }) => {
    const current = settings.rules[id] ?? { enabled: true };
    const merged = { ...current, ...next };
    const rules = { ...settings.rules, [id]: merged };
    // A rule back at its defaults needs no entry.
    if (merged.enabled && !merged.severity) delete rules[id];
    onChange({ rules });
  };
  return (
    <section aria-labelledby="rules-h">
      <h2 id="rules-h">Rules</h2>
      {locked && <p className="locked">🔒 Rules are set by your administrator.</p>}
      <table className="rules" aria-label="Rules">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">On</th>
            <th scope="col">Severity</th>
          </tr>
        </thead>
        <tbody>
          {RULE_IDS.map((id) => {
            const info = RULES[id];
            const o = settings.rules[id];
            const enabled = o?.enabled !== false;
            return (
              <tr key={id} data-rule={id}>
                <th scope="row">
                  {info.title}
                  <div className="fine">
                    <code>{id}</code>
                  </div>
                </th>
                <td>
                  <input type="checkbox" aria-label={`${id} on`} checked={enabled} disabled={locked} onChange={(e) => set(id, { enabled: e.currentTarget.checked })} />
                </td>
                <td>
                  <select aria-label={`${id} severity`} value={o?.severity ?? ''} disabled={locked || !enabled} onChange={(e) => set(id, { severity: (e.currentTarget.value || undefined) as Severity | undefined })}>
                    <option value="">default ({info.severity})</option>
                    <option value="error">error</option>
                    <option value="warning">warning</option>
                    <option value="info">note</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
