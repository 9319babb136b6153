import type { Frame, Page } from 'puppeteer-core';
import { badgesInPage, hostDomInPage, type Badge } from './dom';

// dom.ts for puppeteer (Firefox over WebDriver BiDi): the host page's own DOM and the badges
// in Unitwise's overlay. page.evaluate runs in the page's realm; the overlay's shadow root is
// open, so the page sees it through `host.shadowRoot` in Firefox too (the content script's
// Xray view is not needed).

export type FirefoxTarget = Page | Frame;

/** Every element outside Unitwise's overlay: tag, attributes and form values. */
export const hostDom = (target: FirefoxTarget): Promise<string[]> => target.evaluate(hostDomInPage);

/** The overlay hosts in the page (Unitwise adds exactly one per frame that holds a visit). */
export const overlayHosts = (target: FirefoxTarget): Promise<{ count: number; parent: string; shadowMode: string | null }> =>
  target.evaluate(() => {
    const hosts = [...document.querySelectorAll('unitwise-overlay')];
    return { count: hosts.length, parent: hosts[0]?.parentElement?.tagName.toLowerCase() ?? '', shadowMode: hosts[0]?.shadowRoot?.mode ?? null };
  });

export const badges = (target: FirefoxTarget): Promise<Badge[]> => target.evaluate(badgesInPage);

/** Waits until the badges (each as `[field] aria-label`, joined by newlines) satisfy `test`. */
export async function waitForBadges(target: FirefoxTarget, test: (all: string) => boolean, what: string, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await badges(target)).map((b) => `[${b.field}] ${b.text}`).join('\n');
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; badges were:\n${last || '(none)'}`);
}
