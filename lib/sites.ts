// The sites (EHR origins) Unitwise runs on, as the options page and the background see them.
// Pure: no browser APIs. The browser grants host access one site at a time
// (permissions.request from the options page), and the background registers the content
// script for what was granted (scripting.registerContentScripts).
//
// Ports: Firefox does not support a port in a match pattern (Firefox bugs 1362809 and
// 1468162; a request for `http://10.0.0.5:8080/*` fails there), while in Chrome a pattern
// without a port matches every port. So a site's pattern never carries a port:
// `http://10.0.0.5:8080` is asked for and registered as `http://10.0.0.5/*`, which covers that
// host on every port in both browsers. The origin keeps the port (it names the site typed).

export interface Site {
  /** What the list shows: `https://ehr.example.com`, or the pattern's host for a granted one. */
  origin: string;
  /** The host permission and content-script match pattern: `https://ehr.example.com/*`. */
  pattern: string;
  /** One of a demo/test build's always-on origins (UNITWISE_DEV_ORIGINS); it cannot be removed. None in the shipped build. */
  builtIn: boolean;
}

export type ParsedSite = { ok: true; origin: string; pattern: string } | { ok: false; error: string };


/** The optional host permissions the manifest declares, so that any one site can be asked for. */
export const OPTIONAL_SITE_PATTERNS: readonly string[] = ['https://*/*', 'http://*/*'];

/** Patterns that stand for every site: never shown as a site, never registered. */
const BROAD_PATTERNS: ReadonlySet<string> = new Set(['<all_urls>', '*://*/*', ...OPTIONAL_SITE_PATTERNS]);

export const SITES_SCRIPT_ID = 'unitwise-sites';
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

const FORMAT_HINT = 'like ehr.example.com or https://ehr.example.com';
const BROWSER_PAGE_SCHEMES = new Set(['chrome', 'about', 'edge', 'brave', 'opera', 'vivaldi', 'chrome-search', 'chrome-untrusted', 'devtools', 'view-source']);
const EXTENSION_SCHEMES = new Set(['chrome-extension', 'moz-extension', 'extension', 'safari-web-extension', 'ms-browser-extension']);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

function refuse(error: string): ParsedSite {
  return { ok: false, error };
}

