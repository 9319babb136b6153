import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/csv';
import { NO_MUE_ROWS, parseMueCsv, type MueParseResult } from '../../lib/import/mue';
import { buildDataPack, catalogCodes, problemText, type ImportFile } from '../../lib/import/pack';
import { NO_PTP_ROWS, parsePtpFile, type PtpParseResult } from '../../lib/import/ptp';
import catalog from '../../lib/rules/data/catalog.json';
import { DataPack, MueRow, PtpRow } from '../../lib/rules/data/schema';

// Issue 5, promise 5, for the CMS importers: whatever bytes the practice picks (a file cut
// short by a download, a line mangled by a spreadsheet, the wrong file), the importers never
// throw, every line they cannot use becomes a problem naming its file and line, nothing is
// dropped silently, and whatever pack comes out passes the DataPack schema.

const SEED = 5_0505;

const dir = (name: string) => fileURLToPath(new URL(`../fixtures/cms/${name}`, import.meta.url));
const F1 = 'ccipra-v322r0-f1.TXT';
const F2 = 'ccipra-v322r0-f2.TXT';
const MUE = 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv';
const BYTES: Record<string, Uint8Array> = Object.fromEntries([F1, F2, MUE].map((n) => [n, new Uint8Array(readFileSync(dir(n)))]));
const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
const TEXT = { [F1]: latin1(BYTES[F1]!), [F2]: latin1(BYTES[F2]!), [MUE]: latin1(BYTES[MUE]!) };
const keepAll = () => true;
const keepCatalog = (() => {
  const set = catalogCodes(catalog);
  return (c: string) => set.has(c);
})();
const NOW = new Date('2026-08-01T12:00:00Z');

/** The lines of a PTP text as the CMS format numbers them: CRLF or LF (a file with only CRs: CR); no line after a final break. */
function ptpLines(text: string): string[] {
  const eol = !text.includes('\n') && text.includes('\r') ? '\r' : '\n';
  const lines = text.split(eol).map((l) => (eol === '\n' && l.endsWith('\r') ? l.slice(0, -1) : l));
  if (text.endsWith(eol)) lines.pop();
  return lines;
}
const blank = (line: string) => /^[\t ]*$/.test(line);
const lineOf = (source: string) => Number(/, line (\d+)$/.exec(source)?.[1]);

/** What every PTP result must satisfy, whatever the text. */
function checkPtp(r: PtpParseResult, text: string) {
  const lineCount = ptpLines(text).length;
  for (const p of r.problems) {
    expect(Number.isInteger(p.line)).toBe(true);
    expect(p.line).toBeGreaterThanOrEqual(0);
    expect(p.line).toBeLessThanOrEqual(lineCount);
    expect(p.reason.trim().length).toBeGreaterThan(5);
  }
  for (const row of r.rows) {
    const parsed = PtpRow.safeParse(row);
    expect(parsed.success, JSON.stringify(row)).toBe(true);
    expect(lineOf(row.source)).toBeGreaterThan(0);
    expect(lineOf(row.source)).toBeLessThanOrEqual(lineCount);
    if (row.deleted !== null) expect(row.deleted >= row.effective).toBe(true);
  }
  expect(r.rows.length).toBeLessThanOrEqual(r.rowsRead);
  expect(r.duplicatesMerged).toBeGreaterThanOrEqual(0);
  if (r.rowsRead === 0) expect(r.problems[0]?.reason).toMatch(/no PTP data rows found|outpatient hospital PTP file/);
}

/** What every MUE result must satisfy, whatever the text. */
function checkMue(r: MueParseResult, text: string) {
  const lineCount = text.split(/\r\n|\n|\r/).length;
  for (const p of r.problems) {
    expect(Number.isInteger(p.line)).toBe(true);
    expect(p.line).toBeGreaterThanOrEqual(0);
    expect(p.line).toBeLessThanOrEqual(lineCount);
    expect(p.reason.trim().length).toBeGreaterThan(5);
  }
  const seen = new Set<string>();
  for (const row of r.rows) {
    const parsed = MueRow.safeParse(row);
    expect(parsed.success, JSON.stringify(row)).toBe(true);
    expect(seen.has(row.code), `${row.code} twice`).toBe(false);
    seen.add(row.code);
    expect(lineOf(row.source)).toBeGreaterThan(0);
  }
  expect(r.rows.length).toBeLessThanOrEqual(r.rowsRead);
  if (r.rowsRead === 0) expect(r.problems.some((p) => p.reason === NO_MUE_ROWS || /values column is/.test(p.reason))).toBe(true);
}

