import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { evaluate } from '@/lib/rules/evaluate';
import {
  DeleteProfile,
  FrameGone,
  type FrameForm,
  GetEvaluation,
  PickFrame,
  TabFrames,
  framesKey,
  ImportProfiles,
  RenameProfile,
  SaveTaughtProfile,
  StoredEvaluation,
  VisitSnapshot,
  sessionKey,
  supersedes,
  type EvaluationPush,
  type ProfileReply,
  type ToContent,
} from '@/lib/messages';
import type { Visit } from '@/lib/model';
import { SiteProfiles, addImported, addTaught, removeProfile, renameProfile, type SiteProfile } from '@/lib/site-profiles';
import { ruleContext, tablesOf, type RuleContext } from '@/lib/rule-context';
import { alwaysOnOrigins } from '@/lib/dev-origins';
import { dataPackItem, settingsItem, siteProfilesItem } from '@/lib/storage';
import { DATA_PACK_KEY, SETTINGS_KEY, acksKey } from '@/lib/storage-keys';
import { CONTENT_SCRIPT_FILE, SITES_SCRIPT_ID, contentScriptRegistration } from '@/lib/sites';

// The background worker: validates what content scripts send, runs the rules with the
// practice's settings and rule data, keeps the latest Evaluation per tab in storage.session
// (it survives the MV3 worker stopping; never storage.local), pushes it to an open side panel,
// re-checks open visits when settings change, and is the only writer of site mappings.

z.config({ jitless: true });

function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0]!;
  return `invalid ${what}: ${issue.path.join('.')}: ${issue.message}`;
}

/** How long a check waits for policy settings before going ahead without them. */
const POLICY_WAIT_MS = 300;
let policy: unknown;

/**
 * Settings pushed by policy. Chromium can take seconds to answer storage.managed just after it
 * starts (about 5 s in the e2e runs): rather than leave the clinician without warnings, check
 * with the practice's own settings and check again as soon as the policy arrives.
 */
async function managedSettings(): Promise<unknown> {
  if (policy !== undefined) return policy;
  // Firefox throws when no policy manifest is installed; no policy is the same as none set.
  const read = browser.storage.managed.get(null).catch(() => ({})).then((value) => (policy = value));
  const first = await Promise.race([read, new Promise<undefined>((r) => setTimeout(r, POLICY_WAIT_MS))]);
  if (first !== undefined) return first;
  void read.then(() => reevaluateAll());
  return {};
}

// Settings and rule data, read once and again only after they change.
let context: Promise<RuleContext> | undefined;
const currentContext = () => (context ??= Promise.all([settingsItem.getValue(), managedSettings(), dataPackItem.getValue()]).then(([local, managed, pack]) => ruleContext(local, managed, pack)));

async function evaluateStored(base: Omit<StoredEvaluation, 'evaluation' | 'tables' | 'warnings' | 'updatedAt'>): Promise<StoredEvaluation> {
  const ctx = await currentContext();
  return { ...base, evaluation: evaluate(base.visit as Visit, ctx.settings, ctx.data), tables: tablesOf(ctx.data), warnings: ctx.warnings, updatedAt: Date.now() };
}

async function publish(stored: StoredEvaluation) {
  await browser.storage.session.set({ [sessionKey(stored.tabId)]: stored });
  const push: EvaluationPush = { type: 'evaluation', stored };
  browser.runtime.sendMessage(push).catch(() => {}); // no side panel open: nothing to do
}

/**
 * One tab's stored state (its visit, its frames) changes one message at a time: frames send
 * snapshots concurrently, and read-modify-write without a queue loses one frame's update.
 */
const queues = new Map<number, Promise<unknown>>();
function serial<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(tabId, tail);
  void tail.then(() => queues.get(tabId) === tail && queues.delete(tabId));
  return run;
}

/** A frame's form as the panel lists it: where it is and how big, never what it says. */
function frameForm(stored: StoredEvaluation, sender: Browser.runtime.MessageSender): FrameForm {
  return { frameId: stored.frameId, token: stored.token, origin: originOf(sender) ?? '', entries: stored.entries, source: stored.source };
}

async function tabFrames(tabId: number): Promise<TabFrames> {
  const parsed = TabFrames.safeParse((await browser.storage.session.get(framesKey(tabId)))[framesKey(tabId)]);
  return parsed.success ? parsed.data : { frames: [], pick: null };
}

