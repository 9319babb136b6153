import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../e2e/browser';
import { serveDemo } from '../e2e/server';
import { openPanel } from '../e2e/session';
import { inOverlay, waitForBadgeCount } from '../e2e/dom';
import { vocabulary } from '../../scripts/vocabulary-plugin';
import { firstRead } from './live';
import { FIELD_COUNTS } from './read-happy-dom';
import { median, percentile, type Figure } from './report';

// The figures only a real browser gives, in Debian's Chromium with the built extension and,
// in the same run, without it: keystroke to warning (marker and side panel), first read in
// Chromium, and the content script's heap. Typing on big pages is live.ts's (the day sheet).

const WARNINGS = Number(process.env.BENCH_WARNINGS ?? 40);

/** Chromium without the extension, for the page's own figures. */
export async function plainChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'unitwise-bench-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A script for the page's main world, bundled from `contents` (TypeScript resolved from the project root). */
export async function pageBundle(contents: string): Promise<string> {
  const result = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'chrome120' });
  return result.outputFiles[0]!.text;
}

/** The form reader's options as the content script builds them, as source for a page bundle. */
export function readerOptionsSource(): string {
  const { codes, phrases } = vocabulary();
  return `{ profiles: [], ...vocabularyOptions(${JSON.stringify(codes)}, ${JSON.stringify(phrases)}) }`;
}

/** The form reader as one script for the page's main world, to time it in Chromium's DOM. */
const readerBundle = () =>
  pageBundle(`import { readVisit, vocabularyOptions } from './lib/extract/read';
    const options = ${readerOptionsSource()};
    window.__unitwiseRead = () => readVisit(document, options).visit.entries.length;`);

async function waitForPanelTotal(panel: Page, total: number) {
  await panel.waitForFunction((t) => document.body.textContent?.includes(`${t} min →`), total, { timeout: 10_000 });
}

export async function benchBrowser(): Promise<Figure[]> {
  const server = await serveDemo();
  const big = `${server.url}/huge.html?rows=400&mb=0`;
  const out: Figure[] = [];
  const withExt = await launchWithExtension();
  const without = await plainChromium();
  // tsx compiles the functions given to evaluate() with esbuild's keepNames: give the pages
  // the helper it calls.
  for (const context of [withExt.context, without]) await context.addInitScript({ content: 'window.__name = (f) => f;' });
  try {
    // 2. Keystroke to warning: the marker on the page and the side panel beside it.
    const flowsheet = `${server.url}/flowsheet.html`;
    const page = await withExt.context.newPage();
    await page.goto(flowsheet);
    await page.fill('input[name="min-3"]', '10');
    await waitForBadgeCount(page, 1, 10_000);
    const panel = await openPanel(withExt, flowsheet);
    await waitForPanelTotal(panel, 57);
    await page.bringToFront();
    const toMarker: number[] = [];
    const toPanel: number[] = [];
    for (let i = 0; i < WARNINGS; i++) {
      const digit = (i % 9) + 1; // "1" → "1d": 11–19 minutes, a new total every time
      await page.fill('input[name="min-3"]', '1');
      await waitForPanelTotal(panel, 48);
      await page.focus('input[name="min-3"]');
      await page.keyboard.press('End');
      const total = 47 + 10 + digit;
      // Both clocks are wall-clock ms (timeOrigin + now) so page and panel compare.
      // The allocation marker's finding names 97116's minutes ("… 97116 has 0 units for 13
      // minutes"), in the text its card shows (data-detail). Watched where the overlay is: its
      // shadow root is closed, reached from the content script's isolated world (same
      // document, same clock). Not seen in 10 s: an error that says so, not a hang.
      const marker = inOverlay(
        page,
        (root, m) =>
          new Promise<number>((resolve, reject) => {
            const seen = () => [...root!.querySelectorAll<HTMLElement>('.badge')].some((b) => b.dataset.detail?.includes(`for ${m} minutes`));
            const observer = new MutationObserver(() => {
              if (!seen()) return;
              observer.disconnect();
              clearTimeout(timer);
              resolve(performance.timeOrigin + performance.now());
            });
            const timer = setTimeout(() => {
              observer.disconnect();
              reject(new Error(`no marker said "for ${m} minutes" within 10 s`));
            }, 10_000);
            observer.observe(root!, { subtree: true, childList: true, attributes: true, characterData: true });
          }),
        10 + digit,
      );
      const inPanel = panel.evaluate(
        (t) =>
          new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (!document.body.textContent?.includes(`${t} min →`)) return;
              observer.disconnect();
              resolve(performance.timeOrigin + performance.now());
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          }),
        total,
      );
      const keyAt = page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            document.addEventListener('keydown', (e) => resolve(performance.timeOrigin + e.timeStamp), { capture: true, once: true }),
          ),
      );
      await page.waitForTimeout(20);
      await page.keyboard.press(String(digit));
      const [k, m, p] = await Promise.all([keyAt, marker, inPanel]);
      toMarker.push(m - k);
      toPanel.push(p - k);
    }
    out.push(
      { group: 'keystroke to warning (demo flowsheet)', measure: `to the inline marker, p95 of ${WARNINGS}`, value: percentile(toMarker, 95), unit: 'ms', budget: 50, strict: true, note: `median ${median(toMarker).toFixed(1)} ms` },
      { group: 'keystroke to warning (demo flowsheet)', measure: `to the side panel, p95 of ${WARNINGS}`, value: percentile(toPanel, 95), unit: 'ms', budget: 50, strict: true, note: `median ${median(toPanel).toFixed(1)} ms` },
    );
    await panel.close();
    await page.close();

    // 3. First read in Chromium: the same reader, in the page, without the extension.
    const bundle = await readerBundle();
    const perField: number[] = [];
    for (const fields of FIELD_COUNTS) {
      const ms = (await firstRead(without, `${server.url}/huge.html?rows=${fields / 5}&mb=0`, bundle)).warm;
      perField.push((ms / fields) * 1000);
      out.push({ group: 'first read', measure: `Chromium: detect + read, ${fields.toLocaleString('en-US')} fields`, value: ms, unit: 'ms', budget: fields === 2000 ? 10 : undefined, strict: true });
    }
    out.push({ group: 'first read', measure: 'Chromium: cost per field at 8,000 vs at 500 (1 = linear)', value: perField[2]! / perField[0]!, unit: '×', budget: 2 });

    // 5b. The content script's heap on the 2,000-field form: the page's heap with the
    // extension minus without (the isolated world shares the page's V8 heap).
    const heap: Record<string, number> = {};
    for (const [name, context] of [['without', without], ['with', withExt.context]] as const) {
      const p = await context.newPage();
      await p.goto(big);
      await p.waitForTimeout(name === 'with' ? 2_000 : 500);
      const cdp = await context.newCDPSession(p);
      const sizes: number[] = [];
      for (let i = 0; i < 3; i++) {
        await cdp.send('HeapProfiler.collectGarbage');
        sizes.push(((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize);
      }
      heap[name] = Math.min(...sizes);
      await p.close();
    }
    out.push({ group: 'size and memory', measure: 'content script heap on the 2,000-field form (with minus without)', value: (heap.with! - heap.without!) / 1e6, unit: 'MB', budget: 5, strict: true });
  } finally {
    await withExt.context.close();
    await without.close();
    await server.close();
  }
  return out;
}
