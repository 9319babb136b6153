import { defineConfig } from 'wxt';

// Per-browser manifest: Chrome gets the side panel, Firefox the same page as a sidebar.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Unitwise',
    description: 'Therapy-billing checks (8-minute rule, NCCI pairs, MUEs, modifiers) on any web EHR. Reads only; never changes the page.',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    // The same origins the content script runs on (the side panel needs them to know a tab's
    // site). Per-origin access granted at runtime replaces this list in issue 4.
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: 'Unitwise' },
    commands: {
      'map-form': { suggested_key: { default: 'Alt+Shift+M' }, description: 'Map this visit form (teach Unitwise where its fields are)' },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; connect-src 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'unitwise@unitwise.invalid',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
