import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { evaluate } from '@/lib/rules/evaluate';
import { toolbarBadge } from '@/lib/toolbar-badge';
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
  visitSessionKey,
  visitsKey,
  isVisitSessionKey,
  forStorage,
  TabVisits,
  supersedes,
  PickVisit,
  AcksChanged,
  Acknowledgements,
  type Acknowledgement,
  type VisitListItem,
  type VisitSummary,
  type EvaluationPush,
  PANEL_PORT,
  type ProfileReply,
  type ToContent,
} from '@/lib/messages';
import type { Evaluation, Visit } from '@/lib/model';
import { fitNotes } from '@/lib/snapshot-limits';
import { openProblems } from '@/lib/report';
import { SessionCache } from '@/lib/session-cache';
import { SiteProfiles, addImported, addTaught, removeProfile, renameProfile, type SiteProfile } from '@/lib/site-profiles';
import { ruleContext, tablesOf, type RuleContext } from '@/lib/rule-context';
import { alwaysOnOrigins } from '@/lib/dev-origins';
import { dataPackItem, settingsItem, siteProfilesItem } from '@/lib/storage';
import { DATA_PACK_KEY, SETTINGS_KEY, acksKey, isAcksKey } from '@/lib/storage-keys';
import { CONTENT_SCRIPT_FILE, SITES_SCRIPT_ID, contentScriptRegistration } from '@/lib/sites';
import { TabUrls, pageAddress } from '@/lib/tab-urls';

// The background worker: validates what content scripts send, runs the rules with the
// practice's settings and rule data, keeps the latest Evaluation per tab in storage.session
// (it survives the MV3 worker stopping; never storage.local), pushes it to an open side panel,
// re-checks open visits when settings change, and is the only writer of site mappings.

z.config({ jitless: true });

function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0]!;
  return `invalid ${what}: ${issue.path.join('.')}: ${issue.message}`;
}

/** The worker's own keys in storage.session, remembered between messages (lib/session-cache.ts). */
const session = new SessionCache({
  get: (keys) => browser.storage.session.get(keys),
  // What a keystroke writes is kept small: field keys its findings' entries give are left out.
  // The toolbar follows the tab's shown visit, whichever path writes it.
  set: (items) => {
    for (const [key, value] of Object.entries(items)) {
      const tab = shownKeyTab(key);
      if (tab !== undefined) showOnToolbar(tab, value as StoredEvaluation | undefined);
    }
    return browser.storage.session.set(forStorage(items));
  },
  remove: (keys) => {
    for (const key of [keys].flat()) {
      const tab = shownKeyTab(key);
      if (tab !== undefined) showOnToolbar(tab, undefined);
    }
    return browser.storage.session.remove(keys);
  },
}, isAcksKey);

/** The tab whose shown visit `key` holds (`evaluation:<tab>`), else undefined. */
function shownKeyTab(key: string): number | undefined {
  const m = /^evaluation:(\d+)$/.exec(key);
  return m ? Number(m[1]) : undefined;
}

/** What each tab's toolbar badge was last set to (JSON of toolbarBadge); forgotten when the tab loads a page or closes. */
const onToolbar = new Map<number, string>();

/**
 * The toolbar icon's badge for a tab: its shown visit's error count in the error colour, a
 * check mark when it has none, nothing where Unitwise shows no visit. The title says it in words.
 */
