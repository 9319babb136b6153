import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { framesKey, sessionKey, unpackStored, visitsKey } from '../lib/messages';

// The background worker's message handling, with WXT's fake browser: only this extension's
// content scripts may send visits, every snapshot is validated, evaluations live in
// storage.session per tab (never storage.local) and go away with the tab.

const TAB = { id: 7 } as never;
const own = (extra: object = {}) => ({ id: fakeBrowser.runtime.id, tab: TAB, url: 'http://127.0.0.1/flowsheet.html', ...extra });
const visit = { type: 'visit', source: 'generic', visit: { payer: 'Medicare', discipline: 'PT', entries: [{ code: '97112', minutes: 24 }, { code: '97110', minutes: 23 }] }, notes: [] };

const manifest: { content_scripts?: { matches: string[]; js: string[] }[] } = {};
const commandListeners: ((command: string, tab?: { id?: number }) => void)[] = [];

/** A port as the worker sees one (runtime.onConnect is not in the fake browser). */
interface FakePort {
  name: string;
  sender: { id?: string; url?: string };
  onDisconnect: { addListener(l: () => void): void };
  disconnect(): void;
}
const connectListeners: ((port: FakePort) => void)[] = [];
/** Opens a port to the worker, as a side panel (or a page pretending to be one) would. */
function connectPort(name: string, sender: FakePort['sender']): FakePort {
  const gone: (() => void)[] = [];
  const port: FakePort = { name, sender, onDisconnect: { addListener: (l) => gone.push(l) }, disconnect: () => gone.forEach((l) => l()) };
  connectListeners.forEach((l) => l(port));
  return port;
}
// Permissions and scripting are not in the fake browser: a small model of both.
const tabs = new Map<number, string>();
const sites = { granted: [] as string[], registered: [] as { id: string; matches: string[] }[], listeners: [] as (() => void)[] };

beforeEach(async () => {
  fakeBrowser.reset();
  // @ts-expect-error the fake browser has no sidePanel; the worker only calls it on Chrome
  fakeBrowser.sidePanel = { setPanelBehavior: vi.fn(async () => {}) };
  commandListeners.length = 0;
  connectListeners.length = 0;
  // @ts-expect-error the fake browser does not implement ports: record the listener
  fakeBrowser.runtime.onConnect = { addListener: (l: (port: FakePort) => void) => connectListeners.push(l) };
  // @ts-expect-error the fake browser does not implement commands: record the listener
  fakeBrowser.commands = { onCommand: { addListener: (l: (command: string, tab?: { id?: number }) => void) => commandListeners.push(l) } };
  Object.assign(sites, { granted: ['http://127.0.0.1/*', 'http://localhost/*'], registered: [], listeners: [] });
  const event = { addListener: (l: () => void) => sites.listeners.push(l) };
  // Partial fakes: only what the worker calls.
  Object.assign(fakeBrowser, { permissions: { getAll: async () => ({ origins: [...sites.granted], permissions: [] }), onAdded: event, onRemoved: event } });
  Object.assign(fakeBrowser, { scripting: {
    getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => sites.registered.filter((r) => ids.includes(r.id)),
    unregisterContentScripts: async ({ ids }: { ids: string[] }) => void (sites.registered = sites.registered.filter((r) => !ids.includes(r.id))),
    registerContentScripts: async (list: { id: string; matches: string[] }[]) => {
      if (list.some((r) => sites.registered.some((x) => x.id === r.id))) throw new Error('Duplicate script ID');
      sites.registered.push(...list);
    },
  } });
  // Open tabs and the page each shows; a closed tab is not found.
  tabs.clear();
  tabs.set(7, 'http://127.0.0.1/flowsheet.html');
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id: number) => {
    if (!tabs.has(id)) throw new Error(`No tab with id: ${id}`);
    return { id, url: tabs.get(id) } as never;
  });
  // A demo/test build's manifest: the content script always runs on the dev origins.
  manifest.content_scripts = [{ matches: ['http://127.0.0.1/*', 'http://localhost/*'], js: ['content-scripts/content.js'] }];
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockImplementation(() => manifest as never);
  vi.resetModules();
  const { default: background } = await import('../entrypoints/background');
  background.main();
});

