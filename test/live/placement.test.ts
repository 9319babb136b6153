import { describe, expect, it } from 'vitest';
import { besideStuck, boxOn, chooseSide, clearOf, edgeBox, keepInView, NEAR, reachOf, TEXT_MARGIN, viewOf, type Box, type ClipBox } from '../../lib/live/placement';

// Where a marker goes beside its field (issue 13): outside the field, clear of the page's
// controls and text and of other markers, on screen. Boxes stand for what the page draws.

const field: Box = { left: 100, top: 100, width: 60, height: 22 };
const inside = (b: Box) => (x: number, y: number) => x >= b.left && x < b.left + b.width && y >= b.top && y < b.top + b.height;
const around = (blocks: Box[], taken: Box[] = []) => ({ width: 800, height: 600, taken, blocked: (x: number, y: number) => blocks.some((b) => inside(b)(x, y)) });

describe('marker placement', () => {
  it('goes right of the field when that is clear', () => {
    expect(chooseSide(field, 18, 18, around([field]))).toBe('right');
    const b = boxOn('right', field, 18, 18);
    expect(b.left).toBeGreaterThanOrEqual(field.left + field.width);
    expect(b.top + b.height / 2).toBe(field.top + field.height / 2);
  });

  it('never covers the next input: left, then above, then below, then inside the field\'s right end', () => {
    const next = { left: 170, top: 100, width: 60, height: 22 };
    const previous = { left: 20, top: 100, width: 70, height: 22 };
    const rowAbove = { left: 0, top: 70, width: 800, height: 28 };
    expect(chooseSide(field, 18, 18, around([next]))).toBe('left');
    expect(chooseSide(field, 18, 18, around([next, previous]))).toBe('above');
    expect(chooseSide(field, 18, 18, around([next, previous, rowAbove]))).toBe('below');
    expect(chooseSide(field, 18, 18, around([next, previous, rowAbove, { left: 0, top: 123, width: 800, height: 40 }]))).toBe('inside');
  });

  it('does not straddle a control whose edge is within its box (corners are checked)', () => {
    // An input starting 10 px right of the field, below the marker's middle line only.
    const low = { left: 172, top: 112, width: 60, height: 22 };
    expect(chooseSide(field, 18, 18, around([low]))).not.toBe('right');
  });

  it('never covers another marker, and stays on screen', () => {
    expect(chooseSide(field, 18, 18, around([], [boxOn('right', field, 18, 18)]))).toBe('left');
    const atEdge: Box = { left: 770, top: 100, width: 28, height: 22 };
    expect(chooseSide(atEdge, 18, 18, around([]))).toBe('left');
  });

  it('beside a field near the window\'s left edge: left with a narrower gap, at least 1 px, before inside it', () => {
    // The frame demo's intervention cell, from x = 20, the CPT input right after it.
    const cell: Box = { left: 20, top: 130, width: 163, height: 24 };
    const cpt = { left: 192, top: 132, width: 178, height: 20 };
    expect(chooseSide(cell, 18, 18, around([cpt]))).toBe('left');
    const b = boxOn('left', cell, 18, 18);
    expect(b.left).toBe(0);
    expect(cell.left - (b.left + b.width)).toBeGreaterThanOrEqual(1);
    // No room for even 1 px: not on the left.
    expect(chooseSide({ ...cell, left: 10 }, 18, 18, around([{ ...cpt, left: 182 }]))).not.toBe('left');
    // Far from the edge, the gap is as before.
    expect(boxOn('left', field, 18, 18).left).toBe(field.left - 3 - 18);
  });

  it('a grid\'s text cell with room after its value: inside its right end, on its own row, before any side outside it', () => {
    // A Units cell "3" (text ends 60 px before the cell's edge), its neighbours' cells on either side, the header row above.
    const cell: Box = { left: 546, top: 135, width: 90, height: 35 };
    const neighbours = around([{ left: 446, top: 135, width: 100, height: 35 }, { left: 636, top: 135, width: 110, height: 35 }]);
    expect(chooseSide(cell, 18, 18, neighbours)).toBe('above');
    expect(chooseSide(cell, 18, 18, { ...neighbours, roomInside: 60 })).toBe('inside');
    const b = boxOn('inside', cell, 18, 18);
    expect(b.left + b.width).toBeLessThanOrEqual(cell.left + cell.width);
    expect(b.top + b.height / 2).toBe(cell.top + cell.height / 2);
    // No room after the value (a long intervention name): a side outside it when one is clear
    // on its row; else still its right end (above would be the header row; nothing is typed in a text cell).
    expect(chooseSide(cell, 18, 18, { ...neighbours, roomInside: 10 })).toBe('inside');
    expect(chooseSide(cell, 18, 18, { ...around([]), roomInside: 10 })).toBe('right');
    // Another marker there: a side outside it.
    expect(chooseSide(cell, 18, 18, { ...neighbours, roomInside: 60, taken: [b] })).toBe('above');
  });

  it('a text input with room after its short value, in a row of inputs: inside its right end, on its own row, not on the header row above', () => {
    // A Units input "1" (value ends 150 px before its edge) between the Minutes and Modifiers inputs, a table's header text above.
    const units: Box = { left: 560, top: 312, width: 178, height: 20 };
    const row = around([{ left: 376, top: 312, width: 180, height: 20 }, { left: 742, top: 312, width: 180, height: 20 }]);
    expect(chooseSide(units, 28, 18, row)).toBe('above');
    expect(chooseSide(units, 28, 18, { ...row, roomAfterValue: 150 })).toBe('inside');
    const b = boxOn('inside', units, 28, 18);
    expect(b.top).toBeGreaterThanOrEqual(units.top);
    expect(b.top + b.height).toBeLessThanOrEqual(units.top + units.height);
    // Right of it clear: right, as for any field. Its value reaching its end (a long name), another marker there, or an input lower than the marker: above.
    expect(chooseSide(units, 28, 18, { ...around([]), roomAfterValue: 150 })).toBe('right');
    expect(chooseSide(units, 28, 18, { ...row, roomAfterValue: 20 })).toBe('above');
    expect(chooseSide(units, 28, 18, { ...row, roomAfterValue: 150, taken: [b] })).toBe('above');
    expect(chooseSide({ ...units, height: 16 }, 28, 18, { ...row, roomAfterValue: 150 })).toBe('above');
  });
});

