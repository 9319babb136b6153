// The page's controls in a field's table row and the rows just above and below it, whichever
// visit those rows belong to: a marker placed beside the field must not cover one. Field keys
// name the neighbours inside one visit only (marks.ts neighbourKeys); on a day sheet whose
// table holds several patients, the next row is another visit's.

const ROW = 'tr, [role="row"]';
const CONTROL = 'input:not([type="hidden"]), select, textarea, [contenteditable]:not([contenteditable="false"])';
/** Controls taken per row at most: a marker is 18 px; a row of a hundred inputs is not a line. */
const MAX_PER_ROW = 40;
const CELL = 'td, th, [role="cell"], [role="gridcell"], [role="rowheader"]';

/** `known`: controls already known to be around it (its visit's own, by key): a row holding one is not searched. */
export function controlsAround(field: Element, known: readonly Element[] = []): Element[] {
  const row = field.closest(ROW);
  if (!row) return [];
  const out: Element[] = [];
  for (const r of [row.previousElementSibling, row, row.nextElementSibling]) if (r && !known.some((k) => r.contains(k))) out.push(...controlsOf(r, field));
  return out;
}

/** The controls of `row` other than `field`, at most MAX_PER_ROW. */
function controlsOf(row: Element, field: Element): Element[] {
  const out: Element[] = [];
  const found = row.querySelectorAll(CONTROL);
  for (let k = 0; k < found.length && k < MAX_PER_ROW; k++) if (found[k] !== field) out.push(found[k]!);
  return out;
}

/** The other controls of the field's own table row (a marker moved along the row must not hide their values). */
export function controlsInRow(field: Element): Element[] {
  const row = field.closest(ROW);
  return row ? controlsOf(row, field) : [];
}

/**
 * The cells of a field's row that show text and hold no control (a day sheet's Patient cell
 * beside a line's first field): a marker beside the field must not cover that text either
 * (it hid the last letter of "Carl Diaz"). The field's own cell is not one.
 */
export function textCellsBeside(field: Element): Element[] {
  const row = field.closest(ROW);
  if (!row) return [];
  const own = field.closest(CELL);
  const out: Element[] = [];
  for (let c = row.firstElementChild; c && out.length < MAX_PER_ROW; c = c.nextElementSibling) {
    if (c === own || c === field || !c.matches(CELL) || c.querySelector(CONTROL)) continue;
    if (c.textContent?.trim()) out.push(c);
  }
  return out;
}
