import { drawnNow } from './drawn';

/** The page's fixed and sticky bars are looked for this deep below <body>, among this many elements. */
const BAR_DEPTH = 4;
const BAR_LOOKUP_ELEMENTS = 400;

/**
 * The page's fixed or sticky elements (a header, a footer, a toolbar), looked for among its top
 * levels, where such bars live, breadth first. `own`: Unitwise's overlay host, never one. An
 * element not drawn is passed over with what is in it: it shows no bar (a fixed element inside
 * a part skipped by `content-visibility` is held by that part, not the window), and asking its
 * style would make the browser render that part (0.3 s on a fresh 100-visit day sheet).
 */
export function barElements(body: Element, own?: Element): Element[] {
  const view = body.ownerDocument.defaultView;
  if (!view) return [];
  const found: Element[] = [];
  let level: Element[] = [body];
  for (let depth = 0; depth < BAR_DEPTH && level.length; depth++) {
    const next: Element[] = [];
    for (const parent of level) {
      for (const el of Array.from(parent.children)) {
        if (next.length + found.length > BAR_LOOKUP_ELEMENTS || el === own || !drawnNow(el)) continue;
        const position = view.getComputedStyle(el).position;
        if (position === 'fixed' || position === 'sticky') found.push(el);
        else next.push(el);
      }
    }
    level = next;
  }
  return found;
}
