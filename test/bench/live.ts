import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { launchWithExtension } from '../e2e/browser';
import { serveDemo } from '../e2e/server';
import { detectionCount, inOverlay, waitForBadgeCount } from '../e2e/dom';
import { MAX_ROWS } from '../../lib/extract/detect';
import { pageBundle, plainChromium, readerOptionsSource } from './browser';
import { median, percentile, ratioInterval, type Figure } from './report';
import { unpackStored } from '../../lib/messages';
import { loadCost, longTasks, madeLong, type LoadCost, type LongTask, type TraceEvent } from './long-tasks';

// Issue 12: live checking on a big multi-visit page (test/fixtures/ehr/day-sheet.html), at
// 2,000 and 20,000 fields, in Debian's Chromium with the built extension and, in the same run,
// without it. Per page size: the page's own typing cost, what Unitwise adds to it (12 keys a
// second and 40-keys-a-second bursts), keystroke → evaluation stored and → marker updated,
// full detections while only values change, storage.session bytes per keystroke; on the
// 2,000-field page the event listeners Unitwise adds; first read in Chromium at both sizes.

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
/** Alternating rounds (a new page each), pooled: the machine's drift falls on both browsers. */
const ROUNDS = 4;
/** 12 keys a second (faster than a fast typist, 8–10), and a burst of 40. */
const PACE_MS = 80;
const BURST_MS = 25;

/** How a field is typed in: the keys, and the time between two of them (fields are PACE_MS apart). */
interface Pace {
  keys: (e: Edit) => string[];
  gap: number;
}
/** One key per field, a new field every PACE_MS: the edits the evaluation and markers are timed on. */
const PACED: Pace = { keys: (e) => [String(e.digit)], gap: PACE_MS };
/**
 * A new value typed at 40 keys a second (Backspace and two digits), then the next field: moving
 * the caret waits for the page's main thread, which cannot be done 40 times a second.
 */
const BURST: Pace = { keys: (e) => ['Backspace', String(e.digit), String((e.digit * 7) % 10)], gap: BURST_MS };
/** The pause when moving to another visit (scrolling there): a clinician is slower there than between two rows. */
const JUMP_MS = 500;
/** A pause after a page with Unitwise closes: its leftover work must not fall on the next round. */
const SETTLE_MS = 1_000;
/** An edit whose evaluation is not stored within this long counts as not reached. */
const REACH_MS = 2_000;
/**
 * Units on every row: 8 minutes never earn 4 units, so every visit stays over-billed whatever
 * is typed, and every row's marker names the visit's total minutes ("… 412 total timed
 * minutes support …"), which each edit changes.
 */
const UNITS_PER_ROW = 4;
/** The minutes every row starts with (day-sheet.html). */
const START_MINUTES = 8;

interface Size {
  visits: number;
  rows: number;
}
const ALL_SIZES: readonly Size[] = [
  { visits: 20, rows: 20 },
  { visits: 100, rows: 40 },
];
/** `BENCH_LIVE_FIELDS=20000` times one size only (to compare builds quickly); both by default. */
const SIZES = ALL_SIZES.filter((s) => !process.env.BENCH_LIVE_FIELDS || process.env.BENCH_LIVE_FIELDS.split(',').map(Number).includes(s.visits * s.rows * 5));
const fieldsOf = (s: Size) => s.visits * s.rows * 5;
export const liveGroup = (s: Size) => `live checking: day sheet, ${s.visits} visits × ${s.rows} rows (${fieldsOf(s).toLocaleString('en-US')} fields)`;
export const LIVE_GROUPS = SIZES.map(liveGroup);

const dayUrl = (base: string, s: Size, run: number) => `${base}/day-sheet.html?visits=${s.visits}&rows=${s.rows}&units=${UNITS_PER_ROW}&run=${run}`;

/** One keystroke: into visit `visit`'s row `row` minutes field, which goes from "8" to "8d". */
interface Edit {
  visit: number;
  row: number;
  digit: number;
}

/** Edits in one visit before moving on: a clinician enters a visit's rows, then goes to another visit. */
const EDITS_PER_VISIT = 5;

/** Visits near the top of the page, where a reader that stops early still looks. */
const TOP_VISITS = 5;

/**
 * The visit of the g-th run of edits: alternately deep in the page (visit 18 first, then
 * spread over every visit) and one of the first TOP_VISITS visits.
 */
const visitOf = (s: Size, g: number, round: number) =>
  g % 2 === 0 ? 1 + ((17 + (g / 2) * 7 + round * 3) % s.visits) : 1 + ((Math.floor(g / 2) + round) % Math.min(TOP_VISITS, s.visits));

/**
 * `count` edits in distinct rows, EDITS_PER_VISIT at a time in one visit: each field is typed
 * once per page, so every edit's value is new and every visit's total only grows (none is
 * seen twice).
 */
