import type { CDPSession, Frame, Page } from 'playwright-core';
import { PNG } from 'pngjs';

// What the e2e tests look at in a page or frame: the host page's own DOM (to prove Unitwise
// never changes it) and the badges in Unitwise's overlay.
//
// The overlay's shadow root is closed and its host has a random name, so the page (and
// Playwright's page-world evaluate) cannot see into it. The tests read it where Unitwise does:
// in the content script's isolated world, reached over the DevTools protocol, through the
// diagnostics handle the content script keeps there (`unitwiseContent.inspect()`).

export type Target = Page | Frame;

/**
 * Every element of the host page: tag, attributes and form values, leaving out Unitwise's
 * overlay host. `overlayTags`: the host's tag names when known; else any element placed
 * directly under <html> other than head and body (the demo pages have none of their own).
 * Runs in the page (passed to Playwright's or puppeteer's evaluate): uses nothing from here.
 */
export function hostDomInPage(overlayTags?: string[]): string[] {
  const ours = (el: Element) => (overlayTags ? overlayTags.includes(el.localName) : el.parentElement === document.documentElement && el.localName !== 'head' && el.localName !== 'body');
  return [...document.querySelectorAll('*')]
    .filter((el) => !ours(el))
    .map((el) => {
      const attrs = [...el.attributes].map((a) => `${a.name}=${a.value}`).join(' ');
      const value = el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement ? ` value=${el.value}` : '';
      return `<${el.tagName.toLowerCase()} ${attrs}${value}>`;
    });
}


const pageOf = (target: Target): Page => ('page' in target && typeof target.page === 'function' ? target.page() : (target as Page));
const frameOf = (target: Target): Frame => ('mainFrame' in target && typeof target.mainFrame === 'function' ? target.mainFrame() : (target as Frame));

const sessions = new WeakMap<Page, Promise<{ session: CDPSession; contexts: Map<number, { frameId: string; name: string; type: string }> }>>();

/** One DevTools session per page, tracking its execution contexts (the content script's among them). */
function devtools(page: Page) {
  let got = sessions.get(page);
  if (!got) {
    got = (async () => {
      const session = await page.context().newCDPSession(page);
      const contexts = new Map<number, { frameId: string; name: string; type: string }>();
      session.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, { frameId: String(context.auxData?.frameId ?? ''), name: context.name, type: String(context.auxData?.type ?? '') }));
      session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
      session.on('Runtime.executionContextsCleared', () => contexts.clear());
      await session.send('Runtime.enable');
      return { session, contexts };
    })();
    sessions.set(page, got);
  }
  return got;
}

/** The DevTools frame id of a Playwright frame (by its place in the frame tree). */
async function frameIdOf(session: CDPSession, frame: Frame): Promise<string> {
  const path: Frame[] = [];
  for (let f: Frame | null = frame; f; f = f.parentFrame()) path.unshift(f);
  let { frameTree } = await session.send('Page.getFrameTree');
  for (const f of path.slice(1)) {
    const parent = f.parentFrame()!;
    const siblings = parent.childFrames();
    const children = frameTree.childFrames ?? [];
    const match = children.find((c) => c.frame.url === f.url() && (c.frame.name ?? '') === f.name()) ?? children[siblings.indexOf(f)];
    if (!match) throw new Error(`frame ${f.url()} not in the DevTools frame tree`);
    frameTree = match;
  }
  return frameTree.frame.id;
}

/**
 * Evaluates `expression` in the content script's isolated world of `target`'s frame (the
 * newest one); `ran` false when the frame has none or it threw.
 */
