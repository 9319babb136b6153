// Least privilege and "no network" as checks on what is shipped: the built manifests and the
// bundled JavaScript. Pure functions over their text, so they are tested with manifests that
// break each promise; scripts/audit-build.ts runs them on .output/ in `npm test`.

export type BrowserBuild = 'chrome' | 'firefox';

/** What the manifest may ask for, and nothing more. */
export const ALLOWED = {
  /**
   * API permissions: storage for settings, sidePanel (Chrome), scripting to run on the sites a
   * practice grants, activeTab so the panel opened from the toolbar knows the tab's site and can
   * offer "Allow on <site>" in one click (no install warning; the tab only, only after a click).
   */
  permissions: { chrome: ['storage', 'sidePanel', 'scripting', 'activeTab'], firefox: ['storage', 'scripting', 'activeTab'] },
  /** Host access at install: none in the shipped build (a demo/test build: its UNITWISE_DEV_ORIGINS, passed as `devOrigins`). */
  hosts: [] as string[],
  /** Declared so one site at a time can be requested at runtime (Options → Sites); never granted at install. */
  optionalHosts: ['https://*/*', 'http://*/*'],
} as const;

/** Network APIs that must not appear in any bundle (the extension makes no request at all). */
export const NETWORK_APIS = ['fetch(', 'XMLHttpRequest', 'sendBeacon', 'WebSocket', 'EventSource', 'RTCPeerConnection', 'WebTransport'] as const;

const HOST_PATTERN = /^(\*|https?|wss?|ftp|file|<all_urls>)/;
const isHostPattern = (p: string) => p === '<all_urls>' || (HOST_PATTERN.test(p) && p.includes('://'));

function extraOf(list: readonly string[], allowed: readonly string[]): string[] {
  return list.filter((x) => !allowed.includes(x));
}

function cspProblems(csp: unknown, where: string): string[] {
  if (typeof csp !== 'string') return [`${where}: no content security policy (must set connect-src 'none' and script-src 'self')`];
  const problems: string[] = [];
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values] as const),
  );
  const scriptSrc = directives.get('script-src');
  if (!scriptSrc || scriptSrc.some((v) => v !== "'self'" && v !== "'wasm-unsafe-eval'")) problems.push(`${where}: script-src must be 'self' only (no remote code, no 'unsafe-eval'), got "${scriptSrc?.join(' ') ?? 'none'}"`);
  const connect = directives.get('connect-src');
  if (!connect || connect.join(' ') !== "'none'") problems.push(`${where}: connect-src must be 'none', got "${connect?.join(' ') ?? 'not set (falls back to allowing requests)'}"`);
  if (/unsafe-eval|unsafe-inline/.test(csp)) problems.push(`${where}: must not allow unsafe-eval or unsafe-inline`);
  return problems;
}

/** Everything in a built manifest that is broader than Unitwise needs; empty when it is least privilege. */
export function manifestProblems(manifest: Record<string, unknown>, browser: BrowserBuild, devOrigins: readonly string[] = []): string[] {
  const allowedHosts = [...ALLOWED.hosts, ...devOrigins];
  const problems: string[] = [];
  const list = (key: string): string[] => (Array.isArray(manifest[key]) ? (manifest[key] as unknown[]).map(String) : []);
  const permissions = list('permissions');
  // MV2 (Firefox) lists host access among the permissions.
  const apis = permissions.filter((p) => !isHostPattern(p));
  const hosts = [...permissions.filter(isHostPattern), ...list('host_permissions')];
  const extraApis = extraOf(apis, ALLOWED.permissions[browser]);
  if (extraApis.length) problems.push(`permissions beyond need: ${extraApis.join(', ')}`);
  const extraHosts = extraOf(hosts, allowedHosts);
  if (extraHosts.length) problems.push(`host access at install ${devOrigins.length ? 'beyond the dev origins' : 'in the shipped build (sites are granted at runtime)'}: ${extraHosts.join(', ')}`);

  const optional = [...list('optional_permissions'), ...list('optional_host_permissions')];
  const extraOptional = extraOf(optional, ALLOWED.optionalHosts);
  if (extraOptional.length) problems.push(`optional permissions beyond per-site host access: ${extraOptional.join(', ')}`);

  const scripts = Array.isArray(manifest.content_scripts) ? (manifest.content_scripts as { matches?: string[] }[]) : [];
  const extraMatches = extraOf(scripts.flatMap((s) => s.matches ?? []), allowedHosts);
  if (extraMatches.length) problems.push(`content script always on ${devOrigins.length ? 'beyond the dev origins' : 'in the shipped build (it must run only on granted sites)'}: ${extraMatches.join(', ')}`);

  for (const key of ['externally_connectable', 'web_accessible_resources', 'update_url', 'key', 'oauth2', 'chrome_url_overrides', 'devtools_page']) {
    if (key in manifest) problems.push(`unexpected manifest key: ${key}`);
  }
  const csp = manifest.content_security_policy;
  if (browser === 'chrome') {
    const pages = csp && typeof csp === 'object' ? (csp as Record<string, unknown>).extension_pages : undefined;
    problems.push(...cspProblems(pages, 'content_security_policy.extension_pages'));
  } else {
    problems.push(...cspProblems(csp, 'content_security_policy'));
  }
  return problems;
}

/** The network APIs a bundle's text mentions, with a little context for each. */
export function networkCalls(source: string): { api: string; context: string }[] {
  const found: { api: string; context: string }[] = [];
  for (const api of NETWORK_APIS) {
    let at = source.indexOf(api);
    while (at >= 0) {
      found.push({ api, context: source.slice(Math.max(0, at - 40), at + api.length + 40).replace(/\s+/g, ' ') });
      at = source.indexOf(api, at + api.length);
    }
  }
  return found;
}

/**
 * Characters Chrome refuses in an extension's script: it loads a content script only when the
 * file is UTF-8 by base::IsStringUTF8, which turns down noncharacters (U+FFFE, U+FFFF,
 * U+FDD0–U+FDEF…): the extension then fails to load, with no error from the build. A bundler
 * writes a '\\uffff' in the source out as the character itself.
 */
export function refusedCharacters(source: string): { at: number; code: string }[] {
  const found: { at: number; code: string }[] = [];
  for (const m of source.matchAll(/[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g))
    found.push({ at: m.index!, code: [...m[0]].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join('') });
  return found;
}
