import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importFromFiles, MAX_LISTED_PROBLEMS, type ImportResult } from '../../lib/import/browser-import';
import { buildDataPack } from '../../lib/import/pack';
import { DataPack, type PtpRow } from '../../lib/rules/data/schema';

const path = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const F1 = 'ccipra-v322r0-f1.TXT';
const F2 = 'ccipra-v322r0-f2.TXT';
const MUE = 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv';
const bytesOf = (name: string) => new Uint8Array(readFileSync(path(`../fixtures/cms/${name}`)));
const file = (name: string, as = name) => ({ name: as, bytes: bytesOf(name) });
const latin1 = (name: string) => new TextDecoder('latin1').decode(bytesOf(name));
const json = (rel: string) => JSON.parse(readFileSync(path(rel), 'utf8'));
const NOW = new Date('2026-08-01T12:00:00Z');

// The CLI's keep-set, read here the way scripts/import.ts reads it: every code in the catalog.
const CATALOG = new Set<string>(json('../../lib/rules/data/catalog.json').rows.map((r: { code: string }) => r.code));
const STARTER_PTP: PtpRow[] = json('../../lib/rules/data/ptp.json').rows;
const STARTER_MUE: { code: string }[] = json('../../lib/rules/data/mue.json').rows;

// --- The fixtures read independently of lib/import: a deliberately plain reading of the layouts. ---

const realDate = (s: string) => /^\d{8}$/.test(s) && +s.slice(4, 6) >= 1 && +s.slice(4, 6) <= 12 && +s.slice(6, 8) >= 1 && +s.slice(6, 8) <= 31;

/** Valid PTP data rows (7 tab-separated fields, real dates, indicator 0/1/9) with a catalog code in either column. */
function therapyPtpRows(text: string) {
  const rows: { key: string; effective: string; deleted: string; indicator: string }[] = [];
  const lines = text.split(/\r?\n/);
  // The last line without a line end is truncated: not a row.
  if (!/\r?\n$/.test(text)) lines.pop();
  for (const line of lines) {
    const f = line.split('\t');
    if (f.length !== 7 || !/^[0-9A-Z]{5}$/.test(f[0]!) || !/^[0-9A-Z]{5}$/.test(f[1]!)) continue;
    if (!realDate(f[3]!) || !(f[4] === '*' || realDate(f[4]!)) || !['0', '1', '9'].includes(f[5]!)) continue;
    if (CATALOG.has(f[0]!) || CATALOG.has(f[1]!)) rows.push({ key: `${f[0]}|${f[1]}`, effective: f[3]!, deleted: f[4]!, indicator: f[5]! });
  }
  return rows;
}

/** MUE codes on well-formed one-line data rows ("CODE,value,MAI …,rationale") that are in the catalog. */
function therapyMueCodes(text: string): Set<string> {
  const codes = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9A-Z]{5}),(\d+),([123]) [^,]*,(.*)$/.exec(line);
    if (m && CATALOG.has(m[1]!) && (m[4]!.match(/"/g) ?? []).length % 2 === 0) codes.add(m[1]!);
  }
  return codes;
}

const fixturePtp = [...therapyPtpRows(latin1(F1)), ...therapyPtpRows(latin1(F2))];
const fixturePairs = new Set(fixturePtp.map((r) => r.key));
const fixtureMue = therapyMueCodes(latin1(MUE));
const count = <T,>(xs: Iterable<T>, pred: (x: T) => boolean) => [...xs].filter(pred).length;

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(`expected an import, got: ${r.error}`);
  return r;
}

