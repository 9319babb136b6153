import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sessionKey } from '../lib/messages';

// The background worker's message handling, with WXT's fake browser: only this extension's
// content scripts may send visits, every snapshot is validated, evaluations live in
// storage.session per tab (never storage.local) and go away with the tab.

const TAB = { id: 7 } as never;
const own = (extra: object = {}) => ({ id: fakeBrowser.runtime.id, tab: TAB, url: 'http://127.0.0.1/flowsheet.html', ...extra });
const visit = { type: 'visit', source: 'generic', visit: { payer: 'Medicare', discipline: 'PT', entries: [{ code: '97112', minutes: 24 }, { code: '97110', minutes: 23 }] }, notes: [] };

beforeEach(async () => {
  fakeBrowser.reset();
  // @ts-expect-error the fake browser has no sidePanel; the worker only calls it on Chrome
  fakeBrowser.sidePanel = { setPanelBehavior: vi.fn(async () => {}) };
  vi.resetModules();
  const { default: background } = await import('../entrypoints/background');
  background.main();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const send = async (message: unknown, sender: object): Promise<any> => (await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => {}))[0];

describe('background worker', () => {
  it('evaluates a valid snapshot from a content script and keeps it in storage.session only', async () => {
    const reply = await send(visit, own());
    expect(reply.ok).toBe(true);
    expect(reply.evaluation.totalTimedUnits).toBe(3);
    const stored = (await fakeBrowser.storage.session.get(sessionKey(7)))[sessionKey(7)] as { evaluation: { lines: { code: string; units: number }[] } };
    expect(stored.evaluation.lines.map((l: { code: string; units: number }) => [l.code, l.units])).toEqual([['97112', 2], ['97110', 1]]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('ignores messages from other extensions and rejects invalid snapshots with a reason', async () => {
    expect(await send(visit, own({ id: 'some-other-extension' }))).toBeUndefined();
    const bad = await send({ ...visit, visit: { entries: [{ code: '97110', minutes: -3 }] } }, own());
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/invalid visit snapshot: visit\.entries\.0\.minutes/) });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('serves the stored evaluation to extension pages only, and forgets it when the tab closes', async () => {
    await send(visit, own());
    const fromPage = await send({ type: 'get-evaluation', tabId: 7 }, own());
    expect(fromPage).toBeUndefined();
    const fromPanel = await send({ type: 'get-evaluation', tabId: 7 }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
    expect(fromPanel.stored.tabId).toBe(7);
    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({}));
  });
});
