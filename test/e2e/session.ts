import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension } from './browser';
import { serveDemo } from './server';

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
  beforeAll(async () => {
    env.server = await serveDemo(options.port);
    const launched = await launchWithExtension();
    env.context = launched.context;
    env.extensionId = launched.extensionId;
    env.context.on('request', (r) => env.requests.push(r.url()));
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
