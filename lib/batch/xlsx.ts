// An .xlsx (or .xls) export → rows of text cells, for the table stage. Read with SheetJS (the
// maintained @e965/xlsx 0.20 build; the xlsx 0.18.5 on npm has a known prototype-pollution
// flaw). A workbook is a zip whose directory is at its end, so it is read whole, not streamed.
// Cells are turned into the text a CSV of the same sheet would hold: dates as YYYY-MM-DD
// (from the cell's date format and the workbook's date system, not the computer's time zone), times and durations formatted
// h:mm as h:mm, numbers as written, less the float noise of a formula (see plainNumber).

import { read, SSF, type CellObject, type WorkBook } from '@e965/xlsx';

export interface SheetRows {
  sheet: string;
  sheets: string[];
  rows: { cells: string[]; line: number }[];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A number cell's value rounded to 12 significant digits: a formula such as
 * =(TimeOut-TimeIn)*1440 stores 37.99999999999994 for the 38 the sheet shows, and 37.99… minutes
 * would earn a unit less. Not the cell's formatted text: a format of "0" shows 37.6 minutes as
 * 38 and 2.4 units as 2, hiding a real fraction the rules must see. Whole numbers (account and
 * claim numbers of 13 digits and more) are kept as they are.
 */
function plainNumber(v: number): number {
  return Number.isInteger(v) || Math.abs(v) >= 1e11 ? v : Number(v.toPrecision(12));
}

/** A cell as a CSV would hold it. date1904: the workbook counts days from 1904-01-01 (older Mac Excel), not 1899-12-30. */
function cellText(cell: CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'n' && typeof cell.v === 'number') {
    const v = plainNumber(cell.v);
    const format = typeof cell.z === 'string' ? cell.z : '';
    if (format && SSF.is_date(format)) {
      const p = SSF.parse_date_code(v, { date1904 }) as { y: number; m: number; d: number; H: number; M: number; S: number } | null;
      if (p) {
        // A format with a year, month name or day is a date; one with only hours and minutes
        // is a time of day or a duration (0:33): keep it as h:mm for the mapping stage to judge.
        const f = format.replace(/"[^"]*"|\[[^\]]*\]/g, '').toLowerCase();
        if (/[yd]/.test(f) || /(^|[^h:])m{3,}/.test(f)) return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
        const minutes = Math.round(v * 24 * 60);
        return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
      }
    }
    return String(v);
  }
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  if (cell.t === 'b') return cell.v ? 'TRUE' : 'FALSE';
  if (cell.t === 'e') return cell.w ?? '#ERROR';
  return String(cell.v);
}

/** The rows of one worksheet (the first, or `sheet` by name); a reason when it cannot be read. */
export function readSheet(bytes: Uint8Array, sheet?: string): SheetRows | string {
  let book: WorkBook;
  try {
    book = read(bytes, { type: 'array', dense: true, cellNF: true, cellDates: false, cellFormula: false, cellHTML: false, cellStyles: false });
  } catch (e) {
    return `cannot open this spreadsheet: ${(e as Error).message}`;
  }
  const names = book.SheetNames;
  const name = sheet === undefined ? names[0] : names.find((n) => n === sheet) ?? names.find((n) => n.toLowerCase() === sheet.trim().toLowerCase());
  if (name === undefined) {
    return sheet === undefined ? 'the workbook has no worksheet' : `the workbook has no sheet ${JSON.stringify(sheet)} (sheets: ${names.map((n) => JSON.stringify(n)).join(', ')})`;
  }
  const ws = book.Sheets[name]!;
  const date1904 = !!book.Workbook?.WBProps?.date1904;
  const data = (ws['!data'] ?? []) as (CellObject[] | undefined)[];
  const rows: SheetRows['rows'] = [];
  data.forEach((row, r) => {
    if (!row) {
      rows.push({ cells: [''], line: r + 1 });
      return;
    }
    const cells: string[] = [];
    for (let c = 0; c < row.length; c++) cells.push(cellText(row[c], date1904));
    rows.push({ cells, line: r + 1 });
  });
  return { sheet: name, sheets: names, rows };
}
