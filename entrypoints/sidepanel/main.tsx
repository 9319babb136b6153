import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OpenBatchButton } from '@/components/batch/OpenBatchButton';
import { z } from 'zod';
import { Acknowledgements, type AcksChanged, type CorrectReply, EvaluationPush, PANEL_PORT, FrameForm, framesKey, StoredEvaluation, TabVisits, VisitSummary, visitsKey, type Acknowledgement, type PickFrame, type PickVisit, type Revealed, type ToContent } from '@/lib/messages';
import type { Finding } from '@/lib/model';
import { acksKey } from '@/lib/storage-keys';
import { ackVisitFacts, ackVisitName, acksAfter, acksOfVisit, claimRows, dataText, findingKey, holdingAcks, provisionalText, reportCsv, reportText, verdict } from '@/lib/report';
import catalog from '@/lib/rules/data/catalog.json';
import { CONTENT_SCRIPT_FILE } from '@/lib/sites';
import { SiteMappings } from '@/components/SiteMappings';
import { download } from '@/components/shared/download';
import { useSiteMappings } from '@/components/shared/use-site-mappings';
import { Summary, VisitLine } from '@/components/panel/Summary';
import { ClaimTable } from '@/components/panel/ClaimTable';
import { FindingGroups } from '@/components/panel/FindingGroups';
import { NotesLine } from '@/components/panel/NotesLine';
import { VerdictBar } from '@/components/panel/VerdictBar';
import { subjectMap } from '@/components/panel/finding-text';
import type { AllowResult } from '@/components/panel/AllowSite';
import { ExportBar } from '@/components/panel/ExportBar';
import { EmptyState, Notices, type PanelEmpty } from '@/components/panel/Notices';
import { OtherForms } from '@/components/panel/OtherForms';
import { PageVisits } from '@/components/panel/PageVisits';
import { VisitNav } from '@/components/panel/VisitNav';
import { HowRead } from '@/components/panel/HowRead';
import { Unseen } from '@/components/panel/Unseen';
import './style.css';

z.config({ jitless: true });

const NAMES = new Map(catalog.rows.map((r) => [r.code, r.name]));
const VERSION = browser.runtime.getManifest().version;

/** The tab the panel follows: ?tab=N pins it (the panel opened as a page, for demos and tests). */
function useTabId(): number | undefined {
  const [tabId, setTabId] = useState<number>();
  useEffect(() => {
    const pinned = Number(new URLSearchParams(location.search).get('tab'));
    if (pinned > 0) return void setTabId(pinned);
    const update = () => void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id));
    update();
    browser.tabs.onActivated.addListener(update);
    return () => browser.tabs.onActivated.removeListener(update);
  }, []);
  return tabId;
}

const GetReply = z.object({ stored: StoredEvaluation.nullable(), visits: z.array(VisitSummary).default([]), frames: z.array(FrameForm).default([]), pick: z.number().nullable().default(null) });
type TabView = { stored: StoredEvaluation | null; visits: VisitSummary[]; frames: FrameForm[]; pick: number | null };
const NOTHING: TabView = { stored: null, visits: [], frames: [], pick: null };

/** The latest evaluation for the tab, live, and the tab's frames that hold a form. */
function useEvaluation(tabId: number | undefined): TabView & { refresh(): void } {
  const [view, setView] = useState<TabView>(NOTHING);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (tabId === undefined) return;
    const get = () =>
      void browser.runtime.sendMessage({ type: 'get-evaluation', tabId }).then((reply) => {
        const parsed = GetReply.safeParse(reply);
        setView(parsed.success ? parsed.data : NOTHING);
      });
    get();
    const onPush = (message: unknown) => {
      const push = EvaluationPush.safeParse(message);
      if (push.success && push.data.stored.tabId === tabId) setView((v) => ({ ...v, stored: push.data.stored }));
      // The page that held the visit went away: ask again (another frame's form, or none).
      const gone = message as { type?: unknown; tabId?: unknown } | null;
      if (gone?.type === 'evaluation-gone' && gone.tabId === tabId) get();
    };
    browser.runtime.onMessage.addListener(onPush);
    // The port tells the background a panel is open (it pushes evaluations only then). The
    // worker stopping closes it: connect again, and ask again for what was missed meanwhile.
    let closed = false;
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    const connect = () => {
      port = browser.runtime.connect({ name: PANEL_PORT });
      port.onDisconnect.addListener(() => {
        if (closed) return;
        // (A moment later: never a tight loop if the worker cannot take the port.)
        setTimeout(() => {
          if (closed) return;
          connect();
          get();
        }, 250);
      });
    };
    connect();
    // The frame list changes without an evaluation push (a frame's form appears or goes).
    // The page's visit list changes on its own key (a visit's status, a visit added or gone).
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session') return;
      if (framesKey(tabId) in changes) get();
      if (visitsKey(tabId) in changes) {
        const parsed = TabVisits.safeParse(changes[visitsKey(tabId)]!.newValue);
        setView((v) => ({ ...v, visits: parsed.success ? parsed.data.visits : [] }));
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      closed = true;
      port?.disconnect();
      browser.runtime.onMessage.removeListener(onPush);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId, asked]);
  return { ...view, refresh: () => setAsked((n) => n + 1) };
}

