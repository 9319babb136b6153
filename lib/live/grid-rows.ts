import type { Built } from '../extract/read';
import { cellsOf } from '../extract/fields';

// Virtualised ARIA grids (AG Grid, MUI X, Tabulator…) draw only the rows in view; the rest
// exist only in the grid's memory. `aria-rowcount` says how many there are. A visit in such a
// grid is read as its rows scroll in: rows seen before are kept (by `aria-rowindex`) until the
// page is read again, and until every row has been seen the visit says it is incomplete.

const GRID = '[role="grid"], [role="treegrid"]';

export interface GridCoverage {
  /** Rows of the grid (data rows, header rows left out) and which of them were read. */
  total: number;
  read: number[];
}

/** A row's grid and its 1-based `aria-rowindex`. */
export interface GridRowAt {
  grid: Element;
  index: number;
}

/** The grid a row is in and its 1-based `aria-rowindex`, when the grid says its row count. */
export function gridRow(row: Element): GridRowAt | undefined {
  const grid = row.closest(GRID);
  const raw = row.getAttribute('aria-rowindex');
  if (!grid || raw === null || !grid.hasAttribute('aria-rowcount')) return undefined;
  const index = Number(raw);
  return Number.isInteger(index) && index >= 1 ? { grid, index } : undefined;
}

/** Data rows the grid says it has: `aria-rowcount` less its header rows (-1 or nonsense: unknown), and how many header rows. */
export function dataRowCount(grid: Element): { total: number; headers: number } | undefined {
  const count = Number(grid.getAttribute('aria-rowcount'));
  if (!Number.isInteger(count) || count < 0) return undefined;
  // Header rows: the rows of the column headers (a few cells), not every drawn row.
  const headers = new Set<Element>();
  for (const h of Array.from(grid.querySelectorAll('[role="columnheader"]'))) {
    const row = h.closest('[role="row"]');
    if (row && !headers.has(row) && cellsOf(row).every((c) => c.getAttribute('role') === 'columnheader')) headers.add(row);
  }
  return { total: Math.max(0, count - headers.size), headers: headers.size };
}

/** Rows of one grid seen so far, by `aria-rowindex`, with what was read in them. */
export class GridRows {
  readonly #seen = new Map<Element, Map<number, Built>>();

  /**
   * The visit's rows now on the page (`drawn`, by row element) merged with those of the same
   * grids seen before; in grid order, with each grid's coverage.
   */
  merge(drawn: { at?: GridRowAt; built: Built }[]): { built: Built[]; coverage: GridCoverage[] } {
    const out: { order: [number, number]; built: Built }[] = [];
    const grids = new Map<Element, number>();
    const touched = new Set<Element>();
    drawn.forEach(({ at, built }, i) => {
      if (!at) {
        out.push({ order: [i, 0], built });
        return;
      }
      let seen = this.#seen.get(at.grid);
      if (!seen) this.#seen.set(at.grid, (seen = new Map()));
      // The first time a grid is met in this read: what it had drawn before is kept.
      if (!grids.has(at.grid)) grids.set(at.grid, i);
      touched.add(at.grid);
      seen.set(at.index, built);
    });
    const coverage: GridCoverage[] = [];
    for (const [grid, first] of grids) {
      const seen = this.#seen.get(grid)!;
      const counted = dataRowCount(grid);
      // Rows past the grid's end now (rows removed) are forgotten.
      const rowCount = Number(grid.getAttribute('aria-rowcount'));
      for (const index of [...seen.keys()]) if (Number.isInteger(rowCount) && rowCount >= 0 && index > rowCount) seen.delete(index);
      const indexes = [...seen.keys()].sort((a, b) => a - b);
      for (const index of indexes) out.push({ order: [first, index], built: seen.get(index)! });
      // Row numbers as the user counts them: the first data row is 1.
      if (counted) coverage.push({ total: counted.total, read: indexes.map((i) => i - counted.headers).filter((n) => n >= 1) });
    }
    // Grids no longer on the page are forgotten.
    for (const grid of [...this.#seen.keys()]) if (!grid.isConnected) this.#seen.delete(grid);
    out.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
    return { built: out.map((o) => o.built), coverage };
  }

  /** Forget every grid (the page is read again from the start). */
  clear(): void {
    this.#seen.clear();
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
  if (c.read.length >= c.total) return undefined;
  const left = c.total - c.read.length;
  return `Only ${c.read.length} of this grid's ${c.total} rows were read (rows ${ranges(c.read)}): the grid draws only the rows in view, so ${left} ${left === 1 ? 'row was' : 'rows were'} not read. Scroll the grid through to the end to check them.`;
}
