import { defineConfig } from 'wxt';

// Per-browser manifest: Chrome gets the side panel, Firefox the same page as a sidebar.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Unitwise',
    description: 'Therapy-billing checks (8-minute rule, NCCI pairs, MUEs, modifiers) on any web EHR. Reads only; never changes the page.',
    permissions: browser === 'firefox' ? ['storage'] : ['storage', 'sidePanel'],
    action: { default_title: 'Unitwise' },
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