// Text that is not a CMS file, and text that nearly is.
const tabbedish = fc.string({ unit: fc.constantFrom(...'0123456789ABGTX*\t \r\n"",;:/-©\u00ae\ufeff'.split('')), maxLength: 300 });
const junkText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  tabbedish,
  fc.uint8Array({ maxLength: 400 }).map(latin1),
);

describe('PTP and MUE readers on any text (property)', () => {
  it('parsePtpFile never throws; problems carry a line in the file and a reason; rows pass the schema', () => {
    fc.assert(
      fc.property(junkText, fc.constantFrom(F1, 'ccioph-v322r0-f1.TXT', 'x.txt', ''), (text, name) => {
        checkPtp(parsePtpFile(text, { fileName: name, keep: keepAll }), text);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('parseMueCsv never throws; problems carry a line in the file and a reason; rows pass the schema', () => {
    fc.assert(
      fc.property(junkText, fc.constantFrom(MUE, 'mue.csv', 'MCR_MUE_Eff_13-45-2026.csv'), (text, name) => {
        checkMue(parseMueCsv(text, { fileName: name, keep: keepAll }), text);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('the real CMS-format fixtures cut short at any byte (property)', () => {
  const fullPtp = parsePtpFile(TEXT[F1]!, { fileName: F1, keep: keepAll });
  const fullPtpProblemLines = new Set(fullPtp.problems.map((p) => p.line));
  const fullLines = ptpLines(TEXT[F1]!);

  it('PTP: every kept row is its line in the full file (rationale possibly cut); only the cut line adds a problem', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TEXT[F1]!.length }), (cut) => {
        const text = TEXT[F1]!.slice(0, cut);
        const r = parsePtpFile(text, { fileName: F1, keep: keepAll });
        checkPtp(r, text);
        const lines = ptpLines(text);
        for (const row of r.rows) {
          const f = fullLines[lineOf(row.source) - 1]!.split('\t').map((s) => s.trim());
          expect([row.column1, row.column2, row.effective.replaceAll('-', ''), row.deleted?.replaceAll('-', '') ?? '*', String(row.modifierIndicator)]).toEqual([f[0], f[1], f[3], f[4], f[5]]);
          expect(f[6]!.startsWith(row.rationale)).toBe(true);
        }
        for (const p of r.problems) {
          if (p.line === 0 || fullPtpProblemLines.has(p.line)) continue;
          // A new problem can only be the line the cut went through.
          expect(p.line, p.reason).toBe(lines.length);
          expect(p.reason).toMatch(/^truncated last line \(no line end\)|no PTP data rows/);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  const fullMue = parseMueCsv(TEXT[MUE]!, { fileName: MUE, keep: keepAll });
  const fullMueByCode = new Map(fullMue.rows.map((r) => [r.code, r]));
  const fullMueProblemLines = new Set(fullMue.problems.map((p) => p.line));

  it('MUE: every kept row is the full file\'s row for its code (rationale possibly cut); only the cut record adds a problem', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TEXT[MUE]!.length }), (cut) => {
        const text = TEXT[MUE]!.slice(0, cut);
        const r = parseMueCsv(text, { fileName: MUE, keep: keepAll });
        checkMue(r, text);
        const { records, error } = parseCsv(text);
        const cutRecordLine = error?.line ?? records.at(-1)?.line ?? 0;
        for (const row of r.rows) {
          const full = fullMueByCode.get(row.code);
          // The full file's last record opens a quote it never closes (it is dropped there);
          // cut before that quote, the same record is a complete row with a shorter rationale.
          if (!full) {
            expect(lineOf(row.source), row.code).toBe(cutRecordLine);
            continue;
          }
          expect({ ...row, rationale: '' }).toEqual({ ...full, rationale: '' });
          expect(full.rationale.startsWith(row.rationale)).toBe(true);
        }
        for (const p of r.problems) {
          if (p.line === 0 || fullMueProblemLines.has(p.line)) continue;
          expect(p.line, p.reason).toBe(cutRecordLine);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

// Corruptions a spreadsheet or an editor makes to one line: a character lost, one added, the
// line replaced. Line breaks are left alone here, so line numbers stay comparable.
const CORRUPT_CHARS = '0123456789ABGXZ*\t ,.;:-/©\u00e9'.split('');
type Corruption = { kind: 'delete' | 'insert' | 'replace' | 'copy'; at: number; ch: string; text: string };
const corruption = fc.record({
  kind: fc.constantFrom('delete' as const, 'insert' as const, 'replace' as const, 'copy' as const),
  at: fc.nat(),
  ch: fc.constantFrom(...CORRUPT_CHARS),
  text: fc.string({ unit: fc.oneof(fc.constantFrom(...CORRUPT_CHARS), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 60 }).map((s) => s.replace(/[\r\n"]/g, '')),
});
/** `others`: the file's data lines, for a line pasted twice (a duplicate code or pair). */
function corrupt(line: string, c: Corruption, others: string[]): string {
  const at = line.length ? c.at % line.length : 0;
  if (c.kind === 'replace') return c.text;
  if (c.kind === 'copy') return others[c.at % others.length]!;
  if (c.kind === 'insert') return line.slice(0, at) + c.ch + line.slice(at);
  if (line[at] === '"') return line; // quotes change where records end; see the any-text properties
  return line.slice(0, at) + line.slice(at + 1);
}

describe('the real CMS-format fixtures with random data lines corrupted (property)', () => {
  it('PTP: each non-blank data line is read as a row or reported at its line, exactly one of the two', () => {
    const original = TEXT[F1]!.split('\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 6, max: original.length - 1 }), corruption), { minLength: 1, maxLength: 6 }), (edits) => {
        const lines = [...original];
        for (const [i, c] of edits) {
          const cr = lines[i]!.endsWith('\r');
          lines[i] = corrupt(cr ? lines[i]!.slice(0, -1) : lines[i]!, c, ptpLines(TEXT[F1]!).slice(6)) + (cr ? '\r' : '');
        }
        const text = lines.join('\n');
        const r = parsePtpFile(text, { fileName: F1, keep: keepAll });
        checkPtp(r, text);
        fc.pre(r.rowsRead > 0); // with no valid row at all the problems are summarised instead
        const data = ptpLines(text)
          .map((line, i) => ({ line, no: i + 1 }))
          .filter((l) => l.no > 6 && !blank(l.line));
        const problemLines = new Set(r.problems.map((p) => p.line).filter((n) => n > 0));
        for (const n of problemLines) expect(data.some((d) => d.no === n), `problem on line ${n}`).toBe(true);
        expect(r.rowsRead + problemLines.size).toBe(data.length);
        expect(r.rows.length + r.duplicatesMerged).toBe(r.rowsRead);
        for (const row of r.rows) expect(problemLines.has(lineOf(row.source))).toBe(false);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('MUE: each non-blank data record is kept as a row or reported at its line (duplicates reported)', () => {
    const original = TEXT[MUE]!.split('\n');
    // Data lines without quotes: pasted over another line, they do not change where records end.
    const MUE_DATA_LINES = original.slice(9).map((l) => l.replace(/\r$/, '')).filter((l) => l && !l.includes('"'));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 9, max: original.length - 1 }), corruption), { minLength: 1, maxLength: 6 }), (edits) => {
        const lines = [...original];
        for (const [i, c] of edits) {
          const cr = lines[i]!.endsWith('\r');
          lines[i] = corrupt(cr ? lines[i]!.slice(0, -1) : lines[i]!, c, MUE_DATA_LINES) + (cr ? '\r' : '');
        }
        const text = lines.join('\n');
        const r = parseMueCsv(text, { fileName: MUE, keep: keepAll });
        checkMue(r, text);
        fc.pre(r.rowsRead > 0);
        const { records, error } = parseCsv(text);
        const data = records.filter((rec) => rec.line > 9 && rec.fields.some((f) => f.trim() !== ''));
        const problemLines = new Set(r.problems.map((p) => p.line).filter((n) => n > 0));
        const rowLines = new Set(r.rows.map((row) => lineOf(row.source)));
        for (const rec of data) {
          expect(rowLines.has(rec.line) !== problemLines.has(rec.line), `line ${rec.line}: ${JSON.stringify(rec.fields)}`).toBe(true);
        }
        if (error) expect(problemLines.has(error.line)).toBe(true);
        for (const n of problemLines) expect(data.some((d) => d.line === n) || n === error?.line, `problem on line ${n}`).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('a file with more bad lines than are listed (property)', () => {
  const HEADER = TEXT[F1]!.split('\r\n').slice(0, 6).join('\r\n');
  const GOOD = '97140\t97530\t\t20200101\t*\t1\tMutually exclusive procedures';
  it('PTP: lists the first 200 problems and counts the rest, so every bad line is accounted for', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 450 }), fc.string({ unit: fc.constantFrom(...CORRUPT_CHARS), minLength: 1, maxLength: 12 }), (goodOrBad, junk) => {
        fc.pre(!blank(junk));
        const lines = goodOrBad.map((good) => (good ? GOOD : `x${junk}`));
        const r = parsePtpFile(`${HEADER}\r\n${lines.join('\r\n')}\r\n`, { fileName: F1, keep: keepAll });
        const good = goodOrBad.filter(Boolean).length;
        const bad = goodOrBad.length - good;
        expect(r.rowsRead).toBe(good);
        if (good === 0) {
          expect(r.problems[0]!.reason).toBe(NO_PTP_ROWS);
          return;
        }
        const listed = r.problems.filter((p) => p.line > 0);
        expect(listed.length).toBe(Math.min(bad, 200));
        const more = r.problems.filter((p) => p.line === 0).map((p) => Number(/^(\d+) more malformed lines/.exec(p.reason)?.[1]));
        expect(listed.length + (more[0] ?? 0)).toBe(bad);
        // The listed ones are the first bad lines, in order, each on its own line number.
        const badLines = goodOrBad.map((g, i) => (g ? 0 : i + 7)).filter((n) => n > 0);
        expect(listed.map((p) => p.line)).toEqual(badLines.slice(0, 200));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

// Files as a practice might pick them: the real ones, cut or mangled, and things that are not CMS files.
const NAMES = [F1, F2, 'ccipra-v321r0-f3.TXT', 'ccioph-v322r0-f1.TXT', MUE, 'MCR_MUE_PractitionerServices_Eff_01-01-2027.csv', 'notes.txt', 'download (1).txt', 'medicare-ncci-2026q3-ccipra-v322r0-f4.zip', 'C:\\Users\\me\\mue.csv', ''];
const fixtureBytes = fc.constantFrom(F1, F2, MUE).chain((name) =>
  fc.oneof(
    fc.integer({ min: 0, max: BYTES[name]!.length }).map((cut) => BYTES[name]!.slice(0, cut)),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const b = BYTES[name]!.slice();
      for (const [at, v] of flips) b[at % b.length] = v;
      return b;
    }),
  ),
);
const fileBytes = fc.oneof(
  fixtureBytes,
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 50 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
  fc.uint8Array({ maxLength: 50 }).map((b) => new Uint8Array([0xef, 0xbb, 0xbf, ...b])),
  tabbedish.map((s) => new TextEncoder().encode(s)),
);
const importFile: fc.Arbitrary<ImportFile> = fc.record({ name: fc.constantFrom(...NAMES), bytes: fileBytes });

describe('buildDataPack on any files (property)', () => {
  it('never throws; the pack passes the DataPack schema; every problem names a given file (or the set) and a line', () => {
    fc.assert(
      fc.property(fc.array(importFile, { maxLength: 5 }), fc.boolean(), (files, all) => {
        const { pack, problems, summary, failedFiles } = buildDataPack(files, all ? keepAll : keepCatalog, NOW);
        const parsed = DataPack.safeParse(pack);
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
        const names = new Set(files.map((f) => f.name.split(/[\\/]/).pop()!));
        for (const p of problems) {
          expect(p.file === '' || names.has(p.file), p.file).toBe(true);
          expect(Number.isInteger(p.line) && p.line >= 0).toBe(true);
          expect(p.reason.trim().length).toBeGreaterThan(5);
          expect(problemText(p).length).toBeGreaterThan(0);
        }
        for (const f of failedFiles) {
          expect(names.has(f)).toBe(true);
          // A file the pack goes without is always explained.
          expect(problems.some((p) => p.file === f)).toBe(true);
        }
        for (const f of pack.files) expect(names.has(f.name)).toBe(true);
        expect(new Set(pack.files.map((f) => f.name)).size).toBe(pack.files.length);
        for (const f of pack.files) expect(f.rowsKept).toBeLessThanOrEqual(f.rowsRead);
        // The summary has a line per file taken in, and one for the pack.
        expect(summary.split('\n').at(-1)).toMatch(/^pack /);
        const keys = (pack.ptp ?? []).map((r) => `${r.column1}|${r.column2}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(pack.files.filter((f) => f.kind === 'ptp').reduce((a, f) => a + f.rowsKept, 0)).toBe(pack.ptp?.length ?? 0);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('PTP reader regressions', () => {
  it('reports the header lines it cannot place as problems, not as silence', () => {
    // Sanity for the conservation property above: the fixture's own bad lines are each reported once.
    const r = parsePtpFile(TEXT[F1]!, { fileName: F1, keep: keepAll });
    expect(r.problems.map((p) => p.line)).toEqual([18, 19, 20, 21, 23]);
    expect(r.rowsRead + r.problems.length).toBe(ptpLines(TEXT[F1]!).filter((l, i) => i >= 6 && !blank(l)).length);
    expect(parsePtpFile('', { fileName: F1, keep: keepAll }).problems[0]!.reason).toBe(NO_PTP_ROWS);
  });
});
