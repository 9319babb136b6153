import type { ClaimRow } from '@/lib/report';

// The claim Unitwise suggests, one row per code. Where the form has something else the cell
// says so in words, "4 → 3 (change)": the form's value, then the one to bill. The arithmetic
// behind each line is behind "How units were counted" (Summary), not here. Three columns, so
// it fits 320 px; narrower (a zoomed panel) each row stacks (style.css).

interface Cell {
  text: string;
  /** The form has something else here (or nothing, where it has units for other lines). */
  change: boolean;
}

const word = (s: string) => s || 'none';

function unitsCell(r: ClaimRow, formHasUnits: boolean): Cell {
  // No minutes to work the units out from: what the form has, said to be unchecked, or nothing yet.
  if (r.minutesPending) return { text: r.suggested ? `${r.suggested.units} as entered (unchecked)` : 'enter minutes', change: true };
  const billed = String(r.suggested?.units ?? 0);
  if (r.unitsDiffer) return { text: `${r.entered?.units ?? 'none'} → ${billed} (change)`, change: true };
  // A form that has a units field (other lines have units) but none on this billed line: say so.
  if (formHasUnits && r.entered && r.entered.units === null && (r.suggested?.units ?? 0) > 0) return { text: `none → ${billed} (enter)`, change: true };
  return { text: billed, change: false };
}

function modifiersCell(r: ClaimRow): Cell {
  const billed = word(r.suggested?.modifiers.join(' ') ?? '');
  if (!r.modifiersDiffer) return { text: billed === 'none' ? '–' : billed, change: false };
  // An empty modifiers field: "none → GP (enter)", as for units.
  return r.entered?.modifiers.length ? { text: `${r.entered.modifiers.join(' ')} → ${billed} (change)`, change: true } : { text: `none → ${billed} (enter)`, change: true };
}

const ARROW = /^(.+) → (.+) \((change|enter)\)$/;

/**
 * `provisional`: why the claim is not final yet (report.ts provisionalText, minutes missing),
 * said above the lines and in the table's name.
 */
export function ClaimTable({ rows, names, provisional }: { rows: ClaimRow[]; names: ReadonlyMap<string, string>; provisional?: string }) {
  if (rows.length === 0) return <p>No billable codes on this visit yet.</p>;
  const formHasUnits = rows.some((r) => r.entered?.units != null);
  const cells = rows.map((r) => ({ row: r, units: unitsCell(r, formHasUnits), mods: modifiersCell(r) }));
  // The first difference, read out once under the table: what the arrow means.
  const first = cells.map((c) => ({ code: c.row.code, match: ARROW.exec(c.units.text) ?? ARROW.exec(c.mods.text) })).find((c) => c.match);
  const example = first?.match;
  return (
    <>
      {provisional && (
        <p className="notice provisional" role="note" aria-label="Provisional claim">
          <strong>Provisional claim until the minutes are entered.</strong> {provisional}
        </p>
      )}
      <table className={provisional ? 'claim provisional' : 'claim'} aria-label={provisional ? 'Suggested claim lines, provisional until the minutes are entered' : 'Suggested claim lines'}>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Units</th>
            <th scope="col">Modifiers</th>
          </tr>
        </thead>
        <tbody>
          {cells.map(({ row: r, units, mods }) => (
            <tr key={`${r.code} ${r.plan}`} className={[units.change || mods.change ? 'differs' : '', r.minutesPending ? 'pending' : ''].filter(Boolean).join(' ') || undefined} data-code={r.code}>
              <th scope="row">
                <span className="code">{r.code}</span> <span className="name">{names.get(r.code) ?? ''}</span>
                {!r.entered && <span className="fine"> (not on the form)</span>}
              </th>
              <td data-label="Units" className={units.change ? 'change' : undefined}>
                {units.text}
              </td>
              <td data-label="Modifiers" className={mods.change ? 'change' : undefined}>
                {mods.text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {example && (
        <p className="fine">
          {first!.code} “{example[0]}”: the form has {example[1]}; bill {example[2]}.
        </p>
      )}
    </>
  );
}
