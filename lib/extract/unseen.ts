// What on a page Unitwise cannot see, said plainly (issue 16): a grid drawn on a canvas, and
// frames from other sites the practice has not allowed (their content is not the page's, and
// the browser keeps it from Unitwise until that site is allowed). Said as reader notes; the
// side panel offers "Allow this frame's site" for the frames (frameOriginOf).

/** A canvas this big can hold a grid; smaller ones are icons, charts, signatures. */
const MIN_CANVAS = { width: 300, height: 120 };

const FRAME_NOTE = /^A frame from (https?:\/\/[^\s]+) is on this page:/;

export function frameNote(origin: string): string {
  return `A frame from ${origin} is on this page: Unitwise reads it only if that site is allowed (Options → Sites, or Allow below).`;
}

/** Whether a note is the one about a canvas (unseenNotes). */
export const isCanvasNote = (note: string) => /^Part of this page is drawn on (a canvas|\d+ canvases)/.test(note);

/** The origin a frame note names (for "Allow this frame's site"), if it is one. */
export function frameOriginOf(note: string): string | undefined {
  return FRAME_NOTE.exec(note)?.[1];
}

/**
 * The page's canvases and frames with a source, in page order. Asked by tag name, three walks
 * that compare each element's name: one walk matching a list of selectors against every
 * element cost more (about 0.3 ms of a 2,000-field first read). A page with both frames and
 * iframes is queried, so their order stays the page's.
 */
function unseenParts(doc: Document): Element[] {
  const canvases = doc.getElementsByTagName('canvas');
  const iframes = doc.getElementsByTagName('iframe');
  const frames = doc.getElementsByTagName('frame');
  if (iframes.length && frames.length) return Array.from(doc.querySelectorAll('canvas, iframe[src], frame[src]'));
  const found: Element[] = Array.from(canvases);
  for (const f of iframes.length ? iframes : frames) if (f.hasAttribute('src')) found.push(f);
  return found;
}

/**
 * Notes on what the page shows that Unitwise cannot read: large canvases, and frames from
 * other origins (http/https only; about:blank and the page's own origin are read as usual).
 */
export function unseenNotes(doc: Document, origin: string): string[] {
  const notes: string[] = [];
  const found = unseenParts(doc);
  const canvases = found.filter((el): el is HTMLCanvasElement => el.localName === 'canvas' && (el as HTMLCanvasElement).width >= MIN_CANVAS.width && (el as HTMLCanvasElement).height >= MIN_CANVAS.height);
  if (canvases.length) {
    const c = canvases[0]!;
    notes.push(`Part of this page is drawn on ${canvases.length === 1 ? 'a canvas' : `${canvases.length} canvases`} (${c.width}×${c.height} px): Unitwise cannot read what is drawn there. If the visit's lines are in it, check them by hand.`);
  }
  const others = new Set<string>();
  for (const frame of found) {
    if (frame.localName === 'canvas') continue;
    let url: URL;
    try {
      url = new URL(frame.getAttribute('src')!, doc.baseURI);
    } catch {
      continue;
    }
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== origin) others.add(url.origin);
  }
  for (const o of [...others].slice(0, 3)) notes.push(frameNote(o));
  return notes;
}
