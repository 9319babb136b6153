// A biller's corrections to how an export's columns were read, saved per export layout: the
// next file with the same columns is read the same way. A layout holds the file's format, its
// header's column names (as keys) and the roles chosen by column number — never a cell of the
// file. Only a file whose header the reader knew by its names can be saved: a file whose first
// data row was taken for its header would otherwise store that row.

import { z } from 'zod';
import { ROLES } from './report';
import { headerKey } from './names';
import { findColumn, saysNone } from './mapping';

const Role = z.enum(ROLES);
/** Role → column name or 1-based number; null: the export has none (ReadOptions.mapping). */
export const Mapping = z.partialRecord(Role, z.union([z.string().max(200), z.number().int().positive(), z.null()]));
export type Mapping = z.infer<typeof Mapping>;

export const SavedLayout = z.object({
  /** The format and the column names as keys (`csv:visitid|dateofservice|…`). */
  signature: z.string().max(8000),
  mapping: Mapping,
  /** ISO date it was saved. */
  savedAt: z.string().max(40),
});
export type SavedLayout = z.infer<typeof SavedLayout>;

/** Layouts kept, newest first; an older one goes when a new one would make more. */
export const MAX_LAYOUTS = 50;
export const SavedLayouts = z.array(SavedLayout).max(MAX_LAYOUTS);

interface LayoutOf {
  format: string;
  sheet?: string;
  columns: readonly { name: string; how?: string }[];
}

/** Whether the file's header is a header: at least two of its columns known by their names. */
export function layoutSavable(report: LayoutOf): boolean {
  return report.columns.filter((c) => c.how === 'name').length >= 2;
}

/** What makes two exports the same layout: format, worksheet, and the column names in order. */
export function layoutSignature(report: LayoutOf): string {
  return `${report.format}${report.sheet ? `[${headerKey(report.sheet)}]` : ''}:${report.columns.map((c) => headerKey(c.name)).join('|')}`;
}

/** The saved layouts as stored; anything else (an older shape, a tampered value) is none. */
export function savedLayouts(stored: unknown): SavedLayout[] {
  const parsed = SavedLayouts.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

export function findLayout(stored: unknown, report: LayoutOf): SavedLayout | undefined {
  const signature = layoutSignature(report);
  return savedLayouts(stored).find((l) => l.signature === signature);
}

/** The list with this report's layout saved (replacing an older save of it), newest first. */
export function saveLayout(stored: unknown, report: LayoutOf, mapping: Mapping, now = new Date()): SavedLayout[] {
  if (!layoutSavable(report)) return savedLayouts(stored);
  const layout: SavedLayout = { signature: layoutSignature(report), mapping: Mapping.parse(mapping), savedAt: now.toISOString().slice(0, 10) };
  return [layout, ...savedLayouts(stored).filter((l) => l.signature !== layout.signature)].slice(0, MAX_LAYOUTS);
}

/** The list without this report's layout. */
export function forgetLayout(stored: unknown, report: LayoutOf): SavedLayout[] {
  const signature = layoutSignature(report);
  return savedLayouts(stored).filter((l) => l.signature !== signature);
}

/**
 * The mapping a file is read with when a layout was saved for it: the saved choices, then this
 * run's own (the CLI's --map), which win for the roles they name and for the columns they take:
 * a saved role on a column now chosen for another role is dropped, to be found again by name.
 */
export function withLayout(saved: Mapping, chosen: Mapping | undefined, header: readonly string[]): Mapping {
  const mine = Object.entries(chosen ?? {}).filter(([, wanted]) => wanted !== undefined) as [keyof Mapping, string | number | null][];
  if (!mine.length) return { ...saved };
  const taken = new Set(mine.map(([, wanted]) => (wanted === null ? undefined : findColumn(header, wanted))).filter((i) => i !== undefined));
  const out: Mapping = {};
  for (const [role, wanted] of Object.entries(saved) as [keyof Mapping, string | number | null | undefined][]) {
    if (wanted === undefined || mine.some(([r]) => r === role)) continue;
    const index = wanted === null ? undefined : findColumn(header, wanted);
    if (index !== undefined && taken.has(index)) continue;
    out[role] = wanted;
  }
  return { ...out, ...Object.fromEntries(mine) };
}

/**
 * A read's choices as a layout keeps them: each column by its number (as the Batch page's
 * dropdowns choose them), "none" as null; a name the header does not have is left out.
 */
export function layoutChoices(chosen: Mapping | undefined, header: readonly string[]): Mapping {
  const out: Mapping = {};
  for (const [role, wanted] of Object.entries(chosen ?? {}) as [keyof Mapping, string | number | null | undefined][]) {
    if (wanted === undefined) continue;
    if (saysNone(wanted)) out[role] = null;
    else {
      const index = findColumn(header, wanted);
      if (index !== undefined) out[role] = index + 1;
    }
  }
  return out;
}

/**
 * The file the CLI keeps its layouts in (npm run check -- --save-layout): the same layouts,
 * labelled so that another program's JSON, or a newer version's, is never taken for it (and
 * never written over).
 */
export const LAYOUTS_FILE_KIND = 'unitwise export layouts';
export const LayoutsFile = z.strictObject({
  kind: z.literal(LAYOUTS_FILE_KIND),
  version: z.literal(1),
  layouts: SavedLayouts,
});
export type LayoutsFile = z.infer<typeof LayoutsFile>;

export const layoutsFile = (layouts: SavedLayout[]): LayoutsFile => ({ kind: LAYOUTS_FILE_KIND, version: 1, layouts });
