import type { Built } from '../extract/read';
import { cellsOf } from '../extract/fields';
import { isOutlineParent } from '../extract/group-rows';
import { partsText, personName, visitIdentity } from '../extract/visits';
import { knownScrollBox, reach, scrollBoxOf, type BoxMemo } from './scroll-box';

// Virtualised ARIA grids (AG Grid, MUI X, Tabulator…) draw only the rows in view; the rest
// exist only in the grid's memory. `aria-rowcount` says how many there are. A visit in such a
// grid is read as its rows scroll in: rows seen before are kept (by `aria-rowindex`) until the
// page is read again, and until every row has been seen the visit says it is incomplete.
// A grid that gives no row count but draws its rows in a box that scrolls on its own and hides
// part of them (lib/live/scroll-box.ts) may hold rows not drawn: its rows are kept the same
// way, and until its last row has been drawn the visit says it may be incomplete.

const GRID = '[role="grid"], [role="treegrid"], [role="table"], table';

/** Whether a group row's text names a visit: a date, a visit's number, a patient ("11/04/2026", "Lee, Ann"). */
const namesVisit = (text: string) => visitIdentity(text) !== null || personName(text) !== undefined;

/** Which line a row holds: its code and name (its minutes and units change as the user types). */
const lineOf = (b: Built) => `${b.entry.code ?? ''}\u0000${b.entry.label ?? ''}`;

/** A grid's rows: those it has (data rows, header rows left out) when known, and which of them were read. */
export type GridCoverage =
  | { total: number; read: number[] }
  /** A grid that does not say how many rows it has and whose end was not drawn yet. */
  | { total?: undefined; read: number[] }
  /** Rows with no row index in a box that hides some: only `drawn` rows, those in view now, could be read. */
  | { total?: undefined; read?: undefined; drawn: number };

/** Where a row is: its grid and 1-based `aria-rowindex` when kept by it, and the box that scrolls around it. */
export interface GridRowAt {
  grid?: Element;
  index?: number;
  /** The box that scrolls on its own and hides part of the rows (lib/live/scroll-box.ts). */
  box?: Element;
}

/**
 * Where a row is, found once per read of the row (`memo`: the page's boxes, for one read):
 * kept by its `aria-rowindex` when its grid says its row count or hides rows in a scroll box.
 * null: not known while the row is not drawn (far off screen); found when it is read again.
 */
export function gridRow(row: Element, memo: BoxMemo): GridRowAt | undefined | null {
  const raw = row.getAttribute('aria-rowindex');
  // A row with no index beside rows already placed (not drawn, or in no scroll box): as they
  // are, its grid not looked for. (Without an index, its grid matters only inside a scroll box.)
  if (raw === null) {
    const known = knownScrollBox(row, memo);
    if (known !== false) return known;
  }
  const grid = row.closest(GRID) ?? undefined;
  const index = raw === null ? NaN : Number(raw);
  const indexed = !!grid && Number.isInteger(index) && index >= 1;
  // A grid that says its row count keeps its rows by index: it has no box to measure.
  if (indexed && rowCount(grid!) !== undefined) return { grid, index };
  const box = scrollBoxOf(row, grid ?? row.parentElement ?? row, memo);
  if (box === null) return null;
  if (indexed && box) return { grid, index, box };
  return box ? { box } : undefined;
}

/** Header rows of a grid: the rows of its column headers (a few cells), not every drawn row. */
function headerRows(grid: Element): number {
  const headers = new Set<Element>();
  for (const h of Array.from(grid.querySelectorAll('[role="columnheader"]'))) {
    const row = h.closest('[role="row"]');
    if (row && !headers.has(row) && cellsOf(row).every((c) => c.getAttribute('role') === 'columnheader')) headers.add(row);
  }
  return headers.size;
}

/** The grid's `aria-rowcount`: undefined when absent, -1 (ARIA: unknown) or nonsense. */
function rowCount(grid: Element): number | undefined {
  const raw = grid.getAttribute('aria-rowcount');
  const count = raw === null ? NaN : Number(raw);
  return Number.isInteger(count) && count >= 0 ? count : undefined;
}

/** Data rows the grid says it has: `aria-rowcount` less its header rows, and how many header rows. */
export function dataRowCount(grid: Element): { total: number; headers: number } | undefined {
  const count = rowCount(grid);
  if (count === undefined) return undefined;
  const headers = headerRows(grid);
  return { total: Math.max(0, count - headers), headers };
}

/** How long after a navigation a grid row that reads as before is taken for the chart before's. */
const SUSPECT_MS = 2000;