describe('a field in a table row', () => {
  // From a screenshot review: a clinician typed "1111" into a first line's Units input, its
  // value reached the marker's room, and the marker went above it, onto the header row, over
  // "Units"; at 760 px a CPT select filling its cell had its ▲ on the header row too.
  const units: Box = { left: 504, top: 160, width: 75, height: 20 };
  const row = { top: 156, bottom: 184 };
  const neighbours = around([{ left: 412, top: 160, width: 75, height: 20 }, { left: 596, top: 160, width: 74, height: 20 }]);

  it('keeps its marker on that row: inside its right end, not above or below it on another row', () => {
    expect(chooseSide(units, 39, 18, neighbours)).toBe('above');
    expect(chooseSide(units, 39, 18, { ...neighbours, row })).toBe('inside');
    expect(chooseSide(units, 39, 18, { ...neighbours, roomAfterValue: 38, row })).toBe('inside');
    const b = boxOn('inside', units, 39, 18);
    expect(b.top + b.height / 2).toBeGreaterThanOrEqual(row.top);
    expect(b.top + b.height / 2).toBeLessThanOrEqual(row.bottom);
  });

  it('above or below it while that is still its row (a tall row), and beside it whatever the row', () => {
    expect(chooseSide(units, 39, 18, { ...neighbours, row: { top: 120, bottom: 184 } })).toBe('above');
    expect(chooseSide(units, 39, 18, { ...neighbours, row: { top: 156, bottom: 230 } })).toBe('below');
    expect(chooseSide(units, 18, 18, { ...around([]), row })).toBe('right');
  });
});

describe('a field at the window’s edge', () => {
  // From a screenshot review: a field just above the window's bottom had its marker put above
  // it, on the row above (the header row for a first line), because beside it the marker's box
  // went 5 px past the edge.
  it('keeps its marker beside it, on its own row, while its middle is on screen', () => {
    const low: Box = { left: 100, top: 585, width: 60, height: 22 };
    expect(chooseSide(low, 18, 18, around([low]))).toBe('right');
    const high: Box = { left: 100, top: -8, width: 60, height: 22 };
    expect(chooseSide(high, 18, 18, around([high]))).toBe('right');
  });

  it('above and below still have to be wholly on screen', () => {
    const low: Box = { left: 100, top: 585, width: 60, height: 22 };
    const sides = { left: 0, top: 585, width: 800, height: 22 };
    // Both sides taken by the row's other fields: above (wholly on screen), not below (off it).
    expect(chooseSide(low, 18, 18, around([sides]))).toBe('above');
  });
});

