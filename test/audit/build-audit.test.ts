import { describe, expect, it } from 'vitest';
import { manifestProblems, networkCalls, refusedCharacters } from '../../lib/audit/build-audit';

// The least-privilege and no-network checks, each shown to catch the promise broken on purpose.
// Shaped like the manifests WXT builds from wxt.config.ts (see .output/*/manifest.json).

const CSP = "script-src 'self'; object-src 'self'; connect-src 'none'";
// The shipped build: no host access and no content script at install (sites are granted at runtime).
const chrome = () => ({
  manifest_version: 3,
  permissions: ['storage', 'sidePanel', 'scripting', 'activeTab'],
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  host_permissions: [] as string[],
  content_security_policy: { extension_pages: CSP },
  content_scripts: [] as { matches: string[]; js: string[] }[],
});
const firefox = () => ({
  manifest_version: 2,
  permissions: ['storage', 'scripting'],
  optional_permissions: ['https://*/*', 'http://*/*'],
  content_security_policy: CSP,
  content_scripts: [] as { matches: string[]; js: string[] }[],
});
const DEV = ['http://127.0.0.1/*', 'http://localhost/*'];
/** A demo/test build made with UNITWISE_DEV_ORIGINS=DEV. */
const devChrome = () => ({ ...chrome(), host_permissions: [...DEV], content_scripts: [{ matches: [...DEV], js: ['content-scripts/content.js'] }] });

describe('manifest least privilege', () => {
  it('accepts the manifests as built, shipped and for demos/tests', () => {
    expect(manifestProblems(chrome(), 'chrome')).toEqual([]);
    expect(manifestProblems(firefox(), 'firefox')).toEqual([]);
    expect(manifestProblems(devChrome(), 'chrome', DEV)).toEqual([]);
    const devFirefox = { ...firefox(), permissions: ['storage', 'scripting', ...DEV], content_scripts: [{ matches: [...DEV], js: ['content-scripts/content.js'] }] };
    expect(manifestProblems(devFirefox, 'firefox', DEV)).toEqual([]);
  });

  it('refuses a fixed host in the shipped build: the demo origins are not always on', () => {
    expect(manifestProblems(devChrome(), 'chrome')).toEqual([
      expect.stringMatching(/host access at install in the shipped build \(sites are granted at runtime\): http:\/\/127\.0\.0\.1\/\*, http:\/\/localhost\/\*/),
      expect.stringMatching(/content script always on in the shipped build .*http:\/\/127\.0\.0\.1\/\*/),
    ]);
    // A dev build may have exactly its own origins, nothing more.
    const more = devChrome();
    more.content_scripts[0]!.matches.push('http://10.0.0.5/*');
    expect(manifestProblems(more, 'chrome', DEV)).toEqual([expect.stringMatching(/content script always on beyond the dev origins: http:\/\/10\.0\.0\.5\/\*/)]);
  });

  it.each([
    ['tabs', (m: ReturnType<typeof chrome>) => m.permissions.push('tabs'), /permissions beyond need: tabs/],
    ['<all_urls> at install', (m: ReturnType<typeof chrome>) => m.host_permissions.push('<all_urls>'), /host access at install .*: <all_urls>/],
    ['every https site at install', (m: ReturnType<typeof chrome>) => m.host_permissions.push('https://*/*'), /host access at install .*https:\/\/\*\/\*/],
    ['webRequest', (m: ReturnType<typeof chrome>) => m.permissions.push('webRequest'), /permissions beyond need: webRequest/],
    ['optional API permissions', (m: ReturnType<typeof chrome>) => m.optional_host_permissions.push('downloads'), /optional permissions beyond per-site host access: downloads/],
    ['content script on all sites', (m: ReturnType<typeof chrome>) => m.content_scripts.push({ matches: ['<all_urls>'], js: ['content-scripts/content.js'] }), /content script always on in the shipped build/],
    ['connect-src allowing requests', (m: ReturnType<typeof chrome>) => (m.content_security_policy.extension_pages = "script-src 'self'; connect-src https:"), /connect-src must be 'none'/],
    ['no connect-src', (m: ReturnType<typeof chrome>) => (m.content_security_policy.extension_pages = "script-src 'self'"), /connect-src must be 'none'/],
    ['unsafe-eval', (m: ReturnType<typeof chrome>) => (m.content_security_policy.extension_pages = `script-src 'self' 'unsafe-eval'; connect-src 'none'`), /script-src must be 'self' only/],
    ['remote scripts', (m: ReturnType<typeof chrome>) => (m.content_security_policy.extension_pages = `script-src 'self' https://cdn.example.com; connect-src 'none'`), /script-src must be 'self' only/],
    ['pages open to the web', (m: ReturnType<typeof chrome>) => Object.assign(m, { web_accessible_resources: [{ resources: ['*'], matches: ['<all_urls>'] }] }), /unexpected manifest key: web_accessible_resources/],
    ['other sites may message it', (m: ReturnType<typeof chrome>) => Object.assign(m, { externally_connectable: { matches: ['https://*/*'] } }), /unexpected manifest key: externally_connectable/],
  ])('Chrome: refuses %s', (_, breakIt, expected) => {
    const m = chrome();
    breakIt(m);
    expect(manifestProblems(m, 'chrome').join('\n')).toMatch(expected);
  });

  it('Firefox: host access among MV2 permissions counts as host access, and the CSP string is checked', () => {
    const broad = firefox();
    broad.permissions.push('<all_urls>', 'tabs');
    expect(manifestProblems(broad, 'firefox')).toEqual([expect.stringMatching(/permissions beyond need: tabs/), expect.stringMatching(/host access at install .*: <all_urls>/)]);
    const noCsp: Record<string, unknown> = firefox();
    delete noCsp.content_security_policy;
    expect(manifestProblems(noCsp, 'firefox')).toEqual([expect.stringMatching(/no content security policy/)]);
    // sidePanel is Chrome's: the Firefox build has no use for it.
    const side = firefox();
    side.permissions.push('sidePanel');
    expect(manifestProblems(side, 'firefox')).toEqual([expect.stringMatching(/permissions beyond need: sidePanel/)]);
  });
});

describe('no network API in the bundles', () => {
  it('finds each network API, with where it is', () => {
    const bundle = 'a();fetch(e.href,n);new XMLHttpRequest;navigator.sendBeacon(u,d);new WebSocket(u);new EventSource(u)';
    expect(networkCalls(bundle).map((c) => c.api)).toEqual(['fetch(', 'XMLHttpRequest', 'sendBeacon', 'WebSocket', 'EventSource']);
    expect(networkCalls(bundle)[0]!.context).toContain('fetch(e.href,n)');
  });
  it('passes code without them (a property named prefetch is not a call to fetch)', () => {
    expect(networkCalls('const x = {prefetchLinks: 1}; browser.runtime.sendMessage(m); chrome.storage.session.get(k)')).toEqual([]);
  });
});

describe('characters Chrome refuses in a script', () => {
  it('finds a noncharacter a bundler wrote out from an escape (the extension then does not load)', () => {
    expect(refusedCharacters('const a = x ?? "\uffff";')).toEqual([{ at: 16, code: 'U+FFFF' }]);
    expect(refusedCharacters('a\ufdd0b\u{10FFFF}')).toEqual([
      { at: 1, code: 'U+FDD0' },
      { at: 3, code: 'U+10FFFF' },
    ]);
  });
  it('passes ordinary text, other non-ASCII and astral characters', () => {
    expect(refusedCharacters('const s = "97110 – ✓ café 𝄞 \ufffd";')).toEqual([]);
  });
});
