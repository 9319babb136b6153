/**
 * Whether the browser skips rendering `el` now because a part of the page around it is far off
 * screen (`content-visibility: auto`). Asking an element there for its size or style makes the
 * browser render that part just for Unitwise (on a long day sheet, every visit's section).
 * An element with no box of its own (`display: none` or `display: contents`) is not skipped:
 * `checkVisibility()` is false for it too, and measuring it costs nothing of the kind. Where the
 * browser cannot say (DOM emulators): not skipped.
 */
export function skippedNow(el: Element): boolean {
  return typeof el.checkVisibility === 'function' && el.checkVisibility() && !el.checkVisibility({ contentVisibilityAuto: true });
}
