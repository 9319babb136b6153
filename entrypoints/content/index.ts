import { browser } from 'wxt/browser';
import type { Evaluation } from '@/lib/model';
import { isFixField } from '@/lib/fix-fields';
import type { CorrectColumn, CorrectReply, FrameGone, OpenPanel, ProfileReply, SaveTaughtProfile, ToContent, VisitReply, VisitSnapshot } from '@/lib/messages';
import { correctedPicks, isRowRole } from '@/lib/extract/correct';
import { profileFromPicks } from '@/lib/extract/teach';
import { vocabularyOptions } from '@/lib/extract/read';
import { checkProfile, type SiteProfile } from '@/lib/extract/profile';
import { codes, phrases } from 'virtual:unitwise-vocabulary';
import { SITE_PROFILES_KEY } from '@/lib/storage-keys';
import { fitNotes } from '@/lib/snapshot-limits';
import { ReadPace } from '@/lib/live/read-pace';
import { DetectPace } from '@/lib/live/detect-pace';
import { EditNews } from '@/lib/live/edit-news';
import { PageSession } from '@/lib/live/page-session';
import { marksFor, revealKey, type MarkLookup } from '@/lib/live/marks';
import { collapsedSection } from '@/lib/live/covered';
import { DrawQueue } from '@/lib/live/draw-queue';
import { Overlay } from './overlay';
import { TeachMode } from './teach-ui';

// Reads the visit form in this frame (with this origin's site mappings first), sends a
// snapshot to the background when it changes, and draws markers from the Evaluation it gets
// back. Teach mode starts from the side panel or the keyboard shortcut. No zod here: the
// background validates.

const VOCABULARY = vocabularyOptions(codes, phrases);
/** Hidden fields are never part of the form a clinician sees, and never count toward the read limit. */
const shown = (el: Element) => (typeof el.checkVisibility === 'function' ? el.checkVisibility() : true);

type ProfileArea = 'local' | 'managed';

const STARTED_EVENT = 'unitwise:content-started';

/** How long the page's changes wait for an idle moment after their frame before they are looked at anyway (ms). */
const CHANGES_WAIT_MS = 100;

/** How long one step of a whole-page read runs (ms) before the page's own tasks get the thread (well under a 50 ms long task). */
const READ_STEP_MS = 10;

/**
 * Runs `step` in a task of its own, again and again until it says it is done, the page's own
 * tasks (input, frames, its timers) taking their turn between two. A message on a channel only
 * this script holds: no timer's 4 ms clamp after a few in a row, and not `scheduler.yield()`,
 * whose prioritised continuations keep the page's own tasks (its timers, its network) waiting
 * until the whole read is done. Each step is a call of Unitwise's own, which a trace names.
 */
function inTasks(step: () => boolean): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (step()) channel.port1.close();
    else channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
}

/** Runs an extension API call that throws once the extension is gone (its listeners went with it). */
function ignoreGone(fn: () => void) {
  try {
    fn();
  } catch {}
}

/** This origin's mappings in one storage area, each checked; a broken one is skipped, not trusted. */
async function loadProfiles(area: ProfileArea): Promise<SiteProfile[]> {
  const got = await browser.storage[area].get(SITE_PROFILES_KEY).catch(() => ({}) as Record<string, unknown>);
  const list = got[SITE_PROFILES_KEY];
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const checked = checkProfile(raw);
    return checked.ok && checked.profile.origin === location.origin ? [checked.profile] : [];
  });
}

