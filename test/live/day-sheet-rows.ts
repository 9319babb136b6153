// A day sheet's table in one piece, for the tests of tables holding several visits: a header
// whose first column is `first` (Patient, Date, Visit #…), and rows of line-item inputs
// numbered from 1 (`int-1`, `cpt-1`, `min-1`, `units-1`, `mod-1`) until `reset()`.

let n = 0;

export const reset = () => (n = 0);

export const HEAD = (first: string) => `<thead><tr><th>${first}</th><th>Intervention</th><th>CPT</th><th>Minutes</th><th>Units</th><th>Modifiers</th></tr></thead>`;

/** A row's line-item cells, as inputs. */
export const line = (code: string, minutes: number, units: number) => {
  n++;
  return `<td><input name="int-${n}" value="Exercise block"></td><td><input name="cpt-${n}" value="${code}"></td><td><input name="min-${n}" value="${minutes}"></td><td><input name="units-${n}" value="${units}"></td><td><input name="mod-${n}" value="GP"></td>`;
};

export const row = (first: string, code: string, minutes: number, units: number) => `<tr><td>${first}</td>${line(code, minutes, units)}</tr>`;
