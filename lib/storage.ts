import { storage } from 'wxt/utils/storage';
import type { SiteProfile } from './site-profiles';
import { SITE_PROFILES_KEY } from './storage-keys';

// Versioned storage items (settings only: patient data is never stored in storage.local).

export const siteProfilesItem = storage.defineItem<SiteProfile[]>(`local:${SITE_PROFILES_KEY}`, { fallback: [], version: 1 });