function editsFor(s: Size, count: number, round: number): Edit[] {
  const out: Edit[] = [];
  // (Bounded: a count near every row of the page may never be met by this walk.)
  for (let j = 0; out.length < count && j < 10 * s.visits * s.rows; j++) {
    const group = Math.floor(j / EDITS_PER_VISIT);
    const visit = visitOf(s, group, round);
    const row = (15 + (j % EDITS_PER_VISIT) * 3 + group) % s.rows;
    if (!out.some((e) => e.visit === visit && e.row === row)) out.push({ visit, row, digit: 1 + (out.length % 9) });
  }
  return out;
}

const fieldOf = (e: Edit) => `v${e.visit}-min-${e.row}`;

/** In the page's main world: when each key went down, and when the frame after it was painted (wall clock, to compare with node's and the service worker's). */
function instrumentTyping() {
  const w = window as unknown as { __keys: number[]; __paints: number[]; __longTasks: number[] };
  w.__keys = [];
  w.__paints = [];
  w.__longTasks = [];
  const wall = (t: number) => performance.timeOrigin + t;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: false });
  const channel = new MessageChannel();
  let pending = 0;
  channel.port1.onmessage = () => {
    for (; pending > 0; pending--) w.__paints.push(wall(performance.now()));
  };
  document.addEventListener(
    'keydown',
    (e) => {
      w.__keys.push(wall(e.timeStamp));
      pending++;
      // rAF runs before the paint; a message posted from it is handled after the paint.
      requestAnimationFrame(() => channel.port2.postMessage(0));
    },
    true,
  );
}

/**
 * In the page: puts the caret at the end of a minutes field, scrolling it into view as a click
 * or Tab would. `settle` (moving to another visit): the frame after the last keystroke is
 * painted first, and two more after the move, so rendering the visit scrolled to
 * (content-visibility) is done before the next keystroke.
 */
async function focusEnd([name, settle]: [string, boolean]) {
  const painted = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => resolve();
        c.port2.postMessage(0);
      }),
    );
  if (settle) await painted();
  const el = document.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  el.focus();
  el.setSelectionRange(el.value.length, el.value.length);
  if (settle) for (let i = 0; i < 2; i++) await painted();
}

interface Typed {
  /** Per keystroke: ms from when it was due to the frame after it painted. */
  latencies: number[];
  /** Per keystroke: ms from when it was due to its keydown (the harness's own lag, on a free page). */
  lag: number[];
  longTasks: number[];
  /** Wall-clock time of each keydown, in order (one per edit when PACED). */
  keys: number[];
}

const wallNow = () => performance.timeOrigin + performance.now();
const sleepUntil = (t: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - wallNow())));

/**
 * The edits' keys on a fixed schedule: `pace.gap` apart within a field, PACE_MS to the next
 * field, JUMP_MS to another visit. Latency counts from when a key was due, not from when it
 * was sent: moving the caret waits for the page's main thread, and a key held back by a busy
 * page must count as slow (a typist does not wait for the page).
 */
async function typeEdits(page: Page, edits: readonly Edit[], pace: Pace): Promise<Typed> {
  await page.evaluate(instrumentTyping);
  await page.evaluate(focusEnd, [fieldOf(edits[0]!), true] as [string, boolean]);
  const due: number[] = [];
  let at = wallNow() + PACE_MS;
  for (let i = 0; i < edits.length; i++) {
    for (const [k, key] of pace.keys(edits[i]!).entries()) {
      if (k > 0) at += pace.gap;
      await sleepUntil(at);
      due.push(at);
      await page.keyboard.press(key);
    }
    const next = edits[i + 1];
    if (!next) break;
    const jump = next.visit !== edits[i]!.visit;
    await page.evaluate(focusEnd, [fieldOf(next), jump] as [string, boolean]);
    at += jump ? JUMP_MS : PACE_MS;
  }
  await page.waitForTimeout(300);
  const got = await page.evaluate(() => {
    const w = window as unknown as { __keys: number[]; __paints: number[]; __longTasks: number[] };
    return { keys: w.__keys, paints: w.__paints, longTasks: w.__longTasks };
  });
  return { latencies: got.paints.map((p, i) => p - due[i]!), lag: got.keys.map((k, i) => k - due[i]!), longTasks: got.longTasks, keys: got.keys };
}

// ---------------------------------------------------------------------------------------
// What the service worker stores (the contract with the live pipeline, issue 12).

/** What is kept of a stored evaluation: which visit it is, and each entry's minutes. */
export interface StoredVisit {
  /** "v1", "v2"… in document order; absent while the tab has one visit. */
  visitKey?: string;
  visit?: { entries?: { minutes?: number | null }[] };
}

/**
 * Whether `stored` holds the edit: the typed row's visit has `minutes` at the row's index.
 * With a visitKey, that visit's entries; without one, the whole page is one visit whose
 * entries are every visit's rows in document order (`rowsPerVisit` each).
 */
