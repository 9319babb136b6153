import { describe, expect, it } from 'vitest';
import { effectiveSettings, withChange } from '../lib/settings';
import { ruleContext } from '../lib/rule-context';
import { evaluate } from '../lib/rules/evaluate';

// The settings in force: local settings, policy on top (locked), and clear warnings instead of
// a blank panel when either cannot be read.

describe('effectiveSettings', () => {
  it('defaults when nothing is set', () => {
    const e = effectiveSettings(undefined, {});
    expect(e.settings.defaultMethod).toBe('per-code');
    expect(e.locked).toEqual([]);
    expect(e.warnings).toEqual([]);
  });

  it('policy wins over local settings and is reported as locked', () => {
    const e = effectiveSettings(
      { defaultMethod: 'per-code', payerMethods: [{ contains: 'Aetna', method: 'per-code' }] },
      { defaultMethod: 'cms', rules: { 'code.suggest': { enabled: false } } },
    );
    expect(e.settings.defaultMethod).toBe('cms');
    expect(e.settings.payerMethods).toEqual([{ contains: 'Aetna', method: 'per-code' }]);
    expect(e.settings.rules['code.suggest']).toEqual({ enabled: false });
    expect(e.locked.sort()).toEqual(['defaultMethod', 'rules']);
  });

  it('a broken local value keeps the valid keys and says what was wrong', () => {
    const e = effectiveSettings({ defaultMethod: 'eight-minute', payerMethods: [{ contains: 'Aetna', method: 'per-code' }] }, {});
    expect(e.settings.defaultMethod).toBe('per-code');
    expect(e.settings.payerMethods).toHaveLength(1);
    expect(e.warnings[0]).toMatch(/saved settings could not be read \(defaultMethod: .*\); the defaults are used/);
  });

  it('a broken policy is ignored with a warning, not half-applied', () => {
    const e = effectiveSettings({}, { defaultMethod: 'cms', payerMethods: 'medicare' });
    expect(e.settings.defaultMethod).toBe('per-code');
    expect(e.locked).toEqual([]);
    expect(e.warnings[0]).toMatch(/administrator set by policy could not be read \(payerMethods: /);
  });

  it('practice-wide site mappings from policy are read, and bad ones reject the policy', () => {
    const profile = { version: 1, name: 'EHR', origin: 'https://ehr.example.com', rowSelector: 'tr', fields: { minutes: 'input.min' } };
    expect(effectiveSettings({}, { siteProfiles: [profile] }).managedProfiles).toEqual([profile]);
    expect(effectiveSettings({}, { siteProfiles: [{ ...profile, origin: 'nope' }] }).warnings[0]).toMatch(/siteProfiles\.0\.origin/);
  });

  it('a change to a locked key is not saved locally', () => {
    expect(withChange({ defaultMethod: 'per-code' }, { defaultMethod: 'cms', noPayerMethod: 'per-code' }, ['defaultMethod'])).toEqual({ defaultMethod: 'per-code', noPayerMethod: 'per-code' });
    expect(withChange({}, { defaultMethod: 'cms' }, ['defaultMethod'])).toEqual({});
  });
});

describe('ruleContext', () => {
  it('a broken imported data pack falls back to the built-in tables with a warning', () => {
    const ctx = ruleContext({}, {}, { kind: 'unitwise-data-pack', formatVersion: 1, version: 'x' });
    expect(ctx.data.builtIn).toBe(true);
    expect(ctx.warnings[0]).toMatch(/imported rule data could not be read .*built-in tables are used/);
  });

  it('settings in force change the answer: an Aetna visit by default per code, CMS when the practice maps Aetna to it', () => {
    // CPM §20.2 Example 2 minutes (33 + 7): per code 97110 gets 2 units and 97140 none; CMS total 40 → 3.
    const visit = { payer: 'Aetna', entries: [{ code: '97110', minutes: 33 }, { code: '97140', minutes: 7 }] };
    const perCode = ruleContext({}, {}, null);
    expect(evaluate(visit, perCode.settings, perCode.data).totalTimedUnits).toBe(2);
    const cms = ruleContext({ payerMethods: [{ contains: 'aetna', method: 'cms' }] }, {}, null);
    const e = evaluate(visit, cms.settings, cms.data);
    expect(e.totalTimedUnits).toBe(3);
    expect(e.methodReason).toMatch(/matches the setting "aetna"/);
  });
});

describe('the policy schema shipped for administrators', () => {
  it('names exactly the keys policy may set, with the same method names', async () => {
    const { readFileSync } = await import('node:fs');
    const { MANAGED_KEYS } = await import('../lib/settings');
    const { METHODS } = await import('../lib/model');
    const schema = JSON.parse(readFileSync('public/managed-schema.json', 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual([...MANAGED_KEYS, 'siteProfiles'].sort());
    expect(schema.properties.defaultMethod.enum).toEqual([...METHODS]);
    expect(schema.properties.payerMethods.items.properties.method.enum).toEqual([...METHODS]);
  });
});
