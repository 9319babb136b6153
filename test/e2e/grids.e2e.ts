import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { UNREAD_ORIGIN, openUnread, openWithStore, storedFor, useDemoBrowser } from './session';
import { badges, expectWellPlaced, hostDom, inIsolatedWorld, placements, waitForBadges, type Target } from './dom';

// Issue 16: flowsheets built with AG Grid Community 36 (default options) and React Data Grid 7
// (bundled from node_modules by the test server) read by the built extension in Chromium, and
// the same grids with 120 rows in a 400 px viewport (row virtualisation), with and without
// aria-rowcount. The pages' correct readings are in test/fixtures/ehr/grids/README.md.

const env = useDemoBrowser();

interface Stored { visit: { incomplete?: string }; evaluation: { totalTimedMinutes: number; totalTimedUnits: number; findings: { rule: string; message: string }[]; lines: { code: string; units: number; modifiers: string[] }[] } }

const stored = (ext: Page, tabId: number) => storedFor<Stored>(ext, tabId);

/** Requests that left the browser: not to the demo server, not to the extension (UNREAD_ORIGIN's are answered by the test, in the browser). */
const leftTheBrowser = () => env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://') && !u.startsWith(UNREAD_ORIGIN));

const open = (url: string, drawn = '.ag-row') => openWithStore(env, url, (page) => page.waitForSelector(drawn));

/** Types `text` into an AG Grid cell through the grid's own editor ('' empties it), as a user does: double-click, select all, type, Enter. */
async function editAgCell(page: Page, row: number, column: string, text: string) {
  await page.locator(`.ag-row[row-index="${row}"] [col-id="${column}"]`).dblclick();
  await page.keyboard.press('ControlOrMeta+a');
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
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
    await editAgCell(page, 2, 'minutes', '15');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(61);
    expect(leftTheBrowser()).toEqual([]);
    await ext.close();
    await page.close();
  });

  it('pinned columns (intervention left, modifiers right): the same visit, and an edit in a pinned column re-checks', async () => {
    const url = `${env.server.url}/ag-grid.html?pinned=1`;
    const { page, ext, tabId } = await open(url);
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(54);
    const first = (await stored(ext, tabId))!;
    expect(first.evaluation.totalTimedUnits).toBe(4);
    expect(first.evaluation.findings.map((f) => f.rule)).toContain('units.over-billed');
    // The modifiers come from the right-pinned container, the intervention from the left one.
    expect(first.evaluation.lines.every((l) => l.modifiers.includes('GP'))).toBe(true);
    // The third row's modifiers, in the right-pinned column: GP taken away → a line without GP.
    await editAgCell(page, 2, 'modifiers', '');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.findings.map((f) => f.rule), { timeout: 10_000 }).toContain('modifier.discipline-missing');
    expect(leftTheBrowser()).toEqual([]);
    await ext.close();
    await page.close();
  });

  it('120 rows, virtualised: "read only in part" until every row has scrolled into view, then the whole visit', async () => {
    const url = `${env.server.url}/ag-grid.html?rows=120`;
    const { page, ext, tabId } = await open(url);
    await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(/of this grid's 120 rows were read/);
    expect((await stored(ext, tabId))!.evaluation.findings.map((f) => f.rule)).toContain('visit.incomplete');
    // The user scrolls the grid through, a screenful at a time.
    await scrollThrough(page, ext, tabId, scrollAg);
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

// React Data Grid 7: the grid is its own scroll box; rows are `display: contents` with
// aria-rowindex, cells carry aria-colindex; its editors are in a cell only while it is edited.
const RDG_ROW = '.rdg-row';
/** A React Data Grid cell: its row's aria-rowindex (the header row is 1) and column (1: Intervention … 5: Modifiers). */
const rdgCell = (rowIndex: number, col: number) => `[role="row"][aria-rowindex="${rowIndex}"] > [role="gridcell"][aria-colindex="${col}"]`;
const scrollRdg = (page: Page, row: number) => page.evaluate((r) => (window as unknown as { gridApi: { scrollToRow(i: number): void } }).gridApi.scrollToRow(r), row);
const scrollAg = (page: Page, row: number) => page.evaluate((r) => (window as unknown as { gridApi: { ensureIndexVisible(i: number, p: string): void } }).gridApi.ensureIndexVisible(r, 'top'), row);
/** A marker's box is on its cell's row and beside it (within 40 px of it). */
const near = (m: { top: number; height: number; left: number }, c: DOMRect) => Math.abs(m.top + m.height / 2 - (c.y + c.height / 2)) < c.height && m.left >= c.x - 40 && m.left <= c.x + c.width + 40;
const boxOf = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect)).then((r) => r[0]);

/**
 * Scrolls a 120-row grid through, a screenful at a time, to its end; then the whole visit is
 * read: 120 × 8 = 960 minutes → 64 units (CPM §20.2 chart), nothing left unread.
 */
async function scrollThrough(page: Page, ext: Page, tabId: number, scroll: (page: Page, row: number) => Promise<unknown>): Promise<Stored> {
  for (let i = 0; i < 120; i += 8) {
    await scroll(page, i);
    await page.waitForTimeout(120);
  }
  await scroll(page, 119);
  await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(960);
  const whole = (await stored(ext, tabId))!;
  expect(whole.visit.incomplete).toBeUndefined();
  expect(whole.evaluation.findings.map((f) => f.rule)).not.toContain('visit.incomplete');
  expect(whole.evaluation.totalTimedUnits).toBe(64);
  return whole;
}

const COLUMN_OF = { label: 1, code: 2, minutes: 3, units: 4, modifiers: 5 } as Record<string, number>;
/** Markers of a React Data Grid page shown away from their cell, or shown for a cell not drawn (none when all is well). */
async function misplacedMarkers(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const m of await badges(page)) {
    const [, row, role] = /^g(\d+):(\w+)$/.exec(m.field) ?? [];
    const cell = row && role ? await boxOf(page, rdgCell(Number(row), COLUMN_OF[role]!)) : undefined;
    const shown = m.display !== 'none' && m.height > 0;
    if (shown && !cell) out.push(`${m.field}: shown, its cell is not drawn`);
    else if (shown && !near(m, cell!)) out.push(`${m.field}: shown away from its cell`);
  }
  return out;
}