describe('importFromFiles: the fixtures', () => {
  it('builds the same pack as the CLI path (buildDataPack with the catalog keep-set)', async () => {
    const files = [file(F1), file(F2), file(MUE)];
    const r = ok(await importFromFiles(files, null, undefined, NOW));
    const cli = buildDataPack(files, (c) => CATALOG.has(c), NOW);
    expect(r.pack).toEqual(cli.pack);
    expect(DataPack.safeParse(r.pack).success).toBe(true);
    expect(r.summary.version).toBe(cli.pack.version);
    expect(r.summary.effective).toEqual({ from: '2026-07-01', to: null }); // from the MUE file name
  });

  it('the sanity of the independent reading: it finds rows, and the pack has exactly those pairs and codes', async () => {
    expect(fixturePairs.size).toBeGreaterThan(3);
    expect(fixtureMue.size).toBeGreaterThan(2);
    const r = ok(await importFromFiles([file(F1), file(F2), file(MUE)], null, undefined, NOW));
    expect(new Set(r.pack.ptp!.map((p) => `${p.column1}|${p.column2}`))).toEqual(fixturePairs);
    expect(new Set(r.pack.mue!.map((m) => m.code))).toEqual(fixtureMue);
  });

  it('with nothing imported, counts pairs and MUE codes against the built-in starter tables', async () => {
    const r = ok(await importFromFiles([file(F1), file(F2), file(MUE)], null, undefined, NOW));
    const starterPairs = new Set(STARTER_PTP.map((p) => `${p.column1}|${p.column2}`));
    const starterMue = new Set(STARTER_MUE.map((m) => m.code));
    const { ptp, mue } = r.summary;
    expect(ptp.source).toBe('imported');
    expect(ptp.added).toBe(count(fixturePairs, (k) => !starterPairs.has(k)));
    expect(ptp.removed).toBe(count(starterPairs, (k) => !fixturePairs.has(k)));
    expect(ptp.changed + ptp.unchanged).toBe(count(fixturePairs, (k) => starterPairs.has(k)));
    expect(mue.added).toBe(count(fixtureMue, (c) => !starterMue.has(c)));
    expect(mue.removed).toBe(count(starterMue, (c) => !fixtureMue.has(c)));
    expect(mue.changed + mue.unchanged).toBe(count(fixtureMue, (c) => starterMue.has(c)));
    expect(r.summary.previousVersion).toMatch(/^built-in /);
  });

  it('against an imported pack: added, removed and changed pairs, and a text line with the counts', async () => {
    // The current pack: two fixture pairs that occur once (one the same, one with another
    // indicator) and one pair the fixtures do not have.
    const once = fixturePtp.filter((r) => count(fixturePtp, (o) => o.key === r.key) === 1);
    expect(once.length).toBeGreaterThanOrEqual(2);
    const iso = (s: string) => (s === '*' ? null : `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`);
    const row = (r: (typeof once)[number], indicator: 0 | 1 | 9): PtpRow => {
      const [column1, column2] = r.key.split('|') as [string, string];
      return { column1, column2, effective: iso(r.effective)!, deleted: iso(r.deleted), modifierIndicator: indicator, rationale: 'x', source: 'test', confidence: 'primary' };
    };
    const indicator = (r: (typeof once)[number]) => Number(r.indicator) as 0 | 1 | 9;
    const current: DataPack = {
      kind: 'unitwise-data-pack',
      formatVersion: 1,
      version: 'cms-ptp-old',
      createdAt: NOW.toISOString(),
      effective: { from: '2026-04-01', to: null },
      files: [{ name: 'old-f1.TXT', kind: 'ptp', rowsRead: 3, rowsKept: 3 }],
      ptp: [row(once[0]!, indicator(once[0]!)), row(once[1]!, indicator(once[1]!) === 0 ? 1 : 0), { ...row(once[0]!, 1), column1: '97999', column2: '97998' }],
    };
    const r = ok(await importFromFiles([file(F1), file(F2)], current, undefined, NOW));
    expect(r.summary.previousVersion).toMatch(/cms-ptp-old/);
    expect(r.summary.ptp).toEqual({ added: fixturePairs.size - 2, removed: 1, changed: 1, unchanged: 1, source: 'imported' });
    // No MUE file: the starter MUE table is in force before and after.
    expect(r.summary.mue).toEqual({ added: 0, removed: 0, changed: 0, unchanged: STARTER_MUE.length, source: 'starter' });
    expect(r.summary.text).toBe(
      `${fixturePairs.size - 2} pairs added, 1 removed, 1 changed; ` +
        'MUE: 0 codes added, 0 removed, 0 changed (no MUE file given: the built-in starter limits apply); ' +
        `${r.summary.problemCount} problems`,
    );
  });

  it('a broken stored pack counts as the built-in data (as the background treats it)', async () => {
    const a = ok(await importFromFiles([file(MUE)], { kind: 'something else' }, undefined, NOW));
    const b = ok(await importFromFiles([file(MUE)], null, undefined, NOW));
    expect(a.summary).toEqual(b.summary);
  });

  it('calls onProgress once per file, in order, and lets timers run between files', async () => {
    const calls: [number, number, string][] = [];
    let timerRan = false;
    const seenByLater: boolean[] = [];
    await importFromFiles([file(F1), file(F2), file(MUE)], null, (done, total, name) => {
      calls.push([done, total, name]);
      seenByLater.push(timerRan);
      if (done === 1) setTimeout(() => (timerRan = true), 0);
    });
    expect(calls).toEqual([
      [1, 3, F1],
      [2, 3, F2],
      [3, 3, MUE],
    ]);
    expect(seenByLater).toEqual([false, true, true]);
  });
});