describe('a field inside a container that clips it (a dialog, a scroll box, a frame)', () => {
  // From a visual review: in a modal "Charges" dialog the intervention's note marker went left of
  // its cell, across the dialog's border, half on the backdrop.
  const dialog = { left: 276, top: 258, right: 1004, bottom: 462 };
  const cell: Box = { left: 293, top: 361, width: 115, height: 42 };
  const cpt = { left: 419, top: 371, width: 178, height: 20 };
  const row = { top: 360, bottom: 404 };
  const options = { ...around([cpt]), width: 1280, height: 720, row };

  it('its marker goes wholly inside the container: the field\'s right end, not left of it across the border', () => {
    expect(chooseSide(cell, 18, 18, options)).toBe('left');
    expect(chooseSide(cell, 18, 18, { ...options, view: dialog, roomInside: 24 })).toBe('inside');
    // With room for it on the left inside the dialog: left, as before.
    expect(chooseSide({ ...cell, left: 320 }, 18, 18, { ...options, view: dialog })).toBe('left');
  });

  it('a side chosen before (the field scrolled to the container\'s edge since): its marker is kept inside, at the field\'s shown right end', () => {
    const right = boxOn('right', cell, 18, 18);
    expect(keepInView(right, cell, { left: 0, top: 0, right: 1280, bottom: 720 })).toEqual(right);
    // The box's right edge cuts the field: the marker goes at the right end of what is shown of it.
    const box = { left: 200, top: 0, right: 350, bottom: 720 };
    const kept = keepInView(right, cell, box);
    expect(kept.left + kept.width).toBeLessThanOrEqual(box.right);
    expect(kept.left).toBeGreaterThanOrEqual(cell.left);
    expect(kept.top + kept.height / 2).toBe(cell.top + cell.height / 2);
  });
});

