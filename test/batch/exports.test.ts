import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropForInput } from '../../lib/batch/check';
import { readExport } from '../../lib/batch/reader';
import type { ReadReport } from '../../lib/batch/report';
import type { Visit } from '../../lib/model';
import { evaluate } from '../../lib/rules/evaluate';
import { CANONICAL, canonicalJson, exportsOfTheWeek } from '../fixtures/exports/generate';
import { WEEK } from '../fixtures/exports/week';

// The measure: one 12-visit week exported the ways practice systems export it. Every
// export must read back to the same visits and get the same findings as the week written once
// (test/fixtures/exports/week.ts), whose findings are worked out from the manuals there.

const DIR = join(__dirname, '../fixtures/exports');
const FILES = readdirSync(DIR).filter((f) => !f.endsWith('.ts') && f !== CANONICAL).sort();

type Shape = { date?: string; payer?: string; discipline?: string; lines: { code?: string }[]; rules: string[] };
/** Order does not matter: an export sorted by code lists a visit's lines (and the visits) in another order. */
const inOrder = (shapes: Shape[]) =>
  shapes
    .map((s) => ({ ...s, lines: [...s.lines].sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '')) }))
    .sort((a, b) => `${a.date} ${a.payer} ${a.lines.map((l) => l.code).join()}`.localeCompare(`${b.date} ${b.payer} ${b.lines.map((l) => l.code).join()}`));

/** What must agree: the facts of each visit, its line items, and the rule ids it gets. */
function shape(visit: Visit, report: ReadReport): Shape {
  const evaluation = dropForInput(evaluate(visit), report.minutes);
  return {
    date: visit.dateOfService,
    payer: visit.payer?.toLowerCase(),
    discipline: visit.discipline,
    lines: visit.entries.map((e) => ({ code: e.code, units: e.units, modifiers: e.modifiers, ...(report.minutes ? { minutes: e.minutes } : {}) })),
    rules: [...new Set(evaluation.findings.map((f) => f.rule))].sort(),
  };
}

/** The week as each export must read: without minutes, the unit and minutes rules cannot be judged. */
function expected(report: ReadReport): Shape[] {
  return inOrder(WEEK.map((w) => ({
    date: w.visit.dateOfService,
    payer: w.visit.payer!.toLowerCase(),
    discipline: w.visit.discipline,
    lines: w.visit.entries.map((e) => ({ code: e.code, units: e.units, modifiers: e.modifiers, ...(report.minutes ? { minutes: e.minutes } : {}) })),
    rules: [...w.expected].filter((r) => report.minutes || !/^(units|minutes)\./.test(r)).sort(),
  })));
}

function check(file: string) {
  const { visits, errors, report } = readExport(new Uint8Array(readFileSync(join(DIR, file))), file);
  return { visits, errors, report, shapes: inOrder(visits.map((v) => shape(v.visit, report))) };
}

describe('the week of exports (issue 14: "2 of 22 exports are checked correctly")', () => {
  it('the week written once gets the findings worked out from the manuals', () => {
    for (const w of WEEK) expect([...new Set(evaluate(w.visit).findings.map((f) => f.rule))].sort(), `${w.visit.id}: ${w.why}`).toEqual([...w.expected].sort());
    const json = check(CANONICAL);
    expect(json.errors).toEqual([]);
    expect(json.shapes).toEqual(expected(json.report));
  });

  it('the committed exports are what generate.ts writes', () => {
    expect(readFileSync(join(DIR, CANONICAL), 'utf8')).toBe(canonicalJson());
    const made = exportsOfTheWeek();
    expect(FILES).toEqual(made.map((e) => e.name).sort());
    for (const e of made) {
      const bytes = typeof e.data === 'string' ? new TextEncoder().encode(e.data) : e.data;
      expect(Buffer.compare(readFileSync(join(DIR, e.name)), Buffer.from(bytes)), `${e.name} differs from what generate.ts writes: run it`).toBe(0);
    }
  });

  const results = FILES.map((file) => ({ file, ...check(file) }));

  it.each(FILES)('%s reads back to the same 12 visits with the same findings', (file) => {
    const r = results.find((x) => x.file === file)!;
    expect(r.errors).toEqual([]);
    expect(r.shapes).toEqual(expected(r.report));
    // Ids where the export has them; without an id column, patient and date name the visit.
    const ids = r.visits.map((v) => v.visit.id);
    if (file === 'windows-1252.csv') expect(ids[4]).toBe('José Ferrer 2026-03-17');
    else expect([...ids].sort()).toEqual(WEEK.map((w) => w.visit.id));
    expect(r.report.rows.total).toBe(r.report.rows.checked + r.report.rows.skipped + r.report.rows.refused);
  });

  it('counts: every export checked correctly', () => {
    const correct = results.filter((r) => r.errors.length === 0 && JSON.stringify(r.shapes) === JSON.stringify(expected(r.report)));
    console.info(`exports checked correctly: ${correct.length} of ${results.length}`);
    expect(correct.map((r) => r.file)).toEqual(FILES);
  });

  it('says how each was read: skipped rows with reasons, encoding, locale, the missing minutes', () => {
    const by = (f: string) => results.find((r) => r.file === f)!.report;
    expect(by('daily-totals.csv').skipped).toEqual([{ reason: 'total', count: 6, lines: [7, 11, 16, 19, 24, 25], examples: ['Daily total', 'Grand total'] }]);
    const titles = by('report-with-titles.csv');
    expect(titles.headerLine).toBe(4);
    expect(titles.skipped.map((s) => [s.reason, s.count])).toEqual([
      ['title', 6],
      ['blank', 3],
      ['repeated-header', 2],
    ]);
    expect(by('windows-1252.csv').encoding).toMatch(/^Windows-1252/);
    expect(by('excel-touched.csv').encoding).toBe('UTF-8 with a byte-order mark');
    expect(by('excel-unicode.txt').encoding).toBe('UTF-16 LE with a byte-order mark');
    expect(by('semicolon-decimal-comma.csv')).toMatchObject({ delimiter: ';', decimalComma: true, dateOrder: 'dmy' });
    expect(by('two-digit-years.csv').notes).toContain('two-digit years read as 20YY (26 → 2026)');
    const appointment = by('appointment-time.csv').columns.find((c) => c.name === 'Time')!;
    expect(appointment.role).toBeUndefined();
    expect(appointment.note).toMatch(/clock times \(08:00\): an appointment time, not minutes/);
    expect(by('svc-date-primary-insurance.csv').columns.map((c) => c.role)).toEqual(['id', 'date', 'payer', 'discipline', 'code', 'minutes', 'units', 'modifiers']);
    expect(by('wide.csv').layout).toBe('wide');
    expect(by('week.xlsx')).toMatchObject({ format: 'xlsx', sheet: 'Charges', sheets: ['Charges', 'Notes'] });
    const x12 = by('week-837p.txt');
    expect(x12).toMatchObject({ format: '837p', minutes: false });
    expect(x12.notes[0]).toMatch(/no minutes/);
  });
});
