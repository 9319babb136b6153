import type { Frame, Page } from 'playwright-core';

// What the e2e tests look at in a page or frame: the host page's own DOM (to prove Unitwise
// never changes it) and the badges in Unitwise's overlay.

export type Target = Page | Frame;

/**
 * Every element outside Unitwise's overlay: tag, attributes and form values. Runs in the page
 * (passed to Playwright's or puppeteer's evaluate), so it uses nothing from this module.
 */
export function hostDomInPage(): string[] {
  return [...document.querySelectorAll('*')]
    .filter((el) => !el.closest('unitwise-overlay'))
    .map((el) => {
      const attrs = [...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
      const value = el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? ` value=${el.value}` : '';
      return `<${el.tagName.toLowerCase()} ${attrs}${value}>`;
    });
}

/** Every element outside Unitwise's overlay: tag, attributes and form values. */
export const hostDom = (target: Target) => target.evaluate(hostDomInPage);

/** Every badge in Unitwise's overlay, with where it is drawn. Runs in the page. */
export function badgesInPage(): Badge[] {
  return [...(document.querySelector('unitwise-overlay')?.shadowRoot?.querySelectorAll<HTMLElement>('.badge') ?? [])].map((b) => {
    const r = b.getBoundingClientRect();
    return { field: b.dataset.field!, rule: b.dataset.rule!, text: b.getAttribute('aria-label') ?? '', left: r.left, top: r.top, height: r.height, display: getComputedStyle(b).display };
  });
}

export interface Badge {
  field: string;
  rule: string;
  text: string;
  left: number;
  top: number;
  height: number;
  display: string;
}

export const badges = (target: Target): Promise<Badge[]> => target.evaluate(badgesInPage);

/** Waits until the frame's badges (all their aria-labels joined) satisfy `test`. */
export async function waitForBadges(frame: Target, test: (all: string) => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = (await badges(frame)).map((b) => `[${b.field}] ${b.text}`).join('\n');
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; badges were:\n${last}`);
}