/** Writes the tab's frame list; an empty one is no key at all. */
async function saveFrames(tabId: number, next: TabFrames): Promise<void> {
  if (!next.frames.length && next.pick === null) await browser.storage.session.remove(framesKey(tabId));
  else await browser.storage.session.set({ [framesKey(tabId)]: next });
}

/** Asks these frames of the tab to send their forms again (a visit went, a pick, new settings). */
function askToResend(tabId: number, frameIds: Iterable<number>): void {
  for (const frameId of frameIds) browser.tabs.sendMessage(tabId, { type: 'resend' } satisfies ToContent, { frameId }).catch(() => {});
}

/** Keeps the tab's list (`now`) of frames with forms; written only when a frame's form appears, changes size or goes. */
async function noteFrame(tabId: number, now: TabFrames, form: FrameForm): Promise<void> {
  const old = now.frames.find((f) => f.frameId === form.frameId);
  const keep = form.source !== 'none' && form.entries > 0;
  if (old && keep && old.token === form.token && old.entries === form.entries && old.source === form.source && old.origin === form.origin) return;
  if (!old && !keep) return;
  const frames = [...now.frames.filter((f) => f.frameId !== form.frameId), ...(keep ? [form] : [])].sort((a, b) => a.frameId - b.frameId).slice(0, 100);
  await saveFrames(tabId, { frames, pick: now.pick });
}

async function storedFor(tabId: number): Promise<StoredEvaluation | undefined> {
  const parsed = StoredEvaluation.safeParse((await browser.storage.session.get(sessionKey(tabId)))[sessionKey(tabId)]);
  return parsed.success ? parsed.data : undefined;
}

async function onVisit(raw: unknown, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, error: 'visit snapshots come from a tab' };
  // In the tab's queue from the moment it arrives: a frame's snapshots and its "gone" message
  // are handled in the order the frame sent them.
  return serial(tabId, () => visitNow(tabId, raw, sender));
}

/** Pages that said they left (per tab, in memory): a late snapshot from one is never kept. */
const gone = new Map<number, Set<string>>();

async function visitNow(tabId: number, raw: unknown, sender: Browser.runtime.MessageSender) {
  const frameId = sender.frameId ?? 0;
  const parsed = VisitSnapshot.safeParse(raw);
  if (!parsed.success) {
    // Never leave the previous answer on show as if it were this form's: say it could not be checked.
    const error = firstIssue(parsed.error, 'visit snapshot');
    const token = typeof (raw as { token?: unknown } | null)?.token === 'string' ? String((raw as { token: string }).token).slice(0, 64) : '';
    const failed = await evaluateStored({ tabId, frameId, token, entries: 0, source: 'none', visit: { entries: [] }, notes: [] });
    const current = await storedFor(tabId);
    if ((await tabStillShows(tabId, sender)) && (!current || current.frameId === frameId)) await publish({ ...failed, problem: `Unitwise could not check this page's form (${error}). Reload the page; if this stays, the page is one Unitwise cannot read yet.` });
    return { ok: false, error };
  }
  const { visit, source, notes, token } = parsed.data;
  const stored = await evaluateStored({ tabId, frameId, token, entries: visit.entries.length, source, visit, notes });
  // The frame always gets its own evaluation back (for its markers); the tab's stored one
  // changes only when this frame holds the tab's visit. A snapshot that arrives after its tab
  // closed, moved on to another page, or after its page said it left, leaves nothing behind.
  const pageUrl = await tabStillShows(tabId, sender);
  if (gone.get(tabId)?.has(token) || pageUrl === false) return { ok: true, evaluation: stored.evaluation };
  stored.pageUrl = pageUrl;
  const current = await storedFor(tabId);
  const known = await tabFrames(tabId);
  const wins = supersedes(stored, current, known.pick);
  // A page not seen before in this frame, about to be shown: make sure it is still the
  // frame's page (a snapshot sent just before a reload or navigation can arrive after the new
  // page's first one). Frames that cannot take the tab are not asked.
  const verified = (current?.frameId === frameId && current.token === token) || known.frames.some((f) => f.frameId === frameId && f.token === token);
  if (wins && !verified && !(await frameShows(tabId, frameId, token))) return { ok: true, evaluation: stored.evaluation };
  await noteFrame(tabId, known, frameForm(stored, sender));
  if (!wins) return { ok: true, evaluation: stored.evaluation };
  const samePage = !!current && current.frameId === frameId && current.token === token;
  // Acknowledgements are for one visit: another frame's or another page's visit starts with none.
  if (current && !samePage) await browser.storage.session.remove(acksKey(tabId));
  // No form and nothing to say about the page: nothing is kept (the panel says "no form").
  // A form that is empty for a moment (a grid re-rendering after Save) keeps its acknowledgements.
  if (source === 'none' && visit.entries.length === 0 && notes.length === 0) {
    if (current) await dropVisit(tabId, known.frames.filter((f) => f.frameId !== frameId));
  } else await publish(stored);
  return { ok: true, evaluation: stored.evaluation };
}

