import type { Entry } from './model';

/**
 * A visit's lines as the worker writes them to storage.session on each keystroke: the field
 * names once per shape (the fields a line has, and which of them repeat the line before), then
 * each line as its shape's number and its other values. Written out as objects, the names were
 * half of a visit's bytes, and a visit's lines mostly repeat one another (GP on every line, the
 * next row's field key). A 40-line visit of the bench's day sheet (its labels numbered too):
 * 5.3 → 0.9 kB. `unpackEntries` gives back the same lines, field for field.
 *
 * In a shape, a name alone carries a value; `=name` is the line before's value; `+name` is the
 * line before's text with its last number one higher (`v18.r3:minutes` after `v18.r2:minutes`);
 * `~rawMinutes` is the minutes written as text (`"8"` for 8).
 */
export interface PackedEntries {
  shapes: string[][];
  /** Each line: its shape's index, then one value per name of the shape that carries one. */
  rows: unknown[][];
}

const same = (a: unknown, b: unknown) => a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

/** `text` with its last number one higher; undefined when it has none. */
function bumped(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /(\d+)(\D*)$/.exec(text);
  return m ? `${text.slice(0, m.index)}${Number(m[1]) + 1}${m[2]}` : undefined;
}

export function packEntries(entries: readonly Entry[]): PackedEntries {
  const shapes: string[][] = [];
  const index = new Map<string, number>();
  let before: Record<string, unknown> = {};
  const rows = entries.map((entry: Record<string, unknown>) => {
    const names: string[] = [];
    const values: unknown[] = [];
    for (const [name, value] of Object.entries(entry)) {
      if (value === undefined) continue; // (JSON leaves it out too)
      if (name === 'rawMinutes' && typeof entry.minutes === 'number' && value === String(entry.minutes)) names.push('~rawMinutes');
      else if (name in before && same(value, before[name])) names.push(`=${name}`);
      else if (typeof value === 'string' && value === bumped(before[name])) names.push(`+${name}`);
      else {
        names.push(name);
        values.push(value);
      }
    }
    before = entry;
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
  let before: Record<string, unknown> = {};
  for (const row of p.rows) {
    if (!Array.isArray(row)) return undefined;
    const shape = shapes[row[0] as number] as string[] | undefined;
    if (!shape) return undefined;
    const line: Record<string, unknown> = {};
    let at = 1;
    for (const name of shape) {
      const key = name.slice(1);
      if (name.startsWith('=')) {
        if (!(key in before)) return undefined;
        line[key] = Array.isArray(before[key]) ? [...(before[key] as unknown[])] : before[key];
      } else if (name.startsWith('+')) {
        const next = bumped(before[key]);
        if (next === undefined) return undefined;
        line[key] = next;
      } else if (!name.startsWith('~')) line[name] = row[at++];
    }
    if (shape.includes('~rawMinutes')) line.rawMinutes = String(line.minutes);
    lines.push(line);
    before = line;
  }
  return lines;
}
