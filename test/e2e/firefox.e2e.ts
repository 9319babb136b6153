import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { serveDemo } from './server';
import { DEV_OUT_DIR } from '../../lib/dev-origins';
import { hostDom, markerBeside, overlayHosts, waitForMarker } from './firefox-dom';

// Smoke test of the Firefox build (`UNITWISE_DEV_ORIGINS=… npx wxt build -b firefox` → .output-dev/firefox-mv2) in
// Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi: on the demo flowsheet the
// content script reads the form, the background's rules engine evaluates it, and the markers it
// draws carry the engine's findings; the page is left as it was and nothing leaves the machine.
//
// Every outside request Firefox could make (from the page, the extension's background page or
// Firefox itself) goes to a local proxy that only records it: 127.0.0.1 is never proxied, so
// the demo server is reached directly and anything the proxy sees left the demo server.

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const EXTENSION_DIR = resolve(DEV_OUT_DIR, 'firefox-mv2');
const GECKO_ID = 'unitwise@unitwise.invalid';

/** Firefox's own background traffic off: telemetry, updates, remote settings, portals, push, … */
const quietPrefs = (proxyPort: number): Record<string, unknown> => ({
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': proxyPort,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': proxyPort,
  'network.proxy.share_proxy_settings': false,
  'network.proxy.no_proxies_on': '',
  'network.proxy.allow_hijacking_localhost': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.http.speculative-parallel-limit': 0,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.topsites.contile.enabled': false,
  'browser.discovery.enabled': false,
  'browser.region.update.enabled': false,
  'browser.region.network.url': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google.updateURL': '',
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.systemAddon.update.url': '',
  'extensions.getAddons.cache.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'security.OCSP.enabled': 0,
  'identity.fxaccounts.enabled': false,
  'dom.push.enabled': false,
  'dom.push.connection.enabled': false,
  'geo.provider.network.url': '',
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-widevinecdm.enabled': false,
  'browser.translations.enable': false,
  'privacy.resistFingerprinting.block_mozAddonManager': true,
  // The browser console (the background page, content scripts) on Firefox's stdout.
  'devtools.console.stdout.chrome': true,
  'devtools.console.stdout.content': true,
});

/** An HTTP(S) proxy that answers nothing and records every request Firefox sends it. */
async function recordingProxy(): Promise<{ port: number; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, seen, close: () => new Promise((r) => server.close(() => r())) };
}

const env = {} as {
  browser: Browser;
  server: Awaited<ReturnType<typeof serveDemo>>;
  proxy: Awaited<ReturnType<typeof recordingProxy>>;
  extensionId: string;
  pageRequests: string[];
  /** Firefox's stdout and stderr. */
  console: string;
};

/** Firefox with the extension installed; a start that failed fails every test (CI counts them). */
let startError: unknown;
function started(): void {
  if (startError) throw startError;
}

async function start(): Promise<void> {
  // CI installs Firefox ESR; without it this is a failure, never a silent skip.
  if (!existsSync(FIREFOX)) throw new Error(`Firefox ESR not found at ${FIREFOX}: install it (apt-get install -y --no-install-recommends firefox-esr) or set FIREFOX_PATH`);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`no Firefox build in ${EXTENSION_DIR}: run \`npx wxt build -b firefox\` first`);
  env.pageRequests = [];
  env.server = await serveDemo();
  env.proxy = await recordingProxy();
  env.browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: quietPrefs(env.proxy.port),
    // Release builds ignore services.settings.server (remote settings would still sync from
    // firefox.settings.services.mozilla.com) unless this is set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  env.console = '';
  const proc = env.browser.process();
  for (const stream of [proc?.stdout, proc?.stderr]) stream?.on('data', (chunk: Buffer) => void (env.console += chunk.toString()));
  env.extensionId = await env.browser.installExtension(EXTENSION_DIR);
}

beforeAll(async () => {
  await start().catch((e: unknown) => {
    startError = e;
  });
});

afterAll(async () => {
  await env.browser?.close();
  await env.proxy?.close();
  await env.server?.close();
});