export async function inIsolatedWorld<R>(target: Target, expression: string): Promise<{ ran: true; value: R } | { ran: false; error?: string }> {
  const page = pageOf(target);
  const { session, contexts } = await devtools(page);
  const frameId = await frameIdOf(session, frameOf(target));
  const isolated = [...contexts].filter(([, c]) => c.frameId === frameId && c.type === 'isolated' && c.name === 'Unitwise').map(([id]) => id);
  let error: string | undefined;
  // The newest world first (after an extension reload a new one may exist beside the old).
  for (const contextId of isolated.reverse()) {
    const result = await session
      .send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: true })
      .catch((e: Error) => ({ failed: e.message.split('\n')[0]! }));
    if ('failed' in result) error = result.failed;
    else if (result.exceptionDetails) error = result.exceptionDetails.exception?.description?.split('\n')[0] ?? result.exceptionDetails.text;
    else return { ran: true, value: result.result.value as R };
  }
  return { ran: false, error };
}

/**
 * Runs `fn(root, arg)` in the content script's isolated world of `target`'s frame, with `root`
 * the overlay's (closed) shadow root, or null when the frame has no overlay or no Unitwise.
 */
export async function inOverlay<A, R>(target: Target, fn: (root: ShadowRoot | null, arg: A, handle: ContentHandle | null) => R, arg?: A): Promise<R> {
  // (`__name`: the helper esbuild's keepNames puts into compiled functions, as tsx compiles them.)
  const expression = `(() => { const __name = (f) => f; const h = globalThis.unitwiseContent?.inspect?.(); return (${fn.toString()})(h?.root ?? null, ${JSON.stringify(arg ?? null)}, h ?? null); })()`;
  const got = await inIsolatedWorld<R>(target, expression);
  if (got.ran) return got.value;
  // Unitwise's world is there but the question failed in it: say so, rather than asking it
  // again here in node, where it would fail for another reason (no DOM).
  if (got.error) throw new Error(`in Unitwise's isolated world: ${got.error}`);
  // No Unitwise in this frame (yet): the same question about an empty overlay.
  return fn(null, arg as A, null);
}

/** What the content script's diagnostics handle shows (entrypoints/content/index.ts). */
export interface ContentHandle {
  host?: Element;
  root?: ShadowRoot;
  /** Full detections of the form so far. */
  detections: number;
  /** How long all full detections took (ms). */
  readMs?: number;
  /** Whether a whole-page read is under way, in steps. */
  reading?: boolean;
  /** How many steps the last whole-page read took. */
  readSteps?: number;
  /** Whether a draw of many visits is under way, in steps. */
  drawing?: boolean;
  /** Shadow roots whose mutations are watched. */
  shadowRootsWatched?: number;
  /** The page element a field key names. */
  field?(key: string): Element | undefined;
}

/** How many times the content script in `target`'s frame has found the form from scratch. */
export const detectionCount = (target: Target): Promise<number | null> => inOverlay(target, (_root, _arg, handle) => handle?.detections ?? null);

/** The overlay host's tag name in `target`'s frame (random per page load), or null. */
export const overlayTag = (target: Target): Promise<string | null> =>
  inOverlay(target, () => ((globalThis as unknown as { unitwiseContent?: { inspect(): { host?: Element } } }).unitwiseContent?.inspect().host?.localName ?? null) as string | null);

/** Every element of the host page outside Unitwise's overlay: tag, attributes and form values. */
export async function hostDom(target: Target): Promise<string[]> {
  const tag = await overlayTag(target);
  return target.evaluate(hostDomInPage, tag ? [tag] : undefined);
}

/** Every badge in Unitwise's overlay, with where it is drawn. Runs in the isolated world. */
export function badgesIn(root: ShadowRoot | null): Badge[] {
  return [...(root?.querySelectorAll<HTMLElement>('.badge') ?? [])].map((b) => {
    const r = b.getBoundingClientRect();
    // Its short name, then every finding in full (rule, message, action), as its card shows them.
    const text = `${b.getAttribute('aria-label') ?? ''}\n${b.dataset.detail ?? ''}`;
    return { field: b.dataset.field!, rule: b.dataset.rule!, text, left: r.left, top: r.top, width: r.width, height: r.height, display: getComputedStyle(b).display, flash: b.classList.contains('flash') };
  });
}

