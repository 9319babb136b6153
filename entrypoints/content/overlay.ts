import type { Finding } from '@/lib/model';
import type { Mark } from '@/lib/live/marks';
import { besideStuck, boxOn, chooseSide, clearOf, edgeBox, keepInView, reachOf, TEXT_MARGIN, viewOf, whollyIn, type Box, type Ink, type ClipBox, type Edges, type Side, type Where } from '@/lib/live/placement';
import { barElements, lookInDrawn, type BarLook } from '@/lib/live/page-bars';
import { NearWatch } from '@/lib/live/near-watch';
import { controlsAround, controlsInRow, textCellsBeside } from '@/lib/live/around';
import { coveredBy, within } from '@/lib/live/covered';
import { MarkerCard } from './marker-card';

// Unitwise's only node in the host page: one host element with a closed shadow root, fixed
// over the viewport. Markers are drawn inside it next to the fields findings name; the page's
// own elements are only ever read (getBoundingClientRect), never written.
//
// The page must not be able to read, hide, spoof or remove what Unitwise shows:
// - the shadow root is closed (the page cannot reach the findings or add a fake badge), and
//   the host's name is random per page load, so a page cannot define a custom element with
//   that name in advance (which would let it refuse the shadow root and switch Unitwise off);
// - the host's own styles are inline and !important (page CSS that targets it loses);
// - a host the page removes is put back (at most a few times a second);
// - pointer events on markers stop inside the shadow root: page listeners on its own elements
//   never see them (a capturing listener on window still sees a click on the host itself).

const COLORS: Record<Finding['severity'], string> = { error: '#b3261e', warning: '#8a5300', info: '#245e9c' };
/** Shape as well as colour: severity is never told by colour alone. */
const GLYPHS: Record<Finding['severity'], string> = { error: '✕', warning: '▲', info: 'i' };
const WORDS: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

const HOST_STYLE = 'all: initial !important; display: block !important; position: fixed !important; inset: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important; pointer-events: none !important; visibility: visible !important; opacity: 1 !important; transform: none !important; filter: none !important; clip-path: none !important;';

/**
 * Whether the browser has a top layer a page's element can join (popovers). While the page shows
 * a modal dialog (a charge-entry dialog, painted over any z-index) the host joins the top layer
 * after it, so the dialog's fields keep their markers; at other times it is no popover at all: a
 * page's "one popover open at a time" code would see it open and close its own menus.
 */
const TOP_LAYER = typeof HTMLElement !== 'undefined' && typeof HTMLElement.prototype.showPopover === 'function';

/** Events that stop at Unitwise's shadow root, so the page's own handlers never run for them. */
const OWN_EVENTS = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu', 'touchstart', 'touchend', 'keydown', 'keyup', 'keypress', 'focusin', 'focusout', 'wheel'] as const;

/**
 * Whether the browser renders the field now, and shows it. Long pages skip the layout of what is
 * far off screen (`content-visibility: auto`); measuring a field there would make the browser lay
 * out that part of the page just for Unitwise (hundreds of sections per keystroke on a day sheet).
 * Its badge is hidden until the part scrolls into view.
 */
function rendered(field: Element): boolean {
  return typeof field.checkVisibility !== 'function' || field.checkVisibility({ contentVisibilityAuto: true });
}
/**
 * Whether the page shows the field: rendered, and not in a part hidden by `visibility` or
 * `opacity` (a collapsed accordion that keeps its height). A control made see-through itself, or
 * in its own wrapper, is a custom select's or checkbox's native one, which the user does use: its
 * opacity is not asked. Asked by #checkCovers only.
 */
function shownNow(field: Element): boolean {
  if (typeof field.checkVisibility !== 'function') return true;
  const section = field.parentElement?.parentElement;
  return field.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }) && (!section || section.checkVisibility({ opacityProperty: true }));
}

const CONTROLS = 'input, select, textarea, button, [contenteditable=""], [contenteditable="true"]';

/**
 * How far left of a grid cell's right edge its text ends (px), or undefined for a control or
 * a cell holding one (a marker never covers what the user types in) and for anything not a
 * grid's cell. Measured once, when the marker's side is chosen (layout is clean then).
 */
function roomInside(field: Element, r: DOMRect): number | undefined {
  if (!field.matches('[role="gridcell"], [role="cell"], td') || field.matches(CONTROLS) || field.querySelector(CONTROLS)) return undefined;
  const text = textBox(field);
  return text.width > 0 ? r.right - text.right : r.width;
}

type Rect = Pick<DOMRect, 'left' | 'right' | 'top' | 'bottom'>;
/** A cell's text box widened by TEXT_MARGIN each side (an empty one stays empty). */
const apart = (b: DOMRect): Rect => (b.width > 0 ? { left: b.left - TEXT_MARGIN, right: b.right + TEXT_MARGIN, top: b.top, bottom: b.bottom } : b);

/** Where a cell's text is drawn (its words, not its whole box: a marker may sit in the cell's empty part). */
function textBox(cell: Element): DOMRect {
  const range = cell.ownerDocument.createRange();
  range.selectNodeContents(cell);
  return range.getBoundingClientRect();
}

/** Inputs whose value is one line of text, drawn from the left. */
const ONE_LINE = new Set(['', 'text', 'number', 'search', 'tel']);
let measure: { font: string; measureText(text: string): { width: number; actualBoundingBoxLeft?: number; actualBoundingBoxRight?: number } } | null | undefined;

/**
 * How `text` is drawn in `field`'s font, measured on a canvas, not laid out (px): its advance
 * (`width`), and its glyphs' ink from where it starts (`left`, `right`: a glyph's edge may reach
 * past its advance or stop short of it). Undefined without a canvas.
 */
function drawn(field: Element, style: CSSStyleDeclaration, text: string): { width: number; left: number; right: number } | undefined {
  measure ??= (typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : field.ownerDocument.createElement('canvas').getContext('2d')) ?? null;
  if (!measure) return undefined;
  measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const m = measure.measureText(text);
  return { width: m.width, left: -(m.actualBoundingBoxLeft ?? 0), right: m.actualBoundingBoxRight ?? m.width };
}

/** Where an input's or select's text box starts and ends (inside its border and padding, px). */
function contentEdges(r: DOMRect, style: CSSStyleDeclaration): { start: number; end: number } {
  return { start: r.left + (parseFloat(style.borderLeftWidth) || 0) + (parseFloat(style.paddingLeft) || 0), end: r.right - (parseFloat(style.borderRightWidth) || 0) - (parseFloat(style.paddingRight) || 0) };
}

/**
 * How far left of a text input's right edge its value ends (px): room for a marker at the
 * input's right end, on its own row, where above or below it would sit on the header row or
 * the next row of a table. Undefined for other fields, and for a value drawn from the right.
 */
function roomAfterValue(field: Element, r: DOMRect): number | undefined {
  if (field.localName !== 'input' || !ONE_LINE.has((field.getAttribute('type') ?? '').toLowerCase())) return undefined;
  const style = getComputedStyle(field);
  if (style.direction === 'rtl' || !['left', 'start', '-webkit-left'].includes(style.textAlign)) return undefined;
  const width = drawn(field, style, (field as HTMLInputElement).value)?.width;
  return width === undefined ? undefined : r.right - (contentEdges(r, style).start + width);
}

/**
 * Where a select draws its arrow, from its end inwards (px, its border included): from 4 to 16
 * px (Chromium draws it 5–13 px in, Firefox a little wider); its text starts 4 px after its
 * padding and ends before the arrow's box, 20 px.
 */
const ARROW = { from: 4, to: 16, box: 20, inset: 4 };

/**
 * Where a field or cell draws what the user reads in it: a one-line input's value, a select's
 * chosen option and its arrow, a cell's words; all of any other control (a checkbox, a button, a
 * text area); nothing of an empty input. A marker moved along a row keeps off them (placement.ts
 * clearOf). Read with the layout clean.
 */
