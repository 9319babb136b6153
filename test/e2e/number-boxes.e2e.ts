import { describe, expect, it } from 'vitest';
import { openWithStore, storedFor, useDemoBrowser } from './session';
import { badges, waitForBadges } from './dom';

// Minutes and Units boxes of <input type="number"> (number-boxes.html). Text the browser does not
// take as a number ("10e") leaves the box's value empty to the page's scripts: Unitwise says
// the box cannot be read and marks it, rather than calling the minutes missing.
const env = useDemoBrowser();

interface Stored { evaluation: { totalTimedMinutes: number; findings: { rule: string; message: string }[] } }

describe('number boxes holding text that is no number', () => {
  it('minutes "10e": could not read them, marked on the box; typed right, the finding goes', async () => {
    const url = `${env.server.url}/number-boxes.html`;
    const { page, ext, tabId } = await openWithStore(env, url);
    const evaluation = async () => (await storedFor<Stored>(ext, tabId))?.evaluation;
    await expect.poll(async () => (await evaluation())?.totalTimedMinutes, { timeout: 10_000 }).toBe(34);

    const gait = page.locator('input[name="min-2"]');
    await gait.click();
    await gait.press('End');
    await gait.pressSequentially('e', { delay: 50 });
    // (What the browser gives the page: an empty value, and badInput.)
    expect(await gait.evaluate((el: HTMLInputElement) => [el.value, el.validity.badInput])).toEqual(['', true]);
    await expect.poll(async () => (await evaluation())?.findings.map((f) => f.rule), { timeout: 10_000 }).toContain('minutes.unreadable');
    const f = (await evaluation())!.findings.find((x) => x.rule === 'minutes.unreadable')!;
    expect(f.message).toMatch(/^Could not read minutes for Gait training \(97116\): its box holds something the browser does not accept \(not a number, or a time typed in part\), and the browser does not let Unitwise see it\./);
    expect((await evaluation())!.findings.map((x) => x.rule)).not.toContain('minutes.missing');
    await waitForBadges(page, (t) => t.includes('minutes.unreadable'), 'the unreadable-minutes marker');
    const mark = (await badges(page)).find((b) => b.text.includes('minutes.unreadable'))!;
    expect(mark.field).toMatch(/:minutes$/);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/number-boxes.png` });

    // Typed as a number again: read, and the finding goes.
    await gait.fill('12');
    await expect.poll(async () => (await evaluation())?.totalTimedMinutes, { timeout: 10_000 }).toBe(36);
    expect((await evaluation())!.findings.map((x) => x.rule)).not.toContain('minutes.unreadable');

    // Units "2e" on 97110: could not read them (not "no units entered").
    const units = page.locator('input[name="units-1"]');
    await units.click();
    await units.press('End');
    await units.pressSequentially('e', { delay: 50 });
    await expect.poll(async () => (await evaluation())?.findings.map((x) => x.rule), { timeout: 10_000 }).toContain('units.unreadable');
    expect((await evaluation())!.findings.find((x) => x.rule === 'units.unreadable')!.message).toMatch(/^Could not read units for Therapeutic exercise \(97110\): its box holds something the browser does not accept as a number/);
    await ext.close();
    await page.close();
  });
});
