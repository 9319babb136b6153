import { z } from 'zod';
import { Settings, type SettingsInput } from './model';
import { SiteProfile, type SiteProfile as SiteProfileT } from './site-profiles';

// The settings in force: what the practice set on this computer (storage.local), overridden by
// what an administrator pushed through browser policy (storage.managed, schema in
// public/managed-schema.json). Pure: the background and the options page both call it.

/** Settings keys an administrator may lock through policy. */
export const MANAGED_KEYS = ['defaultMethod', 'noPayerMethod', 'payerMethods', 'rules', 'payerPolicies'] as const;
export type ManagedKey = (typeof MANAGED_KEYS)[number];

/** What policy may hold: the lockable settings, and practice-wide site mappings. */
export const ManagedSettings = Settings.pick({ defaultMethod: true, noPayerMethod: true, payerMethods: true, rules: true, payerPolicies: true })
  .partial()
  .extend({ siteProfiles: z.array(SiteProfile).optional() });
export type ManagedSettings = z.infer<typeof ManagedSettings>;

export interface EffectiveSettings {
  settings: Settings;
  /** Keys set by policy: shown as locked in the options page. */
  locked: ManagedKey[];
  /** Site mappings from policy (read-only), tried before the practice's own. */
  managedProfiles: SiteProfileT[];
  /** What could not be read, in words for the panel and the options page. */
  warnings: string[];
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || 'value'}: ${issue.message}`;
}

/**
 * Local settings, then policy on top. A broken local value falls back to the defaults (the
 * broken part only when possible) and a broken policy is ignored, each with a warning: never a
 * blank panel and never a silent change of method.
 */
export function effectiveSettings(local: unknown, managed: unknown): EffectiveSettings {
  const warnings: string[] = [];
  let settings: Settings;
  const parsed = Settings.safeParse(local ?? {});
  if (parsed.success) settings = parsed.data;
  else {
    warnings.push(`Your saved settings could not be read (${issueText(parsed.error)}); the defaults are used until you save them again in Options.`);
    // Keep every key that is still valid on its own.
    const kept: Record<string, unknown> = {};
    if (local && typeof local === 'object') {
      for (const [key, value] of Object.entries(local)) {
        if (Settings.safeParse({ [key]: value }).success) kept[key] = value;
      }
    }
    settings = Settings.parse(kept);
  }

  let locked: ManagedKey[] = [];
  let managedProfiles: SiteProfileT[] = [];
  if (managed && typeof managed === 'object' && Object.keys(managed).length > 0) {
    const policy = ManagedSettings.safeParse(managed);
    if (!policy.success) {
      warnings.push(`The settings your administrator set by policy could not be read (${issueText(policy.error)}); they are not applied.`);
    } else {
      for (const key of MANAGED_KEYS) {
        // Only what policy sets (the schema fills in defaults for the rest).
        if (!(key in managed) || policy.data[key] === undefined) continue;
        (settings as Record<ManagedKey, unknown>)[key] = policy.data[key];
        locked.push(key);
      }
      managedProfiles = policy.data.siteProfiles ?? [];
    }
  }
  locked = [...new Set(locked)];
  return { settings, locked, managedProfiles, warnings };
}

/** Saves a change from the options page, keeping locked keys out of local storage. */
export function withChange(local: SettingsInput, change: Partial<SettingsInput>, locked: readonly ManagedKey[]): SettingsInput {
  const next: SettingsInput = { ...local, ...change };
  const out = next as Record<string, unknown>;
  for (const key of locked) {
    if (!(key in change)) continue;
    if (key in local) out[key] = (local as Record<string, unknown>)[key];
    else delete out[key];
  }
  return next;
}
