import { browser } from 'wxt/browser';
import type { Evaluation } from '@/lib/model';
import type { VisitSnapshot } from '@/lib/messages';
import { readVisit } from '@/lib/extract/read';
import catalog from '@/lib/rules/data/catalog.json';
import phrases from '@/lib/rules/data/phrases.json';
import { Overlay } from './overlay';

// Reads the visit form in this frame, sends a snapshot to the background when it changes, and
// draws markers from the Evaluation it gets back. No zod here: the background validates.

const CODES = new Set(catalog.rows.map((r) => r.code));
const PHRASES = phrases.rows.flatMap((r) => r.phrases);
const PHRASE_CODES = new Map(phrases.rows.flatMap((r) => r.phrases.map((p) => [p.toLowerCase(), r.code] as const)));

export default defineContentScript({
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    let overlay: Overlay | undefined;
    let fields = new Map<string, Element>();
    let evaluation: Evaluation | undefined;
    let lastSnapshot = '';
    let scheduled = false;

    const read = async () => {
      const result = readVisit(document, { codes: CODES, phrases: PHRASES, phraseCodes: PHRASE_CODES });
      fields = result.fields;
      if (result.source === 'none' && !overlay) return;
      overlay ??= new Overlay(document);
      const snapshot = JSON.stringify(result.visit);
      if (snapshot !== lastSnapshot) {
        lastSnapshot = snapshot;
        const message: VisitSnapshot = { type: 'visit', source: result.source, visit: result.visit, notes: result.notes };
        const reply = (await browser.runtime.sendMessage(message).catch(() => undefined)) as { ok: boolean; evaluation?: Evaluation } | undefined;
        if (ctx.isInvalid) return;
        if (reply?.ok) evaluation = reply.evaluation;
      }
      overlay.render(evaluation, fields);
    };

    // At most one read per animation frame, however fast the user types or the page re-renders.
    const schedule = () => {
      if (scheduled || ctx.isInvalid) return;
      scheduled = true;
      ctx.requestAnimationFrame(() => {
        scheduled = false;
        void read();
      });
    };

    ctx.addEventListener(document, 'input', schedule, { capture: true });
    ctx.addEventListener(document, 'change', schedule, { capture: true });
    ctx.addEventListener(window, 'scroll', () => overlay?.position(), { capture: true, passive: true });
    ctx.addEventListener(window, 'resize', () => overlay?.position(), { passive: true });
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      lastSnapshot = '';
      schedule();
    });
    const observer = new MutationObserver(schedule);
    observer.observe(document.body ?? document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    ctx.onInvalidated(() => {
      observer.disconnect();
      overlay?.remove();
    });
    schedule();
  },
});
