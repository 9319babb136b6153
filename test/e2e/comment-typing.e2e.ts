// Typing in boxes that are no part of a line, on the 2,000-field day sheet with the built
// extension in Chromium: a "Visit comment" box under a visit's table is one read of the page at
// its first keystroke, not one per keystroke; a row's Comments column is no read of the page;
// an edit of minutes after them still reaches the visit's evaluation.
import { describe, expect, it } from 'vitest';
import { extensionReady, storedFor, tabIdOf, useDemoBrowser } from './session';
import { detectionCount, inOverlay } from './dom';

const env = useDemoBrowser();

describe('typing a comment on a big page', () => {
  it('is not a read of the page per keystroke', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/day-sheet.html?visits=20&rows=20&comments`;
    await page.goto(url);
    const ready = async () => (await detectionCount(page)) && !(await inOverlay(page, (_r, _a, h) => h?.reading ?? true));
    await expect.poll(ready, { timeout: 10_000 }).toBe(true);
    const before = (await detectionCount(page))!;
    await page.locator('input[name="v7-comment"]').pressSequentially('Tolerated well, no pain after', { delay: 40 });
    await page.locator('input[name="v3-note-5"]').pressSequentially('3x10 reps, 5 lb', { delay: 40 });
    await page.waitForTimeout(500);
    // One read at the comment box's first keystroke (it may be a new line's); before, one per keystroke (paced).
    expect((await detectionCount(page))! - before).toBeLessThanOrEqual(1);
    // Row 350 of the page (visit 18, row 9): its minutes still reach its visit's evaluation.
    await page.locator('input[name="v18-min-9"]').fill('30');
    const ext = await extensionReady(env);
    const tabId = await tabIdOf(ext, url);
    await expect.poll(async () => (await storedFor<{ visit?: { entries?: { minutes?: number }[] } }>(ext, tabId))?.visit?.entries?.[9]?.minutes, { timeout: 5_000 }).toBe(30);
    await ext.close();
    await page.close();
  });
});