export function reached(stored: StoredVisit, visitNumber: number, rowIndex: number, minutes: number, rowsPerVisit: number): boolean {
  if (stored.visitKey !== undefined && stored.visitKey !== `v${visitNumber}`) return false;
  const index = stored.visitKey !== undefined ? rowIndex : (visitNumber - 1) * rowsPerVisit + rowIndex;
  return stored.visit?.entries?.[index]?.minutes === minutes;
}

interface SessionLog {
  /** storage.session.set calls: wall-clock time, bytes (JSON length of the items). */
  writes: [number, number][];
  /** Changes to this tab's evaluation keys: wall-clock time, what was stored. */
  changes: [number, StoredVisit][];
}

/**
 * In the service worker: counts every storage.session.set (the polyfill's
 * browser.storage.session.set calls chrome.storage.session.set, looked up at each call) and
 * keeps every change to `tabId`'s evaluation keys. Installed once; later calls start a new log.
 */
function recordSession(tabId: number) {
  type Area = { set(items: Record<string, unknown>, ...rest: unknown[]): Promise<void> };
  type Change = { newValue?: { visitKey?: string; visit?: { lines?: { shapes: string[][]; rows: unknown[][] } } } };
  const g = globalThis as unknown as {
    chrome: { storage: { session: Area; onChanged: { addListener(fn: (changes: Record<string, Change>, area: string) => void): void } } };
    __benchSession?: { tabId: number; log: SessionLog };
  };
  const now = () => performance.timeOrigin + performance.now();
  if (!g.__benchSession) {
    const state = { tabId, log: { writes: [], changes: [] } as SessionLog };
    const area = g.chrome.storage.session;
    const set = area.set.bind(area);
    area.set = (items, ...rest) => {
      state.log.writes.push([now(), JSON.stringify(items).length]);
      return set(items, ...rest);
    };
    g.chrome.storage.onChanged.addListener((changes, name) => {
      if (name !== 'session') return;
      const t = now();
      for (const [key, change] of Object.entries(changes)) {
        if (key !== `evaluation:${state.tabId}` && !key.startsWith(`evaluation:${state.tabId}:`)) continue;
        const v = change.newValue;
        // The visit's lines as written (packed, lib/entry-pack.ts): unpacked in the bench's own process.
        if (v) state.log.changes.push([t, { visitKey: v.visitKey, visit: { lines: v.visit?.lines } } as StoredVisit]);
      }
    });
    g.__benchSession = state;
  }
  g.__benchSession.tabId = tabId;
  g.__benchSession.log = { writes: [], changes: [] };
}

async function sessionLog(worker: Worker): Promise<SessionLog> {
  const log = await worker.evaluate(() => (globalThis as unknown as { __benchSession: { log: SessionLog } }).__benchSession.log);
  return { ...log, changes: log.changes.map(([t, v]) => [t, unpackStored(v) as StoredVisit]) };
}

/** The extension's service worker now (it may have been restarted), able to run compiled functions. */
async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate('globalThis.__name = (f) => f');
  return worker;
}

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => {
    const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await c.tabs.query({})).find((t) => t.url === u)?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

// ---------------------------------------------------------------------------------------
// Markers: read where the overlay is (its shadow root is closed), in the content script's world.

