import type { Entry } from './model';

/**
 * A visit's lines as the worker writes them to storage.session on each keystroke: the field
 * names once per shape (the set of fields a line has, usually one or two per visit), then each
 * line as its shape's number and its values. Written out as objects, the names were half of a
 * visit's bytes (a 40-line visit: 5.3 → 2.4 kB). A line's raw minutes text equal to its
 * minutes (`"8"` for 8) is a flag in the shape, not a value. `unpackEntries` gives back the
 * same lines, field for field.
 */
export interface PackedEntries {
  shapes: string[][];
  /** Each line: its shape's index, then one value per field of the shape that is not a flag. */
  rows: unknown[][];
}

/** In a shape: rawMinutes is the minutes written as text (no value stored). */
const SAME_RAW = '=rawMinutes';

export function packEntries(entries: readonly Entry[]): PackedEntries {
  const shapes: string[][] = [];
  const index = new Map<string, number>();
  const rows = entries.map((entry) => {
    const names: string[] = [];
    const values: unknown[] = [];
    for (const [name, value] of Object.entries(entry)) {
      if (value === undefined) continue; // (JSON leaves it out too)
      if (name === 'rawMinutes' && typeof entry.minutes === 'number' && value === String(entry.minutes)) names.push(SAME_RAW);
      else {
        names.push(name);
        values.push(value);
      }
    }
    const id = names.join(',');
    let shape = index.get(id);
    if (shape === undefined) {
      shape = shapes.push(names) - 1;
      index.set(id, shape);
    }
    return [shape, ...values];
  });
  return { shapes, rows };
}

/** The lines of a packed visit; undefined when `packed` is not one (it is then refused as it is). */
export function unpackEntries(packed: unknown): Record<string, unknown>[] | undefined {
  const p = packed as Partial<PackedEntries> | null;
  if (!p || !Array.isArray(p.shapes) || !Array.isArray(p.rows)) return undefined;
  const shapes = p.shapes;
  if (!shapes.every((s) => Array.isArray(s) && s.every((n) => typeof n === 'string'))) return undefined;
  const lines: Record<string, unknown>[] = [];
  for (const row of p.rows) {
    if (!Array.isArray(row)) return undefined;
    const shape = shapes[row[0] as number] as string[] | undefined;
    if (!shape) return undefined;
    const line: Record<string, unknown> = {};
    let at = 1;
    for (const name of shape) if (name !== SAME_RAW) line[name] = row[at++];
    if (shape.includes(SAME_RAW)) line.rawMinutes = String(line.minutes);
    lines.push(line);
  }
  return lines;
}
