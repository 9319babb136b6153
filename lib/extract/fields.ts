// Reading one form field, whatever the page built it from, and finding the words that label
// it (issue 3). Pure DOM reads: nothing here writes to the host page.
//
// Runs in the content script: no zod, no imports of modules that build schemas.
// Elements are told apart by localName, not instanceof, so nodes from another realm
// (a same-origin frame's document handed in by a test) still read.

import { columnDay, sessionTimeOnly, unitWordOnly } from './dates';

/** Characters read from one cell or field at most. */
export const MAX_CELL_CHARS = 2000;

export type FieldKind = 'input' | 'select' | 'textarea' | 'editable' | 'text';

export interface FieldRead {
  kind: FieldKind;
  /** What the user sees: the input's value, the selected option's text, the cell's text. */
  text: string;
  /** The form value: the input's value, the selected option's value; equals text otherwise. */
  value: string;
  /** True when text was cut at the character limit. */
  truncated: boolean;
  /**
   * A box holding what the browser does not accept for its type: text that is no number in an
   * `<input type="number">` ("2e", "10-20", "1.5.0"), a time or date typed in part. Browsers
   * give scripts an empty value for it (`validity.badInput`): what it holds cannot be read, but
   * it is not empty.
   */
  unreadable?: true;
}

/** A CPT (97110, 0552T) or HCPCS (G0283) code's shape. */
export const CODE_SHAPE = /^(?:\d{4}[0-9A-Z]|[A-Z]\d{4})$/;
const CODE_TOKEN = /\b(?:\d{4}[0-9A-Z]|[A-Z]\d{4})\b/g;

/** Input types that hold no typed text. */
const NON_TEXT_INPUTS = new Set(['hidden', 'button', 'submit', 'reset', 'image', 'file', 'checkbox', 'radio', 'color', 'range']);

// ---------------------------------------------------------------------------------------
// Defensive property reads: the prototype's own getter, so a page that shadows `value` on an
// instance (React does, for controlled inputs) still gives the real value.

type Getter = (this: unknown) => unknown;
/** By constructor, then property: the names are literals (no key string made per read of a field). */
const getterCache = new Map<string, Map<string, Getter | null>>();

function nativeGet(ctor: string, prop: string, el: Element): unknown {
  let byProp = getterCache.get(ctor);
  if (!byProp) getterCache.set(ctor, (byProp = new Map()));
  let getter = byProp.get(prop);
  if (getter === undefined) {
    const C = (globalThis as Record<string, unknown>)[ctor] as { prototype?: object } | undefined;
    getter = (C?.prototype && (Object.getOwnPropertyDescriptor(C.prototype, prop)?.get as Getter | undefined)) || null;
    byProp.set(prop, getter);
  }
  if (getter) {
    try {
      const v = getter.call(el);
      if (v !== undefined) return v;
    } catch {
      // Another realm's element: fall back to the plain property.
    }
  }
  return (el as unknown as Record<string, unknown>)[prop];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

function clip(s: string, max: number): { text: string; truncated: boolean } {
  return s.length > max ? { text: s.slice(0, max), truncated: true } : { text: s, truncated: false };
}

export function isTextInput(el: Element): boolean {
  if (el.localName !== 'input') return false;
  return !NON_TEXT_INPUTS.has((el.getAttribute('type') ?? 'text').toLowerCase());
}

export function isEditable(el: Element): boolean {
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce.toLowerCase() !== 'false';
}

/** A control a user types into or picks from: text input, select, textarea, contenteditable. */
export function isControl(el: Element): boolean {
  return isTextInput(el) || el.localName === 'select' || el.localName === 'textarea' || isEditable(el);
}

// ---------------------------------------------------------------------------------------
// Text of an element, bounded, as a reader sees it.

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'option', 'optgroup', 'datalist']);
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'legend', 'caption',
]);

export interface TextOptions {
  /** Characters at most (default MAX_CELL_CHARS). */
  max?: number;
  /** Keep line breaks at block boundaries and <br> (for free-text notes). */
  lines?: boolean;
  /** Include the values of controls inside (input values, selected options). */
  values?: boolean;
  /** Every element's text apart, inline ones too: "<span>97110</span><span>Ther ex</span>" is "97110 Ther ex" (a code is found), not "97110Ther ex". */
  apart?: boolean;
}

/**
 * Text of an element as shown: skips scripts, styles and unselected options; with `values`,
 * includes what controls inside hold. Stops reading at `max` characters.
 */