function inkOf(el: Element, r: DOMRect): Ink[] {
  if (r.width <= 0 || r.height <= 0) return [];
  const box = (left: number, right: number, cut = false): Ink => ({ left, top: r.top, width: right - left, height: r.height, ...(cut && { cut }) });
  const select = el.localName === 'select' && !(el as HTMLSelectElement).multiple && (el as HTMLSelectElement).size <= 1 ? (el as HTMLSelectElement) : undefined;
  const input = el.localName === 'input' && ONE_LINE.has((el.getAttribute('type') ?? '').toLowerCase()) ? (el as HTMLInputElement) : undefined;
  if (!select && !input) {
    if (el.matches(CONTROLS) || el.querySelector(CONTROLS)) return [box(r.left, r.right)];
    const text = textBox(el);
    return text.width > 0 ? [box(text.left, text.right)] : [];
  }
  const style = getComputedStyle(el);
  const rtl = style.direction === 'rtl';
  let { start, end } = contentEdges(r, style);
  const out: Ink[] = [];
  // (A select's arrow at its end: the right, or the left when it reads right to left.)
  if (select) {
    out.push(rtl ? box(r.left + ARROW.from, r.left + ARROW.to) : box(r.right - ARROW.to, r.right - ARROW.from));
    if (rtl) [start, end] = [Math.max(start, r.left + ARROW.box), end - ARROW.inset];
    else [start, end] = [start + ARROW.inset, Math.min(end, r.right - ARROW.box)];
  }
  const text = select ? (select.selectedOptions[0]?.text ?? '') : input!.value;
  if (!text) return out;
  const ink = drawn(el, style, text) ?? { width: end - start, left: 0, right: end - start };
  const align = style.textAlign.replace('-webkit-', '');
  const from = align === 'center' ? 'center' : align === 'right' || (align === 'end' && !rtl) || (align === 'start' && rtl) ? 'end' : 'start';
  // (A value longer than its box is drawn from its start, cut at the box's end.)
  const cut = ink.width > end - start;
  const origin = from === 'start' || cut ? start : from === 'end' ? end - ink.width : (start + end - ink.width) / 2;
  const left = Math.max(start, origin + ink.left);
  const right = Math.min(end, origin + ink.right);
  if (right > left) out.push(box(left, right, cut));
  return out;
}

/** What a field or cell shows, as a change to it would show: a control's value, a cell's text. */
const shownValue = (el: Element) => ('value' in el ? String((el as HTMLInputElement).value) : (el.textContent ?? ''));

/** A valid custom-element name nobody can guess before the page loads: `x-k3j9a-q0w2e`. */
function randomName(): string {
  const part = () => Array.from(crypto.getRandomValues(new Uint8Array(5)), (b) => 'abcdefghijklmnopqrstuvwxyz'[b % 26]).join('');
  return `${part()}-${part()}`;
}

/** How often a removed host is put back: more removals than this in a second wait for the next second. */
const MAX_REATTACH_PER_SECOND = 5;

/** The least time between two looks at what the page draws over the marked fields (ms). */
const COVERS_EVERY_MS = 250;
/** A look again after the page changed: longer than a layer's usual transition (300–500 ms). */
const COVERS_AGAIN_MS = 700;
/** Markers on screen looked at for what the page draws over their field, per look (#checkCovers): a window's worth. */
const MAX_COVER_TESTS = 150;
/** A list of more fields than this is checked for being off screen as a whole first (#measure). */
const MEASURED_WHOLE = 8;
/** How far up from a field the boxes that clip it are looked for. */
const CLIP_DEPTH = 30;
/** How far off screen (px) a visit's fields may be and still count as shown (badges ready when it scrolls in). */
const OFF_SCREEN_MARGIN = 200;
/** A marker's size (px): fixed, so placing one never waits for the browser to measure it. */
const MARK_HEIGHT = 18;
/** A badge's padding left and right (px), as its style sets it. */
const MARK_PADDING = 4;
/** A badge's text: its glyph, and "+1" for one more finding there (not "✕2", which beside a Units field reads as "bill 2"). */
const markText = (findings: readonly Finding[]) => (findings.length > 1 ? `${GLYPHS[findings[0]!.severity]}+${findings.length - 1}` : GLYPHS[findings[0]!.severity]);
/** Which way a marker at the edge of its field's view points: to the field, out of view that way. */
type Edge = Exclude<Where, 'in'>;
/** A marker's text where it is drawn: beside its field, or at the edge of the view pointing to it ("✕ ▸"). */
const badgeText = (findings: readonly Finding[], edge: Edge | undefined) => (edge === 'right' ? `${markText(findings)} ▸` : edge === 'left' ? `◂ ${markText(findings)}` : markText(findings));
/** The badges' fonts, as their style sets them (`.badge`, `[data-severity="info"]`). */
const MARK_FONT = '700 12px system-ui, sans-serif';
const INFO_FONT = 'italic 700 12px Georgia, serif';
const markWidths = new Map<string, number>();
/**
 * A marker's width (px): its text as the browser draws it in the badge's font, with the
 * padding, at least round (18). Measured once per text, not laid out: placing a marker never
 * waits for the browser. (A width fixed per count cut off the "2" of "✕+2" where the
 * system font draws ✕ wide: white on the page's white.)
 */
function markWidth(findings: readonly Finding[], edge?: Edge): number {
  const info = findings[0]!.severity === 'info';
  const text = badgeText(findings, edge);
  const key = `${info ? 'i' : ''}${text}`;
  let width = markWidths.get(key);
  if (width === undefined) {
    measure ??= (typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null) ?? null;
    let drawn = 8 * text.length; // (no canvas: a bold glyph's width at most)
    if (measure) {
      measure.font = info ? INFO_FONT : MARK_FONT;
      drawn = measure.measureText(text).width;
    }
    markWidths.set(key, (width = Math.max(MARK_HEIGHT, Math.ceil(drawn) + 2 * MARK_PADDING + 2)));
  }
  return width;
}
/** New errors are announced once typing pauses this long (ms). */
const ANNOUNCE_AFTER_MS = 1500;


/** A fixed or sticky bar of the page, where it is now. */
interface Bar {
  element: Element;
  rect: DOMRect;
}

/** Whether `bar` covers the point (x, y) of the field's row: its middle, or where its marker at the view's edge goes (a field inside the bar is not covered by it). */
function covering(bar: Bar, field: Element, x: number, y: number): boolean {
  const b = bar.rect;
  return x >= b.left && x <= b.right && y >= b.top && y <= b.bottom && !bar.element.contains(field);
}

interface Marker {
  key: string;
  field: Element;
  /** The page's fields around it (Mark.near): where it may not go. */
  near: () => Element[];
  badge: HTMLElement;
  findings: Finding[];
  /** What #place last wrote to the badge's style, and the side it chose (kept while the page scrolls). */
  hidden?: boolean;
  /** Whether #place last found the field on screen (its badge shown unless covered). */
  placed?: boolean;
  /** Whether the page draws something else over the field's middle (#checkCovers): its badge is hidden. */
  covered?: boolean;
  left?: number;
  top?: number;
  side?: Side;
  /** Whether #place last drew it at the edge of its field's view, pointing to the field out of view that way. */
  edge?: Edge;
}

/**
 * A marked field as #measure found it: its box, the part of the page its containers show (its
 * scroll box, dialog, the frame's window: lib/live/placement.ts, viewOf), and whether it is in
 * that view or out of it to one side on a row the view shows.
 */
interface Spot {
  rect: DOMRect;
  view: Edges;
  where: Where;
}

/** Where #plan puts each of a visit's markers: whether its field is shown, at which edge of its view it is pinned, its box. */
interface Plan {
  placed: boolean[];
  edges: (Edge | undefined)[];
  boxes: (Box | undefined)[];
}

/** A box that clips what it holds, as its clip list keeps it: whether the user can scroll it sideways. */
interface Clip {
  element: Element;
  scrollsX: boolean;
}

const SCROLLS = /^(auto|scroll|overlay)$/;
/** `contain` values that clip what the box paints (`content`, `strict` hold `paint`). */
const PAINT_CONTAINED = /\b(paint|strict|content)\b/;
/** A table row (or a grid's), and how many of its cells are looked at for ones stuck sideways. */
const ROW = 'tr, [role="row"]';
const ROW_CELLS = 40;