/** Edits a React Data Grid cell in the grid's own editor: double-click, type, Enter. */
async function editRdg(page: Page, selector: string, value: string) {
  await page.locator(selector).dblclick();
  await page.locator(`${selector} input`).waitFor();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

describe('React Data Grid flowsheets in Chromium with the extension', () => {
  it('default: the right units and findings, markers beside their cells and on top, and an edit in the grid’s own editor re-checks', async () => {
    const url = `${env.server.url}/data-grid.html`;
    const { page, ext, tabId } = await open(url, RDG_ROW);
    // 38 + 12 + 10 = 60 timed minutes → 4 units (CPM §20.2: 53–67); 3 + 1 + 1 = 5 entered; the third line has no GP.
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(60);
    const first = (await stored(ext, tabId))!;
    expect(first.evaluation.totalTimedUnits).toBe(4);
    expect(first.evaluation.findings.map((f) => f.rule).sort()).toEqual(['modifier.discipline-missing', 'units.low-average', 'units.over-billed']);
    expect(first.evaluation.lines.map((l) => `${l.code} ×${l.units}`)).toEqual(['97110 ×2', '97116 ×1', '97112 ×1']);
    expect(first.visit.incomplete).toBeUndefined();
    await waitForBadges(page, (t) => /units\.over-billed/.test(t) && /modifier\.discipline-missing/.test(t), 'the units and modifier markers');
    // Each marker beside the cell it is about, on top of the grid, covering no other control.
    const marks = await placements(page);
    expectWellPlaced(marks, expect);
    const unitsCells = await page.locator('[role="gridcell"][aria-colindex="4"]').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
    const modifierCell = (await boxOf(page, rdgCell(4, 5)))!;
    const all = await badges(page);
    expect(all.filter((m) => /:units$/.test(m.field)).every((m) => unitsCells.some((c) => near(m, c)))).toBe(true);
    expect(all.filter((m) => /:modifiers$/.test(m.field)).map((m) => near(m, modifierCell))).toEqual([true]);
    await page.screenshot({ path: 'docs/screenshots/data-grid.png' });

    // The user sets the first line's units to 2 in the grid's own editor: 4 entered, as the minutes support.
    await editRdg(page, rdgCell(2, 4), '2');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.findings.map((f) => f.rule).sort(), { timeout: 10_000 }).toEqual(['modifier.discipline-missing']);
    // And picks another code in the CPT column's <select>: 97112 → 97140.
    await page.locator(rdgCell(4, 2)).dblclick();
    await page.locator(`${rdgCell(4, 2)} select`).selectOption('97140');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.lines.map((l) => l.code), { timeout: 10_000 }).toEqual(['97110', '97116', '97140']);
    expect(leftTheBrowser()).toEqual([]);
    await ext.close();
    await page.close();
  });

  it('120 rows, virtualised: "read only in part" until every row has been drawn, then the whole visit; markers stay beside their cells as the grid drops rows and draws them again', async () => {
    const url = `${env.server.url}/data-grid.html?rows=120`;
    const { page, ext, tabId } = await open(url, RDG_ROW);
    await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(/^Only \d+ of this grid's 120 rows were read \(rows 1–\d+\)/);
    expect((await stored(ext, tabId))!.evaluation.findings.map((f) => f.rule)).toContain('visit.incomplete');
    // The first line's first cell as the grid drew it at first.
    await page.evaluate((sel) => ((window as unknown as { firstDrawn: Element | null }).firstDrawn = document.querySelector(sel)), rdgCell(2, 1));
    const whole = await scrollThrough(page, ext, tabId, scrollRdg);
    expect(whole.evaluation.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['units.over-billed', 'pair.modifier-required']));

    // While the grid scrolls, drops rows and draws them anew, every marker shown is beside the
    // cell its field names (g<aria-rowindex>:<column>) and on top; a marker whose row is not
    // drawn is hidden. (A finding about many lines is marked on the first of them drawn.)
    for (const row of [119, 60, 0]) {
      await scrollRdg(page, row);
      await expect.poll(() => misplacedMarkers(page), { timeout: 5_000 }).toEqual([]);
      expectWellPlaced((await placements(page)).filter((p) => p.shown), expect);
    }
    // Back at the top the grid drew the first rows anew (new elements): their markers are shown beside the new cells.
    expect(await page.evaluate(() => (window as unknown as { firstDrawn: Element }).firstDrawn.isConnected)).toBe(false);
    expect((await badges(page)).filter((m) => m.display !== 'none' && m.height > 0).length).toBeGreaterThan(0);
    await ext.close();
    await page.close();
  });
});