export function textOf(el: Element, options: TextOptions = {}): { text: string; truncated: boolean } {
  const max = options.max ?? MAX_CELL_CHARS;
  const parts: string[] = [];
  let length = 0;
  let truncated = false;
  const push = (s: string) => {
    if (truncated || s === '') return;
    if (length + s.length > max + 64) {
      parts.push(s.slice(0, max + 64 - length));
      truncated = true;
      length = max + 64;
      return;
    }
    parts.push(s);
    length += s.length;
  };
  const walk = (node: Node, depth: number) => {
    if (truncated || depth > 64) return;
    for (let child = node.firstChild; child && !truncated; child = child.nextSibling) {
      if (child.nodeType === 3) {
        push(child.nodeValue ?? '');
      } else if (child.nodeType === 1) {
        const e = child as Element;
        const tag = e.localName;
        if (SKIP_TAGS.has(tag)) continue;
        if (tag === 'input' || tag === 'select' || tag === 'textarea') {
          if (options.values && (tag !== 'input' || isTextInput(e))) push(` ${readField(e).text} `);
          continue;
        }
        const block = options.apart || BLOCK_TAGS.has(tag);
        if (block) push(options.lines ? '\n' : ' ');
        walk(e, depth + 1);
        if (block) push(options.lines ? '\n' : ' ');
      }
    }
  };
  walk(el, 0);
  let text = parts.join('');
  text = options.lines
    ? text.replace(/[^\S\n]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{2,}/g, '\n').trim()
    : text.replace(/\s+/g, ' ').trim();
  const c = clip(text, max);
  return { text: c.text, truncated: truncated || c.truncated };
}

// ---------------------------------------------------------------------------------------
// Reading a field.

function selectRead(el: Element): { text: string; value: string } {
  const options = Array.from(el.querySelectorAll('option'));
  const multiple = el.hasAttribute('multiple');
  let selected: Element[];
  if (multiple) {
    selected = options.filter((o) => nativeGet('HTMLOptionElement', 'selected', o) === true);
  } else {
    const index = Number(nativeGet('HTMLSelectElement', 'selectedIndex', el));
    const opt = Number.isInteger(index) && index >= 0 ? options[index] : undefined;
    // Some DOMs report -1 while an option is selected: ask the options then.
    const fallback = opt ? undefined : options.find((o) => nativeGet('HTMLOptionElement', 'selected', o) === true);
    selected = opt ? [opt] : fallback ? [fallback] : [];
  }
  const text = selected.map((o) => str(nativeGet('HTMLOptionElement', 'text', o)).replace(/\s+/g, ' ').trim());
  const value = selected.map((o) => str(nativeGet('HTMLOptionElement', 'value', o)).trim());
  return { text: text.join(', '), value: value.join(', ') };
}

