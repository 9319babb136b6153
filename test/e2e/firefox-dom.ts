import type { Frame, Page } from 'puppeteer-core';
import { PNG } from 'pngjs';
import { hostDomInPage } from './dom';

// dom.ts for puppeteer (Firefox over WebDriver BiDi). Unitwise's overlay has a closed shadow
// root, which nothing outside the content script can read in Firefox (WebDriver BiDi reaches
// the page's realm, not the extension's). So the Firefox test checks what a user sees: the
// marker's colour in a screenshot, beside the field it is about.

export type FirefoxTarget = Page | Frame;

/** Every element of the host page outside Unitwise's overlay host (the only node under <html> besides head and body). */
export const hostDom = (target: FirefoxTarget): Promise<string[]> => target.evaluate(hostDomInPage);

/** Nodes under <html> other than head and body, as the page sees them: Unitwise's host, and whether the page can open it. */
export const overlayHosts = (target: FirefoxTarget): Promise<{ count: number; names: string[]; readable: boolean }> =>
  target.evaluate(() => {
    const hosts = [...document.documentElement.children].filter((el) => el.localName !== 'head' && el.localName !== 'body');
    return { count: hosts.length, names: hosts.map((h) => h.localName), readable: hosts.some((h) => h.shadowRoot !== null) };
  });

/** The severity colours of Unitwise's markers (entrypoints/content/overlay.ts). */
export const SEVERITY_RGB = { error: [0xb3, 0x26, 0x1e], warning: [0x8a, 0x53, 0x00], info: [0x24, 0x5e, 0x9c] } as const;
export type Severity = keyof typeof SEVERITY_RGB;

/**
 * The severities whose marker colour shows where a marker of the field `selector` can be: just
 * right of it, over its right end, or just below it (markers move off the next control in a
 * cramped table). Pixels within a small distance of the colour, at least 12 of them: a badge,
 * not a stray anti-aliased edge.
 */
export async function markerBeside(page: Page, selector: string, band: 'around' | 'row' = 'around'): Promise<Severity[]> {
  const box = await page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.right, y: r.top, height: r.height };
  });
  // 'row': the field's own row only. A text input's marker is on its row (beside it, or at its
  // right end), and the next row's marker, at that field's right end, is not this one's.
  const below = band === 'row' ? 6 : 26;
  const shot = await page.screenshot({ clip: { x: Math.max(0, Math.floor(box.x - 24)), y: Math.max(0, Math.floor(box.y - 4)), width: 64, height: Math.ceil(box.height + below) } });
  return severitiesIn(Buffer.from(shot));
}

/** The marker colours in a PNG screenshot (at least 12 pixels near each: a badge, not an anti-aliased edge). */
export function severitiesIn(shot: Buffer): Severity[] {
  const png = PNG.sync.read(shot);
  const found: Severity[] = [];
  for (const [severity, [r, g, b]] of Object.entries(SEVERITY_RGB) as [Severity, readonly number[]][]) {
    let hits = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (Math.abs(png.data[i]! - r!) + Math.abs(png.data[i + 1]! - g!) + Math.abs(png.data[i + 2]! - b!) <= 24) hits++;
    }
    if (hits >= 12) found.push(severity);
  }
  return found;
}

/** Waits until the markers beside `selector` are exactly `expected` (in SEVERITY_RGB order). */
export async function waitForMarker(page: Page, selector: string, expected: Severity[], timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: Severity[] = [];
  while (Date.now() < deadline) {
    last = await markerBeside(page, selector);
    if (last.join() === expected.join()) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for a ${expected.join('+') || 'no'} marker beside ${selector}; saw ${last.join('+') || 'none'}`);
}
