import { defineConfig } from 'wxt';
import { vocabularyPlugin } from './scripts/vocabulary-plugin';
import { noNetworkPlugin } from './scripts/no-network-plugin';
import { DEV_ORIGINS_ENV, outDirFor, parseDevOrigins } from './lib/dev-origins';

// Demo and test builds only (`npm run demo`, `npm test`): origins the content script always
// runs on. The shipped build has none: it runs only where a practice grants a site.
const devOrigins = parseDevOrigins(process.env[DEV_ORIGINS_ENV]);

// Per-browser manifest: Chrome gets the side panel, Firefox the same page as a sidebar.
export default defineConfig({
  // A demo/test build has its own folder: the shipped build in .output/ is never overwritten by one.
  outDir: outDirFor(devOrigins),
  hooks: {
    // The content script is registered at runtime for granted sites (background.ts); a
    // demo/test build also runs it from the manifest on its dev origins.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!devOrigins.length) return;
      // (As the granted sites' registration: frames with no address of their own, srcdoc or written by script, too.)
      manifest.content_scripts = [...(manifest.content_scripts ?? []), { matches: devOrigins, js: ['content-scripts/content.js'], all_frames: true, match_origin_as_fallback: true, run_at: 'document_idle' } as NonNullable<typeof manifest.content_scripts>[number]];
    },
  },
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Vite's modulepreload polyfill calls fetch() on the extension's own chunks: not needed in
  // the browsers Unitwise supports, and the bundles must hold no network call at all.
  // UNITWISE_NO_MINIFY=1: readable function names in a CPU profile (never for a shipped build).
  // noNetworkPlugin: papaparse's download streamer (XMLHttpRequest) becomes a throw, in the
  // pages and in the Batch page's check worker, which Vite bundles with `worker.plugins`.
  vite: () => ({
    build: { modulePreload: { polyfill: false }, ...(process.env.UNITWISE_NO_MINIFY ? { minify: false } : {}) },
    plugins: [vocabularyPlugin(), noNetworkPlugin()],
    worker: { format: 'es', plugins: () => [noNetworkPlugin()] },
  }),
  manifest: ({ browser }) => ({
    name: 'Unitwise',
    description: 'Therapy-billing checks (8-minute rule, NCCI pairs, MUEs, modifiers) on any web EHR. Reads only; never changes the page.',
    // scripting: to run the content script on the sites the practice grants in Options.
    // activeTab: after the user clicks the toolbar icon, the panel may read that tab's address
    // (to offer "Allow on <site>" in one click); no access to the page, no install warning.
    permissions: browser === 'firefox' ? ['storage', 'scripting', 'activeTab'] : ['storage', 'sidePanel', 'scripting', 'activeTab'],
    // Any one site may be asked for at runtime (Options → Sites), never all sites at install.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*', 'http://*/*'] } : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    // Host access at install: none in the shipped build (sites are granted one by one at
    // runtime); a demo/test build gets its UNITWISE_DEV_ORIGINS.
    ...(devOrigins.length ? { host_permissions: devOrigins } : {}),
    action: { default_title: 'Unitwise' },
    // Practice-wide settings an administrator pushes by policy (Chrome; Firefox reads the same
    // keys from its managed storage manifest).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    commands: {
      'map-form': { suggested_key: { default: 'Alt+Shift+M' }, description: 'Map this visit form (teach Unitwise where its fields are)' },
      'next-problem': { suggested_key: { default: 'Alt+Shift+N' }, description: 'Go to the next problem Unitwise marks on the page' },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; connect-src 'none'",
    },
    ...(browser === 'firefox'
      ? {
          // data_collection_permissions needs Firefox 140 on desktop (Debian's firefox-esr is
          // 140 ESR) and 142 on Android (extensionworkshop.com, "Firefox built-in consent").
          browser_specific_settings: {
            gecko: {
              id: 'unitwise@unitwise.invalid',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // Chrome 119: registerContentScripts' matchOriginAsFallback (an older Chrome refuses the
        // whole registration); 121: checkVisibility's contentVisibilityAuto, which the markers use.
        { minimum_chrome_version: '121' }),
  }),
});