/** A dropdown's placeholder option: blank, "-- Select --", "Please select", "[Select]", "(none)", "Choose…". */
export const PLACEHOLDER = /^(?:$|[-–—_.\s]+$|[-[(\s]*(?:please\s+)?(?:select|choose|pick|none)\b)/i;

/** A dropdown left on its placeholder (an empty value): nothing chosen. */
export const unchosen = (el: Element) => el.localName === 'select' && (el as HTMLSelectElement).value === '' && PLACEHOLDER.test(readField(el, 60).text.trim());

/** The input types whose value the browser gives scripts as empty when what is typed is no value of the type. */
const CHECKED_TYPES = new Set(['number', 'time', 'date', 'datetime-local', 'month', 'week']);

/** Whether a box the browser gives an empty value holds what it does not accept (FieldRead.unreadable). */
function badInput(el: Element): boolean {
  if (!CHECKED_TYPES.has(el.getAttribute('type')?.trim().toLowerCase() ?? '')) return false;
  const validity = nativeGet('HTMLInputElement', 'validity', el) as { badInput?: unknown } | undefined;
  return validity?.badInput === true;
}

/** The field's current value, read through the element's own prototype getters. */
export function readField(el: Element, max = MAX_CELL_CHARS): FieldRead {
  const tag = el.localName;
  if (tag === 'input') {
    const c = clip(str(nativeGet('HTMLInputElement', 'value', el)).trim(), max);
    if (c.text === '' && badInput(el)) return { kind: 'input', text: '', value: '', truncated: false, unreadable: true };
    return { kind: 'input', text: c.text, value: c.text, truncated: c.truncated };
  }
  if (tag === 'textarea') {
    const c = clip(str(nativeGet('HTMLTextAreaElement', 'value', el)).trim(), max);
    return { kind: 'textarea', text: c.text, value: c.text, truncated: c.truncated };
  }
  if (tag === 'select') {
    const r = selectRead(el);
    const t = clip(r.text, max);
    const v = clip(r.value, max);
    return { kind: 'select', text: t.text, value: v.text, truncated: t.truncated || v.truncated };
  }
  if (CHOICE_CELLS.has(el)) {
    const c = clip(choiceText(el), max);
    return { kind: 'text', text: c.text, value: c.text, truncated: c.truncated };
  }
  const t = textOf(el, { max, lines: isEditable(el), values: true });
  return { kind: isEditable(el) ? 'editable' : 'text', text: t.text, value: t.text, truncated: t.truncated };
}

/**
 * Cells whose only controls are checkboxes or radio buttons (modifiers ticked: "☑GP ☐59 ☑KX"),
 * as the detector found them: read as what is ticked. (Kept here so a read needs no query per cell.)
 */
const CHOICE_CELLS = new WeakSet<Element>();
export const markChoiceCell = (el: Element) => CHOICE_CELLS.add(el);
export const CHOICE_SELECTOR = 'input[type="checkbox" i], input[type="radio" i]';

/** What a cell of checkboxes or radio buttons has ticked, each by its value or else its label: "GP KX". */
function choiceText(cell: Element): string {
  const out: string[] = [];
  for (const box of cell.querySelectorAll<HTMLInputElement>(CHOICE_SELECTOR)) {
    if (!nativeGet('HTMLInputElement', 'checked', box)) continue;
    const label = box.closest('label') ?? (box.id ? Array.from(cell.querySelectorAll('label')).find((l) => l.getAttribute('for') === box.id) : undefined);
    const text = (label?.textContent ?? box.getAttribute('aria-label') ?? box.nextSibling?.textContent ?? '').trim();
    // What the user sees ticked, its label; else its value when it is a modifier ("GP", "59"),
    // not "on", "1" or "true".
    const value = str(nativeGet('HTMLInputElement', 'value', box)).trim();
    out.push(text || (/^[a-z0-9]{2}$/i.test(value) && !/^\d$|^on$/i.test(value) ? value : ''));
  }
  return out.filter(Boolean).join(' ');
}

/**
 * A code from a field: the form value when it looks like a code (a select's option value is
 * often the bare code while its text is "97110 – Therapeutic exercise"), else a code-shaped
 * token in the text, preferring one from `codes`.
 */
export function codeOf(read: Pick<FieldRead, 'text' | 'value'>, codes?: ReadonlySet<string>): string | undefined {
  for (const s of [read.value, read.text]) {
    const t = s.trim().toUpperCase();
    if (CODE_SHAPE.test(t)) return t;
  }
  const tokens = [...`${read.value} ${read.text}`.toUpperCase().matchAll(CODE_TOKEN)].map((m) => m[0]);
  return tokens.find((t) => codes?.has(t)) ?? tokens[0];
}

/** Code-shaped tokens in free text that are in `codes`. */
export function knownCodesIn(text: string, codes: ReadonlySet<string>): string[] {
  return [...text.toUpperCase().matchAll(CODE_TOKEN)].map((m) => m[0]).filter((c) => codes.has(c));
}

// ---------------------------------------------------------------------------------------
// Labels.

export type LabelSource =
  | 'label-for'
  | 'label-wrap'
  | 'aria-label'
  | 'aria-labelledby'
  | 'placeholder'
  | 'title'
  | 'column-header'
  | 'name'
  | 'nearby';

export interface LabelCandidate {
  source: LabelSource;
  text: string;
}

/**
 * Per-read cache of `<label for>` targets and ids by root, so labelling many fields costs one
 * query per root. Make a new one per read: the page changes between reads.
 */
export class LabelCache {
  /**
   * `scopes`: the document or element and shadow roots every field asked about is in (the
   * detector's). Given, the cache looks once for `<label>`s there, and asks a field for its
   * label attributes in one `matches` (not four reads; a query of the whole page for them cost
   * more than asking the fields), instead of six DOM calls a field.
   */
  constructor(readonly scopes?: readonly ParentNode[]) {}
  #anyLabel?: boolean;

  /** Whether `el` may carry aria-labelledby, aria-label, placeholder or title: false only when the scopes say it has none. */
  mayHaveLabelAttributes(el: Element): boolean {
    if (!this.scopes) return true;
    return el.matches(LABEL_ATTRIBUTE_SELECTOR);
  }

  /** mayHaveLabelAttributes, or a contenteditable attribute: one `matches` for a row plan's every field. */
  mayBeLabelledOrEditable(el: Element): boolean {
    if (!this.scopes) return true;
    return el.matches(LABELLED_OR_EDITABLE);
  }

  /** Whether a `<label>` may be a field's (for or around it): false only when no document or shadow root of the scopes has one. */
  mayHaveLabels(): boolean {
    if (!this.scopes) return true;
    // (Their roots, not the scopes: a label for a field of a table read alone may sit outside it.)
    this.#anyLabel ??= [...new Set(this.scopes.map((s) => s.getRootNode()))].some((r) => r.nodeType !== 9 && r.nodeType !== 11 ? true : (r as ParentNode).querySelector('label') !== null);
    return this.#anyLabel;
  }

  readonly #labelsFor = new Map<Node, Map<string, Element[]>>();
  readonly #headerRows = new Map<Element, HeaderRows>();
  readonly #headers = new Map<Element, Map<number, string | undefined>>();
  readonly #columns = new Map<Element, Map<Element, number>>();
  /** Column header text by table cell, for every cell of a row once one of its cells was asked (fields of a row are asked one after another). */
  readonly #cellHeaders = new Map<Element, string | undefined>();

  /** Whether the header of this cell's column is already known (then `cellHeader` gives it). */
  knowsCell(cell: Element): boolean {
    return this.#cellHeaders.has(cell);
  }

  cellHeader(cell: Element): string | undefined {
    return this.#cellHeaders.get(cell);
  }

  setCellHeader(cell: Element, text: string | undefined): void {
    this.#cellHeaders.set(cell, text);
  }

  /** The column a cell starts at (colspans counted), worked out for every cell of its row at once. */
  columnIndex(cell: Element): number {
    // An ARIA grid says each cell's column (grids that virtualise or pin columns draw them
    // out of order, in separate containers).
    const aria = ariaColumn(cell);
    if (aria !== undefined) return aria;
    const row = rowOfCell(cell);
    if (!row) return -1;
    let byCell = this.#columns.get(row);
    if (!byCell) {
      const table = row.localName === 'tr' ? row.closest('table') : null;
      const spanned = table ? this.spannedColumns(table) : null;
      byCell = new Map();
      let index = 0;
      for (const c of cellsOf(row)) {
        byCell.set(c, spanned?.get(c) ?? index);
        index += span(c);
      }
      this.#columns.set(row, byCell);
    }
    return byCell.get(cell) ?? -1;
  }

  readonly #spanned = new Map<Element, Map<Element, number> | null>();
  /**
   * Each cell's column in a table where a cell spans rows ("Ann Lee" written once, `rowspan`
   * over her rows): the rows below have fewer cells, and counting them from the left would
   * read her second row's intervention under "Patient". Worked out once per table; null for a
   * table with no such cell (most: no cost beyond one query).
   */
  spannedColumns(table: Element): Map<Element, number> | null {
    let map = this.#spanned.get(table);
    if (map !== undefined) return map;
    map = null;
    if (table.querySelector('[rowspan]')) {
      const columns = new Map<Element, number>();
      map = columns;
      /** Rows each column is still held for by a cell above (in its section: a rowspan never crosses from the head into the body). */
      let held: number[] = [];
      let section: Element | null = null;
      eachTableRow(table, (r) => {
        if (r.parentElement !== section) {
          section = r.parentElement;
          held = [];
        }
        let column = 0;
        for (const c of cellsOf(r)) {
          while ((held[column] ?? 0) > 0) column++;
          columns.set(c, column);
          const rows = rowSpan(c);
          const cols = span(c);
          if (rows > 1) for (let k = 0; k < cols; k++) held[column + k] = Math.max(held[column + k] ?? 0, rows);
          column += cols;
        }
        for (let k = 0; k < held.length; k++) if (held[k]! > 0) held[k]!--;
      });
    }
    this.#spanned.set(table, map);
    return map;
  }

  /**
   * The table whose header names each of `row`'s cells by its place alone, as columnHeaderOf
   * finds it: a data row (`tr`) of plain `td` cells (none spans columns, has a role or says its
   * column) in a table where no cell spans rows, below its header rows. Undefined otherwise.
   */
  plainlyHeaded(row: Element): Element | undefined {
    if (row.localName !== 'tr') return undefined;
    const table = tableOfRow(row);
    if (!table || this.spannedColumns(table)) return undefined;
    for (let c = row.firstElementChild; c; c = c.nextElementSibling) {
      // (A cell with no attribute at all, most, asked once.)
      if (c.localName !== 'td' || (c.hasAttributes() && (c.hasAttribute('colspan') || c.hasAttribute('role') || c.hasAttribute('aria-colindex')))) return undefined;
    }
    const found = this.headerRows(table, tableHeaderRows);
    return found.above.has(row) || found.headers.includes(row) ? undefined : table;
  }

  /** A column's header text in a table or grid, found once per read. */
  columnHeader(container: Element, column: number, find: () => string | undefined): string | undefined {
    let byColumn = this.#headers.get(container);
    if (!byColumn) this.#headers.set(container, (byColumn = new Map()));
    if (!byColumn.has(column)) byColumn.set(column, find());
    return byColumn.get(column);
  }

  /** A table's or grid's header rows, found once per read (not once per cell: 20,000 cells). */
  headerRows(container: Element, find: (container: Element) => HeaderRows): HeaderRows {
    let rows = this.#headerRows.get(container);
    if (!rows) this.#headerRows.set(container, (rows = find(container)));
    return rows;
  }

  readonly #hasLabels = new Map<Node, boolean>();
  /**
   * The `<label>` wrapping `el`, if any. A document (or shadow root) with no label at all,
   * as most flowsheet tables are, is asked once, not a walk to its root per field.
   */
  wrappingLabel(el: Element): Element | null {
    const root = el.getRootNode();
    let has = this.#hasLabels.get(root);
    if (has === undefined) {
      // (A detached subtree's root is an element, perhaps the label itself: always walked.)
      const isDocument = root.nodeType === 9 || root.nodeType === 11; // document, shadow root
      this.#hasLabels.set(root, (has = !isDocument || (root as ParentNode).querySelector('label') !== null));
    }
    return has ? (el.parentElement?.closest('label') ?? null) : null;
  }

  labelsFor(el: Element): Element[] {
    const id = el.getAttribute('id');
    if (!id) return [];
    const root = el.getRootNode();
    let map = this.#labelsFor.get(root);
    if (!map) {
      map = new Map();
      const q = (root as ParentNode).querySelectorAll?.bind(root as ParentNode);
      for (const label of q ? Array.from(q('label[for]')) : []) {
        const f = label.getAttribute('for') ?? '';
        map.set(f, [...(map.get(f) ?? []), label]);
      }
      this.#labelsFor.set(root, map);
    }
    return map.get(id) ?? [];
  }
}

function byId(el: Element, id: string): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById === 'function') return root.getElementById(id);
  return null;
}