const withoutHash = (url: string | undefined) => (url ?? '').split('#')[0]!;

/** The tab's address when it is still open on the page that sent the snapshot (top frame: same address); false when not. */
async function tabStillShows(tabId: number, sender: Browser.runtime.MessageSender): Promise<string | false> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab) return false;
  if ((sender.frameId ?? 0) === 0 && tab.url && sender.url && withoutHash(tab.url) !== withoutHash(sender.url)) return false;
  return withoutHash(tab.url);
}

/** How long a frame gets to say which page it shows (a busy page must not hold the tab's queue). */
const WHOAMI_MS = 300;

/** Whether the frame still shows the document that sent `token` (its content script answers with the same one). */
async function frameShows(tabId: number, frameId: number, token: string): Promise<boolean> {
  if (!token) return true; // a content script from before tokens: nothing to compare
  const ask = Promise.resolve()
    .then(() => browser.tabs.sendMessage(tabId, { type: 'whoami' } satisfies ToContent, { frameId }))
    .catch(() => undefined);
  const reply = await Promise.race([ask, new Promise((r) => setTimeout(r, WHOAMI_MS))]);
  return (reply as { token?: unknown } | undefined)?.token === token;
}

/** The tab's visit goes (its acknowledgements stay only if told); the frames left are asked for theirs. */
async function dropVisit(tabId: number, others: { frameId: number }[], withAcks = false) {
  await browser.storage.session.remove(withAcks ? [sessionKey(tabId), acksKey(tabId)] : [sessionKey(tabId)]);
  browser.runtime.sendMessage({ type: 'evaluation-gone', tabId }).catch(() => {});
  askToResend(tabId, others.map((f) => f.frameId));
}

/** A frame's page went away: its visit goes from the tab (and from the panel) at once. */
async function onFrameGone(raw: unknown, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  const parsed = FrameGone.safeParse(raw);
  if (tabId === undefined || !parsed.success) return { ok: false };
  const frameId = sender.frameId ?? 0;
  await forgetFrame(tabId, frameId, parsed.data.token);
  return { ok: true };
}

const forgetFrame = (tabId: number, frameId: number, token: string) => serial(tabId, () => forgetFrameNow(tabId, frameId, token));

async function forgetFrameNow(tabId: number, frameId: number, token: string) {
  if (token) {
    const set = gone.get(tabId) ?? new Set<string>();
    gone.set(tabId, set.add(token));
  }
  const now = await tabFrames(tabId);
  const frames = now.frames.filter((f) => !(f.frameId === frameId && f.token === token));
  const pick = now.pick === frameId ? null : now.pick;
  // (Not for a tab that closed meanwhile: its entries are gone for good.)
  const emptied = !frames.length && pick === null;
  if ((frames.length !== now.frames.length || pick !== now.pick) && (emptied || (await browser.tabs.get(tabId).catch(() => undefined)))) await saveFrames(tabId, { frames, pick });
  const current = await storedFor(tabId);
  // The page that showed the visit left: the visit and its acknowledgements go with it.
  if (current && current.frameId === frameId && current.token === token) await dropVisit(tabId, frames, true);
}

/** The side panel picks which frame's form the tab shows. */
async function onPick(raw: unknown) {
  const parsed = PickFrame.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error, 'request') };
  return serial(parsed.data.tabId, () => pickNow(parsed.data));
}

async function pickNow({ tabId, frameId }: PickFrame) {
  const now = await tabFrames(tabId);
  if (frameId !== null && !now.frames.some((f) => f.frameId === frameId)) return { ok: false, error: 'That form is no longer on the page.' };
  await saveFrames(tabId, { frames: now.frames, pick: frameId });
  askToResend(tabId, frameId === null ? now.frames.map((f) => f.frameId) : [frameId]);
  return { ok: true };
}

