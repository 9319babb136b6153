/**
 * Whether the browser draws `el` now: not when a part of the page around it is skipped because
 * it is far off screen (`content-visibility: auto`), or not displayed. Asking an element there
 * for its size or style makes the browser render that part just for Unitwise (on a long day
 * sheet, every visit's section). Where the browser cannot say (DOM emulators): drawn.
 */
export function drawnNow(el: Element): boolean {
  return typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true });
}
