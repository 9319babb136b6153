import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf, useDemoBrowser } from './session';
import { badges, waitForBadges } from './dom';

// Issue 16: a flowsheet built with AG Grid Community 36 (default options; bundled from
// node_modules by the test server) read by the built extension in Chromium, and the same grid
// with 120 rows in a 400 px viewport (row virtualisation). The page's correct reading is in
// test/fixtures/ehr/grids/ag-grid.ts.

const env = useDemoBrowser();

interface Stored { visit: { incomplete?: string }; evaluation: { totalTimedMinutes: number; totalTimedUnits: number; findings: { rule: string; message: string }[]; lines: { code: string; units: number; modifiers: string[] }[] } }

async function stored(ext: Page, tabId: number): Promise<Stored | null> {
  return ext.evaluate(async (id) => {
    // @ts-expect-error chrome is the extension API on extension pages
    const got = await chrome.storage.session.get(`evaluation:${id}`);
    return (got[`evaluation:${id}`] ?? null) as Stored | null;
  }, tabId);
}

async function open(url: string) {
  const page = await env.context.newPage();
  await page.goto(url);
  await page.waitForSelector('.ag-row');
  const ext = await env.context.newPage();
  await ext.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=999999`);
  const tabId = await tabIdOf(ext, url);
  await page.bringToFront();
  return { page, ext, tabId };
}

describe('AG Grid flowsheets in Chromium with the extension', () => {
  it('default options: the right units and findings, a marker on the grid, and an edit in the grid’s own editor re-checks', async () => {
    const url = `${env.server.url}/ag-grid.html`;
    const { page, ext, tabId } = await open(url);
    // 23 + 23 + 8 = 54 timed minutes → 4 units (CPM §20.2: 53–67); 2 + 2 + 1 = 5 entered.
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(54);
    const first = (await stored(ext, tabId))!;
    expect(first.evaluation.totalTimedUnits).toBe(4);
    expect(first.evaluation.findings.map((f) => f.rule)).toContain('units.over-billed');
    await waitForBadges(page, (t) => /units\./.test(t), 'a units marker on the grid');
    // The units marker sits beside a Units cell of the grid (on its row, within 40 px of it).
    const marks = (await badges(page)).filter((m) => /:units$/.test(m.field));
    expect(marks.length).toBeGreaterThan(0);
    const unitsCells = await page.locator('[role="gridcell"][col-id="units"]').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
    await page.screenshot({ path: 'docs/screenshots/ag-grid.png' });
    expect(marks.every((m) => unitsCells.some((c) => Math.abs(m.top + m.height / 2 - (c.y + c.height / 2)) < c.height && m.left >= c.x - 40 && m.left <= c.x + c.width + 40))).toBe(true);

    // The user edits the third row's minutes in AG Grid's own editor: 8 → 15 (61 minutes, still 4 units).
    await page.locator('.ag-row[row-index="2"] [col-id="minutes"]').dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('15');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(61);
    const external = env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://'));
    expect(external).toEqual([]);
    await ext.close();
    await page.close();
  });

  it('120 rows, virtualised: "read only in part" until every row has scrolled into view, then the whole visit', async () => {
    const url = `${env.server.url}/ag-grid.html?rows=120`;
    const { page, ext, tabId } = await open(url);
    await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(/of this grid's 120 rows were read/);
    expect((await stored(ext, tabId))!.evaluation.findings.map((f) => f.rule)).toContain('visit.incomplete');
    // The user scrolls the grid through, a screenful at a time.
    for (let i = 0; i < 120; i += 8) {
      await page.evaluate((row) => (window as unknown as { gridApi: { ensureIndexVisible(i: number, pos: string): void } }).gridApi.ensureIndexVisible(row, 'top'), i);
      await page.waitForTimeout(120);
    }
    await page.evaluate(() => (window as unknown as { gridApi: { ensureIndexVisible(i: number): void } }).gridApi.ensureIndexVisible(119));
    // 120 × 8 = 960 minutes → 64 units (CPM §20.2 chart); nothing left unread.
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(960);
    const whole = (await stored(ext, tabId))!;
    expect(whole.visit.incomplete).toBeUndefined();
    expect(whole.evaluation.findings.map((f) => f.rule)).not.toContain('visit.incomplete');
    expect(whole.evaluation.totalTimedUnits).toBe(64);
    await ext.close();
    await page.close();
  });

  it('markers stay with their cell while the grid scrolls: hidden when AG Grid scrolls the row away (or drops it), back beside it when it returns', async () => {
    // 10 rows of 8 minutes (all drawn; the grid scrolls a little): 80 minutes → 5 units (CPM
    // §20.2: 68–82 minutes), 10 entered: one finding for the visit, marked once, on the first
    // line's Units cell.
    const url = `${env.server.url}/ag-grid.html?rows=10`;
    const { page, ext, tabId } = await open(url);
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(80);
    await waitForBadges(page, (t) => /units\./.test(t), 'the visit\'s units marker');
    const beside = async () => {
      const [mark] = (await badges(page)).filter((m) => /:units$/.test(m.field));
      const cell = await page.locator('.ag-row[row-index="0"] [col-id="units"]').evaluateAll((c) => c.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      return { mark, cell: cell[0] };
    };
    const near = (m: { top: number; height: number; left: number }, c: DOMRect) => Math.abs(m.top + m.height / 2 - (c.y + c.height / 2)) < c.height && m.left >= c.x - 40 && m.left <= c.x + c.width + 40;
    const first = await beside();
    expect(first.mark && first.cell && near(first.mark, first.cell)).toBe(true);
    // Scrolled to the end: row 0 is out of the grid's view (or no longer drawn): no marker floats over the grid.
    await page.evaluate(() => (window as unknown as { gridApi: { ensureIndexVisible(i: number, p: string): void } }).gridApi.ensureIndexVisible(9, 'bottom'));
    await expect.poll(async () => {
      const { mark } = await beside();
      return !mark || mark.display === 'none' || mark.height === 0;
    }, { timeout: 5_000 }).toBe(true);
    // Back to the top: the marker is beside the first line's Units cell again.
    await page.evaluate(() => (window as unknown as { gridApi: { ensureIndexVisible(i: number, p: string): void } }).gridApi.ensureIndexVisible(0, 'top'));
    await expect.poll(async () => {
      const { mark, cell } = await beside();
      return !!mark && mark.display !== 'none' && !!cell && near(mark, cell);
    }, { timeout: 5_000 }).toBe(true);
    await ext.close();
    await page.close();
  });
});
