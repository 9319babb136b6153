// The least a read of the bench's day sheet can cost in this browser: what the host allows the
// first-read budget. Printed beside Unitwise's first read, as the page's own typing is printed
// beside Unitwise's: on a slow host both move together.
//
// It knows the page (day-sheet.html): each visit a <section> with an <h2>, one table whose
// columns are Intervention, CPT, Minutes, Units, Modifiers, a control in each cell. So it finds
// nothing: it takes each row's five values by place, parses the numbers, and keys every field
// as the live reader does (`v3.r7:minutes`), in one Map. What Unitwise does beyond this is
// telling what a page it has never seen holds: which rows are lines, which column is which,
// where one visit ends, whose and which day it is.

/** In the page: a function reading the day sheet by its known layout; returns the visits read. */
export function installFloorRead(): void {
  const ROLES = ['label', 'code', 'minutes', 'units', 'modifiers'];
  const read = () => {
    const fields = new Map<string, Element>();
    const visits: { key: string; label: string; entries: Record<string, unknown>[] }[] = [];
    const sections = document.querySelectorAll('section');
    for (let v = 0; v < sections.length; v++) {
      const section = sections[v]!;
      const key = `v${v + 1}`;
      const entries: Record<string, unknown>[] = [];
      const rows = section.querySelector('tbody')?.rows ?? [];
      for (let r = 0; r < rows.length; r++) {
        const cells = rows[r]!.cells;
        const entry: Record<string, unknown> = {};
        for (let k = 0; k < cells.length && k < ROLES.length; k++) {
          const el = cells[k]!.firstElementChild as HTMLInputElement | null;
          if (!el) continue;
          const role = ROLES[k]!;
          const value = el.value.trim();
          fields.set(`${key}.r${r}:${role}`, el);
          entry[role] = role === 'minutes' || role === 'units' ? Number(value) : role === 'modifiers' ? value.split(/[\s,]+/) : value;
        }
        entries.push(entry);
      }
      visits.push({ key, label: section.querySelector('h2')?.textContent?.trim() ?? key, entries });
    }
    return visits.length;
  };
  (window as unknown as { __unitwiseFloorRead: () => number }).__unitwiseFloorRead = read;
}
