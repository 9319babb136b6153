// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PayerRulesSection } from '@/components/options/PayerRulesSection';
import { RulesSection } from '@/components/options/RulesSection';
import { SiteMappings, type SiteMappingsProps } from '@/components/SiteMappings';
import { DEFAULT_SETTINGS, type Settings, type SettingsInput } from '@/lib/model';
import { RULES, RULE_IDS } from '@/lib/rules/registry';
import type { SiteProfile } from '@/lib/site-profiles';

afterEach(cleanup);

type Change = Partial<SettingsInput>;
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  payerMethods: [
    { contains: 'Humana', method: 'cms' },
    { contains: 'Aetna', method: 'per-code' },
  ],
  ytdTherapySpend: { ot: 800 },
};

// Applies each change the way the options page does, so controlled inputs keep what was typed.
function Harness({ initial, locked, onChange }: { initial: Settings; locked: string[]; onChange(c: Change): void }) {
  const [settings, setSettings] = useState(initial);
  return (
    <PayerRulesSection
      settings={settings}
      locked={locked}
      onChange={(c) => {
        onChange(c);
        setSettings((s) => ({ ...s, ...c }) as Settings);
      }}
    />
  );
}

function setupPayer(locked: string[] = [], initial = SETTINGS) {
  const onChange = vi.fn<(c: Change) => void>();
  render(<Harness initial={initial} locked={locked} onChange={onChange} />);
  return { user: userEvent.setup(), onChange };
}
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const spend = (name: string) => screen.getByRole('spinbutton', { name }) as HTMLInputElement;
const patternBox = () => screen.getByRole('textbox', { name: 'Payer name contains' }) as HTMLInputElement;

describe('PayerRulesSection', () => {
  it('shows the current methods and sends only the method that changed', async () => {
    const { user, onChange } = setupPayer();
    expect(select('Other payers').value).toBe('per-code');
    expect(select('Visits with no payer on the form').value).toBe('cms');
    await user.selectOptions(select('Other payers'), 'CMS 8-minute rule (total time)');
    expect(onChange).toHaveBeenLastCalledWith({ defaultMethod: 'cms' });
    await user.selectOptions(select('Visits with no payer on the form'), 'Per code (each service on its own)');
    expect(onChange).toHaveBeenLastCalledWith({ noPayerMethod: 'per-code' });
    expect(onChange).toHaveBeenCalledTimes(2);
  });

  it('lists payer rules in order and removes only the one asked for', async () => {
    const { user, onChange } = setupPayer();
    const items = within(screen.getByRole('list', { name: 'Payer name rules' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Payer contains “Humana” → CMS 8-minute rule'),
      expect.stringContaining('Payer contains “Aetna” → Per code'),
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove the rule for “Humana”' }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ payerMethods: [{ contains: 'Aetna', method: 'per-code' }] });
    expect(screen.queryByRole('button', { name: /Humana/ })).toBeNull();
  });

  it('adds a trimmed pattern with the chosen method after the existing rules, then clears the box', async () => {
    const { user, onChange } = setupPayer();
    await user.type(patternBox(), '  Blue Cross  ');
    await user.selectOptions(within(patternBox().closest('form')!).getByRole('combobox', { name: 'Method' }), 'per-code');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ payerMethods: [...SETTINGS.payerMethods, { contains: 'Blue Cross', method: 'per-code' }] });
    expect(patternBox().value).toBe('');
    expect(screen.getByRole('list', { name: 'Payer name rules' }).textContent).toContain('“Blue Cross”');
  });

  it('says when there are no payer rules, and refuses an empty pattern', async () => {
    const { user, onChange } = setupPayer([], { ...SETTINGS, payerMethods: [] });
    expect(screen.getByText('No payer rules yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(onChange).not.toHaveBeenCalled();
    // The browser's own "fill in this field" message comes from `required`.
    expect(patternBox().validity.valueMissing).toBe(true);
  });

  it('explains why a whitespace-only pattern was not added', async () => {
    const { user, onChange } = setupPayer();
    await user.type(patternBox(), '   ');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/payer name/i);
  });

  it('stores the year-to-date spend per discipline, keeps the other one, and clears to unknown', async () => {
    const { user, onChange } = setupPayer();
    expect(spend('OT ($)').value).toBe('800');
    await user.type(spend('PT and SLP ($)'), '1250');
    expect(onChange).toHaveBeenLastCalledWith({ ytdTherapySpend: { ot: 800, ptSlp: 1250 } });
    await user.clear(spend('OT ($)'));
    expect(onChange).toHaveBeenLastCalledWith({ ytdTherapySpend: { ot: undefined, ptSlp: 1250 } });
    expect(spend('OT ($)').value).toBe('');
  });

  it('refuses a negative spend with a message instead of storing 0', async () => {
    const { user, onChange } = setupPayer();
    await user.type(spend('PT and SLP ($)'), '-5');
    expect(onChange).not.toHaveBeenCalledWith({ ytdTherapySpend: expect.objectContaining({ ptSlp: 0 }) });
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  it('locks what the administrator set: disabled selects, no remove, no add form', async () => {
    const { user, onChange } = setupPayer(['defaultMethod', 'noPayerMethod', 'payerMethods']);
    expect(select('Other payers').disabled).toBe(true);
    expect(select('Visits with no payer on the form').disabled).toBe(true);
    expect(screen.getAllByText(/set by your administrator/)).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add rule' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Payer name contains' })).toBeNull();
    await user.selectOptions(select('Other payers'), 'cms').catch(() => {}); // user-event refuses a disabled select
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getAllByRole('listitem')).toHaveLength(2); // rules still shown
    expect(spend('PT and SLP ($)').disabled).toBe(false); // spend is never managed
  });
});