/** Why a scheme the user typed cannot be a site, or the address to parse when it can. */
function withScheme(text: string): { url: string } | { error: string } {
  const address = text.startsWith('//') ? `https:${text}` : text;
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(address);
  // `localhost:3000` and `ehr.example.com:8080/x` are a host and a port, not a scheme.
  if (!match || /^\d+(?:[/?#]|$)/.test(match[2]!)) return { url: `https://${address}` };
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { url: address };
  // `ehr.example.com:` or `localhost:abc`: a host with a port that is not a number.
  if (scheme.includes('.') || scheme === 'localhost') return { error: 'The port must be a number from 1 to 65535.' };
  if (scheme === 'file') return { error: 'Local files cannot be added: enter the web address your EHR opens at (https://…).' };
  if (BROWSER_PAGE_SCHEMES.has(scheme)) return { error: `Browser pages (${scheme}:) cannot be checked: enter the web address of your EHR.` };
  if (EXTENSION_SCHEMES.has(scheme)) return { error: 'Extension pages cannot be checked: enter the web address of your EHR.' };
  return { error: `Only web addresses (https:// or http://) can be added, not ${scheme}: addresses.` };
}

/**
 * Reads a site the way a practice lead types or pastes it: `ehr.example.com`,
 * `https://ehr.example.com/visits/123?x=1` (the path is dropped), `http://10.0.0.5:8080`,
 * `EHR.Example.com` (lower-cased). Without a scheme it is https. Refuses, saying why: empty
 * input, spaces, other schemes, wildcards, single-label host names other than localhost,
 * shortened IP addresses, IPv6 addresses, bad ports.
 */
export function parseSiteInput(text: string): ParsedSite {
  const trimmed = text.trim();
  if (!trimmed) return refuse(`Enter the address of your EHR, ${FORMAT_HINT}.`);
  if (/\s/.test(trimmed)) return refuse('An address cannot contain spaces.');
  if (trimmed.includes('*') || /^<all_urls>$/i.test(trimmed)) return refuse('Enter one site without wildcards (*): Unitwise asks for access to each site separately, never to all sites.');
  const schemed = withScheme(trimmed);
  if ('error' in schemed) return refuse(schemed.error);

  const authority = schemed.url.replace(/^[a-z][a-z0-9+.-]*:[/\\]*/i, '').split(/[/?#\\]/)[0]!;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) return refuse('IPv6 addresses cannot be added: enter the host name of your EHR.');
  const colon = hostPort.indexOf(':');
  const rawHost = (colon < 0 ? hostPort : hostPort.slice(0, colon)).toLowerCase().replace(/\.$/, '');
  if (colon >= 0) {
    const port = hostPort.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return refuse('The port must be a number from 1 to 65535.');
  }
  if (!rawHost) return refuse(`Enter a host name, ${FORMAT_HINT}.`);

  let url: URL;
  try {
    url = new URL(schemed.url);
  } catch {
    return refuse(`That is not a web address: enter one ${FORMAT_HINT}.`);
  }
  const host = url.hostname.replace(/\.$/, '');
  if (IPV4.test(host)) {
    // The URL parser turns `10.1` or `1234` into an IPv4 address; ask for what was meant.
    if (host !== rawHost) return refuse('Enter the IP address in full, like 10.0.0.5.');
  } else if (host !== 'localhost') {
    const labels = host.split('.');
    if (labels.length < 2) return refuse(`Enter the full host name (${FORMAT_HINT}), not just “${host}”.`);
    if (!labels.every((label) => HOST_LABEL.test(label))) return refuse(`“${host}” is not a valid host name.`);
  }
  const origin = `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
  return { ok: true, origin, pattern: `${url.protocol}//${host}/*` };
}

/** The site a granted http(s) pattern stands for, or null for broad patterns and other schemes. */
function siteOfPattern(pattern: string): { origin: string; key: string } | null {
  const match = /^(https?|\*):\/\/([^/]+)\/.*$/i.exec(pattern);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!.toLowerCase();
  if (host === '*') return null;
  return { origin: `${scheme}://${host}`, key: `${scheme}://${host}/*` };
}

/** A built-in site given as an origin (`http://localhost`) or a pattern (`http://localhost/*`). */
function builtInSite(entry: string): { origin: string; key: string } | null {
  return siteOfPattern(/^[^:]+:\/\/[^/]+$/.test(entry) ? `${entry}/*` : entry);
}

function hostOf(origin: string): string {
  return origin.slice(origin.indexOf('://') + 3);
}

/**
 * The sites to list: the built-in dev origins first (in the order given), then the granted
 * ones sorted by host (then scheme), without the broad optional patterns themselves, other
 * schemes, duplicates, or the built-in ones again.
 */
export function grantedSites(permissions: { origins?: string[] }, builtIn: readonly string[]): Site[] {
  const seen = new Set<string>();
  const sites: Site[] = [];
  for (const entry of builtIn) {
    const site = builtInSite(entry);
    if (!site || seen.has(site.key)) continue;
    seen.add(site.key);
    sites.push({ origin: site.origin, pattern: site.key, builtIn: true });
  }
  const granted: Site[] = [];
  for (const pattern of permissions.origins ?? []) {
    const site = siteOfPattern(pattern);
    if (!site || seen.has(site.key)) continue;
    seen.add(site.key);
    // Keep the pattern exactly as granted: it is what permissions.remove must be given.
    granted.push({ origin: site.origin, pattern, builtIn: false });
  }
  granted.sort((a, b) => compare(hostOf(a.origin), hostOf(b.origin)) || compare(a.origin, b.origin));
  return [...sites, ...granted];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SitesRegistration {
  id: string;
  js: string[];
  matches: string[];
  allFrames: boolean;
  /** Frames whose address names no origin of their own (`srcdoc`, `about:blank` written by script) run it too, as their page's. */
  matchOriginAsFallback: boolean;
  runAt: 'document_idle';
}

/**
 * The dynamic content-script registration for the granted sites (pass the added ones only:
 * the manifest's content script already runs on the built-in origins), or null when there
 * are none and the script should be unregistered. Broad patterns are never registered.
 */
export function contentScriptRegistration(patterns: readonly string[]): SitesRegistration | null {
  const matches = [...new Set(patterns.filter((p) => !BROAD_PATTERNS.has(p)))].sort();
  if (matches.length === 0) return null;
  return { id: SITES_SCRIPT_ID, js: [CONTENT_SCRIPT_FILE], matches, allFrames: true, matchOriginAsFallback: true, runAt: 'document_idle' };
}