describe('a field out of its scroll box\'s or frame\'s view', () => {
  // From a visual review: at 760 px a frame narrower than its table cut off the Units and
  // Modifiers columns, and their markers with them, with nothing to say so.
  const frame: ClipBox = { left: 0, top: -Infinity, right: 553, bottom: Infinity, scrollsX: true };
  const units: Box = { left: 650, top: 325, width: 60, height: 20 };

  it('to the right of it, on a row it shows: right; in it: in; the window only bounds it sideways', () => {
    expect(viewOf(units, [frame])).toEqual({ where: 'right', view: { left: 0, top: -Infinity, right: 553, bottom: Infinity } });
    expect(viewOf({ ...units, left: -100 }, [frame])?.where).toBe('left');
    expect(viewOf({ ...units, left: 400 }, [frame])?.where).toBe('in');
    // Below the fold of the page: in (its marker placed for when it is scrolled to).
    expect(viewOf({ ...units, left: 400, top: 5000 }, [frame])?.where).toBe('in');
  });

  it('out of a scroll box: at the edge of what the box shows, within the window; above or below it, hidden', () => {
    const pane: ClipBox = { left: 100, top: 200, right: 500, bottom: 400, scrollsX: true };
    expect(viewOf(units, [pane, frame])).toEqual({ where: 'right', view: { left: 100, top: 200, right: 500, bottom: 400 } });
    expect(viewOf({ ...units, top: 420 }, [pane, frame])).toBeUndefined();
    expect(viewOf({ ...units, left: 300, top: 150 }, [pane, frame])).toBeUndefined();
  });

  it('out of a box the user cannot scroll sideways (a carousel\'s hidden slide): hidden; out of a scroll box inside a box that only clips (a card with rounded corners): at the scroll box\'s edge', () => {
    const carousel: ClipBox = { left: 100, top: 200, right: 500, bottom: 400, scrollsX: false };
    expect(viewOf(units, [carousel, frame])).toBeUndefined();
    const scroller: ClipBox = { left: 100, top: 200, right: 500, bottom: 400, scrollsX: true };
    const card: ClipBox = { left: 90, top: 190, right: 510, bottom: 410, scrollsX: false };
    expect(viewOf(units, [scroller, card, frame])?.where).toBe('right');
  });

  it('its marker is pinned inside that edge on the field\'s row, wholly in the view; a second on the row goes beside the first', () => {
    const view = { left: 0, top: 0, right: 553, bottom: 560 };
    const b = edgeBox('right', units, view, 31, 18);
    expect(b.left + b.width).toBeLessThanOrEqual(view.right);
    expect(b.left + b.width).toBeGreaterThan(view.right - 6);
    expect(b.top + b.height / 2).toBe(units.top + units.height / 2);
    const next = edgeBox('right', { ...units, left: 760 }, view, 25, 18, [b]);
    expect(next.left + next.width).toBeLessThanOrEqual(b.left);
    // (Another row: no need to move.)
    expect(edgeBox('right', { ...units, top: 357 }, view, 25, 18, [b]).left).toBe(view.right - 3 - 25);
    const l = edgeBox('left', { ...units, left: -200 }, view, 25, 18);
    expect(l.left).toBeGreaterThanOrEqual(view.left);
    expect(l.left).toBeLessThan(view.left + 6);
    // A row at the view's bottom edge: the marker stays wholly inside.
    const low = edgeBox('right', { ...units, top: 552 }, view, 25, 18);
    expect(low.top + low.height).toBeLessThanOrEqual(view.bottom);
  });

  it('a marker beside a field half out at the edge gives way inwards to the marker pinned there; elsewhere it stays', () => {
    const view = { left: 11, top: 90, right: 711, bottom: 170 };
    const pin = edgeBox('right', { left: 800, top: 145, width: 80, height: 20 }, view, 31, 18);
    const beside = { left: 690, top: 146, width: 18, height: 18 };
    const moved = clearOf(beside, [], [pin], view);
    expect(moved.left + moved.width).toBeLessThanOrEqual(pin.left);
    expect(moved.top).toBe(beside.top);
    expect(clearOf({ ...beside, top: 118 }, [], [pin], view)).toEqual({ ...beside, top: 118 });
    const left = edgeBox('left', { left: -100, top: 145, width: 80, height: 20 }, view, 31, 18);
    expect(clearOf({ ...beside, left: 20 }, [], [left], view).left).toBeGreaterThanOrEqual(left.left + left.width);
  });
  // From a visual review (s49): a wide grid's first column pinned (position: sticky; left: 0).
  it('under a cell of its row stuck to the left (a pinned first column): out of view to the left, its marker pinned beside that cell, not on it', () => {
    const wrap: ClipBox = { left: 11, top: 90, right: 711, bottom: 170, scrollsX: true };
    const pinned = { left: 11, top: 115, right: 229, bottom: 141 };
    const row = besideStuck([pinned], []);
    const under = { left: 120, top: 118, width: 80, height: 20 };
    const seen = viewOf(under, [row, wrap, frame])!;
    expect(seen.where).toBe('left');
    expect(seen.view.left).toBe(229);
    expect(edgeBox('left', under, seen.view, 31, 18).left).toBeGreaterThanOrEqual(229);
    // Right of the pinned column: in view; a column stuck to the right bounds it on that side.
    expect(viewOf({ ...under, left: 300 }, [row, wrap, frame])?.where).toBe('in');
    expect(viewOf({ ...under, left: 650 }, [besideStuck([pinned], [{ left: 640, top: 115, right: 711, bottom: 141 }]), wrap, frame])?.where).toBe('right');
    // No stuck cells: the row does not bound the view.
    expect(viewOf({ ...under, left: 300 }, [besideStuck([], []), wrap, frame])?.view).toEqual({ left: 11, top: 90, right: 553, bottom: 170 });
  });
});