describe('RulesSection', () => {
  function setupRules(rules: Settings['rules'] = {}, locked = false) {
    const onChange = vi.fn<(c: Change) => void>();
    render(<RulesSection settings={{ ...DEFAULT_SETTINGS, rules }} locked={locked} onChange={onChange} />);
    return { user: userEvent.setup(), onChange };
  }
  const on = (id: string) => screen.getByRole('checkbox', { name: `${id} on` }) as HTMLInputElement;
  const severity = (id: string) => screen.getByRole('combobox', { name: `${id} severity` }) as HTMLSelectElement;

  it('lists every rule by its plain title, its id second, on, at its default severity', () => {
    setupRules();
    const table = screen.getByRole('table', { name: 'Rules' });
    expect(within(table).getAllByRole('rowheader')).toHaveLength(RULE_IDS.length);
    for (const id of RULE_IDS) {
      const header = within(table).getByRole('rowheader', { name: new RegExp(`${id.replace('.', '\\.')}$`) });
      expect(header.textContent).toBe(RULES[id].title + id);
      expect(header.querySelector('.fine code')!.textContent).toBe(id);
      expect(on(id).checked).toBe(true);
      expect(severity(id).selectedOptions[0]!.textContent).toBe(`default (${RULES[id].severity})`);
    }
  });

  it('turns a rule off, keeping other overrides, and back on drops its entry', async () => {
    const { user, onChange } = setupRules({ 'code.bundled': { enabled: true, severity: 'error' }, 'units.tie': { enabled: false } });
    await user.click(on('units.over-billed'));
    expect(onChange).toHaveBeenLastCalledWith({ rules: { 'code.bundled': { enabled: true, severity: 'error' }, 'units.tie': { enabled: false }, 'units.over-billed': { enabled: false } } });
    expect(on('units.tie').checked).toBe(false);
    expect(severity('units.tie').disabled).toBe(true);
    await user.click(on('units.tie'));
    expect(onChange).toHaveBeenLastCalledWith({ rules: { 'code.bundled': { enabled: true, severity: 'error' } } });
  });

  it('overrides a severity, and choosing the default again removes the override', async () => {
    const { user, onChange } = setupRules({ 'code.bundled': { enabled: true, severity: 'error' } });
    expect(severity('code.bundled').value).toBe('error');
    await user.selectOptions(severity('modifier.kx'), 'note');
    expect(onChange).toHaveBeenLastCalledWith({ rules: { 'code.bundled': { enabled: true, severity: 'error' }, 'modifier.kx': { enabled: true, severity: 'info' } } });
    await user.selectOptions(severity('code.bundled'), 'default (warning)');
    expect(onChange).toHaveBeenLastCalledWith({ rules: {} });
  });

  it('when locked, says so and nothing can be changed', async () => {
    const { user, onChange } = setupRules({}, true);
    expect(screen.getByText(/Rules are set by your administrator/)).toBeTruthy();
    expect(screen.getAllByRole('checkbox').every((c) => (c as HTMLInputElement).disabled)).toBe(true);
    expect(screen.getAllByRole('combobox').every((c) => (c as HTMLSelectElement).disabled)).toBe(true);
    await user.click(on('units.over-billed'));
    expect(on('units.over-billed').checked).toBe(true);
    expect(onChange).not.toHaveBeenCalled();
  });
});