export interface Badge {
  field: string;
  rule: string;
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  display: string;
  flash?: boolean;
}

export const badges = async (target: Target): Promise<Badge[]> => (await inOverlay(target, badgesIn)) ?? [];

/** Where a marker is drawn, as a user sees it. */
export interface Placement {
  field: string;
  rule: string;
  /** Drawn (not display: none), with a size. */
  shown: boolean;
  /** Wholly inside the viewport. */
  onScreen: boolean;
  /** Nothing is drawn over its centre: the page's elements, or another marker. */
  topmost: boolean;
  /** Pixels between the marker's box and its field's box (0 when they touch or overlap). */
  gap: number;
  /** For a field in a table's row: the marker's middle is on that row (not on the header row or the next row). Null elsewhere. */
  onRow: boolean | null;
  /** Another control of the page (an input, select, textarea, button) under the marker. */
  covers: string | null;
  /** Text of a table cell other than the field's (a Patient cell's "Carl Diaz") under the marker. */
  coversText: string | null;
  /** The marked element: `input[name=units-1]`. */
  element: string;
  /** Its place among the document's elements (-1: none): tells two fields apart whatever their names. */
  elementIndex: number;
  /** Text of a table cell other than the field's within 2 px of the marker, beside it on its line ("Bob Ray" touching an intervention's note marker): it reads as about that cell. */
  touchesText: string | null;
  /** The badge's text ("✕+2") drawn inside its padding, on its own background: none of it runs onto the rounded ends, where white on the page's white is unseen. */
  textFits: boolean;
  /**
   * Wholly inside what the field's containers show: each of its ancestors that clips what it
   * holds (a dialog, a scroll box, a box with paint containment), inside its borders and scroll bars. (Half on a dialog's
   * border, half on its backdrop, a marker reads as about neither.)
   */
  inView: boolean;
  /** Drawn at the edge of its field's view, pointing to the field out of view that way (`left`, `right`), or null: beside its field. */
  edge: string | null;
}

