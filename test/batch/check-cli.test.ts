import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Evaluation } from '../../lib/model';
import { WORKED_EXAMPLES } from '../rules/examples';

// `npm run check` end to end: the same worked examples as the engine tests, through the CLI.

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check.ts', ...args], { encoding: 'utf8', input, timeout: 60_000 });
const parseLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => Evaluation.parse(JSON.parse(l)));
const byCode = (e: Evaluation) => {
  const out: Record<string, number> = {};
  for (const l of e.lines) out[l.code] = (out[l.code] ?? 0) + l.units;
  return out;
};

describe('npm run check', () => {
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
});
