// Where a marker goes beside its field: outside the field's box, never over another control
// (the next cell's Units input), another marker or off the screen. Pure: the overlay passes
// the field's rect and a hit test.

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Side = 'right' | 'left' | 'above' | 'below' | 'inside';

/** A box by its edges: the part of the page a field's container shows (its scroll box, dialog or frame, within the window). */
export interface Edges {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** All of the page: no container clips it. */
export const EVERYWHERE: Edges = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };

/** Gap between a field and its marker (px). */
const GAP = 3;

/** The marker's box on `side` of the field `r` (a box of `w` × `h`). */
export function boxOn(side: Side, r: Box, w: number, h: number): Box {
  const middle = r.top + (r.height - h) / 2;
  switch (side) {
    case 'right':
      return { left: r.left + r.width + GAP, top: middle, width: w, height: h };
    case 'left':
      // A field near the window's left edge (a table drawn from x = 20): a narrower gap, down to
      // 1 px, keeps the marker on screen beside it, where it would otherwise go over the field's
      // own text ("Therapeutic exercis").
      return { left: Math.max(r.left - GAP - w, Math.min(0, r.left - 1 - w)), top: middle, width: w, height: h };
    case 'above':
      return { left: r.left + r.width - w, top: r.top - GAP - h, width: w, height: h };
    case 'below':
      return { left: r.left + r.width - w, top: r.top + r.height + GAP, width: w, height: h };
    case 'inside':
      // The field's right end, where short values (minutes, units, codes) leave room.
      return { left: r.left + r.width - w - 2, top: middle, width: w, height: h };
  }
}

const overlaps = (a: Box, b: Box) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

/** What the overlay knows around a field. */
export interface Surroundings {
  /** The viewport's size. */
  width: number;
  height: number;
  /**
   * What the field's containers show of the page (its scroll box, its dialog, the frame's
   * window: see {@link viewOf}): a marker goes wholly inside it, never across its edge (half on
   * a dialog's border, half on the backdrop). All of the window when not given.
   */
  view?: Edges;
  /** Whether the page shows something there a marker must not cover (the field, a field beside it). */
  blocked(x: number, y: number): boolean;
  /** Markers already placed: a new one never covers them. */
  taken: readonly Box[];
  /**
   * The field is a grid's text cell (no control in it) whose text ends this far left of its
   * right edge (px): a marker there, at the cell's right end, is beside the value and on the
   * cell's own row, where outside it would sit on the header row or the next cell's border.
   */
  roomInside?: number;
  /**
   * The field is a text input whose value ends this far left of its right edge (px): when
   * neither side of it is clear (a table's row of inputs), a marker there is on the field's own
   * row and covers no typed text, where above or below it would sit on the header row or the
   * next row's field.
   */
  roomAfterValue?: number;
  /**
   * The field's table row, where it is in one: above and below it are other rows there (the
   * header row, whose "Units" a marker covered while the user typed a long value; the next
   * line), so a marker goes above or below only while its middle stays on this row, else
   * inside the field's right end, as beside a row's other fields.
   */
  row?: { top: number; bottom: number };
}

const SIDES: readonly Side[] = ['right', 'left', 'above', 'below'];

/** Whether the field's middle line is inside the window's height. */
const onScreenMiddle = (r: Box, height: number) => r.top + r.height / 2 >= 0 && r.top + r.height / 2 <= height;

/**
 * The first side where the marker is on screen, clear of other markers and of the page's
 * controls (checked at its corners and middle); inside the field's right end when none is, or
 * first when the field is a text cell with room there (`roomInside`), or before above and below
 * when it is a text cell without room, or a text input with room after its value
 * (`roomAfterValue`), or when above and below are off the field's table row (`row`).
 */
export function chooseSide(r: Box, w: number, h: number, around: Surroundings): Side {
  // The part of the window the field's containers show: every box here is wholly in it.
  const v = around.view ?? EVERYWHERE;
  const left = Math.max(0, v.left);
  const right = Math.min(around.width, v.right);
  const top = Math.max(0, v.top);
  const bottom = Math.min(around.height, v.bottom);
  const fitsInside = (room: number | undefined, need = w + 4) => {
    if (room === undefined || room < need || h > r.height) return false;
    const b = boxOn('inside', r, w, h);
    const onScreen = b.left >= left && b.top >= top && b.left + b.width <= right && b.top + b.height <= bottom;
    return onScreen && !around.taken.some((t) => overlaps(t, b));
  };
  if (fitsInside(around.roomInside)) return 'inside';
  for (const side of SIDES) {
    // Above and below a table's field are other rows (the header, the next line). A text
    // input with room after its value, or a text cell (nothing is typed there, so its text's end
    // may be covered), takes the marker at its own right end instead.
    if (side === 'above' && (fitsInside(around.roomAfterValue) || fitsInside(around.roomInside, -Infinity))) return 'inside';
    const b = boxOn(side, r, w, h);
    if (b.left < left || b.left + b.width > right) continue;
    if ((side === 'above' || side === 'below') && around.row && (b.top + h / 2 < around.row.top || b.top + h / 2 > around.row.bottom)) continue;
    // Beside the field, as much on screen as the field is: a field at the window's bottom (or
    // top) edge keeps its marker on its own row, where above or below it would sit on the next
    // row or the header row (a review saw it there). Above and below must be wholly on screen.
    // (Inside a container that clips, a dialog or a scroll box, wholly inside it whatever the side.)
    const besideOnScreen = (side === 'right' || side === 'left') && onScreenMiddle(r, around.height) && b.top >= v.top && b.top + b.height <= v.bottom;
    if (!besideOnScreen && (b.top < top || b.top + b.height > bottom)) continue;
    if (around.taken.some((t) => overlaps(t, b))) continue;
    // Its corners and middle: a box of 18 px can straddle the next control's edge.
    const xs = [b.left + 1, b.left + b.width / 2, b.left + b.width - 1];
    const ys = [b.top + 2, b.top + b.height - 2];
    if (xs.some((x) => ys.some((y) => around.blocked(x, y)))) continue;
    return side;
  }
  return 'inside';
}