export default defineContentScript({
  // Not in the manifest: the background registers it for the sites a practice granted (and a
  // demo/test build adds its dev origins to the manifest, wxt.config.ts).
  registration: 'runtime',
  allFrames: true,
  runAt: 'document_idle',
  // WXT's context (`main(ctx)`) is not used: it stops the script when the page dispatches a
  // DOM event with WXT's "newer script started" name, and a hostile page can forge one (the
  // extension id in the name is public). Unitwise stands down only when its own extension is
  // gone (reloaded, updated or removed), which a page cannot fake: see `alive()`.
  async main() {
    const life = new AbortController();
    const on = (target: EventTarget, type: string, listener: (e?: Event) => void, options: AddEventListenerOptions = {}) =>
      target.addEventListener(type, listener, { ...options, signal: life.signal });
    const cleanUp = (fn: () => void) => life.signal.addEventListener('abort', fn);
    // A page adding and removing form-like markup many times a second is read whole for at most
    // a fifth of the time (lib/live/detect-pace.ts); its last state is still read.
    const detectPace = new DetectPace();
    /** How many shadow roots are watched so far (diagnostics). */
    let shadowRootsWatched = 0;
    // One copy per frame: a copy injected into an open tab after an update (or racing the
    // manifest's) replaces any earlier one. This extension's copies share an isolated world
    // the page cannot see, so the handover cannot be forged.
    // `inspect` is for the extension's own diagnostics (devtools, the e2e suite): it lives in
    // the isolated world, which the page cannot reach, and hands out the closed overlay.
    const running = globalThis as { unitwiseContent?: { standDown(): void; inspect(): { host?: Element; root?: ShadowRoot; detections: number; regionReads: number; readMs: number; reading: boolean; readSteps: number; drawing: boolean; shadowRootsWatched: number; field(key: string): Element | undefined } } };
    /** Whether a whole-page read is under way in steps (readWhole): reads and draws wait for its end. */
    let stepping = false;
    /** How many steps the last whole-page read took (diagnostics). */
    let readSteps = 0;
    running.unitwiseContent?.standDown();
    running.unitwiseContent = { standDown, inspect: () => ({ host: overlay?.host, root: overlay?.root, detections: session.detections, regionReads: session.regionReads, readMs: detectPace.totalMs, reading: stepping, readSteps, drawing: drawQueue.running, shadowRootsWatched, field: (key: string) => session.fields.get(key) }) };
    let overlay: Overlay | undefined;
    /** Set when the page would not let Unitwise draw (the panel still shows every finding). */
    let overlayProblem: string | undefined;
    let teach: TeachMode | undefined;
    // This document's identity for the background: a reload or navigation in this frame gets
    // a new one, so a visit from the page before is never taken for this page's.
    // (getRandomValues, not randomUUID: that exists only on https pages, and EHRs on a
    // practice's own network are often plain http.)
    const token = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    cleanUp(() => {
      teach?.stop();
      overlay?.remove();
    });
    /** Each visit's latest evaluation, by visit key: markers are drawn from all of them. */
    const evaluations = new Map<string, Evaluation>();
    let scheduled = false;
    // An administrator's mappings come first, then the practice's. Chromium can take seconds
    // to answer storage.managed in a content script (seen in the e2e run): start with the
    // local ones and add the managed ones when they arrive, so messages are heard at once.
    const byArea: Record<ProfileArea, SiteProfile[]> = { managed: [], local: await loadProfiles('local') };
    if (life.signal.aborted) return;
    let profiles = byArea.local;
    // The page's visits, read live: a keystroke in a known field re-reads its row and sends
    // its visit only (lib/live/page-session.ts).
    // A page's closed shadow roots are read too (the extension APIs that open them: chrome.dom
    // in Chrome, openOrClosedShadowRoot in Firefox), never Unitwise's own overlay.
    const shadowOf = (el: Element): ShadowRoot | null => {
      if (overlay && el === overlay.host) return null;
      const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null } } }).chrome?.dom;
      try {
        const closedToo = dom?.openOrClosedShadowRoot ? dom.openOrClosedShadowRoot(el) : (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
        return closedToo ?? el.shadowRoot;
      } catch {
        return el.shadowRoot; // (not an element it takes)
      }
    };
    const session = new PageSession(document, () => ({ ...VOCABULARY, shown, shadowOf, profiles }));
    const reload = (area: ProfileArea) =>
      void loadProfiles(area).then((loaded) => {
        // Mappings that did not change (the administrator's, arriving seconds after start,
        // usually none) do not make the form be found again.
        if (JSON.stringify(loaded) === JSON.stringify(byArea[area])) return;
        byArea[area] = loaded;
        profiles = [...byArea.managed, ...byArea.local];
        restructure();
      });

    /** The overlay, made when first needed; undefined (with a note sent) if the page refuses it. */
    const ensureOverlay = (): Overlay | undefined => {
      if (overlay || overlayProblem) return overlay;
      try {
        overlay = new Overlay(document);
        overlay.onOpenPanel = () => void browser.runtime.sendMessage({ type: 'open-panel' } satisfies OpenPanel).catch(() => {});
        overlay.onSuppressed = () => {
          overlayProblem = 'This page keeps removing or hiding Unitwise\'s markers: the side panel lists every finding.';
          session.resend();
          schedule();
        };
      } catch {
        overlayProblem = 'This page did not let Unitwise draw its markers: the side panel lists every finding.';
        session.resend();
      }
      return overlay;
    };

    /** Edits and page mutations seen: a read's answer can be drawn at once when none came since the read (drawSoon). */
    let pageChanges = 0;
    /** Watches the shadow roots the last read looked into (set up with the MutationObserver below). */
    let watchShadowRoots = () => {};
    /** Watches the shadow roots the read under way looks into. */
    let watchReadRoots = () => {};
    /**
     * Tells the session the page's changes its mutation callback held (set up with the
     * MutationObserver below). When they are news: `soon`, a read is asked for; `now`, it runs
     * at once (called just after a frame); `false`, nothing (a read is about to run, or the
     * caller asks for one). Called before an edit or a read is told, so the session knows them
     * first. `withQueued`: with the records the observer has not delivered yet (the current task's).
     */
    let lookAtChanges = (_then: 'now' | 'soon' | false, _withQueued = true) => {};
    /** A draw asked for while a read was under way: all markers are drawn at its end. */
    let drawHeld = false;
    /**
     * The page read whole in steps of about READ_STEP_MS, the page's tasks (a keystroke, its
     * frames) running between them: a 2,000-field day sheet's first read is some 100 ms on a
     * fresh page, a 20,000-field one's 400 ms, one long task each where typing waited. What the
     * page says meanwhile is kept by the session for the read's end. Returns the update and the
     * read's own time, or nothing when Unitwise stopped meanwhile.
     */
    const readWhole = () =>
      new Promise<{ update: ReturnType<PageSession['flush']>; ms: number } | undefined>((resolve, reject) => {
        let until = 0;
        const steps = session.flushInSteps(() => performance.now() >= until);
        let ms = 0;
        stepping = true;
        readSteps = 0;
        /** The read is over: its update, nothing (Unitwise stopped), or what a step threw. */
        const end = (got?: { update: ReturnType<PageSession['flush']>; ms: number }, error?: unknown) => {
          stepping = false;
          // (Stopped early: the session reads whole next time.)
          steps.return(undefined);
          for (const waiting of readers.splice(0)) waiting();
          if (error !== undefined) reject(error);
          else resolve(got);
          return true;
        };
        const step = () => {
          if (!alive()) return end();
          const start = performance.now();
          until = start + READ_STEP_MS;
          let r: IteratorResult<void, ReturnType<PageSession['flush']>>;
          try {
            r = steps.next();
          } catch (e) {
            return end(undefined, e);
          }
          ms += performance.now() - start;
          readSteps++;
          if (r.done) return end({ update: r.value, ms });
          // (The roots this read looks into are watched from now: a component drawing in one
          // before the read's end is news kept for it, not lost.)
          watchReadRoots();
          return false;
        };
        if (!step()) inTasks(step);
      });
    /** Those waiting for a read in steps to end (afterRead). */
    const readers: (() => void)[] = [];
    /** Resolves once no read is under way in steps: the side panel's questions about fields wait for a whole read, not a half-built one. */
    const afterRead = (): Promise<void> => (stepping ? new Promise((resolve) => readers.push(resolve)) : Promise.resolve());
    const read = async () => {
      lookAtChanges(false);
      const seen = pageChanges;
      const detections = session.detections;
      const started = performance.now();
      let update: ReturnType<PageSession['flush']>;
      let ms: number;
      // (A hidden page: at once. Its timers wait up to a second between steps, and nobody types there.)
      if (session.detectsNext && document.visibilityState !== 'hidden') {
        const href = location.href;
        const got = await readWhole();
        if (!got) return;
        ({ update, ms } = got);
        // Edits or changes the page made meanwhile, now told to the session.
        if (session.pending) schedule();
        // The page moved to another address meanwhile (a single-page app opening another chart):
        // part of what was read may be the chart before's, which must not be sent as this one's.
        // The session was told, and reads the new chart next.
        if (location.href !== href) {
          detectPace.detected(started, ms);
          if (session.addressChanged() || session.pending) schedule();
          return;
        }
      } else {
        update = session.flush();
        ms = performance.now() - started;
      }
      if (session.detections !== detections) detectPace.detected(started, ms);
      watchShadowRoots();
      // The visits whose markers change; all of them when the page was read again whole.
      let changed: string[] | undefined = [];
      if (update) {
        // Sent even when no form is found: the panel then says why (a limit hit, a page refused).
        const notes = fitNotes(overlayProblem ? [overlayProblem, ...update.notes] : update.notes);
        const message: VisitSnapshot = { type: 'visit', token, href: location.href, source: update.source, notes, visits: update.visits, list: update.list, focus: update.focus };
        if (update.list) for (const key of [...evaluations.keys()]) if (!update.list.some((v) => v.key === key)) evaluations.delete(key);
        const reply = (await browser.runtime.sendMessage(message).catch(() => undefined)) as VisitReply | undefined;
        if (!alive()) return;
        // No answer (the worker restarting): keep the markers; a refused snapshot: none are true now.
        changed = reply?.ok ? Object.keys(reply.evaluations ?? {}) : undefined;
        if (reply?.ok) for (const [key, evaluation] of Object.entries(reply.evaluations ?? {})) evaluations.set(key, evaluation);
        else if (reply) evaluations.clear();
        // Not delivered (the worker restarting): everything is sent again in a moment.
        else {
          session.resend();
          setTimeout(schedule, 1000);
        }
      }
      const held = drawHeld;
      drawHeld = false;
      drawSoon(update?.list || held ? undefined : changed, pageChanges === seen);
    };
    const drawNow = (changed?: Iterable<string>) => {
      draw(changed);
      teach?.position();
    };
    // The answer to a read is drawn at once when neither the user nor the page changed anything
    // since (reads run just after a paint, so the layout is still clean and measuring is
    // cheap): markers whose hidden text alone changes then cost the page no frame at all. A
    // frame Unitwise asks for 30–45 ms after a keystroke keeps the browser on its frame clock,
    // and the next keystroke's frame then waits for the next tick (up to 16 ms: at 12 keys a
    // second, one keystroke in ten on the 2,000-field day sheet). Otherwise markers are drawn
    // in the next animation frame, just before the browser lays out and paints it: measuring
    // the fields there costs the layout the frame does anyway, where a task between two
    // keystrokes would lay out what the page's handler just changed (in a burst of keys, once
    // per answer) and hold up the next key.
    /** Markers due at the next frame: these visits', or all. */
    let drawDue: Set<string> | 'all' | undefined;
    let drawFrame = false;
    const drawSoon = (changed: Iterable<string> | undefined, settled: boolean) => {
      drawDue = drawDue === 'all' || !changed ? 'all' : new Set([...(drawDue ?? []), ...changed]);
      if (settled) {
        drawFrame = false; // a frame asked for earlier finds nothing due
        const due = drawDue;
        drawDue = undefined;
        if (alive()) drawNow(due === 'all' ? undefined : due);
        return;
      }
      if (drawFrame) return;
      drawFrame = true;
      const run = () => {
        if (!drawFrame) return;
        drawFrame = false;
        const due = drawDue;
        drawDue = undefined;
        if (due && alive()) drawNow(due === 'all' ? undefined : due);
      };
      inNextFrame(run);
    };

    /**
     * Markers for this frame's findings; no overlay at all on a page with nothing to mark.
     * `changed`: the visits whose evaluations changed (their badges are rewritten; the others'
     * are only placed again); all of them when not given.
     */
    /** Where a visit's markers go: its fields by key, and its start for a fact with no field. */
    const lookupFor = (visitKey: string): MarkLookup<Element> => ({ field: (k) => session.fields.get(k), start: () => session.startOf(visitKey) });
    const draw = (changed?: Iterable<string>) => {
      // (Mid-read the session's fields are half read: drawn at the read's end.)
      if (stepping) {
        drawHeld = true;
        return;
      }
      const keys = changed ? [...changed].filter((k) => evaluations.has(k)) : [...evaluations.keys()];
      if (!changed) overlay?.pageChanged();
      // Field keys are unique across the page's visits (rows are numbered page-wide).
      const marked = keys.some((k) => evaluations.get(k)!.findings.some((f) => f.fieldKeys?.some((key) => session.fields.has(key))));
      if (marked) ensureOverlay();
      if (!overlay) return;
      overlay.keepVisits(new Set(evaluations.keys()));
      if (keys.length > 1) return drawInSteps(keys);
      for (const key of keys) overlay.render(key, marksFor(evaluations.get(key)!.findings, key, lookupFor(key)));
      if (!keys.length) overlay.position();
    };
    /** Visits due in the draw of many under way (drawInSteps). */
    const drawQueue = new DrawQueue();
    /**
     * Many visits at once (the page's first draw, a page read again whole): each drawn alone, in
     * steps of about READ_STEP_MS with the page's tasks between them (a day sheet's 400 markers
     * took 35–80 ms in one task), then all placed once. A visit's own draw meanwhile (an edit's
     * answer) goes ahead at once: each visit's markers are drawn whole from its latest evaluation.
     */
    const drawInSteps = (keys: readonly string[]) => {
      // (A draw under way takes these visits too.)
      if (!drawQueue.add(keys)) return;
      const step = () => {
        if (!alive()) {
          drawQueue.stop();
          return true;
        }
        // (A whole read began: it draws every visit at its end.)
        if (stepping) {
          drawQueue.stop();
          return (drawHeld = true);
        }
        const until = performance.now() + READ_STEP_MS;
        // (At least one visit a step; a hidden page paints nothing meanwhile: all at once.)
        do {
          const key = drawQueue.next();
          const evaluation = key === undefined ? undefined : evaluations.get(key);
          if (key !== undefined && evaluation && overlay) overlay.render(key, marksFor(evaluation.findings, key, lookupFor(key)), false);
        } while (drawQueue.more && (performance.now() < until || document.visibilityState === 'hidden'));
        if (drawQueue.more) return false;
        drawQueue.stop();
        overlay?.position();
        teach?.position();
        return true;
      };
      if (!step()) inTasks(step);
    };

    // At most one read per animation frame, however fast the user types or the page
    // re-renders, and after the frame is painted (a task posted from requestAnimationFrame
    // runs after the paint): the keystroke shows first, then Unitwise reads. Sent in the
    // keystroke's own task, the worker's check and the storage write ran while the page drew
    // the keystroke, on the same two cores: on the 2,000-field day sheet typing p95 was about
    // 1.55× the page's own, against 1.3–1.4× after the paint, for the evaluation stored about
    // 13 ms later (p95 34 ms). Reading (measuring) in the keystroke's task would also lay out
    // what the page's handler just changed.
    /** How long a read or a draw waits for an animation frame before it goes ahead without one. */
    const NO_FRAME_MS = 400;
    /**
     * Runs `fn` in the next animation frame. A hidden page paints no frames (none would ever
     * come): at once, so a page that changes in a background tab is current when the user comes
     * back. A page said visible may still get no frame for a while (a window behind another, a
     * tab behind an extension page in headless Chromium): after NO_FRAME_MS anyway. `fn` may
     * run twice: it checks whether it is still due.
     */
    function inNextFrame(fn: () => void) {
      if (document.visibilityState === 'hidden') setTimeout(fn, 0);
      else {
        requestAnimationFrame(fn);
        setTimeout(fn, NO_FRAME_MS);
      }
    }
    let detectTimer: ReturnType<typeof setTimeout> | undefined;
    cleanUp(() => clearTimeout(detectTimer));
    const readAfterPaint = () => {
      if (!scheduled) return; // read already (the frame came after the fallback below)
      scheduled = false;
      // (A read in steps under way: it asks for another read at its end if anything is due.)
      if (!alive() || stepping) return;
      const wait = session.detectsNext ? detectPace.wait(performance.now()) : 0;
      if (wait > 0) {
        detectTimer ??= setTimeout(() => {
          detectTimer = undefined;
          schedule();
        }, wait);
        return;
      }
      void read();
    };
    // A timer, not a MessageChannel message: both run after the paint, and posting a message
    // cost 0.14 ms of the keystroke's frame (CPU profile of typing on the day sheet). On a
    // hidden page (inNextFrame's timer, or the fallback after the page was hidden) at once: a
    // second timer in a background tab would wait for its next wake-up, about a second.
    const postReadAfterPaint = () => (document.visibilityState === 'hidden' ? readAfterPaint() : void setTimeout(readAfterPaint, 0));
    const schedule = () => {
      if (scheduled || !alive()) return;
      scheduled = true;
      // (Posted from the frame: run after its paint.)
      inNextFrame(postReadAfterPaint);
    };
    const restructure = () => {
      lookAtChanges(false);
      session.restructure();
      schedule();
    };

    /** A column corrected from the side panel: saved as this site's mapping, as teach mode saves one. */
    const correctColumn = async ({ fieldKey, from, to }: Partial<CorrectColumn>): Promise<CorrectReply> => {
      if (typeof fieldKey !== 'string' || !isRowRole(from) || !isRowRole(to)) return { ok: false, error: 'That correction could not be read.' };
      lookAtChanges('soon');
      const cut = fieldKey.lastIndexOf(':');
      const picked = correctedPicks((k) => session.fields.get(k), cut > 0 ? fieldKey.slice(0, cut) : fieldKey, from, to);
      if ('error' in picked) return { ok: false, error: picked.error };
      const taught = profileFromPicks(picked.picks, { origin: location.origin, name: `${location.host}: ${from} read as ${to}`, root: document, codes: VOCABULARY.codes, phrases: VOCABULARY.phrases });
      if (!taught.ok) return { ok: false, error: taught.error };
      const reply = (await browser.runtime.sendMessage({ type: 'save-taught-profile', profile: taught.profile } satisfies SaveTaughtProfile).catch(() => undefined)) as ProfileReply | undefined;
      if (!reply) return { ok: false, error: 'Unitwise could not save the mapping. Try again.' };
      return reply.ok ? { ok: true, rows: taught.rows, saved: reply.saved } : reply;
    };

    const startTeach = () => {
      if (teach) return;
      if (!ensureOverlay()) return;
      const host = overlay!.host;
      teach = new TeachMode({
        host,
        container: overlay!.ui(),
        codes: VOCABULARY.codes,
        phrases: VOCABULARY.phrases,
        save: (profile) => browser.runtime.sendMessage({ type: 'save-taught-profile', profile } satisfies SaveTaughtProfile) as Promise<ProfileReply>,
        done: () => {
          teach = undefined;
        },
      });
    };

    // Messages from this extension only (the side panel or the background), checked by hand.
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id) return undefined;
      const type = (message as Partial<ToContent> | null)?.type;
      // Answer, so the side panel knows teach mode started (a listener that does not answer
      // makes the sender's promise reject).
      if (type === 'teach-start') {
        startTeach();
        return Promise.resolve({ teaching: !!teach });
      }
      // The background checks that this frame still shows the page a visit came from.
      if (type === 'whoami') return Promise.resolve({ token });
      // From "How Unitwise read this page": a column read as the wrong thing, corrected.
      if (type === 'correct-column') return afterRead().then(() => correctColumn(message as Partial<CorrectColumn>));
      // The side panel picked this frame's form, or the tab's visit went: send it again.
      if (type === 'resend') {
        session.resend();
        schedule();
      }
      // Settings changed in the background: a new evaluation of one of this frame's visits.
      if (type === 'evaluation') {
        const { evaluation, visitKey } = message as { evaluation: Evaluation; visitKey?: string };
        const key = typeof visitKey === 'string' ? visitKey : 'v1';
        evaluations.set(key, evaluation);
        draw([key]);
      }
      // From the side panel: show the user a visit the panel switched to.
      if (type === 'reveal-visit') return afterRead().then(() => {
        lookAtChanges('soon');
        const key = (message as { visitKey?: unknown }).visitKey;
        const start = typeof key === 'string' ? session.startOf(key) : undefined;
        if (start) {
          start.scrollIntoView({ block: 'start' });
          // Not under the page's own sticky header: the user must see which visit this is.
          const cover = overlay?.topCover() ?? 0;
          const top = cover > 0 ? start.getBoundingClientRect().top : 0;
          if (cover > 0 && top < cover + 4) window.scrollBy(0, top - cover - 8);
        }
        return { found: !!start };
      });
      // From the side panel: show the user the field a finding asks to change.
      if (type === 'reveal') return afterRead().then(() => {
        const { fieldKey, fix, visitKey } = message as { fieldKey?: unknown; fix?: unknown; visitKey?: unknown };
        const anchor = typeof fieldKey === 'string' ? fieldKey : '';
        const visit = typeof visitKey === 'string' ? visitKey : /^(v\d+)\./.exec(anchor)?.[1] ?? 'v1';
        const target = revealKey(anchor, isFixField(fix) ? fix : undefined, visit, lookupFor(visit));
        // In a section the page shows collapsed (a closed <details>): Unitwise does not open the
        // page's sections; the panel says which one to open.
        const collapsed = target && collapsedSection(target.element);
        if (collapsed !== undefined) {
          collapsed.parent.scrollIntoView({ block: 'center', behavior: 'smooth' });
          return { found: true, collapsed: collapsed.name };
        }
        if (target) {
          // (To the middle sideways too, and out from under a pinned column: Overlay.reveal.)
          if (overlay) overlay.reveal(target.element);
          else target.element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
          overlay?.flash(target.key);
        }
        return { found: !!target };
      });
      // The "next problem" shortcut (a command): focus the next marker on the page.
      if (type === 'next-marker') return Promise.resolve({ moved: !!overlay?.focusNext(1) });
      // After a save every frame leaves teach mode; the frame that saved shows its confirmation.
      if (type === 'teach-end') teach?.stopUnlessSaved();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    cleanUp(() => ignoreGone(() => browser.runtime.onMessage.removeListener(onMessage)));

    // Each area's own event (storage.onChanged would bring this frame every change of every area).
    for (const area of ['local', 'managed'] as const) {
      const onStorage = (changes: Record<string, unknown>, changed: string = area) => {
        if (changed === area && SITE_PROFILES_KEY in changes) reload(area);
      };
      // (A browser without the area's own event: the shared one, filtered.)
      const events = browser.storage[area]?.onChanged ?? browser.storage.onChanged;
      events.addListener(onStorage);
      cleanUp(() => ignoreGone(() => events.removeListener(onStorage)));
    }

    // A read per edit at a usual pace; in a burst of keys, once the keys pause (lib/live/read-pace.ts).
    const pace = new ReadPace();
    let paceTimer: ReturnType<typeof setTimeout> | undefined;
    cleanUp(() => clearTimeout(paceTimer));
    const readNow = () => {
      paceTimer = undefined;
      pace.read();
      schedule();
    };
    // A change that only repeats what the input events said (a field left after typing) is not read again.
    const editNews = new EditNews();
    const onEdit = ((e: Event) => {
      if (!editNews.news(e)) return;
      pageChanges++;
      // (The changes of earlier tasks, not this keystroke's own: those come after the edit, as
      // the observer delivers them, and are no news of their own then; told before it, a note
      // typed in would be read at every key, whatever the pace.)
      lookAtChanges('soon', false);
      session.edit(e.target);
      const wait = pace.edit(performance.now());
      clearTimeout(paceTimer);
      if (wait) paceTimer = setTimeout(readNow, wait);
      else readNow();
    }) as () => void;
    on(document, 'input', onEdit, { capture: true });
    // A part of the page the browser skipped off screen is drawn now (scrolled into view): rows
    // it could not place while skipped are read again, and the page's bars looked for again.
    on(
      document,
      'contentvisibilityautostatechange',
      ((e: Event) => {
        if ((e as Event & { skipped?: boolean }).skipped !== false || !(e.target instanceof Node)) return;
        lookAtChanges(false);
        session.partDrawn(e.target);
        overlay?.partDrawn(e.target);
        // Laid out in this frame's rendering: its badges are placed in the next frame.
        reposition();
        if (session.pending) schedule();
      }) as () => void,
      { capture: true, passive: true },
    );
    on(document, 'change', onEdit, { capture: true });
    // This page is going (navigation, reload, close, or into the back-forward cache): its
    // visit must not stay on show for the next one. Back from the cache, it is sent again.
    // Only the browser's own events: a page dispatching a fake pagehide must not clear its visit.
    on(window, 'pagehide', (e?: Event) => {
      if (e?.isTrusted) ignoreGone(() => void browser.runtime.sendMessage({ type: 'frame-gone', token } satisfies FrameGone).catch(() => {}));
    });
    on(window, 'pageshow', (e?: Event) => {
      if (e?.isTrusted && (e as PageTransitionEvent).persisted) {
        session.resend();
        schedule();
      }
    });
    // Once per frame, before it is painted: the parts of a long page that scroll into view are
    // laid out by then, so their badges appear with them.
    let placing = false;
    let resized = false;
    const reposition = (e?: Event) => {
      // A text field scrolling its own text as it fills (every keystroke in a long value)
      // moves nothing else: no field is inside it.
      const target = e?.target as Element | undefined;
      if (e?.type === 'scroll' && (target?.localName === 'input' || target?.localName === 'textarea')) return;
      if (e?.type === 'resize') resized = true;
      if (placing || !overlay) return;
      placing = true;
      // (One frame: a part the browser skipped that comes into view says so with its own event,
      // and its badges are placed in the frame after. A second frame on every scroll kept the
      // browser on its frame clock when the next keystroke came.)
      requestAnimationFrame(() => {
        placing = false;
        overlay?.position(resized);
        resized = false;
      });
    };
    on(window, 'scroll', reposition, { capture: true, passive: true });
    on(window, 'resize', reposition, { passive: true });
    // Single-page apps change the address without a load: re-detect when it changes. And
    // frameworks set a field's value with no event: the read fields' values are looked at once a
    // second, when the page is idle (PageSession.changedValues).
    // (Every read looks at the address first too: an edit just after a route change is never
    // read with the chart before's rows, PageSession.addressChanged.)
    const idle = (fn: (deadline?: IdleDeadline) => void, timeout = 1000) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout }) : setTimeout(fn, 0));
    // The look at the values goes in slices that fit the page's idle time (a whole look at
    // 20,000 fields is a few milliseconds, which a key typed meanwhile would wait for). On a
    // page that is never idle each slice still comes within 100 ms: a look at 20,000 fields
    // then takes some 8 s, not 80.
    let sweeping = false;
    const sweepValues = (deadline?: IdleDeadline) => {
      if (alive()) lookAtChanges('soon');
      const changed = alive() ? session.changedValues(() => !deadline || deadline.timeRemaining() > 1) : false;
      if (changed === undefined) return void idle(sweepValues, 100);
      sweeping = false;
      if (changed) schedule();
    };
    const watchLocation = setInterval(() => {
      if (alive()) lookAtChanges('soon');
      if (alive() && !sweeping && document.visibilityState !== 'hidden') {
        sweeping = true;
        idle(sweepValues);
      }
      if (alive() && session.addressChanged()) schedule();
      // (A component whose script loaded after the page: upgraded with no mutation, LateRoots.)
      if (alive() && session.componentsUpgraded()) schedule();
    }, 1000);
    cleanUp(() => clearInterval(watchLocation));
    // The page's own churn outside the form (totals, status text, toasts) is not read at all;
    // values changed inside it are read again; rows added, removed or re-rendered, or a form
    // appearing, find the form again (lib/live/mutations.ts).
    // The page opened or closed a dialog (a modal charge dialog): the markers go over it, and
    // only the dialog's fields keep theirs. (Not its popovers: see overlay.ts, TOP_LAYER.)
    const topLayerChanged = () => {
      let modal: Element | undefined;
      try {
        modal = Array.from(document.querySelectorAll(':modal')).pop();
      } catch {
        // (No :modal in this browser.)
      }
      overlay?.raise(modal);
    };
    // (One listener for both: a toggle of Unitwise's own host is the page hiding it, put right.)
    on(document, 'toggle', ((e: Event) => (e.target === overlay?.host ? overlay.toggled() : (e.target as Element | null)?.localName === 'dialog' && topLayerChanged())) as () => void, { capture: true });
    // The page's changes are looked at after the frame that shows them, not in the task that
    // made them: a page that rewrites its totals and status line as the user types has them in
    // the keystroke's own task, and looking at them there (0.4 ms a key on the 2,000-field day
    // sheet) was most of what Unitwise added before the keystroke's paint. The records are
    // kept, in order, and told to the session before anything else is: the next edit, the
    // next read, or an idle callback after the frame (which asks for no frame of its own).
    /** Records held that no one has told the session yet. */
    let held: MutationRecord[] = [];
    /** A look after the frame asked for and not yet run (one at a time: it tells whatever is held then). */
    let changesAsked = false;
    const own = (node: Node) => !!overlay?.owns(node);
    /** What the page changing says at once, as the observer delivers it or as it is taken from its queue. */
    const noted = (records: readonly MutationRecord[]) => {
      if (records.some((r) => !own(r.target))) {
        pageChanges++;
        // (A dialog, a drawer or a menu drawn over the marked fields: their badges go, lib/live/covered.ts.)
        overlay?.pageDrew();
      }
      // (A dialog opened or closed where the browser sends no toggle event for it.)
      for (const r of records) if (r.attributeName === 'open' && (r.target as Element).localName === 'dialog') topLayerChanged();
    };
    lookAtChanges = (then, withQueued = true) => {
      if (!alive()) return;
      // (Those the observer has queued and not yet delivered too: nothing is told out of order.)
      const queued = withQueued ? observer.takeRecords() : [];
      if (queued.length) noted(queued);
      if (!held.length && !queued.length) return;
      const records = held.length ? held : queued;
      if (held.length) for (let i = 0; i < queued.length; i++) held.push(queued[i]!);
      held = [];
      if (session.mutations(records, own) && then) {
        // (Just after a frame already, as a read asked for runs: at once, not a frame later.)
        if (then === 'now' && !scheduled) {
          scheduled = true;
          readAfterPaint();
        } else schedule();
      }
      // (A component the page put in: its shadow tree is watched from now on, LateRoots.)
      watchLateRoots();
    };
    const changesAfterFrame = (deadline?: IdleDeadline) => {
      changesAsked = false;
      // (An idle callback run on its timeout may come between a keystroke and its frame: a read then waits for the frame.)
      if (held.length && alive()) lookAtChanges(deadline?.didTimeout ? 'soon' : 'now');
    };
    const observer = new MutationObserver((records) => {
      noted(records);
      for (let i = 0; i < records.length; i++) held.push(records[i]!);
      if (changesAsked) return;
      changesAsked = true;
      // (A hidden page draws no frames and has few idle periods: at once, in a task of its own.)
      if (document.visibilityState === 'hidden') setTimeout(changesAfterFrame, 0);
      else idle(changesAfterFrame, CHANGES_WAIT_MS);
    });
    // The document itself, not its body: a single-page app that puts in a new <body> or <html>
    // (the next patient's chart at the same address) is a mutation too. And each open shadow root
    // the read looked into (a component drawing the next chart in its shadow tree), once each.
    const WATCH: MutationObserverInit = { subtree: true, childList: true, attributes: true, characterData: true };
    observer.observe(document, WATCH);
    const watchedRoots = new WeakSet<ShadowRoot>();
    const watchRoot = (root: ShadowRoot) => {
      if (watchedRoots.has(root)) return;
      watchedRoots.add(root);
      observer.observe(root, WATCH);
      shadowRootsWatched++;
    };
    /** Roots the page put in since the last read (found in mutations, or in those a read in steps held): watched; one drawn meanwhile has the page read. */
    const watchLateRoots = () => {
      for (const root of session.lateShadowRoots()) watchRoot(root);
      if (session.detectsNext) schedule();
    };
    watchReadRoots = () => {
      for (const root of session.shadowScopes()) watchRoot(root);
    };
    watchShadowRoots = () => {
      watchReadRoots();
      watchLateRoots();
    };
    cleanUp(() => observer.disconnect());

    /** Stops this copy: every listener, observer and timer, and its overlay, go. */
    function standDown() {
      life.abort();
      if (running.unitwiseContent?.standDown === standDown) delete running.unitwiseContent;
    }
    /** False once this copy's extension was reloaded, updated or removed: then it stands down. */
    function alive(): boolean {
      if (life.signal.aborted) return false;
      if (browser.runtime?.id) return true;
      standDown();
      return false;
    }
    // A copy started after a reload announces itself; an older copy checks whether it is
    // orphaned (only then it leaves). The event is a hint: a forged one changes nothing.
    on(document, STARTED_EVENT, () => void alive());
    document.dispatchEvent(new Event(STARTED_EVENT));
    schedule();
    reload('managed');
  },
});