function showOnToolbar(tabId: number, stored: StoredEvaluation | undefined): void {
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  const badge = toolbarBadge(stored);
  // Set only when it changes: most keystrokes leave it as it was, and each call is a message to
  // the browser's UI thread, which also carries the keystroke's storage write.
  const said = JSON.stringify(badge);
  if (onToolbar.get(tabId) === said) return;
  onToolbar.set(tabId, said);
  const { text, color, title } = badge;
  action.setBadgeText({ tabId, text }).catch(() => {});
  if (color) action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
  action.setTitle({ tabId, title }).catch(() => {});
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

type StoredBase = Omit<StoredEvaluation, 'evaluation' | 'tables' | 'warnings' | 'updatedAt' | 'visitKey'> & Partial<Pick<StoredEvaluation, 'visitKey'>>;

async function evaluateStored({ visitKey = 'v1', ...base }: StoredBase): Promise<StoredEvaluation> {
  const ctx = await currentContext();
  return { ...base, visitKey, evaluation: evaluate(base.visit as Visit, ctx.settings, ctx.data), tables: tablesOf(ctx.data), warnings: ctx.warnings, updatedAt: Date.now() };
}

/** A visit's line in the panel's list: its size and how many problems it has, those the user acknowledged left out (as its verdict counts them). */
function summaryOf(item: VisitListItem, record: Pick<StoredEvaluation, 'evaluation' | 'visit'> | undefined, before: VisitSummary | undefined, acks: readonly Acknowledgement[]): VisitSummary {
  const base = { key: item.key, label: item.label, history: item.history ?? false, entries: item.entries };
  if (record) return { ...base, ...openProblems(record, item.label, item.key, acks), checked: true };
  if (before && !item.history) return { ...base, errors: before.errors, warnings: before.warnings, checked: before.checked };
  return { ...base, errors: 0, warnings: 0, checked: false };
}

/**
 * Each tab's acknowledgements, as the side panel last saved them: read from storage once per
 * worker life, then told of each save (acks-changed). Not a storage.session listener: that would
 * bring every keystroke's write to the worker.
 */
const ackCache = new Map<number, Acknowledgement[]>();
async function tabAcks(tabId: number): Promise<Acknowledgement[]> {
  let acks = ackCache.get(tabId);
  if (!acks) {
    const key = acksKey(tabId);
    acks = Acknowledgements.safeParse((await browser.storage.session.get(key))[key] ?? []).data ?? [];
    ackCache.set(tabId, acks);
  }
  return acks;
}

/** The side panel saved the tab's acknowledgements: its visits' problems are counted again. */
async function onAcksChanged(raw: unknown) {
  const parsed = AcksChanged.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error, 'request') };
  const { tabId } = parsed.data;
  return serial(tabId, async () => {
    ackCache.delete(tabId);
    const acks = await tabAcks(tabId);
    const list = await tabVisits(tabId);
    if (!list.length) return { ok: true };
    const shown = await storedFor(tabId);
    const records = new Map<string, StoredEvaluation>();
    for (const v of list) {
      if (v.history) continue;
      const r = v.key === shown?.visitKey ? shown : await storedAt(visitSessionKey(tabId, v.key));
      if (r) records.set(v.key, r);
    }
    const visits = list.map((v) => summaryOf(v, records.get(v.key), v, acks));
    if (JSON.stringify(visits) !== JSON.stringify(list)) await session.write({ [visitsKey(tabId)]: { visits } });
    return { ok: true };
  });
}

/** The keys of the tab's other visits in storage.session (`evaluation:<tab>:<visit>`). */
async function otherVisitKeys(tabId: number): Promise<string[]> {
  return (await session.keys()).filter((k) => isVisitSessionKey(tabId, k));
}

async function tabVisits(tabId: number): Promise<VisitSummary[]> {
  return (await session.read(visitsKey(tabId), (raw) => TabVisits.safeParse(raw).data))?.visits ?? [];
}

async function storedAt(key: string): Promise<StoredEvaluation | undefined> {
  const stored = await session.read(key, (raw) => StoredEvaluation.safeParse(raw).data);
  // Stored without its rule tables (forStorage): read back after a restart, it gets the ones in
  // force (a change of rule data re-checks every visit, so they are the ones it was checked with).
  return stored && !stored.tables.length ? { ...stored, tables: tablesOf((await currentContext()).data) } : stored;
}