describe('a marker moved from its place (pinned at the edge of its view, or on a field the edge cuts) keeps off the text the row shows', () => {
  // From a visual review (s50): the billing frame at 600 px, scrolled sideways. Row 0: the CPT
  // select (its text to 514, its arrow 521–533), the Minutes input cut by the frame's edge at
  // 583 ("18" at 557–571); the Units out of view to the right. (Where the glyphs are drawn: a
  // marker keeps TEXT_MARGIN from them where it can.)
  const row = { top: 112, height: 21 };
  const cptText: Box = { left: 328, ...row, width: 186 };
  const cptArrow: Box = { left: 521, ...row, width: 12 };
  const minutes: Box = { left: 557, ...row, width: 14 };
  const view = { left: 0, top: -Infinity, right: 583, bottom: Infinity };
  const units: Box = { left: 650, ...row, width: 68 };

  it("pinned at the edge over the next cell's value: slid inwards to the nearest place that hides none", () => {
    const at = edgeBox('right', units, view, 25, 18);
    expect(at.left).toBeLessThan(575);
    const b = clearOf(at, [cptText, cptArrow, minutes], [], reachOf(units, view, 25, 'right'));
    expect(b.top).toBe(at.top);
    // (Between the arrow and "18": 533–557, 24 px, and a margin each side: too narrow for 25. Between the select's text and its arrow: 514–521. Left of the text, in the view's right half: none.)
    for (const o of [cptText, cptArrow, minutes]) expect(b.left + b.width <= o.left || b.left >= o.left + o.width, `clear of ${o.left}–${o.left + o.width}: ${b.left}–${b.left + b.width}`).toBe(true);
    // Narrower ("i", 18 px): between the arrow and "18", as far from each as the 24 px leave (of the margins, 2 px given up).
    const i = clearOf(edgeBox('right', units, view, 18, 18), [cptText, cptArrow, minutes], [], reachOf(units, view, 18, 'right'));
    expect(i.left).toBeGreaterThanOrEqual(533 + TEXT_MARGIN - 2);
    expect(i.left + i.width).toBeLessThanOrEqual(557 - TEXT_MARGIN + 2);
  });

  it('stays where it is when that hides nothing; a gap wide enough between two values takes it', () => {
    const at = edgeBox('right', units, view, 25, 18);
    expect(clearOf(at, [cptText], [], view)).toEqual(at);
    const b = clearOf(at, [{ ...cptText, width: 150 }, { ...minutes, left: 560 }], [], view);
    expect(b.left + b.width).toBeLessThanOrEqual(560);
    expect(b.left).toBeGreaterThanOrEqual(474);
    // (Text on another row does not move it.)
    expect(clearOf(at, [{ ...minutes, top: 144 }], [], view)).toEqual(at);
  });

  it('where every place hides some text: the one hiding least, nearest', () => {
    // Text to 550, a gap of 15 px, text from 565 to the edge: 25 px hide at least 10 px somewhere.
    const long: Box = { left: 0, ...row, width: 550 };
    const next: Box = { left: 565, ...row, width: 18 };
    const at = edgeBox('right', units, view, 25, 18);
    expect(at.left).toBe(555); // (hiding 15 px of the next)
    // The nearest place hiding 10: from the end of the long text.
    expect(clearOf(at, [long, next], [], view).left).toBe(550);
  });

  it("on a field half in view, its own value is kept clear too; it stays beside the field's shown part (within NEAR)", () => {
    // The Units half in view at the frame's edge: its "1" at its left end.
    const half: Box = { left: 560, ...row, width: 68 };
    const own: Box = { left: 560, ...row, width: 17 };
    const kept = keepInView(boxOn('right', half, 18, 18), half, view);
    const reach = reachOf(half, view, 18);
    expect(reach).toEqual({ left: 560 - NEAR - 18, right: 583 });
    const b = clearOf(kept, [own, { ...minutes, left: 480 }], [], reach);
    expect(b.left + b.width <= own.left || b.left >= own.left + own.width).toBe(true);
    expect(b.left + b.width).toBeGreaterThanOrEqual(half.left - NEAR);
    // Wholly out of view, or a sliver of it shown (its border): the half of the view at its marker's edge.
    expect(reachOf(units, view, 25, 'right')).toEqual({ left: 291.5, right: 583 });
    expect(reachOf({ ...units, left: -60 }, view, 25, 'left')).toEqual({ left: 0, right: 291.5 });
    expect(reachOf({ ...half, left: 575 }, view, 25, 'right')).toEqual({ left: 291.5, right: 583 });
  });

  it("beyond its edge's half of the view it does not go: at the row's other end it reads as about the field there", () => {
    // All of the right half shows text; the left half has room: it hides the least in its half.
    const text: Box = { left: 250, ...row, width: 333 };
    const at = edgeBox('right', units, view, 25, 18);
    const b = clearOf(at, [text], [], reachOf(units, view, 25, 'right'));
    expect(b.left).toBeGreaterThanOrEqual(291.5);
  });
});
