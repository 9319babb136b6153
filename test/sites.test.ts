import { describe, expect, it } from 'vitest';
import { contentScriptRegistration, grantedSites, parseSiteInput } from '@/lib/sites';

describe('parseSiteInput: accepted', () => {
  it.each([
    ['ehr.example.com', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['  ehr.example.com  ', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['EHR.Example.com', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['https://ehr.example.com/visits/123?x=1#row', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['HTTPS://EHR.EXAMPLE.COM/', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['http://ehr.example.com', 'http://ehr.example.com', 'http://ehr.example.com/*'],
    ['ehr.example.com/visits', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['//ehr.example.com/x', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['ehr.example.com.', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    // The port stays in the origin; the pattern has none (Firefox cannot match ports).
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080', 'http://10.0.0.5/*'],
    ['ehr.example.com:8443/login', 'https://ehr.example.com:8443', 'https://ehr.example.com/*'],
    ['localhost:3000', 'https://localhost:3000', 'https://localhost/*'],
    ['http://localhost', 'http://localhost', 'http://localhost/*'],
    ['https://ehr.example.com:443/', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['10.0.0.5', 'https://10.0.0.5', 'https://10.0.0.5/*'],
    ['https://user:secret@ehr.example.com/', 'https://ehr.example.com', 'https://ehr.example.com/*'],
    ['https://münchen-ehr.de', 'https://xn--mnchen-ehr-9db.de', 'https://xn--mnchen-ehr-9db.de/*'],
    ['my_clinic.internal.example', 'https://my_clinic.internal.example', 'https://my_clinic.internal.example/*'],
  ])('%s → %s', (input, origin, pattern) => {
    expect(parseSiteInput(input)).toEqual({ ok: true, origin, pattern });
  });
});

describe('parseSiteInput: refused, saying why', () => {
  it.each([
    ['', 'Enter the address of your EHR, like ehr.example.com or https://ehr.example.com.'],
    ['   ', 'Enter the address of your EHR, like ehr.example.com or https://ehr.example.com.'],
    ['ehr example.com', 'An address cannot contain spaces.'],
    ['https://ehr.example.com/a b', 'An address cannot contain spaces.'],
    ['*', 'Enter one site without wildcards (*): Unitwise asks for access to each site separately, never to all sites.'],
    ['<all_urls>', 'Enter one site without wildcards (*): Unitwise asks for access to each site separately, never to all sites.'],
    ['https://*/*', 'Enter one site without wildcards (*): Unitwise asks for access to each site separately, never to all sites.'],
    ['*.example.com', 'Enter one site without wildcards (*): Unitwise asks for access to each site separately, never to all sites.'],
    ['file:///home/me/visit.html', 'Local files cannot be added: enter the web address your EHR opens at (https://…).'],
    ['chrome://extensions', 'Browser pages (chrome:) cannot be checked: enter the web address of your EHR.'],
    ['about:blank', 'Browser pages (about:) cannot be checked: enter the web address of your EHR.'],
    ['chrome-extension://abcdefghijklmnop/options.html', 'Extension pages cannot be checked: enter the web address of your EHR.'],
    ['moz-extension://1234-5678/options.html', 'Extension pages cannot be checked: enter the web address of your EHR.'],
    ['ftp://files.example.com', 'Only web addresses (https:// or http://) can be added, not ftp: addresses.'],
    ['mailto:billing@example.com', 'Only web addresses (https:// or http://) can be added, not mailto: addresses.'],
    ['javascript:alert(1)', 'Only web addresses (https:// or http://) can be added, not javascript: addresses.'],
    ['com', 'Enter the full host name (like ehr.example.com or https://ehr.example.com), not just “com”.'],
    ['https://ehr/', 'Enter the full host name (like ehr.example.com or https://ehr.example.com), not just “ehr”.'],
    ['.com', '“.com” is not a valid host name.'],
    ['ehr..example.com', '“ehr..example.com” is not a valid host name.'],
    ['ehr-.example.com', '“ehr-.example.com” is not a valid host name.'],
    ['a$b.example.com', '“a$b.example.com” is not a valid host name.'],
    ['1234', 'Enter the IP address in full, like 10.0.0.5.'],
    ['http://10.1', 'Enter the IP address in full, like 10.0.0.5.'],
    ['0x7f.0.0.1', 'Enter the IP address in full, like 10.0.0.5.'],
    ['10.0.0.256', 'That is not a web address: enter one like ehr.example.com or https://ehr.example.com.'],
    ['http://[::1]:8080/', 'IPv6 addresses cannot be added: enter the host name of your EHR.'],
    ['ehr.example.com:0', 'The port must be a number from 1 to 65535.'],
    ['ehr.example.com:70000', 'The port must be a number from 1 to 65535.'],
    ['ehr.example.com:abc', 'The port must be a number from 1 to 65535.'],
    ['https://ehr.example.com:/x', 'The port must be a number from 1 to 65535.'],
    ['https://', 'Enter a host name, like ehr.example.com or https://ehr.example.com.'],
  ])('%j', (input, error) => {
    expect(parseSiteInput(input)).toEqual({ ok: false, error });
  });
});

describe('grantedSites', () => {
  it('lists the built-in origins first, in their order, then granted sites sorted by host then scheme', () => {
    const sites = grantedSites(
      { origins: ['https://zeta.example.com/*', 'http://127.0.0.1/*', 'https://alpha.example.com/*', 'http://alpha.example.com/*', 'http://localhost/*'] },
      ['http://127.0.0.1/*', 'http://localhost/*'],
    );
    expect(sites).toEqual([
      { origin: 'http://127.0.0.1', pattern: 'http://127.0.0.1/*', builtIn: true },
      { origin: 'http://localhost', pattern: 'http://localhost/*', builtIn: true },
      { origin: 'http://alpha.example.com', pattern: 'http://alpha.example.com/*', builtIn: false },
      { origin: 'https://alpha.example.com', pattern: 'https://alpha.example.com/*', builtIn: false },
      { origin: 'https://zeta.example.com', pattern: 'https://zeta.example.com/*', builtIn: false },
    ]);
  });

  it('shows built-in sites even when the browser does not report them', () => {
    expect(grantedSites({}, ['http://localhost'])).toEqual([{ origin: 'http://localhost', pattern: 'http://localhost/*', builtIn: true }]);
  });

  it('leaves out the broad optional patterns, all-hosts patterns and other schemes', () => {
    const sites = grantedSites({ origins: ['https://*/*', 'http://*/*', '<all_urls>', '*://*/*', 'file:///*', 'https://ehr.example.com/*'] }, []);
    expect(sites.map((s) => s.pattern)).toEqual(['https://ehr.example.com/*']);
  });

  it('keeps a narrower wildcard the user granted in the browser, with the pattern as granted', () => {
    const sites = grantedSites({ origins: ['https://*.clinic.example/*', 'https://ehr.example.com/visits/*'] }, []);
    expect(sites).toEqual([
      { origin: 'https://*.clinic.example', pattern: 'https://*.clinic.example/*', builtIn: false },
      { origin: 'https://ehr.example.com', pattern: 'https://ehr.example.com/visits/*', builtIn: false },
    ]);
  });

  it('lists a site once, and a built-in one only as built in', () => {
    const sites = grantedSites({ origins: ['https://ehr.example.com/*', 'https://ehr.example.com/other/*', 'http://LOCALHOST/*'] }, ['http://localhost/*', 'http://localhost']);
    expect(sites).toEqual([
      { origin: 'http://localhost', pattern: 'http://localhost/*', builtIn: true },
      { origin: 'https://ehr.example.com', pattern: 'https://ehr.example.com/*', builtIn: false },
    ]);
  });

  it('lists what parseSiteInput asks for under the same pattern', () => {
    const parsed = parseSiteInput('http://10.0.0.5:8080/chart');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(grantedSites({ origins: [parsed.pattern] }, [])).toEqual([{ origin: 'http://10.0.0.5', pattern: parsed.pattern, builtIn: false }]);
  });
});

describe('contentScriptRegistration', () => {
  it('registers the content script in every frame of the granted sites, those with no address of their own (srcdoc, written by script) too', () => {
    expect(contentScriptRegistration(['https://b.example.com/*', 'https://a.example.com/*', 'https://b.example.com/*'])).toEqual({
      id: 'unitwise-sites',
      js: ['content-scripts/content.js'],
      matches: ['https://a.example.com/*', 'https://b.example.com/*'],
      allFrames: true,
      matchOriginAsFallback: true,
      runAt: 'document_idle',
    });
  });

  it('is null (unregister) when no site is granted', () => {
    expect(contentScriptRegistration([])).toBeNull();
  });

  it('never registers a broad pattern', () => {
    expect(contentScriptRegistration(['https://*/*', '<all_urls>'])).toBeNull();
    expect(contentScriptRegistration(['http://*/*', 'https://ehr.example.com/*'])?.matches).toEqual(['https://ehr.example.com/*']);
  });

  it('takes the added sites from grantedSites, leaving the built-in ones to the manifest', () => {
    const added = grantedSites({ origins: ['http://127.0.0.1/*', 'https://ehr.example.com/*'] }, ['http://127.0.0.1/*'])
      .filter((s) => !s.builtIn)
      .map((s) => s.pattern);
    expect(contentScriptRegistration(added)?.matches).toEqual(['https://ehr.example.com/*']);
  });
});