/** The side panels open now (each holds a PANEL_PORT port). */
const panels = new Set<Browser.runtime.Port>();

/** Tells the open side panels; with none open, nothing is sent. */
function toPanels(message: EvaluationPush | { type: 'evaluation-gone'; tabId: number }): void {
  if (panels.size) browser.runtime.sendMessage(message).catch(() => {});
}

async function publish(stored: StoredEvaluation) {
  await session.write({ [sessionKey(stored.tabId)]: stored });
  const push: EvaluationPush = { type: 'evaluation', stored };
  toPanels(push);
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

async function tabFrames(tabId: number): Promise<TabFrames> {
  return (await session.read(framesKey(tabId), (raw) => TabFrames.safeParse(raw).data)) ?? { frames: [], pick: null };
}

/** Writes the tab's frame list; an empty one is no key at all. */
async function saveFrames(tabId: number, next: TabFrames): Promise<void> {
  if (!next.frames.length && next.pick === null) await session.remove([framesKey(tabId)]);
  else await session.write({ [framesKey(tabId)]: next });
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
  return storedAt(sessionKey(tabId));
}

async function onVisit(raw: unknown, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, error: 'visit snapshots come from a tab' };
  // In the tab's queue from the moment it arrives: a frame's snapshots and its "gone" message
  // are handled in the order the frame sent them. The frame gets its evaluations as soon as
  // they are made (its markers do not wait for the tab's storage); the queue waits for the rest.
  // (A snapshot that fails before its evaluations are made rejects, as before: the frame sends again.)
  return new Promise((resolve, reject) => {
    serial(tabId, () => visitNow(tabId, raw, sender, resolve)).then(resolve, reject);
  });
}

/** Pages that said they left (per tab, in memory): a late snapshot from one is never kept. */
const gone = new Map<number, Set<string>>();