/**
 * A message to the worker, and its answer once the worker is done with it: a frame gets its
 * evaluations before the tab's storage is written, so the test waits for the rest (the fake
 * browser's storage answers in promises; a few turns of the event loop let them all run).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const send = async (message: unknown, sender: object): Promise<any> => {
  const [reply] = await fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => {});
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  return reply;
};

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
    // The panel says the form could not be checked, rather than keep showing an older answer.
    const stored = unpackStored((await fakeBrowser.storage.session.get(sessionKey(7)))[sessionKey(7)]) as { problem: string; visit: { entries: unknown[] } };
    expect(stored.problem).toMatch(/could not check this page's form \(invalid visit snapshot: visit\.entries\.0\.minutes/);
    expect(stored.visit.entries).toEqual([]);
  });

  it('trims a snapshot with too many reader notes, with a note saying so, instead of refusing it', async () => {
    const notes = Array.from({ length: 21 }, (_, i) => `Could not read minutes '1:5x' for row ${i + 1}.`);
    const reply = await send({ ...visit, notes }, own());
    expect(reply.ok).toBe(true);
    const stored = (await fakeBrowser.storage.session.get(sessionKey(7)))[sessionKey(7)] as { notes: string[]; problem?: string };
    expect(stored.problem).toBeUndefined();
    expect(stored.notes).toHaveLength(20);
    expect(stored.notes[18]).toMatch(/row 19\./);
    expect(stored.notes[19]).toMatch(/and 2 more notes about this form, not shown/);
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

  it('"acks-changed" (the list of visits counted again) is taken from extension pages only, and checked', async () => {
    await send(visit, own());
    const panel = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
    expect(await send({ type: 'acks-changed', tabId: 7 }, own())).toBeUndefined();
    expect(await send({ type: 'acks-changed', tabId: -1 }, panel)).toMatchObject({ ok: false });
    expect(await send({ type: 'acks-changed', tabId: 7 }, panel)).toEqual({ ok: true });
  });

  it('pushes evaluations to the extension pages only while a side panel holds its port (a page cannot pose as one)', async () => {
    const pushed = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async () => undefined) as never);
    const evaluationPushes = () => pushed.mock.calls.filter(([m]) => (m as { type?: string }).type === 'evaluation').length;
    // No panel open: nothing is sent on a keystroke's snapshot.
    await send(visit, own());
    expect(evaluationPushes()).toBe(0);
    // A content script's port with the panel's name is not a panel.
    connectPort('unitwise-panel', { id: fakeBrowser.runtime.id, url: 'http://127.0.0.1/flowsheet.html' });
    await send(visit, own());
    expect(evaluationPushes()).toBe(0);
    // The panel's port: each snapshot is pushed, with the tab's stored visit.
    const panel = connectPort('unitwise-panel', { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
    await send(visit, own());
    expect(evaluationPushes()).toBe(1);
    expect(pushed.mock.calls.at(-1)![0]).toMatchObject({ type: 'evaluation', stored: { tabId: 7 } });
    // The panel closed: nothing again.
    panel.disconnect();
    await send(visit, own());
    expect(evaluationPushes()).toBe(1);
  });

  it('forgets the evaluation when the tab loads another address, or the page leaves (a reload to a login page)', async () => {
    await send(visit, own());
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'complete' }, TAB);
    expect(Object.keys(await fakeBrowser.storage.session.get(null)).sort()).toEqual([sessionKey(7), visitsKey(7), framesKey(7)].sort());
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading', url: 'http://127.0.0.1/schedule.html' }, TAB);
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({}));
    // A reload keeps the address but may show a login page, or another patient: the page that
    // leaves says so, and the new page's snapshot (no form) leaves nothing behind either.
    let page = 'before';
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => ({ token: page })) as never);
    await send({ ...visit, token: 'before' }, own());
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, TAB); // a frame loading, or a reload
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(sessionKey(7));
    await send({ type: 'frame-gone', token: 'before' }, own());
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    // A snapshot the page sent just before it left, arriving late, is not kept.
    await send({ ...visit, token: 'before' }, own());
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    page = 'reloaded';
    await send({ ...visit, token: 'reloaded' }, own());
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(sessionKey(7));
    page = 'login';
    await send({ type: 'visit', source: 'none', visit: { entries: [] }, notes: [], token: 'login' }, own());
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

describe('background worker: site mappings', () => {
  const panel = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
  const frame = (origin = 'http://127.0.0.1:4580') => own({ url: `${origin}/daily-log.html`, origin });
  const profile = { version: 1, name: 'taught', origin: 'http://127.0.0.1:4580', rowSelector: '#log article.log-item', fields: { code: 'div.proc', minutes: 'div:nth-child(3) > span:nth-child(1) > input:nth-child(1)' } };
  const stored = async () => ((await fakeBrowser.storage.local.get('siteProfiles')).siteProfiles ?? []) as { name: string; origin: string }[];

  it('saves a taught profile for the frame’s own origin, names it, and ends teach mode in the tab', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const reply = await send({ type: 'save-taught-profile', profile }, frame());
    expect(reply).toEqual({ ok: true, saved: [expect.stringMatching(/^127\.0\.0\.1:4580 form \(taught \d{4}-\d\d-\d\d\)$/)] });
    expect(await stored()).toEqual([{ ...profile, name: reply.saved[0] }]);
    expect(sent).toHaveBeenCalledWith(7, { type: 'teach-end', saved: reply.saved[0] });
    // Only the mapping is in storage.local: selectors and an origin, nothing from the form.
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => !k.endsWith('$'))).toEqual(['siteProfiles']);
  });

  it('refuses a mapping for another origin, an invalid one, and mapping changes from content scripts', async () => {
    expect(await send({ type: 'save-taught-profile', profile }, frame('https://evil.example'))).toEqual({ ok: false, error: expect.stringMatching(/only map its own origin \(https:\/\/evil\.example\)/) });
    expect(await send({ type: 'save-taught-profile', profile: { ...profile, rowSelector: '' } }, frame())).toEqual({ ok: false, error: expect.stringMatching(/invalid mapping: profile\.rowSelector/) });
    expect(await send({ type: 'import-profiles', file: profile }, frame())).toBeUndefined();
    expect(await send({ type: 'delete-profile', origin: profile.origin, name: 'taught' }, frame())).toBeUndefined();
    // The side panel is not a page with a form: it cannot "teach" a mapping.
    expect(await send({ type: 'save-taught-profile', profile }, panel())).toBeUndefined();
    expect(await stored()).toEqual([]);
  });

  it('the map-form shortcut starts teach mode in the active tab', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    for (const l of commandListeners) l('map-form', { id: 12 });
    expect(sent).toHaveBeenCalledWith(12, { type: 'teach-start' });
  });

  it('imports a mapping file from an extension page, names the bad field when it cannot, and deletes', async () => {
    const bad = await send({ type: 'import-profiles', file: [profile, { ...profile, name: 'b', fields: { minutes: 3 } }] }, panel());
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^1\.fields\.minutes:/) });
    expect(await stored()).toEqual([]);
    expect(await send({ type: 'import-profiles', file: { profiles: [profile, { ...profile, name: 'b' }] } }, panel())).toEqual({ ok: true, saved: ['taught', 'b'] });
    expect((await stored()).map((p) => p.name)).toEqual(['taught', 'b']);
    await send({ type: 'delete-profile', origin: profile.origin, name: 'taught' }, panel());
    expect((await stored()).map((p) => p.name)).toEqual(['b']);
  });

  it('renames a mapping from an extension page only, refusing a name the origin already uses', async () => {
    await send({ type: 'import-profiles', file: { profiles: [profile, { ...profile, name: 'b' }] } }, panel());
    const rename = { type: 'rename-profile', origin: profile.origin, name: 'b', newName: '  Front desk log ' };
    expect(await send(rename, own())).toBeUndefined();
    expect(await send({ ...rename, newName: 'taught' }, panel())).toEqual({ ok: false, error: expect.stringMatching(/already has a mapping named 'taught'/) });
    expect(await send({ ...rename, name: 'missing' }, panel())).toEqual({ ok: false, error: expect.stringMatching(/No mapping 'missing'/) });
    expect(await send(rename, panel())).toEqual({ ok: true, saved: ['Front desk log'] });
    expect((await stored()).map((p) => p.name)).toEqual(['taught', 'Front desk log']);
  });
});

describe('background worker: several frames in one tab', () => {
  const inFrame = (frameId: number, origin = 'http://127.0.0.1') => own({ frameId, origin, url: frameId === 0 ? 'http://127.0.0.1/flowsheet.html' : `${origin}/frame.html` });
  const noteOnly = { ...visit, visit: { payer: 'Medicare', entries: [{ label: 'Gait training', minutes: 10 }] } };
  const none = { ...visit, source: 'none', visit: { entries: [] } };
  const storedFrame = async () => ((await fakeBrowser.storage.session.get(sessionKey(7)))[sessionKey(7)] as { frameId: number; entries: number }) ?? null;
  const panel = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') };
  const withTokens = (answer: Record<number, string>) =>
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, message: { type: string }, options?: { frameId?: number }) => {
      if (message.type !== 'whoami') return undefined;
      const token = answer[options?.frameId ?? 0];
      if (token === undefined) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { token };
    }) as never);

  it('the top frame’s form wins over a subframe’s, even a bigger one; each frame still gets its own evaluation', async () => {
    await send(visit, inFrame(3, 'http://other.example')); // a cross-origin frame: 2 lines, clean
    const reply = await send(noteOnly, inFrame(0)); // the page's own form: 1 line
    expect(JSON.stringify(reply.evaluation.findings)).toMatch(/Gait training/); // its own visit's findings
    expect(await storedFrame()).toMatchObject({ frameId: 0, entries: 1 });
    // The subframe typing again does not take the tab back.
    await send(visit, inFrame(3, 'http://other.example'));
    expect(await storedFrame()).toMatchObject({ frameId: 0, entries: 1 });
    // A top page with no form leaves the tab to the frame that has one (the billing-iframe
    // layout): the top frame's visit goes, and the other frames are asked to send theirs again.
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await send(none, inFrame(0));
    expect(await storedFrame()).toBeNull();
    expect(sent).toHaveBeenCalledWith(7, { type: 'resend' }, { frameId: 3 });
    await send(visit, inFrame(3, 'http://other.example'));
    expect(await storedFrame()).toMatchObject({ frameId: 3, entries: 2 });
    await send(none, inFrame(0));
    expect(await storedFrame()).toMatchObject({ frameId: 3, entries: 2 });
  });

  it('between subframes the one with the most line items holds the visit, unless the user picks another', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await send(visit, inFrame(3));
    await send(noteOnly, inFrame(5));
    expect(await storedFrame()).toMatchObject({ frameId: 3 });
    const got = await send({ type: 'get-evaluation', tabId: 7 }, panel);
    expect(got.frames.map((f: { frameId: number; entries: number }) => [f.frameId, f.entries])).toEqual([[3, 2], [5, 1]]);
    // The panel picks frame 5: that frame is asked to send its form again, and only it may update the tab.
    expect(await send({ type: 'pick-frame', tabId: 7, frameId: 5 }, panel)).toEqual({ ok: true });
    expect(sent).toHaveBeenCalledWith(7, { type: 'resend' }, { frameId: 5 });
    await send(noteOnly, inFrame(5));
    expect(await storedFrame()).toMatchObject({ frameId: 5 });
    await send(visit, inFrame(3));
    await send(visit, inFrame(0));
    expect(await storedFrame()).toMatchObject({ frameId: 5 });
    // Only extension pages may pick.
    expect(await send({ type: 'pick-frame', tabId: 7, frameId: 3 }, own())).toBeUndefined();
  });

  it('acknowledgements belong to one visit: kept while its form is empty for a moment, gone when another frame’s visit is shown', async () => {
    const acks = async () => (await fakeBrowser.storage.session.get('acks:7'))['acks:7'];
    const ack = [{ key: 'k', rule: 'units.allocation', reason: 'agreed', at: 1 }];
    await send(visit, inFrame(3));
    await fakeBrowser.storage.session.set({ 'acks:7': ack });
    // The grid re-renders after Save: one snapshot with no rows, then the rows again.
    await send({ ...visit, source: 'none', visit: { entries: [] } }, inFrame(3));
    expect(await acks()).toEqual(ack);
    await send(visit, inFrame(3));
    expect(await acks()).toEqual(ack);
    // The top frame's form takes the tab: the frame's acknowledgements do not carry over to it.
    await send(noteOnly, inFrame(0));
    expect(await storedFrame()).toMatchObject({ frameId: 0 });
    expect(await acks()).toBeUndefined();
  });

  it('a frame whose page goes away takes its visit with it; the panel never shows a page the frame no longer has', async () => {
    const sent = withTokens({ 3: 'doc-A' });
    await send({ ...visit, token: 'doc-A' }, inFrame(3));
    await send({ type: 'evaluation-ack' }, panel); // unknown messages are ignored
    await fakeBrowser.storage.session.set({ 'acks:7': [{ key: 'k', rule: 'r', reason: 'agreed', at: 1 }] });
    // The frame navigates (a login page, another patient): its content script says so on pagehide.
    await send({ type: 'frame-gone', token: 'doc-A' }, inFrame(3));
    expect(await storedFrame()).toBeNull();
    expect((await fakeBrowser.storage.session.get('acks:7'))['acks:7']).toBeUndefined();

    // A late snapshot from the page that left is not stored: the frame shows another page now.
    sent.mockRestore();
    withTokens({ 3: 'doc-B' });
    await send({ ...visit, token: 'doc-A' }, inFrame(3));
    expect(await storedFrame()).toBeNull();
    await send({ ...visit, token: 'doc-B' }, inFrame(3));
    expect(await storedFrame()).toMatchObject({ frameId: 3 });

    // The frame moves on without a word (its new page has no Unitwise): the panel's next look drops it.
    vi.mocked(fakeBrowser.tabs.sendMessage).mockRestore();
    withTokens({});
    const got = await send({ type: 'get-evaluation', tabId: 7 }, panel);
    expect(got.stored).toBeNull();
    expect(await storedFrame()).toBeNull();
  });

  it('a page busy with its own work answers late: its visit is kept once it does, and the panel does not drop it meanwhile', async () => {
    // The frame answers "whoami" only when the test lets it (a 20,000-field page being read).
    let answer: (token: string | undefined) => void = () => {};
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, message: { type: string }) => {
      if (message.type !== 'whoami') return undefined;
      const token = await new Promise<string | undefined>((r) => (answer = r));
      if (token === undefined) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { token };
    }) as never);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const trigger = fakeBrowser.runtime.onMessage.trigger({ ...visit, token: 'doc-A' }, inFrame(3) as never, () => {});
      await vi.advanceTimersByTimeAsync(400); // past the 300 ms the queue waits
      const [reply] = (await trigger) as unknown as { ok: boolean }[];
      expect(reply!.ok).toBe(true); // the frame has its evaluation (its markers) at once
      expect(await storedFrame()).toBeNull(); // not proved to be the frame's page yet
      answer('doc-A'); // the page, done with its work, says it is still the one that sent it
      await vi.advanceTimersByTimeAsync(10);
      expect(sent).toHaveBeenCalledWith(7, { type: 'resend' }, { frameId: 3 });
      await fakeBrowser.runtime.onMessage.trigger({ ...visit, token: 'doc-A' }, inFrame(3) as never, () => {});
      await vi.advanceTimersByTimeAsync(10);
      expect(await storedFrame()).toMatchObject({ frameId: 3, entries: 2 });

      // The panel opens while the page is busy again: the visit is shown, not dropped.
      const got = fakeBrowser.runtime.onMessage.trigger({ type: 'get-evaluation', tabId: 7 }, panel as never, () => {});
      await vi.advanceTimersByTimeAsync(400);
      expect(((await got) as unknown as { stored: unknown }[])[0]!.stored).toMatchObject({ frameId: 3 });
      expect(await storedFrame()).toMatchObject({ frameId: 3 });
      // Its late answer says the frame moved on to a page without Unitwise: then the visit goes.
      answer(undefined);
      await vi.advanceTimersByTimeAsync(10);
      expect(await storedFrame()).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('background worker: settings and rule data in force', () => {
  const storedEval = async () => (await fakeBrowser.storage.session.get(sessionKey(7)))[sessionKey(7)] as { evaluation: { method: string; totalTimedUnits: number; methodReason: string }; warnings: string[]; tables: { name: string }[] };

  it('re-checks open visits when the practice changes a setting, and tells the frame', async () => {
    await send(visit, own({ frameId: 2 }));
    expect((await storedEval()).evaluation).toMatchObject({ method: 'cms', totalTimedUnits: 3 });
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await fakeBrowser.storage.local.set({ settings: { payerMethods: [{ contains: 'medicare', method: 'per-code' }] } });
    await vi.waitFor(async () => expect((await storedEval()).evaluation.method).toBe('per-code'));
    // Per code: 97112 24 min → 2, 97110 23 min → 2 (each on its own).
    expect((await storedEval()).evaluation).toMatchObject({ totalTimedUnits: 4, methodReason: expect.stringMatching(/matches the setting "medicare"/) });
    expect(sent).toHaveBeenCalledWith(7, { type: 'evaluation', evaluation: expect.objectContaining({ method: 'per-code' }), visitKey: 'v1' }, { frameId: 2 });
  });

  it('a broken data pack in storage: built-in tables, and the warning travels with the evaluation', async () => {
    await fakeBrowser.storage.local.set({ dataPack: { kind: 'unitwise-data-pack', formatVersion: 1 } });
    await send(visit, own());
    const stored = await storedEval();
    expect(stored.warnings.join('\n')).toMatch(/imported rule data could not be read/);
    // The tables in force reach the panel (storage keeps them once, not with every visit).
    const got = await send({ type: 'get-evaluation', tabId: 7 }, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
    expect((got.stored.tables as { name: string }[]).map((t) => t.name)).toContain('ptp');
  });
});

describe('background worker: single-page apps', () => {
  const navigate = async (url: string) => {
    tabs.set(7, url);
    await fakeBrowser.tabs.onUpdated.trigger(7, { url }, { id: 7, url } as never);
  };
  const acks = async () => (await fakeBrowser.storage.session.get('acks:7'))['acks:7'];

  it("a hash route (#/patient/B) is another chart: the visit and its acknowledgements are forgotten, and a snapshot from the route before is not kept", async () => {
    await navigate('http://127.0.0.1/flowsheet.html#/patient/A');
    await send({ ...visit, href: 'http://127.0.0.1/flowsheet.html#/patient/A' }, own());
    const ack = [{ key: 'k', rule: 'units.over-billed', reason: 'Alice: extra unit agreed', at: 1 }];
    await fakeBrowser.storage.session.set({ 'acks:7': ack });
    await navigate('http://127.0.0.1/flowsheet.html#/patient/B');
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({}));
    // Alice's last snapshot, arriving after the route changed, is not stored for Bob's chart.
    await send({ ...visit, href: 'http://127.0.0.1/flowsheet.html#/patient/A' }, own());
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    await send({ ...visit, href: 'http://127.0.0.1/flowsheet.html#/patient/B' }, own());
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(sessionKey(7));
  });

  it('an anchor on the page (#row-3) is the same page: its visit and acknowledgements stay', async () => {
    await send(visit, own());
    const ack = [{ key: 'k', rule: 'units.over-billed', reason: 'agreed', at: 1 }];
    await fakeBrowser.storage.session.set({ 'acks:7': ack });
    await navigate('http://127.0.0.1/flowsheet.html#row-3');
    await send({ ...visit, href: 'http://127.0.0.1/flowsheet.html#row-3' }, own());
    expect(await acks()).toEqual(ack);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(sessionKey(7));
  });

  it('history.pushState: the snapshot names the address the page routed to, which the tab shows; the address the document opened at (sender.url) does not count', async () => {
    await navigate('http://127.0.0.1/chart/B');
    await send({ ...visit, href: 'http://127.0.0.1/chart/B' }, own({ url: 'http://127.0.0.1/chart/A' }));
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(sessionKey(7));
    await fakeBrowser.storage.session.remove(sessionKey(7));
    await send({ ...visit, href: 'http://127.0.0.1/chart/A' }, own({ url: 'http://127.0.0.1/chart/A' }));
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).not.toContain(sessionKey(7));
  });
});

describe('background worker: snapshots that arrive late', () => {
  it('does not store a visit for a tab that has closed, or that shows another page now', async () => {
    tabs.delete(7);
    expect((await send(visit, own())).ok).toBe(true);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    // (The browser says when a tab loads another page: the worker asks for the tab again then.)
    const navigate = async (url: string) => {
      tabs.set(7, url);
      await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading', url }, { id: 7, url } as never);
    };
    await navigate('http://127.0.0.1/schedule.html');
    expect((await send(visit, own())).ok).toBe(true);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    await navigate('http://127.0.0.1/flowsheet.html#row-3');
    await send(visit, own());
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain(sessionKey(7));
  });

  it('asks the browser for the tab once while the user types, not on every keystroke; again after the tab loads', async () => {
    const get = vi.mocked(fakeBrowser.tabs.get);
    get.mockClear();
    for (let i = 0; i < 5; i++) await send(visit, own());
    expect(get).toHaveBeenCalledTimes(1);
    tabs.set(7, 'http://127.0.0.1/schedule.html');
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading' }, { id: 7 } as never);
    await fakeBrowser.storage.session.clear();
    await send(visit, own());
    expect(get).toHaveBeenCalledTimes(2);
    // Another page now: nothing is stored for it.
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

describe('background worker: policy that is slow to arrive', () => {
  it('checks at once with the practice’s settings, then again with the policy when it comes', async () => {
    // Chromium can take seconds to answer storage.managed after it starts.
    let arrive!: (value: unknown) => void;
    const late = new Promise((r) => (arrive = r));
    Object.assign(fakeBrowser.storage.managed, { get: () => late });
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    const reply = await send(visit, own({ frameId: 3 }));
    // Medicare → CMS: 47 minutes → 3 units, without waiting for the policy.
    expect(reply.evaluation).toMatchObject({ method: 'cms', totalTimedUnits: 3 });
    arrive({ payerMethods: [{ contains: 'medicare', method: 'per-code' }] });
    const stored = async () => ((await fakeBrowser.storage.session.get(sessionKey(7)))[sessionKey(7)] as { evaluation: { method: string; totalTimedUnits: number } }).evaluation;
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ method: 'per-code', totalTimedUnits: 4 }));
    expect(sent).toHaveBeenCalledWith(7, { type: 'evaluation', evaluation: expect.objectContaining({ method: 'per-code' }), visitKey: 'v1' }, { frameId: 3 });
  });

  it('refuses a snapshot that does not come from a tab', async () => {
    expect(await send(visit, { id: fakeBrowser.runtime.id, url: 'http://127.0.0.1/flowsheet.html' })).toEqual({ ok: false, error: 'visit snapshots come from a tab' });
  });
});

describe('background worker: sites granted in Options', () => {
  it('runs the content script on granted sites only, in step with the permissions', async () => {
    await vi.waitFor(() => expect(sites.registered).toEqual([]));
    sites.granted.push('https://ehr.example.com/*');
    for (const l of sites.listeners) l();
    await vi.waitFor(() => expect(sites.registered).toMatchObject([{ id: 'unitwise-sites', matches: ['https://ehr.example.com/*'], js: ['content-scripts/content.js'], allFrames: true }]));
    sites.granted.push('https://other.example.org/*');
    for (const l of sites.listeners) l();
    await vi.waitFor(() => expect(sites.registered[0]!.matches).toEqual(['https://ehr.example.com/*', 'https://other.example.org/*']));
    sites.granted = sites.granted.filter((o) => !o.startsWith('https://'));
    for (const l of sites.listeners) l();
    await vi.waitFor(() => expect(sites.registered).toEqual([]));
  });

  it('in the shipped build (no always-on origins) a granted local site is registered like any other', async () => {
    delete manifest.content_scripts;
    sites.granted = ['http://127.0.0.1/*'];
    for (const l of sites.listeners) l();
    await vi.waitFor(() => expect(sites.registered).toMatchObject([{ id: 'unitwise-sites', matches: ['http://127.0.0.1/*'] }]));
  });
});

describe('background worker: a page with several visits', () => {
  const day = (n: number, minutes: number) => ({ key: `v${n}`, visit: { payer: 'Medicare', discipline: 'PT', dateOfService: `2026-11-0${n}`, entries: [{ code: '97110', minutes, fieldKey: `v${n}.r0:minutes` }] }, notes: [] });
  const list = [1, 2, 3].map((n) => ({ key: `v${n}`, label: `Visit ${n}`, history: false, entries: 1 }));
  const page = { type: 'visit', source: 'generic', notes: [], token: 'page-a', list, visits: [day(1, 23), day(2, 38), day(3, 8)] };
  // The top frame says which page it shows (the worker asks before showing a page it has not seen).
  let showing = 'page-a';
  beforeEach(() => {
    showing = 'page-a';
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, message: { type: string }) => (message.type === 'whoami' ? { token: showing } : undefined)) as never);
  });
  const session = () => fakeBrowser.storage.session.get(null) as Promise<Record<string, { visitKey?: string; visit?: { dateOfService?: string }; evaluation?: { totalTimedUnits: number }; visits?: { key: string; errors: number }[] }>>;

  it('checks each visit on its own: the shown one at evaluation:<tab>, the others at evaluation:<tab>:<visit>, the list with its status apart', async () => {
    const reply = await send(page, own());
    // CPM ch. 5 §20.2: 23 min → 2 units, 38 → 3, 8 → 1: each visit's own total, never 69 → 5.
    expect(Object.fromEntries(Object.entries(reply.evaluations).map(([k, e]) => [k, (e as { totalTimedUnits: number }).totalTimedUnits]))).toEqual({ v1: 2, v2: 3, v3: 1 });
    const all = await session();
    expect(Object.keys(all).sort()).toEqual(['evaluation:7', 'evaluation:7:v2', 'evaluation:7:v3', 'evaluation:7:visits', 'frames:7']);
    expect(all['evaluation:7']!.visitKey).toBe('v1');
    expect(all['evaluation:7:v3']!.visit!.dateOfService).toBe('2026-11-03');
    expect(all['evaluation:7:visits']!.visits!.map((v) => v.key)).toEqual(['v1', 'v2', 'v3']);
  });

  it('an edit in visit 3 writes visit 3 only, and the tab shows it; the visit shown before keeps its own key', async () => {
    await send(page, own());
    const area = fakeBrowser.storage.session;
    const origSet = area.set.bind(area) as (items: Record<string, unknown>) => Promise<void>;
    const origRemove = area.remove.bind(area) as (keys: string | string[]) => Promise<void>;
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    const calls: string[] = [];
    set.mockImplementation(async (items: Record<string, unknown>) => {
      calls.push(`set ${Object.keys(items).sort().join(' ')}`);
      return origSet(items);
    });
    const remove = vi.spyOn(fakeBrowser.storage.session, 'remove').mockImplementation(async (keys: string | string[]) => {
      calls.push(`remove ${[keys].flat().join(' ')}`);
      return origRemove(keys);
    });
    await send({ type: 'visit', source: 'generic', notes: [], token: 'page-a', focus: 'v3', visits: [day(3, 9)] }, own());
    const written = set.mock.calls.flatMap(([items]) => Object.keys(items));
    expect(written.sort()).toEqual(['evaluation:7', 'evaluation:7:v1']);
    // Visit 3 is stored where the tab shows it before its own key goes: it is never absent
    // from storage, and it is stored after one call to the browser, not two.
    expect(calls).toEqual(['set evaluation:7 evaluation:7:v1', 'remove evaluation:7:v3']);
    remove.mockRestore();
    const all = await session();
    expect([all['evaluation:7']!.visitKey, all['evaluation:7']!.evaluation!.totalTimedUnits]).toEqual(['v3', 1]);
    expect(all['evaluation:7:v3']).toBeUndefined();
    expect(all['evaluation:7:v1']!.visitKey).toBe('v1');
    // The next keystroke in the same visit writes one key.
    set.mockClear();
    await send({ type: 'visit', source: 'generic', notes: [], token: 'page-a', focus: 'v3', visits: [day(3, 10)] }, own());
    expect(set.mock.calls.flatMap(([items]) => Object.keys(items))).toEqual(['evaluation:7']);
  });

  it('a visit added above the one shown: the shown one stays shown (followed by its label), not the visit now in its place', async () => {
    const named = (labels: string[]) => labels.map((label, i) => ({ key: `v${i + 1}`, label, history: false, entries: 1 }));
    await send({ ...page, list: named(['Alice Adams 09:00', 'Bob Brown 10:00']), visits: [day(1, 23), day(2, 38)] }, own());
    await send({ type: 'visit', source: 'generic', notes: [], token: 'page-a', focus: 'v2', visits: [day(2, 39)] }, own());
    expect((await session())['evaluation:7']!.visitKey).toBe('v2');
    // Carol's appointment is added at the top: Bob is v3 now.
    await send({ ...page, list: named(['Carol Cho 08:00', 'Alice Adams 09:00', 'Bob Brown 10:00']), visits: [day(1, 8), day(2, 23), day(3, 39)] }, own());
    const shown = (await session())['evaluation:7'] as { visitKey?: string; visitLabel?: string };
    expect([shown.visitKey, shown.visitLabel]).toEqual(['v3', 'Bob Brown 10:00']);
  });

  it('the panel picks another visit; a new page in the tab takes the old visits with it', async () => {
    await send(page, own());
    const ext = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/sidepanel.html` };
    expect(await send({ type: 'pick-visit', tabId: 7, visitKey: 'v2' }, ext)).toEqual({ ok: true });
    let all = await session();
    expect(all['evaluation:7']!.visitKey).toBe('v2');
    expect(Object.keys(all).filter((k) => /:v\d$/.test(k)).sort()).toEqual(['evaluation:7:v1', 'evaluation:7:v3']);
    expect(await send({ type: 'pick-visit', tabId: 7, visitKey: 'v9' }, ext)).toEqual({ ok: false, error: 'That visit is no longer on the page.' });
    // The frame's page reloads (a new token): one visit now, nothing left of the old three.
    showing = 'page-b';
    await send({ ...visit, token: 'page-b' }, own());
    all = await session();
    expect(Object.keys(all).sort()).toEqual(['evaluation:7', 'evaluation:7:visits', 'frames:7']);
  });
});
