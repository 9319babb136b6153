import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { extensionReady, storedFor as storedOf, tabIdOf, useDemoBrowser } from './session';
import { detectionCount, hostDom, waitForBadgeCount } from './dom';

// Issue 12, first part: the page's own churn outside the form (its header totals, status text,
// toasts) does not make Unitwise find the form again on every keystroke; values typed into
// known fields are read as values.

const env = useDemoBrowser();

/** A demo page open in front, with the extension page that reads its storage. */
async function openDemo(path: string) {
  const page = await env.context.newPage();
  const url = `${env.server.url}/${path}`;
  await page.goto(url);
  const ext = await extensionReady(env);
  const tabId = await tabIdOf(ext, url);
  await page.bringToFront();
  return { page, ext, tabId };
}

/** The live flowsheet open and read (its marker drawn). */
async function openFlowsheet() {
  const opened = await openDemo('live-flowsheet.html');
  await waitForBadgeCount(opened.page, 1);
  return opened;
}

/** The live flowsheet read, with its stored timed minutes (47: 24 + 23) to poll. */
async function flowsheetMinutes() {
  const opened = await openFlowsheet();
  const minutes = async () => (await storedOf<{ evaluation: { totalTimedMinutes: number } }>(opened.ext, opened.tabId))?.evaluation.totalTimedMinutes;
  await expect.poll(minutes).toBe(47);
  return { ...opened, minutes };
}

/** The first row's minutes typed over `times` times (two deletions and two digits, 20–29, the last 29): four keystrokes each. */
async function retype(page: Page, times: number) {
  const field = page.locator('input[name="min-1"]');
  await field.click();
  for (let i = 0; i < times; i++) {
    await field.press('End');
    await field.press('Backspace');
    await field.press('Backspace');
    await field.pressSequentially(String(20 + (i % 10)), { delay: 40 });
  }
}

