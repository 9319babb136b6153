import { describe, expect, it } from 'vitest';
import { extensionReady, tabIdOf, useDemoBrowser } from './session';
import { detectionCount, hostDom, waitForBadgeCount } from './dom';

// Issue 12, first part: the page's own churn outside the form (its header totals, status text,
// toasts) does not make Unitwise find the form again on every keystroke; values typed into
// known fields are read as values.

const env = useDemoBrowser();

describe('live checking on a page that re-renders its own header on every keystroke', () => {
  it('typing in a known field finds the form no more times, and every edit reaches the evaluation', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/live-flowsheet.html`;
    await page.goto(url);
    const ext = await extensionReady(env);
    const tabId = await tabIdOf(ext, url);
    await page.bringToFront();
    await waitForBadgeCount(page, 1);
    const before = await hostDom(page);
    const detected = (await detectionCount(page))!;
    expect(detected).toBeGreaterThanOrEqual(1);

    const field = page.locator('input[name="min-1"]');
    await field.click();
    for (let i = 0; i < 30; i++) {
      await field.press('End');
      await field.press('Backspace');
      await field.press('Backspace');
      await field.pressSequentially(String(20 + (i % 10)), { delay: 40 });
    }
    // The last value typed: 29 + 23 = 52 timed minutes (CPM §20.2: 38–52 → 3 units).
    await expect
      .poll(() => ext.evaluate(async (id) => {
        // @ts-expect-error chrome is the extension API on extension pages
        const got = await chrome.storage.session.get(`evaluation:${id}`);
        return got[`evaluation:${id}`]?.evaluation.totalTimedMinutes as number | undefined;
      }, tabId))
      .toBe(52);
    // 120 keystrokes that change only values, while the page rewrote its header 120 times.
    expect((await detectionCount(page))! - detected).toBe(0);
    expect(await page.locator('#total').textContent()).toBe('Total: 52 min');
    // Unitwise wrote nothing: the form's own elements are the ones the page had, plus only
    // what the page itself changed (the typed value, the row it marked dirty).
    const after = (await hostDom(page)).filter((l) => !/id=toasts|class=toast|^<b >/.test(l));
    const kept = before.filter((l) => !/id=toasts|class=toast|^<b >/.test(l));
    expect(after.length).toBe(kept.length);
    expect(after.filter((l, i) => l !== kept[i]).every((l) => /name=min-1|class=dirty/.test(l))).toBe(true);
    await ext.close();
    await page.close();
  });
});
