// Importer for the CMS practitioner MUE table (MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv),
// already decoded from Latin-1 to a string. Pure and browser-safe. Format: rules-reference §4.4.
//
//   record 0   a quoted multi-line AMA notice, then ",,,"
//   record 1   header: "HCPCS/\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale
//   then       code,value,"2 Date of Service Edit: Policy",rationale
//
// The effective date is only in the file name.

import type { MueRow } from '../rules/data/schema';
import { ProblemList, noRowsProblems, baseName, isCode, isDigits, isoFromParts, quote, type ImportProblem } from './common';
import { readCsvRecords } from './csv-records';

export interface MueParseOptions {
  fileName: string;
  keep: (code: string) => boolean;
}

export interface MueParseResult {
  rows: MueRow[];
  /** Valid data rows in the file, kept or not. */
  rowsRead: number;
  problems: ImportProblem[];
  /** From the file name: "…_Eff_07-01-2026.csv" → "2026-07-01". */
  effectiveFrom?: string;
}

export const NO_MUE_ROWS =
  'no MUE data rows found: is this the practitioner MUE CSV (MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv)?';

const COLUMNS = 4;
/** The header is record 1; allow a few spare records above it. */
const HEADER_MAX_RECORD = 5;

/** "MCR_MUE_PractitionerServices_Eff_07-01-2026.csv" → "2026-07-01". */
export function mueEffectiveFromName(fileName: string): string | undefined {
  const m = /eff[_ -]?(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})/i.exec(baseName(fileName));
  if (!m) return undefined;
  return isoFromParts(Number(m[3]), Number(m[1]), Number(m[2])) ?? undefined;
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export function parseMueCsv(text: string, opts: MueParseOptions): MueParseResult {
  const fileName = baseName(opts.fileName);
  const effectiveFrom = mueEffectiveFromName(fileName);
  const problems = new ProblemList();
  const rows: MueRow[] = [];
  const lineByCode = new Map<string, number>();
  let rowsRead = 0;
  const sourcePrefix = `CMS practitioner MUE table ${fileName}, line `;

  const csv = readCsvRecords(text);
  const { records } = csv;
  for (const p of csv.problems) problems.add(p.line, p.reason);

  // The header is the record whose first cell reads "HCPCS/ CPT Code" (a line break inside).
  let first = 0;
  for (let r = 0; r < Math.min(records.length, HEADER_MAX_RECORD + 1); r++) {
    if (squash(records[r]!.fields[0] ?? '') === 'hcpcs/cptcode') {
      first = r + 1;
      const valuesHeader = records[r]!.fields[1] ?? '';
      // The outpatient-hospital and DME tables have the same layout with other values.
      if (!/practitioner/i.test(valuesHeader)) {
        return {
          rows: [],
          rowsRead: 0,
          effectiveFrom,
          problems: [
            {
              line: records[r]!.line,
              reason: `this MUE table's values column is ${quote(valuesHeader.replace(/\s+/g, ' '), 60)}; Unitwise needs the practitioner services table (MCR_MUE_PractitionerServices_…)`,
            },
          ],
        };
      }
      break;
    }
  }

  for (let r = first; r < records.length; r++) {
    const { fields, line } = records[r]!;
    let count = fields.length;
    while (count > COLUMNS && fields[count - 1]!.trim() === '') count--;
    if (fields.every((f) => f.trim() === '')) continue; // empty line or ",,,": no data on it
    if (first === 0 && r < HEADER_MAX_RECORD && /american medical association|copyright/i.test(fields[0]!)) continue; // notice
    const reason = check(fields, count, line);
    if (reason !== undefined) problems.add(line, reason);
  }

  function check(fields: string[], count: number, line: number): string | undefined {
    if (count !== COLUMNS) return `expected ${COLUMNS} comma-separated columns, found ${count}`;
    const code = fields[0]!.trim();
    const valueRaw = fields[1]!.trim();
    const maiRaw = fields[2]!.trim();
    if (!isCode(code)) return `code ${quote(code)} is not a 5-character CPT/HCPCS code`;
    if (!isDigits(valueRaw)) return `MUE value ${quote(valueRaw)} is not a whole number`;
    // "2 Date of Service Edit: Policy" → 2: one digit, then the end or a non-digit.
    const m = maiRaw.charCodeAt(0) - 48;
    if (!(m === 1 || m === 2 || m === 3) || (maiRaw.length > 1 && isDigits(maiRaw.charAt(1)))) {
      return `MUE adjudication indicator ${quote(maiRaw)} does not start with 1, 2 or 3`;
    }
    rowsRead++;
    if (!opts.keep(code)) return undefined;
    const earlier = lineByCode.get(code);
    if (earlier !== undefined) return `code ${code} repeats line ${earlier}; the first row is kept`;
    lineByCode.set(code, line);
    rows.push({
      code,
      value: Number(valueRaw),
      mai: m as 1 | 2 | 3,
      rationale: fields[3]!.trim(),
      source: sourcePrefix + line,
      confidence: 'primary',
    });
    return undefined;
  }

  // Reader problems were listed first: put all in line order (file-wide notes, line 0, last).
  const order = (p: ImportProblem) => (p.line === 0 ? Number.MAX_SAFE_INTEGER : p.line);
  let list = problems.finish().sort((a, b) => order(a) - order(b));
  if (effectiveFrom === undefined) {
    list.unshift({ line: 0, reason: 'no effective date in the file name (expected …_Eff_MM-DD-YYYY.csv as CMS names it)' });
  }
  if (rowsRead === 0) list = noRowsProblems(NO_MUE_ROWS, list, problems.count + (effectiveFrom === undefined ? 1 : 0));
  return { rows, rowsRead, problems: list, effectiveFrom };
}