function short(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max) : t;
}

/** Text of a label element without the text of controls inside it. */
function labelText(label: Element): string {
  return short(textOf(label, { max: 400 }).text);
}

const CELL_SELECTOR = 'td, th, [role="cell"], [role="gridcell"], [role="columnheader"], [role="rowheader"]';
/** Elements a value is typed or chosen in. */
const CONTROLS = 'input, select, textarea, [contenteditable]';

export function span(cell: Element): number {
  const n = Number(cell.getAttribute('colspan') ?? '1');
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 1;
}

/** Rows a cell spans; `rowspan="0"` is to the end of its table section (where spannedColumns stops every span). */
function rowSpan(cell: Element): number {
  const raw = cell.getAttribute('rowspan');
  if (raw === null) return 1;
  const n = Number(raw);
  return n === 0 ? 1000 : Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 1;
}

export function isCell(el: Element): boolean {
  const role = el.getAttribute('role');
  if (role) return role === 'cell' || role === 'gridcell' || role === 'columnheader' || role === 'rowheader';
  return el.localName === 'td' || el.localName === 'th';
}

/**
 * Each row of a table, not of tables nested in it, in order, until `visit` returns false (a
 * header search stops at the first data row). Siblings walked: no array of a body's rows, no
 * generator, for each of a day sheet's tables.
 */
