// A visit's group row inside a table: the row that heads a visit's lines ("Visit 3 — 11/20/2026",
// "03/16/2026" beside an expander and an "Edit" link, a treegrid's date row). It is no line of
// the visit (the detector leaves it out) and it starts a new visit (visits.ts splits there).
import { datesIn } from './dates';
import { clean, visitIdentity } from './visit-names';

const CELL_SELECTOR = 'td, th, [role="cell"], [role="gridcell"], [role="columnheader"], [role="rowheader"]';
/** Controls that make a row a line of the form, not a visit's group row. */
const SEPARATOR_BLOCKERS = 'select, textarea, input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="hidden"]):not([readonly]):not([disabled])';
/** Controls that stand beside a group row's label: an expander, an "Edit" link. */
const ROW_CHROME = 'button, a, [role="button"], [role="link"]';
/** The same, and a group's select-all checkbox or an expander's state: what marks a row as a group's without a cell spanning columns. */
const GROUP_CHROME = `${ROW_CHROME}, input[type="checkbox"], [aria-expanded]`;
/** What a group row's other cells may hold: its lines' minutes or units rolled up ("45", "3 units", "0:45"), never a code. */
const FIGURE = /^\d{1,3}(?:[.,]\d+)?(?:\s*(?:min|mins|minutes|units?|u))?$|^\d{1,2}:\d{2}$/i;

/**
 * A treegrid's group row (a date or visit with its lines nested below it: `aria-expanded`, or a
 * deeper `aria-level` on the next row). Holding no code, its minutes roll up its lines', so it
 * is no line of its own; visits.ts reads it as the visits' separator.
 */
export function isOutlineParent(row: Element): boolean {
  const level = Number(row.getAttribute('aria-level'));
  if (!level || !row.parentElement?.closest('[role="treegrid"]')) return false;
  if (row.hasAttribute('aria-expanded')) return true;
  const next = row.nextElementSibling;
  return !!next && Number(next.getAttribute('aria-level')) > level;
}

/**
 * The treegrid row a row is nested under (the nearest row before it at a lower `aria-level`),
 * or null when it is at the top or not in a treegrid.
 */
export function outlineParentOf(row: Element): Element | null {
  const level = Number(row.getAttribute('aria-level'));
  if (!(level > 1) || !row.parentElement?.closest('[role="treegrid"]')) return null;
  for (let r = row.previousElementSibling; r; r = r.previousElementSibling) {
    const l = Number(r.getAttribute('aria-level'));
    if (l && l < level) return r;
  }
  return null;
}

const spans = (c: Element) => Number(c.getAttribute('colspan') ?? c.getAttribute('aria-colspan') ?? 1) > 1;

/** Whether a cell says something of its own: not blank, a glyph (▾) or only its buttons' and links' text. */
function says(cell: Element): boolean {
  const own = clean(cell.textContent);
  if (!/[\p{L}\p{N}]/u.test(own)) return false;
  return own !== clean(Array.from(cell.querySelectorAll(ROW_CHROME), (e) => e.textContent).join(' '));
}

/**
 * The text of a group row inside a table that names a visit ("Visit 3 — 11/20/2026") or, with
 * `person`, a person only ("Smith, Ann"), else undefined. A group row is one cell, or two with
 * one spanning columns; or a label cell spanning columns, or beside an expander, a checkbox or
 * an "Edit" link, whose other cells are blank or roll up its lines' figures; or a treegrid's
 * group row (aria-level), named by its first cell.
 */
export function groupRowText(row: Element, person?: (text: string) => string | undefined): string | undefined {
  const cells = Array.from(row.querySelectorAll(CELL_SELECTOR));
  if (cells.length === 0) return undefined;
  const outline = isOutlineParent(row);
  const spanning = cells.some(spans);
  // Several cells, none spanning columns and no group's chrome (most rows asked here are header rows): no group row.
  if (!outline && cells.length > 1 && !spanning && !row.querySelector(GROUP_CHROME)) return undefined;
  // A group row's select-all checkbox, expand button or read-only date field is no line being
  // entered: only a control the user types a line's value in makes it a row of the form.
  if (row.querySelector(SEPARATOR_BLOCKERS)) return undefined;
  let from: Element[];
  if (outline) from = cells.filter(says).slice(0, 1);
  else if (cells.length <= 2) from = [row];
  else {
    const saying = cells.filter(says);
    const label = saying[0];
    if (!label || saying.some((c, i) => i > 0 && !FIGURE.test(clean(c.textContent)))) return undefined;
    // A label in one plain cell of a row that spans elsewhere is a line's ("Exercise | 10 | [2 blank cells]").
    if (!spans(label) && !row.querySelector(GROUP_CHROME)) return undefined;
    from = [label];
    // Beside a checkbox or an "Edit" link only, not spanning columns, a label names a visit by a
    // date, a visit number or a time: a line's own name may say "session" ("Group therapy session").
    if (!spans(label)) {
      const text = clean(label.textContent);
      if (!datesIn(text).length && !NAMED_FIRST.test(text) && !/\b\d{1,2}:\d{2}\s*[ap]\.?m\b/i.test(text)) return undefined;
    }
  }
  const shown = from.flatMap((el) => Array.from(el.querySelectorAll<HTMLInputElement>('input[readonly], input[disabled]'), (i) => i.value));
  const text = clean([...from.map((el) => el.textContent), ...shown].join(' '));
  return text && text.length <= 120 && !remark(text) && (visitIdentity(text) || person?.(text)) ? text : undefined;
}

/** Words a visit's name may hold in lower case ("Visit on 11/20 at 10:00 am"). */
const NAME_JOINERS = new Set(['of', 'on', 'at', 'for', 'by', 'with', 'and', 'to', 'the', 'a', 'an', 'am', 'pm', 'in', 'no', 'date', 'dos', 'visit', 'visits', 'session', 'sessions', 'encounter', 'appointment', 'appt', 'service', 'mrn', 'acct']);
/** A visit's number or time first: "Visit 3 …", "Session #2 …", "9:00 AM …". */
const NAMED_FIRST = /^\s*(?:(?:visits?|encounters?|sessions?|appointments?|appts?)\s*#?\s*\d|\d{1,2}:\d{2}\s*[ap]\.?m\b)/i;
/** A remark's label: "Note: …", "Comments - …". */
// ("Plan: Mon 11/9" across a table's lines: the plan for a coming visit, not a line.)
export const REMARK_LABEL = /^(?:notes?|comments?|remarks?|narrative|memo|plan)\s*[:\-–—]/i;

/**
 * A note row between a visit's lines ("Pt tolerated session well, no increase in pain.", "Note:
 * hold 97140 next visit"), not a visit's name, though it says "session" or a time: a remark's
 * label, a sentence's full stop, or three words or more of prose in lower case. A visit's name is
 * its date, number, time or patient ("Visit 3 — 11/20/2026 (signed)").
 */
function remark(text: string): boolean {
  if (REMARK_LABEL.test(text)) return true;
  // "03/16/2026 — daily note signed by therapist", "Visit 3 – co-signed by supervising PT": a
  // visit's name, then what the page says of it.
  if (NAMED_FIRST.test(text) || datesIn(text)[0]?.at === 0) return false;
  if (/[a-z]{2}\.$/.test(text)) return true;
  const prose = text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').match(/(?<![\p{L}\p{N}'’-])[a-z][a-z'’-]+(?![\p{L}\p{N}])/gu) ?? [];
  return prose.filter((w) => !NAME_JOINERS.has(w)).length >= 3;
}
