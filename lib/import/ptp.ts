// Importer for the CMS NCCI practitioner PTP file (ccipra-vNNNrN-fK.TXT), already decoded
// from Latin-1 to a string. Pure and browser-safe. Format: shared rules-reference §4.4.
//
//   line 1      AMA notice ("CPT only copyright … American Medical Association …"), tab-padded
//   line 2      "Column1/Column2 Edits", tab-padded
//   lines 3-6   header wrapped over four lines ("Column 1<TAB>Column 2<TAB>*=in existence…")
//   then        col1 TAB col2 TAB "*"|"" TAB YYYYMMDD TAB YYYYMMDD|"*" TAB 0|1|9 TAB rationale
//
// A real quarter is about 2.6M lines over four files, so lines are cut with indexOf and fields
// checked by character codes; only rows that are kept become objects.

import type { PtpRow } from '../rules/data/schema';
import { ProblemList, noRowsProblems, baseName, isCode, isoFromYmd, quote, type ImportProblem } from './common';

export interface PtpParseOptions {
  fileName: string;
  /** Codes worth keeping (therapy codes): a row is kept when either column passes. */
  keep: (code: string) => boolean;
}

export interface PtpParseResult {
  /** Kept rows, duplicates merged, in file order of first appearance. */
  rows: PtpRow[];
  /** Valid data rows in the file, kept or not. */
  rowsRead: number;
  /** Kept rows that repeated an earlier kept (column1, column2) pair and were merged into it. */
  duplicatesMerged: number;
  problems: ImportProblem[];
  /** Release from the file name, e.g. "v322r0". */
  version?: string;
}

export const NO_PTP_ROWS = 'no PTP data rows found: is this a ccipra practitioner PTP file?';

const COLUMNS = 7;
/** The notice, title and wrapped header take 6 lines; allow a few spare. */
const PREAMBLE_MAX_LINES = 12;

/** The release in a CMS file name: "ccipra-v322r0-f1.TXT" → "v322r0". */
export function ptpVersionFromName(fileName: string): string | undefined {
  const m = /(?:^|[^a-z0-9])(v\d{3,}r\d+)(?:[^a-z0-9]|$)/i.exec(baseName(fileName));
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * Which of two rows for the same (column1, column2) pair to keep (rules-reference §4.4):
 * the row still in force (deletion "*"); otherwise the later deletion date. When both are in
 * force, or both end on the same day, the later effective date wins, then the later row.
 */
export function preferPtpRow(earlier: PtpRow, later: PtpRow): PtpRow {
  if (earlier.deleted === null && later.deleted !== null) return earlier;
  if (later.deleted === null && earlier.deleted !== null) return later;
  if (earlier.deleted !== later.deleted) return earlier.deleted! > later.deleted! ? earlier : later;
  return earlier.effective > later.effective ? earlier : later;
}

const HEADER_START = /^\s*column\s*1\s*\t\s*column\s*2(\t|$)/i;
const NOTICE = /copyright|american medical association|column\s*1\s*\/\s*column\s*2\s+edits/i;

/** 1-based line of the header's first line ("Column 1<TAB>Column 2…") near the top, or 0. */
function findHeaderLine(text: string, eol: string): number {
  const head = text.slice(0, 16384).split(eol, PREAMBLE_MAX_LINES);
  for (let i = 0; i < head.length; i++) if (HEADER_START.test(head[i]!)) return i + 1;
  return 0;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 9 && c !== 32) return false;
  }
  return true;
}

