import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { DEMO_PORT } from './server';
import { openPanel as openPanelPage, useDemoBrowser } from './session';
import { hostDom, inOverlay, overlayTag, waitForBadges } from './dom';

// Site mappings in Chromium on the demo daily log, whose field labels are drawn by CSS so the
// generic detector finds nothing: teach a mapping by clicking one row, and import the shipped
// one. Served on DEMO_PORT, the origin the shipped mapping is for.

const env = useDemoBrowser({ port: DEMO_PORT });
const LOG = () => `${env.server.url}/daily-log.html`;

const openPanel = (url: string) => openPanelPage(env, url);

const storedLocal = (panel: Page) =>
  panel.evaluate(async () => {
    // @ts-expect-error chrome is the extension API on extension pages
    return chrome.storage.local.get(null);
  });

const sessionSource = (panel: Page) =>
  panel.evaluate(async () => {
    // @ts-expect-error chrome is the extension API on extension pages
    const all = await chrome.storage.session.get(null);
    return Object.values(all).map((v) => (v as { source: string }).source);
  });

/** The teach dialog's text, read in Unitwise's closed overlay (null when not teaching). */
// (The teach dialog, in the overlay's .ui layer: a marker's card is a dialog too.)
const teachText = (page: Page | Frame) => inOverlay(page, (root) => root?.querySelector('.ui [role="dialog"]')?.textContent ?? null);

/** Clicks a button of the teach dialog as a user does: the pointer at its place on screen (in a frame: offset by the frame's place in the page). */
async function clickTeachButton(page: Page, name: string, frame?: Frame) {
  const offset = frame
    ? await frame.evaluate(() => {
        const el = window.frameElement!;
        const r = el.getBoundingClientRect();
        return { x: r.left + el.clientLeft, y: r.top + el.clientTop };
      }).catch(async () => {
        const box = (await (await frame.frameElement()).boundingBox())!;
        return { x: box.x + 1, y: box.y + 1 };
      })
    : { x: 0, y: 0 };
  const at = await inOverlay(frame ?? page, (root, label) => {
    const b = [...(root?.querySelectorAll('.ui [role="dialog"] button') ?? [])].find((x) => x.textContent === label);
    const r = b?.getBoundingClientRect();
    return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  }, name);
  if (!at) throw new Error(`no teach button ${name}`);
  await page.mouse.click(at.x + offset.x, at.y + offset.y);
}

/**
 * Clicks each field at its place on screen and waits for the dialog to ask the next thing.
 * Unitwise's layer is on top, so Playwright is told not to wait for the field to be clickable.
 */
async function teachSteps(where: Page | Frame, steps: [Locator, RegExp][]) {
  for (const [target, next] of steps) {
    await target.click({ force: true });
    await expect.poll(() => teachText(where)).toMatch(next);
  }
}

