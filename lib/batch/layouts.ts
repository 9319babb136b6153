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

/** Larger than any file of MAX_LAYOUTS layouts (a few hundred kB): not read as one. */
export const MAX_LAYOUTS_FILE_BYTES = 2 * 1024 * 1024;
/** Why a file of `bytes` is not read as a layouts file, if it is too large to be one. */
export const tooLargeForLayouts = (bytes: number): string | undefined =>
  bytes > MAX_LAYOUTS_FILE_BYTES ? `larger than ${MAX_LAYOUTS_FILE_BYTES / 1024 / 1024} MB, not a layouts file` : undefined;

/** A layouts file's text (the CLI's, or one downloaded from the Batch page): its layouts, or why it is not one. */
export function parseLayoutsFile(text: string): { layouts: SavedLayout[]; problem?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { layouts: [], problem: `not JSON (${(e as Error).message})` };
  }
  const parsed = LayoutsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the file';
    return { layouts: [], problem: `not a Unitwise layouts file (${where}: ${issue.message})` };
  }
  return { layouts: parsed.data.layouts };
}

export interface MergedLayouts {
  list: SavedLayout[];
  /** Layouts for exports not saved before. */
  added: number;
  /** Saved layouts replaced by a newer save of the same export layout. */
  updated: number;
  /** Layouts in the file that were not newer than the one already saved. */
  unchanged: number;
  /** The oldest layouts that no longer fit (MAX_LAYOUTS). */
  dropped: number;
}

/**
 * The saved layouts with another list's added (a file from the CLI or another browser): for an
 * export layout saved in both, the later save wins (the same day: the one being added), newest
 * first, at most MAX_LAYOUTS.
 */
export function mergeLayouts(stored: unknown, incoming: readonly SavedLayout[]): MergedLayouts {
  const bySignature = new Map(savedLayouts(stored).map((l) => [l.signature, l]));
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const layout of incoming) {
    const have = bySignature.get(layout.signature);
    if (!have) added++;
    else if (layout.savedAt < have.savedAt || JSON.stringify(layout.mapping) === JSON.stringify(have.mapping)) {
      unchanged++;
      continue;
    } else updated++;
    bySignature.set(layout.signature, layout);
  }
  // Newest first (a stable sort keeps the order of the same day's).
  const all = [...bySignature.values()].sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
  return { list: all.slice(0, MAX_LAYOUTS), added, updated, unchanged, dropped: Math.max(0, all.length - MAX_LAYOUTS) };
}