function eachTableRow(table: Element, visit: (tr: Element) => boolean | void): void {
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.localName;
    if (tag === 'tr') {
      if (visit(child) === false) return;
    } else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      for (let tr = child.firstElementChild; tr; tr = tr.nextElementSibling) if (tr.localName === 'tr' && visit(tr) === false) return;
    }
  }
}

const ROW_OF_CELL = 'tr, [role="row"]';

/** The row a cell is in: its parent in a table, the nearest row in an ARIA grid (whose cells sit in containers). */
export function rowOfCell(cell: Element): Element | null {
  const parent = cell.parentElement;
  if (parent && (parent.localName === 'tr' || parent.getAttribute('role') === 'row')) return parent;
  return cell.closest(ROW_OF_CELL);
}

/**
 * A row's cells: its children, or (an ARIA grid that wraps them in containers, as AG Grid
 * does) the cells below it whose nearest row it is.
 */
export function cellsOf(row: Element): Element[] {
  // Siblings walked, not Array.from(children): this runs for every row of a 20,000-field page.
  const direct: Element[] = [];
  for (let c = row.firstElementChild; c; c = c.nextElementSibling) if (isCell(c)) direct.push(c);
  if (direct.length || row.localName === 'tr') return direct;
  return Array.from(row.querySelectorAll(ARIA_CELL_SELECTOR)).filter((c) => c.parentElement?.closest(ROW_OF_CELL) === row && !c.parentElement?.closest(ARIA_CELL_SELECTOR));
}
const ARIA_CELL_SELECTOR = '[role="cell"], [role="gridcell"], [role="columnheader"], [role="rowheader"]';

