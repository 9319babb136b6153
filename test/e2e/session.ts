import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension } from './browser';
import { serveDemo } from './server';
import { unpackStored } from '../../lib/messages';

// One test file's browser: the demo pages served on 127.0.0.1 and Chromium with the built
// extension, started before the file's tests and closed after; every request is recorded.

export interface DemoBrowser {
  context: BrowserContext;
  server: Awaited<ReturnType<typeof serveDemo>>;
  extensionId: string;
  requests: string[];
}

export function useDemoBrowser(options: { port?: number } = {}): DemoBrowser {
  const env = { requests: [] as string[] } as DemoBrowser;
  const launch = async () => {
    const launched = await launchWithExtension();
    env.context = launched.context;
    env.extensionId = launched.extensionId;
    env.context.on('request', (r) => env.requests.push(r.url()));
  };
  beforeAll(async () => {
    env.server = await serveDemo(options.port);
    await launch();
  });
  // Each test starts with a working extension: one test's failure (an extension left
  // disabled by a reload, say) must not fail the tests after it.
  beforeEach(async () => {
    const ready = await extensionReady(env, 5_000).catch(() => undefined);
    if (ready) return void (await ready.close());
    await env.context.close().catch(() => {});
    await launch();
  });
  afterAll(async () => {
    await env.context?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * The side panel page, opened as a tab pinned (?tab=N) to the tab showing `pageUrl`: the real
 * side panel cannot be opened from automation, and this is the same page and code.
 */
export async function openPanel(env: Pick<DemoBrowser, 'context' | 'extensionId'>, pageUrl: string, width?: number): Promise<Page> {
  const panel = await env.context.newPage();
  await panel.goto(`chrome-extension://${env.extensionId}/sidepanel.html`);
  const tabId = await tabIdOf(panel, pageUrl);
  if (width) await panel.setViewportSize({ width, height: 900 });
  await panel.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=${tabId}`);
  return panel;
}

/** The id of the tab showing `url`, asked from an extension page. */
export const tabIdOf = (extensionPage: Page, url: string): Promise<number> =>
  extensionPage.evaluate(async (u) => {
    // @ts-expect-error chrome is the extension API on extension pages
    const [tab] = await chrome.tabs.query({ url: u });
    return tab?.id as number;
  }, url);

/**
 * An extension page whose background answers: the condition itself, polled, rather than an
 * event (a service worker starting) that may already have fired or may never be reported.
 */
export async function extensionReady(env: Pick<DemoBrowser, 'context' | 'extensionId'>, timeout = 30_000): Promise<Page> {
  const deadline = Date.now() + timeout;
  let last = '';
  for (;;) {
    const page = await env.context.newPage();
    try {
      await page.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=999999`);
      // @ts-expect-error chrome is the extension API on extension pages
      const answered = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'get-evaluation', tabId: 999999 }).then((r: { ok?: boolean } | undefined) => !!r?.ok));
      if (answered) return page;
      last = 'the background did not answer';
    } catch (e) {
      last = (e as Error).message.split('\n')[0]!;
    }
    await page.close().catch(() => {});
    if (Date.now() > deadline) throw new Error(`the extension is not running after ${timeout} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A host the extension never runs on (outside its dev origins and every granted site). */
export const UNREAD_ORIGIN = 'http://unread.invalid';

/**
 * The demo page at `path` (with its query) in a tab where Unitwise does not run: requested at
 * UNREAD_ORIGIN, answered by the test with the demo server's response (Playwright's routing:
 * nothing leaves the machine). The same page, as the page alone makes it: what a page read by
 * Unitwise is compared with.
 */
export async function openUnread(env: Pick<DemoBrowser, 'context' | 'server'>, path: string): Promise<Page> {
  const page = await env.context.newPage();
  await page.route(`${UNREAD_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    await route.fulfill({ response: await route.fetch({ url: `${env.server.url}${url.pathname}${url.search}` }) });
  });
  await page.goto(`${UNREAD_ORIGIN}${path}`);
  return page;
}

/** The visit a tab shows, as the worker keeps it in storage.session (`evaluation:<tab>`), read from an extension page; null before any. */
export const storedFor = async <T>(ext: Page, tabId: number): Promise<T | null> =>
  unpackStored(
    await ext.evaluate(async (id) => {
      // @ts-expect-error chrome is the extension API on extension pages
      const got = await chrome.storage.session.get(`evaluation:${id}`);
      return (got[`evaluation:${id}`] ?? null) as unknown;
    }, tabId),
  ) as T | null;

/**
 * Opens `url` (and waits for `ready`, the page's own drawing), and an extension page (to read
 * what the worker stores for its tab) beside it; the page is brought back to the front, as a
 * user sees it.
 */
export async function openWithStore(env: Pick<DemoBrowser, 'context' | 'extensionId'>, url: string, ready?: (page: Page) => Promise<unknown>) {
  const page = await env.context.newPage();
  await page.goto(url);
  await ready?.(page);
  const ext = await env.context.newPage();
  await ext.goto(`chrome-extension://${env.extensionId}/sidepanel.html?tab=999999`);
  const tabId = await tabIdOf(ext, url);
  await page.bringToFront();
  return { page, ext, tabId };
}
