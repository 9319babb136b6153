// Builds a Unitwise data pack from the practice's copies of the CMS quarterly files: the four
// practitioner PTP text files (ccipra-vNNNrN-f1…f4.TXT) and/or the practitioner MUE CSV.
// Pure and browser-safe (the options page may run it on files the user picks).

import type { DataPack, MueRow, PtpRow } from '../rules/data/schema';
import { baseName, isoFromParts, type ImportProblem } from './common';
import { parseMueCsv } from './mue';
import { parsePtpFile, preferPtpRow } from './ptp';
import { count } from '../count';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface PackProblem extends ImportProblem {
  /** File name, or "" for a problem with the set of files as a whole. */
  file: string;
}

export interface BuildDataPackResult {
  pack: DataPack;
  problems: PackProblem[];
  /** Human-readable, one line per file plus a closing line about the pack. */
  summary: string;
  /** Files that were not recognised or yielded no data rows: the pack is incomplete without them. */
  failedFiles: string[];
}

export type CmsFileKind = 'ptp' | 'mue';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The CMS files are Latin-1. (WHATWG maps the "latin1" label to windows-1252, which agrees with
 * Latin-1 on every printable byte; 0x80–0x9F become typographic marks instead of controls.)
 * A file re-saved with a UTF-8 byte-order mark is read as UTF-8.
 */
