import type { Picks, TeachRowRole } from './teach';

// "This is Units, not Minutes": a column the reader took for one thing corrected in one step.
// The row's fields as read become the picks teach mode would have had, with the two roles
// swapped (or moved, when the other role had no field), so the same code builds, checks and
// saves the site mapping (lib/extract/teach.ts profileFromPicks).

export const ROW_ROLES: readonly TeachRowRole[] = ['label', 'code', 'minutes', 'units', 'modifiers'];
export const isRowRole = (v: unknown): v is TeachRowRole => typeof v === 'string' && (ROW_ROLES as readonly string[]).includes(v);

/**
 * The picks for the row whose fields are keyed `<prefix>:<role>`, with `from` read as `to`.
 * An error when the row has no `from` field.
 */
export function correctedPicks<E extends Element>(field: (key: string) => E | undefined, prefix: string, from: TeachRowRole, to: TeachRowRole): { picks: Picks } | { error: string } {
  if (from === to) return { error: 'Choose another kind of field for this column.' };
  const row: Picks['row'] = {};
  for (const role of ROW_ROLES) {
    const el = field(`${prefix}:${role}`);
    if (el) row[role] = el;
  }
  const moved = row[from];
  if (!moved) return { error: 'That column has no field on this line any more: the page changed. Try again.' };
  const other = row[to];
  row[to] = moved;
  if (other) row[from] = other;
  else delete row[from];
  return { picks: { row, visit: {} } };
}
