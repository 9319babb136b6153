import { skippedNow } from './drawn';

/** The page's fixed and sticky bars are looked for this deep below <body>, among this many elements. */
const BAR_DEPTH = 4;
const BAR_LOOKUP_ELEMENTS = 400;

/**
 * The page's fixed or sticky elements (a header, a footer, a toolbar), looked for among its top
 * levels, where such bars live, breadth first. `own`: Unitwise's overlay host, never one. A part
 * of the page the browser skips off screen is passed over with what is in it: asking its style
 * would make the browser render it (0.3 s on a fresh 100-visit day sheet). A sticky bar in it
 * shows only once it is drawn: `passedOver` says to look again then.
 */
export function barElements(body: Element, own?: Element): { bars: Element[]; passedOver: boolean } {
  const view = body.ownerDocument.defaultView;
  if (!view) return { bars: [], passedOver: false };
  const bars: Element[] = [];
  let passedOver = false;
  let level: Element[] = [body];
  for (let depth = 0; depth < BAR_DEPTH && level.length; depth++) {
    const next: Element[] = [];
    for (const parent of level) {
      for (const el of Array.from(parent.children)) {
        if (next.length + bars.length > BAR_LOOKUP_ELEMENTS || el === own) continue;
        if (skippedNow(el)) {
          passedOver = true;
          continue;
        }
        const position = view.getComputedStyle(el).position;
        if (position === 'fixed' || position === 'sticky') bars.push(el);
        else next.push(el);
      }
    }
    level = next;
  }
  return { bars, passedOver };
}
