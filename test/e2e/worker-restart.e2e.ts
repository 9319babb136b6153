import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './session';
import { badges, waitForBadgeCount, waitForBadges } from './dom';

// MV3 stops idle service workers. The content script must still get a right evaluation after
// the worker is stopped: the next message starts it again, and nothing lived only in its memory.

const labels = async (page: import('playwright-core').Page) => (await badges(page)).map((b) => b.text).join('\n');

const env = useDemoBrowser();

describe('service worker stopped while the form is open', () => {
  it('typing again after the worker is stopped still gives the right evaluation', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.server.url}/flowsheet.html`);
    await waitForBadgeCount(page, 1);

    // The tab's visit as the worker gives it to the side panel (from storage.session).
    const ext = await env.context.newPage();
    await ext.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=999999`);
    const storedMinutes = () =>
      ext.evaluate(async (url) => {
        // @ts-expect-error chrome is the extension API on extension pages
        const [tab] = await chrome.tabs.query({ url });
        // @ts-expect-error same
        const reply = await chrome.runtime.sendMessage({ type: 'get-evaluation', tabId: tab.id });
        return reply?.stored?.evaluation?.totalTimedMinutes as number | undefined;
      }, `${env.server.url}/flowsheet.html`);
    // In storage.session before the worker is stopped: the markers are drawn from the worker's
    // reply, which may come before its write there ends, and the worker answers the panel from
    // its memory meanwhile (the test stops it at once, where the browser waits for it to idle).
    const inStorage = () =>
      ext.evaluate(async (url) => {
        // @ts-expect-error chrome is the extension API on extension pages
        const [tab] = await chrome.tabs.query({ url });
        // @ts-expect-error same
        const all = (await chrome.storage.session.get(`evaluation:${tab.id}`)) as Record<string, unknown>;
        return Object.keys(all).length;
      }, `${env.server.url}/flowsheet.html`);
    await expect.poll(inStorage, { timeout: 10_000 }).toBe(1);
    expect(await storedMinutes(), 'the evaluation before the worker stops').toBe(47);

    const cdp = await env.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    expect(worker, 'the extension worker is running').toBeTruthy();
    await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
    await expect
      .poll(async () => ((await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string }[] }).targetInfos.some((t) => t.targetId === worker!.targetId), { timeout: 10_000 })
      .toBe(false);

    // Without typing: the side panel asks the restarted worker for this tab's visit, and gets
    // it (it lived in storage.session, not in the stopped worker's memory).
    expect(await storedMinutes(), 'the evaluation after the worker restarted').toBe(47);
    await ext.close();

    // 24 + 23 + 30 = 77 timed minutes → 5 units (68–82), entered 2 + 2 + 0: under-billed.
    await page.fill('input[name="min-3"]', '30');
    await waitForBadges(page, (t) => t.includes('units.under-billed'), 'the under-billed marker', 15_000);
    expect(await labels(page)).toMatch(/77 total timed minutes support 5 units/);
  });
});