/**
 * A cell of a field's row stuck to its scroll box's left or right edge (position: sticky),
 * before or after the field's cell; or (`own`) the field's own cell, stuck.
 */
interface Stuck {
  cell: Element;
  side: 'left' | 'right' | 'own';
}

/**
 * The part of `el`'s box that shows what it holds, where it is now: inside its borders and
 * scroll bars (a marker on its edge would sit on them), in the page's pixels (a box zoomed or
 * scaled: as its rect is). An element without such a box (inline): its rect.
 */
function shownPart(el: Element, scrollsX: boolean): ClipBox {
  const r = el.getBoundingClientRect();
  const box = el as HTMLElement;
  if (!box.offsetWidth || !(box.clientWidth || box.clientHeight)) return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, scrollsX };
  const sx = r.width / box.offsetWidth;
  const sy = box.offsetHeight ? r.height / box.offsetHeight : sx;
  const left = r.left + box.clientLeft * sx;
  const top = r.top + box.clientTop * sy;
  return { left, top, right: left + box.clientWidth * sx, bottom: top + box.clientHeight * sy, scrollsX };
}

export class Overlay {
  readonly host: HTMLElement;
  readonly #root: ShadowRoot;
  readonly #layer: HTMLDivElement;
  readonly #doc: Document;
  /** Badges by visit key, each beside the field it marks. */
  #visits = new Map<string, Marker[]>();
  /** Each visit's errors (headlines) at its last render: only new ones are announced. */
  readonly #errorsSeen = new Map<string, Set<string>>();
  #toAnnounce: string[] = [];
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #live: HTMLElement;
  /** Whether an element clips what it holds (its overflow), and scrolls sideways: read once per page read. */
  #clipCache = new WeakMap<Element, Clip | null>();
  /** Each marked field's clipping boxes, found once per page read (a scroll only measures them). */
  #clipLists = new WeakMap<Element, Clip[]>();
  /** Each marked field's row's cells stuck sideways (a pinned first column), found once per page read; and whether a cell is stuck, by its style. */
  #stuckLists = new WeakMap<Element, Stuck[]>();
  #stuckCache = new WeakMap<Element, 'left' | 'right' | null>();
  /**
   * The text each marker's row shows around its field (inkOf; #inkNear): the row's fields and
   * cells, and what they showed, found once per page read; their text's boxes measured again when
   * a value changes, as the field's rect was then (the row scrolls with its field).
   */
  #inkLists = new WeakMap<Element, { around: Element[]; values?: string; at: { left: number; top: number }; boxes: Ink[] }>();
  /** The page's fixed and sticky bars (#bars): looked for once, again after a resize, a new form, or a skipped part drawn. */
  #barElements: BarLook | undefined;
  readonly #card: MarkerCard;
  /** The marker being flashed, kept across re-renders until it ends. */
  #flash: { key: string; until: number } | undefined;
  readonly #watch: MutationObserver;
  /**
   * Marked fields near the viewport (within OFF_SCREEN_MARGIN), as the browser reports them
   * while it renders: only these are measured. A 100-visit day sheet has hundreds of markers;
   * measuring each on every keystroke cost more than the page's own typing.
   */
  readonly #nearby: NearWatch | undefined;
  #reattached: number[] = [];
  #retry: ReturnType<typeof setTimeout> | undefined;
  #removed = false;
  /** The page's modal dialog (or fullscreen element) open now: only its fields can be edited, only their markers are drawn. */
  #modal: Element | undefined;
  /** The page's zoom on its root element (`html { zoom: 1.25 }`), which the host would inherit (#followZoom). */
  #pageZoom = 1;
  /** The host's zoom (#followZoom), after its other styles. */
  readonly #zoomStyle: HTMLStyleElement;
  /** A look at what the page draws over the shown markers' fields is due when the page is next idle (#checkCovers). */
  #coversDue = false;
  /** The look again after a change (pageDrew), pending. */
  #coversAgain: ReturnType<typeof setTimeout> | undefined;
  /** When the last look at what the page draws over the fields ran (performance.now()). */
  #coversLooked = -Infinity;

  /** Called once if the page keeps removing or changing the host faster than it is put back. */
  onSuppressed: (() => void) | undefined;
  /** The card's "Open in panel". */
  onOpenPanel: (() => void) | undefined;