async function onGet(raw: unknown) {
  const { tabId } = GetEvaluation.parse(raw);
  const stored = await storedFor(tabId);
  // The frame that sent it may have moved on without saying so (a crash, a page that blocked
  // its unload): check before showing a visit that could be another patient's.
  if (stored && !(await frameShows(tabId, stored.frameId, stored.token))) {
    await forgetFrame(tabId, stored.frameId, stored.token);
    return { ok: true, stored: null, ...(await tabFrames(tabId)) };
  }
  return { ok: true, stored: stored ?? null, ...(await tabFrames(tabId)) };
}

/** Settings or rule data changed: every open visit is checked again, panel and markers too. */
async function reevaluateAll() {
  context = undefined;
  const all = await browser.storage.session.get(null);
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith('evaluation:')) continue;
    const old = StoredEvaluation.safeParse(value);
    if (!old.success) continue;
    const { evaluation: _e, tables: _t, warnings: _w, updatedAt: _u, ...base } = old.data;
    const stored = await evaluateStored(base);
    await serial(stored.tabId, async () => {
      // The tab may have closed, moved on, or sent a newer visit while this one was re-checked:
      // then this result is stale and must not be stored.
      const now = StoredEvaluation.safeParse((await browser.storage.session.get(key))[key]);
      if (!now.success || now.data.updatedAt !== old.data.updatedAt || !(await browser.tabs.get(stored.tabId).catch(() => undefined))) return;
      await publish(stored);
      const message: ToContent = { type: 'evaluation', evaluation: stored.evaluation };
      browser.tabs.sendMessage(stored.tabId, message, { frameId: stored.frameId }).catch(() => {});
      // The tab's other frames draw markers too: they send their forms again to be re-checked.
      askToResend(stored.tabId, (await tabFrames(stored.tabId)).frames.flatMap((f) => (f.frameId === stored.frameId ? [] : [f.frameId])));
    });
  }
}

/** The stored mappings; a corrupted list is dropped rather than trusted. */
async function storedProfiles(): Promise<SiteProfile[]> {
  const parsed = SiteProfiles.safeParse(await siteProfilesItem.getValue());
  return parsed.success ? parsed.data : [];
}

function originOf(sender: Browser.runtime.MessageSender): string | undefined {
  try {
    return sender.origin ?? (sender.url ? new URL(sender.url).origin : undefined);
  } catch {
    return undefined;
  }
}

async function onSaveTaught(raw: unknown, sender: Browser.runtime.MessageSender): Promise<ProfileReply> {
  const parsed = SaveTaughtProfile.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error, 'mapping') };
  const result = addTaught(await storedProfiles(), parsed.data.profile, originOf(sender), new Date().toISOString().slice(0, 10));
  if (!result.ok) return result;
  await siteProfilesItem.setValue(result.list);
  // Every frame of the tab leaves teach mode; all pages of the origin pick up the mapping.
  if (sender.tab?.id !== undefined) browser.tabs.sendMessage(sender.tab.id, { type: 'teach-end', saved: result.name } satisfies ToContent).catch(() => {});
  return { ok: true, saved: [result.name] };
}

async function onImport(raw: unknown): Promise<ProfileReply> {
  const { file } = ImportProfiles.parse(raw);
  const result = addImported(await storedProfiles(), file);
  if (!result.ok) return result;
  await siteProfilesItem.setValue(result.list);
  return { ok: true, saved: result.names };
}

async function onDelete(raw: unknown): Promise<ProfileReply> {
  const parsed = DeleteProfile.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error, 'request') };
  await siteProfilesItem.setValue(removeProfile(await storedProfiles(), parsed.data.origin, parsed.data.name));
  return { ok: true, saved: [] };
}

async function onRename(raw: unknown): Promise<ProfileReply> {
  const parsed = RenameProfile.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error, 'request') };
  const { origin, name, newName } = parsed.data;
  const result = renameProfile(await storedProfiles(), origin, name, newName);
  if (!result.ok) return result;
  await siteProfilesItem.setValue(result.list);
  return { ok: true, saved: [newName.trim()] };
}