describe('live checking on a page that re-renders its own header on every keystroke', () => {
  it('typing in a known field finds the form no more times, and every edit reaches the evaluation', async () => {
    const { page, ext, tabId } = await openFlowsheet();
    const before = await hostDom(page);
    const detected = (await detectionCount(page))!;
    expect(detected).toBeGreaterThanOrEqual(1);

    await retype(page, 30);
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

  it('a banner drawn anew as new elements on every keystroke (a template app): its payer line and its <dt>/<dd> date are read where they now are, not the page again, and the payer follows the one picked', async () => {
    const { page, ext, tabId } = await openDemo('redrawn-header.html');
    type Stored = { visit?: { payer?: string; dateOfService?: string }; evaluation?: { totalTimedMinutes?: number } };
    const read = async () => {
      const s = await storedOf<Stored>(ext, tabId);
      return s?.evaluation ? [s.visit?.payer, s.visit?.dateOfService, s.evaluation.totalTimedMinutes] : null;
    };
    await expect.poll(read, { timeout: 10_000 }).toEqual(['Medicare Part B', '2026-11-20', 47]);
    const detected = (await detectionCount(page))!;
    await retype(page, 20);
    // 29 + 23 = 52 timed minutes; the banner was drawn anew 80 times.
    await expect.poll(read).toEqual(['Medicare Part B', '2026-11-20', 52]);
    expect(await page.locator('#banner p').first().textContent()).toBe('Payer: Medicare Part B');
    expect((await detectionCount(page))! - detected).toBe(0);
    // The payer picked: the banner drawn anew says Aetna PPO, and so does the visit checked.
    await page.selectOption('#plan', 'Aetna PPO');
    await expect.poll(read).toEqual(['Aetna PPO', '2026-11-20', 52]);
    await ext.close();
    await page.close();
  });

  it('a page that routes with history.pushState (an SPA moving to another chart) is still checked: the edit after the route change reaches the evaluation', async () => {
    const { page, ext, minutes } = await flowsheetMinutes();
    await page.evaluate(() => history.pushState({}, '', '/live-flowsheet.html?patient=B'));
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?patient=B');
    const field = page.locator('input[name="min-1"]');
    await field.fill('30');
    // 30 + 23 = 53 timed minutes: stored for the tab, whose address is now the routed one.
    await expect.poll(minutes, { timeout: 5_000 }).toBe(53);
    await ext.close();
    await page.close();
  });

  it('a page that routes back and forth with pushState many times a second is still checked: the edit after the last route reaches the evaluation', async () => {
    const { page, ext, minutes } = await flowsheetMinutes();
    // 40 route changes 25 ms apart, with edits among them, as a router stuck between two charts would.
    const field = page.locator('input[name="min-1"]');
    await page.evaluate(async () => {
      for (let i = 0; i < 40; i++) {
        history.pushState({}, '', `/live-flowsheet.html?patient=${i % 2 ? 'A' : 'B'}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    });
    await field.fill('31');
    await page.evaluate(() => history.pushState({}, '', '/live-flowsheet.html?patient=C'));
    await field.fill('32');
    // 32 + 23 = 55, stored for the tab at its last address.
    await expect.poll(minutes, { timeout: 5_000 }).toBe(55);
    await ext.close();
    await page.close();
  });

  it('a script that sets a field with no event ten times a second: the value it leaves is the one checked', async () => {
    const { page, ext, minutes } = await flowsheetMinutes();
    await page.evaluate(async () => {
      const field = document.querySelector<HTMLInputElement>('input[name="min-1"]')!;
      for (let i = 0; i < 20; i++) {
        field.value = String(10 + i);
        await new Promise((r) => setTimeout(r, 100));
      }
      field.value = '40';
    });
    // 40 + 23 = 63, once the page is idle (values are looked at once a second).
    await expect.poll(minutes, { timeout: 5_000 }).toBe(63);
    await ext.close();
    await page.close();
  });

  it('values a script sets with no event (a framework filling the same inputs with the next patient) reach the evaluation, never mixed with the patient before', async () => {
    const { page, ext, tabId } = await openDemo('next-patient.html');
    const stored = () => storedOf<{ visit: { payer?: string; dateOfService?: string; entries: { code?: string; minutes?: number | null }[] } }>(ext, tabId);
    const shown = async () => {
      const s = await stored();
      return s && [s.visit.payer, s.visit.dateOfService, s.visit.entries.map((e) => `${e.code}/${e.minutes}`).join(' ')];
    };
    await expect.poll(shown).toEqual(['Medicare Part B', '2026-11-20', '97110/24 97140/23']);
    await page.click('#next');
    await expect.poll(shown, { timeout: 4_000 }).toEqual(['Aetna', '2026-11-21', '97116/8 97530/8']);
    await ext.close();
    await page.close();
  });

  it('a value typed on a page that stops its input events before they reach the window, or that masks what is typed, is read as the page leaves it', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/live-flowsheet.html`;
    // The page's own handlers: one stops every input event at the document (Unitwise then reads
    // after the paint); one masks a minutes field to digits as it is typed, as many EHRs do.
    await page.addInitScript(() => {
      document.addEventListener('input', (e) => {
        const field = e.target as HTMLInputElement;
        if (field.name === 'min-2') field.value = field.value.replace(/\D/g, '');
        if (field.name === 'min-1') e.stopPropagation();
      });
    });
    await page.goto(url);
    const ext = await extensionReady(env);
    const tabId = await tabIdOf(ext, url);
    await page.bringToFront();
    await waitForBadgeCount(page, 1);
    await page.locator('input[name="min-1"]').fill('');
    await page.locator('input[name="min-1"]').pressSequentially('38');
    await page.locator('input[name="min-2"]').fill('');
    await page.locator('input[name="min-2"]').pressSequentially('7x');
    expect(await page.locator('input[name="min-2"]').inputValue()).toBe('7');
    // 38 + 7 = 45 timed minutes (CPM §20.2: 38–52 → 3 units), and "7x" (read before the mask ran)
    // never became an unreadable-minutes finding.
    await expect
      .poll(async () => {
        const stored = await storedOf<{ evaluation: { totalTimedMinutes: number; findings: { rule: string }[] }; visit: { entries: { minutes?: number | null }[] } }>(ext, tabId);
        return stored && [stored.evaluation.totalTimedMinutes, stored.visit.entries.map((e) => e.minutes), stored.evaluation.findings.some((f) => /minutes\.unreadable|unreadable/.test(f.rule))];
      })
      .toEqual([45, [38, 7], false]);
    await ext.close();
    await page.close();
  });
});