async function openFlowsheet(): Promise<Page> {
  const page = await env.browser.newPage();
  page.on('request', (r) => void env.pageRequests.push(r.url()));
  await page.goto(`${env.server.url}/flowsheet.html`);
  return page;
}

describe('the Firefox build in Firefox ESR on the demo flowsheet', () => {
  it('installs as the gecko add-on, with the rules engine only in the background', () => {
    started();
    expect(env.extensionId).toBe(GECKO_ID);
    // The markers below can only come from the background: the content script has no rules.
    const content = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.js'), 'utf8');
    const background = readFileSync(join(EXTENSION_DIR, 'background.js'), 'utf8');
    for (const rule of ['units.allocation', 'minutes.missing']) {
      expect(background).toContain(rule);
      expect(content).not.toContain(rule);
    }
  });

  it('shows the background evaluation as markers, re-checks as the user types, and changes nothing on the page', async () => {
    started();
    const page = await openFlowsheet();
    // The first evaluation: a row coded 97110 whose words say 97112 (a code.suggest warning on
    // row 1's CPT field, the field to change) and a timed row without minutes
    // (minutes.missing, a warning on row 3's minutes); row 2 has nothing to fix. Seen as a user
    // sees it: the marker's colour beside each field.
    await waitForMarker(page, 'select[name="cpt-1"]', ['warning']);
    await waitForMarker(page, 'input[name="min-3"]', ['warning']);
    expect(await markerBeside(page, 'input[name="min-1"]', 'row')).toEqual([]);
    expect(await markerBeside(page, 'input[name="min-2"]', 'row')).toEqual([]);
    // Unitwise's only node: one host on <html>, with a random name and a shadow root the page cannot open.
    const hosts = await overlayHosts(page);
    expect(hosts).toMatchObject({ count: 1, readable: false });
    expect(hosts.names[0]).toMatch(/^[a-z]{5}-[a-z]{5}$/);
    const before = await hostDom(page);

    // Typing the gait minutes: the content script sends the new snapshot and draws the
    // background's answer. 24 + 23 + 10 = 57 timed minutes → 4 units under the CPM 8-minute
    // rule (53–67 minutes), but split 4/0 instead of 3/1 (CPM §20.2 C): an error on the three
    // rows' units (the fields to change), and no missing-minutes warning any more.
    await page.type('input[name="min-3"]', '10');
    for (const row of [1, 2, 3]) await waitForMarker(page, `input[name="units-${row}"]`, ['error']);

    const dom = await hostDom(page);
    expect(dom.length).toBe(before.length);
    const changed = dom.map((a, i) => [before[i]!, a] as const).filter(([b, a]) => a !== b);
    expect(changed).toHaveLength(1);
    expect(changed[0]![0]).toMatch(/name=min-3.* value=>$/);
    expect(changed[0]![1]).toMatch(/name=min-3.* value=10>$/);
    // The page stays open until the browser closes, after the console check below: a tab
    // closed while a content script task runs has that task cancelled by Firefox, which logs
    // "Script terminated by timeout" for the extension (seen twice in CI, never alone). A
    // task that really ran past Firefox's 5 s limit for content scripts is still caught.
  });

  it('makes no request that leaves the demo server', async () => {
    started();
    expect(env.pageRequests.length).toBeGreaterThan(0);
    // The page's own requests (puppeteer's request events), and everything else Firefox sent
    // anywhere but 127.0.0.1 (the recording proxy: the background page, Firefox itself).
    const leaks = { fromPage: env.pageRequests.filter((u) => !u.startsWith(`${env.server.url}/`)), throughProxy: env.proxy.seen };
    expect(leaks).toEqual({ fromPage: [], throughProxy: [] });
  });

  it('logs no error from the extension (background page or content script) in Firefox', () => {
    started();
    const errors = env.console.split('\n').filter((line) => /^(console\.error|JavaScript error|JavaScript warning)/.test(line) && /moz-extension:|unitwise/i.test(line));
    expect(errors).toEqual([]);
  });
});