/**
 * The content script runs on the built-in dev origins from the manifest, and on every site the
 * practice granted in Options through one dynamic registration kept in step with permissions.
 */
let syncing: Promise<void> = Promise.resolve();
function syncSiteScripts(): Promise<void> {
  syncing = syncing.then(async () => {
    const { origins = [] } = await browser.permissions.getAll();
    const registration = contentScriptRegistration(origins.filter((o) => !alwaysOnOrigins(browser.runtime.getManifest()).includes(o)));
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SITES_SCRIPT_ID] });
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SITES_SCRIPT_ID] });
    if (registration) await browser.scripting.registerContentScripts([registration]);
  }).catch((e: unknown) => console.error('Unitwise: could not register the content script for the granted sites:', e));
  return syncing;
}

/**
 * After an install, update or reload, Chrome does not put content scripts back into pages that
 * are already open: a visit form charted since the morning would go unchecked until reloaded.
 * Inject into the open tabs of every site Unitwise may read (the old copy, if any, stands down
 * when the new one starts: WXT's content-script context).
 */
async function injectIntoOpenTabs(): Promise<void> {
  const { origins = [] } = await browser.permissions.getAll();
  const patterns = [...new Set([...alwaysOnOrigins(browser.runtime.getManifest()), ...origins])].filter((o) => contentScriptRegistration([o]) !== null);
  const tabs = await browser.tabs.query({ url: patterns });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [`/${CONTENT_SCRIPT_FILE}` as '/content-scripts/content.js'] }).catch(() => undefined),
    ),
  );
}

/** A tab's visit is gone (closed, or another page loaded): so are its evaluation and acknowledgements. */
const forgetTab = (tabId: number, newUrl?: string) =>
  void serial(tabId, async () => {
    // An address change reported after the new page already sent its visit keeps that visit.
    if (newUrl !== undefined && (await storedFor(tabId))?.pageUrl === withoutHash(newUrl)) return;
    gone.delete(tabId);
    await browser.storage.session.remove([sessionKey(tabId), acksKey(tabId), framesKey(tabId)]);
    browser.runtime.sendMessage({ type: 'evaluation-gone', tabId }).catch(() => {});
  });

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only this extension's own pages and content scripts may talk to the worker.
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as { type?: unknown } | null)?.type;
    const fromExtensionPage = !!sender.url?.startsWith(browser.runtime.getURL('/'));
    if (!fromExtensionPage) {
      if (type === 'visit') return onVisit(message, sender);
      if (type === 'frame-gone') return onFrameGone(message, sender);
      if (type === 'save-taught-profile') return onSaveTaught(message, sender);
      return undefined;
    }
    // Evaluations and mapping changes are for the extension's own pages (side panel, options).
    if (type === 'get-evaluation') return onGet(message);
    if (type === 'pick-frame') return onPick(message);
    if (type === 'import-profiles') return onImport(message);
    if (type === 'delete-profile') return onDelete(message);
    if (type === 'rename-profile') return onRename(message);
    return undefined;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') policy = undefined;
    if (area === 'managed' || (area === 'local' && (SETTINGS_KEY in changes || DATA_PACK_KEY in changes))) void reevaluateAll();
  });
  browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
  browser.permissions.onAdded.addListener(() => void syncSiteScripts());
  browser.permissions.onRemoved.addListener(() => void syncSiteScripts());
  void syncSiteScripts();
  // Firefox puts manifest content scripts back into open pages itself.
  if (import.meta.env.CHROME) browser.runtime.onInstalled.addListener(() => void injectIntoOpenTabs().catch(() => undefined));
  // A new address in the tab is another visit (or none): its content script sends the new one.
  // (Not every 'loading': Chromium reports a frame's navigation as the tab loading too. The
  // same address loaded again, or a frame that navigates, is caught per frame: the page that
  // leaves says so on pagehide, the new page's snapshot replaces it, and the panel checks the
  // frame still shows the page before showing its visit.)
  // (Firefox reports the new address and the loading status in separate events: the address is enough.)
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) forgetTab(tabId, change.url);
  });
  // The keyboard shortcut starts teach mode on the page, without opening the panel.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'map-form' && tab?.id !== undefined) browser.tabs.sendMessage(tab.id, { type: 'teach-start' } satisfies ToContent).catch(() => {});
  });
  if (import.meta.env.CHROME) {
    browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  }
});