export function decodeCmsText(bytes: Uint8Array): string {
  if (bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('latin1').decode(bytes);
}

/** What a file is, by its content first and its name as a hint. */
export function detectKind(text: string, name: string): CmsFileKind | undefined {
  const head = text.slice(0, 16384);
  const ptp =
    /column\s*1\s*\/\s*column\s*2\s+edits/i.test(head) ||
    /(^|\n)\s*column\s*1\t\s*column\s*2\t/i.test(head) ||
    /(^|\n)[0-9A-Z]{5}\t[0-9A-Z]{5}\t[* ]?\t\d{8}\t/.test(head);
  const mue = /"hcpcs\/\s*cpt code"\s*,/i.test(head) || /mue adjudication indicator/i.test(head);
  if (ptp !== mue) return ptp ? 'ptp' : 'mue';
  const base = baseName(name);
  if (/ccipra|ccioph|ptp/i.test(base)) return 'ptp';
  if (/mue/i.test(base)) return 'mue';
  return undefined;
}

/** First day of a CMS quarter named in a file name ("…-2026q3-…" → 2026-07-01), if any. */
export function quarterFromName(name: string): string | undefined {
  const m = /(?:^|[^0-9])(20\d{2})[-_ ]?q([1-4])(?:[^0-9]|$)/i.exec(baseName(name));
  if (!m) return undefined;
  return isoFromParts(Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 1) ?? undefined;
}

/** First day of the quarter containing an ISO date. */
function quarterStart(iso: string): string {
  const month = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

const byPair = (a: PtpRow, b: PtpRow) =>
  a.column1 < b.column1 ? -1 : a.column1 > b.column1 ? 1 : a.column2 < b.column2 ? -1 : a.column2 > b.column2 ? 1 : 0;
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/**
 * Builds a pack one file at a time, so a caller can report progress and yield between files
 * (the options page). buildDataPack does the same for a whole list at once.
 */
export interface DataPackBuilder {
  /** Reads one file (decoding it) into the pack under construction. */
  add(file: ImportFile): void;
  /** The pack from the files added so far; later calls return the same result. */
  finish(): BuildDataPackResult;
}

export function createDataPackBuilder(keep: (code: string) => boolean, now: Date = new Date()): DataPackBuilder {
  const problems: PackProblem[] = [];
  const failedFiles: string[] = [];
  const lines: (string | (() => string))[] = [];
  const packFiles: DataPack['files'] = [];
  const note = (file: string, line: number, reason: string) => problems.push({ file, line, reason });

  const ptpByPair = new Map<string, PtpRow>();
  const ptpOrigin = new Map<PtpRow, number>(); // row → index in packFiles
  let ptpCrossMerged = 0;
  const ptpVersions = new Set<string>();
  const ptpParts = new Set<number>();
  let ptpQuarter: string | undefined;
  let mue: { rows: MueRow[]; from?: string; fileIndex: number } | undefined;
  const seen = new Set<string>();

  let result: BuildDataPackResult | undefined;

  function add(file: ImportFile): void {
    if (result) throw new Error('createDataPackBuilder: add() after finish()');
    const name = baseName(file.name);
    if (seen.has(name)) {
      note(name, 0, 'the same file name was given twice; the second copy is ignored');
      return;
    }
    seen.add(name);
    const b = file.bytes;
    if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
      note(name, 0, 'this is a zip archive (or .xlsx): unzip it and import the .TXT (PTP) or .csv (MUE) file inside');
      failedFiles.push(name);
      lines.push(`${name}: not imported (zip archive)`);
      return;
    }
    const text = decodeCmsText(b);
    const kind = detectKind(text, name);
    if (kind === undefined) {
      note(name, 0, 'not recognised as a CMS practitioner PTP file (ccipra-…TXT) or practitioner MUE table (MCR_MUE_PractitionerServices_Eff_…csv)');
      failedFiles.push(name);
      lines.push(`${name}: not imported (not recognised)`);
      return;
    }

    if (kind === 'ptp') {
      const r = parsePtpFile(text, { fileName: name, keep });
      for (const p of r.problems) note(name, p.line, p.reason);
      const fileIndex = packFiles.length;
      packFiles.push({ name, kind, rowsRead: r.rowsRead, rowsKept: 0 });
      if (r.rowsRead === 0) failedFiles.push(name);
      if (r.version) ptpVersions.add(r.version);
      const part = /(?:^|[^a-z0-9])f(\d)(?:[^0-9]|$)/i.exec(name);
      if (part) ptpParts.add(Number(part[1]));
      ptpQuarter ??= quarterFromName(name);
      for (const row of r.rows) {
        const key = `${row.column1}|${row.column2}`;
        const had = ptpByPair.get(key);
        let winner = row;
        if (had) {
          ptpCrossMerged++;
          winner = preferPtpRow(had, row);
        }
        ptpByPair.set(key, winner);
        if (winner === row) ptpOrigin.set(row, fileIndex);
      }
      // Written at the end, when rowsKept counts what this file contributes after merging.
      lines.push(() =>
        `${name} (PTP ${r.version ?? 'release unknown'}): ${plural(r.rowsRead, 'row')} read, ${count(packFiles[fileIndex]!.rowsKept)} kept` +
          (r.duplicatesMerged ? `, ${plural(r.duplicatesMerged, 'duplicate')} merged` : '') +
          (r.problems.length ? `, ${plural(r.problems.length, 'problem')}` : ''),
      );
    } else {
      const r = parseMueCsv(text, { fileName: name, keep });
      for (const p of r.problems) note(name, p.line, p.reason);
      packFiles.push({ name, kind, rowsRead: r.rowsRead, rowsKept: r.rows.length });
      if (r.rowsRead === 0) failedFiles.push(name);
      const fileIndex = packFiles.length - 1;
      lines.push(() =>
        `${name} (MUE effective ${r.effectiveFrom ?? 'date unknown'}): ${plural(r.rowsRead, 'row')} read, ${count(packFiles[fileIndex]!.rowsKept)} kept` +
          (r.problems.length ? `, ${plural(r.problems.length, 'problem')}` : ''),
      );
      if (r.rowsRead > 0) {
        if (mue) {
          // One MUE table per pack: keep the newer one.
          const newer = (r.effectiveFrom ?? '') > (mue.from ?? '');
          const dropped = newer ? packFiles[mue.fileIndex]!.name : name;
          note(dropped, 0, 'more than one MUE table given; only the one with the later effective date is used');
          if (newer) {
            packFiles[mue.fileIndex]!.rowsKept = 0;
            mue = { rows: r.rows, from: r.effectiveFrom, fileIndex };
          } else packFiles[fileIndex]!.rowsKept = 0;
        } else mue = { rows: r.rows, from: r.effectiveFrom, fileIndex };
      }
    }
  }

  function finish(): BuildDataPackResult {
    if (result) return result;
    const ptpRows = [...ptpByPair.values()].sort(byPair);
    for (const row of ptpRows) packFiles[ptpOrigin.get(row)!]!.rowsKept++;
    const hasPtp = packFiles.some((f) => f.kind === 'ptp' && f.rowsRead > 0);

    if (hasPtp) {
      if (ptpVersions.size > 1) {
        note('', 0, `the PTP files come from different releases (${[...ptpVersions].sort().join(', ')}); import the files of one quarter`);
      }
      // CMS publishes the practitioner PTP table in parts f1–f4; the pack replaces the whole
      // built-in table, so a missing part means missing pairs.
      const missing = [1, 2, 3, 4].filter((k) => !ptpParts.has(k));
      if (ptpParts.size > 0 && missing.length > 0) {
        note('', 0, `PTP part${missing.length > 1 ? 's' : ''} ${missing.map((k) => `f${k}`).join(', ')} not given: CMS publishes the practitioner table in four files (f1–f4) and pairs in a missing part will be absent from the pack`);
      }
    }

    // Effective dates. The MUE file name carries the date the table takes effect: use it. Failing
    // that, a quarter named in a PTP file name (as in CMS's zip names, "…-2026q3-…"). The
    // version number alone (v322r0) is not mapped to a quarter: the numbering is not documented
    // and the reference's own example (v322r0 in the 2026q3 zip) does not fit the pattern one
    // might guess. Otherwise the pack is dated from the earliest effective date of its rows,
    // open-ended: each PTP row still carries its own effective and deletion dates.
    // `to` is always null: a pack stays in use until the practice imports a newer one.
    const mueFrom = mue?.from;
    if (mueFrom && ptpQuarter && quarterStart(mueFrom) !== ptpQuarter) {
      note('', 0, `the MUE table (effective ${mueFrom}) and the PTP files (quarter starting ${ptpQuarter}) are from different quarters`);
    }
    let from = mueFrom ?? ptpQuarter;
    if (!from) {
      for (const r of ptpRows) if (from === undefined || r.effective < from) from = r.effective;
    }
    from ??= now.toISOString().slice(0, 10);

    const parts: string[] = [];
    if (hasPtp) parts.push(`ptp-${ptpVersions.size ? [...ptpVersions].sort().join('/') : 'unversioned'}`);
    if (mue) parts.push(`mue-${mueFrom ?? 'undated'}`);
    const version = parts.length ? `cms-${parts.join('+')}` : 'cms-empty';

    const pack: DataPack = {
      kind: 'unitwise-data-pack',
      formatVersion: 1,
      version,
      createdAt: now.toISOString(),
      effective: { from, to: null },
      files: packFiles,
      ...(hasPtp ? { ptp: ptpRows } : {}),
      ...(mue ? { mue: [...mue.rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)) } : {}),
    };

    const totals = [
      hasPtp ? `${plural(ptpRows.length, 'PTP pair')}` + (ptpCrossMerged ? ` (${plural(ptpCrossMerged, 'duplicate')} across files merged)` : '') : undefined,
      mue ? plural(mue.rows.length, 'MUE code') : undefined,
    ].filter(Boolean);
    lines.push(`pack ${version}: ${totals.join(', ') || 'no rows'}; effective from ${from}; ${plural(problems.length, 'problem')}`);
    result = { pack, problems, summary: lines.map((l) => (typeof l === 'string' ? l : l())).join('\n'), failedFiles };
    return result;
  }

  return { add, finish };
}

