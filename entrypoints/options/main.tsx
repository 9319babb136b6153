import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { SettingsInput } from '@/lib/model';
import { effectiveSettings, withChange, type EffectiveSettings } from '@/lib/settings';
import { exportProfiles } from '@/lib/site-profiles';
import { settingsItem } from '@/lib/storage';
import { SiteMappings } from '@/components/SiteMappings';
import { download } from '@/components/shared/download';
import { useSiteMappings } from '@/components/shared/use-site-mappings';
import { PayerRulesSection } from '@/components/options/PayerRulesSection';
import { RulesSection } from '@/components/options/RulesSection';
import { OpenBatchButton } from '@/components/batch/OpenBatchButton';
import { SitesPanel } from './sites';
import { RuleDataPanel } from './rule-data';
import '../sidepanel/style.css';
import './style.css';

// Options: set once by a practice lead. Settings are written to storage.local (never patient
// data); the background re-checks open visits when they change. Policy values are locked.

z.config({ jitless: true });

/** Settings in force, and a change function that shows the change at once and saves it. */
function useSettings(): { local: SettingsInput; eff: EffectiveSettings; change(c: Partial<SettingsInput>): void } | undefined {
  const [state, setState] = useState<{ local: SettingsInput; managed: unknown }>();
  useEffect(() => {
    const load = async () => {
      const [local, managed] = await Promise.all([settingsItem.getValue(), browser.storage.managed.get(null).catch(() => ({}))]);
      setState({ local: local ?? {}, managed });
    };
    void load();
    const unwatch = settingsItem.watch(() => void load());
    const onManaged = (_: unknown, area: string) => area === 'managed' && void load();
    browser.storage.onChanged.addListener(onManaged);
    return () => {
      unwatch();
      browser.storage.onChanged.removeListener(onManaged);
    };
  }, []);
  if (!state) return undefined;
  const eff = effectiveSettings(state.local, state.managed);
  const change = (c: Partial<SettingsInput>) => {
    const local = withChange(state.local, c, eff.locked);
    setState({ ...state, local });
    void settingsItem.setValue(local);
  };
  return { local: state.local, eff, change };
}

function App() {
  const state = useSettings();
  const mappings = useSiteMappings();
  if (!state) return <p role="status">Loading settings…</p>;
  const { eff, change } = state;

  return (
    <main className="options">
      <h1>Unitwise options</h1>
      <OpenBatchButton />
      {eff.warnings.map((w) => (
        <p key={w} role="alert" className="notice error">
          {w}
        </p>
      ))}
      <PayerRulesSection settings={eff.settings} locked={eff.locked} onChange={change} />
      <RulesSection settings={eff.settings} locked={eff.locked.includes('rules')} onChange={change} />
      <SitesPanel />
      <SiteMappings
        profiles={mappings.profiles}
        managed={eff.managedProfiles}
        status={mappings.status}
        onImport={(f) => void mappings.importFile(f)}
        onDelete={(p) => void mappings.remove(p)}
        onRename={(p, newName) => void mappings.rename(p, newName)}
        onExport={() => download('unitwise-mappings.json', exportProfiles(mappings.profiles), 'application/json')}
      />
      <RuleDataPanel />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