async function visitNow(tabId: number, raw: unknown, sender: Browser.runtime.MessageSender, early: (reply: unknown) => void = () => {}) {
  const frameId = sender.frameId ?? 0;
  const parsed = VisitSnapshot.safeParse(raw);
  if (!parsed.success) {
    // Never leave the previous answer on show as if it were this form's: say it could not be checked.
    const error = firstIssue(parsed.error, 'visit snapshot');
    const token = typeof (raw as { token?: unknown } | null)?.token === 'string' ? String((raw as { token: string }).token).slice(0, 64) : '';
    const failed = await evaluateStored({ tabId, frameId, token, entries: 0, source: 'none', visit: { entries: [] }, notes: [] });
    const current = await storedFor(tabId);
    const href = typeof (raw as { href?: unknown } | null)?.href === 'string' ? (raw as { href: string }).href : undefined;
    if ((await tabStillShows(tabId, sender, href)) && (!current || current.frameId === frameId)) {
      await session.remove([visitsKey(tabId), ...(await otherVisitKeys(tabId))]);
      await publish({ ...failed, problem: `Unitwise could not check this page's form (${error}). Reload the page; if this stays, the page is one Unitwise cannot read yet.` });
    }
    return { ok: false, error };
  }
  const { visits: parts, list: sentList, focus: sentFocus, source, notes, token } = parsed.data;
  const ctxPage = { tabId, frameId, token, source };
  const current = await storedFor(tabId);
  const known = await tabFrames(tabId);
  const samePage = !!current && current.frameId === frameId && current.token === token;
  // The page's visits: from this snapshot, else as this page sent them before.
  const before = samePage ? await tabVisits(tabId) : [];
  const list: VisitListItem[] = sentList ?? before;
  const charted = (l: VisitListItem[]) => l.reduce((n, v) => n + (v.history ? 0 : v.entries), 0);
  const entries = sentList ? charted(sentList) : samePage ? current.entries : (known.frames.find((f) => f.frameId === frameId && f.token === token)?.entries ?? parts.reduce((n, p) => n + p.visit.entries.length, 0));
  const labelOf = (key: string) => list.find((v) => v.key === key)?.label;
  const records = await Promise.all(
    parts.map((p) => evaluateStored({ ...ctxPage, entries, visit: p.visit, notes: fitNotes([...notes, ...p.notes]), visitKey: p.key, visitLabel: labelOf(p.key) })),
  );
  const evaluations = Object.fromEntries(records.map((r) => [r.visitKey, r.evaluation]));
  // The visit shown stays shown: keys are places on the page (v1, v2…), so when a visit is added
  // above it, it is followed by its label rather than left for the visit now in its place.
  const followed = (() => {
    if (!samePage) return undefined;
    const there = list.find((v) => v.key === current.visitKey && !v.history);
    if (there && (current.visitLabel === undefined || there.label === current.visitLabel)) return there.key;
    return list.find((v) => !v.history && v.label === current.visitLabel)?.key ?? there?.key;
  })();
  const focusKey = sentFocus ?? followed ?? list.find((v) => !v.history)?.key ?? 'v1';
  const reply = { ok: true as const, evaluations, evaluation: evaluations[focusKey] ?? records[0]?.evaluation };
  early(reply);
  // The frame always gets its evaluations back (for its markers); the tab's stored visits
  // change only when this frame holds the tab's form. A snapshot that arrives after its tab
  // closed, moved on to another page, or after its page said it left, leaves nothing behind.
  const pageUrl = await tabStillShows(tabId, sender, parsed.data.href);
  if (gone.get(tabId)?.has(token) || pageUrl === false) return reply;
  const holder = { frameId, entries, source };
  const wins = supersedes(holder, current, known.pick);
  // A page not seen before in this frame, about to be shown: make sure it is still the
  // frame's page (a snapshot sent just before a reload or navigation can arrive after the new
  // page's first one). Frames that cannot take the tab are not asked.
  const verified = samePage || confirmed.get(tabId)?.has(token) || known.frames.some((f) => f.frameId === frameId && f.token === token);
  if (wins && !verified) {
    const asked = askFrame(tabId, frameId, token);
    const answer = await asked.now;
    if (answer === 'busy') {
      // A busy page (a 20,000-field form being read) answers late: the queue does not wait for
      // it, and when it says the page is still its own it is asked to send the visit again.
      void asked.late.then((late) => {
        if (late !== 'same') return;
        confirmed.set(tabId, (confirmed.get(tabId) ?? new Set<string>()).add(token));
        askToResend(tabId, [frameId]);
      });
    }
    if (answer !== 'same') return reply;
  }
  await noteFrame(tabId, known, { frameId, token, origin: originOf(sender) ?? '', entries, source });
  if (!wins) return reply;
  // Acknowledgements are for one page's visits: another frame's or another page's start with none.
  if (current && !samePage) {
    ackCache.delete(tabId);
    await browser.storage.session.remove(acksKey(tabId));
  }
  // No form and nothing to say about the page: nothing is kept (the panel says "no form").
  // A form that is empty for a moment (a grid re-rendering after Save) keeps its acknowledgements.
  if (source === 'none' && entries === 0 && notes.length === 0 && parts.every((p) => p.visit.entries.length === 0)) {
    if (current) await dropVisit(tabId, known.frames.filter((f) => f.frameId !== frameId));
    return reply;
  }
  await storeVisits(tabId, { current: samePage ? current : undefined, before, dropOld: !!current && !samePage, records, list, focusKey, pageUrl, entries, base: { ...ctxPage, notes } });
  // A frame that takes the tab with only the visits that changed since it last sent (it held
  // no visit shown before): it sends them all, so none is left unchecked.
  if (!samePage && list.some((v) => !v.history && !records.some((r) => r.visitKey === v.key))) askToResend(tabId, [frameId]);
  return reply;
}

