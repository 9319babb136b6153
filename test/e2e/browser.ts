import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEV_OUT_DIR } from '../../lib/dev-origins';

// The browser tests load the build made with UNITWISE_DEV_ORIGINS (the demo origins always on).

// Debian's Chromium with the built extension loaded (see the toolchain facts for the flags).

export const EXTENSION_DIR = resolve(DEV_OUT_DIR, 'chrome-mv3');

export async function launchWithExtension(options: { headless?: boolean } = {}): Promise<{ context: BrowserContext; worker: Worker; extensionId: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'unitwise-profile-'));
  // Developer mode on, as for anyone loading an unpacked extension: without it Chromium may
  // disable an unpacked extension when it reloads (chrome.runtime.reload in the e2e suite).
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: options.headless ?? true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId };
}