/** In the content script's world: every badge's full text (data-detail, what its card shows) the overlay writes from now on, with when. */
function recordMarkers(root: ShadowRoot | null): boolean {
  const g = globalThis as unknown as { __benchMarks?: { observer: MutationObserver; seen: [number, string][] } };
  g.__benchMarks?.observer.disconnect();
  if (!root) return false;
  const seen: [number, string][] = [];
  const observer = new MutationObserver((records) => {
    const t = performance.timeOrigin + performance.now();
    for (const r of records) {
      if (r.type === 'attributes') seen.push([t, (r.target as Element).getAttribute('data-detail') ?? '']);
      else for (const n of Array.from(r.addedNodes)) if (n instanceof Element) for (const b of [n, ...Array.from(n.querySelectorAll('[data-detail]'))]) seen.push([t, b.getAttribute('data-detail') ?? '']);
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-detail'] });
  g.__benchMarks = { observer, seen };
  return true;
}

/**
 * In the content script's world: for each edit (keydown time, the visit totals that include
 * it), ms until a badge first showed one of those totals ("… 412 total timed minutes …"), or
 * null. Stops recording.
 */
function markerDelays(_root: ShadowRoot | null, edits: { at: number; totals: number[] }[]): (number | null)[] {
  const marks = (globalThis as unknown as { __benchMarks?: { observer: MutationObserver; seen: [number, string][] } }).__benchMarks;
  marks?.observer.disconnect();
  const shown = (marks?.seen ?? []).map(([t, label]) => [t, [...label.matchAll(/(\d+) total timed minutes/g)].map((m) => Number(m[1]))] as const);
  return edits.map(({ at, totals }) => {
    const hit = shown.find(([t, got]) => t >= at && got.some((n) => totals.includes(n)));
    return hit ? hit[0] - at : null;
  });
}

/**
 * The totals a marker may show once it includes edit k: the edited visit's total after k or any
 * later edit; and, while the reader reads the whole page as one visit (its first MAX_ROWS
 * rows), that visit's totals, if the row is one of those. Totals only grow, so an older
 * marker never shows one. (A marker of another visit that happens to reach the same total at
 * that moment would be taken for it: only possible with per-visit markers updating late.)
 */
function markerTotals(s: Size, edits: readonly Edit[]): number[][] {
  const inFirstRead = (e: Edit) => (e.visit - 1) * s.rows + e.row < MAX_ROWS;
  const visitSum = new Map<number, number>();
  let pageSum = Math.min(MAX_ROWS, s.visits * s.rows) * START_MINUTES;
  const after = edits.map((e) => {
    const added = typedMinutes(e) - START_MINUTES;
    visitSum.set(e.visit, (visitSum.get(e.visit) ?? s.rows * START_MINUTES) + added);
    if (inFirstRead(e)) pageSum += added;
    return { visit: e.visit, visitTotal: visitSum.get(e.visit)!, pageTotal: pageSum };
  });
  return edits.map((e, k) => {
    const later = after.slice(k);
    return [...later.filter((a) => a.visit === e.visit).map((a) => a.visitTotal), ...(inFirstRead(e) ? later.map((a) => a.pageTotal) : [])];
  });
}

const typedMinutes = (e: Edit) => START_MINUTES * 10 + e.digit;

// ---------------------------------------------------------------------------------------
// One page, typed in.

interface LiveRound extends Typed {
  /** Per edit: ms to the evaluation stored, to the marker updated (null: not within REACH_MS). */
  toEvaluation: (number | null)[];
  toMarker: (number | null)[];
  bytesPerKey: number[];
  detections: number;
}

/** Opens the day sheet and waits until it is ready to type in (with the extension: its markers drawn). */
async function openDaySheet(context: BrowserContext, url: string, extension: boolean): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.bringToFront();
  if (extension) {
    await waitForBadgeCount(page, 1, 60_000);
    // Typing is timed once Unitwise is done with the page's load: its first read and its draw
    // of every visit go in steps (what a load costs is its own figure, loadFigures).
    for (let t = Date.now(); Date.now() - t < 30_000 && (await inOverlay(page, (_root, _arg, handle) => !!(handle?.reading || handle?.drawing))); ) await page.waitForTimeout(50);
  }
  await page.waitForTimeout(extension ? 800 : 300);
  return page;
}

async function closeSettled(page: Page) {
  await page.close();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/**
 * One page a pace typed with Unitwise under a timeline trace: each long task, with the time
 * Unitwise's own script took in it (long-tasks.ts). Traced apart from the timed rounds: a
 * trace slows the page it records.
 */
async function tracedLongTasks(base: string, s: Size, context: BrowserContext): Promise<LongTask[]> {
  const origin = extensionOrigin(await serviceWorker(context));
  const perRound = Math.ceil(KEYSTROKES / ROUNDS);
  const out: LongTask[] = [];
  for (const pace of [PACED, BURST]) {
    const edits = editsFor(s, pace === BURST ? Math.ceil(perRound / BURST.keys(editsFor(s, 1, 0)[0]!).length) : perRound, ROUNDS);
    const page = await openDaySheet(context, dayUrl(base, s, pace === BURST ? 901 : 900), true);
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
    await typeEdits(page, edits, pace);
    await page.waitForTimeout(REACH_MS);
    await cdp.send('Tracing.end');
    await complete;
    out.push(...longTasks(events, origin));
    await closeSettled(page);
  }
  return out;
}

/** `chrome-extension://<id>/`, what the extension's scripts' URLs start with (URL.origin is "null" for that scheme in Node). */
const extensionOrigin = (worker: Worker) => `chrome-extension://${new URL(worker.url()).host}/`;

/** Fresh pages a size for what a load costs (loadFigure). */
const LOAD_PAGES = 3;

/**
 * What loading the day sheet costs on its main thread for Unitwise, traced from before the
 * page is asked for until its markers are drawn and a second more: its content script's
 * evaluation, then its calls (the first read's steps, the markers drawn), the tasks they were
 * in, and how many of those it made long (over 50 ms, and not without its script). The browser
 * has loaded the extension's pages before (warmUp), as a user's has. (A call's promise
 * continuations run outside any traced call and are not counted: the read and the draw of many
 * visits run in calls of their own, entrypoints/content/index.ts.)
 */
export async function loadFigures(base: string, s: Size, context: BrowserContext): Promise<Figure[]> {
  const origin = extensionOrigin(await serviceWorker(context));
  const costs: LoadCost[] = [];
  for (let i = 0; i < LOAD_PAGES; i++) {
    const page = await context.newPage();
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] }, transferMode: 'ReportEvents' });
    await page.goto(dayUrl(base, s, 950 + i));
    await waitForBadgeCount(page, 1, 60_000);
    await page.waitForTimeout(1_000);
    await cdp.send('Tracing.end');
    await complete;
    costs.push(loadCost(events, origin));
    await closeSettled(page);
  }
  const total = costs.map((c) => c.evaluation + c.calls);
  const range = (xs: number[]) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  const evaluationTask = costs.map((c) => c.evaluationTask?.duration ?? 0);
  const callTask = costs.map((c) => c.longestCallTask?.duration ?? 0);
  return [
    {
      group: liveGroup(s),
      measure: "page load: Unitwise's main-thread time until its markers are drawn",
      value: median(total),
      unit: 'ms',
      note: `median of ${LOAD_PAGES} fresh pages, traced: its script's evaluation ${median(costs.map((c) => c.evaluation)).toFixed(0)} ms, then its calls (the first read in steps, markers) ${median(costs.map((c) => c.calls)).toFixed(0)} ms; the task of its evaluation ${range(evaluationTask)}, the longest task of its calls ${range(callTask)}`,
    },
    {
      group: liveGroup(s),
      measure: 'page load: long tasks (>50 ms) Unitwise made long',
      value: median(costs.map((c) => c.madeLong)),
      unit: 'tasks',
      note: `median of the same ${LOAD_PAGES} pages (${costs.map((c) => c.madeLong).join(', ')}); a task is Unitwise's when it would be 50 ms or less without its script. The issue's budget of none is set for typing; the content script's evaluation is one such task on this host.`,
    },
  ];
}