/** The 0-based column an ARIA grid gives a cell (`aria-colindex` counts from 1). */
function ariaColumn(cell: Element): number | undefined {
  const raw = cell.getAttribute('aria-colindex');
  if (raw === null) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n - 1 : undefined;
}

export function cellAtColumn(row: Element, column: number): Element | undefined {
  const cells = cellsOf(row);
  // Header cells that say their column are found by it, wherever they are drawn.
  if (cells.some((c) => ariaColumn(c) !== undefined)) return cells.find((c) => ariaColumn(c) === column);
  let index = 0;
  for (const c of cells) {
    const s = span(c);
    if (column >= index && column < index + s) return c;
    index += s;
  }
  return undefined;
}

/** The cell of `row` covering `column` in a table whose cells span rows (its columns from LabelCache.spannedColumns). */
function spannedCellAt(row: Element, column: number, spanned: Map<Element, number>): Element | undefined {
  for (const c of cellsOf(row)) {
    const start = spanned.get(c);
    if (start !== undefined && column >= start && column < start + span(c)) return c;
  }
  return undefined;
}

function isHeaderRow(row: Element): boolean {
  const cells = cellsOf(row);
  if (cells.length === 0) return false;
  // One cell across the table ("Visit 3 — 11/20/2026") groups the rows below; it heads no column.
  if (cells.length === 1 && span(cells[0]!) > 1) return false;
  if (row.parentElement?.localName === 'thead') return true;
  return cells.every((c) => c.localName === 'th' || c.getAttribute('role') === 'columnheader');
}

/** Rows scanned for a table's header before deciding it has none near the top. */
const HEADER_SCAN_ROWS = 50;

/** The header rows near the top of a table or grid, and the data rows above them (which they do not head). */
export interface HeaderRows {
  headers: Element[];
  above: Set<Element>;
}

/** The first run of header rows at the top of a table. */
function tableHeaderRows(table: Element): HeaderRows {
  const out: HeaderRows = { headers: [], above: new Set() };
  eachTableRow(table, (r) => {
    if (isHeaderRow(r)) out.headers.push(r);
    else if (out.headers.length || out.above.add(r).size > HEADER_SCAN_ROWS) return false;
  });
  return out;
}

/** An ARIA grid's first header rows (at most 3). */
function gridHeaderRows(grid: Element): HeaderRows {
  const out: HeaderRows = { headers: [], above: new Set() };
  for (const r of Array.from(grid.querySelectorAll('[role="row"]'))) {
    if (isHeaderRow(r)) {
      out.headers.push(r);
      if (out.headers.length === 3) break;
    } else if (!out.headers.length && out.above.add(r).size > HEADER_SCAN_ROWS) break;
  }
  return out;
}

/**
 * The header text of the column a cell is in: the `th` (or role=columnheader) covering the
 * same column, colspan-aware, from the table's header rows (last header row first).
 */
export function columnHeaderOf(el: Element, cache: LabelCache = new LabelCache()): string | undefined {
  // (A field is most often its cell's child: no selector match up the whole tree for it.)
  const parent = el.parentElement;
  // Another field of the same row was asked before: its row's cells are known.
  if (parent && cache.knowsCell(parent)) return cache.cellHeader(parent);
  const cell = parent && isCell(parent) ? parent : isCell(el) ? el : el.closest(CELL_SELECTOR);
  if (!cell || cell.localName === 'th' || cell.getAttribute('role') === 'columnheader') return undefined;
  if (cache.knowsCell(cell)) return cache.cellHeader(cell);
  const row = rowOfCell(cell);
  if (!row) return undefined;
  if (cell.localName === 'td' && row.localName === 'tr') {
    const table = tableOfRow(row) ?? row.closest('table');
    if (!table) return undefined;
    const found = cache.headerRows(table, tableHeaderRows);
    // Header rows below the cell's own row head something else.
    if (found.above.has(row)) return undefined;
    // A header row's own cells are not headed by itself: not cached per column.
    if (found.headers.includes(row)) return headerText(found, row, cache.columnIndex(cell), cache.spannedColumns(table));
    // The row's cells are the row's children: every data cell's header is worked out now, its
    // other fields are asked next. Each cell's column as columnIndex counts it: where the
    // ARIA grid says, else after the cells before it.
    const spanned = cache.spannedColumns(table);
    let index = 0;
    for (const c of cellsOf(row)) {
      const i = ariaColumn(c) ?? spanned?.get(c) ?? index;
      index += span(c);
      if (c.localName !== 'td' || c.getAttribute('role') === 'columnheader') continue;
      cache.setCellHeader(c, cache.columnHeader(table, i, () => headerText(found, row, i, spanned)));
    }
    return cache.cellHeader(cell);
  }
  const column = cache.columnIndex(cell);
  if (column < 0) return undefined;
  const grid = row.closest('[role="grid"], [role="table"], [role="treegrid"]');
  if (!grid) return undefined;
  const found = cache.headerRows(grid, gridHeaderRows);
  if (found.above.has(row)) return undefined;
  const text = () => headerText(found, row, column);
  return found.headers.includes(row) ? text() : cache.columnHeader(grid, column, text);
}

