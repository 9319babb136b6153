import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDataPack, decodeCmsText, detectKind, diffPacks, quarterFromName } from '../../lib/import/pack';
import { DataPack, type PtpRow } from '../../lib/rules/data/schema';

const dir = (name: string) => fileURLToPath(new URL(`../fixtures/cms/${name}`, import.meta.url));
const F1 = 'ccipra-v322r0-f1.TXT';
const F2 = 'ccipra-v322r0-f2.TXT';
const MUE = 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv';
const file = (name: string, as = name) => ({ name: as, bytes: new Uint8Array(readFileSync(dir(name))) });
const THERAPY = new Set(['G0283', '92507', '97032', '97035', '97110', '97112', '97116', '97140', '97150', '97161', '97164', '97530', '97535', '97750']);
const keep = (c: string) => THERAPY.has(c);
const NOW = new Date('2026-08-01T12:00:00Z');
const ascii = (s: string) => ({ name: 'x', bytes: new TextEncoder().encode(s) });

describe('buildDataPack with two PTP parts and the MUE table', () => {
  const { pack, problems, summary, failedFiles } = buildDataPack([file(F1), file(F2), file(MUE)], keep, NOW);

  it('produces a pack that passes the DataPack schema', () => {
    expect(DataPack.safeParse(pack).success).toBe(true);
    expect(failedFiles).toEqual([]);
  });

  it('names the version after the PTP release and the MUE date, and dates it by the MUE file name', () => {
    expect(pack.version).toBe('cms-ptp-v322r0+mue-2026-07-01');
    expect(pack.effective).toEqual({ from: '2026-07-01', to: null });
    expect(pack.createdAt).toBe('2026-08-01T12:00:00.000Z');
  });

  it('merges the PTP parts: the row in force in f1 beats the deleted duplicate in f2', () => {
    expect(pack.ptp!.filter((r) => r.column1 === '97140' && r.column2 === '97530')).toEqual([
      expect.objectContaining({ deleted: null, modifierIndicator: 1, source: `CMS NCCI practitioner PTP file ${F1}, line 8` }),
    ]);
    expect(pack.ptp!.find((r) => r.column1 === 'G0283')).toMatchObject({ column2: '97032', source: `CMS NCCI practitioner PTP file ${F2}, line 8` });
    expect(pack.ptp).toHaveLength(8);
    const keys = pack.ptp!.map((r) => `${r.column1}|${r.column2}`);
    expect(keys).toEqual([...keys].sort()); // stable order, easy to diff
  });

  it('lists each file with rows read and rows it contributes', () => {
    expect(pack.files).toEqual([
      { name: F1, kind: 'ptp', rowsRead: 12, rowsKept: 7 },
      { name: F2, kind: 'ptp', rowsRead: 3, rowsKept: 1 },
      { name: MUE, kind: 'mue', rowsRead: 6, rowsKept: 5 },
    ]);
    expect(pack.mue!.map((r) => r.code)).toEqual(['92507', '97110', '97140', '97150', '97161']);
  });

  it('passes on every file problem with its file and line, and warns about the missing parts f3, f4', () => {
    expect(problems.filter((p) => p.file === F1).map((p) => p.line)).toEqual([18, 19, 20, 21, 23]);
    expect(problems.filter((p) => p.file === MUE).map((p) => p.line)).toEqual([16, 17, 18, 19]);
    expect(problems.filter((p) => p.file === '')).toEqual([{ file: '', line: 0, reason: expect.stringMatching(/^PTP parts f3, f4 not given/) }]);
  });

  it('summarises per file and for the pack', () => {
    expect(summary.split('\n')).toEqual([
      `${F1} (PTP v322r0): 12 rows read, 7 kept, 3 duplicates merged, 5 problems`,
      `${F2} (PTP v322r0): 3 rows read, 1 kept`,
      `${MUE} (MUE effective 2026-07-01): 6 rows read, 5 kept, 4 problems`,
      'pack cms-ptp-v322r0+mue-2026-07-01: 8 PTP pairs (1 duplicate across files merged), 5 MUE codes; effective from 2026-07-01; 10 problems',
    ]);
  });
});