/** A box that clips what it holds, where the page shows it now, and whether the user can scroll it sideways (overflow-x auto or scroll). */
export interface ClipBox extends Edges {
  scrollsX: boolean;
}

/**
 * The part of a field's row that the row's cells stuck to its scroll box's edges leave showing
 * (a first column pinned with `position: sticky; left: 0`): what scrolls under them is out of
 * view, as past the box's edge, and a marker at that edge goes beside them, not on them (it hid
 * the row's intervention). `left`: the boxes of the cells stuck left, before the field's cell;
 * `right`: of those stuck right, after it. As the nearest box for viewOf.
 */
export function besideStuck(left: readonly Edges[], right: readonly Edges[]): ClipBox {
  return { left: Math.max(-Infinity, ...left.map((b) => b.right)), top: -Infinity, right: Math.min(Infinity, ...right.map((b) => b.left)), bottom: Infinity, scrollsX: true };
}

/** Where a field is against the boxes that clip it: in their view, or out of it to one side, on a row they show. */
export type Where = 'in' | 'left' | 'right';

/**
 * Where the field `r` is seen, and the part of the page its containers show (`boxes`, nearest
 * first, the window last, as a box that scrolls: see ClipBox). Out of view (undefined): its middle
 * is above or below one of them (its row is not shown), or beside one the user cannot scroll
 * (a carousel's hidden slide). To the left or right: its middle is beside the nearest one it is
 * out of, which scrolls sideways (a wide table in a narrow frame or scroll box), while its row is
 * shown: a marker at that edge of the view says it is there.
 */
export function viewOf(r: Box, boxes: readonly ClipBox[]): { where: Where; view: Edges } | undefined {
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const view = { ...EVERYWHERE };
  let where: Where = 'in';
  for (const b of boxes) {
    if (y < b.top || y > b.bottom) return undefined;
    if (where === 'in' && (x < b.left || x > b.right)) {
      if (!b.scrollsX) return undefined;
      where = x < b.left ? 'left' : 'right';
    }
    view.left = Math.max(view.left, b.left);
    view.top = Math.max(view.top, b.top);
    view.right = Math.min(view.right, b.right);
    view.bottom = Math.min(view.bottom, b.bottom);
  }
  // A view with no room left (a box scrolled out of its own container's view): nothing to point from.
  if (view.right <= view.left || view.bottom <= view.top) return undefined;
  return { where, view };
}

/**
 * The marker of a field out of view to the left or right (see viewOf): pinned inside that edge of
 * the view, on the field's row (kept wholly in the view), clear of the markers already pinned
 * there (`taken`: the next one goes beside them, inwards).
 */
export function edgeBox(where: 'left' | 'right', r: Box, view: Edges, w: number, h: number, taken: readonly Box[] = []): Box {
  const middle = r.top + (r.height - h) / 2;
  const top = Math.max(view.top, Math.min(middle, view.bottom - h));
  const box: Box = { left: where === 'right' ? view.right - GAP - w : view.left + GAP, top, width: w, height: h };
  for (let i = 0; i <= taken.length; i++) {
    const hit = taken.find((t) => overlaps(t, box));
    if (!hit) break;
    box.left = where === 'right' ? hit.left - GAP - w : hit.left + hit.width + GAP;
  }
  return box;
}

/** How far from the part of its field in view a marker moved along its row may go (px): beside it still, not beside the next field. */
export const NEAR = 2 * GAP;

/** How far a marker keeps from the text the user reads (px): touching "Bob Ray", it reads as about him. */
export const TEXT_MARGIN = 4;

/**
 * Text the user reads, where it is drawn (clearOf). `cut`: a value longer than its field shows,
 * cut at the field's end ("Manual therapy: L knee joint mobilization gra"): its end is not read
 * there anyway, and where a marker must hide some text it hides that before a value shown whole
 * (the CPT "97140" beside it).
 */