describe('a virtualised grid that does not say how many rows it has (aria-rowcount taken away)', () => {
  for (const [name, path, drawn, scroll] of [
    ['React Data Grid', '/data-grid.html?rows=120&norowcount=1', RDG_ROW, scrollRdg],
    ['AG Grid', '/ag-grid.html?rows=120&norowcount=1', '.ag-row', scrollAg],
  ] as const) {
    it(`${name}: "may not have seen every row" until its last row is drawn; rows skipped are named; scrolled through, the whole visit`, async () => {
      const url = `${env.server.url}${path}`;
      const { page, ext, tabId } = await open(url, drawn);
      expect(await page.locator('[aria-rowcount]').count()).toBe(0);
      await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(/^This grid shows only the rows in view and does not say how many it has: rows 1–\d+ were read, and rows after them may not have been read\. Scroll it through to the end so every row is read\./);
      const partial = (await stored(ext, tabId))!;
      expect(partial.evaluation.findings.map((f) => f.rule)).toContain('visit.incomplete');
      // Straight to the end: the grid's size is known now, and the rows never drawn are named.
      await scroll(page, 119);
      await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(/^Only \d+ of this grid's 120 rows were read \(rows 1–\d+, \d+–120\)/);
      await scrollThrough(page, ext, tabId, scroll);
      expect(leftTheBrowser()).toEqual([]);
      await ext.close();
      await page.close();
    });
  }
});

describe('the grid pages are never changed by Unitwise', () => {
  /** The same user actions on a page: an edit in the grid's own editor, then the mouse moved away. */
  const edits: Record<string, (page: Page) => Promise<void>> = {
    'ag-grid': async (page) => {
      await page.locator('.ag-row[row-index="2"] [col-id="minutes"]').dblclick();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('15');
      await page.keyboard.press('Enter');
      await page.mouse.move(0, 0);
    },
    'data-grid': async (page) => {
      await editRdg(page, rdgCell(4, 3), '15');
      await page.mouse.move(0, 0);
    },
  };
  for (const [name, drawn, minutes] of [['ag-grid', '.ag-row', 61], ['data-grid', RDG_ROW, 65]] as const) {
    it(`${name}: after Unitwise read it, drew its markers and read an edit, the page's DOM is the DOM the page makes alone`, async () => {
      const url = `${env.server.url}/${name}.html`;
      const { page, ext, tabId } = await open(url, drawn);
      const alone = await openUnread(env, `/${name}.html`);
      await alone.waitForSelector(drawn);
      // Unitwise does not run in the page it is compared with.
      expect((await inIsolatedWorld(alone as Target, '1')).ran).toBe(false);
      await waitForBadges(page, (t) => /units\./.test(t), 'a units marker on the grid');
      for (const p of [page, alone]) await edits[name]!(p);
      await expect.poll(async () => (await stored(ext, tabId))?.evaluation.totalTimedMinutes, { timeout: 10_000 }).toBe(minutes);
      await waitForBadges(page, (t) => t.length > 0, 'the markers after the edit');
      await page.waitForTimeout(300);
      const read = await hostDom(page);
      // Every element, attribute and value (the grid's cells, its editors' values, the page's own total) as the page alone has them.
      expect(read).toEqual(await hostDom(alone));
      expect(read.filter((line) => /unitwise/i.test(line))).toEqual([]);
      // And every text the page shows: the cells' and the page's own total (Unitwise's overlay is outside <body>).
      const text = (p: Page) => p.evaluate(() => document.body.innerText);
      expect(await text(page)).toEqual(await text(alone));
      expect(await text(page)).toContain(`Total timed minutes: ${minutes}`);
      expect(leftTheBrowser()).toEqual([]);
      await alone.close();
      await ext.close();
      await page.close();
    });
  }
});

describe('a virtualised table at the end of a long chart whose parts the browser skips off screen', () => {
  const NOTE = /^This grid shows only the rows in view and does not say how many it has, nor which row each one is: only the 12 rows in view now could be read/;
  it('near the top: said at the first read', async () => {
    const { page, ext, tabId } = await open(`${env.server.url}/virtual-table.html`, 'tbody tr');
    await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(NOTE);
    await ext.close();
    await page.close();
  });

  it('after 30 earlier notes: not measured while skipped; said once it scrolls into view, with nothing typed', async () => {
    const { page, ext, tabId } = await open(`${env.server.url}/virtual-table.html?below=30`, 'tbody tr');
    await expect.poll(async () => (await stored(ext, tabId))?.evaluation.lines.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    // Skipped by the browser: its box is not known yet, so nothing is said of it either way.
    expect(await page.evaluate(() => document.querySelector('#sheet tr')!.checkVisibility({ contentVisibilityAuto: true }))).toBe(false);
    expect((await stored(ext, tabId))!.visit.incomplete).toBeUndefined();
    await page.locator('#sheet h1').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await stored(ext, tabId))?.visit.incomplete ?? '', { timeout: 10_000 }).toMatch(NOTE);
    expect((await stored(ext, tabId))!.evaluation.findings.map((f) => f.rule)).toContain('visit.incomplete');
    expect(leftTheBrowser()).toEqual([]);
    await ext.close();
    await page.close();
  });
});
