import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { evaluate } from '@/lib/rules/evaluate';
import { DeleteProfile, GetEvaluation, ImportProfiles, SaveTaughtProfile, StoredEvaluation, VisitSnapshot, sessionKey, supersedes, type EvaluationPush, type ProfileReply, type ToContent } from '@/lib/messages';
import { SiteProfiles, addImported, addTaught, removeProfile, type SiteProfile } from '@/lib/site-profiles';
import { siteProfilesItem } from '@/lib/storage';

// The background worker: validates what content scripts send, runs the rules, keeps the latest
// Evaluation per tab in storage.session (it survives the MV3 worker stopping; never
// storage.local), pushes it to an open side panel, and is the only writer of site mappings.

z.config({ jitless: true });

function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0]!;
  return `invalid ${what}: ${issue.path.join('.')}: ${issue.message}`;
}

async function onVisit(raw: unknown, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, error: 'visit snapshots come from a tab' };
  const parsed = VisitSnapshot.safeParse(raw);
  if (!parsed.success) return { ok: false, error: firstIssue(parsed.error, 'visit snapshot') };
  const stored: StoredEvaluation = {
    tabId,
    frameId: sender.frameId ?? 0,
    entries: parsed.data.visit.entries.length,
    source: parsed.data.source,
    evaluation: evaluate(parsed.data.visit),
    updatedAt: Date.now(),
  };
  // The frame always gets its own evaluation back (for its markers); the tab's stored one
  // changes only when this frame holds the tab's visit.
  const current = StoredEvaluation.safeParse((await browser.storage.session.get(sessionKey(tabId)))[sessionKey(tabId)]);
  if (supersedes(stored, current.success ? current.data : undefined)) {
    await browser.storage.session.set({ [sessionKey(tabId)]: stored });
    const push: EvaluationPush = { type: 'evaluation', stored };
    browser.runtime.sendMessage(push).catch(() => {}); // no side panel open: nothing to do
  }
  return { ok: true, evaluation: stored.evaluation };
}

async function onGet(raw: unknown) {
  const { tabId } = GetEvaluation.parse(raw);
  const got = await browser.storage.session.get(sessionKey(tabId));
  const stored = StoredEvaluation.safeParse(got[sessionKey(tabId)]);
  return stored.success ? { ok: true, stored: stored.data } : { ok: true, stored: null };
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

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only this extension's own pages and content scripts may talk to the worker.
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as { type?: unknown } | null)?.type;
    const fromExtensionPage = !!sender.url?.startsWith(browser.runtime.getURL('/'));
    if (!fromExtensionPage) {
      if (type === 'visit') return onVisit(message, sender);
      if (type === 'save-taught-profile') return onSaveTaught(message, sender);
      return undefined;
    }
    // Evaluations and mapping changes are for the extension's own pages (side panel, options).
    if (type === 'get-evaluation') return onGet(message);
    if (type === 'import-profiles') return onImport(message);
    if (type === 'delete-profile') return onDelete(message);
    return undefined;
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(sessionKey(tabId)));
  // A new page in the tab is another visit (or none): the old evaluation goes; the page's
  // content script sends the new one once it has read the form.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) void browser.storage.session.remove(sessionKey(tabId));
  });
  // The keyboard shortcut starts teach mode on the page, without opening the panel.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'map-form' && tab?.id !== undefined) browser.tabs.sendMessage(tab.id, { type: 'teach-start' } satisfies ToContent).catch(() => {});
  });
  if (import.meta.env.CHROME) {
    browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  }
});