const SECTIONS = new Set(['tbody', 'thead', 'tfoot']);

/** The table a `tr` is directly in, or through its `thead`, `tbody` or `tfoot`; undefined otherwise. */
function tableOfRow(row: Element): Element | undefined {
  const up = row.parentElement;
  if (up?.localName === 'table') return up;
  return up && SECTIONS.has(up.localName) && up.parentElement?.localName === 'table' ? up.parentElement : undefined;
}

/**
 * The text of a column's header, from the header rows other than `row`, last first. A session's
 * time alone ("AM", "0900") under a header naming a day (a day spanning its sessions: "11/02/2026"
 * over "AM | PM") is of that day: "11/02/2026 AM", so each session's column is told by its day.
 * So is a unit word alone under such a session (a charge grid's third row, "Min | Units"):
 * "11/02/2026 AM Min", or right under a day ("11/02/2026" over "Min | Units": "11/02/2026 Min"). (Asked once per column: LabelCache.columnHeader.)
 */
function headerText(found: HeaderRows, row: Element, column: number, spanned?: Map<Element, number> | null): string | undefined {
  const rows = found.headers.filter((r) => r !== row).reverse();
  const textAt = (header: Element) => {
    const h = spanned ? spannedCellAt(header, column, spanned) : cellAtColumn(header, column);
    return h ? labelText(h) : '';
  };
  /** The first text above row k, with where it is; '' none. */
  const above = (k: number): [string, number] => {
    for (let j = k + 1; j < rows.length; j++) {
      const t = textAt(rows[j]!);
      if (t) return [t, j];
    }
    return ['', -1];
  };
  /** Session time `t` of row k with its day above it ("11/02/2026 AM"), else undefined. */
  const ofDay = (t: string, k: number) => {
    const [day] = above(k);
    return day && columnDay(day) !== undefined ? `${day} ${t}` : undefined;
  };
  for (let k = 0; k < rows.length; k++) {
    const t = textAt(rows[k]!);
    if (!t) continue;
    if (unitWordOnly(t)) {
      const [session, j] = above(k);
      // (Or right under its day, no session between: "11/02/2026" over "Min | Units".)
      const dated = !session ? undefined : sessionTimeOnly(session) ? ofDay(session, j) : columnDay(session) !== undefined ? session : undefined;
      return dated ? `${dated} ${t}` : t;
    }
    return sessionTimeOnly(t) ? (ofDay(t, k) ?? t) : t;
  }
  return undefined;
}

/** The text of the nearest plain cell before a control's cell in its row that holds words ("Ther ex minutes"), short. */
function rowLabel(el: Element): string | undefined {
  const cell = el.closest(CELL_SELECTOR);
  for (let c = cell?.previousElementSibling; c; c = c.previousElementSibling) {
    if (c.querySelector(CONTROLS)) continue;
    const text = textOf(c, { max: 80 }).text;
    if (/[a-z]{2}/i.test(text)) return short(text, 80);
  }
  return undefined;
}

