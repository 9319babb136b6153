// Storage keys shared by the extension's parts. Separate from lib/storage.ts so the content
// script can read a key without bundling the storage library.

/** Site mappings (storage.local), newest first: selectors and origins, never patient data. */
export const SITE_PROFILES_KEY = 'siteProfiles';
/** Practice settings (storage.local). */
export const SETTINGS_KEY = 'settings';
/** The imported CMS data pack (storage.local). */
export const DATA_PACK_KEY = 'dataPack';
/** Export layouts a biller saved on the Batch page (storage.local): column names and roles, never a cell of a file. */
export const BATCH_LAYOUTS_KEY = 'batchLayouts';
/** Acknowledged findings of a tab's visit (storage.session only). */
export const acksKey = (tabId: number) => `acks:${tabId}`;
/** Whether `key` holds a tab's acknowledgements (written by the side panel, not the worker). */
export const isAcksKey = (key: string) => key.startsWith('acks:');
