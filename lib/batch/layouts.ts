// A biller's corrections to how an export's columns were read, saved per export layout: the
// next file with the same columns is read the same way. A layout holds the file's format, its
// header's column names (as keys) and the roles chosen by column number — never a cell of the
// file. Only a file whose header the reader knew by its names can be saved: a file whose first
// data row was taken for its header would otherwise store that row.

import { z } from 'zod';
import { ROLES } from './report';
import { headerKey } from './names';

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
