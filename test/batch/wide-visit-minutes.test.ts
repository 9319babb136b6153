import { describe, expect, it } from 'vitest';
import { readExport } from '../../lib/batch/reader';
import type { ReadVisit } from '../../lib/batch/report';
import { evaluate } from '../../lib/rules/evaluate';

// Red-team hh-wide.csv: one row per visit with numbered code/unit columns and one visit-level
// "Minutes". The report said "Minutes" → minutes, then "no minutes column", and 4 units on 45
// minutes (the chart gives 3) passed.

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
const rules = (v: ReadVisit) => evaluate(v.visit).findings.map((f) => f.rule);

describe('wide layout with one visit-level minutes column', () => {
  const r = readExport(
    csv(
      'Visit ID,Patient,DOS,Payer,Minutes,CPT 1,Units 1,Mod 1,CPT 2,Units 2,Mod 2,CPT 3,Units 3,Mod 3',
      'V1,Ann Lee,03/16/2026,Medicare,45,97110,2,GP,97140,1,GP,97112,1,GP',
      'V2,Bob Ray,03/16/2026,Medicare,30,97110,1,GP,97140,1,GP,,,',
    ),
    'hh-wide.csv',
  );

  it('reads it as the visit total, says what it is used for, and never says "no minutes column"', () => {
    expect(r.errors).toEqual([]);
    expect(r.report.columns.find((c) => c.name === 'Minutes')).toMatchObject({ role: 'totalTreatmentMinutes' });
    expect(r.visits.map((v) => v.visit.totalTreatmentMinutes)).toEqual([45, 30]);
    expect(r.report.notes.some((n) => n.startsWith('no minutes column'))).toBe(false);
    expect(r.report.notes.find((n) => n.startsWith('no minutes per line'))).toMatch(/"Minutes" is each visit's total minutes.*split between codes is not checked; more timed units than that total supports/);
  });

  it('flags 4 timed units on 45 total minutes (3 at most), and not 2 units on 30', () => {
    expect(rules(r.visits[0]!)).toContain('units.over-billed');
    const f = evaluate(r.visits[0]!.visit).findings.find((x) => x.rule === 'units.over-billed')!;
    expect(f.message).toContain('4 timed units entered, but the visit\'s 45 minutes of total treatment time');
    expect(rules(r.visits[1]!)).not.toContain('units.over-billed');
  });
});
