// A single-page app opens the next patient's chart at the same address, with no event Unitwise
// hears: a new <body>, a new <html>, the body drawn anew, a component's shadow tree drawn anew.
// The panel must follow the page to the new patient, and never keep showing the one before
// (found by a red-team pass: the stored visit, the panel and the markers stayed Ann Lee's).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { extensionReady, storedFor, tabIdOf, useDemoBrowser } from './session';
import { badges, inOverlay } from './dom';

const env = useDemoBrowser();

interface Stored {
  visit?: { payer?: string; dateOfService?: string; entries?: { code?: string }[] };
}
const shown = (s: Stored | null) => (s ? `${s.visit?.payer} ${s.visit?.dateOfService} ${s.visit?.entries?.map((e) => e.code).join(',')}` : 'nothing');

async function open(path: string): Promise<{ page: Page; ext: Page; stored: () => Promise<string> }> {
  const page = await env.context.newPage();
  const url = `${env.server.url}${path}`;
  await page.goto(url);
  const ext = await extensionReady(env);
  const tabId = await tabIdOf(ext, url);
  const stored = async () => shown(await storedFor<Stored>(ext, tabId));
  await expect.poll(stored, { timeout: 10_000 }).toBe('Medicare Part B 2026-11-20 97110,97112');
  return { page, ext, stored };
}

describe('the next patient’s chart at the same address, drawn with no event', () => {
  it.each([
    ['a new <body>', 'swapBody'],
    ['a new <html>', 'swapHtml'],
  ])('%s: the stored visit is the new patient’s within 2 s, and the old markers go', async (_, swap) => {
    const { page, ext, stored } = await open('/chart-swap.html');
    // Ann's form is over-billed: her markers are up.
    await expect.poll(async () => (await badges(page)).length).toBeGreaterThan(0);
    await page.evaluate((fn) => (window as unknown as Record<string, () => void>)[fn]!(), swap);
    await expect.poll(stored, { timeout: 2_000 }).toBe('Aetna 2026-11-21 97116');
    // None of Ann's markers (about her 97110 and 97112) is left over Bob's form.
    await expect.poll(async () => (await badges(page)).filter((b) => /9711[02]/.test(b.text)).length, { timeout: 2_000 }).toBe(0);
    // And the new body is watched: drawn anew in place, the next patient is read too.
    await page.evaluate(() => (window as unknown as { renderCarl: () => void }).renderCarl());
    await expect.poll(stored, { timeout: 2_000 }).toBe('BCBS 2026-11-22 97140');
    await ext.close();
    await page.close();
  });

  it('a web component draws the next chart in its shadow tree: the stored visit is the new patient’s within 2 s', async () => {
    const { page, ext, stored } = await open('/chart-swap.html?shadow');
    // The component's shadow root is watched, so its redraw is seen at once (the look at the
    // values, once a second, would find every field read gone only later).
    expect(await inOverlay(page, (_root, _arg, handle) => handle?.shadowRootsWatched ?? null)).toBe(1);
    await page.evaluate(() => (window as unknown as { nextPatient: () => void }).nextPatient());
    await expect.poll(stored, { timeout: 2_000 }).toBe('Aetna 2026-11-21 97116');
    await ext.close();
    await page.close();
  });
});

// From a red-team pass (this session): the banner drawn after the form, when the app's second
// request answers. Before: the visit stayed with no date of service and no payer.
describe('a note whose banner comes after its form', () => {
  it('the stored visit takes the banner\'s date of service and payer within 2 s of it', async () => {
    const page = await env.context.newPage();
    const url = `${env.server.url}/late-banner.html?delay=1500`;
    await page.goto(url);
    const ext = await extensionReady(env);
    const tabId = await tabIdOf(ext, url);
    const stored = async () => shown(await storedFor<Stored>(ext, tabId));
    // Read before the banner: no payer, no date.
    await expect.poll(stored, { timeout: 1_400 }).toBe('undefined undefined 97110');
    await expect.poll(stored, { timeout: 2_500 }).toBe('Medicare Part B 2026-11-02 97110');
    await ext.close();
    await page.close();
  });
});
