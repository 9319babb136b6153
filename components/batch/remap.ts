import type { Role } from '@/lib/batch/report';
import type { Mapping, Report } from '@/entrypoints/batch/protocol';

/**
 * The mapping after the user reads column `index` (0-based) as `role` ('' = ignore it). The
 * role the column had is given up (null: "the export has none"), so the reader does not
 * find it again by name; columns are named by number, since names may repeat.
 */
export function remap(mapping: Mapping, report: Pick<Report, 'columns'>, index: number, role: Role | ''): Mapping {
  const next: Mapping = { ...mapping };
  const old = report.columns.find((c) => c.index === index)?.role;
  if (old && old !== role) next[old] = null;
  if (role) next[role] = index + 1;
  return next;
}