/** In the isolated world: each badge's placement against the field it marks. */
function placementsIn(root: ShadowRoot | null, _arg: unknown, handle: ContentHandle | null): Placement[] {
  const order = new Map([...document.getElementsByTagName('*')].map((el, i) => [el, i]));
  // The page's controls on screen, measured once.
  const controls = [...document.querySelectorAll('input, select, textarea, button')].map((el) => [el, el.getBoundingClientRect()] as const).filter(([, box]) => box.bottom > 0 && box.top < innerHeight);
  // Table cells showing text and holding no control, where their words are drawn.
  const texts = [...document.querySelectorAll('td, th, [role="cell"], [role="gridcell"], [role="rowheader"], [role="columnheader"]')]
    .filter((c) => c.textContent!.trim() && !c.querySelector('input, select, textarea, button'))
    .map((c) => {
      const range = document.createRange();
      range.selectNodeContents(c);
      return [c, range.getBoundingClientRect()] as const;
    })
    .filter(([, box]) => box.width > 0 && box.bottom > 0 && box.top < innerHeight);
  const describe = (el: Element) => `${el.localName}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : el.id ? `#${el.id}` : ''}`;
  return [...(root?.querySelectorAll<HTMLElement>('.badge') ?? [])].map((b) => {
    const r = b.getBoundingClientRect();
    const field = handle?.field?.(b.dataset.field!);
    const f = field?.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const gap = f ? Math.max(0, f.left - r.right, r.left - f.right, f.top - r.bottom, r.top - f.bottom) : Infinity;
    const overlapping = (o: DOMRect) => o.left < r.right && r.left < o.right && o.top < r.bottom && r.top < o.bottom;
    const row = field?.closest('tr, [role="row"]')?.getBoundingClientRect();
    const ownCell = field?.closest('td, th, [role="cell"], [role="gridcell"], [role="rowheader"], [role="columnheader"]');
    const text = texts.find(([el, box]) => el !== ownCell && el !== field && overlapping(box))?.[0];
    const near = (o: DOMRect) => o.top < r.bottom && r.top < o.bottom && Math.max(o.left - r.right, r.left - o.right) < 2;
    const touching = texts.find(([el, box]) => el !== ownCell && el !== field && !overlapping(box) && near(box))?.[0];
    const other = controls.find(([el, box]) => el !== field && !field?.contains(el) && overlapping(box))?.[0];
    return {
      field: b.dataset.field!,
      rule: b.dataset.rule!,
      shown: getComputedStyle(b).display !== 'none' && r.width > 0,
      onScreen: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
      topmost: root!.elementFromPoint(cx, cy) === b,
      gap,
      onRow: row ? cy >= row.top && cy <= row.bottom : null,
      covers: other ? describe(other) : null,
      coversText: text ? `“${text.textContent!.trim().slice(0, 30)}”` : null,
      touchesText: touching ? `“${touching.textContent!.trim().slice(0, 30)}”` : null,
      element: field ? describe(field) : '(none)',
      elementIndex: field ? (order.get(field) ?? -1) : -1,
      edge: b.dataset.edge ?? null,
      inView: (() => {
        for (let el = field?.parentElement; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
          const s = getComputedStyle(el);
          // (Paint containment clips too: `contain: paint`, `content-visibility: auto`.)
          const contained = /\b(paint|strict|content)\b/.test(s.contain) || /^(auto|hidden)$/.test(s.getPropertyValue('content-visibility'));
          if ((s.overflowX === 'visible' && s.overflowY === 'visible' && !contained) || s.display === 'inline' || s.display === 'contents') continue;
          const c = el.getBoundingClientRect();
          const left = c.left + el.clientLeft;
          const top = c.top + el.clientTop;
          // (Half a pixel for rounding: markers are placed on whole pixels.)
          if (r.left < left - 0.5 || r.top < top - 0.5 || r.right > left + el.clientWidth + 0.5 || r.bottom > top + el.clientHeight + 0.5) return false;
        }
        return true;
      })(),
      textFits: (() => {
        const range = document.createRange();
        range.selectNodeContents(b);
        const t = range.getBoundingClientRect();
        // (Its padding is 4 px: 1 px of it may hold a glyph's edge.)
        return t.width === 0 || (t.left >= r.left + 3 && t.right <= r.right - 3);
      })(),
    };
  });
}

/**
 * Placements on a settled frame: markers follow a scroll in the next animation frame, before
 * it is painted, so a measurement taken between the scroll and that frame sees where they were.
 * (At most 300 ms: a page in a background tab gets no frames.)
 */
export async function placements(target: Target): Promise<Placement[]> {
  await target.evaluate(() => new Promise((done) => {
    setTimeout(done, 300);
    requestAnimationFrame(() => requestAnimationFrame(done));
  }));
  return (await inOverlay(target, placementsIn)) ?? [];
}

/** Every marker is drawn, on top, beside (within 6 px of) the field it marks and on its row in a table, wholly inside the field's dialog or scroll box, and covers no other control and no other cell's text. */
export function expectWellPlaced(all: readonly Placement[], expect: (v: unknown, m?: string) => { toBe(v: unknown): void; toBeLessThanOrEqual(v: number): void; toBeNull(): void }) {
  for (const p of all) {
    expect(p.shown, `marker ${p.field} drawn`).toBe(true);
    expect(p.topmost, `marker ${p.field} on top`).toBe(true);
    expect(p.gap, `marker ${p.field} beside ${p.element}`).toBeLessThanOrEqual(6);
    expect(p.onRow !== false, `marker ${p.field} on the row of ${p.element}`).toBe(true);
    expect(p.inView, `marker ${p.field} wholly inside the dialog or scroll box of ${p.element}`).toBe(true);
    expect(p.covers, `marker ${p.field} covers another control`).toBeNull();
    expect(p.coversText, `marker ${p.field} covers another cell's text`).toBeNull();
    expect(p.touchesText, `marker ${p.field} touches another cell's text`).toBeNull();
    expect(p.textFits, `marker ${p.field}'s text on its own background`).toBe(true);
  }
}