export function buildDataPack(files: ImportFile[], keep: (code: string) => boolean, now: Date = new Date()): BuildDataPackResult {
  const builder = createDataPackBuilder(keep, now);
  for (const file of files) builder.add(file);
  return builder.finish();
}

/** How many keys (PTP pairs, MUE codes) a new table adds, removes and changes against the current one. */
export interface DiffCounts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface PtpDiff extends DiffCounts {
  /** "column1|column2" keys, sorted. */
  addedPairs: string[];
  removedPairs: string[];
  changedPairs: string[];
}

export interface MueDiff extends DiffCounts {
  /** Codes, sorted. */
  addedCodes: string[];
  removedCodes: string[];
  changedCodes: string[];
}

/** Rows compared by key: a key is changed when the sorted signatures of its rows differ. */
function diffBy<T>(oldRows: readonly T[], newRows: readonly T[], key: (r: T) => string, sig: (r: T) => string) {
  const signature = (rows: readonly T[]) => {
    const m = new Map<string, string[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k);
      if (list) list.push(sig(r));
      else m.set(k, [sig(r)]);
    }
    return new Map([...m].map(([k, v]) => [k, v.sort().join(';')]));
  };
  const before = signature(oldRows);
  const after = signature(newRows);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  for (const [k, s] of after) {
    const old = before.get(k);
    if (old === undefined) added.push(k);
    else if (old !== s) changed.push(k);
    else unchanged++;
  }
  for (const k of before.keys()) if (!after.has(k)) removed.push(k);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort(), unchanged };
}

/**
 * What a new PTP table changes against the current one, pair by pair. A pair is "changed" when
 * its effective date, deletion date or modifier indicator differs; rationale wording, source
 * and confidence are not compared (the starter table words them differently from CMS).
 */
export function diffPacks(oldRows: readonly PtpRow[], newRows: readonly PtpRow[]): PtpDiff {
  const d = diffBy(oldRows, newRows, (r) => `${r.column1}|${r.column2}`, (r) => `${r.effective}|${r.deleted ?? '*'}|${r.modifierIndicator}`);
  return { added: d.added.length, removed: d.removed.length, changed: d.changed.length, unchanged: d.unchanged, addedPairs: d.added, removedPairs: d.removed, changedPairs: d.changed };
}

/** What a new MUE table changes, code by code: "changed" when the value or the MAI differs (not the wording). */
export function diffMue(oldRows: readonly MueRow[], newRows: readonly MueRow[]): MueDiff {
  const d = diffBy(oldRows, newRows, (r) => r.code, (r) => `${r.value}|${r.mai}`);
  return { added: d.added.length, removed: d.removed.length, changed: d.changed.length, unchanged: d.unchanged, addedCodes: d.added, removedCodes: d.removed, changedCodes: d.changed };
}

/**
 * The codes an import keeps rows for: every code in the code catalog (lib/rules/data/catalog.json,
 * given parsed). The CLI and the options page both use this, so they build the same pack.
 */
export function catalogCodes(catalog: unknown): Set<string> {
  const rows = (catalog as { rows?: { code?: unknown }[] } | null)?.rows;
  return new Set((Array.isArray(rows) ? rows : []).map((r) => r?.code).filter((c): c is string => typeof c === 'string'));
}

/** A problem as one line: "file:line: reason", "file: reason" (whole file) or "reason" (the set of files). */
export function problemText(p: PackProblem): string {
  return p.file === '' ? p.reason : p.line === 0 ? `${p.file}: ${p.reason}` : `${p.file}:${p.line}: ${p.reason}`;
}
