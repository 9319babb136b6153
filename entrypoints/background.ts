import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { evaluate } from '@/lib/rules/evaluate';
import { GetEvaluation, StoredEvaluation, VisitSnapshot, sessionKey, type EvaluationPush } from '@/lib/messages';

// The background worker: validates what content scripts send, runs the rules, keeps the latest
// Evaluation per tab in storage.session (it survives the MV3 worker stopping; never
// storage.local), and pushes it to an open side panel.

z.config({ jitless: true });

async function onVisit(raw: unknown, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false, error: 'visit snapshots come from a tab' };
  const parsed = VisitSnapshot.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `invalid visit snapshot: ${issue.path.join('.')}: ${issue.message}` };
  }
  const stored: StoredEvaluation = { tabId, source: parsed.data.source, evaluation: evaluate(parsed.data.visit), updatedAt: Date.now() };
  await browser.storage.session.set({ [sessionKey(tabId)]: stored });
  const push: EvaluationPush = { type: 'evaluation', stored };
  browser.runtime.sendMessage(push).catch(() => {}); // no side panel open: nothing to do
  return { ok: true, evaluation: stored.evaluation };
}

async function onGet(raw: unknown) {
  const { tabId } = GetEvaluation.parse(raw);
  const got = await browser.storage.session.get(sessionKey(tabId));
  const stored = StoredEvaluation.safeParse(got[sessionKey(tabId)]);
  return stored.success ? { ok: true, stored: stored.data } : { ok: true, stored: null };
}

export default defineBackground(() => {
  // Only this extension's own pages and content scripts may talk to the worker.
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'visit' && !sender.url?.startsWith(browser.runtime.getURL('/'))) return onVisit(message, sender);
    // Evaluations are read only by the extension's own pages (side panel), never by content scripts.
    if (type === 'get-evaluation' && sender.url?.startsWith(browser.runtime.getURL('/'))) return onGet(message);
    return undefined;
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(sessionKey(tabId)));
  if (import.meta.env.CHROME) {
    browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  }
});
