// Whether the page draws something else over a marked field: a dialog or a drawer built of
// divs, an autocomplete list, a header or a table's first column stuck over it as it scrolls.
// A marker there would sit on top of what the page shows instead, and read as a mark on that.
// The overlay asks the browser what is drawn at the field's middle (a hit test, after the
// paint) and asks this whether it is the field's.

/** Fields a user types or picks in. (Not buttons: a field's own clear, calendar or drop-down button shares its box.) */
const CONTROLS = 'input:not([type="hidden"]):not([type="button"]):not([type="submit"]):not([type="reset"]), select, textarea, [contenteditable]:not([contenteditable="false"])';
/** How far up from a field its own box is looked for (a floating label's wrapper). */
const OWN_BOX_DEPTH = 4;

/** Whether `node` is `ancestor` or inside it, across shadow roots (a hit test answers with a shadow tree's host). */
export function within(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) if (n === ancestor) return true;
  return false;
}

/**
 * Whether `top`, what the page draws at the middle of `field`, covers it. Not the field, what it
 * holds or what holds it (a field the browser does not hit, `pointer-events: none`), nor what
 * shares the field's own small box with it: a floating label over an input, an icon in its
 * wrapper. The smallest box around both that holds another control (the row under a stuck
 * first column, the table under its stuck header) or none within a few levels (a dialog at the
 * page's end) means something else is drawn there.
 */
export function coveredBy(top: Element, field: Element): boolean {
  if (within(field, top) || within(top, field)) return false;
  const own = field.matches(CONTROLS) ? 1 : 0;
  // (Up through a component's shadow root to its host: a label slotted into it is the host's child.)
  for (let box = parentOf(field), d = 0; box && d < OWN_BOX_DEPTH; box = parentOf(box), d++) {
    if (box.contains(top)) return countControls(box) > own;
  }
  return true;
}

/** An element's parent, or the host of the shadow root it is at the top of. */
const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);

/** The fields in a box: its own, and those in its shadow root when it hosts one (the field's own component). */
const countControls = (box: Element): number => box.querySelectorAll(CONTROLS).length + (box.shadowRoot?.querySelectorAll(CONTROLS).length ?? 0);

/**
 * The closed `<details>` a field is in, and its summary's words (what the user clicks to open
 * it), or undefined: a field the page shows collapsed. (A field in the summary itself is shown.)
 */
export function collapsedSection(field: Element): { parent: Element; name: string } | undefined {
  // (The outermost closed one: a section inside a closed one shows no summary to click.)
  let found: { parent: Element; name: string } | undefined;
  for (let details = field.closest('details'); details; details = details.parentElement?.closest('details') ?? null) {
    const summary = Array.from(details.children).find((c) => c.localName === 'summary');
    if (details.hasAttribute('open') || summary?.contains(field)) continue;
    // ("Details": what the browser shows for one without a summary.)
    found = { parent: details, name: (summary?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80) || 'Details' };
  }
  return found;
}