/** Waits until the frame's badges (all their aria-labels joined) satisfy `test`. */
export async function waitForBadges(frame: Target, test: (all: string) => boolean, what: string, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await badges(frame)).map((b) => `[${b.field}] ${b.text}`).join('\n');
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; badges were:\n${last}`);
}

/** Waits until the frame has at least `n` badges. */
export async function waitForBadgeCount(frame: Target, n: number, timeout = 15_000): Promise<Badge[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const now = await badges(frame);
    if (now.length >= n) return now;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} badges; there are ${now.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Elements under <html> other than head and body: Unitwise's overlay host, on the demo pages. Runs in the page. */
export const overlayHostCount = (target: Target): Promise<number> =>
  target.evaluate(() => [...document.documentElement.children].filter((el) => el.localName !== 'head' && el.localName !== 'body').length);

/** What a marker hides of the page, as a user sees it (inkUnderMarkers). */
export interface HiddenInk {
  field: string;
  /** The badge's text ("✕ ▸"). */
  text: string;
  edge: string | null;
  /** The badge's box in the frame's pixels. */
  left: number;
  top: number;
  width: number;
  /** Dark pixels of the page under it (text, a select's arrow: anything drawn darker than a control's grey border). */
  dark: number;
  /** The fewest dark pixels a box of its size on its line would hide anywhere from `left` to `right` (the frame's pixels): what the least a marker there must hide is. */
  leastIn(left: number, right: number): number;
}

/** Darker than this in every channel: a glyph's pixel (a control's default border, rgb(118, 118, 118), is not). */
const INK = 100;

/**
 * What each shown marker hides of the page, judged from pixels: the page is shot with the
 * badges hidden, and the dark pixels (the page's text and glyphs: a value, a header, a select's
 * arrow) inside each badge's box are counted. A marker that hides a value reads as that value
 * ("✕+1" on a Units "1"), or leaves the user unable to read it.
 */
export async function inkUnderMarkers(target: Target): Promise<HiddenInk[]> {
  await placements(target);
  const boxes = await inOverlay(target, (root) => {
    const out: { field: string; text: string; edge: string | null; left: number; top: number; width: number; height: number }[] = [];
    for (const b of root?.querySelectorAll<HTMLElement>('.badge') ?? []) {
      if (getComputedStyle(b).display === 'none') continue;
      const r = b.getBoundingClientRect();
      if (r.width > 0) out.push({ field: b.dataset.field!, text: b.textContent!, edge: b.dataset.edge ?? null, left: r.left, top: r.top, width: r.width, height: r.height });
      b.style.visibility = 'hidden';
    }
    return out;
  });
  const page = pageOf(target);
  // (A frame's pixels start inside its element's border, on the page.)
  let dx = 0;
  let dy = 0;
  const frame = frameOf(target);
  if (frame.parentFrame()) {
    const el = await frame.frameElement();
    const box = (await el.boundingBox())!;
    const [bl, bt] = await el.evaluate((e) => [(e as Element).clientLeft, (e as Element).clientTop]);
    dx = box.x + bl!;
    dy = box.y + bt!;
  }
  try {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const png = PNG.sync.read(await page.screenshot());
    const darkIn = (left: number, top: number, width: number, height: number) => {
      let dark = 0;
      const x0 = Math.max(0, Math.round(left + dx));
      const y0 = Math.max(0, Math.round(top + dy));
      const x1 = Math.min(png.width, Math.round(left + dx + width));
      const y1 = Math.min(png.height, Math.round(top + dy + height));
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * png.width + x) * 4;
          if (png.data[i]! < INK && png.data[i + 1]! < INK && png.data[i + 2]! < INK) dark++;
        }
      }
      return dark;
    };
    return boxes.map((b) => ({
      field: b.field,
      text: b.text,
      edge: b.edge,
      left: b.left,
      top: b.top,
      width: b.width,
      dark: darkIn(b.left, b.top, b.width, b.height),
      leastIn: (left: number, right: number) => {
        let least = Infinity;
        for (let x = Math.ceil(left); x + b.width <= right; x++) least = Math.min(least, darkIn(x, b.top, b.width, b.height));
        return least;
      },
    }));
  } finally {
    await inOverlay(target, (root) => root?.querySelectorAll<HTMLElement>('.badge').forEach((b) => b.style.removeProperty('visibility')));
  }
}

/** A marker as a user sees it against its field: what it hides (inkUnderMarkers), and how much of its field its view shows. */
export interface Seen extends Placement, Pick<HiddenInk, 'text' | 'dark' | 'leastIn' | 'left' | 'width'> {
  /** How wide the part of its field in view is (px): 0 for a field scrolled wholly out sideways, its width for one wholly in. */
  fieldShown: number;
  /** Its field's width (px). */
  fieldWidth: number;
  /** Pixels between the marker and the part of its field in view (Infinity when none is). */
  gapToShown: number;
}

/**
 * Each shown marker's placement, what it hides, and how much of its field is in view: inside
 * every box around the field that clips it (a scroll box, a dialog, the frame's window) and
 * right of the cells of its row stuck left before it (a pinned first column).
 */
export async function seenMarkers(target: Target): Promise<Seen[]> {
  const ink = await inkUnderMarkers(target);
  const placed = await placements(target);
  const shown = await inOverlay(target, (root, _a, handle) =>
    Object.fromEntries(
      [...(root?.querySelectorAll<HTMLElement>('.badge') ?? [])].map((b) => {
        const field = handle?.field?.(b.dataset.field!);
        if (!field) return [b.dataset.field!, { width: 0, gap: Infinity, of: 0 }];
        const r = field.getBoundingClientRect();
        let left = Math.max(r.left, 0);
        let right = Math.min(r.right, document.documentElement.clientWidth);
        for (let el = field.parentElement; el && el !== document.body; el = el.parentElement) {
          const s = getComputedStyle(el);
          const contained = /\b(paint|strict|content)\b/.test(s.contain) || /^(auto|hidden)$/.test(s.getPropertyValue('content-visibility'));
          if ((s.overflowX === 'visible' && s.overflowY === 'visible' && !contained) || s.display === 'inline' || s.display === 'contents') continue;
          const c = el.getBoundingClientRect();
          left = Math.max(left, c.left + el.clientLeft);
          right = Math.min(right, c.left + el.clientLeft + el.clientWidth);
        }
        const row = field.closest('tr, [role="row"]');
        const own = field.closest('td, th, [role="gridcell"], [role="cell"]');
        for (const cell of row ? [...row.children] : []) {
          if (cell === own || cell.contains(field) || !(cell.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
          const s = getComputedStyle(cell);
          if (s.position === 'sticky' && s.left !== 'auto') left = Math.max(left, cell.getBoundingClientRect().right);
        }
        const m = b.getBoundingClientRect();
        const width = Math.max(0, right - left);
        const gap = width > 0 ? Math.max(0, left - m.right, m.left - right, r.top - m.bottom, m.top - r.bottom) : Infinity;
        return [b.dataset.field!, { width, gap, of: r.width }];
      }),
    ),
  );
  return ink.flatMap((i) => {
    const p = placed.find((x) => x.field === i.field);
    return p ? [{ ...p, text: i.text, dark: i.dark, leastIn: i.leastIn, left: i.left, width: i.width, fieldShown: shown[i.field]?.width ?? 0, fieldWidth: shown[i.field]?.of ?? 0, gapToShown: shown[i.field]?.gap ?? Infinity }] : [];
  });
}
