import { skippedNow } from './drawn';

/** The page's fixed and sticky bars are looked for this deep below <body>, among this many elements. */
const BAR_DEPTH = 4;
const BAR_LOOKUP_ELEMENTS = 400;

/** What a look for the page's bars found, and the parts it passed over (each with its depth below <body>). */
export interface BarLook {
  bars: Element[];
  passedOver: boolean;
  skipped: { el: Element; depth: number }[];
}

/**
 * The page's fixed or sticky elements (a header, a footer, a toolbar), looked for among its top
 * levels, where such bars live, breadth first. `own`: Unitwise's overlay host, never one. A part
 * of the page the browser skips off screen is passed over with what is in it: asking its style
 * would make the browser render it (0.3 s on a fresh 100-visit day sheet). A sticky bar in it
 * shows only once it is drawn: `passedOver` says to look again then (`lookInDrawn`).
 */
export function barElements(body: Element, own?: Element): BarLook {
  const view = body.ownerDocument.defaultView;
  if (!view) return { bars: [], passedOver: false, skipped: [] };
  return lookFrom(view, Array.from(body.children), 0, own);
}

/** The bars among `first` (elements `depth` below <body>) and below them, to BAR_DEPTH. */
function lookFrom(view: Window, first: Element[], depth: number, own?: Element): BarLook {
  const bars: Element[] = [];
  const skipped: BarLook['skipped'] = [];
  const roots = new Map<Element, boolean>();
  let level = first;
  for (let d = depth; d < BAR_DEPTH && level.length; d++) {
    const parents: Element[] = [];
    for (const el of level) {
      if (parents.length + bars.length > BAR_LOOKUP_ELEMENTS || el === own) continue;
      if (skippedNow(el, roots)) {
        skipped.push({ el, depth: d });
        continue;
      }
      const position = view.getComputedStyle(el).position;
      if (position === 'fixed' || position === 'sticky') bars.push(el);
      else parents.push(el);
    }
    level = parents.flatMap((p) => Array.from(p.children));
  }
  return { bars, passedOver: skipped.length > 0, skipped };
}

/**
 * A part of the page the browser skipped is drawn now (`drawn`, the target of its
 * contentvisibilityautostatechange): the parts `look` passed over that hold it, or that it
 * holds (the skipped part's root is drawn itself: what it holds was passed over), are looked in,
 * and only they, not the page's top levels again (on a 100-visit day sheet a visit's section is
 * drawn at every move to another visit). Undefined when it passed over none of them.
 */
export function lookInDrawn(look: BarLook, drawn: Node, own?: Element): BarLook | undefined {
  const hit = look.skipped.filter((s) => s.el === drawn || s.el.contains(drawn) || drawn.contains(s.el));
  const view = drawn.ownerDocument?.defaultView;
  if (!hit.length || !view) return undefined;
  const bars = [...look.bars];
  const skipped = look.skipped.filter((s) => !hit.includes(s));
  for (const s of hit) {
    const found = lookFrom(view, [s.el], s.depth, own);
    bars.push(...found.bars);
    skipped.push(...found.skipped);
  }
  return { bars, passedOver: skipped.length > 0, skipped };
}
