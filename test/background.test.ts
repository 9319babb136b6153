import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sessionKey } from '../lib/messages';

// The background worker's message handling, with WXT's fake browser: only this extension's
// content scripts may send visits, every snapshot is validated, evaluations live in
// storage.session per tab (never storage.local) and go away with the tab.

const TAB = { id: 7 } as never;
const own = (extra: object = {}) => ({ id: fakeBrowser.runtime.id, tab: TAB, url: 'http://127.0.0.1/flowsheet.html', ...extra });
const visit = { type: 'visit', source: 'generic', visit: { payer: 'Medicare', discipline: 'PT', entries: [{ code: '97112', minutes: 24 }, { code: '97110', minutes: 23 }] }, notes: [] };

const commandListeners: ((command: string, tab?: { id?: number }) => void)[] = [];
// Permissions and scripting are not in the fake browser: a small model of both.
const tabs = new Map<number, string>();
const sites = { granted: [] as string[], registered: [] as { id: string; matches: string[] }[], listeners: [] as (() => void)[] };

beforeEach(async () => {
  fakeBrowser.reset();
  // @ts-expect-error the fake browser has no sidePanel; the worker only calls it on Chrome
  fakeBrowser.sidePanel = { setPanelBehavior: vi.fn(async () => {}) };
  commandListeners.length = 0;
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

  it('forgets the evaluation when the tab starts loading another page', async () => {
    await send(visit, own());
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'complete' }, TAB);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([sessionKey(7)]);
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading', url: 'http://127.0.0.1/schedule.html' }, TAB);
    await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get(null)).toEqual({}));
  });
});

describe('background worker: site mappings', () => {
  const panel = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
  const frame = (origin = 'http://127.0.0.1:4580') => own({ url: `${origin}/daily-log.html`, origin });
  const profile = { version: 1, name: 'taught', origin: 'http://127.0.0.1:4580', rowSelector: '#log article.log-item', fields: { code: 'div.proc', minutes: 'input.v' } };
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
  const inFrame = (frameId: number) => own({ frameId });
  const noteOnly = { ...visit, visit: { payer: 'Medicare', entries: [{ label: 'Gait training', minutes: 10 }] } };
  const storedFrame = async () => ((await fakeBrowser.storage.session.get(sessionKey(7)))[sessionKey(7)] as { frameId: number; entries: number }) ?? null;

  it('the frame with the most line items holds the tab’s visit; each frame still gets its own evaluation', async () => {
    await send(visit, inFrame(3)); // the billing grid in a frame: 2 lines
    const reply = await send(noteOnly, inFrame(0)); // the note in the page: 1 line
    expect(JSON.stringify(reply.evaluation.findings)).toMatch(/Gait training/); // its own visit's findings
    expect(await storedFrame()).toMatchObject({ frameId: 3, entries: 2 });
    // The same frame always updates it, even with fewer lines (a row deleted).
    await send(noteOnly, inFrame(3));
    expect(await storedFrame()).toMatchObject({ frameId: 3, entries: 1 });
    // Another frame with as many lines takes over.
    await send(noteOnly, inFrame(0));
    expect(await storedFrame()).toMatchObject({ frameId: 0, entries: 1 });
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
    expect(sent).toHaveBeenCalledWith(7, { type: 'evaluation', evaluation: expect.objectContaining({ method: 'per-code' }) }, { frameId: 2 });
  });

  it('a broken data pack in storage: built-in tables, and the warning travels with the evaluation', async () => {
    await fakeBrowser.storage.local.set({ dataPack: { kind: 'unitwise-data-pack', formatVersion: 1 } });
    await send(visit, own());
    const stored = await storedEval();
    expect(stored.warnings.join('\n')).toMatch(/imported rule data could not be read/);
    expect(stored.tables.map((t) => t.name)).toContain('ptp');
  });
});

describe('background worker: snapshots that arrive late', () => {
  it('does not store a visit for a tab that has closed, or that shows another page now', async () => {
    tabs.delete(7);
    expect((await send(visit, own())).ok).toBe(true);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    tabs.set(7, 'http://127.0.0.1/schedule.html');
    expect((await send(visit, own())).ok).toBe(true);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    tabs.set(7, 'http://127.0.0.1/flowsheet.html#row-3');
    await send(visit, own());
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toEqual([sessionKey(7)]);
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
    expect(sent).toHaveBeenCalledWith(7, { type: 'evaluation', evaluation: expect.objectContaining({ method: 'per-code' }) }, { frameId: 3 });
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
});
