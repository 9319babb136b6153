import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { EvaluationPush, StoredEvaluation, type DeleteProfile, type ImportProfiles, type ProfileReply, type ToContent } from '@/lib/messages';
import { SiteProfiles, parseProfileFile, type SiteProfile } from '@/lib/site-profiles';
import { siteProfilesItem } from '@/lib/storage';
import { FindingsList } from '@/components/FindingsList';
import { SiteMappings, type MappingStatus } from '@/components/SiteMappings';
import './style.css';

z.config({ jitless: true });

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

/** The latest evaluation for the tab, live. */
function useEvaluation(tabId: number | undefined): StoredEvaluation | null {
  const [stored, setStored] = useState<StoredEvaluation | null>(null);
  useEffect(() => {
    if (tabId === undefined) return;
    void browser.runtime.sendMessage({ type: 'get-evaluation', tabId }).then((reply) => {
      const parsed = z.object({ stored: StoredEvaluation.nullable() }).safeParse(reply);
      setStored(parsed.success ? parsed.data.stored : null);
    });
    const onPush = (message: unknown) => {
      const push = EvaluationPush.safeParse(message);
      if (push.success && push.data.stored.tabId === tabId) setStored(push.data.stored);
    };
    browser.runtime.onMessage.addListener(onPush);
    return () => browser.runtime.onMessage.removeListener(onPush);
  }, [tabId]);
  return stored;
}

/** The saved site mappings, live. */
function useProfiles(): SiteProfile[] {
  const [profiles, setProfiles] = useState<SiteProfile[]>([]);
  useEffect(() => {
    const set = (value: unknown) => {
      const parsed = SiteProfiles.safeParse(value);
      setProfiles(parsed.success ? parsed.data : []);
    };
    void siteProfilesItem.getValue().then(set);
    return siteProfilesItem.watch(set);
  }, []);
  return profiles;
}

/** The origin of the tab's page (known when Unitwise has host access to it). */
function useOrigin(tabId: number | undefined): string | undefined {
  const [origin, setOrigin] = useState<string>();
  useEffect(() => {
    if (tabId === undefined) return;
    void browser.tabs
      .get(tabId)
      .then((tab) => setOrigin(tab.url ? new URL(tab.url).origin : undefined))
      .catch(() => setOrigin(undefined));
  }, [tabId]);
  return origin;
}

function App() {
  const tabId = useTabId();
  const stored = useEvaluation(tabId);
  const profiles = useProfiles();
  const origin = useOrigin(tabId);
  const [status, setStatus] = useState<MappingStatus>();

  const teach = () => {
    if (tabId === undefined) return;
    setStatus(undefined);
    browser.tabs
      .sendMessage(tabId, { type: 'teach-start' } satisfies ToContent)
      .then(() => setStatus({ kind: 'ok', text: 'On the page, click the fields Unitwise asks for (Esc cancels).' }))
      .catch(() => setStatus({ kind: 'error', text: 'Unitwise is not running on this page. Reload the page, or enable Unitwise for this site.' }));
  };

  const importFile = async (file: File) => {
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch (e) {
      return setStatus({ kind: 'error', text: `${file.name} is not a JSON file: ${(e as Error).message}` });
    }
    // Checked here first: selector syntax can only be checked where there is a DOM, and the
    // background worker has none (it checks the shape again).
    const checked = parseProfileFile(json);
    if (!checked.ok) return setStatus({ kind: 'error', text: `${file.name} was not imported: ${checked.error}` });
    const reply = (await browser.runtime.sendMessage({ type: 'import-profiles', file: json } satisfies ImportProfiles)) as ProfileReply;
    setStatus(reply.ok ? { kind: 'ok', text: `Imported ${reply.saved.map((n) => `'${n}'`).join(', ')}.` } : { kind: 'error', text: `${file.name} was not imported: ${reply.error}` });
  };

  const remove = async (p: SiteProfile) => {
    const reply = (await browser.runtime.sendMessage({ type: 'delete-profile', origin: p.origin, name: p.name } satisfies DeleteProfile)) as ProfileReply;
    setStatus(reply.ok ? { kind: 'ok', text: `Deleted '${p.name}'.` } : { kind: 'error', text: reply.error });
  };

  return (
    <main>
      <h1>Unitwise</h1>
      {stored ? (
        <FindingsList evaluation={stored.evaluation} />
      ) : (
        <p role="status">No visit form read in this tab yet. Open a visit form to see billing checks here, or map this form below.</p>
      )}
      <SiteMappings profiles={profiles} origin={origin} canTeach={tabId !== undefined} status={status} onTeach={teach} onImport={(f) => void importFile(f)} onDelete={(p) => void remove(p)} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
