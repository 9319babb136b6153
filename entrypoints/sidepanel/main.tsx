import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { EvaluationPush, StoredEvaluation } from '@/lib/messages';
import { FindingsList } from '@/components/FindingsList';

z.config({ jitless: true });

// Follows the active tab and shows its latest evaluation, live.
function App() {
  const [tabId, setTabId] = useState<number>();
  const [stored, setStored] = useState<StoredEvaluation | null>(null);

  useEffect(() => {
    // ?tab=N pins the panel to one tab (the panel opened as a page, for demos and tests).
    const pinned = Number(new URLSearchParams(location.search).get('tab'));
    if (pinned > 0) return void setTabId(pinned);
    const update = () =>
      void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id));
    update();
    browser.tabs.onActivated.addListener(update);
    return () => browser.tabs.onActivated.removeListener(update);
  }, []);

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

  return (
    <main>
      <h1>Unitwise</h1>
      {stored ? <FindingsList evaluation={stored.evaluation} /> : <p role="status">No visit form read in this tab yet. Open a visit form to see billing checks here.</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