describe('buildDataPack: kinds, dates and refusals', () => {
  it('detects the kind by content when the names say nothing (or mislead)', () => {
    const { pack } = buildDataPack([file(F1, 'download (1).txt'), file(MUE, 'ptp-table.csv')], keep, NOW);
    expect(pack.files.map((f) => f.kind)).toEqual(['ptp', 'mue']);
    expect(detectKind('just some text', 'ccipra-v322r0-f3.TXT')).toBe('ptp'); // name as a hint
    expect(detectKind('just some text', 'notes.txt')).toBeUndefined();
  });

  it('PTP only: dated from the earliest row, open-ended, unless a file name names the quarter', () => {
    const only = buildDataPack([file(F1)], keep, NOW).pack;
    expect(only.version).toBe('cms-ptp-v322r0');
    expect(only.effective).toEqual({ from: '1996-01-01', to: null });
    expect(only.mue).toBeUndefined();
    const named = buildDataPack([file(F1, 'medicare-ncci-2026q3-ccipra-v322r0-f1.TXT')], keep, NOW).pack;
    expect(named.effective).toEqual({ from: '2026-07-01', to: null });
    expect(quarterFromName('medicare-ncci-2026q4-practitioner-ptp-edits-ccipra-v323r0-f1.zip')).toBe('2026-10-01');
  });

  it('MUE only', () => {
    const { pack } = buildDataPack([file(MUE)], keep, NOW);
    expect(pack.version).toBe('cms-mue-2026-07-01');
    expect(pack.ptp).toBeUndefined();
    expect(DataPack.safeParse(pack).success).toBe(true);
  });

  it('warns when the files come from different releases or quarters', () => {
    const { problems, pack } = buildDataPack([file(F1), file(F2, 'ccipra-v321r0-f2.TXT'), file(MUE)], keep, NOW);
    expect(pack.version).toBe('cms-ptp-v321r0/v322r0+mue-2026-07-01');
    expect(problems.some((p) => /different releases \(v321r0, v322r0\)/.test(p.reason))).toBe(true);
    const q = buildDataPack([file(F1, 'medicare-ncci-2026q2-ccipra-v322r0-f1.TXT'), file(MUE)], keep, NOW).problems;
    expect(q.some((p) => /different quarters/.test(p.reason))).toBe(true);
  });

  it('refuses zips and unrecognised files, and ignores a file given twice', () => {
    const zip = { name: 'medicare-ncci-2026q3-ccipra-v322r0-f1.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) };
    const r = buildDataPack([zip, { ...ascii('hello'), name: 'notes.txt' }, file(F1), file(F1)], keep, NOW);
    expect(r.failedFiles).toEqual([zip.name, 'notes.txt']);
    expect(r.problems.find((p) => p.file === zip.name)!.reason).toMatch(/zip archive/);
    expect(r.problems.find((p) => p.file === 'notes.txt')!.reason).toMatch(/not recognised/);
    expect(r.problems.some((p) => p.file === F1 && /given twice/.test(p.reason))).toBe(true);
    expect(r.pack.files.map((f) => f.name)).toEqual([F1]);
  });

  it('a PTP-named file without data rows fails with the clear message', () => {
    const r = buildDataPack([{ ...ascii('Column1/Column2 Edits\r\nnothing here\r\n'), name: 'ccipra-v322r0-f1.TXT' }], keep, NOW);
    expect(r.failedFiles).toEqual(['ccipra-v322r0-f1.TXT']);
    expect(r.problems[0]!.reason).toBe('no PTP data rows found: is this a ccipra practitioner PTP file?');
  });
});

describe('decodeCmsText', () => {
  it('reads bytes as Latin-1, and as UTF-8 only behind a UTF-8 byte-order mark', () => {
    expect(decodeCmsText(new Uint8Array([0x43, 0xa9, 0xae]))).toBe('C\u00a9\u00ae');
    expect(decodeCmsText(new Uint8Array([0xef, 0xbb, 0xbf, 0x43, 0xc2, 0xa9]))).toBe('C\u00a9');
  });
});

describe('diffPacks', () => {
  const row = (column1: string, column2: string, modifierIndicator: 0 | 1 | 9, deleted: string | null = null, rationale = 'x'): PtpRow => ({
    column1,
    column2,
    effective: '2020-01-01',
    deleted,
    modifierIndicator,
    rationale,
    source: 'test',
    confidence: 'secondary',
  });
  it('counts pairs added, removed and changed (dates or indicator), ignoring wording', () => {
    const before = [row('97140', '97530', 1), row('97150', '97110', 1), row('97012', '97140', 1), row('97530', '97116', 1)];
    const after = [
      row('97140', '97530', 1, null, 'Mutually exclusive procedures'), // wording only: unchanged
      row('97150', '97110', 0), // indicator changed
      row('97530', '97116', 1, '2026-06-30'), // now deleted: changed
      row('97164', '97750', 1), // added
    ];
    expect(diffPacks(before, after)).toEqual({
      added: 1,
      removed: 1,
      changed: 2,
      unchanged: 1,
      addedPairs: ['97164|97750'],
      removedPairs: ['97012|97140'],
      changedPairs: ['97150|97110', '97530|97116'],
    });
  });
});
