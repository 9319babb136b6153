// Storage keys shared by the extension's parts. Separate from lib/storage.ts so the content
// script can read a key without bundling the storage library.

/** Site mappings (storage.local), newest first: selectors and origins, never patient data. */
export const SITE_PROFILES_KEY = 'siteProfiles';
