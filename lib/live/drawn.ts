/**
 * Whether the browser skips rendering `el` now because a part of the page around it is far off
 * screen (`content-visibility: auto`). Asking an element there for its size or style makes the
 * browser render that part just for Unitwise (on a long day sheet, every visit's section).
 * An element with no box of its own (`display: none` or `display: contents`) is not skipped:
 * measuring it costs nothing of the kind. Where the browser cannot say (DOM emulators): not
 * skipped.
 *
 * Asked without styling what is skipped: Chromium answers `checkVisibility({
 * contentVisibilityAuto: true })` for an element in a skipped part at once, where a plain
 * `checkVisibility()` styles the whole part first (some 2 ms for each visit of the 2,000-field
 * day sheet on its first read, a third of that read on a fresh page). Such a part's root is
 * drawn itself (only what it holds is skipped) and says `content-visibility: auto`.
 * (A hidden element right under such a root on screen is taken as skipped too: it is then not
 * measured, and a hidden element has nothing to measure.)
 */
export function skippedNow(el: Element): boolean {
  if (typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true })) return false;
  const view = el.ownerDocument.defaultView;
  for (let up = composedParent(el); up; up = composedParent(up)) {
    if (up.checkVisibility({ contentVisibilityAuto: true })) return view?.getComputedStyle(up).getPropertyValue('content-visibility') === 'auto';
  }
  return false;
}

/** The parent element, or the host of the shadow root `el` is at the top of. */
function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && 'host' in root ? (root as ShadowRoot).host : null;
}