describe('site mappings on the demo daily log', () => {
  it('teach mode: map the form by clicking one row, without changing the page, then see its markers', async () => {
    const page = await env.context.newPage();
    await page.goto(LOG());
    await page.waitForTimeout(500);
    // Unmapped, the page reads as no form: no overlay host at all.
    expect(await overlayTag(page)).toBeNull();
    const before = await hostDom(page);
    // The page's own listeners, registered before Unitwise's, on window in the capture phase
    // (the first to see any event), and on its fields: teaching clicks must not reach them.
    await page.evaluate(() => {
      const w = window as unknown as { __pageSaw: string[]; __fieldClicks: number };
      w.__pageSaw = [];
      w.__fieldClicks = 0;
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click']) window.addEventListener(type, (e) => w.__pageSaw.push(`${type} on <${(e.target as Element).localName}>`), true);
      for (const el of document.querySelectorAll('input, .what, .proc, .cov, .when')) el.addEventListener('click', () => w.__fieldClicks++);
    });

    const panel = await openPanel(LOG());
    await panel.getByRole('status').getByRole('button', { name: 'Map this form' }).click();
    // The panel sits beside the page in real use: keep the page in front (no rAF throttling).
    await page.bringToFront();
    await expect.poll(() => teachText(page), { timeout: 10_000 }).toMatch(/Map this form/);
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Esc cancels' }).count()).toBe(1);

    const row = page.locator('article.log-item').nth(1);
    await teachSteps(page, [
      [row.locator('.what'), /CPT code/],
      [row.locator('.proc'), /minutes/],
      [row.locator('[data-k="t"]'), /units/],
      [row.locator('[data-k="q"]'), /modifier/],
      [row.locator('[data-k="m"]'), /payer/],
      [page.locator('.cov'), /date of service/],
    ]);
    await page.locator('.when').click({ force: true });
    await expect.poll(() => teachText(page)).toMatch(/reads 3 rows on this page/);
    // Clicks while teaching never reach the page's elements: no focus, no handler ran; the
    // page's first listener saw only Unitwise's own host (a closed shadow root hides the rest).
    expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('input');
    const tag = await overlayTag(page);
    const saw = await page.evaluate(() => (window as unknown as { __pageSaw: string[] }).__pageSaw);
    expect(saw.length).toBeGreaterThan(0);
    expect(saw.filter((s) => !s.endsWith(`<${tag}>`))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __fieldClicks: number }).__fieldClicks)).toBe(0);
    await clickTeachButton(page, 'Save mapping');
    await expect.poll(() => teachText(page)).toMatch(/Saved as '127\.0\.0\.1:4580 form \(taught/);

    // The mapping reads the rows: 53 timed minutes are 4 units under Medicare, not the 5 entered.
    const all = await waitForBadges(page, (t) => /units\./.test(t), 'a units marker');
    expect(all).toMatch(/\[r1:units\][^[]*ERROR units\.over-billed: 5 timed units entered, but 53 total timed minutes support 4 units/);
    // (The frame gets its evaluation before the worker stores it: the stored record can come a moment after the marker.)
    await expect.poll(() => sessionSource(panel)).toContain('profile');
    await clickTeachButton(page, 'Close');
    expect(await hostDom(page)).toEqual(before);

    // Stored: selectors and the origin only, nothing the form holds, nor the patient's name
    // the page put in ids, classes, titles, aria-labels and data- attributes.
    const local = await storedLocal(panel);
    const json = JSON.stringify(local);
    expect(local.siteProfiles).toHaveLength(1);
    for (const value of ['Nguyen', 'NGUYEN', 'Thomas', 'Medicare', '97110', 'lumbar', '2026-11-20']) expect(json).not.toContain(value);
    // The same in the file a practice would export and share.
    const exported = await panel.evaluate(async () => {
      // @ts-expect-error chrome is the extension API on extension pages
      const { siteProfiles } = await chrome.storage.local.get('siteProfiles');
      return JSON.stringify({ profiles: siteProfiles });
    });
    expect(exported.toLowerCase()).not.toMatch(/nguyen|thomas/);

    // The panel lists it for this site; deleting it puts the page back to "no form".
    await expect.poll(() => panel.getByRole('list', { name: 'Saved mappings' }).textContent()).toMatch(/this site/);
    await panel.getByRole('button', { name: /^Delete mapping 127\.0\.0\.1:4580 form/ }).click();
    await expect.poll(async () => (await storedLocal(panel)).siteProfiles).toEqual([]);
    await page.reload();
    await page.waitForTimeout(500);
    expect(await overlayTag(page)).toBeNull();
    const external = env.requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('chrome-extension://'));
    expect(external).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('teach mode in a frame: the panel starts it in the frame that holds the visit, and the frame’s form is mapped by clicks through its own layer', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/billing-frame.html`;
    await page.goto(url);
    const frame = page.frames().find((f) => f.url().endsWith('/billing-app.html'))!;
    const panel = await openPanel(url);
    await panel.getByRole('button', { name: 'Map this form' }).click();
    await page.bringToFront();
    await expect.poll(() => teachText(frame), { timeout: 10_000 }).toMatch(/Map this form/);
    await teachSteps(frame, [
      [frame.locator('[data-key="1:intervention"]'), /CPT code/],
      [frame.locator('[data-key="1:code"]'), /minutes/],
      [frame.locator('[data-key="1:minutes"]'), /units/],
      [frame.locator('[data-key="1:units"]'), /modifier/],
      [frame.locator('[data-key="1:modifiers"]'), /payer/],
      [frame.locator('.encounter b').nth(0), /date of service/],
    ]);
    await frame.locator('.encounter b').nth(2).click({ force: true });
    await expect.poll(() => teachText(frame)).toMatch(/reads 4 rows on this page/);
    await clickTeachButton(page, 'Save mapping', frame);
    await expect.poll(() => teachText(frame)).toMatch(/Saved as/);
    // One dialog only, in the frame: the page itself (no form) was never put into teach mode.
    expect(await teachText(page)).toBeNull();
    await expect.poll(async () => (await sessionSource(panel)).includes('profile'), { timeout: 10_000 }).toBe(true);
    await panel.getByRole('button', { name: /^Delete mapping/ }).click();
    await panel.close();
    await page.close();
  });

  it('imports the shipped demo mapping from the side panel, and rejects a broken file naming the field', async () => {
    const page = await env.context.newPage();
    await page.goto(LOG());
    const panel = await openPanel(LOG());
    const input = panel.locator('input[type="file"]');
    await page.bringToFront();

    const shipped = readFileSync('test/fixtures/ehr/profiles/daily-log.json');
    const broken = JSON.parse(shipped.toString());
    broken.fields.minutes = 'input[data-k=';
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await expect.poll(() => panel.getByRole('alert').textContent()).toMatch(/broken\.json was not imported: fields\.minutes: is not a valid CSS selector/);

    await input.setInputFiles({ name: 'daily-log.json', mimeType: 'application/json', buffer: shipped });
    await expect.poll(() => panel.getByRole('status').filter({ hasText: /Imported 'PhysioTrack daily log \(demo\)'/ }).count()).toBe(1);
    // The open page picks the mapping up without a reload.
    const all = await waitForBadges(page, (t) => /units\./.test(t), 'a units marker');
    expect(all).toMatch(/units\.over-billed: 5 timed units entered, but 53/);
    await panel.close();
    await page.close();
  });
});