/** This visit's acknowledgements (storage.session: gone with the tab or the browser session). */
function useAcks(tabId: number | undefined): [Acknowledgement[], (next: Acknowledgement[]) => void] {
  const [acks, setAcks] = useState<Acknowledgement[]>([]);
  useEffect(() => {
    if (tabId === undefined) return;
    const key = acksKey(tabId);
    const set = (value: unknown) => {
      const parsed = Acknowledgements.safeParse(value ?? []);
      setAcks(parsed.success ? parsed.data : []);
    };
    void browser.storage.session.get(key).then((got) => set(got[key]));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && key in changes) set(changes[key]!.newValue);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [tabId]);
  const save = (next: Acknowledgement[]) => {
    if (tabId === undefined) return;
    // The worker counts each visit's problems for the list of visits: it is told to count again.
    void browser.storage.session.set({ [acksKey(tabId)]: next }).then(() => browser.runtime.sendMessage({ type: 'acks-changed', tabId } satisfies AcksChanged).catch(() => {}));
  };
  return [acks, save];
}

/** The origin of the tab's page: known only where Unitwise has access to the site (asked again when a site is granted). */
function useOrigin(tabId: number | undefined, stored: StoredEvaluation | null): string | undefined {
  const [origin, setOrigin] = useState<string>();
  useEffect(() => {
    if (tabId === undefined) return;
    const get = () =>
      void browser.tabs
        .get(tabId)
        .then((tab) => setOrigin(tab.url && /^https?:/.test(tab.url) ? new URL(tab.url).origin : undefined))
        .catch(() => setOrigin(undefined));
    get();
    browser.permissions.onAdded.addListener(get);
    return () => browser.permissions.onAdded.removeListener(get);
  }, [tabId, stored?.updatedAt]);
  return origin;
}