/**
 * Writes the visits a snapshot changed: the shown one (the focus) at `evaluation:<tab>`, each
 * other at `evaluation:<tab>:<visit>`, in one write. A keystroke changes one visit: one key,
 * a few kB, never the whole page.
 */
async function storeVisits(
  tabId: number,
  o: { current?: StoredEvaluation; before: VisitSummary[]; dropOld: boolean; records: StoredEvaluation[]; list: VisitListItem[]; focusKey: string; pageUrl: string; entries: number; base: Pick<StoredEvaluation, 'tabId' | 'frameId' | 'token' | 'source' | 'notes'> },
) {
  const { current, records, list, focusKey, pageUrl, entries } = o;
  const byKey = new Map(records.map((r) => [r.visitKey, r]));
  const before = new Map(o.before.map((v) => [v.key, v]));
  const acks = await tabAcks(tabId);
  const visits = list.map((item) => summaryOf(item, byKey.get(item.key), before.get(item.key), acks));
  const writes: Record<string, StoredEvaluation | TabVisits> = {};
  // The list is written only when a visit's status (or the list) changed.
  if (JSON.stringify(visits) !== JSON.stringify(o.before)) writes[visitsKey(tabId)] = { visits };
  const removals = new Set<string>();
  // The other visits' keys, from the list this page had (reading every key of the session to
  // find them would read every visit of a 100-visit day sheet on each move to another visit).
  const existing = o.dropOld ? await otherVisitKeys(tabId) : o.before.filter((v) => !v.history && v.key !== current?.visitKey).map((v) => visitSessionKey(tabId, v.key));
  if (o.dropOld) existing.forEach((k) => removals.add(k));
  // The shown visit: just read, else the one shown before, else moved up from its own key.
  const onPage = (key: string | undefined) => list.some((v) => v.key === key && !v.history);
  let shown = byKey.get(focusKey) ?? (current?.visitKey === focusKey && onPage(focusKey) ? current : undefined);
  // (Never from the keys of a page this one replaces: those are another page's visits.)
  if (!shown && !o.dropOld && existing.includes(visitSessionKey(tabId, focusKey))) shown = await storedAt(visitSessionKey(tabId, focusKey));
  // A visit not read yet: the first that was.
  shown ??= records[0] ?? (onPage(current?.visitKey) ? current : undefined);
  if (!shown) {
    // Nothing to show yet but the page's notes (a limit hit, no form): say that.
    shown = await evaluateStored({ ...o.base, entries, visit: { entries: [] }, visitKey: focusKey });
  }
  removals.delete(sessionKey(tabId));
  const shownRecord: StoredEvaluation = { ...shown, entries, pageUrl, visitLabel: list.find((v) => v.key === shown!.visitKey)?.label ?? shown.visitLabel };
  writes[sessionKey(tabId)] = shownRecord;
  removals.add(visitSessionKey(tabId, shown.visitKey));
  // The visit shown before, when another takes its place, keeps its own key.
  if (current && !o.dropOld && current.visitKey !== shown.visitKey && list.some((v) => v.key === current.visitKey && !v.history) && !byKey.has(current.visitKey)) {
    writes[visitSessionKey(tabId, current.visitKey)] = current;
  }
  for (const r of records) if (r.visitKey !== shown.visitKey) writes[visitSessionKey(tabId, r.visitKey)] = { ...r, entries, pageUrl };
  // Visits the page no longer has.
  for (const k of existing) if (!list.some((v) => !v.history && visitSessionKey(tabId, v.key) === k)) removals.add(k);
  for (const k of Object.keys(writes)) removals.delete(k);
  // The write first: the shown visit is stored after one call to the browser, not two (a
  // visit's first edit moves it from its own key, which is then removed). The keys removed
  // are never those written, and the panel reads other visits from the list, not their keys.
  await session.write(writes);
  await session.remove([...removals]);
  const push: EvaluationPush = { type: 'evaluation', stored: shownRecord };
  toPanels(push);
}