/** Rows of one grid seen so far, by `aria-rowindex`, with what was read in them. */
export class GridRows {
  readonly #seen = new Map<Element, Map<number, Built>>();
  /** Each grid row element drawn at the last merge, with what it read (to know it again after a navigation). */
  #lastDrawn = new Map<Element, Built>();
  /**
   * Rows drawn when the page moved to another chart, with what they read then. Until one reads
   * otherwise, it is the chart before's row still on screen (the app has not redrawn yet): shown
   * as it is while drawn, never kept for the next patient once scrolled away.
   */
  #suspect = new Map<Element, string>();
  /** When the suspicion ends (Date.now): an app redraws within moments; rows that still read the same after are this chart's. */
  #suspectUntil = 0;
  /** A grid with no row count: the `aria-rowindex` of its last row, once that row was drawn. */
  readonly #last = new Map<Element, number>();
  /** A treegrid's group rows seen (a date above its lines, by `aria-rowindex`): no lines, yet rows of the grid read. */
  readonly #groupRows = new Map<Element, Set<number>>();
  /** Those of a treegrid's group rows that name a visit (a date or a patient): rows kept from one are its lines only. */
  readonly #visitGroups = new Map<Element, Set<number>>();

  /**
   * The visit's rows now on the page (`drawn`, by row element) merged with those of the same
   * grids seen before; in grid order, with what is known of each grid's rows.
   */
  merge(drawn: { at?: GridRowAt; element: Element; built: Built }[]): { built: Built[]; coverage: GridCoverage[] } {
    const out: { order: [number, number]; built: Built }[] = [];
    const grids = new Map<Element, { first: number; rows: Element[]; indexes: number[]; changed: [number, string][] }>();
    const drawnNow = new Map<Element, Built>();
    if (this.#suspect.size && Date.now() > this.#suspectUntil) this.#suspect.clear();
    /** Suspect rows put in for this merge only. */
    const passing: [Map<number, Built>, number][] = [];
    // Rows with no index in a box that hides some: only those drawn now, per box.
    const unnumbered = new Map<Element, Element[]>();
    drawn.forEach(({ at, element, built }, i) => {
      if (!at?.grid || at.index === undefined) {
        out.push({ order: [i, 0], built });
        if (at?.box) unnumbered.set(at.box, [...(unnumbered.get(at.box) ?? []), element]);
        return;
      }
      let seen = this.#seen.get(at.grid);
      if (!seen) this.#seen.set(at.grid, (seen = new Map()));
      // The first time a grid is met in this read: what it had drawn before is kept.
      let met = grids.get(at.grid);
      if (met) met.rows.push(element);
      else grids.set(at.grid, (met = { first: i, rows: [element], indexes: [], changed: [] }));
      met.indexes.push(at.index);
      drawnNow.set(element, built);
      // Another line at a place seen before: an edit, or the grid sorted, a row deleted or put
      // in above, another patient's rows drawn in the same grid (see below).
      const before = seen.get(at.index);
      if (before && lineOf(before) !== lineOf(built)) met.changed.push([at.index, lineOf(before)]);
      // (Compared as text only in the moments after a navigation, not on every keystroke.)
      if (this.#suspect.size && this.#suspect.get(element) === JSON.stringify(built)) {
        if (!seen.has(at.index)) passing.push([seen, at.index]);
      } else this.#suspect.delete(element);
      seen.set(at.index, built);
    });
    this.#lastDrawn = drawnNow;
    const coverage: GridCoverage[] = [];
    for (const [grid, { first, rows, indexes: drawnIndexes, changed }] of grids) {
      const seen = this.#seen.get(grid)!;
      // Lines that moved (two places or more now hold other lines, or the one place that changed
      // now holds the line a place beside it, not drawn now, held: a row deleted or put in at
      // the edge of the view): the rows kept from before may hold what other places hold now,
      // so only the rows drawn now are kept, and the visit says the others were not read until
      // the grid is scrolled through again. (One line changed in place is an edit: a code fixed,
      // even to one another line has.)
      const shifted = ([p]: [number, string]) => {
        const now = lineOf(seen.get(p)!);
        return [p - 1, p + 1].some((k) => !drawnIndexes.includes(k) && seen.has(k) && lineOf(seen.get(k)!) === now);
      };
      const moved = changed.length >= 2 || (changed.length === 1 && shifted(changed[0]!));
      if (moved) for (const index of [...seen.keys()]) if (!drawnIndexes.includes(index)) seen.delete(index);
      const counted = dataRowCount(grid);
      // The grid's last row: from its row count, or the last row drawn when its box's end is in view.
      let last = counted ? counted.total + counted.headers : undefined;
      if (!counted) {
        const box = drawn.find((d) => d.at?.grid === grid && d.at.box)?.at?.box;
        if (box && reach(box, rows).end) this.#last.set(grid, Math.max(...rows.map((r) => Number(r.getAttribute('aria-rowindex')))));
        last = this.#last.get(grid);
      }
      // The group rows drawn now: read, though none is a line (lib/extract/detect.ts).
      let groups = this.#groupRows.get(grid);
      // (Only a treegrid has them: no look through another grid's rows on every edit.)
      for (const row of grid.getAttribute('role') === 'treegrid' ? Array.from(grid.querySelectorAll('[role="row"][aria-rowindex][aria-level]')) : []) {
        if (!isOutlineParent(row)) continue;
        if (!groups) this.#groupRows.set(grid, (groups = new Set()));
        const index = Number(row.getAttribute('aria-rowindex'));
        groups.add(index);
        // (A group naming a visit, its date or its patient, holds that visit's lines alone; one
        // naming a kind of line, "Timed codes", is a part of the visit.)
        if (namesVisit(partsText(row))) {
          let splitting = this.#visitGroups.get(grid);
          if (!splitting) this.#visitGroups.set(grid, (splitting = new Set()));
          splitting.add(index);
        }
      }
      // Rows past the grid's end now (rows removed) are forgotten.
      if (last !== undefined) for (const index of [...seen.keys()]) if (index > last) seen.delete(index);
      if (last !== undefined && groups) for (const index of [...groups]) if (index > last) groups.delete(index);
      const named = this.#visitGroups.get(grid);
      if (last !== undefined && named) for (const index of [...named]) if (index > last) named.delete(index);
      // A treegrid's group rows (a date or a patient above their lines): rows kept from a group
      // not drawn now are that group's lines, never the drawn group's.
      const visitGroups = this.#visitGroups.get(grid);
      const groupOf = (index: number) => (visitGroups ? Math.max(-1, ...[...visitGroups].filter((g) => g < index)) : -1);
      const drawnGroups = visitGroups ? new Set(drawnIndexes.map(groupOf)) : undefined;
      const indexes = [...seen.keys()].filter((index) => !drawnGroups || drawnGroups.has(groupOf(index))).sort((a, b) => a - b);
      for (const index of indexes) out.push({ order: [first, index], built: seen.get(index)! });
      // Row numbers as the user counts them: the first data row is 1.
      const headers = counted?.headers ?? headerRows(grid);
      const read = [...new Set([...indexes, ...(groups ?? [])])]
        .sort((a, b) => a - b)
        .map((i) => i - headers)
        .filter((n) => n >= 1);
      coverage.push(last === undefined ? { read } : { total: Math.max(0, last - headers), read });
    }
    for (const [box, rows] of unnumbered) {
      const { start, end } = reach(box, rows);
      if (!start || !end) coverage.push({ drawn: rows.length });
    }
    // Grids no longer on the page are forgotten.
    for (const grid of [...this.#seen.keys()]) {
      if (grid.isConnected) continue;
      this.#seen.delete(grid);
      this.#last.delete(grid);
      this.#groupRows.delete(grid);
      this.#visitGroups.delete(grid);
    }
    for (const [seen, index] of passing) seen.delete(index);
    out.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    return { built: out.map((o) => o.built), coverage };
  }

  /**
   * The page moved to another chart: every grid is forgotten, and the rows drawn now are
   * suspect until they read otherwise (a read may come before the app redraws its grid).
   */
  clear(): void {
    this.#seen.clear();
    this.#last.clear();
    this.#groupRows.clear();
    this.#visitGroups.clear();
    for (const el of [...this.#suspect.keys()]) if (!el.isConnected) this.#suspect.delete(el);
    for (const [el, built] of this.#lastDrawn) if (el.isConnected) this.#suspect.set(el, JSON.stringify(built));
    this.#suspectUntil = Date.now() + SUSPECT_MS;
  }
}

/** "rows 1–12, 40–51" */
function ranges(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(i === j ? `${numbers[i]}` : `${numbers[i]}–${numbers[j]}`);
    i = j;
  }
  return parts.join(', ');
}

/** What a partly read grid means for the visit, or undefined when every row was read. */
export function coverageNote(c: GridCoverage): string | undefined {
  if (c.read === undefined) return `This grid shows only the rows in view and does not say how many it has, nor which row each one is: only the ${c.drawn} ${c.drawn === 1 ? 'row' : 'rows'} in view now could be read (rows scrolled away are not kept: nothing tells them apart). Check the rows out of view by hand before billing.`;
  if (c.total === undefined) return `This grid shows only the rows in view and does not say how many it has: ${c.read.length ? `rows ${ranges(c.read)} were read, and` : ''} rows after them may not have been read. Scroll it through to the end so every row is read.`;
  if (c.read.length >= c.total) return undefined;
  const left = c.total - c.read.length;
  return `Only ${c.read.length} of this grid's ${c.total} rows were read (rows ${ranges(c.read)}): the grid draws only the rows in view, so ${left} ${left === 1 ? 'row was' : 'rows were'} not read. Scroll the grid through to the end to check them.`;
}
