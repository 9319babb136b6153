import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { LayoutsFile, layoutSignature } from '../../lib/batch/layouts';
import { defaultLayoutsPath } from '../../scripts/layouts-file';

// `npm run check` with saved export layouts (--save-layout, --no-layout, --forget-layout,
// --layouts): the real command on fixture exports in a temporary folder, with XDG_CONFIG_HOME
// and HOME pointed there, so nothing is read from or written to the real home.

interface Home {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Where layouts go by default in this home. */
  layouts: string;
}

function home(): Home {
  const dir = mkdtempSync(join(tmpdir(), 'unitwise-layouts-'));
  const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), HOME: join(dir, 'home') };
  mkdirSync(env.HOME, { recursive: true });
  return { dir, env, layouts: join(dir, 'config', 'unitwise', 'layouts.json') };
}

const run = (h: Home, args: string[]) => spawnSync(process.execPath, ['scripts/check.mjs', '--json', ...args], { encoding: 'utf8', env: h.env, timeout: 60_000 });

/** The week as an export whose payer column ("Billed To") and minutes column ("Dauer") need --map. */
function weekExport(dir: string, name = 'week.csv', rows?: number): string {
  const lines = readFileSync('test/fixtures/exports/svc-date-primary-insurance.csv', 'utf8').trimEnd().split('\n');
  lines[0] = 'Encounter #,Svc Date,Billed To,Therapy Type,Proc Code,Dauer,Qty,Mods';
  const file = join(dir, name);
  writeFileSync(file, `${lines.slice(0, rows === undefined ? undefined : rows + 1).join('\n')}\n`);
  return file;
}

const MAP = ['--map', 'payer=Billed To', '--map', 'minutes=Dauer'];
const READ_WITH = /Read with the layout saved on (\d{4}-\d{2}-\d{2}) \((.*)\); --no-layout to read without it, --forget-layout to delete it/;
const today = () => new Date().toISOString().slice(0, 10);

