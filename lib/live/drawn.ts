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
 * drawn itself (only what it holds is skipped) and says `content-visibility: auto`; a root on
 * screen also draws what it holds, so one element it holds with a box of its own tells the two
 * apart (an element with none, `display: none` or `display: contents`, answers no either way).
 */
export function skippedNow(el: Element, roots?: Map<Element, boolean>): boolean {
  if (typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true })) return false;
  const view = el.ownerDocument.defaultView;
  for (let up = composedParent(el); up; up = composedParent(up)) {
    if (!up.checkVisibility({ contentVisibilityAuto: true })) continue;
    // `roots`: what was found of each part's root in this one look (a root holds many asked).
    let skips = roots?.get(up);
    if (skips === undefined) {
      skips = view?.getComputedStyle(up).getPropertyValue('content-visibility') === 'auto' && !drawsInside(up);
      roots?.set(up, skips);
    }
    return skips;
  }
  return false;
}

/** How many elements under a part's root are asked whether it draws them (each asking costs some 15 µs: a 100-visit page asks for each visit). */
const LOOKED_INSIDE = 12;

/** Elements that never have a box: passed over without asking, and not counted. */
const NO_BOX = new Set(['script', 'style', 'template', 'link', 'meta', 'noscript', 'head', 'title', 'base']);

/**
 * Whether one of the first elements under `root` (in the tree as drawn: slots by what they hold)
 * is drawn with a box of its own. Breadth first, each element's children walked only as far as
 * the asking goes: a visit's table of 40 rows is not listed to ask its first few.
 */
function drawsInside(root: Element): boolean {
  const parents: Element[] = [root];
  let asked = 0;
  for (let p = 0; p < parents.length; p++) {
    const parent = parents[p]!;
    const slotted = parent.localName === 'slot' ? (parent as HTMLSlotElement).assignedElements({ flatten: true }) : undefined;
    let k = 0;
    for (let el = slotted ? slotted[k++] : (parent.shadowRoot ?? parent).firstElementChild; el; el = slotted ? slotted[k++] : el.nextElementSibling) {
      // (A hidden input or an empty slot has no box either: nothing to ask.)
      if (NO_BOX.has(el.localName) || (el.localName === 'input' && (el as HTMLInputElement).type === 'hidden')) continue;
      if (el.localName !== 'slot') {
        if (asked++ === LOOKED_INSIDE) return false;
        if (el.checkVisibility({ contentVisibilityAuto: true })) return true;
      }
      parents.push(el);
    }
  }
  return false;
}

/** The parent as drawn: the slot a light-DOM child is shown in, else its parent, else the host of the shadow root it is at the top of. */
function composedParent(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root && 'host' in root ? (root as ShadowRoot).host : null;
}
