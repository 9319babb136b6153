import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { extensionReady, openPanel, tabIdOf, useDemoBrowser } from './session';
import { unpackStored } from '../../lib/messages';
import { badges, detectionCount, expectWellPlaced, hostDom, inIsolatedWorld, inOverlay, placements, waitForBadges } from './dom';

// Issue 12: a page with several visits (a day sheet) is read as several visits, each checked
// on its own and stored under its own key; an edit anywhere reaches its visit; the panel
// lists the visits and switches between them; a history table is never mixed into today's.

const env = useDemoBrowser();

interface Stored {
  visitKey: string;
  visitLabel?: string;
  visit: { dateOfService?: string; entries: { minutes?: number | null }[] };
  evaluation: { totalTimedMinutes: number; totalTimedUnits: number; findings: { rule: string }[]; lines: { code: string; units: number }[] };
}

/** Every evaluation stored for the tab: the shown visit's key and each other visit's (`evaluation:<tab>:v3`). */
const evaluationsOf = async (ext: Page, tabId: number): Promise<Record<string, Stored>> => {
  const stored = await ext.evaluate(async (id) => {
    // @ts-expect-error chrome is the extension API on extension pages
    const all = (await chrome.storage.session.get(null)) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(all).filter(([k]) => k === `evaluation:${id}` || new RegExp(`^evaluation:${id}:v\\d+$`).test(k)));
  }, tabId);
  // As written, each visit's lines are packed (lib/entry-pack.ts).
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, unpackStored(v) as Stored]));
};

/** The tab page's visit list with each visit's status (its own key). */
const visitListOf = (ext: Page, tabId: number): Promise<{ key: string; label: string; history: boolean; entries: number; errors: number }[]> =>
  ext.evaluate(async (id) => {
    // @ts-expect-error chrome is the extension API on extension pages
    return ((await chrome.storage.session.get(`evaluation:${id}:visits`))[`evaluation:${id}:visits`]?.visits ?? []) as never;
  }, tabId);

/** Opens a demo page in a tab and waits until each of its `visits` has an evaluation stored. */
async function openVisits(file: string, visits: number) {
  const page = await env.context.newPage();
  const url = `${env.server.url}/${file}`;
  await page.goto(url);
  const ext = await extensionReady(env);
  const tabId = await tabIdOf(ext, url);
  await page.bringToFront();
  await expect.poll(async () => Object.keys(await evaluationsOf(ext, tabId)).length, { timeout: 15_000 }).toBe(visits);
  return { page, url, ext, tabId };
}