function App() {
  const tabId = useTabId();
  const tabView = useEvaluation(tabId);
  const stored = tabView.stored;
  const [allAcks, saveAcks] = useAcks(tabId);
  // Acknowledgements are per visit: one given on visit 3 of a day sheet is not visit 4's. A
  // visit is known by its header (its key moves when a visit is added above it).
  const shownVisit = ackVisitName(stored?.visitLabel, stored?.visitKey ?? 'v1');
  const facts = stored ? ackVisitFacts(stored.visit) : undefined;
  const acks = useMemo(() => holdingAcks(acksOfVisit(allAcks, stored?.visitLabel, stored?.visitKey ?? 'v1'), stored?.evaluation.findings ?? [], facts), [allAcks, shownVisit, stored, facts]);
  const mappings = useSiteMappings();
  const origin = useOrigin(tabId, stored);
  const setStatus = mappings.setStatus;
  const rows = useMemo(() => (stored ? claimRows(stored.visit, stored.evaluation) : []), [stored]);

  const teach = () => {
    if (tabId === undefined) return;
    setStatus(undefined);
    // Teach where the visit is: the frame holding it (one dialog, never one per frame stacked
    // on each other); with no form read anywhere, every frame offers it.
    const where = stored && stored.source !== 'none' ? { frameId: stored.frameId } : undefined;
    browser.tabs
      .sendMessage(tabId, { type: 'teach-start' } satisfies ToContent, where)
      .then(() => setStatus({ kind: 'ok', text: 'On the page, click the fields Unitwise asks for (Esc cancels).' }))
      .catch(() => setStatus({ kind: 'error', text: 'Unitwise is not running on this page. Reload the page, or enable Unitwise for this site in Options → Sites.' }));
  };

  // Show the field to change (the finding's fix: its units, its modifiers, the visit's payer…),
  // not the line's first field. False when the page has no such field.
  const reveal = (f: Finding): Promise<Revealed> => {
    if (tabId === undefined || !stored) return Promise.resolve(false);
    const message = { type: 'reveal', fieldKey: f.fieldKeys?.[0] ?? '', fix: f.fix, visitKey: stored.visitKey } satisfies ToContent;
    return browser.tabs.sendMessage(tabId, message, { frameId: stored.frameId }).then((reply) => {
      const r = reply as { found?: unknown; collapsed?: unknown } | undefined;
      // (The page's words, shown as text only, and short.)
      return typeof r?.collapsed === 'string' && r.collapsed ? { collapsed: r.collapsed.slice(0, 80) } : r?.found !== false;
    }, () => false);
  };

  // "How Unitwise read this page": a value's field on the page, and a column corrected.
  const revealField = (fieldKey: string): Promise<boolean> => {
    if (tabId === undefined || !stored) return Promise.resolve(false);
    return browser.tabs.sendMessage(tabId, { type: 'reveal', fieldKey, visitKey: stored.visitKey } satisfies ToContent, { frameId: stored.frameId }).then(
      (reply) => (reply as { found?: unknown } | undefined)?.found !== false,
      () => false,
    );
  };
  const correctColumn = async (fieldKey: string, from: string, to: string): Promise<CorrectReply> => {
    if (tabId === undefined || !stored) return { ok: false, error: 'No visit is shown.' };
    const reply = (await browser.tabs.sendMessage(tabId, { type: 'correct-column', fieldKey, from, to } satisfies ToContent, { frameId: stored.frameId })) as CorrectReply | undefined;
    return reply ?? { ok: false, error: 'Unitwise is not running on this page. Reload the page.' };
  };

  // Allow on this site: the request comes first, in the click (the browser prompts only then).
  // The background registers the content script for pages loaded from now on; this page was
  // loaded before, so it is checked now by running the script in it (no reload: a form being
  // charted would lose what was typed).
  const allow = (_origin: string, pattern: string): Promise<AllowResult> =>
    browser.permissions.request({ origins: [pattern] }).then(async (granted): Promise<AllowResult> => {
      if (!granted) return { ok: false };
      if (tabId === undefined) return { ok: true, checking: false };
      const checking = await browser.scripting
        .executeScript({ target: { tabId, allFrames: true }, files: [`/${CONTENT_SCRIPT_FILE}` as '/content-scripts/content.js'] })
        .then(() => true, () => false);
      return { ok: true, checking };
    });
  const acknowledge = (f: Finding, reason: string) => saveAcks(acksAfter(allAcks, acks, findingKey(f), { key: findingKey(f), rule: f.rule, reason, at: Date.now(), visit: shownVisit, message: f.message, ...(facts !== undefined && { facts }) }));
  const unacknowledge = (f: Finding) => saveAcks(acksAfter(allAcks, acks, findingKey(f)));

  const pickFrame = (frameId: number | null) => {
    if (tabId === undefined) return;
    void browser.runtime.sendMessage({ type: 'pick-frame', tabId, frameId } satisfies PickFrame).then(() => tabView.refresh());
  };

  // Another visit of the page: the background makes it the tab's shown one; the page scrolls to it.
  const pickVisit = (visitKey: string) => {
    if (tabId === undefined || !stored) return;
    void browser.runtime.sendMessage({ type: 'pick-visit', tabId, visitKey } satisfies PickVisit).then((reply) => {
      const r = reply as { ok?: boolean; error?: string } | undefined;
      if (r && !r.ok) setStatus({ kind: 'error', text: r.error ?? 'That visit could not be shown.' });
      tabView.refresh();
    });
    browser.tabs.sendMessage(tabId, { type: 'reveal-visit', visitKey } satisfies ToContent, { frameId: stored.frameId }).catch(() => {});
  };

  let empty: PanelEmpty | undefined;
  if (tabId === undefined) empty = 'no-tab';
  else if (!stored) empty = origin ? 'no-form' : 'not-enabled';
  // A frame sent what it read, and it holds no form: say so, with the notes (a limit hit…).
  else if (stored.source === 'none' && stored.entries === 0) empty = 'no-form';

  const findings = stored?.evaluation.findings ?? [];
  const subjects = useMemo(() => subjectMap(findings), [findings]);
  const multiVisit = tabView.visits.filter((v) => !v.history).length > 1;

  return (
    <main>
      <h1 className="visually-hidden">Unitwise</h1>
      {/* No verdict on a visit that could not be checked: the problem says why instead. */}
      {stored && !empty && !stored.problem && (
        <VerdictBar verdict={verdict(stored.evaluation, acks)} visitLabel={multiVisit ? stored.visitLabel : undefined}>
          <VisitNav all={tabView.visits} shown={stored.visitKey} onPick={pickVisit} />
        </VerdictBar>
      )}
      {stored?.problem && (
        <p role="alert" className="notice error">
          {stored.problem}
        </p>
      )}
      {empty || !stored ? (
        <>
          {stored && <Notices warnings={stored.warnings} findings={[]} notes={stored.notes} />}
          {stored && <Unseen notes={stored.notes} reading={tabView.frames.map((f) => f.origin)} onAllow={allow} onOpenOptions={() => void browser.runtime.openOptionsPage()} />}
          {!stored?.problem && <EmptyState kind={empty ?? 'no-form'} origin={origin} onTeach={teach} onOpenOptions={() => void browser.runtime.openOptionsPage()} onAllow={allow} />}
          {stored && <NotesLine findings={[]} readerNotes={stored.notes} dataText="" onReveal={reveal} />}
          <OtherForms frames={tabView.frames} shown={stored?.frameId} pick={tabView.pick} onPick={pickFrame} />
        </>
      ) : (
        <>
          {/* Which of the page's forms this is, right under the verdict: never a guess left unsaid. */}
          <OtherForms frames={tabView.frames} shown={stored.frameId} pick={tabView.pick} onPick={pickFrame} />
          <Notices warnings={stored.warnings} findings={findings} notes={stored.notes} />
          <Unseen notes={stored.notes} reading={tabView.frames.map((f) => f.origin)} onAllow={allow} onOpenOptions={() => void browser.runtime.openOptionsPage()} />
          <FindingGroups findings={findings.filter((f) => f.severity !== 'info')} acks={acks} dataText={dataText(stored)} subjects={subjects} onReveal={reveal} onAcknowledge={acknowledge} onUnacknowledge={unacknowledge} />
          <NotesLine findings={findings.filter((f) => f.severity === 'info')} readerNotes={stored.notes} dataText={dataText(stored)} subjects={subjects} onReveal={reveal} />
          <section id="claim" tabIndex={-1} aria-labelledby="claim-h" className="claim-section">
            <h2 id="claim-h">Suggested claim</h2>
            <VisitLine visit={stored.visit} evaluation={stored.evaluation} />
            <ClaimTable rows={rows} names={NAMES} provisional={provisionalText(stored.visit, stored.evaluation)} />
            <Summary visit={stored.visit} evaluation={stored.evaluation} rows={rows} />
          </section>
          <HowRead visit={stored.visit} origin={origin} onReveal={revealField} onCorrect={correctColumn} />
          <PageVisits visits={tabView.visits} shown={stored.visitKey} onPick={pickVisit} />
          <section aria-labelledby="export-h">
            <h2 id="export-h">Copy or export</h2>
            <ExportBar
              onCopy={() => navigator.clipboard.writeText(reportText(stored, acks, VERSION))}
              onExport={() => download(`unitwise-${stored.visit.dateOfService ?? 'visit'}.csv`, reportCsv(stored, acks, VERSION), 'text/csv')}
            />
            <p className="fine">Checked by Unitwise {VERSION} with {dataText(stored)}.</p>
          </section>
        </>
      )}
      {/* With no form the empty state offers teach mode; with one, mapping it again stays here. */}
      <SiteMappings
        profiles={mappings.profiles}
        origin={origin}
        canTeach={tabId !== undefined}
        status={mappings.status}
        onTeach={stored ? teach : undefined}
        onImport={(f) => void mappings.importFile(f)}
        onDelete={(p) => void mappings.remove(p)}
      />
      <OpenBatchButton />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