/** Typing with the extension at 12 keys a second, with what reached the evaluation and the markers. */
async function liveRound(context: BrowserContext, url: string, s: Size, edits: readonly Edit[]): Promise<LiveRound> {
  const page = await openDaySheet(context, url, true);
  let worker = await serviceWorker(context);
  const tabId = await tabIdOf(worker, url);
  await worker.evaluate(recordSession, tabId);
  if (!(await inOverlay(page, recordMarkers))) throw new Error('no Unitwise overlay on the day sheet');
  const detectedBefore = (await detectionCount(page)) ?? 0;
  const typed = await typeEdits(page, edits, PACED);
  await page.waitForTimeout(REACH_MS);
  worker = await serviceWorker(context);
  const log = await sessionLog(worker);
  const totals = markerTotals(s, edits);
  const toMarker = (await inOverlay(page, markerDelays, typed.keys.map((at, k) => ({ at, totals: totals[k]! })))).map((d) => (d !== null && d <= REACH_MS ? d : null));
  const detections = ((await detectionCount(page)) ?? 0) - detectedBefore;
  await closeSettled(page);
  return { ...typed, toEvaluation: evaluationDelays(log, typed.keys, edits, s), toMarker, bytesPerKey: bytesPerKey(log, typed.keys), detections };
}

/** Per edit: ms from its keydown to the first stored change holding it, or null past REACH_MS. */
function evaluationDelays(log: SessionLog, keys: readonly number[], edits: readonly Edit[], s: Size): (number | null)[] {
  return edits.map((e, k) => {
    const at = keys[k];
    if (at === undefined) return null;
    const hit = log.changes.find(([t, stored]) => t >= at && reached(stored, e.visit, e.row, typedMinutes(e), s.rows));
    return hit && hit[0] - at <= REACH_MS ? hit[0] - at : null;
  });
}

/** storage.session bytes written after each keystroke, until the next one (the last: until the log ends). */
function bytesPerKey(log: SessionLog, keys: readonly number[]): number[] {
  return keys.map((at, k) => log.writes.filter(([t]) => t >= at && t < (keys[k + 1] ?? Infinity)).reduce((a, [, b]) => a + b, 0));
}

// ---------------------------------------------------------------------------------------
// Event listeners: on window, document and every element, in every world (the content
// script's are in its isolated world), over the DevTools protocol.

/**
 * Listeners on window (in every world: each world's window reports only its own), and on
 * document and every element (all worlds' at once, with pierce); those on nodes outside the
 * page's own tree (Unitwise's overlay, inside its shadow root) are counted apart.
 */
