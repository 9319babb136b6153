import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Evaluation } from '../../lib/model';
import { WORKED_EXAMPLES } from '../rules/examples';
import { CLEAR, CLIPBOARD, CSI, RAW, RLO, TITLE } from './hostile-text';
import { generateVisits, visitsToCsv } from '../bench/generate';

// `npm run check` end to end: the same worked examples as the engine tests, through the CLI.

// Saved layouts (check-layouts-cli.test.ts) from a folder of their own: none of the user's.
const config = mkdtempSync(join(tmpdir(), 'unitwise-config-'));
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts', ...args], { encoding: 'utf8', input, timeout: 60_000, env: { ...process.env, XDG_CONFIG_HOME: config } });
const parseLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => Evaluation.parse(JSON.parse(l)));
const byCode = (e: Evaluation) => {
  const out: Record<string, number> = {};
  for (const l of e.lines) out[l.code] = (out[l.code] ?? 0) + l.units;
  return out;
};

// Each test starts the CLI (tsx) a few times: seconds each on a busy 2-core machine.
describe('npm run check', { timeout: 60_000 }, () => {
  it('prints one Evaluation per visit for the CPM examples in CSV, exit 1 because Example 2 splits 3+0', () => {
    const r = run(['--json', 'test/fixtures/visits/cpm-examples.csv']);
    expect(r.status).toBe(1);
    const evals = parseLines(r.stdout);
    expect(evals.map((e) => e.id)).toEqual(['ex1', 'ex2', 'ex3', 'ex4', 'ex5', 'b-92521', 'b-97530']);
    // §20.2 B: untimed 92521 is one unit whatever the minutes; 60 minutes of 97530 are 4 units.
    expect(evals[5]!.lines).toEqual([expect.objectContaining({ code: '92521', units: 1, modifiers: ['GN'] })]);
    expect(evals[5]!.totalTimedMinutes).toBe(0);
    expect(evals[6]!.lines).toEqual([expect.objectContaining({ code: '97530', units: 4, modifiers: ['GO'] })]);
    expect(evals[6]!.findings.filter((f) => f.rule.startsWith('units.'))).toEqual([]);
    for (const [i, ex] of WORKED_EXAMPLES.slice(0, 5).entries()) {
      const e = evals[i]!;
      expect(e.totalTimedUnits).toBe(ex.cms.total);
      const units = byCode(e);
      expect(ex.cms.allowed).toContainEqual(Object.fromEntries(Object.keys(ex.minutes).map((c) => [c, units[c] ?? 0])));
    }
    expect(evals[1]!.findings.some((f) => f.rule === 'units.allocation' && f.severity === 'error')).toBe(true);
    expect(r.stderr).toMatch(/checked 7 visits: 1 with errors/);
  });

  it('reads JSON, JSON Lines and an array; --method per-code overrides the Medicare default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-check-'));
    const visits = WORKED_EXAMPLES.filter((x) => x.perCode).map((ex, i) => ({
      id: `v${i}`,
      payer: 'Medicare',
      discipline: 'PT',
      entries: Object.entries(ex.minutes).map(([code, minutes]) => ({ code, minutes })),
    }));
    writeFileSync(join(dir, 'visits.json'), JSON.stringify(visits));
    writeFileSync(join(dir, 'visits.jsonl'), visits.map((v) => JSON.stringify(v)).join('\n'));
    for (const file of ['visits.json', 'visits.jsonl']) {
      const cms = parseLines(run(['--json', join(dir, file)]).stdout);
      const per = parseLines(run(['--json', '--method', 'per-code', join(dir, file)]).stdout);
      WORKED_EXAMPLES.filter((x) => x.perCode).forEach((ex, i) => {
        expect(cms[i]!.method).toBe('cms');
        expect(cms[i]!.totalTimedUnits).toBe(ex.cms.total);
        expect(per[i]!.method).toBe('per-code');
        expect(per[i]!.totalTimedUnits).toBe(ex.perCode!.total);
      });
    }
  });

  it('exit 2 with file, line and reason for unreadable input, while the other visits are still checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-check-'));
    const good = JSON.stringify({ id: 'ok', payer: 'Medicare', discipline: 'PT', entries: [{ code: '97110', minutes: 30, units: 2, modifiers: ['GP'] }] });
    writeFileSync(join(dir, 'mixed.jsonl'), `${good}\n{"id": "broken", "entries": [\n${good.replace('"ok"', '"ok2"')}\n`);
    const r = run(['--json', join(dir, 'mixed.jsonl'), join(dir, 'missing.csv')]);
    expect(r.status).toBe(2);
    expect(parseLines(r.stdout).map((e) => e.id)).toEqual(['ok', 'ok2']);
    expect(r.stderr).toContain('mixed.jsonl:2:');
    expect(r.stderr).toMatch(/missing\.csv:0: cannot read file: ENOENT/);
  });

  it('exit 0 when no visit has an error; unreadable minutes become a named finding, not a zero', () => {
    const csv = 'visit id,date,payer,discipline,code,description,minutes,units,modifiers\nA,2026-03-02,Medicare,PT,97110,Strengthening R knee to improve stairs,30,2,GP\nB,2026-03-02,Medicare,PT,97116,Gait training,1:5x,1,GP\n';
    const r = run(['--json', '-'], csv);
    const [a, b] = parseLines(r.stdout);
    expect(a!.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const f = b!.findings.find((x) => x.rule === 'minutes.unreadable');
    expect(f?.message).toContain("'1:5x'");
    expect(f?.message).toContain('Gait training');
    expect(r.status).toBe(1);
    expect(run(['--json', '-'], csv.split('\n').slice(0, 2).join('\n')).status).toBe(0);
  });

  it('a readable table when asked, and a clear usage error for a bad --method', () => {
    const r = run(['--table', 'test/fixtures/visits/cpm-examples.csv']);
    expect(r.stdout).toMatch(/97112 ×2 GP/);
    expect(r.stdout).toMatch(/units\.allocation/);
    const bad = run(['--method', 'ama', 'x.csv']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--method must be cms or per-code/);
  });

  it('starts with how each file was read; a field it cannot find is exit 2 with the columns seen and how to name one (--map)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-check-'));
    const file = join(dir, 'svc.csv');
    writeFileSync(file, 'Encounter #,Svc Date,Billed To,Time,Proc Code,Mins,Units,Mods\nE1,03/16/2026,Acme Mutual,10:30,97110,20,1,GP\nE1,03/16/2026,Acme Mutual,10:30,97140,20,1,GP\n');
    const refused = run(['--json', file]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('svc.csv:1: cannot read this export: no column for payer (columns seen: "Encounter #", "Svc Date", "Billed To", "Time", "Proc Code", "Mins", "Units", "Mods")');
    expect(refused.stderr).toContain('name it with --map payer="…" (or --map payer=none to check without a payer)');
    const r = run(['--json', '--map', 'payer=Billed To', file]);
    expect(r.stderr).toMatch(/"Billed To" → payer \(chosen\)/);
    expect(r.stderr).toMatch(/"Time" ignored\s+\(clock times \(10:30\): an appointment time, not minutes\)/);
    expect(r.stderr).toContain('svc.csv: 2 rows: 2 checked in 1 visit');
    expect(r.status).toBe(0);
    const [e] = parseLines(r.stdout);
    // A commercial payer: per code, 20 minutes each → 1 unit each (rules-reference §2), as billed.
    expect(e).toMatchObject({ id: 'E1', method: 'per-code', totalTimedUnits: 2 });
    expect(JSON.parse(r.stdout.split('\n')[0]!)).toMatchObject({ id: 'E1', dateOfService: '2026-03-16', payer: 'Acme Mutual' });
  });

  it('reads an .xlsx and a flattened 837P; the 837P says minutes are not in it instead of "missing minutes" on every line', () => {
    const xlsx = run(['--json', 'test/fixtures/exports/week.xlsx']);
    expect(xlsx.status).toBe(1);
    expect(parseLines(xlsx.stdout)).toHaveLength(12);
    expect(xlsx.stderr).toContain('read as a spreadsheet; sheet "Charges" of 2');
    const x12 = run(['--json', 'test/fixtures/exports/week-837p.txt']);
    expect(x12.status).toBe(1);
    const evals = parseLines(x12.stdout);
    expect(evals.map((e) => e.id)).toEqual(['W01', 'W02', 'W03', 'W04', 'W05', 'W06', 'W07', 'W08', 'W09', 'W10', 'W11', 'W12']);
    expect(evals.flatMap((e) => e.findings.map((f) => f.rule))).not.toContain('minutes.missing');
    expect(evals[8]!.findings.map((f) => f.rule)).toContain('mue.exceeded');
    expect(x12.stderr).toContain('an 837P carries no minutes: units are taken as billed and the 8-minute rule is not checked');
    expect(run(['--sheet', 'Nope', 'test/fixtures/exports/week.xlsx']).stderr).toContain('week.xlsx:0: the workbook has no sheet "Nope" (sheets: "Charges", "Notes")');
  });

  it('--accumulate-spend sums each patient\'s allowed amounts per year: KX only past that year\'s threshold, January from zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-spend-'));
    const file = join(dir, 'spend.csv');
    writeFileSync(
      file,
      [
        'Visit ID,Patient,DOS,Payer,CPT,Mins,Units,Modifiers,Allowed',
        'D1,P-100,12/01/2025,Medicare,97110,45,3,GP,"$2,200.00"',
        'D2,P-100,12/15/2025,Medicare,97110,45,3,GP,$300.00',
        'J1,P-100,01/05/2026,Medicare,97110,45,3,GP,"$2,450.00"',
        '',
      ].join('\n'),
    );
    const r = run(['--json', '--accumulate-spend', file]);
    expect(r.status).toBe(1);
    const kx = Object.fromEntries(parseLines(r.stdout).map((e) => [e.id, e.findings.filter((f) => f.rule === 'modifier.kx').map((f) => f.severity)]));
    expect(kx).toEqual({ D1: [], D2: ['error'], J1: [] });
    expect(r.stderr).toMatch(/year-to-date therapy spend summed per patient and calendar year from "Allowed"/);
    // Without the option the same file has no KX finding: the spend is not known.
    const off = run(['--json', file]);
    expect(off.status).toBe(0);
    expect(off.stderr).toMatch(/"Allowed" is not summed: with --accumulate-spend/);
  });

  it('control characters and bidi overrides in a CSV reach the terminal only as visible stand-ins (table, JSON, stderr)', () => {
    const q = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
    const csv = [
      'visit id,date,payer,discipline,code,description,minutes,units,modifiers',
      [q(`V1${CLEAR}`), '2026-03-02', q(`Medicare${TITLE}`), 'PT', '97110', q(`Ther ex${CLIPBOARD} ${RLO}evil`), '30', '2', q(`GP ${CSI}`)].join(','),
      [q(`V1${CLEAR}`), '2026-03-02', q(`Medicare${TITLE}`), 'PT', '97112', q('Balance\nsecond line'), q(`twenty${CLEAR}`), '1', q(`${RLO}GP`)].join(','),
      // Skipped visits: their reasons on stderr quote the cells.
      ['V2', '2026-03-02', q(`Aetna${RLO}`), 'PT', '97110', 'x', '30', '2', q(TITLE)].join(','),
      [q(`V3${RLO}`), '2026-03-02', 'Aetna', 'PT', '97110', 'x', '30', q(`2${CSI}`), 'GP'].join(','),
      '',
    ].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-check-'));
    writeFileSync(join(dir, 'hostile.csv'), csv);

    const table = run(['--table', join(dir, 'hostile.csv')]);
    expect(table.status).toBe(2);
    // Not a TTY here, so no colour codes of Unitwise's own: nothing may look like an escape.
    expect(table.stdout).not.toMatch(RAW);
    expect(table.stderr).not.toMatch(RAW);
    expect(table.stdout).toContain('Visit V1␛[2J  ·  2026-03-02  ·  Medicare␛]0;pwned␇');
    expect(table.stdout).toContain('Ther ex␛]52;c;ZWNobyBoaQ==␇ \\u202eevil');
    expect(table.stdout).toContain("'twenty␛[2J'?");
    expect(table.stdout).toContain('GP \\u009b31M');
    expect(table.stdout).toContain('\\u202eGP');
    expect(table.stdout).toContain('Balance␊second line');
    expect(table.stderr).toMatch(/hostile\.csv:5: visit "V2" skipped: .*"PWNED\\u0007"/);
    expect(table.stderr).toMatch(/hostile\.csv:6: visit "V3\\u202e" skipped: units "2\\u009b31m" is not a whole number/);

    // A file name from a glob, and a bad option value, are echoed the same way.
    const json = run(['--json', join(dir, 'hostile.csv'), join(dir, `missing${TITLE}.csv`)]);
    expect(json.stdout).not.toMatch(RAW);
    expect(json.stderr).not.toMatch(RAW);
    expect(json.stderr).toContain('missing␛]0;pwned␇.csv:0: cannot read file: ENOENT');
    const bad = run(['--method', `cms${CLEAR}`, 'x.csv']);
    expect(bad.stderr).not.toMatch(RAW);
    expect(bad.stderr).toContain("--method must be cms or per-code, not 'cms␛[2J'");
    const [v1] = parseLines(json.stdout);
    expect(v1!.id).toBe(`V1${CLEAR}`);
    expect(v1!.findings.some((f) => f.message.includes(CLIPBOARD) && f.message.includes(RLO))).toBe(true);
    expect(v1!.lines.flatMap((l) => l.modifiers)).toContain(CSI.toUpperCase());
  }, 30_000);

  it('a large export is checked on worker threads with the same output, summary and exit code as on one thread', () => {
    // The bundle, as npm run check runs it: worker threads start only from it.
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-threads-'));
    const file = join(dir, 'visits.csv');
    writeFileSync(file, visitsToCsv(generateVisits(2_600, 11)));
    const bundle = (threads: string, mode: string) =>
      spawnSync(process.execPath, ['scripts/check.mjs', mode, file], { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28, env: { ...process.env, XDG_CONFIG_HOME: config, UNITWISE_CHECK_THREADS: threads } });
    for (const mode of ['--json', '--table']) {
      const one = bundle('0', mode);
      const two = bundle('2', mode);
      expect(one.status).toBe(1);
      expect(one.stderr).toMatch(/checked 2600 visits: \d+ with errors/);
      expect(two.status).toBe(one.status);
      expect(two.stderr).toBe(one.stderr);
      expect(two.stdout.length).toBeGreaterThan(1_000_000);
      expect(two.stdout === one.stdout).toBe(true);
    }
    expect(parseLines(bundle('2', '--json').stdout)).toHaveLength(2_600);
  });

  it('`npm run check … | head`: when the output is closed it stops reading and says so, exit 2, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unitwise-epipe-'));
    const file = join(dir, 'visits.csv');
    writeFileSync(file, visitsToCsv(generateVisits(6_000, 12)));
    for (const threads of ['0', '2']) {
      const child = spawn(process.execPath, ['scripts/check.mjs', '--json', file], { env: { ...process.env, XDG_CONFIG_HOME: config, UNITWISE_CHECK_THREADS: threads } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // Like head: read the first lines (past the visits checked before threads start), then close.
      let seen = 0;
      child.stdout.on('data', (d: Buffer) => {
        seen += d.length;
        if (seen > 8_000_000) child.stdout.destroy();
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/node:events|Error:|    at /);
      expect(stderr).toMatch(/stopped: the output was closed before the end; the rest of the input was not checked/);
      expect(stderr).not.toMatch(/checked 6000 visits/);
      expect(code).toBe(2);
    }
  });
});