/** Tabs' addresses between the browser's reports (lib/tab-urls.ts): a keystroke does not ask for its tab. */
const tabUrls = new TabUrls((tabId) => browser.tabs.get(tabId));


/**
 * The tab's address when it is still open on the page that sent the snapshot (top frame: same
 * address); false when not. `href`: the address the frame says it has now (a page routed with
 * history.pushState has moved on from `sender.url`, the address its document opened at, and the
 * tab with it); a late snapshot from the document before still names the old one.
 */
async function tabStillShows(tabId: number, sender: Browser.runtime.MessageSender, href?: string): Promise<string | false> {
  const tab = await tabUrls.get(tabId);
  if (!tab) return false;
  const said = href ?? sender.url;
  if ((sender.frameId ?? 0) === 0 && tab.url && said && pageAddress(tab.url) !== pageAddress(said)) return false;
  return pageAddress(tab.url);
}

/** How long a frame gets to say which page it shows before the tab's queue moves on. */
const WHOAMI_MS = 300;
/** How long a busy frame's late answer is still waited for (outside the queue). */
const WHOAMI_LATE_MS = 15_000;

/**
 * What a frame says about the page it shows: `same` (the page that sent `token`), `other` (a
 * newer page), `gone` (no Unitwise there: the frame moved on to a page it does not read), or
 * `busy` (no answer yet: a large page busy with its own work answers late, and is not a page
 * that left). `late` settles with the frame's real answer (`busy` only if it never comes).
 */
function askFrame(tabId: number, frameId: number, token: string): { now: Promise<FrameAnswer>; late: Promise<FrameAnswer> } {
  if (!token) return { now: Promise.resolve('same'), late: Promise.resolve('same') }; // a content script from before tokens
  const late: Promise<FrameAnswer> = Promise.race([
    Promise.resolve()
      .then(() => browser.tabs.sendMessage(tabId, { type: 'whoami' } satisfies ToContent, { frameId }))
      .then(
        (reply) => ((reply as { token?: unknown } | undefined)?.token === token ? 'same' : 'other') as FrameAnswer,
        () => 'gone' as FrameAnswer,
      ),
    new Promise<FrameAnswer>((r) => setTimeout(() => r('busy'), WHOAMI_LATE_MS)),
  ]);
  return { now: Promise.race([late, new Promise<FrameAnswer>((r) => setTimeout(() => r('busy'), WHOAMI_MS))]), late };
}
type FrameAnswer = 'same' | 'other' | 'gone' | 'busy';

/** Pages whose frame said, late, that it still shows them (per tab, in memory): their next snapshot is kept. */
const confirmed = new Map<number, Set<string>>();

/** The tab's visit goes (its acknowledgements stay only if told); the frames left are asked for theirs. */
async function dropVisit(tabId: number, others: { frameId: number }[], withAcks = false) {
  if (withAcks) ackCache.delete(tabId);
  await session.remove([sessionKey(tabId), visitsKey(tabId), ...(await otherVisitKeys(tabId)), ...(withAcks ? [acksKey(tabId)] : [])]);
  toPanels({ type: 'evaluation-gone', tabId });
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
  if (stored) {
    const asked = askFrame(tabId, stored.frameId, stored.token);
    const answer = await asked.now;
    if (answer === 'other' || answer === 'gone') {
      await forgetFrame(tabId, stored.frameId, stored.token);
      return { ok: true, stored: null, visits: [], ...(await tabFrames(tabId)) };
    }
    // A busy page is not a page that left: its visit is shown, and goes (the panel told) if the
    // frame's late answer says it moved on.
    if (answer === 'busy') {
      void asked.late.then(async (late) => {
        if (late === 'other' || late === 'gone') await forgetFrame(tabId, stored.frameId, stored.token);
      });
    }
  }
  return { ok: true, stored: stored ?? null, visits: stored ? await tabVisits(tabId) : [], ...(await tabFrames(tabId)) };
}

