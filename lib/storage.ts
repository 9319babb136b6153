import { storage } from 'wxt/utils/storage';
import type { SettingsInput } from './model';
import type { SiteProfile } from './site-profiles';
import { BATCH_LAYOUTS_KEY, DATA_PACK_KEY, SETTINGS_KEY, SITE_PROFILES_KEY } from './storage-keys';

// Versioned storage items: settings, site mappings and the imported rule data. None of them
// ever holds patient data. Values are validated with zod where they are read (lib/settings.ts,
// lib/site-profiles.ts, loadRuleData), since storage can hold anything an older version wrote.
// A change of shape bumps `version` and adds a migration here.

export const siteProfilesItem = storage.defineItem<SiteProfile[]>(`local:${SITE_PROFILES_KEY}`, { fallback: [], version: 1 });

export const settingsItem = storage.defineItem<SettingsInput>(`local:${SETTINGS_KEY}`, { fallback: {}, version: 1 });

/** The imported CMS data pack (lib/import), or null for the built-in tables. */
export const dataPackItem = storage.defineItem<unknown>(`local:${DATA_PACK_KEY}`, { fallback: null, version: 1 });

/** Export layouts saved on the Batch page (lib/batch/layouts.ts): column names and roles only. */
export const batchLayoutsItem = storage.defineItem<unknown>(`local:${BATCH_LAYOUTS_KEY}`, { fallback: [], version: 1 });