export function parsePtpFile(text: string, opts: PtpParseOptions): PtpParseResult {
  const fileName = baseName(opts.fileName);
  const version = ptpVersionFromName(fileName);
  if (/ccioph/i.test(fileName)) {
    return {
      rows: [],
      rowsRead: 0,
      duplicatesMerged: 0,
      version,
      problems: [
        {
          line: 0,
          reason: 'this is the outpatient hospital PTP file (ccioph…); Unitwise needs the practitioner PTP files (ccipra…)',
        },
      ],
    };
  }

  const problems = new ProblemList();
  const rows: PtpRow[] = [];
  const indexByPair = new Map<string, number>();
  let rowsRead = 0;
  let duplicatesMerged = 0;
  const sourcePrefix = `CMS NCCI practitioner PTP file ${fileName}, line `;
  // A substring can keep the whole file's text alive (V8 sliced strings). The rationale is one
  // of a handful of phrases, so kept rows share one fresh copy of each.
  const rationales = new Map<string, string>();
  const intern = (s: string): string => {
    let v = rationales.get(s);
    if (v === undefined) {
      v = Array.from(s).join('');
      rationales.set(v, v);
    }
    return v;
  };

  // CRLF per the format; LF accepted; a file with only CRs (old Mac) is split on CR.
  const eol = text.indexOf('\n') === -1 && text.indexOf('\r') !== -1 ? '\r' : '\n';
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  // Everything above the header is notice/title; up to three lines below it whose first cell is
  // empty are the rest of the wrapped header. Without a header, only notice-like lines are skipped.
  const headerLine = findHeaderLine(text, eol);
  let inPreamble = true;

  while (pos < n) {
    let end = text.indexOf(eol, pos);
    const hasEol = end !== -1;
    if (!hasEol) end = n;
    let lineEnd = end;
    if (eol === '\n' && lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const line = text.slice(pos, lineEnd);
    pos = end + 1;
    lineNo++;

    if (isBlank(line)) continue; // no data on it, nothing lost
    if (inPreamble) {
      if (headerLine > 0 ? lineNo <= headerLine || (lineNo <= headerLine + 3 && line.charCodeAt(0) === 9) : lineNo <= PREAMBLE_MAX_LINES && NOTICE.test(line)) {
        continue;
      }
      inPreamble = false;
    }

    const reason = checkAndKeep(line);
    if (reason !== undefined) problems.add(lineNo, hasEol ? reason : `truncated last line (no line end): ${reason}`);
  }

  /** Validates one data line; records it when valid and kept. Returns a problem, if any. */
  function checkAndKeep(line: string): string | undefined {
    const f = line.split('\t');
    let count = f.length;
    while (count > COLUMNS && f[count - 1]!.trim() === '') count--; // trailing tabs are harmless
    if (count !== COLUMNS) return `expected ${COLUMNS} tab-separated columns, found ${count}`;

    const column1 = f[0]!.trim();
    const column2 = f[1]!.trim();
    const prior = f[2]!.trim();
    const effRaw = f[3]!.trim();
    const delRaw = f[4]!.trim();
    const indRaw = f[5]!.trim();
    if (!isCode(column1)) return `column 1 ${quote(column1)} is not a 5-character CPT/HCPCS code`;
    if (!isCode(column2)) return `column 2 ${quote(column2)} is not a 5-character CPT/HCPCS code`;
    if (prior !== '' && prior !== '*') return `"in existence prior to 1996" must be * or blank, found ${quote(prior)}`;
    const effective = isoFromYmd(effRaw);
    if (effective === null) return `effective date ${quote(effRaw)} is not a YYYYMMDD date`;
    // "*" = no data = still in force. A blank deletion date is read the same way: the header
    // says "*=no data", and a blank cell carries no date either.
    let deleted: string | null = null;
    if (delRaw !== '*' && delRaw !== '') {
      deleted = isoFromYmd(delRaw);
      if (deleted === null) return `deletion date ${quote(delRaw)} is not a YYYYMMDD date or *`;
      if (deleted < effective) return `deletion date ${deleted} is before effective date ${effective}`;
    }
    let modifierIndicator: 0 | 1 | 9;
    if (indRaw === '0') modifierIndicator = 0;
    else if (indRaw === '1') modifierIndicator = 1;
    else if (indRaw === '9') modifierIndicator = 9;
    else return `modifier indicator ${quote(indRaw)} is not 0, 1 or 9`;

    rowsRead++;
    if (!opts.keep(column1) && !opts.keep(column2)) return undefined;

    const row: PtpRow = {
      column1,
      column2,
      effective,
      deleted,
      modifierIndicator,
      rationale: intern(f[6]!.trim()),
      source: sourcePrefix + lineNo,
      confidence: 'primary',
    };
    const key = `${column1}|${column2}`;
    const at = indexByPair.get(key);
    if (at === undefined) {
      indexByPair.set(key, rows.length);
      rows.push(row);
    } else {
      duplicatesMerged++;
      rows[at] = preferPtpRow(rows[at]!, row);
    }
    return undefined;
  }

  let list = problems.finish();
  if (rowsRead === 0) list = noRowsProblems(NO_PTP_ROWS, list, problems.count);
  return { rows, rowsRead, duplicatesMerged, problems: list, version };
}