/** Settings or rule data changed: every open visit is checked again, panel and markers too. */
async function reevaluateAll() {
  context = undefined;
  const all = await browser.storage.session.get(null);
  const tabs = new Set(Object.keys(all).flatMap((k) => /^evaluation:(\d+)$/.exec(k)?.slice(1) ?? []).map(Number));
  for (const tabId of tabs) {
    const prefix = sessionKey(tabId);
    const old = new Map(
      Object.entries(all).flatMap(([key, value]) => {
        if (key !== prefix && !isVisitSessionKey(tabId, key)) return [];
        const parsed = StoredEvaluation.safeParse(value);
        return parsed.success ? [[key, parsed.data] as const] : [];
      }),
    );
    const fresh = new Map<string, StoredEvaluation>();
    for (const [key, record] of old) {
      const { evaluation: _e, tables: _t, warnings: _w, updatedAt: _u, ...base } = record;
      fresh.set(key, await evaluateStored(base));
    }
    await serial(tabId, async () => {
      // The tab may have closed, moved on, or sent a newer visit while these were re-checked:
      // then these results are stale and must not be stored.
      if (!(await browser.tabs.get(tabId).catch(() => undefined))) return;
      // Each key on its own: a visit that changed (or moved to another key) while these were
      // re-checked keeps what it has; the one that did not gets its new evaluation.
      const kept = new Map<string, StoredEvaluation>();
      for (const [key, record] of fresh) {
        const now = await storedAt(key);
        if (now && now.updatedAt === old.get(key)!.updatedAt && now.visitKey === record.visitKey) kept.set(key, record);
      }
      if (!kept.size) return;
      const byVisit = new Map([...kept.values()].map((r) => [r.visitKey, r]));
      const acks = await tabAcks(tabId);
      const visits = (await tabVisits(tabId)).map((v) => summaryOf(v, byVisit.get(v.key), v, acks));
      await session.write({ ...Object.fromEntries(kept), ...(visits.length ? { [visitsKey(tabId)]: { visits } } : {}) });
      const shown = kept.get(prefix);
      if (shown) toPanels({ type: 'evaluation', stored: shown });
      for (const r of kept.values()) browser.tabs.sendMessage(tabId, { type: 'evaluation', evaluation: r.evaluation, visitKey: r.visitKey } satisfies ToContent, { frameId: r.frameId }).catch(() => {});
      // The tab's other frames draw markers too: they send their forms again to be re-checked.
      const shownFrame = (await storedFor(tabId))?.frameId;
      askToResend(tabId, (await tabFrames(tabId)).frames.flatMap((f) => (f.frameId === shownFrame ? [] : [f.frameId])));
    });
  }
}

/** The side panel shows another visit of the tab's page: it becomes the tab's shown visit. */
async function onPickVisit(raw: unknown) {
  const parsed = PickVisit.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error, 'request') };
  const { tabId, visitKey } = parsed.data;
  return serial(tabId, async () => {
    const current = await storedFor(tabId);
    if (!current) return { ok: false, error: 'This page has no visit to show.' };
    if (current.visitKey === visitKey) return { ok: true };
    const picked = await storedAt(visitSessionKey(tabId, visitKey));
    if (!picked) return { ok: false, error: (await tabVisits(tabId)).some((v) => v.key === visitKey && v.history) ? 'That visit is read-only history: Unitwise does not check it.' : 'That visit is no longer on the page.' };
    const shown: StoredEvaluation = { ...picked, entries: current.entries, pageUrl: current.pageUrl };
    await session.remove([visitSessionKey(tabId, visitKey)]);
    await session.write({ [sessionKey(tabId)]: shown, [visitSessionKey(tabId, current.visitKey)]: current });
    toPanels({ type: 'evaluation', stored: shown });
    return { ok: true };
  });
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

