import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext } from 'playwright-core';
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
