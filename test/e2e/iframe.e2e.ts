import { describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { useDemoBrowser } from './session';
import { badges, expectWellPlaced, hostDom, inOverlay, placements, waitForBadgeCount, waitForBadges } from './dom';
import { severitiesIn } from './firefox-dom';

// The built extension in Debian's Chromium on the demo charge-capture page: an EHR shell whose
// billing section lives in a same-origin iframe and is rebuilt from scratch on every keystroke
// (billing-app.html). The content script runs in the frame, draws its overlay in the frame's
// own document, keeps its markers on the rebuilt rows and writes nothing to either document.

/**
 * Every badge names a field of a row that exists in the rebuilt table (rN → the N-th body row;
 * the detector numbers rows in document order), in the column its rule asks to change, and is
 * drawn on top beside that field without covering another control.
 */
async function expectBadgesBesideFields(frame: Frame) {
  const marks = await badges(frame);
  const fields = await frame.evaluate((keys) => {
    const rows = [...document.querySelectorAll('#app tbody tr')];
    const column: Record<string, number> = { label: 0, code: 1, minutes: 2, units: 3, modifiers: 4 };
    return keys.map((key) => {
      const m = /^r(\d+):(\w+)$/.exec(key);
      const row = m ? rows[Number(m[1])] : undefined;
      const field = row && m ? row.querySelectorAll('td')[column[m[2]!] ?? -1]?.querySelector('input, select') : undefined;
      return { rowExists: !!row, fieldConnected: !!field?.isConnected };
    });
  }, marks.map((b) => b.field));
  expect(marks.length).toBeGreaterThan(0);
  marks.forEach((b, i) => expect(fields[i], `badge ${b.field}`).toEqual({ rowExists: true, fieldConnected: true }));
  expectWellPlaced(await placements(frame), expect);
}

const env = useDemoBrowser();

describe('demo charge capture in a same-origin iframe that re-renders on every keystroke', () => {
  it('marks the 8-minute-rule over-billing and the missing GP inside the frame, keeps markers on rebuilt rows, and changes nothing', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.server.url}/billing-frame.html`);
    const frame = page.frames().find((f) => f.url().endsWith('/billing-app.html'));
    expect(frame, 'the billing iframe').toBeDefined();
    const app = frame!;
    await waitForBadgeCount(app, 2);

    // CPM §20.2 Example 4: 18 + 13 + 10 + 8 = 49 timed minutes → 3 units; 4 are entered, and
    // the 8 minutes of ultrasound (97035) are the ones that earn no unit.
    let all = await waitForBadges(app, (a) => a.includes('modifier.discipline-missing') && a.includes('units.over-billed'), 'the initial findings');
    // On the field to change: the ultrasound's units ("bill 0 units, not 1"), 97140's modifiers.
    expect(all).toMatch(/\[r3:units\] Error: 97035: bill 0 units, not 1[^[]*units\.over-billed: 4 timed units entered, but 49 total timed minutes support 3 units/);
    expect(all).toMatch(/\[r1:modifiers\] Error: 97140: add GP/);
    expect(all).toMatch(/units\.not-billable: 97035/);
    // 97140 carries only 59: a Medicare PT line needs GP (CPM §20.1).
    expect(all).toMatch(/modifier\.discipline-missing: 97140 has no therapy modifier[^\n]*→ Add GP/);
    expect(all).not.toMatch(/minutes\.(unreadable|missing)/);
    await expectBadgesBesideFields(app);

    const outerBefore = await hostDom(page);
    const before = await hostDom(app);
    const rendersBefore = await app.evaluate(() => (window as unknown as { billingRenders: () => number }).billingRenders());
    const oldMinutes = await app.evaluateHandle(() => document.querySelector('[data-key="3:minutes"]'));

    // Overwrite the ultrasound minutes key by key: every keystroke throws the rows away and
    // builds new ones; the app re-focuses the new input and restores the caret.
    await page.frameLocator('#billing-frame').locator('[data-key="3:minutes"]').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1:5x', { delay: 40 });
    expect(await app.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('1:5x');
    expect(await app.evaluate(() => (window as unknown as { billingRenders: () => number }).billingRenders())).toBeGreaterThanOrEqual(rendersBefore + 4);
    expect(await oldMinutes.evaluate((el) => el!.isConnected)).toBe(false);

    all = await waitForBadges(app, (a) => a.includes('minutes.unreadable'), 'minutes.unreadable');
    const unreadable = (await badges(app)).find((b) => b.text.includes('minutes.unreadable'))!;
    expect(unreadable.field).toBe('r3:minutes');
    expect(unreadable.text).toMatch(/Could not read minutes '1:5x' for .*Ultrasound/i);
    // With the ultrasound minutes unreadable, its units are left unchecked: no 8-minute-rule verdict on it.
    expect(all).not.toMatch(/units\.not-billable: 97035/);
    expect(all).toMatch(/modifier\.discipline-missing: 97140/);
    await expectBadgesBesideFields(app);

    // Only the value the test typed differs; the rebuilt rows carry the same attributes, and no
    // attribute, class, style or child was added by Unitwise in either document.
    const after = await hostDom(app);
    expect(after.length).toBe(before.length);
    const changed = after.map((a, i) => [before[i]!, a] as const).filter(([b, a]) => a !== b);
    expect(changed).toHaveLength(1);
    expect(changed[0]![0]).toMatch(/data-key=3:minutes value=8>$/);
    expect(changed[0]![1]).toMatch(/data-key=3:minutes value=1:5x>$/);
    expect(await hostDom(page)).toEqual(outerBefore);

    // 12 minutes: 18 + 13 + 10 + 12 = 53 → 4 units, one per code, as entered.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12', { delay: 40 });
    all = await waitForBadges(app, (a) => !a.includes('minutes.unreadable') && !a.includes('units.over-billed'), 'the findings for 53 minutes');
    expect(all).not.toMatch(/units\.(over|under)-billed|units\.not-billable/);
    expect(all).toMatch(/modifier\.discipline-missing: 97140/);
    await expectBadgesBesideFields(app);

    // Typing in another row (each key rebuilds all rows again) moves the GP marker nowhere else.
    await page.frameLocator('#billing-frame').locator('[data-key="1:modifiers"]').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' GP', { delay: 40 });
    expect(await app.evaluate(() => (document.querySelector('[data-key="1:modifiers"]') as HTMLInputElement).value)).toBe('59 GP');
    all = await waitForBadges(app, (a) => !a.includes('modifier.discipline-missing'), 'the GP marker to go');
    await expectBadgesBesideFields(app).catch(async (e) => {
      // No findings left at all is fine too.
      if ((await badges(app)).length > 0) throw e;
    });

    const final = await hostDom(app);
    expect(final.length).toBe(before.length);
    expect(await hostDom(page)).toEqual(outerBefore);
    const external = env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://'));
    expect(external).toEqual([]);
    await page.close();
  });

  // From a visual review: at 760 px the frame is narrower than its table and scrolls sideways;
  // the Units and Modifiers columns were cut off, and their markers with them, with nothing on
  // the page to say so (the panel and the toolbar still counted the errors).
  it('at 760 px: a field out of the frame\'s view has its marker toward the frame\'s edge on its row, pointing to it; a click brings it into view, its marker beside it', async () => {
    const page = await env.context.newPage();
    await page.setViewportSize({ width: 760, height: 800 });
    await page.goto(`${env.server.url}/billing-frame.html`);
    const app = page.frames().find((f) => f.url().endsWith('/billing-app.html'))!;
    await waitForBadges(app, (a) => a.includes('units.over-billed') && a.includes('modifier.discipline-missing'), 'the initial findings');
    // The frame shows less than its table: the ultrasound's Units field is right of its view.
    const view = await app.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight, scrollWidth: document.documentElement.scrollWidth }));
    expect(view.scrollWidth).toBeGreaterThan(view.width);
    const fieldBox = (key: string) => inOverlay(app, (_root, k, handle) => JSON.parse(JSON.stringify(handle!.field!(k)!.getBoundingClientRect())) as DOMRect, key);
    expect((await fieldBox('r3:units')).left).toBeGreaterThan(view.width);

    // Each marker of a field out of view: shown at the frame's right edge, wholly inside what
    // the frame shows, on its field's row, on top, pointing right; in the error's colour where
    // it is drawn, as a user sees it.
    await expect.poll(async () => (await placements(app)).filter((p) => p.edge).map((p) => p.field).sort(), { timeout: 5_000 }).toEqual(['r0:units', 'r1:modifiers', 'r3:units']);
    const frameBox = (await page.locator('#billing-frame').boundingBox())!;
    const edges = await inOverlay(app, (root) =>
      [...root!.querySelectorAll<HTMLElement>('.badge[data-edge]')].map((b) => {
        const r = b.getBoundingClientRect();
        return { field: b.dataset.field!, text: b.textContent!, label: b.getAttribute('aria-label')!, left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
      }),
    );
    const placed = await placements(app);
    for (const e of edges) {
      const p = placed.find((x) => x.field === e.field)!;
      expect([p.shown, p.topmost, p.onRow, p.inView, p.textFits], `${e.field}: shown, on top, on its row, inside its view, its text on its background`).toEqual([true, true, true, true, true]);
      expect(e.text, `${e.field} points right`).toMatch(/^[✕▲i](\+\d)? ▸$/);
      expect(e.label).toMatch(/Out of view to the right: Enter scrolls to it\.$/);
      expect(e.left, `${e.field} inside the frame's view`).toBeGreaterThanOrEqual(0);
      expect(e.right, `${e.field} inside the frame's view (left of its right edge, ${view.width})`).toBeLessThanOrEqual(view.width);
      expect(e.top).toBeGreaterThanOrEqual(0);
      expect(e.bottom).toBeLessThanOrEqual(view.height);
      // (At the edge, or where the row's values leave it room nearest to it: in the right half of
      // the view. Row 0's CPT text runs up to its arrow at the edge: its marker sits before it,
      // between the Intervention and the CPT; layers.e2e judges what each hides.)
      expect(e.left, `${e.field} in the right half of the frame's view`).toBeGreaterThanOrEqual(view.width / 2);
      // (On the page: inside the frame's box.)
      expect(frameBox.x + e.left).toBeGreaterThanOrEqual(frameBox.x);
      expect(frameBox.x + e.right).toBeLessThanOrEqual(frameBox.x + frameBox.width);
    }
    const ultrasound = edges.find((e) => e.field === 'r3:units')!;
    const inner = { x: frameBox.x + 1, y: frameBox.y + 1 }; // (the frame's 1 px border)
    const shot = await page.screenshot({ clip: { x: inner.x + ultrasound.left, y: inner.y + ultrasound.top, width: ultrasound.width, height: ultrasound.height } });
    expect(severitiesIn(Buffer.from(shot)), 'the ultrasound units marker seen in its colour').toEqual(['error']);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/frame-760-edge.png` });

    // A click on it: the frame scrolls the field into view (nothing in the page changes), its
    // marker goes beside it, well placed, and its card opens.
    const before = await hostDom(app);
    await page.mouse.click(inner.x + ultrasound.left + ultrasound.width / 2, inner.y + ultrasound.top + ultrasound.height / 2);
    await expect.poll(async () => (await placements(app)).find((p) => p.field === 'r3:units')?.edge ?? 'beside', { timeout: 3_000 }).toBe('beside');
    const f = await fieldBox('r3:units');
    expect(f.left).toBeGreaterThanOrEqual(0);
    expect(f.right).toBeLessThanOrEqual(view.width);
    expectWellPlaced((await placements(app)).filter((p) => p.field === 'r3:units'), expect);
    const card = await inOverlay(app, (root) => {
      const c = root!.querySelector<HTMLElement>('.card')!;
      return c.hidden ? null : c.innerText;
    });
    expect(card).toMatch(/97035: bill 0 units, not 1/);
    expect(await hostDom(app)).toEqual(before);
    if (process.env.UNITWISE_SHOTS) await page.screenshot({ path: `${process.env.UNITWISE_SHOTS}/frame-760-scrolled.png` });
    await page.close();
  });

  it('forms in frames with no address of their own (srcdoc, written by script) are read and marked too', async () => {
    const page = await env.context.newPage();
    await page.goto(`${env.server.url}/srcdoc-frames.html`);
    // Each frame's 47 minutes support 3 units; 5 are billed: its own over-billing marker.
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames.map((f) => f.url()).sort()).toEqual(['about:blank', 'about:srcdoc']);
    for (const frame of frames) await waitForBadges(frame, (t) => t.includes('units.over-billed'), `the over-billing marker in ${frame.url()}`);
    await page.close();
  });
});
