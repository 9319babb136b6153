import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { grantedSites, type Site } from '@/lib/sites';
import { alwaysOnOrigins } from '@/lib/dev-origins';
import { SitesSection } from '@/components/options/SitesSection';

// Sites: host access asked for one origin at a time (a browser prompt), never for all sites.
// The background registers the content script for whatever is granted.

export function SitesPanel() {
  const [sites, setSites] = useState<Site[]>([]);
  useEffect(() => {
    const load = () => void browser.permissions.getAll().then((p) => setSites(grantedSites(p, alwaysOnOrigins(browser.runtime.getManifest()))));
    load();
    browser.permissions.onAdded.addListener(load);
    browser.permissions.onRemoved.addListener(load);
    return () => {
      browser.permissions.onAdded.removeListener(load);
      browser.permissions.onRemoved.removeListener(load);
    };
  }, []);
  return (
    <SitesSection
      sites={sites}
      // No await before request(): the browser shows its prompt only during the click.
      onAdd={(_origin, pattern) => browser.permissions.request({ origins: [pattern] }).then((ok) => ({ ok }))}
      onRemove={(pattern) => browser.permissions.remove({ origins: [pattern] }).then(() => undefined)}
    />
  );
}