// Each run starts node on the bundled CLI: about a second on a busy machine.
describe('npm run check with saved layouts', { timeout: 120_000 }, () => {
  it('--save-layout saves the reading; the next export laid out the same is read with it, says so, and checks the same as the --map run', () => {
    const h = home();
    const week = weekExport(h.dir);
    const plain = run(h, [week]);
    expect(plain.stderr).not.toMatch(READ_WITH);
    expect(plain.stderr).toContain('"Dauer" ignored');

    const mapped = run(h, [...MAP, '--save-layout', week]);
    expect(mapped.stderr).toContain(`  Saved this reading for files laid out like this: ${h.layouts}`);
    expect(mapped.stdout).not.toBe(plain.stdout);
    expect(statSync(h.layouts).mode & 0o777).toBe(0o600);
    expect(statSync(join(h.dir, 'config', 'unitwise')).mode & 0o777).toBe(0o700);
    // Written whole and renamed: no temporary file left beside it.
    expect(readdirSync(join(h.dir, 'config', 'unitwise'))).toEqual(['layouts.json']);
    expect(readdirSync(h.env.HOME!)).toEqual([]);

    const again = run(h, [week]);
    expect(again.stderr).toMatch(READ_WITH);
    expect(again.stderr.match(READ_WITH)!.slice(1)).toEqual([today(), h.layouts]);
    expect(again.stderr).toMatch(/"Billed To" → payer \(chosen\)/);
    expect(again.stderr).toMatch(/"Dauer" → minutes \(chosen\)/);
    expect(again.stdout).toBe(mapped.stdout);
    expect(again.status).toBe(mapped.status);

    // Next week's export: the same columns, other rows.
    const next = weekExport(h.dir, 'next-week.csv', 6);
    const nextRun = run(h, [next]);
    expect(nextRun.stderr).toMatch(READ_WITH);
    expect(nextRun.stdout).toBe(run(h, [...MAP, '--no-layout', next]).stdout);

    // --map still wins for the fields it names; the rest of the layout stays.
    const mine = run(h, ['--map', 'minutes=none', week]);
    expect(mine.stderr).toMatch(READ_WITH);
    expect(mine.stderr).toMatch(/"Billed To" → payer \(chosen\)/);
    expect(mine.stderr).toContain('no minutes column (none chosen)');

    // Another layout is read as before.
    const other = 'test/fixtures/exports/appointment-time.csv';
    const otherRun = run(h, [other]);
    expect(otherRun.stderr).not.toMatch(READ_WITH);
    expect(otherRun.stdout).toBe(run(h, ['--no-layout', other]).stdout);
    expect(JSON.parse(readFileSync(h.layouts, 'utf8')).layouts).toHaveLength(1);
  });

  it('--no-layout reads as if none were saved; --forget-layout deletes the one for this file, says so, and reads without it', () => {
    const h = home();
    const week = weekExport(h.dir);
    const plain = run(h, [week]);
    run(h, [...MAP, '--save-layout', week]);
    const other = 'test/fixtures/exports/epic-clarity.csv';
    run(h, ['--save-layout', other]);
    expect(JSON.parse(readFileSync(h.layouts, 'utf8')).layouts).toHaveLength(2);

    const without = run(h, ['--no-layout', week]);
    expect(without.stderr).not.toMatch(READ_WITH);
    expect(without.stdout).toBe(plain.stdout);

    const forget = run(h, ['--forget-layout', week]);
    expect(forget.stderr).toContain(`  Forgot the layout saved on ${today()} for files laid out like this (${h.layouts})`);
    expect(forget.stderr).not.toMatch(READ_WITH);
    expect(forget.stdout).toBe(plain.stdout);
    expect(run(h, [week]).stderr).not.toMatch(READ_WITH);
    // The other export's layout stays.
    expect(run(h, [other]).stderr).toMatch(READ_WITH);
    expect(JSON.parse(readFileSync(h.layouts, 'utf8')).layouts).toHaveLength(1);

    const twice = run(h, ['--forget-layout', week]);
    expect(twice.stderr).toContain(`  No layout saved in ${h.layouts} matches this file: nothing to forget`);
    expect(twice.status).toBe(plain.status);

    const both = run(h, ['--save-layout', '--forget-layout', week]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--save-layout and --forget-layout go in separate runs');
  });

  it('a corrupt or foreign layouts file is reported and ignored, and never written over', () => {
    const h = home();
    const week = weekExport(h.dir);
    const plain = run(h, [week]);
    const file = join(h.dir, 'layouts.json');
    for (const [text, problem] of [
      ['{"kind": "unitwise export layouts", "version": 1, "layouts": [', 'not JSON ('],
      // The Batch page's stored list, another program's settings, a newer version's file.
      ['[{"signature": "csv:a|b", "mapping": {}, "savedAt": "2026-01-01"}]', 'not a Unitwise layouts file (the file: '],
      ['{"theme": "dark"}', 'not a Unitwise layouts file (kind: '],
      ['{"kind": "unitwise export layouts", "version": 2, "layouts": []}', 'not a Unitwise layouts file (version: '],
    ] as const) {
      writeFileSync(file, text);
      const r = run(h, ['--layouts', file, week]);
      expect(r.stderr).toContain(`could not read saved layouts in ${file}: ${problem}`);
      expect(r.stderr).toMatch(/; ignoring it\n/);
      expect(r.stdout).toBe(plain.stdout);
      expect(r.status).toBe(plain.status);

      const save = run(h, ['--layouts', file, ...MAP, '--save-layout', week]);
      expect(save.status).toBe(2);
      expect(save.stderr).toContain(`  Not saved as a layout: could not read saved layouts in ${file}: ${problem}`);
      expect(save.stderr).toContain('it is left as it is: move it aside or delete it, or choose another file with --layouts FILE');
      const forget = run(h, ['--layouts', file, '--forget-layout', week]);
      expect(forget.status).toBe(2);
      expect(forget.stderr).toContain(`  Not forgotten: could not read saved layouts in ${file}: ${problem}`);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
  });

  it('the layouts file holds no patient data: no visit id, payer, code, minutes or date from the export', () => {
    const h = home();
    const file = join(h.dir, 'kept', 'layouts.json');
    for (const exp of [weekExport(h.dir), 'test/fixtures/exports/epic-clarity.csv', 'test/fixtures/exports/daily-totals.csv']) {
      const r = run(h, ['--layouts', file, ...(exp.endsWith('week.csv') ? MAP : []), '--save-layout', exp]);
      expect(r.stderr).toContain(`Saved this reading for files laid out like this: ${file}`);
      const text = readFileSync(file, 'utf8');
      const [header, ...rows] = Papa.parse<string[]>(readFileSync(exp, 'utf8'), { skipEmptyLines: true }).data;
      const cells = rows.flat().map((c) => c.trim()).filter((c) => c !== '');
      expect(cells.length).toBeGreaterThan(50);
      // Ids, payers, codes, dates, names, modifiers: none in the file, in any case.
      for (const cell of cells.filter((c) => !/^\d{1,4}$/.test(c))) {
        expect(text).not.toContain(cell);
        if (cell.length >= 4) expect(text.toLowerCase()).not.toContain(cell.toLowerCase());
      }
      // Numbers (minutes, units) could only stand as column numbers: the file holds the header
      // as keys, column numbers within it, and the day it was saved.
      const saved = LayoutsFile.parse(JSON.parse(text)).layouts[0]!;
      expect(Object.keys(saved).sort()).toEqual(['mapping', 'savedAt', 'signature']);
      expect(saved.signature).toBe(layoutSignature({ format: 'csv', columns: header!.map((name) => ({ name })) }));
      expect(saved.savedAt).toBe(today());
      for (const n of Object.values(saved.mapping)) expect(n === null || (Number.isInteger(n) && (n as number) >= 1 && (n as number) <= header!.length)).toBe(true);
    }
  });

  it('a file whose header was not known by its names, or that has no columns, is not saved, and says why', () => {
    const h = home();
    const noNames = join(h.dir, 'unnamed.csv');
    writeFileSync(noNames, readFileSync(weekExport(h.dir), 'utf8').replace(/^.*/, 'Alpha,Beta,Gamma,Delta,Epsilon,Zeta,Eta,Theta'));
    const r = run(h, ['--map', 'id=Alpha', '--map', 'payer=Gamma', '--map', 'minutes=Zeta', '--save-layout', noNames]);
    expect(r.stderr).toContain('18 checked in 12 visits');
    expect(r.stderr).toContain('  Not saved as a layout: fewer than two of its columns were known by their names');
    expect(r.status).toBe(2);
    const json = run(h, ['--save-layout', 'test/fixtures/exports/week.json']);
    expect(json.stderr).toContain('  Not saved as a layout: only tables (CSV, spreadsheets) have columns to save');
    const svc = join(h.dir, 'svc.csv');
    writeFileSync(svc, 'Encounter #,Svc Date,Billed To,Time,Proc Code,Mins,Units,Mods\nE1,03/16/2026,Acme Mutual,10:30,97110,20,1,GP\n');
    const refused = run(h, ['--save-layout', svc]);
    expect(refused.stderr).toContain('cannot read this export: no column for payer');
    expect(refused.stderr).toContain('  Not saved as a layout: the columns could not be read as they are (see above); fix the reading (--map) and save again');
    expect(refused.status).toBe(2);
    expect(existsSync(h.layouts)).toBe(false);
  });

  it('by default the file is ${XDG_CONFIG_HOME:-~/.config}/unitwise/layouts.json', () => {
    expect(defaultLayoutsPath({ XDG_CONFIG_HOME: '/x/config' }, '/home/b')).toBe('/x/config/unitwise/layouts.json');
    expect(defaultLayoutsPath({}, '/home/b')).toBe('/home/b/.config/unitwise/layouts.json');
    expect(defaultLayoutsPath({ XDG_CONFIG_HOME: '' }, '/home/b')).toBe('/home/b/.config/unitwise/layouts.json');
    expect(defaultLayoutsPath({ XDG_CONFIG_HOME: 'relative' }, '/home/b')).toBe('/home/b/.config/unitwise/layouts.json');

    const h = home();
    const week = weekExport(h.dir);
    run(h, [...MAP, '--save-layout', week]);
    expect(existsSync(h.layouts)).toBe(true);
    const noXdg = { ...h, env: { ...h.env, XDG_CONFIG_HOME: undefined } };
    expect(run(noXdg, [week]).stderr).not.toMatch(READ_WITH);
    const inHome = join(h.env.HOME!, '.config', 'unitwise', 'layouts.json');
    expect(run(noXdg, [...MAP, '--save-layout', week]).stderr).toContain(`Saved this reading for files laid out like this: ${inHome}`);
    expect(statSync(inHome).mode & 0o777).toBe(0o600);
    expect(run(noXdg, [week]).stderr.match(READ_WITH)?.[2]).toBe(inHome);
  });
});
