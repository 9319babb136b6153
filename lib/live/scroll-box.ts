// Rows in a box that scrolls on its own (issue 16). A virtualised grid or list draws only the
// rows in view inside such a box; when the page does not say how many rows there are
// (no `aria-rowcount`), what the box's content holds beyond the rows drawn is the only sign
// that some rows were not read. Reads the DOM and its layout only; never writes.

import { skippedNow } from './drawn';

const SCROLLS = /^(auto|scroll|overlay)$/;
/** Pixels of content out of view that do not count (rounding, borders, a scroll bar's gutter). */
const SLACK = 4;

/** `overflow-y`, from the shorthand when it is not given apart (DOM emulators do not expand it): "x y" or one value for both. */
const overflowY = (style: CSSStyleDeclaration): string => style.overflowY || style.overflow.trim().split(/\s+/).at(-1) || '';

/** Whether `el` scrolls on its own and has content out of view (memoised for one read of the page). */
function hidesContent(el: Element, memo: Map<Element, boolean>): boolean {
  let hides = memo.get(el);
  if (hides === undefined) {
    const view = el.ownerDocument.defaultView;
    // Content out of view first: it rules out nearly every element without computing its style.
    hides = !!view && el.scrollHeight > el.clientHeight + SLACK && SCROLLS.test(overflowY(view.getComputedStyle(el)));
    memo.set(el, hides);
  }
  return hides;
}

/** What one read of the page has found out about boxes, kept for that read (cleared, not remade, per read: one per keystroke). */
export class BoxMemo {
  readonly hides = new Map<Element, boolean>();
  readonly drawn = new Map<Element, boolean>();
  /** Whether each part's root skips what it holds (skippedNow). */
  readonly roots = new Map<Element, boolean>();
  /** Rows' parents drawn with no box above them that hides content: every row in one has no scroll box (a table's rows ask once, not each up to the body). */
  readonly unboxed = new Set<Element>();

  clear(): void {
    this.hides.clear();
    this.drawn.clear();
    this.roots.clear();
    this.unboxed.clear();
  }
}

/**
 * Whether the browser draws `row` now ({@link skippedNow} of its parent: its rows share it, and a
 * skipped part skips all of them), memoised for one read. A first read of the 20,000-field day
 * sheet spent 1.2 s of its 1.7 s making the browser lay out its 100 off-screen visits to measure
 * their boxes.
 */
export function rowDrawn(row: Element, memo: BoxMemo): boolean {
  const el = row.parentElement ?? row;
  let is = memo.drawn.get(el);
  if (is === undefined) memo.drawn.set(el, (is = !skippedNow(el, memo.roots)));
  return is;
}

/**
 * The box that scrolls on its own around a row and hides part of the rows' content, or
 * undefined. `container`: the row's grid or table (else the row's parent). A box inside the
 * grid (AG Grid's body viewport) or the grid itself (React Data Grid) counts; a box around the
 * grid counts only when the grid is all its content (a virtualised table in a scrolling <div>,
 * as high as all its rows), not when the grid is one part of a scrolling form, nor when the
 * box adds room of its own below it (a padded panel): there the rows drawn could never reach
 * the end of the content, and an ordinary form would be said to be missing rows. The page's
 * own scrolling never counts: a page draws every row of its forms. null: not known now, the
 * row is not drawn (see {@link rowDrawn}); ask again when it is.
 */
export function scrollBoxOf(row: Element, container: Element, memo: BoxMemo): Element | undefined | null {
  const doc = row.ownerDocument;
  if (!rowDrawn(row, memo)) return null;
  for (let el = row.parentElement; el && el !== doc.body && el !== doc.documentElement; el = el.parentElement) {
    if (!hidesContent(el, memo.hides)) continue;
    if (container === el || container.contains(el)) return el;
    return container.getBoundingClientRect().height >= el.scrollHeight - SLACK ? el : undefined;
  }
  // (No box hides content above the parent: so for every row in it, whatever its container.)
  if (row.parentElement) memo.unboxed.add(row.parentElement);
  return undefined;
}

/**
 * What scrollBoxOf gives for `row` whatever its container, when this read already knows it: null
 * when its parent is not drawn, undefined when no box hides content above it; false when not known.
 */
export function knownScrollBox(row: Element, memo: BoxMemo): null | undefined | false {
  const parent = row.parentElement;
  if (!parent) return false;
  if (memo.drawn.get(parent) === false) return null;
  return memo.unboxed.has(parent) ? undefined : false;
}

interface Span {
  top: number;
  bottom: number;
}

/** A row's box: its own, or its cells' when it has no box of its own (`display: contents` rows of a CSS grid). */
function spanOf(row: Element): Span | undefined {
  const own = row.getBoundingClientRect();
  if (own.height > 0) return { top: own.top, bottom: own.bottom };
  let span: Span | undefined;
  for (const child of Array.from(row.children)) {
    const r = child.getBoundingClientRect();
    if (r.height <= 0) continue;
    span = span ? { top: Math.min(span.top, r.top), bottom: Math.max(span.bottom, r.bottom) } : { top: r.top, bottom: r.bottom };
  }
  return span;
}

/**
 * Whether the rows drawn now reach the start and the end of the box's content (in the box's
 * content, wherever it is scrolled to): the start when less than two rows' height is above the
 * first (room for header rows), the end when the last row ends within half a row of it.
 */
export function reach(box: Element, rows: readonly Element[]): { start: boolean; end: boolean } {
  const b = box.getBoundingClientRect();
  // The top of the box's content, where the page shows it now.
  const origin = b.top + box.clientTop - box.scrollTop;
  let top = Infinity;
  let bottom = -Infinity;
  let height = 0;
  for (const row of rows) {
    const s = spanOf(row);
    if (!s) continue;
    top = Math.min(top, s.top - origin);
    bottom = Math.max(bottom, s.bottom - origin);
    height = Math.max(height, s.bottom - s.top);
  }
  // No row laid out (all hidden): nothing is known to be reached.
  if (!height) return { start: false, end: false };
  return { start: top <= 2 * height + SLACK, end: bottom >= box.scrollHeight - Math.max(SLACK, height / 2) };
}