describe('one patient’s two sessions of one day (test/fixtures/ehr/two-sessions.html)', () => {
  it('the afternoon session says the day is over-billed; typing the morning’s minutes clears it', async () => {
    const { page, url, ext, tabId } = await openVisits('two-sessions.html', 2);
    const byVisit = async () => Object.fromEntries(Object.values(await evaluationsOf(ext, tabId)).map((s) => [s.visitKey, s.evaluation.findings.map((f) => f.rule).filter((r) => /^units\.(?:over-billed|same-day)$/.test(r))]));
    // Each alone is right; the day (20 minutes → 1 unit, CPM §20.2) is not, said on the later one.
    expect(await byVisit()).toEqual({ v1: [], v2: ['units.same-day'] });
    await waitForBadges(page, (t) => t.includes('[v2.r0:units] Error: Same day as AM session 9:00: do not bill 97112 here'), 'the day’s marker on the afternoon line’s units');
    // Each marker on its own field's row: the Units input fills its cell, so not above it on the header row.
    const shown = (await placements(page)).filter((p) => p.shown);
    expect(shown.map((p) => p.field).sort()).toEqual(['r0:units', 'v2.r0:units']);
    expectWellPlaced(shown, expect);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/two-sessions-markers.png` });
    const panel = await openPanel(env, url);
    // Under the morning's green verdict, the line under it says the afternoon has an error, and goes there in one click.
    const nav = panel.getByRole('navigation', { name: 'Visits on this page' });
    await expect.poll(() => nav.textContent()).toMatch(/^Visit 1 of 2 · 1 other visit has problems \(1 with errors\)/);
    if (process.env.UNITWISE_SHOTS) await panel.screenshot({ path: `${process.env.UNITWISE_SHOTS}/two-sessions-panel-glance.png` });
    expect(await panel.getByRole('region', { name: /2 visits on this page/ }).getByRole('button', { name: /^PM session 2:00/ }).count()).toBe(1);
    await nav.getByRole('button', { name: 'Next with problems ›' }).click();
    await expect.poll(() => panel.locator('.visit-label').textContent()).toMatch(/^PM session 2:00/);
    await expect.poll(() => panel.locator('[data-rule="units.same-day"]').count()).toBe(1);
    expect(await panel.locator('[data-rule="units.same-day"]').textContent()).toMatch(/AM session 9:00/);
    // The afternoon's claim bills what the day leaves: the morning's 97110 ×1 is the day's one unit.
    const claims = async () => Object.fromEntries(Object.values(await evaluationsOf(ext, tabId)).map((s) => [s.visitKey, s.evaluation.lines.map((l) => `${l.code}×${l.units}`)]));
    expect(await claims()).toEqual({ v1: ['97110×1'], v2: [] });
    await expect.poll(() => panel.locator('#claim').textContent()).toMatch(/10 min → 1 unit this visit alone.*97112.*1 → 0 \(change\)/);
    if (process.env.UNITWISE_SHOTS) await panel.screenshot({ path: `${process.env.UNITWISE_SHOTS}/two-sessions-panel.png`, fullPage: true });
    // Acknowledged on the afternoon's card, its error no longer counts in the page's list of
    // visits, nor in the line under the morning's verdict (before: "1 other visit has problems"
    // while the afternoon's own verdict said it was ready).
    const sameDay = panel.locator('[data-rule="units.same-day"]');
    await sameDay.getByRole('button', { name: 'Acknowledge…' }).click();
    await sameDay.getByLabel(/Reason/).fill('Morning visit billed on its own claim');
    await sameDay.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await visitListOf(ext, tabId)).map((v) => [v.key, v.errors])).toEqual([['v1', 0], ['v2', 0]]);
    await panel.getByRole('region', { name: /2 visits on this page/ }).getByRole('button', { name: /^AM session/ }).click();
    await expect.poll(() => nav.textContent()).toMatch(/^Visit 1 of 2 · the other visit is OK/);
    // 13 + 10 = 23 minutes: 2 units for the day (23–37), as billed; the afternoon's finding goes, and its claim is its own again.
    await page.locator('input[name="am-m"]').fill('13');
    await expect.poll(byVisit).toEqual({ v1: [], v2: [] });
    expect(await claims()).toEqual({ v1: ['97110×1'], v2: ['97112×1'] });
    await panel.close();
    await ext.close();
    await page.close();
  });
});

describe('several visits on one page', () => {
  it('a 20-visit day sheet gives 20 evaluations; an edit in row 350 reaches its visit; the panel lists the visits and switches', async () => {
    const { page, url, ext, tabId } = await openVisits('day-sheet.html', 20);
    const first = Object.values(await evaluationsOf(ext, tabId));
    // Each visit its own: its own date, its 20 lines, its own totals (20 × 8 = 160 minutes).
    expect(new Set(first.map((s) => s.visit.dateOfService)).size).toBe(20);
    expect(first.every((s) => s.visit.entries.length === 20 && s.evaluation.totalTimedMinutes === 160)).toBe(true);
    const detected = (await detectionCount(page))!;

    // Row 350 of the page: visit 18, its row 11 (index 10).
    await page.locator('input[name="v18-min-10"]').fill('23');
    await expect
      .poll(async () => {
        const shown = (await evaluationsOf(ext, tabId))[`evaluation:${tabId}`];
        return shown && [shown.visitKey, shown.visit.entries[10]?.minutes, shown.evaluation.totalTimedMinutes];
      })
      .toEqual(['v18', 23, 175]);
    expect(Object.keys(await evaluationsOf(ext, tabId))).toHaveLength(20);
    // Its markers are beside its fields on screen; a visit far off screen has none on screen
    // until it is scrolled to (each keystroke places the visits off screen cheaply).
    const height = page.viewportSize()!.height;
    // (A finding about more than 5 of its lines is marked on its first line: scroll the visit's start into view.)
    await page.evaluate(() => document.querySelector('input[name="v18-int-0"]')!.scrollIntoView({ block: 'start' }));
    const shownBadges = async (prefix: string) => (await badges(page)).filter((b) => b.field.startsWith(prefix) && b.display !== 'none' && b.top >= 0 && b.top < height);
    await expect.poll(async () => (await shownBadges('v18.')).length, { timeout: 5_000 }).toBeGreaterThan(0);
    // Each beside the field it marks, on top, covering no other input.
    const visible = (await placements(page)).filter((p) => p.field.startsWith('v18.') && p.shown && p.onScreen);
    expect(visible.length).toBeGreaterThan(0);
    expectWellPlaced(visible, expect);
    expect((await shownBadges('r')).length, 'visit 1 is far above: none of its markers is on screen').toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(async () => (await shownBadges('r')).length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await shownBadges('v18.')).toHaveLength(0);
    // Values only: the form was not found again.
    expect((await detectionCount(page))! - detected).toBe(0);

    // The panel opens on the visit being edited and lists every visit with its status.
    const panel = await openPanel(env, url);
    await expect.poll(() => panel.locator('.visit-label').textContent()).toMatch(/^Visit 18 — 2026-11-18/);
    const list = panel.getByRole('region', { name: /20 visits on this page/ });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(20);
    expect(await list.locator('li[aria-current="true"]').textContent()).toMatch(/Visit 18/);
    // One click reaches another visit.
    await list.getByRole('button', { name: /^Visit 3 — / }).click();
    await expect.poll(() => panel.locator('.visit-label').textContent()).toMatch(/^Visit 3 — 2026-11-03/);
    // The page scrolls to it, its heading clear of the page's sticky header (a review found it under it).
    const clear = () => page.evaluate(() => document.querySelectorAll('section.visit h2')[2]!.getBoundingClientRect().top - document.querySelector('header')!.getBoundingClientRect().bottom);
    await expect.poll(async () => { const px = await clear(); return px >= 0 && px < 60 ? 'clear of the header' : px; }, { timeout: 3_000 }).toBe('clear of the header');
    const shown = (await evaluationsOf(ext, tabId))[`evaluation:${tabId}`]!;
    expect([shown.visitKey, shown.visit.dateOfService, shown.evaluation.totalTimedMinutes]).toEqual(['v3', '2026-11-03', 160]);
    expect(Object.keys(await evaluationsOf(ext, tabId))).toHaveLength(20);
    await panel.close();
    await ext.close();
    await page.close();
  });

  it('a 100-visit day sheet is read on load in short steps; a value typed meanwhile reaches its visit, with no second read of the page', async () => {
    // (The content script is registered by the background: ready before the page loads.)
    const ext = await extensionReady(env);
    const page = await env.context.newPage();
    const url = `${env.server.url}/day-sheet.html?visits=100&rows=40`;
    // (Not waiting for the load event: the read starts about then.)
    await page.goto(url, { waitUntil: 'commit' });
    // Caught mid-read: the page's first read of 20,000 fields goes in steps of some 10 ms.
    const deadline = Date.now() + 15_000;
    // (Asked in Unitwise's world; before its session exists, its handle cannot answer yet.)
    const reading = async () => {
      const got = await inIsolatedWorld<boolean>(page, '(() => { try { return globalThis.unitwiseContent?.inspect?.().reading === true; } catch { return false; } })()');
      return got.ran && got.value;
    };
    while (!(await reading())) {
      expect(Date.now(), 'the first read was never seen under way').toBeLessThan(deadline);
    }
    // Row 6 of visit 90, near the page's end: typed (as a script types it) between two steps.
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('input[name="v90-min-5"]')!;
      input.value = '23';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await reading(), 'typed while the read was under way').toBe(true);
    const tabId = await tabIdOf(ext, url);
    await expect
      .poll(async () => (await evaluationsOf(ext, tabId))[`evaluation:${tabId}:v90`]?.visit.entries[5]?.minutes, { timeout: 30_000 })
      .toBe(23);
    const read = await inOverlay(page, (_root, _arg, handle) => ({ steps: handle?.readSteps, detections: handle?.detections }));
    expect(read.steps, 'the read went in many steps').toBeGreaterThan(10);
    // The edit was held and told at the read's end: its row read again, the page not read twice.
    expect(read.detections).toBe(1);
    expect(Object.keys(await evaluationsOf(ext, tabId)).length).toBeGreaterThanOrEqual(100);
    await page.close();
  });

  it('two visits typed in while the first draw of all 60 is under way: every visit keeps its markers', async () => {
    const page = await env.context.newPage();
    // The page is busy between Unitwise's steps (its own 25 ms tasks), as an EHR still loading is.
    await page.addInitScript('setInterval(() => { const t = performance.now(); while (performance.now() - t < 25); }, 0);');
    await page.goto(`${env.server.url}/day-sheet.html?visits=60&rows=10`);
    // At the first badge drawn (the draw of every visit under way), visits 1 and 2 typed in one
    // task: their answer is a draw of two visits, which once cut the first draw short.
    await inIsolatedWorld(
      page,
      `(async () => {
        for (let i = 0; i < 2000 && !globalThis.unitwiseContent?.inspect?.().root; i++) await new Promise((r) => setTimeout(r, 5));
        const root = globalThis.unitwiseContent.inspect().root;
        await new Promise((resolve) => {
          const watch = new MutationObserver(() => {
            if (!root.querySelector('.badge')) return;
            watch.disconnect();
            for (const name of ['v1-min-0', 'v2-min-0']) {
              const el = document.querySelector('input[name="' + name + '"]');
              el.value = '9';
              el.dispatchEvent(new Event('input', { bubbles: true }));
            }
            resolve();
          });
          watch.observe(root, { subtree: true, childList: true });
        });
      })()`,
    );
    // Every visit of this page is over-billed: each has its markers.
    const visitsMarked = () => inOverlay(page, (root) => new Set(Array.from(root?.querySelectorAll<HTMLElement>('.badge') ?? [], (b) => /^(v\d+)\./.exec(b.dataset.field ?? '')?.[1] ?? 'v1')).size);
    await expect.poll(visitsMarked, { timeout: 20_000 }).toBe(60);
    await page.close();
  });

  it("a read-only history table is not mixed into today's visit, and the page is never changed", async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/history.html`;
    await page.goto(url);
    const ext = await extensionReady(env);
    const tabId = await tabIdOf(ext, url);
    await page.bringToFront();
    await waitForBadges(page, (t) => t.includes('units.allocation') && t.includes('Bill 97110 ×1, 97112 ×2'), 'the allocation marker');
    const before = await hostDom(page);
    const all = await evaluationsOf(ext, tabId);
    // One visit checked: one evaluation (the history is listed, never evaluated).
    expect(Object.keys(all)).toEqual([`evaluation:${tabId}`]);
    const shown = all[`evaluation:${tabId}`]!;
    // Today's two lines only: 23 + 24 = 47 minutes → 3 units (CPM ch. 5 §20.2), never the history's 65 more.
    expect([shown.visit.entries.length, shown.evaluation.totalTimedMinutes, shown.evaluation.totalTimedUnits]).toEqual([2, 47, 3]);
    // The billing summary the page keeps in step with today's rows is listed apart too.
    expect((await visitListOf(ext, tabId)).map((v) => [v.label, v.history, v.entries])).toEqual([
      ['Daily note', false, 2],
      ['Billing summary in Daily note', true, 2],
      // The history table's Date column tells its earlier visits apart.
      ['11/13/2026 · Previous visits', true, 2],
      ['11/06/2026 · Previous visits', true, 1],
    ]);
    const panel = await openPanel(env, url);
    await expect.poll(() => panel.getByRole('region', { name: /1 visit on this page/ }).textContent()).toMatch(/Read-only: earlier visits, plans, summaries and notes \(not checked\).*Billing summary in Daily note · 2 lines.*11\/13\/2026 · Previous visits · 2 lines.*11\/06\/2026 · Previous visits · 1 line/);
    await page.locator('input[name="min-1"]').fill('30');
    // 23 + 30, the summary's rewritten 30 never added: and the page's rewrite read without finding the form again.
    await expect.poll(async () => (await evaluationsOf(ext, tabId))[`evaluation:${tabId}`]?.evaluation.totalTimedMinutes).toBe(53);
    expect(await detectionCount(page)).toBe(1);
    // Unitwise wrote nothing: the only difference is the value the user typed (the page's own summary text is not in hostDom's lines).
    const after = await hostDom(page);
    expect(after.length).toBe(before.length);
    expect(after.filter((l, i) => l !== before[i])).toEqual(['<input name=min-1 value=24 value=30>']);
    await panel.close();
    await ext.close();
    await page.close();
  });
  it('a day sheet in one table with a Patient column: each patient is a visit, checked alone, marked on their own rows', async () => {
    const { page, url, ext, tabId } = await openVisits('clinic-day.html', 3);
    expect((await visitListOf(ext, tabId)).map((v) => [v.label, v.history, v.entries])).toEqual([
      ['Ann Lee · Day sheet — 11/02/2026', false, 2],
      ['Bob Ray · Day sheet — 11/02/2026', false, 1],
      ['Carl Diaz · Day sheet — 11/02/2026', false, 1],
    ]);
    const byVisit = async () => Object.fromEntries(Object.values(await evaluationsOf(ext, tabId)).map((s) => [s.visitKey, s]));
    const all = await byVisit();
    // Each patient's own minutes by the CMS 8-minute rule (CPM ch. 5 §20.2): Ann 20 min → 1 unit
    // (2 entered), Bob 40 → 3 (2 entered), Carl 23 → 2. As one visit, 93 → 6 = 6 entered hid both.
    const summary = (s: Stored) => [s.visit.dateOfService, s.evaluation.totalTimedMinutes, s.evaluation.totalTimedUnits, s.evaluation.findings.map((f) => f.rule).filter((r) => r === 'units.over-billed' || r === 'units.under-billed')];
    expect(summary(all.v1!)).toEqual(['2026-11-02', 20, 1, ['units.over-billed']]);
    expect(summary(all.v2!)).toEqual(['2026-11-02', 40, 3, ['units.under-billed']]);
    expect(summary(all.v3!)).toEqual(['2026-11-02', 23, 2, []]);
    // Ann's marker sits on Ann's rows, Bob's on Bob's. Ann's 10 + 10 minutes tie for her one unit
    // (CPM §20.2 Example 5): either line may give its unit up, so both of hers are marked.
    await waitForBadges(page, (t) => ['r0', 'r1'].every((r) => t.includes(`[${r}:units] Error: Bill 1 timed unit, not 2: one off 97110 or 97112`)) && t.includes('[v2.r0:units] Warning: 97110: minutes support 3, 2 entered'), "Ann's and Bob's unit markers");
    const shown = (await placements(page)).filter((p) => p.shown && p.onScreen);
    expect(shown.length).toBeGreaterThan(1);
    expectWellPlaced(shown, expect);
    const before = await hostDom(page);
    const detected = (await detectionCount(page))!;
    // Bob's minutes typed to 35 (23–37 → 2 units: now right); Ann's visit is not touched.
    await page.locator('input[name="min-2"]').fill('35');
    await expect.poll(async () => summary((await byVisit()).v2!)).toEqual(['2026-11-02', 35, 2, []]);
    expect(summary((await byVisit()).v1!)).toEqual(['2026-11-02', 20, 1, ['units.over-billed']]);
    expect((await detectionCount(page))! - detected).toBe(0);
    // The panel lists the three patients and opens each in one click.
    const panel = await openPanel(env, url);
    const list = panel.getByRole('region', { name: /3 visits on this page/ });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
    await list.getByRole('button', { name: /^Ann Lee · / }).click();
    await expect.poll(() => panel.locator('.visit-label').textContent()).toMatch(/^Ann Lee · Day sheet/);
    if (process.env.UNITWISE_SHOTS) await panel.screenshot({ path: `${process.env.UNITWISE_SHOTS}/clinic-day-panel.png`, fullPage: true });
    // Unitwise wrote nothing into the page: the only change is the value typed.
    const after = await hostDom(page);
    expect(after.filter((l, i) => l !== before[i])).toEqual(['<input name=min-2 value=40 value=35>']);
    // (After the check: Playwright's fill after a screenshot leaves an empty style attribute on the field.)
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/clinic-day-markers.png` });
    // The markers as the page shows them now, Ann's "✕+2" among them: each one well placed, its
    // whole text on its own background (the "2" once ran past the badge, white on the page's white).
    const end = (await placements(page)).filter((p) => p.shown && p.onScreen);
    expect((await badges(page)).some((b) => b.field === 'r0:units' && /^Error: .*, and 2 more\./.test(b.text))).toBe(true);
    expectWellPlaced(end, expect);
    await panel.close();
    await ext.close();
    await page.close();
  });
});