/** The side panel (Chrome) or sidebar (Firefox), opened from a user's click on the page. */
function openPanel(tabId: number | undefined): Promise<{ ok: boolean }> {
  if (tabId === undefined) return Promise.resolve({ ok: false });
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  const opened = import.meta.env.CHROME ? browser.sidePanel?.open({ tabId }) : sidebar?.open();
  return Promise.resolve(opened).then(
    () => ({ ok: !!opened }),
    () => ({ ok: false }),
  );
}

/** The "next problem" shortcut: the frame showing the tab's visit moves focus to its next marker. */
async function focusNextMarker(tabId: number): Promise<void> {
  const frameId = (await storedFor(tabId))?.frameId ?? 0;
  await browser.tabs.sendMessage(tabId, { type: 'next-marker' } satisfies ToContent, { frameId }).catch(() => {});
}

/** A tab's visit is gone (closed, or another page loaded): so are its evaluation and acknowledgements. */
const forgetTab = (tabId: number, newUrl?: string) =>
  void serial(tabId, async () => {
    // An address change reported after the new page already sent its visit keeps that visit.
    if (newUrl !== undefined && (await storedFor(tabId))?.pageUrl === pageAddress(newUrl)) return;
    gone.delete(tabId);
    confirmed.delete(tabId);
    ackCache.delete(tabId);
    await session.remove([sessionKey(tabId), visitsKey(tabId), ...(await otherVisitKeys(tabId)), acksKey(tabId), framesKey(tabId)]);
    toPanels({ type: 'evaluation-gone', tabId });
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
      // A marker's "Open in panel": opened in this very call, while the user's click still counts.
      if (type === 'open-panel') return openPanel(sender.tab?.id);
      return undefined;
    }
    // Evaluations and mapping changes are for the extension's own pages (side panel, options).
    if (type === 'get-evaluation') return onGet(message);
    if (type === 'pick-frame') return onPick(message);
    if (type === 'pick-visit') return onPickVisit(message);
    if (type === 'acks-changed') return onAcksChanged(message);
    if (type === 'import-profiles') return onImport(message);
    if (type === 'delete-profile') return onDelete(message);
    if (type === 'rename-profile') return onRename(message);
    return undefined;
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PANEL_PORT || port.sender?.id !== browser.runtime.id || !port.sender.url?.startsWith(browser.runtime.getURL('/'))) return;
    panels.add(port);
    port.onDisconnect.addListener(() => panels.delete(port));
  });
  // Each area's own event: storage.onChanged would also bring every storage.session write
  // (a visit on each keystroke, old and new value) to the worker, for nothing.
  browser.storage.local.onChanged.addListener((changes) => {
    if (SETTINGS_KEY in changes || DATA_PACK_KEY in changes) void reevaluateAll();
  });
  const onManaged = () => {
    policy = undefined;
    void reevaluateAll();
  };
  if (browser.storage.managed?.onChanged) browser.storage.managed.onChanged.addListener(onManaged);
  else browser.storage.onChanged.addListener((_changes, area) => area === 'managed' && onManaged());
  browser.tabs.onRemoved.addListener((tabId) => {
    tabUrls.removed(tabId);
    onToolbar.delete(tabId);
    ackCache.delete(tabId);
    forgetTab(tabId);
  });
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
    // (A page loading may reset what the browser shows for the tab: set the badge again after.)
    if (change.status === 'loading' || change.url) {
      onToolbar.delete(tabId);
      tabUrls.changed(tabId);
    }
    if (change.url) forgetTab(tabId, change.url);
  });
  // Keyboard shortcuts: teach mode on the page (without opening the panel); the next marker.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'map-form' && tab?.id !== undefined) browser.tabs.sendMessage(tab.id, { type: 'teach-start' } satisfies ToContent).catch(() => {});
    if (command === 'next-problem' && tab?.id !== undefined) void focusNextMarker(tab.id);
  });
  if (import.meta.env.CHROME) {
    browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  }
});
