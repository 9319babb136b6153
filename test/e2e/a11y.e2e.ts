import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPanel, useDemoBrowser } from './session';
import { waitForBadgeCount } from './dom';

// Issue 13's "done when" for the side panel and the options page, in Chromium with the built
// extension: axe-core (from npm) finds no violation in any of the panel's states, light and
// dark, 360 and 320 px wide, nor on the options page; and the panel works from the keyboard
// alone: Tab reaches the verdict, then each card's action and its "Why?", in that order.

const env = useDemoBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * axe-core's violations on the page, as "rule: help (where)" lines. The extension's pages allow
 * no inline script (CSP `script-src 'self'`), so axe goes in through DevTools' evaluate, which
 * the page's CSP does not govern, rather than as a <script> tag.
 */
async function axeViolations(page: Page): Promise<string[]> {
  // (page.addScriptTag is refused there: "Executing inline script violates … 'script-src 'self''".)
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')})`);
}

/** axe in light and in dark mode: the colours differ, so contrast is checked in both. */
async function expectNoViolations(page: Page, state: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), `${state}, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The demo flowsheet charted: an allocation error, a code suggestion, a note (the panel waits for them). */
async function chartedFlowsheet(): Promise<{ page: Page; url: string }> {
  const page = await env.context.newPage();
  const url = `${env.server.url}/flowsheet.html`;
  await page.goto(url);
  await page.fill('input[name="min-3"]', '10');
  return { page, url };
}

const openAll = (panel: Page) => panel.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));

/** What has the keyboard focus: its role and name as a user would hear them. */
const focused = (panel: Page) =>
  panel.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const role = el.localName === 'a' ? 'link' : el.localName === 'summary' ? 'summary' : el.localName;
    return `${role}: ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim()}`;
  });

describe('accessibility: axe-core and the keyboard', () => {
  it('the panel with problems: no violations, closed and with every disclosure and the acknowledge form open, at 360 and 320 px', async () => {
    const { page, url } = await chartedFlowsheet();
    const panel = await openPanel(env, url, 360);
    await panel.locator('[data-rule="units.allocation"]').waitFor({ timeout: 10_000 });
    expect(await panel.locator('.verdict').textContent()).toMatch(/fix before billing/);
    // axe runs and reports: a button with no name, put in for a moment, is a violation.
    await panel.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('button'), { id: 'nameless' })));
    expect((await axeViolations(panel)).join('\n')).toMatch(/^button-name: .*#nameless/m);
    await panel.evaluate(() => document.getElementById('nameless')!.remove());
    await expectNoViolations(panel, 'problems');
    await openAll(panel);
    await panel.getByRole('list', { name: 'Errors' }).getByRole('button', { name: /^Acknowledge…/ }).click();
    await panel.getByLabel(/Reason/).waitFor();
    await expectNoViolations(panel, 'problems, all open');
    await panel.setViewportSize({ width: 320, height: 900 });
    await expectNoViolations(panel, 'problems, 320 px');
    await panel.close();
    await page.close();
  });

  it('a page of 20 visits: the visit named under the verdict and the list of visits, no violations', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/day-sheet.html`;
    await page.goto(url);
    // The page is read in front, as a charting page is (the real side panel sits beside it;
    // here the panel is a tab that would put the page behind it while it is read).
    await page.bringToFront();
    await waitForBadgeCount(page, 1);
    const panel = await openPanel(env, url, 360);
    await panel.getByRole('region', { name: /20 visits on this page/ }).waitFor({ timeout: 15_000 });
    expect(await panel.locator('.verdict-bar .visit-label').textContent()).toMatch(/^Visit \d+ — 2026-11-\d\d/);
    await expectNoViolations(panel, 'day sheet');
    await panel.close();
    await page.close();
  });

  it('a clean visit: ready to bill, no violations', async () => {
    const { page, url } = await chartedFlowsheet();
    // 97112 24 + 97110 23 + 97116 10 = 57 min → 4 units: 2, 1, 1 (CPM Ch. 5 §20.2: the leftover
    // units go to the largest remainders, 10 and 9 minutes).
    await page.selectOption('select[name="cpt-1"]', '97112');
    await page.fill('input[name="units-2"]', '1');
    await page.fill('input[name="units-3"]', '1');
    const panel = await openPanel(env, url, 320);
    await expect.poll(() => panel.locator('.verdict').textContent(), { timeout: 10_000 }).toBe('✓Ready to bill: 97112 ×2 GP, 97110 ×1 GP, 97116 ×1 GP');
    expect(await panel.locator('.fixes').count()).toBe(0);
    await expectNoViolations(panel, 'clean');
    await openAll(panel);
    await expectNoViolations(panel, 'clean, all open');
    await panel.close();
    await page.close();
  });

  it("the empty states: no form on the page, and a site Unitwise may not read; the options page", async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/daily-log.html`;
    await page.goto(url);
    const panel = await openPanel(env, url, 320);
    await expect.poll(() => panel.getByRole('status').filter({ hasText: /No visit form found/ }).count(), { timeout: 10_000 }).toBe(1);
    await expectNoViolations(panel, 'no form');

    // A tab whose address the browser does not tell Unitwise: the panel offers to allow a site.
    const blank = await env.context.newPage();
    await blank.goto('about:blank');
    const tabId = await panel.evaluate(async () => {
      // @ts-expect-error chrome is the extension API on extension pages
      const tabs: { id: number; url?: string }[] = await chrome.tabs.query({});
      return tabs.filter((t) => !t.url).at(-1)!.id;
    });
    await panel.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=${tabId}`);
    await panel.getByRole('heading', { name: /not enabled on this site/ }).waitFor();
    expect(await panel.getByRole('button', { name: 'Allow on this site' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Options → Sites' }).count()).toBe(1);
    await expectNoViolations(panel, 'not enabled');

    const options = await env.context.newPage();
    await options.goto(`chrome-extension://${env.extensionId}/options.html`);
    await options.getByRole('table', { name: 'Rules' }).waitFor();
    await expectNoViolations(options, 'options');
    // The options page has the panel's type scale: 15 px text (not Chrome's 75%), rule ids secondary.
    expect(await options.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('15px');
    const first = options.getByRole('table', { name: 'Rules' }).getByRole('rowheader').first();
    expect(await first.evaluate((th) => [th.firstChild!.textContent, th.querySelector('.fine code')?.textContent])).toEqual([expect.stringMatching(/^[A-Z]/), expect.stringMatching(/^[a-z]+\.[a-z-]+$/)]);
    await options.close();
    await blank.close();
    await panel.close();
    await page.close();
  });

  it('the keyboard alone: Tab reaches the verdict, then each card\'s action and "Why?"; the verdict leads to the first fix; Esc closes the acknowledge form; the focus follows a card acknowledged', async () => {
    const { page, url } = await chartedFlowsheet();
    const panel = await openPanel(env, url, 360);
    const cards = panel.locator('.fixes li.card');
    await panel.locator('[data-rule="units.allocation"]').waitFor({ timeout: 10_000 });
    const expected: string[] = [];
    for (const card of await cards.all()) {
      expected.push(`button: ${await card.locator('button.primary').getAttribute('aria-label')}`);
      expected.push(`summary: ${(await card.locator('summary').textContent())!.trim()}`);
    }
    expect(expected.length).toBeGreaterThanOrEqual(4);

    // From the top of the page, Tab by Tab, until the export buttons.
    await panel.bringToFront();
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: string[] = [];
    for (let i = 0; i < 40 && !seen.at(-1)?.startsWith('button: Export CSV'); i++) {
      await panel.keyboard.press('Tab');
      seen.push(await focused(panel));
    }
    expect(seen[0]).toMatch(/^link: ✕1 fix before billing/);
    const reached = seen.filter((s) => expected.includes(s));
    expect(reached).toEqual(expected);
    expect(seen.at(-1)).toBe('button: Export CSV');

    // Enter on the verdict lands on the first card's action (the page loaded again: Tab starts at the top).
    await panel.reload();
    await panel.locator('[data-rule="units.allocation"]').waitFor({ timeout: 10_000 });
    await panel.keyboard.press('Tab');
    expect(await focused(panel)).toMatch(/^link: ✕/);
    await panel.keyboard.press('Enter');
    expect(await focused(panel)).toBe(expected[0]);
    // "Why?" opens from the keyboard.
    await panel.keyboard.press('Tab');
    await panel.keyboard.press('Tab');
    expect(await focused(panel)).toBe(expected[1]);
    await panel.keyboard.press('Enter');
    expect(await cards.first().locator('details.why').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    // The acknowledge form: Esc closes it and the focus is back on the button that opened it.
    await panel.keyboard.press('Shift+Tab');
    expect(await focused(panel)).toMatch(/^button: Acknowledge… for /);
    const opener = await focused(panel);
    await panel.keyboard.press('Enter');
    expect(await focused(panel)).toBe('input: ');
    await panel.keyboard.press('Escape');
    expect(await cards.first().getByLabel(/Reason/).count()).toBe(0);
    expect(await focused(panel)).toBe(opener);
    // Saved: the card moves to the acknowledged ones and the focus goes with it.
    await panel.keyboard.press('Enter');
    await panel.keyboard.type('Split agreed with the therapist');
    await panel.keyboard.press('Enter');
    await panel.getByRole('list', { name: 'Acknowledged' }).waitFor();
    await expect.poll(() => focused(panel)).toBe(opener.replace('Acknowledge… for', 'Undo acknowledgement for'));
    await panel.close();
    await page.close();
  });
});