async function listenerCount(page: Page): Promise<{ page: number; overlay: number }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const worlds: number[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context.id));
    await cdp.send('Runtime.enable'); // reports the existing contexts before it answers
    const listeners = async (expression: string, contextId: number | undefined, depth: number, pierce: boolean) => {
      const { result } = await cdp.send('Runtime.evaluate', { expression, contextId });
      return (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId!, depth, pierce })).listeners;
    };
    let onWindow = 0;
    for (const id of worlds) onWindow += (await listeners('window', id, 0, false)).length;
    const light = new Set<number>();
    const walk = (n: { backendNodeId: number; children?: unknown[] }) => {
      light.add(n.backendNodeId);
      for (const c of n.children ?? []) walk(c as typeof n);
    };
    walk((await cdp.send('DOM.getDocument', { depth: -1, pierce: false })).root);
    const inDocument = await listeners('document', undefined, -1, true);
    const overlay = inDocument.filter((l) => l.backendNodeId !== undefined && !light.has(l.backendNodeId)).length;
    return { page: onWindow + inDocument.length - overlay, overlay };
  } finally {
    await cdp.detach();
  }
}

// ---------------------------------------------------------------------------------------
// First read in Chromium, without the extension.

/** One read of the whole page as the content script does it: the one place to change when the reader's entry point does (a page-level reader). */
const readPageSource = () => `import { vocabularyOptions } from './lib/extract/read';
  import { PageSession } from './lib/live/page-session';
  const options = { ...${readerOptionsSource()}, shown: (el) => el.checkVisibility() };
  window.__unitwiseRead = () => new PageSession(document, () => options).flush()?.visits.length;`;

/** The floor read (read-floor.ts) as a page bundle, reached as the reader is (`__unitwiseRead`). */
const floorReadSource = `import { installFloorRead } from './test/bench/read-floor';
  installFloorRead();
  window.__unitwiseRead = window.__unitwiseFloorRead;`;

/** Fresh pages per size for the cold read (its code not run yet: what a page's first read costs). */
const COLD_PAGES = 3;

/**
 * Per fresh page: the first read, as the page's first read by a content script just loaded
 * costs (after the page's first frame; the code not compiled or optimised yet), then the median
 * of the next 8 (warm: the reader's own cost while it is still being optimised) and of reads 11–30
 * (compiled: what a re-read costs once the code is optimised).
 */
export async function firstRead(context: BrowserContext, url: string, bundle: string): Promise<{ cold: number; warm: number; compiled: number }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.addScriptTag({ content: bundle });
  const times = await page.evaluate(() => {
    const read = (window as unknown as { __unitwiseRead: () => unknown }).__unitwiseRead;
    const t: number[] = [];
    for (let i = 0; i < 30; i++) {
      const s = performance.now();
      read();
      t.push(performance.now() - s);
    }
    return t;
  });
  await page.close();
  return { cold: times[0]!, warm: median(times.slice(1, 9)), compiled: median(times.slice(10)) };
}

// ---------------------------------------------------------------------------------------

const p95 = (xs: readonly number[]) => percentile(xs, 95);
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const got = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);
const ms = (n: number) => `${Number.isNaN(n) ? 'n/a' : n.toFixed(1)} ms`;
/** The ratio's 95% bootstrap interval, as the note prints it. */
const interval = (a: readonly number[], b: readonly number[]) => {
  const [lo, hi] = ratioInterval(a, b);
  return `95% interval ${lo.toFixed(2)}–${hi.toFixed(2)}`;
};

/** What the rounds of one page size gathered. */
interface Pooled {
  /** Keystroke latencies, long tasks and harness lag, per browser and pace. */
  latencies: Record<'without' | 'with' | 'burstWithout' | 'burstWith', number[]>;
  longTasks: Record<'without' | 'with' | 'burstWithout' | 'burstWith', number[]>;
  lag: Record<'paced' | 'burst', number[]>;
  toEvaluation: (number | null)[];
  toMarker: (number | null)[];
  bytes: number[];
  detections: number;
  /** Long tasks of the traced pages with Unitwise (tracedLongTasks). */
  traced: LongTask[];
}

const fourWays = () => ({ without: [] as number[], with: [] as number[], burstWithout: [] as number[], burstWith: [] as number[] });

