import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'esbuild';
import { resolve } from 'node:path';

// The live session fed by Chromium's own MutationRecords (happy-dom gives an inserted node's
// record no siblings): scenarios from test/live/scenarios, bundled and run in a page.
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => browser?.close());

async function inChromium<T>(module: string, name: string): Promise<T> {
  const file = resolve('test/live/scenarios', module);
  const contents = `import { ${name} as run } from ${JSON.stringify(file)}; window.__run = run;`;
  const bundle = (await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'chrome120' })).outputFiles[0]!.text;
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: bundle });
    return (await page.evaluate(() => (window as unknown as { __run: () => Promise<unknown> }).__run())) as T;
  } finally {
    await page.close();
  }
}

describe('a note a framework redraws node by node, in Chromium', () => {
  it('paragraphs put in before the old ones, then the old taken off: followed, not read whole per keystroke', async () => {
    const got = await inChromium<{ rereads: number; sent: unknown; fresh: unknown }>('redrawn-in-order.ts', 'insertedThenRemoved');
    expect(got.sent).toEqual(got.fresh);
    expect(got.sent).toEqual([['Daily note — Ann Lee — 11/02/2026', 'Aetna', '2026-11-02', ['97140 18', '97116 10']]]);
    expect(got.rereads).toBe(0);
  });
});

describe('notes put in after the page was read, in Chromium', () => {
  it('a note fetched after its form is read once, then its edited line read alone', async () => {
    const got = await inChromium<{ rereads: number; sent: unknown; fresh: unknown }>('late-notes.ts', 'noteFetchedLate');
    expect(got.sent).toEqual(got.fresh);
    expect(got.sent).toEqual([['Daily note — Ann Lee — 11/02/2026', 'Aetna', '2026-11-02', ['97110 31']]]);
    expect(got.rereads).toBe(1);
  });

  it('a stack of "Saved" toasts as minutes are typed: at most one read of the page in six keystrokes', async () => {
    const got = await inChromium<{ rereads: number; sent: unknown; fresh: unknown }>('late-notes.ts', 'toastStack');
    expect(got.sent).toEqual(got.fresh);
    expect(got.rereads).toBeLessThanOrEqual(1);
  });
});