/** Text just before the element (or its sole-child wrapper), or a short unit word after it. */
function nearbyText(el: Element): string[] {
  const out: string[] = [];
  let node: Element | null = el;
  for (let level = 0; level < 2 && node; level++) {
    let before = '';
    for (let s = node.previousSibling; s && before.length < 60; s = s.previousSibling) {
      // Text that labels another control is not this one's.
      if (s.nodeType === 1 && (isControl(s as Element) || (s as Element).querySelector(CONTROLS))) break;
      const t = s.nodeType === 3 ? (s.nodeValue ?? '') : s.nodeType === 1 ? textOf(s as Element, { max: 80 }).text : '';
      if (t.trim()) {
        before = t.trim();
        break;
      }
    }
    if (before) {
      out.push(short(before, 80));
      break;
    }
    const parent: Element | null = node.parentElement;
    if (!parent || parent.children.length > 1 || isCell(parent)) break;
    if (Array.from(parent.childNodes).some((n) => n.nodeType === 3 && n.nodeValue?.trim())) break;
    node = parent;
  }
  // A unit word after it: in its own cell ("[38] min"), or a cell of its own after a plain cell
  // ("38 | min"). A next cell with a figure is another column's value ("1 | 38 min": a Dx
  // pointer is not minutes), never this one's unit.
  const next = el.nextSibling;
  const after = next?.nodeType === 3 ? (next.nodeValue ?? '').trim() : next?.nodeType === 1 ? textOf(next as Element, { max: 20 }).text : '';
  if (after && after.length <= 12 && !(isCell(el) && /\d/.test(after))) out.push(after);
  return out;
}

/**
 * Every label a field has, best first: `<label for>`, wrapping label, aria-labelledby,
 * aria-label, placeholder, title, its column header, name/id, nearby text.
 */
/**
 * labelCandidates one at a time, best first, to `visit`, until it returns true: a caller that
 * needs the first useful one stops there. (A callback, not a generator, and no object per
 * candidate: this runs for every field of a 20,000-field page.)
 */
export function visitLabelCandidates(el: Element, cache: LabelCache, visit: (source: LabelSource, text: string) => boolean): void {
  let t: string;
  if (cache.mayHaveLabels()) {
    for (const label of cache.labelsFor(el)) if ((t = labelText(label)) && visit('label-for', t)) return;
    const wrap = cache.wrappingLabel(el);
    if (wrap && (t = labelText(wrap)) && visit('label-wrap', t)) return;
  }
  const attributes = cache.mayHaveLabelAttributes(el);
  const labelledBy = attributes ? el.getAttribute('aria-labelledby') : null;
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => {
        const target = id ? byId(el, id) : null;
        return target ? textOf(target, { max: 200 }).text : '';
      })
      .join(' ');
    if ((t = short(text)) && visit('aria-labelledby', t)) return;
  }
  for (const [source, name] of ATTRIBUTE_LABELS) {
    const v = attributes || !LABEL_ATTRIBUTES.has(name) ? el.getAttribute(name) : null;
    if (v && (t = short(v)) && visit(source, t)) return;
    if (name === 'title') {
      // (Already short: a header's text is a label's.)
      const header = columnHeaderOf(el, cache);
      if (header && visit('column-header', header)) return;
      // A flowsheet's column per date ("10/30/2026 | 11/02/2026"): what a control or a cell in it
      // holds is named by its row's label ("Ther ex minutes").
      if (header && columnDay(header) !== undefined) {
        const row = rowLabel(el);
        if (row && visit('nearby', row)) return;
      }
    }
  }
  for (const n of nearbyText(el)) if ((t = short(n)) && visit('nearby', t)) return;
}

/** The attributes LabelCache.mayHaveLabelAttributes looks for. */
const LABEL_ATTRIBUTE_SELECTOR = '[aria-labelledby], [aria-label], [placeholder], [title]';
const LABELLED_OR_EDITABLE = `${LABEL_ATTRIBUTE_SELECTOR}, [contenteditable]`;
/** The same, by name. */
const LABEL_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title']);

/** Attributes that label a field, in order; its column header comes after `title`. */
const ATTRIBUTE_LABELS: readonly (readonly [LabelSource, string])[] = [
  ['aria-label', 'aria-label'],
  ['placeholder', 'placeholder'],
  ['title', 'title'],
  ['name', 'name'],
  ['name', 'id'],
];

export function labelCandidates(el: Element, cache: LabelCache = new LabelCache()): LabelCandidate[] {
  const out: LabelCandidate[] = [];
  visitLabelCandidates(el, cache, (source, text) => {
    out.push({ source, text });
    return false;
  });
  return out;
}

/**
 * The best label a field has for a person (see labelCandidates): a name or id
 * (`ctl00_txt3`) only when nothing visible labels it. '' when it has none.
 */
export function labelOf(el: Element, cache?: LabelCache): string {
  const all = labelCandidates(el, cache);
  return (all.find((c) => c.source !== 'name') ?? all[0])?.text ?? '';
}

/** Words of a label or a field name, lower case: `txtMinutes_2` → `txt minutes 2`, `Time (min)` → `time min`. */
export function words(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
