import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataPack } from '../../lib/rules/data/schema';

// End to end: `npm run import` is `tsx scripts/import.ts`; the keep-set is lib/rules/data/catalog.json.
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIX = join(REPO, 'test/fixtures/cms');
const F1 = join(FIX, 'ccipra-v322r0-f1.TXT');
const F2 = join(FIX, 'ccipra-v322r0-f2.TXT');
const MUE = join(FIX, 'MCR_MUE_PractitionerServices_Eff_07-01-2026.csv');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'unitwise-import-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[], cwd = REPO) {
  const r = spawnSync('npx', ['tsx', join(REPO, 'scripts/import.ts'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run import (scripts/import.ts)', () => {
  it('writes a valid pack from the PTP parts and the MUE table, prints the summary and problems, exits 0', () => {
    const out = join(tmp, 'pack.json');
    const r = run([F1, F2, MUE, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const pack = DataPack.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(pack.version).toBe('cms-ptp-v322r0+mue-2026-07-01');
    expect(pack.effective).toEqual({ from: '2026-07-01', to: null });
    expect(pack.ptp!.find((p) => p.column1 === '97140' && p.column2 === '97530')).toMatchObject({ modifierIndicator: 1, deleted: null });
    // Only catalog codes are kept: the 0001A/99213 and 99214/99215 rows are gone.
    expect(pack.ptp!.some((p) => p.column1 === '0001A' || p.column1 === '99214')).toBe(false);
    expect(pack.mue!.some((m) => m.code === '0001U')).toBe(false);
    expect(r.out).toContain('ccipra-v322r0-f1.TXT (PTP v322r0): 12 rows read');
    expect(r.out).toContain('ccipra-v322r0-f1.TXT:18: effective date "2020013" is not a YYYYMMDD date');
    expect(r.out).toContain('ccipra-v322r0-f1.TXT:23: truncated last line');
    expect(r.out).toContain('MCR_MUE_PractitionerServices_Eff_07-01-2026.csv:19: unterminated quoted field');
    expect(r.out).toContain(`wrote ${out}`);
  }, 60_000);

  it('writes unitwise-data-pack.json in the working directory by default', () => {
    const cwd = mkdtempSync(join(tmp, 'default-'));
    const r = spawnSync(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/import.ts'), MUE], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const pack = DataPack.parse(JSON.parse(readFileSync(join(cwd, 'unitwise-data-pack.json'), 'utf8')));
    expect(pack.version).toBe('cms-mue-2026-07-01');
  }, 60_000);

  it('exits 2 and writes nothing when a file cannot be read', () => {
    const out = join(tmp, 'missing.json');
    const r = run([F1, join(tmp, 'no-such-file.TXT'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no-such-file\.TXT: cannot read: ENOENT/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('exits 2 and writes nothing when a file yields no rows', () => {
    const junk = join(tmp, 'ccipra-v322r0-f3.TXT');
    writeFileSync(junk, 'this is not a CMS file\r\n');
    const out = join(tmp, 'junk.json');
    const r = run([F1, junk, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('ccipra-v322r0-f3.TXT: no PTP data rows found: is this a ccipra practitioner PTP file?');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('exits 1 with usage when given no files', () => {
    const r = run([]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/usage: npm run import/);
  }, 60_000);
});