describe('SiteMappings', () => {
  const profile = (name: string, origin: string): SiteProfile => ({ version: 1, name, origin, rowSelector: 'tr.service', fields: { minutes: 'input.min' } });
  const OTHER = profile('Old clinic note', 'https://other.example');
  const HERE = profile('Daily note', 'https://ehr.example.com');
  const MANAGED = profile('District template', 'https://ehr.example.com');

  function setupMappings(props: Partial<SiteMappingsProps> = {}) {
    const spies = { onImport: vi.fn<SiteMappingsProps['onImport']>(), onDelete: vi.fn<SiteMappingsProps['onDelete']>(), onRename: vi.fn<NonNullable<SiteMappingsProps['onRename']>>() };
    render(<SiteMappings profiles={[OTHER, HERE]} origin="https://ehr.example.com" {...spies} {...props} />);
    return { user: userEvent.setup(), ...spies };
  }
  const items = () => within(screen.getByRole('list', { name: 'Saved mappings' })).getAllByRole('listitem');

  it("lists this site's mappings first, marked as this site", () => {
    setupMappings();
    const [first, second] = items();
    expect(first!.textContent).toMatch(/^Daily note https:\/\/ehr\.example\.com · this site/);
    expect(second!.textContent).toMatch(/^Old clinic note https:\/\/other\.example/);
    expect(second!.textContent).not.toContain('this site');
  });

  it('says when nothing is saved, and offers export only when there are own mappings', () => {
    const onExport = vi.fn();
    setupMappings({ profiles: [], managed: [MANAGED], onExport });
    expect(screen.queryByRole('button', { name: 'Export mappings' })).toBeNull();
    cleanup();
    setupMappings({ profiles: [], onExport });
    expect(screen.getByText('No mappings saved.')).toBeTruthy();
    cleanup();
    setupMappings({ onExport });
    screen.getByRole('button', { name: 'Export mappings' }).click();
    expect(onExport).toHaveBeenCalledOnce();
  });

  it('shows managed mappings locked, with no delete or rename', () => {
    setupMappings({ managed: [MANAGED] });
    const managed = items().find((li) => li.textContent!.includes('District template'))!;
    expect(managed.textContent).toContain('set by your administrator');
    expect(within(managed).queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /District template/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete mapping Daily note' })).toBeTruthy();
  });

  it('deletes exactly the mapping asked for', async () => {
    const { user, onDelete } = setupMappings();
    await user.click(screen.getByRole('button', { name: 'Delete mapping Old clinic note' }));
    expect(onDelete).toHaveBeenCalledExactlyOnceWith(OTHER);
    await user.click(screen.getByRole('button', { name: 'Delete mapping Daily note' }));
    expect(onDelete).toHaveBeenLastCalledWith(HERE);
  });

  it('renames through a form: Save sends the new name, Cancel sends nothing', async () => {
    const { user, onRename } = setupMappings();
    await user.click(screen.getByRole('button', { name: 'Rename mapping Daily note' }));
    const box = screen.getByRole('textbox', { name: 'New name' }) as HTMLInputElement;
    expect(box.value).toBe('Daily note');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('textbox', { name: 'New name' })).toBeNull();
    expect(onRename).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Rename mapping Daily note' }));
    await user.clear(screen.getByRole('textbox', { name: 'New name' }));
    await user.type(screen.getByRole('textbox', { name: 'New name' }), 'PT daily note');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onRename).toHaveBeenCalledExactlyOnceWith(HERE, 'PT daily note');
    expect(screen.queryByRole('textbox', { name: 'New name' })).toBeNull();
  });

  it('starts each rename from the saved name after a cancelled one', async () => {
    const { user } = setupMappings();
    await user.click(screen.getByRole('button', { name: 'Rename mapping Daily note' }));
    await user.type(screen.getByRole('textbox', { name: 'New name' }), ' draft');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByRole('button', { name: 'Rename mapping Daily note' }));
    expect((screen.getByRole('textbox', { name: 'New name' }) as HTMLInputElement).value).toBe('Daily note');
  });

  it('announces errors as alerts and successes as status', () => {
    setupMappings({ status: { kind: 'error', text: 'Not a mapping file: bad JSON' } });
    expect(screen.getByRole('alert').textContent).toBe('Not a mapping file: bad JSON');
    expect(screen.queryByRole('status')).toBeNull();
    cleanup();
    setupMappings({ status: { kind: 'ok', text: 'Imported 2 mappings.' } });
    expect(screen.getByRole('status').textContent).toBe('Imported 2 mappings.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hands a chosen file to onImport, and the same file can be chosen again', async () => {
    const { user, onImport } = setupMappings();
    const input = screen.getByLabelText('Import mapping…') as HTMLInputElement;
    const file = new File(['{}'], 'mappings.json', { type: 'application/json' });
    await user.upload(input, file);
    expect(onImport).toHaveBeenCalledExactlyOnceWith(file);
    expect(input.value).toBe('');
    await user.upload(input, file);
    expect(onImport).toHaveBeenCalledTimes(2);
  });

  it('offers "Map this form" only with onTeach, enabled only when it can teach', async () => {
    setupMappings();
    expect(screen.queryByRole('button', { name: 'Map this form' })).toBeNull();
    cleanup();
    const onTeach = vi.fn();
    setupMappings({ onTeach, canTeach: false });
    expect((screen.getByRole('button', { name: 'Map this form' }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    const { user } = setupMappings({ onTeach, canTeach: true });
    await user.click(screen.getByRole('button', { name: 'Map this form' }));
    expect(onTeach).toHaveBeenCalledOnce();
  });
});