/** Alternating rounds on one page size: without and with Unitwise, at 12 keys a second and in bursts. */
async function typingRounds(base: string, s: Size, withExt: BrowserContext, without: BrowserContext): Promise<Pooled> {
  const perRound = Math.ceil(KEYSTROKES / ROUNDS);
  const pooled: Pooled = { latencies: fourWays(), longTasks: fourWays(), lag: { paced: [], burst: [] }, toEvaluation: [], toMarker: [], bytes: [], detections: 0, traced: [] };
  let run = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const edits = editsFor(s, perRound, round);
    const burstEdits = editsFor(s, Math.ceil(perRound / BURST.keys(edits[0]!).length), round);
    const plain = async (pace: Pace) => {
      const page = await openDaySheet(without, dayUrl(base, s, run++), false);
      const typed = await typeEdits(page, pace === BURST ? burstEdits : edits, pace);
      await page.close();
      return typed;
    };
    const withBurst = async () => {
      const page = await openDaySheet(withExt, dayUrl(base, s, run++), true);
      const typed = await typeEdits(page, burstEdits, BURST);
      await page.waitForTimeout(REACH_MS); // its backlog must not spill into the next page's figures
      await closeSettled(page);
      return typed;
    };
    const got = { without: await plain(PACED), with: await liveRound(withExt, dayUrl(base, s, run++), s, edits), burstWithout: await plain(BURST), burstWith: await withBurst() };
    for (const k of ['without', 'with', 'burstWithout', 'burstWith'] as const) {
      pooled.latencies[k].push(...got[k].latencies);
      pooled.longTasks[k].push(...got[k].longTasks);
    }
    pooled.lag.paced.push(...got.without.lag);
    pooled.lag.burst.push(...got.burstWithout.lag);
    pooled.toEvaluation.push(...got.with.toEvaluation);
    pooled.toMarker.push(...got.with.toMarker);
    pooled.bytes.push(...got.with.bytesPerKey);
    pooled.detections += got.with.detections;
  }
  pooled.traced = await tracedLongTasks(base, s, withExt);
  return pooled;
}

/**
 * p95 of the first edit in each visit (the panel's visit changes: the worker writes the visit
 * left and the visit entered) and of the others: edits come EDITS_PER_VISIT to a visit, in every
 * round, so the first of each run is at an index that is a multiple of it.
 */
function bySwitch(delays: readonly (number | null)[]): string {
  const first = got(delays.filter((_, i) => i % EDITS_PER_VISIT === 0));
  const rest = got(delays.filter((_, i) => i % EDITS_PER_VISIT !== 0));
  return `p95 ${ms(p95(first))} for a visit's first edit, ${ms(p95(rest))} for the others`;
}

/** The typing figures of one page size, with their budgets. */
function typingFigures(s: Size, r: Pooled): Figure[] {
  const group = liveGroup(s);
  const paced = { with: p95(r.latencies.with), without: p95(r.latencies.without) };
  const burst = { with: p95(r.latencies.burstWith), without: p95(r.latencies.burstWithout) };
  const lt = r.longTasks;
  const evaluated = got(r.toEvaluation);
  const marked = got(r.toMarker);
  const n = r.toEvaluation.length;
  const longest = (xs: number[]) => (xs.length ? `, longest ${Math.round(Math.max(...xs))} ms` : '');
  return [
    { group, measure: `page's own typing, keystroke to next paint p95, without Unitwise`, value: paced.without, unit: 'ms', budget: 25, note: `12 keys/s; bursts ${ms(burst.without)}; keys sent a median ${ms(median(r.lag.paced))} (bursts ${ms(median(r.lag.burst))}) after due` },
    { group, measure: 'typing p95 with / without, 12 keys/s', value: paced.with / paced.without, unit: '×', budget: 1.1, note: `${ms(paced.with)} vs ${ms(paced.without)}; ${interval(r.latencies.with, r.latencies.without)}` },
    { group, measure: 'typing p95 with / without, 40-keys/s bursts', value: burst.with / burst.without, unit: '×', budget: 1.25, note: `${ms(burst.with)} vs ${ms(burst.without)}; ${interval(r.latencies.burstWith, r.latencies.burstWithout)}` },
    {
      group,
      measure: 'long tasks (>50 ms) Unitwise made long while typing',
      value: r.traced.filter(madeLong).length,
      unit: 'tasks',
      budget: 0,
      note: `traced pages with Unitwise: ${r.traced.length} long task(s)${r.traced.length ? ` (${r.traced.map((t) => `${Math.round(t.duration)} ms, ${t.ours.toFixed(1)} of it Unitwise's`).join('; ')})` : ''}; timed rounds, with vs without: 12 keys/s ${lt.with.length} vs ${lt.without.length}, bursts ${lt.burstWith.length} vs ${lt.burstWithout.length}${longest([...lt.with, ...lt.burstWith])}`,
    },
    { group, measure: 'keystroke → evaluation stored, p95 (edits that reached it)', value: p95(evaluated), unit: 'ms', budget: 50, note: `median ${ms(median(evaluated))}; ${evaluated.length} of ${n} within ${REACH_MS / 1000} s; ${bySwitch(r.toEvaluation)}` },
    { group, measure: 'keystroke → marker updated, p95 (edits that reached it)', value: p95(marked), unit: 'ms', budget: 50, note: `median ${ms(median(marked))}; ${marked.length} of ${n} within ${REACH_MS / 1000} s; ${bySwitch(r.toMarker)}` },
    { group, measure: `edits that reached the evaluation within ${REACH_MS / 1000} s`, value: n ? (evaluated.length / n) * 100 : NaN, unit: '%', budget: 100, min: true },
    { group, measure: 'full detections per 100 keystrokes that change only values', value: n ? (r.detections / n) * 100 : NaN, unit: 'detections', budget: 0, note: `${r.detections} in ${n} keystrokes` },
    { group, measure: 'storage.session bytes written per keystroke, median', value: median(r.bytes), unit: 'bytes', budget: 8000, note: `mean ${Math.round(mean(r.bytes)).toLocaleString('en-US')}, p95 ${Math.round(p95(r.bytes)).toLocaleString('en-US')} bytes` },
  ];
}

