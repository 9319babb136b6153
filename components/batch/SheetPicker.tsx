// A workbook with several worksheets: which one holds the visits. The first is read until the
// user picks another (the CLI's --sheet).

export function SheetPicker({ sheets, value, onChange, disabled }: { sheets: readonly string[]; value: string; onChange(sheet: string): void; disabled?: boolean }) {
  return (
    <p className="sheet-picker">
      <label>
        Worksheet{' '}
        <select value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)}>
          {sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>{' '}
      <span>
        This workbook has {sheets.length} sheets; Unitwise reads the one chosen here.
      </span>
    </p>
  );
}