  constructor(doc: Document) {
    this.#doc = doc;
    const { host, root } = Overlay.#createHost(doc);
    this.host = host;
    this.#root = root;
    const style = doc.createElement('style');
    style.textContent = `
      :host { all: initial !important; }
      .layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647; }
      .badge { position: fixed; box-sizing: border-box; height: ${MARK_HEIGHT}px; pointer-events: auto; font: 700 12px/${MARK_HEIGHT}px system-ui, sans-serif; color: #fff;
               border-radius: 9px; padding: 0 ${MARK_PADDING}px; text-align: center; cursor: pointer; box-shadow: 0 0 0 1.5px #fff, 0 1px 3px #0006; white-space: nowrap; }
      .badge[data-severity="warning"] { border-radius: 3px; }
      .badge[data-severity="info"] { font-style: italic; font-family: Georgia, serif; }
      .badge:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
      .badge.flash { animation: flash 0.5s ease-in-out 3; outline: 3px solid #f0b400; }
      @keyframes flash { 50% { transform: scale(1.6); } }
      @media (prefers-reduced-motion: reduce) { .badge.flash { animation: none; } }
      .sr { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
      ${MarkerCard.STYLE}
      .ui { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647; }`;
    this.#layer = doc.createElement('div');
    this.#layer.className = 'layer';
    this.#layer.setAttribute('role', 'list');
    this.#layer.setAttribute('aria-label', 'Unitwise billing checks');
    // New errors while typing are said once typing pauses (a polite live region).
    this.#live = doc.createElement('div');
    this.#live.className = 'sr';
    this.#live.setAttribute('role', 'status');
    this.#live.setAttribute('aria-live', 'polite');
    this.#card = new MarkerCard(doc, {
      openPanel: () => this.onOpenPanel?.(),
      closed: (badge) => badge?.focus({ preventScroll: true }),
    });
    this.#zoomStyle = doc.createElement('style');
    this.#root.append(style, this.#zoomStyle, this.#layer, this.#live, this.#card.element);
    for (const type of OWN_EVENTS) this.#root.addEventListener(type, (e) => e.stopPropagation());
    // One set of listeners for every badge: listeners never grow with the number of fields.
    this.#layer.addEventListener('pointerover', (e) => {
      const badge = (e.target as Element).closest?.('.badge') as HTMLElement | null;
      const m = badge && !badge.title ? this.#markerOf(badge) : undefined;
      if (badge && m) badge.title = [...m.findings.map((f) => `${WORDS[f.severity]}: ${f.headline ?? f.message}`), ...(m.edge ? [`(Its field is out of view to the ${m.edge}: click to scroll to it.)`] : [])].join('\n');
    });
    this.#layer.addEventListener('click', (e) => {
      const badge = (e.target as Element).closest?.('.badge') as HTMLElement | null;
      if (badge) this.#toggleCard(badge);
    });
    this.#layer.addEventListener('keydown', (e) => {
      const badge = (e.target as Element).closest?.('.badge') as HTMLElement | null;
      if (!badge) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.#toggleCard(badge);
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'ArrowLeft') {
        e.preventDefault();
        this.focusNext(e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : -1, badge);
      } else if (e.key === 'Escape') this.#card.close();
    });
    this.#nearby =
      typeof IntersectionObserver === 'function'
        ? new NearWatch(
            (onEntries) => new IntersectionObserver(onEntries, { rootMargin: `${OFF_SCREEN_MARGIN}px` }),
            () => this.#nearCame(),
            // (Out of view beside its scroll box or frame, level with the window: its marker goes at the view's edge.)
            (r) => r.bottom > -OFF_SCREEN_MARGIN && r.top < (doc.defaultView?.innerHeight ?? 0) + OFF_SCREEN_MARGIN,
          )
        : undefined;
    this.#attach();
    // Put back a host the page removes (or moves out of the document element); taken out of the top layer, see toggled().
    this.#watch = new MutationObserver(() => this.#ensureAttached());

    this.#observe();
  }

  /** A host element with a closed shadow root; a new name if the page refused one. */
  static #createHost(doc: Document): { host: HTMLElement; root: ShadowRoot } {
    for (let attempt = 0; ; attempt++) {
      const host = doc.createElement(randomName());
      try {
        const root = host.attachShadow({ mode: 'closed' });
        // Styled before it is in the page: the page sees one node added, not a node then a style.
        host.setAttribute('style', HOST_STYLE);
        return { host, root };
      } catch (e) {
        // Only a page that defined this very name could refuse it: try another.
        if (attempt >= 4) throw e;
      }
    }
  }

  #observe() {
    this.#watch.observe(this.#doc, { childList: true });
    if (this.#doc.documentElement) this.#watch.observe(this.#doc.documentElement, { childList: true });
    // The page setting `style`, `hidden`, `inert`, `popover`… on the host is undone too.
    this.#watch.observe(this.host, { attributes: true });
  }

  /**
   * A page zoomed on its root (`html { zoom: 1.25 }`, a "text size" setting) zooms the host in it
   * too: every badge's place, measured in the page's zoomed pixels, would be drawn 1.25 times as
   * far. The host undoes it, so its pixels are the ones fields are measured in. (Read with the
   * measurements, when the page's style is computed anyway. Set from inside the shadow root:
   * its `:host { all: initial !important }` outranks the host's own style attribute.)
   */
  #followZoom(): void {
    const root = this.#doc.documentElement;
    const view = this.#doc.defaultView;
    if (!root || !view) return;
    const zoom = parseFloat(view.getComputedStyle(root).zoom) || 1;
    if (zoom === this.#pageZoom) return;
    this.#pageZoom = zoom;
    this.#zoomStyle.textContent = zoom === 1 ? '' : `:host { zoom: ${1 / zoom} !important; }`;
  }

  /** Whether the host should be in the top layer: over the page's modal dialog, while one is open. */
  #onTop(): boolean {
    return TOP_LAYER && !!this.#modal?.isConnected;
  }

  /** Whether the host is in place, with only its own style (and a popover shown, while over a modal dialog). */
  #intact(): boolean {
    const host = this.host;
    const onTop = this.#onTop();
    return host.parentNode === this.#doc.documentElement && host.attributes.length === (onTop ? 2 : 1) && host.getAttribute('style') === HOST_STYLE && (!onTop || (host.getAttribute('popover') === 'manual' && host.matches(':popover-open')));
  }

  #attach() {
    const parent = this.#doc.documentElement;
    if (!parent) return;
    if (this.host.parentNode !== parent) parent.append(this.host);
    const onTop = this.#onTop();
    for (const a of Array.from(this.host.attributes)) if (a.name !== 'style' && !(onTop && a.name === 'popover')) this.host.removeAttribute(a.name);
    if (this.host.getAttribute('style') !== HOST_STYLE) this.host.setAttribute('style', HOST_STYLE);
    if (!onTop) return;
    if (this.host.getAttribute('popover') !== 'manual') this.host.setAttribute('popover', 'manual');
    // (A page hiding it, hidePopover(), is put right by the toggle listener and the next #ensureAttached.)
    try {
      if (!this.host.matches(':popover-open')) this.host.showPopover();
    } catch {
      // Not shown (a document that refuses it): drawn at the highest z-index, under the dialog.
    }
  }

  /** The host was shown or hidden (the content script's one toggle listener says so): hidden by the page, it is shown again. */
  toggled(): void {
    this.#ensureAttached();
  }

  /**
   * The page opened or closed a dialog: `modal` is its modal dialog now open, if any. Over it the
   * host is shown again in the top layer (the last there is painted on top), and the markers of
   * fields outside it (inert, under its backdrop) are hidden; with none, the host leaves the top
   * layer and is no popover again.
   */
  raise(modal: Element | undefined): void {
    // (The same dialog said twice, by its `open` attribute and its toggle event: shown once.)
    if (modal === this.#modal && (!modal || this.#intact())) return;
    const changed = modal !== this.#modal;
    this.#modal = modal;
    // A dialog opened or closed around the fields (a form moved into it): the boxes that clip
    // them are looked for again, and their markers' sides chosen again, inside the dialog.
    if (changed) this.#forgetBoxes();
    if (TOP_LAYER && this.host.isConnected && !this.#removed) {
      // Hidden first, then shown by #attach (as a popover over the dialog, or none at all).
      try {
        if (this.host.matches(':popover-open')) this.host.hidePopover();
      } catch {
        // As in #attach.
      }
      this.#attach();
    }
    this.position(changed);
  }

  #ensureAttached() {
    if (this.#removed || this.#intact()) return;
    const now = Date.now();
    this.#reattached = this.#reattached.filter((t) => now - t < 1000);
    if (this.#reattached.length >= MAX_REATTACH_PER_SECOND) {
      // A page that removes it in a loop: try again in a second rather than spin with it,
      // and let the side panel say the markers are being kept off the page.
      const report = this.onSuppressed;
      this.onSuppressed = undefined;
      report?.();
      this.#retry ??= setTimeout(() => {
        this.#retry = undefined;
        this.#ensureAttached();
      }, 1000);
      return;
    }
    this.#reattached.push(now);
    this.#attach();
    this.#observe();
    this.position();
  }

  /** The closed shadow root, for the content script's own diagnostics (never handed to the page). */
  get root(): ShadowRoot {
    return this.#root;
  }

  /** Whether `node` is Unitwise's (the host or anything inside its shadow root). */
  owns(node: Node | null | undefined): boolean {
    return !!node && (node === this.host || node.getRootNode() === this.#root);
  }

  /** A layer above the markers for Unitwise's own controls (teach mode), inside the shadow root. */
  ui(): HTMLElement {
    const div = this.#root.ownerDocument.createElement('div');
    div.className = 'ui';
    this.#root.append(div);
    return div;
  }

  /**
   * Draws `visit`'s markers: one per field to fix, in the shape and colour of its worst
   * finding. Badges are kept per visit and per field, and only what changed is written: a
   * keystroke rewrites the badges of the visit it changed, never those of the page's others.
   * `placeOthers`: the other visits' badges are placed again too; a caller drawing many visits
   * at once says no and calls position() after the last (each render placing all the others
   * made a page's first draw cost visits × markers: some 40 ms of a 100-visit day sheet's).
   */
  render(visit: string, marks: readonly Mark<Element>[], placeOthers = true): void {
    // In document order: the tab order and the arrow keys follow the page, and #measure takes a
    // long visit's first and last fields for its extent.
    const sorted = [...marks].sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    // Every field is measured (and every new marker's side chosen) before anything is written:
    // a read after a write would make the browser lay out the whole page again, while right
    // after the paint the layout is still clean and measuring is cheap. The other visits'
    // badges are placed again too (the page may have moved them), cheaply: a visit off screen
    // costs two measurements, not one per badge.
    this.#followZoom();
    const bars = this.#bars();
    const targetSpots = this.#measure(sorted.map((m) => m.element), bars);
    const others = [...this.#visits].filter(([key]) => key !== visit);
    const otherSpots = placeOthers ? others.map(([, markers]) => this.#measure(markers.map((m) => m.field), bars)) : [];
    const before = this.#visits.get(visit) ?? [];
    const old = new Map(before.map((m) => [m.key, m]));
    const markers: Marker[] = [];
    let created = false;
    for (const mark of sorted) {
      const kept = old.get(mark.key);
      old.delete(mark.key);
      let badge = kept?.badge;
      if (!badge) {
        badge = this.#layer.ownerDocument.createElement('span');
        badge.className = 'badge';
        badge.setAttribute('role', 'listitem');
        badge.tabIndex = 0;
        badge.dataset.field = mark.key;
        created = true;
      }
      const m: Marker = kept && kept.field === mark.element ? kept : { key: mark.key, field: mark.element, badge, findings: mark.findings, near: mark.near };
      m.near = mark.near;
      // A marker that grows (a count makes it wider) may need another side.
      if (m.findings.length !== mark.findings.length) m.side = undefined;
      m.findings = mark.findings;
      markers.push(m);
    }
    const sides = this.#chooseSides(markers, targetSpots, others.flatMap(([, ms]) => ms));
    markers.forEach((m, i) => (m.side = sides[i] ?? m.side));
    const plan = this.#plan(markers, targetSpots);
    const otherPlans = placeOthers ? others.map(([, ms], i) => this.#plan(ms, otherSpots[i]!)) : [];
    // Writes from here on.
    for (const m of markers) this.#write(m);
    for (const m of old.values()) m.badge.remove();
    if (created || old.size) {
      // Badges in the order of their fields (the tab order): appended in that order, once.
      for (const m of markers) this.#layer.append(m.badge);
    }
    const had = new Set(before.map((m) => m.field));
    const has = new Set(markers.map((m) => m.field));
    this.#watchFields(markers.filter((m) => !had.has(m.field)), before.filter((m) => !has.has(m.field)));
    if (markers.length) this.#visits.set(visit, markers);
    else this.#visits.delete(visit);
    Overlay.#place(markers, plan);
    if (placeOthers) others.forEach(([, ms], i) => Overlay.#place(ms, otherPlans[i]!));
    this.pageDrew();
    this.#card.refresh((badge) => this.#markerOf(badge)?.findings);
    this.#noteErrors(visit, markers);
  }

  /**
   * What a badge shows and says where it is drawn: its glyph (and count), and a short name (the
   * headline; the whole of each finding is in the card); at the edge of its field's view, an
   * arrow to the field, and that Enter scrolls to it. Unchanged text is not written again.
   */
  static #look(m: Marker): void {
    const { badge, findings, edge } = m;
    const worst = findings[0]!;
    // Text only: labels and messages come from the page and must never become HTML.
    const mark = badgeText(findings, edge);
    if (badge.textContent !== mark) badge.textContent = mark;
    const width = `${markWidth(findings, edge)}px`;
    if (badge.style.width !== width) badge.style.width = width;
    const more = findings.length > 1 ? `, and ${findings.length - 1} more` : '';
    const label = `${WORDS[worst.severity]}: ${worst.headline ?? worst.message}${more}. ${edge ? `Out of view to the ${edge}: Enter scrolls to it.` : 'Enter for details.'}`;
    if (badge.getAttribute('aria-label') !== label) badge.setAttribute('aria-label', label);
    if ((badge.dataset.edge ?? undefined) !== edge) {
      if (edge) badge.dataset.edge = edge;
      else delete badge.dataset.edge;
      if (badge.title) badge.removeAttribute('title'); // made again on hover, saying so
    }
  }

  /** A badge's text: its glyph (and count), a short name, the full findings for the card and tests. */
  #write(m: Marker): void {
    const { badge, findings } = m;
    const worst = findings[0]!;
    const set = (name: string, value: string) => badge.getAttribute(name) !== value && badge.setAttribute(name, value);
    set('data-rule', worst.rule);
    if (badge.dataset.severity !== worst.severity) {
      badge.dataset.severity = worst.severity;
      badge.style.background = COLORS[worst.severity];
    }
    Overlay.#look(m);
    set('data-detail', findings.map((f) => `${f.severity.toUpperCase()} ${f.rule}: ${f.message}${f.action ? ` → ${f.action}` : ''}`).join('\n\n'));
    if (badge.title) badge.removeAttribute('title'); // made again from the new findings on hover
    if (this.#flash?.key === m.key && Date.now() < this.#flash.until) badge.classList.add('flash');
  }

  /**
   * The side of each marker not placed yet (new, or grown), chosen clear of the page's
   * controls and of the markers around it; undefined where its field is off screen (chosen when
   * it comes into view). Reads only: hit tests on a clean layout.
   */
  #chooseSides(markers: readonly Marker[], spots: readonly (Spot | undefined)[], others: readonly Marker[]): (Side | undefined)[] {
    const view = this.#doc.defaultView;
    const width = view?.innerWidth ?? 0;
    const height = view?.innerHeight ?? 0;
    const boxOf = (m: Marker): Box | undefined => (m.hidden || m.left === undefined || m.top === undefined ? undefined : { left: m.left, top: m.top, width: markWidth(m.findings, m.edge), height: MARK_HEIGHT });
    // The other badges' boxes, listed only when one of these markers is on screen (most of a
    // long page's visits have none).
    let taken: Box[] | undefined;
    return markers.map((m, i) => {
      // (A field out of its view, its marker at the view's edge: its side is chosen once it is scrolled to.)
      const spot = spots[i];
      const r = spot?.where === 'in' ? spot.rect : undefined;
      if (!r || (r.width === 0 && r.height === 0) || r.bottom < 0 || r.top > height) return undefined;
      taken ??= others.map(boxOf).filter((b): b is Box => !!b);
      const w = markWidth(m.findings);
      // The fields around it, measured (layout is clean here): no hit test, which would lay out
      // and prepare the whole page for each point (a millisecond each on a day sheet).
      // (Its visit's fields by key, and the page's controls in the rows around it: on a day sheet
      // the next row may be another patient's visit, which no key of this one names.)
      const around = m.side ? undefined : m.near();
      // (Another cell's words with a margin: a marker a pixel from "Bob Ray" reads as a note about him, not about its field.)
      const near = !around ? [] : [...[...around, ...controlsAround(m.field, around)].map((el) => (el.isConnected ? el.getBoundingClientRect() : undefined)), ...textCellsBeside(m.field).map(textBox).map(apart)].filter((b): b is Rect => !!b && b.right > b.left);
      const inside = (b: Rect, x: number, y: number) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
      const row = m.side ? undefined : m.field.closest('tr, [role="row"]')?.getBoundingClientRect();
      const side = m.side ?? chooseSide(r, w, MARK_HEIGHT, { width, height, view: spot!.view, taken, blocked: (x, y) => inside(r, x, y) || near.some((b) => inside(b, x, y)), roomInside: m.side ? undefined : roomInside(m.field, r), roomAfterValue: m.side ? undefined : roomAfterValue(m.field, r), row });
      taken.push(boxOn(side, r, w, MARK_HEIGHT));
      return side;
    });
  }

  /** Errors that were not there at the visit's last render are said once typing pauses. */
  #noteErrors(visit: string, markers: readonly Marker[]): void {
    const now = new Set(markers.flatMap((m) => m.findings.filter((f) => f.severity === 'error').map((f) => f.headline ?? f.message)));
    const before = this.#errorsSeen.get(visit);
    this.#errorsSeen.set(visit, now);
    // (A visit's first render is the page being read, not the user typing: nothing to announce.)
    if (!before) return;
    const fresh = [...now].filter((h) => !before.has(h));
    if (!fresh.length) return;
    this.#toAnnounce = [...this.#toAnnounce.filter((h) => !fresh.includes(h)), ...fresh].slice(-3);
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      // Still errors now (not fixed while typing went on)?
      const still = new Set([...this.#errorsSeen.values()].flatMap((s) => [...s]));
      const say = this.#toAnnounce.filter((h) => still.has(h));
      this.#toAnnounce = [];
      if (say.length) this.#live.textContent = `Unitwise: ${say.length === 1 ? 'new error' : `${say.length} new errors`}: ${say.join('; ')}.`;
    }, ANNOUNCE_AFTER_MS);
  }

  /**
   * Marked fields came near the viewport: their markers are placed now. The observer reports
   * just after a frame, when the layout is clean and measuring is cheap; a badge already in
   * place is not written, so no frame is asked for when nothing moves (a frame asked for
   * between keystrokes keeps the browser on its frame clock, and the next keystroke's frame
   * waits for its tick).
   */
  #nearCame(): void {
    this.position();
  }

  /** Whether a field may be on screen: near the viewport, or not reported on yet. */
  #mayShow(field: Element): boolean {
    return this.#nearby?.mayShow(field) ?? true;
  }

  /** Watches the fields of new markers and forgets those of markers gone. */
  #watchFields(added: readonly Marker[], gone: Iterable<Marker>): void {
    if (!this.#nearby) return;
    for (const m of gone) this.#nearby.remove(m.field);
    for (const m of added) this.#nearby.add(m.field);
  }

  /** A part of the page skipped off screen is drawn now: the bars are looked for in it if the last look passed it over. */
  partDrawn(drawn: Node): void {
    if (!this.#barElements?.passedOver) return;
    this.#barElements = lookInDrawn(this.#barElements, drawn, this.host) ?? this.#barElements;
  }

  /** The page was read again whole (a new form, rows re-rendered): its bars are looked for again. */
  pageChanged(): void {
    this.#forgetBoxes();
    this.#barElements = undefined;
  }

  /** The boxes that clip the fields and the cells stuck beside them are looked for again (their styles read again). */
  #forgetBoxes(): void {
    this.#clipCache = new WeakMap();
    this.#clipLists = new WeakMap();
    this.#stuckLists = new WeakMap();
    this.#stuckCache = new WeakMap();
    this.#inkLists = new WeakMap();
  }

  /** Drops the badges of visits not in `visits` (the page no longer has them). */
  keepVisits(visits: ReadonlySet<string>): void {
    for (const [key, markers] of this.#visits) {
      if (visits.has(key)) continue;
      for (const m of markers) m.badge.remove();
      this.#watchFields([], markers);
      this.#visits.delete(key);
      this.#errorsSeen.delete(key);
    }
  }

  #markerOf(badge: Element): Marker | undefined {
    const key = (badge as HTMLElement).dataset?.field;
    for (const markers of this.#visits.values()) for (const m of markers) if (m.key === key) return m;
    return undefined;
  }

  #toggleCard(badge: HTMLElement): void {
    const m = this.#markerOf(badge);
    if (!m) return;
    if (m.edge) {
      // Out of view at the edge of its scroll box or frame: the field is scrolled into view (the
      // page's data untouched), its marker goes beside it, and its card opens there.
      m.field.scrollIntoView({ block: 'nearest', inline: 'center' });
      this.#outFromUnder(m.field, 'auto');
      this.position();
      if (this.#card.isFor(badge)) return this.#card.follow();
    }
    this.#card.toggle(badge, m.findings);
  }

  /**
   * Moves keyboard focus to the next (1) or previous (-1) marker in page order, from `from` or
   * the one focused; its field is scrolled into view. The shortcut and the arrow keys use it.
   */
  focusNext(direction: 1 | -1, from?: Element): boolean {
    const all = [...this.#visits.values()].flat().sort((a, b) => (a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    if (!all.length) return false;
    const current = from ?? this.#root.activeElement;
    const at = all.findIndex((m) => m.badge === current);
    const next = all[at < 0 ? (direction === 1 ? 0 : all.length - 1) : (at + direction + all.length) % all.length]!;
    next.field.scrollIntoView({ block: 'center' });
    this.position();
    // Still out of its scroll box's view sideways (scrolled to the edge, under a pinned first
    // column): brought to the middle of it, its marker beside it rather than at the edge.
    if (next.edge) {
      next.field.scrollIntoView({ block: 'nearest', inline: 'center' });
      this.#outFromUnder(next.field, 'auto');
      this.position();
    }
    next.badge.focus({ preventScroll: true });
    return true;
  }

  /**
   * Shows the user a field (the side panel's "Show … field"): scrolled smoothly to the middle of
   * the window and of its scroll boxes, both ways; once it stops moving, out from under a column
   * of its row pinned over it. (Scrolled the nearest way sideways, a field left of the view
   * stopped at its scroll box's edge, under the pinned first column, its marker hidden.)
   */
  reveal(field: Element): void {
    field.scrollIntoView({ block: 'center', inline: 'center', behavior: 'smooth' });
    // (Looked at every 50 ms until it has not moved for two looks, at most 2 s: a smooth scroll
    // has no end event where nothing had to scroll, and a timer runs in a tab not drawn.)
    const started = performance.now();
    let last = '';
    let still = 0;
    const look = () => {
      if (this.#removed || !field.isConnected) return;
      const r = field.getBoundingClientRect();
      const at = `${r.left} ${r.top}`;
      still = at === last ? still + 1 : 0;
      last = at;
      if (still >= 2 || performance.now() - started > 2000) this.#outFromUnder(field, 'smooth');
      else setTimeout(look, 50);
    };
    setTimeout(look, 50);
  }

  /**
   * Scrolls the field's nearest box that scrolls sideways (or the window) to bring the field
   * wholly into what the box shows beside the cells of its row stuck to its edges (a pinned
   * first column), to the middle of that; nothing where it is there already, or in a stuck cell
   * itself. (inline: 'center' centres it in the whole box, where a wide pinned column may still
   * cover it.) Reads, then one scroll.
   */
  #outFromUnder(field: Element, behavior: ScrollBehavior): void {
    const scroller = this.#clipsOf(field).find((c) => c.scrollsX && c.element.scrollWidth > c.element.clientWidth)?.element;
    const box = scroller ? shownPart(scroller, true) : this.#windowBox();
    let { left, right } = box;
    for (const { cell, side } of this.#stuckBeside(field)) {
      if (side === 'own') return;
      const c = cell.getBoundingClientRect();
      if (side === 'left') left = Math.max(left, c.right);
      else right = Math.min(right, c.left);
    }
    const r = field.getBoundingClientRect();
    if (r.left >= left && r.right <= right) return;
    // (Wider than the part shown: its start at that part's start.)
    const dx = r.width <= right - left ? (r.left + r.right - left - right) / 2 : r.left - left;
    (scroller ?? this.#doc.defaultView)?.scrollBy({ left: dx, behavior });
  }

  /** How far down the page's own bars fixed or stuck at the top of the window reach (px): what a scroll to a visit must clear. */
  topCover(): number {
    let bottom = 0;
    for (const b of this.#bars()) if (b.rect.top <= 1 && b.rect.bottom > bottom) bottom = b.rect.bottom;
    return bottom;
  }

  /** Draws attention to a field's marker (the side panel's "show on page"). */
  flash(fieldKey: string): void {
    const marker = [...this.#visits.values()].flat().find((m) => m.key === fieldKey);
    if (!marker) return;
    this.#flash = { key: fieldKey, until: Date.now() + 2000 };
    marker.badge.classList.remove('flash');
    void marker.badge.offsetWidth; // restart the animation
    marker.badge.classList.add('flash');
    marker.badge.focus({ preventScroll: true });
    setTimeout(() => marker.badge.classList.remove('flash'), 2000);
  }

  /**
   * Follows the fields as the page scrolls, resizes or re-renders. Every field is measured
   * first and every badge moved after: interleaving the two would make the browser lay the
   * page out again for each of hundreds of fields. `resized`: sides are chosen again.
   */
  position(resized = false): void {
    const groups = [...this.#visits.values()];
    if (resized) for (const m of groups.flat()) m.side = undefined;
    if (resized) {
      this.#barElements = undefined;
      this.#inkLists = new WeakMap();
    }
    this.#followZoom();
    const bars = this.#bars();
    const spots = groups.map((markers) => this.#measure(markers.map((m) => m.field), bars));
    // Markers coming into view for the first time get their side (reads only, before any write).
    const sides = groups.map((markers, i) => (markers.some((m, j) => !m.side && spots[i]![j]?.where === 'in') ? this.#chooseSides(markers, spots[i]!, []) : []));
    groups.forEach((markers, i) => markers.forEach((m, j) => (m.side ??= sides[i]![j])));
    const plans = groups.map((markers, i) => this.#plan(markers, spots[i]!));
    groups.forEach((markers, i) => Overlay.#place(markers, plans[i]!));
    this.pageDrew();
    this.#card.follow();
  }

  /**
   * The page may draw something new over the marked fields (it changed, scrolled, or the badges
   * moved): what it draws there is looked at when the page is next idle. Then the layout is
   * clean and a hit test is cheap; asked before the paint (when badges are placed), each forced
   * the browser to lay out and prepare the whole page (about a millisecond on a day sheet).
   */
  pageDrew(): void {
    // (And once more a little later: a layer the page slides in or fades out with a transition
    // covers the fields, or leaves them, only when it ends, and no change says so.)
    this.#coversAgain ??= setTimeout(() => {
      this.#coversAgain = undefined;
      this.#lookSoon();
    }, COVERS_AGAIN_MS);
    this.#lookSoon();
  }

  #lookSoon(): void {
    if (this.#coversDue || this.#removed) return;
    const view = this.#doc.defaultView;
    if (!view || this.#doc.visibilityState === 'hidden') return;
    this.#coversDue = true;
    // (At most one look per COVERS_EVERY_MS: a page that rewrites its totals on every keystroke
    // asks on every keystroke, and layers come and go at the pace of clicks, not keys.)
    const wait = Math.max(0, this.#coversLooked + COVERS_EVERY_MS - performance.now());
    const look = () => {
      this.#coversDue = false;
      this.#coversLooked = performance.now();
      this.#checkCovers();
    };
    // When the page is idle, after its frame: the layout is clean, and no frame is asked for
    // (an animation frame asked for each look kept the browser drawing frames while the user
    // typed, and the next keystroke waited for one: typing 1.2–1.3× the page's own).
    const whenIdle = () => (typeof view.requestIdleCallback === 'function' ? view.requestIdleCallback(look, { timeout: COVERS_EVERY_MS * 2 }) : setTimeout(look, 0));
    if (wait > 0) setTimeout(whenIdle, wait);
    else whenIdle();
  }

  /**
   * Hides the badges of shown fields the page draws something else over (a dialog or a drawer
   * built of divs, a menu, a header or a column stuck over them as they scroll: lib/live/covered.ts),
   * and shows again those it no longer covers. One hit test per marker on screen.
   */
  #checkCovers(): void {
    const view = this.#doc.defaultView;
    if (!view || this.#removed) return;
    const width = view.innerWidth;
    const height = view.innerHeight;
    let asked = 0;
    for (const markers of this.#visits.values()) {
      for (const m of markers) {
        // (A marker at the edge of its field's view is not on the field: nothing of it is there to cover.)
        if (!m.placed || m.edge) continue;
        const r = m.field.getBoundingClientRect();
        // The middle of the part of the field in the window; a field outside it is not looked at.
        const left = Math.max(r.left, 0);
        const right = Math.min(r.right, width);
        const top = Math.max(r.top, 0);
        const bottom = Math.min(r.bottom, height);
        if (right <= left || bottom <= top || ++asked > MAX_COVER_TESTS) continue;
        // (A section the page hid since the badge was placed, `visibility: hidden`, counts too.)
        const hit = shownNow(m.field) ? this.#pageAt((left + right) / 2, (top + bottom) / 2) : undefined;
        const covered = hit === undefined || (hit !== null && coveredBy(hit, m.field));
        if (covered === !!m.covered) continue;
        m.covered = covered;
        const hidden = covered || !m.placed;
        if (m.hidden !== hidden) m.badge.style.display = (m.hidden = hidden) ? 'none' : '';
      }
    }
  }

  /** The page's element drawn at (x, y), Unitwise's own badges passed over. */
  #pageAt(x: number, y: number): Element | null {
    const hit = this.#doc.elementFromPoint(x, y);
    return hit === this.host ? (this.#doc.elementsFromPoint(x, y).find((e) => e !== this.host) ?? null) : hit;
  }

  /**
   * Each field's rect and view (Spot), undefined for a field not shown now. A long list whose
   * first and last fields are both off screen (or not rendered) is taken as off screen whole,
   * from those two measurements: a 100-visit day sheet is placed with a few hundred
   * measurements, not one per badge. (A visit's fields run down the page in document order; a
   * short list is measured field by field, whatever its layout.) The boxes that clip the fields
   * are measured once per call, however many fields they hold.
   */
  #measure(fields: readonly Element[], bars: readonly Bar[] = []): (Spot | undefined)[] {
    const height = this.#doc.defaultView?.innerHeight ?? 0;
    const modal = this.#modal?.isConnected ? this.#modal : undefined;
    const raw = (field: Element) => (field.isConnected && this.#mayShow(field) && (!modal || within(modal, field)) && rendered(field) ? field.getBoundingClientRect() : undefined);
    const shown = new Map<Element, ClipBox>();
    const cells = new Map<Element, DOMRect>();
    let windowBox: ClipBox | undefined;
    const spot = (field: Element): Spot | undefined => {
      const r = raw(field);
      if (!r) return undefined;
      // Scrolled out of a box that clips it (a data grid's body) above or below, or out of one
      // the user cannot scroll: its marker is hidden, never drawn beside the box. Out of a box
      // or the frame's window that scrolls sideways, on a row it shows: its marker goes at that
      // edge, pointing to it (lib/live/placement.ts, viewOf).
      windowBox ??= this.#windowBox();
      const boxes = this.#clipsOf(field).map(({ element, scrollsX }) => {
        let b = shown.get(element);
        if (!b) shown.set(element, (b = shownPart(element, scrollsX)));
        return b;
      });
      boxes.push(windowBox);
      // Cells of its row stuck to the left or right (a pinned first column): the field under
      // them is out of view that way, and the view ends at their edge (its marker beside them).
      // In a cell stuck itself, its marker stays in that cell: what scrolls under the cell's
      // edge changes (beside it, the marker covered the next column's CPT as it scrolled by).
      const stuck = this.#stuckBeside(field);
      if (stuck.length) {
        const y = r.top + r.height / 2;
        const at = (side: Stuck['side']) =>
          stuck.filter((s) => s.side === side).map(({ cell }) => {
            let b = cells.get(cell);
            if (!b) cells.set(cell, (b = cell.getBoundingClientRect()));
            return b;
          }).filter((b) => b.width > 0 && b.top <= y && b.bottom >= y);
        boxes.unshift(besideStuck(at('left'), at('right')));
        const own = at('own')[0];
        if (own) boxes.unshift({ left: own.left, top: own.top, right: own.right, bottom: own.bottom, scrollsX: false });
      }
      const seen = viewOf(r, boxes);
      if (!seen) return undefined;
      // Under one of the page's fixed or sticky bars (a header it scrolled under), where the
      // field is or where its marker at the view's edge would be: hidden too, never drawn on top of the bar.
      const x = seen.where === 'in' ? r.left + r.width / 2 : seen.where === 'left' ? seen.view.left + 1 : seen.view.right - 1;
      if (bars.some((b) => covering(b, field, x, r.top + r.height / 2))) return undefined;
      return { rect: r, view: seen.view, where: seen.where };
    };
    if (fields.length > MEASURED_WHOLE) {
      const first = raw(fields[0]!);
      const last = raw(fields[fields.length - 1]!);
      const gone = (!first && !last) || (first && last && (last.bottom < -OFF_SCREEN_MARGIN || first.top > height + OFF_SCREEN_MARGIN));
      if (gone) return fields.map(() => undefined);
    }
    return fields.map(spot);
  }

  /**
   * The window as the last box a field is seen through: its width less a scroll bar (a frame's
   * own window, in a frame), from top to bottom of the page (a field below the fold keeps its
   * marker, placed for when it is scrolled to).
   */
  #windowBox(): ClipBox {
    const view = this.#doc.defaultView;
    const inner = view?.innerWidth ?? 0;
    const client = this.#doc.scrollingElement?.clientWidth ?? 0;
    return { left: 0, top: -Infinity, right: client > 0 && client <= inner ? client : inner, bottom: Infinity, scrollsX: true };
  }

  /** The clipping boxes around a field, up to the body, nearest first; each element's style is read once per page read (pageChanged). */
  #clipsOf(field: Element): Clip[] {
    let out = this.#clipLists.get(field);
    if (out) return out;
    out = [];
    this.#clipLists.set(field, out);
    const view = this.#doc.defaultView;
    if (!view) return out;
    for (let el = field.parentElement, depth = 0; el && el !== this.#doc.body && depth < CLIP_DEPTH; el = el.parentElement, depth++) {
      let clip = this.#clipCache.get(el);
      if (clip === undefined) {
        const s = view.getComputedStyle(el);
        // (Not a box that overflow does not apply to, inline or `display: contents`: it clips nothing, and has no rect to clip by.)
        // Paint containment clips too, without a scroll bar: a day sheet's visit with
        // `content-visibility: auto` narrower than its table cuts the table's right columns off.
        const contained = PAINT_CONTAINED.test(s.contain) || /^(auto|hidden)$/.test(s.getPropertyValue('content-visibility'));
        const clips = (s.overflowY !== 'visible' || s.overflowX !== 'visible' || contained) && s.display !== 'inline' && s.display !== 'contents';
        clip = clips ? { element: el, scrollsX: SCROLLS.test(s.overflowX) } : null;
        this.#clipCache.set(el, clip);
      }
      if (clip) out.push(clip);
    }
    return out;
  }

  /**
   * The cells of the field's table row stuck to the left before its cell, or to the right after
   * it (`position: sticky` with `left` or `right`: a pinned first column), and its own cell when
   * stuck; once per page read, each cell's style read once. Most rows have none.
   */
  #stuckBeside(field: Element): Stuck[] {
    let out = this.#stuckLists.get(field);
    if (out) return out;
    out = [];
    this.#stuckLists.set(field, out);
    const view = this.#doc.defaultView;
    const row = field.closest(ROW);
    if (!view || !row) return out;
    const cells = row.children;
    for (let i = 0; i < cells.length && i < ROW_CELLS; i++) {
      const cell = cells[i]!;
      let side = this.#stuckCache.get(cell);
      if (side === undefined) {
        const s = view.getComputedStyle(cell);
        side = s.position !== 'sticky' ? null : s.left !== 'auto' ? 'left' : s.right !== 'auto' ? 'right' : null;
        this.#stuckCache.set(cell, side);
      }
      if (!side) continue;
      if (cell.contains(field)) {
        out.push({ cell, side: 'own' });
        continue;
      }
      // (Stuck left and before the field's cell, or right and after it: a column pinned on the far side does not hide it.)
      const before = !!(cell.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING);
      if ((side === 'left' && before) || (side === 'right' && !before)) out.push({ cell, side });
    }
    return out;
  }

  /**
   * The page's fixed or sticky bars (a header, a footer) where they are now. The elements are
   * looked for among the page's top levels (where such bars live), once, and again after a
   * resize or when the page shows a new form (pageChanged): a hit test per field, or even a few
   * per scroll, lays out and prepares the whole page (about a millisecond each on a day sheet)
   * and made typing twice as slow; reading styles on a timer would cost a style pass each time.
   */
  #bars(): Bar[] {
    const view = this.#doc.defaultView;
    const body = this.#doc.body;
    if (!view || !body) return [];
    this.#barElements ??= barElements(body, this.host);
    const height = view.innerHeight;
    // A bar, not a full-page layout or a dialog: what covers a strip of the page.
    return this.#barElements.bars.map((element) => ({ element, rect: element.getBoundingClientRect() })).filter((b) => b.rect.height > 0 && b.rect.height < height / 2);
  }

  /**
   * Where each badge goes (reads only, before any badge is written): beside its field's rect on
   * its chosen side, wholly inside the view of the field's containers (a dialog, a scroll box);
   * or, for a field out of that view to one side, at that edge of the view on the field's row,
   * pointing to it. A marker not at its chosen place (pinned at the edge; kept in the view on a
   * field the edge cuts) is slid along its row clear of the markers placed and of the values the
   * row shows there (placement.ts clearOf; measured here, once per value): at the edge it hid
   * the next cell's value, on a field half in view its own.
   */
  #plan(markers: readonly Marker[], spots: readonly (Spot | undefined)[]): Plan {
    const placed = spots.map((s) => !!s && (s.rect.width > 0 || s.rect.height > 0));
    const edges = spots.map((s, i) => (placed[i] && s!.where !== 'in' ? (s!.where as Edge) : undefined));
    const boxes: (Box | undefined)[] = markers.map(() => undefined);
    // Beside their fields first, where their side is wholly in view (chosen clear of the page's
    // controls and of each other); then the others, those that may go least far first: a marker
    // on a field the edge cuts, or pointing to one half in view, stays beside the part shown,
    // where one pointing past it may go anywhere in its half of the view ("12 ✕ ▸ | 3 ✕", not
    // "12 ✕ | 3 ✕ ▸": the Units' marker read as the Minutes').
    const taken: Box[] = [];
    const moved: { i: number; at: Box; reach: { left: number; right: number } }[] = [];
    const pinned: Box[] = [];
    markers.forEach((m, i) => {
      const s = spots[i];
      if (!s || !placed[i]) return;
      const edge = edges[i];
      const w = markWidth(m.findings, edge);
      const b = edge ? edgeBox(edge, s.rect, s.view, w, MARK_HEIGHT, pinned) : boxOn(m.side ?? 'right', s.rect, w, MARK_HEIGHT);
      if (edge) pinned.push(b);
      if (!edge && whollyIn(b, s.view)) taken.push((boxes[i] = b));
      else moved.push({ i, at: edge ? b : keepInView(b, s.rect, s.view), reach: reachOf(s.rect, s.view, w, edge) });
    });
    moved.sort((a, b) => a.reach.right - a.reach.left - (b.reach.right - b.reach.left));
    for (const { i, at, reach } of moved) taken.push((boxes[i] = clearOf(at, this.#inkNear(markers[i]!, spots[i]!.rect), taken, reach)));
    return { placed, edges, boxes };
  }

  /**
   * The text the user reads on the marker's row around its field, its own value included (inkOf):
   * from the list kept for the field (#inkLists), moved with the field's rect `r`; measured again
   * when a value on the row changed. (Under a column stuck beside the field the page shows that
   * column, not what scrolls under it; a field in a stuck cell stays put while its row scrolls by:
   * only its cell counts.)
   */
  #inkNear(m: Marker, r: DOMRect): Ink[] {
    let kept = this.#inkLists.get(m.field);
    if (kept && !kept.around.every((e) => e.isConnected)) kept = undefined;
    if (!kept) {
      const stuck = this.#stuckBeside(m.field);
      const own = stuck.find((s) => s.side === 'own')?.cell;
      const counts = (e: Element) => (own ? own.contains(e) : !stuck.some((s) => s.cell.contains(e)));
      const around = [...new Set([m.field, ...controlsInRow(m.field), ...m.near(), ...textCellsBeside(m.field)])].filter(counts);
      this.#inkLists.set(m.field, (kept = { around, at: r, boxes: [] }));
    }
    const values = kept.around.map(shownValue).join('\n');
    if (values !== kept.values) {
      kept.values = values;
      kept.at = { left: r.left, top: r.top };
      kept.boxes = kept.around.flatMap((e) => inkOf(e, e === m.field ? r : e.getBoundingClientRect()));
    }
    const dx = r.left - kept.at.left;
    const dy = r.top - kept.at.top;
    return dx || dy ? kept.boxes.map((b) => ({ ...b, left: b.left + dx, top: b.top + dy })) : kept.boxes;
  }

  /** Moves each badge where #plan put it, and shows the arrow of those at the edge of their view; writes only. */
  static #place(markers: readonly Marker[], plan: Plan): void {
    markers.forEach((m, i) => {
      m.placed = plan.placed[i]!;
      const edge = plan.edges[i];
      if (m.edge !== edge) {
        m.edge = edge;
        Overlay.#look(m);
      }
      const box = plan.boxes[i];
      const hidden = !m.placed || (!!m.covered && !m.edge);
      const left = box ? Math.round(box.left) : m.left;
      const top = box ? Math.round(box.top) : m.top;
      // Unchanged styles are not written again (each write is work for the next frame); what
      // was written is kept on the marker (reading a style back costs more than comparing).
      if (m.hidden !== hidden) m.badge.style.display = (m.hidden = hidden) ? 'none' : '';
      if (m.left !== left) m.badge.style.left = `${(m.left = left)}px`;
      if (m.top !== top) m.badge.style.top = `${(m.top = top)}px`;
    });
  }

  remove(): void {
    this.#removed = true;
    clearTimeout(this.#announceTimer);
    this.#nearby?.disconnect();
    this.#watch.disconnect();
    if (this.#retry) clearTimeout(this.#retry);
    clearTimeout(this.#coversAgain);
    this.host.remove();
  }
}