describe('importFromFiles: problems and refusals', () => {
  it('lists the problems as file:line: reason, with the truncated last line of f1', async () => {
    const r = ok(await importFromFiles([file(F1)], null, undefined, NOW));
    expect(r.summary.problems).toContain(`${F1}:18: effective date "2020013" is not a YYYYMMDD date`);
    expect(r.summary.problems.some((p) => p.startsWith(`${F1}:23: truncated last line`))).toBe(true);
    // f2 and f3, f4 were not given: a problem for the set of files, without a file name.
    expect(r.summary.problems).toContainEqual(expect.stringMatching(/^PTP parts f2, f3, f4 not given/));
  });

  it('a PTP file cut in the middle of a row reports that line as truncated and keeps the rows before it', async () => {
    const text = latin1(F2);
    const cut = text.indexOf('G0283') + 9; // inside the G0283 row
    const line = text.slice(0, cut).split('\n').length;
    const r = ok(await importFromFiles([{ name: F2, bytes: bytesOf(F2).subarray(0, cut) }], null, undefined, NOW));
    expect(r.summary.problems.some((p) => p.startsWith(`${F2}:${line}: truncated last line`))).toBe(true);
    expect(r.pack.ptp!.some((p) => p.column1 === 'G0283')).toBe(false);
    expect(r.pack.ptp!.some((p) => p.column1 === '97140' && p.column2 === '97530')).toBe(true);
  });

  it('caps the listed problems and counts the rest', async () => {
    const head = latin1(F2).split('\n').slice(0, 7).join('\n'); // preamble and one good row
    const bad = Array.from({ length: 120 }, () => '97110\t97530\t\t2020XXXX\t*\t1\tMutually exclusive procedures').join('\n');
    const r = ok(await importFromFiles([{ name: 'ccipra-v322r0-f1.TXT', bytes: new TextEncoder().encode(`${head}\n${bad}\n`) }], null, undefined, NOW));
    expect(r.summary.problemCount).toBeGreaterThan(120); // 120 bad lines, plus the missing parts
    expect(r.summary.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(r.summary.problems.at(-1)).toBe(`${r.summary.problemCount - MAX_LISTED_PROBLEMS} more problems not listed`);
  });

  it('a file that is not a CMS file is refused by name, and nothing else is imported with it', async () => {
    const r = await importFromFiles([file(F1), { name: 'notes.txt', bytes: new TextEncoder().encode('hello, world\n') }], null, undefined, NOW);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^notes\.txt: not recognised as a CMS practitioner PTP file .* or practitioner MUE table/) });
  });

  it('a PTP-named file without PTP rows, and a zip, each name their reason', async () => {
    const junk = { name: 'ccipra-v322r0-f3.TXT', bytes: new TextEncoder().encode('this is not a CMS file\r\n') };
    const zip = { name: 'medicare-ncci-2026q3-ccipra-v322r0-f1.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]) };
    const r = await importFromFiles([junk, zip], null, undefined, NOW);
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error).toBe(
      'ccipra-v322r0-f3.TXT: no PTP data rows found: is this a ccipra practitioner PTP file?; ' +
        'medicare-ncci-2026q3-ccipra-v322r0-f1.zip: this is a zip archive (or .xlsx): unzip it and import the .TXT (PTP) or .csv (MUE) file inside',
    );
  });

  it('refuses files without a single therapy row, and an empty choice, without throwing', async () => {
    const head = latin1(F2).split('\n').slice(0, 6).join('\n');
    const other = { name: 'ccipra-v322r0-f1.TXT', bytes: new TextEncoder().encode(`${head}\n99214\t99215\t\t20220101\t*\t1\tCPT Manual\n`) };
    expect(await importFromFiles([other], null)).toMatchObject({ ok: false, error: expect.stringMatching(/no row .* involves a code Unitwise checks/) });
    expect(await importFromFiles([], null)).toMatchObject({ ok: false, error: 'no files chosen' });
  });
});