export interface Ink extends Box {
  cut?: boolean;
}

/** What a place along the row costs clearOf: per pixel of text hidden (a cut value's: a quarter), per pixel of the margin kept from it, per pixel from where the marker belongs. */
const HIDES = 1000;
const CLOSE = 1;
const FAR = 0.05;

/**
 * `box`, a marker not at its chosen place beside its field (pinned at the edge of its view,
 * edgeBox; kept in the view at the right end of a field the edge cuts, keepInView), slid along
 * its row within `range` to where it covers none of `taken` (the markers placed before it) and
 * hides none of `ink`: the text the user reads on that row (the values of the fields there and
 * its own field's, a select's chosen option and arrow, a cell's words), keeping TEXT_MARGIN from
 * it; of such places the nearest. Where every place hides some text: the one hiding least (of a
 * cut value's end first).
 * (From a visual review: pinned at a frame's edge a marker hid the Minutes "18" there, then the
 * CPT dropdown's text and arrow; kept on a Units field half in view, its own "1".)
 */
export function clearOf(box: Box, ink: readonly Ink[], taken: readonly Box[], range: { left: number; right: number }): Box {
  const w = box.width;
  const lo = range.left;
  const hi = range.right - w;
  if (hi < lo) return box;
  // Only what is on the marker's row matters: it moves sideways.
  const onRow = (o: Box) => o.top < box.top + box.height && box.top < o.top + o.height;
  const text = ink.filter(onRow);
  const marks = taken.filter(onRow);
  const across = (x: number, left: number, right: number) => Math.max(0, Math.min(x + w, right) - Math.max(x, left));
  const cost = (x: number) => {
    // (A marker on another hides it whole: worse than any text.)
    let c = marks.some((t) => across(x, t.left, t.left + t.width) > 0) ? Infinity : Math.abs(x - box.left) * FAR;
    for (const o of text) {
      const hidden = across(x, o.left, o.left + o.width);
      c += hidden * (o.cut ? HIDES / 4 : HIDES) + (across(x, o.left - TEXT_MARGIN, o.left + o.width + TEXT_MARGIN) - hidden) * CLOSE;
    }
    return c;
  };
  const at = (x: number) => Math.min(hi, Math.max(lo, x));
  // The cost changes only at these: where it is, the range's ends, each text's and its margin's, each marker's.
  const tries = [box.left, lo, hi, ...text.flatMap((o) => [o.left - TEXT_MARGIN - w, o.left - w, o.left + o.width, o.left + o.width + TEXT_MARGIN]), ...marks.flatMap((t) => [t.left - GAP - w, t.left + t.width + GAP])];
  let best = at(box.left);
  let least = cost(best);
  for (const x of tries.map(at)) {
    const c = cost(x);
    if (c < least) [best, least] = [x, c];
  }
  return best === box.left ? box : { ...box, left: best };
}

/** How much of a field must show for it to count as in view beside its marker (px): its value's first digit, after its border and padding. */
const SHOWN = 12;

/**
 * Where along the row a marker moved from its place may go (clearOf's range): beside the part of
 * its field in `view`, within NEAR of it; for a field out of the view, or showing only a sliver of
 * it there (its border), the half of the view at the `edge` its marker is pinned to (further, at
 * the row's other end, it reads as about the field there).
 */
export function reachOf(r: Box, view: Edges, w: number, edge?: 'left' | 'right'): { left: number; right: number } {
  const left = Math.max(r.left, view.left);
  const right = Math.min(r.left + r.width, view.right);
  if (right - left >= SHOWN) return { left: Math.max(view.left, left - NEAR - w), right: Math.min(view.right, right + NEAR + w) };
  const middle = (view.left + view.right) / 2;
  return edge === 'right' ? { left: Math.min(middle, view.right - w), right: view.right } : edge === 'left' ? { left: view.left, right: Math.max(middle, view.left + w) } : { left: view.left, right: view.right };
}

/** Whether `b` is wholly inside `view`. */
export const whollyIn = (b: Box, view: Edges) => b.left >= view.left && b.top >= view.top && b.left + b.width <= view.right && b.top + b.height <= view.bottom;

/**
 * `box`, the marker's place on its side of the field `r`, when that is wholly in the view of the
 * field's containers; else the field's right end, within the part of it in view (a field the
 * user scrolled to the box's edge, the side chosen before: half on the box's border otherwise).
 */
export function keepInView(box: Box, r: Box, view: Edges): Box {
  if (whollyIn(box, view)) return box;
  const left = Math.max(r.left, view.left);
  const shown = { left, top: r.top, width: Math.min(r.left + r.width, view.right) - left, height: r.height };
  const inside = boxOn('inside', shown, box.width, box.height);
  return {
    ...inside,
    left: Math.max(view.left, Math.min(inside.left, view.right - box.width)),
    top: Math.max(view.top, Math.min(inside.top, view.bottom - box.height)),
  };
}