/** A first page typed in, unmeasured, in each browser: the first round must not pay for starting up. */
async function warmUp(base: string, without: BrowserContext, withExt: BrowserContext) {
  for (const [context, extension] of [[without, false], [withExt, true]] as const) {
    const page = await openDaySheet(context, dayUrl(base, ALL_SIZES[0]!, -1), extension);
    await typeEdits(page, editsFor(ALL_SIZES[0]!, EDITS_PER_VISIT, 0), PACED);
    await page.close();
  }
}

/** Listeners Unitwise adds to the 2,000-field page, settled and not typed in. */
async function listenerFigure(base: string, without: BrowserContext, withExt: BrowserContext): Promise<Figure> {
  const small = ALL_SIZES[0]!;
  const count = async (context: BrowserContext, extension: boolean) => {
    const page = await openDaySheet(context, dayUrl(base, small, 0), extension);
    const got = await listenerCount(page);
    await page.close();
    return got;
  };
  const plain = await count(without, false);
  const ext = await count(withExt, true);
  return { group: liveGroup(small), measure: 'event listeners added to the page, with minus without', value: ext.page - plain.page, unit: 'listeners', budget: 10, note: `${ext.page} vs ${plain.page}; ${ext.overlay} more inside Unitwise's own overlay` };
}

/** First read in Chromium at both sizes, the reader run in the page without the extension. */
async function firstReadFigures(base: string, without: BrowserContext): Promise<Figure[]> {
  const bundle = await pageBundle(readPageSource());
  const floorBundle = await pageBundle(floorReadSource);
  const out: Figure[] = [];
  const perField: number[] = [];
  for (const s of ALL_SIZES) {
    const reads: { cold: number; warm: number; compiled: number }[] = [];
    const floor: { cold: number; warm: number; compiled: number }[] = [];
    // (Alternated, page by page: the host's drift falls on both.)
    for (let i = 0; i < COLD_PAGES; i++) {
      reads.push(await firstRead(without, dayUrl(base, s, i), bundle));
      floor.push(await firstRead(without, dayUrl(base, s, 100 + i), floorBundle));
    }
    const cold = reads.map((r) => r.cold);
    const t = median(reads.map((r) => r.warm));
    perField.push(t / fieldsOf(s));
    const compiled = median(reads.map((r) => r.compiled));
    out.push({ group: liveGroup(s), measure: 'first read in Chromium (detect + read the page)', value: t, unit: 'ms', budget: s === ALL_SIZES[0] ? 10 : undefined, note: `median of 8 reads after the first, on each of 3 fresh pages; reads 11–30, compiled: ${compiled.toFixed(1)} ms` });
    out.push({ group: liveGroup(s), measure: 'first read on a fresh page, code not yet warm', value: median(cold), unit: 'ms', note: `what a page's first read costs; median of ${COLD_PAGES} pages (${Math.min(...cold).toFixed(0)}–${Math.max(...cold).toFixed(0)} ms)` });
    out.push({ group: liveGroup(s), measure: 'first read floor: the day sheet read by its known layout', value: median(floor.map((r) => r.warm)), unit: 'ms', note: `what the host allows: no detection, each row's five values by place (test/bench/read-floor.ts); reads 11–30 ${median(floor.map((r) => r.compiled)).toFixed(1)} ms, fresh page ${median(floor.map((r) => r.cold)).toFixed(1)} ms` });
  }
  out.push({ group: liveGroup(ALL_SIZES[1]!), measure: 'first read: cost per field at 20,000 vs 2,000 (1 = linear)', value: perField[1]! / perField[0]!, unit: '×', budget: 2 });
  return out;
}

export async function benchLive(): Promise<Figure[]> {
  const server = await serveDemo();
  const withExt = await launchWithExtension();
  const without = await plainChromium();
  // tsx compiles the functions given to evaluate() with esbuild's keepNames: give the pages
  // the helper it calls.
  for (const context of [withExt.context, without]) await context.addInitScript({ content: 'window.__name = (f) => f;' });
  const out: Figure[] = [];
  try {
    await warmUp(server.url, without, withExt.context);
    for (const s of SIZES) out.push(...typingFigures(s, await typingRounds(server.url, s, withExt.context, without)), ...(await loadFigures(server.url, s, withExt.context)));
    out.push(await listenerFigure(server.url, without, withExt.context));
    out.push(...(await firstReadFigures(server.url, without)));
  } finally {
    await withExt.context.close();
    await without.close();
    await server.close();
  }
  return out;
}
