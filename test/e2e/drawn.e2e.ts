import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { pageBundle, plainChromium } from '../bench/browser';

// lib/live/drawn.ts in real Chromium: which elements a part of the page skipped off screen
// (content-visibility: auto) holds, told without making the browser style that part.

const ROWS = 400;
const rows = Array.from({ length: ROWS }, (_, i) => `<tr><td>Row ${i}</td><td><input value="${i}"></td></tr>`).join('');
const part = (id: string) => `<section id="${id}" style="content-visibility: auto; contain-intrinsic-size: auto 400px"><div class="wrap"><table><tbody>${rows}</tbody></table><p class="gone" style="display: none">x</p><div class="host"></div></div></section>`;
// Parts on screen holding elements with no box of their own (an app root with display:
// contents around a sticky header, a grid's row group, a hidden field), and a component whose
// shadow tree skips what is slotted into it.
const PAGE = `<!doctype html><body style="margin: 0">
  <main id="app-part" style="content-visibility: auto"><div id="app" style="display: contents"><header id="top" style="position: sticky; top: 0">Day sheet</header></div><p id="hid" style="display: none">x</p><input id="typehidden" type="hidden"></main>
  <div id="grid" role="grid" style="content-visibility: auto; overflow: auto; height: 60px"><div id="rowgroup" role="rowgroup" style="display: contents"><div role="row" aria-rowindex="3">row</div></div></div>
  <x-wrap id="wrap-near"><p class="slotted">near</p></x-wrap>
  <main id="busy-part" style="content-visibility: auto">${'<input type="hidden">'.repeat(7)}<script></script><style></style><template><p>t</p></template><div id="busy-app" style="display: contents">${'<div style="display: contents">'.repeat(8)}<header>Visit</header>${'</div>'.repeat(8)}</div></main>
  ${part('near')}
  <p id="hidden" style="display: none">hidden</p><p id="contents" style="display: contents">contents</p>
  <section id="never" style="content-visibility: hidden"><p class="in">never drawn</p></section>
  <div style="height: 5000px"></div>
  ${part('far')}${part('far2')}
  <x-wrap id="wrap-far"><p class="slotted">far</p></x-wrap>
</body>`;

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await plainChromium();
  page = await context.newPage();
  await page.setContent(PAGE);
  // A shadow root in each part, its field inside; a component drawing what is slotted into it in a part of its own.
  await page.evaluate(() => document.querySelectorAll('.host').forEach((h) => (h.attachShadow({ mode: 'open' }).innerHTML = '<span><input class="deep"></span>')));
  await page.evaluate(() => document.querySelectorAll('x-wrap').forEach((h) => (h.attachShadow({ mode: 'open' }).innerHTML = '<div style="content-visibility: auto; contain-intrinsic-size: auto 100px"><slot></slot></div>')));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.addScriptTag({ content: await pageBundle(`import { skippedNow } from './lib/live/drawn'; window.__skippedNow = (sel) => { const [host, inner] = sel.split(' >>> '); const el = inner ? document.querySelector(host).shadowRoot.querySelector(inner) : document.querySelector(sel); return skippedNow(el); };`) });
});
afterAll(() => context?.close());

const skipped = (selector: string) => page.evaluate((s) => (window as unknown as { __skippedNow: (s: string) => boolean }).__skippedNow(s), selector);

describe('skippedNow in Chromium', () => {
  it('says what a part skipped off screen holds, and nothing else', async () => {
    for (const s of ['#far tbody', '#far tr', '#far .wrap', '#far .gone', '#far .host >>> .deep', '#far2 input', '#wrap-far .slotted']) expect([s, await skipped(s)]).toEqual([s, true]);
    // The part's root is drawn itself; a part on screen, a hidden element, one with no box of its
    // own, and one in a part never drawn (content-visibility: hidden) are not skipped.
    for (const s of ['#far', '#near tbody', '#near input', '#near .host >>> .deep', '#hidden', '#contents', '#never .in', 'body']) expect([s, await skipped(s)]).toEqual([s, false]);
    // With no box of their own, right under a part on screen: not skipped either (its sticky
    // header, its grid's rows are looked at).
    // Nor when hidden inputs, scripts and wrappers with no box come first in the part.
    for (const s of ['#app', '#hid', '#typehidden', '#rowgroup', '#wrap-near .slotted', '#busy-app']) expect([s, await skipped(s)]).toEqual([s, false]);
  });

  it('asks without making the browser style the skipped part', async () => {
    const cdp = await context.newCDPSession(page);
    const events: { name: string; args?: { elementCount?: number } }[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
    expect(await skipped('#far2 tbody')).toBe(true);
    await cdp.send('Tracing.end');
    await complete;
    // A style pass over the part would be one of over ROWS elements (it holds 5 per row).
    const styled = events.filter((e) => e.name === 'UpdateLayoutTree').map((e) => e.args?.elementCount ?? 0);
    expect(styled.filter((n) => n >= ROWS)).toEqual([]);
    // What the check it replaces does, asked the same way: the whole part styled.
    events.length = 0;
    const again = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
    await page.evaluate(() => document.querySelector('#far2 tbody')!.checkVisibility());
    await cdp.send('Tracing.end');
    await again;
    expect(Math.max(0, ...events.filter((e) => e.name === 'UpdateLayoutTree').map((e) => e.args?.elementCount ?? 0))).toBeGreaterThanOrEqual(ROWS);
  });
});
