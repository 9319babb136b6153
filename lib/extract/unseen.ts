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
 * Notes on what the page shows that Unitwise cannot read: large canvases, and frames from
 * other origins (http/https only; about:blank and the page's own origin are read as usual).
 */
export function unseenNotes(doc: Document, origin: string): string[] {
  const notes: string[] = [];
  // One walk of the page for both (each is a walk of every element: on a 2,000-field form about
  // 0.15 ms of a first read).
  const found = Array.from(doc.querySelectorAll('canvas, iframe[src], frame[src]'));
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
